#!/usr/bin/python3
"""Writes data/reference/brian2_brunel.json: Brian2's statistics per seed for
the Brunel (2000) network of networks.NewBrunel(g = 5, η = 2, seed) (NEST's
brunel_delta_nest, the asynchronous irregular state), 1 s at dt = 0.1 ms,
statistics over [200, 1000) ms: E and I rates, E ISI CV, E Fano factor
(100 ms windows) and χ of the first 500 E trains (bins 0.5 ms, τ 2 ms), as
snn/networks/brunel_test.go computes them. Seeds 1..3 by default.
Both targets build the same network from the same numpy draws and give
the same spikes (in the reference: every statistic equal, seed by seed;
snn/networks/brunel_test.go checks it). About 4.5 minutes for three seeds on
both targets (load average 2–4, 2 cores).
Usage: bench/reference_brunel.py [--seeds 3] [--targets cpp_standalone,cython]"""
import argparse
import json
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", type=int, default=3)
ap.add_argument("--targets", default="cpp_standalone,cython")
args = ap.parse_args()
out = {"source": "bench/reference_brunel.py: bench/brian2_net.py brunel 0 TARGET SEED, Brian2 2.5.1 from Debian 12, "
                 "g = 5, η = 2, 1 s at dt = 0.1 ms; statistics over [200, 1000) ms (Fano: E counts in 100 ms windows, "
                 "per neuron, averaged; sync_e: χ of the first 500 E trains, bins 0.5 ms, τ 2 ms)",
       "networks": {"brunel_g5_eta2": []}}
for seed in range(1, args.seeds + 1):
    for target in args.targets.split(","):
        p = subprocess.run(["/usr/bin/python3", "bench/brian2_net.py", "brunel", "0", target, str(seed),
                            "out/bench/brian2_standalone", "0", "1000", "5", "2"], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"reference_brunel: seed {seed}, {target}:\n{p.stderr[-2000:]}")
        r = json.loads(p.stdout.strip().splitlines()[-1])
        out["networks"]["brunel_g5_eta2"].append(
            {f: r.get(f) for f in ("target", "seed", "n_synapses", "rate_e_hz", "rate_i_hz", "cv_isi_e", "fano_e",
                                   "sync_e", "spikes", "last_spike_ms", "build_s", "run_s")})
        print(target, seed, r["rate_e_hz"], r["cv_isi_e"], r["fano_e"], r["sync_e"], f'{r["run_s"]:.1f} s', flush=True)
json.dump(out, open("data/reference/brian2_brunel.json", "w"), indent=1)
print("wrote data/reference/brian2_brunel.json")
