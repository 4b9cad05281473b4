package snn_test

import (
	"fmt"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/networks"
)

// benchRun builds and runs one Brette et al. (2007) benchmark network for dur ms
// per iteration and reports spikes, synapses and bytes per synapse.
func benchRun(b *testing.B, cfg networks.Benchmark, dur float64) {
	b.ReportAllocs()
	var spikes, syn int
	var bps float64
	for b.Loop() {
		net, e, i, err := cfg.Build()
		if err != nil {
			b.Fatal(err)
		}
		se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
		if err := net.Run(dur); err != nil {
			b.Fatal(err)
		}
		spikes = se.Len() + si.Len()
		syn, bps = 0, 0
		for _, pr := range net.Projections() {
			syn += pr.Len()
			bps += pr.BytesPerSynapse() * float64(pr.Len())
		}
		bps /= float64(syn)
	}
	b.ReportMetric(float64(spikes), "spikes")
	b.ReportMetric(float64(syn), "synapses")
	b.ReportMetric(bps, "B/synapse")
}

// BenchmarkBrette: build + 1 s of biology of the N = 4000 networks (target
// on one core: < 0.1 s). Run with -cpu 1,2 to see the workers' effect. The
// COBA network is bistable; seed 3 is one whose activity lasts the second
// (the spikes metric shows it: about 75,000).
func BenchmarkBrette(b *testing.B) {
	for _, kind := range []snn.ReceptorKind{snn.CurrentKind, snn.ConductanceKind, snn.DeltaKind} {
		seed := uint64(1)
		if kind == snn.ConductanceKind {
			seed = 3
		}
		b.Run(fmt.Sprintf("%v/N=4000", kind), func(b *testing.B) {
			benchRun(b, networks.Benchmark{Kind: kind, N: 4000, P: 0.02, Dt: 0.1, Seed: seed}, 1000)
		})
	}
}

// BenchmarkWorkers: the 64,000-neuron fixed in-degree network (K = 80),
// build + 300 ms. Run with -cpu 1,2 to see what a second core gives the
// whole job, build included (it parallelizes less well than a run), with
// identical spikes. For the run alone, and for what the machine allows,
// see BenchmarkCoreSharing.
func BenchmarkWorkers(b *testing.B) {
	for _, kind := range []snn.ReceptorKind{snn.CurrentKind, snn.ConductanceKind} {
		b.Run(fmt.Sprintf("%v/N=64000/K=80", kind), func(b *testing.B) {
			benchRun(b, networks.Benchmark{Kind: kind, N: 64000, K: 80, Dt: 0.1, Seed: 1}, 300)
		})
	}
}

// BenchmarkFixedInDegreeLarge: N = 100 000 neurons with K = 1000
// (10^8 synapses): build, then 100 ms of biology.
func BenchmarkFixedInDegreeLarge(b *testing.B) {
	if testing.Short() {
		b.Skip("10^8 synapses: skipped with -short")
	}
	benchRun(b, networks.Benchmark{Kind: snn.CurrentKind, N: 100_000, K: 800, Dt: 0.1, Seed: 1}, 100)
}

// BenchmarkBusy: the 20,000-neuron fixed in-degree CUBA network (K = 80),
// build + 300 ms, with automatic workers, with one and with two, while one
// CPU-bound process per core competes for the machine (target: automatic
// workers at most 1.2× slower than one worker). The competitors are
// `sh -c 'while :; do :; done'`, killed when the benchmark ends. Each
// iteration runs the three in turn, starting with a different one each
// time: the competitors slow whatever runs first after they start, which
// had made automatic workers, run first as a sub-benchmark, look 1.1–2×
// slower than one worker when both ran on one. It reports each one's mean
// ms and auto/one, the ratio of the sums.
func BenchmarkBusy(b *testing.B) {
	stop := compete(b, runtime.NumCPU())
	defer stop()
	workers := []int{0, 1, 2}
	var ms [3]float64
	for k := 0; b.Loop(); k++ {
		for j := range workers {
			c := (j + k) % len(workers)
			start := time.Now()
			net, e, _, err := networks.Benchmark{Kind: snn.CurrentKind, N: 20000, K: 80, Dt: 0.1, Seed: 1}.Build()
			if err != nil {
				b.Fatal(err)
			}
			net.SetWorkers(workers[c])
			sp := net.MonitorSpikes(e)
			if err := net.Run(300); err != nil {
				b.Fatal(err)
			}
			ms[c] += float64(time.Since(start).Microseconds()) / 1000
			if sp.Len() == 0 {
				b.Fatal("no spikes")
			}
		}
	}
	for c, w := range workers {
		b.ReportMetric(ms[c]/float64(b.N), fmt.Sprintf("ms-workers=%d", w))
	}
	b.ReportMetric(ms[0]/ms[1], "auto/one")
}

// compete starts n CPU-bound processes and returns a function that ends them.
func compete(b *testing.B, n int) func() {
	var cmds []*exec.Cmd
	for range n {
		c := exec.Command("sh", "-c", "while :; do :; done")
		if err := c.Start(); err != nil {
			b.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	return func() {
		for _, c := range cmds {
			c.Process.Kill()
			c.Wait()
		}
	}
}

// BenchmarkStream measures the memory bandwidth that bounds the CUBA
// kernel at 64,000 neurons (BenchmarkWorkers): each step copies five
// arrays of 64,000 float64 into five others and back the next step (80
// bytes read and written per neuron and step, a footprint of 5 MB like the
// kernel's), for 300 steps, on one goroutine and on two that each take
// half of the neurons. copy is the runtime's vectorized memmove, so this
// is as fast as the machine moves those bytes: the GB/s of workers=2 over
// that of workers=1 is the most two workers can gain on a kernel bound by
// memory.
func BenchmarkStream(b *testing.B) {
	const n, arrays, steps = 64000, 5, 300
	var x, y [arrays][]float64
	for k := range arrays {
		x[k], y[k] = make([]float64, n), make([]float64, n)
	}
	span := func(lo, hi int) {
		for s := range steps {
			src, dst := &x, &y
			if s%2 == 1 {
				src, dst = &y, &x
			}
			for k := range arrays {
				copy(dst[k][lo:hi], src[k][lo:hi])
			}
		}
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				done := make(chan bool)
				for k := range w {
					go func() { span(k*n/w, (k+1)*n/w); done <- true }()
				}
				for range w {
					<-done
				}
			}
			b.ReportMetric(float64(b.N)*steps*n*arrays*16/b.Elapsed().Seconds()/1e9, "GB/s")
		})
	}
}

// BenchmarkCoreSharing measures what a second core can give the
// 64,000-neuron CUBA network (K = 80; 100 ms after a 100 ms warm-up, the
// builds untimed): alone, the network on one goroutine; halves, two
// independent networks of 32,000 neurons at once, one goroutine each (the
// same neurons, synapses and spikes, but no barriers and no spike crosses
// from one to the other); team, the network on two workers. halves is what
// two workers would take if splitting cost nothing: alone/halves is the
// most they can gain on this machine, where the cores slow each other down
// through the cache and memory they share; alone/team is what they gain.
// Needs GOMAXPROCS ≥ 2.
func BenchmarkCoreSharing(b *testing.B) {
	if runtime.GOMAXPROCS(0) < 2 {
		b.Skip("needs GOMAXPROCS ≥ 2")
	}
	build := func(n, workers int) *snn.Network {
		net, _, _, err := networks.Benchmark{Kind: snn.CurrentKind, N: n, K: 80, Dt: 0.1, Seed: 1}.Build()
		if err != nil {
			b.Fatal(err)
		}
		net.SetWorkers(workers)
		if err := net.Run(100); err != nil {
			b.Fatal(err)
		}
		return net
	}
	run := func(nets ...*snn.Network) {
		done := make(chan error, len(nets))
		for _, net := range nets {
			go func() { done <- net.Run(100) }()
		}
		for range nets {
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name             string
		nets, n, workers int
	}{{"alone", 1, 64000, 1}, {"halves", 2, 32000, 1}, {"team", 1, 64000, 2}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				nets := make([]*snn.Network, c.nets)
				for k := range nets {
					nets[k] = build(c.n, c.workers)
				}
				b.StartTimer()
				run(nets...)
			}
		})
	}
}

// BenchmarkShortRuns: ten Runs of 1 ms of the 64,000-neuron CUBA network
// (K = 80) on two workers, as a notebook that steps a network in small
// pieces does (the build and a first Run untimed). A Run with the same
// workers as the last one reuses its split of the rows.
func BenchmarkShortRuns(b *testing.B) {
	if runtime.GOMAXPROCS(0) < 2 {
		b.Skip("needs GOMAXPROCS ≥ 2")
	}
	net, _, _, err := networks.Benchmark{Kind: snn.CurrentKind, N: 64000, K: 80, Dt: 0.1, Seed: 1}.Build()
	if err != nil {
		b.Fatal(err)
	}
	net.SetWorkers(2)
	if err := net.Run(1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for range 10 {
			if err := net.Run(1); err != nil {
				b.Fatal(err)
			}
		}
	}
}
