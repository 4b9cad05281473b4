package snn

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
)

// Network owns populations, spike sources, projections, inputs and
// monitors, and advances them together on an integer clock of step dt.
type Network struct {
	dt   float64
	Seed uint64

	// Workers is the number of goroutines a step may use. 0 (automatic)
	// means runtime.GOMAXPROCS(0) for networks of at least 16,384 neurons
	// and one goroutine for smaller ones, where handing blocks to workers
	// every step costs more than it saves; a positive value is used as
	// given, up to GOMAXPROCS and the number of 1024-neuron blocks.
	// During Run the workers spin between steps rather than sleep.
	// Results do not depend on it.
	Workers int

	// Progress, if set, is called during Run about every 1 % of the run and
	// at its end, with the simulated time done so far in this run and the
	// run's duration (ms).
	Progress func(done, duration float64)

	pops  []*Population
	gens  []generator
	projs []*Projection
	mons  []monitor
	late  []error // changes attempted after Build

	// Tests only: use the scalar kernels even where SIMD ones exist, at
	// most four lanes, the general kernels instead of the fused ones.
	scalar, lanes4, general bool

	built bool
	err   error // sticky: a failed build or a numerical failure
	step  int64
	tasks []task
}

// task is one block of one population.
type task struct {
	p      *Population
	b      int
	lo, hi int
}

// New returns an empty network with time step dt (ms) and a seed for every
// random draw.
func New(dt float64, seed uint64) *Network { return &Network{dt: dt, Seed: seed} }

// Dt returns the time step (ms).
func (n *Network) Dt() float64 { return n.dt }

// Time returns the current time (ms).
func (n *Network) Time() float64 { return float64(n.step) * n.dt }

// Steps returns the number of steps taken.
func (n *Network) Steps() int64 { return n.step }

// Populations returns the populations in the order they were added.
func (n *Network) Populations() []*Population { return n.pops }

// Projections returns the projections in the order they were added.
func (n *Network) Projections() []*Projection { return n.projs }

// AddPopulation adds n neurons of the given model with the given receptors.
func (n *Network) AddPopulation(name string, size int, model Model, receptors ...Receptor) *Population {
	p := &Population{net: n, name: name, n: size, model: model, recs: receptors}
	n.mustNotBeBuilt(p.obj(), "AddPopulation")
	n.pops = append(n.pops, p)
	return p
}

// AddSpikeGenerator adds a source of size neurons where neuron indices[k]
// spikes at times[k] (ms).
func (n *Network) AddSpikeGenerator(name string, size int, indices []int, times []float64) *SpikeGenerator {
	g := &SpikeGenerator{name: name, n: size, indices: append([]int(nil), indices...), times: append([]float64(nil), times...)}
	n.mustNotBeBuilt(g.obj(), "AddSpikeGenerator")
	n.gens = append(n.gens, g)
	return g
}

// AddPoissonGroup adds a source of size independent Poisson neurons firing
// at rate Hz.
func (n *Network) AddPoissonGroup(name string, size int, rate float64) *PoissonGroup {
	g := &PoissonGroup{name: name, n: size, Rate: rate}
	n.mustNotBeBuilt(g.obj(), "AddPoissonGroup")
	n.gens = append(n.gens, g)
	return g
}

// Connect adds a projection from pre to the receptor syn.Receptor of post,
// wired by rule.
func (n *Network) Connect(pre SpikeSource, post *Population, rule Connector, syn Synapse) *Projection {
	pr := &Projection{net: n, pre: pre, post: post, rule: rule, syn: syn}
	if pre != nil && post != nil {
		pr.name = pre.Name() + "->" + post.name + ":" + syn.Receptor
	}
	n.mustNotBeBuilt(pr.obj(), "Connect")
	n.projs = append(n.projs, pr)
	return pr
}

// Inject attaches an input to a population.
func (n *Network) Inject(p *Population, in Input) {
	if p == nil {
		n.late = append(n.late, &ParamError{Object: "Inject", Param: "population", Value: nil, Want: "a population of this network"})
		return
	}
	n.mustNotBeBuilt(p.obj(), "Inject")
	p.inputs = append(p.inputs, in)
}

// MonitorSpikes records the spikes of src: of all neurons, or only of the
// given ones.
func (n *Network) MonitorSpikes(src SpikeSource, neurons ...int) *SpikeMonitor {
	m := &SpikeMonitor{src: src, subset: neurons}
	n.addMonitor(m)
	return m
}

// MonitorState records variable ("V", "Iext" or a receptor name) of the
// given neurons every `every` steps.
func (n *Network) MonitorState(p *Population, variable string, neurons []int, every int) *StateMonitor {
	m := &StateMonitor{pop: p, Var: variable, Neurons: append([]int(nil), neurons...), Every: every}
	n.addMonitor(m)
	return m
}

// MonitorRate records the population rate of src in bins of bin ms.
func (n *Network) MonitorRate(src SpikeSource, bin float64) *RateMonitor {
	m := &RateMonitor{src: src, Bin: bin}
	n.addMonitor(m)
	return m
}

func (n *Network) addMonitor(m monitor) {
	if n.built {
		n.late = append(n.late, fmt.Errorf("snn: monitors must be added before the first Run"))
		return
	}
	n.mons = append(n.mons, m)
}

func (n *Network) mustNotBeBuilt(obj, what string) {
	if n.built {
		n.late = append(n.late, fmt.Errorf("snn: %s: %s after the network was built (the first Run builds it); build a new network instead", obj, what))
	}
}

func (n *Network) indexOf(p *Population) int {
	for i, q := range n.pops {
		if q == p {
			return i
		}
	}
	return -1
}

func (n *Network) workers() int {
	if n.Workers > 0 {
		return n.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// validate checks every object and returns all problems joined.
func (n *Network) validate() error {
	var errs []error
	net := &checker{obj: "network"}
	net.positive("dt", n.dt, " ms")
	if n.Workers < 0 {
		net.fail("Workers", n.Workers, "≥ 0 (0 means GOMAXPROCS)")
	}
	errs = append(errs, net.errs...)
	names := map[string]bool{}
	unique := func(c *checker, name string) {
		if names[name] {
			c.fail("name", quote(name), "unique among populations and spike sources")
		}
		names[name] = true
	}
	mine := map[SpikeSource]bool{}
	for _, p := range n.pops {
		c := &checker{obj: p.obj()}
		unique(c, p.name)
		p.check(c)
		for _, in := range p.inputs {
			if in == nil {
				c.fail("input", nil, "an Input")
				continue
			}
			if p.n > 0 {
				in.check(c, p)
			}
		}
		errs = append(errs, c.errs...)
		mine[p] = true
	}
	for _, g := range n.gens {
		c := &checker{obj: g.obj()}
		unique(c, g.Name())
		if isFinite(n.dt) && n.dt > 0 {
			g.check(c, n.dt)
		}
		errs = append(errs, c.errs...)
		mine[g] = true
	}
	for _, pr := range n.projs {
		c := &checker{obj: pr.obj()}
		switch {
		case pr.pre == nil || pr.post == nil:
			c.fail("pre/post", fmt.Sprintf("%v/%v", pr.pre, pr.post), "a source and a population of this network")
		case !mine[pr.pre] || !mine[pr.post]:
			c.fail("pre/post", pr.name, "a source and a population added to this network")
		case isFinite(n.dt) && n.dt > 0:
			pr.check(c, n.dt)
		}
		errs = append(errs, c.errs...)
	}
	for _, m := range n.mons {
		c := &checker{obj: "monitor"}
		if !monitorsKnown(m, mine) {
			c.fail("source", nil, "a source or population of this network")
		} else if c.obj = m.obj(); isFinite(n.dt) && n.dt > 0 {
			m.check(c, n)
		}
		errs = append(errs, c.errs...)
	}
	return errors.Join(errs...)
}

func monitorsKnown(m monitor, mine map[SpikeSource]bool) bool {
	switch m := m.(type) {
	case *SpikeMonitor:
		return m.src != nil && mine[m.src]
	case *StateMonitor:
		return m.pop != nil && mine[m.pop]
	case *RateMonitor:
		return m.src != nil && mine[m.src]
	}
	return false
}

// Build validates every object and allocates the network. It either
// builds everything or, on any invalid parameter, nothing: the error then
// lists every problem, and the network stays unusable (Run returns the same
// error). Run calls Build the first time.
func (n *Network) Build() error {
	if n.built || n.err != nil {
		return n.err
	}
	if err := n.validate(); err != nil {
		n.err = fmt.Errorf("%w: %w", ErrBuildFailed, err)
		return n.err
	}
	w := n.workers()
	maxDelay := map[*Population][]int{}
	for _, p := range n.pops {
		maxDelay[p] = make([]int, len(p.recs))
	}
	for k, pr := range n.projs {
		pr.build(n.dt, uint64(k), w)
		md := maxDelay[pr.post]
		md[pr.rec] = max(md[pr.rec], pr.maxDel)
	}
	var id uint64
	for _, p := range n.pops {
		p.build(n.dt, maxDelay[p])
		for _, in := range p.inputs {
			p.drivers = append(p.drivers, in.start(n, p, id))
			id++
		}
		for b := range p.blocks {
			n.tasks = append(n.tasks, task{p: p, b: b, lo: b * blockSize, hi: min(p.n, (b+1)*blockSize)})
		}
	}
	for k, g := range n.gens {
		g.build(n, uint64(k))
	}
	for _, m := range n.mons {
		m.build(n)
	}
	n.built = true
	return nil
}

// Run advances the network by duration ms (a whole number of steps). It can
// be called again to continue the same simulation. If a membrane potential
// becomes NaN or infinite, Run stops with a *NumericalError; monitors keep
// what they recorded.
func (n *Network) Run(duration float64) error {
	if len(n.late) > 0 {
		return errors.Join(n.late...)
	}
	if err := n.Build(); err != nil {
		return err
	}
	steps := duration / n.dt
	if !isFinite(duration) || duration < 0 || math.Abs(steps-math.Round(steps)) > 1e-6*max(1, steps) {
		return &ParamError{Object: "Run", Param: "duration", Value: duration, Want: fmt.Sprintf("≥ 0 ms, finite and a whole number of steps of dt = %g ms", n.dt)}
	}
	total := int64(math.Round(steps))
	every := max(1, total/100)
	for _, p := range n.pops { // VTh may have been changed between runs
		p.thOne, p.thAll = p.VTh[0], false
		for _, v := range p.VTh {
			p.thAll = p.thAll || v != p.thOne
		}
	}
	var tm *team
	if w := n.stepWorkers(); w > 1 {
		tm = newTeam(len(n.tasks), w)
		defer tm.stop()
		n.splitProjections(tm)
	} else {
		for _, pr := range n.projs {
			pr.cut = nil
		}
	}
	for k := int64(0); k < total; k++ {
		if err := n.advance(tm); err != nil {
			return err
		}
		if n.Progress != nil && ((k+1)%every == 0 || k+1 == total) {
			n.Progress(float64(k+1)*n.dt, float64(total)*n.dt)
		}
	}
	return nil
}

// parallelMin is the number of neurons below which a step runs on one
// goroutine when Workers is automatic: under it, handing blocks to workers
// every step costs more than it saves.
const parallelMin = 16 * blockSize

// stepWorkers is the number of goroutines that step the populations: the
// workers, at most GOMAXPROCS (they spin between steps), and one for small
// networks when Workers is automatic.
func (n *Network) stepWorkers() int {
	if len(n.tasks) <= 1 || (n.Workers == 0 && len(n.tasks)*blockSize < parallelMin) {
		return 1
	}
	return min(n.workers(), runtime.GOMAXPROCS(0), len(n.tasks))
}

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

// advance takes one step in the documented order; with a team, each worker
// steps its blocks and delivers into their neurons.
func (n *Network) advance(tm *team) error {
	if n.err != nil {
		return n.err
	}
	s := n.step
	if tm != nil {
		tm.run(func(w int) {
			a, b := tm.share(w)
			for _, t := range n.tasks[a:b] {
				t.p.update(t.b, t.lo, t.hi, s)
			}
		})
	} else {
		for _, t := range n.tasks {
			t.p.update(t.b, t.lo, t.hi, s)
		}
	}
	t := float64(s+1) * n.dt
	for _, p := range n.pops {
		if bad := p.gather(); bad >= 0 {
			n.err = &NumericalError{Population: p.name, Neuron: bad, Time: t, Value: p.V[bad]}
			return n.err
		}
	}
	for _, g := range n.gens {
		g.step(s)
	}
	if tm != nil {
		tm.run(func(w int) {
			for _, pr := range n.projs {
				pr.deliver(s, w)
			}
		})
	} else {
		for _, pr := range n.projs {
			pr.deliver(s, 0)
		}
	}
	for _, m := range n.mons {
		m.record(s, t)
	}
	n.step++
	return nil
}

func quote(s string) string { return strconv.Quote(s) }
