package theory

import (
	"testing"

	"github.com/snn-sim/snn/snn"
)

// benchCases are the (μ, σ) of data/reference/siegert.csv (refLIF).
var benchCases = [][2]float64{{-53, 4}, {-50, 2}, {-45, 5}, {-58, 1.5}, {-30, 8}}

func BenchmarkSiegert(b *testing.B) {
	for b.Loop() {
		for _, c := range benchCases {
			Siegert(refLIF, c[0], c[1])
		}
	}
}

func BenchmarkSiegertCV(b *testing.B) {
	for b.Loop() {
		for _, c := range benchCases {
			SiegertCV(refLIF, c[0], c[1])
		}
	}
}

// BenchmarkSiegertCVExtreme: inputs on which the first version ran for
// minutes (issue #12).
func BenchmarkSiegertCVExtreme(b *testing.B) {
	m := snn.DefaultLIF()
	for b.Loop() {
		for _, c := range [][2]float64{{1e6, 1}, {1e5, 1}, {-30, 1e-3}, {-55, 1e-300}} {
			SiegertCV(m, c[0], c[1])
		}
	}
}
