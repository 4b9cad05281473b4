package snn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
)

// A SpikeSource is anything a projection can start from: a Population, a
// SpikeGenerator or a PoissonGroup. Spikes returns, after each step, a copy
// of the indices (ascending) of the neurons that spiked in it.
type SpikeSource interface {
	Name() string
	Size() int
	Spikes() []int32

	fired() []int32 // the network's own list of this step's spikes (read only)
}

// isNil reports whether s is nil or a nil pointer in the interface (a
// typed nil such as (*Population)(nil)).
func isNil(s any) bool {
	if s == nil {
		return true
	}
	v := reflect.ValueOf(s)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// sourceName returns s.Name(), or "nil".
func sourceName(s SpikeSource) string {
	if isNil(s) {
		return "nil"
	}
	return s.Name()
}

// sourceObj names s for messages: `population "E"`, `spike generator "g"`, ...
func sourceObj(s SpikeSource) string {
	switch s := s.(type) {
	case *Population:
		if s != nil {
			return s.obj()
		}
	case generator:
		if !isNil(s) {
			return s.obj()
		}
	}
	if isNil(s) {
		return "nil"
	}
	return fmt.Sprintf("source %q (%T)", s.Name(), s)
}

// isGenerator reports whether s is one of the package's spike generators.
func isGenerator(s SpikeSource) bool {
	_, ok := s.(generator)
	return ok
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
	indices []int32
	times   []float64

	steps  []int64 // sorted emission steps
	order  []int32 // neuron of each step
	dt     float64 // the network's, set by build
	next   int
	spikes []int32
}

func (g *SpikeGenerator) Name() string    { return g.name }
func (g *SpikeGenerator) Size() int       { return g.n }
func (g *SpikeGenerator) Spikes() []int32 { return slices.Clone(g.spikes) }
func (g *SpikeGenerator) fired() []int32  { return g.spikes }
func (g *SpikeGenerator) obj() string     { return "spike generator " + quote(g.name) }

func (g *SpikeGenerator) check(c *checker, dt float64) {
	if g.n <= 0 || g.n > math.MaxInt32 {
		c.Fail("N", g.n, fmt.Sprintf("≥ 1 and ≤ %d (int32 indices)", math.MaxInt32))
	}
	if len(g.indices) != len(g.times) {
		c.Fail("len(Indices)", len(g.indices), fmt.Sprintf("len(Times) = %d", len(g.times)))
		return
	}
	for k, i := range g.indices {
		if i < 0 || int(i) >= g.n {
			c.Fail(fmt.Sprintf("Indices[%d]", k), i, fmt.Sprintf("in [0, %d)", g.n))
			return
		}
		if t := g.times[k]; !isFinite(t) || math.Round(t/dt) < 1 || t/dt > maxStepCount {
			c.Fail(fmt.Sprintf("Times[%d]", k), t, fmt.Sprintf("≥ dt = %g ms, finite and ≤ %g ms (%d steps)", dt, maxStepCount*dt, int64(maxStepCount)))
			return
		}
	}
}

// Schedule returns the spikes the generator emits, as the built network
// emits them: neuron I[k] at time T[k] (ms), the end of its step, in time
// order and, within a step, by neuron (a neuron listed twice in one step
// is listed twice here, and spikes once). Before Build it returns nil.
func (g *SpikeGenerator) Schedule() (T []float64, I []int32) {
	for k, s := range g.steps {
		T = append(T, float64(s+1)*g.dt)
		I = append(I, g.order[k])
	}
	return T, I
}

func (g *SpikeGenerator) build(n *Network, _ uint64) {
	g.dt = n.dt
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

// PoissonGroup is a spike source of independent Poisson neurons firing at
// Rate Hz: in each step a neuron spikes with probability Rate·dt (at most one
// spike per step), drawn from the network's seeded stream.
type PoissonGroup struct {
	net  *Network
	name string
	n    int
	rate float64 // Hz

	g      *rand.Rand
	logQ   float64 // log(1 − Rate·dt)
	next   int64   // next candidate index in the flattened (step, neuron) sequence
	spikes []int32
}

// Rate returns the group's rate (Hz): as given to AddPoissonGroup, or
// the last rate SetRate accepted.
func (g *PoissonGroup) Rate() float64 { return g.rate }

func (g *PoissonGroup) Name() string    { return g.name }
func (g *PoissonGroup) Size() int       { return g.n }
func (g *PoissonGroup) Spikes() []int32 { return slices.Clone(g.spikes) }
func (g *PoissonGroup) fired() []int32  { return g.spikes }
func (g *PoissonGroup) obj() string     { return "Poisson group " + quote(g.name) }

func (g *PoissonGroup) check(c *checker, dt float64) {
	if g.n <= 0 || g.n > math.MaxInt32 {
		c.Fail("N", g.n, fmt.Sprintf("≥ 1 and ≤ %d (int32 indices)", math.MaxInt32))
	}
	if p := g.rate * dt * 1e-3; !isFinite(g.rate) || g.rate < 0 || p > 1 {
		c.Fail("Rate", g.rate, fmt.Sprintf("in [0, 1/dt] = [0, %g] Hz", 1e3/dt))
	}
}

func (g *PoissonGroup) build(n *Network, id uint64) {
	g.g = n.liveStream(streamInput, 1<<40+id, 0)
	g.logQ = math.Log1p(-g.rate * n.dt * 1e-3)
	g.next = -1
	g.advance()
}

// advance moves next to the following success of the Bernoulli sequence
// (geometric gaps), so the cost is proportional to the number of spikes.
func (g *PoissonGroup) advance() {
	switch {
	case g.logQ == 0: // rate 0
		g.next = math.MaxInt64
	case math.IsInf(g.logQ, -1): // rate·dt = 1
		g.next++
	default:
		gap := math.Floor(math.Log(1-float64(g.g.Float64())) / g.logQ)
		if gap > 1e18 {
			g.next = math.MaxInt64
			return
		}
		g.next += 1 + int64(gap)
	}
}

func (g *PoissonGroup) step(s int64) {
	g.spikes = g.spikes[:0]
	end := (s + 1) * int64(g.n)
	for g.next < end {
		g.spikes = append(g.spikes, int32(g.next-s*int64(g.n)))
		g.advance()
	}
}
