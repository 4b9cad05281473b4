//go:build goexperiment.simd && amd64 && !go1.27

package snn

import (
	"simd/archsimd"
	"testing"
)

// TestChooseLanes: the SIMD kernels' width follows the CPU, as doc.go
// promises: eight lanes with AVX-512, four with AVX2 alone, and the
// portable kernels without AVX2. (TestLanes checks it against what the
// CPU matrix of make test expects of each emulated CPU.)
func TestChooseLanes(t *testing.T) {
	want := 0
	switch {
	case archsimd.X86.AVX512():
		want = 8
	case archsimd.X86.AVX2():
		want = 4
	}
	if vectorLanes != want || SIMD() != (want > 0) {
		t.Errorf("%d lanes, SIMD() = %v; want %d lanes on this CPU (AVX-512 %v, AVX2 %v)", vectorLanes, SIMD(), want, archsimd.X86.AVX512(), archsimd.X86.AVX2())
	}
}
