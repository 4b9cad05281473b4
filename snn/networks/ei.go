package networks

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// EI describes a homogeneous excitatory–inhibitory network in the style of
// Brunel (2000): NE excitatory and NI inhibitory neurons of one model (or
// of ModelI for the inhibitory ones), each with an excitatory receptor
// "exc" and an inhibitory receptor "inh" of the chosen kind, connected
// E→E, I→E, E→I, I→I (in that order) by the same rule.
//
// Rule applies to excitatory presynaptic partners; for inhibitory ones the
// in- and out-degree rules are scaled by NI/NE (FixedInDegree{K} becomes
// K·NI/NE, rounded, at least 1), so every neuron gets the same fraction of
// each population. Weights: excitatory J, inhibitory −G·J (delta: mV,
// current: pA) or G·J onto a reversal potential of ERevI (conductance:
// nS), both divided according to Scale. Drive is injected into both
// populations, E first.
type EI struct {
	NE, NI int
	Model  snn.Model // the neurons' model
	ModelI snn.Model // the inhibitory neurons' model, if not nil (else Model)
	Kind   snn.ReceptorKind
	TauE   float64 // ms; current and conductance receptors (default 5)
	TauI   float64 // ms (default 10)
	ERevE  float64 // mV; conductance only (default 0)
	ERevI  float64 // mV; conductance only (default −80)
	Rule   snn.Connector
	J      float64
	G      float64
	Scale  snn.Scaling
	Delay  float64   // ms (default 1.5)
	Drive  snn.Input // may be nil
	Dt     float64   // ms (default 0.1)
	Seed   uint64
}

// check reports the parameters Build needs: the sizes, the model, the
// receptor kind, the rule and J and G finite. The network checks the rest
// (time constants, delays, dt, the drive) at its first Run.
func (c EI) check() error {
	ch := &param.Checker{Object: "EI"}
	if c.NE < 1 || c.NI < 1 {
		ch.Fail("NE, NI", fmt.Sprintf("%d, %d", c.NE, c.NI), "≥ 1 neuron each")
	}
	if c.Model == nil {
		ch.Fail("Model", nil, "a neuron model (LIF or AdaptiveLIF)")
	}
	switch c.Kind {
	case snn.DeltaKind, snn.CurrentKind, snn.ConductanceKind:
	default:
		ch.Fail("Kind", c.Kind, "DeltaKind, CurrentKind or ConductanceKind")
	}
	if c.Rule == nil {
		ch.Fail("Rule", nil, "a Connector (AllToAll, FixedProbability, FixedInDegree, ...)")
	}
	ch.Finite("J", c.J, "")
	ch.Finite("G", c.G, "")
	return ch.Err()
}

// Build returns the network with populations "E" and "I" (initial V drawn
// uniformly between V_reset and V_th of each population's model), ready
// for monitors, or an error naming a parameter of c; the first Run
// validates the rest and allocates the network.
func (c EI) Build() (net *snn.Network, e, i *snn.Population, err error) {
	if err := c.check(); err != nil {
		return nil, nil, nil, err
	}
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
	var re, ri snn.Receptor
	wI := -c.G * c.J
	switch c.Kind {
	case snn.DeltaKind:
		re, ri = snn.Delta("exc"), snn.Delta("inh")
	case snn.CurrentKind:
		re, ri = snn.CurrentExp("exc", c.TauE), snn.CurrentExp("inh", c.TauI)
	case snn.ConductanceKind:
		re, ri = snn.ConductanceExp("exc", c.TauE, c.ERevE), snn.ConductanceExp("inh", c.TauI, c.ERevI)
		wI = c.G * c.J
	}
	net = snn.New(c.Dt, c.Seed)
	mi := c.ModelI
	if mi == nil {
		mi = c.Model
	}
	e = net.AddPopulation("E", c.NE, c.Model, re, ri)
	i = net.AddPopulation("I", c.NI, mi, re, ri)
	for _, post := range []*snn.Population{e, i} {
		uniformV(post, post.Model().Membrane().VReset)
		net.Connect(e, post, c.Rule, snn.Synapse{Receptor: "exc", Weight: snn.Const(c.J), Scale: c.Scale, Delay: snn.Const(c.Delay)})
		net.Connect(i, post, scaleRule(c.Rule, float64(c.NI)/float64(c.NE)), snn.Synapse{Receptor: "inh", Weight: snn.Const(wI), Scale: c.Scale, Delay: snn.Const(c.Delay)})
		if c.Drive != nil {
			net.Inject(post, c.Drive)
		}
	}
	return net, e, i, nil
}

// uniformV draws the initial V of p uniformly from [lo, V_th) of its
// model.
func uniformV(p *snn.Population, lo float64) {
	p.SetV(snn.Random(distuv.Uniform{Min: lo, Max: p.Model().Membrane().VTh}))
}

// scaleRule scales the degree of degree-based rules by f (at least 1).
func scaleRule(r snn.Connector, f float64) snn.Connector {
	k := func(x int) int { return max(1, int(math.Round(float64(x)*f))) }
	switch r := r.(type) {
	case snn.FixedInDegree:
		r.K = k(r.K)
		return r
	case snn.FixedOutDegree:
		r.K = k(r.K)
		return r
	case snn.FixedTotal:
		r.N = k(r.N)
		return r
	}
	return r
}
