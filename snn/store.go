package snn

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// snapshot is the whole state of a network at a step boundary, as Store
// takes it.
type snapshot struct {
	step    int64
	inputs  uint64
	live    []*rand.PCG // n.live
	pcg     []rand.PCG  // their state
	pops    []popState
	gens    []generator
	genAt   []genState
	projs   []*Projection
	mons    []Monitor
	monAt   []monState
	drivers [][][]float64 // per population, per driver: its state vectors
}

type popState struct {
	vars    [][]float64 // stateVars, in order
	refr    []int32
	pending [][]float64 // per receptor: ring slot of step+d, d = 0, 1, ... (what is in flight)
	spikes  []int32
	inputs  []Input
	drivers []driver
}

type genState struct {
	next       int64
	spikes     []int32
	rate, logQ float64 // a Poisson group's (SetRate changes them)
}

// monState is a monitor's window and records at the Store. The records
// are slice headers, not copies: nothing ever writes below a slice's
// length at the Store (recording appends, and Restore clips what it
// restores, so the next append moves to a new array).
type monState struct {
	off         bool
	T, Rate     []float64
	I           []int32
	Values      [][]float64
	count, seen int64 // a rate monitor's incomplete bin
}

// Store saves the whole state of the network under name (replacing any
// state stored under it), as Brian2's store(): time, every population's
// state variables (Population.Set's list, with Iext) and refractory
// counters, the spikes in flight to every receptor, every random stream
// that draws during runs (inputs, Poisson groups, noise), the inputs' own
// state, the spike generators' positions, and every monitor's position
// and window. A snapshot takes about as much memory as the populations'
// state and ring buffers: 8 bytes per neuron for each state variable, and
// per receptor 8·(d + 1) bytes per neuron, d its longest delay in steps.
// Store builds the network if it is not yet built. It keeps the monitors'
// records by reference: recording only appends to them, and callers read
// copies.
//
// Restore(name) returns the network to that state, so a run after it gives
// the same bits as the run that followed the Store.
func (n *Network) Store(name string) error {
	if err := n.Build(); err != nil {
		return err
	}
	s := &snapshot{step: n.step, inputs: n.inputs, live: slices.Clone(n.live),
		gens: slices.Clone(n.gens), projs: slices.Clone(n.projs), mons: slices.Clone(n.mons)}
	for _, src := range n.live {
		s.pcg = append(s.pcg, *src)
	}
	for _, p := range n.pops {
		ps := popState{refr: slices.Clone(p.refr), spikes: slices.Clone(p.spikes),
			inputs: slices.Clone(p.inputs), drivers: slices.Clone(p.drivers)}
		for _, v := range p.stateVars() {
			ps.vars = append(ps.vars, slices.Clone(v.x))
		}
		for k := range p.rings {
			r := &p.rings[k]
			buf := make([]float64, 0, len(r.data))
			for d := range r.slots {
				buf = append(buf, r.at(n.step+int64(d))...)
			}
			ps.pending = append(ps.pending, buf)
		}
		s.pops = append(s.pops, ps)
		var ds [][]float64
		for _, d := range p.drivers {
			ds = append(ds, slices.Clone(driverState(d)))
		}
		s.drivers = append(s.drivers, ds)
	}
	for _, g := range n.gens {
		switch g := g.(type) {
		case *SpikeGenerator:
			s.genAt = append(s.genAt, genState{next: int64(g.next), spikes: slices.Clone(g.spikes)})
		case *PoissonGroup:
			s.genAt = append(s.genAt, genState{next: g.next, spikes: slices.Clone(g.spikes), rate: g.rate, logQ: g.logQ})
		default:
			return fmt.Errorf("snn: Store: %s: cannot store a %T", g.obj(), g)
		}
	}
	for _, m := range n.mons {
		switch m := m.(type) {
		case *SpikeMonitor:
			s.monAt = append(s.monAt, monState{off: m.off, T: m.times, I: m.index})
		case *StateMonitor:
			s.monAt = append(s.monAt, monState{off: m.off, T: m.times, Values: slices.Clone(m.values)})
		case *RateMonitor:
			s.monAt = append(s.monAt, monState{off: m.off, T: m.times, Rate: m.rate, count: int64(m.count), seen: m.seen})
		default:
			return fmt.Errorf("snn: Store: %s: cannot store a %T", m.obj(), m)
		}
	}
	if n.stores == nil {
		n.stores = map[string]*snapshot{}
	}
	n.stores[name] = s
	return nil
}

// driverState returns the state an input keeps between steps besides its
// random streams (which the network keeps), or nil. An input type with
// such state must be listed here.
func driverState(d driver) []float64 {
	switch d := d.(type) {
	case *ou:
		return d.I
	case *randomCurrent:
		return d.I
	}
	return nil
}

// Restore returns the network to the state stored under name (see Store),
// including the time, and to the objects it had then: spike sources,
// projections, inputs and monitors added since are detached (monitors keep
// what they recorded; a receptor's ring buffer keeps the depth a later
// projection gave it, which changes no result), and those a later Restore
// detached come back. Populations cannot be added after Build. Monitors
// the Store saw get back what they had recorded then (a slice of the
// records a caller kept is never overwritten) and their window. A network
// stopped by a *NumericalError runs again after Restore. An unknown name
// is an error and changes nothing.
func (n *Network) Restore(name string) error {
	s, ok := n.stores[name]
	if !ok {
		var names []string
		for k := range n.stores {
			names = append(names, quote(k))
		}
		slices.Sort(names)
		return n.report(&ParamError{Object: "Restore", Param: "name", Value: quote(name), Want: fmt.Sprintf("a name given to Store (stored: %v)", names)})
	}
	if len(s.pops) != len(n.pops) {
		return n.report(fmt.Errorf("snn: Restore(%q): the network has %d populations, the Store saw %d", name, len(n.pops), len(s.pops)))
	}
	n.step, n.inputs = s.step, s.inputs
	n.gens, n.projs, n.mons = slices.Clone(s.gens), slices.Clone(s.projs), slices.Clone(s.mons)
	n.live = slices.Clone(s.live)
	for k, src := range n.live {
		*src = s.pcg[k]
	}
	for j, p := range n.pops {
		ps := &s.pops[j]
		for k, v := range p.stateVars() {
			copy(v.x, ps.vars[k])
		}
		copy(p.refr, ps.refr)
		p.spikes = append(p.spikes[:0], ps.spikes...)
		for k := range p.rings {
			r := &p.rings[k]
			clear(r.data)
			buf := ps.pending[k]
			for d := 0; d*r.n < len(buf); d++ {
				copy(r.at(n.step+int64(d)), buf[d*r.n:(d+1)*r.n])
			}
		}
		p.drivers, p.inputs = slices.Clone(ps.drivers), slices.Clone(ps.inputs)
		for k, d := range p.drivers {
			copy(driverState(d), s.drivers[j][k])
		}
	}
	for k, g := range n.gens {
		gs := &s.genAt[k]
		switch g := g.(type) {
		case *SpikeGenerator:
			g.next, g.spikes = int(gs.next), append(g.spikes[:0], gs.spikes...)
		case *PoissonGroup:
			g.next, g.spikes = gs.next, append(g.spikes[:0], gs.spikes...)
			g.rate, g.logQ = gs.rate, gs.logQ
		}
	}
	for k, m := range n.mons {
		ms := &s.monAt[k]
		switch m := m.(type) {
		case *SpikeMonitor:
			m.off, m.times, m.index = ms.off, slices.Clip(ms.T), slices.Clip(ms.I)
		case *StateMonitor:
			m.off, m.times = ms.off, slices.Clip(ms.T)
			for i := range m.values {
				m.values[i] = slices.Clip(ms.Values[i])
			}
		case *RateMonitor:
			m.off, m.times, m.rate = ms.off, slices.Clip(ms.T), slices.Clip(ms.Rate)
			m.count, m.seen = int(ms.count), ms.seen
		}
	}
	if _, numerical := n.err.(*NumericalError); numerical {
		n.err = nil
	}
	return nil
}

// Stored returns the names given to Store, sorted.
func (n *Network) Stored() []string {
	var names []string
	for k := range n.stores {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
