package snn

// Model is a neuron model: the parameters of a population's neurons, given
// to Network.AddPopulation. The package has two: LIF and AdaptiveLIF.
//
// A model owns, in its own file, its parameters and their validation, the
// names of its own state variables, and the dynamics Build makes of it for
// one population: its propagators, computed once, and its kernel, which
// integrates the membrane, tests the threshold and resets. The engine sees
// a model only through this interface; doc.go says how to add one.
type Model interface {
	// Validate reports every parameter outside its range; obj names the
	// owner in the message.
	Validate(obj string) error
	// Membrane returns the model's leaky integrate-and-fire membrane: its
	// E_L (the default initial V), V_th (the default threshold), V_reset,
	// t_ref and τ_m (which NoisyCurrent scales its noise with).
	Membrane() LIF

	check(c *checker)
	// stateNames lists the model's own per-neuron state variables, beyond
	// V, VTh, Iext and the receptors' (e.g. "w").
	stateNames() []string
	// dynamics computes the propagators for a population built with time
	// step dt, allocates the model's own state and returns its kernel.
	dynamics(p *Population, dt float64) dynamics
}

// dynamics is a model built for one population.
type dynamics interface {
	// state returns the model's own state, one slice per name of
	// stateNames, in that order.
	state() [][]float64
	// step advances the neurons [lo, hi) of the block out by one step:
	// out.views holds the block's receptors, p.Iext the external current
	// of the step. It decays the synaptic variables and takes their
	// arrivals, integrates the membrane, and calls p.fire for a neuron
	// that reaches its threshold (or is no longer finite).
	step(p *Population, out *blockOut, lo, hi int)
}
