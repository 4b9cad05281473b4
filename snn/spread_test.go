package snn

import (
	"errors"
	"math"
	"testing"
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
		var pe *ParamError
		if _, err := Spread(bad); !errors.As(err, &pe) || pe.Object != "Spread" {
			t.Errorf("Spread(%v): error %v, want a ParamError of Spread", bad, err)
		}
	}
}

func TestDegreeHistogramAndBinomial(t *testing.T) {
	k, c, err := DegreeHistogram([]int{3, 5, 5, 7, 5})
	if err != nil || !equal(k, []float64{3, 4, 5, 6, 7}) || !equal(c, []float64{1, 0, 3, 0, 1}) {
		t.Errorf("DegreeHistogram = %v, %v, %v", k, c, err)
	}
	if _, _, err := DegreeHistogram([]int{0, 1 << 40}); err == nil {
		t.Error("DegreeHistogram over 2^40 bins: no error")
	}
	// Binomial(4, 0.5) over 16 neurons: 1, 4, 6, 4, 1.
	got, err := BinomialCounts([]float64{0, 1, 2, 3, 4}, 4, 0.5, 16)
	for j, w := range []float64{1, 4, 6, 4, 1} {
		if err != nil || math.Abs(got[j]-w) > 1e-12 {
			t.Errorf("BinomialCounts = %v, %v; want 1 4 6 4 1", got, err)
			break
		}
	}
	for _, bad := range []struct {
		n, neurons int
		p          float64
	}{{-1, 1, 0.5}, {4, 1, 1.5}, {4, 1, math.NaN()}, {4, -1, 0.5}} {
		if _, err := BinomialCounts([]float64{1}, bad.n, bad.p, bad.neurons); err == nil {
			t.Errorf("BinomialCounts(%+v): no error", bad)
		}
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
