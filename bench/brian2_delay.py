#!/usr/bin/python3
"""The two-neuron experiment behind brian2_net.py's delay convention for
delta synapses (the brunel network): neuron A (V0 = 25 mV > θ = 20 mV)
fires in the first step and sends a 25 mV jump to neuron B with Brian2's
delay D − dt; B starts at rest (V0 = 0) or, to test the refractory rule,
fires in the first step too. LIF of networks.NewBrunel (τ_m 20 ms, θ 20 mV,
V_reset 10 mV, t_ref 2 ms; Brian2 refractory t_ref, as brian2_net.py's
brunel). Prints, as JSON, under "delay", per case [D ms, B's V0], B's
spike times after A's spike (ms). snn, with delay
D and the same neurons, gives the same times (bench/bench_test.go,
TestDeltaDelayConvention): the jump is felt D after the spike, and a jump
arriving within t_ref of B's spike is lost. Then PoissonInput's arrivals
during the refractory period: lost too (poisson_v_mv: v stays at V_reset
for the 20 steps from the spike's, then the arrivals count again).
    /usr/bin/python3 bench/brian2_delay.py"""
import json

from brian2 import (ms, mV, Hz, NeuronGroup, Synapses, SpikeMonitor, StateMonitor, PoissonInput, Network,
                    defaultclock, prefs)

prefs.codegen.target = "numpy"
step = 0.1 * ms
defaultclock.dt = step
taum, Vt, Vr, tref = 20 * ms, 20 * mV, 10 * mV, 2 * ms
out = []
for D, vb in ((1.5, 0.0), (2.0, 25.0), (2.1, 25.0)):
    P = NeuronGroup(2, "dv/dt = -v/taum : volt (unless refractory)", threshold="v >= Vt", reset="v = Vr",
                    refractory=tref, method="exact")
    P.v = [25, vb] * mV
    S = Synapses(P, P, on_pre="v_post += 25*mV", delay=D * ms - step)
    S.connect(i=0, j=1)
    M = SpikeMonitor(P)
    Network(P, S, M).run(5 * ms)
    ta = float(M.t[M.i == 0][0] / ms)
    out.append({"delay_ms": D, "v0_b": vb, "b_after_a_ms": [round(float(x / ms) - ta, 6) for x in M.t[M.i == 1]]})
# PoissonInput during the refractory period: a neuron that fires in the
# first step, driven by 1000 sources at 1 kHz of 1 µV each (about 0.1 mV a
# step): v after each of the first 23 steps.
P = NeuronGroup(1, "dv/dt = -v/taum : volt (unless refractory)", threshold="v >= Vt", reset="v = Vr",
                refractory=tref, method="exact")
P.v = 25 * mV
S = StateMonitor(P, "v", record=True, when="end")
Network(P, PoissonInput(P, "v", N=1000, rate=1000 * Hz, weight=0.001 * mV), S).run(2.3 * ms)
print(json.dumps({"delay": out, "poisson_v_mv": [float(x / mV) for x in S.v[0]]}))
