#!/usr/bin/python3
"""Song, Miller & Abbott (2000) in Brian2 2.5.1 (cpp_standalone): the reference
for snn's pair-based STDP (issue #28). Writes one JSON object.
    /usr/bin/python3 data/reference/brian2_stdp.py data/reference/brian2_stdp.json [WORKDIR]
(WORKDIR: where the standalone builds go, default /tmp/brian2_stdp; one
simulation at a time: 11 runs of 100 s, about 20 s each, and 3 of 1000 s,
about 3 minutes each; about 15 minutes in all on 2 shared cores.)

Network, as in Brian2's examples/synapses/STDP.py ("Adapted from Song, Miller
and Abbott (2000) and Song and Abbott (2001)"), with that example's parameters:
1000 Poisson inputs at 15 Hz, all onto one LIF, 100 s of biology, dt = 0.1 ms.
    tau_m dv/dt = E_L - v + g_e (E_e - v)      g_e in units of g_L
    dg_e/dt = -g_e / tau_e
    spike when v > V_th, then v = V_reset (no refractory period)
    tau_m 10 ms, E_L -74 mV, V_th -54 mV, V_reset -60 mV, E_e 0 mV, tau_e 5 ms,
    g_max 0.01 (relative to g_L), w(0) uniform in [0, g_max), v(0) = E_L.
Plasticity: pair-based STDP, all-to-all pairing through two traces
(Brian2's example; Song et al. 2000, Methods), tau_+ = tau_- = 20 ms,
A_+ = 0.01 g_max, A_- = -1.05 A_+ tau_+/tau_- (the example's dApre, dApost):
    presynaptic arrival: g_e += w; a_pre += A_+; w += F_-(w, a_post)
    postsynaptic spike:  a_post += A_-; w += F_+(w, a_pre)
    traces decay as exp(-t/tau_+), exp(-t/tau_-) (event-driven: exact)
  additive (hard bounds, Song et al. 2000):
    F_-(w, a) = a, F_+(w, a) = a, then w = clip(w, 0, g_max)
  multiplicative (soft bounds):
    F_-(w, a) = (w/g_max) a, F_+(w, a) = (1 - w/g_max) a (and the same clip,
    which never binds: |A_-| < 1). Depression proportional to w as in van
    Rossum, Bi & Turrigiano (2000) (whose potentiation is additive: NEST's
    mu_plus = 0); potentiation proportional to g_max - w as in Rubin, Lee & Sompolinsky (2001) and Guetig et al. (2003) with mu = 1,
    i.e. NEST's stdp_synapse with mu_plus = mu_minus = 1, lambda = 0.01,
    alpha = 1.05, Wmax = g_max. Same A_+ and A_- as the additive rule so the
    two differ only in the weight dependence. Drift balance for uncorrelated
    pre/post gives w*/g_max = 1/(1 + alpha) = 0.488, raised a little by the
    causal pre->post correlation: one mode, no bounds reached.
Variants (SEEDS below): "additive" (5 seeds), "multiplicative" (3 seeds),
"additive_1000s" (3 seeds: the additive run continued to 1000 s, to see
whether and when the fractions and the rate settle; its first 100 s are the
additive run of the same seed), and "additive_fixed_drive" (3 seeds): the example's literal membrane
equation tau_m dv/dt = E_L - v + g_e (E_e - V_reset), a conductance with a
fixed driving force, i.e. a current-based exponential synapse (12 pA per
g_max with snn's C_m = 200 pF), integrated with 'exact' as in the example.
Integration: 'exponential_euler' for the membrane (additive,
multiplicative): within a step g_e is frozen at its value at t_n, v relaxes
exactly towards (E_L + g_e E_e)/(1 + g_e) with time constant
tau_m/(1 + g_e), and g_e decays exactly: snn's scheme for conductance
receptors (snn/doc.go).
Delay: the synaptic delay is dt (Synapses(..., delay=dt), on_pre only). An
input spike of step n arrives in step n+1, and all its effects (the g_e jump,
the a_pre increment and the depression w += F_-) happen then, as in snn (a
spike delivered at t + d dt, d >= 1). The postsynaptic pathway has no delay.
In a step where an arrival and a postsynaptic spike coincide, Brian2 runs the
presynaptic pathway first (order -1, then +1): the arrival's depression sees
a_post without this step's postsynaptic spike, and the postsynaptic spike's
potentiation sees a_pre including this arrival (a full +A_+ pair at Delta t = 0).
The g_e jump uses w before this arrival's depression (on_pre order).
Recorded per seed: w/g_max histograms (50 bins on [0, 1], the last bin
closed) at t = 0, 10, 25, 50 and 100 s, and 200, 500, 1000 s for
additive_1000s (StateMonitor at the start of the step at t, before its
updates; at the end of the run the final weights); the fractions below 0.1
and above 0.9 and the mean w/g_max at those times and every second; the
output rate in 1 s bins (spikes whose step starts in [k, k+1) s) and its
mean over the last 20 s; then mean and s.d. (ddof = 1) over seeds.
Deterministic given the seed (brian2.seed draws the initial weights and the
Poisson inputs; single-threaded standalone): two runs of this script wrote
the same numbers."""
import json
import os
import sys
import time

import numpy as np
import brian2
from brian2 import (ms, mV, Hz, second, pF, nS, NeuronGroup, PoissonGroup, Synapses,
                    SpikeMonitor, StateMonitor, defaultclock, set_device, device, seed,
                    run, start_scope)

OUT = sys.argv[1] if len(sys.argv) > 1 else "data/reference/brian2_stdp.json"
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/brian2_stdp"

DT_MS = 0.1
T_S = 100
N_IN = 1000
RATE_HZ = 15.0
TAU_M, E_L, V_TH, V_RESET, E_E, TAU_E = 10.0, -74.0, -54.0, -60.0, 0.0, 5.0  # ms, mV
GMAX = 0.01            # relative to g_L
TAU_PRE = TAU_POST = 20.0
DA_PRE = 0.01          # in units of g_max
DA_POST = -DA_PRE * TAU_PRE / TAU_POST * 1.05
C_M_PF = 200.0         # snn's mapping: g_L = C_m / tau_m
G_L_NS = C_M_PF / TAU_M  # pF/ms = nS
HIST_TIMES = [0, 10, 25, 50, 100]
NBINS = 50
LOW, HIGH = 0.1, 0.9
LAST_S = 20

SEEDS = {"additive": [1, 2, 3, 4, 5],
         "multiplicative": [1, 2, 3],
         "additive_fixed_drive": [1, 2, 3],
         "additive_1000s": [1, 2, 3]}

RULES = {
    "additive": ("w = clip(w + Apost, 0, gmax)",
                 "w = clip(w + Apre, 0, gmax)"),
    "multiplicative": ("w = clip(w + (w/gmax)*Apost, 0, gmax)",
                       "w = clip(w + (1 - w/gmax)*Apre, 0, gmax)"),
}
MEMBRANE = {
    # true conductance: driving force E_e - v (snn's ConductanceExp)
    "conductance": ("dv/dt = (El - v + ge*(Ee - v))/taum : volt", "exponential_euler"),
    # Brian2 example's literal equation: driving force fixed at E_e - V_reset
    "fixed_drive": ("dv/dt = (ge*(Ee - vr) + El - v)/taum : volt", "exact"),
}
VARIANTS = {  # rule, membrane, biological time (s), histogram times (s)
    "additive": ("additive", "conductance", T_S, HIST_TIMES),
    "multiplicative": ("multiplicative", "conductance", T_S, HIST_TIMES),
    "additive_fixed_drive": ("additive", "fixed_drive", T_S, HIST_TIMES),
    "additive_1000s": ("additive", "conductance", 1000, HIST_TIMES + [200, 500, 1000]),
}


def one_run(variant, s):
    rule, membrane, T_S, HIST_TIMES = VARIANTS[variant]
    directory = os.path.join(WORK, f"{variant}_{s}")
    start_scope()
    device.reinit()
    device.activate(directory=directory, build_on_run=True)
    defaultclock.dt = DT_MS * ms
    seed(s)
    taum, El, vt, vr, Ee, taue = TAU_M * ms, E_L * mV, V_TH * mV, V_RESET * mV, E_E * mV, TAU_E * ms
    taupre, taupost = TAU_PRE * ms, TAU_POST * ms
    gmax = GMAX
    dApre, dApost = DA_PRE * GMAX, DA_POST * GMAX
    veq, method = MEMBRANE[membrane]
    inp = PoissonGroup(N_IN, rates=RATE_HZ * Hz)
    post = NeuronGroup(1, veq + "\ndge/dt = -ge/taue : 1", threshold="v > vt",
                       reset="v = vr", method=method)
    post.v = El
    dep, pot = RULES[rule]
    S = Synapses(inp, post,
                 """w : 1
                    dApre/dt = -Apre/taupre : 1 (event-driven)
                    dApost/dt = -Apost/taupost : 1 (event-driven)""",
                 on_pre="ge += w\nApre += dApre\n" + dep,
                 on_post="Apost += dApost\n" + pot,
                 delay=DT_MS * ms)
    S.connect()
    S.w = "rand()*gmax"
    wmon = StateMonitor(S, "w", record=np.arange(N_IN), dt=1 * second)
    smon = SpikeMonitor(post)
    t0 = time.time()
    run(T_S * second)
    wall = time.time() - t0
    sim_s = device.timers["run_binary"]
    W = np.asarray(wmon.w).T / GMAX                  # (100, 1000): t = 0 .. 99 s
    wfinal = np.asarray(S.w) / GMAX
    W = np.vstack([W, wfinal[None, :]])              # t = 0 .. 100 s
    assert W.shape == (T_S + 1, N_IN), W.shape
    steps = np.rint(np.asarray(smon.t / ms) / DT_MS).astype(np.int64)
    per_s = int(round(1000 / DT_MS))
    counts = np.bincount(steps // per_s, minlength=T_S)[:T_S]
    edges = np.linspace(0, 1, NBINS + 1)
    hist = {str(t): np.histogram(np.clip(W[t], 0, 1), bins=edges)[0].tolist() for t in HIST_TIMES}
    low = (W < LOW).mean(axis=1)
    high = (W > HIGH).mean(axis=1)
    return {
        "seed": s,
        "mean_w_hist_times": [float(W[t].mean()) for t in HIST_TIMES],
        "hist": hist,
        "frac_low": [float(low[t]) for t in HIST_TIMES],
        "frac_high": [float(high[t]) for t in HIST_TIMES],
        "frac_low_1s": [round(float(x), 3) for x in low],
        "frac_high_1s": [round(float(x), 3) for x in high],
        "mean_w_1s": [round(float(x), 6) for x in W.mean(axis=1)],
        "rate_1s_hz": counts.astype(int).tolist(),
        "rate_last20s_hz": float(counts[T_S - LAST_S:].mean()),
        "rate_mean_hz": float(counts.mean()),
        "n_out_spikes": int(len(steps)),
        "mean_w_final": float(wfinal.mean()),
        "wall_s": round(wall, 1),
        "binary_s": round(sim_s, 1),
    }


def msd(x):
    x = np.asarray(x, dtype=float)
    return {"mean": x.mean(axis=0).tolist(), "sd": x.std(axis=0, ddof=1).tolist()}


def summary(runs):
    out = {
        "frac_low": msd([r["frac_low"] for r in runs]),
        "frac_high": msd([r["frac_high"] for r in runs]),
        "rate_last20s_hz": msd([r["rate_last20s_hz"] for r in runs]),
        "rate_mean_hz": msd([r["rate_mean_hz"] for r in runs]),
        "mean_w_final": msd([r["mean_w_final"] for r in runs]),
        "hist": {t: msd([r["hist"][t] for r in runs]) for t in runs[0]["hist"]},
        "rate_1s_hz": msd([r["rate_1s_hz"] for r in runs]),
    }
    for k in ("frac_low", "frac_high", "mean_w_final", "rate_last20s_hz", "rate_mean_hz"):
        out[k]["mean"] = np.round(out[k]["mean"], 6).tolist()
        out[k]["sd"] = np.round(out[k]["sd"], 6).tolist()
    for t in out["hist"]:
        out["hist"][t] = {k: np.round(v, 3).tolist() for k, v in out["hist"][t].items()}
    out["rate_1s_hz"] = {k: np.round(v, 3).tolist() for k, v in out["rate_1s_hz"].items()}
    return out


def params():
    gL = G_L_NS
    return {
        "brian2": {"N_inputs": N_IN, "rate_Hz": RATE_HZ, "T_s": T_S, "dt_ms": DT_MS,
                   "taum_ms": TAU_M, "El_mV": E_L, "vt_mV": V_TH, "vr_mV": V_RESET, "Ee_mV": E_E,
                   "taue_ms": TAU_E, "gmax_rel_gL": GMAX, "taupre_ms": TAU_PRE,
                   "taupost_ms": TAU_POST, "dApre_rel_gmax": DA_PRE,
                   "dApost_rel_gmax": DA_POST, "refractory_ms": 0, "delay_ms": DT_MS,
                   "w0": "uniform [0, gmax)", "v0_mV": E_L},
        "snn": {"C_m_pF": C_M_PF, "tau_m_ms": TAU_M, "g_L_nS": gL, "E_L_mV": E_L,
                "V_th_mV": V_TH, "V_reset_mV": V_RESET, "t_ref_ms": 0, "V0_mV": E_L,
                "receptor": {"kind": "conductance", "tau_ms": TAU_E, "E_rev_mV": E_E},
                "w_max_nS": GMAX * gL, "A_plus_nS": DA_PRE * GMAX * gL,
                "A_minus_nS": DA_POST * GMAX * gL, "tau_plus_ms": TAU_PRE,
                "tau_minus_ms": TAU_POST, "w0_nS": f"uniform [0, {GMAX * gL:g})",
                "delay_steps": 1, "dt_ms": DT_MS, "inputs": f"{N_IN} Poisson at {RATE_HZ:g} Hz",
                "fixed_drive_variant": {"receptor": {"kind": "current", "tau_ms": TAU_E},
                                        "w_max_pA": GMAX * gL * (E_E - V_RESET),
                                        "A_plus_pA": DA_PRE * GMAX * gL * (E_E - V_RESET),
                                        "A_minus_pA": DA_POST * GMAX * gL * (E_E - V_RESET)}},
        "units_note": "g/g_L maps to nS with g_L = C_m/tau_m = 20 nS (C_m = 200 pF, snn's choice); "
                      "brian2 weights are relative to g_L, dApre/dApost relative to gmax",
    }


def main():
    set_device("cpp_standalone", directory=os.path.join(WORK, "init"), build_on_run=True)
    out = {
        "script": "data/reference/brian2_stdp.py",
        "brian2": brian2.__version__,
        "target": "cpp_standalone",
        "model": "Song, Miller & Abbott (2000) as in Brian2's examples/synapses/STDP.py",
        "parameters": params(),
        "hist_edges": np.linspace(0, 1, NBINS + 1).round(4).tolist(),
        "frac_low_below": LOW,
        "frac_high_above": HIGH,
        "variants": {},
    }
    for variant, seeds in SEEDS.items():
        rule, membrane, T, times = VARIANTS[variant]
        runs = []
        for s in seeds:
            r = one_run(variant, s)
            print(variant, s, "rate(last 20 s)", r["rate_last20s_hz"], "low", r["frac_low"][-1],
                  "high", r["frac_high"][-1], "wall", r["wall_s"], "binary", r["binary_s"], file=sys.stderr, flush=True)
            runs.append(r)
        out["variants"][variant] = {
            "rule": rule, "membrane": membrane, "T_s": T, "hist_times_s": times,
            "rate_last_window_s": [T - LAST_S, T], "method": MEMBRANE[membrane][1],
            "equation": MEMBRANE[membrane][0],
            "on_pre": "ge += w; Apre += dApre; " + RULES[rule][0],
            "on_post": "Apost += dApost; " + RULES[rule][1],
            "seeds": seeds, "runs": runs, "summary": summary(runs)}
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
