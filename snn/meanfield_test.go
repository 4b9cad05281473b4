package snn

import (
	"math"
	"strconv"
	"testing"
)

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
		b := NewBrunel(num(r[1]), num(r[2]), 1)
		b.VReset = num(r[0])
		got, err := b.MeanField().Solve()
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
	b := NewBrunel(5, 2, 1)
	if got := b.NuThr(); math.Abs(got-10) > 1e-12 {
		t.Errorf("ν_thr = %g Hz, want θ/(J·C_E·τ) = 20/(0.1·1000·20 ms) = 10 Hz", got)
	}
	b.Eta = 1
	mf := b.MeanField()
	if mu, _, _ := mf.Input(0); math.Abs(mu-20) > 1e-12 {
		t.Errorf("μ(ν = 0) at η = 1 is %g mV, want θ = 20", mu)
	}
	b.Eta = 2
	mf = b.MeanField()
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
		{Model: DefaultLIF(), CE: 100, J: -0.1, NuExt: 10},
		{Model: DefaultLIF(), CE: -1, J: 0.1, NuExt: 10},
		{Model: DefaultLIF(), CE: 100, J: 0.1, NuExt: math.NaN()},
		{Model: LIF{}, CE: 100, J: 0.1, NuExt: 10},
	} {
		if _, err := f.Solve(); err == nil {
			t.Errorf("%+v: no error", f)
		}
	}
	// No drive, rest below threshold: the quiet state.
	s, err := MeanField{Model: NewBrunel(5, 0, 1).Model(), CE: 1000, CI: 250, J: 0.1, G: 5}.Solve()
	if err != nil || s.Rate != 0 {
		t.Errorf("no drive: rate %g (%v), want 0", s.Rate, err)
	}
}

func TestBrunelBuild(t *testing.T) {
	b := NewBrunel(5, 2, 1)
	b.NE, b.NI, b.CE = 400, 100, 80
	net, e, i, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if e.Size() != 400 || i.Size() != 100 || b.CI() != 20 {
		t.Fatalf("sizes %d, %d, CI %d; want 400, 100, 20", e.Size(), i.Size(), b.CI())
	}
	for k, pr := range net.Projections() {
		want := []int{80, 20, 80, 20}[k]
		for _, d := range pr.InDegrees() {
			if d != want {
				t.Fatalf("%s: in-degree %d, want %d", pr.Name(), d, want)
			}
		}
	}
	if _, _, _, err := (Brunel{NE: 10, NI: 0, CE: 1, J: 0.1}).Build(); err == nil {
		t.Error("NI = 0: no error")
	}
}
