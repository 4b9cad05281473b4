package analysis

import (
	"math"
	"reflect"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

func TestQuantiles(t *testing.T) {
	x := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6} // 1 … 10
	for _, c := range []struct {
		q, want []float64
	}{
		{[]float64{0, 1}, []float64{1, 10}},
		// stat.Empirical: the smallest value with a fraction ≥ q at or below it.
		{[]float64{0.5, 0.05, 0.1, 0.11, 0.99}, []float64{5, 1, 1, 2, 10}},
		{nil, []float64{}},
	} {
		got, err := Quantiles(x, c.q...)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Quantiles(1…10, %v) = %v, %v; want %v", c.q, got, err, c.want)
		}
	}
	if x[0] != 5 || x[9] != 6 {
		t.Errorf("Quantiles sorted its argument: %v", x)
	}
	_, err := Quantiles(nil, 0.5)
	paramtest.WantError(t, "no values", err, "Quantiles", "len(x)", "≥ 1 value")
	_, err = Quantiles(x, 0.5, 1.5)
	paramtest.WantError(t, "q = 1.5", err, "Quantiles", "q[1]", "in [0, 1]")
	_, err = Quantiles(x, math.NaN())
	paramtest.WantError(t, "q = NaN", err, "Quantiles", "q[0]")
	_, err = Quantiles([]float64{1, math.Inf(1)}, 0.5)
	paramtest.WantError(t, "x with +Inf", err, "Quantiles", "x[1]", "a finite number")
}

// TestSinceQuantiles: a neuron relaxing from −50 mV towards E_L = −65 mV,
// V(t) = −65 + 15·e^{−t/20}, sampled every 1 ms as a state monitor holds
// it, twice: the samples at t ≥ 10 ms pool 182 values, whose empirical
// median is the 91st smallest, V at t = 55 ms.
func TestSinceQuantiles(t *testing.T) {
	v := func(tm float64) float64 { return -65 + 15*math.Exp(-tm/20) }
	var T, x []float64
	for k := 1; k <= 100; k++ {
		T, x = append(T, float64(k)), append(x, v(float64(k)))
	}
	pool := Since(T, [][]float64{x, x}, 10)
	if len(pool) != 182 {
		t.Fatalf("Since(10 ms): %d samples, want 182", len(pool))
	}
	got, err := Quantiles(pool, 0, 0.5, 1)
	if want := []float64{v(100), v(55), v(10)}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("quantiles %v, %v; want %v", got, err, want)
	}
	for _, c := range []struct {
		t0   float64
		want int
	}{{0, 200}, {10.5, 180}, {100, 2}, {100.5, 0}, {math.Inf(-1), 200}, {math.NaN(), 0}} {
		if got := len(Since(T, [][]float64{x, x}, c.t0)); got != c.want {
			t.Errorf("Since(%g ms): %d samples, want %d", c.t0, got, c.want)
		}
	}
	// A trace shorter than the times, or longer, gives only its samples
	// that have a time.
	if got, want := Since([]float64{1, 2, 3}, [][]float64{{10}, {10, 20, 30, 40}}, 2), []float64{20, 30}; !reflect.DeepEqual(got, want) {
		t.Errorf("Since with uneven traces = %v, want %v", got, want)
	}
}
