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
