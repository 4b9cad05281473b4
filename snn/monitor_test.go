package snn

import (
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
