package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Histogram counts values in nbins equal bins over [lo, hi] (finite values
// outside are ignored; NaN or ±Inf is an error) using gonum's
// stat.Histogram. It returns the nbins+1 bin edges and the counts; nbins
// must give bins wider than the float spacing in [lo, hi].
func Histogram(values []float64, lo, hi float64, nbins int) (edges, counts []float64, err error) {
	if nbins < 1 {
		return nil, nil, &param.Error{Object: "Histogram", Param: "nbins", Value: nbins, Want: "≥ 1"}
	}
	if !isFinite(lo) || !isFinite(hi) || hi <= lo || !isFinite(hi-lo) {
		return nil, nil, &param.Error{Object: "Histogram", Param: "range [lo, hi]", Value: fmt.Sprintf("[%g, %g]", lo, hi), Want: "finite with hi > lo and hi − lo finite"}
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
			return nil, nil, &param.Error{Object: "Histogram", Param: "nbins", Value: nbins, Want: fmt.Sprintf("bins wider than the float spacing in [%g, %g] (edge %d = edge %d = %g)", lo, hi, k, k-1, edges[k])}
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

// DegreeHistogram counts in-degrees (or any integers) in unit bins: k[j]
// is a degree from the lowest to the highest present and counts[j] the
// number of neurons with that degree, both as float64 for charts. It
// fails where IntHistogram does (a range of degrees too wide to count).
func DegreeHistogram(degrees []int) (k, counts []float64, err error) {
	lo, counts, err := IntHistogram(degrees)
	if err != nil {
		return nil, nil, err
	}
	k = make([]float64, len(counts))
	for j := range k {
		k[j] = float64(lo + j)
	}
	return k, counts, nil
}

// BinomialCounts returns the expected number of neurons, out of neurons,
// with each degree in k when degrees are Binomial(n, p), the in-degree law
// of FixedProbability{P: p} with n candidate partners.
func BinomialCounts(k []float64, n int, p float64, neurons int) ([]float64, error) {
	if n < 0 || !(p >= 0 && p <= 1) || neurons < 0 {
		return nil, &param.Error{Object: "BinomialCounts", Param: "(n, p, neurons)", Value: fmt.Sprintf("(%d, %g, %d)", n, p, neurons), Want: "n ≥ 0, 0 ≤ p ≤ 1, neurons ≥ 0"}
	}
	b := distuv.Binomial{N: float64(n), P: p}
	out := make([]float64, len(k))
	for j, x := range k {
		out[j] = float64(neurons) * b.Prob(x)
	}
	return out, nil
}
