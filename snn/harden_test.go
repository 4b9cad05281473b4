package snn

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The tests of issue #12's engine classes: each bad input gives an error
// that names the object and the parameter, and changes nothing; nothing
// panics.

// noPanic runs f and fails the test, naming what, if it panics.
func noPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: panic: %v", what, r)
		}
	}()
	f()
}

// wantParamError fails unless err contains a *ParamError for object obj
// and parameter param whose message contains every one of parts.
func wantParamError(t *testing.T, what string, err error, obj, param string, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: got nil error, want one naming %s %s", what, obj, param)
		return
	}
	var pe *ParamError
	found := false
	for _, e := range flatten(err) {
		if errors.As(e, &pe) && pe.Object == obj && pe.Param == param {
			found = true
			break
		}
	}
	if !found {
		t.Errorf("%s: got %v, want a ParamError of %s, parameter %s", what, err, obj, param)
		return
	}
	for _, s := range parts {
		if !strings.Contains(pe.Error(), s) {
			t.Errorf("%s: %q does not contain %q", what, pe.Error(), s)
		}
	}
}

// flatten lists the errors joined (errors.Join) or wrapped inside err.
func flatten(err error) []error {
	out := []error{err}
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, x := range e.Unwrap() {
			out = append(out, flatten(x)...)
		}
	case interface{ Unwrap() error }:
		if x := e.Unwrap(); x != nil {
			out = append(out, flatten(x)...)
		}
	}
	return out
}

// Class 1: sizes that cannot be allocated are refused before any
// allocation, naming the object, its size and the bytes it needs.
func TestSizesThatCannotBeAllocated(t *testing.T) {
	budget, _ := machineMemory()
	if budget <= 0 {
		t.Fatalf("machine memory %g", budget)
	}
	cases := []struct {
		name       string
		setup      func(net *Network)
		obj, param string
		parts      []string
	}{
		{"population of 1e12", func(net *Network) {
			net.AddPopulation("big", 1e12, DefaultLIF())
		}, `population "big"`, "N", []string{"1000000000000", "int32"}},
		{"population of 3e9 (beyond int32 indices)", func(net *Network) {
			net.AddPopulation("big", 3e9, DefaultLIF())
		}, `population "big"`, "N", []string{"2147483647"}},
		{"population of 1.5e9 (int32, but 42 GB)", func(net *Network) {
			net.MaxBytes = 1e9
			net.AddPopulation("big", 1.5e9, DefaultLIF())
		}, `population "big"`, "N", []string{"1500000000 neurons", "needs 42 GB", "1 GB", "Network.MaxBytes"}},
		{"fixed in-degree of 1e12 with multapses", func(net *Network) {
			p := net.AddPopulation("P", 1000, DefaultLIF(), Delta("d"))
			net.Connect(p, p, FixedInDegree{K: 1e12, Multapses: true}, Synapse{Receptor: "d", Weight: Const(0.1)})
		}, `projection "P->P:d"`, "synapses", []string{"1e+15 synapses", "PB"}},
		{"fixed total of 1e12 with multapses", func(net *Network) {
			p := net.AddPopulation("P", 1000, DefaultLIF(), Delta("d"))
			net.Connect(p, p, FixedTotal{N: 1e12, Multapses: true}, Synapse{Receptor: "d", Weight: Const(0.1)})
		}, `projection "P->P:d"`, "synapses", []string{"1e+12 synapses", "TB"}},
		{"ring buffers of long delays", func(net *Network) {
			net.MaxBytes = 1 << 30
			p := net.AddPopulation("P", 1e6, DefaultLIF(), Delta("d"))
			g := net.AddPoissonGroup("g", 10, 5)
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "d", Weight: Const(0.1), Delay: Const(100)}) // 1001 slots
		}, `population "P"`, "N", []string{"needs 8.04 GB"}},
		{"two delta receptors of long delays: one shared ring", func(net *Network) {
			net.MaxBytes = 1 << 30
			p := net.AddPopulation("P", 1e6, DefaultLIF(), Delta("e"), Delta("i"))
			g := net.AddPoissonGroup("g", 10, 5)
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "e", Weight: Const(0.1), Delay: Const(100)})
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "i", Weight: Const(-0.1), Delay: Const(50)})
		}, `population "P"`, "N", []string{"needs 8.04 GB"}},
		{"the network as a whole", func(net *Network) {
			net.MaxBytes = 100e6
			for i := range 4 {
				net.AddPopulation(fmt.Sprint("P", i), 1e6, DefaultLIF()) // 28 MB each
			}
		}, "network", "memory", []string{"112 MB", "≤ 100 MB", "largest: population"}},
	}
	for _, tc := range cases {
		net := New(0.1, 1)
		tc.setup(net)
		var err error
		noPanic(t, tc.name, func() { err = net.Run(1) })
		wantParamError(t, tc.name, err, tc.obj, tc.param, tc.parts...)
		for _, p := range net.Populations() {
			if p.V != nil {
				t.Errorf("%s: population %q was allocated", tc.name, p.Name())
			}
		}
	}
}

// TestMemoryEstimate: the estimate of a mid-sized network is within a
// factor 2 of what Build really allocates (runtime.MemStats.TotalAlloc,
// temporaries included), and a budget just under it refuses the network.
func TestMemoryEstimate(t *testing.T) {
	newNet := func() *Network {
		net := New(0.1, 3)
		net.Workers = 1
		e := net.AddPopulation("E", 20000, DefaultLIF(), CurrentExp("e", 5), CurrentExp("i", 10))
		g := net.AddPoissonGroup("g", 5000, 10)
		net.Connect(e, e, FixedInDegree{K: 100}, Synapse{Receptor: "e", Weight: Random(distuv.Uniform{Min: 1, Max: 2}), Delay: Random(distuv.Uniform{Min: 0.1, Max: 3})})
		net.Connect(e, e, FixedProbability{P: 0.005}, Synapse{Receptor: "i", Weight: Const(-5), Delay: Const(2)})
		net.Connect(g, e, FixedTotal{N: 300000}, Synapse{Receptor: "e", Weight: Const(3)})
		net.Inject(e, ConstantCurrent{Amplitude: Const(100)})
		return net
	}
	net := newNet()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := float64(after.TotalAlloc - before.TotalAlloc)
	if r := net.bytes / alloc; r < 0.5 || r > 2 {
		t.Errorf("estimate %s, Build allocated %s: ratio %.2f, want within [0.5, 2]", bytesString(net.bytes), bytesString(alloc), r)
	}
	t.Logf("estimate %s, allocated %s", bytesString(net.bytes), bytesString(alloc))

	small := newNet()
	small.MaxBytes = int64(net.bytes * 0.99)
	wantParamError(t, "budget 1 % below the estimate", small.Build(), "network", "memory")
	fits := newNet()
	fits.MaxBytes = int64(net.bytes * 1.01)
	if err := fits.Build(); err != nil {
		t.Errorf("budget 1 %% above the estimate: %v", err)
	}
}

// TestStateRecordingsMustFit: a Run whose state monitors would record more
// than the budget is refused before it starts, and a shorter one runs.
func TestStateRecordingsMustFit(t *testing.T) {
	net := New(0.1, 1)
	net.MaxBytes = 50e6
	p := net.AddPopulation("P", 1000, DefaultLIF())
	all := make([]int32, 1000)
	for i := range all {
		all[i] = int32(i)
	}
	net.MonitorState(p, "V", all, 0.1)
	wantParamError(t, "1e5 steps of 1000 neurons", net.Run(10000), "Run", "duration", "state monitor V of \"P\"", "801 MB", "more than 50 MB")
	if net.Steps() != 0 {
		t.Errorf("the refused run took %d steps", net.Steps())
	}
	if err := net.Run(100); err != nil {
		t.Errorf("a run that fits: %v", err)
	}
}

// Class 2: conductances are never negative; a weight of 0 is a synapse
// without effect.
func TestConductancesAreNonNegative(t *testing.T) {
	build := func(w Value, setSyn *Value, poissonW float64, kind ReceptorKind) error {
		net := New(0.1, 1)
		r := ConductanceExp("g", 5, -80)
		if kind == CurrentKind {
			r = CurrentExp("g", 5)
		}
		p := net.AddPopulation("P", 100, DefaultLIF(), r)
		net.Connect(p, p, FixedInDegree{K: 10}, Synapse{Receptor: "g", Weight: w})
		if setSyn != nil {
			p.SetSyn("g", *setSyn)
		}
		net.Inject(p, PoissonInput{Receptor: "g", N: 10, Rate: 5, Weight: poissonW})
		return net.Run(1)
	}
	neg := Random(distuv.Normal{Mu: -1, Sigma: 0.2})
	zeroMedian := Random(distuv.Normal{Mu: 0, Sigma: 1})
	below := Random(distuv.Uniform{Min: -1, Max: 1})
	for _, tc := range []struct {
		name       string
		err        error
		param      string
		parts      []string
		okOnCurent error
	}{
		{"constant −1 nS", build(Const(-1), nil, 1, ConductanceKind), "Weight", []string{"Weight = -1", "≥ 0 nS", "ERev = -80 mV"}, build(Const(-1), nil, 1, CurrentKind)},
		{"Normal(−1, 0.2)", build(neg, nil, 1, ConductanceKind), "Weight", []string{"median -1"}, build(neg, nil, 1, CurrentKind)},
		{"Normal(0, 1)", build(zeroMedian, nil, 1, ConductanceKind), "Weight", []string{"median 0"}, build(zeroMedian, nil, 1, CurrentKind)},
		{"SetSyn −1", build(Const(1), &Value{c: -1}, 1, ConductanceKind), "initial g", []string{"≥ 0 nS"}, build(Const(1), &Value{c: -1}, 1, CurrentKind)},
		{"SetSyn Uniform(−1, 1)", build(Const(1), &below, 1, ConductanceKind), "initial g", []string{"lowest is -0.9999"}, build(Const(1), &below, 1, CurrentKind)},
		{"PoissonInput −1", build(Const(1), nil, -1, ConductanceKind), "PoissonInput Weight", []string{"≥ 0 nS"}, build(Const(1), nil, -1, CurrentKind)},
	} {
		obj := `projection "P->P:g"`
		if tc.param != "Weight" {
			obj = `population "P"`
		}
		wantParamError(t, tc.name, tc.err, obj, tc.param, tc.parts...)
		if tc.okOnCurent != nil {
			t.Errorf("%s onto a current receptor: %v, want no error (a current may be negative)", tc.name, tc.okOnCurent)
		}
	}
	// A distribution with a positive median is truncated at 0: every weight ≥ 0.
	net := New(0.1, 1)
	p := net.AddPopulation("P", 200, DefaultLIF(), ConductanceExp("g", 5, 0))
	pr := net.Connect(p, p, FixedInDegree{K: 50}, Synapse{Receptor: "g", Weight: Random(distuv.Normal{Mu: 0.5, Sigma: 1})})
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	for k, w := range pr.Weights() {
		if w < 0 {
			t.Fatalf("weight %d = %g onto a conductance, want ≥ 0", k, w)
		}
	}
}

// TestZeroWeight: a weight of 0 (projection or PoissonInput) is accepted
// and means synapses that exist (they count in Len and in-degrees) but
// change nothing: V is the same, bit for bit, as without them.
func TestZeroWeight(t *testing.T) {
	for _, kind := range []ReceptorKind{DeltaKind, CurrentKind, ConductanceKind} {
		run := func(zero bool) (*Population, *Projection) {
			net := New(0.1, 9)
			recs := map[ReceptorKind][]Receptor{DeltaKind: {Delta("a"), Delta("b")}, CurrentKind: {CurrentExp("a", 5), CurrentExp("b", 8)},
				ConductanceKind: {ConductanceExp("a", 5, 0), ConductanceExp("b", 8, -80)}}[kind]
			p := net.AddPopulation("P", 300, DefaultLIF(), recs...).SetV(Random(distuv.Uniform{Min: -70, Max: -56}))
			w := map[ReceptorKind]float64{DeltaKind: 0.5, CurrentKind: 30, ConductanceKind: 1}[kind]
			net.Connect(p, p, FixedInDegree{K: 20}, Synapse{Receptor: "a", Weight: Const(w), Delay: Const(1)})
			net.Inject(p, NoisyCurrent{Mean: Const(380), Sigma: 100})
			var pr *Projection
			if zero {
				pr = net.Connect(p, p, FixedInDegree{K: 20}, Synapse{Receptor: "b", Weight: Const(0), Delay: Const(3)})
				net.Inject(p, PoissonInput{Receptor: "b", N: 100, Rate: 10, Weight: 0})
			}
			if err := net.Run(200); err != nil {
				t.Fatal(err)
			}
			return p, pr
		}
		a, _ := run(false)
		b, pr := run(true)
		if pr.Len() != 300*20 {
			t.Errorf("%v: zero-weight projection has %d synapses, want %d", kind, pr.Len(), 300*20)
		}
		for i := range a.V {
			if math.Float64bits(a.V[i]) != math.Float64bits(b.V[i]) {
				t.Fatalf("%v: neuron %d: V = %v with zero-weight synapses, %v without", kind, i, b.V[i], a.V[i])
			}
		}
	}
}

// Class 3: enum values outside the set and typed nils.
func TestEnumsAndNils(t *testing.T) {
	if s := ReceptorKind(7).String(); s != "ReceptorKind(7)" {
		t.Errorf("ReceptorKind(7).String() = %q", s)
	}
	if s := Scaling(-2).String(); s != "Scaling(-2)" {
		t.Errorf("Scaling(-2).String() = %q", s)
	}
	if s := ConductanceKind.String(); s != "conductance" {
		t.Errorf("ConductanceKind.String() = %q", s)
	}
	if s := ScaleBySqrtK.String(); s != "J/√K" {
		t.Errorf("ScaleBySqrtK.String() = %q", s)
	}
	run := func(what string, f func(net *Network)) error {
		var err error
		noPanic(t, what, func() {
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
	wantParamError(t, "receptor kind 7", err, `population "P"`, `receptor "x" Kind`, "= 7", "DeltaKind, CurrentKind or ConductanceKind")
	err = run("scaling 9", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(p, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1), Scale: 9})
	})
	wantParamError(t, "scaling 9", err, `projection "P->P:d"`, "Scale", "= 9")

	var nilPop *Population
	err = run("Connect from a typed nil", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(nilPop, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	wantParamError(t, "Connect from a typed nil", err, `projection "nil->P:d"`, "pre", "pre = nil")
	err = run("Connect to a typed nil", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(p, nilPop, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	wantParamError(t, "Connect to a typed nil", err, `projection "P->nil:d"`, "post", "post = nil")
	var nilGen *SpikeGenerator
	err = run("Connect from a nil generator", func(net *Network) {
		p := net.AddPopulation("P", 10, DefaultLIF(), Delta("d"))
		net.Connect(nilGen, p, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	})
	wantParamError(t, "Connect from a nil generator", err, `projection "nil->P:d"`, "pre")
	err = run("Inject into a typed nil", func(net *Network) {
		net.AddPopulation("P", 10, DefaultLIF())
		net.Inject(nilPop, ConstantCurrent{Amplitude: Const(1)})
	})
	wantParamError(t, "Inject into a typed nil", err, "Inject", "population")
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
		wantParamError(t, name+" of a typed nil", err, obj, "source", "source = nil")
	}

	// Reading a projection before Build, and a monitor whose build failed.
	net := New(0.1, 1)
	p := net.AddPopulation("P", -3, DefaultLIF(), Delta("d"))
	q := net.AddPopulation("Q", 10, DefaultLIF(), Delta("d"))
	pr := net.Connect(q, q, AllToAll{}, Synapse{Receptor: "d", Weight: Const(1)})
	sp := net.MonitorSpikes(p)
	noPanic(t, "projection before Build", func() {
		if pr.OutDegrees() != nil || pr.InDegrees() != nil || pr.Targets(0) != nil || pr.Weights() != nil || pr.Len() != 0 {
			t.Error("a projection before Build: want nil degrees, targets and weights, and Len 0")
		}
	})
	wantParamError(t, "population of −3", net.Run(1), `population "P"`, "N")
	noPanic(t, "monitor of a population that failed validation", func() {
		if sp.Trains() != nil || sp.Counts() != nil || sp.Len() != 0 {
			t.Error("monitor of a failed network: want nil trains and counts")
		}
	})
	noPanic(t, "Targets out of range", func() {
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
	noPanic(t, "Sweep with nil f", func() {
		wantParamError(t, "Sweep with nil f", Sweep(3, nil, nil), "Sweep", "f", "f = nil")
	})
}

// Class 4: overflow of the step counter, of times and of draws.
func TestOverflowIsAnError(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, ConstantCurrent{Amplitude: Const(400)})
	sp := net.MonitorSpikes(p)
	wantParamError(t, "Run(1e30)", net.Run(1e30), "Run", "duration", "1e+30", "9007199254740992 steps", "≤ 9.007199254740992e+14 ms")
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
	wantParamError(t, "dt = 1e-300", tiny.Run(1), "Run", "duration", "dt = 1e-300 ms")

	net = New(0.1, 1)
	p = net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, TimedCurrent{Times: []float64{0, 1e18}, Values: []float64{0, 500}})
	wantParamError(t, "TimedCurrent at 1e18 ms", net.Run(1), `population "P"`, "TimedCurrent Times[1]", "9.007199254740992e+14 ms")

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
		noPanic(t, tc.name, func() { err = net.Run(10) })
		wantParamError(t, tc.name, err, `projection "P->P:d"`, "Delay", tc.parts...)
		if pr.Len() != 0 || p.V != nil {
			t.Errorf("%s: %d synapses and V %v built, want nothing", tc.name, pr.Len(), p.V != nil)
		}
	}
}

// nanQuantile is Uniform(1, 2) (shifted by at) whose quantile is NaN for p
// in (lo, hi).
type nanQuantile struct{ lo, hi, at float64 }

func (d nanQuantile) Quantile(p float64) float64 {
	if p > d.lo && p < d.hi {
		return math.NaN()
	}
	return d.at + 1 + p
}
func (d nanQuantile) CDF(x float64) float64 { return min(1, max(0, x-d.at-1)) }

// TestPerNeuronDrawsGuarded: an initial V or threshold drawn from a
// distribution whose quantile is NaN on a narrow part of (0, 1), between
// the points check tries, is an error naming the population and the
// variable, and nothing is left built.
func TestPerNeuronDrawsGuarded(t *testing.T) {
	for _, tc := range []struct {
		name, param string
		set         func(p *Population)
	}{
		{"SetV", "initial V", func(p *Population) { p.SetV(Random(nanQuantile{0.2003, 0.2005, -70})) }},
		{"SetThreshold", "initial VTh", func(p *Population) { p.SetThreshold(Random(nanQuantile{0.2003, 0.2005, -55})) }},
		{"SetSyn", "initial g", func(p *Population) { p.SetSyn("g", Random(nanQuantile{0.2003, 0.2005, 0})) }},
	} {
		net := New(0.1, 1)
		p := net.AddPopulation("P", 100000, DefaultLIF(), ConductanceExp("g", 5, 0))
		tc.set(p)
		var err error
		noPanic(t, tc.name, func() { err = net.Run(1) })
		wantParamError(t, tc.name, err, `population "P"`, tc.param, "NaN", "the draw for neuron")
		if p.V != nil || p.VTh != nil || net.Steps() != 0 {
			t.Errorf("%s: state left allocated or steps taken", tc.name)
		}
	}
}

// Class 5: objects of another network are named as such.
func TestObjectsOfAnotherNetwork(t *testing.T) {
	one, two := New(0.1, 1), New(0.1, 2)
	a := one.AddPopulation("A", 10, DefaultLIF(), Delta("d"))
	g := one.AddPoissonGroup("G", 10, 100)
	b := two.AddPopulation("B", 10, DefaultLIF(), Delta("d"))
	two.Inject(a, ConstantCurrent{Amplitude: Const(1000)})
	wantParamError(t, "Inject", two.Run(1), "Inject", "population", `population "A" of another network`)
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
	wantParamError(t, "Connect from", err, `projection "A->B:d"`, "pre", `population "A" of another network`)
	wantParamError(t, "Connect to", err, `projection "B->A:d"`, "post", `population "A" of another network`)
	wantParamError(t, "Connect from a generator", err, `projection "G->B:d"`, "pre", `Poisson group "G" of another network`)
	wantParamError(t, "MonitorSpikes", err, "spike monitor", "source", `population "A" of another network`)
	wantParamError(t, "MonitorRate", err, "rate monitor", "source", `Poisson group "G" of another network`)
	wantParamError(t, "MonitorState", err, "state monitor", "source", `population "A" of another network`)
}

// Class 6: a rate bin counts the spikes with T < t ≤ T + Bin.
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

// Class 7: messages.
func TestMessages(t *testing.T) {
	net := New(0.1, 1)
	m := DefaultLIF()
	m.TRef = 0.25
	net.AddPopulation("P", 10, m)
	wantParamError(t, "TRef 0.25 at dt 0.1", net.Run(1), `population "P"`, "TRef", "TRef = 0.25", "whole number of steps of dt = 0.1 ms")
	net = New(0.1, 1)
	m.TRef = 2
	net.AddPopulation("P", 10, m)
	if err := net.Run(1); err != nil {
		t.Errorf("TRef 2 at dt 0.1: %v", err)
	}

	net = New(0.1, 1)
	p := net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, TimedCurrent{Times: []float64{1, 1.04}, Values: []float64{100, 200}})
	wantParamError(t, "two times in one step", net.Run(1), `population "P"`, "TimedCurrent Times[1]", "Times[0] = 1 ms", "step 10")

	for _, tc := range []struct {
		step int64
		dt   float64
		want string
	}{{51, 0.1, "5.1"}, {3, 1e-5, "0.00003"}, {7, 0.25, "1.75"}, {10, 0.1, "1"}, {1, 1.0 / 3, "0.3333333333333333"}, {123456789, 0.01, "1234567.89"}} {
		if got := stepTime(tc.step, tc.dt, float64(tc.step)*tc.dt); got != tc.want {
			t.Errorf("stepTime(%d, %g) = %q, want %q", tc.step, tc.dt, got, tc.want)
		}
	}
	// A run that goes non-finite at step 51 prints t = 5.1 ms.
	net = New(0.1, 1)
	p = net.AddPopulation("P", 3, DefaultLIF(), Delta("d"), Delta("e"))
	gen := net.AddSpikeGenerator("g", 3, []int32{1, 1}, []float64{5, 5})
	net.Connect(gen, p, OneToOne{}, Synapse{Receptor: "d", Weight: Const(-math.MaxFloat64), Delay: Const(0.1)})
	net.Connect(gen, p, OneToOne{}, Synapse{Receptor: "e", Weight: Const(-math.MaxFloat64), Delay: Const(0.1)})
	err := net.Run(10)
	var ne *NumericalError
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "at t = 5.1 ms") {
		t.Errorf("got %v, want a NumericalError at t = 5.1 ms", err)
	}
}

// Class 8: Iext written between runs on a population without inputs
// drives it the same in every kernel, with 1 and 2 workers, bit for bit.
func TestKernelsAgreeOnIextBetweenRuns(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for name, recs := range kernelSets {
		var ref *Population
		var refSpikes int
		for _, mode := range kernelModes {
			for _, workers := range []int{1, 2} {
				net := New(0.1, 4)
				mode.set(net)
				net.Workers = workers
				p := net.AddPopulation("P", 3003, LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}, recs...)
				p.SetV(Random(distuv.Uniform{Min: -65, Max: -50}))
				sp := net.MonitorSpikes(p)
				if err := net.Run(10); err != nil {
					t.Fatal(err)
				}
				for i := range p.Iext {
					p.Iext[i] = 300 + float64(i%7)*20
				}
				if err := net.Run(shortMs(100)); err != nil {
					t.Fatal(err)
				}
				if ref == nil {
					ref, refSpikes = p, sp.Len()
					if refSpikes < 3003 {
						t.Fatalf("%s: %d spikes in 100 ms with Iext ≥ 300 pA; want every neuron to fire", name, refSpikes)
					}
					continue
				}
				if sp.Len() != refSpikes {
					t.Errorf("%s, kernels %+v, %d workers: %d spikes, want %d", name, mode, workers, sp.Len(), refSpikes)
					continue
				}
				for i := range p.V {
					if math.Float64bits(p.V[i]) != math.Float64bits(ref.V[i]) {
						t.Errorf("%s, kernels %+v, %d workers: neuron %d: V %v, want %v", name, mode, workers, i, p.V[i], ref.V[i])
						break
					}
				}
			}
		}
	}
}
