// Package param reports parameters outside their allowed range: Error,
// the error every package of this module returns for bad input (package
// snn names it ParamError), and Checker, which collects every such error
// of one object so that a caller learns all its mistakes at once.
package param

import (
	"errors"
	"fmt"
)

// Error reports a parameter outside its allowed range.
type Error struct {
	Object string // the object, e.g. `population "E"`
	Param  string // the parameter, e.g. "TauM"
	Value  any    // the offending value
	Want   string // the allowed range, e.g. "> 0 ms"
}

func (e *Error) Error() string {
	return fmt.Sprintf("snn: %s: %s = %v, want %s", e.Object, e.Param, e.Value, e.Want)
}

// Checker collects the parameter errors of one object, named Object in
// every error. The zero Checker (with Object set) is ready to use.
type Checker struct {
	Object string
	errs   []error
}

// Fail records that param has value, outside the range want.
func (c *Checker) Fail(param string, value any, want string) {
	c.errs = append(c.errs, &Error{Object: c.Object, Param: param, Value: value, Want: want})
}

// Finite fails unless x is a finite number, and reports whether it is.
func (c *Checker) Finite(param string, x float64, unit string) bool {
	if IsFinite(x) {
		return true
	}
	c.Fail(param, x, "a finite number"+unit)
	return false
}

// Positive fails unless x is finite and > 0.
func (c *Checker) Positive(param string, x float64, unit string) {
	if !IsFinite(x) || x <= 0 {
		c.Fail(param, x, "> 0"+unit+" and finite")
	}
}

// NonNegative fails unless x is finite and ≥ 0.
func (c *Checker) NonNegative(param string, x float64, unit string) {
	if !IsFinite(x) || x < 0 {
		c.Fail(param, x, "≥ 0"+unit+" and finite")
	}
}

// Add records the errors of err (each of them, if err joins several), as
// the checks of another object report them; a nil err adds nothing.
func (c *Checker) Add(err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		c.errs = append(c.errs, j.Unwrap()...)
		return
	}
	if err != nil {
		c.errs = append(c.errs, err)
	}
}

// OK reports whether nothing has failed.
func (c *Checker) OK() bool { return len(c.errs) == 0 }

// Errs returns the errors recorded, in order.
func (c *Checker) Errs() []error { return c.errs }

// Err returns the errors recorded, joined (errors.Join), or nil.
func (c *Checker) Err() error { return errors.Join(c.errs...) }

// IsFinite reports whether x is neither NaN nor ±Inf.
func IsFinite(x float64) bool { return x-x == 0 }
