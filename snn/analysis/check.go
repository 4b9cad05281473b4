package analysis

import (
	"fmt"
	"slices"

	"github.com/snn-sim/snn/snn/internal/param"
	"github.com/snn-sim/snn/snn/internal/proc"
)

// maxBins bounds the number of bins or windows a function allocates: 1e8
// (800 MB of float64).
const maxBins = 1e8

func isFinite(x float64) bool { return param.IsFinite(x) }

func checkWindow(fn string, t0, t1 float64) error {
	if !isFinite(t0) || !isFinite(t1) || t1 <= t0 || !isFinite(t1-t0) {
		return &param.Error{Object: fn, Param: "window [t0, t1)", Value: fmt.Sprintf("[%g, %g)", t0, t1), Want: "finite with t1 > t0 and t1 − t0 finite (ms)"}
	}
	return nil
}

func checkPositive(fn, p string, x float64, unit string) error {
	if !isFinite(x) || x <= 0 {
		return &param.Error{Object: fn, Param: p, Value: x, Want: "> 0" + unit + " and finite"}
	}
	return nil
}

// checkSorted returns an error naming the first spike time of trains that
// is not finite or is below the one before it.
func checkSorted(fn string, trains [][]float64) error {
	for i, tr := range trains {
		if err := checkTrain(fn, fmt.Sprintf("trains[%d]", i), tr); err != nil {
			return err
		}
	}
	return nil
}

// checkTrain returns an error naming name[k] for the first spike time of tr
// that is not finite or is below the one before it.
func checkTrain(fn, name string, tr []float64) error {
	for k, t := range tr {
		switch {
		case !isFinite(t):
			return &param.Error{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: t, Want: "a finite spike time (ms)"}
		case k > 0 && t < tr[k-1]:
			return &param.Error{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: t, Want: fmt.Sprintf("≥ %s[%d] = %g ms (spike times ascending)", name, k-1, tr[k-1])}
		}
	}
	return nil
}

// checkFinite returns an error naming name[k] for the first value of x
// that is not finite.
func checkFinite(fn, name string, x []float64, unit string) error {
	for k, v := range x {
		if !isFinite(v) {
			return &param.Error{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: v, Want: "a finite number" + unit}
		}
	}
	return nil
}

// checkBins returns an error naming parameter p (whose value is value)
// when n bins, each holding per float64, are more than maxBins or need
// more memory than is available.
func checkBins(fn, p string, value any, n float64, what string, per int) error {
	if n > maxBins {
		return &param.Error{Object: fn, Param: p, Value: value, Want: fmt.Sprintf("at most %g %s (it gives %.4g)", float64(maxBins), what, n)}
	}
	if avail, ok := proc.Meminfo("MemAvailable"); ok && n*float64(per)*8 > float64(avail) {
		return &param.Error{Object: fn, Param: p, Value: value, Want: fmt.Sprintf("a size that fits in memory: %.4g %s need %.4g bytes, %d available", n, what, n*float64(per)*8, avail)}
	}
	return nil
}

// maxLen returns the length of the longest train.
func maxLen(trains [][]float64) int {
	n := 0
	for _, tr := range trains {
		n = max(n, len(tr))
	}
	return n
}

// count returns the number of spikes of tr in [t0, t1).
func count(tr []float64, t0, t1 float64) int {
	a, _ := slices.BinarySearch(tr, t0)
	b, _ := slices.BinarySearch(tr, t1)
	return b - a
}
