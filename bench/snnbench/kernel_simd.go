//go:build goexperiment.simd && amd64 && !go1.27

package main

import (
	"simd/archsimd"

	"github.com/snn-sim/snn/snn"
)

// kernel names the kernels snn runs in this process, as snn decides them
// (snn/kernel_simd.go's chooseLanes): AVX-512 (8 lanes) where the CPU has
// it, else AVX2 (4 lanes), else the portable kernels; GODEBUG's
// cpu.avx512f=off and cpu.avx2=off switch the CPU's features off.
func kernel() string {
	switch {
	case !snn.SIMD():
		return "portable"
	case archsimd.X86.AVX512():
		return "AVX-512"
	}
	return "AVX2"
}
