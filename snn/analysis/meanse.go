package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// MeanSE returns the mean of x and its standard error, the sample
// standard deviation (n − 1 in the denominator) divided by √n: the
// "mean ± s.e." of a measure repeated over seeds or neurons. With one
// value the standard error is NaN, with none the mean too.
func MeanSE(x []float64) (mean, se float64) {
	mean, sd := stat.MeanStdDev(x, nil)
	return mean, sd / math.Sqrt(float64(len(x)))
}
