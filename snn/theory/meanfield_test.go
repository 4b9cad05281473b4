package theory

import (
	"math"
	"strconv"
	"testing"

	"github.com/snn-sim/snn/snn"
)

// brunel is the mean field of Brunel's (2000) network as
// data/reference/meanfield_mpmath.py sets it up (and networks.Brunel's
// MeanField returns it): N_E = 10,000, N_I = 2,500, C_E = 1000, C_I = 250,
// J = 0.1 mV, τ_m = 20 ms, θ = 20 mV, t_ref = 2 ms, external inputs at
// η·ν_thr with ν_thr = θ/(J·C_E·τ_m) = 10 Hz.
func brunel(g, eta, vReset float64) MeanField {
	m := snn.LIF{TauM: 20, CM: 250, EL: 0, VTh: 20, VReset: vReset, TRef: 2}
	return MeanField{Model: m, CE: 1000, CI: 250, CExt: 1000, J: 0.1, G: g, NuExt: eta * 10}
}

// TestMeanFieldMatchesMpmath compares the stationary states with
// data/reference/meanfield.csv (mpmath, 30 digits, bracketing and
// root-finding of its own): rate, μ and σ to 1e-6 relative, the CV to
// 1e-6 (SiegertCV's own tolerance is far tighter).
func TestMeanFieldMatchesMpmath(t *testing.T) {
	rows := readReference(t, "meanfield.csv")
	if len(rows) < 10 {
		t.Fatalf("%d rows in meanfield.csv, want ≥ 10", len(rows))
	}
	num := func(s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, r := range rows {
		got, err := brunel(num(r[1]), num(r[2]), num(r[0])).Solve()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"rate", got.Rate, num(r[3])}, {"mu", got.Mu, num(r[4])}, {"sigma", got.Sigma, num(r[5])}, {"cv", got.CV, num(r[6])}} {
			if math.Abs(c.got/c.want-1) > 1e-6 {
				t.Errorf("V_reset %s g %s η %s: %s = %.10g, want %.10g (1e-6 relative)", r[0], r[1], r[2], c.name, c.got, c.want)
			}
		}
	}
}

// At the stationary rate the input moments give back the rate itself, and
// ν_thr brings the mean free potential to threshold.
func TestMeanFieldSelfConsistent(t *testing.T) {
	mf := brunel(5, 1, 10)
	if mu, _, _ := mf.Input(0); math.Abs(mu-20) > 1e-12 {
		t.Errorf("μ(ν = 0) at η = 1 is %g mV, want θ = 20", mu)
	}
	mf = brunel(5, 2, 10)
	s, err := mf.Solve()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := mf.Diffusion(s.Rate).Rate()
	if math.Abs(r/s.Rate-1) > 1e-12 {
		t.Errorf("Siegert at the solution %g Hz, want the solution %g Hz", r, s.Rate)
	}
}

func TestMeanFieldErrors(t *testing.T) {
	for _, f := range []MeanField{
		{Model: snn.DefaultLIF(), CE: 100, J: -0.1, NuExt: 10},
		{Model: snn.DefaultLIF(), CE: -1, J: 0.1, NuExt: 10},
		{Model: snn.DefaultLIF(), CE: 100, J: 0.1, NuExt: math.NaN()},
		{Model: snn.LIF{}, CE: 100, J: 0.1, NuExt: 10},
	} {
		if _, err := f.Solve(); err == nil {
			t.Errorf("%+v: no error", f)
		}
	}
	// No drive, rest below threshold: the quiet state.
	s, err := MeanField{Model: brunel(5, 0, 10).Model, CE: 1000, CI: 250, J: 0.1, G: 5}.Solve()
	if err != nil || s.Rate != 0 {
		t.Errorf("no drive: rate %g (%v), want 0", s.Rate, err)
	}
}
