// Package bench compares snn with Brian2 on the same networks: snnbench (a
// Go command) and brian2_net.py print one JSON object per run, and
// bench.py runs them interleaved and writes out/bench/results.json and a
// Markdown table (`make bench`). The test here is the harness's smoke test.
package bench
