// Package bench compares snn with Brian2 on the same networks: snnbench (a
// Go command), plainbrunel (a straightforward Go simulator of the Brunel
// network) and brian2_net.py print one JSON object per run, and bench.py
// runs them interleaved, with a busy-machine table, and writes
// out/bench/results.json and Markdown tables (`make bench`). The tests
// here are the harness's smoke test (make test), and, with the build tag
// brian2 (make bench, which installs numpy and Brian2), the check of
// bench/synchrony.py (χ for Brian2's spikes) against analysis.SpikeSynchrony
// and the two-neuron experiment behind the Brunel network's time conventions
// in Brian2.
package bench
