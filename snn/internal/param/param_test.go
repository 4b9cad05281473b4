package param

import (
	"errors"
	"math"
	"testing"
)

func TestErrorText(t *testing.T) {
	e := &Error{Object: `population "E"`, Param: "TauM", Value: -1.0, Want: "> 0 ms"}
	if got, want := e.Error(), `snn: population "E": TauM = -1, want > 0 ms`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestChecker(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	cases := []struct {
		name  string
		check func(c *Checker)
		want  []string // the messages, in order
	}{
		{"nothing", func(c *Checker) {}, nil},
		{"finite ok", func(c *Checker) { c.Finite("x", -3, " mV") }, nil},
		{"finite NaN", func(c *Checker) { c.Finite("x", nan, " mV") }, []string{"snn: o: x = NaN, want a finite number mV"}},
		{"positive 0", func(c *Checker) { c.Positive("x", 0, " ms") }, []string{"snn: o: x = 0, want > 0 ms and finite"}},
		{"positive Inf", func(c *Checker) { c.Positive("x", inf, "") }, []string{"snn: o: x = +Inf, want > 0 and finite"}},
		{"positive ok", func(c *Checker) { c.Positive("x", 1e-300, "") }, nil},
		{"non-negative 0", func(c *Checker) { c.NonNegative("x", 0, "") }, nil},
		{"non-negative below", func(c *Checker) { c.NonNegative("x", -1e-300, " Hz") }, []string{"snn: o: x = -1e-300, want ≥ 0 Hz and finite"}},
		{"every failure, in order", func(c *Checker) {
			c.Fail("a", 1, "2")
			c.Positive("b", -1, "")
			c.NonNegative("c", nan, "")
		}, []string{"snn: o: a = 1, want 2", "snn: o: b = -1, want > 0 and finite", "snn: o: c = NaN, want ≥ 0 and finite"}},
		{"added joined errors are flattened", func(c *Checker) {
			other := &Checker{Object: "p"}
			other.Fail("x", 1, "0")
			other.Fail("y", 2, "0")
			c.Add(other.Err())
			c.Add(nil)
			c.Add(errors.New("plain"))
		}, []string{"snn: p: x = 1, want 0", "snn: p: y = 2, want 0", "plain"}},
	}
	for _, tc := range cases {
		c := &Checker{Object: "o"}
		tc.check(c)
		if got, want := c.OK(), len(tc.want) == 0; got != want {
			t.Errorf("%s: OK() = %v, want %v", tc.name, got, want)
		}
		if got := c.Err(); (got == nil) != (len(tc.want) == 0) {
			t.Errorf("%s: Err() = %v, want %d errors", tc.name, got, len(tc.want))
		}
		errs := c.Errs()
		if len(errs) != len(tc.want) {
			t.Errorf("%s: got %d errors %v, want %d", tc.name, len(errs), errs, len(tc.want))
			continue
		}
		for k, e := range errs {
			if e.Error() != tc.want[k] {
				t.Errorf("%s: error %d: got %q, want %q", tc.name, k, e.Error(), tc.want[k])
			}
		}
	}
}

func TestIsFinite(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want bool
	}{{0, true}, {-math.MaxFloat64, true}, {math.SmallestNonzeroFloat64, true}, {math.Inf(1), false}, {math.Inf(-1), false}, {math.NaN(), false}} {
		if got := IsFinite(tc.x); got != tc.want {
			t.Errorf("IsFinite(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}
