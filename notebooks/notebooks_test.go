//go:build notebooks

package notebooks

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
	// Brette & Gerstner's adaptive LIF under 1000 pA (deterministic: the
	// ISIs within a few steps of dt, the fits within ~20 %); the small-step
	// τ within 20 % of the derived τ_eff; the networks over three seeds.
	"07-spike-frequency-adaptation": {8, map[string][2]float64{
		"first_isi_ms": {11.5, 12.7}, "adapted_isi_ms": {32, 36.5}, "isi_ratio": {2.5, 3.2}, "tau_fit_ms": {40, 70}, "tau_w_ms": {144, 144},
		"slope_onset_hz_per_pa": {0.07, 0.12}, "slope_adapted_hz_per_pa": {0.04, 0.075},
		"tau_eff_ms": {40, 62}, "tau_small_step_ms": {40, 65}, "tau_small_over_eff": {0.85, 1.2},
		"rate_without": {12, 30}, "rate_with": {2, 10}, "cv_without": {0.55, 0.9}, "cv_with": {0.4, 0.7},
		"chi_without": {0.07, 0.15}, "chi_with": {0.03, 0.09},
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
		r7 := readExecuted(t, filepath.Join(out, "07-spike-frequency-adaptation.ipynb")).values
		if r7["tau_fit_ms"] >= r7["tau_w_ms"]/2 || r7["tau_eff_ms"] >= r7["tau_w_ms"]/2 {
			t.Errorf("07: the rate should adapt faster than τ_w/2: fitted τ %g, τ_eff %g, τ_w %g ms", r7["tau_fit_ms"], r7["tau_eff_ms"], r7["tau_w_ms"])
		}
		if r7["slope_adapted_hz_per_pa"] >= r7["slope_onset_hz_per_pa"] {
			t.Errorf("07: adaptation should lower the f–I slope: %g vs %g Hz/pA", r7["slope_adapted_hz_per_pa"], r7["slope_onset_hz_per_pa"])
		}
		// Adaptation lowers the E rate by more than half, the CV and χ;
		// each difference exceeds twice the sum of the SDs over seeds.
		if r7["rate_with"] >= r7["rate_without"]/2 {
			t.Errorf("07: adaptation should halve the rate at least: %g vs %g Hz", r7["rate_with"], r7["rate_without"])
		}
		for _, q := range []string{"rate", "cv", "chi"} {
			if d, sd := r7[q+"_without"]-r7[q+"_with"], r7[q+"_without_sd"]+r7[q+"_with_sd"]; d <= 2*sd {
				t.Errorf("07: %s without − with adaptation = %g, want > 2·(sum of SDs) = %g", q, d, 2*sd)
			}
		}
	})
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
	chromium(t, html, "--screenshot="+strings.TrimSuffix(html, ".html")+".png", "--window-size=1200,"+strconv.Itoa(900+480*len(ids)))
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
		"--user-data-dir=" + t.TempDir()}
	out, err := exec.Command(bin, append(append(base, args...), "file://"+html)...).Output()
	if err != nil {
		t.Fatalf("chromium %v: %v", args, err)
	}
	return out
}
