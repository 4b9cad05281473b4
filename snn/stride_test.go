package snn

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestStride(t *testing.T) {
	for _, c := range []struct {
		n, step int
		want    []int32
	}{{10, 3, []int32{0, 3, 6, 9}}, {9, 3, []int32{0, 3, 6}}, {3, 1, []int32{0, 1, 2}}, {3, 0, []int32{0, 1, 2}}, {0, 4, []int32{}},
		{math.MaxInt32, math.MaxInt64, []int32{0}}, {math.MaxInt32, math.MaxInt32 - 1, []int32{0, math.MaxInt32 - 1}}, {5, math.MinInt64, []int32{0, 1, 2, 3, 4}}} {
		got, err := Stride(c.n, c.step)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Stride(%d, %d) = %v, %v, want %v", c.n, c.step, got, err, c.want)
		}
	}
}

// A size that no population has is refused before any allocation
// (Stride(1<<40, 1) used to allocate 4 TB; Stride(MaxInt64, MaxInt64/2)
// to panic on a negative capacity).
func TestStrideRefusesSizes(t *testing.T) {
	for _, c := range []struct{ n, step int }{{-2, 4}, {1 << 40, 1}, {math.MaxInt64, math.MaxInt64 / 2}, {math.MaxInt32 + 1, 1}} {
		got, err := Stride(c.n, c.step)
		if err == nil || got != nil || !strings.Contains(err.Error(), "Stride: n = ") || !strings.Contains(err.Error(), "2147483647") {
			t.Errorf("Stride(%d, %d) = len %d, %v; want nil and an error naming n and its range", c.n, c.step, len(got), err)
		}
	}
}
