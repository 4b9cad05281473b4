#!/usr/bin/python3
"""Prints, for an executed notebook, every cell that failed and exits 1 if
any did. Usage: cell_errors.py EXECUTED.ipynb [NAME]

A cell failed when it has
  - an "error" output: GoNB records one when the cell's program exits with a
    non-zero status (nb.Check / nb.Must exit with status 1, a panic
    with 2) or does not compile, with the status as its value;
  - stderr text containing "error" or "panic" (nb.Check prints
    "error: <err>" there, a panic its message and stack);
  - a stdout line starting with "error:" (the old idiom,
    fmt.Println("error:", err), which let the notebook carry on).
Each failed cell is reported once, as
  FAIL NAME: cell N (first source line): <its error text>
where N counts every cell of the notebook from 1, markdown included, and
NAME defaults to the notebook's file name."""
import json
import os
import sys


def text_of(o):
    t = o.get("text", "")
    return "".join(t) if isinstance(t, list) else t


def cell_errors(cell):
    """The error text of one cell's outputs, "" if it did not fail."""
    parts, failed = [], False
    for o in cell.get("outputs", []):
        kind = o.get("output_type")
        if kind == "error":
            failed = True
            tb = "\n".join(o.get("traceback", []))
            parts.append(tb or f'{o.get("ename", "")}: {o.get("evalue", "")}')
        elif kind == "stream" and o.get("name") == "stderr":
            t = text_of(o)
            if "error" in t.lower() or "panic" in t.lower():
                failed = True
            parts.append(t)
        elif kind == "stream" and o.get("name") == "stdout":
            lines = [l for l in text_of(o).splitlines() if l.lstrip().lower().startswith("error:")]
            if lines:
                failed = True
                parts.append("(on stdout) " + "\n".join(lines))
    if not failed:
        return ""
    # GoNB repeats the exit status in the error output: print each line once.
    seen, out = set(), []
    for line in "\n".join(parts).splitlines():
        if line.strip() and line not in seen:
            seen.add(line)
            out.append(line)
    return "\n".join(out)


def main():
    path = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else os.path.basename(path)
    with open(path) as f:
        nb = json.load(f)
    bad = 0
    for n, cell in enumerate(nb["cells"], 1):
        text = cell_errors(cell) if cell.get("cell_type") == "code" else ""
        if text:
            bad += 1
            src = "".join(cell.get("source", "")).strip().splitlines()
            first = next((l for l in src if l.strip() and l.strip() != "%%"), src[0] if src else "")
            print(f"FAIL {name}: cell {n} ({first.strip()!r}):")
            print("  " + "\n  ".join(text.splitlines()[:15]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
