"""pyNN.nest stand-in: records what network.py passes (see __init__.py)."""
import ast
import json
import os
import sys

import numpy as np

_log = {"setup": None, "populations": [], "projections": [], "sources": [], "record": [], "run": []}


def _real_pynn_file(*parts):
    """The path of a file of the installed PyNN (not this stand-in)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for d in sys.path:
        if d and os.path.abspath(d) != here:
            p = os.path.join(d, "pyNN", *parts)
            if os.path.exists(p):
                return p
    sys.exit("pyNN stand-in: the installed PyNN's %s is not found on sys.path" % "/".join(parts))


class _Opaque:
    """A translation that is not a literal (a lambda, a call): not modelled."""


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return _Opaque()


def _tables(*parts):
    """Class name -> {translations: [(pynn, nest, forward)], receptor_scale, nest_name}
    read from the literal build_translations(...) calls of an installed pyNN.nest file."""
    tree = ast.parse(open(_real_pynn_file("nest", *parts)).read())
    out = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        t = {"translations": None, "receptor_scale": 1.0, "nest_name": None}
        for st in cls.body:
            if not (isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)):
                continue
            name = st.targets[0].id
            if name == "translations" and isinstance(st.value, ast.Call) and getattr(st.value.func, "id", "") == "build_translations":
                t["translations"] = [tuple(_literal(e) for e in a.elts[:3]) for a in st.value.args]
            elif name == "receptor_scale":
                t["receptor_scale"] = ast.literal_eval(st.value)
            elif name == "nest_name":
                t["nest_name"] = ast.literal_eval(st.value)
        if t["translations"] is not None:
            out[cls.name] = t
    return out


_CELLS = _tables("standardmodels", "cells.py")
_SYNAPSES = _tables("standardmodels", "synapses.py")
_ELECTRODES = _tables("standardmodels", "electrodes.py")


def _translate(table, params):
    """PyNN parameters -> NEST's, as pyNN.nest translates them; an unknown
    parameter is an error, as in PyNN."""
    names = [tr[0] for tr in table["translations"]]
    for k in params:
        if k not in names:
            raise ValueError("pyNN stand-in: parameter %r is not one of %s" % (k, names))
    out = {}
    for tr in table["translations"]:
        if tr[0] not in params:
            continue
        f = tr[2] if len(tr) > 2 else 1.0
        if isinstance(f, _Opaque):
            raise ValueError("pyNN stand-in: the translation of %r is not modelled" % tr[0])
        if isinstance(f, str):
            v = eval(f, {}, {k: np.asarray(v, float) for k, v in params.items()})
        else:
            v = np.asarray(params[tr[0]], float) * f
        out[tr[1]] = v
    return out


def _plain(x):
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if hasattr(x, "value"):  # Sequence
        return x.value
    if isinstance(x, np.generic):
        return x.item()
    return x


_state = {"spike_precision": "off_grid"}  # pyNN.nest's default


def setup(timestep=0.1, min_delay=None, max_delay=None, **extra):
    _state["spike_precision"] = extra.get("spike_precision", "off_grid")
    _log["setup"] = {"timestep": timestep, "min_delay": min_delay, "max_delay": max_delay, "extra": extra}


def rank():
    return 0


def num_processes():
    return 1


class _Cell:
    def __init__(self, type_name, params, nest_params, nest_model, conductance_based, receptor_scale):
        self.type_name, self.params, self.nest_params = type_name, params, nest_params
        self.nest_model, self.conductance_based, self.receptor_scale = nest_model, conductance_based, receptor_scale


def _standard(name):
    t = _CELLS[name]

    def make(**params):
        return _Cell(name, params, _translate(t, params), t["nest_name"], "cond" in name,
                     t["receptor_scale"])
    return make


for _name in _CELLS:
    globals()[_name] = _standard(_name)


def native_cell_type(model):
    """A NEST model by name; parameters pass to NEST unchanged. The aeif_psc_*
    models record no conductance, so pyNN.nest treats them as current-based."""
    def make(**params):
        return _Cell(model, params, dict(params), model, model.split("_")[1].startswith("cond"), 1.0)
    return make


def SpikeSourcePoisson(rate):
    return _Cell("SpikeSourcePoisson", {"rate": rate}, {"rate": rate}, _CELLS["SpikeSourcePoisson"]["nest_name"],
                 False, 1.0)


def SpikeSourceArray(spike_times):
    return _Cell("SpikeSourceArray", {"spike_times": spike_times}, {"spike_times": spike_times},
                 "spike_generator", False, 1.0)


class _Block:
    class _Segment:
        spiketrains = []
    segments = [_Segment()]


class Population:
    def __init__(self, n, cell, label):
        self.size, self.celltype, self.label = n, cell, label
        self._mask_local = np.ones(n, bool)
        model = cell.nest_model
        if isinstance(model, dict):  # a standard cell: the model depends on spike_precision
            model = model[_state["spike_precision"]]
        self.entry = {"label": label, "n": n, "type": cell.type_name, "nest_model": model,
                      "params": cell.params, "nest_params": cell.nest_params, "initial": {}}
        _log["populations"].append(self.entry)

    def initialize(self, **values):
        self.entry["initial"].update(values)

    def __getitem__(self, s):
        return (self, s)

    def record(self, what):
        _log["record"].append({"population": self.label, "what": what})

    def get_data(self, what, gather=True):
        return _Block()


class _Source:
    def __init__(self, name, params):
        self.entry = {"type": name, "params": params, "nest_params": _translate(_ELECTRODES[name], params)}

    def inject_into(self, target):
        pop, s = target if isinstance(target, tuple) else (target, slice(None))
        self.entry["population"] = pop.label
        self.entry["neurons"] = list(range(pop.size))[s]
        _log["sources"].append(self.entry)


def NoisyCurrentSource(**params):
    return _Source("NoisyCurrentSource", params)


def StepCurrentSource(**params):
    return _Source("StepCurrentSource", params)


class OneToOneConnector:
    def rows(self, pre, post):
        return [[i, i] for i in range(pre.size)]


class FromFileConnector:
    def __init__(self, file, distributed=False):
        self.file = file

    def rows(self, pre, post):
        return np.loadtxt(self.file, ndmin=2).tolist()


class FromListConnector:
    def __init__(self, conn_list, column_names=None):
        self.list, self.columns = np.asarray(conn_list, float), column_names

    def rows(self, pre, post):
        return self.list.tolist()


class StaticSynapse:
    def __init__(self, weight=None, delay=None):
        self.weight, self.delay = weight, delay


def Projection(pre, post, connector, synapse, receptor_type="excitatory", label=None):
    """Connections as pyNN.nest would make them: the weights translated by
    StaticSynapse's factor, times the cell's receptor_scale, negated onto a
    conductance-based inhibitory receptor; PyNN's sign rule checked."""
    scale = dict((tr[0], tr[2] if len(tr) > 2 else 1.0) for tr in _SYNAPSES["StaticSynapse"]["translations"])
    rows = []
    for r in connector.rows(pre, post):
        w = r[2] if len(r) > 2 else synapse.weight
        d = r[3] if len(r) > 3 else synapse.delay
        if post.celltype.conductance_based or receptor_type == "excitatory":
            if w < 0:
                raise ValueError("pyNN stand-in: projection %s: weight %g < 0 onto a conductance-based or "
                                 "excitatory receptor" % (label, w))
        elif w > 0:
            raise ValueError("pyNN stand-in: projection %s: weight %g > 0 onto a current-based inhibitory "
                             "receptor" % (label, w))
        nw = w * scale["weight"] * post.celltype.receptor_scale
        if receptor_type == "inhibitory" and post.celltype.conductance_based:
            nw = -nw
        rows.append([int(r[0]), int(r[1]), w, d, nw, d * scale["delay"]])
    _log["projections"].append({"label": label, "pre": pre.label, "post": post.label,
                                "connector": type(connector).__name__, "receptor_type": receptor_type,
                                "rows": rows})


def run(t):
    _log["run"].append(t)


def end():
    with open(os.environ["SNN_PYNN_STUB_LOG"], "w") as f:
        json.dump(_plain(_log), f)
