package snn

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestReadCSVBadFiles: every reader names the file, the line and the column
// of what is wrong (they panicked, or read 1e10 as −2147483648, or read a
// rates file as spikes).
func TestReadCSVBadFiles(t *testing.T) {
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	spikes := func(p string) error { _, _, err := ReadSpikesCSV(p); return err }
	rates := func(p string) error { _, _, err := ReadRatesCSV(p); return err }
	state := func(p string) error { _, _, _, err := ReadStateCSV(p); return err }
	for _, tc := range []struct {
		read func(string) error
		name string
		text string
		want string
	}{
		{spikes, "empty.csv", "", "ReadSpikesCSV: DIR/empty.csv line 1: empty file, want a header row"},
		{spikes, "short.csv", "time_ms,neuron\n1,2\n3\n", "ReadSpikesCSV: DIR/short.csv line 3: 1 fields, want 2 as in the header"},
		{spikes, "long.csv", "time_ms,neuron\n1,2,3\n", "line 2: 3 fields, want 2"},
		{spikes, "big.csv", "time_ms,neuron\n1,1e10\n", "ReadSpikesCSV: DIR/big.csv line 2 column 2 (neuron): 1e+10, want an integer neuron index in [0, 2147483647]"},
		{spikes, "neg.csv", "time_ms,neuron\n1,0\n2,-1\n", "line 3 column 2 (neuron): -1, want an integer neuron index"},
		{spikes, "frac.csv", "time_ms,neuron\n1,2.5\n", "line 2 column 2 (neuron): 2.5, want an integer"},
		{spikes, "nan.csv", "time_ms,neuron\nNaN,2\n", "line 2 column 1 (time_ms): NaN, want a finite number"},
		{spikes, "text.csv", "time_ms,neuron\n1,x\n", `line 2 column 2 (neuron): "x" is not a number`},
		{spikes, "rates-as-spikes.csv", "bin_start_ms,rate_hz\n0,5\n", `ReadSpikesCSV: DIR/rates-as-spikes.csv line 1: header "bin_start_ms,rate_hz", want "time_ms,neuron"`},
		{spikes, "quote.csv", "time_ms,neuron\n1,\"2\n", "ReadSpikesCSV: DIR/quote.csv line 2"},
		{rates, "spikes-as-rates.csv", "time_ms,neuron\n1,2\n", `ReadRatesCSV: DIR/spikes-as-rates.csv line 1: header "time_ms,neuron", want "bin_start_ms,rate_hz"`},
		{rates, "negrate.csv", "bin_start_ms,rate_hz\n0,-5\n", "ReadRatesCSV: DIR/negrate.csv line 2 column 2 (rate_hz): -5, want a finite rate ≥ 0 Hz"},
		{rates, "infrate.csv", "bin_start_ms,rate_hz\n0,+Inf\n", "line 2 column 2 (rate_hz): +Inf, want a finite rate ≥ 0 Hz"},
		{rates, "short-rates.csv", "bin_start_ms,rate_hz\n0\n", "ReadRatesCSV: DIR/short-rates.csv line 2: 1 fields, want 2"},
		{state, "state-header.csv", "time_ms,x3\n1,2\n", `ReadStateCSV: DIR/state-header.csv line 1: header "time_ms,x3", want "time_ms" followed by "n<index>" columns (column "x3" is not)`},
		{state, "state-bigindex.csv", "time_ms,n1e10\n1,2\n", `(column "n1e10" is not)`},
		{state, "state-hugeindex.csv", "time_ms,n2147483648\n1,2\n", `(column "n2147483648" is not)`},
		{state, "state-negindex.csv", "time_ms,n-1\n1,2\n", `(column "n-1" is not)`},
		{state, "state-short.csv", "time_ms,n0,n1\n1,2,3\n4,5\n", "ReadStateCSV: DIR/state-short.csv line 3: 2 fields, want 3"},
		{state, "state-time.csv", "time_ms,n0\nInf,2\n", "line 2 column 1 (time_ms): +Inf, want a finite number"},
		{state, "spikes-as-state.csv", "time_ms,neuron\n1,2\n", `(column "neuron" is not)`},
		{state, "missing.csv", "", ""},
	} {
		p := filepath.Join(dir, tc.name)
		if tc.name != "missing.csv" {
			p = file(tc.name, tc.text)
		}
		want := strings.ReplaceAll(tc.want, "DIR", dir)
		if tc.name == "missing.csv" {
			os.Remove(p)
			want = "ReadStateCSV: open " + p + ": no such file"
		}
		if err := tc.read(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, want)
		}
	}
	// A header-only file has no rows; state values are read as written.
	if T, I, err := ReadSpikesCSV(file("head.csv", "time_ms,neuron\n")); err != nil || len(T) != 0 || len(I) != 0 {
		t.Errorf("header only: %v %v %v, want no rows and no error", T, I, err)
	}
	T, n, v, err := ReadStateCSV(file("state-nan.csv", "time_ms,n0,n2147483647\n0.5,NaN,-Inf\n"))
	if err != nil || !reflect.DeepEqual(T, []float64{0.5}) || !reflect.DeepEqual(n, []int32{0, math.MaxInt32}) || !math.IsNaN(v[0][0]) || !math.IsInf(v[1][0], -1) {
		t.Errorf("state with NaN: %v %v %v %v", T, n, v, err)
	}
}

// TestWriteCSVKeepsPermissionsAndNamesThePath: a file replaced keeps its
// mode (it became 0600), a new one gets 0666 less the umask, and errors
// name the user's path, not the temporary file.
func TestWriteCSVKeepsPermissionsAndNamesThePath(t *testing.T) {
	dir := t.TempDir()
	m := &RateMonitor{times: []float64{0, 1}, rate: []float64{5, 6}}
	p := filepath.Join(dir, "r.csv")
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604} {
		if err := os.WriteFile(p, nil, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := m.WriteCSV(p); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != mode {
			t.Errorf("replaced a %v file: now %v (%v)", mode, fi.Mode().Perm(), err)
		}
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	fresh := filepath.Join(dir, "new.csv")
	if err := m.WriteCSV(fresh); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o666&^os.FileMode(umask) {
		t.Errorf("new file: mode %v, want %v", fi.Mode().Perm(), 0o666&^os.FileMode(umask))
	}
	if T, R, err := ReadRatesCSV(p); err != nil || !reflect.DeepEqual(T, m.times) || !reflect.DeepEqual(R, m.rate) {
		t.Errorf("read back %v %v %v", T, R, err)
	}
	for _, bad := range []string{filepath.Join(dir, "missing", "r.csv"), dir} {
		err := m.WriteCSV(bad)
		if err == nil || !strings.Contains(err.Error(), "snn: write "+bad+": ") || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("WriteCSV(%s): %v, want an error naming the path and not the temporary file", bad, err)
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left in the folder", e.Name())
		}
	}
	if len(ents) != 4 {
		t.Errorf("%d files in the folder, want 4 (two CSV files and their sidecars)", len(ents))
	}
	// Exported fields out of step, and nil monitors: an error, no panic.
	for _, tc := range []struct {
		err  error
		want string
	}{
		{(&SpikeMonitor{times: []float64{1}}).WriteCSV(p), "spike monitor: len(I) = 0, want len(T) = 1"},
		{(&RateMonitor{times: []float64{1}}).WriteCSV(p), "rate monitor: len(Rate) = 0, want len(T) = 1"},
		{(&StateMonitor{variable: "V", neurons: []int32{1}}).WriteCSV(p), "state monitor V: len(Values) = 0, want len(Neurons) = 1"},
		{(&StateMonitor{variable: "V", neurons: []int32{1}, times: []float64{1}, values: [][]float64{{}}}).WriteCSV(p), "len(Values[0]) = 0, want len(T) = 1"},
		{(*SpikeMonitor)(nil).WriteCSV(p), "SpikeMonitor.WriteCSV: monitor = nil"},
		{(*StateMonitor)(nil).WriteCSV(p), "StateMonitor.WriteCSV: monitor = nil"},
		{(*RateMonitor)(nil).WriteCSV(p), "RateMonitor.WriteCSV: monitor = nil"},
		{m.WriteCSV(""), `WriteCSV: path = "", want a file name`},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%v, want an error with %q", tc.err, tc.want)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	net, sp := eiNet(2, 2, CurrentKind)
	pop := net.pops[0]
	st := net.MonitorState(pop, "V", []int32{0, 17, 5999}, 0.3)
	rt := net.MonitorRate(pop, 1)
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := sp.WriteCSV(filepath.Join(dir, "s.csv")); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteCSV(filepath.Join(dir, "v.csv")); err != nil {
		t.Fatal(err)
	}
	if err := rt.WriteCSV(filepath.Join(dir, "r.csv")); err != nil {
		t.Fatal(err)
	}
	T, I, err := ReadSpikesCSV(filepath.Join(dir, "s.csv"))
	if err != nil || !reflect.DeepEqual(T, sp.times) || !reflect.DeepEqual(I, sp.index) || len(T) == 0 {
		t.Errorf("spikes round trip: %d vs %d rows, err %v", len(T), sp.Len(), err)
	}
	T, nn, vals, err := ReadStateCSV(filepath.Join(dir, "v.csv"))
	if err != nil || !reflect.DeepEqual(T, st.times) || !reflect.DeepEqual(nn, st.neurons) || !reflect.DeepEqual(vals, st.values) {
		t.Errorf("state round trip differs (err %v)", err)
	}
	T, R, err := ReadRatesCSV(filepath.Join(dir, "r.csv"))
	if err != nil || !reflect.DeepEqual(T, rt.times) || !reflect.DeepEqual(R, rt.rate) || len(R) != 50 {
		t.Errorf("rate round trip differs: %d bins (err %v)", len(R), err)
	}
	// No temporary file is left behind; a write into a missing folder fails
	// cleanly.
	if ents, _ := os.ReadDir(dir); len(ents) != 6 { // 3 CSV files and their .json sidecars
		t.Errorf("%d files in the folder, want 6", len(ents))
	}
	if err := sp.WriteCSV(filepath.Join(dir, "missing", "s.csv")); err == nil {
		t.Error("write into a missing folder: want an error")
	}
}
