package networks

import (
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
)

func TestBenchmarkNetworksAreActive(t *testing.T) {
	// Self-sustained asynchronous activity: E and I rates between 2 and 40 Hz
	// and within 15 % of each other (homogeneous neurons, same inputs), and
	// irregular firing (CV > 0.3); ≈ 0.02·N² synapses. COBA is bistable (a
	// seed may fall silent early, in Brian2 too): the first of seeds 1–10
	// that keeps firing is checked, and one must.
	for _, kind := range []snn.ReceptorKind{snn.DeltaKind, snn.CurrentKind, snn.ConductanceKind} {
		st := runBenchmark(t, kind, 0, 1)
		for seed := uint64(2); kind == snn.ConductanceKind && !st.alive && seed <= 10; seed++ {
			st = runBenchmark(t, kind, 0, seed)
		}
		re, ri, cv, syn := st.rateE, st.rateI, st.cvE, st.synapses
		if want := 0.02 * 4000 * 3999; float64(syn) < want*0.99 || float64(syn) > want*1.01 {
			t.Errorf("%v: %d synapses, want %.0f ± 1 %%", kind, syn, want)
		}
		if re < 2 || re > 40 || ri/re < 0.85 || ri/re > 1.15 || cv < 0.3 {
			t.Errorf("%v: rate E %.2f I %.2f Hz, CV %.3f: want 2–40 Hz, I/E within 15 %%, CV > 0.3", kind, re, ri, cv)
		}
	}
}

// bretteStats are the statistics of one run of a benchmark network over
// [200, 1000) ms: E and I rates, E ISI CV, E Fano factor (100 ms windows),
// the synapse count and whether it still fires at 1 s.
type bretteStats struct {
	rateE, rateI, cvE, fanoE float64
	synapses                 int
	alive                    bool // an E spike after 990 ms
}

// runBenchmark runs the N = 4000 network (p = 0.02, or fixed in-degree k when
// k > 0) for 1 s.
func runBenchmark(t *testing.T, kind snn.ReceptorKind, k int, seed uint64) bretteStats {
	t.Helper()
	return runBenchmarkN(t, kind, 4000, k, seed)
}

// runBenchmarkN is runBenchmark with n neurons.
func runBenchmarkN(t *testing.T, kind snn.ReceptorKind, n, k int, seed uint64) bretteStats {
	t.Helper()
	net, e, i, err := Benchmark{Kind: kind, N: n, P: 0.02, K: k, Dt: 0.1, Seed: seed}.Build()
	if err != nil {
		t.Fatal(err)
	}
	se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
	if err := net.Run(1000); err != nil {
		t.Fatal(err)
	}
	var st bretteStats
	st.rateE, _ = analysis.MeanRate(se.Trains(), 200, 1000)
	st.rateI, _ = analysis.MeanRate(si.Trains(), 200, 1000)
	st.cvE, _, _ = analysis.MeanCV(se.Trains())
	st.fanoE, _ = analysis.Fano(se.Trains(), 200, 1000, 100)
	st.alive = se.Len() > 0 && se.T()[se.Len()-1] > 990
	for _, pr := range net.Projections() {
		st.synapses += pr.Len()
	}
	return st
}
