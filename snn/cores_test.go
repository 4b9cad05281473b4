package snn

import (
	"runtime"
	"testing"
)

// TestFreeCores: on this machine, between 1 and GOMAXPROCS.
func TestFreeCores(t *testing.T) {
	if c := freeCores(); c < 1 || c > runtime.GOMAXPROCS(0) {
		t.Errorf("freeCores() = %d, want in [1, GOMAXPROCS = %d]", c, runtime.GOMAXPROCS(0))
	}
}

// TestCoresFree: the least of the samples counts (a blip of another
// thread does not take a core away), capped by GOMAXPROCS and at least 1;
// unreadable counts give GOMAXPROCS; GOMAXPROCS 1 reads nothing.
func TestCoresFree(t *testing.T) {
	seq := func(ks ...int) func() (int, bool) {
		return func() (int, bool) {
			if len(ks) == 0 {
				t.Fatal("read more samples than given")
			}
			k := ks[0]
			ks = ks[1:]
			return k, k > 0
		}
	}
	for _, c := range []struct {
		n, cpus int
		samples []int
		want    int
	}{
		{2, 2, []int{2, 1, 3, 2, 2}, 2},  // idle but for blips: both cores
		{2, 2, []int{3, 3, 2, 3, 3}, 1},  // one other thread all along
		{2, 2, []int{5, 4, 6, 4, 4}, 1},  // busy: at least 1
		{8, 8, []int{3, 3, 3, 3, 3}, 6},  // two others on 8 cores
		{4, 16, []int{1, 1, 1, 1, 1}, 4}, // GOMAXPROCS caps it
		{4, 4, []int{0}, 4},              // unreadable: GOMAXPROCS
		{1, 8, nil, 1},                   // one core: nothing to read
	} {
		if got := coresFree(c.n, c.cpus, seq(c.samples...)); got != c.want {
			t.Errorf("coresFree(%d, %d, %v) = %d, want %d", c.n, c.cpus, c.samples, got, c.want)
		}
	}
}

// Inside a Sweep a large network with automatic Workers steps on one
// goroutine; outside, on at most GOMAXPROCS.
func TestSweepStepsNetworksAlone(t *testing.T) {
	build := func() *Network {
		net := New(0.1, 1)
		net.AddPopulation("p", 20*blockSize, DefaultLIF())
		if err := net.Build(); err != nil {
			t.Fatal(err)
		}
		return net
	}
	net := build()
	if w := net.stepWorkers(); w < 1 || w > runtime.GOMAXPROCS(0) {
		t.Errorf("outside a sweep: %d workers, want in [1, %d]", w, runtime.GOMAXPROCS(0))
	}
	inside := make([]int, 2)
	if err := Sweep(2, func(i int) error { inside[i] = build().stepWorkers(); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if inside[0] != 1 || inside[1] != 1 {
		t.Errorf("inside a sweep: %v workers, want 1 each", inside)
	}
	net.SetWorkers(2)
	if err := Sweep(1, func(int) error {
		if w := net.stepWorkers(); w != min(2, runtime.GOMAXPROCS(0)) {
			t.Errorf("Workers = 2 inside a sweep: %d, want it as asked", w)
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestOthersRunning: othersRunning takes this process's threads but the
// caller out of procs_running, and stays at least 1 when the two reads
// disagree.
func TestOthersRunning(t *testing.T) {
	for _, c := range []struct{ all, own, want int }{
		{2, 2, 1}, // the caller and its garbage collector: no one else
		{3, 2, 2}, // one thread of another process
		{5, 1, 5}, // four others
		{1, 3, 1}, // read at different instants: still the caller
	} {
		if got := othersRunning(c.all, c.own); got != c.want {
			t.Errorf("othersRunning(%d, %d) = %d, want %d", c.all, c.own, got, c.want)
		}
	}
}

// BenchmarkFreeCores: what choosing the automatic workers costs a Run or
// a Build (5 samples about 100 µs apart).
func BenchmarkFreeCores(b *testing.B) {
	for b.Loop() {
		freeCores()
	}
}
