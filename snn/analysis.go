package snn

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Analysis functions take spike trains as [][]float64: the spike times (ms,
// ascending) of each neuron, as SpikeMonitor.Trains returns them, and a
// window [t0, t1) in ms. They return an error naming the parameter when the
// window, a bin or the data cannot give an answer: a spike time that is not
// finite or not in ascending order (one linear pass over the trains), a
// window whose length is not finite, or more than maxBins bins or windows
// (or more than the memory available holds).

// maxBins bounds the number of bins or windows an analysis function
// allocates: 1e8 (800 MB of float64).
const maxBins = 1e8

func checkWindow(fn string, t0, t1 float64) error {
	if !isFinite(t0) || !isFinite(t1) || t1 <= t0 || !isFinite(t1-t0) {
		return &ParamError{Object: fn, Param: "window [t0, t1)", Value: fmt.Sprintf("[%g, %g)", t0, t1), Want: "finite with t1 > t0 and t1 − t0 finite (ms)"}
	}
	return nil
}

func checkPositive(fn, param string, x float64, unit string) error {
	if !isFinite(x) || x <= 0 {
		return &ParamError{Object: fn, Param: param, Value: x, Want: "> 0" + unit + " and finite"}
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
			return &ParamError{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: t, Want: "a finite spike time (ms)"}
		case k > 0 && t < tr[k-1]:
			return &ParamError{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: t, Want: fmt.Sprintf("≥ %s[%d] = %g ms (spike times ascending)", name, k-1, tr[k-1])}
		}
	}
	return nil
}

// checkFinite returns an error naming name[k] for the first value of x
// that is not finite.
func checkFinite(fn, name string, x []float64, unit string) error {
	for k, v := range x {
		if !isFinite(v) {
			return &ParamError{Object: fn, Param: fmt.Sprintf("%s[%d]", name, k), Value: v, Want: "a finite number" + unit}
		}
	}
	return nil
}

// checkBins returns an error naming param (whose value is value) when n
// bins, each holding per float64, are more than maxBins or need more
// memory than is available.
func checkBins(fn, param string, value any, n float64, what string, per int) error {
	if n > maxBins {
		return &ParamError{Object: fn, Param: param, Value: value, Want: fmt.Sprintf("at most %g %s (it gives %.4g)", float64(maxBins), what, n)}
	}
	if avail, ok := memAvailable(); ok && n*float64(per)*8 > float64(avail) {
		return &ParamError{Object: fn, Param: param, Value: value, Want: fmt.Sprintf("a size that fits in memory: %.4g %s need %.4g bytes, %d available", n, what, n*float64(per)*8, avail)}
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
		return nil, &ParamError{Object: fn, Param: "window [t0, t1)", Value: fmt.Sprintf("[%g, %g)", t0, t1), Want: "a length that gives rates within the float range (ms)"}
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
		return 0, &ParamError{Object: "MeanRate", Param: "trains", Value: "no neurons", Want: "≥ 1 spike train"}
	}
	r, err := rates("MeanRate", trains, t0, t1)
	if err != nil {
		return 0, err
	}
	return stat.Mean(r, nil), nil
}

// ISIs returns all interspike intervals (ms) of all neurons. It does not
// check the trains: intervals of a train that is not ascending are
// negative, and those next to a spike time that is not finite are not
// finite (CV and MeanCV check).
func ISIs(trains [][]float64) []float64 {
	var out []float64
	for _, tr := range trains {
		for k := 1; k < len(tr); k++ {
			out = append(out, tr[k]-tr[k-1])
		}
	}
	return out
}

// CV returns the coefficient of variation (std/mean) of the interspike
// intervals of one train; it needs at least 3 spikes, finite and ascending,
// and intervals whose mean is above 0.
func CV(train []float64) (float64, error) {
	return cv("CV", "train", train)
}

func cv(fn, name string, train []float64) (float64, error) {
	if len(train) < 3 {
		return 0, &ParamError{Object: fn, Param: "len(" + name + ")", Value: len(train), Want: "≥ 3 spikes (two intervals)"}
	}
	if err := checkTrain(fn, name, train); err != nil {
		return 0, err
	}
	if span := train[len(train)-1] - train[0]; span == 0 || !isFinite(span) {
		return 0, &ParamError{Object: fn, Param: name, Value: fmt.Sprintf("spikes from %g to %g ms", train[0], train[len(train)-1]), Want: "a finite span > 0 ms (the CV of intervals that are all 0 is undefined)"}
	}
	m, s := stat.PopMeanStdDev(ISIs([][]float64{train}), nil)
	return s / m, nil
}

// MeanCV returns the mean ISI CV over the neurons with at least 3 spikes,
// and how many neurons that was.
func MeanCV(trains [][]float64) (float64, int, error) {
	if err := checkSorted("MeanCV", trains); err != nil {
		return 0, 0, err
	}
	var cvs []float64
	for i, tr := range trains {
		if len(tr) < 3 {
			continue
		}
		c, err := cv("MeanCV", fmt.Sprintf("trains[%d]", i), tr)
		if err != nil {
			return 0, 0, err
		}
		cvs = append(cvs, c)
	}
	if len(cvs) == 0 {
		return 0, 0, &ParamError{Object: "MeanCV", Param: "neurons with ≥ 3 spikes", Value: 0, Want: "≥ 1"}
	}
	return stat.Mean(cvs, nil), len(cvs), nil
}

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
		return 0, &ParamError{Object: "Fano", Param: "window", Value: window, Want: fmt.Sprintf("≤ (t1 − t0)/2 = %g ms (two windows at least)", (t1-t0)/2)}
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
		return 0, &ParamError{Object: "Fano", Param: "spikes in [t0, t1)", Value: 0, Want: "≥ 1"}
	}
	return stat.Mean(fanos, nil), nil
}

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
		return 0, &ParamError{Object: fn, Param: "len(traces)", Value: 0, Want: "≥ 1 trace of ≥ 2 samples"}
	}
	nt := len(traces[0])
	if nt < 2 {
		return 0, &ParamError{Object: fn, Param: "len(traces[0])", Value: nt, Want: "≥ 2 samples"}
	}
	mean := make([]float64, nt)
	var sumVar float64
	for i, x := range traces {
		if len(x) != nt {
			return 0, &ParamError{Object: fn, Param: fmt.Sprintf("len(traces[%d])", i), Value: len(x), Want: fmt.Sprintf("%d = len(traces[0])", nt)}
		}
		for k, v := range x {
			mean[k] += v / float64(len(traces))
		}
		sumVar += stat.PopVariance(x, nil)
	}
	if sumVar == 0 {
		return 0, &ParamError{Object: fn, Param: "variance of the traces", Value: 0, Want: "> 0 (traces that change)"}
	}
	chi := math.Sqrt(stat.PopVariance(mean, nil) / (sumVar / float64(len(traces))))
	if !isFinite(chi) {
		return 0, &ParamError{Object: fn, Param: "variance of the traces", Value: sumVar, Want: "finite (values too large to square)"}
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
		return 0, &ParamError{Object: "SpikeSynchrony", Param: "bin", Value: bin, Want: fmt.Sprintf("≤ (t1 − t0)/2 = %g ms (two bins at least)", (t1-t0)/2)}
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
		return 0, &ParamError{Object: "SpikeSynchrony", Param: "spikes in [t0, t1)", Value: 0, Want: "≥ 1"}
	}
	return synchrony("SpikeSynchrony", traces)
}

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
		return nil, nil, &ParamError{Object: fn, Param: "n", Value: n, Want: "≥ 1 neuron"}
	}
	if !isFinite(width) || width < 0 {
		return nil, nil, &ParamError{Object: fn, Param: "width", Value: width, Want: "≥ 0 ms"}
	}
	nf := math.Round((t1 - t0) / bin)
	if nf < 1 {
		return nil, nil, &ParamError{Object: fn, Param: "bin", Value: bin, Want: fmt.Sprintf("≤ t1 − t0 = %g ms", t1-t0)}
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
		return nil, nil, &ParamError{Object: fn, Param: "bin", Value: bin, Want: fmt.Sprintf("a width that gives rates within the float range for %d neurons (ms)", n)}
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
		return nil, nil, &ParamError{Object: "PSTH", Param: "trials", Value: "none", Want: "≥ 1 trial"}
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

// Histogram counts values in nbins equal bins over [lo, hi] (finite values
// outside are ignored; NaN or ±Inf is an error) using gonum's
// stat.Histogram. It returns the nbins+1 bin edges and the counts; nbins
// must give bins wider than the float spacing in [lo, hi].
func Histogram(values []float64, lo, hi float64, nbins int) (edges, counts []float64, err error) {
	if nbins < 1 {
		return nil, nil, &ParamError{Object: "Histogram", Param: "nbins", Value: nbins, Want: "≥ 1"}
	}
	if !isFinite(lo) || !isFinite(hi) || hi <= lo || !isFinite(hi-lo) {
		return nil, nil, &ParamError{Object: "Histogram", Param: "range [lo, hi]", Value: fmt.Sprintf("[%g, %g]", lo, hi), Want: "finite with hi > lo and hi − lo finite"}
	}
	if err := checkBins("Histogram", "nbins", nbins, float64(nbins), "bins", 3); err != nil {
		return nil, nil, err
	}
	if err := checkFinite("Histogram", "values", values, ""); err != nil {
		return nil, nil, err
	}
	edges = make([]float64, nbins+1)
	for k := range edges {
		edges[k] = lo + (hi-lo)*float64(k)/float64(nbins)
		if k > 0 && edges[k] <= edges[k-1] {
			return nil, nil, &ParamError{Object: "Histogram", Param: "nbins", Value: nbins, Want: fmt.Sprintf("bins wider than the float spacing in [%g, %g] (edge %d = edge %d = %g)", lo, hi, k, k-1, edges[k])}
		}
	}
	in := make([]float64, 0, len(values))
	for _, v := range values {
		if v >= lo && v <= hi {
			in = append(in, v)
		}
	}
	slices.Sort(in)
	div := slices.Clone(edges)
	div[nbins] = math.Nextafter(hi, math.Inf(1)) // the last bin includes hi
	counts = stat.Histogram(nil, div, in, nil)
	return edges, counts, nil
}

// IntHistogram counts integer values (e.g. in-degrees) in unit bins from
// min to max: counts[k] is the number of values equal to lo+k. No values
// give lo = 0 and no counts; a range max − min + 1 of more than maxBins bins
// is an error naming the values and the range.
func IntHistogram(values []int) (lo int, counts []float64, err error) {
	if len(values) == 0 {
		return 0, nil, nil
	}
	lo, hi := slices.Min(values), slices.Max(values)
	n := float64(hi) - float64(lo) + 1 // hi − lo can overflow int
	if err := checkBins("IntHistogram", "values", fmt.Sprintf("from %d to %d", lo, hi), n, "unit bins", 1); err != nil {
		return 0, nil, err
	}
	counts = make([]float64, hi-lo+1)
	for _, v := range values {
		counts[v-lo]++
	}
	return lo, counts, nil
}
