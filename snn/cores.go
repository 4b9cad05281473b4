package snn

import (
	"bufio"
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
// running or waiting for a core (Linux's procs_running in /proc/stat,
// which counts the calling thread too), and at least 1. Where /proc/stat
// cannot be read, GOMAXPROCS. The choice never changes a result, only how
// long it takes.
func freeCores() int {
	return coresFree(runtime.GOMAXPROCS(0), runtime.NumCPU(), readProcsRunning)
}

// The samples freeCores takes of procs_running, and the time between them.
// procs_running is a count of this instant: a kernel thread or one of this
// process's own threads (the garbage collector's) running for a moment
// would make an idle machine look busy. The least of a few samples over
// about half a millisecond counts only what runs all along.
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
			time.Sleep(coreGap)
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

// readProcsRunning reads procs_running from /proc/stat.
func readProcsRunning() (int, bool) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	return procsRunning(bufio.NewScanner(f))
}

// procsRunning reads the procs_running line of /proc/stat.
func procsRunning(s *bufio.Scanner) (int, bool) {
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "procs_running "); ok {
			k, err := strconv.Atoi(strings.TrimSpace(rest))
			return k, err == nil && k >= 1
		}
	}
	return 0, false
}
