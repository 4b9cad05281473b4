package snn

import (
	"fmt"
	"math"
)

// Stride returns the neuron indices 0, step, 2·step, … below n, to
// monitor an evenly spread subset of a population. A step below 1 is
// taken as 1. n is a population's size: an n outside [0, 2^31 − 1] (the
// int32 indices) is an error, returned before anything is allocated.
func Stride(n, step int) ([]int32, error) {
	if n < 0 || n > math.MaxInt32 {
		return nil, &ParamError{Object: "Stride", Param: "n", Value: n, Want: fmt.Sprintf("in [0, %d] (a population's size; neuron indices are int32)", math.MaxInt32)}
	}
	step = max(step, 1)
	count := n / step
	if n%step != 0 {
		count++
	}
	idx := make([]int32, 0, count)
	for i := 0; i < n; i += step {
		idx = append(idx, int32(i))
		if step >= n-i { // the next index is past n (and i + step could overflow)
			break
		}
	}
	return idx, nil
}
