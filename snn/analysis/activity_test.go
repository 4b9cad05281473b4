package analysis

import (
	"math"
	"reflect"
	"testing"
)

func TestActivityAndPSTH(t *testing.T) {
	// 10 neurons, 3 spikes in [0,10), 1 in [10,20): A = 30 Hz then 10 Hz.
	T, A, err := Activity([]float64{1, 2, 9.9, 15}, 10, 0, 20, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(T, []float64{0, 10}) || math.Abs(A[0]-30) > 1e-12 || math.Abs(A[1]-10) > 1e-12 {
		t.Errorf("Activity = %v %v, want [0 10] [30 10]", T, A)
	}
	// Smoothing preserves a constant activity.
	var times []float64
	for k := 0; k < 100; k++ {
		times = append(times, float64(k)+0.5)
	}
	_, A, _ = Activity(times, 1, 0, 100, 1, 3)
	for k, a := range A {
		if math.Abs(a-1000) > 1e-9 {
			t.Fatalf("smoothed constant activity A[%d] = %g, want 1000", k, a)
		}
	}
	_, r, _ := PSTH([][]float64{{1, 6}, {2}}, 0, 10, 5)
	if math.Abs(r[0]-200) > 1e-12 || math.Abs(r[1]-100) > 1e-12 {
		t.Errorf("PSTH = %v, want [200 100] Hz", r)
	}
}
