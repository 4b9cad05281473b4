package snn

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
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
	all, ok := readProcsRunning()
	if !ok || all <= 1 {
		return all, ok // only the caller: no need to count its threads
	}
	return othersRunning(all, ownRunning()), true
}

// othersRunning is the count all of procs_running less this process's
// own running threads own, but for the caller, which stays counted; at
// least 1, since the two counts are read at different instants.
func othersRunning(all, own int) int {
	return max(1, all-(own-1))
}

// ownRunning counts this process's threads that are running or waiting
// for a core (state R in /proc/self/task/*/stat), at least 1 (the caller).
func ownRunning() int {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 1
	}
	k := 0
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + t.Name() + "/stat")
		if err != nil {
			continue // the thread ended
		}
		if state, ok := taskState(string(b)); ok && state == 'R' {
			k++
		}
	}
	return max(1, k)
}

// taskState returns the state letter of a /proc/<pid>/task/<tid>/stat
// line: the field after the command name, which is in parentheses and may
// itself contain spaces and parentheses.
func taskState(stat string) (byte, bool) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 || i+2 >= len(stat) || stat[i+1] != ' ' {
		return 0, false
	}
	return stat[i+2], true
}

// readProcsRunning reads the threads running or waiting for a core
// (procs_running in /proc/stat) from /proc/loadavg: one short line, where
// /proc/stat lists every interrupt of every core.
func readProcsRunning() (int, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	return procsRunning(string(b))
}

// procsRunning reads the running count of a /proc/loadavg line, the
// numerator of its fourth field ("0.50 0.40 0.30 3/412 9876").
func procsRunning(loadavg string) (int, bool) {
	f := strings.Fields(loadavg)
	if len(f) < 4 {
		return 0, false
	}
	running, _, ok := strings.Cut(f[3], "/")
	k, err := strconv.Atoi(running)
	return k, ok && err == nil && k >= 1
}
