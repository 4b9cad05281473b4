package analysis

import (
	"math"
	"reflect"
	"testing"
)

func TestHistograms(t *testing.T) {
	e, c, err := Histogram([]float64{0, 0.5, 1, 1.5, 2, 7}, 0, 2, 2)
	if err != nil || !reflect.DeepEqual(e, []float64{0, 1, 2}) || !reflect.DeepEqual(c, []float64{2, 3}) {
		t.Errorf("Histogram = %v %v %v, want [0 1 2] [2 3]", e, c, err)
	}
	lo, ic, err := IntHistogram([]int{3, 5, 5, 4, 5})
	if err != nil || lo != 3 || !reflect.DeepEqual(ic, []float64{1, 1, 3}) {
		t.Errorf("IntHistogram = %d %v, want 3 [1 1 3]", lo, ic)
	}
	if _, _, err := Histogram(nil, 1, 1, 3); err == nil {
		t.Error("empty range: want an error")
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
