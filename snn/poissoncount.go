package snn

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// countSampler draws Poisson(λ) counts, for PoissonInput's arrivals per
// neuron and step. For the small means that inputs have on a fine time
// grid (λ = N·rate·dt, usually below 10) it inverts the cumulative
// distribution, tabulated once: one uniform draw and about λ + 1
// comparisons per count, a few times faster than gonum's general sampler.
// Above maxTable it uses gonum's distuv.Poisson. Both are exact (up to
// the rounding of the tabulated probabilities), and the draws come from
// the stream passed in, so counts stay reproducible and independent of
// the number of workers.
type countSampler struct {
	lambda float64
	cdf    []float64 // cdf[k] = P(X ≤ k), until it reaches 1 in float64
}

// maxTable is the largest mean sampled by inversion.
const maxTable = 30

func newCountSampler(lambda float64) *countSampler {
	s := &countSampler{lambda: lambda}
	if lambda > maxTable {
		return s
	}
	p := math.Exp(-lambda)
	sum := p
	s.cdf = append(s.cdf, sum)
	for k := 1; sum < 1 && k < 1000; k++ {
		p = float64(p * (lambda / float64(k)))
		if next := sum + p; next == sum {
			break // the terms no longer change the sum
		} else {
			sum = next
		}
		s.cdf = append(s.cdf, sum)
	}
	return s
}

// draw returns one count from g.
func (s *countSampler) draw(g *rand.Rand) float64 {
	if s.cdf == nil {
		return distuv.Poisson{Lambda: s.lambda, Src: g}.Rand()
	}
	return s.invert(g.Float64())
}

// invert returns the smallest k with P(X ≤ k) > u, for u in [0, 1).
func (s *countSampler) invert(u float64) float64 {
	for k, c := range s.cdf {
		if u < c {
			return float64(k)
		}
	}
	// u fell in the tail the table leaves out (probability below 1e-16):
	// walk on with the recurrence p_k = p_{k−1}·λ/k from the table's end.
	k := len(s.cdf) - 1
	c := s.cdf[k]
	p := c - s.cdf[max(0, k-1)]
	for u >= c && p > 0 {
		k++
		p = float64(p * (s.lambda / float64(k)))
		c += p
	}
	return float64(k)
}
