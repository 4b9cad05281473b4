package snn_test

import (
	"fmt"

	"github.com/snn-sim/snn/snn"
)

// A sweep that warms up once and branches: the warm-up is not recorded,
// each branch restores the warmed-up state and adds its own input and
// monitor, and a branch run twice gives the same spikes.
func ExampleNetwork_Store() {
	net := snn.New(0.1, 1)
	e := net.AddPopulation("E", 100, snn.DefaultLIF(), snn.CurrentExp("syn", 5))
	net.Connect(e, e, snn.FixedInDegree{K: 10}, snn.Synapse{Receptor: "syn", Weight: snn.Const(20), Delay: snn.Const(1.5)})
	net.Inject(e, snn.NoisyCurrent{Mean: snn.Const(300), Sigma: 150})
	warm := net.MonitorSpikes(e)
	warm.Stop() // do not record the warm-up
	chk := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	chk(net.Run(200))
	chk(net.Store("warm"))
	count := func(extra float64) int {
		chk(net.Restore("warm")) // back to 200 ms, without the last branch's input and monitor
		chk(net.Inject(e, snn.ConstantCurrent{Amplitude: snn.Const(extra)}))
		sp := net.MonitorSpikes(e)
		chk(net.Run(100))
		return sp.Len()
	}
	a, b, a2 := count(0), count(200), count(0)
	fmt.Println(warm.Len(), a > 0, b > a, a == a2, net.Time())
	// Output: 0 true true true 300
}
