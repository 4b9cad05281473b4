// Package pynn exports an snn network as a PyNN 0.10 model, so that the
// same network runs on NEST, NEURON or Brian2, on one machine or under
// MPI (README.md in this folder walks through it). It reads the network
// only through snn's public, read-only view (Network.Populations,
// Sources, Projections and Monitors; Population.Inputs, InputCurrents and
// State; Projection.Pre, Post, Receptor, Delays and Edges;
// SpikeGenerator.Schedule; SpikeMonitor.Neurons), which any other exporter
// can use too.
//
// Export writes into a folder:
//
//   - network.py, the script (the same for every network);
//   - network.json, the sidecar: units, dt, seed, duration, every population
//     with its PyNN cell and parameters, every source, projection, input
//     and spike monitor, each with its snn name and PyNN label;
//   - the edges of each projection, the exact synapses (pre, post, weight,
//     delay) in PyNN units: <label>.edges, or with Options.Ranks > 1 only
//     their split by target neuron, <label>.edges.<r> (every edge is
//     written once);
//   - the data of the inputs PyNN cannot draw again identically: initial V
//     (<pop>.v0), per-neuron constant currents (<pop>.ioffset, PyNN's
//     i_offset), spike generators (<gen>.spikes, SpikeSourceArray) and
//     RandomCurrent draws (one StepCurrentSource per neuron).
//
// Export checks everything before it writes anything, writes into a new
// folder beside the target and renames it into place: on an error nothing
// is left, and a folder holding an earlier export (network.json and
// network.py) is replaced whole, the outputs of its runs included. A
// folder holding other files, or a file, is refused. Every PyNN label and
// file name belongs to one object: two objects that would share one (the
// populations "a b" and "a_b" are both labelled pop_a_b) are refused with
// an error naming both. Options.Duration takes what Network.Run takes
// (finite, a whole number of steps, at most the steps a network can take),
// and more than 0; the draws of a RandomCurrent, which network.py holds in
// memory, must fit in the network's memory budget (Network.SetMaxBytes, else
// this machine's memory). A value network.json or a data file cannot hold
// (not finite) is an error naming its object.
//
// Models: a LIF population with delta receptors becomes IF_curr_delta
// (NEST's iaf_psc_delta), current receptors IF_curr_exp (iaf_psc_exp),
// conductance receptors IF_cond_exp (iaf_cond_exp). Units become PyNN's:
// C_m pF → nF, current weights pA → nA, conductance weights nS → µS,
// currents pA → nA; mV and ms stay. A conductance receptor with the higher
// reversal potential is PyNN's excitatory one; for current and delta
// receptors the sign of the weights arriving at it decides (PyNN wants
// inhibitory weights ≤ 0).
//
// An AdaptiveLIF population with conductance receptors (or none) becomes
// EIF_cond_exp_isfa_ista (NEST's aeif_cond_exp) with delta_T = 0, which
// has no exponential current on NEST and NEURON and spikes at v_thresh;
// a in nS, b in nA, v_spike = v_thresh; w starts at snn's w (0 unless Set
// between Build and the export). With current or delta receptors, which
// PyNN's standard cells do not combine with adaptation, it becomes NEST's
// own aeif_psc_exp or aeif_psc_delta (Δ_T = 0, V_peak = V_th, NEST's
// units: pF, nS, pA), built with sim.native_cell_type on the nest backend;
// on neuron and brian2 the script stops with a message naming the
// population and saying to use conductance receptors. pyNN.brian2 0.10
// cannot hold delta_T = 0 (its equations divide by it): on brian2 the
// script stops at any adaptive population, saying to use nest or neuron.
// NEST takes V_th as the threshold when Delta_T = 0 (pre_run_hook, or
// calibrate in older versions, of
// models/aeif_psc_exp.cpp, aeif_psc_delta.cpp and aeif_cond_exp.cpp in
// nest/nest-simulator) and holds V at V_reset while w evolves during the
// refractory period, as snn does; pyNN.neuron's AdExpIF
// (pyNN/neuron/nmodl/adexp.mod) drops its exponential current at
// delta = 0, watches v > vthresh, and clamps V to vreset with a large
// conductance while w evolves. The cell's "notes" in network.json say
// where NEURON and NEST integrate the model otherwise than snn: NEURON
// may hold V at v_spike + 10 mV for up to a step at a spike, and
// integrates w by implicit Euler; NEST uses an adaptive Runge–Kutta
// method. (Measured on NEURON: one neuron's ISIs within one step of
// snn's.)
//
// pyNN.neuron has no IF_curr_delta: the script stops there with a message
// saying to use nest or brian2. pyNN.nest 0.10 multiplies every weight by
// 1000 (nA → pA) and undoes it for IF_curr_delta (its receptor_scale), so
// delta weights go to it in mV; it does not undo it for a native cell, so
// the script divides the weights onto aeif_psc_delta by 1000. (The nest
// path is tested against a stand-in pyNN package that records what the
// script passes, snn/pynn/testdata/pyNN; NEST itself is not installed here.)
//
// Not exported, and an error naming the population: thresholds other than
// the model's V_th (SetThreshold) and receptor states other than 0
// (SetSyn).
//
// # Delays
//
// In snn a spike emitted at the end of step n (time t) with a delay of d
// steps (at least one, the default) arrives at t + d·dt: the receptor
// takes it at the end of step n+d and the membrane feels it from step
// n+d+1. On NEST a delay is the same d·dt: NEST stamps a spike with the end
// of its step and delivers it in the step that ends at the stamp plus the
// delay (a delay of one step, dt, is NEST's least and legal between MPI
// ranks). NEURON's fixed step delivers an event due at t_e at the end of
// the step whose end t has t_e ≤ t + dt/2, the same step as snn, but it
// refuses a delay between MPI ranks that does not exceed dt by more than
// 10⁻¹⁰ ms ("mindelay is 0 (or less than dt for fixed step method)",
// BBS::netpar_solve), so network.py adds NEURONDelaySlack (10⁻⁹ ms) to
// every delay on NEURON; the spikes still land in the same step, within a
// rank and across ranks (TestPyNNRanks: a chain of one- to three-step
// delays fires step for step as on snn, at 1 to 4 ranks). Brian2 takes d·dt.
// network.py passes min_delay (the smallest delay, dt where a PoissonInput
// is exported) to sim.setup.
//
// # Seeds
//
// network.json's seed s (Network.Seed) seeds every backend: NEST's
// rng_seed = s mod (2^32 − 1) + 1 (NEST draws per virtual process, so its
// Poisson spikes and noise change with the number of ranks and threads);
// on NEURON each SpikeSourcePoisson cell draws its own Random123 stream,
// keyed by its Poisson population, its index and s, so its spikes are the
// same at any number of ranks (pyNN.neuron's default gives every cell of
// a rank one stream seeded by the rank alone); Brian2 is seeded with
// s mod 2^32; NoisyCurrentSource's noise on NEURON and Brian2 is drawn by
// numpy, seeded with s, the population and the source, on every rank
// alike. The same seed and the same number of ranks give the same spikes,
// different seeds different ones (checked on NEURON and, for a Poisson
// group, on Brian2; NEST is not installed here). On NEURON the spikes
// are the same at any number of ranks too, except that NEURON rounds spike
// times to the step between ranks, so a Poisson spike within 10⁻⁹ ms
// before the middle of a step arrives one step later within a rank than
// across ranks (a chance of 10⁻⁸ a spike at dt = 0.1 ms). Inputs exported
// as data (constant, timed and random currents, spike generators, initial
// V) give the same spikes at any number of ranks on every backend.
//
// # Inputs
//
// ConstantCurrent and the mean of NoisyCurrent go into i_offset; the
// noise of NoisyCurrent becomes one NoisyCurrentSource per neuron
// (pyNN.neuron plays one source's noise into every cell it is injected
// into, so a source per population would give all neurons the same noise),
// each of the same standard deviation per step,
// Sigma·√((1+e^(−dt/τ_m))/(1−e^(−dt/τ_m))), redrawn every dt: the same
// process, so the same membrane variance R²·Sigma². TimedCurrent becomes
// one StepCurrentSource; RandomCurrent one StepCurrentSource per neuron
// holding snn's own draws. PoissonInput becomes a SpikeSourcePoisson per
// neuron at N·Rate connected one to one with the weight and a delay of one
// step (snn's arrivals act in the step they are drawn; a stationary
// Poisson process does not notice the shift); a PoissonGroup a
// SpikeSourcePoisson population. Poisson spikes are drawn again by the
// simulator, so they agree with snn's in law only.
//
// # Recording
//
// Every snn.SpikeMonitor is exported. The script records each monitored
// source once and writes one file per monitor, in the export's folder: the
// first monitor of a source to <source>_spikes.csv, the k-th to
// <source>_spikes_<k>.csv (<source> the name with every character other
// than a letter, a digit or '_' replaced by '_'), in SpikeMonitor.WriteCSV's
// format ("time_ms,neuron") with its JSON sidecar ("recorded": "all", or
// the monitor's neurons), which snn.ReadSpikes and ReadTrains read. State
// and rate monitors are not exported.
//
// Not expressible, and an error naming the object and what to change: more
// than two receptors, or two of the same sign, in a population; current,
// conductance and delta receptors mixed in one population; weights of both
// signs onto one current or delta receptor; OUCurrent; inputs Export
// does not know.
//
// Export builds the network if it is not built, and must be called before
// the first Run (the exported initial state is the state at t = 0). Edges
// are streamed from the projections to the files, one synapse at a time.
package pynn
