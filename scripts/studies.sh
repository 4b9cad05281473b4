#!/usr/bin/env bash
# Executes every notebook in notebooks/ top to bottom, headless, and writes
# the executed notebook and an HTML report of each into OUT (default out/).
# Exits non-zero, naming the notebook and the cell, when a cell fails: a
# cell whose program exits non-zero (nb.Check, nb.Must, a panic, a
# compile error), prints an error or panic on stderr, or prints a line
# starting with "error:" on stdout (scripts/cell_errors.py). Every cell runs
# even after one fails, so one run reports every failing cell.
# Usage: scripts/studies.sh [OUT] [NOTEBOOK...]
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-$repo/out}" && cd "${1:-$repo/out}" && pwd)
shift || true
bash "$repo/scripts/setup.sh" || exit 1
eval "$("$repo/scripts/env.sh")"
notebooks=("$@")
[ ${#notebooks[@]} -gt 0 ] || notebooks=("$repo"/notebooks/*.ipynb)
fail=0
for nb in "${notebooks[@]}"; do
	name=$(basename "$nb" .ipynb)
	start=$(date +%s)
	if ! jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.timeout=600 \
		--output-dir "$out" --output "$name" "$nb" >"$out/$name.log" 2>&1; then
		echo "FAIL $name: the notebook could not be executed; see $out/$name.log"
		tail -5 "$out/$name.log"
		fail=1
		continue
	fi
	# A conclusion's template (nb.Conclusion, a cell tagged "conclusion")
	# is shown rendered only.
	jupyter nbconvert --to html --TagRemovePreprocessor.enabled=True --TagRemovePreprocessor.remove_input_tags=conclusion \
		--output-dir "$out" "$out/$name.ipynb" >>"$out/$name.log" 2>&1
	if ! /usr/bin/python3 "$repo/scripts/cell_errors.py" "$out/$name.ipynb" "$name"; then
		echo "FAIL $name: see $out/$name.html"
		fail=1
		continue
	fi
	echo "ok   $name ($(($(date +%s) - start)) s): $out/$name.html"
done
# The gallery: one key figure per study, from the reports (scripts/gallery).
if [ $fail = 0 ] && [ $# -eq 0 ]; then (cd "$repo" && go run ./scripts/gallery "$out") || fail=1; fi
[ $fail = 0 ] && echo "reports in $out/"
exit $fail
