//go:build !(goexperiment.simd && amd64)

package snn

// vectorLanes is the width of the SIMD kernels: this build has none. Build
// with GOEXPERIMENT=simd on amd64 to get them (kernel_simd.go).
const vectorLanes = 0

// stepVector is the SIMD kernel; this build has none, so it does nothing.
func (p *Population) stepVector(out *blockOut, lo, hi int) int { return 0 }
