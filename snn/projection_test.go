package snn

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestProjectionView: Pre, Post and Receptor are what Connect was given;
// Edges lists, in the order of Synapses, the same synapses Synapses and
// Targets give, and stops when asked; Delays bounds the delays.
func TestProjectionView(t *testing.T) {
	net := New(0.1, 3)
	p := net.AddPopulation("P", 50, DefaultLIF(), CurrentExp("e", 5), CurrentExp("i", 10))
	g := net.AddSpikeGenerator("g", 10, []int32{1}, []float64{1})
	shared := net.Connect(g, p, FixedInDegree{K: 3}, Synapse{Receptor: "e", Weight: Const(7), Delay: Const(1.5)})
	drawn := net.Connect(p, p, FixedProbability{P: 0.2}, Synapse{Receptor: "i", Weight: Random(distuv.Uniform{Min: -3, Max: -1}),
		Delay: Random(distuv.Uniform{Min: 0.5, Max: 2.5})})
	empty := net.Connect(p, p, FixedProbability{P: 0}, Synapse{Receptor: "e", Weight: Const(1), Delay: Random(distuv.Uniform{Min: 1, Max: 2})})
	if shared.Pre() != SpikeSource(g) || shared.Post() != p || shared.Receptor() != "e" || drawn.Pre() != SpikeSource(p) || drawn.Receptor() != "i" {
		t.Fatalf("Pre, Post, Receptor: %v %v %q, %v %q", shared.Pre(), shared.Post(), shared.Receptor(), drawn.Pre(), drawn.Receptor())
	}
	for e := range shared.Edges() {
		t.Fatalf("Edges before Build: %+v, want none", e)
	}
	if lo, hi := shared.Delays(); lo != 0 || hi != 0 {
		t.Errorf("Delays before Build = %g, %g; want 0, 0", lo, hi)
	}
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pr     *Projection
		lo, hi float64 // the delays' bounds
	}{{shared, 1.5, 1.5}, {drawn, 0.5, 2.5}, {empty, 0, 0}} {
		s, err := c.pr.Synapses()
		if err != nil {
			t.Fatal(err)
		}
		var got SynapseList
		for e := range c.pr.Edges() {
			got.Pre, got.Post = append(got.Pre, e.Pre), append(got.Post, e.Post)
			got.Weight, got.Delay = append(got.Weight, e.Weight), append(got.Delay, e.Delay)
		}
		if len(got.Pre) != c.pr.Len() || !slices.Equal(got.Pre, s.Pre) || !slices.Equal(got.Post, s.Post) ||
			!slices.Equal(got.Weight, s.Weight) || !slices.Equal(got.Delay, s.Delay) {
			t.Errorf("%s: Edges (%d) differ from Synapses (%d)", c.pr.Name(), len(got.Pre), len(s.Pre))
		}
		for k, i := range got.Pre {
			if k == 0 || got.Pre[k-1] != i {
				if targets := c.pr.Targets(int(i)); !reflect.DeepEqual(targets, got.Post[k:k+len(targets)]) {
					t.Errorf("%s: row %d: Edges %v, Targets %v", c.pr.Name(), i, got.Post[k:k+len(targets)], targets)
				}
			}
		}
		lo, hi := c.pr.Delays()
		if c.pr.Len() > 0 {
			lo, hi = math.Inf(1), math.Inf(-1)
			for _, d := range got.Delay {
				lo, hi = min(lo, d), max(hi, d)
			}
			if a, b := c.pr.Delays(); a != lo || b != hi {
				t.Errorf("%s: Delays = %g, %g; want the synapses' %g, %g", c.pr.Name(), a, b, lo, hi)
			}
		}
		if lo < c.lo-1e-12 || hi > c.hi+1e-12 || (c.pr != drawn && (lo != c.lo || hi != c.hi)) {
			t.Errorf("%s: delays in [%g, %g], want in [%g, %g]", c.pr.Name(), lo, hi, c.lo, c.hi)
		}
	}
	if empty.Len() != 0 {
		t.Fatalf("P = 0: %d synapses", empty.Len())
	}
	n := 0
	for range drawn.Edges() {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("Edges stopped after %d synapses, want 3", n)
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
		for i := range a.v {
			if math.Float64bits(a.v[i]) != math.Float64bits(b.v[i]) {
				t.Fatalf("%v: neuron %d: V = %v with zero-weight synapses, %v without", kind, i, b.v[i], a.v[i])
			}
		}
	}
}

func TestScaling(t *testing.T) {
	for _, c := range []struct {
		s    Scaling
		want string
	}{{NoScaling, "J"}, {ScaleByN, "J/N"}, {ScaleByPN, "J/(pN)"}, {ScaleByK, "J/K"}, {ScaleBySqrtK, "J/√K"}, {-2, "Scaling(-2)"}, {5, "Scaling(5)"}} {
		if got := c.s.String(); got != c.want {
			t.Errorf("Scaling(%d).String() = %q, want %q", int(c.s), got, c.want)
		}
	}
	// The weights each scaling gives: 100 presynaptic neurons, p = 0.2
	// (mean in-degree 20), J = 8.
	for _, c := range []struct {
		s    Scaling
		want float64
	}{{NoScaling, 8}, {ScaleByN, 8.0 / 100}, {ScaleByPN, 8 / (0.2 * 100)}, {ScaleByK, 8.0 / 20}, {ScaleBySqrtK, 8 / math.Sqrt(20)}} {
		net := New(0.1, 1)
		p := net.AddPopulation("P", 100, DefaultLIF(), Delta("d"))
		pr := net.Connect(p, p, FixedProbability{P: 0.2, Autapses: true}, Synapse{Receptor: "d", Weight: Const(8), Scale: c.s})
		if err := net.Build(); err != nil {
			t.Fatal(err)
		}
		if got := pr.Weight(); math.Abs(got-c.want) > 1e-15*c.want {
			t.Errorf("%v: weight %v, want %v", c.s, got, c.want)
		}
	}
}
