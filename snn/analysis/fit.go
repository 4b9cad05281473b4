package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn/internal/param"
)

// FitPowerLaw fits y = c·x^slope by least squares on log y against log x
// and returns the slope and its standard error (from the residuals, with
// n − 2 degrees of freedom). It needs at least 3 points, all with x > 0
// and y > 0.
func FitPowerLaw(x, y []float64) (slope, stderr float64, err error) {
	if len(x) != len(y) {
		return 0, 0, &param.Error{Object: "FitPowerLaw", Param: "len(y)", Value: len(y), Want: fmt.Sprintf("len(x) = %d", len(x))}
	}
	if len(x) < 3 {
		return 0, 0, &param.Error{Object: "FitPowerLaw", Param: "points", Value: len(x), Want: "≥ 3 (a slope and its error)"}
	}
	lx, ly := make([]float64, len(x)), make([]float64, len(y))
	for i := range x {
		if !(x[i] > 0 && y[i] > 0) || !isFinite(x[i]) || !isFinite(y[i]) {
			return 0, 0, &param.Error{Object: "FitPowerLaw", Param: fmt.Sprintf("point %d", i), Value: fmt.Sprintf("(%g, %g)", x[i], y[i]), Want: "x > 0 and y > 0, finite"}
		}
		lx[i], ly[i] = math.Log(x[i]), math.Log(y[i])
	}
	if slices.Min(lx) == slices.Max(lx) {
		return 0, 0, &param.Error{Object: "FitPowerLaw", Param: "x", Value: x[0], Want: "at least two different values"}
	}
	a, b := stat.LinearRegression(lx, ly, nil, false)
	mx := stat.Mean(lx, nil)
	var rss, sxx float64
	for i := range lx {
		r := ly[i] - (a + b*lx[i])
		rss += r * r
		sxx += (lx[i] - mx) * (lx[i] - mx)
	}
	return b, math.Sqrt(rss / float64(len(lx)-2) / sxx), nil
}

// median returns the median of x (which it sorts).
func median(x []float64) float64 {
	slices.Sort(x)
	n := len(x)
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}
