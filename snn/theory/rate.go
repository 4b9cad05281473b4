package theory

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// AnalyticRate returns the firing rate (Hz) of a noise-free LIF neuron
// driven by a constant current I (pA):
//
//	f = 1/(t_ref + τ_m·ln((R·I − (V_reset − E_L))/(R·I − (V_th − E_L))))
//
// and 0 at or below the rheobase. It returns an error for an invalid model,
// a current that is not finite or whose E_L + R·I is beyond the float range,
// and a rate that is not representable (t_ref = 0 and a current near the
// float range).
func AnalyticRate(m snn.LIF, I float64) (float64, error) {
	c := &param.Checker{Object: "AnalyticRate"}
	c.Add(m.Validate("AnalyticRate"))
	if c.Finite("I", I, " pA") {
		if mu := m.EL + m.R()*I; !isFinite(mu) && c.OK() {
			c.Fail("I", I, fmt.Sprintf("|E_L + R·I| ≤ %g mV (R = %g GΩ)", math.MaxFloat64, m.R()))
		}
	}
	if err := c.Err(); err != nil {
		return 0, err
	}
	return noiseFree("AnalyticRate", m, m.EL+m.R()*I)
}

// noiseFree is the noise-free rate (Hz) for a mean free potential mu (mV),
// or an error naming fn if it is not representable.
func noiseFree(fn string, m snn.LIF, mu float64) (float64, error) {
	if mu <= m.VTh {
		return 0, nil
	}
	// ln((μ − V_r)/(μ − V_θ)) without forming a ratio of two huge numbers.
	f := 1000 / (m.TRef + m.TauM*math.Log1p((m.VTh-m.VReset)/(mu-m.VTh)))
	if !isFinite(f) {
		return 0, &param.Error{Object: fn, Param: "rate", Value: f, Want: fmt.Sprintf("finite: mu = %g mV with TRef = %g ms and TauM = %g ms gives no representable rate", mu, m.TRef, m.TauM)}
	}
	return f, nil
}

func isFinite(x float64) bool { return param.IsFinite(x) }
