package snn

import (
	"math"
	"testing"
)

// TestCorticalLIF: the cortical neuron behaves as its doc says. A current
// of 100 pA charges it from rest (−65 mV) towards E_L + R·I with
// τ_m = 20 ms and R = 0.08 GΩ: V(20 ms) = −65 + 8·(1 − 1/e) mV (exact on
// the grid, to rounding). Threshold is 15 mV above rest, so 187.5 pA is
// the rheobase: 0.1 % below it the neuron never fires in 2 s, 0.1 % above
// it fires. After a spike V is held at V_reset = −65 mV for t_ref = 2 ms
// (20 steps) and moves again in the step after.
func TestCorticalLIF(t *testing.T) {
	m := CorticalLIF()
	if err := m.Validate("CorticalLIF"); err != nil {
		t.Fatal(err)
	}
	net := New(0.1, 1)
	p := net.AddPopulation("P", 4, m)
	net.Inject(p, ConstantCurrent{Amplitude: Slice([]float64{100, 187.5 * 0.999, 187.5 * 1.001, 1000})})
	sp := net.MonitorSpikes(p)
	v := net.MonitorState(p, "V", []int32{0, 3}, 0.1)
	if err := net.Run(2000); err != nil {
		t.Fatal(err)
	}
	if got, want := v.values[0][199], -65+8*(1-math.Exp(-1)); math.Abs(got-want) > 1e-9 {
		t.Errorf("V at 20 ms under 100 pA = %.12f mV, want %.12f (τ_m 20 ms, R 0.08 GΩ)", got, want)
	}
	tr := sp.Trains()
	if len(tr[1]) != 0 || len(tr[2]) == 0 {
		t.Errorf("0.1 %% below and above 187.5 pA: %d and %d spikes, want none and some", len(tr[1]), len(tr[2]))
	}
	first := int(math.Round(tr[3][0]/0.1)) - 1 // the sample at the first spike's time
	for k := first; k <= first+20; k++ {
		if v.values[1][k] != -65 {
			t.Fatalf("V %.1f ms after the spike = %v, want V_reset −65 mV for t_ref = 2 ms", float64(k-first)*0.1, v.values[1][k])
		}
	}
	if v.values[1][first+21] == -65 {
		t.Error("V still at V_reset 2.1 ms after the spike, want it free after t_ref = 2 ms")
	}
}

// TestDefaultLIF: NEST's iaf_psc defaults give R = 0.04 GΩ and a
// rheobase of (−55 + 70)/0.04 = 375 pA: 0.1 % below it nothing, above it
// spikes.
func TestDefaultLIF(t *testing.T) {
	m := DefaultLIF()
	if math.Abs(m.Rheobase()-375) > 1e-9 {
		t.Errorf("Rheobase = %v pA, want 375", m.Rheobase())
	}
	net := New(0.1, 1)
	p := net.AddPopulation("P", 2, m)
	net.Inject(p, ConstantCurrent{Amplitude: Slice([]float64{375 * 0.999, 375 * 1.001})})
	sp := net.MonitorSpikes(p)
	if err := net.Run(1000); err != nil {
		t.Fatal(err)
	}
	if c := sp.Counts(); c[0] != 0 || c[1] == 0 {
		t.Errorf("spikes 0.1 %% below and above the rheobase: %v, want none and some", c)
	}
}
