package snn_test

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/networks"
)

// TestWorkersSplitPopulations: with two populations of uneven block
// counts (the Brette network, 5,600 E and 1,400 I neurons), 1, 2 and 3
// workers give identical spikes; each worker steps and delivers into a
// share that can span both populations.
func TestWorkersSplitPopulations(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	var ref []int32
	for _, w := range []int{1, 2, 3} {
		net, e, i, err := networks.Benchmark{Kind: snn.CurrentKind, N: 7000, K: 80, Dt: 0.1, Seed: 4}.Build()
		if err != nil {
			t.Fatal(err)
		}
		net.SetWorkers(w)
		se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
		if err := net.Run(150); err != nil {
			t.Fatal(err)
		}
		got := append(append([]int32(nil), se.I()...), si.I()...)
		if len(got) < 1000 {
			t.Fatalf("%d workers: only %d spikes", w, len(got))
		}
		if ref == nil {
			ref = got
		} else if !reflect.DeepEqual(got, ref) {
			t.Errorf("%d workers: %d spikes, differ from 1 worker's %d", w, len(got), len(ref))
		}
	}
}
