// Package paramtest holds the test helpers of the module's packages for
// bad input: a call that must not panic or hang, and an error that must
// name an object and a parameter (a *param.Error, snn's ParamError).
package paramtest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn/internal/param"
)

// NoPanic runs f and fails the test, naming what, if it panics.
func NoPanic(t testing.TB, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: panic: %v", what, r)
		}
	}()
	f()
}

// NoHang runs f and fails the test at once, naming what, if it does not
// return within limit.
func NoHang(t testing.TB, what string, limit time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%s did not return within %v", what, limit)
	}
}

// WantError fails unless err holds (joined or wrapped) a *param.Error for
// object obj and parameter param whose message contains every one of
// parts.
func WantError(t testing.TB, what string, err error, obj, param string, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: got nil error, want one naming %s %s", what, obj, param)
		return
	}
	pe := Find(err, obj, param)
	if pe == nil {
		t.Errorf("%s: got %v, want a ParamError of %s, parameter %s", what, err, obj, param)
		return
	}
	for _, s := range parts {
		if !strings.Contains(pe.Error(), s) {
			t.Errorf("%s: %q does not contain %q", what, pe.Error(), s)
		}
	}
}

// Find returns the first *param.Error in err (joined or wrapped) for
// object obj and parameter p, or nil.
func Find(err error, obj, p string) *param.Error {
	for _, e := range Flatten(err) {
		var pe *param.Error
		if errors.As(e, &pe) && pe.Object == obj && pe.Param == p {
			return pe
		}
	}
	return nil
}

// Flatten lists err and the errors joined (errors.Join) or wrapped inside
// it, depth first.
func Flatten(err error) []error {
	out := []error{err}
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, x := range e.Unwrap() {
			out = append(out, Flatten(x)...)
		}
	case interface{ Unwrap() error }:
		if x := e.Unwrap(); x != nil {
			out = append(out, Flatten(x)...)
		}
	}
	return out
}
