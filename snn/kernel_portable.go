//go:build !(goexperiment.simd && amd64 && !go1.27)

package snn

// vectorLanes is the width of the SIMD kernels: this build has none. Build
// with GOEXPERIMENT=simd on amd64 to get them (kernel_simd.go). They are
// written against Go 1.26's experimental simd/archsimd, whose API may
// change: later Go versions get these portable kernels until checked.
const vectorLanes = 0

// stepVector is the SIMD kernel; this build has none, so it does nothing.
func (p *Population) stepVector(out *blockOut, lo, hi int) int { return 0 }
