package snn

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// StateQuantiles pools the values a StateMonitor recorded at times ≥ t0
// (ms) over all its neurons and returns their empirical quantiles q (each
// in [0, 1]), e.g. the 1st, 50th and 99th percentile of V to show the
// range the membrane potentials live in.
func StateQuantiles(m *StateMonitor, t0 float64, q ...float64) ([]float64, error) {
	var v []float64
	for _, x := range m.Values {
		for j, t := range m.T {
			if t >= t0 && j < len(x) {
				v = append(v, x[j])
			}
		}
	}
	if len(v) == 0 {
		return nil, &ParamError{Object: "StateQuantiles", Param: "samples at t ≥ t0", Value: 0, Want: fmt.Sprintf("≥ 1 (t0 = %g ms; run the network first)", t0)}
	}
	slices.Sort(v)
	out := make([]float64, len(q))
	for k, p := range q {
		if !(p >= 0 && p <= 1) {
			return nil, &ParamError{Object: "StateQuantiles", Param: fmt.Sprintf("q[%d]", k), Value: p, Want: "in [0, 1]"}
		}
		out[k] = stat.Quantile(p, stat.Empirical, v, nil)
	}
	return out, nil
}
