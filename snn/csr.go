package snn

// csr is connectivity in compressed sparse rows: the targets of
// presynaptic neuron i are cols[rowPtr[i]:rowPtr[i+1]], in ascending order.
type csr struct {
	rowPtr []int64
	cols   []uint32
}

func (m csr) len() int64 { return m.rowPtr[len(m.rowPtr)-1] }

// inDegrees returns the number of presynaptic partners of each target.
func (m csr) inDegrees(nPost int) []int {
	d := make([]int, nPost)
	for _, j := range m.cols {
		d[j]++
	}
	return d
}
