package pynn

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snn-sim/snn/snn"
)

// stubLog is what the stand-in pyNN.nest (snn/testdata/pyNN) records.
type stubLog struct {
	Setup struct {
		Timestep, MinDelay, MaxDelay float64
		Extra                        map[string]any
	}
	Populations []struct {
		Label, Type, NESTModel string
		N                      int
		Params, NESTParams     map[string]any
		Initial                map[string]any
	}
	Projections []struct {
		Label, Pre, Post, Connector, ReceptorType string
		Rows                                      [][6]float64 // i j weight delay nest_weight nest_delay
	}
	Sources []struct {
		Type, Population   string
		Params, NESTParams map[string]any
		Neurons            []int
	}
	Record []struct{ Population, What string }
	Run    []float64
}

func (s *stubLog) UnmarshalJSON(b []byte) error {
	// The log's keys are snake_case.
	r := strings.NewReplacer(`"min_delay"`, `"MinDelay"`, `"max_delay"`, `"MaxDelay"`, `"nest_model"`, `"NESTModel"`,
		`"nest_params"`, `"NESTParams"`, `"receptor_type"`, `"ReceptorType"`)
	type plain stubLog
	return json.Unmarshal([]byte(r.Replace(string(b))), (*plain)(s))
}

// floats reads a JSON number or list of numbers.
func floats(x any) []float64 {
	switch x := x.(type) {
	case float64:
		return []float64{x}
	case []any:
		var out []float64
		for _, v := range x {
			out = append(out, v.(float64))
		}
		return out
	}
	return nil
}

// TestPyNNNestStub runs `python3 network.py nest` against the stand-in
// pyNN package in snn/testdata (NEST itself is not installed here), which
// records what the script passes and, with the unit translations it reads
// from the installed PyNN's pyNN.nest, what NEST would receive. It checks,
// in NEST's units: every population's NEST model (on-grid: snn's spikes
// are on the grid) and parameters (C_m pF, I_e pA per neuron, b pA, g_L nS;
// the adaptive model as aeif_cond_exp, aeif_psc_exp or aeif_psc_delta with
// Delta_T = 0 and V_peak = V_th); initial V and w; every connection's
// (pre, post) pair, weight and delay against snn's: delta weights in mV
// onto iaf_psc_delta and aeif_psc_delta alike (pyNN.nest scales the
// former by its receptor_scale, the script the latter), current weights in
// pA, conductance weights in nS, negative onto an inhibitory conductance;
// current sources in pA; min_delay the smallest delay. Delays: every
// delay, one step (dt) included, reaches NEST unchanged (NEST delivers a
// spike stamped t with delay d in the step that ends at t + d, as snn;
// NEURON's slack is not added). Seeds: rng_seed = seed mod (2^32 − 1) + 1,
// within NEST's (0, 2^32) for seeds 0, 5, 2^32 and 2^64 − 1.
func TestPyNNNestStub(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	if exec.Command("/usr/bin/python3", "-c", "import numpy").Run() != nil {
		t.Skip("no numpy for /usr/bin/python3")
	}
	net := snn.New(0.1, 5)
	lif := snn.DefaultLIF()
	ad := snn.AdaptiveLIF{LIF: lif, A: 2, B: 30, TauW: 120}
	d := net.AddPopulation("D", 4, lif, snn.Delta("e"), snn.Delta("i"))
	c := net.AddPopulation("C", 4, lif, snn.CurrentExp("e", 2), snn.CurrentExp("i", 5))
	g := net.AddPopulation("G", 4, lif, snn.ConductanceExp("e", 2, 0), snn.ConductanceExp("i", 5, -80))
	ac := net.AddPopulation("AC", 3, ad, snn.ConductanceExp("e", 2, 0), snn.ConductanceExp("i", 5, -80))
	ai := net.AddPopulation("AI", 3, ad, snn.CurrentExp("e", 2), snn.CurrentExp("i", 5))
	adl := net.AddPopulation("AD", 3, ad, snn.Delta("v"))
	amp := []float64{100, 200, 300, 400}
	net.Inject(g, snn.ConstantCurrent{Amplitude: snn.Slice(amp)})
	net.Inject(g, snn.NoisyCurrent{Mean: snn.Const(50), Sigma: 20})
	net.Inject(g, snn.TimedCurrent{Times: []float64{10, 20}, Values: []float64{300, 0}})
	net.Inject(ai, snn.ConstantCurrent{Amplitude: snn.Const(700)})
	net.Inject(adl, snn.PoissonInput{Receptor: "v", N: 10, Rate: 5, Weight: 0.7})
	type want struct{ w, nest float64 } // snn's weight, NEST's
	wts := map[string]want{}
	conn := func(pre, post *snn.Population, rec string, w, nestW, delay float64) {
		pr := net.Connect(pre, post, snn.AllToAll{}, snn.Synapse{Receptor: rec, Weight: snn.Const(w), Delay: snn.Const(delay)})
		wts[pr.Name()] = want{w, nestW}
	}
	conn(d, d, "e", 0.2, 0.2, 0.1)     // mV, one step: dt on NEST too
	conn(c, d, "e", 0.5, 0.5, 0.3)     // mV
	conn(c, d, "i", -1, -1, 0.4)       // mV
	conn(d, c, "e", 30, 30, 0.5)       // pA
	conn(d, c, "i", -150, -150, 0.6)   // pA
	conn(d, g, "e", 0.6, 0.6, 0.7)     // nS
	conn(d, g, "i", 10, -10, 0.8)      // nS, negative for NEST
	conn(g, ac, "i", 4, -4, 0.9)       // nS
	conn(g, ai, "e", 25, 25, 1)        // pA
	conn(g, adl, "v", 0.25, 0.25, 1.1) // mV onto aeif_psc_delta
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if err := ac.Set("w", snn.Slice([]float64{5, 0, 10})); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*snn.Population{d, c, g, ac, ai, adl} {
		net.MonitorSpikes(p)
	}
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 30}); err != nil {
		t.Fatal(err)
	}
	stub, _ := filepath.Abs("testdata")
	logf := filepath.Join(dir, "stub.json")
	cmd := networkPy(dir, []string{"PYTHONPATH=" + stub, "SNN_PYNN_STUB_LOG=" + logf}, "nest")
	if out, err := cmd.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "the installed PyNN's") {
			t.Skipf("PyNN is not installed (the stand-in reads pyNN.nest's unit tables from it):\n%s", out)
		}
		t.Fatalf("network.py nest on the stand-in: %v\n%s", err, out)
	}
	b, err := os.ReadFile(logf)
	if err != nil {
		t.Fatal(err)
	}
	var lg stubLog
	if err := json.Unmarshal(b, &lg); err != nil {
		t.Fatal(err)
	}

	// Set-up: on-grid models, min_delay the smallest delay (PoissonInput's dt).
	if lg.Setup.Timestep != 0.1 || lg.Setup.MinDelay != 0.1 || lg.Setup.MaxDelay != 1.1 || lg.Setup.Extra["spike_precision"] != "on_grid" || len(lg.Run) != 1 || lg.Run[0] != 30 {
		t.Errorf("setup %+v, run %v; want timestep 0.1, min_delay 0.1, max_delay 1.1, on_grid; run 30", lg.Setup, lg.Run)
	}

	// Populations: models and NEST parameters.
	models := map[string]string{"pop_D": "iaf_psc_delta", "pop_C": "iaf_psc_exp", "pop_G": "iaf_cond_exp",
		"pop_AC": "aeif_cond_exp", "pop_AI": "aeif_psc_exp", "pop_AD": "aeif_psc_delta",
		"pop_AD_poisson0": "poisson_generator"}
	gl := lif.GL()
	common := map[string]float64{"C_m": 250, "E_L": -70, "V_th": -55, "V_reset": -70, "t_ref": 2}
	adaptive := map[string]float64{"g_L": gl, "a": 2, "b": 30, "tau_w": 120, "Delta_T": 0, "V_peak": -55}
	for _, p := range lg.Populations {
		if models[p.Label] != p.NESTModel {
			t.Errorf("%s: NEST model %q, want %q", p.Label, p.NESTModel, models[p.Label])
		}
		if strings.HasSuffix(p.Label, "poisson0") {
			if r := floats(p.NESTParams["rate"]); len(r) != 1 || r[0] != 50 {
				t.Errorf("%s: rate %v, want 50 Hz (N·Rate)", p.Label, r)
			}
			continue
		}
		wantP := map[string]float64{}
		for k, v := range common {
			wantP[k] = v
		}
		if strings.HasPrefix(p.Label, "pop_A") {
			for k, v := range adaptive {
				wantP[k] = v
			}
		} else if p.Label == "pop_G" {
			wantP["g_L"] = gl // pyNN.nest's IF_cond_exp: g_L = cm/tau_m
		} else {
			wantP["tau_m"] = 10
		}
		switch p.Label {
		case "pop_C", "pop_AI":
			wantP["tau_syn_ex"], wantP["tau_syn_in"] = 2, 5
		case "pop_G", "pop_AC":
			wantP["tau_syn_ex"], wantP["tau_syn_in"], wantP["E_ex"], wantP["E_in"] = 2, 5, 0, -80
		}
		for k, v := range wantP {
			got := floats(p.NESTParams[k])
			if len(got) != 1 || !near(got[0], v, 1e-12) {
				t.Errorf("%s: NEST %s = %v, want %g", p.Label, k, got, v)
			}
		}
		ie := floats(p.NESTParams["I_e"])
		wantIe := map[string][]float64{"pop_G": {150, 250, 350, 450}, "pop_AI": {700, 700, 700}}[p.Label]
		if wantIe == nil {
			wantIe = []float64{0}
		}
		if len(ie) != len(wantIe) {
			t.Errorf("%s: I_e %v pA, want %v", p.Label, ie, wantIe)
		}
		for k := range min(len(ie), len(wantIe)) {
			if !near(ie[k], wantIe[k], 1e-12) {
				t.Errorf("%s: I_e %v pA, want %v", p.Label, ie, wantIe)
				break
			}
		}
		v := "v"
		if strings.HasPrefix(p.NESTModel, "aeif_psc") { // native: NEST's names
			v = "V_m"
		}
		if v0 := floats(p.Initial[v]); len(v0) != p.N || v0[0] != -70 {
			t.Errorf("%s: initial %s %v, want %d values of E_L", p.Label, v, v0, p.N)
		}
		if w0 := floats(p.Initial["w"]); p.Label == "pop_AC" && (len(w0) != 3 || !near(w0[0], 0.005, 1e-12) || w0[1] != 0 || !near(w0[2], 0.01, 1e-12)) {
			t.Errorf("AC: initial w %v (PyNN's nA), want [0.005 0 0.01]", w0)
		} else if p.Label != "pop_AC" && w0 != nil {
			t.Errorf("%s: initial w %v, want none (0)", p.Label, w0)
		}
	}

	// Connections: pairs, NEST weights and delays against snn's.
	byLabel := map[string]int{}
	for k, pj := range lg.Projections {
		byLabel[pj.Label] = k
	}
	for k, pr := range net.Projections() {
		label := fmt.Sprintf("prj%d_%s", k, safeName(pr.Name()))
		j, ok := byLabel[label]
		if !ok {
			t.Errorf("projection %s not made", label)
			continue
		}
		got := lg.Projections[j]
		w := wts[pr.Name()]
		if len(got.Rows) != pr.Len() {
			t.Errorf("%s: %d connections, snn has %d", label, len(got.Rows), pr.Len())
			continue
		}
		n := 0
		for e := range pr.Edges() {
			r := got.Rows[n]
			n++
			if r[0] != float64(e.Pre) || r[1] != float64(e.Post) || !near(r[4], w.nest, 1e-12) || !near(r[5], e.Delay, 1e-12) {
				t.Errorf("%s: connection %v (NEST weight %g, delay %g), want %d→%d weight %g delay %g", label, r[:4], r[4], r[5], e.Pre, e.Post, w.nest, e.Delay)
			}
		}
	}
	// PoissonInput onto aeif_psc_delta: 0.7 mV in NEST.
	if j, ok := byLabel[""]; !ok || lg.Projections[j].Pre != "pop_AD_poisson0" || len(lg.Projections[j].Rows) != 3 || !near(lg.Projections[j].Rows[0][4], 0.7, 1e-12) {
		t.Errorf("PoissonInput onto AD: %+v, want 3 one-to-one connections of 0.7 mV", lg.Projections)
	}

	// Current sources, in pA for NEST.
	var noisy, steps int
	sigma := 20 * math.Sqrt((1+math.Exp(-0.1/10))/(1-math.Exp(-0.1/10)))
	for _, s := range lg.Sources {
		switch s.Type {
		case "NoisyCurrentSource":
			noisy++
			if m, sd := floats(s.NESTParams["mean"]), floats(s.NESTParams["std"]); s.Population != "pop_G" || len(s.Neurons) != 1 || m[0] != 0 || !near(sd[0], sigma, 1e-12) {
				t.Errorf("noise source %+v, want std %g pA onto one neuron of G", s, sigma)
			}
		case "StepCurrentSource":
			steps++
			if a, tt := floats(s.NESTParams["amplitude_values"]), floats(s.NESTParams["amplitude_times"]); len(a) != 2 || a[0] != 300 || a[1] != 0 || tt[0] != 10 || tt[1] != 20 {
				t.Errorf("step source %+v, want 300 pA at 10 ms, 0 at 20 ms", s)
			}
		}
	}
	if noisy != 4 || steps != 1 {
		t.Errorf("%d noise sources (want 4, one per neuron of G), %d step sources (want 1)", noisy, steps)
	}
	if len(lg.Record) != 6 {
		t.Errorf("recorded %v, want the 6 populations", lg.Record)
	}

	// Seeds: NEST's rng_seed from network.json's seed.
	for _, c := range []struct {
		seed uint64
		want float64
	}{{5, 6}, {0, 1}, {1 << 32, 2}, {math.MaxUint64, 1}, {1<<32 - 2, 1<<32 - 1}} {
		side := readSidecar(t, dir)
		side.Seed = c.seed
		b, _ := json.Marshal(side)
		if err := os.WriteFile(filepath.Join(dir, "network.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := networkPy(dir, []string{"PYTHONPATH=" + stub, "SNN_PYNN_STUB_LOG=" + logf}, "nest").CombinedOutput(); err != nil {
			t.Fatalf("seed %d: %v\n%s", c.seed, err, out)
		}
		var lg stubLog
		b, _ = os.ReadFile(logf)
		if err := json.Unmarshal(b, &lg); err != nil {
			t.Fatal(err)
		}
		if got := lg.Setup.Extra["rng_seed"]; got != c.want {
			t.Errorf("seed %d: NEST rng_seed %v, want %g", c.seed, got, c.want)
		}
	}
}
