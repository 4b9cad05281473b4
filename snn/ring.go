package snn

// ring is a ring buffer of per-neuron input sums for one receptor: slot s
// holds what arrives at step s (mod len). A spike delivered with a delay of
// d steps at step n is added to slot n+d.
type ring struct {
	n     int // neurons
	slots int // max delay + 1
	data  []float64
}

func newRing(n, maxDelay int) ring {
	r := ring{n: n, slots: maxDelay + 1, data: make([]float64, n*(maxDelay+1))}
	adviseHugePages(r.data) // deliveries write all over it
	return r
}

// at returns the slot of step s.
func (r *ring) at(s int64) []float64 {
	k := int(s % int64(r.slots))
	return r.data[k*r.n : (k+1)*r.n]
}
