package analysis

import (
	"math"
	"testing"
)

func TestFitPowerLaw(t *testing.T) {
	x := []float64{100, 200, 400, 800, 1600}
	y := make([]float64, len(x))
	for i := range x {
		y[i] = 7 * math.Pow(x[i], -0.5)
	}
	s, se, err := FitPowerLaw(x, y)
	if err != nil || math.Abs(s+0.5) > 1e-12 || se > 1e-12 {
		t.Errorf("exact power law: slope %g ± %g (%v), want −0.5 ± 0", s, se, err)
	}
	// Three points with log2 x = 0, 1, 2 and log2 y = 0, 1, 1: slope 1/2,
	// residuals (−1/6, 1/3, −1/6)·ln 2 give se = √(rss/1/sxx) with
	// sxx = 2 (ln 2)², rss = (1/6)(ln 2)²: se = √(1/12) ≈ 0.288675.
	s, se, err = FitPowerLaw([]float64{1, 2, 4}, []float64{1, 2, 2})
	if err != nil || math.Abs(s-0.5) > 1e-12 || math.Abs(se-math.Sqrt(1.0/12)) > 1e-12 {
		t.Errorf("slope %g ± %g (%v), want 0.5 ± %g", s, se, err, math.Sqrt(1.0/12))
	}
	for _, c := range [][2][]float64{{{1, 2}, {1, 2}}, {{1, 2, 3}, {1, 2}}, {{1, 2, 0}, {1, 2, 3}}, {{1, 2, 3}, {1, -2, 3}}, {{2, 2, 2}, {1, 2, 3}}, {{1, 2, math.NaN()}, {1, 2, 3}}} {
		if _, _, err := FitPowerLaw(c[0], c[1]); err == nil {
			t.Errorf("FitPowerLaw(%v, %v): no error", c[0], c[1])
		}
	}
}
