package snn

import (
	"fmt"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestSizesThatCannotBeAllocated: sizes that cannot be allocated are refused before any
// allocation, naming the object, its size and the bytes it needs.
func TestSizesThatCannotBeAllocated(t *testing.T) {
	budget, _ := machineMemory()
	if budget <= 0 {
		t.Fatalf("machine memory %g", budget)
	}
	cases := []struct {
		name       string
		setup      func(net *Network)
		obj, param string
		parts      []string
	}{
		{"population of 1e12", func(net *Network) {
			net.AddPopulation("big", 1e12, DefaultLIF())
		}, `population "big"`, "N", []string{"1000000000000", "int32"}},
		{"population of 3e9 (beyond int32 indices)", func(net *Network) {
			net.AddPopulation("big", 3e9, DefaultLIF())
		}, `population "big"`, "N", []string{"2147483647"}},
		{"population of 1.5e9 (int32, but 42 GB)", func(net *Network) {
			net.SetMaxBytes(1e9)
			net.AddPopulation("big", 1.5e9, DefaultLIF())
		}, `population "big"`, "N", []string{"1500000000 neurons", "needs 42 GB", "1 GB", "Network.SetMaxBytes"}},
		{"fixed in-degree of 1e12 with multapses", func(net *Network) {
			p := net.AddPopulation("P", 1000, DefaultLIF(), Delta("d"))
			net.Connect(p, p, FixedInDegree{K: 1e12, Multapses: true}, Synapse{Receptor: "d", Weight: Const(0.1)})
		}, `projection "P->P:d"`, "synapses", []string{"1e+15 synapses", "PB"}},
		{"fixed total of 1e12 with multapses", func(net *Network) {
			p := net.AddPopulation("P", 1000, DefaultLIF(), Delta("d"))
			net.Connect(p, p, FixedTotal{N: 1e12, Multapses: true}, Synapse{Receptor: "d", Weight: Const(0.1)})
		}, `projection "P->P:d"`, "synapses", []string{"1e+12 synapses", "TB"}},
		{"ring buffers of long delays", func(net *Network) {
			net.SetMaxBytes(1 << 30)
			p := net.AddPopulation("P", 1e6, DefaultLIF(), Delta("d"))
			g := net.AddPoissonGroup("g", 10, 5)
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "d", Weight: Const(0.1), Delay: Const(100)}) // 1001 slots
		}, `population "P"`, "N", []string{"needs 8.04 GB"}},
		{"two delta receptors of long delays: one shared ring", func(net *Network) {
			net.SetMaxBytes(1 << 30)
			p := net.AddPopulation("P", 1e6, DefaultLIF(), Delta("e"), Delta("i"))
			g := net.AddPoissonGroup("g", 10, 5)
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "e", Weight: Const(0.1), Delay: Const(100)})
			net.Connect(g, p, FixedInDegree{K: 1}, Synapse{Receptor: "i", Weight: Const(-0.1), Delay: Const(50)})
		}, `population "P"`, "N", []string{"needs 8.04 GB"}},
		{"the network as a whole", func(net *Network) {
			net.SetMaxBytes(100e6)
			for i := range 4 {
				net.AddPopulation(fmt.Sprint("P", i), 1e6, DefaultLIF()) // 28 MB each
			}
		}, "network", "memory", []string{"112 MB", "≤ 100 MB", "largest: population"}},
	}
	for _, tc := range cases {
		net := New(0.1, 1)
		tc.setup(net)
		var err error
		paramtest.NoPanic(t, tc.name, func() { err = net.Run(1) })
		paramtest.WantError(t, tc.name, err, tc.obj, tc.param, tc.parts...)
		for _, p := range net.Populations() {
			if p.v != nil {
				t.Errorf("%s: population %q was allocated", tc.name, p.Name())
			}
		}
	}
}

// TestMemoryEstimate: the estimate of a mid-sized network is within a
// factor 2 of what Build really allocates (runtime.MemStats.TotalAlloc,
// temporaries included), and a budget just under it refuses the network.
func TestMemoryEstimate(t *testing.T) {
	newNet := func() *Network {
		net := New(0.1, 3)
		net.SetWorkers(1)
		e := net.AddPopulation("E", 20000, DefaultLIF(), CurrentExp("e", 5), CurrentExp("i", 10))
		g := net.AddPoissonGroup("g", 5000, 10)
		net.Connect(e, e, FixedInDegree{K: 100}, Synapse{Receptor: "e", Weight: Random(distuv.Uniform{Min: 1, Max: 2}), Delay: Random(distuv.Uniform{Min: 0.1, Max: 3})})
		net.Connect(e, e, FixedProbability{P: 0.005}, Synapse{Receptor: "i", Weight: Const(-5), Delay: Const(2)})
		net.Connect(g, e, FixedTotal{N: 300000}, Synapse{Receptor: "e", Weight: Const(3)})
		net.Inject(e, ConstantCurrent{Amplitude: Const(100)})
		return net
	}
	net := newNet()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := float64(after.TotalAlloc - before.TotalAlloc)
	if r := net.bytes / alloc; r < 0.5 || r > 2 {
		t.Errorf("estimate %s, Build allocated %s: ratio %.2f, want within [0.5, 2]", bytesString(net.bytes), bytesString(alloc), r)
	}
	t.Logf("estimate %s, allocated %s", bytesString(net.bytes), bytesString(alloc))

	small := newNet()
	small.SetMaxBytes(int64(net.bytes * 0.99))
	paramtest.WantError(t, "budget 1 % below the estimate", small.Build(), "network", "memory")
	fits := newNet()
	fits.SetMaxBytes(int64(net.bytes * 1.01))
	if err := fits.Build(); err != nil {
		t.Errorf("budget 1 %% above the estimate: %v", err)
	}
}

// TestStateRecordingsMustFit: a Run whose state monitors would record more
// than the budget is refused before it starts, and a shorter one runs.
func TestStateRecordingsMustFit(t *testing.T) {
	net := New(0.1, 1)
	net.SetMaxBytes(50e6)
	p := net.AddPopulation("P", 1000, DefaultLIF())
	all := make([]int32, 1000)
	for i := range all {
		all[i] = int32(i)
	}
	net.MonitorState(p, "V", all, 0.1)
	paramtest.WantError(t, "1e5 steps of 1000 neurons", net.Run(10000), "Run", "duration", "state monitor V of \"P\"", "801 MB", "more than 50 MB")
	if net.Steps() != 0 {
		t.Errorf("the refused run took %d steps", net.Steps())
	}
	if err := net.Run(100); err != nil {
		t.Errorf("a run that fits: %v", err)
	}
}
