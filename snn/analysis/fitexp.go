package analysis

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn/internal/param"
)

// ExpFit is a fitted relaxation y = YInf + (Y0 − YInf)·e^(−(t − t₀)/Tau).
type ExpFit struct {
	Tau, Y0, YInf float64
}

// At returns the fitted y at time t, given the first time t0 of the data.
func (f ExpFit) At(t, t0 float64) float64 { return f.YInf + (f.Y0-f.YInf)*math.Exp(-(t-t0)/f.Tau) }

// FitExpDecay fits y = yInf + (y0 − yInf)·e^(−(t − t₀)/τ), with t₀ = t[0],
// by least squares: for each τ the best y0 and yInf are linear, and τ is
// found by golden-section search on log τ between a tenth of the smallest
// spacing of t and ten times its span. It needs at least 4 points with
// finite values and increasing t, and reports an error when the best τ is
// at an end of that range (the data do not relax within it).
func FitExpDecay(t, y []float64) (ExpFit, error) {
	fail := func(p string, v any, want string) error {
		return &param.Error{Object: "FitExpDecay", Param: p, Value: v, Want: want}
	}
	if len(t) != len(y) {
		return ExpFit{}, fail("len(y)", len(y), fmt.Sprintf("len(t) = %d", len(t)))
	}
	if len(t) < 4 {
		return ExpFit{}, fail("points", len(t), "≥ 4")
	}
	minDt := math.Inf(1)
	for i := range t {
		if !isFinite(t[i]) || !isFinite(y[i]) {
			return ExpFit{}, fail(fmt.Sprintf("point %d", i), fmt.Sprintf("(%g, %g)", t[i], y[i]), "finite")
		}
		if i > 0 {
			if t[i] <= t[i-1] {
				return ExpFit{}, fail(fmt.Sprintf("t[%d]", i), t[i], fmt.Sprintf("> t[%d] = %g (increasing)", i-1, t[i-1]))
			}
			minDt = math.Min(minDt, t[i]-t[i-1])
		}
	}
	// sse returns the residual sum of squares and the best (y0, yInf) for τ.
	sse := func(tau float64) (s, a, b float64) {
		// y ≈ b + (a − b)·e, e = e^(−(t − t₀)/τ): linear in (b, c = a − b).
		var n, se, see, sy, sey float64
		for i := range t {
			e := math.Exp(-(t[i] - t[0]) / tau)
			n, se, see, sy, sey = n+1, se+e, see+e*e, sy+y[i], sey+e*y[i]
		}
		det := n*see - se*se
		c := (n*sey - se*sy) / det
		b = (sy - c*se) / n
		for i := range t {
			r := y[i] - b - c*math.Exp(-(t[i]-t[0])/tau)
			s += r * r
		}
		return s, b + c, b
	}
	lo, hi := math.Log(minDt/10), math.Log(10*(t[len(t)-1]-t[0]))
	g := (math.Sqrt(5) - 1) / 2
	x1, x2 := hi-g*(hi-lo), lo+g*(hi-lo)
	f1, _, _ := sse(math.Exp(x1))
	f2, _, _ := sse(math.Exp(x2))
	for hi-lo > 1e-10 {
		if f1 <= f2 {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - g*(hi-lo)
			f1, _, _ = sse(math.Exp(x1))
		} else {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + g*(hi-lo)
			f2, _, _ = sse(math.Exp(x2))
		}
	}
	tau := math.Exp((lo + hi) / 2)
	if math.Abs(math.Log(tau)-math.Log(minDt/10)) < 1e-6 || math.Abs(math.Log(tau)-math.Log(10*(t[len(t)-1]-t[0]))) < 1e-6 {
		return ExpFit{}, fail("data", fmt.Sprintf("best τ = %g at the end of [%g, %g]", tau, minDt/10, 10*(t[len(t)-1]-t[0])), "a relaxation with τ inside the range")
	}
	_, y0, yInf := sse(tau)
	return ExpFit{tau, y0, yInf}, nil
}
