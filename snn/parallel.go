package snn

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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
// between cores every step and made two workers slower than one). Which
// worker does what never changes a result.
//
// Between phases a waiting goroutine first spins, then parks. Spinning
// wins on an idle machine: waking a parked thread costs tens of
// microseconds (more in a virtual machine), as much as a whole step of a
// 64,000-neuron network. Spinning forever loses badly on a busy one: a
// spinner burns the time slice that the worker it waits for needs, and
// Gosched does not help when the other threads belong to other processes.
// So a waiter spins for about spinFor, then sleeps on a condition variable
// until the phase it waits for is done.
type team struct {
	tasks, workers int
	f              func(w int) // the current phase's work for worker w
	epoch          atomic.Int64
	done           atomic.Int64 // helpers finished with this epoch
	quit           atomic.Bool

	mu       sync.Mutex
	wake     *sync.Cond   // helpers park on it for the next epoch
	finished *sync.Cond   // the leader parks on it for done
	parked   atomic.Int32 // goroutines parked or about to park
}

// spinFor is how long a waiter spins before it parks: a few steps of a
// large network, a small fraction of a time slice. With 50 µs, a
// 64,000-neuron network on two workers parked in 3 % of its steps (each
// wait is a step's imbalance plus what interrupts this VM's cores), most of
// those waits were over within 200 µs, and each park and wake-up cost
// 50–100 µs more: 200 µs made two workers 1.56× → 1.63× faster than one
// (medians of 15 interleaved runs, 1 s of biology), and parks 10× rarer.
const spinFor = 200 * time.Microsecond

// newTeam starts workers−1 helpers for tasks tasks per step; the caller of
// run is worker 0. stop must be called when the Run ends.
func newTeam(tasks, workers int) *team {
	t := &team{tasks: tasks, workers: workers}
	t.wake, t.finished = sync.NewCond(&t.mu), sync.NewCond(&t.mu)
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
	t.signal(t.wake)
	f(0)
	all := int64(t.workers - 1)
	t.await(func() bool { return t.done.Load() == all }, t.finished)
}

// await waits until ready() holds: spinning for spinFor, then parked on c.
// Whoever makes ready() true calls signal(c) afterwards. The parked count
// is raised before ready() is checked under the lock, and signal reads it
// after the change, so a wake-up is never lost (Go's atomics are
// sequentially consistent).
func (t *team) await(ready func() bool, c *sync.Cond) {
	start := time.Now()
	for spin := 1; !ready(); spin++ {
		if spin%64 != 0 {
			continue
		}
		if time.Since(start) < spinFor {
			runtime.Gosched()
			continue
		}
		t.parked.Add(1)
		t.mu.Lock()
		for !ready() {
			c.Wait()
		}
		t.mu.Unlock()
		t.parked.Add(-1)
		return
	}
}

// signal wakes the goroutines parked on c, if any.
func (t *team) signal(c *sync.Cond) {
	if t.parked.Load() > 0 {
		t.mu.Lock()
		c.Broadcast()
		t.mu.Unlock()
	}
}

// help is helper w's life: wait for each phase after epoch seen, do its
// part, until stop.
func (t *team) help(w int, seen int64) {
	all := int64(t.workers - 1)
	for ; ; seen++ {
		t.await(func() bool { return t.epoch.Load() != seen }, t.wake)
		if t.quit.Load() {
			return
		}
		t.f(w)
		if t.done.Add(1) == all {
			t.signal(t.finished)
		}
	}
}

// stop ends the helpers.
func (t *team) stop() {
	t.quit.Store(true)
	t.epoch.Add(1)
	t.signal(t.wake)
}
