package analysis

import (
	"fmt"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// RateSpread describes how firing rates differ across the neurons of a
// population.
type RateSpread struct {
	N      int     // neurons
	Mean   float64 // Hz
	SD     float64 // Hz, population standard deviation across neurons
	Silent int     // neurons with rate 0 (no spike in the window)
}

// SilentFraction is Silent/N.
func (s RateSpread) SilentFraction() float64 { return float64(s.Silent) / float64(s.N) }

func (s RateSpread) String() string {
	return fmt.Sprintf("rate %.1f ± %.1f Hz (sd across neurons), %d/%d silent", s.Mean, s.SD, s.Silent, s.N)
}

// Spread returns the RateSpread of per-neuron rates (as Rates returns
// them). It needs at least one rate, all finite and ≥ 0.
func Spread(rates []float64) (RateSpread, error) {
	if len(rates) == 0 {
		return RateSpread{}, &param.Error{Object: "Spread", Param: "rates", Value: "none", Want: "≥ 1 rate"}
	}
	s := RateSpread{N: len(rates)}
	for i, r := range rates {
		if !isFinite(r) || r < 0 {
			return RateSpread{}, &param.Error{Object: "Spread", Param: fmt.Sprintf("rates[%d]", i), Value: r, Want: "≥ 0 Hz and finite"}
		}
		if r == 0 {
			s.Silent++
		}
	}
	s.Mean, s.SD = stat.PopMeanStdDev(rates, nil)
	return s, nil
}
