package analysis

import (
	"reflect"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

func TestRates(t *testing.T) {
	tr := [][]float64{regular(0, 10, 100), regular(5, 20, 50), {}}
	r, err := Rates(tr, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{100, 50, 0}; !reflect.DeepEqual(r, want) {
		t.Errorf("Rates = %v, want %v", r, want)
	}
	// [t0, t1): a spike at t0 counts, one at t1 does not.
	r, err = Rates([][]float64{{10, 20, 30}}, 10, 30)
	if err != nil || r[0] != 100 {
		t.Errorf("Rates of spikes at 10, 20, 30 in [10, 30) = %v, %v; want [100] Hz", r, err)
	}
	m, err := MeanRate(tr, 0, 1000)
	if err != nil || m != 50 {
		t.Errorf("MeanRate = %g, %v; want 50 Hz", m, err)
	}
	_, err = MeanRate(nil, 0, 1000)
	paramtest.WantError(t, "MeanRate of no trains", err, "MeanRate", "trains", "≥ 1 spike train")
}

func TestTrains(t *testing.T) {
	tr, err := Trains([]float64{1, 2, 3, 4}, []int32{2, 0, 2, 0}, 4)
	if want := [][]float64{{2, 4}, nil, {1, 3}, nil}; err != nil || !reflect.DeepEqual(tr, want) {
		t.Errorf("Trains = %v, %v; want %v", tr, err, want)
	}
	_, err = Trains([]float64{1, 2}, []int32{0, 3}, 3)
	paramtest.WantError(t, "neuron 3 of 3", err, "Trains", "I[1]", "in [0, 3)")
	_, err = Trains([]float64{1}, nil, 3)
	paramtest.WantError(t, "lengths", err, "Trains", "len(I)", "len(T) = 1")
	_, err = Trains(nil, nil, -1)
	paramtest.WantError(t, "n = −1", err, "Trains", "n")
	if tr, err := Trains(nil, nil, 0); err != nil || len(tr) != 0 {
		t.Errorf("no spikes of no neurons: %v, %v", tr, err)
	}
}
