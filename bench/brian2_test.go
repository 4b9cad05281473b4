//go:build brian2

package bench

// The checks against numpy and Brian2 (Debian's python3-brian, which
// brings numpy): make bench installs them and runs these first
// (go test -tags brian2 ./bench). They are not in make test, whose machine
// need not have Brian2, and whose time Brian2's slow import would lengthen.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/networks"
)

// TestSynchronyMatchesNumpy: bench/synchrony.py (χ for Brian2's spikes)
// gives analysis.SpikeSynchrony's value to 1e-9 on the same spikes: the E
// trains of a small Brunel network (spike times on the 0.1 ms grid, so
// many fall on the 0.5 ms bin edges), with and without a silent train.
func TestSynchronyMatchesNumpy(t *testing.T) {
	b := networks.NewBrunel(5, 2, 1)
	b.NE, b.NI, b.CE = 400, 100, 80
	net, e, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	m := net.MonitorSpikes(e)
	if err := net.Run(600); err != nil {
		t.Fatal(err)
	}
	trains := m.Trains()
	trains = append(trains, nil) // a silent train, left out by both
	for _, c := range []struct{ t0, t1, bin, tau float64 }{{200, 600, 0.5, 2}, {100, 550.3, 0.5, 2}, {0, 600, 1, 5}} {
		want, err := analysis.SpikeSynchrony(trains, c.t0, c.t1, c.bin, c.tau)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "spikes.json")
		data, _ := json.Marshal(map[string]any{"n": len(trains), "i": m.I(), "t": m.T()})
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("/usr/bin/python3", "bench/synchrony.py", file, fmt.Sprint(c.t0), fmt.Sprint(c.t1), fmt.Sprint(c.bin), fmt.Sprint(c.tau))
		cmd.Dir = ".."
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("synchrony.py: %v", err)
		}
		var got float64
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("synchrony.py printed %q: %v", out, err)
		}
		t.Logf("%+v: numpy χ %.15g, snn %.15g", c, got, want)
		if math.Abs(got-want) > 1e-9 || want <= 0 {
			t.Errorf("%+v: numpy χ %.15g, snn %.15g, want equal to 1e-9 (and > 0)", c, got, want)
		}
	}
}

// TestDeltaDelayConvention: the two-neuron experiment of
// bench/brian2_delay.py in snn and in Brian2. Neuron A fires in the first
// step and sends neuron B a 25 mV jump with delay D (Brian2: D − dt, as
// bench/brian2_net.py's brunel). B at rest fires D = 1.5 ms after A; a B
// that fired with A ignores the jump at D = 2.0 ms (refractory for t_ref
// = 2 ms) and fires again at D = 2.1 ms. Both simulators give exactly
// these times. And PoissonInput's arrivals are lost while refractory in
// both: a neuron that fires in the first step under 1000 sources at 1 kHz
// of 1 µV each stays at V_reset = 10 mV exactly through the 20 steps after
// its spike step in snn (its steps 0–19 in Brian2, which adds an arrival
// one step before snn does) and rises above 10·e^(−dt/τ) mV in the next.
func TestDeltaDelayConvention(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Brian2 (about 10 s quiet)")
	}
	want := [][]float64{{1.5}, {0}, {0, 2.1}}
	cases := []struct{ d, vb float64 }{{1.5, 0}, {2.0, 25}, {2.1, 25}}
	for k, c := range cases {
		net := snn.New(0.1, 1)
		p := net.AddPopulation("P", 2, networks.NewBrunel(5, 2, 1).Model(), snn.Delta("exc"))
		p.SetV(snn.Slice([]float64{25, c.vb}))
		net.Connect(p, p, snn.FromList{Pre: []int32{0}, Post: []int32{1}}, snn.Synapse{Receptor: "exc", Weight: snn.Const(25), Delay: snn.Const(c.d)})
		m := net.MonitorSpikes(p)
		if err := net.Run(5); err != nil {
			t.Fatal(err)
		}
		tr := m.Trains()
		if len(tr[0]) == 0 || !near(after(tr[1], tr[0][0]), want[k]) {
			t.Errorf("snn, D = %g ms, B's V0 = %g mV: B fires %v ms after A (A: %v), want %v", c.d, c.vb, after(tr[1], 0), tr[0], want[k])
		}
	}
	net := snn.New(0.1, 1)
	p := net.AddPopulation("P", 1, networks.NewBrunel(5, 2, 1).Model(), snn.Delta("exc"))
	p.SetV(snn.Const(25))
	net.Inject(p, snn.PoissonInput{Receptor: "exc", N: 1000, Rate: 1000, Weight: 0.001})
	sm := net.MonitorState(p, "V", []int32{0}, 0.1)
	if err := net.Run(2.3); err != nil {
		t.Fatal(err)
	}
	// snn's sample k is V after step k; its spike step is 0, Brian2's too,
	// and Brian2's v after step k is tested in step k+1.
	checkHeld(t, "snn", sm.Values()[0][1:])
	cmd := exec.Command("/usr/bin/python3", "bench/brian2_delay.py")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("brian2_delay.py: %v", err)
	}
	var res struct {
		Delay []struct {
			DelayMs float64   `json:"delay_ms"`
			V0B     float64   `json:"v0_b"`
			After   []float64 `json:"b_after_a_ms"`
		}
		PoissonV []float64 `json:"poisson_v_mv"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Delay) != len(cases) {
		t.Fatalf("brian2_delay.py printed %q (%v), want %d cases", out, err, len(cases))
	}
	checkHeld(t, "Brian2", res.PoissonV)
	for k, r := range res.Delay {
		if r.DelayMs != cases[k].d || r.V0B != cases[k].vb || !near(r.After, want[k]) {
			t.Errorf("Brian2, D = %g ms, B's V0 = %g mV: B fires %v ms after A, want %v", r.DelayMs, r.V0B, r.After, want[k])
		}
	}
}

// checkHeld checks v (mV), the potential after each step from the one
// that is first tested after a spike: 20 steps at V_reset = 10 mV exactly
// (the drive lost while refractory), then above 10·e^(−dt/τ_m) (the drive
// felt again: about 0.1 mV a step).
func checkHeld(t *testing.T, sim string, v []float64) {
	t.Helper()
	if len(v) < 22 {
		t.Fatalf("%s: %d samples, want ≥ 22", sim, len(v))
	}
	for k, x := range v[:20] {
		if x != 10 {
			t.Errorf("%s: V = %v mV %d steps after the spike's, want 10 (Poisson arrivals lost while refractory)", sim, x, k)
		}
	}
	if free := 10 * math.Exp(-0.1/20); v[20] <= free || v[21] <= v[20]*math.Exp(-0.1/20) {
		t.Errorf("%s: V = %v, %v mV after release, want above the free decay (%v): arrivals count again", sim, v[20], v[21], free)
	}
}

// after returns ts − t0.
func after(ts []float64, t0 float64) []float64 {
	out := make([]float64, len(ts))
	for i, x := range ts {
		out[i] = x - t0
	}
	return out
}

// near reports whether a and b have the same length and agree to 1e-9.
func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}
