// Package analysis computes statistics of spike trains and sampled traces:
// rates, irregularity (CV, Fano factor), synchrony, population activity,
// spectra, histograms, fits, and the mean ± standard error of repeated
// measures. It imports no simulator, so it reads snn's monitors, snn's CSV
// files and other simulators' output alike.
//
// A spike train is a []float64 of spike times in ms, ascending (as
// snn.SpikeMonitor.Trains returns them, one per neuron), and a window
// [t0, t1) is in ms. Every function returns an error naming itself, the
// parameter and the allowed range (a *snn.ParamError) when the window, a
// bin or the data cannot give an answer: a spike time that is not finite
// or not ascending (one linear pass over the trains), a window whose
// length is not finite, or more than 1e8 bins or windows (or more than the
// memory available holds).
package analysis
