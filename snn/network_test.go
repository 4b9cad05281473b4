package snn

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
	"gonum.org/v1/gonum/stat/distuv"
)

// eiNet is a recurrent E/I network large enough to run in parallel blocks,
// driven above threshold with random initial potentials and delays.
func eiNet(seed uint64, workers int, kind ReceptorKind) (*Network, *SpikeMonitor) {
	net := New(0.1, seed)
	net.SetWorkers(workers)
	m := LIF{TauM: 20, CM: 200, EL: -60, VTh: -50, VReset: -60, TRef: 2}
	var re, ri Receptor
	var we, wi float64
	switch kind {
	case DeltaKind:
		re, ri, we, wi = Delta("e"), Delta("i"), 0.3, -1.2
	case CurrentKind:
		re, ri, we, wi = CurrentExp("e", 5), CurrentExp("i", 10), 15, -60
	default:
		re, ri, we, wi = ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80), 0.3, 1.5
	}
	all := net.AddPopulation("all", 6000, m, re, ri).SetV(Random(distuv.Uniform{Min: -60, Max: -50}))
	e := all // one population; E are the first 4800 by convention of the sources below
	net.Connect(e, all, FixedProbability{P: 0.01}, Synapse{Receptor: "e", Weight: Random(distuv.Normal{Mu: we, Sigma: math.Abs(we) / 4}), Delay: Random(distuv.Uniform{Min: 0.5, Max: 3})})
	net.Connect(e, all, FixedInDegree{K: 20}, Synapse{Receptor: "i", Weight: Const(wi), Delay: Const(1)})
	net.Inject(all, ConstantCurrent{Amplitude: Random(distuv.Uniform{Min: 180, Max: 260})})
	return net, net.MonitorSpikes(all)
}

func TestDeterministicAcrossWorkersAndSeeds(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // so 2 and 3 workers run on any machine
	for _, kind := range []ReceptorKind{DeltaKind, CurrentKind, ConductanceKind} {
		run := func(seed uint64, workers int) *SpikeMonitor {
			net, sp := eiNet(seed, workers, kind)
			if err := net.Run(shortMs(200)); err != nil {
				t.Fatal(err)
			}
			return sp
		}
		a, b, b3, c := run(5, 1), run(5, 2), run(5, 3), run(6, 2)
		if a.Len() < 1000 {
			t.Fatalf("%v: only %d spikes; the test network should be active", kind, a.Len())
		}
		if !reflect.DeepEqual(a.times, b.times) || !reflect.DeepEqual(a.index, b.index) {
			t.Errorf("%v: 1 and 2 workers differ: %d vs %d spikes", kind, a.Len(), b.Len())
		}
		if !reflect.DeepEqual(a.times, b3.times) || !reflect.DeepEqual(a.index, b3.index) {
			t.Errorf("%v: 1 and 3 workers differ: %d vs %d spikes", kind, a.Len(), b3.Len())
		}
		if reflect.DeepEqual(a.index, c.index) {
			t.Errorf("%v: seeds 5 and 6 gave identical spikes", kind)
		}
	}
}

func TestRunContinues(t *testing.T) {
	// Two runs of 100 ms equal one run of 200 ms.
	n1, s1 := eiNet(3, 2, CurrentKind)
	n2, s2 := eiNet(3, 2, CurrentKind)
	if err := n1.Run(200); err != nil {
		t.Fatal(err)
	}
	if err := n2.Run(100); err != nil {
		t.Fatal(err)
	}
	if err := n2.Run(100); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s1.index, s2.index) || !reflect.DeepEqual(s1.times, s2.times) || n2.Time() != 200 {
		t.Errorf("continued run differs: %d vs %d spikes, t = %g", s1.Len(), s2.Len(), n2.Time())
	}
}

func TestBadInputNamesParameter(t *testing.T) {
	good := DefaultLIF()
	cases := []struct {
		name  string
		build func(n *Network)
		want  []string // substrings the error must contain
	}{
		{"tau", func(n *Network) { m := good; m.TauM = -1; n.AddPopulation("E", 10, m) }, []string{`population "E"`, "TauM = -1", "> 0 ms"}},
		{"C", func(n *Network) { m := good; m.CM = 0; n.AddPopulation("E", 10, m) }, []string{"CM = 0", "> 0 pF"}},
		{"reset", func(n *Network) { m := good; m.VReset = -50; n.AddPopulation("E", 10, m) }, []string{"VReset = -50", "< VTh = -55 mV"}},
		{"nan", func(n *Network) { m := good; m.EL = math.NaN(); n.AddPopulation("E", 10, m) }, []string{"EL = NaN", "finite"}},
		{"empty", func(n *Network) { n.AddPopulation("E", 0, good) }, []string{"N = 0", "≥ 1"}},
		{"p", func(n *Network) {
			e := n.AddPopulation("E", 10, good, Delta("d"))
			n.Connect(e, e, FixedProbability{P: 1.5}, Synapse{Receptor: "d"})
		}, []string{`projection "E->E:d"`, "P = 1.5", "[0, 1]"}},
		{"K", func(n *Network) {
			e := n.AddPopulation("E", 10, good, Delta("d"))
			n.Connect(e, e, FixedInDegree{K: 10}, Synapse{Receptor: "d"})
		}, []string{"K = 10", "≤ 9"}},
		{"receptor", func(n *Network) {
			e := n.AddPopulation("E", 10, good, Delta("d"))
			n.Connect(e, e, AllToAll{}, Synapse{Receptor: "ampa"})
		}, []string{`Receptor = "ampa"`, `["d"]`}},
		{"delay", func(n *Network) {
			e := n.AddPopulation("E", 10, good, Delta("d"))
			n.Connect(e, e, AllToAll{}, Synapse{Receptor: "d", Delay: Const(0.15)})
		}, []string{"Delay = 0.15", "whole number of steps"}},
		{"slice", func(n *Network) {
			e := n.AddPopulation("E", 10, good)
			n.Inject(e, ConstantCurrent{Amplitude: Slice([]float64{1, 2})})
		}, []string{"Amplitude length = 2", "10"}},
		{"dt", func(n *Network) { n.dt = 0 }, []string{"network: dt = 0"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := New(0.1, 1)
			tc.build(n)
			err := n.Run(10)
			if err == nil {
				t.Fatal("Run succeeded, want an error")
			}
			if !errors.Is(err, ErrBuildFailed) {
				t.Errorf("error %v does not wrap ErrBuildFailed", err)
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
			if n.built || n.Time() != 0 {
				t.Errorf("network half-built after error")
			}
			if err2 := n.Run(10); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("second Run after failed build: %v, want the same error", err2)
			}
		})
	}
}

func TestRunDurationAndNaN(t *testing.T) {
	net, p := single(t, 0.1, 3, DefaultLIF(), Delta("d"))
	g := net.AddSpikeGenerator("g", 1, []int32{0, 0}, []float64{1, 1.1})
	net.Connect(g, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(-math.MaxFloat64)})
	mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
	for _, d := range []float64{-1, math.NaN(), 0.05} {
		if err := net.Run(d); err == nil || !strings.Contains(err.Error(), "duration") {
			t.Errorf("Run(%g) = %v, want a duration error", d, err)
		}
	}
	err := net.Run(10)
	var ne *NumericalError
	if !errors.As(err, &ne) || ne.Population != "P" || ne.Neuron != 0 {
		t.Fatalf("Run = %v, want a NumericalError for neuron 0 of P", err)
	}
	if math.Abs(ne.Time-1.2) > 1e-9 {
		t.Errorf("NaN reported at t = %g ms, want 1.2 (second arrival)", ne.Time)
	}
	if len(mon.times) != 11 {
		t.Errorf("monitor kept %d samples, want the 11 before the failure", len(mon.times))
	}
}

// TestSetupAfterBuild: after Build, SetV sets V (it is Set("V")); an
// invalid SetV and a late AddPopulation are reported by the next Run,
// once, and the network runs on.
func TestSetupAfterBuild(t *testing.T) {
	net, p := single(t, 0.1, 3, DefaultLIF())
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	p.SetV(Const(-60))
	if p.v[0] != -60 || p.v[2] != -60 {
		t.Fatalf("V after SetV post-build = %v, want -60", p.v)
	}
	p.SetV(Const(math.Inf(1)))
	net.AddPopulation("late", 1, DefaultLIF())
	err := net.Run(1)
	if err == nil || !strings.Contains(err.Error(), "Set V = +Inf") || !strings.Contains(err.Error(), `population "late": AddPopulation after the network was built`) {
		t.Errorf("Run after an invalid SetV and a late AddPopulation = %v, want both reported", err)
	}
	if p.v[0] != -60 {
		t.Errorf("an invalid SetV changed V to %g", p.v[0])
	}
	if err := net.Run(1); err != nil || net.Time() != 2 {
		t.Errorf("the next Run: %v at %g ms, want it to run to 2 ms", err, net.Time())
	}
}

func ExampleNetwork() {
	net := New(0.1, 42) // dt = 0.1 ms, seed 42
	m := LIF{TauM: 10, CM: 250, EL: -70, VTh: -55, VReset: -70, TRef: 2}
	p := net.AddPopulation("P", 1, m)
	net.Inject(p, ConstantCurrent{Amplitude: Const(500)}) // pA
	sp := net.MonitorSpikes(p)
	if err := net.Run(100); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d spikes, first at %.1f ms\n", sp.Len(), sp.times[0])
	// Analytic: first spike at τ·ln(R·I/(R·I − 15 mV)) = 13.86 ms, period 15.86 ms.
	// Output: 6 spikes, first at 13.9 ms
}

func ExampleNetwork_Connect() {
	net := New(0.1, 1)
	e := net.AddPopulation("E", 1000, DefaultLIF(), Delta("exc"))
	pr := net.Connect(e, e, FixedInDegree{K: 100}, Synapse{Receptor: "exc", Weight: Const(20), Scale: ScaleByK, Delay: Const(1.5)})
	if err := net.Build(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d synapses, w = %g mV, %.2f bytes/synapse\n", pr.Name(), pr.Len(), pr.Weight(), pr.BytesPerSynapse())
	// Output: E->E:exc: 100000 synapses, w = 0.2 mV, 4.08 bytes/synapse
}

func ExampleFixedProbability() {
	net := New(0.1, 7)
	e := net.AddPopulation("E", 2, DefaultLIF(), Delta("d"))
	net.Connect(e, e, FixedProbability{P: 2}, Synapse{Receptor: "d"})
	err := net.Build()
	fmt.Println(err)
	// Output: snn: network build failed: snn: projection "E->E:d": P = 2, want in [0, 1]
}

func TestSweepAndProgress(t *testing.T) {
	rates := make([]float64, 6)
	var calls []float64
	err := Sweep(len(rates), func(i int) error {
		net, p := single(t, 0.1, 1, DefaultLIF())
		net.SetWorkers(1)
		net.Inject(p, ConstantCurrent{Amplitude: Const(400 + 100*float64(i))})
		sp := net.MonitorSpikes(p)
		if err := net.Run(500); err != nil {
			return err
		}
		rates[i] = float64(sp.Len())
		return nil
	}, func(done, total float64) { calls = append(calls, done/total) })
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(rates); i++ {
		if rates[i] <= rates[i-1] {
			t.Errorf("spike counts %v not increasing with current", rates)
		}
	}
	if len(calls) != 6 || calls[5] != 1 {
		t.Errorf("progress calls %v, want 6 ending at 1", calls)
	}
	if err := Sweep(2, func(i int) error { return errors.New("boom") }, nil); err == nil || !strings.Contains(err.Error(), "sweep task 1: boom") {
		t.Errorf("Sweep errors = %v, want both tasks' errors", err)
	}
	net, p := single(t, 0.1, 1, DefaultLIF())
	var last [2]float64
	n := 0
	net.SetProgress(func(d, total float64) { last = [2]float64{d, total}; n++ })
	net.Inject(p, ConstantCurrent{Amplitude: Const(0)})
	net.Run(50)
	net.Run(100)
	if math.Abs(last[0]-100) > 1e-9 || last[1] != 100 || n != 200 {
		t.Errorf("progress of the second run ended at %v after %d calls, want [100 100] after 200", last, n)
	}
}

// TestDeliveryBatchesAndWorkerChanges: 200 generator spikes of one step
// (more than one batch of deliver's look-ups) reach every neuron of an
// all-to-all projection, V = E_L + 200·w·e^(−(t−2)/τ_m) to 1e-12; a run
// cut into pieces with 2, 2, 3, 1 and 2 workers (fixed and per-synapse
// weights and delays) gives the bits of one run on one worker; and a
// second Run with the same workers keeps the split of the first.
func TestDeliveryBatchesAndWorkerChanges(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	const n, src, w = 3000, 200, 0.01
	m := LIF{TauM: 20, CM: 250, EL: -70, VTh: -50, VReset: -70, TRef: 2}
	build := func() (*Network, *Population, *StateMonitor, *Projection) {
		net := New(0.1, 7)
		p := net.AddPopulation("P", n, m, Delta("e"), CurrentExp("c", 5))
		ids, times := make([]int32, src), make([]float64, src)
		for k := range ids {
			ids[k], times[k] = int32(k), 1
		}
		g := net.AddSpikeGenerator("g", src, ids, times)
		all := net.Connect(g, p, AllToAll{}, Synapse{Receptor: "e", Weight: Const(w), Delay: Const(1)})
		net.Connect(g, p, FixedProbability{P: 0.3}, Synapse{Receptor: "c", Weight: Random(distuv.Normal{Mu: 5, Sigma: 2}),
			Delay: Random(distuv.Uniform{Min: 3.1, Max: 6})})
		return net, p, net.MonitorState(p, "V", []int32{0, n / 2, n - 1}, 0.1), all
	}
	ref, rp, _, _ := build()
	ref.SetWorkers(1)
	if err := ref.Run(10); err != nil {
		t.Fatal(err)
	}
	net, p, sm, all := build()
	var first []uint32
	for k, workers := range []int{2, 2, 3, 1, 2} {
		net.SetWorkers(workers)
		if err := net.Run(2); err != nil {
			t.Fatal(err)
		}
		switch {
		case k == 0:
			first = all.cuts[0]
		case k == 1 && &all.cuts[0][0] != &first[0]:
			t.Errorf("the second Run on 2 workers split the projection again")
		case k == 2 && len(all.cuts) != 2:
			t.Errorf("3 workers: %d cuts, want 2", len(all.cuts))
		}
	}
	for k, tk := range sm.times {
		if tk > 4 { // the current receptor's arrivals start after 4 ms
			break
		}
		want := m.EL
		if tk >= 2-1e-9 {
			want += src * w * math.Exp(-(tk-2)/m.TauM)
		}
		for j := range sm.values {
			if got := sm.values[j][k]; math.Abs(got-want) > 1e-12 {
				t.Fatalf("V(%g ms) of recorded neuron %d = %.15g, want %.15g", tk, j, got, want)
			}
		}
	}
	if !reflect.DeepEqual(p.v, rp.v) {
		t.Errorf("pieces on 2, 2, 3, 1, 2 workers: V differs from one run on one worker")
	}
}

// TestTeamStopsLikeOneWorker: a team meets once a step (Network.runTeam),
// so it gathers spikes from its workers' parts and records the monitors
// before it delivers. On 1, 2 and 3 workers (3,000 neurons, 3 blocks),
// two neurons in different workers' blocks become non-finite in the same
// step: each Run stops with the same NumericalError (the first neuron in
// index order, the same time), the monitors hold the same samples, the
// state is the same bits, and Progress was called with the same values.
func TestTeamStopsLikeOneWorker(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	type result struct {
		err      *NumericalError
		v        []float64
		samples  int
		spikes   []int32
		progress [][2]float64
	}
	var ref *result
	for _, workers := range []int{1, 2, 3} {
		net := New(0.1, 5)
		net.SetWorkers(workers)
		p := net.AddPopulation("P", 3000, LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}, Delta("d"))
		p.SetV(Random(distuv.Uniform{Min: -65, Max: -50}))
		net.Inject(p, ConstantCurrent{Amplitude: Const(3000)})
		g := net.AddSpikeGenerator("g", 2, []int32{0, 1, 0, 1}, []float64{3, 3, 3.1, 3.1})
		net.Connect(g, p, FromList{Pre: []int32{0, 1}, Post: []int32{2500, 1500}}, Synapse{Receptor: "d", Weight: Const(-math.MaxFloat64)})
		sm, sp := net.MonitorState(p, "V", []int32{0, 1500, 2999}, 0.1), net.MonitorSpikes(p)
		r := &result{}
		net.SetProgress(func(done, total float64) { r.progress = append(r.progress, [2]float64{done, total}) })
		err := net.Run(10)
		if !errors.As(err, &r.err) || r.err.Neuron != 1500 || math.Abs(r.err.Time-3.2) > 1e-9 {
			t.Fatalf("%d workers: Run = %v, want a NumericalError for neuron 1500 at 3.2 ms", workers, err)
		}
		if again := net.Run(1); again != err {
			t.Errorf("%d workers: the next Run = %v, want the same error", workers, again)
		}
		if x := p.v[2500]; !math.IsInf(x, -1) {
			t.Errorf("%d workers: V of neuron 2500 = %g, want −Inf (it went non-finite in the same step)", workers, x)
		}
		r.v, r.samples, r.spikes = p.v, len(sm.times), sp.index
		if len(r.spikes) < 3000 {
			t.Fatalf("%d workers: %d spikes before the error; want every neuron to fire (3 nA)", workers, len(r.spikes))
		}
		if ref == nil {
			ref = r
			if r.samples != 31 || len(r.progress) == 0 {
				t.Fatalf("1 worker: %d samples, %d progress calls; want 31 (0.1 to 3.1 ms) and some", r.samples, len(r.progress))
			}
			continue
		}
		if r.samples != ref.samples || !reflect.DeepEqual(r.spikes, ref.spikes) {
			t.Errorf("%d workers: %d samples, %d spikes; want %d and the %d spikes of 1 worker", workers, r.samples, len(r.spikes), ref.samples, len(ref.spikes))
		}
		if !reflect.DeepEqual(r.progress, ref.progress) {
			t.Errorf("%d workers: %d Progress calls, want the %d of 1 worker with the same values", workers, len(r.progress), len(ref.progress))
		}
		for i := range r.v {
			if math.Float64bits(r.v[i]) != math.Float64bits(ref.v[i]) {
				t.Fatalf("%d workers: V[%d] = %v, want %v as on 1 worker", workers, i, r.v[i], ref.v[i])
			}
		}
	}
}

// TestNetworkView: Populations, Sources and Projections list the objects
// in the order they were added, in slices of their own; Sources holds the
// generators and Poisson groups, not the populations.
func TestNetworkView(t *testing.T) {
	net := New(0.1, 1)
	a := net.AddPopulation("A", 2, DefaultLIF(), Delta("d"))
	g := net.AddPoissonGroup("G", 2, 5)
	b := net.AddPopulation("B", 2, DefaultLIF(), Delta("d"))
	h := net.AddSpikeGenerator("H", 2, nil, nil)
	p1 := net.Connect(g, a, AllToAll{}, Synapse{Receptor: "d"})
	p2 := net.Connect(a, b, AllToAll{}, Synapse{Receptor: "d"})
	if got, want := net.Populations(), []*Population{a, b}; !reflect.DeepEqual(got, want) {
		t.Errorf("Populations = %v, want %v", got, want)
	}
	if got, want := net.Sources(), []SpikeSource{g, h}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sources = %v, want %v", got, want)
	}
	if got, want := net.Projections(), []*Projection{p1, p2}; !reflect.DeepEqual(got, want) {
		t.Errorf("Projections = %v, want %v", got, want)
	}
	net.Populations()[0], net.Projections()[0], net.Sources()[0] = nil, nil, nil
	if net.Populations()[0] != a || net.Projections()[0] != p1 || net.Sources()[0] != SpikeSource(g) {
		t.Error("a view returned the network's own slice")
	}
}

// TestEnumsAndNils: enum values outside the set (ReceptorKind, Scaling)
// and typed nils are named errors, never a panic.
func TestEnumsAndNils(t *testing.T) {
	run := func(what string, f func(net *Network)) error {
		var err error
		paramtest.NoPanic(t, what, func() {
			net := New(0.1, 1)
			f(net)
			err = net.Run(10)
		})
		return err
	}
	err := run("receptor kind 7", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Receptor{Name: "x", Kind: 7, Tau: 5})
		net.Connect(p, p, AllToAll{}, Synapse{Receptor: "x", Weight: Const(1)})
	})
	paramtest.WantError(t, "receptor kind 7", err, `population "P"`, `receptor "x" Kind`, "= 7", "DeltaKind, CurrentKind or ConductanceKind")
	err = run("scaling 9", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(p, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1), Scale: 9})
	})
	paramtest.WantError(t, "scaling 9", err, `projection "P->P:d"`, "Scale", "= 9")

	var nilPop *Population
	err = run("Connect from a typed nil", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(nilPop, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	paramtest.WantError(t, "Connect from a typed nil", err, `projection "nil->P:d"`, "pre", "pre = nil")
	err = run("Connect to a typed nil", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(p, nilPop, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	paramtest.WantError(t, "Connect to a typed nil", err, `projection "P->nil:d"`, "post", "post = nil")
	var nilGen *SpikeGenerator
	err = run("Connect from a nil generator", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(nilGen, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	paramtest.WantError(t, "Connect from a nil generator", err, `projection "nil->P:d"`, "pre")
	err = run("Inject into a typed nil", func(net *Network) {
		net.AddPopulation("P", 10, DefaultLIF())
		net.Inject(nilPop, ConstantCurrent{Amplitude: Const(1)})
	})
	paramtest.WantError(t, "Inject into a typed nil", err, "Inject", "population")
	for name, mon := range map[string]func(net *Network){
		"MonitorSpikes": func(net *Network) { net.MonitorSpikes(nilPop) },
		"MonitorRate":   func(net *Network) { net.MonitorRate(nilGen, 1) },
		"MonitorState":  func(net *Network) { net.MonitorState(nilPop, "V", []int32{0}, 0.1) },
	} {
		err = run(name+" of a typed nil", func(net *Network) {
			net.AddPopulation("P", 10, DefaultLIF())
			mon(net)
		})
		obj := map[string]string{"MonitorSpikes": "spike monitor", "MonitorRate": "rate monitor", "MonitorState": "state monitor"}[name]
		paramtest.WantError(t, name+" of a typed nil", err, obj, "source", "source = nil")
	}

	// Reading a projection before Build, and a monitor whose build failed.
	net := New(0.1, 1)
	p := net.AddPopulation("P", -3, DefaultLIF(), Delta("d"))
	q := net.AddPopulation("Q", 10, DefaultLIF(), Delta("d"))
	pr := net.Connect(q, q, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	sp := net.MonitorSpikes(p)
	paramtest.NoPanic(t, "projection before Build", func() {
		if pr.OutDegrees() != nil || pr.InDegrees() != nil || pr.Targets(0) != nil || pr.Weights() != nil || pr.Len() != 0 {
			t.Error("a projection before Build: want nil degrees, targets and weights, and Len 0")
		}
	})
	paramtest.WantError(t, "population of −3", net.Run(1), `population "P"`, "N")
	paramtest.NoPanic(t, "monitor of a population that failed validation", func() {
		if sp.Trains() != nil || sp.Counts() != nil || sp.Len() != 0 {
			t.Error("monitor of a failed network: want nil trains and counts")
		}
	})
	paramtest.NoPanic(t, "Targets out of range", func() {
		net := New(0.1, 1)
		q := net.AddPopulation("Q", 10, DefaultLIF(), Delta("d"))
		pr := net.Connect(q, q, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
		if err := net.Build(); err != nil {
			t.Fatal(err)
		}
		if pr.Targets(-1) != nil || pr.Targets(10) != nil || len(pr.Targets(3)) != 9 {
			t.Errorf("Targets(-1), (10), (3): %v, %v, %v; want nil, nil and 9 targets", pr.Targets(-1), pr.Targets(10), pr.Targets(3))
		}
	})
	paramtest.NoPanic(t, "Sweep with nil f", func() {
		paramtest.WantError(t, "Sweep with nil f", Sweep(3, nil, nil), "Sweep", "f", "f = nil")
	})
}

// TestOverflowIsAnError: overflow of the step counter, of times and of
// draws is an error.
func TestOverflowIsAnError(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, ConstantCurrent{Amplitude: Const(400)})
	sp := net.MonitorSpikes(p)
	paramtest.WantError(t, "Run(1e30)", net.Run(1e30), "Run", "duration", "1e+30", "9007199254740992 steps", "≤ 9.007199254740992e+14 ms")
	if net.Steps() != 0 {
		t.Errorf("Run(1e30) took %d steps", net.Steps())
	}
	if err := net.Run(100); err != nil || sp.Len() == 0 {
		t.Errorf("after the refused run: %v, %d spikes; want a working network", err, sp.Len())
	}

	tiny := New(1e-300, 1)
	m := DefaultLIF()
	m.TRef = 0 // else TRef is refused first: 2 ms is more than 2^31 steps
	tiny.AddPopulation("P", 10, m)
	paramtest.WantError(t, "dt = 1e-300", tiny.Run(1), "Run", "duration", "dt = 1e-300 ms")

	net = New(0.1, 1)
	p = net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, TimedCurrent{Times: []float64{0, 1e18}, Values: []float64{0, 500}})
	paramtest.WantError(t, "TimedCurrent at 1e18 ms", net.Run(1), `population "P"`, "TimedCurrent Times[1]", "9.007199254740992e+14 ms")

	// A delay distribution whose quantile is NaN on part of (0, 1): a wide
	// part is found by the check, a narrow one between its grid points by
	// the guarded draw; either way nothing is built.
	for _, tc := range []struct {
		name   string
		lo, hi float64
		parts  []string
	}{
		{"NaN on (0.6, 0.7)", 0.6, 0.7, []string{"Quantile(0.6"}},
		{"NaN on (0.2003, 0.2005)", 0.2003, 0.2005, []string{"the draw for synapse", "NaN"}},
	} {
		net := New(0.1, 1)
		p := net.AddPopulation("P", 1000, DefaultLIF(), Delta("d"))
		pr := net.Connect(p, p, FixedInDegree{K: 100}, Synapse{Receptor: "d", Weight: Const(0.1), Delay: Random(nanQuantile{tc.lo, tc.hi, 0})})
		var err error
		paramtest.NoPanic(t, tc.name, func() { err = net.Run(10) })
		paramtest.WantError(t, tc.name, err, `projection "P->P:d"`, "Delay", tc.parts...)
		if pr.Len() != 0 || p.v != nil {
			t.Errorf("%s: %d synapses and V %v built, want nothing", tc.name, pr.Len(), p.v != nil)
		}
	}
}

// TestObjectsOfAnotherNetwork: objects of another network are named as
// such.
func TestObjectsOfAnotherNetwork(t *testing.T) {
	one, two := New(0.1, 1), New(0.1, 2)
	a := one.AddPopulation("A", 10, DefaultLIF(), Delta("d"))
	g := one.AddPoissonGroup("G", 10, 100)
	b := two.AddPopulation("B", 10, DefaultLIF(), Delta("d"))
	two.Inject(a, ConstantCurrent{Amplitude: Const(1000)})
	paramtest.WantError(t, "Inject", two.Run(1), "Inject", "population", `population "A" of another network`)
	if len(a.inputs) != 0 {
		t.Errorf("the input was attached to the other network's population")
	}

	two = New(0.1, 2)
	b = two.AddPopulation("B", 10, DefaultLIF(), Delta("d"))
	two.Connect(a, b, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	two.Connect(b, a, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	two.Connect(g, b, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	two.MonitorSpikes(a)
	two.MonitorRate(g, 1)
	two.MonitorState(a, "V", []int32{0}, 0.1)
	err := two.Run(1)
	paramtest.WantError(t, "Connect from", err, `projection "A->B:d"`, "pre", `population "A" of another network`)
	paramtest.WantError(t, "Connect to", err, `projection "B->A:d"`, "post", `population "A" of another network`)
	paramtest.WantError(t, "Connect from a generator", err, `projection "G->B:d"`, "pre", `Poisson group "G" of another network`)
	paramtest.WantError(t, "MonitorSpikes", err, "spike monitor", "source", `population "A" of another network`)
	paramtest.WantError(t, "MonitorRate", err, "rate monitor", "source", `Poisson group "G" of another network`)
	paramtest.WantError(t, "MonitorState", err, "state monitor", "source", `population "A" of another network`)
}
