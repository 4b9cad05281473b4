package snn

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// Sweep runs f(0), ..., f(n−1) in parallel on GOMAXPROCS goroutines, for
// parameter sweeps where each f builds and runs its own network (with a
// seed that depends on i only, the results do not depend on scheduling).
// While a Sweep runs, networks with automatic Workers step on one
// goroutine each. progress, if not nil, is called after each task with the
// number done and n. A nil f is an error. All errors are returned, joined, each
// wrapped with its task index.
func Sweep(n int, f func(i int) error, progress func(done, total float64)) error {
	if n < 0 {
		return &ParamError{Object: "Sweep", Param: "n", Value: n, Want: "≥ 0"}
	}
	if f == nil {
		return &ParamError{Object: "Sweep", Param: "f", Value: "nil", Want: "a function to run for each task"}
	}
	sweeps.Add(1)
	defer sweeps.Add(-1)
	errs := make([]error, n)
	var mu sync.Mutex
	done := 0
	parallelFor(n, runtime.GOMAXPROCS(0), func(i int) {
		if err := f(i); err != nil {
			errs[i] = fmt.Errorf("sweep task %d: %w", i, err)
		}
		mu.Lock()
		done++
		if progress != nil {
			progress(float64(done), float64(n))
		}
		mu.Unlock()
	})
	return errors.Join(errs...)
}
