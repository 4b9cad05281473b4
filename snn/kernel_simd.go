//go:build goexperiment.simd && amd64 && !go1.27

package snn

import "simd/archsimd"

// vectorLanes is the width of the SIMD kernels this CPU runs: 8 float64
// lanes with AVX-512 (kernel_simd8.go), 4 with AVX2 (kernel_simd4.go,
// generated from it), or 0 (the portable kernels).
var vectorLanes = chooseLanes()

// chooseLanes is the one place that decides the lanes, and the only caller
// of the constants' fill: no SIMD instruction runs before it has asked the
// CPU what it has, so a CPU without AVX-512, or without AVX, runs the
// narrower or portable kernels instead of dying at start-up
// (TestNoSIMDBeforeCPUCheck). An AVX-512 CPU also gets the 4-lane
// constants: tests run those kernels there too.
func chooseLanes() int {
	switch {
	case archsimd.X86.AVX512():
		k8.fill()
		k4.fill()
		return 8
	case archsimd.X86.AVX2():
		k4.fill()
		return 4
	}
	return 0
}

// stepVector runs the SIMD version of the population's fused kernel on the
// neurons [lo, lo+m·lanes) of the block out, lanes at a time, and returns
// how many it did; the scalar kernel does the rest. The general kernels
// have no SIMD version (it returns 0). Each lane does the scalar kernel's
// arithmetic in the same order, without fused multiply-adds, so all give
// the same bits.
func (p *Population) stepVector(out *blockOut, lo, hi int) int {
	n := (hi - lo) / p.lanes * p.lanes
	switch {
	case p.kernel == kernelCurrentPair || p.kernel == kernelDeltaPair:
		if p.lanes == 8 {
			p.vecExactPair8(out, lo, lo+n)
		} else {
			p.vecExactPair4(out, lo, lo+n)
		}
	case p.kernel == kernelConductancePair:
		if p.lanes == 8 {
			p.vecConductancePair8(out, lo, lo+n)
		} else {
			p.vecConductancePair4(out, lo, lo+n)
		}
	default:
		return 0
	}
	return n
}

// fireLanes calls fire for the lanes set in ev of the neurons from i.
func (p *Population) fireLanes(out *blockOut, i int, ev uint8) {
	for k := 0; ev != 0; k, ev = k+1, ev>>1 {
		if ev&1 != 0 {
			p.fire(out, i+k, p.v[i+k])
		}
	}
}
