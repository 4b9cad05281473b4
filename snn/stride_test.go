package snn

import (
	"slices"
	"testing"
)

func TestStride(t *testing.T) {
	for _, c := range []struct {
		n, step int
		want    []int32
	}{{10, 3, []int32{0, 3, 6, 9}}, {9, 3, []int32{0, 3, 6}}, {3, 1, []int32{0, 1, 2}}, {3, 0, []int32{0, 1, 2}}, {0, 4, []int32{}}, {-2, 4, []int32{}}} {
		if got := Stride(c.n, c.step); !slices.Equal(got, c.want) {
			t.Errorf("Stride(%d, %d) = %v, want %v", c.n, c.step, got, c.want)
		}
	}
}
