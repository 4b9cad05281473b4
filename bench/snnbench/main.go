// Command snnbench builds and runs one benchmark network with snn and
// prints one JSON object: sizes, build and run times, peak memory, rates,
// CV, Fano factor (100 ms windows) and synchrony χ (sync_e) after a
// transient of min(200 ms, T/5), as
// bench/bench.py expects.
//
//	snnbench -network cuba -n 4000 -seed 1 -workers 1
//
// Networks: cuba, coba, delta (Brette et al. 2007, p = 0.02, or fixed
// in-degree with -k), and brunel (Brunel 2000 as NEST's brunel_delta_nest:
// 12,500 neurons, C_E = 1000, Poisson drive; -g and -eta; -n and -k, when
// given, set the size: NE = 4n/5, NI = n/5, C_E = k), all 1 s of biology
// at dt = 0.1 ms unless -t says.
//
// -workers sets GOMAXPROCS (0: leave it, one per core); -networkers sets
// Network.Workers (0: automatic). The object's "kernel" names the kernels
// that ran: AVX-512, AVX2 or portable; -kernel prints only that name.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/networks"
)

func main() {
	network := flag.String("network", "cuba", "cuba, coba or delta")
	n := flag.Int("n", 4000, "neurons (80 % excitatory)")
	k := flag.Int("k", 0, "excitatory in-degree (0: connection probability -p)")
	p := flag.Float64("p", 0.02, "connection probability when -k is 0")
	T := flag.Float64("t", 1000, "biological time (ms)")
	seed := flag.Uint64("seed", 1, "seed")
	workers := flag.Int("workers", 1, "GOMAXPROCS (0: unchanged, one per core)")
	netWorkers := flag.Int("networkers", 0, "Network.Workers (0: automatic)")
	flag.Float64Var(&brunelG, "g", 5, "brunel: relative inhibition g")
	flag.Float64Var(&brunelEta, "eta", 2, "brunel: external rate in units of ν_thr")
	which := flag.Bool("kernel", false, "print the kernels snn runs here (AVX-512, AVX2 or portable) and exit")
	flag.Parse()
	if *which {
		fmt.Println(kernel())
		return
	}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := run(*network, *n, *k, *p, *T, *seed, *workers, *netWorkers); err != nil {
		fmt.Fprintln(os.Stderr, "snnbench:", err)
		os.Exit(1)
	}
}

var (
	brunelG, brunelEta float64
	set                = map[string]bool{} // the flags given
)

func run(network string, n, k int, p, T float64, seed uint64, workers, netWorkers int) error {
	if workers > 0 {
		runtime.GOMAXPROCS(workers)
	}
	if netWorkers < 0 {
		return fmt.Errorf("-networkers %d: want ≥ 0 (0: automatic)", netWorkers)
	}
	kinds := map[string]snn.ReceptorKind{"cuba": snn.CurrentKind, "coba": snn.ConductanceKind, "delta": snn.DeltaKind}
	kind, ok := kinds[network]
	if !ok && network != "brunel" {
		return fmt.Errorf("-network %q: want cuba, coba, delta or brunel", network)
	}
	start := time.Now()
	var net *snn.Network
	var e, i *snn.Population
	var err error
	if network == "brunel" {
		b := networks.NewBrunel(brunelG, brunelEta, seed)
		if set["n"] {
			b.NE, b.NI = n-n/5, n/5
		}
		if set["k"] {
			b.CE = k
		}
		n, k = b.NE+b.NI, b.CE
		net, e, i, err = b.Build()
	} else {
		net, e, i, err = networks.Benchmark{Kind: kind, N: n, P: p, K: k, Dt: 0.1, Seed: seed}.Build()
	}
	if err != nil {
		return err
	}
	net.SetWorkers(netWorkers)
	spE, spI := net.MonitorSpikes(e), net.MonitorSpikes(i)
	if err := net.Build(); err != nil {
		return err
	}
	built := time.Now()
	if err := net.Run(T); err != nil {
		return err
	}
	ran := time.Now()
	syn, bytes := 0, 0.0
	for _, pr := range net.Projections() {
		syn += pr.Len()
		bytes += pr.BytesPerSynapse() * float64(pr.Len())
	}
	warm := min(200, T/5)
	trE := spE.Trains()
	rE, _ := analysis.MeanRate(trE, warm, T)
	rI, _ := analysis.MeanRate(spI.Trains(), warm, T)
	// CV, Fano factor and χ are null where undefined (too few spikes, or
	// fewer than two 100 ms windows after the transient), as Brian2's.
	var cv, fano any
	if x, _, err := analysis.MeanCV(trE); err == nil {
		cv = x
	}
	if x, err := analysis.Fano(trE, warm, T, 100); err == nil {
		fano = x
	}
	// χ of the first 500 E trains, bins 0.5 ms, τ 2 ms (bench/synchrony.py
	// computes the same for Brian2); none when they are silent.
	var sync any
	if x, err := analysis.SpikeSynchrony(trE[:min(500, len(trE))], warm, T, 0.5, 2); err == nil {
		sync = x
	}
	last := 0.0 // the last spike: a COBA network that fell silent stopped early
	for _, m := range []*snn.SpikeMonitor{spE, spI} {
		if T := m.T(); len(T) > 0 {
			last = max(last, T[len(T)-1])
		}
	}
	stats := time.Since(ran) // the statistics above: the benchmark's, not the simulation's
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return json.NewEncoder(os.Stdout).Encode(map[string]any{
		"network": network, "n_neurons": n, "k": k, "n_synapses": syn, "sim_seconds": T / 1000,
		"simulator": "snn", "target": target(), "kernel": kernel(), "workers": runtime.GOMAXPROCS(0), "net_workers": netWorkers, "seed": seed,
		"build_s": built.Sub(start).Seconds(), "run_s": ran.Sub(built).Seconds(), "stats_s": stats.Seconds(),
		"peak_rss_mb": float64(ru.Maxrss) / 1024, "bytes_per_synapse": bytes / float64(max(1, syn)),
		"rate_e_hz": rE, "rate_i_hz": rI, "cv_isi_e": cv, "fano_e": fano, "sync_e": sync, "spikes": spE.Len() + spI.Len(),
		"last_spike_ms": last,
	})
}

// target names the kernels this build runs: SIMD (GOEXPERIMENT=simd, AVX2)
// or the portable ones.
func target() string {
	if snn.SIMD() {
		return "go-simd"
	}
	return "go"
}
