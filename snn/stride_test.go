package snn

import (
	"slices"
	"testing"
)

func TestStride(t *testing.T) {
	for _, c := range []struct {
		n, step int
		want    []int
	}{{10, 3, []int{0, 3, 6, 9}}, {9, 3, []int{0, 3, 6}}, {3, 1, []int{0, 1, 2}}, {3, 0, []int{0, 1, 2}}, {0, 4, []int{}}, {-2, 4, []int{}}} {
		if got := Stride(c.n, c.step); !slices.Equal(got, c.want) {
			t.Errorf("Stride(%d, %d) = %v, want %v", c.n, c.step, got, c.want)
		}
	}
}
