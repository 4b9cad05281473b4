package snn

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
	"gonum.org/v1/gonum/stat/distuv"
)

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
		paramtest.NoPanic(t, tc.name, func() { err = net.Run(1) })
		paramtest.WantError(t, tc.name, err, `population "P"`, tc.param, "NaN", "the draw for neuron")
		if p.v != nil || p.vth != nil || net.Steps() != 0 {
			t.Errorf("%s: state left allocated or steps taken", tc.name)
		}
	}
}

func TestValue(t *testing.T) {
	var zero Value
	for _, c := range []struct {
		v       Value
		x       float64
		isConst bool
		s       string
	}{
		{zero, 0, true, "0"},
		{Const(-65.5), -65.5, true, "-65.5"},
		{Slice([]float64{1, 2}), 0, false, "Slice(len 2)"},
		{Random(distuv.Uniform{Min: 1, Max: 2}), 0, false, "Random(distuv.Uniform{Min:1 Max:2 Src:<nil>})"},
	} {
		if x, ok := c.v.IsConst(); x != c.x || ok != c.isConst {
			t.Errorf("%v: IsConst = %v, %v; want %v, %v", c.v, x, ok, c.x, c.isConst)
		}
		if got := c.v.String(); got != c.s {
			t.Errorf("String = %q, want %q", got, c.s)
		}
	}
	xs := []float64{3, 4}
	v := Slice(xs)
	xs[0] = 0
	if got := v.fill(nil, 2, nil); !reflect.DeepEqual(got, []float64{3, 4}) {
		t.Errorf("Slice kept the caller's slice: %v, want [3 4]", got)
	}
	// Random draws by inversion from the stream given: the same stream,
	// the same values; every draw within the distribution's support.
	g := func() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
	r := Random(distuv.Uniform{Min: 10, Max: 20})
	a, b := r.fill(nil, 1000, g()), r.fill(nil, 1000, g())
	if !reflect.DeepEqual(a, b) {
		t.Error("Random: the same stream gave different draws")
	}
	if lo, hi := slices.Min(a), slices.Max(a); lo < 10 || hi > 20 || hi-lo < 9.9 {
		t.Errorf("Random(Uniform(10, 20)): draws in [%g, %g], want spread over [10, 20]", lo, hi)
	}
}
