package snn

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// blockSize is the number of neurons in a block, the unit of parallel work
// and of random streams. It is fixed, so results do not depend on the number
// of workers.
const blockSize = 1024

// Population is a group of N identical neurons of one Model with a set of
// receptors.
// Its state is structure of arrays, indexed by neuron; it is allocated by
// Network.Build, read with State (a copy) and written with Set, which
// checks what it writes.
type Population struct {
	net     *Network
	name    string
	n       int
	model   Model
	recs    []Receptor
	initV   *Value // nil: E_L
	initVTh *Value // nil: the model's V_th
	initSyn map[string]Value
	inputs  []Input
	drivers []driver

	// State, allocated by Build.
	v    []float64   // membrane potential (mV)
	vth  []float64   // spike threshold (mV), per neuron
	iext []float64   // external current during the last step (pA)
	syn  [][]float64 // per receptor: I_syn (pA) or g (nS); nil for delta receptors

	refr   []int32 // refractory steps left
	rings  []ring  // per receptor: arrivals by step (the delta receptors share one: sharedRing)
	spikes []int32 // neurons that spiked in the current step, ascending
	blocks []blockOut
	parts  []spikePart // per worker (one without a team): the spikes of its blocks (collect)

	// Derived once by Build.
	dyn      dynamics // the model built for this population: its own state and kernel
	lifProp           // the LIF membrane propagators (lif.go)
	el       float64  // E_L (mV)
	vReset   float64  // V_reset (mV)
	refSteps int32
	recProp  []recProp
	kernel   kernel  // which LIF kernel Build chose for the receptors
	thAll    bool    // the thresholds differ: the SIMD kernels load VTh
	thOne    float64 // else the one threshold (set by Run)
	drive    bool    // the SIMD kernels add Iext: it has inputs, or nonzero bits (set by Run)
	lanes    int     // the SIMD kernels' width (kernel_simd.go), or 0: none
}

// sharedRing reports whether receptor k's arrivals go to an earlier
// receptor's ring: every delta receptor after the first. Their arrivals
// all jump V, so one sum serves them, and a step reads and clears one
// buffer instead of one per receptor (a spike's weight is added in the
// order of delivery, the same whatever the number of workers).
func (p *Population) sharedRing(k int) bool {
	if p.recs[k].Kind != DeltaKind {
		return false
	}
	for j := range k {
		if p.recs[j].Kind == DeltaKind {
			return true
		}
	}
	return false
}

// setRing makes r receptor k's ring, and that of every receptor sharing it.
func (p *Population) setRing(k int, r ring) {
	for j := range p.recs {
		if j == k || p.recs[k].Kind == DeltaKind && p.recs[j].Kind == DeltaKind {
			p.rings[j] = r
		}
	}
}

// recProp holds one receptor's propagators.
type recProp struct {
	p11 float64 // exp(−dt/τ_syn)
	p21 float64 // exact contribution of I_syn(t_n) to V(t_{n+1}) (mV/pA)
}

// Name returns the population's name.
func (p *Population) Name() string { return p.name }

// Size returns the number of neurons.
func (p *Population) Size() int { return p.n }

// Model returns the neuron model.
func (p *Population) Model() Model { return p.model }

// Receptors returns the population's receptors.
func (p *Population) Receptors() []Receptor { return append([]Receptor(nil), p.recs...) }

// Spikes returns a copy of the neurons that spiked in the last step,
// ascending.
func (p *Population) Spikes() []int32 { return slices.Clone(p.spikes) }

func (p *Population) fired() []int32 { return p.spikes }

// Inputs returns the inputs attached to the population (Network.Inject),
// in the order they were attached.
func (p *Population) Inputs() []Input { return slices.Clone(p.inputs) }

// State returns a copy of the state variable called name of every neuron,
// one of those Set takes and StateMonitor records: "V", "VTh", "Iext", the
// name of a current or conductance receptor, or a variable of the model
// (AdaptiveLIF's "w"); nil for another name or before Build.
func (p *Population) State(name string) []float64 {
	if k := p.stateVar(name); k >= 0 {
		return slices.Clone(p.stateVars()[k].x)
	}
	return nil
}

// SetV sets the initial membrane potential (default E_L); after Build, it
// is Set("V", v).
func (p *Population) SetV(v Value) *Population {
	if p.net.built {
		p.Set("V", v) // reported by Set
		return p
	}
	p.initV = &v
	return p
}

// SetThreshold sets per-neuron thresholds (default V_th of the model);
// after Build, it is Set("VTh", v).
func (p *Population) SetThreshold(v Value) *Population {
	if p.net.built {
		p.Set("VTh", v) // reported by Set
		return p
	}
	p.initVTh = &v
	return p
}

// SetSyn sets the initial state of a current (pA) or conductance (nS)
// receptor (default 0); a conductance must be ≥ 0. After Build, it is
// Set(receptor, v).
func (p *Population) SetSyn(receptor string, v Value) *Population {
	if p.net.built {
		p.Set(receptor, v) // reported by Set
		return p
	}
	if p.initSyn == nil {
		p.initSyn = map[string]Value{}
	}
	p.initSyn[receptor] = v
	return p
}

func (p *Population) obj() string { return "population " + quote(p.name) }

// receptor returns the index of the receptor called name, or −1.
func (p *Population) receptor(name string) int {
	for k, r := range p.recs {
		if r.Name == name {
			return k
		}
	}
	return -1
}

func (p *Population) check(c *checker) {
	if p.n <= 0 || p.n > math.MaxInt32 {
		c.Fail("N", p.n, fmt.Sprintf("≥ 1 neuron and ≤ %d (int32 indices)", math.MaxInt32))
	}
	if isNil(p.model) {
		c.Fail("model", nil, "a neuron model (LIF or AdaptiveLIF)")
		return
	}
	p.model.check(c)
	checkTRef(c, p.model.Membrane().TRef, p.net.dt)
	seen := map[string]bool{}
	for _, r := range p.recs {
		r.check(c)
		if seen[r.Name] {
			c.Fail("receptor name", quote(r.Name), "unique within the population")
		}
		seen[r.Name] = true
	}
	if p.n <= 0 || p.n > math.MaxInt32 {
		return
	}
	if p.initV != nil {
		p.initV.check(c, "initial V", p.n, true, " mV")
	}
	for name, v := range p.initSyn {
		if k := p.receptor(name); k < 0 || p.recs[k].Kind == DeltaKind {
			c.Fail("SetSyn receptor", quote(name), "a current or conductance receptor of the population")
			continue
		}
		v.check(c, "initial "+name, p.n, true, "")
		if r := p.recs[p.receptor(name)]; r.Kind == ConductanceKind {
			if lo, _ := v.drawRange(); lo < 0 {
				c.Fail("initial "+name, v, fmt.Sprintf("every value ≥ 0 nS (a conductance; lowest is %g)", lo))
			}
		}
	}
	if p.initVTh != nil {
		p.initVTh.check(c, "threshold", p.n, true, " mV")
		if lo, _ := p.initVTh.bounds(); lo <= p.model.Membrane().VReset {
			c.Fail("threshold", p.initVTh, fmt.Sprintf("every value > VReset = %g mV (lowest is %g)", p.model.Membrane().VReset, lo))
		}
	}
}

// build allocates the state and lets the model compute its propagators.
func (p *Population) build(dt float64, maxDelay []int) {
	m := p.model.Membrane()
	p.v = make([]float64, p.n)
	p.vth = make([]float64, p.n)
	p.iext = make([]float64, p.n)
	p.refr = make([]int32, p.n)
	p.syn = make([][]float64, len(p.recs))
	p.rings = make([]ring, len(p.recs))
	p.recProp = make([]recProp, len(p.recs))
	p.blocks = make([]blockOut, (p.n+blockSize-1)/blockSize)

	rng := p.net.stream(streamInit, uint64(p.net.indexOf(p)), 0)
	initV, initVTh := Const(m.EL), Const(m.VTh)
	if p.initV != nil {
		initV = *p.initV
	}
	if p.initVTh != nil {
		initVTh = *p.initVTh
	}
	initV.fill(p.v[:0], p.n, rng)
	initVTh.fill(p.vth[:0], p.n, rng)

	p.el, p.vReset = m.EL, m.VReset
	p.refSteps = int32(math.Round(m.TRef / dt))
	first, deep := -1, 0 // the first delta receptor, the deepest delta delay
	for k, r := range p.recs {
		if r.Kind == DeltaKind {
			if first < 0 {
				first = k
			}
			deep = max(deep, maxDelay[k])
		}
	}
	for k, r := range p.recs {
		if r.Kind == DeltaKind {
			if k == first {
				p.rings[k] = newRing(p.n, deep)
			} else {
				p.rings[k] = p.rings[first]
			}
			continue
		}
		p.rings[k] = newRing(p.n, maxDelay[k])
		p.syn[k] = make([]float64, p.n)
		if v, ok := p.initSyn[r.Name]; ok {
			v.fill(p.syn[k][:0], p.n, p.net.stream(streamInit, uint64(p.net.indexOf(p)), uint64(k+1)))
		}
		p.recProp[k].p11 = math.Exp(-dt / r.Tau)
	}
	switch {
	case p.net.scalar:
		p.lanes = 0
	case p.net.lanes4:
		p.lanes = min(4, vectorLanes)
	default:
		p.lanes = vectorLanes
	}
	p.dyn = p.model.dynamics(p, dt)
}

// stateVar is one state variable of a population by name, with its
// values per neuron (nil before Build).
type stateVar struct {
	name string
	x    []float64
}

// stateVars lists every per-neuron float64 state of the population, by
// name: "V", "VTh", "Iext", then each current or conductance receptor by
// its name, then the model's own variables (AdaptiveLIF's "w"). Storing,
// restoring and monitoring a population go through this one list.
func (p *Population) stateVars() []stateVar {
	vs := []stateVar{{"V", p.v}, {"VTh", p.vth}, {"Iext", p.iext}}
	for k, r := range p.recs {
		if r.Kind != DeltaKind {
			var x []float64
			if p.syn != nil {
				x = p.syn[k]
			}
			vs = append(vs, stateVar{r.Name, x})
		}
	}
	if isNil(p.model) {
		return vs
	}
	var own [][]float64
	if p.dyn != nil {
		own = p.dyn.state()
	}
	for k, name := range p.model.stateNames() {
		var x []float64
		if own != nil {
			x = own[k]
		}
		vs = append(vs, stateVar{name, x})
	}
	return vs
}

// stateVar returns the index in stateVars of the variable called name, or
// −1.
func (p *Population) stateVar(name string) int {
	for k, v := range p.stateVars() {
		if v.name == name {
			return k
		}
	}
	return -1
}

// checkTRef fails unless a refractory period tRef is a whole number of
// steps of dt that int32 can count (when both are finite and positive;
// the model's check reports the rest).
func checkTRef(c *checker, tRef, dt float64) {
	if !(isFinite(tRef) && tRef > 0 && isFinite(dt) && dt > 0) {
		return
	}
	k := tRef / dt
	switch {
	case math.Abs(k-math.Round(k)) > 1e-6*max(1, k) || math.Round(k) == 0:
		c.Fail("TRef", tRef, fmt.Sprintf("a whole number of steps of dt = %g ms", dt))
	case k > math.MaxInt32:
		c.Fail("TRef", tRef, fmt.Sprintf("≤ %d steps of dt = %g ms", math.MaxInt32, dt))
	}
}

// Set sets a state variable of every neuron of the population: "V" (mV),
// "VTh" (mV, every value > VReset) or the name of a current (pA) or
// conductance (nS) receptor. Between runs, any other variable of the
// model's named state (an adaptation current, say) may be set too; "Iext"
// may not (the inputs write it every step).
//
// v is a Const, a Slice (one value per neuron) or Random; random values are
// drawn from a stream of (population, variable, current step), so they do
// not depend on Workers.
//
// Before Build, Set gives the initial value (as SetV, SetThreshold and
// SetSyn do) and Build checks it. Between runs, the value is checked at
// once and written for the next step; every kernel reads it there. A
// refractory neuron keeps a V set this way until its refractory period
// ends. An invalid value or an unknown variable is returned as an error
// (the next Run returns it too) and changes nothing.
func (p *Population) Set(variable string, v Value) error {
	if !p.net.built {
		switch k := p.receptor(variable); {
		case variable == "V":
			p.initV = &v
		case variable == "VTh":
			p.initVTh = &v
		case k >= 0 && p.recs[k].Kind != DeltaKind:
			if p.initSyn == nil {
				p.initSyn = map[string]Value{}
			}
			p.initSyn[variable] = v
		default:
			return p.net.report(&ParamError{Object: p.obj(), Param: "Set variable", Value: quote(variable),
				Want: `before Build: "V", "VTh" or the name of a current or conductance receptor`})
		}
		return nil
	}
	return p.net.report(p.set(variable, v))
}

func (p *Population) set(variable string, v Value) error {
	if !p.net.member(p) {
		return fmt.Errorf("snn: %s: Set: the population was not added to the network (it was added after Build)", p.obj())
	}
	vars := p.stateVars()
	k := -1
	var names []string
	for j, sv := range vars {
		if sv.name != "Iext" {
			names = append(names, quote(sv.name))
			if sv.name == variable {
				k = j
			}
		}
	}
	if k < 0 {
		return &ParamError{Object: p.obj(), Param: "Set variable", Value: quote(variable), Want: "one of " + strings.Join(names, ", ")}
	}
	c := &checker{Object: p.obj()}
	unit := ""
	if variable == "V" || variable == "VTh" {
		unit = " mV"
	}
	v.check(c, "Set "+variable, p.n, true, unit)
	if variable == "VTh" && c.OK() {
		if lo, _ := v.bounds(); !(lo > p.model.Membrane().VReset) {
			c.Fail("Set VTh", v, fmt.Sprintf("every value > VReset = %g mV (lowest is %g)", p.model.Membrane().VReset, lo))
		}
	}
	if err := c.Err(); err != nil {
		return err
	}
	rng := p.net.stream(streamSet, uint64(p.net.indexOf(p)), uint64(p.net.step)<<8|uint64(k))
	copy(vars[k].x, v.fill(nil, p.n, rng))
	return nil
}

// SetModel gives the population another neuron model (or the same model
// with other parameters), before Build or between runs. Between runs it is
// checked at once, like the model at Build, and acts from the next step:
// the propagators are computed for the new parameters and the kernel chosen
// for them, while the state is kept: V, the synaptic variables, the
// refractory counters (a neuron in its refractory period finishes the one
// it started), the spikes in flight, and the model's own variables that
// the new model has too (by name; others start at 0). A threshold still at
// the old model's V_th moves to the new one (a threshold set by
// SetThreshold or Set("VTh", ...) is kept); every threshold must stay above
// the new V_reset. An invalid model is returned as an error (the next Run
// returns it too) and changes nothing. Restore does not undo SetModel.
func (p *Population) SetModel(m Model) error {
	if isNil(m) {
		return p.net.report(&ParamError{Object: p.obj(), Param: "SetModel model", Value: "nil", Want: "a neuron model (LIF or AdaptiveLIF)"})
	}
	if !p.net.built {
		p.model = m
		return nil
	}
	if !p.net.member(p) {
		return p.net.report(fmt.Errorf("snn: %s: SetModel: the population was not added to the network (it was added after Build)", p.obj()))
	}
	old, mem, dt := p.model.Membrane(), m.Membrane(), p.net.dt
	c := &checker{Object: p.obj()}
	m.check(c)
	checkTRef(c, mem.TRef, dt)
	if c.OK() {
		for i, th := range p.vth {
			if th == old.VTh {
				th = mem.VTh
			}
			if !(th > mem.VReset) {
				c.Fail("SetModel VReset", mem.VReset, fmt.Sprintf("< every threshold (neuron %d has %g mV)", i, th))
				break
			}
		}
	}
	if err := c.Err(); err != nil {
		return p.net.report(err)
	}
	kept := map[string][]float64{}
	for _, sv := range p.stateVars()[len(p.stateVars())-len(p.model.stateNames()):] {
		kept[sv.name] = sv.x
	}
	for i, th := range p.vth {
		if th == old.VTh {
			p.vth[i] = mem.VTh
		}
	}
	p.model = m
	p.el, p.vReset = mem.EL, mem.VReset
	p.refSteps = int32(math.Round(mem.TRef / dt))
	p.dyn = m.dynamics(p, dt)
	own := p.dyn.state()
	for k, name := range m.stateNames() {
		if x, ok := kept[name]; ok && len(x) == len(own[k]) {
			copy(own[k], x)
		}
	}
	return nil
}
