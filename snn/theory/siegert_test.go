package theory

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// refLIF is the neuron of data/reference/siegert_mpmath.py.
var refLIF = snn.LIF{TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -65, TRef: 2}

// readReference loads the rows (after the header) of a CSV file in
// data/reference/, by default siegert.csv (mpmath, 30 digits).
func readReference(t *testing.T, name ...string) [][]string {
	file := "siegert.csv"
	if len(name) > 0 {
		file = name[0]
	}
	f, err := os.Open("../../data/reference/" + file)
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

// noHang fails the test if f does not return within limit (a guard against
// hangs, not a speed measurement: the old quadrature ran for minutes).
// smallNoiseCV is the CV's σ → 0 limit above threshold:
// ν·τ_m·σ·√(1/(μ−V_θ)² − 1/(μ−V_r)²).
func smallNoiseCV(m snn.LIF, nu, mu, sigma float64) float64 {
	dt, dr := mu-m.VTh, mu-m.VReset
	return nu * 1e-3 * m.TauM * sigma * math.Sqrt(1/(dt*dt)-1/(dr*dr))
}

// TestSiegertLimits: the inputs of issue #12 that hung, panicked or gave a
// wrong rate, and the limits the doc comments promise.
func TestSiegertLimits(t *testing.T) {
	m := snn.DefaultLIF()
	f0, err := AnalyticRate(m, 20/m.R()) // μ = −50 mV
	if err != nil || math.Abs(f0-63.04000219) > 1e-8 {
		t.Fatalf("noise-free rate at μ = −50 mV: %.10g, %v; want 63.04000219 Hz", f0, err)
	}
	paramtest.NoHang(t, "Siegert and SiegertCV at the issue's inputs", 20*time.Second, func() {
		// σ → 0 above threshold: the noise-free rate to 1e-12; the CV its
		// small-noise form (corrections O(σ²/(μ−V_θ)²)).
		for _, sd := range []float64{1e-8, 1e-100, 1e-310, 5e-324} {
			nu, err := Siegert(m, -50, sd)
			if err != nil || math.Abs(nu/f0-1) > 1e-12 {
				t.Errorf("Siegert(μ = −50, σ = %g) = %.15g, %v; want the noise-free %.15g to 1e-12", sd, nu, err, f0)
			}
			cv, err := SiegertCV(m, -50, sd)
			want := smallNoiseCV(m, nu, -50, sd)
			if err != nil || cv < 0 || want > 0 && math.Abs(cv/want-1) > 1e-9 || want == 0 && cv > 1e-320 {
				t.Errorf("SiegertCV(μ = −50, σ = %g) = %.15g, %v; want %.15g to 1e-9", sd, cv, err, want)
			}
		}
		// Strong drive: the rate tends to 1/(t_ref + τ_m·ln(1 + 15/(μ − V_θ))).
		for _, c := range [][2]float64{{1e5, 1}, {1e6, 1}, {1e6, 1e-3}, {-30, 1e-3}, {1e300, 1}, {math.MaxFloat64, 1e-300}} {
			mu, sd := c[0], c[1]
			want := 1000 / (m.TRef + m.TauM*math.Log1p(15/(mu-m.VTh)))
			nu, err := Siegert(m, mu, sd)
			if err != nil || math.Abs(nu/want-1) > 1e-9 {
				t.Errorf("Siegert(μ = %g, σ = %g) = %.15g, %v; want %.15g to 1e-9", mu, sd, nu, err, want)
			}
			cv, err := SiegertCV(m, mu, sd)
			if wcv := smallNoiseCV(m, nu, mu, sd); err != nil || math.Abs(cv/wcv-1) > 1e-6 {
				t.Errorf("SiegertCV(μ = %g, σ = %g) = %.15g, %v; want %.15g to 1e-6", mu, sd, cv, err, wcv)
			}
		}
		// Far below threshold the rate underflows to 0 and the CV is 1.
		for _, c := range [][2]float64{{-1e6, 1}, {-60, 1e-3}, {-55.001, 1e-310}, {-1e300, 1}} {
			nu, err := Siegert(m, c[0], c[1])
			cv, err2 := SiegertCV(m, c[0], c[1])
			if err != nil || err2 != nil || nu != 0 || cv != 1 {
				t.Errorf("μ = %g, σ = %g: rate %g, CV %g (%v, %v); want 0 and 1", c[0], c[1], nu, cv, err, err2)
			}
		}
		// At threshold the rate vanishes only logarithmically as σ → 0:
		// 1/ν ≈ t_ref + τ_m(ln((V_θ−V_r)/(σ√2)) + ½(γ + ln 4)) with Euler's γ
		// (the integral of erfcx(−u) over [y_r, 0] for y_r → −∞).
		for _, sd := range []float64{1e-10, 1e-300, 5e-324} {
			nu, err := Siegert(m, m.VTh, sd)
			want := 1000 / (m.TRef + m.TauM*(math.Log(15)-math.Log(sd)-math.Log(math.Sqrt2)+(0.5772156649015329+math.Log(4))/2))
			if err != nil || math.Abs(nu/want-1) > 1e-9 {
				t.Errorf("Siegert(μ = V_θ, σ = %g) = %.15g, %v; want %.15g to 1e-9", sd, nu, err, want)
			}
		}
		// Huge noise: the rate tends to 1/t_ref.
		if nu, err := Siegert(m, -50, math.MaxFloat64); err != nil || math.Abs(nu/500-1) > 1e-12 {
			t.Errorf("Siegert(σ = MaxFloat64) = %.15g, %v; want 500 Hz", nu, err)
		}
	})
}

// TestSiegertRegimesAgree: at the borders between quadrature, asymptotic
// series and Kramers form, both sides give the same number at the same
// input.
func TestSiegertRegimesAgree(t *testing.T) {
	m := snn.DefaultLIF()
	for _, mu := range []float64{-50, -40, 0} {
		// y_θ just above −25, so quadrature on [−25, y_θ] and the series
		// below; compare with the series alone on the whole range.
		sd := (m.VTh - mu) / (-yAsym + 1e-6) / math.Sqrt2
		p := newPassage(m, mu, sd)
		both, ok := p.integral()
		bodyOnly, ok2 := integrate(func(u float64) float64 { return erfcx(-u) }, p.b, p.a, 1e-13)
		if !ok || !ok2 || math.Abs(both/bodyOnly-1) > 1e-12 {
			t.Errorf("μ = %g: ∫erfcx(−u) series+quadrature %.16g, quadrature %.16g (%v %v)", mu, both, bodyOnly, ok, ok2)
		}
		nu, _ := p.rate("test")
		nt := nu * 1e-3 * m.TauM
		cvMixed, ok := p.cv(nt)
		q := p
		q.a = -yAsym - 1e-12 // the pure series for the same y range (a moves by 1e-6 of it)
		cvSeries, _ := q.cv(nt)
		if !ok || math.Abs(cvMixed/cvSeries-1) > 1e-7 {
			t.Errorf("μ = %g: CV quadrature %.16g, series %.16g", mu, cvMixed, cvSeries)
		}
	}
	// The Kramers form against quadrature at y_θ = 25.9 and 20.
	for _, y := range []float64{20, 25.9} {
		p := newPassage(m, m.VTh-y*0.5*math.Sqrt2, 0.5)
		I, ok := p.integral()
		quadRate := 1000 / (m.TRef + m.TauM*math.Sqrt(math.Pi)*I)
		if k := p.kramersRate(); !ok || math.Abs(k/quadRate-1) > 1e-12 {
			t.Errorf("y_θ = %g: Kramers %.16g, quadrature %.16g Hz", y, k, quadRate)
		}
	}
}

// TestSiegertCVPoissonLimit: 1 − CV < 4ν·τ_m for y_θ ≥ 3.5, which is why
// SiegertCV returns 1 where ν·τ_m < 1e-18.
func TestSiegertCVPoissonLimit(t *testing.T) {
	m := refLIF
	for _, mu := range []float64{-60, -62, -64} { // σ = 2: y_θ = 3.5, 4.2, 4.9
		nu, _ := Siegert(m, mu, 2)
		cv, err := SiegertCV(m, mu, 2)
		if nt := nu * 1e-3 * m.TauM; err != nil || !(1-cv > 0 && 1-cv < 4*nt) {
			t.Errorf("μ = %g: 1 − CV = %.3g, ν·τ_m = %.3g (%v); want 0 < 1 − CV < 4ν·τ_m", mu, 1-cv, nt, err)
		}
	}
}

// TestSiegertCVWithoutNoise: sigma = 0 gives the limit σ → 0.
func TestSiegertCVWithoutNoise(t *testing.T) {
	m := snn.DefaultLIF()
	for _, mu := range []float64{-60, -55, -50} {
		cv0, err := SiegertCV(m, mu, 0)
		tiny, err2 := SiegertCV(m, mu, 1e-300)
		want := 0.0
		if mu < m.VTh {
			want = 1
		}
		if err != nil || err2 != nil || cv0 != want || math.Abs(tiny-want) > 0.002 {
			t.Errorf("μ = %g: SiegertCV σ = 0: %g, σ = 1e-300: %g (%v, %v); want both ≈ %g", mu, cv0, tiny, err, err2, want)
		}
	}
}
