package pynn

import (
	"fmt"
	"strconv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// PyNN weight conversions: snn weights are mV (delta), pA (current) and nS
// (conductance); PyNN's are mV, nA and µS.
func weightOf(k snn.ReceptorKind, w float64) float64 {
	if k == snn.DeltaKind {
		return w
	}
	return w / 1000
}

// cell is a population's PyNN cell type and parameters (PyNN units:
// mV, nF, ms, nA, µS).
type cell struct {
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

// adaptiveNotes are the differences between snn's AdaptiveLIF and the
// simulators' cells that the export cannot remove.
var adaptiveNotes = []string{
	"NEURON (AdExpIF in pyNN/neuron/nmodl/adexp.mod): at a spike V is set to v_spike + 10 mV for 1e-12 ms before the reset, an event a fixed-step run delivers at a step boundary, so w may integrate that V for up to one step; w is integrated by implicit Euler (derivimplicit), snn's exactly (current receptors) or by exponential Euler with the conductances frozen over the step",
	"NEST (aeif_*): integrated by an adaptive Runge-Kutta-Fehlberg 4(5) method (GSL), within gsl_error_tol",
}

// cellOf maps population p to a PyNN standard cell, or returns an error
// naming p and what to change. sign holds the sign of the weights arriving
// at each receptor (+1, −1, 0 none, 2 both), which decides for current and
// delta receptors which is PyNN's excitatory and which its inhibitory one.
func cellOf(p *snn.Population, sign []int) (cell, error) {
	recs := p.Receptors()
	fail := func(what string, v any, want string) (cell, error) {
		return cell{}, &param.Error{Object: obj(p), Param: what, Value: v, Want: want + " to export to PyNN"}
	}
	var m snn.LIF
	var ad *snn.AdaptiveLIF
	switch mm := p.Model().(type) {
	case snn.LIF:
		m = mm
	case snn.AdaptiveLIF:
		m, ad = mm.LIF, &mm
	default:
		return fail("model", fmt.Sprintf("%T", p.Model()), "LIF or AdaptiveLIF")
	}
	c := cell{Params: map[string]float64{
		"tau_m": m.TauM, "cm": m.C() / 1000, "v_rest": m.EL, "v_thresh": m.VTh,
		"v_reset": m.VReset, "tau_refrac": m.TRef, "i_offset": 0,
	}, Receptor: map[string]string{}}
	if len(recs) > 2 {
		return fail("receptors", len(recs), "at most 2 (one excitatory, one inhibitory; PyNN's standard cells have two)")
	}
	// No receptors: IF_curr_exp, or EIF_cond_exp_isfa_ista for the
	// adaptive model, which every backend has.
	kind := snn.CurrentKind
	if ad != nil {
		kind = snn.ConductanceKind
	}
	if len(recs) > 0 {
		kind = recs[0].Kind
	}
	for _, r := range recs {
		if r.Kind != kind {
			return fail("receptor "+strconv.Quote(r.Name)+" Kind", r.Kind, fmt.Sprintf("%v like receptor %q (PyNN's cells do not mix receptor kinds)", kind, recs[0].Name))
		}
	}
	switch {
	case ad != nil && kind == snn.ConductanceKind:
		// Δ_T = 0: no exponential current, the spike at v_thresh (NEST's
		// aeif_cond_exp uses V_th as the threshold; pyNN.neuron's AdExpIF
		// watches v > vthresh). NEST wants V_peak ≥ V_th: v_spike = v_thresh.
		c.Type, c.NEST = "EIF_cond_exp_isfa_ista", "aeif_cond_exp"
		c.Params["a"], c.Params["b"], c.Params["tau_w"] = ad.A, ad.B/1000, ad.TauW
		c.Params["delta_T"], c.Params["v_spike"] = 0, m.VTh
		c.Notes = adaptiveNotes
	case ad != nil:
		// PyNN has no current-based adaptive cell: NEST's own, in NEST's
		// units, on the nest backend only.
		c.NEST = "aeif_psc_exp"
		if kind == snn.DeltaKind {
			c.NEST = "aeif_psc_delta"
		}
		c.NESTParams = map[string]float64{
			"C_m": m.C(), "g_L": m.GL(), "E_L": m.EL, "V_th": m.VTh, "V_peak": m.VTh,
			"V_reset": m.VReset, "t_ref": m.TRef, "I_e": 0, "Delta_T": 0,
			"a": ad.A, "b": ad.B, "tau_w": ad.TauW,
		}
		c.Params = nil
		c.Notes = adaptiveNotes[1:]
	case kind == snn.DeltaKind:
		c.Type, c.NEST = "IF_curr_delta", "iaf_psc_delta"
	case kind == snn.CurrentKind:
		c.Type, c.NEST = "IF_curr_exp", "iaf_psc_exp"
	case kind == snn.ConductanceKind:
		c.Type, c.NEST = "IF_cond_exp", "iaf_cond_exp"
	}
	// Which receptor is excitatory: for conductances the higher reversal
	// potential; for currents and delta the sign of the arriving weights.
	exc := -1
	switch {
	case len(recs) == 1 && kind == snn.ConductanceKind:
		exc = 0
	case len(recs) == 2 && kind == snn.ConductanceKind:
		exc = 0
		if recs[1].ERev > recs[0].ERev {
			exc = 1
		} else if recs[1].ERev == recs[0].ERev {
			return fail("receptor "+strconv.Quote(recs[1].Name)+" ERev", recs[1].ERev, fmt.Sprintf("≠ ERev of receptor %q (PyNN's excitatory reversal potential is the higher one)", recs[0].Name))
		}
	default:
		for k, r := range recs {
			if sign[k] == 2 {
				return fail("weights onto receptor "+strconv.Quote(r.Name), "both signs", "one sign per receptor (PyNN: excitatory ≥ 0, inhibitory ≤ 0)")
			}
		}
		switch {
		case len(recs) == 0:
		case len(recs) == 1:
			exc = 0
			if sign[0] < 0 {
				exc = 1
			}
		case sign[0] < 0 && sign[1] < 0 || sign[0] > 0 && sign[1] > 0:
			return fail("weights onto receptors "+strconv.Quote(recs[0].Name)+" and "+strconv.Quote(recs[1].Name), "the same sign", "positive weights onto one receptor and negative onto the other")
		case sign[0] < 0 || sign[1] > 0:
			exc = 1
		default:
			exc = 0
		}
	}
	for k, r := range recs {
		role, suffix := "inhibitory", "I"
		if k == exc {
			role, suffix = "excitatory", "E"
		}
		c.Receptor[r.Name] = role
		switch {
		case c.NESTParams != nil && kind == snn.CurrentKind:
			c.NESTParams[map[string]string{"E": "tau_syn_ex", "I": "tau_syn_in"}[suffix]] = r.Tau
		case c.NESTParams != nil:
		case kind != snn.DeltaKind:
			c.Params["tau_syn_"+suffix] = r.Tau
		}
		if kind == snn.ConductanceKind {
			c.Params["e_rev_"+suffix] = r.ERev
		}
	}
	return c, nil
}

// obj names p in messages, as snn does: population "E".
func obj(p *snn.Population) string { return "population " + strconv.Quote(p.Name()) }
