package snn

import "testing"

func TestBretteNetworksAreActive(t *testing.T) {
	// Self-sustained asynchronous activity: E and I rates between 2 and 40 Hz
	// and within 15 % of each other (homogeneous neurons, same inputs), and
	// irregular firing (CV > 0.3); ≈ 0.02·N² synapses.
	for _, kind := range []ReceptorKind{DeltaKind, CurrentKind, ConductanceKind} {
		net, e, i, err := Brette{Kind: kind, N: 4000, P: 0.02, Dt: 0.1, Seed: 1}.Build()
		if err != nil {
			t.Fatal(err)
		}
		se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
		if err := net.Run(1000); err != nil {
			t.Fatal(err)
		}
		re, _ := MeanRate(se.Trains(), 200, 1000)
		ri, _ := MeanRate(si.Trains(), 200, 1000)
		cv, _, _ := MeanCV(se.Trains())
		syn := 0
		for _, pr := range net.Projections() {
			syn += pr.Len()
		}
		if want := 0.02 * 4000 * 3999; float64(syn) < want*0.99 || float64(syn) > want*1.01 {
			t.Errorf("%v: %d synapses, want %.0f ± 1 %%", kind, syn, want)
		}
		if re < 2 || re > 40 || ri/re < 0.85 || ri/re > 1.15 || cv < 0.3 {
			t.Errorf("%v: rate E %.2f I %.2f Hz, CV %.3f: want 2–40 Hz, I/E within 15 %%, CV > 0.3", kind, re, ri, cv)
		}
	}
}
