package snn

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn/internal/paramtest"
	"github.com/snn-sim/snn/snn/internal/proc"
)

// noHang fails the test if f does not return within limit (a guard against
// hangs, not a speed measurement: the old quadrature ran for minutes).
// smallNoiseCV is the CV's σ → 0 limit above threshold:
// ν·τ_m·σ·√(1/(μ−V_θ)² − 1/(μ−V_r)²).
func smallNoiseCV(m LIF, nu, mu, sigma float64) float64 {
	dt, dr := mu-m.VTh, mu-m.VReset
	return nu * 1e-3 * m.TauM * sigma * math.Sqrt(1/(dt*dt)-1/(dr*dr))
}

// TestSiegertLimits: the inputs of issue #12 that hung, panicked or gave a
// wrong rate, and the limits the doc comments promise.
func TestSiegertLimits(t *testing.T) {
	m := DefaultLIF()
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
	m := DefaultLIF()
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
	m := DefaultLIF()
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

func TestAnalyticRateBadInput(t *testing.T) {
	m := DefaultLIF()
	big := m
	big.CM = 1                                                         // R = 10 GΩ
	noRef := LIF{TauM: 1e-5, CM: 1e-6, EL: -70, VTh: -55, VReset: -70} // R = 10 GΩ, t_ref = 0
	bad := m
	bad.CM = math.NaN()
	for _, tc := range []struct {
		m    LIF
		I    float64
		want string
	}{
		{m, math.NaN(), "AnalyticRate: I = NaN"},
		{m, math.Inf(1), "AnalyticRate: I = +Inf"},
		{big, math.MaxFloat64, "AnalyticRate: I = 1.7976931348623157e+308, want |E_L + R·I|"},
		{bad, 500, "AnalyticRate: CM = NaN"},
		{noRef, 1e307, "AnalyticRate: rate = +Inf"},
	} {
		f, err := AnalyticRate(tc.m, tc.I)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("AnalyticRate(I = %g) = %g, %v; want an error with %q", tc.I, f, err, tc.want)
		}
	}
	// Limits that are numbers: 1/t_ref for a huge current, 0 below rheobase.
	if f, err := AnalyticRate(m, 1e300); err != nil || math.Abs(f/500-1) > 1e-12 {
		t.Errorf("AnalyticRate(1e300 pA) = %g, %v; want 500 Hz", f, err)
	}
	if f, err := AnalyticRate(m, -1e300); err != nil || f != 0 {
		t.Errorf("AnalyticRate(−1e300 pA) = %g, %v; want 0", f, err)
	}
}

func TestFICurveTooManyTrials(t *testing.T) {
	m := DefaultLIF()
	for _, tc := range []struct {
		trials int
		want   string
	}{
		{1 << 40, "FICurve: trials = 1099511627776, want ≤ 715827882: 3 currents × 1099511627776 trials"},
		{math.MaxInt, "FICurve: trials = 9223372036854775807, want ≤ 715827882"},
	} {
		var err error
		paramtest.NoHang(t, "FICurve", 20*time.Second, func() { _, err = FICurve(m, []float64{1, 2, 3}, 0, 10, 0.1, tc.trials, 1) })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("FICurve with %d trials: %v, want an error with %q", tc.trials, err, tc.want)
		}
	}
	for _, d := range []float64{0, 1e-300, 0.05, math.NaN()} {
		if r, err := FICurve(m, []float64{500}, 0, d, 0.1, 1, 1); err == nil || !strings.Contains(err.Error(), "FICurve: duration = ") {
			t.Errorf("FICurve over %g ms: %v, %v; want an error naming duration (it gave NaN or 0 Hz)", d, r, err)
		}
	}
	if avail, ok := proc.Meminfo("MemAvailable"); ok {
		// A quarter above what is available now: MemAvailable moves between
		// this read and FICurve's (a margin of one trial once let FICurve
		// pass and simulate 24 GB for 213 s).
		trials := int(avail/ficurveBytesPerNeuron/3) * 5 / 4
		if trials <= math.MaxInt32/3 {
			var err error
			paramtest.NoHang(t, "FICurve", 20*time.Second, func() { _, err = FICurve(m, []float64{1, 2, 3}, 0, 10, 0.1, trials, 1) })
			if err == nil || !strings.Contains(err.Error(), "bytes, more than the") || !strings.Contains(err.Error(), "trials =") {
				t.Errorf("FICurve with %d trials (%d bytes available): %v, want an error naming trials and the bytes", trials, avail, err)
			}
		}
	}
}

// TestTheoryEveryInput calls the theory functions on every combination of
// awkward values: each call returns an error naming the function and a
// parameter, or a finite, non-negative number (and a CV that is at most a
// few when t_ref > 0, a rate at most 1/t_ref).
func TestTheoryEveryInput(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, 1e-310, 1e-100,
		1e-3, 1, -1, -55, -55.0000001, -70, -200, 1e6, -1e6, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64}
	models := []LIF{DefaultLIF(), {TauM: 1e-300, CM: 1, EL: -70, VTh: -55, VReset: -70},
		{TauM: 1e300, CM: 1e-300, EL: 0, VTh: 1e300, VReset: -1e300, TRef: 1e300}, {TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -65}}
	for _, m := range models {
		// With t_ref > 0 an ISI is at least t_ref and the CV stays small;
		// with t_ref = 0 and huge noise the passage times spread widely.
		cvMost := math.Inf(1)
		if m.TRef > 0 {
			cvMost = 10
		}
		paramtest.NoHang(t, "theory functions", 60*time.Second, func() {
			for _, mu := range vals {
				for _, sd := range vals {
					nu, err := Siegert(m, mu, sd)
					check(t, "Siegert", mu, sd, nu, err, 1000/m.TRef)
					cv, err := SiegertCV(m, mu, sd)
					check(t, "SiegertCV", mu, sd, cv, err, cvMost)
				}
				f, err := AnalyticRate(m, mu)
				check(t, "AnalyticRate", mu, 0, f, err, 1000/m.TRef)
			}
		})
	}
}

func check(t *testing.T, fn string, mu, sd, v float64, err error, most float64) {
	t.Helper()
	if err != nil {
		if !strings.Contains(err.Error(), fn+": ") || !strings.Contains(err.Error(), " = ") {
			t.Errorf("%s(%g, %g): error %q does not name the function and a parameter", fn, mu, sd, err)
		}
		return
	}
	if !isFinite(v) || v < 0 || v > most*(1+1e-12) {
		t.Errorf("%s(%g, %g) = %g, want finite in [0, %g] or an error", fn, mu, sd, v, most)
	}
}
