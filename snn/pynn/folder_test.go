package pynn

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// listing returns the names in dir, sorted ("" entries for none).
func listing(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// TestPyNNExportNamesCollide: two objects whose PyNN labels or files
// would be the same are refused with an error naming both, and nothing is
// written (the target folder stays absent, the parent holds no
// temporary folder).
func TestPyNNExportNamesCollide(t *testing.T) {
	lif := snn.DefaultLIF()
	cases := []struct {
		name        string
		build       func(n *snn.Network)
		param, want string // the colliding label or file and both owners
	}{
		{"populations a b and a_b", func(n *snn.Network) {
			n.AddPopulation("a b", 2, lif)
			n.AddPopulation("a_b", 2, lif)
		}, "label", `pop_a_b, want one per object: population "a b" and population "a_b" both get it`},
		{"a Poisson source's label", func(n *snn.Network) {
			x := n.AddPopulation("X", 2, lif, snn.CurrentExp("e", 2))
			n.Inject(x, snn.PoissonInput{Receptor: "e", N: 1, Rate: 5, Weight: 1})
			n.AddPopulation("X_poisson0", 2, lif)
		}, "label", `pop_X_poisson0, want one per object: population "X_poisson0" and the Poisson sources of population "X" input 0 (snn.PoissonInput) both get it`},
		{"spike files of x y and x_y", func(n *snn.Network) {
			n.MonitorSpikes(n.AddPopulation("x y", 2, lif))
			n.MonitorSpikes(n.AddSpikeGenerator("x_y", 1, []int32{0}, []float64{1}))
		}, "file", `x_y_spikes.csv, want one per object: the spike monitor of population "x y" and the spike monitor of spike generator "x_y" both get it`},
		{"generators g-1 and g_1", func(n *snn.Network) {
			n.AddSpikeGenerator("g-1", 1, []int32{0}, []float64{1})
			n.AddSpikeGenerator("g_1", 1, []int32{0}, []float64{1})
		}, "label", `src_g_1, want one per object: spike generator "g-1" and spike generator "g_1" both get it`},
	}
	for _, c := range cases {
		net := snn.New(0.1, 1)
		c.build(net)
		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		err := Export(net, dir, Options{Duration: 10})
		paramtest.WantError(t, c.name, err, "pynn.Export", c.param, c.want)
		if got := listing(t, parent); len(got) != 0 {
			t.Errorf("%s: the refused export left %v", c.name, got)
		}
	}
}

// TestPyNNExportRecordsEveryMonitor: every spike monitor gets its own
// file, the first of a source <source>_spikes.csv, the k-th
// <source>_spikes_<k>.csv, with its neurons (nil: all).
func TestPyNNExportRecordsEveryMonitor(t *testing.T) {
	net := snn.New(0.1, 1)
	p := net.AddPopulation("P", 10, snn.DefaultLIF())
	g := net.AddPoissonGroup("Q", 5, 10)
	net.MonitorSpikes(p, 0, 1, 2)
	net.MonitorSpikes(p)
	net.MonitorSpikes(g)
	net.MonitorSpikes(p, 7)
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	want := []record{{"P", "pop_P", "P_spikes.csv", []int32{0, 1, 2}}, {"P", "pop_P", "P_spikes_2.csv", nil},
		{"Q", "src_Q", "Q_spikes.csv", nil}, {"P", "pop_P", "P_spikes_3.csv", []int32{7}}}
	got := readSidecar(t, dir).Record
	if len(got) != len(want) {
		t.Fatalf("record %+v, want %+v", got, want)
	}
	for k := range want {
		if got[k].Source != want[k].Source || got[k].PyNN != want[k].PyNN || got[k].File != want[k].File || !slices.Equal(got[k].Neurons, want[k].Neurons) {
			t.Errorf("record %d: %+v, want %+v", k, got[k], want[k])
		}
	}
}

// TestPyNNExportReplaces: exporting into a folder that holds an earlier
// export replaces it whole (no file of the first export is left); a
// folder with other files, or a file, is refused and left as it was.
func TestPyNNExportReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "export")
	first := snn.New(0.1, 1)
	a := first.AddPopulation("A", 3, snn.DefaultLIF())
	first.Inject(a, snn.ConstantCurrent{Amplitude: snn.Const(100)})
	first.MonitorSpikes(a)
	if err := Export(first, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	// A run's outputs are part of the export's folder.
	if err := os.WriteFile(filepath.Join(dir, "A_spikes.csv"), []byte("time_ms,neuron\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := snn.New(0.1, 1)
	second.AddPopulation("B", 3, snn.DefaultLIF())
	if err := Export(second, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	if got, want := listing(t, dir), []string{"network.json", "network.py", "pop_B.v0"}; !slices.Equal(got, want) {
		t.Errorf("after the second export: %v, want %v", got, want)
	}
	if got := listing(t, filepath.Dir(dir)); !slices.Equal(got, []string{"export"}) {
		t.Errorf("beside the export: %v, want only the export", got)
	}

	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	err := Export(second, other, Options{Duration: 10})
	paramtest.WantError(t, "a folder with other files", err, "pynn.Export", "dir", "a new or empty folder, or an earlier export to replace", "network.json")
	if got := listing(t, other); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("the refused folder holds %v, want notes.txt only", got)
	}
	file := filepath.Join(other, "notes.txt")
	paramtest.WantError(t, "a file", Export(second, file, Options{Duration: 10}), "pynn.Export", "dir", "it is a file")
}

// TestPyNNExportDurationAsRun: Export takes exactly the durations > 0 that
// Network.Run takes (finite, a whole number of steps, at most the steps a
// network can take, fewer with a large Poisson group), and names Duration
// in its error. (Run also takes 0, a run of no step; an export of no step
// is refused.)
func TestPyNNExportDurationAsRun(t *testing.T) {
	build := func() *snn.Network {
		net := snn.New(0.1, 1)
		net.AddPopulation("P", 2, snn.DefaultLIF())
		net.AddPoissonGroup("Q", 1_000_000, 1)
		return net
	}
	paramtest.WantError(t, "Duration 0", Export(build(), t.TempDir(), Options{}), "pynn.Export", "Duration", "> 0 ms")
	for _, d := range []float64{-1, math.NaN(), math.Inf(1), 0.05, 0.1, 1.0, 0.30000000000000004, 1e-300, 1e15, 1e12, 9e11} {
		err := Export(build(), t.TempDir(), Options{Duration: d})
		var runErr error
		if err == nil && d > 10 {
			continue // Run would take that long; Export agreeing is the point
		}
		runErr = build().Run(d)
		if (err == nil) != (runErr == nil) {
			t.Errorf("Duration %g: Export %v, Run %v; want both to accept or both to refuse", d, err, runErr)
		}
		if err != nil {
			paramtest.WantError(t, "Duration", err, "pynn.Export", "Duration")
		}
	}
	// 9e11 ms at 0.1 ms is 9e12 steps, within MaxInt64/10^6: accepted by both.
	if err := Export(build(), t.TempDir(), Options{Duration: 9e11}); err != nil {
		t.Errorf("Duration 9e11 ms: %v, want it accepted (as Run accepts it)", err)
	}
}

// TestPyNNExportBounds: the RandomCurrent draws network.py would hold are
// bounded by the network's memory budget, and a value network.json or a
// data file cannot hold (an i_offset that overflows to +Inf) is refused
// naming the population, with nothing written.
func TestPyNNExportBounds(t *testing.T) {
	net := snn.New(0.1, 1)
	p := net.AddPopulation("R", 1000, snn.DefaultLIF())
	net.Inject(p, snn.RandomCurrent{Dist: distuv.Normal{Mu: 100, Sigma: 10}, Period: 0.1})
	if err := net.SetMaxBytes(1e6); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	err := Export(net, filepath.Join(parent, "x"), Options{Duration: 1000})
	paramtest.WantError(t, "RandomCurrent", err, `population "R"`, "input 0 (RandomCurrent) draws", "10000 rows of 1000 neurons", "Network.MaxBytes")

	net = snn.New(0.1, 1)
	p = net.AddPopulation("I", 2, snn.DefaultLIF())
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Const(1.5e308)})
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Const(1.5e308)})
	err = Export(net, filepath.Join(parent, "y"), Options{Duration: 10})
	t.Logf("an i_offset of +Inf: %v", err)
	if err != nil && !strings.Contains(err.Error(), `population "I"`) {
		t.Errorf("an i_offset of +Inf: %v, want an error naming population \"I\"", err)
	}
	if err == nil {
		t.Error("an i_offset of +Inf: exported")
	}
	if got := listing(t, parent); len(got) != 0 {
		t.Errorf("the refused exports left %v", got)
	}
}
