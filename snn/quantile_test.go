package snn

import (
	"math"
	"testing"
)

func TestStateQuantiles(t *testing.T) {
	// A neuron relaxing from V0 = −50 mV towards E_L = −65 mV without
	// input: V(t) = −65 + 15·e^{−t/20} exactly on the grid, so the samples
	// at t ≥ 10 ms are known in closed form.
	m := refLIF
	m.VTh = 0
	net := New(0.1, 1)
	p := net.AddPopulation("p", 2, m)
	p.SetV(Const(-50))
	mon := net.MonitorState(p, "V", []int32{0, 1}, 1) // every 1 ms
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	got, err := StateQuantiles(mon, 10, 0, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	v := func(tm float64) float64 { return -65 + 15*math.Exp(-tm/20) }
	// Samples at 10, 11, ..., 100 ms of two identical neurons: 182 values;
	// the empirical median is the 91st smallest, V at t = 55 ms.
	want := []float64{v(100), v(55), v(10)}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-9 {
			t.Errorf("quantiles %v, want %v", got, want)
			break
		}
	}
	if _, err := StateQuantiles(mon, 1000, 0.5); err == nil {
		t.Error("no samples after t0: no error")
	}
	if _, err := StateQuantiles(mon, 0, 1.5); err == nil {
		t.Error("q = 1.5: no error")
	}
}
