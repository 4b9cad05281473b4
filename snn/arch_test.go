package snn

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"testing"
)

// shortMs is ms, or a third of it (rounded down to whole ms) under -short: make test-cpus runs the
// emulated CPUs so, where TCG runs the kernels 10 to 40 times slower than
// the host; the kernel, determinism and store tests run that long.
func shortMs(ms float64) float64 {
	if testing.Short() {
		return math.Floor(ms / 3) // whole milliseconds: whole steps of dt
	}
	return ms
}

// archNets are small networks, one for each kernel the engine has: the
// fused pairs (current, delta, conductance), the general exact and
// conductance kernels (mixed receptor sets), the adaptive neuron, and the
// noisy current's Brownian bridge; and the current pair again with
// τ = 13 ms, whose propagator e^(−0.1/13) math.Exp rounds differently on
// arm64. Each returns its population and spike monitor after 200 ms.
var archNets = []struct {
	name string
	run  func(t *testing.T) (*Population, *SpikeMonitor)
}{
	{"current pair", archKernelNet(kernelLIF, kernelSets["current pair"], 400)},
	{"delta pair", archKernelNet(kernelLIF, kernelSets["delta pair"], 400)},
	{"conductance pair", archKernelNet(kernelLIF, kernelSets["conductance pair"], 400)},
	{"mixed exact", archKernelNet(kernelLIF, kernelSets["mixed exact"], 400)},
	{"mixed cond", archKernelNet(kernelLIF, kernelSets["mixed cond"], 400)},
	{"current pair, τ 13 ms", archKernelNet(kernelLIF, []Receptor{CurrentExp("e", 5), CurrentExp("i", 13)}, 400)},
	{"adaptive", archKernelNet(AdaptiveLIF{LIF: kernelLIF, A: 4, B: 80, TauW: 100}, kernelSets["mixed cond"], 600)},
	{"noisy bridge", func(t *testing.T) (*Population, *SpikeMonitor) {
		net := New(0.1, 3)
		p := net.AddPopulation("p", 1003, DefaultLIF())
		net.Inject(p, NoisyCurrent{Mean: Const(380), Sigma: 80, Bridge: true})
		sp := net.MonitorSpikes(p)
		if err := net.Run(200); err != nil {
			t.Fatalf("noisy bridge: %v", err)
		}
		return p, sp
	}},
}

// archKernelNet runs kernelNet's network of the given model and receptors
// (the fastest kernels) for 200 ms.
func archKernelNet(m Model, recs []Receptor, drive float64) func(t *testing.T) (*Population, *SpikeMonitor) {
	return func(t *testing.T) (*Population, *SpikeMonitor) {
		net, p, sp := kernelNetOf(m, recs, kernelMode{}, drive, Const(-50))
		if err := net.Run(200); err != nil {
			t.Fatalf("%v: %v", recs, err)
		}
		return p, sp
	}
}

// archHash is SHA-256 (its first 8 bytes, in hex) of the spikes (neuron
// and time of each, in order) and of the population's final state (every
// state variable of stateVars and the refractory counters), bit for bit.
func archHash(p *Population, sp *SpikeMonitor) string {
	h := sha256.New()
	b := make([]byte, 8)
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b, x)
		h.Write(b)
	}
	I, T := sp.I(), sp.T()
	for k := range I {
		put(uint64(I[k]))
		put(math.Float64bits(T[k]))
	}
	for _, v := range p.stateVars() {
		for _, x := range v.x {
			put(math.Float64bits(x))
		}
	}
	for _, r := range p.refr {
		put(uint64(r))
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:8])
}

// mathImpl names the implementation of package math this process runs, by
// its bits of e^−1.004 and cos 0.46, where they differ: amd64's assembly
// math.Exp with FMA (x86-64-v3 CPUs) or without (older CPUs, qemu64);
// math.Cos in Go, compiled with FMA (GOAMD64=v3, arm64) or without; and
// arm64's assembly math.Exp. They differ in the last bit or two: math.Exp
// between amd64 with and without FMA for 9 % of arguments in [−10, 0],
// between amd64 and arm64 for 16 % (measured over 10^6 of them). The
// engine calls math.Exp for its propagators and, in some kernels, every
// step; the adaptive neuron calls math.Cos and math.Sin where its matrix
// has complex eigenvalues.
func mathImpl() string {
	e, c := math.Float64bits(math.Exp(-1.004)), math.Float64bits(math.Cos(0.46))
	switch {
	case e == 0x3fd773468bdba30d && c == 0x3fecac76498be14c:
		return "amd64 FMA"
	case e == 0x3fd773468bdba30c && c == 0x3fecac76498be14c:
		return "amd64"
	case e == 0x3fd773468bdba30d && c == 0x3fecac76498be14b:
		return "amd64 v3"
	case e == 0x3fd773468bdba30e && c == 0x3fecac76498be14b:
		return "arm64"
	}
	return "unknown"
}

// archGolden is, for each of archNets and each implementation of package
// math (mathImpl), the spike count and archHash after 200 ms, recorded
// there with Go 1.26.8 (the kernels give the same bits on one CPU, so one
// entry serves every kernel width).
var archGolden = map[string]map[string]string{
	"current pair":          {"amd64 FMA": "5402 ef16ffe176e04bc8", "amd64": "5402 ef16ffe176e04bc8", "amd64 v3": "5402 ef16ffe176e04bc8", "arm64": "5402 ef16ffe176e04bc8"},
	"delta pair":            {"amd64 FMA": "8267 89f2b1ca988b043e", "amd64": "8267 89f2b1ca988b043e", "amd64 v3": "8267 89f2b1ca988b043e", "arm64": "8267 89f2b1ca988b043e"},
	"conductance pair":      {"amd64 FMA": "5132 007f492d824858a2", "amd64": "5132 007f492d824858a2", "amd64 v3": "5132 007f492d824858a2", "arm64": "5132 007f492d824858a2"},
	"mixed exact":           {"amd64 FMA": "28360 6bf1f70291cd5765", "amd64": "28360 6bf1f70291cd5765", "amd64 v3": "28360 6bf1f70291cd5765", "arm64": "28360 6bf1f70291cd5765"},
	"mixed cond":            {"amd64 FMA": "39444 f509c12693f10ef4", "amd64": "39444 f509c12693f10ef4", "amd64 v3": "39444 f509c12693f10ef4", "arm64": "39444 f509c12693f10ef4"},
	"current pair, τ 13 ms": {"amd64 FMA": "4634 3558f6599ef62936", "amd64": "4634 3558f6599ef62936", "amd64 v3": "4634 3558f6599ef62936", "arm64": "4634 b196592d998156d3"},
	"adaptive":              {"amd64 FMA": "20449 1bfdda0e3204f1e2", "amd64": "20449 bf6c3ccea2fc6a48", "amd64 v3": "20449 626de362fd7c60e8", "arm64": "20449 9b8d9c6bfe4d0635"},
	"noisy bridge":          {"amd64 FMA": "8218 da21624e486b249d", "amd64": "8218 da21624e486b249d", "amd64 v3": "8218 da21624e486b249d", "arm64": "8218 da21624e486b249d"},
}

// TestBitsAcrossArchitectures: each of archNets gives, after 200 ms,
// the spike count and the hash of spikes and final state recorded for this
// implementation of package math (tolerance 0: the same bits). make
// test's CPU matrix runs it with the AVX-512, AVX2 and portable kernels,
// with GOAMD64=v3, on a CPU without AVX or FMA (qemu64) and on arm64
// (qemu-aarch64). Where the entries of a network agree, all of these give
// the same bits; where they differ, it is package math's last bits (the
// adaptive neuron with conductance receptors calls math.Exp every step;
// e^(−0.1/13) differs on arm64).
func TestBitsAcrossArchitectures(t *testing.T) {
	impl := mathImpl()
	if impl == "unknown" {
		t.Skipf("package math on %s is none of the implementations recorded (e^-1.004 = %x, cos 0.46 = %x)",
			runtime.GOARCH, math.Float64bits(math.Exp(-1.004)), math.Float64bits(math.Cos(0.46)))
	}
	for _, n := range archNets {
		p, sp := n.run(t)
		got, want := fmt.Sprintf("%d %s", sp.Len(), archHash(p, sp)), archGolden[n.name][impl]
		if sp.Len() < 1000 {
			t.Errorf("%s: %d spikes in 200 ms, want ≥ 1000 (a busy network)", n.name, sp.Len())
		}
		if got != want {
			t.Errorf("%s, package math of %s (%s, %d lanes): spikes and hash %q, want %q", n.name, impl, runtime.GOARCH, vectorLanes, got, want)
		}
	}
}
