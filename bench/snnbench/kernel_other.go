//go:build !(goexperiment.simd && amd64 && !go1.27)

package main

// kernel names the kernels snn runs: without Go 1.26's simd experiment on
// amd64, the portable ones.
func kernel() string { return "portable" }
