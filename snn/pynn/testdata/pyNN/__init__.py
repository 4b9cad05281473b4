"""A stand-in for PyNN, for snn's tests of network.py on the nest backend.

NEST is not installed where snn is tested, so pyNN.nest cannot run there.
This package, put first on PYTHONPATH, has only a `nest` backend: it builds
nothing and simulates nothing, but records every call network.py makes
(cell types, parameters, initial values, connections with weights and
delays, current sources, recording, setup, run) and, beside each value as
given, the value NEST would receive, computed with the unit translations of
the installed PyNN's pyNN.nest (read from its source files, which this
package does not import). The record is written as JSON to the file named
by the environment variable SNN_PYNN_STUB_LOG when sim.end() is called.
"""
