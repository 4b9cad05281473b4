package networks

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestEIBuildsWhatItSays: for every receptor kind, the network holds what
// EI's doc says: populations "E" and "I" of NE and NI neurons with
// receptors "exc" and "inh" (τ 5 and 10 ms by default, reversal 0 and
// −80 mV for conductances), initial V in [V_reset, V_th), four
// projections E→E, I→E, E→I, I→I onto the right receptors with in-degrees
// K and K·NI/NE, weights J and −G·J (or G·J for conductances) and the
// default delay of 1.5 ms, the drive injected into both, dt 0.1 ms by
// default and the seed given.
func TestEIBuildsWhatItSays(t *testing.T) {
	for _, kind := range []snn.ReceptorKind{snn.DeltaKind, snn.CurrentKind, snn.ConductanceKind} {
		drive := snn.NoisyCurrent{Mean: snn.Const(350), Sigma: 100}
		c := EI{NE: 400, NI: 100, Model: snn.DefaultLIF(), Kind: kind, Rule: snn.FixedInDegree{K: 40}, J: 0.5, G: 5, Drive: drive, Seed: 7}
		net, e, i, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		if err := net.Build(); err != nil {
			t.Fatal(err)
		}
		if net.Dt() != 0.1 || net.Seed() != 7 {
			t.Errorf("%v: dt %g ms, seed %d; want 0.1 and 7", kind, net.Dt(), net.Seed())
		}
		wantRecs := map[snn.ReceptorKind][]snn.Receptor{
			snn.DeltaKind:       {snn.Delta("exc"), snn.Delta("inh")},
			snn.CurrentKind:     {snn.CurrentExp("exc", 5), snn.CurrentExp("inh", 10)},
			snn.ConductanceKind: {snn.ConductanceExp("exc", 5, 0), snn.ConductanceExp("inh", 10, -80)},
		}[kind]
		for _, c := range []struct {
			p    *snn.Population
			name string
			n    int
		}{{e, "E", 400}, {i, "I", 100}} {
			if c.p.Name() != c.name || c.p.Size() != c.n || !reflect.DeepEqual(c.p.Receptors(), wantRecs) {
				t.Errorf("%v: population %q of %d with %v, want %q of %d with %v", kind, c.p.Name(), c.p.Size(), c.p.Receptors(), c.name, c.n, wantRecs)
			}
			if lo, hi := slices.Min(c.p.State("V")), slices.Max(c.p.State("V")); lo < -70 || hi >= -55 || hi-lo < 14 {
				t.Errorf("%v: initial V of %s in [%g, %g], want spread over [V_reset, V_th) = [-70, -55)", kind, c.name, lo, hi)
			}
			if in := c.p.Inputs(); !reflect.DeepEqual(in, []snn.Input{drive}) {
				t.Errorf("%v: inputs of %s %v, want the drive", kind, c.name, in)
			}
		}
		wI := -5 * 0.5
		if kind == snn.ConductanceKind {
			wI = 5 * 0.5
		}
		prs := net.Projections()
		if len(prs) != 4 {
			t.Fatalf("%v: %d projections, want 4", kind, len(prs))
		}
		for k, want := range []struct {
			pre, post *snn.Population
			rec       string
			k         int
			w         float64
		}{{e, e, "exc", 40, 0.5}, {i, e, "inh", 10, wI}, {e, i, "exc", 40, 0.5}, {i, i, "inh", 10, wI}} {
			pr := prs[k]
			if pr.Pre() != snn.SpikeSource(want.pre) || pr.Post() != want.post || pr.Receptor() != want.rec || pr.Weight() != want.w {
				t.Errorf("%v: projection %d: %s, weight %g; want %s→%s:%s, weight %g", kind, k, pr.Name(), pr.Weight(), want.pre.Name(), want.post.Name(), want.rec, want.w)
			}
			if lo, hi := pr.Delays(); lo != 1.5 || hi != 1.5 {
				t.Errorf("%v: %s: delays [%g, %g] ms, want 1.5", kind, pr.Name(), lo, hi)
			}
			for _, d := range pr.InDegrees() {
				if d != want.k {
					t.Fatalf("%v: %s: in-degree %d, want %d", kind, pr.Name(), d, want.k)
				}
			}
		}
	}
}

// TestEIErrors: Build names every parameter it cannot build with, and
// builds nothing.
func TestEIErrors(t *testing.T) {
	good := EI{NE: 8, NI: 2, Model: snn.DefaultLIF(), Rule: snn.AllToAll{}, J: 1, G: 4}
	for _, c := range []struct {
		change func(*EI)
		param  string
	}{
		{func(c *EI) { c.NI = 0 }, "NE, NI"},
		{func(c *EI) { c.Model = nil }, "Model"},
		{func(c *EI) { c.Kind = 7 }, "Kind"},
		{func(c *EI) { c.Rule = nil }, "Rule"},
		{func(c *EI) { c.J = math.NaN() }, "J"},
		{func(c *EI) { c.G = math.Inf(1) }, "G"},
	} {
		bad := good
		c.change(&bad)
		net, e, i, err := bad.Build()
		paramtest.WantError(t, c.param, err, "EI", c.param)
		if net != nil || e != nil || i != nil {
			t.Errorf("%s: built %v, %v, %v; want nothing", c.param, net, e, i)
		}
	}
}

// TestEIModelI: ModelI, when set, is the inhibitory neurons' model.
func TestEIModelI(t *testing.T) {
	m := snn.DefaultAdaptiveLIF()
	_, e, i, err := EI{NE: 8, NI: 2, Model: m, ModelI: snn.DefaultLIF(), Rule: snn.FixedProbability{P: 0.5}, J: 0.1, G: 4}.Build()
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := e.Model().(snn.AdaptiveLIF); !ok || got != m {
		t.Errorf("E model %#v, want %#v", e.Model(), m)
	}
	if got, ok := i.Model().(snn.LIF); !ok || got != snn.DefaultLIF() {
		t.Errorf("I model %#v, want DefaultLIF", i.Model())
	}
}
