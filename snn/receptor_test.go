package snn

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestConductancesAreNonNegative: conductances are never negative; a weight of 0 is a synapse
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
		paramtest.WantError(t, tc.name, tc.err, obj, tc.param, tc.parts...)
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

func TestReceptorKind(t *testing.T) {
	for _, c := range []struct {
		k          ReceptorKind
		name, unit string
	}{{DeltaKind, "delta", "mV"}, {CurrentKind, "current", "pA"}, {ConductanceKind, "conductance", "nS"}, {7, "ReceptorKind(7)", ""}, {-1, "ReceptorKind(-1)", ""}} {
		if got := c.k.String(); got != c.name {
			t.Errorf("ReceptorKind(%d).String() = %q, want %q", int(c.k), got, c.name)
		}
		if got := c.k.weightUnit(); got != c.unit {
			t.Errorf("ReceptorKind(%d).weightUnit() = %q, want %q", int(c.k), got, c.unit)
		}
	}
	for _, c := range []struct {
		got, want Receptor
	}{
		{Delta("d"), Receptor{Name: "d", Kind: DeltaKind}},
		{CurrentExp("c", 5), Receptor{Name: "c", Kind: CurrentKind, Tau: 5}},
		{ConductanceExp("g", 10, -80), Receptor{Name: "g", Kind: ConductanceKind, Tau: 10, ERev: -80}},
	} {
		if c.got != c.want {
			t.Errorf("got %+v, want %+v", c.got, c.want)
		}
	}
}

// TestReceptorCheck: every bad parameter of a receptor is named, with
// the receptor, and a good one passes.
func TestReceptorCheck(t *testing.T) {
	for _, c := range []struct {
		r      Receptor
		params []string
	}{
		{Delta("d"), nil},
		{CurrentExp("c", 5), nil},
		{Receptor{Kind: DeltaKind}, []string{"receptor name"}},
		{CurrentExp("c", 0), []string{`receptor "c" Tau`}},
		{ConductanceExp("g", math.NaN(), math.Inf(1)), []string{`receptor "g" Tau`, `receptor "g" ERev`}},
		{Receptor{Name: "x", Kind: 3}, []string{`receptor "x" Kind`}},
	} {
		ch := &checker{Object: "o"}
		c.r.check(ch)
		var got []string
		for _, err := range ch.Errs() {
			got = append(got, err.(*ParamError).Param)
		}
		if !reflect.DeepEqual(got, c.params) {
			t.Errorf("%+v: errors for %q, want %q", c.r, got, c.params)
		}
	}
}
