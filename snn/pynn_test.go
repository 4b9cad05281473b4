package snn

import (
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"
)

// pynnAdaptive is the adaptive neuron of the PyNN round trip: DefaultLIF
// with a = 1 nS, b = 10 pA, τ_w = 100 ms.
func pynnAdaptive() AdaptiveLIF { return AdaptiveLIF{LIF: DefaultLIF(), A: 1, B: 10, TauW: 100} }

// pynnEI adds to net an E/I network of 800 + 200 neurons of model m (nil:
// DefaultLIF) with receptors of one kind, replica r: E→* fixed in-degree
// 80, I→* fixed probability 0.1, delays 1.5 ms (E) and 0.8–2 ms per
// synapse (I), a constant current per neuron and a random initial V (both
// exported as data). Its populations are "E"+tag and "I"+tag, tag the
// kind (or "adaptive" when m is an AdaptiveLIF) and r.
func pynnEI(net *Network, kind ReceptorKind, m Model, r int) (e, i *Population) {
	var ex, in Receptor
	var je, ji float64
	switch kind {
	case CurrentKind:
		ex, in, je, ji = CurrentExp("ex", 2), CurrentExp("in", 2), 30, -150
	case ConductanceKind:
		ex, in, je, ji = ConductanceExp("ex", 2, 0), ConductanceExp("in", 2, -80), 0.6, 10
	default:
		ex, in, je, ji = Delta("ex"), Delta("in"), 0.2, -1
	}
	name := fmt.Sprintf("%v%d", kind, r)
	if m == nil {
		m = DefaultLIF()
	} else if _, ok := m.(AdaptiveLIF); ok {
		name = fmt.Sprintf("adaptive%d", r)
	}
	e = net.AddPopulation("E"+name, 800, m, ex, in)
	i = net.AddPopulation("I"+name, 200, m, ex, in)
	for _, p := range []*Population{e, i} {
		p.SetV(Random(distuv.Uniform{Min: -70, Max: -56}))
		net.Inject(p, ConstantCurrent{Amplitude: Random(distuv.Uniform{Min: 330, Max: 450})})
		net.Connect(e, p, FixedInDegree{K: 80}, Synapse{Receptor: "ex", Weight: Const(je), Delay: Const(1.5)})
		net.Connect(i, p, FixedProbability{P: 0.1}, Synapse{Receptor: "in", Weight: Const(ji),
			Delay: Random(distuv.Uniform{Min: 0.8, Max: 2})})
		net.MonitorSpikes(p)
	}
	return e, i
}
