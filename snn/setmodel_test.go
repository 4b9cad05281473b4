package snn

import (
	"math"
	"strings"
	"testing"
)

// setModelRun runs kernelNet for 30 ms, calls change (if not nil), runs 30
// ms more, and returns the spike times and the final V.
func setModelRun(t *testing.T, recs []Receptor, mode kernelMode, workers int, change func(*Population) error) ([]float64, []float64) {
	t.Helper()
	net, p, sp := kernelNet(recs, mode, 300, Const(-50))
	net.Workers = workers
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
	return sp.T, append([]float64(nil), p.V...)
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
	v0 := p.V[0]
	m2 := m
	m2.TauM, m2.EL, m2.VTh = 5, -80, -45
	if err := p.SetModel(m2); err != nil {
		t.Fatal(err)
	}
	if p.VTh[0] != -45 {
		t.Errorf("threshold %g after SetModel, want the new V_th −45", p.VTh[0])
	}
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	if want := -80 + (v0+80)*math.Exp(-10.0/5); math.Abs(p.V[0]-want) > 1e-12 {
		t.Errorf("V = %.15g after 10 ms of the new model, want %.15g", p.V[0], want)
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
	if err := net.Run(30); err != nil {
		t.Fatal(err)
	}
	if p.SetModel(LIF{TauM: -1}) == nil {
		t.Fatal("no error")
	}
	if err := net.Run(30); err == nil {
		t.Fatal("the Run after a refused SetModel did not report it")
	}
	if err := net.Run(30); err != nil {
		t.Fatal(err)
	}
	if !sameBits(sp.T, plainT) || !sameBits(p.V, plainV) {
		t.Error("a refused SetModel changed the run")
	}
}
