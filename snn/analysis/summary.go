package analysis

import (
	"fmt"
	"math"
	"slices"
)

// Summary holds the usual statistics of a population's spiking in a window
// [t0, t1). A statistic that the spikes in the window cannot give is NaN.
type Summary struct {
	Rate float64 // mean rate (Hz)
	CV   float64 // mean ISI CV over neurons with ≥ 3 spikes in the window (NaN if none)
	Fano float64 // Fano factor of counts in 50 ms windows (NaN if silent or t1 − t0 < 100 ms)
	Chi  float64 // Golomb's χ from spikes filtered with τ = 5 ms (NaN if silent)
}

func (s Summary) String() string {
	return fmt.Sprintf("rate %.2f Hz, CV %.2f, Fano %.2f, χ %.3f", s.Rate, s.CV, s.Fano, s.Chi)
}

// Summarize computes a Summary of spike trains over [t0, t1): every
// statistic from the spikes in the window only. Trains and window are
// checked as by MeanRate (an error for no trains, a spike time that is not
// finite or not ascending, or an empty window).
func Summarize(trains [][]float64, t0, t1 float64) (Summary, error) {
	var s Summary
	var err error
	if s.Rate, err = MeanRate(trains, t0, t1); err != nil {
		return s, fmt.Errorf("Summarize: %w", err)
	}
	nan := math.NaN()
	in := make([][]float64, len(trains))
	for i, tr := range trains {
		a, _ := slices.BinarySearch(tr, t0)
		b, _ := slices.BinarySearch(tr, t1)
		in[i] = tr[a:b]
	}
	if s.CV, _, err = MeanCV(in); err != nil {
		s.CV = nan
	}
	if s.Fano, err = Fano(trains, t0, t1, 50); err != nil {
		s.Fano = nan
	}
	if s.Chi, err = SpikeSynchrony(trains, t0, t1, 1, 5); err != nil {
		s.Chi = nan
	}
	return s, nil
}
