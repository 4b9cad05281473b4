#!/usr/bin/python3
"""χ, the synchrony measure of snn.SpikeSynchrony, in numpy, for Brian2's
spikes: each train with a spike in [t0, t1) is binned at `bin` ms over
[t0, t1) (floor((t1 − t0)/bin) bins; a spike at t is in the first bin b
with t < t0 + (b+1)·bin, as snn compares), filtered with an exponential
kernel (x_b = x_{b−1}·e^(−bin/tau) + count_b), and
χ = sqrt(Var_b(mean over trains of x) / mean over trains of Var_b(x)),
with population variances. Silent trains are left out.
bench/bench_test.go checks it against snn.SpikeSynchrony on a shared spike
file to 1e-9.
    /usr/bin/python3 bench/synchrony.py SPIKES.json T0 T1 BIN TAU
SPIKES.json: {"n": trains, "i": [neuron...], "t": [ms...]}; prints χ."""
import json
import sys

import numpy as np


def chi(i, t, n, t0, t1, bin, tau):
    """χ of the trains 0..n-1 (spike k: train i[k] at t[k] ms), or None
    when no train has a spike in [t0, t1) or the traces do not vary."""
    i, t = np.asarray(i, dtype=np.int64), np.asarray(t, dtype=float)
    nb = int(np.floor((t1 - t0) / bin))
    if nb < 2:
        raise ValueError(f"synchrony: bin {bin} ms: want ≤ (t1 − t0)/2 = {(t1 - t0) / 2} ms")
    sel = (i >= 0) & (i < n) & (t >= t0) & (t < t1)
    i, t = i[sel], t[sel]
    active = np.unique(i)
    if len(active) == 0:
        return None
    edges = t0 + np.arange(1, nb + 1) * bin
    b = np.searchsorted(edges, t, side="right")  # the first b with t < edges[b]
    keep = b < nb  # spikes in [t0 + nb·bin, t1) are in no bin
    row = np.searchsorted(active, i[keep])
    counts = np.zeros((len(active), nb))
    np.add.at(counts, (row, b[keep]), 1)
    decay = np.exp(-bin / tau)
    x = np.empty_like(counts)
    v = np.zeros(len(active))
    for k in range(nb):
        v = v * decay + counts[:, k]
        x[:, k] = v
    mean_var = x.var(axis=1).mean()
    if mean_var == 0:
        return None
    return float(np.sqrt(x.mean(axis=0).var() / mean_var))


if __name__ == "__main__":
    s = json.load(open(sys.argv[1]))
    t0, t1, bin, tau = (float(a) for a in sys.argv[2:6])
    print(json.dumps(chi(s["i"], s["t"], s["n"], t0, t1, bin, tau)))
