package snn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Distribution is a continuous probability distribution to draw values
// from. Every distribution of gonum's stat/distuv satisfies it
// (distuv.Normal, distuv.Uniform, distuv.LogNormal, ...). Values are drawn
// by inversion, x = Quantile(u), with u from the network's seeded stream,
// so the distribution's own Src is never used.
type Distribution interface {
	Quantile(p float64) float64
	CDF(x float64) float64
}

// Value gives one number per neuron or per synapse: a constant, an explicit
// slice (per neuron only) or draws from a distribution. The zero Value is
// the constant 0.
type Value struct {
	c     float64
	slice []float64
	dist  Distribution
}

// Const is the same value everywhere.
func Const(x float64) Value { return Value{c: x} }

// Slice gives one value per neuron; its length must match the population.
func Slice(xs []float64) Value { return Value{slice: append(make([]float64, 0, len(xs)), xs...)} }

// Random draws each value independently from d.
func Random(d Distribution) Value { return Value{dist: d} }

// IsConst reports whether v is a constant, and its value.
func (v Value) IsConst() (float64, bool) { return v.c, v.slice == nil && v.dist == nil }

func (v Value) String() string {
	switch {
	case v.slice != nil:
		return fmt.Sprintf("Slice(len %d)", len(v.slice))
	case v.dist != nil:
		return fmt.Sprintf("Random(%T%+v)", v.dist, v.dist)
	}
	return fmt.Sprintf("%g", v.c)
}

// check validates v for n values of parameter param of object c.
func (v Value) check(c *checker, param string, n int, perNeuron bool, unit string) {
	switch {
	case v.slice != nil:
		if !perNeuron {
			c.Fail(param, v, "a constant or a distribution (slices are per neuron only)")
			return
		}
		if len(v.slice) != n {
			c.Fail(param+" length", len(v.slice), fmt.Sprintf("%d (one per neuron)", n))
			return
		}
		for i, x := range v.slice {
			if !isFinite(x) {
				c.Fail(fmt.Sprintf("%s[%d]", param, i), x, "a finite number"+unit)
				return
			}
		}
	case v.dist != nil:
		for _, p := range quantileGrid {
			if q := v.dist.Quantile(p); !isFinite(q) {
				c.Fail(param, v, fmt.Sprintf("a distribution with finite quantiles (Quantile(%g) = %v)", p, q))
				return
			}
		}
	default:
		c.Finite(param, v.c, unit)
	}
}

// quantileGrid is where check requires a distribution's quantile to be
// finite: the median first (the most telling message), then 0.001 and
// 0.999, every 1/1024 of (0, 1), and the extreme u that draw can use.
// Draws are guarded too (Projection.build), since a grid cannot see
// everything.
var quantileGrid = func() []float64 {
	g := []float64{0.5, 0.001, 0.999, uMin, uMax}
	for k := 1; k < 1024; k++ {
		g = append(g, float64(k)/1024)
	}
	return g
}()

// at returns the value for element i, drawing from rng when random.
func (v Value) at(i int, rng *rand.Rand) float64 {
	switch {
	case v.slice != nil:
		return v.slice[i]
	case v.dist != nil:
		return v.draw(rng)
	}
	return v.c
}

// draw samples the distribution by inversion, never returning ±Inf from
// the tails (u is kept strictly inside (0, 1)).
func (v Value) draw(rng *rand.Rand) float64 {
	u := rng.Float64()
	for u == 0 {
		u = rng.Float64()
	}
	return v.dist.Quantile(u)
}

// fill writes n values into dst (resized) and returns it.
func (v Value) fill(dst []float64, n int, rng *rand.Rand) []float64 {
	dst = dst[:0]
	for i := 0; i < n; i++ {
		dst = append(dst, v.at(i, rng))
	}
	return dst
}

// Extreme draws: draw takes u = rng.Float64() ≠ 0, so u is a multiple of
// 2^-53 in [2^-53, 1 − 2^-53].
const (
	uMin = 0x1p-53
	uMax = 1 - 0x1p-53
)

// drawRange returns the smallest and largest values v can give: the
// constant, the slice's extremes, or a distribution's quantiles at the
// extreme u that draw can use (NaN if there is no value).
func (v Value) drawRange() (lo, hi float64) {
	if v.dist != nil {
		return v.dist.Quantile(uMin), v.dist.Quantile(uMax)
	}
	return v.bounds()
}

// min and max of v over its possible values (for range checks); for a
// distribution the 1e-9 and 1-1e-9 quantiles stand in.
func (v Value) bounds() (lo, hi float64) {
	switch {
	case v.slice != nil:
		if len(v.slice) == 0 {
			return math.NaN(), math.NaN()
		}
		lo, hi = v.slice[0], v.slice[0]
		for _, x := range v.slice {
			lo, hi = min(lo, x), max(hi, x)
		}
		return lo, hi
	case v.dist != nil:
		return v.dist.Quantile(1e-9), v.dist.Quantile(1 - 1e-9)
	}
	return v.c, v.c
}
