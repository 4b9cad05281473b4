package snn

import "math"

//go:generate sh -c "sed -f simd4.sed kernel_simd8.go | gofmt > kernel_simd4.go"

// The LIF's step kernels advance the neurons of one block by one step. Build
// picks one per population from its receptors:
//
//   - kernelExact: any mix of delta and current receptors, integrated
//     exactly (the propagators of doc.go);
//   - kernelConductance: any mix that includes a conductance receptor,
//     integrated with exponential Euler;
//   - kernelCurrentPair, kernelDeltaPair, kernelConductancePair: the common
//     case of two receptors of one kind (excitatory and inhibitory), fused
//     into one loop over the neurons.
//
// The general kernels work chunk by chunk: one loop per receptor sums its
// input to each neuron into a small array that stays in L1 cache, then one
// loop integrates the neurons. The fused kernels do the same arithmetic, in
// the same order, in a single loop, which halves the memory traffic; their
// SIMD versions (kernel_simd.go) do it 8 or 4 neurons at a time. All give
// bit-identical results (kernel_lif_test.go checks it).
type kernel uint8

const (
	kernelExact kernel = iota
	kernelConductance
	kernelCurrentPair
	kernelDeltaPair
	kernelConductancePair
)

// kernelFor returns the kernel for a population with these receptors: a
// general one if asked (tests compare them with the fused ones).
func kernelFor(recs []Receptor, general bool) kernel {
	cond := false
	for _, r := range recs {
		cond = cond || r.Kind == ConductanceKind
	}
	if len(recs) == 2 && recs[0].Kind == recs[1].Kind && !general {
		switch recs[0].Kind {
		case CurrentKind:
			return kernelCurrentPair
		case DeltaKind:
			return kernelDeltaPair
		case ConductanceKind:
			return kernelConductancePair
		}
	}
	if cond {
		return kernelConductance
	}
	return kernelExact
}

// chunk is the number of neurons the general kernels treat pass by pass:
// small enough that a chunk's sums stay in L1 cache, large enough that each
// receptor's loop runs long.
const chunk = 64

// stepExact takes one exact step for a block with any delta and current
// receptors. For each neuron it sums a = p20·I_ext + Σ p21·I_syn(t_n) +
// Σ delta arrivals; the currents decay and take their arrivals; then a free
// neuron moves to V = E_L + (V − E_L)·e^(−dt/τ_m) + a, and a refractory one
// stays clamped (its delta arrivals are lost, as in NEST's iaf_psc_delta).
func (p *Population) stepExact(out *blockOut, lo, hi int) {
	var sum [chunk]float64
	for c0 := lo; c0 < hi; c0 += chunk {
		c1 := min(hi, c0+chunk)
		a := sum[:c1-c0]
		for i, x := range p.iext[c0:c1] {
			a[i] = float64(p.p20 * x)
		}
		for k := range out.views {
			w := &out.views[k]
			in := w.in[c0-out.lo : c1-out.lo]
			in = in[:len(a)]
			if w.kind == DeltaKind {
				for i := range a {
					a[i] += in[i]
					in[i] = 0
				}
				continue
			}
			x, p11, p21 := w.x[c0-out.lo:c1-out.lo], w.p11, w.p21
			x = x[:len(a)]
			for i := range a {
				a[i] += float64(p21 * x[i])
				x[i] = float64(x[i]*p11) + in[i]
				in[i] = 0
			}
		}
		el, p22 := p.el, p.p22
		V, VTh, refr := p.v[c0:c1], p.vth[c0:c1], p.refr[c0:c1]
		V, VTh, refr = V[:len(a)], VTh[:len(a)], refr[:len(a)]
		for i := range a {
			if refr[i] != 0 {
				refr[i]--
			} else if v := el + float64((V[i]-el)*p22) + a[i]; !settle(V, VTh, i, v) {
				p.fire(out, c0+i, v)
			}
		}
	}
}

// stepExactPair is stepExact fused for two current receptors or two delta
// receptors (one view: they share a ring), for the neurons [lo, hi) of the
// block out.
func (p *Population) stepExactPair(out *blockOut, lo, hi int) {
	el, p22, p20 := p.el, p.p22, p.p20
	e, h := &out.views[0], &out.views[len(out.views)-1]
	V := p.v[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.vth[lo:hi][:n], p.refr[lo:hi][:n], p.iext[lo:hi][:n]
	ine := e.in[o:][:n]
	if e.kind == DeltaKind { // one view: the receptors share a ring
		for i := range V {
			a := float64(p20 * iext[i])
			a += ine[i]
			ine[i] = 0
			if refr[i] != 0 {
				refr[i]--
			} else if v := el + float64((V[i]-el)*p22) + a; !settle(V, VTh, i, v) {
				p.fire(out, lo+i, v)
			}
		}
		return
	}
	inh, xe, xh := h.in[o:][:n], e.x[o:][:n], h.x[o:][:n]
	pe21, pe11, ph21, ph11 := e.p21, e.p11, h.p21, h.p11
	for i := range V {
		a := float64(p20 * iext[i])
		a += float64(pe21 * xe[i])
		a += float64(ph21 * xh[i])
		xe[i] = float64(xe[i]*pe11) + ine[i]
		xh[i] = float64(xh[i]*ph11) + inh[i]
		ine[i], inh[i] = 0, 0
		if refr[i] != 0 {
			refr[i]--
		} else if v := el + float64((V[i]-el)*p22) + a; !settle(V, VTh, i, v) {
			p.fire(out, lo+i, v)
		}
	}
}

// settle stores a free neuron's new potential v and reports true, unless v
// is at or above the threshold or not finite: that is fire's work. (It
// sends a finite v = −math.MaxFloat64 to fire too, which stores it.)
func settle(V, VTh []float64, i int, v float64) bool {
	if v < VTh[i] && v > -math.MaxFloat64 {
		V[i] = v
		return true
	}
	return false
}

// stepConductance takes one exponential-Euler step for a block with any
// receptors, one of them a conductance. For each neuron it sums the total
// conductance g = g_L + Σ g_k(t_n), the numerator
// u = g_L·E_L + I_ext + Σ g_k·E_k + Σ I_k(t_n) and the delta arrivals j;
// conductances and currents decay and take their arrivals; then a free
// neuron relaxes exactly towards V_∞ = u/g with rate g/C and jumps by j:
// V = V_∞ + (V − V_∞)·e^(−dt·g/C) + j.
func (p *Population) stepConductance(out *blockOut, lo, hi int) {
	var gsum, usum, jsum [chunk]float64
	gL, gLEL := p.gL, float64(p.gL*p.el)
	for c0 := lo; c0 < hi; c0 += chunk {
		c1 := min(hi, c0+chunk)
		g, u, j := gsum[:c1-c0], usum[:c1-c0], jsum[:c1-c0]
		for i, x := range p.iext[c0:c1] {
			g[i], u[i], j[i] = gL, gLEL+x, 0
		}
		for k := range out.views {
			w := &out.views[k]
			in := w.in[c0-out.lo : c1-out.lo]
			in = in[:len(g)]
			if w.kind == DeltaKind {
				for i := range j {
					j[i] += in[i]
					in[i] = 0
				}
				continue
			}
			x, p11, e := w.x[c0-out.lo:c1-out.lo], w.p11, w.eRev
			x = x[:len(g)]
			if w.kind == ConductanceKind {
				for i := range g {
					g[i] += x[i]
					u[i] += float64(x[i] * e)
				}
			} else {
				for i := range u {
					u[i] += x[i]
				}
			}
			for i := range x {
				x[i] = float64(x[i]*p11) + in[i]
				in[i] = 0
			}
		}
		dtC := p.dtC
		V, VTh, refr := p.v[c0:c1], p.vth[c0:c1], p.refr[c0:c1]
		V, VTh, refr = V[:len(g)], VTh[:len(g)], refr[:len(g)]
		for i := range g {
			if refr[i] != 0 {
				refr[i]--
				continue
			}
			vinf := u[i] / g[i]
			if v := vinf + float64((V[i]-vinf)*expNeg(dtC*g[i])) + j[i]; !settle(V, VTh, i, v) {
				p.fire(out, c0+i, v)
			}
		}
	}
}

// stepConductancePair is stepConductance fused for two conductance
// receptors.
func (p *Population) stepConductancePair(out *blockOut, lo, hi int) {
	gL, gLEL, dtC := p.gL, float64(p.gL*p.el), p.dtC
	e, h := &out.views[0], &out.views[1]
	ee, pe11, eh, ph11 := e.eRev, e.p11, h.eRev, h.p11
	V := p.v[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.vth[lo:hi][:n], p.refr[lo:hi][:n], p.iext[lo:hi][:n]
	xe, ine, xh, inh := e.x[o:][:n], e.in[o:][:n], h.x[o:][:n], h.in[o:][:n]
	for i := range V {
		ge, gh := xe[i], xh[i]
		g := gL + ge
		g += gh
		u := gLEL + iext[i]
		u += float64(ge * ee)
		u += float64(gh * eh)
		xe[i] = float64(ge*pe11) + ine[i]
		ine[i] = 0
		xh[i] = float64(gh*ph11) + inh[i]
		inh[i] = 0
		if refr[i] != 0 {
			refr[i]--
			continue
		}
		vinf := u / g
		if v := vinf + float64((V[i]-vinf)*expNeg(dtC*g)); !settle(V, VTh, i, v) {
			p.fire(out, lo+i, v)
		}
	}
}

// expNeg returns e^(−x) for x ≥ 0. Below 0.8 it evaluates the degree-9
// Taylor polynomial of e^(−y) at y = x/8 (truncation error < 3e-17), in
// Horner's scheme with the signs folded in, and squares three times
// (relative error about 1e-15); above, math.Exp. It is the conductance
// kernels' per-neuron exponential, where x = dt·g_tot/C is usually
// 0.005–0.5. The SIMD kernel does the same operations in the same order.
func expNeg(x float64) float64 {
	if x >= 0.8 {
		return math.Exp(-x)
	}
	const c2, c3, c4, c5, c6, c7, c8, c9 = 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880
	y := x * 0.125
	t := c8 - float64(y*c9)
	t = c7 - float64(y*t)
	t = c6 - float64(y*t)
	t = c5 - float64(y*t)
	t = c4 - float64(y*t)
	t = c3 - float64(y*t)
	t = c2 - float64(y*t)
	t = 1 - float64(y*t)
	t = 1 - float64(y*t)
	t *= t
	t *= t
	return t * t
}

// SIMD reports whether this build steps populations with SIMD kernels: it
// does when built with GOEXPERIMENT=simd on amd64 (as the Makefile, the
// notebooks' kernel and the Docker image do) and the CPU has AVX2.
// Otherwise the portable kernels run; the results are the same bits.
func SIMD() bool { return vectorLanes > 0 }
