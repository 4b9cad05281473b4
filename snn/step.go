package snn

import "runtime"

// One step of the network, in the order doc.go ("Update order") documents:
// the populations update block by block (each block runs its inputs, then
// its model's kernel, then the inputs' corrections), their spikes are
// gathered, the generators and the monitors step, and the projections
// deliver the spikes into the ring buffers of their targets: on one
// goroutine (advance) or on a team of workers that meets once a step
// (runTeam).

// advance takes one step in the documented order on one goroutine.
func (n *Network) advance() error {
	s := n.step
	for _, t := range n.tasks {
		t.p.update(t.b, t.lo, t.hi, s)
	}
	collect(0, n.pops, n.tasks)
	if err := n.afterUpdate(s); err != nil {
		return err
	}
	for _, pr := range n.projs {
		pr.deliver(s, 0)
	}
	n.step++
	return nil
}

// runTeam takes total steps on a team of w workers. The team meets once a
// step, not twice: worker w delivers step s−1's spikes into its neurons
// and then updates them for step s, with nothing between the two that
// needs the other workers. Between meetings the caller alone gathers the
// spikes, steps the generators and records the monitors (which read no
// arrival slot, so recording before the delivery records the same
// values). Every neuron sees the same operations in the same order as in
// advance, so the results are the same bits.
func (n *Network) runTeam(total, every int64, w int) error {
	tm := newTeam(len(n.tasks), w)
	defer tm.stop()
	n.splitProjections(tm)
	n.partSpikes(w)
	var s int64
	var first, last bool
	step := func(w int) { // one closure for the whole Run, not one allocated per step
		if !first {
			for _, pr := range n.projs {
				pr.deliver(s-1, w)
			}
		}
		if !last {
			a, b := tm.share(w)
			for _, t := range n.tasks[a:b] {
				t.p.update(t.b, t.lo, t.hi, s)
			}
			collect(w, n.pops, n.tasks[a:b])
		}
	}
	for k := int64(0); k <= total; k++ {
		s, first, last = n.step, k == 0, k == total
		tm.run(step)
		if last {
			break
		}
		if err := n.afterUpdate(s); err != nil {
			return err
		}
		n.step++
		n.progress(k, total, every)
	}
	return nil
}

// afterUpdate does the part of step s between the neurons' update and the
// delivery of their spikes: gather each population's spikes (and stop at a
// non-finite V), step the generators and record the monitors.
func (n *Network) afterUpdate(s int64) error {
	t := float64(s+1) * n.dt
	for _, p := range n.pops {
		if bad := p.gather(); bad >= 0 {
			n.err = &NumericalError{Population: p.name, Neuron: bad, Time: t, Value: p.v[bad], step: s + 1, dt: n.dt}
			return n.err
		}
	}
	for _, g := range n.gens {
		g.step(s)
	}
	for _, m := range n.mons {
		m.record(s, t)
	}
	return nil
}

// stepWorkers is the number of goroutines that step the populations: the
// workers, at most GOMAXPROCS (they spin between steps), and one for small
// networks when Workers is automatic.
func (n *Network) stepWorkers() int {
	if len(n.tasks) <= 1 || (n.nworkers == 0 && len(n.tasks)*blockSize < parallelMin) {
		return 1
	}
	return min(n.workers(), runtime.GOMAXPROCS(0), len(n.tasks))
}

// parallelMin is the number of neurons below which a step runs on one
// goroutine when Workers is automatic: under it, handing blocks to workers
// every step costs more than it saves.
const parallelMin = 16 * blockSize

// splitProjections prepares every projection for delivery by the team:
// worker w delivers into the neurons of the blocks it steps.
func (n *Network) splitProjections(tm *team) {
	for _, pr := range n.projs {
		starts := make([]int, tm.workers)
		for w := range starts {
			a, b := tm.share(w)
			starts[w] = pr.post.n // past the end unless it owns blocks
			for _, t := range n.tasks[a:b] {
				if t.p == pr.post {
					starts[w] = min(starts[w], t.lo)
				}
			}
		}
		for w := len(starts) - 2; w >= 0; w-- { // an empty share starts where the next does
			starts[w] = min(starts[w], starts[w+1])
		}
		pr.split(starts)
	}
}

// partSpikes gives every population one spike part per worker (collect).
func (n *Network) partSpikes(workers int) {
	for _, p := range n.pops {
		if len(p.parts) != workers {
			p.parts = make([]spikePart, workers)
		}
	}
}

// progress calls Progress after step k of total when it is due.
func (n *Network) progress(k, total, every int64) {
	if n.progressFn != nil && ((k+1)%every == 0 || k+1 == total) {
		n.progressFn(float64(k+1)*n.dt, float64(total)*n.dt)
	}
}

// update advances block b, neurons [lo, hi), by one step (step s).
func (p *Population) update(b, lo, hi int, s int64) {
	if len(p.drivers) > 0 {
		clear(p.iext[lo:hi])
		for _, d := range p.drivers {
			d.apply(p, b, lo, hi, s)
		}
	}
	out := &p.blocks[b]
	out.lo, out.spikes, out.bad = lo, out.spikes[:0], -1
	out.views = out.views[:0]
	for k, r := range p.recs {
		if p.sharedRing(k) {
			continue // its arrivals are in the first delta receptor's view
		}
		v := recView{kind: r.Kind, eRev: r.ERev, p11: p.recProp[k].p11, p21: p.recProp[k].p21, in: p.rings[k].at(s)[lo:hi]}
		if r.Kind != DeltaKind {
			v.x = p.syn[k][lo:hi]
		}
		out.views = append(out.views, v)
	}
	p.dyn.step(p, out, lo, hi)
	for _, d := range p.drivers {
		if c, ok := d.(corrector); ok {
			c.correct(p, out, b, out.lo, hi)
		}
	}
}

// recView is one receptor seen from one block in one step (one view holds
// the arrivals of all delta receptors: Population.sharedRing).
type recView struct {
	kind     ReceptorKind
	eRev     float64
	p11, p21 float64
	x        []float64 // I_syn or g of the block's neurons
	in       []float64 // this step's arrivals (cleared once taken)
}

// A corrector is a driver that also acts after the kernel's step, on the
// block's new state (NoisyCurrent's Brownian-bridge threshold crossings).
type corrector interface {
	correct(p *Population, out *blockOut, b, lo, hi int)
}

// blockOut collects what one block produced in a step.
type blockOut struct {
	lo     int // the block's first neuron
	spikes []int32
	bad    int       // first neuron with a non-finite V, or −1
	views  []recView // the receptors seen from the block (reused each step)
	_      [64]byte  // keeps blocks that different workers write off one cache line
}

// fire takes a free neuron whose new potential v is at or above its
// threshold, or not finite: it reports a non-finite v, or else emits a
// spike, resets V and starts the refractory period. (A finite v below the
// threshold, which the kernels' fast test sends here only at
// −math.MaxFloat64, is simply stored.)
func (p *Population) fire(out *blockOut, i int, v float64) {
	switch {
	case v-v != 0: // NaN or ±Inf
		p.v[i] = v
		if out.bad < 0 {
			out.bad = i
		}
	case v >= p.vth[i]:
		out.spikes = append(out.spikes, int32(i))
		p.v[i] = p.vReset
		p.refr[i] = p.refSteps
	default:
		p.v[i] = v
	}
}

// spikePart is what one worker (the only one, without a team) gathers
// from the blocks it steps of one population.
type spikePart struct {
	spikes []int32
	bad    int      // first neuron with a non-finite V, or −1
	_      [64]byte // keeps parts that different workers write off one cache line
}

// collect gathers into worker w's part the spikes of the blocks it
// stepped, tasks (in block order).
func collect(w int, pops []*Population, tasks []task) {
	for _, p := range pops {
		p.parts[w].spikes, p.parts[w].bad = p.parts[w].spikes[:0], -1
	}
	for _, t := range tasks {
		part, b := &t.p.parts[w], &t.p.blocks[t.b]
		part.spikes = append(part.spikes, b.spikes...)
		if part.bad < 0 {
			part.bad = b.bad
		}
	}
}

// gather concatenates the workers' parts in worker order (so in block
// order) and reports the first non-finite neuron, or −1. Reading one short
// list per worker, not every block's record, spares a team's core the
// cache misses of writing records that another core read the step before.
func (p *Population) gather() int {
	p.spikes = p.spikes[:0]
	bad := -1
	for _, part := range p.parts {
		p.spikes = append(p.spikes, part.spikes...)
		if bad < 0 {
			bad = part.bad
		}
	}
	return bad
}
