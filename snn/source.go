package snn

import (
	"fmt"
	"math"
	"sort"
)

// A SpikeSource is anything a projection can start from: a Population, a
// SpikeGenerator or a PoissonGroup. Spikes returns, after each step, the
// indices (ascending) of the neurons that spiked in it.
type SpikeSource interface {
	Name() string
	Size() int
	Spikes() []int32
}

// generator is a spike source stepped by the network after the populations.
type generator interface {
	SpikeSource
	check(c *checker, dt float64)
	build(n *Network, id uint64)
	step(s int64)
	obj() string
}

// SpikeGenerator emits spikes at given times, like Brian2's
// SpikeGeneratorGroup: neuron Indices[k] spikes at Times[k] (ms). A spike at
// time t is emitted in the step that ends at t (times are rounded to the
// grid), so it must be ≥ dt.
type SpikeGenerator struct {
	name    string
	n       int
	indices []int
	times   []float64

	steps  []int64 // sorted emission steps
	order  []int32 // neuron of each step
	next   int
	spikes []int32
}

func (g *SpikeGenerator) Name() string    { return g.name }
func (g *SpikeGenerator) Size() int       { return g.n }
func (g *SpikeGenerator) Spikes() []int32 { return g.spikes }
func (g *SpikeGenerator) obj() string     { return "spike generator " + quote(g.name) }

func (g *SpikeGenerator) check(c *checker, dt float64) {
	if g.n <= 0 {
		c.fail("N", g.n, "≥ 1")
	}
	if len(g.indices) != len(g.times) {
		c.fail("len(Indices)", len(g.indices), fmt.Sprintf("len(Times) = %d", len(g.times)))
		return
	}
	for k, i := range g.indices {
		if i < 0 || i >= g.n {
			c.fail(fmt.Sprintf("Indices[%d]", k), i, fmt.Sprintf("in [0, %d)", g.n))
			return
		}
		if t := g.times[k]; !isFinite(t) || math.Round(t/dt) < 1 {
			c.fail(fmt.Sprintf("Times[%d]", k), t, fmt.Sprintf("≥ dt = %g ms and finite", dt))
			return
		}
	}
}

func (g *SpikeGenerator) build(n *Network, _ uint64) {
	idx := make([]int, len(g.times))
	for k := range idx {
		idx[k] = k
	}
	step := func(k int) int64 { return int64(math.Round(g.times[k]/n.dt)) - 1 }
	sort.SliceStable(idx, func(a, b int) bool {
		sa, sb := step(idx[a]), step(idx[b])
		return sa < sb || (sa == sb && g.indices[idx[a]] < g.indices[idx[b]])
	})
	for _, k := range idx {
		g.steps = append(g.steps, step(k))
		g.order = append(g.order, int32(g.indices[k]))
	}
}

func (g *SpikeGenerator) step(s int64) {
	g.spikes = g.spikes[:0]
	for g.next < len(g.steps) && g.steps[g.next] <= s {
		if g.steps[g.next] == s && (len(g.spikes) == 0 || g.spikes[len(g.spikes)-1] != g.order[g.next]) {
			g.spikes = append(g.spikes, g.order[g.next])
		}
		g.next++
	}
}
