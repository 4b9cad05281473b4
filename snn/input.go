package snn

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
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
	iext := p.iext[lo:hi]
	for i, x := range d[lo:hi] {
		iext[i] += x
	}
}

// NoisyCurrent injects a mean current plus Gaussian white noise:
//
//	I(t) = Mean + Sigma·√(2τ_m)·ξ(t),  ⟨ξ(t)ξ(t')⟩ = δ(t − t'),
//
// the current form of Brian2's `σ·√(2/τ)·xi` term. Within a step the
// current is constant, Mean + Sigma·√((1+e^(−dt/τ_m))/(1−e^(−dt/τ_m)))·ξ_n
// with ξ_n standard normal, drawn anew each step and independently for
// each neuron: the σ·√(2τ/dt) convention corrected to be exact on the
// grid for the LIF. Sigma = 0 gives exactly ConstantCurrent{Mean}.
//
// For a LIF neuron that receives no other input and whose threshold is out
// of reach, Sigma (pA) is the standard deviation of V in units of current:
// V fluctuates around E_L + R·Mean with standard deviation exactly R·Sigma
// (mV) at any dt. In Brunel's notation (τ dV/dt = −V + μ + σ√τ·ξ) this is
// μ = E_L + R·Mean and σ = √2·R·Sigma. For an AdaptiveLIF the current w
// feeds back on V: its mean is E_L + Mean/(g_L + a) and its variance
// (R·Sigma)²/(1 + ε·τ_m/(τ_m + (1+ε)·τ_w)), ε = a/g_L, that of the
// continuous-time system, which the grid approaches as dt → 0; with a = 0
// it is (R·Sigma)² exactly at any dt, for DefaultAdaptiveLIF 0.7 % less.
//
// On a time grid a neuron is seen above threshold only at the grid points,
// so the excursions above threshold between two of them are missed and the
// rate falls short of the first-passage (Siegert) rate, by an amount that
// grows as √dt (for DefaultLIF at dt = 0.1 ms with the mean at threshold,
// −3.5 % when R·Sigma = 2 mV, −6.5 % when it is 8 mV). Bridge turns on a
// correction (off by default; neither NEST nor Brian2 corrects this): a
// free neuron that stays below threshold from V_n to V_{n+1} also fires at
// t_{n+1} with the probability that a Brownian bridge between those two
// values crosses the threshold θ in between,
//
//	p = exp(−2(θ − V_n)(θ − V_{n+1}) / s²),  s² = 2·(R·Sigma)²·dt/τ_m,
//
// where s² is the variance that this input's noise adds to V over one step
// (the membrane's diffusion coefficient 2σ_V²/τ_m times dt, σ_V = R·Sigma).
// The drift and the leak are neglected within the step, which leaves an
// error of higher order in dt. It is for LIF populations only (an error
// otherwise: the w current of an AdaptiveLIF is not in the derivation).
// The draw comes from the input's own stream for the neuron's block, after
// the step's noise, so the results stay independent of the number of
// workers and of the kernel. It accounts for this input's noise only.
type NoisyCurrent struct {
	Mean   Value   // pA: Const, Slice (per neuron) or Random (drawn once per neuron)
	Sigma  float64 // pA, ≥ 0
	Bridge bool    // correct the threshold crossings missed between grid points
}

func (in NoisyCurrent) check(c *checker, p *Population) {
	in.Mean.check(c, "NoisyCurrent Mean", p.n, true, " pA")
	c.NonNegative("NoisyCurrent Sigma", in.Sigma, " pA")
	if _, lif := p.model.(LIF); in.Bridge && !lif {
		c.Fail("NoisyCurrent Bridge", true, fmt.Sprintf("false for a %T population (the correction is derived for the LIF)", p.model))
	}
}

// StepSigma returns the standard deviation (pA) of the current within one
// step of dt ms for a membrane time constant tauM ms:
// Sigma·√((1+e^(−dt/τ_m))/(1−e^(−dt/τ_m))).
func (in NoisyCurrent) StepSigma(dt, tauM float64) float64 {
	p22 := math.Exp(-dt / tauM)
	return in.Sigma * math.Sqrt((1+p22)/(1-p22))
}

func (in NoisyCurrent) start(n *Network, p *Population, id uint64) driver {
	d := &noisy{
		mean:    in.Mean.fill(nil, p.n, n.stream(streamInput, id, 1<<32)),
		scale:   in.StepSigma(n.dt, p.model.Membrane().TauM),
		streams: blockStreams(n, id, p),
	}
	if s := p.model.Membrane().R() * in.Sigma; in.Bridge && s > 0 {
		return &bridged{noisy: d, vPrev: make([]float64, p.n), twoOverS2: 1 / (s * s * n.dt / p.model.Membrane().TauM)}
	}
	return d
}

type noisy struct {
	mean    []float64
	scale   float64
	streams []*rand.Rand
}

// bridged is a noisy input with the Brownian-bridge correction: before the
// step it keeps each free neuron's V_n (NaN for a refractory one), after it
// fires the neurons whose bridge crossed the threshold.
type bridged struct {
	*noisy
	vPrev     []float64
	twoOverS2 float64 // 2/s²
}

func (d *bridged) apply(p *Population, b, lo, hi int, s int64) {
	d.noisy.apply(p, b, lo, hi, s)
	for i := lo; i < hi; i++ {
		d.vPrev[i] = p.v[i]
		if p.refr[i] != 0 {
			d.vPrev[i] = math.NaN()
		}
	}
}

func (d *bridged) correct(p *Population, out *blockOut, b, lo, hi int) {
	g, spikes, k := d.streams[b], out.spikes, 0
	var extra []int32
	for i := lo; i < hi; i++ {
		for k < len(spikes) && int(spikes[k]) < i {
			k++
		}
		v0, v1, th := d.vPrev[i], p.v[i], p.vth[i]
		if v0 != v0 || (k < len(spikes) && int(spikes[k]) == i) || !(v1 < th) {
			continue // refractory at t_n, fired already, or not finite
		}
		if u := g.Float64(); u < math.Exp(-(th-v0)*(th-v1)*d.twoOverS2) {
			p.v[i] = p.vReset
			p.refr[i] = p.refSteps
			extra = append(extra, int32(i))
		}
	}
	if len(extra) > 0 {
		out.spikes = mergeSorted(out.spikes, extra)
	}
}

// mergeSorted returns the ascending union of two ascending, disjoint lists
// (reusing a's storage where it can).
func mergeSorted(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out, i = append(out, a[i]), i+1
		} else {
			out, j = append(out, b[j]), j+1
		}
	}
	out = append(append(out, a[i:]...), b[j:]...)
	return append(a[:0], out...)
}

func (d *noisy) apply(p *Population, b, lo, hi int, _ int64) {
	iext, g := p.iext[lo:hi], d.streams[b]
	for i, m := range d.mean[lo:hi] {
		iext[i] += m
		if d.scale != 0 {
			iext[i] += float64(d.scale * g.NormFloat64())
		}
	}
}

// blockStreams returns one random stream per block of p for input id.
func blockStreams(n *Network, id uint64, p *Population) []*rand.Rand {
	s := make([]*rand.Rand, len(p.blocks))
	for b := range s {
		s[b] = n.liveStream(streamInput, id, uint64(b))
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
	c.Finite("OUCurrent Mean", in.Mean, " pA")
	c.NonNegative("OUCurrent Sigma", in.Sigma, " pA")
	c.Positive("OUCurrent Tau", in.Tau, " ms")
}

func (in OUCurrent) start(n *Network, p *Population, id uint64) driver {
	d := &ou{in: in, decay: math.Exp(-n.dt / in.Tau), streams: blockStreams(n, id, p), I: make([]float64, p.n)}
	d.kick = in.Sigma * math.Sqrt(-math.Expm1(-2*n.dt/in.Tau))
	g := n.stream(streamInput, id, 1<<32)
	for i := range d.I {
		d.I[i] = in.Mean + float64(in.Sigma*g.NormFloat64())
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
	iext, g, m := p.iext[lo:hi], d.streams[b], d.in.Mean
	I := d.I[lo:hi]
	for i := range I {
		iext[i] += I[i]
		I[i] = m + float64((I[i]-m)*d.decay) + float64(d.kick*g.NormFloat64())
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
		c.Fail("RandomCurrent Dist", nil, "a distribution (e.g. distuv.Normal)")
		return
	}
	Random(in.Dist).check(c, "RandomCurrent Dist", p.n, true, " pA")
	k := in.Period / p.net.dt
	if !isFinite(in.Period) || in.Period < 0 || (in.Period > 0 && (math.Abs(k-math.Round(k)) > 1e-6*max(1, k) || math.Round(k) < 1 || k > maxStepCount)) {
		c.Fail("RandomCurrent Period", in.Period, fmt.Sprintf("0 or a positive whole number of steps of dt = %g ms, at most %d steps", p.net.dt, int64(maxStepCount)))
	}
}

func (in RandomCurrent) start(n *Network, p *Population, id uint64) driver {
	d := &randomCurrent{v: Random(in.Dist), id: id, streams: blockStreams(n, id, p), I: make([]float64, p.n)}
	if in.Period > 0 {
		d.period = int64(math.Round(in.Period / n.dt))
	}
	return d
}

type randomCurrent struct {
	v       Value
	id      uint64 // the input's streams, for InputCurrents' replay
	period  int64
	streams []*rand.Rand
	I       []float64
}

func (d *randomCurrent) apply(p *Population, b, lo, hi int, s int64) {
	I := d.I[lo:hi]
	if s == 0 || (d.period > 0 && s%d.period == 0) {
		d.draw(I, d.streams[b])
	}
	iext := p.iext[lo:hi]
	for i, x := range I {
		iext[i] += x
	}
}

// draw draws a new current for each neuron of I from g.
func (d *randomCurrent) draw(I []float64, g *rand.Rand) {
	for i := range I {
		I[i] = d.v.draw(g)
	}
}

// TimedCurrent injects the same current into every neuron, stepping to
// Values[k] (pA) at Times[k] (ms) and holding it until the next time. Before
// Times[0] the current is 0. Each time is rounded to the nearest step; two
// times in one step are an error (the first value would never apply). A step current from t1 to t2 is
// TimedCurrent{Times: {t1, t2}, Values: {I, 0}}.
type TimedCurrent struct {
	Times  []float64 // ms, strictly increasing, ≥ 0
	Values []float64 // pA
}

func (in TimedCurrent) check(c *checker, p *Population) {
	if len(in.Times) == 0 || len(in.Times) != len(in.Values) {
		c.Fail("TimedCurrent len(Times)", len(in.Times), fmt.Sprintf("≥ 1 and equal to len(Values) = %d", len(in.Values)))
		return
	}
	dt := p.net.dt
	for k, t := range in.Times {
		if !isFinite(t) || t < 0 || (k > 0 && t <= in.Times[k-1]) {
			c.Fail(fmt.Sprintf("TimedCurrent Times[%d]", k), t, "finite, ≥ 0 and > the previous time (strictly increasing)")
			return
		}
		if isFinite(dt) && dt > 0 {
			if t/dt > maxStepCount {
				c.Fail(fmt.Sprintf("TimedCurrent Times[%d]", k), t, fmt.Sprintf("≤ %g ms (%d steps of dt = %g ms, the most a network takes)", maxStepCount*dt, int64(maxStepCount), dt))
				return
			}
			if k > 0 && math.Round(t/dt) == math.Round(in.Times[k-1]/dt) {
				c.Fail(fmt.Sprintf("TimedCurrent Times[%d]", k), t, fmt.Sprintf("in a later step than Times[%d] = %g ms (both round to step %d of dt = %g ms, so Values[%d] would never apply)", k-1, in.Times[k-1], int64(math.Round(t/dt)), dt, k-1))
				return
			}
		}
		c.Finite(fmt.Sprintf("TimedCurrent Values[%d]", k), in.Values[k], " pA")
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
	iext := p.iext[lo:hi]
	for i := range iext {
		iext[i] += x
	}
}

// PoissonInput drives a receptor with N independent Poisson sources of
// Rate Hz each, of weight Weight (mV, pA or nS by receptor kind): in each
// step every neuron receives a Poisson(N·Rate·dt) count of arrivals, like
// Brian2's PoissonInput. Arrivals take effect in the same step, as spikes
// arriving through a projection do. Onto a conductance receptor Weight must
// be ≥ 0; a Weight of 0 changes nothing. N·Rate·dt is at most 10^6
// arrivals per neuron and step.
type PoissonInput struct {
	Receptor string
	N        int     // sources per neuron, ≥ 1
	Rate     float64 // Hz per source, ≥ 0
	Weight   float64
}

func (in PoissonInput) check(c *checker, p *Population) {
	if k := p.receptor(in.Receptor); k < 0 {
		c.Fail("PoissonInput Receptor", quote(in.Receptor), "the name of a receptor of the population")
	}
	if in.N < 1 {
		c.Fail("PoissonInput N", in.N, "≥ 1 source")
	}
	c.NonNegative("PoissonInput Rate", in.Rate, " Hz")
	k := p.receptor(in.Receptor)
	unit := ""
	if k >= 0 {
		unit = " " + p.recs[k].Kind.weightUnit()
	}
	if c.Finite("PoissonInput Weight", in.Weight, unit) && k >= 0 && p.recs[k].Kind == ConductanceKind && in.Weight < 0 {
		c.Fail("PoissonInput Weight", in.Weight, fmt.Sprintf("≥ 0 nS (a conductance; receptor %q inhibits or excites through ERev = %g mV)", in.Receptor, p.recs[k].ERev))
	}
	if lambda := float64(in.N) * in.Rate * p.net.dt * 1e-3; in.N >= 1 && isFinite(in.Rate) && !(lambda <= 1e6) {
		c.Fail("PoissonInput Rate", in.Rate, fmt.Sprintf("≤ %g Hz with N = %d and dt = %g ms (at most 1e6 arrivals per step, N·Rate·dt = %g)", 1e9/(float64(in.N)*p.net.dt), in.N, p.net.dt, lambda))
	}
}

func (in PoissonInput) start(n *Network, p *Population, id uint64) driver {
	lambda := float64(in.N) * in.Rate * n.dt * 1e-3
	return &poisson{rec: p.receptor(in.Receptor), w: in.Weight,
		lambda: lambda, counts: newCountSampler(lambda), streams: blockStreams(n, id, p)}
}

type poisson struct {
	rec     int
	w       float64
	lambda  float64
	counts  *countSampler
	streams []*rand.Rand
}

func (d *poisson) apply(p *Population, b, lo, hi int, s int64) {
	if d.lambda == 0 {
		return
	}
	slot, g := p.rings[d.rec].at(s)[lo:hi], d.streams[b]
	for i := range slot {
		if k := d.counts.draw(g); k != 0 {
			slot[i] += float64(k * d.w)
		}
	}
}

// InputCurrents returns the current (pA) that input k of the population
// (in the order of Inputs) gives each neuron, apart from its noise, as the
// built network draws it: pairs (s, I), I[i] being neuron i's current from
// step s until the step of the next pair. ConstantCurrent and NoisyCurrent
// give one pair at step 0 (their amplitudes or means as Build drew them),
// RandomCurrent one per period, on and on (its draws, replayed from fresh
// copies of its streams, so the network's own are untouched), and
// TimedCurrent one per time (its current is 0 before the first). OUCurrent
// and PoissonInput give none, nor does any input before Build or a k out of
// range. I is reused from one pair to the next.
func (p *Population) InputCurrents(k int) iter.Seq2[int64, []float64] {
	return func(yield func(int64, []float64) bool) {
		if k < 0 || k >= len(p.drivers) {
			return
		}
		switch d := p.drivers[k].(type) {
		case perNeuron:
			yield(0, slices.Clone(d))
		case *noisy:
			yield(0, slices.Clone(d.mean))
		case *bridged:
			yield(0, slices.Clone(d.mean))
		case *timed:
			I := make([]float64, p.n)
			for j, s := range d.steps {
				for i := range I {
					I[i] = d.values[j]
				}
				if !yield(s, I) {
					return
				}
			}
		case *randomCurrent:
			I := make([]float64, p.n)
			g := make([]*rand.Rand, len(p.blocks))
			for b := range g {
				g[b] = p.net.stream(streamInput, d.id, uint64(b))
			}
			for s := int64(0); ; s += d.period {
				for b := range g {
					d.draw(I[b*blockSize:min(p.n, (b+1)*blockSize)], g[b])
				}
				if !yield(s, I) || d.period == 0 {
					return
				}
			}
		}
	}
}
