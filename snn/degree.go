package snn

import (
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"
)

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
		return nil, &ParamError{Object: "BinomialCounts", Param: "(n, p, neurons)", Value: fmt.Sprintf("(%d, %g, %d)", n, p, neurons), Want: "n ≥ 0, 0 ≤ p ≤ 1, neurons ≥ 0"}
	}
	b := distuv.Binomial{N: float64(n), P: p}
	out := make([]float64, len(k))
	for j, x := range k {
		out[j] = float64(neurons) * b.Prob(x)
	}
	return out, nil
}
