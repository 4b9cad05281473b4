package snn

import (
	"fmt"
	"math"
	"slices"
)

// A Monitor records what a network does during runs, after every step: a
// *SpikeMonitor, *StateMonitor or *RateMonitor, made by Network's
// MonitorSpikes, MonitorState and MonitorRate and listed by
// Network.Monitors.
type Monitor interface {
	// Source returns what the monitor watches: a population or a spike
	// source (nil if it was given none).
	Source() SpikeSource
	// Active reports whether the monitor records (Window).
	Active() bool

	check(c *checker, n *Network)
	build(n *Network)
	record(s int64, t float64)
	obj() string
}

// Window is a monitor's recording window: a monitor records while it is
// started, which it is when added. Stop and Start may be called before or
// between runs, any number of times, so that a warm-up is not recorded
// (Brian2's `active`, NEST's start and stop).
type Window struct{ off bool }

// Start makes the monitor record from the next step on.
func (w *Window) Start() { w.off = false }

// Stop makes the monitor record nothing from the next step on; what it
// recorded is kept.
func (w *Window) Stop() { w.off = true }

// Active reports whether the monitor records.
func (w *Window) Active() bool { return !w.off }

// SpikeMonitor records the spikes of a source: spike k is neuron I[k] at
// time T[k] (ms), in time order and, within a step, by neuron.
type SpikeMonitor struct {
	Window
	src    SpikeSource
	subset []int32
	mask   []bool // nil: all neurons
	built  bool
	net    *Network // set by build, for the CSV sidecar

	T []float64
	I []int32
}

func (m *SpikeMonitor) obj() string { return "spike monitor of " + quote(sourceName(m.src)) }

func (m *SpikeMonitor) check(c *checker, _ *Network) {
	checkIndices(c, m.subset, m.src.Size())
}

func (m *SpikeMonitor) build(n *Network) {
	m.built, m.net = true, n
	if m.subset == nil {
		return
	}
	m.mask = make([]bool, m.src.Size())
	for _, i := range m.subset {
		m.mask[i] = true
	}
}

func (m *SpikeMonitor) record(_ int64, t float64) {
	if m.off {
		return
	}
	for _, i := range m.src.Spikes() {
		if m.mask == nil || m.mask[i] {
			m.T = append(m.T, t)
			m.I = append(m.I, i)
		}
	}
}

// Source returns the monitored source.
func (m *SpikeMonitor) Source() SpikeSource { return m.src }

// Neurons returns the neurons the monitor records, ascending as given to
// MonitorSpikes, or nil when it records all of them.
func (m *SpikeMonitor) Neurons() []int32 { return slices.Clone(m.subset) }

// Len returns the number of recorded spikes.
func (m *SpikeMonitor) Len() int { return len(m.T) }

// Trains returns the spike times of each neuron of the source (ms); nil
// before the network is built (and so when its build failed).
func (m *SpikeMonitor) Trains() [][]float64 {
	if !m.built {
		return nil
	}
	tr := make([][]float64, m.src.Size())
	for k, i := range m.I {
		tr[i] = append(tr[i], m.T[k])
	}
	return tr
}

// Counts returns the number of spikes of each neuron; nil before the
// network is built (and so when its build failed).
func (m *SpikeMonitor) Counts() []int {
	if !m.built {
		return nil
	}
	c := make([]int, m.src.Size())
	for _, i := range m.I {
		c[i]++
	}
	return c
}

// Recorded returns the number of neurons the monitor watches (0 for a nil
// source).
func (m *SpikeMonitor) Recorded() int {
	if isNil(m.src) {
		return 0
	}
	if m.subset == nil {
		return m.src.Size()
	}
	return len(m.subset)
}

// StateMonitor records a state variable of chosen neurons every Every
// ms, at the times that are whole multiples of Every: Values[k][j] is the
// variable of neuron Neurons[k] at T[j]. Variables: those of the
// population's state, by name: "V" (mV), "VTh" (mV), "Iext" (pA, the
// external input current during the step), the name of a current (pA) or
// conductance (nS) receptor, and the model's own variables (AdaptiveLIF's
// "w", pA).
type StateMonitor struct {
	Window
	pop     *Population
	Var     string
	Neurons []int32
	Every   float64 // ms, a whole number of steps

	T      []float64
	Values [][]float64
	src    []float64
	steps  int64 // Every in steps
}

// Source returns the population whose state the monitor records.
func (m *StateMonitor) Source() SpikeSource {
	if m.pop == nil {
		return nil
	}
	return m.pop
}

func (m *StateMonitor) obj() string {
	return fmt.Sprintf("state monitor %s of %q", m.Var, sourceName(m.pop))
}

func (m *StateMonitor) check(c *checker, n *Network) {
	checkIndices(c, m.Neurons, m.pop.n)
	if !wholeSteps(m.Every, n.dt) {
		c.Fail("Every", m.Every, fmt.Sprintf("> 0 ms and a whole number of steps of dt = %g ms", n.dt))
	}
	if m.pop.stateVar(m.Var) < 0 {
		c.Fail("variable", quote(m.Var), `"V", "VTh", "Iext", the name of a current or conductance receptor, or a variable of the model ("w" of AdaptiveLIF)`)
	}
}

func (m *StateMonitor) build(n *Network) {
	m.steps = int64(math.Round(m.Every / n.dt))
	m.Values = make([][]float64, len(m.Neurons))
	m.src = m.pop.stateVars()[m.pop.stateVar(m.Var)].x
}

func (m *StateMonitor) record(s int64, t float64) {
	if m.off || (s+1)%m.steps != 0 {
		return
	}
	m.T = append(m.T, t)
	for k, i := range m.Neurons {
		m.Values[k] = append(m.Values[k], m.src[i])
	}
}

// RateMonitor records the population rate of a source in bins of Bin ms:
// Rate[k] (Hz per neuron) is the number of spikes of the steps from T[k] to
// T[k]+Bin divided by N·Bin. A spike at time t is emitted at the end of its
// step, so bin k counts the spikes with T[k] < t ≤ T[k]+Bin: a spike at
// exactly T[k]+Bin is in bin k, one at exactly T[k] in bin k−1. Only
// complete bins are recorded: a bin starts when the monitor is added or
// started, and Stop drops an incomplete one.
type RateMonitor struct {
	Window
	src SpikeSource
	Bin float64

	T     []float64
	Rate  []float64
	steps int64
	count int
	seen  int64
	net   *Network // set by build, for the CSV sidecar
}

// Source returns the monitored source.
func (m *RateMonitor) Source() SpikeSource { return m.src }

func (m *RateMonitor) obj() string { return "rate monitor of " + quote(sourceName(m.src)) }

func (m *RateMonitor) check(c *checker, n *Network) {
	if !wholeSteps(m.Bin, n.dt) || m.Bin/n.dt > maxStepCount {
		c.Fail("Bin", m.Bin, fmt.Sprintf("> 0 ms and a whole number of steps of dt = %g ms, at most %d steps", n.dt, int64(maxStepCount)))
	}
}

func (m *RateMonitor) build(n *Network) { m.steps, m.net = int64(math.Round(m.Bin/n.dt)), n }

func (m *RateMonitor) record(s int64, t float64) {
	if m.off {
		m.count, m.seen = 0, 0
		return
	}
	m.count += len(m.src.Spikes())
	m.seen++
	if m.seen == m.steps {
		m.T = append(m.T, t-m.Bin)
		m.Rate = append(m.Rate, float64(m.count)/(float64(m.src.Size())*m.Bin*1e-3))
		m.count, m.seen = 0, 0
	}
}

// wholeSteps reports whether x (ms) is finite, > 0 and a whole number of
// steps of dt.
func wholeSteps(x, dt float64) bool {
	k := x / dt
	return isFinite(x) && x > 0 && math.Abs(k-math.Round(k)) <= 1e-6*max(1, k) && math.Round(k) >= 1
}

func checkIndices(c *checker, idx []int32, n int) {
	for k, i := range idx {
		if i < 0 || int(i) >= n {
			c.Fail(fmt.Sprintf("neuron index [%d]", k), i, fmt.Sprintf("in [0, %d)", n))
			return
		}
	}
}
