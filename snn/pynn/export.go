package pynn

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

//go:embed network.py
var script []byte

// Options sets what Export writes.
type Options struct {
	// Duration of the run the script does (ms), > 0.
	Duration float64
	// Ranks > 1 also splits every projection's edges by target neuron into
	// Ranks files, <edges>.0 ... <edges>.<Ranks−1>, file r holding the edges
	// onto neurons j with j mod Ranks = r, for
	// `network.py <backend> --distributed`, where each rank reads only its own
	// file with FromFileConnector (as FromFileConnector(distributed=True) would,
	// without its renaming the files).
	// That split is what pyNN.neuron deals out when each population's first
	// cell lands on rank 0; the script checks it and stops with an error
	// otherwise. 0 or 1: one file per projection only.
	Ranks int
}

// exporter is one export: the network, where it goes, and the sidecar it
// fills object by object.
type exporter struct {
	net   *snn.Network
	dir   string
	opt   Options
	label map[snn.SpikeSource]string // the PyNN label of each population and source
	index map[*snn.Population]int    // each population's place in side.Populations
	sign  map[*snn.Population][]int  // the sign of the weights onto each receptor (cellOf)
	side  sidecar
}

// Export writes net into the folder dir as a PyNN 0.10 model (see the
// package doc). It checks everything before it writes anything.
func Export(net *snn.Network, dir string, opt Options) error {
	if !param.IsFinite(opt.Duration) || opt.Duration <= 0 {
		return &param.Error{Object: "pynn.Export", Param: "Duration", Value: opt.Duration, Want: "> 0 ms"}
	}
	if opt.Ranks < 0 {
		return &param.Error{Object: "pynn.Export", Param: "Ranks", Value: opt.Ranks, Want: "≥ 0"}
	}
	if err := net.Build(); err != nil {
		return err
	}
	if net.Steps() != 0 {
		return &param.Error{Object: "pynn.Export", Param: "network time", Value: net.Time(), Want: "0 ms (export before the first Run)"}
	}
	x := &exporter{net: net, dir: dir, opt: opt, label: map[snn.SpikeSource]string{},
		index: map[*snn.Population]int{}, sign: map[*snn.Population][]int{}}
	x.side = sidecar{
		Units: map[string]string{"time": "ms", "voltage": "mV", "current": "nA", "conductance": "uS",
			"capacitance": "nF", "rate": "Hz", "weight": "nA (current), uS (conductance), mV (delta)"},
		Dt: net.Dt(), Seed: net.Seed(), Duration: opt.Duration, Ranks: opt.Ranks,
	}
	x.labels()
	x.side.MinDelay = x.signsAndMinDelay()
	for _, p := range net.Populations() {
		pp, err := x.checkPopulation(p)
		if err != nil {
			return err
		}
		x.index[p] = len(x.side.Populations)
		x.side.Populations = append(x.side.Populations, pp)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	for k, p := range net.Populations() {
		if err := x.writePopulation(&x.side.Populations[k], p); err != nil {
			return err
		}
	}
	for _, g := range net.Sources() {
		s, err := x.writeSource(g)
		if err != nil {
			return err
		}
		x.side.Sources = append(x.side.Sources, s)
	}
	for k, pr := range net.Projections() {
		pj, err := x.writeProjection(k, pr)
		if err != nil {
			return err
		}
		x.side.Projections = append(x.side.Projections, pj)
	}
	x.side.Record = x.records()
	return x.writeSidecar()
}

// labels gives every population and spike source its PyNN label.
func (x *exporter) labels() {
	for _, p := range x.net.Populations() {
		x.label[p] = "pop_" + safeName(p.Name())
	}
	for _, g := range x.net.Sources() {
		x.label[g] = "src_" + safeName(g.Name())
	}
}

// signsAndMinDelay records the sign of the weights arriving at every
// receptor (projections and Poisson inputs), and returns the smallest
// delay, which sets how often MPI ranks exchange spikes on NEST: dt only
// where a delay is dt (a Poisson input's one-to-one projection has delay
// dt), dt too when there is no synapse.
func (x *exporter) signsAndMinDelay() float64 {
	for _, p := range x.net.Populations() {
		x.sign[p] = make([]int, len(p.Receptors()))
	}
	add := func(p *snn.Population, k int, w float64) {
		s := 1
		if w < 0 {
			s = -1
		} else if w == 0 {
			return
		}
		if x.sign[p][k] == 0 {
			x.sign[p][k] = s
		} else if x.sign[p][k] != s {
			x.sign[p][k] = 2
		}
	}
	minDelay := math.Inf(1)
	for _, pr := range x.net.Projections() {
		k := receptorIndex(pr.Post(), pr.Receptor())
		if w := pr.Weight(); !math.IsNaN(w) {
			add(pr.Post(), k, w)
		} else {
			for e := range pr.Edges() {
				add(pr.Post(), k, e.Weight)
			}
		}
		if pr.Len() > 0 {
			lo, _ := pr.Delays()
			minDelay = min(minDelay, lo)
		}
	}
	for _, p := range x.net.Populations() {
		for _, in := range p.Inputs() {
			if pi, ok := in.(snn.PoissonInput); ok {
				add(p, receptorIndex(p, pi.Receptor), pi.Weight)
				minDelay = x.net.Dt()
			}
		}
	}
	if math.IsInf(minDelay, 1) {
		minDelay = x.net.Dt()
	}
	return minDelay
}

// records lists the sources of the spike monitors, once each, in the
// order of the monitors: the script records their spikes.
func (x *exporter) records() []record {
	var out []record
	seen := map[snn.SpikeSource]bool{}
	for _, m := range x.net.Monitors() {
		sm, ok := m.(*snn.SpikeMonitor)
		if !ok || seen[sm.Source()] {
			continue
		}
		seen[sm.Source()] = true
		out = append(out, record{Source: sm.Source().Name(), PyNN: x.label[sm.Source()],
			File: safeName(sm.Source().Name()) + "_spikes.csv", Neurons: sm.Neurons()})
	}
	return out
}

// writeSidecar writes network.json and network.py.
func (x *exporter) writeSidecar() error {
	js, err := json.MarshalIndent(x.side, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(x.dir, "network.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	if err := os.WriteFile(filepath.Join(x.dir, "network.py"), script, 0o755); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	return nil
}

// receptorIndex returns the index of p's receptor called name, or −1.
func receptorIndex(p *snn.Population, name string) int {
	for k, r := range p.Receptors() {
		if r.Name == name {
			return k
		}
	}
	return -1
}

// safeName keeps letters, digits and '_' of s and replaces the rest by '_'.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}
