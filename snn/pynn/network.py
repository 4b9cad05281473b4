#!/usr/bin/env python3
"""A network exported by snn (pynn.Export), for PyNN 0.10.

    /usr/bin/python3 network.py nest|neuron|brian2 [--distributed]
    mpirun --allow-run-as-root --oversubscribe -np 4 /usr/bin/python3 network.py neuron

Everything the network is lives in network.json (units, dt, seed, duration,
populations, sources, projections, inputs, recording) and the data files it
names; this script is the same for every network. Rank 0 writes the spikes
of every spike monitor beside this script, as network.json's "record" names
them (<source>_spikes.csv, "time_ms,neuron", the format of snn's
SpikeMonitor.WriteCSV, with its JSON sidecar). With the environment variable
SNN_PYNN_DUMP=1, rank 0 also writes every projection's connections as the
simulator holds them to <projection>.dump ("i j weight delay", PyNN units).
--distributed makes each MPI rank read only its own part of the edges
(<edges>.<rank>, written by pynn.Export with Ranks = the number of ranks).

Delays: snn's delay d (a whole number of steps, at least one) is d on NEST
and Brian2, and d + neuron_delay_slack (1e-9 ms) on NEURON, which refuses a
delay of exactly dt between ranks; the spikes land in the same step.

Seeds, from network.json's seed s: NEST's rng_seed = s mod (2^32 - 1) + 1
(NEST draws per virtual process, so its Poisson spikes change with the
number of ranks and threads); on NEURON each SpikeSourcePoisson cell draws
its own Random123 stream, keyed by (its population's place among the
Poisson populations, its index, s mod 2^32) with the global index
s div 2^32, the same at any number of ranks; Brian2 is seeded with
s mod 2^32; the noise of NoisyCurrentSource on NEURON and Brian2 is drawn
by numpy, seeded with (s mod 2^32, s div 2^32, population, source).
"""
import json
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def native_delta_scale(backend, cell):
    """The factor network.py applies to the (mV) weights onto a cell.

    pyNN.nest 0.10 multiplies every weight by 1000 (nA -> pA) and undoes it
    for its IF_curr_delta (receptor_scale = 1e-3), but not for a native cell:
    NEST's aeif_psc_delta takes mV, so its weights are divided by 1000 here.
    """
    return 1e-3 if backend == "nest" and cell["nest_model"] == "aeif_psc_delta" else 1


def delay_slack(backend, net):
    """What is added to every delay (ms): NEURON's slack, 0 elsewhere."""
    return net["neuron_delay_slack"] if backend == "neuron" else 0.0


def seed_words(seed):
    """The exported seed as two 32-bit words (low, high)."""
    return seed & 0xFFFFFFFF, seed >> 32


def refuse(net, backend):
    """Stops, before PyNN is imported, at a cell the backend cannot hold."""
    for p in net["populations"]:
        c = p["cell"]
        if not c["type"] and backend != "nest":
            sys.exit("network.py: population %s: snn's AdaptiveLIF with current or delta receptors has no PyNN "
                     "standard cell; it runs on nest only (NEST's %s). To run it on %s, give the population "
                     "ConductanceExp receptors (EIF_cond_exp_isfa_ista)" % (p["name"], c["nest_model"], backend))
        if backend == "brian2" and c["type"] and c["params"].get("delta_T") == 0:
            sys.exit("network.py: population %s: pyNN.brian2's %s divides by delta_T, so it cannot hold "
                     "delta_T = 0 (snn's AdaptiveLIF); run it with nest (%s) or neuron"
                     % (p["name"], c["type"], c["nest_model"]))


def setup(sim, backend, net):
    """sim.setup with the time step, the delays and the backend's seed."""
    slack = delay_slack(backend, net)
    max_delay = max([p["max_delay"] for p in net["projections"]] + [net["min_delay"]]) + slack
    extra = {}
    if backend == "nest":
        # snn's spikes are on the time grid: NEST's on-grid models
        # (pyNN.nest's default, off_grid, picks iaf_psc_exp_ps and the like).
        extra["spike_precision"] = "on_grid"
        extra["rng_seed"] = net["seed"] % (2**32 - 1) + 1
    sim.setup(timestep=net["dt"], min_delay=net["min_delay"], max_delay=max_delay, **extra)
    if backend == "brian2":
        import brian2
        brian2.seed(net["seed"] % 2**32)
    if backend == "neuron":
        sim.h.Random().Random123_globalindex(seed_words(net["seed"])[1])


def new_population(sim, backend, distributed, n, cell, label):
    """A Population; with --distributed on NEURON its first cell goes to rank
    0 (PyNN deals cells out by global id, gid mod the number of ranks), so
    that neuron j is on rank j mod size, as the split edge files assume."""
    if distributed and backend == "neuron":
        st, size = sim.simulator.state, sim.num_processes()
        st.gid_counter = -(-st.gid_counter // size) * size
    return sim.Population(n, cell, label=label)


STREAMS = []  # NEURON's Random objects must outlive the run


def own_streams(sim, pop, k, seed):
    """Gives every local cell of a SpikeSourcePoisson population on NEURON its
    own Random123 stream, keyed by (k, the cell's index, the seed's low word):
    the same spikes at any number of ranks (pyNN.neuron's default seeds one
    stream per rank with the rank)."""
    lo = seed_words(seed)[0]
    for i, (cell, local) in enumerate(zip(pop.all_cells, pop._mask_local)):
        if local:
            r = sim.h.Random()
            r.Random123(k, i, lo)
            r.negexp(1)
            cell._cell.noiseFromRandom(r)
            STREAMS.append(r)


def synapse_type(sim, pj):
    """The synapse of a projection: a StaticSynapse, whose weights and delays
    come from the connector's rows. (An entry of network.json that names
    another PyNN synapse type would be built here.)"""
    return sim.StaticSynapse()


def edges(pj, distributed, rank):
    """The rows (i, j, weight, delay) of a projection: its file, or its split
    files (this rank's with --distributed, all of them otherwise)."""
    names = [pj["file"]] if pj.get("file") else (
        [pj["split"][rank]] if distributed else pj["split"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an empty file
        parts = [np.loadtxt(path(f), ndmin=2).reshape(-1, 4) for f in names]
    return np.concatenate(parts) if parts else np.zeros((0, 4))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    backend = args[0] if args else "nest"
    if backend not in ("nest", "neuron", "brian2"):
        sys.exit("network.py: backend %r, want nest, neuron or brian2" % backend)
    distributed = "--distributed" in sys.argv[1:]
    with open(path("network.json")) as f:
        net = json.load(f)
    for key in ("populations", "sources", "projections", "record"):
        net[key] = net.get(key) or []  # null where the network has none
    refuse(net, backend)
    sim = __import__("pyNN." + backend, fromlist=["x"])
    dt, seed = net["dt"], net["seed"]
    slack = delay_slack(backend, net)
    setup(sim, backend, net)
    rank, size = sim.rank(), sim.num_processes()

    objs, cells = {}, {}
    poissons = 0  # SpikeSourcePoisson populations made so far

    def poisson_population(n, rate, label):
        nonlocal poissons
        pop = new_population(sim, backend, distributed, n, sim.SpikeSourcePoisson(rate=rate), label)
        if backend == "neuron":
            own_streams(sim, pop, poissons, seed)
        poissons += 1
        return pop

    for p in net["populations"]:
        c = p["cell"]
        ioffset = np.loadtxt(path(p["i_offset"]), ndmin=1) if p.get("i_offset") else None
        w0 = np.loadtxt(path(p["initial_w"]), ndmin=1) if p.get("initial_w") else None  # nA
        if not c["type"]:
            # No PyNN standard cell (snn's AdaptiveLIF with current or delta
            # receptors): NEST's own, with its parameters in NEST's units.
            params = dict(c["nest_params"])
            if ioffset is not None:
                params["I_e"] = ioffset * 1000  # nA -> pA
            cell = sim.native_cell_type(c["nest_model"])(**params)
            init = {"V_m": np.loadtxt(path(p["initial_v"]), ndmin=1)}
            if w0 is not None:
                init["w"] = w0 * 1000  # nA -> pA
        else:
            params = dict(c["params"])
            if ioffset is not None:
                params["i_offset"] = ioffset
            try:
                cell = getattr(sim, c["type"])(**params)
            except NotImplementedError:  # e.g. IF_curr_delta on pyNN.neuron
                sys.exit("network.py: population %s: PyNN's %s is not available on pyNN.%s; run it with "
                         "nest (%s) or brian2" % (p["name"], c["type"], backend, c["nest_model"]))
            init = {"v": np.loadtxt(path(p["initial_v"]), ndmin=1)}
            if w0 is not None:
                init["w"] = w0
        pop = new_population(sim, backend, distributed, p["n"], cell, p["pynn"])
        pop.initialize(**init)
        objs[p["pynn"]], cells[p["pynn"]] = pop, c
    for s in net["sources"]:
        if s["type"] == "SpikeSourcePoisson":
            objs[s["pynn"]] = poisson_population(s["n"], s["rate"], s["pynn"])
            continue
        rows = np.loadtxt(path(s["file"]), ndmin=2).reshape(-1, 2)
        times = [[] for _ in range(s["n"])]
        for i, t in rows:
            times[int(i)].append(t)
        from pyNN.parameters import Sequence
        cell = sim.SpikeSourceArray(spike_times=[Sequence(t) for t in times])
        objs[s["pynn"]] = new_population(sim, backend, distributed, s["n"], cell, s["pynn"])
    for k, p in enumerate(net["populations"]):
        pop = objs[p["pynn"]]
        for j, nz in enumerate(p.get("noise") or []):
            # One source per neuron: pyNN.neuron plays one source's noise into
            # every cell it is injected into, which would give all neurons the
            # same noise. The noise is drawn by the backend (numpy on
            # pyNN.neuron, every rank drawing every source's): the same law as
            # snn's, not its draws.
            np.random.seed(list(seed_words(seed)) + [k, j])
            for i in range(p["n"]):
                sim.NoisyCurrentSource(mean=nz["mean"], stdev=nz["stdev"], dt=nz["dt"], start=0.0,
                                       stop=net["duration"]).inject_into(pop[i:i + 1])
        for st in p.get("step_currents") or []:
            if st.get("file"):
                d = np.loadtxt(path(st["file"]), ndmin=2)
                for i in range(p["n"]):
                    sim.StepCurrentSource(times=d[:, 0], amplitudes=d[:, 1 + i]).inject_into(pop[i:i + 1])
            else:
                sim.StepCurrentSource(times=st["times"], amplitudes=st["amplitudes"]).inject_into(pop)
        for q in p.get("poisson") or []:
            src = poisson_population(p["n"], q["rate"], q["pynn"])
            objs[q["pynn"]] = src
            # snn's Poisson arrivals act in the step they are drawn; here they
            # arrive after the least delay, one step.
            sim.Projection(src, pop, sim.OneToOneConnector(),
                           sim.StaticSynapse(weight=q["weight"] * native_delta_scale(backend, p["cell"]), delay=dt + slack),
                           receptor_type=q["receptor_type"])

    prjs = []
    for pj in net["projections"]:
        post = objs[pj["post"]]
        if distributed:
            want = (np.arange(post.size) % size) == rank
            if pj.get("split") is None or len(pj["split"]) != size or not np.array_equal(post._mask_local, want):
                sys.exit("network.py: projection %s: --distributed needs the edges split into %d files (pynn.Export "
                         "Options.Ranks = %d) and neuron j of %s on rank j mod %d; run without --distributed"
                         % (pj["name"], size, size, pj["post"], size))
        rows = edges(pj, distributed, rank)  # may be empty on some ranks: every rank makes every projection
        rows[:, 2] *= native_delta_scale(backend, cells[pj["post"]])
        rows[:, 3] += slack
        prj = sim.Projection(objs[pj["pre"]], post, sim.FromListConnector(rows, column_names=["weight", "delay"]),
                             synapse_type(sim, pj), receptor_type=pj["receptor_type"], label=pj["pynn"])
        prjs.append((pj, prj))

    recorded = []  # each monitored source once
    for r in net["record"]:
        if r["pynn"] not in recorded:
            objs[r["pynn"]].record("spikes")
            recorded.append(r["pynn"])
    sim.run(net["duration"])

    if os.environ.get("SNN_PYNN_DUMP"):
        for pj, prj in prjs:
            conns = prj.get(["weight", "delay"], format="list", gather=True)
            if rank == 0:
                with open(path(pj["pynn"] + ".dump"), "w") as f:
                    for i, j, w, d in sorted(conns):
                        f.write("%d %d %r %r\n" % (i, j, float(w), float(d)))
    spikes = {}
    for label in recorded:
        block = objs[label].get_data("spikes", gather=True)
        if rank != 0:
            continue
        rows = []
        for k, st in enumerate(block.segments[0].spiketrains):
            # pyNN.brian2 0.10 sets no source_index; its trains come in
            # neuron order (the whole population is recorded).
            i = int(st.annotations.get("source_index", k))
            for t in st.magnitude:
                # The step that ends at or after t (snn's spikes are at the end
                # of a step, t ≥ dt); a source's spike at t = 0 goes to dt.
                rows.append((max(1, int(np.ceil(float(t) / dt - 1e-6))), i))
        rows.sort()
        spikes[label] = rows
    if rank == 0:
        for r in net["record"]:
            keep = set(r["neurons"]) if r.get("neurons") else None
            with open(path(r["file"]), "w") as f:
                f.write("time_ms,neuron\n")
                for s, i in spikes[r["pynn"]]:
                    if keep is None or i in keep:
                        f.write("%r,%d\n" % (s * dt, i))
            meta = {"kind": "spikes", "population": r["source"], "n": objs[r["pynn"]].size,
                    "recorded": r.get("neurons") or "all", "t_start": 0.0,
                    "t_stop": net["duration"], "dt": dt, "seed": seed, "simulator": backend,
                    "units": {"time_ms": "ms", "neuron": "index"}}
            with open(path(r["file"] + ".json"), "w") as f:
                json.dump(meta, f, indent=2)
    sim.end()


if __name__ == "__main__":
    main()
