package theory

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// PSP simulates the response of one neuron of model m, held at hold mV by
// a constant current (with the threshold out of reach), to a single spike
// of weight w onto receptor r arriving at 10 ms; it returns the times and V
// over duration ms. The model, receptor, weight, dt and duration are
// checked as a network checks them (errors start "PSP: "); hold must be
// finite.
func PSP(m snn.LIF, r snn.Receptor, w, hold, dt, duration float64) (T, V []float64, err error) {
	if !isFinite(hold) {
		return nil, nil, &param.Error{Object: "PSP", Param: "hold", Value: hold, Want: "a finite potential (mV)"}
	}
	if !isFinite(w) {
		return nil, nil, &param.Error{Object: "PSP", Param: "w", Value: w, Want: "a finite weight"}
	}
	if err := m.Validate("PSP: model"); err != nil {
		return nil, nil, err
	}
	if I := (hold - m.EL) / m.R(); !isFinite(I) {
		return nil, nil, &param.Error{Object: "PSP", Param: "hold", Value: hold, Want: fmt.Sprintf("a potential whose holding current (hold − E_L)/R is finite (R = %g GΩ)", m.R())}
	}
	m.VTh = math.Max(hold, m.EL) + 1e3
	net := snn.New(dt, 1)
	p := net.AddPopulation("neuron", 1, m, r).SetV(snn.Const(hold))
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Const((hold - m.EL) / m.R())})
	g := net.AddSpikeGenerator("spike", 1, []int32{0}, []float64{10 - dt})
	net.Connect(g, p, snn.OneToOne{}, snn.Synapse{Receptor: r.Name, Weight: snn.Const(w), Delay: snn.Const(dt)})
	mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
	if err := net.Run(duration); err != nil {
		return nil, nil, fmt.Errorf("PSP: %w", err)
	}
	return mon.T(), mon.Values()[0], nil
}

// PSPPeak returns the signed largest deviation of V from hold and its time,
// over the samples that T and V both have (PSP returns them of one
// length). A NaN in V or hold gives amp = NaN at the first such sample.
func PSPPeak(T, V []float64, hold float64) (amp, at float64) {
	for k := range min(len(T), len(V)) {
		d := V[k] - hold
		if math.IsNaN(d) {
			return d, T[k]
		}
		if math.Abs(d) > math.Abs(amp) {
			amp, at = d, T[k]
		}
	}
	return amp, at
}

// MatchPSP returns the weight onto receptor r whose PSP at rest (E_L) has
// the peak amplitude target (mV), to 1e-6 relative, by the secant method.
// target must be finite and not 0.
func MatchPSP(m snn.LIF, r snn.Receptor, target, dt float64) (float64, error) {
	if !isFinite(target) || target == 0 {
		return 0, &param.Error{Object: "MatchPSP", Param: "target", Value: target, Want: "a finite PSP amplitude ≠ 0 mV"}
	}
	peak := func(w float64) (float64, error) {
		T, V, err := PSP(m, r, w, m.EL, dt, 100)
		if err != nil {
			return 0, err
		}
		a, _ := PSPPeak(T, V, m.EL)
		return a, nil
	}
	w0, w1 := 0.0, 1.0
	if r.Kind == snn.ConductanceKind && r.ERev < m.EL {
		w1 = -w1 // an inhibitory conductance weight is positive; its PSP is negative
	}
	f0, err := peak(w0)
	if err != nil {
		return 0, err
	}
	f1, err := peak(math.Abs(w1))
	if err != nil {
		return 0, err
	}
	w1 = math.Abs(w1)
	for it := 0; it < 50; it++ {
		if math.Abs(f1-target) <= 1e-6*math.Abs(target) {
			return w1, nil
		}
		if f1 == f0 {
			break
		}
		w0, w1, f0 = w1, w1+(target-f1)*(w1-w0)/(f1-f0), f1
		if f1, err = peak(w1); err != nil {
			return 0, err
		}
	}
	return 0, fmt.Errorf("MatchPSP: no weight onto %q gives a %g mV PSP", r.Name, target)
}
