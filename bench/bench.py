#!/usr/bin/python3
"""make bench: the same networks in snn and in Brian2, interleaved, median of
REPEATS runs, written to out/bench/results.json plus a Markdown table on
stdout. Usage: bench/bench.py [--repeats 3] [--quick]
--quick: tiny networks, one repeat, snn only (the smoke test make test runs)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--repeats", type=int, default=3)
ap.add_argument("--quick", action="store_true")
ap.add_argument("--out", default="out/bench")
args = ap.parse_args()
os.makedirs(args.out, exist_ok=True)
snnbench = os.path.join(args.out, "snnbench")
# snn's SIMD kernels need Go's simd experiment (as `make` sets it).
os.environ.setdefault("GOEXPERIMENT", "simd")
subprocess.run(["go", "build", "-o", snnbench, "./bench/snnbench"], check=True)

# (network, N, K, simulators); K = 0 means p = 0.02.
if args.quick:
    configs = [("cuba", 200, 0, ["snn"]), ("coba", 200, 0, ["snn"]), ("delta", 200, 20, ["snn"])]
    args.repeats = 1
else:
    both = ["snn", "brian2/cython", "brian2/cpp_standalone"]
    configs = [("cuba", 4000, 0, both), ("coba", 4000, 0, both), ("delta", 4000, 0, both)]
    configs += [("cuba", n, 80, ["snn"]) for n in (4000, 16000, 64000)]
    configs += [("cuba", 100_000, 1000, ["snn"])]


def run_one(network, n, k, sim, seed, workers=1):
    if sim == "snn":
        cmd = [snnbench, "-network", network, "-n", str(n), "-k", str(k), "-seed", str(seed), "-workers", str(workers)]
    else:
        cmd = ["/usr/bin/python3", "bench/brian2_net.py", network, str(n), sim.split("/")[1], str(seed),
               os.path.join(args.out, "brian2_standalone")]
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    total = time.time() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["total_s"] = total
    return r


runs = []
for rep in range(args.repeats):  # interleaved: each repeat runs every simulator in turn
    for network, n, k, sims in configs:
        for sim in sims:
            for workers in ([1, 2] if sim == "snn" else [1]):
                if sim != "snn" and rep == 0:
                    run_one(network, n, k, sim, 99)  # warm Brian2's compiler caches, not counted
                runs.append(run_one(network, n, k, sim, seed=1 + rep, workers=workers))
                print(".", end="", file=sys.stderr, flush=True)
print(file=sys.stderr)

results = []
keys = sorted({(r["network"], r["n_neurons"], r["k"], r["simulator"], r["target"], r["workers"]) for r in runs})
for key in keys:
    rs = [r for r in runs if (r["network"], r["n_neurons"], r["k"], r["simulator"], r["target"], r["workers"]) == key]
    out = dict(rs[0])
    for f in ("build_s", "run_s", "total_s", "peak_rss_mb", "rate_e_hz", "rate_i_hz", "cv_isi_e"):
        vals = [r[f] for r in rs if r.get(f) is not None]
        out[f] = statistics.median(vals) if vals else None
        if f.startswith(("rate", "cv")) and len(vals) > 1:
            out[f + "_sd"] = statistics.stdev(vals)
    out["repeats"] = len(rs)
    out.pop("seed", None)
    results.append(out)
with open(os.path.join(args.out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
with open(os.path.join(args.out, "runs.json"), "w") as f:  # every run, per seed
    json.dump(runs, f, indent=1)

print("| network | N | synapses | simulator | target | workers | build s | run s | total s | RSS MB | B/syn | rate E Hz | rate I Hz | CV E |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
fmt = lambda x, d=3: "" if x is None else f"{x:.{d}g}"
for r in results:
    print(f"| {r['network']}{' K=%d' % r['k'] if r['k'] else ''} | {r['n_neurons']} | {r['n_synapses']} | {r['simulator']} | {r['target']} "
          f"| {r['workers']} | {fmt(r['build_s'])} | {fmt(r['run_s'])} | {fmt(r['total_s'])} | {fmt(r['peak_rss_mb'])} "
          f"| {fmt(r.get('bytes_per_synapse'))} | {fmt(r['rate_e_hz'])} | {fmt(r['rate_i_hz'])} | {fmt(r['cv_isi_e'])} |")
print(f"\n{len(runs)} runs, median of {args.repeats}; results in {args.out}/results.json", file=sys.stderr)
