package nb

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	values := map[string]float64{"rate": 17.345, "cv": 0.675, "diff": -0.0051, "up": 0.04, "silent": 0.015, "n": 500,
		"chi": 0.045321, "big": 1234567, "tiny": 0.00012, "nine": 9.996, "neg": -1.5}
	for _, c := range []struct{ md, want string }{
		{"rate {rate:.1f} Hz, CV {cv:.2f}", "rate 17.3 Hz, CV 0.68"},
		{"{diff:+.2%} and {up:+.2f}", "−0.51 % and +0.04"},
		{"{silent:.1%} silent of {n:.0f}", "1.5 % silent of 500"},
		{"χ {chi:.3g}, {chi}, {rate}, {nine}, {neg}", "χ 0.0453, 0.0453, 17.3, 10.0, −1.50"},
		{"{big} and {tiny}", "1.23e+06 and 0.00012"},
		{"{cv:.2}", "0.68"},
		{"{rate:.1e}", "1.7e+01"},
		// What stays as typed: formulas with integers, code, years,
		// references, ordinals, names, list numbers, link targets.
		{"falls as $N^{-1/2}$ (`rate_e_hz`, `snn.Sweep`)", "falls as $N^{-1/2}$ (`rate_e_hz`, `snn.Sweep`)"},
		{"$$\\sigma^2 = 2 \\tau$$ Brunel (2000), Fig. 8, Figs. 2 and 3, Eq. 4, notebook 06, notebooks 03–05, notebook 10", ""},
		{"the 1st and 99th percentiles of CA3 and N_E2", ""},
		{"1. first\n2. second {n:.0f}", "1. first\n2. second 500"},
		{"[Brunel 2000](https://doi.org/10.1023/A:1008925309027)", ""},
		{"a {brace} that is not a key? no: {rate:.0f}", ""},
	} {
		want := c.want
		if want == "" {
			want = c.md
		}
		got, err := Render(c.md, values)
		if c.md == "a {brace} that is not a key? no: {rate:.0f}" {
			if err == nil || !strings.Contains(err.Error(), "{brace} is not a value this run recorded") {
				t.Errorf("Render(%q): error %v, want the missing key named", c.md, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("Render(%q) = %q, %v; want %q", c.md, got, err, want)
		}
	}
}

// TestRenderRefuses: every typed number, a key the run did not record, a
// non-finite value and a bad format are errors that name what is wrong.
func TestRenderRefuses(t *testing.T) {
	values := map[string]float64{"cv": 0.67, "nan": math.NaN()}
	for _, c := range []struct{ md, want string }{
		{"Neurons fire irregularly (CV 0.68).", `types the number 0.68`},
		{"With seed 8 the rate", `types the number 8`},
		{"over 3 seeds", `types the number 3`},
		{"an EPSP of −1,5 mV", `types the number 1,5`},
		{"$\\chi = 0.12$", `types the number 0.12`},
		{"`dt = 0.1`", `types the number 0.1`},
		{"NEURON's E rate {rate_neuron_e_hz:.1f} Hz", `{rate_neuron_e_hz} is not a value this run recorded with nb.Result (recorded: cv, nan)`},
		{"{nan:.2f}", `{nan} is NaN`},
		{"{cv:.2x}", `the format ".2x" is not`},
		{"CV {cv:.2f} at 18 Hz", `"CV {cv:.2f} at 18 Hz" types the number 18`},
	} {
		_, err := Render(c.md, values)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "nb.Conclusion: ") {
			t.Errorf("Render(%q): error %v, want one containing %q", c.md, err, c.want)
		}
	}
}

// TestResultRecords: in a notebook session Result records its values for
// Recorded, later calls add and replace keys, non-finite values come back
// as NaN; outside a session Recorded is an error.
func TestResultRecords(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	if _, err := Recorded(); err == nil || !strings.Contains(err.Error(), "not in a notebook") {
		t.Errorf("Recorded outside a notebook: %v, want an error", err)
	}
	dir := t.TempDir()
	t.Setenv("GONB_TMP_DIR", dir)
	stdout := os.Stdout
	os.Stdout, _ = os.Open(os.DevNull)
	Result(map[string]float64{"a": 1.0 / 3, "b": 2, "bad": math.Inf(1)})
	Result(map[string]float64{"b": 5, "c": -7})
	os.Stdout = stdout
	got, err := Recorded()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got["a"] != 1.0/3 || got["b"] != 5 || got["c"] != -7 || !math.IsNaN(got["bad"]) {
		t.Errorf("recorded %v, want a = 1/3 (full precision), b = 5, c = −7, bad = NaN", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "snn-results.json")); err != nil {
		t.Errorf("no results file in the session's folder: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "snn-results.json"), []byte("{"), 0o644)
	if _, err := Recorded(); err == nil {
		t.Errorf("a corrupt results file read without error")
	}
}

func ExampleRender() {
	values := map[string]float64{"rate_e_hz": 17.345, "rate_e_se": 0.21, "cv_e": 0.6749, "silent_frac_e": 0.015, "excess": -0.0048}
	md, err := Render("E neurons fire at {rate_e_hz:.1f} ± {rate_e_se:.1f} Hz with CV {cv_e:.2f}; {silent_frac_e:.1%} are silent; excess {excess:+.1%}.", values)
	fmt.Println(md, err)
	_, err = Render("E neurons fire irregularly (CV 0.68).", values)
	fmt.Println(err)
	// Output:
	// E neurons fire at 17.3 ± 0.2 Hz with CV 0.67; 1.5 % are silent; excess −0.5 %. <nil>
	// nb.Conclusion: "neurons fire irregularly (CV 0.68)." types the number 0.68: a number in a conclusion must be a placeholder {key:spec} of a value recorded with nb.Result (integers may stand in $…$ formulas)
}
