package snn

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

//go:embed pynn_network.py
var pynnScript []byte

// PyNNExport sets what Network.ExportPyNN writes.
type PyNNExport struct {
	// Duration of the run the script does (ms), > 0.
	Duration float64
	// Ranks > 1 also splits every projection's edges by target neuron into
	// Ranks files, <edges>.0 ... <edges>.<Ranks−1>, file r holding the edges
	// onto neurons j with j mod Ranks = r, for
	// `network.py <backend> --distributed`, where each rank reads only its own
	// file with FromFileConnector (as FromFileConnector(distributed=True) would,
	// without its renaming the files).
	// That split is what pyNN.neuron deals out when each population's first
	// cell lands on rank 0; the script checks it and stops with an error
	// otherwise. 0 or 1: one file per projection only.
	Ranks int
}

// PyNN weight conversions: snn weights are mV (delta), pA (current) and nS
// (conductance); PyNN's are mV, nA and µS.
func pynnWeight(k ReceptorKind, w float64) float64 {
	if k == DeltaKind {
		return w
	}
	return w / 1000
}

// pynnCell is a population's PyNN cell type and parameters (PyNN units:
// mV, nF, ms, nA, µS).
type pynnCell struct {
	// Type is the PyNN standard cell, or "" for a NEST-native cell only
	// (NEST then holds the parameters, in NEST's units).
	Type   string             `json:"type"`
	NEST   string             `json:"nest_model"`
	Params map[string]float64 `json:"params,omitempty"`
	// NESTParams are the parameters of the NEST-native cell, in NEST's
	// units (pF, nS, pA, mV, ms), for sim.native_cell_type on the nest
	// backend.
	NESTParams map[string]float64 `json:"nest_params,omitempty"`
	// Receptor maps each snn receptor name to "excitatory" or "inhibitory".
	Receptor map[string]string `json:"receptors"`
	// Notes say where a simulator's cell differs from snn's model in a way
	// the export cannot match.
	Notes []string `json:"notes,omitempty"`
}

// pynnAdaptiveNotes are the differences between snn's AdaptiveLIF and the
// simulators' cells that the export cannot remove.
var pynnAdaptiveNotes = []string{
	"NEURON (AdExpIF in pyNN/neuron/nmodl/adexp.mod): at a spike V is set to v_spike + 10 mV for 1e-12 ms before the reset, an event a fixed-step run delivers at a step boundary, so w may integrate that V for up to one step; w is integrated by implicit Euler (derivimplicit), snn's exactly (current receptors) or by exponential Euler with the conductances frozen over the step",
	"NEST (aeif_*): integrated by an adaptive Runge-Kutta-Fehlberg 4(5) method (GSL), within gsl_error_tol",
}

// pynnCellOf maps population p to a PyNN standard cell, or returns an error
// naming p and what to change. sign holds the sign of the weights arriving
// at each receptor (+1, −1, 0 none, 2 both), which decides for current and
// delta receptors which is PyNN's excitatory and which its inhibitory one.
func pynnCellOf(p *Population, sign []int) (pynnCell, error) {
	fail := func(what string, v any, want string) (pynnCell, error) {
		return pynnCell{}, &ParamError{Object: p.obj(), Param: what, Value: v, Want: want + " to export to PyNN"}
	}
	var m LIF
	var ad *AdaptiveLIF
	switch mm := p.model.(type) {
	case LIF:
		m = mm
	case AdaptiveLIF:
		m, ad = mm.LIF, &mm
	default:
		return fail("model", fmt.Sprintf("%T", p.model), "LIF or AdaptiveLIF")
	}
	c := pynnCell{Params: map[string]float64{
		"tau_m": m.TauM, "cm": m.C() / 1000, "v_rest": m.EL, "v_thresh": m.VTh,
		"v_reset": m.VReset, "tau_refrac": m.TRef, "i_offset": 0,
	}, Receptor: map[string]string{}}
	if len(p.recs) > 2 {
		return fail("receptors", len(p.recs), "at most 2 (one excitatory, one inhibitory; PyNN's standard cells have two)")
	}
	// No receptors: IF_curr_exp, or EIF_cond_exp_isfa_ista for the
	// adaptive model, which every backend has.
	kind := CurrentKind
	if ad != nil {
		kind = ConductanceKind
	}
	if len(p.recs) > 0 {
		kind = p.recs[0].Kind
	}
	for _, r := range p.recs {
		if r.Kind != kind {
			return fail("receptor "+quote(r.Name)+" Kind", r.Kind, fmt.Sprintf("%v like receptor %q (PyNN's cells do not mix receptor kinds)", kind, p.recs[0].Name))
		}
	}
	switch {
	case ad != nil && kind == ConductanceKind:
		// Δ_T = 0: no exponential current, the spike at v_thresh (NEST's
		// aeif_cond_exp uses V_th as the threshold; pyNN.neuron's AdExpIF
		// watches v > vthresh). NEST wants V_peak ≥ V_th: v_spike = v_thresh.
		c.Type, c.NEST = "EIF_cond_exp_isfa_ista", "aeif_cond_exp"
		c.Params["a"], c.Params["b"], c.Params["tau_w"] = ad.A, ad.B/1000, ad.TauW
		c.Params["delta_T"], c.Params["v_spike"] = 0, m.VTh
		c.Notes = pynnAdaptiveNotes
	case ad != nil:
		// PyNN has no current-based adaptive cell: NEST's own, in NEST's
		// units, on the nest backend only.
		c.NEST = "aeif_psc_exp"
		if kind == DeltaKind {
			c.NEST = "aeif_psc_delta"
		}
		c.NESTParams = map[string]float64{
			"C_m": m.C(), "g_L": m.GL(), "E_L": m.EL, "V_th": m.VTh, "V_peak": m.VTh,
			"V_reset": m.VReset, "t_ref": m.TRef, "I_e": 0, "Delta_T": 0,
			"a": ad.A, "b": ad.B, "tau_w": ad.TauW,
		}
		c.Params = nil
		c.Notes = pynnAdaptiveNotes[1:]
	case kind == DeltaKind:
		c.Type, c.NEST = "IF_curr_delta", "iaf_psc_delta"
	case kind == CurrentKind:
		c.Type, c.NEST = "IF_curr_exp", "iaf_psc_exp"
	case kind == ConductanceKind:
		c.Type, c.NEST = "IF_cond_exp", "iaf_cond_exp"
	}
	// Which receptor is excitatory: for conductances the higher reversal
	// potential; for currents and delta the sign of the arriving weights.
	exc := -1
	switch {
	case len(p.recs) == 1 && kind == ConductanceKind:
		exc = 0
	case len(p.recs) == 2 && kind == ConductanceKind:
		exc = 0
		if p.recs[1].ERev > p.recs[0].ERev {
			exc = 1
		} else if p.recs[1].ERev == p.recs[0].ERev {
			return fail("receptor "+quote(p.recs[1].Name)+" ERev", p.recs[1].ERev, fmt.Sprintf("≠ ERev of receptor %q (PyNN's excitatory reversal potential is the higher one)", p.recs[0].Name))
		}
	default:
		for k, r := range p.recs {
			if sign[k] == 2 {
				return fail("weights onto receptor "+quote(r.Name), "both signs", "one sign per receptor (PyNN: excitatory ≥ 0, inhibitory ≤ 0)")
			}
		}
		switch {
		case len(p.recs) == 0:
		case len(p.recs) == 1:
			exc = 0
			if sign[0] < 0 {
				exc = 1
			}
		case sign[0] < 0 && sign[1] < 0 || sign[0] > 0 && sign[1] > 0:
			return fail("weights onto receptors "+quote(p.recs[0].Name)+" and "+quote(p.recs[1].Name), "the same sign", "positive weights onto one receptor and negative onto the other")
		case sign[0] < 0 || sign[1] > 0:
			exc = 1
		default:
			exc = 0
		}
	}
	for k, r := range p.recs {
		role, suffix := "inhibitory", "I"
		if k == exc {
			role, suffix = "excitatory", "E"
		}
		c.Receptor[r.Name] = role
		switch {
		case c.NESTParams != nil && kind == CurrentKind:
			c.NESTParams[map[string]string{"E": "tau_syn_ex", "I": "tau_syn_in"}[suffix]] = r.Tau
		case c.NESTParams != nil:
		case kind != DeltaKind:
			c.Params["tau_syn_"+suffix] = r.Tau
		}
		if kind == ConductanceKind {
			c.Params["e_rev_"+suffix] = r.ERev
		}
	}
	return c, nil
}

// pynnSidecar is network.json: everything network.py builds, with units.
type pynnSidecar struct {
	Units       map[string]string `json:"units"`
	Dt          float64           `json:"dt"`
	Seed        uint64            `json:"seed"`
	Duration    float64           `json:"duration"`
	MinDelay    float64           `json:"min_delay"`
	Ranks       int               `json:"ranks"`
	Populations []pynnPop         `json:"populations"`
	Sources     []pynnSource      `json:"sources"`
	Projections []pynnProj        `json:"projections"`
	Record      []pynnRecord      `json:"record"`
}

type pynnPop struct {
	Name     string      `json:"name"` // the snn name
	PyNN     string      `json:"pynn"` // the PyNN label
	N        int         `json:"n"`
	Cell     pynnCell    `json:"cell"`
	InitV    string      `json:"initial_v"`          // file of N values (mV)
	IOffset  string      `json:"i_offset,omitzero"`  // file of N values (nA), or ""
	InitW    string      `json:"initial_w,omitzero"` // AdaptiveLIF: file of N values of w (nA), or "" (all 0)
	Noise    []pynnNoise `json:"noise,omitempty"`
	Steps    []pynnStep  `json:"step_currents,omitempty"`
	Poisson  []pynnPois  `json:"poisson,omitempty"`
	snnIndex int
}

// pynnNoise is a NoisyCurrentSource onto each neuron.
type pynnNoise struct {
	Mean  float64 `json:"mean"`  // nA (the per-neuron part of Mean is in i_offset)
	Stdev float64 `json:"stdev"` // nA
	Dt    float64 `json:"dt"`    // ms
}

// pynnStep is a StepCurrentSource: onto every neuron (Times, Amplitudes),
// or one per neuron from a file (rows "t a_0 ... a_{N−1}").
type pynnStep struct {
	Times      []float64 `json:"times,omitempty"`      // ms
	Amplitudes []float64 `json:"amplitudes,omitempty"` // nA
	File       string    `json:"file,omitempty"`
}

// pynnPois is a PoissonInput: one SpikeSourcePoisson per neuron, one to one.
type pynnPois struct {
	PyNN     string  `json:"pynn"`
	Rate     float64 `json:"rate"` // Hz, N·Rate
	Weight   float64 `json:"weight"`
	Receptor string  `json:"receptor_type"`
}

type pynnSource struct {
	Name string  `json:"name"`
	PyNN string  `json:"pynn"`
	Type string  `json:"type"` // SpikeSourceArray or SpikeSourcePoisson
	N    int     `json:"n"`
	Rate float64 `json:"rate,omitzero"` // Hz
	File string  `json:"file,omitempty"`
}

type pynnProj struct {
	Name     string   `json:"name"`
	PyNN     string   `json:"pynn"`
	Pre      string   `json:"pre"`  // PyNN label
	Post     string   `json:"post"` // PyNN label
	Receptor string   `json:"receptor_type"`
	File     string   `json:"file"`
	Edges    int64    `json:"edges"`
	MaxDelay float64  `json:"max_delay"` // ms
	Split    []string `json:"split,omitempty"`
}

type pynnRecord struct {
	Source  string  `json:"source"` // snn name
	PyNN    string  `json:"pynn"`
	File    string  `json:"file"`
	Neurons []int32 `json:"neurons,omitempty"` // nil: all
}

// ExportPyNN writes the network into folder dir as a PyNN 0.10 model that
// runs with `python3 network.py nest|neuron|brian2`:
//
//   - network.py, the script (the same for every network);
//   - network.json, the sidecar: units, dt, seed, duration, every population
//     with its PyNN cell and parameters, every source, projection, input
//     and recorded source, each with its snn name and PyNN label;
//   - one edge file per projection, <label>.edges: the exact synapses
//     (pre, post, weight, delay) in PyNN units, for FromFileConnector;
//   - the data of the inputs PyNN cannot draw again identically: initial V
//     (<pop>.v0), per-neuron constant currents (<pop>.ioffset, PyNN's
//     i_offset), spike generators (<gen>.spikes, SpikeSourceArray) and
//     RandomCurrent draws (one StepCurrentSource per neuron).
//
// Models: a LIF population with delta receptors becomes IF_curr_delta
// (NEST's iaf_psc_delta), current receptors IF_curr_exp (iaf_psc_exp),
// conductance receptors IF_cond_exp (iaf_cond_exp). Units become PyNN's:
// C_m pF → nF, current weights pA → nA, conductance weights nS → µS,
// currents pA → nA; mV and ms stay. A conductance receptor with the higher
// reversal potential is PyNN's excitatory one; for current and delta
// receptors the sign of the weights arriving at it decides (PyNN wants
// inhibitory weights ≤ 0).
//
// An AdaptiveLIF population with conductance receptors (or none) becomes
// EIF_cond_exp_isfa_ista (NEST's aeif_cond_exp) with delta_T = 0, which
// has no exponential current on NEST and NEURON and spikes at v_thresh;
// a in nS, b in nA, v_spike = v_thresh; w starts at snn's w (0 unless Set
// between Build and the export). With current or delta receptors, which
// PyNN's standard cells do not combine with adaptation, it becomes NEST's
// own aeif_psc_exp or aeif_psc_delta (Δ_T = 0, V_peak = V_th, NEST's
// units: pF, nS, pA), built with sim.native_cell_type on the nest backend;
// on neuron and brian2 the script stops with a message naming the
// population and saying to use conductance receptors. pyNN.brian2 0.10
// cannot hold delta_T = 0 (its equations divide by it): on brian2 the
// script stops at any adaptive population, saying to use nest or neuron.
// NEST takes V_th as the threshold when Delta_T = 0 (pre_run_hook, or
// calibrate in older versions, of
// models/aeif_psc_exp.cpp, aeif_psc_delta.cpp and aeif_cond_exp.cpp in
// nest/nest-simulator) and holds V at V_reset while w evolves during the
// refractory period, as snn does; pyNN.neuron's AdExpIF
// (pyNN/neuron/nmodl/adexp.mod) drops its exponential current at
// delta = 0, watches v > vthresh, and clamps V to vreset with a large
// conductance while w evolves. The cell's "notes" in network.json say
// where NEURON and NEST integrate the model otherwise than snn: NEURON
// may hold V at v_spike + 10 mV for up to a step at a spike, and
// integrates w by implicit Euler; NEST uses an adaptive Runge–Kutta
// method. (Measured on NEURON: one neuron's ISIs within one step of
// snn's.)
//
// pyNN.neuron has no IF_curr_delta: the script stops there with a message
// saying to use nest or brian2. pyNN.nest 0.10 multiplies every weight by
// 1000 (nA → pA) and undoes it for IF_curr_delta (its receptor_scale), so
// delta weights go to it in mV; it does not undo it for a native cell, so
// the script divides the weights onto aeif_psc_delta by 1000. (The nest
// path is tested against a stand-in pyNN package that records what the
// script passes, snn/testdata/pyNN; NEST itself is not installed here.)
//
// Not exported, and an error naming the population: thresholds other than
// the model's V_th (SetThreshold) and receptor states other than 0
// (SetSyn).
//
// Inputs: ConstantCurrent and the mean of NoisyCurrent go into i_offset;
// the noise of NoisyCurrent becomes one NoisyCurrentSource per neuron
// (pyNN.neuron plays one source's noise into every cell it is injected
// into, so a source per population would give all neurons the same noise),
// each of the same standard deviation per step,
// Sigma·√((1+e^(−dt/τ_m))/(1−e^(−dt/τ_m))), redrawn every dt: the same
// process, so the same membrane variance
// R²·Sigma². TimedCurrent becomes one StepCurrentSource; RandomCurrent one
// StepCurrentSource per neuron holding snn's own draws. PoissonInput
// becomes a SpikeSourcePoisson per neuron at N·Rate connected one to one
// with the weight and a delay of dt (snn's arrivals act in the same step);
// a PoissonGroup a SpikeSourcePoisson population. Poisson spikes are drawn
// again by the simulator, so they agree with snn's in law only.
//
// Recording: every SpikeMonitor's source records spikes, and the script
// writes them as <source>_spikes.csv in SpikeMonitor.WriteCSV's format
// ("time_ms,neuron"), which ReadSpikesCSV reads. State and rate monitors
// are not exported.
//
// Not expressible, and an error naming the object and what to change: more
// than two receptors, or two of the same sign, in a population; current,
// conductance and delta receptors mixed in one population; weights of both
// signs onto one current or delta receptor; OUCurrent; inputs this function
// does not know.
//
// ExportPyNN builds the network if it is not built, and must be called
// before the first Run (the exported initial state is the state at t = 0).
// Edges are streamed from the projections' own arrays to the files.
func (n *Network) ExportPyNN(dir string, x PyNNExport) error {
	obj := "ExportPyNN"
	if !isFinite(x.Duration) || x.Duration <= 0 {
		return &ParamError{Object: obj, Param: "Duration", Value: x.Duration, Want: "> 0 ms"}
	}
	if x.Ranks < 0 {
		return &ParamError{Object: obj, Param: "Ranks", Value: x.Ranks, Want: "≥ 0"}
	}
	if err := n.Build(); err != nil {
		return err
	}
	if n.step != 0 {
		return &ParamError{Object: obj, Param: "network time", Value: n.Time(), Want: "0 ms (export before the first Run)"}
	}
	side := pynnSidecar{
		Units: map[string]string{"time": "ms", "voltage": "mV", "current": "nA", "conductance": "uS",
			"capacitance": "nF", "rate": "Hz", "weight": "nA (current), uS (conductance), mV (delta)"},
		Dt: n.dt, Seed: n.Seed, Duration: x.Duration, Ranks: x.Ranks,
	}
	// Check everything before writing anything.
	label := map[SpikeSource]string{}
	sign := map[*Population][]int{}
	for _, p := range n.pops {
		sign[p] = make([]int, len(p.recs))
		label[p] = "pop_" + safeName(p.name)
	}
	for _, g := range n.gens {
		label[g] = "src_" + safeName(g.Name())
	}
	addSign := func(p *Population, k int, w float64) {
		s := 1
		if w < 0 {
			s = -1
		} else if w == 0 {
			return
		}
		if sign[p][k] == 0 {
			sign[p][k] = s
		} else if sign[p][k] != s {
			sign[p][k] = 2
		}
	}
	minDelay := math.Inf(1)
	for _, pr := range n.projs {
		if pr.w == nil {
			addSign(pr.post, pr.rec, pr.w0)
		} else {
			for _, w := range pr.w {
				addSign(pr.post, pr.rec, float64(w))
			}
		}
		if pr.Len() > 0 {
			minDelay = min(minDelay, float64(pr.minDelaySteps())*n.dt)
		}
	}
	for _, p := range n.pops {
		for _, in := range p.inputs {
			if pi, ok := in.(PoissonInput); ok {
				addSign(p, p.receptor(pi.Receptor), pi.Weight)
				minDelay = n.dt // its one-to-one projection has delay dt
			}
		}
	}
	// min_delay is the smallest delay, which sets how often MPI ranks
	// exchange spikes on NEST: dt only where a delay is dt.
	if math.IsInf(minDelay, 1) {
		minDelay = n.dt
	}
	side.MinDelay = minDelay
	for i, p := range n.pops {
		cell, err := pynnCellOf(p, sign[p])
		if err != nil {
			return err
		}
		pp := pynnPop{Name: p.name, PyNN: label[p], N: p.n, Cell: cell, snnIndex: i}
		if err := pynnInitialState(p); err != nil {
			return err
		}
		for _, in := range p.inputs {
			switch in := in.(type) {
			case ConstantCurrent, RandomCurrent, TimedCurrent, PoissonInput:
			case NoisyCurrent:
				if in.Bridge {
					return &ParamError{Object: p.obj(), Param: "NoisyCurrent Bridge", Value: true, Want: "false to export to PyNN (NEST, NEURON and Brian2 have no such correction)"}
				}
			case OUCurrent:
				return &ParamError{Object: p.obj(), Param: "input", Value: "OUCurrent", Want: "no OUCurrent to export to PyNN (PyNN has no Ornstein–Uhlenbeck current source; use NoisyCurrent or RandomCurrent)"}
			default:
				return &ParamError{Object: p.obj(), Param: "input", Value: fmt.Sprintf("%T", in), Want: "ConstantCurrent, NoisyCurrent, RandomCurrent, TimedCurrent or PoissonInput to export to PyNN"}
			}
		}
		side.Populations = append(side.Populations, pp)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("snn: ExportPyNN: %w", err)
	}
	// Populations: initial V, constant currents, noise, steps, Poisson.
	var id uint64
	for k := range side.Populations {
		pp := &side.Populations[k]
		p := n.pops[pp.snnIndex]
		pp.InitV = pp.PyNN + ".v0"
		if err := writeColumn(filepath.Join(dir, pp.InitV), p.V, 1); err != nil {
			return err
		}
		if w := p.stateVar("w"); w >= 0 && slices.ContainsFunc(p.stateVars()[w].x, func(x float64) bool { return x != 0 }) {
			pp.InitW = pp.PyNN + ".w0"
			if err := writeColumn(filepath.Join(dir, pp.InitW), p.stateVars()[w].x, 1e-3); err != nil {
				return err
			}
		}
		ioff := make([]float64, p.n)
		anyOff := false
		for j, in := range p.inputs {
			d := p.drivers[j]
			switch in := in.(type) {
			case ConstantCurrent:
				for i, v := range d.(perNeuron) {
					ioff[i] += v
				}
				anyOff = true
			case NoisyCurrent:
				nd := d.(*noisy)
				for i, v := range nd.mean {
					ioff[i] += v
				}
				anyOff = true
				if nd.scale != 0 {
					pp.Noise = append(pp.Noise, pynnNoise{Stdev: nd.scale / 1000, Dt: n.dt})
				}
			case TimedCurrent:
				st := pynnStep{}
				for i, t := range in.Times {
					st.Times = append(st.Times, math.Round(t/n.dt)*n.dt)
					st.Amplitudes = append(st.Amplitudes, in.Values[i]/1000)
				}
				pp.Steps = append(pp.Steps, st)
			case RandomCurrent:
				name := fmt.Sprintf("%s.step%d", pp.PyNN, j)
				if err := writeRandomCurrent(filepath.Join(dir, name), n, p, in, id+uint64(j), x.Duration); err != nil {
					return err
				}
				pp.Steps = append(pp.Steps, pynnStep{File: name})
			case PoissonInput:
				r := p.receptor(in.Receptor)
				pp.Poisson = append(pp.Poisson, pynnPois{PyNN: fmt.Sprintf("%s_poisson%d", pp.PyNN, j),
					Rate: float64(in.N) * in.Rate, Weight: pynnWeight(p.recs[r].Kind, in.Weight), Receptor: pp.Cell.Receptor[in.Receptor]})
			}
		}
		id += uint64(len(p.inputs))
		if anyOff {
			pp.IOffset = pp.PyNN + ".ioffset"
			if err := writeColumn(filepath.Join(dir, pp.IOffset), ioff, 1e-3); err != nil {
				return err
			}
		}
	}
	// Spike sources.
	for _, g := range n.gens {
		s := pynnSource{Name: g.Name(), PyNN: label[g], N: g.Size()}
		switch g := g.(type) {
		case *PoissonGroup:
			s.Type, s.Rate = "SpikeSourcePoisson", g.Rate
		case *SpikeGenerator:
			s.Type, s.File = "SpikeSourceArray", s.PyNN+".spikes"
			if err := writeGenerator(filepath.Join(dir, s.File), g, n.dt); err != nil {
				return err
			}
		}
		side.Sources = append(side.Sources, s)
	}
	// Projections.
	for k, pr := range n.projs {
		pj := pynnProj{Name: pr.name, PyNN: fmt.Sprintf("prj%d_%s", k, safeName(pr.name)),
			Pre: label[pr.pre], Post: label[pr.post], Receptor: side.Populations[n.indexOf(pr.post)].Cell.Receptor[pr.syn.Receptor]}
		pj.File = pj.PyNN + ".edges"
		pj.Edges = int64(pr.Len())
		pj.MaxDelay = float64(pr.maxDel) * n.dt
		if err := pr.writeEdges(filepath.Join(dir, pj.File), n.dt, -1, 1); err != nil {
			return err
		}
		for r := 0; x.Ranks > 1 && r < x.Ranks; r++ {
			name := fmt.Sprintf("%s.%d", pj.File, r)
			if err := pr.writeEdges(filepath.Join(dir, name), n.dt, r, x.Ranks); err != nil {
				return err
			}
			pj.Split = append(pj.Split, name)
		}
		side.Projections = append(side.Projections, pj)
	}
	// Recording.
	seen := map[SpikeSource]bool{}
	for _, m := range n.mons {
		sm, ok := m.(*SpikeMonitor)
		if !ok || seen[sm.src] {
			continue
		}
		seen[sm.src] = true
		side.Record = append(side.Record, pynnRecord{Source: sm.src.Name(), PyNN: label[sm.src],
			File: safeName(sm.src.Name()) + "_spikes.csv", Neurons: sm.subset})
	}
	js, err := json.MarshalIndent(side, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "network.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("snn: ExportPyNN: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "network.py"), pynnScript, 0o755); err != nil {
		return fmt.Errorf("snn: ExportPyNN: %w", err)
	}
	return nil
}

// pynnInitialState refuses the initial state the export does not carry:
// thresholds other than the model's V_th (Set "VTh", SetThreshold) and
// receptor states other than 0 (SetSyn). V and AdaptiveLIF's w are
// exported.
func pynnInitialState(p *Population) error {
	vth := p.model.Membrane().VTh
	for i, v := range p.VTh {
		if v != vth {
			return &ParamError{Object: p.obj(), Param: fmt.Sprintf("threshold of neuron %d", i), Value: v,
				Want: fmt.Sprintf("the model's V_th = %g mV for every neuron to export to PyNN (the export gives each population one v_thresh)", vth)}
		}
	}
	for k, r := range p.recs {
		if r.Kind == DeltaKind || p.Syn == nil {
			continue
		}
		for i, x := range p.Syn[k] {
			if x != 0 {
				return &ParamError{Object: p.obj(), Param: fmt.Sprintf("initial state of receptor %s, neuron %d", quote(r.Name), i), Value: x,
					Want: "0 to export to PyNN (the export starts every synapse at rest)"}
			}
		}
	}
	return nil
}

// safeName keeps letters, digits and '_' of s and replaces the rest by '_'.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

// minDelaySteps returns the smallest delay of the projection in steps.
func (pr *Projection) minDelaySteps() int {
	if pr.d == nil {
		return pr.d0
	}
	m := math.MaxInt
	for _, d := range pr.d {
		m = min(m, int(d))
	}
	return m
}

// writeEdges streams the synapses onto neurons j with j mod ranks = rank
// (all if rank < 0) to path as FromFileConnector rows "i j weight delay",
// in PyNN units, straight from the projection's arrays.
func (pr *Projection) writeEdges(path string, dt float64, rank, ranks int) error {
	return writeFile(path, func(w *bufio.Writer) error {
		kind := pr.post.recs[pr.rec].Kind
		w.WriteString("# columns = [\"i\", \"j\", \"weight\", \"delay\"]\n")
		// The text of each delay (in steps) and of a shared weight is
		// formatted once.
		delays := make([][]byte, pr.maxDel+1)
		delay := func(d int) []byte {
			if delays[d] == nil {
				delays[d] = strconv.AppendFloat([]byte{' '}, float64(d)*dt, 'g', -1, 64)
			}
			return delays[d]
		}
		w0 := strconv.AppendFloat([]byte{' '}, pynnWeight(kind, pr.w0), 'g', -1, 64)
		var buf, pre []byte
		for i := 0; i+1 < len(pr.m.rowPtr); i++ {
			pre = append(strconv.AppendInt(pre[:0], int64(i), 10), ' ')
			for k := pr.m.rowPtr[i]; k < pr.m.rowPtr[i+1]; k++ {
				j := pr.m.cols[k]
				if rank >= 0 && int(j)%ranks != rank {
					continue
				}
				buf = strconv.AppendUint(append(buf[:0], pre...), uint64(j), 10)
				if pr.w != nil {
					buf = append(buf, ' ')
					buf = strconv.AppendFloat(buf, pynnWeight(kind, float64(pr.w[k])), 'g', -1, 64)
				} else {
					buf = append(buf, w0...)
				}
				d := pr.d0
				if pr.d != nil {
					d = int(pr.d[k])
				}
				buf = append(append(buf, delay(d)...), '\n')
				if _, err := w.Write(buf); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// writeColumn writes x[i]·scale, one value a line.
func writeColumn(path string, x []float64, scale float64) error {
	return writeFile(path, func(w *bufio.Writer) error {
		var buf []byte
		for _, v := range x {
			buf = strconv.AppendFloat(buf[:0], v*scale, 'g', -1, 64)
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeGenerator writes "neuron time" rows, times on the grid (ms).
func writeGenerator(path string, g *SpikeGenerator, dt float64) error {
	return writeFile(path, func(w *bufio.Writer) error {
		for k, s := range g.steps {
			fmt.Fprintf(w, "%d %s\n", g.order[k], ftoa(float64(s+1)*dt))
		}
		return nil
	})
}

// writeRandomCurrent replays the draws of a RandomCurrent (input id of p)
// from a fresh copy of its streams, so the network's own are untouched,
// and writes one row per draw: "t a_0 ... a_{N−1}" (ms, nA).
func writeRandomCurrent(path string, n *Network, p *Population, in RandomCurrent, id uint64, duration float64) error {
	d := in.start(n, p, id).(*randomCurrent)
	steps := int64(math.Round(duration / n.dt))
	period := d.period
	if period == 0 {
		period = steps + 1
	}
	return writeFile(path, func(w *bufio.Writer) error {
		var buf []byte
		for s := int64(0); s < steps; s += period {
			for b := range p.blocks {
				g := d.streams[b]
				for i := b * blockSize; i < min(p.n, (b+1)*blockSize); i++ {
					d.I[i] = d.v.draw(g)
				}
			}
			buf = strconv.AppendFloat(buf[:0], float64(s)*n.dt, 'g', -1, 64)
			for _, v := range d.I {
				buf = append(buf, ' ')
				buf = strconv.AppendFloat(buf, v/1000, 'g', -1, 64)
			}
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFile writes path through a buffered writer, reporting the first error.
func writeFile(path string, body func(w *bufio.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("snn: ExportPyNN: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = errors.Join(body(w), w.Flush(), f.Close())
	if err != nil {
		return fmt.Errorf("snn: ExportPyNN: write %s: %w", path, err)
	}
	return nil
}
