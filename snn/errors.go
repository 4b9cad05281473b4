package snn

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
)

// ParamError reports a parameter outside its allowed range.
type ParamError struct {
	Object string // the object, e.g. `population "E"`
	Param  string // the parameter, e.g. "TauM"
	Value  any    // the offending value
	Want   string // the allowed range, e.g. "> 0 ms"
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("snn: %s: %s = %v, want %s", e.Object, e.Param, e.Value, e.Want)
}

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

// checker collects parameter errors for one object.
type checker struct {
	obj  string
	errs []error
}

func (c *checker) fail(param string, value any, want string) {
	c.errs = append(c.errs, &ParamError{Object: c.obj, Param: param, Value: value, Want: want})
}

// finite fails unless x is a finite number.
func (c *checker) finite(param string, x float64, unit string) bool {
	if isFinite(x) {
		return true
	}
	c.fail(param, x, "a finite number"+unit)
	return false
}

// positive fails unless x is finite and > 0.
func (c *checker) positive(param string, x float64, unit string) {
	if !isFinite(x) || x <= 0 {
		c.fail(param, x, "> 0"+unit+" and finite")
	}
}

// nonNegative fails unless x is finite and ≥ 0.
func (c *checker) nonNegative(param string, x float64, unit string) {
	if !isFinite(x) || x < 0 {
		c.fail(param, x, "≥ 0"+unit+" and finite")
	}
}

func (c *checker) err() error { return errors.Join(c.errs...) }

func isFinite(x float64) bool { return x-x == 0 }
