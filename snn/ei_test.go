package snn

import (
	"math"
	"testing"

	"github.com/snn-sim/snn/snn/analysis"
)

func TestEIBuildsWhatItSays(t *testing.T) {
	c := EI{NE: 400, NI: 100, Model: DefaultLIF(), Kind: CurrentKind, Rule: FixedInDegree{K: 40}, J: 10, G: 5, Delay: 1.5,
		Drive: NoisyCurrent{Mean: Const(350), Sigma: 100}, Seed: 1}
	net, e, i := c.Build()
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

func TestPSPAndMatch(t *testing.T) {
	m := LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -65, TRef: 2}
	// A delta PSP is exactly w, whatever the holding potential.
	T, V, err := PSP(m, Delta("d"), 0.5, -55, 0.1, 50)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := PSPPeak(T, V, -55); math.Abs(a-0.5) > 1e-9 {
		t.Errorf("delta PSP at −55 mV: %g, want 0.5 mV", a)
	}
	// Matched conductance weights reproduce the target at rest.
	for _, r := range []Receptor{ConductanceExp("ampa", 5, 0), ConductanceExp("gaba", 10, -80)} {
		target := 0.5
		if r.ERev < m.EL {
			target = -0.5
		}
		w, err := MatchPSP(m, r, target, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		T, V, _ := PSP(m, r, w, m.EL, 0.1, 100)
		if a, _ := PSPPeak(T, V, m.EL); math.Abs(a/target-1) > 1e-6 || w <= 0 {
			t.Errorf("%s: w = %g nS gives %g mV, want %g (1e-6 rel)", r.Name, w, a, target)
		}
		// The driving force scales the PSP: an excitatory PSP held 10 mV
		// nearer E_rev is smaller by about 10/65.
		if r.ERev == 0 {
			T, V, _ := PSP(m, r, w, -55, 0.1, 100)
			a, _ := PSPPeak(T, V, -55)
			if want := 0.5 * 55.0 / 65.0; math.Abs(a/want-1) > 0.02 {
				t.Errorf("AMPA PSP at −55 mV: %g, want %g ± 2 %% (driving force)", a, want)
			}
		}
	}
}
