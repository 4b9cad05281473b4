//go:build !(goexperiment.simd && amd64)

package snn

// vectorKernels reports whether this build has SIMD kernels. Build with
// GOEXPERIMENT=simd on amd64 to get them (kernel_simd.go).
const vectorKernels = false

// stepVector is the SIMD kernel; this build has none, so it does nothing.
func (p *Population) stepVector(out *blockOut, lo, hi int) int { return 0 }
