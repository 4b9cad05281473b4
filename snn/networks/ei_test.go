package networks

import (
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
)

func TestEIBuildsWhatItSays(t *testing.T) {
	c := EI{NE: 400, NI: 100, Model: snn.DefaultLIF(), Kind: snn.CurrentKind, Rule: snn.FixedInDegree{K: 40}, J: 10, G: 5, Delay: 1.5,
		Drive: snn.NoisyCurrent{Mean: snn.Const(350), Sigma: 100}, Seed: 1}
	net, e, i, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	sp := net.MonitorSpikes(e)
	if err := net.Run(300); err != nil {
		t.Fatal(err)
	}
	prs := net.Projections()
	if len(prs) != 4 {
		t.Fatalf("%d projections, want 4", len(prs))
	}
	// E→E: K = 40 excitatory partners; I→E: K·NI/NE = 10 inhibitory ones.
	for k, want := range map[int]int{0: 40, 1: 10, 2: 40, 3: 10} {
		for _, d := range prs[k].InDegrees() {
			if d != want {
				t.Fatalf("%s: in-degree %d, want %d", prs[k].Name(), d, want)
			}
		}
	}
	if w := prs[1].Weight(); w != -50 {
		t.Errorf("inhibitory weight %g, want −G·J = −50", w)
	}
	s, err := analysis.Summarize(sp.Trains(), 100, 300)
	if err != nil || s.Rate <= 0 {
		t.Errorf("Summarize = %v, %v; want an active network", s, err)
	}
	if i.Size() != 100 {
		t.Errorf("I size %d", i.Size())
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
