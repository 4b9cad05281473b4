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

// SpikeMonitor records the spikes of a source: spike k is neuron I()[k] at
// time T()[k] (ms), in time order and, within a step, by neuron. Its
// records are read through methods that return copies.
type SpikeMonitor struct {
	Window
	src    SpikeSource
	subset []int32
	mask   []bool // nil: all neurons
	built  bool
	net    *Network // set by build, for the CSV sidecar

	times []float64
	index []int32
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
	for _, i := range m.src.fired() {
		if m.mask == nil || m.mask[i] {
			m.times = append(m.times, t)
			m.index = append(m.index, i)
		}
	}
}

// Source returns the monitored source.
func (m *SpikeMonitor) Source() SpikeSource { return m.src }

// Neurons returns the neurons the monitor records, ascending as given to
// MonitorSpikes, or nil when it records all of them.
func (m *SpikeMonitor) Neurons() []int32 { return slices.Clone(m.subset) }

// T returns a copy of the spike times (ms): spike k is neuron I()[k] at
// T()[k].
func (m *SpikeMonitor) T() []float64 { return slices.Clone(m.times) }

// I returns a copy of the neuron indices of the spikes.
func (m *SpikeMonitor) I() []int32 { return slices.Clone(m.index) }

// Len returns the number of recorded spikes.
func (m *SpikeMonitor) Len() int { return len(m.times) }

// Trains returns the spike times of each neuron of the source (ms); nil
// before the network is built (and so when its build failed).
func (m *SpikeMonitor) Trains() [][]float64 {
	if !m.built {
		return nil
	}
	tr := make([][]float64, m.src.Size())
	for k, i := range m.index {
		tr[i] = append(tr[i], m.times[k])
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
	for _, i := range m.index {
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

// StateMonitor records a state variable of chosen neurons every Every()
// ms, at the times that are whole multiples of it: Values()[k][j] is the
// variable of neuron Neurons()[k] at T()[j]. Its settings are those given
// to MonitorState; they and its records are read through methods that
// return copies. Variables: those of the
// population's state, by name: "V" (mV), "VTh" (mV), "Iext" (pA, the
// external input current during the step), the name of a current (pA) or
// conductance (nS) receptor, and the model's own variables (AdaptiveLIF's
// "w", pA).
type StateMonitor struct {
	Window
	pop      *Population
	variable string
	neurons  []int32
	every    float64 // ms, a whole number of steps

	times  []float64
	values [][]float64
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

// Variable returns the name of the recorded variable.
func (m *StateMonitor) Variable() string { return m.variable }

// Neurons returns a copy of the recorded neurons, in the order given to
// MonitorState.
func (m *StateMonitor) Neurons() []int32 { return slices.Clone(m.neurons) }

// Every returns the sampling interval (ms).
func (m *StateMonitor) Every() float64 { return m.every }

// T returns a copy of the sampling times (ms).
func (m *StateMonitor) T() []float64 { return slices.Clone(m.times) }

// Values returns a copy of the recorded values: Values()[k][j] is the
// variable of neuron Neurons()[k] at T()[j].
func (m *StateMonitor) Values() [][]float64 {
	out := make([][]float64, len(m.values))
	for k, x := range m.values {
		out[k] = slices.Clone(x)
	}
	return out
}

func (m *StateMonitor) obj() string {
	return fmt.Sprintf("state monitor %s of %q", m.variable, sourceName(m.pop))
}

func (m *StateMonitor) check(c *checker, n *Network) {
	checkIndices(c, m.neurons, m.pop.n)
	if !wholeSteps(m.every, n.dt) {
		c.Fail("Every", m.every, fmt.Sprintf("> 0 ms and a whole number of steps of dt = %g ms", n.dt))
	}
	if m.pop.stateVar(m.variable) < 0 {
		c.Fail("variable", quote(m.variable), `"V", "VTh", "Iext", the name of a current or conductance receptor, or a variable of the model ("w" of AdaptiveLIF)`)
	}
}

func (m *StateMonitor) build(n *Network) {
	m.steps = int64(math.Round(m.every / n.dt))
	m.values = make([][]float64, len(m.neurons))
	m.src = m.pop.stateVars()[m.pop.stateVar(m.variable)].x
}

func (m *StateMonitor) record(s int64, t float64) {
	if m.off || (s+1)%m.steps != 0 {
		return
	}
	m.times = append(m.times, t)
	for k, i := range m.neurons {
		m.values[k] = append(m.values[k], m.src[i])
	}
}

// RateMonitor records the population rate of a source in bins of Bin() ms:
// Rate()[k] (Hz per neuron) is the number of spikes of the steps from T()[k]
// to T()[k]+Bin() divided by N·Bin(). Its bin is the one given to
// MonitorRate; it and its records are read through methods that return
// copies. A spike at time t is emitted at the end of its
// step, so bin k counts the spikes with T[k] < t ≤ T[k]+Bin: a spike at
// exactly T[k]+Bin is in bin k, one at exactly T[k] in bin k−1. Only
// complete bins are recorded: a bin starts when the monitor is added or
// started, and Stop drops an incomplete one.
type RateMonitor struct {
	Window
	src SpikeSource
	bin float64 // ms

	times []float64
	rate  []float64
	steps int64
	count int
	seen  int64
	net   *Network // set by build, for the CSV sidecar
}

// Source returns the monitored source.
func (m *RateMonitor) Source() SpikeSource { return m.src }

// Bin returns the bin width (ms).
func (m *RateMonitor) Bin() float64 { return m.bin }

// T returns a copy of the bins' start times (ms).
func (m *RateMonitor) T() []float64 { return slices.Clone(m.times) }

// Rate returns a copy of the rates (Hz per neuron), one per bin.
func (m *RateMonitor) Rate() []float64 { return slices.Clone(m.rate) }

func (m *RateMonitor) obj() string { return "rate monitor of " + quote(sourceName(m.src)) }

func (m *RateMonitor) check(c *checker, n *Network) {
	if !wholeSteps(m.bin, n.dt) || m.bin/n.dt > maxStepCount {
		c.Fail("Bin", m.bin, fmt.Sprintf("> 0 ms and a whole number of steps of dt = %g ms, at most %d steps", n.dt, int64(maxStepCount)))
	}
}

func (m *RateMonitor) build(n *Network) { m.steps, m.net = int64(math.Round(m.bin/n.dt)), n }

func (m *RateMonitor) record(s int64, t float64) {
	if m.off {
		m.count, m.seen = 0, 0
		return
	}
	m.count += len(m.src.fired())
	m.seen++
	if m.seen == m.steps {
		m.times = append(m.times, t-m.bin)
		m.rate = append(m.rate, float64(m.count)/(float64(m.src.Size())*m.bin*1e-3))
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
