// Package snn simulates networks of leaky integrate-and-fire (LIF) neurons,
// with or without an adaptation current, connected by delta, current-based
// or conductance-based synapses.
//
// # Units
//
// One set of units is used everywhere, as in NEST: time in ms, membrane
// potential in mV, current in pA, conductance in nS, capacitance in pF,
// resistance in GΩ (mV/pA) and rates in Hz (spikes per second).
//
// # Building a network
//
// A Network owns everything. Populations, spike sources, projections,
// inputs and monitors are added to it; nothing is allocated until Build
// (called by the first Run), which validates every parameter and either
// builds the whole network or returns an error that names the object, the
// parameter, its value and the allowed range, and builds nothing.
//
//	net := snn.New(0.1, 42)                      // dt = 0.1 ms, seed 42
//	e := net.AddPopulation("E", 800, snn.DefaultLIF(), snn.Delta("syn"))
//	net.Connect(e, e, snn.FixedInDegree{K: 80}, snn.Synapse{Receptor: "syn", Weight: snn.Const(0.2), Delay: snn.Const(1.5)})
//	net.Inject(e, snn.ConstantCurrent{Amplitude: snn.Const(400)})
//	sp := net.MonitorSpikes(e)
//	err := net.Run(1000)                          // 1 s of biology
//
// # Neuron models
//
// A population's neurons follow one Model, given to AddPopulation:
//
//   - LIF (lif.go): the leaky integrate-and-fire neuron;
//   - AdaptiveLIF (adaptive.go): a LIF with an adaptation current w,
//     coupled to V by a and raised by b at each spike (Brette & Gerstner
//     2005 without the exponential term), integrated exactly where its
//     equations are linear; its doc states the scheme.
//
// The engine sees a model only through the Model interface (model.go). A
// model's file holds its parameters and their validation, the names of its
// own state variables (which monitors find by name: MonitorState(p, "w",
// …)), and its dynamics: the propagators computed once by Build, its own
// state, and its kernel, which decays the receptors, integrates the
// membrane, tests the threshold and resets.
//
// A third model needs, file by file:
//
//   - its own file (say izhikevich.go): the parameter struct; Validate and
//     check (report every bad parameter through the checker, as LIF.check
//     does); Membrane, the LIF part the engine uses (E_L is the default
//     initial V, V_th the default threshold, V_reset and t_ref the reset,
//     τ_m NoisyCurrent's scale); stateNames, its own variables; and
//     dynamics, which computes its propagators for dt and returns a value
//     with state (its variables, in the order of stateNames) and step;
//   - its kernel, step, in that file or a kernel_<model>.go beside it: a
//     loop over the block's neurons that reads out.views (each receptor's
//     kind, decay p11, state x and arrivals in, which it must clear), and
//     calls p.fire for a neuron at or above threshold (fire resets V and
//     starts the refractory period; the model resets its own variables);
//   - one registration: the Model interface is the registration, so
//     nothing else changes (AddPopulation takes any Model, and state
//     monitors find variables through Population.stateVars, which lists
//     the model's), apart from a mention in this list and the model's tests
//     (an adaptive_test.go: closed-form or reference traces, the bit
//     identity with 1 and 2 workers in every kernel mode).
//
// A scalar kernel is enough. Only the LIF has SIMD kernels
// (kernel_simd8.go, from which go generate, run in kernel_lif.go, writes
// kernel_simd4.go); TestKernelsAgreeBitForBit checks them against the
// scalar kernels of kernel_lif.go, bit for bit, for every receptor set, so
// the two copies of the LIF's update cannot drift apart unnoticed.
//
// # Lifecycle
//
// Before Build, anything may be added or set. Build (the first Run, or
// Store) fixes the populations: a later AddPopulation adds nothing (the
// population it returns belongs to no network) and the next Run returns an
// error naming it, once, without running; the Run after it runs as if the
// call had not been made. The same holds for any call refused between
// runs: it returns its error (where it returns one), the next Run returns
// it too, and the network is unchanged.
//
// Between runs a script may:
//   - add spike sources (AddSpikeGenerator, with times after the current
//     time; AddPoissonGroup) and projections (Connect). They are checked at
//     once and act from the next step; a projection with longer delays than
//     any before deepens its receptor's ring buffer, keeping the spikes in
//     flight.
//   - change a Poisson group's rate (PoissonGroup.SetRate).
//   - change a population's neuron model or its parameters
//     (Population.SetModel): the state is kept, the propagators and the
//     kernel follow the new parameters from the next step.
//   - set state with Population.Set: "V", "VTh", a receptor's current or
//     conductance, and any other named state of the model ("Iext" is written
//     by the inputs). Values are checked as at Build and written for the next
//     step; every kernel reads them there.
//   - attach inputs (Inject) and add monitors (MonitorSpikes, MonitorState,
//     MonitorRate). Both act from the next step: an input injected at t gives
//     the bits of the same input switched on at t from the start, a monitor
//     added at t records what one added at Build records after t.
//   - stop and start monitors (Window's Stop and Start): a stopped monitor
//     records nothing and keeps what it recorded, so a warm-up need not be
//     recorded. A rate monitor's bins start when it starts; Stop drops an
//     incomplete bin.
//   - Store(name) the whole state and Restore(name) it, as Brian2's store()
//     and restore(): time, every population's named state and refractory
//     counters, the spikes in flight to every receptor, every random stream
//     that draws during runs (noise, Poisson inputs and groups, random
//     currents), the inputs' own state (an OU current's value), the spike
//     generators' positions and every monitor's records (as they were at
//     the Store) and window. A run after Restore gives the same
//     bits as the run that followed the Store, with any number of workers and
//     any kernel. Restore returns the network to the objects it had at the
//     Store: spike sources, projections, inputs and monitors added since are
//     detached (the monitors keep their records) and those a later Restore
//     detached come back. Objects added again after Restore get the same
//     random streams as they did the first time, so branches of a sweep do
//     not depend on their order. A network stopped by a *NumericalError
//     runs again after Restore.
//
// # Writes
//
// One rule covers every write. The network's objects (Network, Population,
// Projection, the spike sources and the monitors) have no exported fields:
// what configures one is given to the call that makes it (New,
// AddPopulation, Connect, MonitorState, ...) or changed by a setter
// (Network.SetWorkers, SetMaxBytes and SetProgress; Population.Set,
// SetV, SetThreshold, SetSyn and SetModel; PoissonGroup.SetRate; a
// monitor's Stop and Start), and their state and records are read through
// methods that return copies (Population.State and Spikes,
// SpikeMonitor.T and I, StateMonitor.Values, RateMonitor.Rate, ...), so
// writing into what a method returned changes nothing. Parameter structs
// (LIF, AdaptiveLIF, Receptor, Synapse, the connectors and inputs) are
// values: the network keeps its own copy of what it is given.
//
// Every setter, and every call that adds to a built network, checks its
// value at once with the checks Build applies, validating into temporaries
// and committing only a consistent whole (as NEST's SetStatus): it either
// makes the whole change, recomputing what derives from it, or returns an
// error that names the object, the parameter, its value and the allowed
// range, changes nothing (a Store before and after it are equal, bit for
// bit), and is returned by the next Run too.
//
// # Conventions
//
// Slices of neuron indices are []int32 everywhere (SpikeMonitor.I,
// StateMonitor.Neurons, SpikeGenerator indices, Projection.Targets,
// SynapseList, FromList); a single index is an int. Every time, delay and
// sampling interval is in ms and must be a whole number of steps of dt
// where the engine needs one (delays, MonitorState's interval,
// MonitorRate's bin, RandomCurrent's period).
//
// Connectivity can be read back as arrays (Projection.Synapses: pre, post,
// weight, delay, like Brian2's S.i, S.j, S.w) and given as arrays
// (FromList), in the same order, so one rebuilds the other.
//
// # Update order
//
// Time advances on an integer clock: step n takes the network from
// t_n = n·dt to t_{n+1}. Each step runs, in this order:
//
//  1. Populations (in parallel over fixed blocks of neurons): the inputs of
//     the block write its external current and Poisson arrivals; each
//     neuron integrates its membrane from t_n to t_{n+1}; synaptic currents
//     and conductances decay and take the arrivals of this step; delta
//     arrivals make V jump; a neuron with V ≥ V_th spikes at t_{n+1}, is
//     reset to V_reset and clamped there for t_ref.
//  2. Spike generators emit the spikes that fall in (t_n, t_{n+1}].
//  3. Projections deliver this step's spikes into the ring buffers of their
//     target receptors, d steps ahead (d ≥ 1), so a spike at t arrives
//     at t + d·dt. A population's delta receptors share one ring buffer:
//     their arrivals all make V jump, so one sum serves them. With several
//     workers, each delivers into the neurons
//     whose blocks it steps, so every neuron sums its arrivals in the same
//     order whatever the number of workers; and it delivers step n's spikes
//     just before it steps its blocks for step n+1, after the monitors
//     recorded step n, so that the workers meet once a step. Neither the
//     monitors nor the generators read a ring buffer, so no result can
//     tell the two orders apart.
//  4. Monitors record spikes and the state at t_{n+1}.
//
// # Integration schemes
//
// This section describes the LIF; AdaptiveLIF applies the same two ideas
// to its (V, w) system (see its doc).
//
// Populations whose receptors are all delta or current-based are
// integrated exactly on the time grid: the propagators exp(−dt/τ_m),
// exp(−dt/τ_syn) and the current-to-voltage terms are computed once before
// the run (Rotter & Diesmann 1999, as in NEST's iaf_psc_delta and
// iaf_psc_exp); the external current is constant within a step.
//
// Populations with a conductance receptor use exponential Euler on the
// total conductance: within a step the conductances are frozen at their
// values at t_n, so V relaxes exactly towards
// V_∞ = (g_L·E_L + Σ g_k·E_k + I)/(g_L + Σ g_k) with time constant
// C/(g_L + Σ g_k). V_∞ is a weighted mean of the reversal potentials (plus
// the current term), so with I = 0 V stays between the lowest and highest
// reversal potential at any dt. Conductances then decay exactly. The error
// is first order in dt·dg/dt only; at dt = 0.1 ms it is well below a
// percent of the PSP amplitude.
//
// # Kernels
//
// Each LIF population is stepped by one kernel, chosen by Build from its
// receptors (kernel_lif.go): a loop over the structure-of-arrays state with
// the propagators computed before the run. Two receptors of one kind (the
// usual excitatory/inhibitory pair) get a fused single-loop kernel. Built
// with GOEXPERIMENT=simd on amd64 (the Makefile, the notebooks' kernel and
// the Docker image set it), that kernel steps eight neurons per
// instruction on a CPU with AVX-512, four with AVX2, and runs the portable
// kernels on any other (kernel_simd.go asks the CPU before any SIMD
// instruction runs; Go 1.26's experimental API, so later Go versions build
// the portable kernels); SIMD reports whether the SIMD kernels run. Every
// kernel does the same arithmetic in the same order, without fused
// multiply-adds (TestArithmeticIsPinned), so on one machine all give the
// same bits (TestKernelsAgreeBitForBit); across machines, see
// Reproducibility.
//
// # Reproducibility
//
// Every random draw comes from a stream derived from the network seed and
// the identity of the object and block that draws it, never from global
// state or from the worker that runs it. The same seed gives bit-identical
// spikes whatever Workers is, and whichever kernel runs.
//
// Across machines, the engine's own arithmetic is the same everywhere, but
// the propagators and some per-step factors come from package math, whose
// Exp, Cos and Sin round the last bit differently on amd64 with FMA (every
// CPU with AVX2 or AVX-512), amd64 without FMA, and arm64. So every x86-64
// CPU since Haswell (2013) gives the same bits as any other, whether it runs
// the AVX-512, AVX2 or portable kernels; an older x86-64 CPU or an arm64
// one (Apple Silicon, Graviton) gives the same bits where its math agrees
// and may differ in the last bits where it does not: of the networks
// TestBitsAcrossArchitectures records per platform, arm64 differs for a
// current receptor of τ = 13 ms (its e^(−0.1/13)) and the adaptive neuron
// with conductance receptors (math.Exp every step) differs on each. Such a
// difference is one rounding, so spike statistics agree while individual
// spike times may, after chaos amplifies it, diverge.
//
// # Errors
//
// Bad input is returned as an error, never a panic: a parameter outside
// its range, a size that cannot be allocated, a time off the grid, an
// object of another network or one added too late (*ParamError, joined
// with errors.Join when there are several, or an error naming the call).
// TestProperty builds thousands of random networks with such values drawn
// on purpose and calls everything on them. A method called on a nil
// *Network, or on an object no Network made, is a programming error and
// panics.
//
// # Related packages
//
// The engine imports none of them: analysis computes statistics of spike
// trains (from snn's monitors or anyone's), theory gives the LIF's analytic
// results, networks builds the standard networks (EI, Brunel, the Brette et
// al. 2007 benchmarks), pynn exports a network to PyNN through the
// read-only view of network.go, chart draws, and nb is the notebooks'
// plumbing.
package snn
