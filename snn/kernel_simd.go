//go:build goexperiment.simd && amd64

package snn

import "simd/archsimd"

// vectorKernels reports whether this build has SIMD kernels: it does
// (GOEXPERIMENT=simd on amd64), and the CPU must have AVX2.
var vectorKernels = archsimd.X86.AVX2()

// f64 is four float64 lanes.
type f64 = archsimd.Float64x4

func splat(x float64) f64      { return archsimd.BroadcastFloat64x4(x) }
func load(s []float64) f64     { return archsimd.LoadFloat64x4Slice(s) }
func store(x f64, s []float64) { x.StoreSlice(s) }
func isNonFinite(x f64) mask4  { return x.Sub(x).IsNaN() }
func loadRefr(s []int32) refr4 { return archsimd.LoadInt32x4Slice(s) }
func free(r refr4) mask4       { return r.ExtendToInt64().Equal(archsimd.BroadcastInt64x4(0)) }
func countDown(r refr4, s []int32) {
	r.Sub(archsimd.BroadcastInt32x4(1)).Max(archsimd.BroadcastInt32x4(0)).StoreSlice(s)
}

type (
	mask4 = archsimd.Mask64x4
	refr4 = archsimd.Int32x4
)

// stepVector runs the SIMD version of the population's fused kernel on the
// neurons [lo, lo+4m) of the block out, four at a time, and returns 4m; the
// scalar kernel does the rest. The general kernels have no SIMD version
// (it returns 0). Each lane does the scalar kernel's arithmetic in the same
// order, without fused multiply-adds, so both give the same bits.
func (p *Population) stepVector(out *blockOut, lo, hi int) int {
	n := (hi - lo) &^ 3
	switch p.kernel {
	case kernelCurrentPair, kernelDeltaPair:
		p.vecExactPair(out, lo, lo+n)
	case kernelConductancePair:
		p.vecConductancePair(out, lo, lo+n)
	default:
		return 0
	}
	return n
}

// vecExactPair is stepExactPair four neurons at a time.
func (p *Population) vecExactPair(out *blockOut, lo, hi int) {
	el, p22, p20, zero := splat(p.model.EL), splat(p.p22), splat(p.p20), splat(0)
	e, h := &out.views[0], &out.views[1]
	current := e.kind == CurrentKind
	pe21, pe11, ph21, ph11 := splat(e.p21), splat(e.p11), splat(h.p21), splat(h.p11)
	V := p.V[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.VTh[lo:hi][:n], p.refr[lo:hi][:n], p.Iext[lo:hi][:n]
	ine, inh := e.in[o:][:n], h.in[o:][:n]
	var xe, xh []float64
	if current {
		xe, xh = e.x[o:][:n], h.x[o:][:n]
	}
	for i := 0; i+4 <= n; i += 4 {
		a := p20.Mul(load(iext[i : i+4]))
		if current {
			ge, gh := load(xe[i:i+4]), load(xh[i:i+4])
			a = a.Add(pe21.Mul(ge))
			a = a.Add(ph21.Mul(gh))
			store(ge.Mul(pe11).Add(load(ine[i:i+4])), xe[i:i+4])
			store(gh.Mul(ph11).Add(load(inh[i:i+4])), xh[i:i+4])
		} else {
			a = a.Add(load(ine[i : i+4]))
			a = a.Add(load(inh[i : i+4]))
		}
		store(zero, ine[i:i+4])
		store(zero, inh[i:i+4])
		v := load(V[i : i+4])
		v1 := el.Add(v.Sub(el).Mul(p22)).Add(a)
		if ev := vecThreshold(v, v1, V[i:i+4], VTh[i:i+4], refr[i:i+4]); ev != 0 {
			p.fireLanes(out, lo+i, ev)
		}
	}
}

// vecConductancePair is stepConductancePair four neurons at a time. A
// group where some lane has dt·g/C ≥ 0.8 (where expNeg calls math.Exp)
// goes to the scalar kernel.
func (p *Population) vecConductancePair(out *blockOut, lo, hi int) {
	gL, gLEL, dtC := splat(p.gL), splat(p.gL*p.model.EL), splat(p.dtC)
	e, h := &out.views[0], &out.views[1]
	ee, pe11, eh, ph11 := splat(e.eRev), splat(e.p11), splat(h.eRev), splat(h.p11)
	zero, limit := splat(0), splat(0.8)
	V := p.V[lo:hi]
	n, o := len(V), lo-out.lo
	VTh, refr, iext := p.VTh[lo:hi][:n], p.refr[lo:hi][:n], p.Iext[lo:hi][:n]
	xe, ine, xh, inh := e.x[o:][:n], e.in[o:][:n], h.x[o:][:n], h.in[o:][:n]
	for i := 0; i+4 <= n; i += 4 {
		ge, gh := load(xe[i:i+4]), load(xh[i:i+4])
		g := gL.Add(ge)
		g = g.Add(gh)
		x := dtC.Mul(g)
		if x.GreaterEqual(limit).ToBits() != 0 {
			p.stepConductancePair(out, lo+i, lo+i+4)
			continue
		}
		u := gLEL.Add(load(iext[i : i+4]))
		u = u.Add(ge.Mul(ee))
		u = u.Add(gh.Mul(eh))
		store(ge.Mul(pe11).Add(load(ine[i:i+4])), xe[i:i+4])
		store(zero, ine[i:i+4])
		store(gh.Mul(ph11).Add(load(inh[i:i+4])), xh[i:i+4])
		store(zero, inh[i:i+4])
		v := load(V[i : i+4])
		vinf := u.Div(g)
		v1 := vinf.Add(v.Sub(vinf).Mul(expNegVec(x)))
		if ev := vecThreshold(v, v1, V[i:i+4], VTh[i:i+4], refr[i:i+4]); ev != 0 {
			p.fireLanes(out, lo+i, ev)
		}
	}
}

// vecThreshold finishes four neurons: free ones take their new potential
// v1, refractory ones keep v and count down. It returns the lanes that
// fire must handle: free, and at or above threshold or not finite. It is
// small enough to be inlined.
func vecThreshold(v, v1 f64, V, VTh []float64, refr []int32) uint8 {
	r := loadRefr(refr)
	ok := free(r)
	store(v1.Merge(v, ok), V)
	countDown(r, refr)
	return v1.GreaterEqual(load(VTh)).Or(isNonFinite(v1)).And(ok).ToBits()
}

// fireLanes calls fire for the lanes set in ev of the four neurons from i.
func (p *Population) fireLanes(out *blockOut, i int, ev uint8) {
	for k := 0; ev != 0; k, ev = k+1, ev>>1 {
		if ev&1 != 0 {
			p.fire(out, i+k, p.V[i+k])
		}
	}
}

// The constants of the vector kernels, broadcast once (read only).
var (
	one, eighth            = splat(1), splat(0.125)
	c2, c3, c4, c5, c6, c7 = splat(1.0 / 2), splat(1.0 / 6), splat(1.0 / 24), splat(1.0 / 120), splat(1.0 / 720), splat(1.0 / 5040)
	c8, c9                 = splat(1.0 / 40320), splat(1.0 / 362880)
	zero32, one32          = archsimd.BroadcastInt32x4(0), archsimd.BroadcastInt32x4(1)
	zero64                 = archsimd.BroadcastInt64x4(0)
)

// expNegVec is expNeg for four lanes, all with x < 0.8: the same
// operations in the same order.
func expNegVec(x f64) f64 {
	y := x.Mul(eighth)
	t := c8.Sub(y.Mul(c9))
	t = c7.Sub(y.Mul(t))
	t = c6.Sub(y.Mul(t))
	t = c5.Sub(y.Mul(t))
	t = c4.Sub(y.Mul(t))
	t = c3.Sub(y.Mul(t))
	t = c2.Sub(y.Mul(t))
	t = one.Sub(y.Mul(t))
	t = one.Sub(y.Mul(t))
	t = t.Mul(t)
	t = t.Mul(t)
	return t.Mul(t)
}
