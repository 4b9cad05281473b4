package snn

import (
	"fmt"
	"math"
)

// blockSize is the number of neurons in a block, the unit of parallel work
// and of random streams. It is fixed, so results do not depend on the number
// of workers.
const blockSize = 1024

// Population is a group of N identical LIF neurons with a set of receptors.
// Its state is structure of arrays, indexed by neuron; it is allocated by
// Network.Build and may be read between runs.
type Population struct {
	net     *Network
	name    string
	n       int
	model   LIF
	recs    []Receptor
	initV   *Value // nil: E_L
	initVTh *Value // nil: the model's V_th
	inputs  []Input
	drivers []driver

	// State, allocated by Build.
	V    []float64   // membrane potential (mV)
	VTh  []float64   // spike threshold (mV), per neuron
	Iext []float64   // external current during the last step (pA)
	Syn  [][]float64 // per receptor: I_syn (pA) or g (nS); nil for delta receptors

	refr   []int32 // refractory steps left
	rings  []ring  // per receptor: arrivals by step
	spikes []int32 // neurons that spiked in the current step, ascending
	blocks []blockOut

	// Derived once by Build (the propagators).
	p22, p20  float64 // exp(−dt/τ_m) and R·(1 − p22)
	gL, dtC   float64 // leak conductance (nS), dt/C (ms/pF)
	refSteps  int32
	recProp   []recProp
	cond      bool      // has a conductance receptor: exponential Euler
	gTot, num []float64 // scratch for the conductance path
}

// recProp holds one receptor's propagators.
type recProp struct {
	p11 float64 // exp(−dt/τ_syn)
	p21 float64 // exact contribution of I_syn(t_n) to V(t_{n+1}) (mV/pA)
}

// blockOut collects what one block produced in a step.
type blockOut struct {
	spikes []int32
	bad    int // first neuron with a non-finite V, or −1
}

// Name returns the population's name.
func (p *Population) Name() string { return p.name }

// Size returns the number of neurons.
func (p *Population) Size() int { return p.n }

// Model returns the neuron parameters.
func (p *Population) Model() LIF { return p.model }

// Receptors returns the population's receptors.
func (p *Population) Receptors() []Receptor { return append([]Receptor(nil), p.recs...) }

// Spikes returns the neurons that spiked in the last step, ascending.
func (p *Population) Spikes() []int32 { return p.spikes }

// SetV sets the initial membrane potential (default E_L). Call before Build.
func (p *Population) SetV(v Value) *Population {
	p.initV = &v
	p.net.mustNotBeBuilt(p.obj(), "SetV")
	return p
}

// SetThreshold sets per-neuron thresholds (default V_th of the model). Call
// before Build.
func (p *Population) SetThreshold(v Value) *Population {
	p.initVTh = &v
	p.net.mustNotBeBuilt(p.obj(), "SetThreshold")
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
	if p.n <= 0 {
		c.fail("N", p.n, "≥ 1 neuron")
	}
	p.model.check(c)
	seen := map[string]bool{}
	for _, r := range p.recs {
		r.check(c)
		if seen[r.Name] {
			c.fail("receptor name", quote(r.Name), "unique within the population")
		}
		seen[r.Name] = true
	}
	if p.n <= 0 {
		return
	}
	if p.initV != nil {
		p.initV.check(c, "initial V", p.n, true, " mV")
	}
	if p.initVTh != nil {
		p.initVTh.check(c, "threshold", p.n, true, " mV")
		if lo, _ := p.initVTh.bounds(); lo <= p.model.VReset {
			c.fail("threshold", p.initVTh, fmt.Sprintf("every value > VReset = %g mV (lowest is %g)", p.model.VReset, lo))
		}
	}
}

// build allocates the state and computes the propagators.
func (p *Population) build(dt float64, maxDelay []int) {
	m := p.model
	p.V = make([]float64, p.n)
	p.VTh = make([]float64, p.n)
	p.Iext = make([]float64, p.n)
	p.refr = make([]int32, p.n)
	p.Syn = make([][]float64, len(p.recs))
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
	initV.fill(p.V[:0], p.n, rng)
	initVTh.fill(p.VTh[:0], p.n, rng)

	C := m.C()
	p.p22 = math.Exp(-dt / m.TauM)
	p.p20 = -m.R() * math.Expm1(-dt/m.TauM)
	p.gL = m.GL()
	p.dtC = dt / C
	p.refSteps = int32(math.Round(m.TRef / dt))
	for k, r := range p.recs {
		p.rings[k] = newRing(p.n, maxDelay[k])
		if r.Kind == DeltaKind {
			continue
		}
		p.Syn[k] = make([]float64, p.n)
		p.recProp[k].p11 = math.Exp(-dt / r.Tau)
		if r.Kind == CurrentKind {
			p.recProp[k].p21 = currentPropagator(dt, m.TauM, r.Tau, C)
		} else {
			p.cond = true
		}
	}
	if p.cond {
		p.gTot = make([]float64, p.n)
		p.num = make([]float64, p.n)
	}
}

// currentPropagator is the exact voltage response at t = h to a synaptic
// current that is 1 pA at t = 0 and decays with τ_s:
// τ_m·τ_s/(C·(τ_m − τ_s))·(e^(−h/τ_m) − e^(−h/τ_s)), written with expm1 so
// it stays accurate when τ_s ≈ τ_m (and tends to h/C·e^(−h/τ) there).
func currentPropagator(h, tauM, tauS, C float64) float64 {
	if tauM == tauS {
		return h / C * math.Exp(-h/tauM)
	}
	a := 1/tauS - 1/tauM
	return -tauM * tauS / (C * (tauM - tauS)) * math.Exp(-h/tauM) * math.Expm1(-h*a)
}

// update advances block b, neurons [lo, hi), by one step (step s).
func (p *Population) update(b, lo, hi int, s int64) {
	iext := p.Iext[lo:hi]
	clear(iext)
	for _, d := range p.drivers {
		d.apply(p, b, lo, hi, s)
	}
	if p.cond {
		p.integrateConductance(lo, hi, s)
	} else {
		p.integrateExact(lo, hi, s)
	}
	for k, r := range p.recs {
		if r.Kind == DeltaKind {
			p.arriveDelta(k, lo, hi, s)
		}
	}
	p.threshold(b, lo, hi)
}

// integrateExact propagates V and the current receptors exactly over one step.
func (p *Population) integrateExact(lo, hi int, s int64) {
	V, refr, iext := p.V[lo:hi], p.refr[lo:hi], p.Iext[lo:hi]
	el, vr, p22, p20 := p.model.EL, p.model.VReset, p.p22, p.p20
	for i := range V {
		if refr[i] > 0 {
			V[i] = vr
			continue
		}
		V[i] = el + (V[i]-el)*p22 + p20*iext[i]
	}
	for k, r := range p.recs {
		if r.Kind != CurrentKind {
			continue
		}
		I, in := p.Syn[k][lo:hi], p.rings[k].at(s)[lo:hi]
		p11, p21 := p.recProp[k].p11, p.recProp[k].p21
		for i := range I {
			if refr[i] == 0 {
				V[i] += p21 * I[i]
			}
			I[i] = I[i]*p11 + in[i]
			in[i] = 0
		}
	}
}

// integrateConductance takes one exponential-Euler step with the
// conductances frozen at their values at the start of the step.
func (p *Population) integrateConductance(lo, hi int, s int64) {
	V, refr, iext := p.V[lo:hi], p.refr[lo:hi], p.Iext[lo:hi]
	gt, num := p.gTot[lo:hi], p.num[lo:hi]
	gL, el := p.gL, p.model.EL
	for i := range gt {
		gt[i] = gL
		num[i] = gL*el + iext[i]
	}
	for k, r := range p.recs {
		switch r.Kind {
		case CurrentKind:
			for i, x := range p.Syn[k][lo:hi] {
				num[i] += x
			}
		case ConductanceKind:
			e := r.ERev
			for i, g := range p.Syn[k][lo:hi] {
				gt[i] += g
				num[i] += g * e
			}
		}
	}
	vr, dtC := p.model.VReset, p.dtC
	for i := range V {
		if refr[i] > 0 {
			V[i] = vr
			continue
		}
		vinf := num[i] / gt[i]
		V[i] = vinf + (V[i]-vinf)*math.Exp(-dtC*gt[i])
	}
	for k, r := range p.recs {
		if r.Kind == DeltaKind {
			continue
		}
		x, in, p11 := p.Syn[k][lo:hi], p.rings[k].at(s)[lo:hi], p.recProp[k].p11
		for i := range x {
			x[i] = x[i]*p11 + in[i]
			in[i] = 0
		}
	}
}

// arriveDelta adds this step's delta arrivals of receptor k to V; arrivals
// during the refractory period are lost, as in NEST's iaf_psc_delta.
func (p *Population) arriveDelta(k, lo, hi int, s int64) {
	V, refr, in := p.V[lo:hi], p.refr[lo:hi], p.rings[k].at(s)[lo:hi]
	for i := range V {
		if refr[i] == 0 {
			V[i] += in[i]
		}
		in[i] = 0
	}
}

// threshold emits spikes, resets and counts down refractoriness.
func (p *Population) threshold(b, lo, hi int) {
	V, VTh, refr := p.V[lo:hi], p.VTh[lo:hi], p.refr[lo:hi]
	out := &p.blocks[b]
	out.spikes = out.spikes[:0]
	out.bad = -1
	vr, rs := p.model.VReset, p.refSteps
	for i, v := range V {
		if refr[i] > 0 {
			refr[i]--
			continue
		}
		if v-v != 0 { // NaN or ±Inf
			if out.bad < 0 {
				out.bad = lo + i
			}
			continue
		}
		if v >= VTh[i] {
			out.spikes = append(out.spikes, int32(lo+i))
			V[i] = vr
			refr[i] = rs
		}
	}
}

// gather concatenates the blocks' spikes in block order and reports the
// first non-finite neuron, or −1.
func (p *Population) gather() int {
	p.spikes = p.spikes[:0]
	bad := -1
	for _, b := range p.blocks {
		p.spikes = append(p.spikes, b.spikes...)
		if bad < 0 {
			bad = b.bad
		}
	}
	return bad
}
