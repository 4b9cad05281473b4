package snn

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/snn-sim/snn/snn/internal/proc"
)

// Memory is estimated before anything is allocated: Build adds up what
// each population, projection, input and monitor will hold (and the
// temporary arrays a connector needs while it draws) and refuses a network
// that does not fit in the budget, with an error that names the object,
// its size and the bytes it would need. A Go program cannot recover from
// running out of memory, so this is the only place to catch it.
//
// The estimates are in float64, so sizes that overflow an int still give
// a (huge) number of bytes rather than a wrapped one.

// fallbackBudget is the memory budget where the machine's memory cannot be
// read (no /proc/meminfo): 16 GiB.
const fallbackBudget = 16 << 30

// machineMemory returns the machine's physical memory (MemTotal of
// /proc/meminfo) and a description of where the number comes from, or
// fallbackBudget where it cannot be read. It is read once.
var machineMemory = sync.OnceValues(func() (float64, string) {
	if b, ok := proc.Meminfo("MemTotal"); ok && b > 0 {
		return float64(b), "the machine's memory (MemTotal in /proc/meminfo)"
	}
	return fallbackBudget, "the fixed budget of 16 GiB (the machine's memory is unknown)"
})

// budget returns the bytes a network may allocate and where that number
// comes from.
func (n *Network) budget() (float64, string) {
	if n.maxBytes > 0 {
		return float64(n.maxBytes), "Network.SetMaxBytes"
	}
	return machineMemory()
}

// bytesString formats a number of bytes in decimal units (1 GB = 1e9 bytes).
func bytesString(b float64) string {
	for _, u := range []struct {
		unit string
		size float64
	}{{"EB", 1e18}, {"PB", 1e15}, {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3}} {
		if b >= u.size {
			return fmt.Sprintf("%.3g %s", b/u.size, u.unit)
		}
	}
	return fmt.Sprintf("%.0f bytes", b)
}

// Bytes per neuron of a population: V, VTh and Iext (float64), the
// refractory counter (int32); each current or conductance receptor adds
// its state (float64), and every receptor a ring buffer of float64 per
// neuron and slot (maximum delay in steps + 1), except that the delta
// receptors share one (Population.sharedRing).
const (
	bytesPerNeuron   = 3*8 + 4
	bytesPerSynState = 8
	bytesPerRingSlot = 8
)

// memItem is one object's estimate.
type memItem struct {
	obj   string
	bytes float64
}

// populationBytes estimates what Build allocates for p (its state, ring
// buffers and inputs), given the largest delay in steps onto each receptor.
func populationBytes(p *Population, maxDelay []float64) float64 {
	n := float64(p.n)
	b := n * bytesPerNeuron
	delta := -1.0 // the delta receptors' one ring: its deepest delay
	for k, r := range p.recs {
		if r.Kind == DeltaKind {
			delta = max(delta, maxDelay[k])
			continue
		}
		b += float64(n * bytesPerSynState)
		b += float64(n * bytesPerRingSlot * (maxDelay[k] + 1))
	}
	if delta >= 0 {
		b += float64(n * bytesPerRingSlot * (delta + 1))
	}
	for _, in := range p.inputs {
		switch in.(type) {
		case ConstantCurrent, NoisyCurrent, OUCurrent, RandomCurrent:
			b += float64(8 * n) // one float64 per neuron
		}
	}
	return b
}

// synapseCount is the (expected) number of synapses of a rule.
func synapseCount(rule Connector, nPre, nPost int, same bool) float64 {
	return rule.meanInDegree(nPre, nPost, same) * float64(nPost)
}

// projectionBytes estimates the peak memory of building pr: the synapses
// (4-byte targets, 4-byte weights when per synapse, 2-byte delays when per
// synapse), the 8-byte row pointers, and the temporaries of the rule while
// it draws; workers is the number of goroutines of the build.
func projectionBytes(pr *Projection, workers int) (synapses, bytes float64) {
	nPre, nPost := pr.pre.Size(), pr.post.n
	same := pr.pre == SpikeSource(pr.post)
	s := synapseCount(pr.rule, nPre, nPost, same)
	per := 4.0
	if _, ok := pr.syn.Weight.IsConst(); !ok {
		per += 4
	}
	if _, ok := pr.syn.Delay.IsConst(); !ok {
		per += 2
	}
	b := float64(s*per) + float64(8*float64(nPre+1))
	switch r := pr.rule.(type) {
	case FixedInDegree:
		b += float64(4*s) + float64(8*float64(nPre+1)) + float64(float64(workers)*float64(nPre)) // drawn partners, counts, samplers
	case FixedTotal:
		b += float64(8 * s) // pairs
		if !r.Multapses {
			b += float64(48 * s) // the map of pairs seen
		}
	case FixedOutDegree:
		b += float64(4.2*s) + float64(float64(workers)*float64(nPost))
	case AllToAll, FixedProbability:
		b += float64(4.2 * s) // rows are drawn in blocks, then copied
	}
	b += float64(4 * float64(nPre) * float64(max(0, workers-1))) // split across workers during Run
	return s, b
}

// checkMemory estimates what Build would allocate and reports every object
// that alone exceeds the budget, or else the network if all together do.
// It runs after validation, on valid parameters.
func (n *Network) checkMemory() []error {
	budget, from := n.budget()
	// The most goroutines Build may draw with: an upper bound, so the
	// estimate does not sample the machine's load (Build does that once).
	workers := runtime.GOMAXPROCS(0)
	if n.nworkers > 0 {
		workers = min(workers, n.nworkers)
	}
	maxDelay := map[*Population][]float64{}
	for _, p := range n.pops {
		maxDelay[p] = make([]float64, len(p.recs))
	}
	var items []memItem
	var errs []error
	over := func(obj, param string, value any, what string, b float64) {
		errs = append(errs, &ParamError{Object: obj, Param: param, Value: value,
			Want: fmt.Sprintf("a size that fits in memory: %s needs %s, more than %s, %s", what, bytesString(b), bytesString(budget), from)})
	}
	for _, pr := range n.projs {
		s, b := projectionBytes(pr, workers)
		items = append(items, memItem{pr.obj(), b})
		if b > budget {
			over(pr.obj(), "synapses", fmt.Sprintf("%.4g", s), fmt.Sprintf("%.4g synapses of %s", s, ruleString(pr.rule)), b)
		}
		if d := pr.maxDelaySteps(n.dt); d > maxDelay[pr.post][pr.rec] {
			maxDelay[pr.post][pr.rec] = d
		}
	}
	for _, p := range n.pops {
		b := populationBytes(p, maxDelay[p])
		items = append(items, memItem{p.obj(), b})
		if b > budget {
			over(p.obj(), "N", p.n, fmt.Sprintf("%d neurons (%.4g bytes each, with ring buffers and inputs)", p.n, b/float64(p.n)), b)
		}
	}
	for _, m := range n.mons {
		if sm, ok := m.(*SpikeMonitor); ok && sm.subset != nil {
			items = append(items, memItem{sm.obj(), float64(sm.src.Size())})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	total := 0.0
	for _, it := range items {
		total += it.bytes
	}
	n.bytes = total
	if total > budget {
		sort.SliceStable(items, func(a, b int) bool { return items[a].bytes > items[b].bytes })
		var big []string
		for _, it := range items[:min(3, len(items))] {
			big = append(big, fmt.Sprintf("%s %s", it.obj, bytesString(it.bytes)))
		}
		errs = append(errs, &ParamError{Object: "network", Param: "memory", Value: bytesString(total),
			Want: fmt.Sprintf("≤ %s, %s (largest: %s)", bytesString(budget), from, strings.Join(big, ", "))})
	}
	return errs
}

// ruleString describes a connection rule in a message.
func ruleString(r Connector) string { return fmt.Sprintf("%T%+v", r, r) }

// maxDelaySteps is the largest delay of pr in steps (its draws' upper end
// for a distribution).
func (pr *Projection) maxDelaySteps(dt float64) float64 {
	d := pr.syn.Delay
	if x, ok := d.IsConst(); ok {
		return max(1, math.Round(x/dt))
	}
	_, hi := d.drawRange()
	return max(1, math.Round(hi/dt))
}

// checkRecording refuses a Run of total steps whose state monitors would
// record more than the memory left by the network: each recording is one
// float64 per neuron plus the time.
func (n *Network) checkRecording(total int64, duration float64) error {
	budget, from := n.budget()
	need := 0.0
	var biggest *StateMonitor
	for _, m := range n.mons {
		if sm, ok := m.(*StateMonitor); ok {
			b := float64(8 * float64(len(sm.neurons)+1) * float64(total/max(1, sm.steps)))
			if biggest == nil || b > 8*float64(len(biggest.neurons)+1)*float64(total/max(1, biggest.steps)) {
				biggest = sm
			}
			need += b
		}
	}
	if biggest == nil || n.bytes+need <= budget {
		return nil
	}
	return &ParamError{Object: "Run", Param: "duration", Value: duration,
		Want: fmt.Sprintf("a duration whose recordings fit in memory: the state monitors would record %s (the largest is %s), and the network holds %s, more than %s, %s",
			bytesString(need), biggest.obj(), bytesString(n.bytes), bytesString(budget), from)}
}
