package snn

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// lifeNet is a small recurrent network (1100 neurons: two blocks, so two
// workers split them) driven by noise, for the between-runs tests.
func lifeNet(m kernelMode, workers int) (*Network, *Population) {
	net := New(0.1, 3)
	m.set(net)
	net.SetWorkers(workers)
	p := net.AddPopulation("P", 1100, DefaultLIF(), CurrentExp("e", 5), CurrentExp("i", 10))
	p.SetV(Random(distuv.Uniform{Min: -65, Max: -50}))
	net.Connect(p, p, FixedInDegree{K: 20}, Synapse{Receptor: "e", Weight: Const(30), Delay: Random(distuv.Uniform{Min: 0.5, Max: 3})})
	net.Connect(p, p, FixedInDegree{K: 10}, Synapse{Receptor: "i", Weight: Const(-60), Delay: Const(1)})
	net.Inject(p, NoisyCurrent{Mean: Const(300), Sigma: 200})
	return net, p
}

type lifeCase struct {
	mode    kernelMode
	workers int
}

func lifeCases() []lifeCase {
	var cs []lifeCase
	for _, m := range kernelModes {
		for _, w := range []int{1, 2} {
			cs = append(cs, lifeCase{m, w})
		}
	}
	return cs
}

// TestLateAddsAreReportedAndChangeNothing: after Build, AddPopulation adds
// nothing, and so do invalid calls of Connect (to that population, to a
// missing receptor), AddPoissonGroup (rate too high) and AddSpikeGenerator
// (a time already past); the next Run returns an error that names each
// object and runs nothing; the Run after it runs, and the whole run gives
// the bits of a network where the calls were never made.
func TestLateAddsAreReportedAndChangeNothing(t *testing.T) {
	ref, rp := lifeNet(kernelMode{}, 1)
	rs := ref.MonitorSpikes(rp)
	if err := ref.Run(40); err != nil {
		t.Fatal(err)
	}
	net, p := lifeNet(kernelMode{}, 1)
	sp := net.MonitorSpikes(p)
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	q := net.AddPopulation("late", 10, DefaultLIF(), Delta("d"))
	net.Connect(p, q, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	net.Connect(p, p, AllToAll{}, Synapse{Receptor: "nmda", Weight: Const(1)})
	net.AddPoissonGroup("pg", 3, 1e5)
	net.AddSpikeGenerator("sg", 1, []int32{0, 0}, []float64{30, 15})
	if len(net.Populations()) != 1 || len(net.Projections()) != 2 || len(net.gens) != 0 {
		t.Fatalf("late calls added objects: %d populations, %d projections, %d sources; want 1, 2, 0",
			len(net.Populations()), len(net.Projections()), len(net.gens))
	}
	if err := q.Set("V", Const(-60)); err == nil || !strings.Contains(err.Error(), `population "late"`) {
		t.Errorf("Set on a population added after Build: got %v, want an error naming it", err)
	}
	err := net.Run(20)
	for _, want := range []string{`population "late": AddPopulation after the network was built`,
		`projection "P->late:d": post = population "late" not added to its network (AddPopulation after Build adds nothing)`,
		`projection "P->P:nmda": Receptor = "nmda"`, `Poisson group "pg": Rate = 100000`,
		`spike generator "sg": Times[1] = 15, want > the current time 20 ms`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("Run after late calls: got %v, want an error containing %q", err, want)
		}
	}
	if net.Time() != 20 {
		t.Fatalf("the refused Run advanced time to %g ms, want 20", net.Time())
	}
	if err := net.Run(20); err != nil {
		t.Fatalf("the network cannot run after a reported late call: %v", err)
	}
	if !slices.Equal(sp.times, rs.times) || !slices.Equal(sp.index, rs.index) || !slices.Equal(p.v, rp.v) {
		t.Fatalf("late calls changed the run: %d spikes vs %d", sp.Len(), rs.Len())
	}
}

// TestLateInputAndMonitor: an input injected between runs acts from the
// next step: a ConstantCurrent of 100 pA plus one of 200 pA injected at
// 20 ms gives the bits of a TimedCurrent stepping from 100 to 300 pA at
// 20 ms (100 + 200 = 300 exactly in floating point). A spike, state and
// rate monitor added at 20 ms record exactly what monitors present from
// the start record after 20 ms. Every kernel mode, 1 and 2 workers. An
// invalid input is refused with an error naming the population and the
// parameter, attaches nothing, and the network runs on.
func TestLateInputAndMonitor(t *testing.T) {
	for _, c := range lifeCases() {
		ref, rp := lifeNet(c.mode, c.workers)
		ref.Inject(rp, TimedCurrent{Times: []float64{0, 20}, Values: []float64{100, 300}})
		rs, rv, rr := ref.MonitorSpikes(rp), ref.MonitorState(rp, "V", []int32{3, 1099}, 0.2), ref.MonitorRate(rp, 2)
		if err := ref.Run(50); err != nil {
			t.Fatal(err)
		}
		net, p := lifeNet(c.mode, c.workers)
		if err := net.Inject(p, ConstantCurrent{Amplitude: Const(100)}); err != nil {
			t.Fatal(err)
		}
		if err := net.Run(20); err != nil {
			t.Fatal(err)
		}
		err := net.Inject(p, PoissonInput{Receptor: "nmda", N: 1, Rate: 5, Weight: 1})
		if err == nil || !strings.Contains(err.Error(), `population "P"`) || !strings.Contains(err.Error(), "PoissonInput Receptor") {
			t.Fatalf("%+v: invalid late input: got %v, want an error naming the population and the receptor", c, err)
		}
		if err := net.Run(0); err == nil {
			t.Fatalf("%+v: the next Run did not report the refused input", c)
		}
		if err := net.Inject(p, ConstantCurrent{Amplitude: Const(200)}); err != nil {
			t.Fatalf("%+v: valid late input: %v", c, err)
		}
		if len(p.drivers) != 3 {
			t.Fatalf("%+v: %d drivers, want 3 (the refused input attached?)", c, len(p.drivers))
		}
		sp, sv, sr := net.MonitorSpikes(p), net.MonitorState(p, "V", []int32{3, 1099}, 0.2), net.MonitorRate(p, 2)
		if err := net.Run(30); err != nil {
			t.Fatal(err)
		}
		k := slices.IndexFunc(rs.times, func(x float64) bool { return x > 20+1e-9 })
		if rs.Len()-k < 100 || !slices.Equal(sp.times, rs.times[k:]) || !slices.Equal(sp.index, rs.index[k:]) {
			t.Fatalf("%+v: late spike monitor: %d spikes, want the %d after 20 ms", c, sp.Len(), rs.Len()-k)
		}
		if !slices.Equal(p.v, rp.v) {
			t.Fatalf("%+v: a late input does not give the bits of the same current from the start", c)
		}
		k = slices.IndexFunc(rv.times, func(x float64) bool { return x > 20+1e-9 })
		if !slices.Equal(sv.times, rv.times[k:]) || !slices.Equal(sv.values[1], rv.values[1][k:]) {
			t.Fatalf("%+v: late state monitor: T %v.., want %v..", c, sv.times[:2], rv.times[k:k+2])
		}
		if !slices.Equal(sr.rate, rr.rate[10:]) || sr.times[0] != 20 {
			t.Fatalf("%+v: late rate monitor: %v from %g ms, want %v from 20 ms", c, sr.rate, sr.times[0], rr.rate[10:])
		}
	}
}

// TestLateSourceAndProjection: a spike generator and its projection (a
// random rule, delays of 5 ms, deeper than any before, so the target's
// ring buffer grows while recurrent spikes are in flight in it) added at
// 20 ms give the bits of the same generator and projection present from
// the start, whose spikes all come after 20 ms. Every kernel mode, 1 and 2
// workers.
func TestLateSourceAndProjection(t *testing.T) {
	var idx []int32
	var times []float64
	for k := range 60 {
		idx, times = append(idx, int32(k%10)), append(times, 20.1+float64(k)*0.5)
	}
	for _, c := range lifeCases() {
		ref, rp := lifeNet(c.mode, c.workers)
		g := ref.AddSpikeGenerator("g", 10, idx, times)
		ref.Connect(g, rp, FixedProbability{P: 0.3}, Synapse{Receptor: "e", Weight: Const(200), Delay: Const(5)})
		rs := ref.MonitorSpikes(rp)
		if err := ref.Run(60); err != nil {
			t.Fatal(err)
		}
		net, p := lifeNet(c.mode, c.workers)
		sp := net.MonitorSpikes(p)
		if err := net.Run(20); err != nil {
			t.Fatal(err)
		}
		if inFlight(net, p) == 0 {
			t.Fatal("no recurrent spikes in flight at 20 ms; the test would not test the ring's growth")
		}
		g = net.AddSpikeGenerator("g", 10, idx, times)
		pr := net.Connect(g, p, FixedProbability{P: 0.3}, Synapse{Receptor: "e", Weight: Const(200), Delay: Const(5)})
		if len(net.Projections()) != 3 || pr.Len() < 200 || p.rings[0].slots != 51 {
			t.Fatalf("%+v: late projection: %d projections, %d synapses, ring of %d slots; want 3, ≈ 300, 51",
				c, len(net.Projections()), pr.Len(), p.rings[0].slots)
		}
		if err := net.Run(40); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sp.times, rs.times) || !slices.Equal(sp.index, rs.index) || !slices.Equal(p.v, rp.v) {
			t.Fatalf("%+v: late generator and projection: %d spikes, want the %d of the same network built with them", c, sp.Len(), rs.Len())
		}
	}
}

// TestMonitorWindows: monitors stopped for a 20 ms warm-up and started
// for the next 20 ms, then stopped for 10 ms, record exactly what
// always-on monitors record in (20, 40] ms; the rate monitor's bins start
// at the Start, and a bin cut by Stop is dropped. Every kernel mode, 1 and
// 2 workers.
func TestMonitorWindows(t *testing.T) {
	for _, c := range lifeCases() {
		testMonitorWindows(t, c)
	}
}

func testMonitorWindows(t *testing.T, c lifeCase) {
	net, p := lifeNet(c.mode, c.workers)
	as, av := net.MonitorSpikes(p), net.MonitorState(p, "V", []int32{0}, 1)
	ws, wv, wr := net.MonitorSpikes(p), net.MonitorState(p, "V", []int32{0}, 1), net.MonitorRate(p, 3)
	for _, w := range []interface{ Stop() }{ws, wv, wr} {
		w.Stop()
	}
	if ws.Active() {
		t.Fatal("Active after Stop")
	}
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	ws.Start()
	wv.Start()
	wr.Start()
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	ws.Stop()
	wv.Stop()
	wr.Stop()
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	in := func(x float64) bool { return x > 20+1e-9 && x <= 40+1e-9 }
	var T []float64
	var I []int32
	for k, x := range as.times {
		if in(x) {
			T, I = append(T, x), append(I, as.index[k])
		}
	}
	if len(T) < 100 || !slices.Equal(ws.times, T) || !slices.Equal(ws.index, I) {
		t.Fatalf("windowed spike monitor: %d spikes, want the %d in (20, 40] ms", ws.Len(), len(T))
	}
	if !slices.Equal(wv.times, []float64{21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40}) ||
		!slices.Equal(wv.values[0], av.values[0][20:40]) {
		t.Fatalf("windowed state monitor: T = %v", wv.times)
	}
	// bins [20, 23), ..., [35, 38); [38, 40) is cut by Stop
	if !slices.Equal(wr.times, []float64{20, 23, 26, 29, 32, 35}) {
		t.Fatalf("windowed rate monitor: bins start at %v, want 20, 23, ..., 35", wr.times)
	}
	n := 0
	for _, x := range T {
		if x <= 23+1e-9 {
			n++
		}
	}
	if want := float64(n) / (1100 * 3e-3); math.Abs(wr.rate[0]-want) > 1e-9*want {
		t.Fatalf("first windowed bin: %g Hz, want %g", wr.rate[0], want)
	}
}

// TestSetBetweenRuns: setting V, VTh and a synaptic current between runs
// (the network built, time 0) gives the bits of the same values set before
// Build; a threshold set per neuron, then one for all mid-run, gives the
// same bits in every kernel mode with 1 and 2 workers (the SIMD kernels'
// one-threshold path reads the new value). Invalid values are refused
// with an error naming the population, the variable and the value, and
// change nothing.
func TestSetBetweenRuns(t *testing.T) {
	var ref []float64
	for _, c := range lifeCases() {
		a, pa := lifeNet(c.mode, c.workers)
		pa.SetV(Const(-55)).SetThreshold(Const(-52)).SetSyn("e", Slice(slices.Repeat([]float64{10, 20}, 550)))
		if err := a.Run(30); err != nil {
			t.Fatal(err)
		}
		b, pb := lifeNet(c.mode, c.workers)
		if err := b.Build(); err != nil {
			t.Fatal(err)
		}
		for _, err := range []error{pb.Set("V", Const(-55)), pb.Set("VTh", Const(-52)), pb.Set("e", Slice(slices.Repeat([]float64{10, 20}, 550)))} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Run(30); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pa.v, pb.v) || !slices.Equal(pa.syn[0], pb.syn[0]) {
			t.Fatalf("%+v: Set after Build differs from the same values before Build", c)
		}
		// thresholds per neuron, then one for all
		if err := pb.Set("VTh", Random(distuv.Uniform{Min: -53, Max: -49})); err != nil {
			t.Fatal(err)
		}
		if err := b.Run(20); err != nil {
			t.Fatal(err)
		}
		if err := pb.Set("VTh", Const(-51)); err != nil {
			t.Fatal(err)
		}
		if err := b.Run(20); err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = slices.Clone(pb.v)
		} else if !slices.Equal(ref, pb.v) {
			t.Fatalf("%+v: after changing thresholds between runs, V differs from the first mode", c)
		}
	}
	net, p := lifeNet(kernelMode{}, 1)
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	before := slices.Clone(p.vth)
	for _, tc := range []struct {
		variable string
		v        Value
		want     string
	}{
		{"VTh", Const(-75), "Set VTh = -75, want every value > VReset = -70 mV"},
		{"V", Const(math.NaN()), "Set V = NaN"},
		{"V", Slice([]float64{1, 2}), "Set V length = 2, want 1100"},
		{"Iext", Const(1), `Set variable = "Iext", want one of "V", "VTh", "e", "i"`},
		{"x", Const(1), `Set variable = "x"`},
	} {
		err := p.Set(tc.variable, tc.v)
		if err == nil || !strings.Contains(err.Error(), `population "P"`) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Set(%q, %v): got %v, want an error containing %q", tc.variable, tc.v, err, tc.want)
		}
	}
	if !slices.Equal(before, p.vth) {
		t.Fatal("a refused Set changed the thresholds")
	}
	if err := net.Run(5); err == nil {
		t.Fatal("the next Run did not report the refused Set calls")
	}
	if err := net.Run(5); err != nil {
		t.Fatalf("the network cannot run after refused Set calls: %v", err)
	}
}

// TestRestoreDetachesLaterObjects: an input, a Poisson group, its
// projection and a monitor added after the Store are detached by Restore
// (the monitor keeps its records), the run after Restore gives the bits of
// the original continuation, and the same objects added again after
// Restore draw the same streams (two branches give the same bits). Every
// kernel mode, 1 and 2 workers. An unknown
// name is an error that lists the stored names.
func TestRestoreDetachesLaterObjects(t *testing.T) {
	for _, c := range lifeCases() {
		testRestoreDetaches(t, c)
	}
}

func testRestoreDetaches(t *testing.T, c lifeCase) {
	net, p := lifeNet(c.mode, c.workers)
	sp := net.MonitorSpikes(p)
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	if err := net.Store("w"); err != nil {
		t.Fatal(err)
	}
	if err := net.Store("also"); err != nil {
		t.Fatal(err)
	}
	if got := net.Stored(); !slices.Equal(got, []string{"also", "w"}) {
		t.Fatalf("Stored() = %v, want [also w]", got)
	}
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	plain := slices.Clone(sp.times)
	branch := func() ([]float64, *SpikeMonitor) {
		if err := net.Restore("w"); err != nil {
			t.Fatal(err)
		}
		net.Inject(p, NoisyCurrent{Mean: Const(50), Sigma: 100})
		pg := net.AddPoissonGroup("pg", 20, 50)
		net.Connect(pg, p, FixedProbability{P: 0.2}, Synapse{Receptor: "e", Weight: Const(100), Delay: Const(4)})
		late := net.MonitorSpikes(pg)
		if err := net.Run(20); err != nil {
			t.Fatal(err)
		}
		return slices.Clone(sp.times), late
	}
	b1, late1 := branch()
	b2, _ := branch()
	if slices.Equal(b1, plain) || !slices.Equal(b1, b2) {
		t.Fatalf("branches with a late noisy input: equal to the plain run %v, equal to each other %v; want false, true",
			slices.Equal(b1, plain), slices.Equal(b1, b2))
	}
	n1 := late1.Len()
	if err := net.Restore("w"); err != nil {
		t.Fatal(err)
	}
	if len(p.drivers) != 1 || len(net.mons) != 1 || len(net.gens) != 0 || len(net.projs) != 2 {
		t.Fatalf("after Restore: %d inputs, %d monitors, %d sources, %d projections; want 1, 1, 0, 2", len(p.drivers), len(net.mons), len(net.gens), len(net.projs))
	}
	// 20 neurons × 50 Hz × 20 ms: Poisson with mean 20 (sd 4.5); within
	// 3.3 sd, and every spike after the group was added at 10 ms
	if n1 < 5 || n1 > 35 || slices.ContainsFunc(late1.times, func(x float64) bool { return x <= 10 || x > 30 }) {
		t.Fatalf("the late Poisson group fired %d times at %v, want ≈ 20 in (10, 30] ms", n1, late1.times)
	}
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sp.times, plain) || late1.Len() != n1 {
		t.Fatal("the run after Restore is not the plain continuation, or a detached monitor recorded")
	}
	err := net.Restore("x")
	var pe *ParamError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), `Restore: name = "x", want a name given to Store (stored: ["also" "w"])`) {
		t.Fatalf("Restore of an unknown name: got %v", err)
	}
	net.Run(0) // the reported error
	if net.Time() != 30 {
		t.Fatalf("a refused Restore moved time to %g ms", net.Time())
	}
}

// TestRestoreAfterNumericalError: a network stopped by a NumericalError
// runs again after Restore.
func TestRestoreAfterNumericalError(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 9, DefaultLIF(), Delta("e"), Delta("i"))
	g := net.AddSpikeGenerator("g", 9, []int32{5, 5}, []float64{3, 3.1})
	net.Connect(g, p, OneToOne{}, Synapse{Receptor: "i", Weight: Const(-math.MaxFloat64)})
	if err := net.Store("start"); err != nil {
		t.Fatal(err)
	}
	var ne *NumericalError
	if err := net.Run(10); !errors.As(err, &ne) {
		t.Fatalf("got %v, want a NumericalError", err)
	}
	if err := net.Restore("start"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(2); err != nil {
		t.Fatalf("after Restore: %v", err)
	}
}

// TestSetDuringRefractoryAndBeforeBuild: Set before Build gives the
// initial value, an unknown variable is refused before Build too, and a V
// set while a neuron is refractory stays until the refractory period
// (2 ms) ends, then evolves.
func TestSetDuringRefractoryAndBeforeBuild(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 1, LIF{TauM: 10, CM: 250, EL: -65, VTh: -50, VReset: -65, TRef: 2})
	if err := p.Set("w", Const(1)); err == nil || !strings.Contains(err.Error(), `population "P": Set variable = "w"`) {
		t.Fatalf("Set of an unknown variable before Build: got %v", err)
	}
	net.Run(0) // the reported error
	if err := p.Set("V", Const(-51)); err != nil {
		t.Fatal(err)
	}
	if err := net.Inject(p, ConstantCurrent{Amplitude: Const(600)}); err != nil {
		t.Fatal(err)
	}
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if p.v[0] != -51 {
		t.Fatalf("V after Build = %g, want the -51 set before Build", p.v[0])
	}
	for len(p.Spikes()) == 0 {
		if err := net.Run(0.1); err != nil {
			t.Fatal(err)
		}
		if net.Time() > 50 {
			t.Fatal("no spike in 50 ms")
		}
	}
	if err := p.Set("V", Const(-55)); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(1.9); err != nil {
		t.Fatal(err)
	}
	if p.v[0] != -55 {
		t.Fatalf("V 1.9 ms into the refractory period = %g, want the -55 set", p.v[0])
	}
	if err := net.Run(0.2); err != nil {
		t.Fatal(err)
	}
	if p.v[0] <= -55 {
		t.Fatalf("V after the refractory period = %g, want it to rise from -55 (600 pA drive)", p.v[0])
	}
}

// TestRestoreForward: Store "a", run, add an input, a Poisson group, its
// projection and a monitor, Store "b", run 20 ms; Restore "a" and run
// (which detaches them); Restore "b" brings them back with their records
// and streams, and the 20 ms after it give the same bits as the first
// time. Every kernel mode, 1 and 2 workers.
func TestRestoreForward(t *testing.T) {
	for _, c := range lifeCases() {
		net, p := lifeNet(c.mode, c.workers)
		sp := net.MonitorSpikes(p)
		chk := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%+v: %v", c, err)
			}
		}
		chk(net.Store("a"))
		chk(net.Run(10))
		chk(net.Inject(p, OUCurrent{Mean: 100, Sigma: 80, Tau: 3}))
		pg := net.AddPoissonGroup("pg", 20, 80)
		net.Connect(pg, p, FixedProbability{P: 0.2}, Synapse{Receptor: "e", Weight: Const(100), Delay: Const(4)})
		spg := net.MonitorSpikes(pg)
		chk(net.Run(5))
		chk(net.Store("b"))
		chk(net.Run(20))
		f1 := takeFingerprint(p, []Monitor{sp, spg})
		chk(net.Restore("a"))
		chk(net.Run(30))
		if len(net.gens) != 0 || len(p.drivers) != 1 {
			t.Fatalf("%+v: after Restore(a): %d sources, %d inputs; want 0, 1", c, len(net.gens), len(p.drivers))
		}
		chk(net.Restore("b"))
		if len(net.gens) != 1 || len(net.projs) != 3 || len(p.drivers) != 2 || len(net.mons) != 2 {
			t.Fatalf("%+v: after Restore(b): %d sources, %d projections, %d inputs, %d monitors; want 1, 3, 2, 2",
				c, len(net.gens), len(net.projs), len(p.drivers), len(net.mons))
		}
		chk(net.Run(20))
		if d := f1.diff(takeFingerprint(p, []Monitor{sp, spg})); d != "" {
			t.Fatalf("%+v: the run after Restore(b) differs from the one after Store(b): %s", c, d)
		}
		if spg.Len() < 20 {
			t.Fatalf("%+v: the Poisson group fired %d times, want ≈ 40", c, spg.Len())
		}
	}
}

// TestRestoreKeepsKeptRecords: records a caller kept from before a Restore
// are never overwritten by what is recorded after it, even where the
// monitor's array had room to grow in place.
func TestRestoreKeepsKeptRecords(t *testing.T) {
	net, p := lifeNet(kernelMode{}, 1)
	sp := net.MonitorSpikes(p)
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	sp.times, sp.index = slices.Grow(sp.times, 100000), slices.Grow(sp.index, 100000) // room to append in place
	if err := net.Store("s"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	kept, keptCopy := sp.times, slices.Clone(sp.times)
	if err := net.Restore("s"); err != nil {
		t.Fatal(err)
	}
	if err := net.Inject(p, ConstantCurrent{Amplitude: Const(300)}); err != nil { // another branch
		t.Fatal(err)
	}
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	if len(kept) == len(sp.times) && slices.Equal(kept, sp.times) {
		t.Fatal("the branch recorded the same spikes; the test would not test anything")
	}
	if !slices.Equal(kept, keptCopy) {
		t.Fatal("records kept from before Restore were overwritten")
	}
}

// TestPoissonGroupSetRate: a rate set between runs holds from the next
// step (counts in 100 ms at 10 Hz, then 50 Hz, of 1000 neurons within 5
// Poisson standard deviations of 1000 and 5000); Restore brings back the
// stored rate, and the same SetRate after it gives the same spikes; an
// invalid rate is refused and reported, and changes nothing.
func TestPoissonGroupSetRate(t *testing.T) {
	net := New(0.1, 4)
	g := net.AddPoissonGroup("pg", 1000, 1)
	if err := g.SetRate(10); err != nil || g.rate != 10 {
		t.Fatalf("SetRate before Build: %v, Rate %g; want nil, 10", err, g.rate)
	}
	sp := net.MonitorSpikes(g)
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	n1 := sp.Len()
	if err := net.Store("s"); err != nil {
		t.Fatal(err)
	}
	if err := g.SetRate(50); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	n2 := sp.Len() - n1
	if math.Abs(float64(n1)-1000) > 5*math.Sqrt(1000) || math.Abs(float64(n2)-5000) > 5*math.Sqrt(5000) {
		t.Fatalf("spikes in 100 ms at 10 Hz then 50 Hz: %d, %d; want ≈ 1000, 5000", n1, n2)
	}
	first := slices.Clone(sp.times)
	if err := net.Restore("s"); err != nil {
		t.Fatal(err)
	}
	if g.rate != 10 {
		t.Fatalf("Rate after Restore = %g, want the stored 10", g.rate)
	}
	err := g.SetRate(1e6)
	if err == nil || !strings.Contains(err.Error(), `Poisson group "pg": Rate = 1e+06, want in [0, 1/dt]`) || g.rate != 10 {
		t.Fatalf("SetRate(1e6): %v, Rate %g; want an error naming the group and the range, Rate 10", err, g.rate)
	}
	if err := net.Run(0); err == nil {
		t.Fatal("the next Run did not report the refused SetRate")
	}
	if err := g.SetRate(50); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, sp.times) {
		t.Fatal("the same SetRate after Restore gave other spikes")
	}
}

// TestSnapshotSize: a snapshot's state and ring copies take 8 bytes per
// neuron and state variable, and 8·(d + 1) per neuron and receptor, d the
// receptor's longest delay in steps (Store's doc): here 5 variables (V,
// VTh, Iext, e, i), d = 30 (3 ms) for "e" and 10 (1 ms) for "i".
func TestSnapshotSize(t *testing.T) {
	net, _ := lifeNet(kernelMode{}, 1)
	if err := net.Store("s"); err != nil {
		t.Fatal(err)
	}
	s := net.stores["s"].pops[0]
	got := 0
	for _, v := range s.vars {
		got += 8 * len(v)
	}
	for _, r := range s.pending {
		got += 8 * len(r)
	}
	if want := 8*1100*5 + 8*1100*(30+1) + 8*1100*(10+1); got != want {
		t.Fatalf("snapshot of state and rings: %d bytes, want %d", got, want)
	}
}
