package snn

import (
	"math"
	"strings"
	"testing"
)

// The bridge keeps the results independent of workers and kernels.
func TestNoisyCurrentBridgeBitIdentical(t *testing.T) {
	run := func(workers int, scalar bool) []float64 {
		net := New(0.1, 3)
		net.Workers, net.scalar = workers, scalar
		p := net.AddPopulation("p", 3000, DefaultLIF())
		net.Inject(p, NoisyCurrent{Mean: Const(380), Sigma: 80, Bridge: true})
		sp := net.MonitorSpikes(p)
		if err := net.Run(200); err != nil {
			t.Fatal(err)
		}
		return append(sp.T, p.V...)
	}
	want := run(1, false)
	for _, c := range []struct {
		w      int
		scalar bool
	}{{2, false}, {1, true}, {3, true}} {
		got := run(c.w, c.scalar)
		if len(got) != len(want) {
			t.Fatalf("workers %d scalar %v: %d values, want %d", c.w, c.scalar, len(got), len(want))
		}
		for k := range got {
			if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
				t.Fatalf("workers %d scalar %v: value %d differs", c.w, c.scalar, k)
			}
		}
	}
}

func TestMergeSorted(t *testing.T) {
	got := mergeSorted([]int32{1, 4, 9}, []int32{0, 5, 10, 11})
	want := []int32{0, 1, 4, 5, 9, 10, 11}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for k := range got {
		if got[k] != want[k] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}

func TestNoisyCurrentBridgeLIFOnly(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("a", 10, DefaultAdaptiveLIF())
	net.Inject(p, NoisyCurrent{Mean: Const(100), Sigma: 50, Bridge: true})
	err := net.Run(1)
	if err == nil || !strings.Contains(err.Error(), "NoisyCurrent Bridge") {
		t.Errorf("Bridge on an AdaptiveLIF population: %v, want an error naming NoisyCurrent Bridge", err)
	}
}
