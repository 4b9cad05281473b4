#!/usr/bin/python3
"""Prints, for an executed notebook, every cell whose output is an error
(cell number, its first source line and the error text); exits 1 if any."""
import json
import sys

path = sys.argv[1]
with open(path) as f:
    nb = json.load(f)
bad = 0
for n, cell in enumerate(nb["cells"], 1):
    for o in cell.get("outputs", []):
        text = ""
        if o.get("output_type") == "error":
            text = "\n".join(o.get("traceback", [])) or o.get("evalue", "")
        elif o.get("output_type") == "stream" and o.get("name") == "stderr":
            t = "".join(o.get("text", ""))
            if "error" in t.lower() or "panic" in t.lower():
                text = t
        if text:
            bad += 1
            src = "".join(cell.get("source", "")).strip().splitlines()
            print(f"FAIL {path}: cell {n} ({src[0] if src else ''!r}):")
            print("  " + "\n  ".join(text.strip().splitlines()[:15]))
sys.exit(1 if bad else 0)
