package analysis

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Quantiles returns the empirical quantiles q (each in [0, 1]) of x, the
// smallest value v with at least a fraction q of x at or below it
// (gonum's stat.Empirical): q = 0 gives the minimum, 1 the maximum. It
// sorts a copy of x. It returns an error for no values, a value that is
// not finite, and a q outside [0, 1].
func Quantiles(x []float64, q ...float64) ([]float64, error) {
	if len(x) == 0 {
		return nil, &param.Error{Object: "Quantiles", Param: "len(x)", Value: 0, Want: "≥ 1 value"}
	}
	if err := checkFinite("Quantiles", "x", x, ""); err != nil {
		return nil, err
	}
	for k, p := range q {
		if !(p >= 0 && p <= 1) {
			return nil, &param.Error{Object: "Quantiles", Param: fmt.Sprintf("q[%d]", k), Value: p, Want: "in [0, 1]"}
		}
	}
	s := slices.Sorted(slices.Values(x))
	out := make([]float64, len(q))
	for k, p := range q {
		out[k] = stat.Quantile(p, stat.Empirical, s, nil)
	}
	return out, nil
}

// Since pools the samples of traces taken at times ≥ t0 (ms), trace after
// trace: traces[k][j] is sampled at t[j], as snn.StateMonitor's Values and
// T hold them (t ascending). Samples beyond the end of t or of a trace are
// left out. It is what Quantiles of the membrane potential after a warm-up
// takes.
func Since(t []float64, traces [][]float64, t0 float64) []float64 {
	if t0 != t0 {
		return nil // no time is ≥ NaN
	}
	from, _ := slices.BinarySearch(t, t0)
	var out []float64
	for _, x := range traces {
		if from < min(len(x), len(t)) {
			out = append(out, x[from:min(len(x), len(t))]...)
		}
	}
	return out
}
