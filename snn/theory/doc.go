// Package theory gives the analytic results of the leaky integrate-and-fire
// neuron that simulations are checked against: the noise-free rate
// (AnalyticRate), the first-passage rate and CV under white noise
// (Siegert, SiegertCV), the diffusion approximation of Poisson inputs
// (Diffusion), the stationary state of Brunel's sparse E/I network
// (MeanField), and the simulated single-neuron measures they are compared
// with (PSP, MatchPSP, FICurve).
//
// Units are snn's: ms, mV, pA, pF, GΩ and Hz. Every function returns an
// error naming itself, the parameter and the allowed range (a
// *snn.ParamError) for an invalid model or input.
package theory
