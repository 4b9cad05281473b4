package analysis

import (
	"math"
	"strings"
	"testing"
)

// TestSummarizeUsesTheWindow: the CV comes from the spikes in [t0, t1) only
// (it came from the whole trains: a train silent in the window got CV 0.6).
func TestSummarizeUsesTheWindow(t *testing.T) {
	irregular := []float64{1, 2, 10, 11, 30, 31, 60}
	// Spikes only outside the window: rate 0, no CV.
	s, err := Summarize([][]float64{irregular}, 100, 200)
	if err != nil || s.Rate != 0 || !math.IsNaN(s.CV) {
		t.Errorf("spikes outside the window: %v, %v; want rate 0 and CV NaN", s, err)
	}
	// Irregular before the window, regular (CV 0) inside it.
	tr := append(append([]float64{}, irregular...), regular(100, 10, 10)...)
	s, err = Summarize([][]float64{tr, tr}, 100, 200)
	if err != nil || s.CV != 0 || math.Abs(s.Rate-100) > 1e-12 {
		t.Errorf("regular in the window: %v, %v; want rate 100 Hz and CV 0", s, err)
	}
	if _, err := Summarize([][]float64{{1, math.NaN()}}, 0, 10); err == nil || !strings.Contains(err.Error(), "trains[0][1] = NaN") {
		t.Errorf("Summarize with a NaN spike time: %v, want an error naming trains[0][1]", err)
	}
}
