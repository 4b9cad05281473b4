package theory

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestTheoryEveryInput calls the theory functions on every combination of
// awkward values: each call returns an error naming the function and a
// parameter, or a finite, non-negative number (and a CV that is at most a
// few when t_ref > 0, a rate at most 1/t_ref).
func TestTheoryEveryInput(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, 1e-310, 1e-100,
		1e-3, 1, -1, -55, -55.0000001, -70, -200, 1e6, -1e6, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64}
	models := []snn.LIF{snn.DefaultLIF(), {TauM: 1e-300, CM: 1, EL: -70, VTh: -55, VReset: -70},
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
