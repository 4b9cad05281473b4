package networks

import (
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// Benchmark is one of the benchmark networks of Brette et al. (2007),
// "Simulation of networks of spiking neurons: a review of tools and
// strategies", as Brian's examples define them: N LIF neurons, 80 %
// excitatory and 20 % inhibitory, τ_m = 20 ms, C_m = 200 pF, V_th = −50 mV,
// V_reset = −60 mV, t_ref = 5 ms, random initial V in [V_reset, V_th), and
// one-step synaptic delays.
//
//   - CUBA (Kind CurrentKind): E_L = −49 mV (the neurons fire on their own);
//     current receptors τ_e = 5 ms, τ_i = 10 ms; w_e = 16.2 pA and
//     w_i = −90 pA (Brian's 1.62 mV and −9 mV times g_L = 10 nS).
//   - COBA (Kind ConductanceKind): E_L = −60 mV; conductance receptors with
//     E_e = 0 mV, E_i = −80 mV, τ_e = 5 ms, τ_i = 10 ms; w_e = 6 nS,
//     w_i = 67 nS; initial g_e ~ N(40, 15) nS and g_i ~ N(200, 120) nS,
//     clipped at 0, start the activity. Whether it then sustains itself
//     depends on the seed (the network is bistable, in Brian2 too).
//   - Delta (Kind DeltaKind): CUBA with the same charge per spike delivered
//     as a jump: w_e = 1.62·τ_e/τ_m = 0.405 mV, w_i = −9·τ_i/τ_m = −4.5 mV.
//
// The receptors are "e" and "i". Connectivity is FixedProbability{P} (P =
// 0.02 in the paper) or, when K > 0, FixedInDegree with K excitatory and
// K/4 inhibitory partners.
type Benchmark struct {
	Kind snn.ReceptorKind
	N    int     // neurons (4000 in the paper); N/5 are inhibitory
	P    float64 // connection probability when K = 0
	K    int     // excitatory in-degree (inhibitory: K/4), or 0 to use P
	Dt   float64 // ms
	Seed uint64
}

// Build returns the network and its excitatory and inhibitory populations
// "E" and "I", ready for monitors, or an error naming N or Kind; the first
// Run validates the rest (Dt, P, K) and allocates the network.
func (b Benchmark) Build() (net *snn.Network, e, i *snn.Population, err error) {
	if b.N < 5 {
		return nil, nil, nil, &param.Error{Object: "Benchmark", Param: "N", Value: b.N, Want: "≥ 5"}
	}
	m := snn.LIF{TauM: 20, CM: 200, EL: -49, VTh: -50, VReset: -60, TRef: 5}
	var re, ri snn.Receptor
	var we, wi float64
	switch b.Kind {
	case snn.CurrentKind:
		re, ri, we, wi = snn.CurrentExp("e", 5), snn.CurrentExp("i", 10), 16.2, -90
	case snn.ConductanceKind:
		m.EL = -60
		re, ri, we, wi = snn.ConductanceExp("e", 5, 0), snn.ConductanceExp("i", 10, -80), 6, 67
	case snn.DeltaKind:
		re, ri, we, wi = snn.Delta("e"), snn.Delta("i"), 1.62*5/20, -9.0*10/20
	default:
		return nil, nil, nil, &param.Error{Object: "Benchmark", Param: "Kind", Value: b.Kind, Want: "DeltaKind, CurrentKind or ConductanceKind"}
	}
	net = snn.New(b.Dt, b.Seed)
	nI := b.N / 5
	e = net.AddPopulation("E", b.N-nI, m, re, ri)
	i = net.AddPopulation("I", nI, m, re, ri)
	for _, p := range []*snn.Population{e, i} {
		uniformV(p, m.VReset)
		if b.Kind == snn.ConductanceKind {
			p.SetSyn("e", snn.Random(atLeastZero{distuv.Normal{Mu: 40, Sigma: 15}}))
			p.SetSyn("i", snn.Random(atLeastZero{distuv.Normal{Mu: 200, Sigma: 120}}))
		}
	}
	rule := func(pre *snn.Population) snn.Connector {
		if b.K > 0 {
			if pre == e {
				return snn.FixedInDegree{K: b.K}
			}
			return snn.FixedInDegree{K: b.K / 4}
		}
		return snn.FixedProbability{P: b.P}
	}
	for _, post := range []*snn.Population{e, i} {
		net.Connect(e, post, rule(e), snn.Synapse{Receptor: "e", Weight: snn.Const(we), Delay: snn.Const(b.Dt)})
		net.Connect(i, post, rule(i), snn.Synapse{Receptor: "i", Weight: snn.Const(wi), Delay: snn.Const(b.Dt)})
	}
	return net, e, i, nil
}

// atLeastZero is a distribution clipped at 0 (conductances are never
// negative).
type atLeastZero struct{ snn.Distribution }

func (d atLeastZero) Quantile(p float64) float64 { return max(0, d.Distribution.Quantile(p)) }
