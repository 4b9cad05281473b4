package snn

import (
	"fmt"
	"os/exec"
	"runtime"
	"testing"
)

// benchBrette builds and runs one Brette et al. (2007) network for dur ms
// per iteration and reports spikes, synapses and bytes per synapse.
func benchBrette(b *testing.B, cfg Brette, dur float64) {
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
	for _, kind := range []ReceptorKind{CurrentKind, ConductanceKind, DeltaKind} {
		seed := uint64(1)
		if kind == ConductanceKind {
			seed = 3
		}
		b.Run(fmt.Sprintf("%v/N=4000", kind), func(b *testing.B) {
			benchBrette(b, Brette{Kind: kind, N: 4000, P: 0.02, Dt: 0.1, Seed: seed}, 1000)
		})
	}
}

// BenchmarkWorkers: the 64,000-neuron fixed in-degree network (K = 80),
// build + 300 ms. Run with -cpu 1,2: 2 workers should take about half the
// time of one (target: at least 1.7× faster), with identical spikes.
func BenchmarkWorkers(b *testing.B) {
	for _, kind := range []ReceptorKind{CurrentKind, ConductanceKind} {
		b.Run(fmt.Sprintf("%v/N=64000/K=80", kind), func(b *testing.B) {
			benchBrette(b, Brette{Kind: kind, N: 64000, K: 80, Dt: 0.1, Seed: 1}, 300)
		})
	}
}

// BenchmarkFixedInDegreeLarge: N = 100 000 neurons with K = 1000
// (10^8 synapses): build, then 100 ms of biology.
func BenchmarkFixedInDegreeLarge(b *testing.B) {
	if testing.Short() {
		b.Skip("10^8 synapses: skipped with -short")
	}
	benchBrette(b, Brette{Kind: CurrentKind, N: 100_000, K: 800, Dt: 0.1, Seed: 1}, 100)
}

// BenchmarkConnect: building connectivity alone.
func BenchmarkConnect(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
		rule Connector
	}{
		{"FixedProbability/N=4000/p=0.02", 4000, FixedProbability{P: 0.02}},
		{"FixedInDegree/N=4000/K=80", 4000, FixedInDegree{K: 80}},
		{"FixedInDegree/N=100000/K=1000", 100_000, FixedInDegree{K: 1000}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if testing.Short() && tc.n > 10_000 {
				b.Skip("large: skipped with -short")
			}
			for b.Loop() {
				pr := wire(b, 1, tc.n, tc.n, true, tc.rule)
				b.ReportMetric(float64(pr.Len()), "synapses")
				b.ReportMetric(pr.BytesPerSynapse(), "B/synapse")
			}
		})
	}
}

// BenchmarkBusy: the 20,000-neuron fixed in-degree CUBA network (K = 80),
// build + 300 ms, with automatic workers and with one, while one
// CPU-bound process per core competes for the machine (target: automatic
// workers at most 1.2× slower than one worker). The competitors are
// `sh -c 'while :; do :; done'`, killed when the benchmark ends.
func BenchmarkBusy(b *testing.B) {
	stop := compete(b, runtime.NumCPU())
	defer stop()
	for _, w := range []int{0, 1} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				net, e, _, err := Brette{Kind: CurrentKind, N: 20000, K: 80, Dt: 0.1, Seed: 1}.Build()
				if err != nil {
					b.Fatal(err)
				}
				net.Workers = w
				sp := net.MonitorSpikes(e)
				if err := net.Run(300); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(sp.Len()), "spikes")
			}
		})
	}
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
