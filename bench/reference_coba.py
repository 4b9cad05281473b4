#!/usr/bin/python3
"""Writes data/reference/brian2_coba_seeds.json: Brian2 (cython target) on
the Brette et al. (2007) COBA network, N = 4000, with p = 0.02 and with fixed
in-degree K = 80, seeds 1..20. Its self-sustained activity is bistable:
some seeds fall silent in the first tens of milliseconds. Three seeds (what
`make bench` runs) cannot tell two simulators apart on that, twenty can:
snn/networks/brian2_test.go compares the fraction of seeds still firing at 1 s and
the statistics of those runs. About 4 minutes.
Usage: bench/reference_coba.py"""
import json
import subprocess

out = {"source": "bench/reference_coba.py: bench/brian2_net.py coba 4000 cython SEED, Brian2 2.5.1 from Debian 12, "
                 "1 s at dt = 0.1 ms; statistics over [200, 1000) ms; alive: a spike after 990 ms",
       "networks": {}}
for k in (0, 80):
    rows = []
    for seed in range(1, 21):
        p = subprocess.run(["/usr/bin/python3", "bench/brian2_net.py", "coba", "4000", "cython", str(seed),
                            "out/bench/brian2_standalone", str(k)], capture_output=True, text=True, check=True)
        r = json.loads(p.stdout.strip().splitlines()[-1])
        rows.append({f: r.get(f) for f in ("seed", "rate_e_hz", "rate_i_hz", "cv_isi_e", "fano_e", "last_spike_ms")})
        print(k, seed, r["rate_e_hz"], flush=True)
    out["networks"]["coba_4000" + (f"_k{k}" if k else "")] = rows
json.dump(out, open("data/reference/brian2_coba_seeds.json", "w"), indent=1)
print("wrote data/reference/brian2_coba_seeds.json")
