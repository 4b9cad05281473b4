#!/usr/bin/env python3
"""A network exported by snn (pynn.Export), for PyNN 0.10.

    python3 network.py nest|neuron|brian2 [--distributed]
    mpirun -np 64 python3 network.py nest

Everything the network is lives in network.json (units, dt, seed, duration,
populations, sources, projections, inputs, recording) and the data files it
names; this script is the same for every network. Spikes of every recorded
source are written by rank 0 as <source>_spikes.csv ("time_ms,neuron", the
format of snn's SpikeMonitor.WriteCSV). With the environment variable
SNN_PYNN_DUMP=1, rank 0 also writes every projection's connections as read
back from the simulator to <projection>.dump ("i j weight delay", PyNN units).
--distributed makes each MPI rank read only its own part of the edges
(<edges>.<rank>, written by pynn.Export with Ranks = the number of ranks).
"""
import json
import os
import sys

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


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    backend = args[0] if args else "nest"
    if backend not in ("nest", "neuron", "brian2"):
        sys.exit("network.py: backend %r, want nest, neuron or brian2" % backend)
    distributed = "--distributed" in sys.argv[1:]
    with open(path("network.json")) as f:
        net = json.load(f)
    refuse(net, backend)
    sim = __import__("pyNN." + backend, fromlist=["x"])
    dt, seed = net["dt"], net["seed"]
    max_delay = max([p["max_delay"] for p in (net["projections"] or [])] + [net["min_delay"]])
    extra = {}
    if backend == "nest":
        # snn's spikes are on the time grid: NEST's on-grid models
        # (pyNN.nest's default, off_grid, picks iaf_psc_exp_ps and the like).
        extra["spike_precision"] = "on_grid"
    sim.setup(timestep=dt, min_delay=net["min_delay"], max_delay=max_delay, **extra)
    rank, size = sim.rank(), sim.num_processes()

    objs, cells = {}, {}
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
        pop = sim.Population(p["n"], cell, label=p["pynn"])
        pop.initialize(**init)
        objs[p["pynn"]], cells[p["pynn"]] = pop, c
    for s in (net["sources"] or []):
        if s["type"] == "SpikeSourcePoisson":
            cell = sim.SpikeSourcePoisson(rate=s["rate"])
        else:
            rows = np.loadtxt(path(s["file"]), ndmin=2)
            times = [[] for _ in range(s["n"])]
            for i, t in rows:
                times[int(i)].append(t)
            from pyNN.parameters import Sequence
            cell = sim.SpikeSourceArray(spike_times=[Sequence(t) for t in times])
        objs[s["pynn"]] = sim.Population(s["n"], cell, label=s["pynn"])
    for k, p in enumerate(net["populations"]):
        pop = objs[p["pynn"]]
        for j, nz in enumerate(p.get("noise") or []):
            # One source per neuron: pyNN.neuron plays one noise vector into
            # every cell a source is injected into, which would give all
            # neurons the same noise. The noise is drawn by the backend (numpy
            # on pyNN.neuron, seeded here): the same law, not snn's draws.
            np.random.seed((seed * 1000003 + 1000 * k + j) % 2**32)
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
            src = sim.Population(p["n"], sim.SpikeSourcePoisson(rate=q["rate"]), label=q["pynn"])
            objs[q["pynn"]] = src
            sim.Projection(src, pop, sim.OneToOneConnector(),
                           sim.StaticSynapse(weight=q["weight"] * native_delta_scale(backend, p["cell"]), delay=dt),
                           receptor_type=q["receptor_type"])

    prjs = []
    for pj in (net["projections"] or []):
        post = objs[pj["post"]]
        if distributed:
            want = (np.arange(post.size) % size) == rank
            if pj.get("split") is None or len(pj["split"]) != size or not np.array_equal(post._mask_local, want):
                sys.exit("network.py: projection %s: --distributed needs the edges split into %d files (pynn.Export "
                         "Options.Ranks = %d) and neuron j of %s on rank j mod %d; run without --distributed"
                         % (pj["name"], size, size, pj["post"], size))
        scale = native_delta_scale(backend, cells[pj["post"]])
        if scale != 1:
            name = pj["split"][rank] if distributed else pj["file"]
            rows = np.loadtxt(path(name), ndmin=2)
            rows[:, 2] *= scale
            conn = sim.FromListConnector(rows, column_names=["weight", "delay"])
        else:
            # Each rank reads its own file. (FromFileConnector's distributed=True
            # would rename <file> to <file>.<rank> on disk, over the split.)
            name = pj["split"][rank] if distributed else pj["file"]
            conn = sim.FromFileConnector(path(name))
        prj = sim.Projection(objs[pj["pre"]], post, conn, sim.StaticSynapse(),
                             receptor_type=pj["receptor_type"], label=pj["pynn"])
        prjs.append((pj, prj))

    for r in (net["record"] or []):
        objs[r["pynn"]].record("spikes")
    sim.run(net["duration"])

    if os.environ.get("SNN_PYNN_DUMP"):
        for pj, prj in prjs:
            conns = prj.get(["weight", "delay"], format="list", gather=True)
            if rank == 0:
                with open(path(pj["pynn"] + ".dump"), "w") as f:
                    for i, j, w, d in sorted(conns):
                        f.write("%d %d %r %r\n" % (i, j, float(w), float(d)))
    for r in (net["record"] or []):
        block = objs[r["pynn"]].get_data("spikes", gather=True)
        if rank != 0:
            continue
        keep = set(r["neurons"]) if r.get("neurons") else None
        rows = []
        for k, st in enumerate(block.segments[0].spiketrains):
            # pyNN.brian2 0.10 sets no source_index; its trains come in
            # neuron order (the whole population is recorded).
            i = int(st.annotations.get("source_index", k))
            if keep is None or i in keep:
                for t in st.magnitude:
                    # The step that ends at or after t (snn's spikes are at the end
                    # of a step, t ≥ dt); a source's spike at t = 0 goes to dt.
                    rows.append((max(1, int(np.ceil(float(t) / dt - 1e-6))), i))
        rows.sort()
        with open(path(r["file"]), "w") as f:
            f.write("time_ms,neuron\n")
            for s, i in rows:
                f.write("%r,%d\n" % (s * dt, i))
        n = objs[r["pynn"]].size
        meta = {"kind": "spikes", "population": r["source"], "n": n,
                "recorded": r.get("neurons") or list(range(n)), "t_start": 0.0,
                "t_stop": net["duration"], "dt": dt, "seed": seed, "simulator": backend,
                "units": {"time_ms": "ms", "neuron": "index"}}
        with open(path(r["file"] + ".json"), "w") as f:
            json.dump(meta, f, indent=2)
    sim.end()


if __name__ == "__main__":
    main()
