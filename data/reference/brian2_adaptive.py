#!/usr/bin/python3
"""Brian2's adaptive LIF (Brette & Gerstner 2005 without the exponential
term) under constant currents: the reference for snn.AdaptiveLIF's f-I curve
(snn/adaptive_test.go). Prints one JSON object.
    /usr/bin/python3 data/reference/brian2_adaptive.py > data/reference/brian2_adaptive.json
Model, one neuron per current I (pA), v(0) = E_L, w(0) = 0:
    C dv/dt = -g_L (v - E_L) - w + I     (unless refractory)
    tau_w dw/dt = a (v - E_L) - w
    spike when v >= V_th; then v = V_reset, w += b.
Parameters: Brette & Gerstner (2005), Table 1 (C = 281 pF, g_L = 30 nS,
E_L = -70.6 mV, a = 4 nS, b = 80.5 pA, tau_w = 144 ms), with the threshold
at their V_T = -50.4 mV (no exponential term), V_reset = E_L and
t_ref = 2 ms. Integration: Brian2's 'exact' method (the system is linear),
dt = 0.1 ms, and snn's time conventions (refractory t_ref + dt; see
bench/brian2_net.py). 3 s of simulated time; the steady-state rate counts
the spikes in [1 s, 3 s), after 7 adaptation time constants; the steady
ISI is the mean of the ISIs that start in [1 s, 3 s). Spike times are
Brian2's: the start of the step whose update crossed the threshold (snn
stamps the end, dt later); spike_steps are the times in steps of dt."""
import json
import sys

from brian2 import (ms, mV, nS, pA, pF, second, NeuronGroup, SpikeMonitor, Network,
                    defaultclock, prefs, __version__)
import numpy as np

prefs.codegen.target = "numpy"
dt = 0.1 * ms
defaultclock.dt = dt
C, gL, EL, Vt, Vr, tref = 281 * pF, 30 * nS, -70.6 * mV, -50.4 * mV, -70.6 * mV, 2 * ms
a, b, tauw = 4 * nS, 80.5 * pA, 144 * ms
currents = [700, 750, 800, 900, 1000, 1200, 1400, 1700, 2000]
eqs = """dv/dt = (-gL*(v - EL) - w + I)/C : volt (unless refractory)
         dw/dt = (a*(v - EL) - w)/tauw : amp
         I : amp (constant)"""
G = NeuronGroup(len(currents), eqs, threshold="v >= Vt", reset="v = Vr; w += b",
                refractory=tref + dt, method="exact")
G.v = EL
G.w = 0 * pA
G.I = np.array(currents) * pA
M = SpikeMonitor(G)
net = Network(G, M)
T = 3 * second
net.run(T)
trains = M.spike_trains()
rows = []
for k, I in enumerate(currents):
    t = np.asarray(trains[k] / ms)
    isi = np.diff(t)
    rows.append({
        "current_pa": I,
        "spikes": int(len(t)),
        "rate_hz": float(np.sum((t >= 1000) & (t < 3000)) / 2.0),
        "first_spike_ms": float(t[0]) if len(t) else None,
        "first_isi_ms": float(isi[0]) if len(isi) else None,
        "last_isi_ms": float(isi[-1]) if len(isi) else None,
        "steady_isi_ms": float(np.mean(isi[t[:-1] >= 1000])) if np.any(t[:-1] >= 1000) else None,
        "spike_steps": [int(round(x / 0.1)) for x in t],
    })
json.dump({
    "script": "data/reference/brian2_adaptive.py",
    "brian2": __version__,
    "dt_ms": float(dt / ms),
    "t_ms": float(T / ms),
    "params": {"C_pF": 281, "gL_nS": 30, "EL_mV": -70.6, "Vth_mV": -50.4, "Vreset_mV": -70.6,
               "tref_ms": 2, "a_nS": 4, "b_pA": 80.5, "tauw_ms": 144},
    "rows": rows,
}, sys.stdout, indent=1)
print()
