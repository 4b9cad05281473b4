package theory

import (
	"math"
	"strings"
	"testing"

	"github.com/snn-sim/snn/snn"
)

func TestAnalyticRateBadInput(t *testing.T) {
	m := snn.DefaultLIF()
	big := m
	big.CM = 1                                                             // R = 10 GΩ
	noRef := snn.LIF{TauM: 1e-5, CM: 1e-6, EL: -70, VTh: -55, VReset: -70} // R = 10 GΩ, t_ref = 0
	bad := m
	bad.CM = math.NaN()
	for _, tc := range []struct {
		m    snn.LIF
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
