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
	initSyn map[string]Value
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
	p22, p20 float64 // exp(−dt/τ_m) and R·(1 − p22)
	gL, dtC  float64 // leak conductance (nS), dt/C (ms/pF)
	refSteps int32
	recProp  []recProp
	cond     bool // has a conductance receptor: exponential Euler
}

// recProp holds one receptor's propagators.
type recProp struct {
	p11 float64 // exp(−dt/τ_syn)
	p21 float64 // exact contribution of I_syn(t_n) to V(t_{n+1}) (mV/pA)
}

// blockOut collects what one block produced in a step.
type blockOut struct {
	spikes []int32
	bad    int       // first neuron with a non-finite V, or −1
	views  []recView // the receptors seen from the block (reused each step)
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

// SetSyn sets the initial state of a current (pA) or conductance (nS)
// receptor (default 0). Call before Build.
func (p *Population) SetSyn(receptor string, v Value) *Population {
	if p.initSyn == nil {
		p.initSyn = map[string]Value{}
	}
	p.initSyn[receptor] = v
	p.net.mustNotBeBuilt(p.obj(), "SetSyn")
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
	for name, v := range p.initSyn {
		if k := p.receptor(name); k < 0 || p.recs[k].Kind == DeltaKind {
			c.fail("SetSyn receptor", quote(name), "a current or conductance receptor of the population")
			continue
		}
		v.check(c, "initial "+name, p.n, true, "")
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
		if v, ok := p.initSyn[r.Name]; ok {
			v.fill(p.Syn[k][:0], p.n, p.net.stream(streamInit, uint64(p.net.indexOf(p)), uint64(k+1)))
		}
		p.recProp[k].p11 = math.Exp(-dt / r.Tau)
		if r.Kind == CurrentKind {
			p.recProp[k].p21 = currentPropagator(dt, m.TauM, r.Tau, C)
		} else {
			p.cond = true
		}
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
	if len(p.drivers) > 0 {
		clear(p.Iext[lo:hi])
		for _, d := range p.drivers {
			d.apply(p, b, lo, hi, s)
		}
	}
	out := &p.blocks[b]
	out.spikes, out.bad = out.spikes[:0], -1
	out.views = out.views[:0]
	for k, r := range p.recs {
		v := recView{kind: r.Kind, eRev: r.ERev, p11: p.recProp[k].p11, p21: p.recProp[k].p21, in: p.rings[k].at(s)[lo:hi]}
		if r.Kind != DeltaKind {
			v.x = p.Syn[k][lo:hi]
		}
		out.views = append(out.views, v)
	}
	if p.cond {
		p.stepConductance(out, lo, hi)
	} else {
		p.stepExact(out, lo, hi)
	}
}

// recView is one receptor seen from one block in one step.
type recView struct {
	kind     ReceptorKind
	eRev     float64
	p11, p21 float64
	x        []float64 // I_syn or g of the block's neurons
	in       []float64 // this step's arrivals (cleared once taken)
}

// chunk is the number of neurons a kernel treats pass by pass: small
// enough that a chunk's state stays in L1 cache, large enough that each
// receptor's loop runs long.
const chunk = 64

// stepExact takes one exact step for a block (delta and current receptors),
// chunk by chunk: V propagates with e^(−dt/τ_m) and the external current;
// each current receptor adds its exact contribution to V, decays and takes
// its arrivals; delta arrivals jump V (lost while refractory, as in NEST's
// iaf_psc_delta); then the threshold is applied.
func (p *Population) stepExact(out *blockOut, lo, hi int) {
	el, vr, p22, p20, rs := p.model.EL, p.model.VReset, p.p22, p.p20, p.refSteps
	var free [chunk]float64 // 1 for a neuron outside its refractory period, else 0
	for c0 := 0; c0 < hi-lo; c0 += chunk {
		c1 := min(hi-lo, c0+chunk)
		V, refr, iext := p.V[lo+c0:lo+c1], p.refr[lo+c0:lo+c1], p.Iext[lo+c0:lo+c1]
		fr := free[:len(V)]
		for i := range V {
			if refr[i] == 0 {
				fr[i] = 1
				V[i] = el + (V[i]-el)*p22 + p20*iext[i]
			} else {
				fr[i] = 0
				V[i] = vr
			}
		}
		for k := range out.views {
			w := &out.views[k]
			in := w.in[c0:c1]
			if w.kind == DeltaKind {
				for i := range V {
					if fr[i] != 0 {
						V[i] += in[i]
					}
					in[i] = 0
				}
				continue
			}
			x, p11, p21 := w.x[c0:c1], w.p11, w.p21
			for i := range V {
				V[i] += fr[i] * p21 * x[i]
				x[i] = x[i]*p11 + in[i]
				in[i] = 0
			}
		}
		p.threshold(out, lo+c0, lo+c1, vr, rs)
	}
}

// stepConductance takes one exponential-Euler step for a block, chunk by
// chunk: with the conductances frozen at their values at t_n, V relaxes
// exactly towards V_∞ = (g_L·E_L + Σ g_k·E_k + Σ I_k + I_ext)/g_tot with
// rate g_tot/C; then conductances and currents decay and take their
// arrivals, delta arrivals jump V, and the threshold is applied.
func (p *Population) stepConductance(out *blockOut, lo, hi int) {
	el, vr, gL, dtC, rs := p.model.EL, p.model.VReset, p.gL, p.dtC, p.refSteps
	var gtot, num, jump [chunk]float64
	for c0 := 0; c0 < hi-lo; c0 += chunk {
		c1 := min(hi-lo, c0+chunk)
		V, refr, iext := p.V[lo+c0:lo+c1], p.refr[lo+c0:lo+c1], p.Iext[lo+c0:lo+c1]
		gt, nu, jp := gtot[:len(V)], num[:len(V)], jump[:len(V)]
		for i := range V {
			gt[i], nu[i], jp[i] = gL, gL*el+iext[i], 0
		}
		for k := range out.views {
			w := &out.views[k]
			in := w.in[c0:c1]
			switch w.kind {
			case DeltaKind:
				for i := range jp {
					jp[i] += in[i]
					in[i] = 0
				}
				continue
			case ConductanceKind:
				x, e := w.x[c0:c1], w.eRev
				for i := range x {
					gt[i] += x[i]
					nu[i] += x[i] * e
				}
			default:
				for i, x := range w.x[c0:c1] {
					nu[i] += x
				}
			}
			x, p11 := w.x[c0:c1], w.p11
			for i := range x {
				x[i] = x[i]*p11 + in[i]
				in[i] = 0
			}
		}
		for i := range V {
			if refr[i] > 0 {
				V[i] = vr
				continue
			}
			vinf := nu[i] / gt[i]
			V[i] = vinf + (V[i]-vinf)*expNeg(dtC*gt[i]) + jp[i]
		}
		p.threshold(out, lo+c0, lo+c1, vr, rs)
	}
}

// threshold counts down refractoriness and, for the other neurons of
// [lo, hi), reports a non-finite V or emits a spike, resets and starts the
// refractory period.
func (p *Population) threshold(out *blockOut, lo, hi int, vr float64, rs int32) {
	V, VTh, refr := p.V[lo:hi], p.VTh[lo:hi], p.refr[lo:hi]
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

// expNeg returns e^(−x) for x ≥ 0. Below 0.8 it evaluates a degree-9
// Taylor polynomial at x/8 (truncation error < 3e-17) and squares three
// times (relative error about 1e-15); above, math.Exp. It is the
// conductance path's per-neuron exponential, where x = dt·g_tot/C is
// usually 0.005–0.5.
func expNeg(x float64) float64 {
	if x >= 0.8 {
		return math.Exp(-x)
	}
	y := x / 8
	const c2, c3, c4, c5, c6, c7, c8, c9 = 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880
	e := 1 + y*(-1+y*(c2+y*(-c3+y*(c4+y*(-c5+y*(c6+y*(-c7+y*(c8-y*c9))))))))
	e *= e
	e *= e
	return e * e
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
