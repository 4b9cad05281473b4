package analysis

import (
	"fmt"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// ISIs returns all interspike intervals (ms) of all neurons. It does not
// check the trains: intervals of a train that is not ascending are
// negative, and those next to a spike time that is not finite are not
// finite (CV and MeanCV check).
func ISIs(trains [][]float64) []float64 {
	var out []float64
	for _, tr := range trains {
		for k := 1; k < len(tr); k++ {
			out = append(out, tr[k]-tr[k-1])
		}
	}
	return out
}

// CV returns the coefficient of variation (std/mean) of the interspike
// intervals of one train; it needs at least 3 spikes, finite and ascending,
// and intervals whose mean is above 0.
func CV(train []float64) (float64, error) {
	return cv("CV", "train", train)
}

func cv(fn, name string, train []float64) (float64, error) {
	if len(train) < 3 {
		return 0, &param.Error{Object: fn, Param: "len(" + name + ")", Value: len(train), Want: "≥ 3 spikes (two intervals)"}
	}
	if err := checkTrain(fn, name, train); err != nil {
		return 0, err
	}
	if span := train[len(train)-1] - train[0]; span == 0 || !isFinite(span) {
		return 0, &param.Error{Object: fn, Param: name, Value: fmt.Sprintf("spikes from %g to %g ms", train[0], train[len(train)-1]), Want: "a finite span > 0 ms (the CV of intervals that are all 0 is undefined)"}
	}
	m, s := stat.PopMeanStdDev(ISIs([][]float64{train}), nil)
	return s / m, nil
}

// MeanCV returns the mean ISI CV over the neurons with at least 3 spikes,
// and how many neurons that was.
func MeanCV(trains [][]float64) (float64, int, error) {
	if err := checkSorted("MeanCV", trains); err != nil {
		return 0, 0, err
	}
	var cvs []float64
	for i, tr := range trains {
		if len(tr) < 3 {
			continue
		}
		c, err := cv("MeanCV", fmt.Sprintf("trains[%d]", i), tr)
		if err != nil {
			return 0, 0, err
		}
		cvs = append(cvs, c)
	}
	if len(cvs) == 0 {
		return 0, 0, &param.Error{Object: "MeanCV", Param: "neurons with ≥ 3 spikes", Value: 0, Want: "≥ 1"}
	}
	return stat.Mean(cvs, nil), len(cvs), nil
}
