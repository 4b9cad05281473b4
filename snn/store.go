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
	live    []rand.PCG // the sources of n.live, by value
	pops    []popState
	gens    []genState
	nProjs  int
	mons    []monState
	drivers [][][]float64 // per population, per driver: its state vectors
}

type popState struct {
	vars    [][]float64 // stateVars, in order
	refr    []int32
	pending [][]float64 // per receptor: ring slot of step+d, d = 0, 1, ... (what is in flight)
	spikes  []int32
	nInputs int
}

type genState struct {
	next   int64
	spikes []int32
}

type monState struct {
	off         bool
	n           int   // spikes, samples or bins recorded
	count, seen int64 // a rate monitor's incomplete bin
}

// Store saves the whole state of the network under name (replacing any
// state stored under it), as Brian2's store(): time, every population's
// state variables (Population.Set's list, with Iext) and refractory
// counters, the spikes in flight to every receptor, every random stream
// that draws during runs (inputs, Poisson groups, noise), the inputs' own
// state, the spike generators' positions, and every monitor's position
// and window. Store builds the network if it is not yet built.
//
// Restore(name) returns the network to that state, so a run after it gives
// the same bits as the run that followed the Store.
func (n *Network) Store(name string) error {
	if err := n.Build(); err != nil {
		return err
	}
	s := &snapshot{step: n.step, inputs: n.inputs, nProjs: len(n.projs)}
	for _, src := range n.live {
		s.live = append(s.live, *src)
	}
	for _, p := range n.pops {
		ps := popState{refr: slices.Clone(p.refr), spikes: slices.Clone(p.spikes), nInputs: len(p.drivers)}
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
			s.gens = append(s.gens, genState{next: int64(g.next), spikes: slices.Clone(g.spikes)})
		case *PoissonGroup:
			s.gens = append(s.gens, genState{next: g.next, spikes: slices.Clone(g.spikes)})
		default:
			return fmt.Errorf("snn: Store: %s: cannot store a %T", g.obj(), g)
		}
	}
	for _, m := range n.mons {
		switch m := m.(type) {
		case *SpikeMonitor:
			s.mons = append(s.mons, monState{off: m.off, n: len(m.T)})
		case *StateMonitor:
			s.mons = append(s.mons, monState{off: m.off, n: len(m.T)})
		case *RateMonitor:
			s.mons = append(s.mons, monState{off: m.off, n: len(m.T), count: int64(m.count), seen: m.seen})
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
// including the time. Objects added since the Store are detached: spike
// sources, projections, inputs and monitors added after it are removed
// from the network (monitors keep what they recorded; a receptor's ring
// buffer keeps the depth a later projection gave it, which changes no
// result). Populations cannot be added after Build. Monitors
// the Store saw are cut back to what they had recorded then and get their
// window back. A network stopped by a *NumericalError runs again after
// Restore. An unknown name is an error and changes nothing.
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
	if len(s.pops) != len(n.pops) || len(s.gens) > len(n.gens) || s.nProjs > len(n.projs) {
		return n.report(fmt.Errorf("snn: Restore(%q): the network's populations, sources or projections changed since the Store", name))
	}
	n.gens, n.projs = n.gens[:len(s.gens)], n.projs[:s.nProjs]
	n.step, n.inputs = s.step, s.inputs
	n.live = n.live[:len(s.live)]
	for k := range s.live {
		*n.live[k] = s.live[k]
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
		p.drivers, p.inputs = p.drivers[:ps.nInputs], p.inputs[:ps.nInputs]
		for k, d := range p.drivers {
			copy(driverState(d), s.drivers[j][k])
		}
	}
	for k, g := range n.gens {
		gs := &s.gens[k]
		switch g := g.(type) {
		case *SpikeGenerator:
			g.next, g.spikes = int(gs.next), append(g.spikes[:0], gs.spikes...)
		case *PoissonGroup:
			g.next, g.spikes = gs.next, append(g.spikes[:0], gs.spikes...)
		}
	}
	n.mons = n.mons[:len(s.mons)]
	for k, m := range n.mons {
		ms := &s.mons[k]
		switch m := m.(type) {
		case *SpikeMonitor:
			m.off, m.T, m.I = ms.off, cut(m.T, ms.n), cut(m.I, ms.n)
		case *StateMonitor:
			m.off, m.T = ms.off, cut(m.T, ms.n)
			for i := range m.Values {
				m.Values[i] = cut(m.Values[i], ms.n)
			}
		case *RateMonitor:
			m.off, m.T, m.Rate = ms.off, cut(m.T, ms.n), cut(m.Rate, ms.n)
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

// cut returns the first n elements of x (all of them if it has fewer),
// with no spare capacity, so that what is recorded next goes to a new
// array and never overwrites a slice a caller kept from before Restore.
func cut[T any](x []T, n int) []T { return slices.Clip(x[:min(n, len(x))]) }
