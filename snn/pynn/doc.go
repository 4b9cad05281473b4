// Package pynn exports an snn network as a PyNN 0.10 model, so that the
// same network runs on NEST, NEURON or Brian2 (`mpirun -np 64 python3
// network.py nest` on a cluster). It reads the network only through snn's
// public, read-only view (Network.Populations, Sources, Projections and
// Monitors; Population.Inputs, InputCurrents and State; Projection.Pre,
// Post, Receptor, Delays and Edges; SpikeGenerator.Schedule;
// SpikeMonitor.Neurons), which any other exporter can use too.
//
// Export writes into a folder:
//
//   - network.py, the script (the same for every network);
//   - network.json, the sidecar: units, dt, seed, duration, every population
//     with its PyNN cell and parameters, every source, projection, input
//     and recorded source, each with its snn name and PyNN label;
//   - one edge file per projection, <label>.edges: the exact synapses
//     (pre, post, weight, delay) in PyNN units, for FromFileConnector;
//   - the data of the inputs PyNN cannot draw again identically: initial V
//     (<pop>.v0), per-neuron constant currents (<pop>.ioffset, PyNN's
//     i_offset), spike generators (<gen>.spikes, SpikeSourceArray) and
//     RandomCurrent draws (one StepCurrentSource per neuron).
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
// Inputs: ConstantCurrent and the mean of NoisyCurrent go into i_offset;
// the noise of NoisyCurrent becomes one NoisyCurrentSource per neuron
// (pyNN.neuron plays one source's noise into every cell it is injected
// into, so a source per population would give all neurons the same noise),
// each of the same standard deviation per step,
// Sigma·√((1+e^(−dt/τ_m))/(1−e^(−dt/τ_m))), redrawn every dt: the same
// process, so the same membrane variance
// R²·Sigma². TimedCurrent becomes one StepCurrentSource; RandomCurrent one
// StepCurrentSource per neuron holding snn's own draws. PoissonInput
// becomes a SpikeSourcePoisson per neuron at N·Rate connected one to one
// with the weight and a delay of dt (snn's arrivals act in the same step);
// a PoissonGroup a SpikeSourcePoisson population. Poisson spikes are drawn
// again by the simulator, so they agree with snn's in law only.
//
// Recording: every snn.SpikeMonitor's source records spikes, and the script
// writes them as <source>_spikes.csv in SpikeMonitor.WriteCSV's format
// ("time_ms,neuron"), which snn.ReadSpikesCSV reads (and ReadTrains, as one
// train per neuron of a recorded source). State and rate monitors are not
// exported.
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
