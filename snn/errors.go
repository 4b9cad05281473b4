package snn

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"

	"github.com/snn-sim/snn/snn/internal/param"
)

// ParamError reports a parameter outside its allowed range: the object
// (e.g. `population "E"`), the parameter (e.g. "TauM"), the offending
// value and the allowed range (e.g. "> 0 ms"). Every package of this
// module reports bad input with it.
type ParamError = param.Error

// ErrBuildFailed is wrapped by Run when the network could not be built.
var ErrBuildFailed = errors.New("snn: network build failed")

// NumericalError reports a state variable that became NaN or infinite.
type NumericalError struct {
	Population string
	Neuron     int
	Time       float64 // ms
	Value      float64

	step int64   // Time is step·dt
	dt   float64 // ms; 0 if unknown
}

func (e *NumericalError) Error() string {
	return fmt.Sprintf("snn: population %q: neuron %d: V = %v at t = %s ms (not finite); run stopped", e.Population, e.Neuron, e.Value, stepTime(e.step, e.dt, e.Time))
}

// stepTime formats the time of step s, s·dt, as the exact decimal product
// of s and the shortest decimal form of dt ("5.1" for step 51 of dt = 0.1,
// where the float64 product prints as 5.1000000000000005); t with %g when
// dt is 0.
func stepTime(s int64, dt, t float64) string {
	if dt <= 0 || !isFinite(dt) {
		return fmt.Sprintf("%g", t)
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(dt, 'g', -1, 64))
	if !ok {
		return fmt.Sprintf("%g", t)
	}
	r.Mul(r, new(big.Rat).SetInt64(s))
	prec := 0 // dt is a decimal, so some power of 10 makes r whole
	for x, ten := new(big.Rat).Set(r), big.NewRat(10, 1); !x.IsInt() && prec < 400; prec++ {
		x.Mul(x, ten)
	}
	return r.FloatString(prec)
}

// checker collects the parameter errors of one object (Object): Fail,
// Finite, Positive and NonNegative record them, Err joins them.
type checker = param.Checker

func isFinite(x float64) bool { return param.IsFinite(x) }
