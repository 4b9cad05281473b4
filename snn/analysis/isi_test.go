package analysis

import (
	"math"
	"reflect"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

func TestCV(t *testing.T) {
	if cv, err := CV(regular(0, 10, 100)); err != nil || cv != 0 {
		t.Errorf("CV of a regular train = %g, %v; want 0", cv, err)
	}
	// ISIs alternating 5 and 15: mean 10, sd 5 → CV 0.5 exactly.
	alt := []float64{0}
	for k := 0; k < 100; k++ {
		alt = append(alt, alt[len(alt)-1]+5+10*float64(k%2))
	}
	if cv, err := CV(alt); err != nil || math.Abs(cv-0.5) > 1e-12 {
		t.Errorf("CV = %g, %v; want 0.5", cv, err)
	}
	_, err := CV([]float64{1, 2})
	paramtest.WantError(t, "CV of 2 spikes", err, "CV", "len(train)", "≥ 3 spikes")
}

func TestISIsAndMeanCV(t *testing.T) {
	if got, want := ISIs([][]float64{{1, 3, 7}, {2}, {0, 10}}), []float64{2, 4, 10}; !reflect.DeepEqual(got, want) {
		t.Errorf("ISIs = %v, want %v", got, want)
	}
	// A regular train (CV 0), one with ISIs 5 and 15 alternating (CV 0.5),
	// and one of two spikes, left out: mean 0.25 over 2 neurons.
	cv, n, err := MeanCV([][]float64{regular(0, 10, 10), {0, 5, 20, 25, 40}, {1, 2}})
	if err != nil || n != 2 || math.Abs(cv-0.25) > 1e-12 {
		t.Errorf("MeanCV = %g over %d neurons, %v; want 0.25 over 2", cv, n, err)
	}
	_, _, err = MeanCV([][]float64{{1, 2}})
	paramtest.WantError(t, "MeanCV without a neuron of 3 spikes", err, "MeanCV", "neurons with ≥ 3 spikes", "≥ 1")
}
