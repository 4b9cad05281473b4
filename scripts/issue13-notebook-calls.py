#!/usr/bin/env python3
"""Issue 13's API convention in the notebooks: neuron index slices are
[]int32 and MonitorState's interval is in ms (every notebook uses dt = 0.1
ms, so 1 step is dt and 10 steps are 1 ms). Replaces exactly the changed
calls, as text in the notebooks' JSON; nothing else is rewritten. Each
edit applies where its old text is found once (the notebooks exist in
two versions while they are being rewritten); afterwards no call may be
left in the old form, else the script names it and exits non-zero.

Usage: scripts/issue13-notebook-calls.py [REPO]   (default: this repo)
"""
import os
import re
import sys

EDITS = {
    "00-quickstart.ipynb": [
        (r'net.MonitorState(e, \"V\", []int{0}, 1)', r'net.MonitorState(e, \"V\", []int32{0}, dt)'),
    ],
    "01-constant-current-and-noise.ipynb": [
        (r'net.MonitorState(p, \"V\", []int{0, 1}, 1), net.MonitorState(p, \"Iext\", []int{0, 1}, 1)',
         r'net.MonitorState(p, \"V\", []int32{0, 1}, dtTrace), net.MonitorState(p, \"Iext\", []int32{0, 1}, dtTrace)'),
    ],
    "02-delta-vs-conductance-synapses.ipynb": [
        (r'net.AddSpikeGenerator(\"in\", 2, []int{0, 1}, ', r'net.AddSpikeGenerator(\"in\", 2, []int32{0, 1}, '),
        (r'net.MonitorState(n, \"V\", []int{0}, 1)', r'net.MonitorState(n, \"V\", []int32{0}, dt)'),
    ],
    "04-fixed-coupling-probability.ipynb": [
        (r'net.MonitorState(e, \"V\", snn.Stride(nE, 16), 10)', r'net.MonitorState(e, \"V\", snn.Stride(nE, 16), 1.0)'),
    ],
    "05-fixed-presynaptic-partners.ipynb": [
        (r'net.MonitorState(e, \"V\", snn.Stride(e.Size(), 16), 10)', r'net.MonitorState(e, \"V\", snn.Stride(e.Size(), 16), 1.0)'),
    ],
    "06-ei-populations-random-input.ipynb": [
        # the older version: firstN feeds MonitorState's index slice
        (r'func firstN(n int) []int {\n",' + '\n' + r'    "\tidx := make([]int, n)\n",',
         r'func firstN(n int) []int32 {\n",' + '\n' + r'    "\tidx := make([]int32, n)\n",'),
        (r'\t\tidx[k] = k\n', r'\t\tidx[k] = int32(k)\n'),
        (r'net.MonitorState(e, \"exc\", firstN(100), 10), net.MonitorState(e, \"inh\", firstN(100), 10)',
         r'net.MonitorState(e, \"exc\", firstN(100), 1.0), net.MonitorState(e, \"inh\", firstN(100), 1.0)'),
        # the newer version (snn.Stride returns []int32)
        (r'net.MonitorState(e, \"exc\", snn.Stride(100, 1), 10), net.MonitorState(e, \"inh\", snn.Stride(100, 1), 10), net.MonitorState(e, \"V\", snn.Stride(nE, 8), 10)',
         r'net.MonitorState(e, \"exc\", snn.Stride(100, 1), 1.0), net.MonitorState(e, \"inh\", snn.Stride(100, 1), 1.0), net.MonitorState(e, \"V\", snn.Stride(nE, 8), 1.0)'),
    ],
}

# Calls left in the old form: an []int literal in an index argument, or a
# MonitorState whose last argument is a bare integer (a step count).
OLD = [
    re.compile(r'(MonitorState|AddSpikeGenerator|MonitorSpikes)\([^\n]*?\[\]int\{'),
    re.compile(r'MonitorState\((?:[^()\n]|\([^()\n]*\))*, \d+\)'),
    re.compile(r'func firstN\(n int\) \[\]int \{'),
]

repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
bad = 0
for name in sorted(os.listdir(os.path.join(repo, "notebooks"))):
    if not name.endswith(".ipynb"):
        continue
    path = os.path.join(repo, "notebooks", name)
    text = open(path, encoding="utf-8").read()
    for old, new in EDITS.get(name, []):
        if text.count(old) == 1:
            text = text.replace(old, new)
            print(f"{name}: {new}")
    open(path, "w", encoding="utf-8").write(text)
    for pat in OLD:
        for m in pat.finditer(text):
            print(f"{name}: left in the old form: {m.group(0)}", file=sys.stderr)
            bad = 1
sys.exit(bad)
