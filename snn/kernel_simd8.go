//go:build goexperiment.simd && amd64 && !go1.27

package snn

import "simd/archsimd"

// The SIMD kernels for eight float64 lanes (AVX-512).
// The source of kernel_simd4.go (AVX2), by simd4.sed: edit here, then run go generate.

const lanes8 = 8

type (
	f64x8  = archsimd.Float64x8
	mask8  = archsimd.Mask64x8
	refrx8 = archsimd.Int32x8
)

// The constants of these kernels, broadcast once (read only).
var (
	zerox8, onex8, by8x8 = splat8(0), splat8(1), splat8(0.125)
	limitx8              = splat8(0.8)
	c2x8, c3x8, c4x8     = splat8(1.0 / 2), splat8(1.0 / 6), splat8(1.0 / 24)
	c5x8, c6x8, c7x8     = splat8(1.0 / 120), splat8(1.0 / 720), splat8(1.0 / 5040)
	c8x8, c9x8           = splat8(1.0 / 40320), splat8(1.0 / 362880)
	zero32x8, one32x8    = archsimd.BroadcastInt32x8(0), archsimd.BroadcastInt32x8(1)
	zero64x8             = archsimd.BroadcastInt64x8(0)
)

func splat8(x float64) f64x8      { return archsimd.BroadcastFloat64x8(x) }
func load8(s []float64) f64x8     { return archsimd.LoadFloat64x8Slice(s) }
func store8(x f64x8, s []float64) { x.StoreSlice(s) }

// take8 returns this step's arrivals at eight neurons and clears them.
// (Skipping the store where there were none saved memory traffic but cost
// more in mispredicted branches.)
func take8(in []float64) f64x8 {
	x := load8(in)
	store8(f64x8{}, in) // a zeroed register; zerox8 would be loaded from memory
	return x
}

// vecExactPair8 is stepExactPair eight lanes at a time.
func (p *Population) vecExactPair8(out *blockOut, lo, hi int) {
	el, p22, p20 := splat8(p.el), splat8(p.p22), splat8(p.p20)
	e, h := &out.views[0], &out.views[len(out.views)-1] // delta: one view, a shared ring
	current := e.kind == CurrentKind
	pe21, pe11, ph21, ph11 := splat8(e.p21), splat8(e.p11), splat8(h.p21), splat8(h.p11)
	V := p.V[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.VTh[lo:hi][:n], p.refr[lo:hi][:n], p.Iext[lo:hi][:n]
	ine := e.in[o:][:n]
	var inh, xe, xh []float64
	if current {
		inh, xe, xh = h.in[o:][:n], e.x[o:][:n], h.x[o:][:n]
	}
	drive, th := p.drive, splat8(p.thOne)
	for i := 0; i+lanes8 <= n; i += lanes8 {
		a := zerox8
		if drive {
			a = p20.Mul(load8(iext[i : i+lanes8]))
		}
		je := take8(ine[i : i+lanes8])
		if current {
			jh := take8(inh[i : i+lanes8])
			ge, gh := load8(xe[i:i+lanes8]), load8(xh[i:i+lanes8])
			a = a.Add(pe21.Mul(ge))
			a = a.Add(ph21.Mul(gh))
			store8(ge.Mul(pe11).Add(je), xe[i:i+lanes8])
			store8(gh.Mul(ph11).Add(jh), xh[i:i+lanes8])
		} else {
			a = a.Add(je)
		}
		v := load8(V[i : i+lanes8])
		v1 := el.Add(v.Sub(el).Mul(p22)).Add(a)
		if p.thAll {
			th = load8(VTh[i : i+lanes8])
		}
		if ev := vecThreshold8(v, v1, th, V[i:i+lanes8], refr[i:i+lanes8]); ev != 0 {
			p.fireLanes(out, lo+i, ev)
		}
	}
}

// vecConductancePair8 is stepConductancePair for two groups of eight lanes
// at a time, their operations interleaved: the exponential is a chain of
// 22 dependent operations, and two chains side by side keep the processor
// busy (BenchmarkBrette conductance, build + 1 s: 106 → 95 ms, medians of
// 6 interleaved runs). A pair of groups where some lane has dt·g/C ≥ 0.8
// (where expNeg calls math.Exp), and a last group of eight, go to the
// scalar kernel.
func (p *Population) vecConductancePair8(out *blockOut, lo, hi int) {
	gL, gLEL, dtC := splat8(p.gL), splat8(p.gL*p.el), splat8(p.dtC)
	e, h := &out.views[0], &out.views[1]
	ee, pe11, eh, ph11 := splat8(e.eRev), splat8(e.p11), splat8(h.eRev), splat8(h.p11)
	V := p.V[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.VTh[lo:hi][:n], p.refr[lo:hi][:n], p.Iext[lo:hi][:n]
	xe, ine, xh, inh := e.x[o:][:n], e.in[o:][:n], h.x[o:][:n], h.in[o:][:n]
	drive, th, thb := p.drive, splat8(p.thOne), splat8(p.thOne)
	i := 0
	for ; i+2*lanes8 <= n; i += 2 * lanes8 {
		j := i + lanes8
		ge, gh := load8(xe[i:i+lanes8]), load8(xh[i:i+lanes8])
		geb, ghb := load8(xe[j:j+lanes8]), load8(xh[j:j+lanes8])
		g, gb := gL.Add(ge), gL.Add(geb)
		g, gb = g.Add(gh), gb.Add(ghb)
		x, xb := dtC.Mul(g), dtC.Mul(gb)
		if x.GreaterEqual(limitx8).ToBits()|xb.GreaterEqual(limitx8).ToBits() != 0 {
			p.stepConductancePair(out, lo+i, lo+i+2*lanes8)
			continue
		}
		u, ub := gLEL, gLEL
		if drive {
			u, ub = u.Add(load8(iext[i:i+lanes8])), ub.Add(load8(iext[j:j+lanes8]))
		}
		u, ub = u.Add(ge.Mul(ee)), ub.Add(geb.Mul(ee))
		u, ub = u.Add(gh.Mul(eh)), ub.Add(ghb.Mul(eh))
		store8(ge.Mul(pe11).Add(take8(ine[i:i+lanes8])), xe[i:i+lanes8])
		store8(geb.Mul(pe11).Add(take8(ine[j:j+lanes8])), xe[j:j+lanes8])
		store8(gh.Mul(ph11).Add(take8(inh[i:i+lanes8])), xh[i:i+lanes8])
		store8(ghb.Mul(ph11).Add(take8(inh[j:j+lanes8])), xh[j:j+lanes8])
		v, vb := load8(V[i:i+lanes8]), load8(V[j:j+lanes8])
		vinf, vinfb := u.Div(g), ub.Div(gb)
		ex, exb := expNegPair8(x, xb)
		v1, v1b := vinf.Add(v.Sub(vinf).Mul(ex)), vinfb.Add(vb.Sub(vinfb).Mul(exb))
		if p.thAll {
			th, thb = load8(VTh[i:i+lanes8]), load8(VTh[j:j+lanes8])
		}
		if ev := vecThreshold8(v, v1, th, V[i:i+lanes8], refr[i:i+lanes8]); ev != 0 {
			p.fireLanes(out, lo+i, ev)
		}
		if ev := vecThreshold8(vb, v1b, thb, V[j:j+lanes8], refr[j:j+lanes8]); ev != 0 {
			p.fireLanes(out, lo+j, ev)
		}
	}
	if i < n {
		p.stepConductancePair(out, lo+i, lo+n)
	}
}

// vecThreshold8 finishes eight neurons: free ones take their new
// potential v1, refractory ones keep v and count down (when all are free
// there is nothing to count, and refr is not written). It returns the
// lanes that fire must handle: free, and at or above the threshold th or
// not finite (x − x is NaN for NaN and ±Inf). It is small enough to be
// inlined.
func vecThreshold8(v, v1, th f64x8, V []float64, refr []int32) uint8 {
	r := archsimd.LoadInt32x8Slice(refr)
	free := r.ExtendToInt64().Equal(zero64x8)
	store8(v1.Merge(v, free), V)
	fb := free.ToBits()
	if fb != 1<<lanes8-1 {
		r.Sub(one32x8).Max(zero32x8).StoreSlice(refr)
	}
	// The masks are combined as bits: Or and And of masks go through
	// vector registers and cost six instructions more.
	return (v1.GreaterEqual(th).ToBits() | v1.Sub(v1).IsNaN().ToBits()) & fb
}

// expNegPair8 is expNeg for two groups of eight lanes, all with x < 0.8:
// in each lane the same operations in the same order, the two groups'
// interleaved so that the processor always has one of two independent
// chains to work on.
func expNegPair8(x, z f64x8) (f64x8, f64x8) {
	y, w := x.Mul(by8x8), z.Mul(by8x8)
	t, s := c8x8.Sub(y.Mul(c9x8)), c8x8.Sub(w.Mul(c9x8))
	t, s = c7x8.Sub(y.Mul(t)), c7x8.Sub(w.Mul(s))
	t, s = c6x8.Sub(y.Mul(t)), c6x8.Sub(w.Mul(s))
	t, s = c5x8.Sub(y.Mul(t)), c5x8.Sub(w.Mul(s))
	t, s = c4x8.Sub(y.Mul(t)), c4x8.Sub(w.Mul(s))
	t, s = c3x8.Sub(y.Mul(t)), c3x8.Sub(w.Mul(s))
	t, s = c2x8.Sub(y.Mul(t)), c2x8.Sub(w.Mul(s))
	t, s = onex8.Sub(y.Mul(t)), onex8.Sub(w.Mul(s))
	t, s = onex8.Sub(y.Mul(t)), onex8.Sub(w.Mul(s))
	t, s = t.Mul(t), s.Mul(s)
	t, s = t.Mul(t), s.Mul(s)
	return t.Mul(t), s.Mul(s)
}
