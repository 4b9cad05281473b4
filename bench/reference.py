#!/usr/bin/python3
"""Writes data/reference/brian2_brette.json: Brian2's statistics per seed for
the Brette et al. (2007) networks (p = 0.02, key NETWORK_N, and fixed
in-degree, key NETWORK_N_kK), taken from a `make bench` run
(out/bench/runs.json), so notebooks and tests can compare with Brian2 without
running it. Usage: bench/reference.py [out/bench/runs.json]"""
import json
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "out/bench/runs.json"
runs = json.load(open(src))
ref = {"source": "make bench (bench/bench.py, bench/brian2_net.py), Brian2 2.5.1 from Debian 12, "
                 "1 s at dt = 0.1 ms, statistics over [200, 1000) ms (Fano: E spike counts in 100 ms windows, "
                 "per neuron, averaged); the seeds make bench ran (1..3; COBA: seeds 1, 2, ... until three stayed active)",
       "networks": {}}
for r in runs:
    if r["simulator"] != "brian2":
        continue
    key = f'{r["network"]}_{r["n_neurons"]}' + (f'_k{r["k"]}' if r["k"] else "")
    ref["networks"].setdefault(key, [])
    row = {f: r.get(f) for f in ("target", "seed", "n_synapses", "rate_e_hz", "rate_i_hz", "cv_isi_e", "fano_e", "spikes", "last_spike_ms")}
    ref["networks"][key].append(row)
json.dump(ref, open("data/reference/brian2_brette.json", "w"), indent=1)
print("wrote data/reference/brian2_brette.json:", {k: len(v) for k, v in ref["networks"].items()})
