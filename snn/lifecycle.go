package snn

import (
	"fmt"
	"math"
	"slices"
)

// What may be done when (doc.go, "Lifecycle"): before Build, everything;
// between runs, spike sources, projections, inputs and monitors may be
// added, state set (Set), monitors started and stopped, and the state
// stored and restored. Populations cannot be added after Build: such a
// call is reported and changes nothing.

// report keeps err (if not nil) for the next Run, which returns it once,
// so an error a caller ignored is not lost; it returns err.
func (n *Network) report(err error) error {
	if err != nil {
		n.pending = append(n.pending, err)
	}
	return err
}

// tooLate reports, and returns true, if the network is built: obj cannot
// be added any more.
func (n *Network) tooLate(obj, call string) bool {
	if !n.built {
		return false
	}
	n.report(fmt.Errorf("snn: %s: %s after the network was built (the first Run builds it): not added; the network is unchanged", obj, call))
	return true
}

// member reports whether p was added to n.
func (n *Network) member(p *Population) bool { return p != nil && p.net == n && n.indexOf(p) >= 0 }

// injectLate checks and starts an input attached between runs.
func (n *Network) injectLate(p *Population, in Input) error {
	if !n.member(p) {
		return &ParamError{Object: "Inject", Param: "population", Value: quote(p.name), Want: "a population of this network"}
	}
	c := &checker{Object: p.obj()}
	if in == nil {
		c.Fail("input", nil, "an Input")
	} else {
		in.check(c, p)
	}
	if err := c.Err(); err != nil {
		return fmt.Errorf("snn: Inject between runs: input not attached: %w", err)
	}
	p.inputs = append(p.inputs, in)
	p.drivers = append(p.drivers, in.start(n, p, n.inputs))
	n.inputs++
	return nil
}

// monitorLate checks and builds a monitor added between runs; it records
// from the next step.
func (n *Network) monitorLate(m Monitor) error {
	mine := n.sources()
	c := &checker{Object: monitorKind(m)}
	if checkSource(c, "source", m.Source(), mine, "a population or spike source added to this network") {
		c.Object = m.obj()
		m.check(c, n)
	}
	if err := c.Err(); err != nil {
		return fmt.Errorf("snn: monitor added between runs: not added: %w", err)
	}
	m.build(n)
	n.mons = append(n.mons, m)
	return nil
}

// errNotBuilt is returned by calls that need the built network.
func errNotBuilt(obj, call string) error {
	return fmt.Errorf("snn: %s: %s needs a built network (Build or the first Run builds it)", obj, call)
}

// sources returns the spike sources (populations and generators) of n.
func (n *Network) sources() map[SpikeSource]bool {
	mine := map[SpikeSource]bool{}
	for _, p := range n.pops {
		mine[p] = true
	}
	for _, g := range n.gens {
		mine[g] = true
	}
	return mine
}

// sourceLate checks and builds a spike source added between runs.
func (n *Network) sourceLate(g generator) error {
	c := &checker{Object: g.obj()}
	for src := range n.sources() {
		if src.Name() == g.Name() {
			c.Fail("name", quote(g.Name()), "unique among populations and spike sources")
			break
		}
	}
	g.check(c, n.dt)
	if sg, ok := g.(*SpikeGenerator); ok && c.OK() {
		for k, t := range sg.times {
			if int64(math.Round(t/n.dt))-1 < n.step {
				c.Fail(fmt.Sprintf("Times[%d]", k), t, fmt.Sprintf("> the current time %g ms (the generator is added between runs)", n.Time()))
				break
			}
		}
	}
	if err := c.Err(); err != nil {
		return fmt.Errorf("snn: spike source added between runs: not added: %w", err)
	}
	g.build(n, uint64(len(n.gens)))
	if pg, ok := g.(*PoissonGroup); ok && pg.next != math.MaxInt64 {
		pg.next += n.step * int64(pg.n) // its first draw is for the next step
	}
	n.gens = append(n.gens, g)
	return nil
}

// connectLate checks and builds a projection added between runs, deepening
// the target's ring buffer if its delays need it.
func (n *Network) connectLate(pr *Projection) error {
	c := &checker{Object: pr.obj()}
	mine := n.sources()
	okPre := checkSource(c, "pre", pr.pre, mine, "a population or spike source added to this network")
	okPost := checkSource(c, "post", pr.post, mine, "a population added to this network")
	if okPre && okPost {
		pr.check(c, n.dt)
	}
	if err := c.Err(); err != nil {
		return fmt.Errorf("snn: Connect between runs: not connected: %w", err)
	}
	if err := pr.build(n.dt, uint64(len(n.projs)), n.workers()); err != nil {
		pr.unbuild()
		return fmt.Errorf("snn: Connect between runs: not connected: %w", err)
	}
	if r := &pr.post.rings[pr.rec]; pr.maxDel > r.slots-1 {
		pr.post.setRing(pr.rec, deeper(r, pr.maxDel, n.step))
	}
	n.projs = append(n.projs, pr)
	return nil
}

// deeper returns a ring for delays up to maxDelay steps holding what r
// holds for steps s, s+1, ....
func deeper(r *ring, maxDelay int, s int64) ring {
	nr := newRing(r.n, maxDelay)
	for d := range int64(r.slots) {
		copy(nr.at(s+d), r.at(s+d))
	}
	return nr
}

// SetRate changes the group's rate (Hz): before Build, the rate Build
// starts it with; between runs, from the next step. A rate outside
// [0, 1/dt] is returned as an error (the next Run returns it too) and
// changes nothing. The next spike
// is drawn again from the group's stream at the new rate, so the result
// does not depend on the old rate beyond the current time.
func (g *PoissonGroup) SetRate(rate float64) error {
	if g.net == nil || !g.net.built {
		g.rate = rate
		return nil
	}
	n := g.net
	if !slices.Contains(n.gens, generator(g)) {
		return n.report(fmt.Errorf("snn: %s: SetRate: the group is not part of the network (it was refused or detached by Restore)", g.obj()))
	}
	c := &checker{Object: g.obj()}
	old := g.rate
	g.rate = rate
	g.check(c, n.dt)
	if err := c.Err(); err != nil {
		g.rate = old
		return n.report(fmt.Errorf("snn: SetRate: rate unchanged: %w", err))
	}
	g.logQ = math.Log1p(-rate * n.dt * 1e-3)
	g.next = n.step*int64(g.n) - 1
	g.advance()
	return nil
}
