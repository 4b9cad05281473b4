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
	"time"

	"github.com/snn-sim/snn/internal/browser"
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
	// Simulated f–I within the grid bound (f·dt ≈ 2e-3 at 150 Hz); nothing
	// below rheobase without noise; Siegert within 12 % where f > 10 Hz (40
	// neurons × 2 s: ~3 % sampling error per point over ~35 points); noise
	// makes a sub-threshold current fire; CV 0 without noise and close to
	// the first-passage theory at the largest σ.
	"01-constant-current-and-noise": {12, map[string][2]float64{
		"fi_max_rel_err": {0, 3e-3}, "rate_sub_no_noise_hz": {0, 0}, "siegert_max_rel_err": {0, 0.12},
		"rate_sub_noise_hz": {5, 60}, "cv_no_noise": {0, 1e-6}, "cv_max_sigma": {0.55, 0.7}, "cv_max_sigma_theory": {0.6, 0.66},
	}},
	// GABA PSP vanishes at its reversal (1e-9 mV) and is positive below it;
	// AMPA PSP larger far from E_rev (−90) than near it (−50): ratio
	// 90/50 = 1.8 for a small conductance; delta PSP independent of V;
	// the shunt reduces the EPSP; both networks fire.
	"02-delta-vs-conductance-synapses": {7, map[string][2]float64{
		"gaba_psp_at_erev_mv": {-1e-9, 1e-9}, "gaba_psp_below_erev_mv": {0.1, 1}, "ampa_ratio_m90_m50": {1.6, 2.0},
		"delta_psp_spread_mv": {-1e-9, 1e-9}, "shunt_epsp_ratio": {0.5, 0.95},
		"delta_rate_e_hz": {1, 150}, "conductance_rate_e_hz": {1, 150},
		"cond_ie_ratio_rest": {4, 5.01}, "cond_ie_ratio_near_threshold": {8, 16},
	}},
	// Population fluctuations shrink with N (slope clearly negative, not
	// steeper than independent noise) and so does χ.
	"03-full-connectivity": {4, map[string][2]float64{
		"sd_slope": {-0.6, -0.25}, "chi_small": {0.15, 0.4}, "chi_large": {0, 0.1}, "rate_e_hz_large": {5, 60},
	}},
	// In-degree mean within 0.5 % and variance within 10 % of Binomial
	// (1600 samples: variance standard error 3.5 %); sparser networks fire
	// more irregularly.
	"04-fixed-coupling-probability": {4, map[string][2]float64{
		"indeg_mean_rel_err": {-0.005, 0.005}, "indeg_var_rel_err": {-0.1, 0.1},
		"rate_min_hz": {5, 60}, "rate_max_hz": {5, 80}, "cv_sparse": {0.8, 1.3}, "cv_dense": {0.5, 1.0},
	}},
	// In-degrees exactly K; fluctuations fall faster with N at fixed K
	// than at fixed p.
	"05-fixed-presynaptic-partners": {4, map[string][2]float64{
		"indeg_min": {80, 80}, "indeg_max": {80, 80}, "rate_fixed_k_hz": {5, 60}, "rate_fixed_p_hz": {5, 60},
		"slope_fixed_k": {-0.8, -0.4}, "slope_fixed_p": {-0.45, 0},
	}},
	// E and I fire at moderate rates; inhibition outweighs excitation;
	// weak inhibition: regular and more synchronous, strong: irregular.
	"06-ei-populations-random-input": {7, map[string][2]float64{
		"rate_e_hz": {5, 60}, "rate_i_hz": {5, 60}, "cv_e": {0.4, 1.2}, "balance_ratio": {1, 5},
		"chi_weak_inh": {0.1, 0.5}, "chi_strong_inh": {0, 0.1}, "cv_weak_inh": {0, 0.45}, "cv_strong_inh": {0.8, 1.3},
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
			browserCheck(t, filepath.Join(out, name+".html"))
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
		})
	}
	// Claims the notebooks' conclusions make.
	t.Run("claims", func(t *testing.T) {
		r2 := readExecuted(t, filepath.Join(out, "02-delta-vs-conductance-synapses.ipynb")).values
		if r2["conductance_rate_e_hz"] >= r2["delta_rate_e_hz"] || r2["conductance_cv_e"] <= r2["delta_cv_e"] {
			t.Errorf("02: the conductance network should fire slower and more irregularly: %g vs %g Hz, CV %g vs %g",
				r2["conductance_rate_e_hz"], r2["delta_rate_e_hz"], r2["conductance_cv_e"], r2["delta_cv_e"])
		}
		r5 := readExecuted(t, filepath.Join(out, "05-fixed-presynaptic-partners.ipynb")).values
		if r5["slope_fixed_k"] >= r5["slope_fixed_p"] {
			t.Errorf("05: fluctuations should fall faster at fixed K (slope %g) than at fixed p (%g)", r5["slope_fixed_k"], r5["slope_fixed_p"])
		}
		r6 := readExecuted(t, filepath.Join(out, "06-ei-populations-random-input.ipynb")).values
		if r6["chi_weak_inh"] <= r6["chi_strong_inh"] || r6["cv_weak_inh"] >= r6["cv_strong_inh"] {
			t.Errorf("06: weak inhibition should be more synchronous and more regular: χ %g vs %g, CV %g vs %g",
				r6["chi_weak_inh"], r6["chi_strong_inh"], r6["cv_weak_inh"], r6["cv_strong_inh"])
		}
	})
}

var chartDiv = regexp.MustCompile(`<div class="item" id="([A-Za-z]{12})"`)

// browserCheck opens an HTML report in headless chromium with the network
// closed (chromedp) and checks what ECharts holds (internal/browser's
// Check): every chart drew and has a toolbox, every time axis a dataZoom,
// linked panels zoom together, no colour scale's labels are rounded into
// one value, no histogram that states its n lost counts. It saves a
// full-page screenshot beside the report.
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
	p, err := browser.Open(html, 1200, 900, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	problems, hists, err := p.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range problems {
		t.Error(pr)
	}
	png := strings.TrimSuffix(html, ".html") + ".png"
	if err := p.Screenshot(png); err != nil {
		t.Error(err)
	}
	t.Logf("%d charts drew and passed the browser checks (%d histograms with their n); screenshot %s", len(ids), hists, png)
}

