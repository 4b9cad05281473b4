package analysis

import (
	"math"
	"testing"
)

func TestMeanSE(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		x        []float64
		mean, se float64
	}{
		// 2, 4, 6: mean 4, sample variance (4 + 0 + 4)/2 = 4, s.e. 2/√3.
		{[]float64{2, 4, 6}, 4, 2 / math.Sqrt(3)},
		{[]float64{5, 5, 5, 5}, 5, 0},
		// 1, 3: sample sd √2, s.e. √2/√2 = 1.
		{[]float64{1, 3}, 2, 1},
		{[]float64{7}, 7, nan},
		{nil, nan, nan},
	} {
		m, se := MeanSE(c.x)
		if !same(m, c.mean) || !same(se, c.se) {
			t.Errorf("MeanSE(%v) = %g ± %g, want %g ± %g", c.x, m, se, c.mean, c.se)
		}
	}
}

// same reports whether a and b agree to 1e-15 relative, or are both NaN.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-15*math.Abs(b)
}
