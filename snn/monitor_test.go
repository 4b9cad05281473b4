package snn

import (
	"math"
	"reflect"
	"testing"
)

// TestMonitorView: every monitor names its source; Neurons is the subset
// a spike monitor records (nil: all), a copy; Monitors lists them in
// order, Active follows Stop and Start.
func TestMonitorView(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 5, DefaultLIF())
	g := net.AddPoissonGroup("G", 3, 10)
	all, some := net.MonitorSpikes(p), net.MonitorSpikes(g, 2, 0)
	st, rt := net.MonitorState(p, "V", []int32{1}, 0.1), net.MonitorRate(g, 1)
	orphan := &StateMonitor{}
	if all.Neurons() != nil || !reflect.DeepEqual(some.Neurons(), []int32{2, 0}) {
		t.Errorf("Neurons = %v, %v; want nil and [2 0]", all.Neurons(), some.Neurons())
	}
	some.Neurons()[0] = 1
	if some.Neurons()[0] != 2 {
		t.Error("Neurons returned the monitor's own slice")
	}
	mons := net.Monitors()
	want := []Monitor{all, some, st, rt}
	if !reflect.DeepEqual(mons, want) {
		t.Fatalf("Monitors = %v, want %v", mons, want)
	}
	for k, src := range []SpikeSource{p, g, p, g} {
		if mons[k].Source() != src {
			t.Errorf("monitor %d: Source = %v, want %v", k, mons[k].Source(), src)
		}
	}
	if orphan.Source() != nil {
		t.Errorf("a state monitor without population: Source = %#v, want nil", orphan.Source())
	}
	st.Stop()
	if st.Active() || !rt.Active() {
		t.Errorf("Active after Stop: %v, %v; want false, true", st.Active(), rt.Active())
	}
	mons[0] = nil
	if net.Monitors()[0] != all {
		t.Error("Monitors returned the network's own slice")
	}
}

// TestRateMonitorBinEdges: a rate bin counts the spikes with T < t ≤ T + Bin.
func TestRateMonitorBinEdges(t *testing.T) {
	net := New(0.1, 1)
	g := net.AddSpikeGenerator("g", 2, []int32{0, 1, 0, 1}, []float64{0.1, 1, 1.1, 3})
	rm := net.MonitorRate(g, 1)
	if err := net.Run(4); err != nil {
		t.Fatal(err)
	}
	// Bins (0, 1], (1, 2], (2, 3], (3, 4]: 2, 1, 1, 0 spikes of 2 neurons in 1 ms.
	wantT, wantR := []float64{0, 1, 2, 3}, []float64{1000, 500, 500, 0}
	if len(rm.T) != 4 {
		t.Fatalf("%d bins, want 4", len(rm.T))
	}
	for k := range wantT {
		if math.Abs(rm.T[k]-wantT[k]) > 1e-12 || math.Abs(rm.Rate[k]-wantR[k]) > 1e-9 {
			t.Errorf("bin %d: T = %v, rate %v Hz; want %v, %v", k, rm.T[k], rm.Rate[k], wantT[k], wantR[k])
		}
	}
}
