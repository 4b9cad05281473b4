// Package networks builds the standard networks of the literature as snn
// networks: a homogeneous excitatory–inhibitory network of any model,
// receptor kind and connection rule (EI), the sparse network of Brunel
// (2000) (Brunel), and the benchmark networks of Brette et al. (2007)
// (Benchmark).
//
// Every preset has one shape: a struct of parameters whose Build checks
// them and returns the network with its excitatory and inhibitory
// populations, "E" and "I", ready for monitors, or an error naming the
// parameter. The first Run validates and allocates the rest, as for any
// snn network.
package networks
