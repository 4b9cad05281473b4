#!/usr/bin/python3
"""The Brette et al. (2007) networks of networks.Benchmark, written for Brian2, printing
one JSON object like bench/snnbench.
    /usr/bin/python3 bench/brian2_net.py NETWORK N TARGET SEED [WORKDIR] [K]
    /usr/bin/python3 bench/brian2_net.py brunel 0 TARGET SEED [WORKDIR] [0] [T_MS] [G] [ETA]
NETWORK: cuba, coba, delta or brunel; TARGET: cython or cpp_standalone; K:
excitatory in-degree (K/4 inhibitory), or 0 (default) for p = 0.02; T_MS:
biological time (default 1000; statistics after min(200, T_MS/5) ms).
brunel is networks.NewBrunel(G, ETA, SEED) (defaults 5 and 2): NEST's
brunel_delta_nest, 12,500 neurons (N and K: 0, or the size as snnbench's
-n and -k), fixed in-degree C_E = 1000 and C_I = 250 with autapses and
multapses (drawn with numpy), J = 0.1 mV, −G·J, D = 1.5 ms, V_reset
10 mV, t_ref 2 ms, V0 uniform in [0, θ), PoissonInput of C_E sources at
ETA·ν_thr per neuron.
Output also has sync_e: χ of the first 500 E trains (bench/synchrony.py).
Same model as snn (see snn/networks/benchmark.go): 80/20 E/I, p = 0.02 without autapses
(or fixed in-degree: every neuron draws K distinct E and K/4 distinct I
partners, never itself, as snn.FixedInDegree; Brian2 has no such rule, so
the pairs are drawn with numpy and passed to connect(i=, j=)),
tau_m 20 ms, C 200 pF, V_th -50, V_reset -60 mV, t_ref 5 ms, V0 uniform in
[V_reset, V_th), dt 0.1 ms, 1 s. Integration: 'exact' for cuba and delta
(snn integrates them exactly), 'exponential_euler' for coba (snn: exponential
Euler on the total conductance). Delta arrivals are lost while refractory,
as in snn and NEST.
Time conventions, set so that Brian2 simulates snn's model step for step:
- synaptic delay: snn's (and NEST's) smallest delay is one step. A spike
  of step n reaches a current or conductance in step n+1, which moves the
  potential from step n+2 on: Brian2 does the same with a delay of dt. A
  delta arrival of step n+1 moves the potential in step n+1 itself in snn,
  and in Brian2 without delay (where the jump lands after step n's
  threshold test and decays for one step, 0.5 %, before the next), so delta
  runs without delay;
- refractory tref + dt: snn (as NEST) holds V for tref/dt = 50 updates
  after the spike step; Brian2's refractory=tref holds it for 49 (its spike
  time is the start of the step, snn's the end). With tref + dt a neuron
  under strong drive fires every 5.2 ms in both, instead of 5.1 ms in Brian2.
- brunel (delta synapses, delay D = 1.5 ms in snn, and Poisson input):
  Brian2's delay is D − dt. A spike of step n reaches snn's neuron in
  step n + D/dt, which adds the jump before its threshold test; Brian2's
  jump with delay D − dt lands in step n + D/dt − 1 after the threshold
  test and is tested in the next step, after one step of decay (0.5 %).
  Brian2 discards changes to v while a neuron is refractory (the
  synapses' and PoissonInput's alike: measured), so its refractory period
  is t_ref here: after a spike in step n it loses the arrivals of its
  steps n .. n + 19, which are snn's steps n + 1 .. n + 20, exactly those
  snn (as NEST) loses, and it lets the potential decay from V_reset one
  step earlier, a 0.05 mV difference at release. PoissonInput (which
  snn's PoissonInput follows) acts in the same slot as the synapses:
  Binomial(C_E, ν·dt) arrivals against snn's Poisson(C_E·ν·dt) (variance
  1.996 against 2). bench/brian2_delay.py is the two-neuron experiment
  (A fires in the first step and sends B a 25 mV jump): B fires 1.5 ms
  after A at D = 1.5 ms; a B that fired with A ignores the jump at
  D = 2.0 ms and fires at 2.1 ms for D = 2.1 ms, in both simulators
  (bench/bench_test.go, TestDeltaDelayConvention).
With the delay but Brian2's own refractory period, COBA's activity at
16,000 neurons (K = 80) lasted the second in 10 of 20 Brian2 seeds against 5
of 20 in snn (8 of 20 with snn's refractory period one step shorter); with
both, in 7 of 20 Brian2 seeds."""
import json
import resource
import sys
import time

t_start = time.time()
network, N, target, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
workdir = sys.argv[5] if len(sys.argv) > 5 else "out/bench/brian2_standalone"
K = int(sys.argv[6]) if len(sys.argv) > 6 else 0
T_ms = float(sys.argv[7]) if len(sys.argv) > 7 else 1000.0
g_brunel = float(sys.argv[8]) if len(sys.argv) > 8 else 5.0
eta_brunel = float(sys.argv[9]) if len(sys.argv) > 9 else 2.0

from brian2 import (ms, mV, nS, pF, Hz, NeuronGroup, Synapses, SpikeMonitor, Network, PoissonInput,
                    defaultclock, prefs, set_device, seed as b2seed, device)
import numpy as np

from synchrony import chi

if target == "cpp_standalone":
    set_device("cpp_standalone", directory=f"{workdir}_{network}_{N}_{seed}", build_on_run=False)
else:
    prefs.codegen.target = target
b2seed(seed)
np.random.seed(seed)
dt = 0.1 * ms
defaultclock.dt = dt
t_build = time.time()

taum, C, Vt, Vr, tref = 20 * ms, 200 * pF, -50 * mV, -60 * mV, 5 * ms
NE = N - N // 5
if network == "cuba":
    El, we, wi = -49 * mV, 1.62 * mV, -9 * mV
    eqs = """dv/dt = (ge + gi - (v - El))/taum : volt (unless refractory)
             dge/dt = -ge/(5*ms) : volt
             dgi/dt = -gi/(10*ms) : volt"""
    method, on_e, on_i = "exact", "ge += we", "gi += wi"
elif network == "delta":
    El, we, wi = -49 * mV, 1.62 * 5 / 20 * mV, -9.0 * 10 / 20 * mV
    eqs = "dv/dt = -(v - El)/taum : volt (unless refractory)"
    method = "exact"
    on_e, on_i = "v_post += we*int(not_refractory_post)", "v_post += wi*int(not_refractory_post)"
elif network == "coba":
    El, gl, Ee, Ei, we, wi = -60 * mV, 10 * nS, 0 * mV, -80 * mV, 6 * nS, 67 * nS
    eqs = """dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
             dge/dt = -ge/(5*ms) : siemens
             dgi/dt = -gi/(10*ms) : siemens"""
    method, on_e, on_i = "exponential_euler", "ge += we", "gi += wi"
elif network == "brunel":
    # networks.NewBrunel (NEST's brunel_delta_nest); N and K, when not 0, set
    # the size as snnbench's -n and -k: NE = 4N/5, NI = N/5, C_E = K.
    N, K = N or 12500, K or 1000
    NE = N - N // 5
    taum, El, Vt, Vr, tref, J, D = 20 * ms, 0 * mV, 20 * mV, 10 * mV, 2 * ms, 0.1 * mV, 1.5 * ms
    nu_ext = eta_brunel * float(Vt / (J * K * taum)) * Hz  # η·ν_thr
    eqs = "dv/dt = -(v - El)/taum : volt (unless refractory)"
    method = "exact"
    on_e, on_i = "v_post += J", f"v_post += -{g_brunel}*J"  # lost while refractory: see above
else:
    sys.exit(f"unknown network {network!r}")

P = NeuronGroup(N, eqs, threshold="v >= Vt", reset="v = Vr", refractory=tref if network == "brunel" else tref + dt,
                method=method)
P.v = "Vr + rand()*(Vt - Vr)" if network != "brunel" else "El + rand()*(Vt - El)"
if network == "coba":
    P.ge = "clip(40 + 15*randn(), 0, inf)*nS"
    P.gi = "clip(200 + 120*randn(), 0, inf)*nS"


def in_degree(lo, hi, k, rng):
    """For every neuron j of P, k distinct partners in [lo, hi), never j:
    arrays (i, j) for connect. Draw with replacement, redraw rows with a
    repeat (rare for k much smaller than hi - lo)."""
    n = hi - lo
    pre = np.empty((N, k), dtype=np.int64)
    todo = np.arange(N)
    while len(todo):
        own = (todo >= lo) & (todo < hi)  # j is a candidate: draw from n - 1 and skip j
        draw = rng.integers(0, n - 1, size=(len(todo), k))
        draw += (own[:, None] & (draw >= (todo - lo)[:, None]))
        draw[~own] = rng.integers(0, n, size=(int((~own).sum()), k))
        draw.sort(axis=1)
        ok = (np.diff(draw, axis=1) != 0).all(axis=1)
        pre[todo[ok]] = draw[ok] + lo
        todo = todo[~ok]
    return pre.ravel(), np.repeat(np.arange(N), k)


def in_degree_multi(lo, hi, k, rng):
    """For every neuron j of P, k partners drawn uniformly from [lo, hi)
    with replacement, j included (autapses and multapses, as NEST's
    fixed_indegree defaults and snn.FixedInDegree{Autapses, Multapses})."""
    return rng.integers(lo, hi, size=(N, k)).ravel(), np.repeat(np.arange(N), k)


# synaptic delays: see the time conventions above
if network == "delta":
    delay = 0 * ms
elif network == "brunel":
    delay = D - dt
else:
    delay = dt
Ce = Synapses(P, P, on_pre=on_e, delay=delay)
Ci = Synapses(P, P, on_pre=on_i, delay=delay)
extra = []
if network == "brunel":
    rng = np.random.default_rng(seed)
    i_e, j_e = in_degree_multi(0, NE, K, rng)
    i_i, j_i = in_degree_multi(NE, N, K // 4, rng)
    Ce.connect(i=i_e, j=j_e)
    Ci.connect(i=i_i, j=j_i)
    # Brian2 draws Binomial(K, ν_ext·dt) arrivals per neuron and step, snn
    # Poisson(K·ν_ext·dt): λ = 2, variances 1.996 and 2.
    extra.append(PoissonInput(P, "v", N=K, rate=nu_ext, weight=J))
elif K > 0:
    rng = np.random.default_rng(seed)
    i_e, j_e = in_degree(0, NE, K, rng)
    i_i, j_i = in_degree(NE, N, K // 4, rng)
    Ce.connect(i=i_e, j=j_e)
    Ci.connect(i=i_i, j=j_i)
else:
    Ce.connect("i < NE and i != j", p=0.02)
    Ci.connect("i >= NE and i != j", p=0.02)
M = SpikeMonitor(P)
net = Network(P, Ce, Ci, M, *extra)

t_run = time.time()
net.run(T_ms * ms)
if target == "cpp_standalone":
    t_compile = time.time()
    device.build(directory=f"{workdir}_{network}_{N}_{seed}", compile=True, run=False, debug=False)
    t_run = time.time()
    device.run(directory=f"{workdir}_{network}_{N}_{seed}", with_output=False, run_args=[])
    run_s = device._last_run_time if hasattr(device, "_last_run_time") else time.time() - t_run
    build_s = t_run - t_build
else:
    run_s = time.time() - t_run
    build_s = t_run - t_build
t_end = time.time()

i, t = np.asarray(M.i[:]), np.asarray(M.t[:] / ms)
warm = min(200.0, T_ms / 5)  # as snnbench
keep = t >= warm
span = (T_ms - warm) / 1000
rate_e = np.sum(keep & (i < NE)) / NE / span
rate_i = np.sum(keep & (i >= NE)) / (N - NE) / span
cvs = []
order = np.argsort(i, kind="stable")
i_s, t_s = i[order], t[order]
bounds = np.searchsorted(i_s, np.arange(NE + 1))
for n in range(NE):
    tr = t_s[bounds[n]:bounds[n + 1]]
    if len(tr) >= 3:
        isi = np.diff(tr)
        cvs.append(isi.std() / isi.mean())
# Fano factor of E spike counts in 100 ms windows over [200, 1000) ms,
# per neuron with spikes, averaged (snn.Fano).
nw = int((T_ms - warm) // 100)
counts = np.zeros((NE, nw))
ke = keep & (i < NE) & (t < warm + 100 * nw)
np.add.at(counts, (i[ke], ((t[ke] - warm) // 100).astype(int)), 1)
m, v = counts.mean(axis=1), counts.var(axis=1)
fano = float(np.mean(v[m > 0] / m[m > 0])) if (m > 0).any() else None
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
# χ of the first 500 E trains, bins of 0.5 ms, τ = 2 ms (snnbench:
# snn.SpikeSynchrony with the same arguments).
sync = chi(i, t, min(500, NE), warm, T_ms, 0.5, 2.0)
print(json.dumps({"network": network, "n_neurons": N, "k": K, "n_synapses": int(len(Ce) + len(Ci)), "sim_seconds": T_ms / 1000,
                  "simulator": "brian2", "target": target, "workers": 1, "seed": seed,
                  "build_s": build_s, "run_s": run_s, "peak_rss_mb": rss, "bytes_per_synapse": None,
                  "rate_e_hz": float(rate_e), "rate_i_hz": float(rate_i), "cv_isi_e": float(np.mean(cvs)) if cvs else None, "fano_e": fano,
                  "sync_e": sync, "spikes": int(len(i)), "last_spike_ms": float(t.max()) if len(t) else 0.0,
                  "integration": method}))
