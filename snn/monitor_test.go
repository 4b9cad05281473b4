package snn

import (
	"math"
	"reflect"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
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
	if len(rm.times) != 4 {
		t.Fatalf("%d bins, want 4", len(rm.times))
	}
	for k := range wantT {
		if math.Abs(rm.times[k]-wantT[k]) > 1e-12 || math.Abs(rm.rate[k]-wantR[k]) > 1e-9 {
			t.Errorf("bin %d: T = %v, rate %v Hz; want %v, %v", k, rm.times[k], rm.rate[k], wantT[k], wantR[k])
		}
	}
}

// TestMonitorStateVariables: MonitorState records every variable its doc
// names, each the population's own values at the sample times: V, VTh,
// Iext, a receptor's current and AdaptiveLIF's w; and refuses another name.
func TestMonitorStateVariables(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 2, DefaultAdaptiveLIF(), CurrentExp("e", 5)).SetThreshold(Slice([]float64{-50, -45}))
	g := net.AddSpikeGenerator("g", 1, []int32{0}, []float64{0.5})
	net.Connect(g, p, AllToAll{}, Synapse{Receptor: "e", Weight: Const(100)})
	net.Inject(p, ConstantCurrent{Amplitude: Slice([]float64{300, 2000})})
	mons := map[string]*StateMonitor{}
	for _, v := range []string{"V", "VTh", "Iext", "e", "w"} {
		mons[v] = net.MonitorState(p, v, []int32{0, 1}, 1)
	}
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	for v, m := range mons {
		if len(m.times) != 20 || m.times[19] != 20 {
			t.Fatalf("%s: %d samples ending at %v, want 20 ending at 20 ms", v, len(m.times), m.times[len(m.times)-1])
		}
		for k, i := range m.neurons {
			if got, want := m.values[k][19], p.State(v)[i]; got != want {
				t.Errorf("%s of neuron %d at 20 ms: recorded %v, the population has %v", v, i, got, want)
			}
		}
	}
	if got := mons["VTh"].values[1][0]; got != -45 {
		t.Errorf("VTh of neuron 1: %v, want -45", got)
	}
	if got := mons["Iext"].values[1][0]; got != 2000 {
		t.Errorf("Iext of neuron 1: %v, want 2000", got)
	}
	if w := mons["w"].values[1]; !(w[19] > w[0] && w[0] > 0) {
		t.Errorf("w of the neuron at 2000 pA: %v … %v, want growing from above 0", w[0], w[19])
	}
	if e := mons["e"].values[0]; !(e[0] > 0 && e[19] < e[0]) {
		t.Errorf("current receptor after one spike: %v … %v, want a decaying jump", e[0], e[19])
	}
	net = New(0.1, 1)
	q := net.AddPopulation("Q", 2, DefaultLIF())
	net.MonitorState(q, "w", []int32{0}, 1)
	paramtest.WantError(t, "w of a LIF", net.Run(1), `state monitor w of "Q"`, "variable", `"V", "VTh", "Iext"`)
}
