package theory

import (
	"math"
	"strings"
	"testing"

	"github.com/snn-sim/snn/snn"
)

func TestPSPBadInput(t *testing.T) {
	m := snn.DefaultLIF()
	r := snn.CurrentExp("ampa", 2)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{third(PSP(m, r, 1, math.NaN(), 0.1, 50)), "PSP: hold = NaN, want a finite potential"},
		{third(PSP(m, r, math.Inf(1), -70, 0.1, 50)), "PSP: w = +Inf, want a finite weight"},
		{third(PSP(snn.LIF{TauM: 10, CM: 1e300, EL: -70, VTh: -55, VReset: -70}, r, 1, 1e300, 0.1, 50)), "PSP: hold = 1e+300, want a potential whose holding current"},
		{third(PSP(snn.LIF{TauM: math.NaN(), CM: 250, EL: -70, VTh: -55, VReset: -70}, r, 1, -70, 0.1, 50)), "PSP: model: TauM = NaN"},
		{second(MatchPSP(m, r, math.NaN(), 0.1)), "MatchPSP: target = NaN, want a finite PSP amplitude ≠ 0 mV"},
		{second(MatchPSP(m, r, 0, 0.1)), "MatchPSP: target = 0"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%v, want an error with %q", tc.err, tc.want)
		}
	}
	// PSPPeak: the common samples of T and V; a NaN is reported, not skipped.
	if a, at := PSPPeak([]float64{0, 1}, []float64{-70, -69, -60}, -70); a != 1 || at != 1 {
		t.Errorf("PSPPeak with a longer V = %g at %g, want 1 at 1", a, at)
	}
	if a, at := PSPPeak([]float64{0, 1, 2}, []float64{-69, math.NaN(), -60}, -70); !math.IsNaN(a) || at != 1 {
		t.Errorf("PSPPeak with a NaN = %g at %g, want NaN at 1", a, at)
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

func TestPSPAndMatch(t *testing.T) {
	m := snn.LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -65, TRef: 2}
	// A delta PSP is exactly w, whatever the holding potential.
	T, V, err := PSP(m, snn.Delta("d"), 0.5, -55, 0.1, 50)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := PSPPeak(T, V, -55); math.Abs(a-0.5) > 1e-9 {
		t.Errorf("delta PSP at −55 mV: %g, want 0.5 mV", a)
	}
	// Matched conductance weights reproduce the target at rest.
	for _, r := range []snn.Receptor{snn.ConductanceExp("ampa", 5, 0), snn.ConductanceExp("gaba", 10, -80)} {
		target := 0.5
		if r.ERev < m.EL {
			target = -0.5
		}
		w, err := MatchPSP(m, r, target, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		T, V, _ := PSP(m, r, w, m.EL, 0.1, 100)
		if a, _ := PSPPeak(T, V, m.EL); math.Abs(a/target-1) > 1e-6 || w <= 0 {
			t.Errorf("%s: w = %g nS gives %g mV, want %g (1e-6 rel)", r.Name, w, a, target)
		}
		// The driving force scales the PSP: an excitatory PSP held 10 mV
		// nearer E_rev is smaller by about 10/65.
		if r.ERev == 0 {
			T, V, _ := PSP(m, r, w, -55, 0.1, 100)
			a, _ := PSPPeak(T, V, -55)
			if want := 0.5 * 55.0 / 65.0; math.Abs(a/want-1) > 0.02 {
				t.Errorf("AMPA PSP at −55 mV: %g, want %g ± 2 %% (driving force)", a, want)
			}
		}
	}
}
