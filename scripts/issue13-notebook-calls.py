#!/usr/bin/env python3
"""Issue 13's API convention in the notebooks: neuron index slices are
[]int32 and MonitorState's interval is in ms. Replaces exactly the changed
calls, as text in the notebooks' JSON (nothing else is rewritten); each
replacement must match exactly once, else the script stops."""
import sys

EDITS = {
    "notebooks/00-quickstart.ipynb": [
        (r'net.MonitorState(e, \"V\", []int{0}, 1)', r'net.MonitorState(e, \"V\", []int32{0}, dt)'),
    ],
    "notebooks/01-constant-current-and-noise.ipynb": [
        (r'net.MonitorState(p, \"V\", []int{0, 1}, 1), net.MonitorState(p, \"Iext\", []int{0, 1}, 1)',
         r'net.MonitorState(p, \"V\", []int32{0, 1}, dtTrace), net.MonitorState(p, \"Iext\", []int32{0, 1}, dtTrace)'),
    ],
    "notebooks/02-delta-vs-conductance-synapses.ipynb": [
        (r'net.AddSpikeGenerator(\"in\", 2, []int{0, 1}, ', r'net.AddSpikeGenerator(\"in\", 2, []int32{0, 1}, '),
        (r'net.MonitorState(n, \"V\", []int{0}, 1)', r'net.MonitorState(n, \"V\", []int32{0}, dt)'),
    ],
    "notebooks/06-ei-populations-random-input.ipynb": [
        # firstN feeds MonitorState's index slice
        (r'func firstN(n int) []int {\n",' + '\n' + r'    "\tidx := make([]int, n)\n",',
         r'func firstN(n int) []int32 {\n",' + '\n' + r'    "\tidx := make([]int32, n)\n",'),
        (r'\t\tidx[k] = k\n', r'\t\tidx[k] = int32(k)\n'),
        # every 10 steps of dt = 0.1 ms is every 1 ms
        (r'net.MonitorState(e, \"exc\", firstN(100), 10), net.MonitorState(e, \"inh\", firstN(100), 10)',
         r'net.MonitorState(e, \"exc\", firstN(100), 1.0), net.MonitorState(e, \"inh\", firstN(100), 1.0)'),
    ],
}

for path, edits in EDITS.items():
    text = open(path, encoding="utf-8").read()
    for old, new in edits:
        if text.count(old) != 1:
            if text.count(new) == 1:
                continue  # already applied
            sys.exit(f"{path}: {old!r} found {text.count(old)} times, want 1")
        text = text.replace(old, new)
    open(path, "w", encoding="utf-8").write(text)
