//go:build goexperiment.simd && amd64 && !go1.27

package snn

import "simd/archsimd"

// The SIMD kernels for eight float64 lanes (AVX-512).
// The source of kernel_simd4.go (AVX2), by simd4.sed: edit here, then run go generate.

const lanes8 = 8

type f64x8 = archsimd.Float64x8

// consts8 holds the constants of these kernels, broadcast once. Creating
// them executes AVX-512 instructions, so they are filled only by
// chooseLanes (kernel_simd.go), after it has checked that the CPU has
// AVX-512; a package-level initializer would run them at start-up on every
// CPU (TestNoSIMDBeforeCPUCheck).
type consts8 struct {
	one, eighth, limit                                              f64x8
	inv2, inv6, inv24, inv120, inv720, inv5040, inv40320, inv362880 f64x8
	zero32, one32                                                   archsimd.Int32x8
	zero64                                                          archsimd.Int64x8
}

// k8 is zero until chooseLanes fills it (read only after that).
var k8 consts8

// fill broadcasts the constants; only chooseLanes calls it.
func (k *consts8) fill() {
	*k = consts8{
		one: splat8(1), eighth: splat8(0.125), limit: splat8(0.8),
		inv2: splat8(1.0 / 2), inv6: splat8(1.0 / 6), inv24: splat8(1.0 / 24), inv120: splat8(1.0 / 120),
		inv720: splat8(1.0 / 720), inv5040: splat8(1.0 / 5040), inv40320: splat8(1.0 / 40320), inv362880: splat8(1.0 / 362880),
		zero32: archsimd.BroadcastInt32x8(0), one32: archsimd.BroadcastInt32x8(1),
		zero64: archsimd.BroadcastInt64x8(0),
	}
}

func splat8(x float64) f64x8      { return archsimd.BroadcastFloat64x8(x) }
func load8(s []float64) f64x8     { return archsimd.LoadFloat64x8Slice(s) }
func store8(x f64x8, s []float64) { x.StoreSlice(s) }

// take8 returns this step's arrivals at eight neurons and clears them.
// (Skipping the store where there were none saved memory traffic but cost
// more in mispredicted branches.)
func take8(in []float64) f64x8 {
	x := load8(in)
	store8(f64x8{}, in) // a zeroed register, not a load from memory
	return x
}

// vecExactPair8 is stepExactPair eight lanes at a time.
func (p *Population) vecExactPair8(out *blockOut, lo, hi int) {
	el, p22, p20 := splat8(p.el), splat8(p.p22), splat8(p.p20)
	e, h := &out.views[0], &out.views[len(out.views)-1] // delta: one view, a shared ring
	current := e.kind == CurrentKind
	pe21, pe11, ph21, ph11 := splat8(e.p21), splat8(e.p11), splat8(h.p21), splat8(h.p11)
	V := p.v[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.vth[lo:hi][:n], p.refr[lo:hi][:n], p.iext[lo:hi][:n]
	ine := e.in[o:][:n]
	var inh, xe, xh []float64
	if current {
		inh, xe, xh = h.in[o:][:n], e.x[o:][:n], h.x[o:][:n]
	}
	drive, th := p.drive, splat8(p.thOne)
	for i := 0; i+lanes8 <= n; i += lanes8 {
		a := f64x8{}
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
	V := p.v[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.vth[lo:hi][:n], p.refr[lo:hi][:n], p.iext[lo:hi][:n]
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
		if x.GreaterEqual(k8.limit).ToBits()|xb.GreaterEqual(k8.limit).ToBits() != 0 {
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
	free := r.ExtendToInt64().Equal(k8.zero64)
	store8(v1.Merge(v, free), V)
	fb := free.ToBits()
	if fb != 1<<lanes8-1 {
		r.Sub(k8.one32).Max(k8.zero32).StoreSlice(refr)
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
	y, w := x.Mul(k8.eighth), z.Mul(k8.eighth)
	t, s := k8.inv40320.Sub(y.Mul(k8.inv362880)), k8.inv40320.Sub(w.Mul(k8.inv362880))
	t, s = k8.inv5040.Sub(y.Mul(t)), k8.inv5040.Sub(w.Mul(s))
	t, s = k8.inv720.Sub(y.Mul(t)), k8.inv720.Sub(w.Mul(s))
	t, s = k8.inv120.Sub(y.Mul(t)), k8.inv120.Sub(w.Mul(s))
	t, s = k8.inv24.Sub(y.Mul(t)), k8.inv24.Sub(w.Mul(s))
	t, s = k8.inv6.Sub(y.Mul(t)), k8.inv6.Sub(w.Mul(s))
	t, s = k8.inv2.Sub(y.Mul(t)), k8.inv2.Sub(w.Mul(s))
	t, s = k8.one.Sub(y.Mul(t)), k8.one.Sub(w.Mul(s))
	t, s = k8.one.Sub(y.Mul(t)), k8.one.Sub(w.Mul(s))
	t, s = t.Mul(t), s.Mul(s)
	t, s = t.Mul(t), s.Mul(s)
	return t.Mul(t), s.Mul(s)
}
