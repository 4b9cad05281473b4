package snn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// A Connector is a connection rule: it decides which presynaptic neurons
// connect to which postsynaptic ones. The rules are AllToAll,
// FixedProbability, FixedInDegree, FixedOutDegree, FixedTotal and OneToOne.
// An autapse is a connection from a neuron to itself (only possible when a
// population projects onto itself); a multapse is a repeated pair.
type Connector interface {
	// check reports invalid parameters for nPre → nPost neurons; same is
	// true when pre and post are the same population.
	check(c *checker, nPre, nPost int, same bool)
	// meanInDegree is the expected number of presynaptic partners (the K of
	// the J/K and J/√K weight scalings).
	meanInDegree(nPre, nPost int, same bool) float64
	// connect draws the connectivity; rng gives the random stream of a block.
	connect(nPre, nPost int, same bool, rng func(block int) *rand.Rand, workers int) csr
}

// AllToAll connects every presynaptic neuron to every postsynaptic one.
type AllToAll struct {
	Autapses bool // allow i → i when a population projects onto itself
}

// FixedProbability connects each pair independently with probability P (a
// Bernoulli draw per pair).
type FixedProbability struct {
	P        float64 // in [0, 1]
	Autapses bool
}

// FixedInDegree gives each postsynaptic neuron exactly K presynaptic
// partners drawn uniformly at random.
type FixedInDegree struct {
	K         int
	Autapses  bool
	Multapses bool // allow the same partner more than once
}

// FixedOutDegree gives each presynaptic neuron exactly K targets.
type FixedOutDegree struct {
	K         int
	Autapses  bool
	Multapses bool
}

// FixedTotal draws exactly N pairs uniformly at random.
type FixedTotal struct {
	N         int
	Autapses  bool
	Multapses bool
}

// OneToOne connects neuron i to neuron i; both sides must have the same size.
type OneToOne struct{}

// partners is the number of candidates a neuron can connect to.
func partners(n int, same, autapses bool) int {
	if same && !autapses {
		return n - 1
	}
	return n
}

func (AllToAll) check(*checker, int, int, bool) {}
func (r AllToAll) meanInDegree(nPre, _ int, same bool) float64 {
	return float64(partners(nPre, same, r.Autapses))
}
func (r AllToAll) connect(nPre, nPost int, same bool, _ func(int) *rand.Rand, workers int) csr {
	return rowBlocks(nPre, workers, nil, 0, float64(nPost), func(i int, _ *rand.Rand, _ *sampler, cols []uint32) []uint32 {
		for j := 0; j < nPost; j++ {
			if j != i || !same || r.Autapses {
				cols = append(cols, uint32(j))
			}
		}
		return cols
	})
}

func (r FixedProbability) check(c *checker, _, _ int, _ bool) {
	if !(r.P >= 0 && r.P <= 1) {
		c.Fail("P", r.P, "in [0, 1]")
	}
}
func (r FixedProbability) meanInDegree(nPre, _ int, same bool) float64 {
	return r.P * float64(partners(nPre, same, r.Autapses))
}

// connect walks each row with geometric gaps between successes, which is
// exactly a Bernoulli(P) draw per pair at a cost proportional to the number
// of synapses.
func (r FixedProbability) connect(nPre, nPost int, same bool, rng func(int) *rand.Rand, workers int) csr {
	if r.P == 0 {
		return csr{rowPtr: make([]int64, nPre+1)}
	}
	scale := -1 / math.Log1p(-r.P)
	return rowBlocks(nPre, workers, rng, 0, r.P*float64(nPost), func(i int, g *rand.Rand, _ *sampler, cols []uint32) []uint32 {
		for j := -1; ; {
			if r.P < 1 {
				// Failures before the next success: ⌊E/(−ln(1−P))⌋ with E
				// exponential is geometric, P(gap ≥ k) = (1−P)^k.
				gap := math.Floor(g.ExpFloat64() * scale)
				if gap >= float64(nPost) {
					break
				}
				j += int(gap)
			}
			j++
			if j >= nPost {
				break
			}
			if j != i || !same || r.Autapses {
				cols = append(cols, uint32(j))
			}
		}
		return cols
	})
}

func degreeCheck(c *checker, k, n int, multapses bool, side string) {
	switch {
	case k < 0:
		c.Fail("K", k, "≥ 0")
	case !multapses && k > n:
		c.Fail("K", k, fmt.Sprintf("≤ %d (the %s candidates; set Multapses to draw with repetition)", n, side))
	case multapses && k > 0 && n == 0:
		c.Fail("K", k, "0 (no candidates)")
	}
}

func (r FixedInDegree) check(c *checker, nPre, _ int, same bool) {
	degreeCheck(c, r.K, partners(nPre, same, r.Autapses), r.Multapses, "presynaptic")
}
func (r FixedInDegree) meanInDegree(int, int, bool) float64 { return float64(r.K) }

// connect draws K partners per target (blocks of targets in parallel),
// then transposes to rows of presynaptic neurons; iterating targets in
// order leaves every row sorted.
func (r FixedInDegree) connect(nPre, nPost int, same bool, rng func(int) *rand.Rand, workers int) csr {
	k := r.K
	pre := make([]uint32, nPost*k)
	adviseHugePages(pre)
	parallelFor((nPost+blockSize-1)/blockSize, workers, func(b int) {
		g, s := rng(b), newSampler(nPre)
		for j := b * blockSize; j < min(nPost, (b+1)*blockSize); j++ {
			s.draw(pre[j*k:(j+1)*k], g, j, same && !r.Autapses, r.Multapses)
		}
	})
	count := make([]int64, nPre+1)
	for _, i := range pre {
		count[i+1]++
	}
	for i := 0; i < nPre; i++ {
		count[i+1] += count[i]
	}
	m := csr{rowPtr: slices.Clone(count), cols: make([]uint32, len(pre))}
	adviseHugePages(m.cols)
	for j := 0; j < nPost; j++ {
		for _, i := range pre[j*k : (j+1)*k] {
			m.cols[count[i]] = uint32(j)
			count[i]++
		}
	}
	return m
}

func (r FixedOutDegree) check(c *checker, _, nPost int, same bool) {
	degreeCheck(c, r.K, partners(nPost, same, r.Autapses), r.Multapses, "postsynaptic")
}
func (r FixedOutDegree) meanInDegree(nPre, nPost int, _ bool) float64 {
	return float64(r.K) * float64(nPre) / float64(nPost)
}
func (r FixedOutDegree) connect(nPre, nPost int, same bool, rng func(int) *rand.Rand, workers int) csr {
	return rowBlocks(nPre, workers, rng, nPost, float64(r.K), func(i int, g *rand.Rand, s *sampler, cols []uint32) []uint32 {
		row := len(cols)
		cols = slices.Grow(cols, r.K)[:row+r.K]
		s.draw(cols[row:], g, i, same && !r.Autapses, r.Multapses)
		slices.Sort(cols[row:])
		return cols
	})
}

func (r FixedTotal) check(c *checker, nPre, nPost int, same bool) {
	pairs := nPre * nPost
	if same && !r.Autapses {
		pairs -= nPre
	}
	switch {
	case r.N < 0:
		c.Fail("N", r.N, "≥ 0")
	case !r.Multapses && r.N > pairs:
		c.Fail("N", r.N, fmt.Sprintf("≤ %d (the possible pairs; set Multapses to draw with repetition)", pairs))
	case r.N > 0 && pairs == 0:
		c.Fail("N", r.N, "0 (no possible pairs)")
	}
}
func (r FixedTotal) meanInDegree(_, nPost int, _ bool) float64 { return float64(r.N) / float64(nPost) }

// connect draws N pairs from one stream (rejecting autapses and, unless
// allowed, repeats), then sorts them into rows.
func (r FixedTotal) connect(nPre, nPost int, same bool, rng func(int) *rand.Rand, _ int) csr {
	g := rng(0)
	seen := map[uint64]bool{}
	pairs := make([]uint64, 0, r.N)
	for len(pairs) < r.N {
		i, j := g.IntN(nPre), g.IntN(nPost)
		key := uint64(i)*uint64(nPost) + uint64(j)
		if (same && i == j && !r.Autapses) || (!r.Multapses && seen[key]) {
			continue
		}
		if !r.Multapses {
			seen[key] = true
		}
		pairs = append(pairs, key)
	}
	slices.Sort(pairs)
	m := csr{rowPtr: make([]int64, nPre+1), cols: make([]uint32, len(pairs))}
	for k, key := range pairs {
		m.rowPtr[key/uint64(nPost)+1]++
		m.cols[k] = uint32(key % uint64(nPost))
	}
	for i := 0; i < nPre; i++ {
		m.rowPtr[i+1] += m.rowPtr[i]
	}
	return m
}

func (OneToOne) check(c *checker, nPre, nPost int, _ bool) {
	if nPre != nPost {
		c.Fail("OneToOne sizes", fmt.Sprintf("%d → %d", nPre, nPost), "equal presynaptic and postsynaptic sizes")
	}
}
func (OneToOne) meanInDegree(int, int, bool) float64 { return 1 }
func (OneToOne) connect(nPre, _ int, _ bool, _ func(int) *rand.Rand, _ int) csr {
	m := csr{rowPtr: make([]int64, nPre+1), cols: make([]uint32, nPre)}
	for i := range nPre {
		m.rowPtr[i+1] = int64(i + 1)
		m.cols[i] = uint32(i)
	}
	return m
}

// rowBlocks builds a csr block of rows by block of rows, in parallel, and
// concatenates the blocks in order. Each block has its own random stream
// (when rng is not nil) and, when nCand > 0, a sampler over nCand
// candidates; row(i, ...) appends the targets of row i to cols, which
// starts with room for perRow targets per row (the expected number).
func rowBlocks(nPre, workers int, rng func(int) *rand.Rand, nCand int, perRow float64,
	row func(i int, g *rand.Rand, s *sampler, cols []uint32) []uint32) csr {
	nb := (nPre + blockSize - 1) / blockSize
	parts := make([][]uint32, nb)
	ends := make([][]int64, nb)
	parallelFor(nb, workers, func(b int) {
		lo, hi := b*blockSize, min(nPre, (b+1)*blockSize)
		var g *rand.Rand
		if rng != nil {
			g = rng(b)
		}
		var s *sampler
		if nCand > 0 {
			s = newSampler(nCand)
		}
		cols := make([]uint32, 0, int(perRow*float64(hi-lo)*1.05)+64) // expected size and some
		end := make([]int64, 0, hi-lo)
		for i := lo; i < hi; i++ {
			cols = row(i, g, s, cols)
			end = append(end, int64(len(cols)))
		}
		parts[b], ends[b] = cols, end
	})
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	m := csr{rowPtr: make([]int64, 1, nPre+1), cols: make([]uint32, 0, total)}
	adviseHugePages(m.cols[:total])
	for b, p := range parts {
		base := int64(len(m.cols))
		for _, e := range ends[b] {
			m.rowPtr = append(m.rowPtr, base+e)
		}
		m.cols = append(m.cols, p...)
	}
	return m
}

// sampler draws distinct indices with Floyd's algorithm in O(k), using a
// mark per candidate that it clears after each draw.
type sampler struct{ mark []bool }

func newSampler(n int) *sampler { return &sampler{mark: make([]bool, n)} }

// draw fills dst with len(dst) indices from [0, n), skipping self when
// noSelf; distinct unless multi.
func (s *sampler) draw(dst []uint32, g *rand.Rand, self int, noSelf, multi bool) {
	n := len(s.mark)
	m := n
	if noSelf {
		m--
	}
	skip := func(x int) uint32 {
		if noSelf && x >= self {
			x++
		}
		return uint32(x)
	}
	if multi {
		for k := range dst {
			dst[k] = skip(g.IntN(m))
		}
		return
	}
	k := 0
	for j := m - len(dst); j < m; j++ {
		t := g.IntN(j + 1)
		if s.mark[t] {
			t = j
		}
		s.mark[t] = true
		dst[k] = skip(t)
		k++
	}
	for _, x := range dst {
		i := int(x)
		if noSelf && i > self {
			i--
		}
		s.mark[i] = false
	}
}
