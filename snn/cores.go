package snn

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
)

// sweeps counts the Sweeps running in this process. While one runs,
// networks with automatic Workers step on one goroutine each: the sweep's
// tasks already keep every core busy, and a team per network would only
// make them wait for one another.
var sweeps atomic.Int32

// freeCores returns the number of goroutines a Run with automatic Workers
// gives a step: GOMAXPROCS, less the threads of other processes that are
// running or waiting for a core right now (Linux's procs_running in
// /proc/stat, which counts the calling thread too), and at least 1. Where
// /proc/stat cannot be read, GOMAXPROCS. The choice never changes a
// result, only how long it takes.
func freeCores() int {
	n := runtime.GOMAXPROCS(0)
	f, err := os.Open("/proc/stat")
	if err != nil {
		return n
	}
	defer f.Close()
	if busy, ok := procsRunning(bufio.NewScanner(f)); ok {
		n = min(n, runtime.NumCPU()-(busy-1))
	}
	return max(1, n)
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
