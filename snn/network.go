package snn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Network owns populations, spike sources, projections, inputs and
// monitors, and advances them together on an integer clock of step dt.
type Network struct {
	dt   float64
	seed uint64

	// Settings (SetWorkers, SetProgress, SetMaxBytes).
	nworkers   int
	progressFn func(done, duration float64)
	maxBytes   int64

	pops  []*Population
	gens  []generator
	projs []*Projection
	mons  []Monitor

	// Lifecycle (lifecycle.go, store.go).
	pending []error              // disallowed or invalid calls since the last Run; reported by it
	live    []*rand.PCG          // the random streams drawn from during runs, in creation order
	inputs  uint64               // inputs started so far (the next input's stream id)
	stores  map[string]*snapshot // Store's snapshots by name

	// Tests only: use the scalar kernels even where SIMD ones exist, at
	// most four lanes, the general kernels instead of the fused ones.
	scalar, lanes4, general bool

	built bool
	bytes float64 // the estimated memory of the built network (memory.go)
	err   error   // sticky: a failed build or a numerical failure
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
func New(dt float64, seed uint64) *Network { return &Network{dt: dt, seed: seed} }

// Seed returns the seed given to New: every random draw of the network
// derives from it.
func (n *Network) Seed() uint64 { return n.seed }

// Workers returns the number of goroutines a step may use, as SetWorkers
// set it (0: automatic).
func (n *Network) Workers() int { return n.nworkers }

// SetWorkers sets the number of goroutines a step may use, from the next
// Run. 0 (automatic, the default) means one goroutine for networks under
// 16,384 neurons, where handing blocks to workers every step costs more
// than it saves, and inside a running Sweep; otherwise the cores that are
// free when Run starts (GOMAXPROCS less the threads of other processes
// running or waiting for a core, the least of a few samples over half a
// millisecond). A positive value is used as given, up to GOMAXPROCS and
// the number of 1024-neuron blocks. The workers meet once a step; while
// one waits for the others it spins briefly, then sleeps. Results do not
// depend on it. A negative value is returned as an error (the next Run
// returns it too) and changes nothing.
func (n *Network) SetWorkers(w int) error {
	if w < 0 {
		return n.report(&ParamError{Object: "network", Param: "Workers", Value: w, Want: "≥ 0 (0: automatic, as Network.SetWorkers says)"})
	}
	n.nworkers = w
	return nil
}

// SetProgress sets a function that Run calls about every 1 % of the run
// and at its end, with the simulated time done so far in this run and the
// run's duration (ms); nil (the default) calls nothing. A panic in it
// stops the run and comes back from Run as an error.
func (n *Network) SetProgress(f func(done, duration float64)) { n.progressFn = f }

// MaxBytes returns the memory (bytes) the network may use, as SetMaxBytes
// set it (0: the machine's physical memory).
func (n *Network) MaxBytes() int64 { return n.maxBytes }

// SetMaxBytes sets the memory (bytes) the network may use. Build estimates
// what the populations, projections and inputs will need (Run adds the
// state monitors' recordings) and refuses a network above it with an
// error naming the object, its size and the bytes it needs. 0 (the
// default) means the machine's physical memory (MemTotal in
// /proc/meminfo), or 16 GiB where that cannot be read. A negative value
// is returned as an error (the next Run returns it too) and changes
// nothing.
func (n *Network) SetMaxBytes(b int64) error {
	if b < 0 {
		return n.report(&ParamError{Object: "network", Param: "MaxBytes", Value: b, Want: "≥ 0 bytes (0 means the machine's memory)"})
	}
	n.maxBytes = b
	return nil
}

// Dt returns the time step (ms).
func (n *Network) Dt() float64 { return n.dt }

// Time returns the current time (ms).
func (n *Network) Time() float64 { return float64(n.step) * n.dt }

// Steps returns the number of steps taken.
func (n *Network) Steps() int64 { return n.step }

// The network seen from outside, read only, as NEST's GetConnections and
// GetStatus show it: Populations, Sources, Projections and Monitors list
// the objects in the order they were added (a fresh slice each call), and
// each object tells its own parameters and state (Population.Inputs,
// InputCurrents and State; Projection.Pre, Post, Receptor, Delays and
// Edges; SpikeGenerator.Schedule; SpikeMonitor.Neurons). Package pynn
// exports networks through this view alone.

// Populations returns the populations in the order they were added.
func (n *Network) Populations() []*Population { return slices.Clone(n.pops) }

// Sources returns the spike sources other than populations (spike
// generators and Poisson groups), in the order they were added.
func (n *Network) Sources() []SpikeSource {
	out := make([]SpikeSource, len(n.gens))
	for k, g := range n.gens {
		out[k] = g
	}
	return out
}

// Projections returns the projections in the order they were added.
func (n *Network) Projections() []*Projection { return slices.Clone(n.projs) }

// Monitors returns the monitors in the order they were added.
func (n *Network) Monitors() []Monitor { return slices.Clone(n.mons) }

// AddPopulation adds n neurons of the given model with the given receptors.
func (n *Network) AddPopulation(name string, size int, model Model, receptors ...Receptor) *Population {
	p := &Population{net: n, name: name, n: size, model: model, recs: slices.Clone(receptors)}
	if n.tooLate(p.obj(), "AddPopulation") {
		return p
	}
	n.pops = append(n.pops, p)
	return p
}

// AddSpikeGenerator adds a source of size neurons where neuron indices[k]
// spikes at times[k] (ms). Added between runs, its times must be later
// than the current time.
func (n *Network) AddSpikeGenerator(name string, size int, indices []int32, times []float64) *SpikeGenerator {
	g := &SpikeGenerator{name: name, n: size, indices: append([]int32(nil), indices...), times: append([]float64(nil), times...)}
	if n.built {
		n.report(n.sourceLate(g))
		return g
	}
	n.gens = append(n.gens, g)
	return g
}

// AddPoissonGroup adds a source of size independent Poisson neurons firing
// at rate Hz. Added between runs, it fires from the next step.
func (n *Network) AddPoissonGroup(name string, size int, rate float64) *PoissonGroup {
	g := &PoissonGroup{net: n, name: name, n: size, rate: rate}
	if n.built {
		n.report(n.sourceLate(g))
		return g
	}
	n.gens = append(n.gens, g)
	return g
}

// Connect adds a projection from pre to the receptor syn.Receptor of post,
// wired by rule. Between runs, it is checked at once and delivers the
// spikes of the next step; an invalid one is reported (the next Run returns
// the error) and connects nothing.
func (n *Network) Connect(pre SpikeSource, post *Population, rule Connector, syn Synapse) *Projection {
	pr := &Projection{net: n, pre: pre, post: post, rule: rule, syn: syn}
	if isNil(pre) {
		pr.pre = nil
	}
	pr.name = sourceName(pre) + "->" + sourceName(post) + ":" + syn.Receptor
	if n.built {
		n.report(n.connectLate(pr))
		return pr
	}
	n.projs = append(n.projs, pr)
	return pr
}

// Inject attaches an input to a population. Before Build, the input is
// checked by Build; between runs, it is checked at once and starts with the
// next step, and an invalid one is returned as an error (also by the next
// Run) and attaches nothing.
func (n *Network) Inject(p *Population, in Input) error {
	if p == nil {
		return n.report(&ParamError{Object: "Inject", Param: "population", Value: nil, Want: "a population of this network"})
	}
	if p.net != n {
		return n.report(&ParamError{Object: "Inject", Param: "population", Value: p.obj() + " of another network",
			Want: "a population added to this network (the input would drive the other one)"})
	}
	if n.built {
		return n.report(n.injectLate(p, in))
	}
	p.inputs = append(p.inputs, in)
	return nil
}

// MonitorSpikes records the spikes of src: of all neurons, or only of the
// given ones. Added between runs, it records from the next step.
func (n *Network) MonitorSpikes(src SpikeSource, neurons ...int32) *SpikeMonitor {
	m := &SpikeMonitor{src: src, subset: append([]int32(nil), neurons...)}
	if len(neurons) == 0 {
		m.subset = nil
	}
	n.addMonitor(m)
	return m
}

// MonitorState records variable of the given neurons every `every` ms (a
// whole number of steps), at the times that are multiples of it: "V",
// "VTh", "Iext", the name of a current or conductance receptor, or a
// variable of the model (AdaptiveLIF's "w"), as StateMonitor says. Added
// between runs, it records from the next step.
func (n *Network) MonitorState(p *Population, variable string, neurons []int32, every float64) *StateMonitor {
	m := &StateMonitor{pop: p, variable: variable, neurons: append([]int32(nil), neurons...), every: every}
	n.addMonitor(m)
	return m
}

// MonitorRate records the population rate of src in bins of bin ms. Added
// between runs, its first bin starts with the next step.
func (n *Network) MonitorRate(src SpikeSource, bin float64) *RateMonitor {
	m := &RateMonitor{src: src, bin: bin}
	n.addMonitor(m)
	return m
}

func (n *Network) addMonitor(m Monitor) {
	if n.built {
		n.report(n.monitorLate(m))
		return
	}
	n.mons = append(n.mons, m)
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
	switch {
	case n.nworkers > 0:
		return n.nworkers
	case sweeps.Load() > 0:
		return 1
	}
	return freeCores()
}

// validate checks every object and returns all problems joined.
func (n *Network) validate() error {
	var errs []error
	net := &checker{Object: "network"}
	net.Positive("dt", n.dt, " ms")
	errs = append(errs, net.Errs()...)
	names := map[string]bool{}
	unique := func(c *checker, name string) {
		if names[name] {
			c.Fail("name", quote(name), "unique among populations and spike sources")
		}
		names[name] = true
	}
	mine := map[SpikeSource]bool{}
	for _, p := range n.pops {
		c := &checker{Object: p.obj()}
		unique(c, p.name)
		p.check(c)
		for _, in := range p.inputs {
			if in == nil {
				c.Fail("input", nil, "an Input")
				continue
			}
			if p.n > 0 {
				in.check(c, p)
			}
		}
		errs = append(errs, c.Errs()...)
		mine[p] = true
	}
	for _, g := range n.gens {
		c := &checker{Object: g.obj()}
		unique(c, g.Name())
		if isFinite(n.dt) && n.dt > 0 {
			g.check(c, n.dt)
		}
		errs = append(errs, c.Errs()...)
		mine[g] = true
	}
	for _, pr := range n.projs {
		c := &checker{Object: pr.obj()}
		okPre := checkSource(c, "pre", pr.pre, mine, "a population or spike source added to this network")
		okPost := checkSource(c, "post", pr.post, mine, "a population added to this network")
		if okPre && okPost && isFinite(n.dt) && n.dt > 0 {
			pr.check(c, n.dt)
		}
		errs = append(errs, c.Errs()...)
	}
	for _, m := range n.mons {
		c := &checker{Object: monitorKind(m)}
		if checkSource(c, "source", m.Source(), mine, "a population or spike source added to this network") {
			if c.Object = m.obj(); isFinite(n.dt) && n.dt > 0 {
				m.check(c, n)
			}
		}
		errs = append(errs, c.Errs()...)
	}
	if len(errs) == 0 {
		errs = n.checkMemory()
	}
	return errors.Join(errs...)
}

// monitorKind names m's kind for messages that cannot name its source.
func monitorKind(m Monitor) string {
	switch m.(type) {
	case *StateMonitor:
		return "state monitor"
	case *RateMonitor:
		return "rate monitor"
	}
	return "spike monitor"
}

// checkSource fails unless src is a source of this network (in sources): it names a
// nil source, or the source and that it belongs to another network.
func checkSource(c *checker, param string, src SpikeSource, sources map[SpikeSource]bool, want string) bool {
	switch {
	case isNil(src):
		c.Fail(param, "nil", want)
		return false
	case !sources[src]:
		where := " not added to this network"
		p, ok := src.(*Population)
		switch {
		case ok && p.net != nil && p.net.indexOf(p) < 0:
			where = " not added to its network (AddPopulation after Build adds nothing)"
		case (ok && p.net != nil) || (!ok && isGenerator(src)):
			where = " of another network" // they are made by a network's Add methods
		}
		c.Fail(param, sourceObj(src)+where, want)
		return false
	}
	return true
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
		if err := pr.build(n.dt, uint64(k), w); err != nil {
			for _, pr := range n.projs {
				pr.unbuild()
			}
			n.err = fmt.Errorf("%w: %w", ErrBuildFailed, err)
			return n.err
		}
		md := maxDelay[pr.post]
		md[pr.rec] = max(md[pr.rec], pr.maxDel)
	}
	for _, p := range n.pops {
		p.build(n.dt, maxDelay[p])
		for _, in := range p.inputs {
			p.drivers = append(p.drivers, in.start(n, p, n.inputs))
			n.inputs++
		}
		for b := range p.blocks {
			n.tasks = append(n.tasks, task{p: p, b: b, lo: b * blockSize, hi: min(p.n, (b+1)*blockSize)})
		}
	}
	if err := n.checkDraws(); err != nil {
		for _, pr := range n.projs {
			pr.unbuild()
		}
		for _, p := range n.pops {
			p.v, p.vth, p.iext, p.syn, p.drivers = nil, nil, nil, nil, nil
		}
		n.tasks = nil
		n.err = fmt.Errorf("%w: %w", ErrBuildFailed, err)
		return n.err
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

// checkDraws reports the first non-finite initial state of each
// population: a per-neuron draw (SetV, SetThreshold, SetSyn) from a
// distribution whose quantile is not finite where check did not look.
func (n *Network) checkDraws() error {
	var errs []error
	for _, p := range n.pops {
		for _, sv := range p.stateVars() {
			for i, x := range sv.x {
				if !isFinite(x) {
					errs = append(errs, &ParamError{Object: p.obj(), Param: "initial " + sv.name, Value: x,
						Want: fmt.Sprintf("finite values (the draw for neuron %d was not: its distribution's quantile is not finite there)", i)})
					break
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Run advances the network by duration ms (a whole number of steps). It can
// be called again to continue the same simulation. If a membrane potential
// becomes NaN or infinite, Run stops with a *NumericalError; monitors keep
// what they recorded.
func (n *Network) Run(duration float64) error {
	if len(n.pending) > 0 {
		err := errors.Join(n.pending...)
		n.pending = nil
		return err
	}
	if err := n.Build(); err != nil {
		return err
	}
	steps := duration / n.dt
	if !isFinite(duration) || duration < 0 || math.Abs(steps-math.Round(steps)) > 1e-6*max(1, steps) || (duration > 0 && math.Round(steps) == 0) {
		return &ParamError{Object: "Run", Param: "duration", Value: duration, Want: fmt.Sprintf("≥ 0 ms, finite and a whole number of steps of dt = %g ms", n.dt)}
	}
	if limit := n.maxSteps() - n.step; math.Round(steps) > float64(limit) {
		return &ParamError{Object: "Run", Param: "duration", Value: duration,
			Want: fmt.Sprintf("≤ %g ms: at most %d steps of dt = %g ms in all (%d taken so far), so that every step and time is exact", float64(limit)*n.dt, n.maxSteps(), n.dt, n.step)}
	}
	total := int64(math.Round(steps))
	if err := n.checkRecording(total, duration); err != nil {
		return err
	}
	every := max(1, total/100)
	for _, p := range n.pops { // VTh and Iext may have been changed between runs
		p.thOne, p.thAll = p.vth[0], false
		for _, v := range p.vth {
			p.thAll = p.thAll || v != p.thOne
		}
		p.drive = len(p.drivers) > 0 || p.gL*p.el == 0 // −0 + 0 is +0: add Iext to keep the bits
		for _, x := range p.iext {
			p.drive = p.drive || math.Float64bits(x) != 0
		}
	}
	if w := n.stepWorkers(); w > 1 {
		return n.runTeam(total, every, w)
	}
	for _, pr := range n.projs {
		pr.cut = nil
	}
	n.partSpikes(1)
	for k := int64(0); k < total; k++ {
		if err := n.advance(); err != nil {
			return err
		}
		n.progress(k, total, every)
	}
	return nil
}

// maxStepCount is the most steps a network takes: step numbers and the
// times n·dt stay exact in float64 up to 2^53.
const maxStepCount = 1 << 53

// maxSteps is the most steps this network can take in all: maxStepCount,
// or less when a Poisson group's (step, neuron) counter would overflow
// int64.
func (n *Network) maxSteps() int64 {
	limit := int64(maxStepCount)
	for _, g := range n.gens {
		if pg, ok := g.(*PoissonGroup); ok && pg.n > 0 {
			limit = min(limit, math.MaxInt64/int64(pg.n)-1)
		}
	}
	return limit
}

func quote(s string) string { return strconv.Quote(s) }
