package snn

import "fmt"

// What may be done when (doc.go, "Lifecycle"): before Build, everything;
// between runs, inputs and monitors may be added, state set (Set), monitors
// started and stopped, and the state stored and restored. Populations,
// spike sources and projections cannot be added after Build: such a call
// is reported and changes nothing.

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
	c := &checker{obj: p.obj()}
	if in == nil {
		c.fail("input", nil, "an Input")
	} else {
		in.check(c, p)
	}
	if err := c.err(); err != nil {
		return fmt.Errorf("snn: Inject between runs: input not attached: %w", err)
	}
	p.inputs = append(p.inputs, in)
	p.drivers = append(p.drivers, in.start(n, p, n.inputs))
	n.inputs++
	return nil
}

// monitorLate checks and builds a monitor added between runs; it records
// from the next step.
func (n *Network) monitorLate(m monitor) error {
	mine := map[SpikeSource]bool{}
	for _, p := range n.pops {
		mine[p] = true
	}
	for _, g := range n.gens {
		mine[g] = true
	}
	c := &checker{obj: "monitor"}
	if !monitorsKnown(m, mine) {
		c.fail("source", nil, "a source or population of this network")
	} else {
		c.obj = m.obj()
		m.check(c, n)
	}
	if err := c.err(); err != nil {
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
