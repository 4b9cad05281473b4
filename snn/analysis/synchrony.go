package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Synchrony returns Golomb's synchrony measure χ ∈ [0, 1] of a set of
// traces sampled at the same times (traces[i][k] is neuron i at sample k):
//
//	χ² = Var_t(mean_i x_i(t)) / mean_i Var_t(x_i(t)).
//
// χ is 1 for identical traces and about 1/√N for independent ones.
func Synchrony(traces [][]float64) (float64, error) {
	for i, x := range traces {
		if err := checkFinite("Synchrony", fmt.Sprintf("traces[%d]", i), x, ""); err != nil {
			return 0, err
		}
	}
	return synchrony("Synchrony", traces)
}

// synchrony is Synchrony for finite traces, with errors naming fn.
func synchrony(fn string, traces [][]float64) (float64, error) {
	if len(traces) == 0 {
		return 0, &param.Error{Object: fn, Param: "len(traces)", Value: 0, Want: "≥ 1 trace of ≥ 2 samples"}
	}
	nt := len(traces[0])
	if nt < 2 {
		return 0, &param.Error{Object: fn, Param: "len(traces[0])", Value: nt, Want: "≥ 2 samples"}
	}
	mean := make([]float64, nt)
	var sumVar float64
	for i, x := range traces {
		if len(x) != nt {
			return 0, &param.Error{Object: fn, Param: fmt.Sprintf("len(traces[%d])", i), Value: len(x), Want: fmt.Sprintf("%d = len(traces[0])", nt)}
		}
		for k, v := range x {
			mean[k] += v / float64(len(traces))
		}
		sumVar += stat.PopVariance(x, nil)
	}
	if sumVar == 0 {
		return 0, &param.Error{Object: fn, Param: "variance of the traces", Value: 0, Want: "> 0 (traces that change)"}
	}
	chi := math.Sqrt(stat.PopVariance(mean, nil) / (sumVar / float64(len(traces))))
	if !isFinite(chi) {
		return 0, &param.Error{Object: fn, Param: "variance of the traces", Value: sumVar, Want: "finite (values too large to square)"}
	}
	return chi, nil
}

// SpikeSynchrony returns χ computed from spikes: each train is binned at
// bin ms over [t0, t1) and filtered with an exponential kernel of time
// constant tau ms, and Synchrony is applied to the filtered traces. Silent
// neurons are left out.
func SpikeSynchrony(trains [][]float64, t0, t1, bin, tau float64) (float64, error) {
	if err := checkWindow("SpikeSynchrony", t0, t1); err != nil {
		return 0, err
	}
	for _, p := range []struct {
		name string
		x    float64
	}{{"bin", bin}, {"tau", tau}} {
		if err := checkPositive("SpikeSynchrony", p.name, p.x, " ms"); err != nil {
			return 0, err
		}
	}
	if err := checkSorted("SpikeSynchrony", trains); err != nil {
		return 0, err
	}
	nf := math.Floor((t1 - t0) / bin)
	if nf < 2 {
		return 0, &param.Error{Object: "SpikeSynchrony", Param: "bin", Value: bin, Want: fmt.Sprintf("≤ (t1 − t0)/2 = %g ms (two bins at least)", (t1-t0)/2)}
	}
	active := 0
	for _, tr := range trains {
		if count(tr, t0, t1) > 0 {
			active++
		}
	}
	if err := checkBins("SpikeSynchrony", "bin", bin, nf, "bins in [t0, t1)", active); err != nil {
		return 0, err
	}
	nb := int(nf)
	decay := math.Exp(-bin / tau)
	var traces [][]float64
	for _, tr := range trains {
		if count(tr, t0, t1) == 0 {
			continue
		}
		x := make([]float64, nb)
		k, v := 0, 0.0
		start, _ := slices.BinarySearch(tr, t0)
		for b := range x {
			v *= decay
			for ; start+k < len(tr) && tr[start+k] < t0+float64(b+1)*bin; k++ {
				v++
			}
			x[b] = v
		}
		traces = append(traces, x)
	}
	if len(traces) == 0 {
		return 0, &param.Error{Object: "SpikeSynchrony", Param: "spikes in [t0, t1)", Value: 0, Want: "≥ 1"}
	}
	return synchrony("SpikeSynchrony", traces)
}
