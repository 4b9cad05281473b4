package snn

import (
	"fmt"
	"math"
)

// monitor records during the run, after every step.
type monitor interface {
	check(c *checker, n *Network)
	build(n *Network)
	record(s int64, t float64)
	obj() string
}

// SpikeMonitor records the spikes of a source: spike k is neuron I[k] at
// time T[k] (ms), in time order and, within a step, by neuron.
type SpikeMonitor struct {
	src    SpikeSource
	subset []int
	mask   []bool   // nil: all neurons
	net    *Network // set by build, for the CSV sidecar

	T []float64
	I []int32
}

func (m *SpikeMonitor) obj() string { return "spike monitor of " + quote(m.src.Name()) }

func (m *SpikeMonitor) check(c *checker, _ *Network) {
	checkIndices(c, m.subset, m.src.Size())
}

func (m *SpikeMonitor) build(n *Network) {
	m.net = n
	if m.subset == nil {
		return
	}
	m.mask = make([]bool, m.src.Size())
	for _, i := range m.subset {
		m.mask[i] = true
	}
}

func (m *SpikeMonitor) record(_ int64, t float64) {
	for _, i := range m.src.Spikes() {
		if m.mask == nil || m.mask[i] {
			m.T = append(m.T, t)
			m.I = append(m.I, i)
		}
	}
}

// Source returns the monitored source.
func (m *SpikeMonitor) Source() SpikeSource { return m.src }

// Len returns the number of recorded spikes.
func (m *SpikeMonitor) Len() int { return len(m.T) }

// Trains returns the spike times of each neuron of the source (ms).
func (m *SpikeMonitor) Trains() [][]float64 {
	tr := make([][]float64, m.src.Size())
	for k, i := range m.I {
		tr[i] = append(tr[i], m.T[k])
	}
	return tr
}

// Counts returns the number of spikes of each neuron.
func (m *SpikeMonitor) Counts() []int {
	c := make([]int, m.src.Size())
	for _, i := range m.I {
		c[i]++
	}
	return c
}

// Recorded returns the number of neurons the monitor watches.
func (m *SpikeMonitor) Recorded() int {
	if m.subset == nil {
		return m.src.Size()
	}
	return len(m.subset)
}

// StateMonitor records a state variable of chosen neurons every Every
// steps: Values[k][j] is the variable of neuron Neurons[k] at T[j].
// Variables: "V" (mV), "Iext" (pA, the external input current during the
// step) and the name of a current (pA) or conductance (nS) receptor.
type StateMonitor struct {
	pop     *Population
	Var     string
	Neurons []int
	Every   int

	T      []float64
	Values [][]float64
	src    []float64
}

func (m *StateMonitor) obj() string {
	return fmt.Sprintf("state monitor %s of %q", m.Var, m.pop.name)
}

func (m *StateMonitor) check(c *checker, _ *Network) {
	checkIndices(c, m.Neurons, m.pop.n)
	if m.Every < 1 {
		c.fail("Every", m.Every, "≥ 1 step")
	}
	switch m.Var {
	case "V", "Iext":
	default:
		k := m.pop.receptor(m.Var)
		if k < 0 || m.pop.recs[k].Kind == DeltaKind {
			c.fail("variable", quote(m.Var), `"V", "Iext" or the name of a current or conductance receptor`)
		}
	}
}

func (m *StateMonitor) build(*Network) {
	m.Values = make([][]float64, len(m.Neurons))
	switch m.Var {
	case "V":
		m.src = m.pop.V
	case "Iext":
		m.src = m.pop.Iext
	default:
		m.src = m.pop.Syn[m.pop.receptor(m.Var)]
	}
}

func (m *StateMonitor) record(s int64, t float64) {
	if (s+1)%int64(m.Every) != 0 {
		return
	}
	m.T = append(m.T, t)
	for k, i := range m.Neurons {
		m.Values[k] = append(m.Values[k], m.src[i])
	}
}

// RateMonitor records the population rate of a source in bins of Bin ms:
// Rate[k] (Hz per neuron) is the spike count in [T[k], T[k]+Bin) divided by
// N·Bin. Only complete bins are recorded.
type RateMonitor struct {
	src SpikeSource
	Bin float64

	T     []float64
	Rate  []float64
	steps int64
	count int
	seen  int64
	net   *Network // set by build, for the CSV sidecar
}

func (m *RateMonitor) obj() string { return "rate monitor of " + quote(m.src.Name()) }

func (m *RateMonitor) check(c *checker, n *Network) {
	k := m.Bin / n.dt
	if !isFinite(m.Bin) || m.Bin <= 0 || math.Abs(k-math.Round(k)) > 1e-6*max(1, k) || math.Round(k) < 1 {
		c.fail("Bin", m.Bin, fmt.Sprintf("> 0 ms and a whole number of steps of dt = %g ms", n.dt))
	}
}

func (m *RateMonitor) build(n *Network) { m.steps, m.net = int64(math.Round(m.Bin/n.dt)), n }

func (m *RateMonitor) record(s int64, t float64) {
	m.count += len(m.src.Spikes())
	m.seen++
	if m.seen == m.steps {
		m.T = append(m.T, t-m.Bin)
		m.Rate = append(m.Rate, float64(m.count)/(float64(m.src.Size())*m.Bin*1e-3))
		m.count, m.seen = 0, 0
	}
}

func checkIndices(c *checker, idx []int, n int) {
	for k, i := range idx {
		if i < 0 || i >= n {
			c.fail(fmt.Sprintf("neuron index [%d]", k), i, fmt.Sprintf("in [0, %d)", n))
			return
		}
	}
}
