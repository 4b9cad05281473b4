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
