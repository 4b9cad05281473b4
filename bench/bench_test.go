package bench

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHarnessQuick runs `bench.py --quick` (small networks, snn and
// plainbrunel, one repeat, and the busy-machine pair) so the harness cannot
// rot, and checks every field of its results, and the rows of each
// kernel this CPU runs (scripts/cpus.sh --host-lanes says which).
func TestHarnessQuick(t *testing.T) {
	out := t.TempDir()
	cmd := exec.Command("/usr/bin/python3", "bench/bench.py", "--quick", "--out", out)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench.py --quick: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rs []map[string]any
	if err := json.Unmarshal(data, &rs); err != nil {
		t.Fatal(err)
	}
	// The kernels: the CPU's own, then the narrower ones GODEBUG selects
	// (bench.py forces Go 1.26's simd experiment, as make does).
	lanes, err := exec.Command("env", "GOEXPERIMENT=simd", "bash", "../scripts/cpus.sh", "--host-lanes").Output()
	if err != nil {
		t.Fatalf("scripts/cpus.sh --host-lanes: %v", err)
	}
	kernels := map[string][]string{"8": {"AVX-512", "AVX2", "portable"}, "4": {"AVX2", "portable"}, "0": {"portable"}}[strings.TrimSpace(string(lanes))]
	if kernels == nil {
		t.Fatalf("scripts/cpus.sh --host-lanes printed %q, want 8, 4 or 0", lanes)
	}
	// Sorted: cuba, coba, delta, brunel with snn on 1 and 2 workers and
	// each narrower kernel on 1, then brunel on plainbrunel, then the busy
	// pair (automatic workers, one).
	nk := len(kernels) - 1
	if len(rs) != 4*(2+nk)+3 {
		t.Fatalf("%d results, want 4 networks × (2 worker counts + %d narrower kernels) + plainbrunel + 2 busy rows", len(rs), nk)
	}
	var snnRows, narrow []map[string]any
	for _, r := range rs[:4*(2+nk)+1] {
		switch sim := r["simulator"].(string); {
		case sim == "snn":
			snnRows = append(snnRows, r)
		case strings.HasPrefix(sim, "snn/"):
			narrow = append(narrow, r)
		}
	}
	plain, busy := rs[4*(2+nk)], rs[4*(2+nk)+1:]
	if len(snnRows) != 8 || len(narrow) != 4*nk {
		t.Fatalf("%d snn rows and %d of narrower kernels, want 8 and %d", len(snnRows), len(narrow), 4*nk)
	}
	for k, r := range narrow {
		main, want := snnRows[k/nk*2], kernels[1+k%nk]
		if r["kernel"] != want || r["simulator"] != "snn/"+want || r["workers"].(float64) != 1 || r["network"] != main["network"] {
			t.Errorf("narrower kernel row %d: %v, kernel %v on %v workers; want %v, %s on 1", k, r["network"], r["kernel"], r["workers"], main["network"], want)
		}
		for _, f := range []string{"seeds", "spikes_per_seed", "rate_e_hz", "cv_isi_e", "sync_e"} {
			if fmt.Sprint(r[f]) != fmt.Sprint(main[f]) {
				t.Errorf("%v with %v: %s %v, with %v %v (the kernels give the same bits)", r["network"], want, f, r[f], kernels[0], main[f])
			}
		}
	}
	for _, r := range append(append([]map[string]any{}, snnRows...), busy...) {
		for _, f := range []string{"network", "n_neurons", "n_synapses", "sim_seconds", "simulator", "target", "workers",
			"build_s", "run_s", "total_s", "peak_rss_mb", "bytes_per_synapse", "rate_e_hz", "rate_i_hz", "cv_isi_e",
			"fano_e", "sync_e", "seeds", "silent_seeds", "last_spike_ms"} {
			if _, ok := r[f]; !ok {
				t.Errorf("result %v lacks %q", r["network"], f)
			}
		}
		if r["simulator"] != "snn" || r["run_s"].(float64) <= 0 || r["n_synapses"].(float64) <= 0 {
			t.Errorf("%v: simulator %v, run_s %v, synapses %v", r["network"], r["simulator"], r["run_s"], r["n_synapses"])
		}
		if r["kernel"] != kernels[0] {
			t.Errorf("%v: kernel %v, want %s (this CPU's)", r["network"], r["kernel"], kernels[0])
		}
		if b := r["bytes_per_synapse"].(float64); b > 8.5 {
			t.Errorf("%v: %g bytes per synapse, want ≤ 8 (+ row pointers)", r["network"], b)
		}
		if x, ok := r["sync_e"].(float64); !ok || x <= 0 || x > 1 {
			t.Errorf("%v: χ %v, want in (0, 1] (an asynchronous network)", r["network"], r["sync_e"])
		}
	}
	// The seeds: one repeat takes seed 1, except for COBA (N = 4000 here),
	// which takes the first seed still firing at 1 s (seed 3 today), having
	// counted the silent ones before it (with 1 worker; 2 workers run only
	// the active seed).
	for _, r := range rs {
		seeds, silent := r["seeds"].([]any), r["silent_seeds"].(float64)
		if len(seeds) != 1 {
			t.Fatalf("%v: seeds %v, want one", r["network"], seeds)
		}
		seed, wantSilent := seeds[0].(float64), 0.0
		if r["network"] == "coba" {
			if r["workers"].(float64) == 1 {
				wantSilent = seed - 1
			}
			if last := r["last_spike_ms"].(float64); last < 990 {
				t.Errorf("coba seed %v: last spike at %v ms, want a seed still firing at 1 s", seed, last)
			}
		} else if seed != 1 {
			t.Errorf("%v: seed %v, want 1", r["network"], seed)
		}
		if silent != wantSilent {
			t.Errorf("%v, %v workers: %v silent seeds, want %v", r["network"], r["workers"], silent, wantSilent)
		}
	}
	// Identical spikes whatever the number of workers: same rates and CV.
	for i := 0; i < len(snnRows); i += 2 {
		a, b := snnRows[i], snnRows[i+1]
		if a["network"] != b["network"] || a["workers"].(float64) != 1 || b["workers"].(float64) != 2 {
			t.Fatalf("rows %d, %d: %v on %v and %v workers, want one network on 1 and 2", i, i+1, a["network"], a["workers"], b["workers"])
		}
		if a["rate_e_hz"] != b["rate_e_hz"] || a["cv_isi_e"] != b["cv_isi_e"] || a["sync_e"] != b["sync_e"] {
			t.Errorf("%v: 1 and 2 workers differ: %v vs %v", a["network"], a["rate_e_hz"], b["rate_e_hz"])
		}
	}
	// Brunel: 1250 neurons, C_E = 100, 300 ms; plainbrunel simulates the same
	// network (its own draws): E rates within 5 % (seed-to-seed spread at
	// this size is about 1 %).
	br := snnRows[6]
	if br["network"] != "brunel" || br["n_neurons"].(float64) != 1250 || br["n_synapses"].(float64) != 1250*125 || br["sim_seconds"].(float64) != 0.3 {
		t.Errorf("brunel row: %v, %v neurons, %v synapses, %v s; want brunel, 1250, 156250, 0.3", br["network"], br["n_neurons"], br["n_synapses"], br["sim_seconds"])
	}
	if _, ok := br["fano_e"].(float64); !ok {
		t.Errorf("brunel: Fano factor %v, want a number (two 100 ms windows in [60, 300) ms)", br["fano_e"])
	}
	if plain["simulator"] != "plain-go" || plain["network"] != "brunel" || plain["run_s"].(float64) <= 0 || plain["n_synapses"] != br["n_synapses"] {
		t.Errorf("plainbrunel row: %v", plain)
	} else if a, b := plain["rate_e_hz"].(float64), br["rate_e_hz"].(float64); math.Abs(a/b-1) > 0.05 {
		t.Errorf("brunel E rate: plainbrunel %.2f Hz, snn %.2f Hz, want within 5 %%", a, b)
	}
	// The busy pair: one competitor per core, automatic workers then one
	// worker, the same spikes.
	for k, r := range busy {
		if r["load"].(float64) != float64(runtime.NumCPU()) || r["net_workers"].(float64) != float64(k) || r["n_neurons"].(float64) != 20000 {
			t.Errorf("busy row %d: load %v, net_workers %v, %v neurons; want %d, %d, 20000", k, r["load"], r["net_workers"], r["n_neurons"], runtime.NumCPU(), k)
		}
	}
	if a, b := busy[0]["spikes_per_seed"], busy[1]["spikes_per_seed"]; fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("busy: spikes %v with automatic workers, %v with one", a, b)
	}
	table, err := os.ReadFile(filepath.Join(out, "table.md"))
	if err != nil {
		t.Fatal(err)
	}
	if nk > 0 && (strings.Count(string(table), " | yes |\n") != 4*nk || strings.Contains(string(table), "| NO |")) {
		t.Errorf("table.md: the kernels table says %d times that a narrower kernel gave the same spikes, want %d, and never NO", strings.Count(string(table), " | yes |\n"), 4*nk)
	}
	for _, want := range []string{"| brunel C_E=100, 300 ms | 1250 |", "| plain-go |", "Busy machine:", "| cuba K=80 | 20000 | automatic |", "Automatic / one worker, total: ",
		"snn kernels: " + kernels[0]} {
		if !strings.Contains(string(table), want) {
			t.Errorf("table.md lacks %q", want)
		}
	}
}
