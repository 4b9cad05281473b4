#!/usr/bin/python3
"""make bench: the same networks in snn and in Brian2, interleaved, median of
REPEATS runs (seeds 1..REPEATS; for COBA, the first REPEATS active seeds),
written to out/bench/results.json (medians), out/bench/runs.json (every run)
and out/bench/table.md (the speed table, the busy-machine table and the
agreement table), also printed on stdout.
Networks: Brette et al. (2007) (1 s); Brunel (2000) as networks.NewBrunel(5, 2)
(build + BRUNEL_MS of biology) in snn (1 and 2 workers), Brian2 (both
targets) and bench/plainbrunel (a straightforward Go simulator); and the
busy machine: the 20,000-neuron fixed in-degree CUBA network of snn's
BenchmarkBusy, build + 300 ms, automatic workers against one worker, while
one CPU-bound process per core (`sh -c 'while :; do :; done'`, started and
killed here) competes; it runs after everything else.
snn runs with the kernels the CPU chooses (AVX-512, AVX2 or portable: each
row's "kernel"), and, below 100,000 neurons on one worker, with each
narrower kernel this CPU can run as well: AVX2 with
GODEBUG=cpu.avx512f=off, the portable kernels with
GODEBUG=cpu.avx512f=off,cpu.avx2=off (the simulators "snn/AVX2" and
"snn/portable"; the same spikes, which the kernels table checks).
Usage: bench/bench.py [--repeats 3] [--quick] [--no-large] [--out DIR] [--only brunel,busy]
--quick: small networks, one repeat, snn and plainbrunel only (the smoke
test make test runs).
--no-large: skip snn's 100,000- and 1,000,000-neuron runs.
--only: run only the named networks (cuba, coba, delta, brunel) and, with
busy, the busy-machine table."""
import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--repeats", type=int, default=3)
ap.add_argument("--quick", action="store_true")
ap.add_argument("--no-large", action="store_true")
ap.add_argument("--out", default="out/bench")
ap.add_argument("--only", default="", help="comma-separated: run only these networks (cuba, coba, delta, brunel) "
                "and busy for the busy-machine table")
args = ap.parse_args()
only = set(filter(None, args.only.split(",")))
os.makedirs(args.out, exist_ok=True)
snnbench = os.path.join(args.out, "snnbench")
# snn's SIMD kernels need Go 1.26's simd experiment (as `make` sets it).
if subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True).stdout.startswith("go1.26"):
    os.environ.setdefault("GOEXPERIMENT", "simd")
subprocess.run(["go", "build", "-o", snnbench, "./bench/snnbench"], check=True)
plainbrunel = os.path.join(args.out, "plainbrunel")
subprocess.run(["go", "build", "-o", plainbrunel, "./bench/plainbrunel"], check=True)


def kernel(godebug):
    """The kernels snn runs here under GODEBUG=godebug (snnbench -kernel)."""
    env = dict(os.environ, GODEBUG=godebug) if godebug else os.environ
    return subprocess.run([snnbench, "-kernel"], env=env, capture_output=True, text=True, check=True).stdout.strip()


# The kernels this CPU can run: its own, then each narrower one GODEBUG
# switches to (archsimd honours cpu.avx512f and cpu.avx2; cpu.avx2=off
# alone leaves AVX-512 on). GODEBUG of each narrower kernel's simulator.
KERNEL = kernel("")
NARROWER = {}
for godebug in ("cpu.avx512f=off", "cpu.avx512f=off,cpu.avx2=off"):
    k = kernel(godebug)
    if k != KERNEL and "snn/" + k not in NARROWER:
        NARROWER["snn/" + k] = godebug

# Brunel: build + 300 ms of biology, the measure of the speed target (snn
# at least 1.25× faster than plainbrunel on one core), statistics over
# [60, 300) ms. 1 s would add about 3 minutes to the run (three seeds of
# four simulators); the statistics over [200, 1000) ms are
# bench/reference_brunel.py's, checked by snn/networks/brunel_test.go.
BRUNEL_MS = 300
# (network, N, K, simulators, repeats, T ms); K = 0 means p = 0.02;
# repeats None means --repeats.
BOTH = ["snn", "brian2/cython", "brian2/cpp_standalone"]
if args.quick:
    configs = [("cuba", 200, 0, ["snn"], 1, 1000), ("coba", 4000, 0, ["snn"], 1, 1000), ("delta", 200, 20, ["snn"], 1, 1000),
               ("brunel", 1250, 100, ["snn", "plain-go"], 1, 300)]
    busy = (20000, 80, 50, 1)  # N, K, T ms, repeats
else:
    configs = [(net, 4000, 0, BOTH, None, 1000) for net in ("cuba", "coba", "delta")]
    configs += [(net, n, 80, BOTH, None, 1000) for n in (4000, 16000, 64000) for net in ("cuba", "coba")]
    configs += [("brunel", 12500, 1000, BOTH + ["plain-go"], None, BRUNEL_MS)]
    if not args.no_large:
        # One seed: the largest takes 2–3 minutes and 10 GB a run, and at
        # these sizes the statistics hardly vary between seeds.
        configs += [("cuba", 100_000, 1000, ["snn"], 1, 1000), ("cuba", 1_000_000, 1000, ["snn"], 1, 1000)]
    busy = (20000, 80, 300, args.repeats)
# Each narrower kernel runs beside snn wherever snn runs, below 100,000 neurons.
configs = [(net, n, k, [x for s in sims for x in ([s] + list(NARROWER) if s == "snn" and n < 100_000 else [s])], reps, T)
           for net, n, k, sims, reps, T in configs]
if only:
    unknown = only - {"cuba", "coba", "delta", "brunel", "busy"}
    if unknown:
        sys.exit(f"bench: --only {args.only}: unknown {sorted(unknown)}; want cuba, coba, delta, brunel or busy")
    configs = [c for c in configs if c[0] in only]
    if "busy" not in only:
        busy = busy[:3] + (0,)


def run_one(network, n, k, sim, seed, workers=1, T=1000, net_workers=0):
    env = None
    if sim.startswith("snn"):
        if sim in NARROWER:
            env = dict(os.environ, GODEBUG=NARROWER[sim])
        cmd = [snnbench, "-network", network, "-n", str(n), "-k", str(k), "-seed", str(seed), "-workers", str(workers),
               "-networkers", str(net_workers), "-t", str(T)]
    elif sim == "plain-go":
        cmd = [plainbrunel, "-n", str(n), "-k", str(k), "-seed", str(seed), "-t", str(T)]
    else:
        cmd = ["/usr/bin/python3", "bench/brian2_net.py", network, str(n), sim.split("/")[1], str(seed),
               os.path.join(args.out, "brian2_standalone"), str(k), str(T)]
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    total = time.time() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["total_s"] = total
    if sim in NARROWER:
        r["simulator"] = sim
    if sim == "plain-go":  # it reports only times and the E rate
        r.update({"network": network, "n_synapses": n * (k + k // 4), "sim_seconds": T / 1000, "target": "go",
                  "workers": 1, "seed": seed, "kernel": None, "peak_rss_mb": None, "bytes_per_synapse": None, "rate_i_hz": None,
                  "cv_isi_e": None, "fano_e": None, "sync_e": None, "spikes": None, "last_spike_ms": None})
    return r


# COBA is bistable in both simulators: a seed's activity either lasts the
# second or dies early (within ~60 ms), and a silent network is quick
# to simulate. So that both simulators are timed and compared in the same,
# active regime, each repeat of a COBA network takes, per simulator, the next
# seed still firing at the end (a spike after ALIVE_MS), trying at most
# MAX_SEEDS seeds in all. The silent runs are kept in runs.json ("counted":
# false) and counted in the table, but enter no median.
MAX_SEEDS = 20
ALIVE_MS = 990.0
runs = []
next_seed = {}  # (network, n, k, sim) -> the next seed to try
for rep in range(args.repeats):  # interleaved: each repeat runs every simulator in turn
    for network, n, k, sims, reps, T in configs:
        if rep >= (reps or args.repeats):
            continue
        for sim in sims:
            # Warm Brian2's compiler caches, not counted; not for Brunel,
            # whose build alone takes a minute (cpp_standalone compiles
            # every seed anyway; cython's first seed compiles, and the
            # median leaves it out).
            if sim.startswith("brian2") and rep == 0 and network != "brunel":
                run_one(network, n, k, sim, 99)
            tag = (network, n, k, sim)
            seed, active = next_seed.get(tag, 1), False
            while not active and seed <= MAX_SEEDS:
                r = run_one(network, n, k, sim, seed=seed, T=T)
                print(".", end="", file=sys.stderr, flush=True)
                active = network != "coba" or r["last_spike_ms"] > ALIVE_MS
                r["counted"] = active
                runs.append(r)
                seed += 1
            next_seed[tag] = seed
            if sim == "snn" and active:  # the same seed on 2 workers: the same spikes
                r2 = run_one(network, n, k, sim, seed=seed - 1, workers=2, T=T)
                r2["counted"] = True
                runs.append(r2)
# The busy machine, last (the competitors would slow everything else):
# automatic workers (GOMAXPROCS = cores, Network.Workers = 0) and one
# worker (Network.Workers = 1), interleaved, seeds 1..repeats.
n_busy, k_busy, t_busy, reps_busy = busy
competitors = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range((os.cpu_count() or 1) if reps_busy else 0)]
try:
    for rep in range(reps_busy):
        for nw in (0, 1):
            r = run_one("cuba", n_busy, k_busy, "snn", seed=rep + 1, workers=0, T=t_busy, net_workers=nw)
            print(".", end="", file=sys.stderr, flush=True)
            r["load"], r["counted"] = len(competitors), True
            runs.append(r)
finally:
    for c in competitors:
        c.kill()
        c.wait()
print(file=sys.stderr)


def key(r):
    return (r["network"], r["n_neurons"], r["k"], r["simulator"], r["target"], r["workers"], r.get("net_workers", 0),
            r.get("load", 0))


STATS = ("rate_e_hz", "rate_i_hz", "cv_isi_e", "fano_e", "sync_e")
results = []
for kk in sorted({key(r) for r in runs}, key=lambda x: (x[7], x[0] == "brunel", x[2] > 0, x[1], x[0], x[3] != "snn",
                                                     not x[3].startswith("snn"), x[3], x[4], x[5], x[6])):
    rs = [r for r in runs if key(r) == kk and r["counted"]]
    silent = sum(1 for r in runs if key(r) == kk and not r["counted"])
    if not rs:  # no active seed among MAX_SEEDS: report the silent runs
        rs = [r for r in runs if key(r) == kk]
    out = dict(rs[0])
    out["seeds"] = [r["seed"] for r in rs]
    out["spikes_per_seed"] = [r.get("spikes") for r in rs]
    out["silent_seeds"] = silent
    for f in ("build_s", "run_s", "total_s", "stats_s", "peak_rss_mb") + STATS:
        vals = [r[f] for r in rs if r.get(f) is not None]
        out[f] = statistics.median(vals) if vals else None
    out["repeats"] = len(rs)
    out.pop("seed", None)
    results.append(out)


def agreement(net, n, k, stat, target):
    """snn's seeds (1 worker) against one Brian2 target's: mean ± sd over the
    counted runs (COBA: the active ones), and whether the means agree within
    max(4 standard errors of their difference, 3 % of Brian2's value for
    rates, 0.03 for CV, Fano and χ): the criterion of snn/networks/brian2_test.go."""
    def values(sim, tgt):
        return [r[stat] for r in runs if (r["network"], r["n_neurons"], r["k"], r["simulator"]) == (net, n, k, sim)
                and (tgt is None or r["target"] == tgt) and r["workers"] == 1 and not r.get("load")
                and r["counted"] and r.get(stat) is not None]
    a, b = values("snn", None), values("brian2", target)
    if len(a) < 2 or len(b) < 2:
        return None
    ma, sa, mb, sb = statistics.mean(a), statistics.stdev(a), statistics.mean(b), statistics.stdev(b)
    se = math.sqrt(sa * sa / len(a) + sb * sb / len(b))
    tol = max(4 * se, 0.03 * mb if stat.startswith("rate") else 0.03)
    return ma, sa, len(a), mb, sb, len(b), abs(ma - mb) <= tol


def seeds(r):
    """The seeds a row's medians are over, and how many were silent."""
    s = ",".join(str(x) for x in r["seeds"])
    return s + (f" ({r['silent_seeds']} silent)" if r["silent_seeds"] else "")


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


fmt = lambda x, d=3: "" if x is None else f"{x:.{d}g}"


def label(net, n, k, T):
    if net == "brunel":
        return f"brunel C_E={k}, {T:g} ms"
    return f"{net}{' K=%d' % k if k else ' p=0.02'}"


lines = [f"Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
         f"{datetime.date.today().isoformat()}; snn kernels: {KERNEL} (this CPU's)"
         f"{''.join(f', {s[4:]} (GODEBUG={g})' for s, g in NARROWER.items())}; "
         f"median of {args.repeats} seeds (1 for N ≥ 100,000), simulators interleaved; "
         f"COBA: the first {args.repeats} seeds whose activity lasts the second, in each simulator "
         f"(silent: the seeds tried before them that fell silent). 1 s of biology, statistics over [200, 1000) ms; "
         f"brunel: {BRUNEL_MS} ms, statistics over [{BRUNEL_MS / 5:g}, {BRUNEL_MS}) ms.", "",
         "| network | N | synapses | simulator | target | kernel | integration | workers | seeds | build s | run s | total s | RSS MB | B/syn | rate E Hz | rate I Hz | CV E | Fano E | χ E |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for r in results:
    if r.get("load"):
        continue
    integ = r.get("integration") or ("exact" if r["network"] != "coba" else "exponential_euler")
    lines.append(f"| {label(r['network'], r['n_neurons'], r['k'], 1000 * r['sim_seconds'])} | {r['n_neurons']} | {r['n_synapses']} | {r['simulator']} "
                 f"| {r['target']} | {r.get('kernel') or ''} | {integ} | {r['workers']} | {seeds(r)} | {fmt(r['build_s'])} | {fmt(r['run_s'])} | {fmt(r['total_s'])} "
                 f"| {fmt(r['peak_rss_mb'])} | {fmt(r.get('bytes_per_synapse'))} | {fmt(r['rate_e_hz'])} | {fmt(r['rate_i_hz'])} "
                 f"| {fmt(r['cv_isi_e'])} | {fmt(r.get('fano_e'))} | {fmt(r.get('sync_e'))} |")

# The kernels: snn on one worker with each kernel this CPU runs, against
# Brian2 and plainbrunel on the same network (the targets of bench/README),
# and whether each narrower kernel gave the main one's spikes.
kernel_rows = []
for net, n, k, T in sorted({(r["network"], r["n_neurons"], r["k"], r["sim_seconds"]) for r in results if r["simulator"] in NARROWER},
                           key=lambda x: (x[0] == "brunel", x[2] > 0, x[1], x[0])):
    same_net = [r for r in results if (r["network"], r["n_neurons"], r["k"], r["sim_seconds"]) == (net, n, k, T)
                and r["workers"] == 1 and not r.get("load")]
    main = next((r for r in same_net if r["simulator"] == "snn"), None)
    cpp = next((r for r in same_net if r["simulator"] == "brian2" and r["target"] == "cpp_standalone"), None)
    brian2 = [r["total_s"] for r in same_net if r["simulator"] == "brian2"]
    plain = next((r for r in same_net if r["simulator"] == "plain-go"), None)
    for r in [main] + [r for r in same_net if r["simulator"] in NARROWER]:
        if r is None:
            continue
        same = "" if r is main else ("yes" if (r["seeds"], r["spikes_per_seed"]) == (main["seeds"], main["spikes_per_seed"]) else "NO")
        kernel_rows.append(
            f"| {label(net, n, k, 1000 * T)} | {n} | {r['kernel']} | {seeds(r)} | {fmt(r['run_s'])} | {fmt(r['total_s'])} "
            f"| {fmt(r['total_s'] - r['stats_s'] if r.get('stats_s') is not None else None)} "
            f"| {fmt(r['run_s'] / cpp['run_s'] if cpp else None, 2)} | {fmt(min(brian2) / r['total_s'] if brian2 else None)} "
            f"| {fmt(plain['total_s'] / r['total_s'] if plain else None)} | {same} |")
if kernel_rows:
    lines += ["", f"Kernels: snn on one worker with each kernel this CPU runs ({KERNEL}"
              f"{''.join(f'; {s[4:]} with GODEBUG={g}' for s, g in NARROWER.items())}), medians over the seeds above. "
              "process s: total s without the benchmark's statistics (stats_s); run / cpp: the simulation loop against "
              "Brian2 cpp_standalone's; Brian2 / snn: Brian2's fastest target's total s against snn's; plain-go / snn: "
              "plainbrunel's total s against snn's; same spikes: the seeds and each seed's spike count of the CPU's own kernel.", "",
              "| network | N | kernel | seeds | run s | total s | process s | run / cpp | Brian2 / snn | plain-go / snn | same spikes |",
              "|---|---|---|---|---|---|---|---|---|---|---|"] + kernel_rows

# The busy machine: automatic workers against one, and the ratio of the
# median totals (target: ≤ 1.2).
bz = {r["net_workers"]: r for r in results if r.get("load")}
if len(bz) == 2:
    auto, one = bz[0], bz[1]
    same = auto["spikes_per_seed"] == one["spikes_per_seed"]
    lines += ["", f"Busy machine: the fixed in-degree CUBA network (K = {k_busy}) of snn's BenchmarkBusy, "
              f"build + {t_busy} ms, with {auto['load']} CPU-bound competitors (`sh -c 'while :; do :; done'`, one per core); "
              f"automatic workers (GOMAXPROCS {auto['workers']}, Network.Workers = 0) and one worker (Network.Workers = 1), "
              f"interleaved, median of {reps_busy}.", "",
              "| network | N | workers | seeds | build s | run s | total s |", "|---|---|---|---|---|---|---|"]
    for name, r in (("automatic", auto), ("1", one)):
        lines.append(f"| cuba K={k_busy} | {r['n_neurons']} | {name} | {seeds(r)} | {fmt(r['build_s'])} | {fmt(r['run_s'])} | {fmt(r['total_s'])} |")
    lines += ["", f"Automatic / one worker, total: {auto['total_s'] / one['total_s']:.2f}× (target ≤ 1.2×); "
              f"run: {auto['run_s'] / one['run_s']:.2f}×; the same spikes: {'yes' if same else 'NO'}."]

agree = []
for net, n, k, T in sorted({(r["network"], r["n_neurons"], r["k"], 1000 * r["sim_seconds"]) for r in runs if r["simulator"] == "brian2"},
                           key=lambda x: (x[0] == "brunel", x[2], x[1], x[0])):
    for target in sorted({r["target"] for r in runs if r["simulator"] == "brian2"}):
        cells = []
        for stat in STATS:
            g = agreement(net, n, k, stat, target)
            cells.append("–" if g is None else
                         f"{g[0]:.3g} ± {g[1]:.2g} vs {g[3]:.3g} ± {g[4]:.2g} {'✓' if g[6] else '✗'}")
        agree.append(f"| {label(net, n, k, T)} | {n} | {target} | " + " | ".join(cells) + " |")
if agree:
    lines += ["", "snn (1 worker) vs Brian2, mean ± sd over the seeds of the table above (COBA: the active ones); "
              "✓: the means agree within max(4 standard errors, 3 % of the rate, 0.03 of CV, Fano or χ), "
              "as in snn/networks/brian2_test.go; –: fewer than two active seeds in one simulator. "
              "How often COBA stays active is compared over 20 seeds in snn/networks/brian2_test.go "
              "(data/reference/brian2_coba_seeds.json, bench/reference_coba.py); Brunel over 1 s in "
              "snn/networks/brunel_test.go (data/reference/brian2_brunel.json, bench/reference_brunel.py).", "",
              "| network | N | Brian2 target | rate E Hz | rate I Hz | CV E | Fano E | χ E |", "|---|---|---|---|---|---|---|---|"] + agree

with open(os.path.join(args.out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
with open(os.path.join(args.out, "runs.json"), "w") as f:  # every run, per seed
    json.dump(runs, f, indent=1)
with open(os.path.join(args.out, "table.md"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
print(f"\n{len(runs)} runs; results in {args.out}/results.json, runs.json, table.md", file=sys.stderr)
