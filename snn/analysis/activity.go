package analysis

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Activity returns the population activity A(t) (Hz per neuron) of n
// neurons whose spike times are times: spikes counted in bins of bin ms
// over [t0, t1), then smoothed with a Gaussian of standard deviation width
// ms (0: no smoothing). T holds bin starts.
func Activity(times []float64, n int, t0, t1, bin, width float64) (T, A []float64, err error) {
	return activity("Activity", "times", times, n, t0, t1, bin, width)
}

// activity is Activity with errors naming fn, and name for the times.
func activity(fn, name string, times []float64, n int, t0, t1, bin, width float64) (T, A []float64, err error) {
	if err := checkWindow(fn, t0, t1); err != nil {
		return nil, nil, err
	}
	if err := checkPositive(fn, "bin", bin, " ms"); err != nil {
		return nil, nil, err
	}
	if n <= 0 {
		return nil, nil, &param.Error{Object: fn, Param: "n", Value: n, Want: "≥ 1 neuron"}
	}
	if !isFinite(width) || width < 0 {
		return nil, nil, &param.Error{Object: fn, Param: "width", Value: width, Want: "≥ 0 ms"}
	}
	nf := math.Round((t1 - t0) / bin)
	if nf < 1 {
		return nil, nil, &param.Error{Object: fn, Param: "bin", Value: bin, Want: fmt.Sprintf("≤ t1 − t0 = %g ms", t1-t0)}
	}
	if err := checkBins(fn, "bin", bin, nf, "bins in [t0, t1)", 3); err != nil {
		return nil, nil, err
	}
	if err := checkFinite(fn, name, times, " ms"); err != nil {
		return nil, nil, err
	}
	nb := int(nf)
	T, A = make([]float64, nb), make([]float64, nb)
	for _, t := range times {
		if f := (t - t0) / bin; t >= t0 && f < float64(nb) {
			A[int(f)]++
		}
	}
	if f := 1000 / (bin * float64(n)); !isFinite(f * float64(max(1, len(times)))) {
		return nil, nil, &param.Error{Object: fn, Param: "bin", Value: bin, Want: fmt.Sprintf("a width that gives rates within the float range for %d neurons (ms)", n)}
	}
	for k := range A {
		T[k] = t0 + float64(k)*bin
		A[k] *= 1000 / (bin * float64(n))
	}
	if width > 0 {
		A = gaussianSmooth(A, width/bin)
	}
	return T, A, nil
}

// gaussianSmooth convolves x with a normalised Gaussian of sd s samples,
// renormalising at the edges.
// The kernel is cut at 4 sd, and at len(x) − 1 samples (none further is
// ever used).
func gaussianSmooth(x []float64, s float64) []float64 {
	h := int(math.Min(math.Ceil(4*s), float64(len(x)-1)))
	w := make([]float64, 2*h+1)
	for k := range w {
		d := float64(k-h) / s // 0 at the centre even for a subnormal s
		w[k] = math.Exp(-d * d / 2)
	}
	out := make([]float64, len(x))
	for i := range x {
		var sum, norm float64
		for k, wk := range w {
			if j := i + k - h; j >= 0 && j < len(x) {
				sum += wk * x[j]
				norm += wk
			}
		}
		out[i] = sum / norm
	}
	return out
}

// PSTH returns the peri-stimulus time histogram of several trials (each a
// list of spike times relative to the stimulus, ms): the mean rate (Hz) per
// trial in bins of bin ms over [t0, t1).
func PSTH(trials [][]float64, t0, t1, bin float64) (T, rate []float64, err error) {
	if len(trials) == 0 {
		return nil, nil, &param.Error{Object: "PSTH", Param: "trials", Value: "none", Want: "≥ 1 trial"}
	}
	if err := checkWindow("PSTH", t0, t1); err != nil {
		return nil, nil, err
	}
	var all []float64
	for i, tr := range trials {
		if err := checkFinite("PSTH", fmt.Sprintf("trials[%d]", i), tr, " ms"); err != nil {
			return nil, nil, err
		}
		all = append(all, tr...)
	}
	return activity("PSTH", "trials", all, len(trials), t0, t1, bin, 0)
}
