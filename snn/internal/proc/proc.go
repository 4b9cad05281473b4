// Package proc reads what this module needs of Linux's /proc: the
// machine's memory (/proc/meminfo) and the threads that are running or
// waiting for a core (/proc/loadavg, /proc/self/task). Each reader reports
// false where its file cannot be read (another system, a sandbox); the
// text of each file is parsed by a function of the text alone, tested
// without /proc.
package proc

import (
	"os"
	"strconv"
	"strings"
)

// Meminfo returns the field of /proc/meminfo called name ("MemTotal",
// "MemAvailable", ...) in bytes, or false where it cannot be read.
func Meminfo(name string) (uint64, bool) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	return meminfo(string(b), name)
}

// meminfo returns the field name of a /proc/meminfo text ("MemTotal:
// 16318412 kB" lines) in bytes, or false if it has none in kB.
func meminfo(text, name string) (uint64, bool) {
	for line := range strings.Lines(text) {
		rest, ok := strings.CutPrefix(line, name+":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil || kb > 1<<54 {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}

// ProcsRunning returns the number of threads of the machine that are
// running or waiting for a core (procs_running in /proc/stat), read from
// /proc/loadavg: one short line, where /proc/stat lists every interrupt of
// every core.
func ProcsRunning() (int, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	return procsRunning(string(b))
}

// procsRunning reads the running count of a /proc/loadavg line, the
// numerator of its fourth field ("0.50 0.40 0.30 3/412 9876"); the count
// includes the reader, so it is at least 1.
func procsRunning(loadavg string) (int, bool) {
	f := strings.Fields(loadavg)
	if len(f) < 4 {
		return 0, false
	}
	running, _, ok := strings.Cut(f[3], "/")
	k, err := strconv.Atoi(running)
	return k, ok && err == nil && k >= 1
}

// OwnRunning counts this process's threads that are running or waiting
// for a core (state R in /proc/self/task/*/stat), at least 1 (the
// caller).
func OwnRunning() int {
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
