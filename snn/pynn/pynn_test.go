package pynn

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
)

// pynnAdaptive is the adaptive neuron of the PyNN round trip: DefaultLIF
// with a = 1 nS, b = 10 pA, τ_w = 100 ms.
func pynnAdaptive() snn.AdaptiveLIF {
	return snn.AdaptiveLIF{LIF: snn.DefaultLIF(), A: 1, B: 10, TauW: 100}
}

// pynnEI adds to net an E/I network of 800 + 200 neurons of model m (nil:
// DefaultLIF) with receptors of one kind, replica r: E→* fixed in-degree
// 80, I→* fixed probability 0.1, delays 1.5 ms (E) and 0.8–2 ms per
// synapse (I), a constant current per neuron and a random initial V (both
// exported as data). Its populations are "E"+tag and "I"+tag, tag the
// kind (or "adaptive" when m is an AdaptiveLIF) and r.
func pynnEI(net *snn.Network, kind snn.ReceptorKind, m snn.Model, r int) (e, i *snn.Population) {
	var ex, in snn.Receptor
	var je, ji float64
	switch kind {
	case snn.CurrentKind:
		ex, in, je, ji = snn.CurrentExp("ex", 2), snn.CurrentExp("in", 2), 30, -150
	case snn.ConductanceKind:
		ex, in, je, ji = snn.ConductanceExp("ex", 2, 0), snn.ConductanceExp("in", 2, -80), 0.6, 10
	default:
		ex, in, je, ji = snn.Delta("ex"), snn.Delta("in"), 0.2, -1
	}
	name := fmt.Sprintf("%v%d", kind, r)
	if m == nil {
		m = snn.DefaultLIF()
	} else if _, ok := m.(snn.AdaptiveLIF); ok {
		name = fmt.Sprintf("adaptive%d", r)
	}
	e = net.AddPopulation("E"+name, 800, m, ex, in)
	i = net.AddPopulation("I"+name, 200, m, ex, in)
	for _, p := range []*snn.Population{e, i} {
		p.SetV(snn.Random(distuv.Uniform{Min: -70, Max: -56}))
		net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Random(distuv.Uniform{Min: 330, Max: 450})})
		net.Connect(e, p, snn.FixedInDegree{K: 80}, snn.Synapse{Receptor: "ex", Weight: snn.Const(je), Delay: snn.Const(1.5)})
		net.Connect(i, p, snn.FixedProbability{P: 0.1}, snn.Synapse{Receptor: "in", Weight: snn.Const(ji),
			Delay: snn.Random(distuv.Uniform{Min: 0.8, Max: 2})})
		net.MonitorSpikes(p)
	}
	return e, i
}

// runBoth exports net for dur ms into a new folder, runs it on snn, then
// runs network.py there with args and env, and returns the folder; a
// failure of any of them ends the test.
func runBoth(t *testing.T, net *snn.Network, dur float64, env []string, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: dur}); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(dur); err != nil {
		t.Fatal(err)
	}
	if out, err := networkPy(dir, env, args...).CombinedOutput(); err != nil {
		t.Fatalf("network.py %v: %v\n%s", args, err, out)
	}
	return dir
}

// summaries returns the summaries over [t0, dur) of snn's spikes of m and
// of those network.py recorded of the same source in dir.
func summaries(t *testing.T, dir string, m *snn.SpikeMonitor, t0, dur float64) (mine, theirs analysis.Summary) {
	t.Helper()
	tr, err := ReadTrains(dir, m.Source().Name())
	if err != nil {
		t.Fatal(err)
	}
	mine, err = analysis.Summarize(m.Trains(), t0, dur)
	if err == nil {
		theirs, err = analysis.Summarize(tr, t0, dur)
	}
	if err != nil {
		t.Fatal(err)
	}
	return mine, theirs
}

// tagged returns the receptor kind and model of a replica tag of the round
// trips: "current", "conductance" or "adaptive" (conductance receptors).
func tagged(tag string) (snn.ReceptorKind, snn.Model) {
	switch tag {
	case "current":
		return snn.CurrentKind, nil
	case "adaptive":
		return snn.ConductanceKind, pynnAdaptive()
	}
	return snn.ConductanceKind, nil
}
