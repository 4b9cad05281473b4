package snn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

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

// NoisyCurrent injects a mean current plus Gaussian white noise:
//
//	I(t) = Mean + Sigma·√(2τ_m)·ξ(t),  ⟨ξ(t)ξ(t')⟩ = δ(t − t'),
//
// the current form of Brian2's `σ·√(2/τ)·xi` term. Sigma (pA) is chosen so
// that, with the threshold out of reach, the membrane potential of a neuron
// with current or delta receptors fluctuates around E_L + R·Mean with
// standard deviation exactly R·Sigma (mV) at any dt: within a step the
// current is constant, Mean + Sigma·√((1+e^(−dt/τ))/(1−e^(−dt/τ)))·ξ_n with
// ξ_n standard normal, which is the σ·√(2τ/dt) convention corrected to be
// exact on the grid. In Brunel's notation (τ dV/dt = −V + μ + σ√τ·ξ) this is
// μ = E_L + R·Mean and σ = √2·R·Sigma. Each neuron gets independent noise;
// Sigma = 0 gives exactly ConstantCurrent{Mean}.
type NoisyCurrent struct {
	Mean  Value   // pA: Const, Slice (per neuron) or Random (drawn once per neuron)
	Sigma float64 // pA, ≥ 0
}

func (in NoisyCurrent) check(c *checker, p *Population) {
	in.Mean.check(c, "NoisyCurrent Mean", p.n, true, " pA")
	c.nonNegative("NoisyCurrent Sigma", in.Sigma, " pA")
}

func (in NoisyCurrent) start(n *Network, p *Population, id uint64) driver {
	p22 := math.Exp(-n.dt / p.model.membrane().TauM)
	return &noisy{
		mean:    in.Mean.fill(nil, p.n, n.stream(streamInput, id, 1<<32)),
		scale:   in.Sigma * math.Sqrt((1+p22)/(1-p22)),
		streams: blockStreams(n, id, p),
	}
}

type noisy struct {
	mean    []float64
	scale   float64
	streams []*rand.Rand
}

func (d *noisy) apply(p *Population, b, lo, hi int, _ int64) {
	iext, g := p.Iext[lo:hi], d.streams[b]
	for i, m := range d.mean[lo:hi] {
		iext[i] += m
		if d.scale != 0 {
			iext[i] += d.scale * g.NormFloat64()
		}
	}
}

// blockStreams returns one random stream per block of p for input id.
func blockStreams(n *Network, id uint64, p *Population) []*rand.Rand {
	s := make([]*rand.Rand, len(p.blocks))
	for b := range s {
		s[b] = n.stream(streamInput, id, uint64(b))
	}
	return s
}

// OUCurrent injects coloured noise: an Ornstein–Uhlenbeck current per
// neuron with mean Mean (pA), stationary standard deviation Sigma (pA) and
// correlation time Tau (ms), updated exactly:
// I ← Mean + (I − Mean)·e^(−dt/τ) + Sigma·√(1 − e^(−2dt/τ))·ξ. It starts
// from its stationary distribution.
type OUCurrent struct {
	Mean  float64 // pA
	Sigma float64 // pA, ≥ 0
	Tau   float64 // ms, > 0
}

func (in OUCurrent) check(c *checker, _ *Population) {
	c.finite("OUCurrent Mean", in.Mean, " pA")
	c.nonNegative("OUCurrent Sigma", in.Sigma, " pA")
	c.positive("OUCurrent Tau", in.Tau, " ms")
}

func (in OUCurrent) start(n *Network, p *Population, id uint64) driver {
	d := &ou{in: in, decay: math.Exp(-n.dt / in.Tau), streams: blockStreams(n, id, p), I: make([]float64, p.n)}
	d.kick = in.Sigma * math.Sqrt(-math.Expm1(-2*n.dt/in.Tau))
	g := n.stream(streamInput, id, 1<<32)
	for i := range d.I {
		d.I[i] = in.Mean + in.Sigma*g.NormFloat64()
	}
	return d
}

type ou struct {
	in          OUCurrent
	decay, kick float64
	streams     []*rand.Rand
	I           []float64
}

func (d *ou) apply(p *Population, b, lo, hi int, _ int64) {
	iext, g, m := p.Iext[lo:hi], d.streams[b], d.in.Mean
	I := d.I[lo:hi]
	for i := range I {
		iext[i] += I[i]
		I[i] = m + (I[i]-m)*d.decay + d.kick*g.NormFloat64()
	}
}

// RandomCurrent gives each neuron a current drawn from Dist (pA) and draws
// a new value every Period ms (piecewise constant); Period 0 keeps the
// first draw for the whole run (then it equals ConstantCurrent{Random(Dist)}).
type RandomCurrent struct {
	Dist   Distribution
	Period float64 // ms; 0 or a whole number of steps
}

func (in RandomCurrent) check(c *checker, p *Population) {
	if in.Dist == nil {
		c.fail("RandomCurrent Dist", nil, "a distribution (e.g. distuv.Normal)")
		return
	}
	Random(in.Dist).check(c, "RandomCurrent Dist", p.n, true, " pA")
	k := in.Period / p.net.dt
	if !isFinite(in.Period) || in.Period < 0 || (in.Period > 0 && (math.Abs(k-math.Round(k)) > 1e-6*max(1, k) || math.Round(k) < 1)) {
		c.fail("RandomCurrent Period", in.Period, fmt.Sprintf("0 or a positive whole number of steps of dt = %g ms", p.net.dt))
	}
}

func (in RandomCurrent) start(n *Network, p *Population, id uint64) driver {
	d := &randomCurrent{v: Random(in.Dist), streams: blockStreams(n, id, p), I: make([]float64, p.n)}
	if in.Period > 0 {
		d.period = int64(math.Round(in.Period / n.dt))
	}
	return d
}

type randomCurrent struct {
	v       Value
	period  int64
	streams []*rand.Rand
	I       []float64
}

func (d *randomCurrent) apply(p *Population, b, lo, hi int, s int64) {
	I, g := d.I[lo:hi], d.streams[b]
	if s == 0 || (d.period > 0 && s%d.period == 0) {
		for i := range I {
			I[i] = d.v.draw(g)
		}
	}
	iext := p.Iext[lo:hi]
	for i, x := range I {
		iext[i] += x
	}
}

// TimedCurrent injects the same current into every neuron, stepping to
// Values[k] (pA) at Times[k] (ms) and holding it until the next time. Before
// Times[0] the current is 0. A step current from t1 to t2 is
// TimedCurrent{Times: {t1, t2}, Values: {I, 0}}.
type TimedCurrent struct {
	Times  []float64 // ms, strictly increasing, ≥ 0
	Values []float64 // pA
}

func (in TimedCurrent) check(c *checker, _ *Population) {
	if len(in.Times) == 0 || len(in.Times) != len(in.Values) {
		c.fail("TimedCurrent len(Times)", len(in.Times), fmt.Sprintf("≥ 1 and equal to len(Values) = %d", len(in.Values)))
		return
	}
	for k, t := range in.Times {
		if !isFinite(t) || t < 0 || (k > 0 && t <= in.Times[k-1]) {
			c.fail(fmt.Sprintf("TimedCurrent Times[%d]", k), t, "finite, ≥ 0 and > the previous time (strictly increasing)")
			return
		}
		c.finite(fmt.Sprintf("TimedCurrent Values[%d]", k), in.Values[k], " pA")
	}
}

func (in TimedCurrent) start(n *Network, _ *Population, _ uint64) driver {
	d := &timed{}
	for k, t := range in.Times {
		d.steps = append(d.steps, int64(math.Round(t/n.dt)))
		d.values = append(d.values, in.Values[k])
	}
	return d
}

type timed struct {
	steps  []int64
	values []float64
}

// at returns the current during step s: the last value whose step ≤ s.
func (d *timed) at(s int64) float64 {
	k := sort.Search(len(d.steps), func(k int) bool { return d.steps[k] > s }) - 1
	if k < 0 {
		return 0
	}
	return d.values[k]
}

func (d *timed) apply(p *Population, _, lo, hi int, s int64) {
	x := d.at(s)
	iext := p.Iext[lo:hi]
	for i := range iext {
		iext[i] += x
	}
}

// PoissonInput drives a receptor with N independent Poisson sources of
// Rate Hz each, of weight Weight (mV, pA or nS by receptor kind): in each
// step every neuron receives a Poisson(N·Rate·dt) count of arrivals, like
// Brian2's PoissonInput. Arrivals take effect in the same step, as spikes
// arriving through a projection do.
type PoissonInput struct {
	Receptor string
	N        int     // sources per neuron, ≥ 1
	Rate     float64 // Hz per source, ≥ 0
	Weight   float64
}

func (in PoissonInput) check(c *checker, p *Population) {
	if k := p.receptor(in.Receptor); k < 0 {
		c.fail("PoissonInput Receptor", quote(in.Receptor), "the name of a receptor of the population")
	}
	if in.N < 1 {
		c.fail("PoissonInput N", in.N, "≥ 1 source")
	}
	c.nonNegative("PoissonInput Rate", in.Rate, " Hz")
	c.finite("PoissonInput Weight", in.Weight, "")
}

func (in PoissonInput) start(n *Network, p *Population, id uint64) driver {
	return &poisson{rec: p.receptor(in.Receptor), w: in.Weight,
		lambda: float64(in.N) * in.Rate * n.dt * 1e-3, streams: blockStreams(n, id, p)}
}

type poisson struct {
	rec     int
	w       float64
	lambda  float64
	streams []*rand.Rand
}

func (d *poisson) apply(p *Population, b, lo, hi int, s int64) {
	if d.lambda == 0 {
		return
	}
	slot := p.rings[d.rec].at(s)[lo:hi]
	dist := distuv.Poisson{Lambda: d.lambda, Src: d.streams[b]}
	for i := range slot {
		if k := dist.Rand(); k != 0 {
			slot[i] += k * d.w
		}
	}
}
