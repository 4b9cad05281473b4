package snn

import "testing"

func TestBretteNetworksAreActive(t *testing.T) {
	// Self-sustained asynchronous activity: E and I rates between 2 and 40 Hz
	// and within 15 % of each other (homogeneous neurons, same inputs), and
	// irregular firing (CV > 0.3); ≈ 0.02·N² synapses.
	for _, kind := range []ReceptorKind{DeltaKind, CurrentKind, ConductanceKind} {
		re, ri, cv, syn := runBrette(t, kind, 1)
		if want := 0.02 * 4000 * 3999; float64(syn) < want*0.99 || float64(syn) > want*1.01 {
			t.Errorf("%v: %d synapses, want %.0f ± 1 %%", kind, syn, want)
		}
		if re < 2 || re > 40 || ri/re < 0.85 || ri/re > 1.15 || cv < 0.3 {
			t.Errorf("%v: rate E %.2f I %.2f Hz, CV %.3f: want 2–40 Hz, I/E within 15 %%, CV > 0.3", kind, re, ri, cv)
		}
	}
}

// runBrette runs the N = 4000, p = 0.02 network for 1 s and returns the E
// and I rates and the E CV over [200, 1000) ms, and the synapse count.
func runBrette(t *testing.T, kind ReceptorKind, seed uint64) (rateE, rateI, cvE float64, synapses int) {
	t.Helper()
	net, e, i, err := Brette{Kind: kind, N: 4000, P: 0.02, Dt: 0.1, Seed: seed}.Build()
	if err != nil {
		t.Fatal(err)
	}
	se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
	if err := net.Run(1000); err != nil {
		t.Fatal(err)
	}
	rateE, _ = MeanRate(se.Trains(), 200, 1000)
	rateI, _ = MeanRate(si.Trains(), 200, 1000)
	cvE, _, _ = MeanCV(se.Trains())
	for _, pr := range net.Projections() {
		synapses += pr.Len()
	}
	return rateE, rateI, cvE, synapses
}
