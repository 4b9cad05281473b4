package analysis

import (
	"errors"
	"math"
	"testing"

	"github.com/snn-sim/snn/snn/internal/param"
)

func TestSpread(t *testing.T) {
	s, err := Spread([]float64{0, 2, 4, 0, 9})
	// mean 3, variance (9 + 1 + 1 + 9 + 36)/5 = 11.2
	if err != nil || s.N != 5 || s.Silent != 2 || math.Abs(s.Mean-3) > 1e-15 || math.Abs(s.SD-math.Sqrt(11.2)) > 1e-14 {
		t.Errorf("Spread = %+v, %v; want N 5, mean 3, sd √11.2, 2 silent", s, err)
	}
	if f := s.SilentFraction(); f != 0.4 {
		t.Errorf("SilentFraction = %g, want 0.4", f)
	}
	if got, want := s.String(), "rate 3.0 ± 3.3 Hz (sd across neurons), 2/5 silent"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	for _, bad := range [][]float64{nil, {1, -1}, {math.NaN()}, {math.Inf(1)}} {
		var pe *param.Error
		if _, err := Spread(bad); !errors.As(err, &pe) || pe.Object != "Spread" {
			t.Errorf("Spread(%v): error %v, want a ParamError of Spread", bad, err)
		}
	}
}
