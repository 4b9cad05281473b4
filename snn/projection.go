package snn

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
)

// Scaling divides a projection's weights by a function of its size, the
// usual conventions for keeping input finite as networks grow.
type Scaling int

const (
	NoScaling    Scaling = iota // w = J
	ScaleByN                    // w = J/N, N the presynaptic population size
	ScaleByPN                   // w = J/(p·N), for FixedProbability only
	ScaleByK                    // w = J/K, K the (mean) in-degree of the rule
	ScaleBySqrtK                // w = J/√K
)

// String returns the formula ("J", "J/N", "J/(pN)", "J/K" or "J/√K"), and
// "Scaling(k)" for a value outside the set.
func (s Scaling) String() string {
	if s < NoScaling || s > ScaleBySqrtK {
		return fmt.Sprintf("Scaling(%d)", int(s))
	}
	return [...]string{"J", "J/N", "J/(pN)", "J/K", "J/√K"}[s]
}

// Synapse describes the synapses of a projection.
type Synapse struct {
	// Receptor is the postsynaptic receptor the spikes go to.
	Receptor string
	// Weight J: mV for delta, pA for current, nS for conductance receptors.
	// A constant is shared by all synapses (4 bytes per synapse); a
	// distribution gives each synapse its own float32 weight (8 bytes per
	// synapse). Draws keep the sign of the distribution's median (the
	// distribution is truncated at 0), so excitatory stays excitatory.
	// Onto a conductance receptor a weight is a conductance and must be
	// ≥ 0 (the sign of its effect comes from the receptor's ERev): a
	// negative constant, or a distribution with a negative median (or a
	// median of 0 and draws below 0), is an error. A weight of 0 is
	// allowed: the synapses exist (Len, InDegrees and the memory count
	// them) and change nothing.
	Weight Value
	// Scale divides the weight (J/N, J/K, ...); the default is none.
	Scale Scaling
	// Delay in ms, a whole number of steps of at least one step. The zero
	// Value means one step (dt). A distribution gives per-synapse delays,
	// rounded to the nearest step and at least one step (2 more bytes per
	// synapse).
	Delay Value
}

// Projection is a set of synapses from a spike source onto a receptor of a
// population, stored in compressed sparse rows by presynaptic neuron.
type Projection struct {
	net  *Network
	name string
	pre  SpikeSource
	post *Population
	rule Connector
	syn  Synapse

	rec    int // receptor index in post
	m      csr
	w0     float64   // shared weight (scaled) when w is nil
	w      []float32 // per-synapse weights, or nil
	d0     int       // shared delay in steps when d is nil
	d      []uint16  // per-synapse delays in steps, or nil
	maxDel int
	cut    [][]uint32 // during a Run with a team: where each worker's part of a row starts (split), or nil
	cutAt  []int      // the worker starts split last computed cuts for
	cuts   [][]uint32 // those cuts, kept between Runs
}

// Name returns "pre->post:receptor".
func (pr *Projection) Name() string { return pr.name }

// Pre returns the presynaptic spike source.
func (pr *Projection) Pre() SpikeSource { return pr.pre }

// Post returns the postsynaptic population.
func (pr *Projection) Post() *Population { return pr.post }

// Receptor returns the name of the postsynaptic receptor.
func (pr *Projection) Receptor() string { return pr.syn.Receptor }

// Delays returns the shortest and the longest delay of the synapses (ms):
// the shared delay twice when there is one (even without synapses), 0 and
// 0 for per-synapse delays without synapses, and before Build.
func (pr *Projection) Delays() (lo, hi float64) {
	if pr.d == nil {
		return float64(pr.d0) * pr.net.dt, float64(pr.d0) * pr.net.dt
	}
	if len(pr.d) == 0 {
		return 0, 0
	}
	return float64(slices.Min(pr.d)) * pr.net.dt, float64(slices.Max(pr.d)) * pr.net.dt
}

// Len returns the number of synapses (0 before Build).
func (pr *Projection) Len() int {
	if pr.m.rowPtr == nil {
		return 0
	}
	return int(pr.m.len())
}

// InDegrees returns the number of synapses onto each postsynaptic neuron
// (nil before Build).
func (pr *Projection) InDegrees() []int {
	if pr.m.rowPtr == nil {
		return nil
	}
	return pr.m.inDegrees(pr.post.n)
}

// OutDegrees returns the number of synapses from each presynaptic neuron
// (nil before Build).
func (pr *Projection) OutDegrees() []int {
	if pr.m.rowPtr == nil {
		return nil
	}
	d := make([]int, len(pr.m.rowPtr)-1)
	for i := range d {
		d[i] = int(pr.m.rowPtr[i+1] - pr.m.rowPtr[i])
	}
	return d
}

// Targets returns the postsynaptic targets of presynaptic neuron i,
// ascending (nil before Build or if i is out of range).
func (pr *Projection) Targets(i int) []int32 {
	if pr.m.rowPtr == nil || i < 0 || i >= len(pr.m.rowPtr)-1 {
		return nil
	}
	var out []int32
	for _, j := range pr.m.cols[pr.m.rowPtr[i]:pr.m.rowPtr[i+1]] {
		out = append(out, int32(j))
	}
	return out
}

// Weights returns every synapse's weight (after scaling), row by row (nil
// before Build).
func (pr *Projection) Weights() []float64 {
	if pr.m.rowPtr == nil {
		return nil
	}
	out := make([]float64, pr.Len())
	for k := range out {
		if pr.w != nil {
			out[k] = float64(pr.w[k])
		} else {
			out[k] = pr.w0
		}
	}
	return out
}

// Weight returns the shared (scaled) weight, or NaN if weights are per synapse.
func (pr *Projection) Weight() float64 {
	if pr.w != nil {
		return math.NaN()
	}
	return pr.w0
}

// BytesPerSynapse is the memory of the synapses (targets, weights, delays)
// divided by their number.
func (pr *Projection) BytesPerSynapse() float64 {
	n := float64(pr.Len())
	if n == 0 {
		return 0
	}
	b := float64(4*n) + float64(8*float64(len(pr.m.rowPtr))) + float64(4*float64(len(pr.w))) + float64(2*float64(len(pr.d)))
	return b / n
}

func (pr *Projection) obj() string { return "projection " + quote(pr.name) }

func (pr *Projection) check(c *checker, dt float64) {
	nPre, nPost := pr.pre.Size(), pr.post.n
	same := pr.pre == SpikeSource(pr.post)
	if nPre <= 0 || nPost <= 0 {
		return // reported by the populations
	}
	pr.rec = pr.post.receptor(pr.syn.Receptor)
	if pr.rec < 0 {
		names := []string{}
		for _, r := range pr.post.recs {
			names = append(names, quote(r.Name))
		}
		c.Fail("Receptor", quote(pr.syn.Receptor), fmt.Sprintf("one of the receptors of population %q: %v", pr.post.name, names))
	}
	if pr.rule == nil {
		c.Fail("rule", nil, "a Connector (AllToAll, FixedProbability, FixedInDegree, ...)")
		return
	}
	pr.rule.check(c, nPre, nPost, same)
	if fl, ok := pr.rule.(FromList); ok {
		fl.checkSynapse(c, dt, pr.syn)
	}
	unit := " (weight unit)"
	if pr.rec >= 0 {
		unit = " " + pr.post.recs[pr.rec].Kind.weightUnit()
	}
	pr.syn.Weight.check(c, "Weight", 0, false, unit)
	if pr.rec >= 0 && pr.post.recs[pr.rec].Kind == ConductanceKind {
		checkConductanceWeight(c, pr.syn.Weight, pr.post.recs[pr.rec])
	}
	if w := pr.syn.Weight; w.dist != nil {
		if med, f0 := w.dist.Quantile(0.5), w.dist.CDF(0); (med > 0 && !(f0 >= 0 && f0 < 1)) || (med < 0 && !(f0 > 0 && f0 <= 1)) {
			c.Fail("Weight", w, fmt.Sprintf("a distribution with mass on the side of its median (draws are truncated at 0): CDF(0) in [0, 1) for a positive median, in (0, 1] for a negative one; CDF(0) = %g", f0))
		}
		if lo, hi := w.drawRange(); isFinite(lo) && isFinite(hi) && max(-lo, hi) > math.MaxFloat32 {
			c.Fail("Weight", w, fmt.Sprintf("draws within ±%g (per-synapse weights are float32; the draws reach [%g, %g])", math.MaxFloat32, lo, hi))
		}
	}
	switch pr.syn.Scale {
	case NoScaling, ScaleByN, ScaleByK, ScaleBySqrtK:
		if pr.syn.Scale != NoScaling && pr.syn.Scale != ScaleByN && pr.rule.meanInDegree(nPre, nPost, same) <= 0 {
			c.Fail("Scale", pr.syn.Scale, "a rule with a mean in-degree > 0")
		}
	case ScaleByPN:
		if fp, ok := pr.rule.(FixedProbability); !ok || fp.P == 0 {
			c.Fail("Scale", pr.syn.Scale, "J/(pN) only with FixedProbability and P > 0")
		}
	default:
		c.Fail("Scale", int(pr.syn.Scale), "NoScaling, ScaleByN, ScaleByPN, ScaleByK or ScaleBySqrtK")
	}
	d := pr.syn.Delay
	d.check(c, "Delay", 0, false, " ms")
	if x, ok := d.IsConst(); ok && isFinite(x) && x != 0 {
		steps := x / dt
		switch {
		case math.Abs(steps-math.Round(steps)) > 1e-6*math.Max(1, steps):
			c.Fail("Delay", x, fmt.Sprintf("a whole number of steps of dt = %g ms", dt))
		case math.Round(steps) < 1:
			c.Fail("Delay", x, fmt.Sprintf("≥ dt = %g ms (one step)", dt))
		case steps > math.MaxUint16:
			c.Fail("Delay", x, fmt.Sprintf("≤ %d steps", math.MaxUint16))
		}
	} else if d.dist != nil {
		if lo, hi := d.drawRange(); !(lo >= 0 && hi/dt <= math.MaxUint16) {
			c.Fail("Delay", d, fmt.Sprintf("a distribution within [0, %g] ms (%d steps; its draws reach [%g, %g])", math.MaxUint16*dt, math.MaxUint16, lo, hi))
		}
	}
}

// checkConductanceWeight fails unless every weight w gives onto the
// conductance receptor r is ≥ 0: a conductance cannot be negative (the
// sign of its effect comes from r.ERev). A distribution is drawn with the
// sign of its median (signedDraw), so it fails when its median is negative,
// or 0 with draws below 0.
func checkConductanceWeight(c *checker, w Value, r Receptor) {
	why := fmt.Sprintf("(a conductance; receptor %q inhibits or excites through ERev = %g mV)", r.Name, r.ERev)
	if x, ok := w.IsConst(); ok {
		if x < 0 {
			c.Fail("Weight", x, "≥ 0 nS "+why)
		}
		return
	}
	if w.dist == nil {
		return
	}
	med := w.dist.Quantile(0.5)
	if lo, _ := w.drawRange(); med < 0 || (med == 0 && lo < 0) {
		c.Fail("Weight", w, fmt.Sprintf("a distribution with a median > 0 (draws keep its sign) or no values below 0 nS %s; median %g, lowest draw %g", why, med, lo))
	}
}

// scale returns the factor the weights are multiplied by.
func (pr *Projection) scale() float64 {
	nPre, nPost := pr.pre.Size(), pr.post.n
	same := pr.pre == SpikeSource(pr.post)
	switch pr.syn.Scale {
	case ScaleByN:
		return 1 / float64(nPre)
	case ScaleByPN:
		return 1 / (pr.rule.(FixedProbability).P * float64(nPre))
	case ScaleByK:
		return 1 / pr.rule.meanInDegree(nPre, nPost, same)
	case ScaleBySqrtK:
		return 1 / math.Sqrt(pr.rule.meanInDegree(nPre, nPost, same))
	}
	return 1
}

// build draws the connectivity, weights and delays. A draw that check
// could not foresee (a quantile that is NaN, infinite or out of range
// between the points check tried) is an error; the caller then discards
// the network.
func (pr *Projection) build(dt float64, id uint64, workers int) error {
	rng := func(kind uint64) func(int) *rand.Rand {
		return func(b int) *rand.Rand { return pr.net.stream(kind, id, uint64(b)) }
	}
	same := pr.pre == SpikeSource(pr.post)
	pr.m = pr.rule.connect(pr.pre.Size(), pr.post.n, same, rng(streamConnect), workers)
	sc := pr.scale()
	if w, ok := pr.syn.Weight.IsConst(); ok {
		pr.w0 = w * sc
	} else {
		pr.w = make([]float32, pr.m.len())
		adviseHugePages(pr.w)
		draw := signedDraw(pr.syn.Weight.dist)
		k, x := pr.perSynapse(workers, rng(streamWeight), func(k int64, g *rand.Rand) (float64, bool) {
			x := float64(draw(g) * sc)
			if !isFinite(x) || math.Abs(x) > math.MaxFloat32 {
				return x, false
			}
			pr.w[k] = float32(x)
			return x, true
		})
		if k >= 0 {
			return &ParamError{Object: pr.obj(), Param: "Weight", Value: pr.syn.Weight,
				Want: fmt.Sprintf("a distribution whose every draw is finite and within ±%g (float32); the draw for synapse %d gave %g", math.MaxFloat32, k, x)}
		}
	}
	if x, ok := pr.syn.Delay.IsConst(); ok {
		pr.d0 = max(1, int(math.Round(x/dt)))
		pr.maxDel = pr.d0
	} else {
		pr.d = make([]uint16, pr.m.len())
		adviseHugePages(pr.d)
		k, x := pr.perSynapse(workers, rng(streamDelay), func(k int64, g *rand.Rand) (float64, bool) {
			x := pr.syn.Delay.draw(g)
			steps := math.Round(x / dt)
			if !(x >= 0 && steps <= math.MaxUint16) { // also NaN
				return x, false
			}
			pr.d[k] = uint16(max(1, steps))
			return x, true
		})
		if k >= 0 {
			return &ParamError{Object: pr.obj(), Param: "Delay", Value: pr.syn.Delay,
				Want: fmt.Sprintf("a distribution whose every draw is in [0, %g] ms (%d steps of dt = %g ms); the draw for synapse %d gave %g", math.MaxUint16*dt, math.MaxUint16, dt, k, x)}
		}
		for _, x := range pr.d {
			pr.maxDel = max(pr.maxDel, int(x))
		}
	}
	if fl, ok := pr.rule.(FromList); ok {
		fl.buildSynapses(pr, dt, sc)
	}
	return nil
}

// unbuild drops what build allocated.
func (pr *Projection) unbuild() {
	pr.m, pr.w, pr.d, pr.w0, pr.d0, pr.maxDel, pr.cut, pr.cutAt, pr.cuts = csr{}, nil, nil, 0, 0, 0, nil, nil, nil
}

// perSynapse calls f for every synapse, blocks of presynaptic rows in
// parallel, each block with its own stream. A block stops at the first
// synapse where f reports false; perSynapse returns the first such synapse
// of all and f's value there, or −1 (so the same one whatever the workers).
func (pr *Projection) perSynapse(workers int, rng func(int) *rand.Rand, f func(k int64, g *rand.Rand) (float64, bool)) (int64, float64) {
	nPre := pr.pre.Size()
	nb := (nPre + blockSize - 1) / blockSize
	badK, badX := make([]int64, nb), make([]float64, nb)
	parallelFor(nb, workers, func(b int) {
		g := rng(b)
		badK[b] = -1
		for k := pr.m.rowPtr[b*blockSize]; k < pr.m.rowPtr[min(nPre, (b+1)*blockSize)]; k++ {
			if x, ok := f(k, g); !ok {
				badK[b], badX[b] = k, x
				return
			}
		}
	})
	for b, k := range badK {
		if k >= 0 {
			return k, badX[b]
		}
	}
	return -1, 0
}

// signedDraw samples d restricted to the sign of its median: the
// distribution truncated at 0, sampled by inversion.
func signedDraw(d Distribution) func(*rand.Rand) float64 {
	med, f0 := d.Quantile(0.5), d.CDF(0)
	lo, hi := 0.0, 1.0
	switch {
	case !(f0 >= 0 && f0 < 1): // a CDF outside [0, 1) (check reports it): no truncation, never a hang
	case med > 0:
		lo = f0
	case med < 0 && f0 > 0:
		hi = f0
	}
	return func(g *rand.Rand) float64 {
		for {
			u := lo + float64((hi-lo)*g.Float64())
			if u > 0 && u < 1 {
				return d.Quantile(u)
			}
		}
	}
}

// split precomputes, for a team whose worker w steps the targets from
// starts[w] up to starts[w+1] (ascending, starts[0] = 0), where each
// worker's part of every row starts: cut[w−1][i] is the offset in row i of
// its first target ≥ starts[w] (rows are sorted). It costs 4 bytes per row
// and worker beyond the first, and is kept for the next Run with the same
// starts (rows change only in Build).
func (pr *Projection) split(starts []int) {
	if pr.cuts == nil || !slices.Equal(starts, pr.cutAt) {
		m, nPre := pr.m, len(pr.m.rowPtr)-1
		pr.cuts = make([][]uint32, len(starts)-1)
		for w := range pr.cuts {
			c := make([]uint32, nPre)
			for i := range c {
				k, _ := slices.BinarySearch(m.cols[m.rowPtr[i]:m.rowPtr[i+1]], uint32(starts[w+1]))
				c[i] = uint32(k)
			}
			pr.cuts[w] = c
		}
		pr.cutAt = slices.Clone(starts)
	}
	pr.cut = pr.cuts
}

// span is the part [a, b) of the synapse arrays that one spike delivers.
type span struct{ a, b int64 }

// spanBatch is how many spikes deliver looks up before it walks their rows.
const spanBatch = 64

// deliver adds the weights of this step's presynaptic spikes into the
// target ring slots (step s + delay): all of each row, or with a team
// (split), worker w's part, the targets it steps. Every target receives
// its spikes in the same order whatever the split, so the sums are the
// same bits.
//
// Spikes go in batches of up to spanBatch. For each batch it first looks
// up where each spike's part of its row lies, then reads one word of every
// cache line of those parts (and of their weights), then walks them. The
// look-ups and the reads are independent loads that the processor
// overlaps, where a walk row by row waits for each row to come from memory
// in turn (bench/README has the figures).
func (pr *Projection) deliver(s int64, w int) {
	var spans [spanBatch]span
	spk := pr.pre.fired()
	for len(spk) > 0 {
		batch := spk[:min(len(spk), spanBatch)]
		spk = spk[len(batch):]
		for k, i := range batch {
			a, b := pr.m.rowPtr[i], pr.m.rowPtr[i+1]
			if pr.cut != nil {
				if w < len(pr.cut) {
					b = a + int64(pr.cut[w][i])
				}
				if w > 0 {
					a += int64(pr.cut[w-1][i])
				}
			}
			spans[k] = span{a, b}
		}
		touch(pr.m.cols, pr.w, spans[:len(batch)])
		pr.walk(s, spans[:len(batch)])
	}
}

// touch reads one word in every 16 synapses (64 bytes, a cache line) of
// the spans' targets and, where there are per-synapse weights, of their
// weights, so that the walk finds them in the cache. What it reads is
// kept alive so that the compiler does not drop the loads.
func touch(cols []uint32, w []float32, spans []span) {
	var sum uint32
	for _, sp := range spans {
		for k := sp.a &^ 15; k < sp.b; k += 16 {
			sum += cols[k]
		}
		if w != nil {
			for k := sp.a &^ 15; k < sp.b; k += 16 {
				sum += math.Float32bits(w[k])
			}
		}
	}
	runtime.KeepAlive(sum)
}

// walk adds the weights of the synapses in spans into their ring slots.
func (pr *Projection) walk(s int64, spans []span) {
	r, cols := &pr.post.rings[pr.rec], pr.m.cols
	switch {
	case pr.d == nil && pr.w == nil:
		dst, wt := r.at(s+int64(pr.d0)), pr.w0
		for _, sp := range spans {
			for _, j := range cols[sp.a:sp.b] {
				dst[j] += wt
			}
		}
	case pr.d == nil:
		dst := r.at(s + int64(pr.d0))
		for _, sp := range spans {
			ws := pr.w[sp.a:sp.b]
			for k, j := range cols[sp.a:sp.b] {
				dst[j] += float64(ws[k])
			}
		}
	default:
		for _, sp := range spans {
			for k, j := range cols[sp.a:sp.b] {
				wt := pr.w0
				if pr.w != nil {
					wt = float64(pr.w[sp.a+int64(k)])
				}
				r.at(s + int64(pr.d[sp.a+int64(k)]))[j] += wt
			}
		}
	}
}

// SynapseList is a projection's synapses as parallel arrays, like
// Brian2's S.i, S.j, S.w, S.delay: synapse k goes from presynaptic neuron
// Pre[k] to postsynaptic neuron Post[k] with weight Weight[k] (after
// scaling; mV, pA or nS by receptor kind) and delay Delay[k] (ms).
type SynapseList struct {
	Pre, Post     []int32
	Weight, Delay []float64
}

// Synapses returns every synapse of the projection, ordered by
// presynaptic neuron, then by postsynaptic neuron (the order FromList
// stores its pairs in, so FromList{Pre: s.Pre, Post: s.Post, Weight:
// s.Weight, Delay: s.Delay, Autapses: true, Multapses: true} with
// NoScaling rebuilds the same projection). Before Build it returns an
// error.
func (pr *Projection) Synapses() (SynapseList, error) {
	if pr.m.rowPtr == nil {
		return SynapseList{}, errNotBuilt(pr.obj(), "Synapses")
	}
	n := pr.m.len()
	s := SynapseList{Pre: make([]int32, 0, n), Post: make([]int32, 0, n), Weight: make([]float64, 0, n), Delay: make([]float64, 0, n)}
	for e := range pr.Edges() {
		s.Pre, s.Post = append(s.Pre, e.Pre), append(s.Post, e.Post)
		s.Weight, s.Delay = append(s.Weight, e.Weight), append(s.Delay, e.Delay)
	}
	return s, nil
}

// Edge is one synapse of a projection: from presynaptic neuron Pre to
// postsynaptic neuron Post, with weight Weight (after scaling; mV, pA or
// nS by receptor kind) and delay Delay (ms).
type Edge struct {
	Pre, Post     int32
	Weight, Delay float64
}

// Edges returns the synapses one at a time, in the order of Synapses,
// without copying them all (to stream 10^8 synapses to a file, say).
// Before Build there are none.
func (pr *Projection) Edges() iter.Seq[Edge] {
	return func(yield func(Edge) bool) {
		for i := 0; i+1 < len(pr.m.rowPtr); i++ {
			for k := pr.m.rowPtr[i]; k < pr.m.rowPtr[i+1]; k++ {
				e := Edge{Pre: int32(i), Post: int32(pr.m.cols[k]), Weight: pr.w0, Delay: float64(pr.d0) * pr.net.dt}
				if pr.w != nil {
					e.Weight = float64(pr.w[k])
				}
				if pr.d != nil {
					e.Delay = float64(pr.d[k]) * pr.net.dt
				}
				if !yield(e) {
					return
				}
			}
		}
	}
}
