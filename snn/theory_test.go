package snn

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// refLIF is the neuron of data/reference/siegert_mpmath.py.
var refLIF = LIF{TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -65, TRef: 2}

// readReference loads the rows (after the header) of a CSV file in
// data/reference/, by default siegert.csv (mpmath, 30 digits).
func readReference(t *testing.T, name ...string) [][]string {
	file := "siegert.csv"
	if len(name) > 0 {
		file = name[0]
	}
	f, err := os.Open("../data/reference/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func TestSiegertAgainstMpmath(t *testing.T) {
	num := func(s string) float64 { x, _ := strconv.ParseFloat(s, 64); return x }
	for _, r := range readReference(t) {
		want := num(r[4])
		var got float64
		var err error
		tol := 1e-12
		switch r[0] {
		case "rate":
			got, err = Siegert(refLIF, num(r[2]), num(r[3]))
		case "cv":
			got, err = SiegertCV(refLIF, num(r[2]), num(r[3]))
		case "erfcx":
			got, tol = erfcx(num(r[1])), 1e-13
		}
		if err != nil {
			t.Fatal(err)
		}
		if rel := math.Abs(got/want - 1); rel > tol {
			t.Errorf("%s x=%s μ=%s σ=%s: %.15g, want %.15g (rel err %.2g > %g)", r[0], r[1], r[2], r[3], got, want, rel, tol)
		}
	}
}

func TestSiegertTendsToNoiseFree(t *testing.T) {
	for _, mu := range []float64{-45, -30} {
		f0, err := Siegert(refLIF, mu, 0)
		if err != nil {
			t.Fatal(err)
		}
		prev := math.Inf(1)
		for _, sd := range []float64{1, 0.1, 0.01, 0.001} {
			f, err := Siegert(refLIF, mu, sd)
			if err != nil {
				t.Fatal(err)
			}
			rel := math.Abs(f/f0 - 1)
			if rel >= prev {
				t.Errorf("μ=%g σ=%g: rel diff %.3g did not shrink from %.3g", mu, sd, rel, prev)
			}
			prev = rel
		}
		if prev > 1e-6 {
			t.Errorf("μ=%g σ=0.001: rel diff to noise-free %.3g > 1e-6", mu, prev)
		}
	}
	// Below threshold the rate vanishes with the noise.
	if f, _ := Siegert(refLIF, -52, 0.05); f > 1e-100 {
		t.Errorf("sub-threshold σ → 0: rate %g, want ≈ 0", f)
	}
}

func TestFICurveMatchesAnalytic(t *testing.T) {
	m := DefaultLIF()
	I := []float64{100, 374, 400, 500, 800, 1200}
	got, err := FICurve(m, I, 0, 2000, 0.1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	for k, cur := range I {
		f, err := AnalyticRate(m, cur)
		if err != nil {
			t.Fatal(err)
		}
		if f == 0 && got[k] != 0 || f > 0 && (got[k] < f/(1+f*1e-4)*(1-1e-9) || got[k] > f*(1+1e-9)) {
			t.Errorf("I=%g pA: simulated %.4f Hz, analytic %.4f Hz (want within one step)", cur, got[k], f)
		}
	}
	if _, err := FICurve(m, nil, 0, 100, 0.1, 1, 1); err == nil {
		t.Error("FICurve with no currents: want an error")
	}
	if _, err := FICurve(m, I, 0, 100, 0.1, 0, 1); err == nil || !strings.Contains(err.Error(), "trials = 0") {
		t.Errorf("FICurve with 0 trials: %v, want an error naming trials", err)
	}
	// Noisy: 40 trials of 2 s agree with Siegert within 6 % (sampling error
	// about 2 %, grid bias about 2 % at dt = 0.01 ms).
	sig := []float64{250, 375, 500}
	noisy, err := FICurve(m, sig, 100, 2000, 0.01, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	for k, cur := range sig {
		want, _ := Siegert(m, m.EL+m.R()*cur, m.R()*100)
		if math.Abs(noisy[k]/want-1) > 0.06 {
			t.Errorf("I=%g pA σ=100 pA: %.2f Hz, Siegert %.2f Hz (tol 6 %%)", cur, noisy[k], want)
		}
	}
}

func TestSiegertBadInput(t *testing.T) {
	for _, tc := range []struct {
		mu, sd float64
		want   string
	}{{-50, -1, "sigma = -1"}, {math.NaN(), 1, "mu = NaN"}} {
		if _, err := Siegert(refLIF, tc.mu, tc.sd); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Siegert(%g, %g) = %v, want error with %q", tc.mu, tc.sd, err, tc.want)
		}
	}
	bad := refLIF
	bad.TauM = 0
	if _, err := Siegert(bad, -50, 1); err == nil || !strings.Contains(err.Error(), "TauM = 0") {
		t.Errorf("τ = 0: %v, want an error naming TauM", err)
	}
}
