//go:build notebooks

package notebooks

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// expect lists, per notebook, the least number of chart outputs and the
// range [lo, hi] of each key number on its SNN_RESULT line. A notebook not
// listed is still executed and checked for errors and charts.
var expect = map[string]struct {
	charts int
	ranges map[string][2]float64
}{
	"00-quickstart": {4, map[string][2]float64{
		"rate_e_hz": {2, 30}, "rate_i_hz": {2, 30}, "cv_e": {0.5, 1.5},
	}},
}

// result is a notebook's executed form.
type result struct {
	charts int
	values map[string]float64
}

var resultLine = regexp.MustCompile(`SNN_RESULT (\{.*\})`)

func readExecuted(t *testing.T, path string) result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				Type string         `json:"output_type"`
				Text any            `json:"text"`
				Data map[string]any `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	r := result{values: map[string]float64{}}
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if html, ok := o.Data["text/html"]; ok {
				r.charts += strings.Count(join(html), "echarts.init(")
			}
			if o.Type == "stream" {
				for _, m := range resultLine.FindAllStringSubmatch(join(o.Text), -1) {
					var v map[string]*float64
					if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
						t.Errorf("%s: bad SNN_RESULT line %s: %v", path, m[0], err)
					}
					for k, x := range v {
						if x != nil {
							r.values[k] = *x
						}
					}
				}
			}
		}
	}
	return r
}

func join(x any) string {
	switch v := x.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			b.WriteString(s.(string))
		}
		return b.String()
	}
	return ""
}

func TestNotebooks(t *testing.T) {
	out, err := filepath.Abs("../out/test")
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(out)
	cmd := exec.Command("bash", "../scripts/studies.sh", out)
	log, err := cmd.CombinedOutput()
	t.Logf("scripts/studies.sh:\n%s", log)
	if err != nil {
		t.Fatalf("executing the notebooks failed: %v", err)
	}
	nbs, _ := filepath.Glob("*.ipynb")
	if len(nbs) == 0 {
		t.Fatal("no notebooks found")
	}
	for _, nb := range nbs {
		name := strings.TrimSuffix(nb, ".ipynb")
		t.Run(name, func(t *testing.T) {
			r := readExecuted(t, filepath.Join(out, nb))
			want, listed := expect[name]
			minCharts := max(1, want.charts)
			if r.charts < minCharts {
				t.Errorf("%d chart outputs, want ≥ %d", r.charts, minCharts)
			}
			if !listed {
				return
			}
			for k, rg := range want.ranges {
				v, ok := r.values[k]
				switch {
				case !ok:
					t.Errorf("SNN_RESULT has no %q (has %v)", k, r.values)
				case v < rg[0] || v > rg[1]:
					t.Errorf("%s = %g, want in [%g, %g]", k, v, rg[0], rg[1])
				default:
					t.Logf("%s = %g in [%g, %g]", k, v, rg[0], rg[1])
				}
			}
			browserCheck(t, filepath.Join(out, name+".html"))
		})
	}
}

var chartDiv = regexp.MustCompile(`<div class="item" id="([A-Za-z]{12})"`)

// browserCheck renders an HTML report in headless chromium with the network
// closed, checks that every chart div holds an ECharts instance with a
// canvas, and saves a full-page screenshot beside the report.
func browserCheck(t *testing.T, html string) {
	t.Helper()
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	ids := chartDiv.FindAllStringSubmatch(string(page), -1)
	if len(ids) == 0 {
		t.Fatalf("%s has no chart", html)
	}
	dom := chromium(t, html, "--dump-dom")
	for _, id := range ids {
		re := regexp.MustCompile(`id="` + id[1] + `"[^>]*_echarts_instance_="[^"]+"><div[^>]*><canvas[^>]*width="([1-9][0-9]*)"`)
		if !re.Match(dom) {
			t.Errorf("chart %s did not draw in chromium", id[1])
		}
	}
	chromium(t, html, "--screenshot="+strings.TrimSuffix(html, ".html")+".png", "--window-size=1200,"+itoa(900+480*len(ids)))
	t.Logf("%d charts drew; screenshot %s", len(ids), strings.TrimSuffix(html, ".html")+".png")
}

func chromium(t *testing.T, html string, args ...string) []byte {
	t.Helper()
	bin := "chromium"
	if c := os.Getenv("CHROMIUM"); c != "" {
		bin = c
	}
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", // the network is closed
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=10000"}
	out, err := exec.Command(bin, append(append(base, args...), "file://"+html)...).Output()
	if err != nil {
		t.Fatalf("chromium %v: %v", args, err)
	}
	return out
}

func itoa(n int) string { return fmtInt(n) }

func fmtInt(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
