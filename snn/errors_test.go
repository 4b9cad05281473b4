package snn

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestMessages: a refractory period off the grid, two times in one step
// and a numerical failure are named with their values, times as exact
// decimals (stepTime).
func TestMessages(t *testing.T) {
	net := New(0.1, 1)
	m := DefaultLIF()
	m.TRef = 0.25
	net.AddPopulation("P", 10, m)
	paramtest.WantError(t, "TRef 0.25 at dt 0.1", net.Run(1), `population "P"`, "TRef", "TRef = 0.25", "whole number of steps of dt = 0.1 ms")
	net = New(0.1, 1)
	m.TRef = 2
	net.AddPopulation("P", 10, m)
	if err := net.Run(1); err != nil {
		t.Errorf("TRef 2 at dt 0.1: %v", err)
	}

	net = New(0.1, 1)
	p := net.AddPopulation("P", 10, DefaultLIF())
	net.Inject(p, TimedCurrent{Times: []float64{1, 1.04}, Values: []float64{100, 200}})
	paramtest.WantError(t, "two times in one step", net.Run(1), `population "P"`, "TimedCurrent Times[1]", "Times[0] = 1 ms", "step 10")

	for _, tc := range []struct {
		step int64
		dt   float64
		want string
	}{{51, 0.1, "5.1"}, {3, 1e-5, "0.00003"}, {7, 0.25, "1.75"}, {10, 0.1, "1"}, {1, 1.0 / 3, "0.3333333333333333"}, {123456789, 0.01, "1234567.89"}} {
		if got := stepTime(tc.step, tc.dt, float64(tc.step)*tc.dt); got != tc.want {
			t.Errorf("stepTime(%d, %g) = %q, want %q", tc.step, tc.dt, got, tc.want)
		}
	}
	// A run that goes non-finite at step 51 prints t = 5.1 ms.
	net = New(0.1, 1)
	p = net.AddPopulation("P", 3, DefaultLIF(), Delta("d"), Delta("e"))
	gen := net.AddSpikeGenerator("g", 3, []int32{1, 1}, []float64{5, 5})
	net.Connect(gen, p, OneToOne{}, Synapse{Receptor: "d", Weight: Const(-math.MaxFloat64), Delay: Const(0.1)})
	net.Connect(gen, p, OneToOne{}, Synapse{Receptor: "e", Weight: Const(-math.MaxFloat64), Delay: Const(0.1)})
	err := net.Run(10)
	var ne *NumericalError
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "at t = 5.1 ms") {
		t.Errorf("got %v, want a NumericalError at t = 5.1 ms", err)
	}
}
