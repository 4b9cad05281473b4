package snn

// An Input drives a population: it writes an external current (pA) into
// Iext, or spike arrivals into a receptor, for each neuron in each step.
// Inputs run inside the population's parallel update, one block of neurons
// at a time; random inputs draw from a stream per (input, block), so their
// values do not depend on the number of workers.
//
// Inputs are attached with Network.Inject. The package's inputs are
// ConstantCurrent, NoisyCurrent, OUCurrent, RandomCurrent, TimedCurrent and
// PoissonInput.
type Input interface {
	// check reports invalid parameters for population p.
	check(c *checker, p *Population)
	// start returns the running form of the input for p; id identifies its
	// random streams.
	start(n *Network, p *Population, id uint64) driver
}

// driver is the running form of an Input.
type driver interface {
	// apply adds the input of neurons [lo, hi) (block b) at step s.
	apply(p *Population, b, lo, hi int, s int64)
}

// ConstantCurrent injects a constant current (pA): the same for every
// neuron (Const), one per neuron (Slice), or a constant drawn per neuron
// from a distribution (Random) once at Build.
type ConstantCurrent struct {
	Amplitude Value // pA
}

func (in ConstantCurrent) check(c *checker, p *Population) {
	in.Amplitude.check(c, "ConstantCurrent Amplitude", p.n, true, " pA")
}

func (in ConstantCurrent) start(n *Network, p *Population, id uint64) driver {
	return perNeuron(in.Amplitude.fill(nil, p.n, n.stream(streamInput, id, 0)))
}

// perNeuron adds a fixed current per neuron.
type perNeuron []float64

func (d perNeuron) apply(p *Population, _, lo, hi int, _ int64) {
	iext := p.Iext[lo:hi]
	for i, x := range d[lo:hi] {
		iext[i] += x
	}
}
