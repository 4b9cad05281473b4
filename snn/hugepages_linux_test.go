package snn

import (
	"syscall"
	"testing"
)

// BenchmarkFirstTouch measures what a process pays the first time it
// writes a page of fresh memory: it maps 16 MB, writes one byte in every
// 4 KB page, and unmaps it, and reports µs per page. A short run spends
// much of its time here: the COBA N = 4000 process (build + 1 s) takes
// about 2,900 page faults, and on this virtual machine each costs
// 15–20 µs, where bare metal takes well under 1 µs. hugepage: the same
// pages with MADV_HUGEPAGE (2.7–11 µs per 4 KB here; the networks' arrays
// of 8 MB and more ask for it, adviseHugePages).
func BenchmarkFirstTouch(b *testing.B) {
	const n, page = 16 << 20, 4096
	for _, huge := range []bool{false, true} {
		name := map[bool]string{false: "4K", true: "hugepage"}[huge]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				m, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
				if err != nil {
					b.Fatal(err)
				}
				if huge {
					_ = syscall.Madvise(m, syscall.MADV_HUGEPAGE)
				}
				for i := 0; i < n; i += page {
					m[i] = 1
				}
				if err := syscall.Munmap(m); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(b.N)/(n/page), "µs/page")
		})
	}
}
