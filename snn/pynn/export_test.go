package pynn

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
)

func readSidecar(t *testing.T, dir string) sidecar {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "network.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s sidecar
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// readRows reads whitespace-separated numbers, one row a line, skipping '#'.
func readRows(t *testing.T, path string) [][]float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]float64
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		var r []float64
		for _, f := range strings.Fields(line) {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			r = append(r, x)
		}
		rows = append(rows, r)
	}
	return rows
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// TestPyNNExportCurrent checks the cell, the unit conversions (pF → nF,
// pA → nA) and every input of a current-based population, exactly or to
// 1e-12 relative.
func TestPyNNExportCurrent(t *testing.T) {
	net := snn.New(0.1, 3)
	m := snn.LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 3}
	// The inhibitory receptor is listed first: the sign of its weights decides.
	p := net.AddPopulation("P", 10, m, snn.CurrentExp("gaba", 10), snn.CurrentExp("ampa", 5))
	g := net.AddSpikeGenerator("G", 3, []int32{2, 0, 1}, []float64{1.23, 0.5, 2})
	q := net.AddPoissonGroup("Q", 4, 12)
	net.Connect(g, p, snn.AllToAll{}, snn.Synapse{Receptor: "ampa", Weight: snn.Const(30), Delay: snn.Const(0.2)})
	net.Connect(q, p, snn.FixedInDegree{K: 2}, snn.Synapse{Receptor: "gaba", Weight: snn.Random(distuv.Uniform{Min: -200, Max: -100}), Delay: snn.Const(0.3)})
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Const(250)})
	net.Inject(p, snn.NoisyCurrent{Mean: snn.Const(100), Sigma: 50})
	net.Inject(p, snn.TimedCurrent{Times: []float64{10, 20}, Values: []float64{300, 0}})
	net.Inject(p, snn.PoissonInput{Receptor: "ampa", N: 100, Rate: 5, Weight: 20})
	net.MonitorSpikes(p, 1, 3)
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 50, Ranks: 3}); err != nil {
		t.Fatal(err)
	}
	s := readSidecar(t, dir)
	if s.Dt != 0.1 || s.Seed != 3 || s.Duration != 50 || s.MinDelay != 0.1 || s.Units["current"] != "nA" {
		t.Errorf("sidecar: dt %g seed %d duration %g min_delay %g units %v", s.Dt, s.Seed, s.Duration, s.MinDelay, s.Units)
	}
	pp := s.Populations[0]
	c := pp.Cell
	want := map[string]float64{"tau_m": 20, "cm": 0.2, "v_rest": -65, "v_thresh": -50, "v_reset": -60,
		"tau_refrac": 3, "i_offset": 0, "tau_syn_E": 5, "tau_syn_I": 10}
	if c.Type != "IF_curr_exp" || c.NEST != "iaf_psc_exp" || c.Receptor["ampa"] != "excitatory" || c.Receptor["gaba"] != "inhibitory" {
		t.Errorf("cell %s (%s), receptors %v; want IF_curr_exp (iaf_psc_exp), ampa excitatory, gaba inhibitory", c.Type, c.NEST, c.Receptor)
	}
	for k, v := range want {
		if !near(c.Params[k], v, 1e-15) {
			t.Errorf("param %s = %g, want %g", k, c.Params[k], v)
		}
	}
	// i_offset: 250 pA + 100 pA (NoisyCurrent's mean) = 0.35 nA.
	for _, r := range readRows(t, filepath.Join(dir, pp.IOffset)) {
		if !near(r[0], 0.35, 1e-15) {
			t.Fatalf("i_offset %g nA, want 0.35", r[0])
		}
	}
	p22 := math.Exp(-0.1 / 20)
	if len(pp.Noise) != 1 || !near(pp.Noise[0].Stdev, 0.05*math.Sqrt((1+p22)/(1-p22)), 1e-14) || pp.Noise[0].Dt != 0.1 {
		t.Errorf("noise %+v, want stdev %g nA every 0.1 ms", pp.Noise, 0.05*math.Sqrt((1+p22)/(1-p22)))
	}
	if len(pp.Steps) != 1 || pp.Steps[0].Times[0] != 10 || pp.Steps[0].Times[1] != 20 || pp.Steps[0].Amplitudes[0] != 0.3 || pp.Steps[0].Amplitudes[1] != 0 {
		t.Errorf("step current %+v, want times [10 20] ms, amplitudes [0.3 0] nA", pp.Steps)
	}
	if len(pp.Poisson) != 1 || pp.Poisson[0].Rate != 500 || pp.Poisson[0].Weight != 0.02 || pp.Poisson[0].Receptor != "excitatory" {
		t.Errorf("Poisson input %+v, want 500 Hz, 0.02 nA, excitatory", pp.Poisson)
	}
	v0 := readRows(t, filepath.Join(dir, pp.InitV))
	if len(v0) != 10 || v0[0][0] != -65 {
		t.Errorf("initial V: %d rows, first %v; want 10 rows of E_L = -65", len(v0), v0[0])
	}
	// Sources: the generator's spikes on the grid, the Poisson group's rate.
	if s.Sources[0].Type != "SpikeSourceArray" || s.Sources[1].Type != "SpikeSourcePoisson" || s.Sources[1].Rate != 12 {
		t.Errorf("sources %+v", s.Sources)
	}
	sp := readRows(t, filepath.Join(dir, s.Sources[0].File))
	wantSp := [][]float64{{0, 0.5}, {2, 1.2000000000000002}, {1, 2}}
	for k := range wantSp {
		if sp[k][0] != wantSp[k][0] || !near(sp[k][1], wantSp[k][1], 1e-12) {
			t.Errorf("generator spike %d: %v, want %v", k, sp[k], wantSp[k])
		}
	}
	// Edges: weights pA → nA, delays in ms, split into 3 files, each
	// onto neurons j ≡ r (mod 3), every edge once (no unsplit file).
	for k, pj := range s.Projections {
		pr := net.Projections()[k]
		d, _ := pr.Delays() // one shared delay
		var want, got [][4]float64
		for e := range pr.Edges() {
			want = append(want, [4]float64{float64(e.Pre), float64(e.Post), e.Weight / 1000, d})
		}
		if pj.File != "" || len(pj.Split) != 3 || pj.Edges != int64(pr.Len()) {
			t.Errorf("%s: file %q, split %v, %d edges; want 3 split files only, %d edges", pj.Name, pj.File, pj.Split, pj.Edges, pr.Len())
		}
		for r, f := range pj.Split {
			for _, row := range readRows(t, filepath.Join(dir, f)) {
				if int(row[1])%3 != r {
					t.Fatalf("%s: edge onto %g in file for rank %d", f, row[1], r)
				}
				got = append(got, [4]float64(row))
			}
		}
		sortEdges(want)
		sortEdges(got)
		if len(got) != len(want) {
			t.Fatalf("%s: the split files hold %d edges, want %d", pj.Name, len(got), len(want))
		}
		for n := range want {
			if got[n][0] != want[n][0] || got[n][1] != want[n][1] || got[n][2] != want[n][2] || !near(got[n][3], want[n][3], 1e-15) {
				t.Fatalf("%s: edge %v, want %v (weight nA, delay ms)", pj.Name, got[n], want[n])
			}
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "*.edges")); len(matches) != 0 {
		t.Errorf("unsplit edge files %v beside the split ones: every edge must be written once", matches)
	}
	if pj := s.Projections[1]; pj.Receptor != "inhibitory" || pj.MaxDelay != 0.30000000000000004 {
		t.Errorf("projection %s: receptor %s, max delay %g", pj.Name, pj.Receptor, pj.MaxDelay)
	}
	if len(s.Record) != 1 || s.Record[0].Source != "P" || len(s.Record[0].Neurons) != 2 {
		t.Errorf("record %+v, want P neurons [1 3]", s.Record)
	}
}

// TestPyNNExportRandomCurrent checks that the exported StepCurrentSource
// values are the currents the network itself injects (recorded as Iext),
// exactly, and that exporting leaves the network's own draws unchanged.
func TestPyNNExportRandomCurrent(t *testing.T) {
	build := func() (*snn.Network, *snn.StateMonitor) {
		net := snn.New(0.1, 5)
		p := net.AddPopulation("P", 1500, snn.DefaultLIF()) // two blocks
		net.Inject(p, snn.RandomCurrent{Dist: distuv.Normal{Mu: 100, Sigma: 30}, Period: 0.5})
		return net, net.MonitorState(p, "Iext", []int32{0, 700, 1024, 1499}, 0.1)
	}
	net, mon := build()
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 2}); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(2); err != nil {
		t.Fatal(err)
	}
	ref, refMon := build()
	if err := ref.Run(2); err != nil {
		t.Fatal(err)
	}
	s := readSidecar(t, dir)
	rows := readRows(t, filepath.Join(dir, s.Populations[0].Steps[0].File))
	if len(rows) != 4 {
		t.Fatalf("%d draws, want 4 (every 0.5 ms over 2 ms)", len(rows))
	}
	vals, refVals := mon.Values(), refMon.Values()
	for k, n := range mon.Neurons() {
		for j := range vals[k] { // step j: the current drawn at row j/5
			if vals[k][j] != refVals[k][j] {
				t.Fatalf("export changed the network's draws: neuron %d step %d", n, j)
			}
			r := rows[j/5]
			if !near(r[0], float64(j/5)*0.5, 1e-12) || r[1+n] != vals[k][j]/1000 {
				t.Fatalf("neuron %d step %d: exported %g nA at %g ms, network injected %g pA", n, j, r[1+n], r[0], vals[k][j])
			}
		}
	}
}

// TestPyNNExportKinds checks conductance and delta populations: IF_cond_exp
// takes the higher reversal potential as excitatory and weights nS → µS;
// IF_curr_delta keeps weights in mV.
func TestPyNNExportKinds(t *testing.T) {
	net := snn.New(0.1, 1)
	c := net.AddPopulation("C", 5, snn.DefaultLIF(), snn.ConductanceExp("gi", 8, -80), snn.ConductanceExp("ge", 3, 0))
	d := net.AddPopulation("D", 5, snn.DefaultLIF(), snn.Delta("v"))
	net.Connect(c, c, snn.AllToAll{}, snn.Synapse{Receptor: "ge", Weight: snn.Const(2.5), Delay: snn.Const(1)})
	net.Connect(c, d, snn.AllToAll{}, snn.Synapse{Receptor: "v", Weight: snn.Const(-0.7), Delay: snn.Const(1)})
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	s := readSidecar(t, dir)
	cc, dc := s.Populations[0].Cell, s.Populations[1].Cell
	if cc.Type != "IF_cond_exp" || cc.NEST != "iaf_cond_exp" || cc.Params["e_rev_E"] != 0 || cc.Params["e_rev_I"] != -80 ||
		cc.Params["tau_syn_E"] != 3 || cc.Params["tau_syn_I"] != 8 || cc.Receptor["ge"] != "excitatory" || cc.Params["cm"] != 0.25 {
		t.Errorf("conductance cell %+v", cc)
	}
	if dc.Type != "IF_curr_delta" || dc.NEST != "iaf_psc_delta" || dc.Receptor["v"] != "inhibitory" {
		t.Errorf("delta cell %+v", dc)
	}
	if r := readRows(t, filepath.Join(dir, s.Projections[0].File)); r[0][2] != 0.0025 || r[0][3] != 1 {
		t.Errorf("conductance edge %v, want weight 0.0025 µS delay 1 ms", r[0])
	}
	if r := readRows(t, filepath.Join(dir, s.Projections[1].File)); r[0][2] != -0.7 {
		t.Errorf("delta edge %v, want weight -0.7 mV", r[0])
	}
}

// TestPyNNExportErrors checks that what PyNN cannot express is refused with
// an error naming the object and the parameter, and writes nothing.
func TestPyNNExportErrors(t *testing.T) {
	cases := []struct {
		name  string
		build func(n *snn.Network)
		want  string // in the error
	}{
		{"three receptors", func(n *snn.Network) {
			n.AddPopulation("A", 3, snn.DefaultLIF(), snn.CurrentExp("a", 1), snn.CurrentExp("b", 1), snn.CurrentExp("c", 1))
		}, `population "A": receptors = 3`},
		{"mixed kinds", func(n *snn.Network) {
			n.AddPopulation("B", 3, snn.DefaultLIF(), snn.CurrentExp("a", 1), snn.ConductanceExp("b", 1, 0))
		}, `population "B": receptor "b" Kind = conductance`},
		{"OU current", func(n *snn.Network) {
			n.Inject(n.AddPopulation("C", 3, snn.DefaultLIF()), snn.OUCurrent{Sigma: 1, Tau: 5})
		}, `population "C": input = OUCurrent`},
		{"both signs", func(n *snn.Network) {
			p := n.AddPopulation("D", 3, snn.DefaultLIF(), snn.CurrentExp("a", 1))
			n.Connect(p, p, snn.AllToAll{}, snn.Synapse{Receptor: "a", Weight: snn.Const(1)})
			n.Connect(p, p, snn.AllToAll{}, snn.Synapse{Receptor: "a", Weight: snn.Const(-1)})
		}, `population "D": weights onto receptor "a" = both signs`},
		{"same sign", func(n *snn.Network) {
			p := n.AddPopulation("E", 3, snn.DefaultLIF(), snn.CurrentExp("a", 1), snn.CurrentExp("b", 2))
			n.Connect(p, p, snn.AllToAll{}, snn.Synapse{Receptor: "a", Weight: snn.Const(1)})
			n.Connect(p, p, snn.AllToAll{}, snn.Synapse{Receptor: "b", Weight: snn.Const(1)})
		}, `population "E": weights onto receptors "a" and "b" = the same sign`},
	}
	for _, c := range cases {
		net := snn.New(0.1, 1)
		c.build(net)
		dir := filepath.Join(t.TempDir(), "out")
		err := Export(net, dir, Options{Duration: 10})
		var pe *snn.ParamError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want a ParamError containing %q", c.name, err, c.want)
		}
		if _, serr := os.Stat(dir); !os.IsNotExist(serr) {
			t.Errorf("%s: the folder was created", c.name)
		}
	}
	net := snn.New(0.1, 1)
	net.AddPopulation("P", 3, snn.DefaultLIF())
	if err := Export(net, t.TempDir(), Options{Duration: 0}); err == nil || !strings.Contains(err.Error(), "Duration = 0, want > 0 ms") {
		t.Errorf("Duration 0: %v", err)
	}
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	if err := Export(net, t.TempDir(), Options{Duration: 5}); err == nil || !strings.Contains(err.Error(), "export before the first Run") {
		t.Errorf("after Run: %v", err)
	}
}

// TestPyNNScript checks that network.py is valid Python and refuses an
// unknown backend with a message naming it.
func TestPyNNScript(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	net := snn.New(0.1, 1)
	net.AddPopulation("P", 2, snn.DefaultLIF(), snn.Delta("v"))
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("/usr/bin/python3", "-m", "py_compile", filepath.Join(dir, "network.py")).CombinedOutput(); err != nil {
		t.Fatalf("network.py does not compile: %v\n%s", err, out)
	}
	out, err := exec.Command("/usr/bin/python3", filepath.Join(dir, "network.py"), "nestt").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "backend 'nestt', want nest, neuron or brian2") {
		t.Errorf("unknown backend: err %v, output %q", err, out)
	}
}

// BenchmarkExportPyNNEdges writes one projection of 10^6 synapses (100 per
// target, per-synapse weights and delays); reports synapses per second.
func BenchmarkExportPyNNEdges(b *testing.B) {
	net := snn.New(0.1, 1)
	p := net.AddPopulation("P", 10000, snn.DefaultLIF(), snn.CurrentExp("ex", 2))
	net.Connect(p, p, snn.FixedInDegree{K: 100}, snn.Synapse{Receptor: "ex", Weight: snn.Random(distuv.Uniform{Min: 1, Max: 2}),
		Delay: snn.Random(distuv.Uniform{Min: 1, Max: 3})})
	if err := net.Build(); err != nil {
		b.Fatal(err)
	}
	pr := net.Projections()[0]
	x := &exporter{dir: b.TempDir()}
	b.ResetTimer()
	for range b.N {
		if err := x.writeFile("e.edges", "P", func(w *bufio.Writer) error { return writeEdges(w, pr, snn.CurrentKind, -1, 1) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pr.Len())*float64(b.N)/b.Elapsed().Seconds(), "synapses/s")
}

// What the exporter cannot express is refused, naming the population and
// the parameter: the bridge correction, per-neuron thresholds and synapses
// not at rest at t = 0.
func TestPyNNExportRefusesBridgeAndInitialState(t *testing.T) {
	for name, build := range map[string]func(net *snn.Network){
		"NoisyCurrent Bridge": func(net *snn.Network) {
			p := net.AddPopulation("P", 3, snn.DefaultLIF())
			net.Inject(p, snn.NoisyCurrent{Mean: snn.Const(100), Sigma: 10, Bridge: true})
		},
		"threshold of neuron 1": func(net *snn.Network) {
			net.AddPopulation("P", 3, snn.DefaultLIF()).SetThreshold(snn.Slice([]float64{snn.DefaultLIF().VTh, -49, snn.DefaultLIF().VTh}))
		},
		`initial state of receptor "g", neuron 0`: func(net *snn.Network) {
			net.AddPopulation("P", 3, snn.DefaultAdaptiveLIF(), snn.ConductanceExp("g", 2, 0)).SetSyn("g", snn.Const(1))
		},
	} {
		net := snn.New(0.1, 1)
		build(net)
		dir := filepath.Join(t.TempDir(), "out")
		err := Export(net, dir, Options{Duration: 10})
		if err == nil || !strings.Contains(err.Error(), `population "P"`) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want an error naming population \"P\" and %q", name, err, name)
		}
		if _, statErr := os.Stat(dir); statErr == nil {
			t.Errorf("%s: the refused export wrote %s", name, dir)
		}
	}
}

// TestPyNNExportAdaptive checks the cells of AdaptiveLIF populations and
// their units: with conductance receptors PyNN's EIF_cond_exp_isfa_ista
// (a in nS, b in nA, delta_T = 0, v_spike = v_thresh); with current and
// delta receptors NEST's aeif_psc_exp and aeif_psc_delta in NEST's units
// (C_m pF, g_L nS, b pA, V_peak = V_th, Delta_T = 0); an initial w set
// between Build and the export is written in nA; min_delay is the smallest
// delay.
func TestPyNNExportAdaptive(t *testing.T) {
	net := snn.New(0.1, 1)
	m := snn.AdaptiveLIF{LIF: snn.LIF{TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -60, TRef: 2}, A: 2, B: 60, TauW: 150}
	c := net.AddPopulation("C", 3, m, snn.ConductanceExp("in", 6, -80), snn.ConductanceExp("ex", 3, 0))
	cur := net.AddPopulation("I", 3, m, snn.CurrentExp("ex", 3), snn.CurrentExp("in", 6))
	d := net.AddPopulation("D", 3, m, snn.Delta("v"))
	net.Connect(d, cur, snn.AllToAll{}, snn.Synapse{Receptor: "ex", Weight: snn.Const(20), Delay: snn.Const(1)})
	net.Connect(d, cur, snn.AllToAll{}, snn.Synapse{Receptor: "in", Weight: snn.Const(-20), Delay: snn.Const(1)})
	net.Connect(c, d, snn.AllToAll{}, snn.Synapse{Receptor: "v", Weight: snn.Const(0.5), Delay: snn.Const(1)})
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if err := c.Set("w", snn.Slice([]float64{0, 10, 25})); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 10}); err != nil {
		t.Fatal(err)
	}
	s := readSidecar(t, dir)
	if s.MinDelay != 1 {
		t.Errorf("min_delay %g ms, want 1 (the smallest delay; no PoissonInput)", s.MinDelay)
	}
	pc, pi, pd := s.Populations[0], s.Populations[1], s.Populations[2]
	if pc.Cell.Type != "EIF_cond_exp_isfa_ista" || pc.Cell.NEST != "aeif_cond_exp" || pc.Cell.NESTParams != nil || len(pc.Cell.Notes) != 2 {
		t.Errorf("C: cell %+v, want EIF_cond_exp_isfa_ista (aeif_cond_exp) with two notes", pc.Cell)
	}
	want := map[string]float64{"tau_m": 20, "cm": 0.25, "v_rest": -65, "v_thresh": -50, "v_reset": -60,
		"tau_refrac": 2, "i_offset": 0, "a": 2, "b": 0.06, "tau_w": 150, "delta_T": 0, "v_spike": -50,
		"tau_syn_E": 3, "e_rev_E": 0, "tau_syn_I": 6, "e_rev_I": -80}
	if len(pc.Cell.Params) != len(want) {
		t.Errorf("C: params %v, want %v", pc.Cell.Params, want)
	}
	for k, v := range want {
		if got, ok := pc.Cell.Params[k]; !ok || !near(got, v, 1e-15) {
			t.Errorf("C: param %s = %g, want %g", k, got, v)
		}
	}
	if w := readRows(t, filepath.Join(dir, pc.InitW)); len(w) != 3 || w[0][0] != 0 || !near(w[1][0], 0.01, 1e-15) || !near(w[2][0], 0.025, 1e-15) {
		t.Errorf("C: initial w %v nA, want [0 0.01 0.025]", w)
	}
	if pi.InitW != "" || pd.InitW != "" {
		t.Errorf("initial w files %q %q for populations whose w is 0", pi.InitW, pd.InitW)
	}
	for _, x := range []struct {
		p    pop
		nest string
		syn  map[string]float64
	}{{pi, "aeif_psc_exp", map[string]float64{"tau_syn_ex": 3, "tau_syn_in": 6}}, {pd, "aeif_psc_delta", nil}} {
		want := map[string]float64{"C_m": 250, "g_L": 12.5, "E_L": -65, "V_th": -50, "V_peak": -50, "V_reset": -60,
			"t_ref": 2, "I_e": 0, "Delta_T": 0, "a": 2, "b": 60, "tau_w": 150}
		for k, v := range x.syn {
			want[k] = v
		}
		c := x.p.Cell
		if c.Type != "" || c.NEST != x.nest || c.Params != nil || len(c.NESTParams) != len(want) || len(c.Notes) != 1 {
			t.Errorf("%s: cell %+v, want only NEST's %s with %d parameters and one note", x.p.Name, c, x.nest, len(want))
		}
		for k, v := range want {
			if got, ok := c.NESTParams[k]; !ok || !near(got, v, 1e-15) {
				t.Errorf("%s: NEST param %s = %g, want %g", x.p.Name, k, got, v)
			}
		}
	}
	if pi.Cell.Receptor["ex"] != "excitatory" || pi.Cell.Receptor["in"] != "inhibitory" || pc.Cell.Receptor["ex"] != "excitatory" || pd.Cell.Receptor["v"] != "excitatory" {
		t.Errorf("receptors %v %v %v", pc.Cell.Receptor, pi.Cell.Receptor, pd.Cell.Receptor)
	}
}
