package snn

import "math/rand/v2"

// Kinds of random streams. A stream is identified by (seed, kind, object,
// block), so a draw never depends on the order objects run in or on the
// worker that runs them.
const (
	streamInit uint64 = iota + 1
	streamConnect
	streamWeight
	streamDelay
	streamInput
	streamSet
)

// stream returns a new PCG generator for (kind, object, block).
func (n *Network) stream(kind, object, block uint64) *rand.Rand {
	return rand.New(rand.NewPCG(n.seed, mix(mix(mix(0x9e3779b97f4a7c15, kind), object), block)))
}

// mix is SplitMix64's finaliser applied to h+x: a cheap, well-spread hash.
func mix(h, x uint64) uint64 {
	z := h + x + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// liveStream is stream for a generator that keeps drawing during runs
// (an input's or a Poisson group's): the network keeps its source in
// creation order, so Store and Restore can save and reset it.
func (n *Network) liveStream(kind, object, block uint64) *rand.Rand {
	src := rand.NewPCG(n.seed, mix(mix(mix(0x9e3779b97f4a7c15, kind), object), block))
	n.live = append(n.live, src)
	return rand.New(src)
}
