package snn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// FromList connects explicit pairs, like Brian2's connect(i=..., j=...)
// and PyNN's FromListConnector: synapse k goes from presynaptic neuron
// Pre[k] to postsynaptic neuron Post[k]. Weight and Delay, if not nil,
// give each synapse its own weight (mV, pA or nS by receptor kind, stored
// as float32 and scaled by the Synapse's Scale) and delay (ms, a whole
// number of steps of at least one step); the Synapse's Weight or Delay
// must then be left as the zero Value. The lists are read by Build.
//
// Build stores the synapses by presynaptic neuron, then by postsynaptic
// neuron, repeated pairs in list order; Projection.Synapses returns them
// in that order.
type FromList struct {
	Pre, Post []int32
	Weight    []float64 // nil, or one per pair
	Delay     []float64 // ms; nil, or one per pair
	Autapses  bool      // allow i → i when a population projects onto itself
	Multapses bool      // allow a pair more than once
}

// maxListLen bounds the number of pairs of a FromList.
const maxListLen = math.MaxInt32

func (r FromList) check(c *checker, nPre, nPost int, same bool) {
	n := len(r.Pre)
	switch {
	case n != len(r.Post):
		c.Fail("FromList len(Post)", len(r.Post), fmt.Sprintf("len(Pre) = %d", n))
		return
	case n > maxListLen:
		c.Fail("FromList len(Pre)", n, fmt.Sprintf("≤ %d pairs", maxListLen))
		return
	case r.Weight != nil && len(r.Weight) != n:
		c.Fail("FromList len(Weight)", len(r.Weight), fmt.Sprintf("0 (nil) or len(Pre) = %d", n))
	case r.Delay != nil && len(r.Delay) != n:
		c.Fail("FromList len(Delay)", len(r.Delay), fmt.Sprintf("0 (nil) or len(Pre) = %d", n))
	}
	for k := range n {
		i, j := r.Pre[k], r.Post[k]
		switch {
		case i < 0 || int(i) >= nPre:
			c.Fail(fmt.Sprintf("FromList Pre[%d]", k), i, fmt.Sprintf("in [0, %d)", nPre))
			return
		case j < 0 || int(j) >= nPost:
			c.Fail(fmt.Sprintf("FromList Post[%d]", k), j, fmt.Sprintf("in [0, %d)", nPost))
			return
		case same && i == j && !r.Autapses:
			c.Fail(fmt.Sprintf("FromList pair %d", k), fmt.Sprintf("%d → %d", i, j), "no autapse (set Autapses to allow them)")
			return
		}
	}
	if len(r.Weight) == n {
		for k, w := range r.Weight {
			if !isFinite(w) || math.Abs(w) > math.MaxFloat32 {
				c.Fail(fmt.Sprintf("FromList Weight[%d]", k), w, "finite and within float32 range")
				return
			}
		}
	}
	if !r.Multapses && len(r.Post) == n {
		order := r.order()
		for k := 1; k < n; k++ {
			a, b := order[k-1], order[k]
			if r.Pre[a] == r.Pre[b] && r.Post[a] == r.Post[b] {
				c.Fail(fmt.Sprintf("FromList pair %d", b), fmt.Sprintf("%d → %d", r.Pre[b], r.Post[b]),
					fmt.Sprintf("not a repeat of pair %d (set Multapses to allow repeats)", a))
				return
			}
		}
	}
}

// checkSynapse checks the per-pair delays against dt and that the Synapse
// leaves to the list what the list gives.
func (r FromList) checkSynapse(c *checker, dt float64, syn Synapse) {
	if r.Weight != nil && !isZero(syn.Weight) {
		c.Fail("Weight", syn.Weight, "the zero Value when FromList gives Weight")
	}
	if r.Delay == nil || len(r.Delay) != len(r.Pre) {
		return
	}
	if !isZero(syn.Delay) {
		c.Fail("Delay", syn.Delay, "the zero Value when FromList gives Delay")
	}
	for k, d := range r.Delay {
		steps := d / dt
		if !isFinite(d) || math.Round(steps) < 1 || math.Abs(steps-math.Round(steps)) > 1e-6*max(1, steps) || steps > math.MaxUint16 {
			c.Fail(fmt.Sprintf("FromList Delay[%d]", k), d, fmt.Sprintf("a whole number of steps of dt = %g ms, from one step to %d steps", dt, math.MaxUint16))
			return
		}
	}
}

func (r FromList) meanInDegree(_, nPost int, _ bool) float64 {
	return float64(len(r.Pre)) / float64(nPost)
}

// order returns the pairs' indices sorted by (Pre, Post), stable.
func (r FromList) order() []int {
	o := make([]int, len(r.Pre))
	for k := range o {
		o[k] = k
	}
	slices.SortStableFunc(o, func(a, b int) int {
		if r.Pre[a] != r.Pre[b] {
			return int(r.Pre[a]) - int(r.Pre[b])
		}
		return int(r.Post[a]) - int(r.Post[b])
	})
	return o
}

func (r FromList) connect(nPre, _ int, _ bool, _ func(int) *rand.Rand, _ int) csr {
	m := csr{rowPtr: make([]int64, nPre+1), cols: make([]uint32, len(r.Pre))}
	for k, o := range r.order() {
		m.rowPtr[r.Pre[o]+1]++
		m.cols[k] = uint32(r.Post[o])
	}
	for i := range nPre {
		m.rowPtr[i+1] += m.rowPtr[i]
	}
	return m
}

// buildSynapses gives the synapses of pr the list's weights (times sc)
// and delays, where it has them.
func (r FromList) buildSynapses(pr *Projection, dt, sc float64) {
	if r.Weight == nil && r.Delay == nil {
		return
	}
	order := r.order()
	if r.Weight != nil {
		pr.w = make([]float32, len(order))
		for k, o := range order {
			pr.w[k] = float32(r.Weight[o] * sc)
		}
	}
	if r.Delay != nil {
		pr.d = make([]uint16, len(order))
		pr.maxDel = 1
		for k, o := range order {
			pr.d[k] = uint16(math.Round(r.Delay[o] / dt))
			pr.maxDel = max(pr.maxDel, int(pr.d[k]))
		}
	}
}

// isZero reports whether v is the zero Value.
func isZero(v Value) bool { return v.c == 0 && v.slice == nil && v.dist == nil }
