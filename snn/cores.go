package snn

import (
	"runtime"
	"sync/atomic"
	"time"

	"github.com/snn-sim/snn/snn/internal/proc"
)

// sweeps counts the Sweeps running in this process. While one runs,
// networks with automatic Workers step on one goroutine each: the sweep's
// tasks already keep every core busy, and a team per network would only
// make them wait for one another.
var sweeps atomic.Int32

// freeCores returns the number of goroutines a Run with automatic Workers
// gives a step: GOMAXPROCS, less the threads of other processes that are
// running or waiting for a core (Linux's procs_running less this
// process's own running threads but the caller: the garbage collector's
// workers, still marking what Build allocated, must not take a core from
// the Run), and at least 1. Where /proc/loadavg cannot be read,
// GOMAXPROCS. The choice never changes a result, only how long it takes.
func freeCores() int {
	return coresFree(runtime.GOMAXPROCS(0), runtime.NumCPU(), readOthersRunning)
}

// The samples freeCores takes of procs_running, and the least time between
// them. procs_running is a count of this instant: a kernel thread running
// for a moment would make an idle machine look busy. The least of a few
// samples over about half a millisecond counts only what runs all along.
// The caller waits between samples by polling the clock: a timer sleep of
// 100 µs took 1.2 ms here (BenchmarkFreeCores: 4.8 ms a call with sleeps).
const (
	coreSamples = 5
	coreGap     = 100 * time.Microsecond
)

// coresFree is freeCores with GOMAXPROCS n, cpus cores and the reader of
// procs_running given.
func coresFree(n, cpus int, read func() (int, bool)) int {
	if n <= 1 {
		return 1
	}
	least := 0
	for k := range coreSamples {
		if k > 0 {
			for start := time.Now(); time.Since(start) < coreGap; {
			}
		}
		busy, ok := read()
		if !ok {
			return n
		}
		if k == 0 || busy < least {
			least = busy
		}
	}
	return max(1, min(n, cpus-(least-1)))
}

// readOthersRunning returns procs_running less this process's running
// threads other than the caller: the running threads of other processes,
// plus one for the caller.
func readOthersRunning() (int, bool) {
	all, ok := proc.ProcsRunning()
	if !ok || all <= 1 {
		return all, ok // only the caller: no need to count its threads
	}
	return othersRunning(all, proc.OwnRunning()), true
}

// othersRunning is the count all of procs_running less this process's
// own running threads own, but for the caller, which stays counted; at
// least 1, since the two counts are read at different instants.
func othersRunning(all, own int) int {
	return max(1, all-(own-1))
}
