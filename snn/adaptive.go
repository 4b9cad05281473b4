package snn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// AdaptiveLIF holds the parameters of a leaky integrate-and-fire neuron
// with an adaptation current w: the adaptive exponential model of Brette &
// Gerstner (2005) without its exponential term (NEST's aeif_* with
// Δ_T = 0, Brian2's adaptive LIF):
//
//	C_m dV/dt = −g_L(V − E_L) − w + I_syn + I_ext,
//	τ_w dw/dt = a(V − E_L) − w,
//
// with g_L = C_m/τ_m. A spike when V ≥ V_th resets V to V_reset and adds b
// to w; V is then held at V_reset for t_ref while w keeps evolving
// (towards a(V_reset − E_L)). w starts at 0 and is the state variable "w"
// (pA) of the population (MonitorState).
//
// # Integration
//
// With delta and current receptors the system (V, w, I_syn) is linear
// with constant coefficients and I_ext is constant within a step, so each
// step applies its exact propagator, computed once by Build: the matrix
// exponential (gonum's mat.Dense.Exp) of the system augmented with each
// synaptic current and I_ext as variables. With a = 0 the V row is the
// LIF's (exp(−dt/τ_m), the LIF's p20 and p21), so with a = b = 0 the model
// gives the LIF's bits.
//
// With a conductance receptor the conductances are frozen at their values
// at t_n over the step, as for the LIF (exponential Euler). (V, w) then
// relax exactly towards the fixed point V* = (u + a·E_L)/(g + a),
// w* = a(V* − E_L), where g = g_L + Σ g_k and u = g_L·E_L + Σ g_k·E_k +
// Σ I_k + I_ext, with the 2×2 matrix exponential of
// A = [[−g/C, −1/C], [a/τ_w, −1/τ_w]] in the Cayley–Hamilton form
// e^(Ah) = e^(μh)·(cosh(δh)·1 + sinh(δh)/δ·(A − μ·1)), μ = tr A/2,
// δ² = (A₁₁ − A₂₂)²/4 + A₁₂A₂₁, evaluated with cos and sin when δ² < 0
// (complex eigenvalues) and with their Taylor series when |δh| is small
// (coinciding eigenvalues), so it stays accurate in every case. Delta
// arrivals make V jump at the end of the step.
type AdaptiveLIF struct {
	LIF  LIF     // the membrane: τ_m, C_m, E_L, V_th, V_reset, t_ref
	A    float64 // subthreshold coupling a (nS), > −g_L
	B    float64 // spike-triggered increment b (pA)
	TauW float64 // adaptation time constant τ_w (ms), > 0
}

// DefaultAdaptiveLIF returns the parameters of Brette & Gerstner (2005),
// Table 1, with their V_T = −50.4 mV as the threshold (there is no
// exponential term), V_reset = E_L and t_ref = 2 ms: C_m = 281 pF,
// g_L = 30 nS (τ_m = 9.37 ms), E_L = −70.6 mV, a = 4 nS, b = 80.5 pA,
// τ_w = 144 ms.
func DefaultAdaptiveLIF() AdaptiveLIF {
	return AdaptiveLIF{
		LIF: LIF{TauM: 281.0 / 30, CM: 281, EL: -70.6, VTh: -50.4, VReset: -70.6, TRef: 2},
		A:   4, B: 80.5, TauW: 144,
	}
}

// Rheobase returns the smallest constant current (pA) that makes the
// neuron fire repetitively: (V_th − E_L)·(g_L + a), since at rest
// w = a(V − E_L). Below it V settles at E_L + I/(g_L + a) < V_th, though
// a neuron that starts with w = 0 may fire a few spikes while w builds up
// (above (V_th − E_L)·g_L).
func (m AdaptiveLIF) Rheobase() float64 { return (m.LIF.VTh - m.LIF.EL) * (m.LIF.GL() + m.A) }

// Validate reports every parameter outside its range; obj names the owner
// in the message.
func (m AdaptiveLIF) Validate(obj string) error {
	c := &checker{Object: obj}
	m.check(c)
	return c.Err()
}

func (m AdaptiveLIF) check(c *checker) {
	m.LIF.check(c)
	c.Positive("TauW", m.TauW, " ms")
	c.Finite("B", m.B, " pA")
	if c.Finite("A", m.A, " nS") {
		// a > −g_L keeps the fixed point stable (det A > 0).
		if gl := m.LIF.GL(); gl > 0 && !math.IsInf(gl, 0) && m.A <= -gl {
			c.Fail("A", m.A, fmt.Sprintf("> −g_L = %g nS", -gl))
		}
	}
}

// Membrane returns the LIF part of the model.
func (m AdaptiveLIF) Membrane() LIF { return m.LIF }

func (m AdaptiveLIF) stateNames() []string { return []string{"w"} }

// adaptive is an AdaptiveLIF built for one population.
type adaptive struct {
	m    AdaptiveLIF
	w    []float64 // adaptation current (pA)
	cond bool      // a conductance receptor: exponential Euler

	// Exact scheme: (V − E_L, w) at t_{n+1} from (V − E_L, w), I_ext and
	// each current receptor's I_syn at t_n.
	pvv, pvw, pwv, pww float64
	qv, qw             float64   // I_ext
	rv, rw             []float64 // per receptor (0 for delta and conductance)

	// Refractory: w relaxes towards wRef = a(V_reset − E_L) with pw.
	pw, wRef float64

	// Exponential Euler: 1/C and the constant entries of A.
	h, invC, m12, m21, m22 float64
}

func (m AdaptiveLIF) dynamics(p *Population, dt float64) dynamics {
	l := m.LIF
	p.lifProp = l.propagators(dt)
	d := &adaptive{m: m, w: make([]float64, p.n), h: dt}
	d.pw = math.Exp(-dt / m.TauW)
	d.wRef = m.A * (l.VReset - l.EL)
	d.invC = 1 / l.C()
	d.m12, d.m21, d.m22 = -d.invC, m.A/m.TauW, -1/m.TauW
	d.rv, d.rw = make([]float64, len(p.recs)), make([]float64, len(p.recs))
	var cur []int // the current receptors
	for k, r := range p.recs {
		switch r.Kind {
		case ConductanceKind:
			d.cond = true
		case CurrentKind:
			cur = append(cur, k)
		}
	}
	// The exact propagator: the exponential of h times the generator of
	// (v, w, I_1 … I_K, I_ext), v = V − E_L.
	n := 3 + len(cur)
	g := mat.NewDense(n, n, nil)
	C := l.C()
	g.Set(0, 0, -l.GL()/C)
	g.Set(0, 1, -1/C)
	g.Set(0, n-1, 1/C)
	g.Set(1, 0, m.A/m.TauW)
	g.Set(1, 1, -1/m.TauW)
	for j, k := range cur {
		g.Set(0, 2+j, 1/C)
		g.Set(2+j, 2+j, -1/p.recs[k].Tau)
	}
	g.Scale(dt, g)
	var e mat.Dense
	e.Exp(g)
	d.pvv, d.pvw, d.qv = e.At(0, 0), e.At(0, 1), e.At(0, n-1)
	d.pwv, d.pww, d.qw = e.At(1, 0), e.At(1, 1), e.At(1, n-1)
	for j, k := range cur {
		d.rv[k], d.rw[k] = e.At(0, 2+j), e.At(1, 2+j)
	}
	if m.A == 0 {
		// With a = 0, w reaches V only through pvw, and neither V nor the
		// inputs reach w: V's other coefficients are the LIF's, so take
		// the LIF's own propagators (a = b = 0 then gives the LIF's bits).
		d.pvv, d.qv, d.pwv, d.qw, d.pww = p.p22, p.p20, 0, 0, d.pw
		for _, k := range cur {
			d.rv[k] = currentPropagator(dt, l.TauM, p.recs[k].Tau, C)
			d.rw[k] = 0
		}
	}
	return d
}

func (d *adaptive) state() [][]float64 { return [][]float64{d.w} }

func (d *adaptive) step(p *Population, out *blockOut, lo, hi int) {
	if d.cond {
		d.stepConductance(p, out, lo, hi)
	} else {
		d.stepExact(p, out, lo, hi)
	}
}

// stepExact takes one exact step (delta and current receptors): the sums
// over the inputs in the LIF's order, then (v, w) ← P·(v, w) + inputs.
func (d *adaptive) stepExact(p *Population, out *blockOut, lo, hi int) {
	el, b := p.el, d.m.B
	for i := lo; i < hi; i++ {
		j := i - out.lo
		x := p.iext[i]
		av, aw := float64(d.qv*x), float64(d.qw*x)
		for k := range out.views {
			r := &out.views[k]
			if r.kind == DeltaKind {
				av += r.in[j]
				r.in[j] = 0
				continue
			}
			s := r.x[j]
			av += float64(d.rv[k] * s)
			aw += float64(d.rw[k] * s)
			r.x[j] = float64(s*r.p11) + r.in[j]
			r.in[j] = 0
		}
		w := d.w[i]
		if p.refr[i] != 0 {
			p.refr[i]--
			d.w[i] = d.wRef + float64((w-d.wRef)*d.pw)
			continue
		}
		v := p.v[i] - el
		d.w[i] = (float64(v*d.pwv) + float64(w*d.pww)) + aw
		if vn := el + (float64(v*d.pvv) + float64(w*d.pvw)) + av; !settle(p.v, p.vth, i, vn) {
			d.fire(p, out, i, vn, b)
		}
	}
}

// stepConductance takes one exponential-Euler step: the conductances
// frozen at t_n, (V, w) relax exactly towards their fixed point.
func (d *adaptive) stepConductance(p *Population, out *blockOut, lo, hi int) {
	gL, gLEL, el, a, aEL, b := p.gL, float64(p.gL*p.el), p.el, d.m.A, float64(d.m.A*p.el), d.m.B
	for i := lo; i < hi; i++ {
		j := i - out.lo
		g, u, jv := gL, gLEL+p.iext[i], 0.0
		for k := range out.views {
			r := &out.views[k]
			if r.kind == DeltaKind {
				jv += r.in[j]
				r.in[j] = 0
				continue
			}
			s := r.x[j]
			if r.kind == ConductanceKind {
				g += s
				u += float64(s * r.eRev)
			} else {
				u += s
			}
			r.x[j] = float64(s*r.p11) + r.in[j]
			r.in[j] = 0
		}
		w := d.w[i]
		if p.refr[i] != 0 {
			p.refr[i]--
			d.w[i] = d.wRef + float64((w-d.wRef)*d.pw)
			continue
		}
		vs := (u + aEL) / (g + a)
		ws := float64(a * (vs - el))
		e11, e12, e21, e22 := expm2(d.h, -g*d.invC, d.m12, d.m21, d.m22)
		if a == 0 {
			e11 = expNeg(p.dtC * g) // the LIF's bits
		}
		dv, dw := p.v[i]-vs, w-ws
		d.w[i] = ws + (float64(dv*e21) + float64(dw*e22))
		if vn := vs + (float64(dv*e11) + float64(dw*e12)) + jv; !settle(p.v, p.vth, i, vn) {
			d.fire(p, out, i, vn, b)
		}
	}
}

// fire is Population.fire, and adds b to w when the neuron spikes.
func (d *adaptive) fire(p *Population, out *blockOut, i int, v, b float64) {
	n := len(out.spikes)
	p.fire(out, i, v)
	if len(out.spikes) > n {
		d.w[i] += b
	}
}

// expm2 returns e^(hM) for the 2×2 matrix M = [[m11, m12], [m21, m22]]
// whose eigenvalues have negative real parts, by Cayley–Hamilton:
// e^(hM) = e^(μh)·(cosh(δh)·1 + sinh(δh)/δ·(M − μ·1)) with μ = tr M/2 and
// δ² = (m11 − m22)²/4 + m12·m21. With z = δ²h², it uses cosh and sinh for
// z > 1 (as (e^(λ₁h) ± e^(λ₂h))/2, which cannot overflow), cos and sin for
// z < −1 (complex eigenvalues), and their Taylor series in z between, which
// stay accurate to rounding as the eigenvalues coincide (δ → 0).
func expm2(h, m11, m12, m21, m22 float64) (e11, e12, e21, e22 float64) {
	mu, hd := (m11+m22)/2, (m11-m22)/2
	z := (float64(hd*hd) + float64(m12*m21)) * h * h
	var ec, es float64 // e^(μh)·cosh(δh) and e^(μh)·h·sinh(δh)/(δh)
	switch {
	case z > 1:
		r := math.Sqrt(z)
		e1, e2 := math.Exp(float64(mu*h)+r), math.Exp(float64(mu*h)-r)
		ec, es = (e1+e2)/2, h*(e1-e2)/(2*r)
	case z < -1:
		r := math.Sqrt(-z)
		e := math.Exp(mu * h)
		ec, es = e*math.Cos(r), e*h*math.Sin(r)/r
	default:
		// cosh(√z) = 1 + z·Σ z^k/(2k+2)!, sinh(√z)/√z = 1 + z·Σ z^k/(2k+3)!,
		// to k = 8 in Horner's scheme: the first omitted terms are below
		// 1/20! < 5e-19.
		var c, s float64
		for k := len(coshSeries) - 1; k >= 0; k-- {
			c = coshSeries[k] + float64(z*c)
			s = sinhSeries[k] + float64(z*s)
		}
		e := math.Exp(mu * h)
		ec, es = e*(1+float64(z*c)), e*h*(1+float64(z*s))
	}
	return ec + float64(es*hd), es * m12, es * m21, ec - float64(es*hd)
}

// The series of expm2: coshSeries[k] = 1/(2k+2)!, sinhSeries[k] = 1/(2k+3)!.
var (
	coshSeries = [...]float64{1.0 / 2, 1.0 / 24, 1.0 / 720, 1.0 / 40320, 1.0 / 3628800, 1.0 / 479001600,
		1.0 / 87178291200, 1.0 / 20922789888000, 1.0 / 6402373705728000}
	sinhSeries = [...]float64{1.0 / 6, 1.0 / 120, 1.0 / 5040, 1.0 / 362880, 1.0 / 39916800, 1.0 / 6227020800,
		1.0 / 1307674368000, 1.0 / 355687428096000, 1.0 / 121645100408832000}
)
