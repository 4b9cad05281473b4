package snn

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sidecarNet runs 100 neurons for 200 ms, 40 of them driven above
// rheobase and the others silent, recording neurons 0..59.
func sidecarNet(t *testing.T) (*Network, *SpikeMonitor, *StateMonitor, *RateMonitor) {
	net := New(0.1, 9)
	p := net.AddPopulation("P", 100, DefaultLIF(), CurrentExp("ex", 2))
	amp := make([]float64, 100)
	for i := range 40 {
		amp[i] = 400 + 5*float64(i)
	}
	net.Inject(p, ConstantCurrent{Amplitude: Slice(amp)})
	sp := net.MonitorSpikes(p, allIndices(60)...)
	st := net.MonitorState(p, "ex", []int32{3}, 1)
	rm := net.MonitorRate(p, 10)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	return net, sp, st, rm
}

// TestCSVSidecar checks the sidecar of each WriteCSV and ReadSpikes.
func TestCSVSidecar(t *testing.T) {
	_, sp, st, rm := sidecarNet(t)
	dir := t.TempDir()
	f := filepath.Join(dir, "spikes.csv")
	if err := sp.WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	T, I, m, err := ReadSpikes(f)
	if err != nil || m == nil {
		t.Fatalf("ReadSpikes: %v, meta %v", err, m)
	}
	if len(T) != sp.Len() || m.Kind != "spikes" || m.Population != "P" || m.N != 100 || len(m.Recorded) != 60 ||
		m.Recorded[59] != 59 || m.TStart != 0 || m.TStop != 200 || m.Dt != 0.1 || m.Seed != 9 || m.Units["time_ms"] != "ms" {
		t.Errorf("%d spikes (want %d), meta %+v", len(T), sp.Len(), m)
	}
	for k := range T {
		if T[k] != sp.times[k] || I[k] != sp.index[k] {
			t.Fatalf("spike %d: %g,%d want %g,%d", k, T[k], I[k], sp.times[k], sp.index[k])
		}
	}
	// A spike outside (t_start, t_stop] or of an unrecorded neuron is refused.
	for _, bad := range []string{"200.5,3", "10,70"} {
		g := filepath.Join(dir, "bad.csv")
		os.WriteFile(g, []byte("time_ms,neuron\n1,2\n"+bad+"\n"), 0o644)
		b, _ := os.ReadFile(f + ".json")
		os.WriteFile(g+".json", b, 0o644)
		if _, _, _, err := ReadSpikes(g); err == nil || !strings.Contains(err.Error(), "row 3") {
			t.Errorf("row %q: error %v, want one naming row 3", bad, err)
		}
	}
	// No sidecar: ReadSpikes reads the rows and meta is nil.
	os.Remove(f + ".json")
	if T2, _, m2, err := ReadSpikes(f); err != nil || m2 != nil || len(T2) != len(T) {
		t.Errorf("without sidecar: %d spikes, meta %v, err %v", len(T2), m2, err)
	}
	g := filepath.Join(dir, "state.csv")
	if err := st.WriteCSV(g); err != nil {
		t.Fatal(err)
	}
	if ms, ok, err := ReadCSVMeta(g); err != nil || !ok || ms.Variable != "ex" || ms.Units["n<i>"] != "pA" || len(ms.Recorded) != 1 || ms.TStop != 200 {
		t.Errorf("state sidecar %+v ok %v err %v", ms, ok, err)
	}
	h := filepath.Join(dir, "rates.csv")
	if err := rm.WriteCSV(h); err != nil {
		t.Fatal(err)
	}
	if mr, ok, err := ReadCSVMeta(h); err != nil || !ok || mr.Kind != "rates" || mr.N != 100 || mr.Units["rate_hz"] != "Hz" {
		t.Errorf("rate sidecar %+v ok %v err %v", mr, ok, err)
	}
}

// TestNeoSnippet runs the README's Neo snippet on a spike export and checks
// one SpikeTrain per recorded neuron (silent ones included), each with
// snn's spike count and t_stop = 200 ms.
func TestNeoSnippet(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Python")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import neo, quantities").Run(); err != nil {
		t.Skip("python3-neo is not installed (bash scripts/setup-pynn.sh installs it)")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	k := strings.Index(s, "<!-- neo-snippet -->\n```python\n")
	if k < 0 {
		t.Fatal("README.md has no neo-snippet")
	}
	s = s[k+len("<!-- neo-snippet -->\n```python\n"):]
	code := s[:strings.Index(s, "```")] +
		"for st in trains:\n    print(st.name, len(st), float(st.t_stop.rescale('ms')))\n"
	_, sp, _, _ := sidecarNet(t)
	f := filepath.Join(t.TempDir(), "spikes.csv")
	if err := sp.WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	// The whole population ("recorded": "all"): one train per neuron.
	all := filepath.Join(t.TempDir(), "all.csv")
	if err := allSpikes(t).WriteCSV(all); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("/usr/bin/python3", "-c", code, all).CombinedOutput()
	if n := strings.Count(string(out), "\n"); err != nil || n != 100 {
		t.Errorf("snippet on a whole-population export: %d trains, want 100; %v\n%.300s", n, err, out)
	}
	out, err = exec.Command("/usr/bin/python3", "-c", code, f).CombinedOutput()
	if err != nil {
		t.Fatalf("snippet: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	counts := sp.Counts()
	if len(lines) != 60 {
		t.Fatalf("%d trains, want 60 (the recorded neurons):\n%s", len(lines), out)
	}
	silent := 0
	for i, line := range lines {
		fs := strings.Fields(line)
		n, _ := strconv.Atoi(fs[1])
		if fs[0] != "P["+strconv.Itoa(i)+"]" || n != counts[i] || fs[2] != "200.0" {
			t.Errorf("train %d: %q, want P[%d] %d 200.0", i, line, i, counts[i])
		}
		if n == 0 {
			silent++
		}
	}
	if silent != 20 {
		t.Errorf("%d silent trains, want 20 (neurons 40..59)", silent)
	}
}

// allSpikes runs sidecarNet's network with a monitor on every neuron.
func allSpikes(t *testing.T) *SpikeMonitor {
	t.Helper()
	net := New(0.1, 9)
	p := net.AddPopulation("P", 100, DefaultLIF())
	amp := make([]float64, 100)
	for i := range 40 {
		amp[i] = 400 + 5*float64(i)
	}
	net.Inject(p, ConstantCurrent{Amplitude: Slice(amp)})
	sp := net.MonitorSpikes(p)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestCSVSidecarAll: a monitor of every neuron writes "recorded": "all"
// (not a list of N indices); ReadSpikes gives the list 0..N−1 and refuses
// a neuron outside it; a sidecar with the whole list (as pynn/network.py
// writes it) reads the same; a "recorded" that is neither is an error
// naming it.
func TestCSVSidecarAll(t *testing.T) {
	sp := allSpikes(t)
	dir := t.TempDir()
	f := filepath.Join(dir, "all.csv")
	if err := sp.WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(f + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"recorded": "all"`) || len(b) > 400 {
		t.Errorf("sidecar of a whole-population monitor (%d bytes), want \"recorded\": \"all\":\n%s", len(b), b)
	}
	_, I, m, err := ReadSpikes(f)
	if err != nil || m == nil || len(m.Recorded) != 100 || m.Recorded[0] != 0 || m.Recorded[99] != 99 || len(I) != sp.Len() {
		t.Fatalf("ReadSpikes: %v, %d spikes (want %d), meta %+v", err, len(I), sp.Len(), m)
	}
	// The list form (pynn/network.py's) reads the same.
	ids, _ := json.Marshal(allIndices(100))
	list := strings.Replace(string(b), `"recorded": "all"`, `"recorded": `+string(ids), 1)
	os.WriteFile(f+".json", []byte(list), 0o644)
	if _, _, m2, err := ReadSpikes(f); err != nil || !reflect.DeepEqual(m2, m) {
		t.Errorf("the list form: %v, meta %+v, want %+v", err, m2, m)
	}
	// A neuron outside 0..N−1 is refused.
	os.WriteFile(f, []byte("time_ms,neuron\n1,2\n5,100\n"), 0o644)
	os.WriteFile(f+".json", b, 0o644)
	if _, _, _, err := ReadSpikes(f); err == nil || !strings.Contains(err.Error(), "row 3: neuron = 100") {
		t.Errorf("neuron 100 of 100: error %v, want one naming row 3 and neuron 100", err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"recorded": "all"`, `"recorded": "some"`, `"recorded" = "some", want "all" or a list`},
		{`"n": 100`, `"n": -1`, `"recorded": "all" with n = -1, want n in [0, 2147483647]`},
	} {
		os.WriteFile(f+".json", []byte(strings.Replace(string(b), c.from, c.to, 1)), 0o644)
		if _, _, err := ReadCSVMeta(f); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "all.csv.json") {
			t.Errorf("%s: error %v, want one naming the file and saying %s", c.to, err, c.want)
		}
	}
}
