package snn

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// storeNet is a busy network with every kind of state Store must save:
// 2100 neurons (three blocks, so two workers split them), recurrent
// synapses with random delays up to 5 ms (spikes in flight), a Poisson
// group and a spike generator projecting in, and every stateful input:
// white noise, an OU current, a RandomCurrent redrawn every 7 ms and a
// PoissonInput.
func storeNet(recs []Receptor, m kernelMode, workers int) (*Network, *Population, []Monitor) {
	net := New(0.1, 5)
	m.set(net)
	net.SetWorkers(workers)
	p := net.AddPopulation("P", 2100, LIF{TauM: 20, CM: 200, EL: -65, VTh: -50, VReset: -60, TRef: 2}, recs...)
	p.SetV(Random(distuv.Uniform{Min: -60, Max: -50}))
	w := map[ReceptorKind][2]float64{DeltaKind: {0.5, -2}, CurrentKind: {20, -80}, ConductanceKind: {1, 4}}
	for k, r := range recs {
		wk := w[r.Kind][k%2]
		net.Connect(p, p, FixedInDegree{K: 30}, Synapse{Receptor: r.Name, Weight: Random(distuv.Normal{Mu: wk, Sigma: math.Abs(wk) / 3}), Delay: Random(distuv.Uniform{Min: 0.1, Max: 5})})
	}
	pg := net.AddPoissonGroup("pg", 50, 40)
	net.Connect(pg, p, FixedProbability{P: 0.1}, Synapse{Receptor: recs[0].Name, Weight: Const(w[recs[0].Kind][0]), Delay: Const(3)})
	var idx []int32
	var times []float64
	for k := range 40 {
		idx, times = append(idx, int32(k%7)), append(times, 10+float64(k)*7.3)
	}
	g := net.AddSpikeGenerator("g", 7, idx, times)
	net.Connect(g, p, AllToAll{}, Synapse{Receptor: recs[0].Name, Weight: Const(w[recs[0].Kind][0]), Delay: Const(2)})
	net.Inject(p, NoisyCurrent{Mean: Const(250), Sigma: 100})
	net.Inject(p, OUCurrent{Mean: 50, Sigma: 40, Tau: 5})
	net.Inject(p, RandomCurrent{Dist: distuv.Normal{Mu: 60, Sigma: 30}, Period: 7})
	net.Inject(p, PoissonInput{Receptor: recs[0].Name, N: 20, Rate: 10, Weight: w[recs[0].Kind][0]})
	mons := []Monitor{net.MonitorSpikes(p), net.MonitorSpikes(pg), net.MonitorState(p, "V", []int32{0, 1500, 2099}, 0.5), net.MonitorRate(p, 5)}
	return net, p, mons
}

// fingerprint is everything a run leaves: every monitor's records and the
// population's whole state, compared bit for bit.
type fingerprint struct {
	mons [][]float64
	vars [][]float64
	refr []int32
}

func takeFingerprint(p *Population, mons []Monitor) fingerprint {
	var f fingerprint
	for _, m := range mons {
		var x []float64
		switch m := m.(type) {
		case *SpikeMonitor:
			x = slices.Clone(m.times)
			for _, i := range m.index {
				x = append(x, float64(i))
			}
		case *StateMonitor:
			x = slices.Clone(m.times)
			for _, v := range m.values {
				x = append(x, v...)
			}
		case *RateMonitor:
			x = append(slices.Clone(m.times), m.rate...)
		}
		f.mons = append(f.mons, x)
	}
	for _, v := range p.stateVars() {
		f.vars = append(f.vars, slices.Clone(v.x))
	}
	f.refr = slices.Clone(p.refr)
	return f
}

// same reports the first difference between two fingerprints, bit for bit
// (tolerance 0), or "".
func (f fingerprint) diff(g fingerprint) string {
	for k := range f.mons {
		if len(f.mons[k]) != len(g.mons[k]) {
			return fmt.Sprintf("monitor %d: %d vs %d values", k, len(f.mons[k]), len(g.mons[k]))
		}
		for i := range f.mons[k] {
			if math.Float64bits(f.mons[k][i]) != math.Float64bits(g.mons[k][i]) {
				return fmt.Sprintf("monitor %d: value %d: %v vs %v", k, i, f.mons[k][i], g.mons[k][i])
			}
		}
	}
	for k := range f.vars {
		for i := range f.vars[k] {
			if math.Float64bits(f.vars[k][i]) != math.Float64bits(g.vars[k][i]) {
				return fmt.Sprintf("state variable %d, neuron %d: %v vs %v", k, i, f.vars[k][i], g.vars[k][i])
			}
		}
	}
	if !slices.Equal(f.refr, g.refr) {
		return "refractory counters differ"
	}
	return ""
}

var storeSets = map[string][]Receptor{
	"current pair":     {CurrentExp("e", 5), CurrentExp("i", 10)},
	"delta pair":       {Delta("e"), Delta("i")},
	"conductance pair": {ConductanceExp("e", 5, 0), ConductanceExp("i", 10, -80)},
	"mixed":            {ConductanceExp("e", 5, 0), CurrentExp("c", 4), Delta("d")},
}

// TestRestoreContinuesBitForBit: warm up 60 ms, Store, run 80 ms; then
// Restore and run the same 80 ms again. The second continuation must give
// the same bits as the first (every monitor's records, every state
// variable), in every kernel mode and with 1 and 2 workers, and all of
// those must agree with each other. The stored state has spikes in flight
// (ring slots beyond the next step), and the Poisson group and the spike
// generator fire after the Store.
func TestRestoreContinuesBitForBit(t *testing.T) {
	for name, recs := range storeSets {
		var ref fingerprint
		for _, mode := range kernelModes {
			for _, workers := range []int{1, 2} {
				what := fmt.Sprintf("%s, %+v, %d workers", name, mode, workers)
				warm, cont := shortMs(30), shortMs(40)
				net, p, mons := storeNet(recs, mode, workers)
				if err := net.Run(warm); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if err := net.Store("warm"); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if inFlight(net, p) == 0 {
					t.Fatalf("%s: no spikes in flight at the Store; the test would not test them", what)
				}
				pgBefore := mons[1].(*SpikeMonitor).Len()
				if err := net.Run(cont); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				first := takeFingerprint(p, mons)
				if got := mons[1].(*SpikeMonitor).Len() - pgBefore; got < int(50*cont/40) {
					t.Fatalf("%s: the Poisson group fired %d times after the Store, want ≥ %d", what, got, int(50*cont/40))
				}
				if err := net.Restore("warm"); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if net.Time() != warm {
					t.Fatalf("%s: time after Restore %g ms, want %g", what, net.Time(), warm)
				}
				if err := net.Run(cont); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if d := first.diff(takeFingerprint(p, mons)); d != "" {
					t.Fatalf("%s: the run after Restore differs from the original continuation: %s", what, d)
				}
				if n := mons[0].(*SpikeMonitor).Len(); n < int(3000*(warm+cont)/70) {
					t.Fatalf("%s: only %d spikes; the test network should be busy", what, n)
				}
				if ref.mons == nil {
					ref = first
				} else if d := ref.diff(first); d != "" {
					t.Fatalf("%s: differs from the first mode: %s", what, d)
				}
			}
		}
	}
}

// inFlight counts the nonzero ring entries due after the next step.
func inFlight(n *Network, p *Population) int {
	c := 0
	for k := range p.rings {
		r := &p.rings[k]
		for d := 1; d < r.slots; d++ {
			for _, x := range r.at(n.step + int64(d)) {
				if x != 0 {
					c++
				}
			}
		}
	}
	return c
}
