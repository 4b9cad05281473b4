package snn

import (
	"bytes"
	"errors"
	"go/format"
	"math"
	"os"
	"os/exec"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// kernelNet is a small busy network for comparing kernels: 1003 neurons
// (not a multiple of 4, so the SIMD kernels' scalar tail runs), random
// initial state, the given thresholds, noisy drive (I_ext), recurrent E and I input with random
// weights and delays, and a few neurons with conductances large enough
// (dt·g/C ≥ 0.8) to take expNeg's math.Exp branch.
func kernelNet(recs []Receptor, m kernelMode, drive float64, thresholds Value) (*Network, *Population, *SpikeMonitor) {
	return kernelNetOf(kernelLIF, recs, m, drive, thresholds)
}

// kernelLIF is kernelNet's neuron model.
var kernelLIF = LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}

// kernelNetOf is kernelNet with neurons of the given model.
func kernelNetOf(model Model, recs []Receptor, m kernelMode, drive float64, thresholds Value) (*Network, *Population, *SpikeMonitor) {
	net := New(0.1, 11)
	m.set(net)
	p := net.AddPopulation("P", 1003, model, recs...)
	p.SetV(Random(distuv.Uniform{Min: -60, Max: -50}))
	p.SetThreshold(thresholds)
	w := map[ReceptorKind][2]float64{DeltaKind: {0.5, -2}, CurrentKind: {20, -80}, ConductanceKind: {1, 4}}
	for k, r := range recs {
		if r.Kind != DeltaKind {
			init := []float64{0, 3000}[k%2] // the second receptor starts some neurons huge
			p.SetSyn(r.Name, Random(distuv.Uniform{Min: 0, Max: init + 1}))
		}
		wk := w[r.Kind][k%2]
		net.Connect(p, p, FixedInDegree{K: 30}, Synapse{Receptor: r.Name, Weight: Random(distuv.Normal{Mu: wk, Sigma: math.Abs(wk) / 3}), Delay: Random(distuv.Uniform{Min: 0.1, Max: 2})})
	}
	net.Inject(p, NoisyCurrent{Mean: Const(drive), Sigma: 150})
	return net, p, net.MonitorSpikes(p)
}

// kernelMode selects the kernels: the fastest (SIMD at the CPU's width
// where the build has it, fused for two receptors of a kind), SIMD at most
// four lanes wide, scalar, or the general scalar ones.
type kernelMode struct{ lanes4, scalar, general bool }

// kernelModes are the modes that run different kernels on this CPU (read
// only): a mode that would run the same kernels as one before it (four
// lanes on an AVX2 CPU, every fused mode on the portable path) is left out.
var kernelModes = func() []kernelMode {
	var ms []kernelMode
	for _, m := range []kernelMode{{}, {lanes4: true}, {scalar: true}, {scalar: true, general: true}} {
		if len(ms) == 0 || m.general || m.lanes() != ms[len(ms)-1].lanes() {
			ms = append(ms, m)
		}
	}
	return ms
}()

// lanes is the SIMD width the mode runs (Population.build's choice).
func (m kernelMode) lanes() int {
	switch {
	case m.scalar:
		return 0
	case m.lanes4:
		return min(4, vectorLanes)
	}
	return vectorLanes
}

func (m kernelMode) set(net *Network) {
	net.lanes4, net.scalar, net.general = m.lanes4, m.scalar, m.general
}

// kernelSets are the receptor sets the kernel tests run: each fused pair
// and a mix for each general kernel (read only).
var kernelSets = map[string][]Receptor{
	"current pair":     {CurrentExp("e", 5), CurrentExp("i", 10)},
	"delta pair":       {Delta("e"), Delta("i")},
	"conductance pair": {ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80)},
	"mixed exact":      {Delta("d"), CurrentExp("e", 3), CurrentExp("i", 8)},
	"mixed cond":       {ConductanceExp("e", 5, 0), CurrentExp("c", 4), Delta("d")},
}

// TestKernelsAgreeBitForBit runs each receptor set with the fastest
// kernel and with each of the others (kernelModes), and requires identical
// spikes and identical state, bit for bit (tolerance 0).
func TestKernelsAgreeBitForBit(t *testing.T) {
	for name, recs := range kernelSets {
		for k, th := range []Value{Const(-50), Random(distuv.Uniform{Min: -52, Max: -48})} {
			name := name + []string{", one threshold", ", thresholds per neuron"}[k]
			type result struct {
				p  *Population
				sp *SpikeMonitor
			}
			var rs []result
			ms := shortMs(300)
			for _, mode := range kernelModes {
				net, p, sp := kernelNet(recs, mode, 400, th)
				if err := net.Run(ms); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				rs = append(rs, result{p, sp})
			}
			if n := rs[0].sp.Len(); n < int(2000*ms/300) {
				t.Fatalf("%s: only %d spikes; the test network should be busy", name, n)
			}
			for _, r := range rs[1:] {
				if r.sp.Len() != rs[0].sp.Len() {
					t.Fatalf("%s: %d vs %d spikes", name, r.sp.Len(), rs[0].sp.Len())
				}
				for k := range r.sp.index {
					if r.sp.index[k] != rs[0].sp.index[k] || r.sp.times[k] != rs[0].sp.times[k] {
						t.Fatalf("%s: spike %d differs", name, k)
					}
				}
				for i := range r.p.v {
					if r.p.v[i] != rs[0].p.v[i] || r.p.refr[i] != rs[0].p.refr[i] {
						t.Fatalf("%s: neuron %d: V %v vs %v", name, i, r.p.v[i], rs[0].p.v[i])
					}
					for k := range r.p.syn {
						if r.p.syn[k] != nil && r.p.syn[k][i] != rs[0].p.syn[k][i] {
							t.Fatalf("%s: neuron %d receptor %d: %v vs %v", name, i, k, r.p.syn[k][i], rs[0].p.syn[k][i])
						}
					}
				}
			}
		}
	}
}

// TestKernelsReportNonFinite: two huge arrivals make neuron 5 of 9 (in
// the SIMD part) non-finite; every kernel stops at the second one and
// names that neuron.
func TestKernelsReportNonFinite(t *testing.T) {
	for _, tc := range []struct {
		recs []Receptor
		w    float64
	}{
		{[]Receptor{CurrentExp("e", 5), CurrentExp("i", 10)}, -math.MaxFloat64},
		{[]Receptor{Delta("e"), Delta("i")}, -math.MaxFloat64},
		{[]Receptor{ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80)}, math.MaxFloat64},
	} {
		var first *NumericalError
		for _, mode := range kernelModes {
			net := New(0.1, 1)
			mode.set(net)
			p := net.AddPopulation("P", 9, DefaultLIF(), tc.recs...)
			g := net.AddSpikeGenerator("g", 9, []int32{5, 5}, []float64{1, 1.1})
			net.Connect(g, p, OneToOne{}, Synapse{Receptor: tc.recs[1].Name, Weight: Const(tc.w)})
			var ne *NumericalError
			if err := net.Run(10); !errors.As(err, &ne) || ne.Neuron != 5 {
				t.Fatalf("%v %v: got %v, want a NumericalError for neuron 5", tc.recs[0].Kind, mode, err)
			}
			if first == nil {
				first = ne
			} else if ne.Time != first.Time {
				t.Errorf("%v %v: reported at %g ms, want %g as the fastest kernel", tc.recs[0].Kind, mode, ne.Time, first.Time)
			}
		}
	}
}

// TestGeneratedKernelsCurrent: kernel_simd4.go is what go generate makes
// of kernel_simd8.go today.
func TestGeneratedKernelsCurrent(t *testing.T) {
	src, err := exec.Command("sed", "-f", "simd4.sed", "kernel_simd8.go").Output()
	if err != nil {
		t.Skipf("sed: %v", err)
	}
	want, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("kernel_simd4.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("kernel_simd4.go is stale: run GOEXPERIMENT=simd go generate ./snn")
	}
}

// TestKernelsAgreeOnIextBetweenRuns: Iext written between runs on a population without inputs
// drives it the same in every kernel, with 1 and 2 workers, bit for bit.
func TestKernelsAgreeOnIextBetweenRuns(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for name, recs := range kernelSets {
		var ref *Population
		var refSpikes int
		for _, mode := range kernelModes {
			for _, workers := range []int{1, 2} {
				net := New(0.1, 4)
				mode.set(net)
				net.SetWorkers(workers)
				p := net.AddPopulation("P", 3003, LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}, recs...)
				p.SetV(Random(distuv.Uniform{Min: -65, Max: -50}))
				sp := net.MonitorSpikes(p)
				if err := net.Run(10); err != nil {
					t.Fatal(err)
				}
				for i := range p.iext {
					p.iext[i] = 300 + float64(i%7)*20
				}
				if err := net.Run(shortMs(100)); err != nil {
					t.Fatal(err)
				}
				if ref == nil {
					ref, refSpikes = p, sp.Len()
					if refSpikes < 3003 {
						t.Fatalf("%s: %d spikes in 100 ms with Iext ≥ 300 pA; want every neuron to fire", name, refSpikes)
					}
					continue
				}
				if sp.Len() != refSpikes {
					t.Errorf("%s, kernels %+v, %d workers: %d spikes, want %d", name, mode, workers, sp.Len(), refSpikes)
					continue
				}
				for i := range p.v {
					if math.Float64bits(p.v[i]) != math.Float64bits(ref.v[i]) {
						t.Errorf("%s, kernels %+v, %d workers: neuron %d: V %v, want %v", name, mode, workers, i, p.v[i], ref.v[i])
						break
					}
				}
			}
		}
	}
}
