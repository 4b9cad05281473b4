package snn

import "math"

// Stride returns the neuron indices 0, step, 2·step, … below n, to
// monitor an evenly spread subset of a population. A step below 1 is
// taken as 1.
func Stride(n, step int) []int32 {
	step = max(step, 1)
	idx := make([]int32, 0, (max(n, 0)+step-1)/step)
	for i := 0; i < n && i <= math.MaxInt32; i += step {
		idx = append(idx, int32(i))
	}
	return idx
}
