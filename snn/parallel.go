package snn

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelFor runs f(0), ..., f(n−1) on up to workers goroutines. The
// tasks must be independent; which worker runs a task never changes its
// result.
func parallelFor(n, workers int, f func(i int)) {
	if workers <= 1 || n <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// team runs the work of every step of one Run on goroutines that live for
// the whole Run. Worker w always steps the same contiguous share of the
// blocks and delivers the spikes into the same neurons, so their state
// stays in the cache of one core (handing blocks out dynamically moved them
// between cores every step and made two workers slower than one). Between
// phases the helpers spin instead of sleeping: waking a sleeping thread
// costs tens of microseconds (more in a virtual machine), as much as a
// whole step of a 64,000-neuron network. Which worker does what never
// changes a result.
type team struct {
	tasks, workers int
	f              func(w int) // the current phase's work for worker w
	epoch          atomic.Int64
	done           atomic.Int64 // helpers finished with this epoch
	quit           atomic.Bool
}

// newTeam starts workers−1 helpers for tasks tasks per step; the caller of
// run is worker 0. stop must be called when the Run ends.
func newTeam(tasks, workers int) *team {
	t := &team{tasks: tasks, workers: workers}
	for w := 1; w < workers; w++ {
		go t.help(w, t.epoch.Load())
	}
	return t
}

// share returns worker w's tasks [a, b).
func (t *team) share(w int) (a, b int) {
	return w * t.tasks / t.workers, (w + 1) * t.tasks / t.workers
}

// run runs f(0), ..., f(workers−1), one per worker, and returns when all
// are done.
func (t *team) run(f func(w int)) {
	t.f = f
	t.done.Store(0)
	t.epoch.Add(1)
	f(0)
	for spin := 1; t.done.Load() < int64(t.workers-1); spin++ {
		yieldNow(spin)
	}
}

// yieldNow lets other goroutines run every 1024th turn of a spin loop:
// often enough that they are never starved, rarely enough that the spinners
// do not queue on the scheduler's lock.
func yieldNow(spin int) {
	if spin%1024 == 0 {
		runtime.Gosched()
	}
}

// help is helper w's life: wait (spinning, yielding to other goroutines)
// for each phase after epoch seen, do its part, until stop.
func (t *team) help(w int, seen int64) {
	for ; ; seen++ {
		for spin := 1; t.epoch.Load() == seen; spin++ {
			yieldNow(spin)
		}
		if t.quit.Load() {
			return
		}
		t.f(w)
		t.done.Add(1)
	}
}

// stop ends the helpers.
func (t *team) stop() {
	t.quit.Store(true)
	t.epoch.Add(1)
}
