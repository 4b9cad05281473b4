package snn

import (
	"encoding/json"
	"errors"
	"math"
	"math/cmplx"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestExpm2 compares expm2 with e^(hM) computed by mpmath at 40 digits
// (mp.expm on the same float64 inputs) on real distinct, coinciding,
// nearly coinciding and complex eigenvalues, on both sides of the series'
// switch at |δh| = 1, and with eigenvalues far apart: every entry within
// 3e-14 of the largest entry. (gonum's Padé exponential is off by up to
// 4e-14 on these.)
func TestExpm2(t *testing.T) {
	cases := []struct {
		name               string
		h                  float64
		m11, m12, m21, m22 float64
		want               [4]float64
	}{
		{"Brette-Gerstner", 0.1, -30.0 / 281, -1.0 / 281, 4.0 / 144, -1.0 / 144,
			[4]float64{9.8938014065545610039e-1, -3.5385579868749142003e-4, 2.7620410953106969055e-3, 9.9930530434225316963e-1}},
		{"coinciding", 0.1, -0.2, -0.01, 0, -0.2,
			[4]float64{9.8019867330675530004e-1, -9.8019867330675537486e-4, 0.0, 9.8019867330675530004e-1}},
		{"nearly coinciding", 0.1, -0.2, -0.01, 1e-9, -0.2 + 1e-7,
			[4]float64{9.8019867330670629011e-1, -9.8019867820773242123e-4, 9.8019867820773246187e-11, 9.8019868310869307247e-1}},
		{"complex", 0.1, -0.1, -1.0 / 281, 200.0 / 20, -0.05,
			[4]float64{9.8987337955662021736e-1, -3.5319224943359030639e-4, 9.9247022090838881174e-1, 9.9483573066116216169e-1}},
		{"complex, |δh| near 1", 1, -0.1, -1.0 / 100, 400.0 / 4, -0.25,
			[4]float64{5.0858000300250013798e-1, -7.0708998304284854362e-3, 7.070899830428485289e+1, 4.0251650554607286257e-1}},
		{"real, |δh| just below 1", 1, -1.9, 0, 0, -0.1,
			[4]float64{1.4956861922263506593e-1, 0.0, 0.0, 9.0483741803595956814e-1}},
		{"real, |δh| just above 1", 1, -2.1, 0, 0, -0.1,
			[4]float64{1.2245642825298189934e-1, 0.0, 0.0, 9.0483741803595956814e-1}},
		{"far apart", 10, -50, -1, 0.1, -0.01,
			[4]float64{-3.5495103223366999049e-5, -1.7743292028872478611e-2, 1.7743292028872479596e-3, 8.8695167342011183874e-1}},
	}
	for _, c := range cases {
		e11, e12, e21, e22 := expm2(c.h, c.m11, c.m12, c.m21, c.m22)
		scale := 0.0
		for _, w := range c.want {
			scale = math.Max(scale, math.Abs(w))
		}
		for k, got := range []float64{e11, e12, e21, e22} {
			if math.Abs(got-c.want[k]) > 3e-14*scale {
				t.Errorf("%s: entry %d = %.17g, want %.17g (tol 3e-14·%g)", c.name, k, got, c.want[k], scale)
			}
		}
	}
}

// closedForm returns v = V − E_L and w at time t of the linear system
// C dv/dt = −g_L v − w + I + I_s·e^(−t/τ_s), τ_w dw/dt = a v − w from
// (v0, w0), by eigen-decomposition in complex arithmetic (independent of
// the propagators: no matrix exponential).
func closedForm(m AdaptiveLIF, I, Is, tauS, v0, w0, t float64) (v, w float64) {
	C, gL := m.LIF.C(), m.LIF.GL()
	A := [2][2]complex128{{complex(-gL/C, 0), complex(-1/C, 0)}, {complex(m.A/m.TauW, 0), complex(-1/m.TauW, 0)}}
	solve := func(M [2][2]complex128, b [2]complex128) [2]complex128 { // M x = b
		det := M[0][0]*M[1][1] - M[0][1]*M[1][0]
		return [2]complex128{(b[0]*M[1][1] - M[0][1]*b[1]) / det, (M[0][0]*b[1] - M[1][0]*b[0]) / det}
	}
	// Steady state for I and the particular solution p·e^(−t/τ_s) for I_s.
	xs := solve(A, [2]complex128{complex(-I/C, 0), 0})
	B := A
	B[0][0] += complex(1/tauS, 0)
	B[1][1] += complex(1/tauS, 0)
	ps := solve(B, [2]complex128{complex(-Is/C, 0), 0})
	// Eigenvalues and eigenvectors (m12 ≠ 0): u_k = (m12, λ_k − m11).
	tr, det := A[0][0]+A[1][1], A[0][0]*A[1][1]-A[0][1]*A[1][0]
	disc := cmplx.Sqrt(tr*tr/4 - det)
	l1, l2 := tr/2+disc, tr/2-disc
	u1, u2 := [2]complex128{A[0][1], l1 - A[0][0]}, [2]complex128{A[0][1], l2 - A[0][0]}
	// Coefficients of x0 − xs − p on (u1, u2).
	r := [2]complex128{complex(v0, 0) - xs[0] - ps[0], complex(w0, 0) - xs[1] - ps[1]}
	c := solve([2][2]complex128{{u1[0], u2[0]}, {u1[1], u2[1]}}, r)
	e1, e2, es := cmplx.Exp(l1*complex(t, 0)), cmplx.Exp(l2*complex(t, 0)), complex(math.Exp(-t/tauS), 0)
	x0 := xs[0] + ps[0]*es + c[0]*e1*u1[0] + c[1]*e2*u2[0]
	x1 := xs[1] + ps[1]*es + c[0]*e1*u1[1] + c[1]*e2*u2[1]
	return real(x0), real(x1)
}

// TestAdaptiveSubthresholdClosedForm: from V(0) = E_L + 8 mV and w(0) = 0,
// under a constant current and a decaying synaptic current (a current
// receptor started at I_s; or a conductance receptor that stays at 0, which
// takes the exponential-Euler kernel), V and w follow the closed-form
// solution to 1e-9 (mV, pA) at every step, with real and with complex
// eigenvalues, for 500 ms.
func TestAdaptiveSubthresholdClosedForm(t *testing.T) {
	real := DefaultAdaptiveLIF()
	real.LIF.VTh = 0 // out of reach
	cplx := real
	cplx.A, cplx.TauW = 200, 20 // δ² < 0: damped oscillation
	for _, mc := range []struct {
		name string
		m    AdaptiveLIF
	}{{"real eigenvalues", real}, {"complex eigenvalues", cplx}} {
		for _, rec := range []Receptor{CurrentExp("s", 5), ConductanceExp("s", 5, 0)} {
			m := mc.m
			const I, v0, tauS = 300.0, 8.0, 5.0
			Is := 0.0
			net := New(0.1, 1)
			p := net.AddPopulation("P", 1, m, rec)
			p.SetV(Const(m.LIF.EL + v0))
			if rec.Kind == CurrentKind {
				Is = 400
				p.SetSyn("s", Const(Is))
			}
			net.Inject(p, ConstantCurrent{Amplitude: Const(I)})
			mv := net.MonitorState(p, "V", []int32{0}, 0.1)
			mw := net.MonitorState(p, "w", []int32{0}, 0.1)
			if err := net.Run(500); err != nil {
				t.Fatal(err)
			}
			maxW := 0.0
			for k, tt := range mv.times {
				v, w := closedForm(m, I, Is, tauS, v0, 0, tt)
				if got := mv.values[0][k] - m.LIF.EL; math.Abs(got-v) > 1e-9 {
					t.Fatalf("%s, %s: t = %g ms: V − E_L = %.12f, want %.12f (tol 1e-9 mV)", mc.name, rec.Kind, tt, got, v)
				}
				if got := mw.values[0][k]; math.Abs(got-w) > 1e-9 {
					t.Fatalf("%s, %s: t = %g ms: w = %.12f, want %.12f (tol 1e-9 pA)", mc.name, rec.Kind, tt, got, w)
				}
				maxW = math.Max(maxW, math.Abs(w))
			}
			if maxW < 10 {
				t.Fatalf("%s, %s: w stays below %g pA: the test does not exercise the adaptation", mc.name, rec.Kind, maxW)
			}
		}
	}
}

// TestAdaptiveJumpAndDecay: under a strong current the neuron fires
// regularly; at each spike w jumps by b over its one-step decay, between
// spikes (a = 0) it decays by e^(−dt/τ_w) per step, and while refractory
// (a ≠ 0) it relaxes towards a(V_reset − E_L) by e^(−dt/τ_w) per step: all
// to 1e-12 relative.
func TestAdaptiveJumpAndDecay(t *testing.T) {
	for _, a := range []float64{0, 4} {
		m := DefaultAdaptiveLIF()
		m.A = a
		net := New(0.1, 1)
		p := net.AddPopulation("P", 1, m)
		net.Inject(p, ConstantCurrent{Amplitude: Const(1500)})
		mw := net.MonitorState(p, "w", []int32{0}, 0.1)
		sp := net.MonitorSpikes(p)
		if err := net.Run(1000); err != nil {
			t.Fatal(err)
		}
		if sp.Len() < 20 {
			t.Fatalf("a = %g: %d spikes, want ≥ 20", a, sp.Len())
		}
		pw := math.Exp(-0.1 / m.TauW)
		wRef := a * (m.LIF.VReset - m.LIF.EL)
		refSteps := int(math.Round(m.LIF.TRef / 0.1))
		spikeStep := map[int]bool{}
		for _, ts := range sp.times {
			spikeStep[int(math.Round(ts/0.1))-1] = true // sample k is at t = (k+1)·dt
		}
		w := mw.values[0]
		jumps := 0
		for k := 1; k < len(w); k++ {
			var want float64
			switch {
			case spikeStep[k] && a == 0:
				want = w[k-1]*pw + m.B
				jumps++
			case spikeStep[k]:
				continue // the jump on top of the coupled update: checked below for a = 0
			case refractoryAt(spikeStep, k, refSteps):
				want = wRef + (w[k-1]-wRef)*pw
			case a == 0:
				want = w[k-1] * pw
			default:
				continue
			}
			if math.Abs(w[k]-want) > 1e-12*math.Abs(want) {
				t.Fatalf("a = %g, step %d: w = %.15g, want %.15g", a, k, w[k], want)
			}
		}
		if a == 0 && jumps != sp.Len() {
			t.Fatalf("a = 0: checked %d jumps, want %d", jumps, sp.Len())
		}
	}
}

// refractoryAt reports whether sample k is within refSteps steps after a
// spike.
func refractoryAt(spike map[int]bool, k, refSteps int) bool {
	for j := 1; j <= refSteps; j++ {
		if spike[k-j] {
			return true
		}
	}
	return false
}

// TestAdaptiveZeroIsLIF: with a = b = 0 the adaptive model gives the LIF's
// spikes and state bit for bit (tolerance 0), with every receptor set of
// TestKernelsAgreeBitForBit, on the busy kernel test network.
func TestAdaptiveZeroIsLIF(t *testing.T) {
	th := Random(distuv.Uniform{Min: -52, Max: -48})
	for name, recs := range kernelSets {
		_, lp, ls := kernelNetOf(kernelLIF, recs, kernelMode{}, 400, th)
		anet, ap, as := kernelNetOf(AdaptiveLIF{LIF: kernelLIF, TauW: 100}, recs, kernelMode{}, 400, th)
		if err := lp.net.Run(300); err != nil {
			t.Fatal(err)
		}
		if err := anet.Run(300); err != nil {
			t.Fatal(err)
		}
		if ls.Len() < 2000 || as.Len() != ls.Len() {
			t.Fatalf("%s: %d adaptive vs %d LIF spikes (want equal, ≥ 2000)", name, as.Len(), ls.Len())
		}
		for k := range ls.index {
			if ls.index[k] != as.index[k] || ls.times[k] != as.times[k] {
				t.Fatalf("%s: spike %d differs", name, k)
			}
		}
		for i := range lp.v {
			if lp.v[i] != ap.v[i] {
				t.Fatalf("%s: neuron %d: V %v vs LIF %v", name, i, ap.v[i], lp.v[i])
			}
			for k := range lp.syn {
				if lp.syn[k] != nil && lp.syn[k][i] != ap.syn[k][i] {
					t.Fatalf("%s: neuron %d receptor %d differs", name, i, k)
				}
			}
		}
	}
}

// brian2Adaptive is data/reference/brian2_adaptive.json.
type brian2Adaptive struct {
	DtMs float64 `json:"dt_ms"`
	TMs  float64 `json:"t_ms"`
	Rows []struct {
		CurrentPA   float64 `json:"current_pa"`
		RateHz      float64 `json:"rate_hz"`
		SteadyISIMs float64 `json:"steady_isi_ms"`
		FirstISIMs  float64 `json:"first_isi_ms"`
		SpikeSteps  []int64 `json:"spike_steps"`
	} `json:"rows"`
}

// TestAdaptiveFICurveMatchesBrian2 compares the f–I curve with adaptation
// (DefaultAdaptiveLIF, 700–2000 pA, 3 s) with Brian2 2.5.1's 'exact'
// integration of the same model and time conventions
// (data/reference/brian2_adaptive.py). Both integrate the linear system
// exactly on the same grid, so the spike trains agree spike for spike
// (1034 spikes), each in the same step, which snn stamps at its end and
// Brian2 at its start (one dt earlier); every steady-state ISI (mean over
// [1 s, 3 s)) and first ISI then agree within 0.2 % (in fact to rounding).
func TestAdaptiveFICurveMatchesBrian2(t *testing.T) {
	data, err := os.ReadFile("../data/reference/brian2_adaptive.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref brian2Adaptive
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	var I []float64
	for _, r := range ref.Rows {
		I = append(I, r.CurrentPA)
	}
	net := New(ref.DtMs, 1)
	p := net.AddPopulation("P", len(I), DefaultAdaptiveLIF())
	net.Inject(p, ConstantCurrent{Amplitude: Slice(I)})
	sp := net.MonitorSpikes(p)
	if err := net.Run(ref.TMs); err != nil {
		t.Fatal(err)
	}
	trains := sp.Trains()
	prevRate := 0.0
	for k, r := range ref.Rows {
		tr := trains[k]
		if len(tr) != len(r.SpikeSteps) {
			t.Errorf("I = %g pA: %d spikes, Brian2 %d", r.CurrentPA, len(tr), len(r.SpikeSteps))
			continue
		}
		for j, ts := range tr {
			if d := math.Round(ts/ref.DtMs) - float64(r.SpikeSteps[j]+1); d != 0 {
				t.Errorf("I = %g pA: spike %d at %g ms, Brian2 %g ms (+dt)", r.CurrentPA, j, ts, float64(r.SpikeSteps[j])*ref.DtMs)
				break
			}
		}
		var sum float64
		var n int
		for j := 1; j < len(tr); j++ {
			if tr[j-1] >= 1000 {
				sum += tr[j] - tr[j-1]
				n++
			}
		}
		steady := sum / float64(n)
		if math.Abs(steady-r.SteadyISIMs) > 2e-3*r.SteadyISIMs {
			t.Errorf("I = %g pA: steady ISI %g ms, Brian2 %g ms (tol 0.2 %%)", r.CurrentPA, steady, r.SteadyISIMs)
		}
		if first := tr[1] - tr[0]; math.Abs(first-r.FirstISIMs) > 2e-3*r.FirstISIMs {
			t.Errorf("I = %g pA: first ISI %g ms, Brian2 %g ms (tol 0.2 %%)", r.CurrentPA, first, r.FirstISIMs)
		}
		// Adaptation: the first ISI is shorter than the steady one, and
		// the steady rate grows with the current.
		if !(r.FirstISIMs < steady) || 1000/steady <= prevRate {
			t.Errorf("I = %g pA: first ISI %g ms, steady %g ms, rate %g Hz after %g Hz", r.CurrentPA, r.FirstISIMs, steady, 1000/steady, prevRate)
		}
		prevRate = 1000 / steady
	}
}

// TestAdaptiveValidate: bad parameters are reported by name with their
// value and range, and nothing is built; a LIF population has no "w".
func TestAdaptiveValidate(t *testing.T) {
	m := DefaultAdaptiveLIF()
	m.TauW, m.A, m.B = 0, -40, math.NaN()
	err := m.Validate("model")
	for _, want := range []string{"TauW", "A", "-40", "> −g_L = -30", "B"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("Validate: %v, want it to name %q", err, want)
		}
	}
	net := New(0.1, 1)
	p := net.AddPopulation("P", 10, m)
	if err := net.Run(1); !errors.Is(err, ErrBuildFailed) || p.v != nil {
		t.Fatalf("Run: %v, V %v; want ErrBuildFailed and nothing built", err, p.v)
	}
	if err := DefaultAdaptiveLIF().Validate("model"); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	net = New(0.1, 1)
	q := net.AddPopulation("Q", 10, DefaultLIF())
	net.MonitorState(q, "w", []int32{0}, 0.1)
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), `"w"`) {
		t.Fatalf("MonitorState of w on a LIF: %v, want an error naming \"w\"", err)
	}
	net = New(0.1, 1)
	net.AddPopulation("R", 10, nil)
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "model") {
		t.Fatalf("nil model: %v, want an error naming the model", err)
	}
}

// TestAdaptiveConductanceConverges: with a conductance that decays from
// 20 nS, exponential Euler (conductance frozen over each step) follows a
// fine RK4 solution of the continuous system (dt = 1 µs) to within 0.15 mV
// (the excursion of V is about 13 mV: about 1 %) and 0.06 pA at
// dt = 0.1 ms, and the error is first order: halving dt halves it (ratio
// within [0.4, 0.6]).
func TestAdaptiveConductanceConverges(t *testing.T) {
	m := DefaultAdaptiveLIF()
	m.LIF.VTh = 0 // out of reach
	const g0, tauG, eRev, I = 20.0, 5.0, 0.0, 100.0
	C, gL, el := m.LIF.C(), m.LIF.GL(), m.LIF.EL
	// RK4 reference at 1 µs, sampled every 0.05 ms up to 50 ms.
	deriv := func(x [3]float64) [3]float64 {
		V, w, g := x[0], x[1], x[2]
		return [3]float64{(-gL*(V-el) - g*(V-eRev) - w + I) / C, (m.A*(V-el) - w) / m.TauW, -g / tauG}
	}
	ref := map[int][2]float64{} // by multiple of 0.05 ms
	excursion := 0.0
	x, h := [3]float64{el, 0, g0}, 1e-3
	for k := 0; k <= 50000; k++ {
		if k%50 == 0 {
			ref[k/50] = [2]float64{x[0], x[1]}
			excursion = math.Max(excursion, math.Abs(x[0]-el))
		}
		k1 := deriv(x)
		var y [3]float64
		for i := range y {
			y[i] = x[i] + h/2*k1[i]
		}
		k2 := deriv(y)
		for i := range y {
			y[i] = x[i] + h/2*k2[i]
		}
		k3 := deriv(y)
		for i := range y {
			y[i] = x[i] + h*k3[i]
		}
		k4 := deriv(y)
		for i := range x {
			x[i] += h / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
		}
	}
	errAt := func(dt float64) (ev, ew float64) {
		net := New(dt, 1)
		p := net.AddPopulation("P", 1, m, ConductanceExp("g", tauG, eRev))
		p.SetSyn("g", Const(g0))
		net.Inject(p, ConstantCurrent{Amplitude: Const(I)})
		mv := net.MonitorState(p, "V", []int32{0}, dt)
		mw := net.MonitorState(p, "w", []int32{0}, dt)
		if err := net.Run(50); err != nil {
			t.Fatal(err)
		}
		for k, tt := range mv.times {
			r := ref[int(math.Round(tt/0.05))]
			ev = math.Max(ev, math.Abs(mv.values[0][k]-r[0]))
			ew = math.Max(ew, math.Abs(mw.values[0][k]-r[1]))
		}
		return ev, ew
	}
	ev1, ew1 := errAt(0.1)
	ev2, ew2 := errAt(0.05)
	if ev1 > 0.15 || ew1 > 0.06 {
		t.Fatalf("dt = 0.1 ms: max error %g mV, %g pA; want ≤ 0.15 mV, 0.06 pA", ev1, ew1)
	}
	if r := ev2 / ev1; r < 0.4 || r > 0.6 {
		t.Fatalf("V error %g mV at dt = 0.1 ms, %g at 0.05: ratio %g, want 0.4–0.6 (first order)", ev1, ev2, r)
	}
	if r := ew2 / ew1; r < 0.4 || r > 0.6 {
		t.Fatalf("w error %g pA at dt = 0.1 ms, %g at 0.05: ratio %g, want 0.4–0.6 (first order)", ew1, ew2, r)
	}
	t.Logf("V's excursion %.3g mV; max error at dt = 0.1 ms: %.3g mV, %.3g pA; at 0.05 ms: %.3g mV, %.3g pA", excursion, ev1, ew1, ev2, ew2)
}

// TestAdaptiveWorkersAgree: the busy kernel test network of adaptive
// neurons (a = 4 nS, b = 80 pA) gives the same spikes, V and w, bit for
// bit, with 1 and 2 workers and in every kernel mode, for each receptor
// set.
func TestAdaptiveWorkersAgree(t *testing.T) {
	m := AdaptiveLIF{LIF: kernelLIF, A: 4, B: 80, TauW: 100}
	for name, recs := range map[string][]Receptor{
		"current": {CurrentExp("e", 5), CurrentExp("i", 10)},
		"delta":   {Delta("e"), Delta("i")},
		"mixed":   {ConductanceExp("e", 5, 0), CurrentExp("c", 4), Delta("d")},
	} {
		var first *Population
		var firstSp *SpikeMonitor
		for _, workers := range []int{1, 2} {
			for _, mode := range kernelModes {
				net, p, sp := kernelNetOf(m, recs, mode, 600, Const(-50))
				net.SetWorkers(workers)
				if err := net.Run(shortMs(200)); err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first, firstSp = p, sp
					if sp.Len() < int(1000*shortMs(200)/200) {
						t.Fatalf("%s: only %d spikes; the network should be busy", name, sp.Len())
					}
					continue
				}
				if sp.Len() != firstSp.Len() {
					t.Fatalf("%s, %d workers, %+v: %d spikes, want %d", name, workers, mode, sp.Len(), firstSp.Len())
				}
				w0, w := first.stateVars()[first.stateVar("w")].x, p.stateVars()[p.stateVar("w")].x
				for i := range p.v {
					if p.v[i] != first.v[i] || w[i] != w0[i] {
						t.Fatalf("%s, %d workers, %+v: neuron %d differs", name, workers, mode, i)
					}
				}
			}
		}
	}
}

// TestAdaptiveRheobase: under a constant current 0.5 % below Rheobase()
// the neuron fires only while w builds up (no spike after 500 ms); 0.5 %
// above, it keeps firing (spikes in [2 s, 4 s)). EI.ModelI gives the
// inhibitory population its own model.
func TestAdaptiveRheobase(t *testing.T) {
	m := DefaultAdaptiveLIF()
	if got, want := m.Rheobase(), 20.2*(30+4.0); math.Abs(got-want) > 1e-9 {
		t.Fatalf("Rheobase = %g pA, want %g", got, want)
	}
	net := New(0.1, 1)
	p := net.AddPopulation("P", 2, m)
	net.Inject(p, ConstantCurrent{Amplitude: Slice([]float64{0.995 * m.Rheobase(), 1.005 * m.Rheobase()})})
	sp := net.MonitorSpikes(p)
	if err := net.Run(4000); err != nil {
		t.Fatal(err)
	}
	tr := sp.Trains()
	if n := len(tr[0]); n > 0 && tr[0][n-1] >= 500 {
		t.Fatalf("below the rheobase: last spike at %g ms, want none after 500 ms", tr[0][n-1])
	}
	if n := len(tr[1]); n == 0 || tr[1][n-1] < 2000 {
		t.Fatalf("above the rheobase: spikes %v, want some in [2000, 4000) ms", tr[1])
	}
}
