package snn

import (
	"math"
	"slices"
	"testing"
)

// TestDeltaReceptorsShareARing: a population's delta receptors share one
// arrival buffer, as deep as the deepest of their delays, while a current
// receptor keeps its own; a neuron's potential takes each delta arrival at
// the step its delay says (V = E_L + Σ w·e^(−(t−t_k)/τ_m) to 1e-12); and a
// later projection with a longer delay deepens the shared buffer for all of
// them, keeping the spikes in flight.
func TestDeltaReceptorsShareARing(t *testing.T) {
	for _, c := range lifeCases() {
		net := New(0.1, 1)
		c.mode.set(net)
		net.SetWorkers(c.workers)
		m := LIF{TauM: 20, CM: 250, EL: -70, VTh: -50, VReset: -70, TRef: 2}
		p := net.AddPopulation("P", 1, m, Delta("e"), CurrentExp("c", 5), Delta("i"))
		g := net.AddSpikeGenerator("g", 1, []int32{0, 0}, []float64{1, 30})
		net.Connect(g, p, AllToAll{}, Synapse{Receptor: "e", Weight: Const(2), Delay: Const(1)})
		net.Connect(g, p, AllToAll{}, Synapse{Receptor: "i", Weight: Const(-0.5), Delay: Const(3)})
		sm := net.MonitorState(p, "V", []int32{0}, 0.1)
		if err := net.Run(10); err != nil {
			t.Fatal(err)
		}
		if &p.rings[0].data[0] != &p.rings[2].data[0] || &p.rings[1].data[0] == &p.rings[0].data[0] || p.rings[0].slots != 31 {
			t.Fatalf("%+v: delta rings shared %v, current ring separate %v, %d slots; want true, true, 31",
				c, &p.rings[0].data[0] == &p.rings[2].data[0], &p.rings[1].data[0] != &p.rings[0].data[0], p.rings[0].slots)
		}
		// The spike of step 10 (t = 1 ms) reaches V at t = 2 ms (e) and
		// t = 4 ms (i): NEST's convention, a delay of d steps.
		for k, tk := range sm.times {
			want := m.EL
			if tk >= 2-1e-9 {
				want += 2 * math.Exp(-(tk-2)/m.TauM)
			}
			if tk >= 4-1e-9 {
				want -= 0.5 * math.Exp(-(tk-4)/m.TauM)
			}
			if got := sm.values[0][k]; math.Abs(got-want) > 1e-12 {
				t.Fatalf("%+v: V(%g ms) = %.15g, want %.15g", c, tk, got, want)
			}
		}
		// A late projection into e with 5 ms delays, while the second
		// spike (t = 30 ms) is not yet sent and nothing is in flight; then
		// one with arrivals in flight at 31 ms.
		net.Connect(g, p, AllToAll{}, Synapse{Receptor: "e", Weight: Const(1), Delay: Const(5)})
		if &p.rings[0].data[0] != &p.rings[2].data[0] || p.rings[0].slots != 51 {
			t.Fatalf("%+v: after a deeper projection: shared %v, %d slots; want true, 51", c, &p.rings[0].data[0] == &p.rings[2].data[0], p.rings[0].slots)
		}
		if err := net.Run(21); err != nil { // to 31 ms: the i arrival of 30 ms is in flight
			t.Fatal(err)
		}
		if inFlight(net, p) == 0 {
			t.Fatalf("%+v: no arrival in flight at 31 ms; the test would not test the growth", c)
		}
		net.Connect(g, p, AllToAll{}, Synapse{Receptor: "i", Weight: Const(-1), Delay: Const(8)})
		if err := net.Run(10); err != nil {
			t.Fatal(err)
		}
		if &p.rings[0].data[0] != &p.rings[2].data[0] || p.rings[0].slots != 81 {
			t.Fatalf("%+v: after a second deeper projection: shared %v, %d slots; want true, 81", c, &p.rings[0].data[0] == &p.rings[2].data[0], p.rings[0].slots)
		}
		// At 41 ms: the jumps of 31 (e, 2), 33 (i, −0.5) and 35 ms
		// (e, 1, the 5 ms projection) on top of what is left of the first
		// three; the 8 ms projection came after the spike of 30 ms was sent.
		want := m.EL
		for _, j := range []struct{ t, w float64 }{{2, 2}, {4, -0.5}, {31, 2}, {33, -0.5}, {35, 1}} {
			want += j.w * math.Exp(-(41.0-j.t)/m.TauM)
		}
		last := sm.values[0][len(sm.values[0])-1]
		if tl := sm.times[len(sm.times)-1]; math.Abs(tl-41) > 1e-9 || math.Abs(last-want) > 1e-12 {
			t.Fatalf("%+v: V(%g ms) = %.15g, want V(41 ms) = %.15g", c, tl, last, want)
		}
		if !slices.IsSorted(sm.times) {
			t.Fatalf("%+v: state monitor times out of order", c)
		}
	}
}
