package snn

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks Linux to back a large slice with 2 MB pages when it
// is first touched. Transposing 10^8 synapses into rows writes all over a
// gigabyte; with 4 KB pages nearly every write missed the TLB, and the
// transpose took 90 ns per synapse. Errors are ignored: it is advice.
func adviseHugePages[T any](s []T) {
	const huge = 2 << 20
	var zero T
	n := uintptr(len(s)) * unsafe.Sizeof(zero)
	if n < 4*huge {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
