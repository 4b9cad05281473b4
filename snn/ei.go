package snn

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// EI describes a homogeneous excitatory–inhibitory network in the style of
// Brunel (2000): NE excitatory and NI inhibitory neurons of one model (or
// of ModelI for the inhibitory ones), each with an excitatory receptor
// "exc" and an inhibitory receptor "inh" of
// the chosen kind, connected E→E, E→I, I→E, I→I by the same rule.
//
// Rule applies to excitatory presynaptic partners; for inhibitory ones the
// in- and out-degree rules are scaled by NI/NE (FixedInDegree{K} becomes
// K·NI/NE), so every neuron gets the same fraction of each population.
// Weights: excitatory J, inhibitory −G·J (delta: mV, current: pA) or G·J
// onto a reversal potential of ERevI (conductance: nS), both divided
// according to Scale. Drive is injected into both populations.
type EI struct {
	NE, NI int
	Model  Model // the neurons' model
	ModelI Model // the inhibitory neurons' model, if not nil (else Model)
	Kind   ReceptorKind
	TauE   float64 // ms; current and conductance receptors (default 5)
	TauI   float64 // ms (default 10)
	ERevE  float64 // mV; conductance only (default 0)
	ERevI  float64 // mV; conductance only (default −80)
	Rule   Connector
	J      float64
	G      float64
	Scale  Scaling
	Delay  float64 // ms (default 1.5)
	Drive  Input   // may be nil
	Dt     float64 // ms (default 0.1)
	Seed   uint64
}

// Build returns the network with populations "E" and "I" (initial V drawn
// uniformly between V_reset and V_th), ready for monitors; the first Run
// validates and allocates it.
func (c EI) Build() (net *Network, e, i *Population) {
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	def(&c.TauE, 5)
	def(&c.TauI, 10)
	def(&c.ERevI, -80)
	def(&c.Delay, 1.5)
	def(&c.Dt, 0.1)
	var re, ri Receptor
	wI := -c.G * c.J
	switch c.Kind {
	case DeltaKind:
		re, ri = Delta("exc"), Delta("inh")
	case CurrentKind:
		re, ri = CurrentExp("exc", c.TauE), CurrentExp("inh", c.TauI)
	default:
		re, ri = ConductanceExp("exc", c.TauE, c.ERevE), ConductanceExp("inh", c.TauI, c.ERevI)
		wI = c.G * c.J
	}
	net = New(c.Dt, c.Seed)
	mi := c.ModelI
	if mi == nil {
		mi = c.Model
	}
	e = net.AddPopulation("E", c.NE, c.Model, re, ri)
	i = net.AddPopulation("I", c.NI, mi, re, ri)
	for _, post := range []*Population{e, i} {
		if post.model != nil {
			m := post.model.membrane()
			post.SetV(Random(distuv.Uniform{Min: m.VReset, Max: m.VTh}))
		}
		net.Connect(e, post, c.Rule, Synapse{Receptor: "exc", Weight: Const(c.J), Scale: c.Scale, Delay: Const(c.Delay)})
		net.Connect(i, post, scaleRule(c.Rule, float64(c.NI)/float64(max(1, c.NE))), Synapse{Receptor: "inh", Weight: Const(wI), Scale: c.Scale, Delay: Const(c.Delay)})
		if c.Drive != nil {
			net.Inject(post, c.Drive)
		}
	}
	return net, e, i
}

// scaleRule scales the degree of degree-based rules by f (at least 1).
func scaleRule(r Connector, f float64) Connector {
	k := func(x int) int { return max(1, int(math.Round(float64(x)*f))) }
	switch r := r.(type) {
	case FixedInDegree:
		r.K = k(r.K)
		return r
	case FixedOutDegree:
		r.K = k(r.K)
		return r
	case FixedTotal:
		r.N = k(r.N)
		return r
	}
	return r
}
