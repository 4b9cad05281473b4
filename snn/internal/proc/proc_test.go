package proc

import (
	"runtime"
	"testing"
)

func TestMeminfo(t *testing.T) {
	text := "MemTotal:       16318412 kB\nMemFree:         1000 kB\nMemAvailable:    8000000 kB\nHugePages_Total:       0\n"
	for _, c := range []struct {
		text, name string
		want       uint64
		ok         bool
	}{
		{text, "MemTotal", 16318412 * 1024, true},
		{text, "MemAvailable", 8000000 * 1024, true},
		{text, "MemFree", 1000 * 1024, true},
		{text, "Mem", 0, false},             // a prefix of a field is not the field
		{text, "HugePages_Total", 0, false}, // no unit: not bytes
		{text, "SwapTotal", 0, false},
		{"MemTotal: x kB\n", "MemTotal", 0, false},
		{"MemTotal: 1 MB\n", "MemTotal", 0, false},
		{"MemTotal: 99999999999999999999 kB\n", "MemTotal", 0, false}, // overflows uint64
		{"MemTotal: 1 kB", "MemTotal", 1024, true},                    // no final newline
	} {
		if got, ok := meminfo(c.text, c.name); got != c.want || ok != c.ok {
			t.Errorf("meminfo(%q, %q) = %d, %v; want %d, %v", c.text, c.name, got, ok, c.want, c.ok)
		}
	}
	for _, name := range []string{"MemTotal", "MemAvailable"} {
		if b, ok := Meminfo(name); !ok || b == 0 {
			t.Errorf("Meminfo(%q) = %d, %v; want a size from /proc/meminfo", name, b, ok)
		}
	}
}

func TestProcsRunning(t *testing.T) {
	for _, c := range []struct {
		line string
		want int
		ok   bool
	}{
		{"0.50 0.40 0.30 3/412 9876\n", 3, true},
		{"0.50 0.40 0.30\n", 0, false},
		{"0.50 0.40 0.30 x/412 9876\n", 0, false},
		{"0.50 0.40 0.30 0/412 9876\n", 0, false}, // the reader runs: at least 1
		{"0.50 0.40 0.30 3 9876\n", 0, false},
	} {
		if got, ok := procsRunning(c.line); ok != c.ok || (ok && got != c.want) {
			t.Errorf("procsRunning(%q) = %d, %v; want %d, %v", c.line, got, ok, c.want, c.ok)
		}
	}
	if k, ok := ProcsRunning(); !ok || k < 1 {
		t.Errorf("ProcsRunning() = %d, %v; want a count ≥ 1 from /proc/loadavg", k, ok)
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

// TestOwnRunning: while a goroutine of this process spins on a thread of
// its own, OwnRunning counts it and the caller (at least 2, in one of
// five reads: the spinner's thread may be in the scheduler for a moment).
func TestOwnRunning(t *testing.T) {
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
	for range 5 {
		k = max(k, OwnRunning())
	}
	if k < 2 {
		t.Errorf("OwnRunning() = %d with a goroutine spinning, want ≥ 2", k)
	}
}
