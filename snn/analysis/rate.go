package analysis

import (
	"fmt"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Rates returns each neuron's firing rate (Hz) in [t0, t1).
func Rates(trains [][]float64, t0, t1 float64) ([]float64, error) {
	return rates("Rates", trains, t0, t1)
}

// rates is Rates with errors naming fn.
func rates(fn string, trains [][]float64, t0, t1 float64) ([]float64, error) {
	if err := checkWindow(fn, t0, t1); err != nil {
		return nil, err
	}
	if err := checkSorted(fn, trains); err != nil {
		return nil, err
	}
	if f := 1000 / (t1 - t0); !isFinite(f * float64(max(1, maxLen(trains)))) {
		return nil, &param.Error{Object: fn, Param: "window [t0, t1)", Value: fmt.Sprintf("[%g, %g)", t0, t1), Want: "a length that gives rates within the float range (ms)"}
	}
	r := make([]float64, len(trains))
	for i, tr := range trains {
		r[i] = 1000 * float64(count(tr, t0, t1)) / (t1 - t0)
	}
	return r, nil
}

// MeanRate returns the population's mean firing rate (Hz) in [t0, t1).
func MeanRate(trains [][]float64, t0, t1 float64) (float64, error) {
	if len(trains) == 0 {
		return 0, &param.Error{Object: "MeanRate", Param: "trains", Value: "no neurons", Want: "≥ 1 spike train"}
	}
	r, err := rates("MeanRate", trains, t0, t1)
	if err != nil {
		return 0, err
	}
	return stat.Mean(r, nil), nil
}

// Trains groups spikes given as parallel lists, neuron I[k] at time T[k]
// (ms; as a CSV file or another simulator gives them), into n trains, one
// per neuron, each in the order of the list (ascending when the list is in
// time order). It returns an error naming the first spike whose neuron is
// not in [0, n) and for lists of different lengths.
func Trains(T []float64, I []int32, n int) ([][]float64, error) {
	if len(T) != len(I) {
		return nil, &param.Error{Object: "Trains", Param: "len(I)", Value: len(I), Want: fmt.Sprintf("len(T) = %d", len(T))}
	}
	if n < 0 {
		return nil, &param.Error{Object: "Trains", Param: "n", Value: n, Want: "≥ 0 neurons"}
	}
	tr := make([][]float64, n)
	for k, i := range I {
		if i < 0 || int(i) >= n {
			return nil, &param.Error{Object: "Trains", Param: fmt.Sprintf("I[%d]", k), Value: i, Want: fmt.Sprintf("a neuron in [0, %d)", n)}
		}
		tr[i] = append(tr[i], T[k])
	}
	return tr, nil
}
