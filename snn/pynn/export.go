package pynn

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

//go:embed network.py
var script []byte

// NEURONDelaySlack is what network.py adds to every delay on NEURON (ms).
// NEURON's fixed step delivers an event due at t_e at the end of the step
// whose end t has t_e ≤ t + dt/2, so d + NEURONDelaySlack lands at the
// end of the same step as d; and NEURON refuses a delay between MPI ranks
// that does not exceed dt by more than 10⁻¹⁰ ms (BBS::netpar_solve), which
// snn's one-step delay, exactly dt, would not.
const NEURONDelaySlack = 1e-9

// Options sets what Export writes.
type Options struct {
	// Duration of the run the script does (ms): > 0 and a whole number of
	// steps that Network.Run would take.
	Duration float64
	// Ranks > 1 splits every projection's edges by target neuron into
	// Ranks files, <edges>.0 ... <edges>.<Ranks−1>, file r holding the edges
	// onto neurons j with j mod Ranks = r, for
	// `network.py <backend> --distributed` on Ranks MPI processes, where each
	// rank reads only its own file: on NEURON network.py puts every
	// population's first neuron on rank 0, so that neuron j is on rank
	// j mod Ranks; on NEST, which places neurons itself, it checks that and
	// stops otherwise. Without --distributed, every rank reads them all.
	// 0 or 1: one file per projection, <edges>.
	Ranks int
}

// exporter is one export: the network, where it goes, and the sidecar it
// fills object by object.
type exporter struct {
	net   *snn.Network
	dir   string // the temporary folder written, renamed to the target at the end
	opt   Options
	label map[snn.SpikeSource]string // the PyNN label of each population and source
	index map[*snn.Population]int    // each population's place in side.Populations
	sign  map[*snn.Population][]int  // the sign of the weights onto each receptor (cellOf)
	names names
	side  sidecar
}

// Export writes net into the folder dir as a PyNN 0.10 model (see the
// package doc). It checks everything before it writes anything, writes
// into a new folder beside dir and renames it to dir at the end, so that
// on any error nothing is left, and dir, if it held an earlier export, is
// replaced whole.
func Export(net *snn.Network, dir string, opt Options) error {
	if err := checkOptions(net, opt); err != nil {
		return err
	}
	if err := net.Build(); err != nil {
		return err
	}
	if net.Steps() != 0 {
		return &param.Error{Object: "pynn.Export", Param: "network time", Value: net.Time(), Want: "0 ms (export before the first Run)"}
	}
	if err := checkTarget(dir); err != nil {
		return err
	}
	x := &exporter{net: net, opt: opt, label: map[snn.SpikeSource]string{},
		index: map[*snn.Population]int{}, sign: map[*snn.Population][]int{}, names: names{}}
	x.side = sidecar{
		Units: map[string]string{"time": "ms", "voltage": "mV", "current": "nA", "conductance": "uS",
			"capacitance": "nF", "rate": "Hz", "weight": "nA (current), uS (conductance), mV (delta)"},
		Dt: net.Dt(), Seed: net.Seed(), Duration: opt.Duration, Ranks: opt.Ranks, NEURONDelaySlack: NEURONDelaySlack,
	}
	if err := x.plan(); err != nil {
		return err
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if err := os.MkdirAll(filepath.Join(parent, "."), 0o755); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Join(parent, "."), "."+base+".export-")
	if err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	x.dir = tmp
	if err := x.write(); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return replace(tmp, dir)
}

// checkOptions refuses options the export cannot honour: a duration Run
// would refuse, or a negative Ranks.
func checkOptions(net *snn.Network, opt Options) error {
	if err := checkDuration(net, opt.Duration); err != nil {
		return err
	}
	if opt.Ranks < 0 || opt.Ranks > maxRanks {
		return &param.Error{Object: "pynn.Export", Param: "Ranks", Value: opt.Ranks, Want: fmt.Sprintf("in [0, %d]", maxRanks)}
	}
	return nil
}

// maxRanks bounds Options.Ranks: one file per rank and projection.
const maxRanks = 1 << 20

// maxSteps is the most steps a network takes (snn's limit, so that every
// step and time is exact).
const maxSteps = 1 << 53

// checkDuration applies Network.Run's limits to a duration: finite, > 0,
// a whole number of steps of dt, and at most the steps the network can
// take (2^53, fewer with a large Poisson group, whose spike count must
// fit in an int64). TestPyNNExportDurationAsRun checks that the two
// agree.
func checkDuration(net *snn.Network, d float64) error {
	dt := net.Dt()
	steps := d / dt
	fail := func(want string) error {
		return &param.Error{Object: "pynn.Export", Param: "Duration", Value: d, Want: want}
	}
	if !param.IsFinite(d) || d <= 0 || math.Abs(steps-math.Round(steps)) > 1e-6*max(1, steps) || math.Round(steps) == 0 {
		return fail(fmt.Sprintf("> 0 ms, finite and a whole number of steps of dt = %g ms (as Network.Run)", dt))
	}
	limit := int64(maxSteps)
	for _, g := range net.Sources() {
		if pg, ok := g.(*snn.PoissonGroup); ok && pg.Size() > 0 {
			limit = min(limit, math.MaxInt64/int64(pg.Size())-1)
		}
	}
	if math.Round(steps) > float64(limit) {
		return fail(fmt.Sprintf("≤ %g ms: at most %d steps of dt = %g ms, as Network.Run", float64(limit)*dt, limit, dt))
	}
	return nil
}

// checkTarget refuses a target dir that is neither new, nor an empty
// folder, nor an earlier export (a folder with network.json and
// network.py), so that Export never deletes a user's other files.
func checkTarget(dir string) error {
	fail := func(why string) error {
		return &param.Error{Object: "pynn.Export", Param: "dir", Value: dir, Want: "a new or empty folder, or an earlier export to replace (" + why + ")"}
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("snn: pynn.Export: %w", err)
	case !fi.IsDir():
		return fail("it is a file")
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	if len(ents) == 0 {
		return nil
	}
	for _, f := range []string{"network.json", "network.py"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fail(fmt.Sprintf("it holds %d files, not an export's %s; nothing was written", len(ents), f))
		}
	}
	return nil
}

// replace renames the folder tmp to dir, replacing an earlier export (or
// an empty folder) there.
func replace(tmp, dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("snn: pynn.Export: %w", err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("snn: pynn.Export: replacing %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		os.RemoveAll(tmp)
		return fmt.Errorf("snn: pynn.Export: replacing %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}

// plan names every object and file and checks every object, before
// anything is written.
func (x *exporter) plan() error {
	for _, f := range []string{"network.json", "network.py"} {
		if err := x.names.claim("file", f, "the export"); err != nil {
			return err
		}
	}
	if err := x.labels(); err != nil {
		return err
	}
	x.side.MinDelay = x.signsAndMinDelay()
	for _, p := range x.net.Populations() {
		pp, err := x.checkPopulation(p)
		if err != nil {
			return err
		}
		x.index[p] = len(x.side.Populations)
		x.side.Populations = append(x.side.Populations, pp)
	}
	for _, g := range x.net.Sources() {
		s, err := x.checkSource(g)
		if err != nil {
			return err
		}
		x.side.Sources = append(x.side.Sources, s)
	}
	for k, pr := range x.net.Projections() {
		pj, err := x.checkProjection(k, pr)
		if err != nil {
			return err
		}
		x.side.Projections = append(x.side.Projections, pj)
	}
	rec, err := x.records()
	if err != nil {
		return err
	}
	x.side.Record = rec
	return nil
}

// write writes every object's files and the sidecar into x.dir.
func (x *exporter) write() error {
	for k, p := range x.net.Populations() {
		if err := x.writePopulation(&x.side.Populations[k], p); err != nil {
			return err
		}
	}
	for k, g := range x.net.Sources() {
		if err := x.writeSource(x.side.Sources[k], g); err != nil {
			return err
		}
	}
	for k, pr := range x.net.Projections() {
		if err := x.writeProjection(x.side.Projections[k], pr); err != nil {
			return err
		}
	}
	return x.writeSidecar()
}

// labels gives every population and spike source its PyNN label: "pop_"
// or "src_" and the name with every character other than a letter, a
// digit or '_' replaced by '_'.
func (x *exporter) labels() error {
	for _, p := range x.net.Populations() {
		x.label[p] = "pop_" + safeName(p.Name())
		if err := x.names.claim("label", x.label[p], obj(p)); err != nil {
			return err
		}
	}
	for _, g := range x.net.Sources() {
		x.label[g] = "src_" + safeName(g.Name())
		if err := x.names.claim("label", x.label[g], sourceObj(g)); err != nil {
			return err
		}
	}
	return nil
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

// records lists every spike monitor, in the order of the monitors: the
// script records each monitored source once (every neuron any of its
// monitors watches) and writes one file per monitor, the first monitor of
// a source to <source>_spikes.csv, the k-th to <source>_spikes_<k>.csv.
// State and rate monitors are not exported.
func (x *exporter) records() ([]record, error) {
	var out []record
	count := map[snn.SpikeSource]int{}
	for _, m := range x.net.Monitors() {
		sm, ok := m.(*snn.SpikeMonitor)
		if !ok {
			continue
		}
		src := sm.Source()
		count[src]++
		file := safeName(src.Name()) + "_spikes.csv"
		owner := "the spike monitor of " + sourceObj(src)
		if k := count[src]; k > 1 {
			file = fmt.Sprintf("%s_spikes_%d.csv", safeName(src.Name()), k)
			owner = fmt.Sprintf("spike monitor %d of %s", k, sourceObj(src))
		}
		for _, f := range []string{file, file + ".json"} {
			if err := x.names.claim("file", f, owner); err != nil {
				return nil, err
			}
		}
		out = append(out, record{Source: src.Name(), PyNN: x.label[src], File: file, Neurons: sm.Neurons()})
	}
	return out, nil
}

// writeSidecar writes network.json and network.py.
func (x *exporter) writeSidecar() error {
	js, err := json.MarshalIndent(x.side, "", "  ")
	if err != nil { // every number was checked by its object's writer
		return fmt.Errorf("snn: pynn.Export: network.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(x.dir, "network.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	if err := os.WriteFile(filepath.Join(x.dir, "network.py"), script, 0o755); err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	return nil
}

// names holds every PyNN label and file name of one export with the
// object it belongs to.
type names map[string]string

// claim gives name (a "label" or a "file") to owner, or returns an error
// naming both owners when another object has it.
func (n names) claim(kind, name, owner string) error {
	key := kind + ":" + name
	if other, ok := n[key]; ok {
		return &param.Error{Object: "pynn.Export", Param: kind, Value: name,
			Want: fmt.Sprintf("one per object: %s and %s both get it; rename one of them", other, owner)}
	}
	n[key] = owner
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

// finite returns an error naming object and what when v is not finite: a
// value network.json cannot hold.
func finite(object, what string, v float64) error {
	if param.IsFinite(v) {
		return nil
	}
	return &param.Error{Object: object, Param: what, Value: v, Want: "a finite number to export to PyNN"}
}

// sourceObj names a spike source in messages, as snn does.
func sourceObj(g snn.SpikeSource) string {
	switch g.(type) {
	case *snn.Population:
		return obj(g.(*snn.Population))
	case *snn.PoissonGroup:
		return "Poisson group " + strconv.Quote(g.Name())
	case *snn.SpikeGenerator:
		return "spike generator " + strconv.Quote(g.Name())
	}
	return "spike source " + strconv.Quote(g.Name())
}
