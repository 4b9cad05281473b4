package analysis

import (
	"math"
	"testing"
)

func TestSynchronyLimits(t *testing.T) {
	x := make([]float64, 1000)
	for k := range x {
		x[k] = math.Sin(float64(k) / 30)
	}
	same := [][]float64{x, x, x, x}
	if chi, _ := Synchrony(same); math.Abs(chi-1) > 1e-12 {
		t.Errorf("χ of identical traces = %g, want 1", chi)
	}
	// Two traces in anti-phase: the mean is 0, χ = 0.
	neg := make([]float64, len(x))
	for k := range x {
		neg[k] = -x[k]
	}
	if chi, _ := Synchrony([][]float64{x, neg}); chi > 1e-12 {
		t.Errorf("χ of anti-phase traces = %g, want 0", chi)
	}
	// Identical spike trains: χ = 1.
	tr := regular(3, 17, 50)
	if chi, _ := SpikeSynchrony([][]float64{tr, tr, tr}, 0, 1000, 1, 5); math.Abs(chi-1) > 1e-12 {
		t.Errorf("SpikeSynchrony of identical trains = %g, want 1", chi)
	}
	if _, err := Synchrony(nil); err == nil {
		t.Error("Synchrony(nil): want an error")
	}
}
