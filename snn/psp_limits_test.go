package snn

import (
	"math"
	"strings"
	"testing"
)

func TestPSPBadInput(t *testing.T) {
	m := DefaultLIF()
	r := CurrentExp("ampa", 2)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{third(PSP(m, r, 1, math.NaN(), 0.1, 50)), "PSP: hold = NaN, want a finite potential"},
		{third(PSP(m, r, math.Inf(1), -70, 0.1, 50)), "PSP: w = +Inf, want a finite weight"},
		{third(PSP(LIF{TauM: 10, CM: 1e300, EL: -70, VTh: -55, VReset: -70}, r, 1, 1e300, 0.1, 50)), "PSP: hold = 1e+300, want a potential whose holding current"},
		{third(PSP(LIF{TauM: math.NaN(), CM: 250, EL: -70, VTh: -55, VReset: -70}, r, 1, -70, 0.1, 50)), "PSP: model: TauM = NaN"},
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
