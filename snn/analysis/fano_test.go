package analysis

import (
	"math"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

func TestFano(t *testing.T) {
	// Counts alternate 0 and 2 per 10 ms window: mean 1, variance 1 → F = 1;
	// a regular train with one spike per window has F = 0; a silent neuron
	// is left out of the mean.
	var tr []float64
	for w := 0; w < 100; w += 2 {
		tr = append(tr, float64(w*10)+1, float64(w*10)+2)
	}
	for _, c := range []struct {
		name   string
		trains [][]float64
		want   float64
	}{
		{"alternating 0 and 2", [][]float64{tr}, 1},
		{"regular", [][]float64{regular(5, 10, 100)}, 0},
		{"both, and a silent neuron", [][]float64{tr, regular(5, 10, 100), nil}, 0.5},
	} {
		f, err := Fano(c.trains, 0, 1000, 10)
		if err != nil || math.Abs(f-c.want) > 1e-12 {
			t.Errorf("Fano of %s = %g, %v; want %g", c.name, f, err, c.want)
		}
	}
	_, err := Fano([][]float64{tr}, 0, 1000, 0)
	paramtest.WantError(t, "window 0", err, "Fano", "window", "window = 0, want > 0 ms")
	_, err = Fano([][]float64{nil}, 0, 1000, 10)
	paramtest.WantError(t, "silent", err, "Fano", "spikes in [t0, t1)", "≥ 1")
}
