package analysis

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Fano returns the Fano factor (variance/mean) of spike counts in
// consecutive windows of width window ms over [t0, t1), computed per neuron
// and averaged over the neurons that spiked. It needs at least two windows.
func Fano(trains [][]float64, t0, t1, window float64) (float64, error) {
	if err := checkWindow("Fano", t0, t1); err != nil {
		return 0, err
	}
	if err := checkPositive("Fano", "window", window, " ms"); err != nil {
		return 0, err
	}
	if err := checkSorted("Fano", trains); err != nil {
		return 0, err
	}
	nf := math.Floor((t1 - t0) / window)
	if nf < 2 {
		return 0, &param.Error{Object: "Fano", Param: "window", Value: window, Want: fmt.Sprintf("≤ (t1 − t0)/2 = %g ms (two windows at least)", (t1-t0)/2)}
	}
	if err := checkBins("Fano", "window", window, nf, "windows in [t0, t1)", 1); err != nil {
		return 0, err
	}
	nw := int(nf)
	counts := make([]float64, nw)
	var fanos []float64
	for _, tr := range trains {
		for w := range counts {
			a := t0 + float64(w)*window
			counts[w] = float64(count(tr, a, a+window))
		}
		if m, v := stat.PopMeanVariance(counts, nil); m > 0 {
			fanos = append(fanos, v/m)
		}
	}
	if len(fanos) == 0 {
		return 0, &param.Error{Object: "Fano", Param: "spikes in [t0, t1)", Value: 0, Want: "≥ 1"}
	}
	return stat.Mean(fanos, nil), nil
}
