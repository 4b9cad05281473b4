package snn

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// single returns a network with one population of n neurons of model m.
func single(t *testing.T, dt float64, n int, m LIF, recs ...Receptor) (*Network, *Population) {
	t.Helper()
	net := New(dt, 1)
	return net, net.AddPopulation("P", n, m, recs...)
}

func TestConstantCurrentSubthresholdExact(t *testing.T) {
	// V(t) = E_L + R·I·(1 − e^(−t/τ)) at every step, to 1e-9 mV.
	m := LIF{TauM: 20, CM: 200, EL: -65, VTh: 0, VReset: -70, TRef: 2}
	const I = 150.0 // R·I = 15 mV, far below threshold
	for _, dt := range []float64{0.1, 0.01, 0.25} {
		net, p := single(t, dt, 1, m)
		net.Inject(p, ConstantCurrent{Amplitude: Const(I)})
		mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
		if err := net.Run(200); err != nil {
			t.Fatal(err)
		}
		for k, tt := range mon.times {
			want := m.EL + m.R()*I*(1-math.Exp(-tt/m.TauM))
			if got := mon.values[0][k]; math.Abs(got-want) > 1e-9 {
				t.Fatalf("dt=%g t=%g: V = %.12f, want %.12f (tol 1e-9 mV)", dt, tt, got, want)
			}
		}
		if len(mon.times) != int(math.Round(200/dt)) {
			t.Fatalf("dt=%g: %d samples, want %d", dt, len(mon.times), int(math.Round(200/dt)))
		}
	}
}

func TestNESTDCFirstSpike(t *testing.T) {
	// NEST's iaf_psc_delta DC test: E_L = 0, C = 250 pF, τ = 10 ms,
	// I = 1000 pA, θ = 15 mV: first spike at 4.70003629 ms; on the grid the
	// spike is reported at the end of the step containing the crossing.
	const tExact = 4.70003629
	m := LIF{TauM: 10, CM: 250, EL: 0, VTh: 15, VReset: 0, TRef: 2}
	for _, dt := range []float64{0.1, 0.01} {
		net, p := single(t, dt, 1, m)
		net.Inject(p, ConstantCurrent{Amplitude: Const(1000)})
		sp := net.MonitorSpikes(p)
		if err := net.Run(10); err != nil {
			t.Fatal(err)
		}
		if sp.Len() == 0 {
			t.Fatalf("dt=%g: no spike", dt)
		}
		if got := sp.times[0]; got < tExact || got > tExact+dt+1e-12 {
			t.Errorf("dt=%g: first spike at %.8f ms, want in [%.8f, %.8f]", dt, got, tExact, tExact+dt)
		}
	}
}

func TestFICurveWithinGridBounds(t *testing.T) {
	// 20 currents from 0.5× to 3× rheobase: no spike below rheobase, and
	// f/(1+f·dt) ≤ f_sim ≤ f against the analytic rate.
	m := LIF{TauM: 10, CM: 250, EL: -70, VTh: -55, VReset: -70, TRef: 2}
	const dt = 0.1
	rheo := m.Rheobase()
	I := make([]float64, 20)
	for k := range I {
		I[k] = rheo * (0.5 + 2.5*float64(k)/19)
	}
	net, p := single(t, dt, len(I), m)
	net.Inject(p, ConstantCurrent{Amplitude: Slice(I)})
	sp := net.MonitorSpikes(p)
	if err := net.Run(2000); err != nil {
		t.Fatal(err)
	}
	trains := sp.Trains()
	for k, cur := range I {
		f := analyticRate(m, cur)
		tr := trains[k]
		if f == 0 {
			if len(tr) != 0 {
				t.Errorf("I=%.1f pA below rheobase %.1f: %d spikes, want 0", cur, rheo, len(tr))
			}
			continue
		}
		if len(tr) < 3 {
			t.Fatalf("I=%.1f pA: %d spikes, want several", cur, len(tr))
		}
		fsim := 1000 * float64(len(tr)-1) / (tr[len(tr)-1] - tr[0]) // Hz, from the mean ISI
		lo := f / (1 + f*dt*1e-3)
		if fsim < lo*(1-1e-9) || fsim > f*(1+1e-9) {
			t.Errorf("I=%.1f pA: f_sim = %.4f Hz, want in [%.4f, %.4f]", cur, fsim, lo, f)
		}
	}
}

// analyticRate is the noise-free LIF rate (Hz) for a constant current.
func analyticRate(m LIF, I float64) float64 {
	ri := m.R() * I
	if ri <= m.VTh-m.EL {
		return 0
	}
	return 1000 / (m.TRef + m.TauM*math.Log((ri-(m.VReset-m.EL))/(ri-(m.VTh-m.EL))))
}

// psp runs one input spike at 10 ms with the given delay onto a neuron at
// rest and returns the V trace (every step) and its times.
func psp(t *testing.T, dt float64, m LIF, r Receptor, w, delay float64) ([]float64, []float64) {
	t.Helper()
	net, p := single(t, dt, 1, m, r)
	g := net.AddSpikeGenerator("in", 1, []int32{0}, []float64{10})
	net.Connect(g, p, OneToOne{}, Synapse{Receptor: r.Name, Weight: Const(w), Delay: Const(delay)})
	mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	return mon.times, mon.values[0]
}

func TestDeltaPSPJumpsByWAfterDelay(t *testing.T) {
	m := LIF{TauM: 10, CM: 250, EL: 0, VTh: 20, VReset: 0}
	const dt, w, d = 0.1, 0.5, 1.5
	T, V := psp(t, dt, m, Delta("syn"), w, d)
	for k, tt := range T {
		want := 0.0
		if tt >= 10+d-1e-9 {
			want = w * math.Exp(-(tt-10-d)/m.TauM)
		}
		if math.Abs(V[k]-want) > 1e-12 {
			t.Fatalf("t=%.1f: V = %.15g, want %.15g (tol 1e-12 mV)", tt, V[k], want)
		}
	}
	k := int(math.Round((10+d)/dt)) - 1 // sample at t = 11.5 ms
	if V[k] != w || V[k-1] != 0 {
		t.Errorf("V(11.4) = %g, V(11.5) = %g, want 0 then exactly %g", V[k-1], V[k], w)
	}
}

func TestCurrentPSPMatchesAnalytic(t *testing.T) {
	m := LIF{TauM: 10, CM: 250, EL: 0, VTh: 20, VReset: 0}
	const dt, w, d, tauS = 0.01, 100.0, 1.0, 2.0
	T, V := psp(t, dt, m, CurrentExp("syn", tauS), w, d)
	t0 := 10 + d
	an := func(s float64) float64 {
		if s < 0 {
			return 0
		}
		return w / m.CM * m.TauM * tauS / (m.TauM - tauS) * (math.Exp(-s/m.TauM) - math.Exp(-s/tauS))
	}
	sStar := math.Log(m.TauM/tauS) * m.TauM * tauS / (m.TauM - tauS)
	peak := an(sStar)
	best, bestT := 0.0, 0.0
	for k, tt := range T {
		if diff := math.Abs(V[k] - an(tt-t0)); diff > 1e-9*peak {
			t.Fatalf("t=%.2f: V = %.12g, want %.12g (tol 1e-9 of peak)", tt, V[k], an(tt-t0))
		}
		if V[k] > best {
			best, bestT = V[k], tt
		}
	}
	if rel := math.Abs(best-peak) / peak; rel > 1e-6 {
		t.Errorf("peak %.10g mV, want %.10g (rel err %.2g > 1e-6)", best, peak, rel)
	}
	if math.Abs(bestT-t0-sStar) > dt/2+1e-9 {
		t.Errorf("peak at %.3f ms, want %.3f ± dt/2", bestT, t0+sStar)
	}
}

func TestConductancePSPReversesAtERev(t *testing.T) {
	// Hold the neuron at E_L = V_hold with an inhibitory conductance of
	// E_rev = −80 mV: the PSP is negative above −80, zero at −80 and
	// positive below; its size scales with the driving force (V − E_rev).
	amp := func(hold float64) float64 {
		m := LIF{TauM: 20, CM: 200, EL: hold, VTh: 100, VReset: hold - 10}
		_, V := psp(t, 0.1, m, ConductanceExp("gaba", 10, -80), 1, 1)
		ext := 0.0
		for _, v := range V {
			if math.Abs(v-hold) > math.Abs(ext) {
				ext = v - hold
			}
		}
		return ext
	}
	a60, a70, a80, a90 := amp(-60), amp(-70), amp(-80), amp(-90)
	if !(a60 < a70 && a70 < 0) {
		t.Errorf("PSP at −60 = %g, −70 = %g mV: want both negative, larger at −60", a60, a70)
	}
	if math.Abs(a80) > 1e-12 {
		t.Errorf("PSP at E_rev = %g mV, want 0 (tol 1e-12)", a80)
	}
	if a90 <= 0 {
		t.Errorf("PSP at −90 = %g mV, want > 0 (past the reversal)", a90)
	}
	// Small conductance: amplitude ∝ driving force within 2 %.
	if r := a60 / a70; math.Abs(r-2) > 0.04 {
		t.Errorf("PSP(−60)/PSP(−70) = %g, want 20/10 = 2 ± 0.04", r)
	}
}

func TestConductanceKeepsVBetweenReversals(t *testing.T) {
	// Huge conductances at dt = 0.1 ms: exponential Euler never overshoots.
	m := LIF{TauM: 20, CM: 200, EL: -60, VTh: 100, VReset: -60}
	net, p := single(t, 0.1, 1, m, ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80))
	var times []float64
	var idx []int32
	for k := 1; k < 200; k++ {
		times = append(times, float64(k))
		idx = append(idx, 0)
	}
	ge := net.AddSpikeGenerator("ge", 1, idx, times)
	gi := net.AddSpikeGenerator("gi", 1, idx[:100], times[:100])
	net.Connect(ge, p, AllToAll{}, Synapse{Receptor: "e", Weight: Const(1e4)})
	net.Connect(gi, p, AllToAll{}, Synapse{Receptor: "i", Weight: Const(3e4)})
	mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
	if err := net.Run(250); err != nil {
		t.Fatal(err)
	}
	for k, v := range mon.values[0] {
		if v < -80 || v > 0 {
			t.Fatalf("t=%g: V = %g, want within [−80, 0] mV", mon.times[k], v)
		}
	}
}

func TestExpNeg(t *testing.T) {
	for x := 0.0; x < 3; x += 0.001 {
		if got, want := expNeg(x), math.Exp(-x); math.Abs(got/want-1) > 4e-15 {
			t.Fatalf("expNeg(%g) = %.17g, want %.17g (rel tol 4e-15)", x, got, want)
		}
	}
}

// TestPopulationState: State returns a copy of a named variable, the same
// values StateMonitor records and Set writes; nil for an unknown name or
// before Build. Inputs lists the inputs in the order Inject attached them.
func TestPopulationState(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 3, DefaultAdaptiveLIF(), CurrentExp("e", 5), Delta("d"))
	inputs := []Input{ConstantCurrent{Amplitude: Const(10)}, OUCurrent{Sigma: 1, Tau: 3}}
	for _, in := range inputs {
		net.Inject(p, in)
	}
	if !reflect.DeepEqual(p.Inputs(), inputs) {
		t.Errorf("Inputs = %v, want %v", p.Inputs(), inputs)
	}
	if p.State("V") != nil {
		t.Error("State before Build: want nil")
	}
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if err := p.Set("w", Slice([]float64{1, 2, 3})); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		want []float64
	}{
		{"V", []float64{-70.6, -70.6, -70.6}}, // DefaultAdaptiveLIF's E_L
		{"VTh", []float64{-50.4, -50.4, -50.4}},
		{"e", []float64{0, 0, 0}},
		{"w", []float64{1, 2, 3}},
		{"d", nil}, // a delta receptor has no state
		{"x", nil},
	} {
		if got := p.State(c.name); !reflect.DeepEqual(got, c.want) {
			t.Errorf("State(%q) = %v, want %v", c.name, got, c.want)
		}
	}
	p.State("V")[0] = 0
	if p.v[0] != -70.6 {
		t.Error("State returned the population's own slice")
	}
}

// setModelRun runs kernelNet for 30 ms, calls change (if not nil), runs 30
// ms more, and returns the spike times and the final V.
func setModelRun(t *testing.T, recs []Receptor, mode kernelMode, workers int, change func(*Population) error) ([]float64, []float64) {
	t.Helper()
	net, p, sp := kernelNet(recs, mode, 300, Const(-50))
	net.SetWorkers(workers)
	if err := net.Run(shortMs(30)); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		if err := change(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := net.Run(shortMs(30)); err != nil {
		t.Fatal(err)
	}
	return sp.times, append([]float64(nil), p.v...)
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}

// SetModel between runs: the same model gives the bits of no call at all;
// another model gives the same bits in every kernel mode with 1 and 2
// workers, and differs from the old model's run.
func TestSetModelBetweenRunsBitIdentical(t *testing.T) {
	other := kernelLIF
	other.TauM, other.EL, other.TRef = 10, -62, 3
	for _, recs := range [][]Receptor{
		{CurrentExp("e", 5), CurrentExp("i", 10)},
		{Delta("e"), Delta("i")},
		{ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80)},
		{CurrentExp("e", 5), ConductanceExp("i", 10, -80), Delta("d")},
	} {
		plainT, plainV := setModelRun(t, recs, kernelMode{}, 1, nil)
		sameT, sameV := setModelRun(t, recs, kernelMode{}, 1, func(p *Population) error { return p.SetModel(kernelLIF) })
		if !sameBits(plainT, sameT) || !sameBits(plainV, sameV) {
			t.Errorf("%v: SetModel with the same model changed the run", recs)
		}
		wantT, wantV := setModelRun(t, recs, kernelMode{}, 1, func(p *Population) error { return p.SetModel(other) })
		if sameBits(wantV, plainV) {
			t.Errorf("%v: SetModel(τ_m 10, E_L −62, t_ref 3) left V as it was", recs)
		}
		for _, mode := range kernelModes {
			for _, w := range []int{1, 2} {
				gotT, gotV := setModelRun(t, recs, mode, w, func(p *Population) error { return p.SetModel(other) })
				if !sameBits(gotT, wantT) || !sameBits(gotV, wantV) {
					t.Errorf("%v, kernels %+v, %d workers: SetModel gives other bits", recs, mode, w)
				}
			}
		}
	}
}

// After SetModel a free neuron relaxes exactly towards the new E_L with the
// new τ_m, from where the old model left it; the threshold still at the
// old V_th moves to the new one.
func TestSetModelRelaxation(t *testing.T) {
	m := LIF{TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -70, TRef: 2}
	net := New(0.1, 1)
	p := net.AddPopulation("p", 1, m)
	p.SetV(Const(-55))
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	v0 := p.v[0]
	m2 := m
	m2.TauM, m2.EL, m2.VTh = 5, -80, -45
	if err := p.SetModel(m2); err != nil {
		t.Fatal(err)
	}
	if p.vth[0] != -45 {
		t.Errorf("threshold %g after SetModel, want the new V_th −45", p.vth[0])
	}
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	if want := -80 + (v0+80)*math.Exp(-10.0/5); math.Abs(p.v[0]-want) > 1e-12 {
		t.Errorf("V = %.15g after 10 ms of the new model, want %.15g", p.v[0], want)
	}
}

// The adaptation current is kept when the new model has it too, and starts
// at 0 when a LIF becomes adaptive.
func TestSetModelKeepsOwnState(t *testing.T) {
	a := DefaultAdaptiveLIF()
	net := New(0.1, 1)
	p := net.AddPopulation("p", 3, a)
	net.Inject(p, ConstantCurrent{Amplitude: Const(1200)})
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	w := append([]float64(nil), p.dyn.state()[0]...)
	if w[0] == 0 {
		t.Fatal("w = 0 after 200 ms of firing: the test needs adaptation")
	}
	a2 := a
	a2.B *= 2
	if err := p.SetModel(a2); err != nil {
		t.Fatal(err)
	}
	if !sameBits(p.dyn.state()[0], w) {
		t.Errorf("w after SetModel %v, want it kept %v", p.dyn.state()[0], w)
	}
	net2 := New(0.1, 1)
	q := net2.AddPopulation("q", 2, DefaultLIF())
	if err := net2.Run(1); err != nil {
		t.Fatal(err)
	}
	if err := q.SetModel(a); err != nil {
		t.Fatal(err)
	}
	if got := q.dyn.state()[0]; got[0] != 0 || got[1] != 0 {
		t.Errorf("w of a LIF made adaptive: %v, want 0", got)
	}
}

// An invalid model is an error naming the population and the parameter,
// and the run goes on as if SetModel had not been called.
func TestSetModelRefused(t *testing.T) {
	recs := []Receptor{CurrentExp("e", 5), CurrentExp("i", 10)}
	plainT, plainV := setModelRun(t, recs, kernelMode{}, 1, nil)
	for _, c := range []struct {
		m    Model
		want string
	}{
		{LIF{TauM: -1, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}, "TauM = -1"},
		{LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 0.25}, "TRef = 0.25"},
		{LIF{TauM: 20, CM: 200, EL: -65, VTh: -70, VReset: -60, TRef: 2}, "VReset"},
		{nil, "SetModel model = nil"},
	} {
		net, p, _ := kernelNet(recs, kernelMode{}, 300, Const(-50))
		if err := net.Run(1); err != nil {
			t.Fatal(err)
		}
		err := p.SetModel(c.m)
		if err == nil || !strings.Contains(err.Error(), `population "P"`) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetModel(%+v): %v, want an error naming population \"P\" and %q", c.m, err, c.want)
		}
	}
	// The refused call is reported once by the next Run, which does not run;
	// the Run after it continues as if nothing had happened.
	net, p, sp := kernelNet(recs, kernelMode{}, 300, Const(-50))
	if err := net.Run(shortMs(30)); err != nil {
		t.Fatal(err)
	}
	if p.SetModel(LIF{TauM: -1}) == nil {
		t.Fatal("no error")
	}
	if err := net.Run(shortMs(30)); err == nil {
		t.Fatal("the Run after a refused SetModel did not report it")
	}
	if err := net.Run(shortMs(30)); err != nil {
		t.Fatal(err)
	}
	if !sameBits(sp.times, plainT) || !sameBits(p.v, plainV) {
		t.Error("a refused SetModel changed the run")
	}
}
