package snn

import (
	"runtime"
	"testing"
)

func TestProcsRunning(t *testing.T) {
	if k, ok := procsRunning("0.50 0.40 0.30 3/412 9876\n"); !ok || k != 3 {
		t.Errorf("running = %d (%v), want 3", k, ok)
	}
	for _, bad := range []string{"0.50 0.40 0.30\n", "0.50 0.40 0.30 x/412 9876\n", "0.50 0.40 0.30 0/412 9876\n", "0.50 0.40 0.30 3 9876\n"} {
		if _, ok := procsRunning(bad); ok {
			t.Errorf("%q: read a count, want none", bad)
		}
	}
	if _, ok := readProcsRunning(); !ok {
		t.Errorf("/proc/loadavg: no running count")
	}
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
	net.Workers = 2
	if err := Sweep(1, func(int) error {
		if w := net.stepWorkers(); w != min(2, runtime.GOMAXPROCS(0)) {
			t.Errorf("Workers = 2 inside a sweep: %d, want it as asked", w)
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestTaskState reads the state letter after a command name that has
// spaces and parentheses in it, and refuses lines without one.
func TestTaskState(t *testing.T) {
	for _, c := range []struct {
		stat string
		want byte
		ok   bool
	}{
		{"4242 (snn.test) R 1 2 3", 'R', true},
		{"4243 (a (b) c) S 1 2 3", 'S', true},
		{"4244 (x) ", 0, false},
		{"4245 no parentheses R", 0, false},
	} {
		if got, ok := taskState(c.stat); got != c.want || ok != c.ok {
			t.Errorf("taskState(%q) = %q, %v; want %q, %v", c.stat, got, ok, c.want, c.ok)
		}
	}
}

// TestOwnThreadsDoNotTakeCores: while a goroutine of this process spins
// on a thread of its own, ownRunning counts it and the caller (at least
// 2, in one of five reads); othersRunning takes this process's threads
// but the caller out of procs_running, and stays at least 1 when the two
// reads disagree.
func TestOwnThreadsDoNotTakeCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	stop, started := make(chan bool), make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		close(started)
		for {
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	<-started
	defer close(stop)
	k := 0
	for range 5 { // the spinner's thread may be in the scheduler for a moment
		k = max(k, ownRunning())
	}
	if k < 2 {
		t.Errorf("ownRunning() = %d with a goroutine spinning, want ≥ 2", k)
	}
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
