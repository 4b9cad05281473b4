#!/usr/bin/python3
"""Tsodyks-Markram short-term plasticity with NEST's tsodyks2_synapse
conventions (NEST >= 3.9), in Brian2 2.5.1 (cpp_standalone): the reference
for snn's STP (issue #28). Writes one JSON object and exits non-zero if a
check fails.
    /usr/bin/python3 data/reference/brian2_stp.py data/reference/brian2_stp.json [WORKDIR]
(about a minute: two standalone builds.)

Model (NEST tsodyks2_synapse, models/tsodyks2_synapse.h since NEST 3.9;
Tsodyks, Pawelzik & Markram 1998; Fuhrmann et al. 2002; Maass & Markram
2002, eqs. 4-5). State u (release probability used at the last spike) and x
(resources available before that spike's release); initially u = U, x = 1,
no previous spike. At presynaptic spike n (interval h since spike n-1):
    n = 1:  u_1 = U, x_1 = 1 (no update)
    n > 1:  x_n = 1 + (x_{n-1} - u_{n-1} x_{n-1} - 1) exp(-h/tau_rec)
            u_n = U + u_{n-1} (1 - U) exp(-h/tau_fac)   (0 if tau_fac = 0)
    released fraction r_n = u_n x_n; PSC jump w r_n.
x is updated before u, with u_{n-1}. Brian2 implements the same model as
ODEs integrated exactly between spikes (event-driven), not the recursion:
    du/dt = -u/tau_fac, dx/dt = (1 - x)/tau_rec, u(0) = 0, x(0) = 1
    on arrival: u = U + (1 - U) u [fac]; r = u x; I_syn += w r; x = x - r
(fac = 0 for tau_fac = 0: u = U at every spike). Between spikes u decays to
0 and x recovers to 1, which is the recursion above; the script checks that
Brian2's per-spike u, x, r equal an independent Python transcription of
NEST's recursion to 1e-12, that the PSC jumps measured on Brian2's I_syn
trace equal w r to 1e-12 (relative), and that after 1000 spikes Brian2 and
the recursion equal the closed-form steady state
    u_inf = U / (1 - (1 - U) e_f),   e_f = exp(-Delta/tau_fac) (0 if tau_fac = 0)
    x_inf = (1 - e_r) / (1 - (1 - u_inf) e_r),   e_r = exp(-Delta/tau_rec)
to 1e-12.
Stimulus: regular trains of 20 spikes at 5, 10, 20, 40, 80 Hz (first spike
at 10 ms, delivered after the synaptic delay dt as in snn), one synapse per
(parameter set, rate) onto its own passive LIF (no threshold), current-based
exponential PSC:
    C dV/dt = -g_L (V - E_L) + I_syn,  dI_syn/dt = -I_syn/tau_syn
    C = 250 pF, tau_m = 10 ms, E_L = -70 mV (snn.DefaultLIF, NEST's
    iaf_psc_exp defaults), tau_syn = 3 ms (Tsodyks, Pawelzik & Markram 1998,
    tau_inact; NEST's evaluate_tsodyks2_synapse example), w = 250 pA (A_SE
    of TPM 1998's depressing synapse), method 'exact', dt = 0.1 ms.
Parameter sets:
    depression:   U 0.5,  tau_rec 800 ms, tau_fac 0: TPM 1998 Fig. 1A
                  (Tsodyks & Markram 1997), NEST's defaults.
    facilitation: U 0.15, tau_rec 130 ms, tau_fac 670 ms: the set asked for in
                  issue #28's brief; tau_rec = 130 ms is TPM 1998's
                  facilitating synapse; U = 0.15 and tau_fac = 670 ms could
                  not be traced here to a primary source.
    facilitation_tpm1998: U 0.03, tau_rec 130 ms, tau_fac 530 ms: TPM 1998
                  Fig. 1B,C (as in Brian2's
                  examples/frompapers/Tsodyks_Pawelzik_Markram_1998.py).
    mixed:        U 0.2, tau_rec 200 ms, tau_fac 1500 ms: Mongillo, Barak &
                  Tsodyks (2008), both mechanisms strong: the PSC first
                  facilitates, then depresses at high rates."""
import json
import math
import os
import sys

import numpy as np
import brian2
from brian2 import (ms, mV, pA, pF, nS, Hz, second, NeuronGroup, SpikeGeneratorGroup, Synapses,
                    StateMonitor, Network, defaultclock, set_device, device, start_scope)

OUT = sys.argv[1] if len(sys.argv) > 1 else "data/reference/brian2_stp.json"
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/brian2_stp"

DT_MS = 0.1
RATES = [5, 10, 20, 40, 80]
N_SHORT = 20
N_LONG = 1000
T_FIRST_MS = 10.0
C_PF, TAU_M, E_L, TAU_SYN, W_PA = 250.0, 10.0, -70.0, 3.0, 250.0
SETS = {
    "depression": {"U": 0.5, "tau_rec_ms": 800.0, "tau_fac_ms": 0.0,
                   "source": "Tsodyks, Pawelzik & Markram (1998) Fig. 1A; Tsodyks & Markram (1997); NEST tsodyks2_synapse defaults"},
    "facilitation": {"U": 0.15, "tau_rec_ms": 130.0, "tau_fac_ms": 670.0,
                     "source": "issue #28 brief; tau_rec from Tsodyks, Pawelzik & Markram (1998) facilitating synapse; U and tau_fac not traced to a primary source"},
    "facilitation_tpm1998": {"U": 0.03, "tau_rec_ms": 130.0, "tau_fac_ms": 530.0,
                             "source": "Tsodyks, Pawelzik & Markram (1998) Fig. 1B,C (Brian2 examples/frompapers/Tsodyks_Pawelzik_Markram_1998.py)"},
    "mixed": {"U": 0.2, "tau_rec_ms": 200.0, "tau_fac_ms": 1500.0,
              "source": "Mongillo, Barak & Tsodyks (2008)"},
}
TOL = 1e-12


def recursion(U, tau_rec, tau_fac, times):
    """NEST tsodyks2_synapse::send (>= 3.9), transcribed: per spike (u, x)."""
    u, x, tlast = U, 1.0, -1.0
    us, xs = [], []
    for t in times:
        if tlast >= 0.0:
            h = t - tlast
            x_decay = math.exp(-h / tau_rec)
            u_decay = 0.0 if tau_fac == 0 else math.exp(-h / tau_fac)
            x = 1.0 + (x - x * u - 1.0) * x_decay
            u = U + u * (1.0 - U) * u_decay
        us.append(u)
        xs.append(x)
        tlast = t
    return np.array(us), np.array(xs)


def closed_form(U, tau_rec, tau_fac, delta):
    e_f = 0.0 if tau_fac == 0 else math.exp(-delta / tau_fac)
    e_r = math.exp(-delta / tau_rec)
    u = U / (1.0 - (1.0 - U) * e_f)
    x = (1.0 - e_r) / (1.0 - (1.0 - u) * e_r)
    return u, x


def build(n_spikes, monitor, directory):
    """One synapse per (set, rate), each onto its own passive LIF."""
    start_scope()
    device.reinit()
    device.activate(directory=directory, build_on_run=True)
    defaultclock.dt = DT_MS * ms
    combos = [(name, f) for name in SETS for f in RATES]
    idx, times = [], []
    steps_first = int(round(T_FIRST_MS / DT_MS))
    for k, (name, f) in enumerate(combos):
        step_isi = int(round(1000.0 / f / DT_MS))
        st = steps_first + step_isi * np.arange(n_spikes)
        idx.append(np.full(n_spikes, k))
        times.append(st)
    idx = np.concatenate(idx)
    times = np.concatenate(times)
    t_end_steps = int(times.max()) + int(round(50 / DT_MS))
    G = SpikeGeneratorGroup(len(combos), idx, times * DT_MS * ms)
    C, gL, El, taus = C_PF * pF, C_PF / TAU_M * nS, E_L * mV, TAU_SYN * ms
    N = NeuronGroup(len(combos), """dv/dt = (-gL*(v - El) + I)/C : volt
                                    dI/dt = -I/taus : amp""", method="exact")
    N.v = El
    S = Synapses(G, N, """w : amp (constant)
                          U : 1 (constant)
                          fac : 1 (constant)
                          tau_rec : second (constant)
                          tau_fac : second (constant)
                          du/dt = -u/tau_fac : 1 (event-driven)
                          dx/dt = (1 - x)/tau_rec : 1 (event-driven)
                          u_sp : 1
                          x_sp : 1
                          r_sp : 1
                          n_sp : 1""",
                 on_pre="""u = U + (1 - U)*u*fac
                           u_sp = u
                           x_sp = x
                           r_sp = u*x
                           I_post += w*r_sp
                           x = x - r_sp
                           n_sp += 1""",
                 delay=DT_MS * ms)
    S.connect(j="i")
    S.w = W_PA * pA
    S.U = [SETS[name]["U"] for name, f in combos]
    S.tau_rec = [SETS[name]["tau_rec_ms"] * ms for name, f in combos]
    # tau_fac = 0 (no facilitation): fac = 0 and a placeholder time constant
    S.fac = [0.0 if SETS[name]["tau_fac_ms"] == 0 else 1.0 for name, f in combos]
    S.tau_fac = [(SETS[name]["tau_fac_ms"] or 1.0) * ms for name, f in combos]
    S.u = 0
    S.x = 1
    mons = None
    if monitor:
        rec = np.arange(len(combos))
        mons = (StateMonitor(S, ["u_sp", "x_sp", "r_sp", "n_sp"], record=rec, when="end"),
                StateMonitor(N, ["I", "v"], record=rec, when="end"))
    net = Network(G, N, S, *(mons or ()))
    net.run(t_end_steps * DT_MS * ms)
    return combos, idx, times, S, mons


def main():
    set_device("cpp_standalone", directory=os.path.join(WORK, "init"), build_on_run=True)
    failures = []

    def check(what, err):
        if not err <= TOL:
            failures.append(f"{what}: {err:.3e}")
        return float(err)

    # 1. the 20-spike trains, monitored every step
    combos, idx, times, S, (ms_syn, ms_neu) = build(N_SHORT, True, os.path.join(WORK, "short"))
    n_sp = np.asarray(ms_syn.n_sp)
    u_sp, x_sp, r_sp = (np.asarray(getattr(ms_syn, v)) for v in ("u_sp", "x_sp", "r_sp"))
    I = np.asarray(ms_neu.I / pA)
    V = np.asarray(ms_neu.v / mV)
    decay = math.exp(-DT_MS / TAU_SYN)
    results = {name: {"parameters": dict(SETS[name]), "rates": {}} for name in SETS}
    worst = {"u": 0.0, "x": 0.0, "r": 0.0, "psc_rel": 0.0}
    for k, (name, f) in enumerate(combos):
        p = SETS[name]
        st = times[idx == k]
        arrival = st + 1                                   # delay dt: the step it lands in
        # the monitor records at the end of each step: values of the step's last spike
        assert np.array_equal(n_sp[k, arrival], np.arange(1, N_SHORT + 1)), "spike count"
        assert np.all(n_sp[k, arrival - 1] == np.arange(0, N_SHORT)), "arrival step"
        bu, bx, br = u_sp[k, arrival], x_sp[k, arrival], r_sp[k, arrival]
        psc = I[k, arrival] - I[k, arrival - 1] * decay   # jump in I_syn at the arrival (pA)
        ru, rx = recursion(p["U"], p["tau_rec_ms"], p["tau_fac_ms"], arrival * DT_MS)
        worst["u"] = max(worst["u"], np.max(np.abs(bu - ru)))
        worst["x"] = max(worst["x"], np.max(np.abs(bx - rx)))
        worst["r"] = max(worst["r"], np.max(np.abs(br - ru * rx)))
        worst["psc_rel"] = max(worst["psc_rel"], np.max(np.abs(psc - W_PA * br)) / W_PA)
        delta = 1000.0 / f
        uinf, xinf = closed_form(p["U"], p["tau_rec_ms"], p["tau_fac_ms"], delta)
        # V just before each arrival and its peak until the next one (or 50 ms)
        ends = list(arrival[1:]) + [arrival[-1] + int(round(50 / DT_MS))]
        results[name]["rates"][str(f)] = {
            "isi_ms": delta,
            "arrival_ms": (arrival * DT_MS).round(4).tolist(),
            "u": bu.tolist(), "x": bx.tolist(), "ux": br.tolist(),
            "psc_pA": psc.tolist(),
            "v_before_mV": V[k, arrival - 1].tolist(),
            "v_peak_mV": [float(V[k, a:e].max()) for a, e in zip(arrival, ends)],
            "u_inf": uinf, "x_inf": xinf, "ux_inf": uinf * xinf, "psc_inf_pA": W_PA * uinf * xinf,
            "psc_20_over_1": float(psc[-1] / psc[0]),
        }
    checks = {
        "brian2_vs_recursion_u": check("u, Brian2 vs recursion", worst["u"]),
        "brian2_vs_recursion_x": check("x, Brian2 vs recursion", worst["x"]),
        "brian2_vs_recursion_ux": check("u x, Brian2 vs recursion", worst["r"]),
        "psc_jump_vs_w_ux_relative": check("PSC jump vs w u x", worst["psc_rel"]),
    }

    # 2. 1000-spike trains: steady state of Brian2 and of the recursion vs closed form
    combos, idx, times, S, _ = build(N_LONG, False, os.path.join(WORK, "long"))
    bu, bx, bn = np.asarray(S.u_sp), np.asarray(S.x_sp), np.asarray(S.n_sp)
    assert np.all(bn == N_LONG), "long trains: spike count"
    worst_ss = {"brian2_u": 0.0, "brian2_x": 0.0, "recursion_u": 0.0, "recursion_x": 0.0}
    for k, (name, f) in enumerate(combos):
        p = SETS[name]
        delta = 1000.0 / f
        uinf, xinf = closed_form(p["U"], p["tau_rec_ms"], p["tau_fac_ms"], delta)
        ru, rx = recursion(p["U"], p["tau_rec_ms"], p["tau_fac_ms"], delta * np.arange(N_LONG))
        worst_ss["brian2_u"] = max(worst_ss["brian2_u"], abs(bu[k] - uinf))
        worst_ss["brian2_x"] = max(worst_ss["brian2_x"], abs(bx[k] - xinf))
        worst_ss["recursion_u"] = max(worst_ss["recursion_u"], abs(ru[-1] - uinf))
        worst_ss["recursion_x"] = max(worst_ss["recursion_x"], abs(rx[-1] - xinf))
        results[name]["rates"][str(f)]["brian2_spike1000"] = {"u": float(bu[k]), "x": float(bx[k])}
    for key, v in worst_ss.items():
        checks[f"steady_state_{key}_vs_closed_form"] = check(f"steady state {key}", v)

    # 3. the closed-form steady state against rate, for drawing
    curve_rates = [1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50, 60, 80, 100]
    for name, p in SETS.items():
        cf = [closed_form(p["U"], p["tau_rec_ms"], p["tau_fac_ms"], 1000.0 / f) for f in curve_rates]
        results[name]["steady_state_curve"] = {
            "rate_hz": curve_rates,
            "u_inf": [c[0] for c in cf], "x_inf": [c[1] for c in cf],
            "psc_inf_pA": [W_PA * c[0] * c[1] for c in cf]}

    out = {
        "script": "data/reference/brian2_stp.py",
        "brian2": brian2.__version__,
        "target": "cpp_standalone",
        "convention": "NEST >= 3.9 tsodyks2_synapse: first spike u = U, x = 1; then x updated with u_{n-1}, then u; release u_n x_n",
        "dt_ms": DT_MS,
        "delay_ms": DT_MS,
        "first_spike_ms": T_FIRST_MS,
        "n_spikes": N_SHORT,
        "n_spikes_steady_state": N_LONG,
        "neuron": {"C_m_pF": C_PF, "tau_m_ms": TAU_M, "g_L_nS": C_PF / TAU_M, "E_L_mV": E_L,
                   "threshold": None, "receptor": {"kind": "current", "tau_ms": TAU_SYN},
                   "w_pA": W_PA, "method": "exact"},
        "tolerance": TOL,
        "checks": checks,
        "sets": results,
    }
    with open(OUT, "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")
    for k, v in checks.items():
        print(f"{k}: {v:.3e}", file=sys.stderr)
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
