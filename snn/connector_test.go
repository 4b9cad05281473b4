package snn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// wire builds a projection pre → post with rule and returns it.
func wire(t testing.TB, seed uint64, nPre, nPost int, self bool, rule Connector) *Projection {
	t.Helper()
	net := New(0.1, seed)
	post := net.AddPopulation("post", nPost, DefaultLIF(), Delta("d"))
	var pre SpikeSource = post
	if !self {
		pre = net.AddPopulation("pre", nPre, DefaultLIF())
	}
	pr := net.Connect(pre, post, rule, Synapse{Receptor: "d", Weight: Const(0.1)})
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	return pr
}

// checkRows verifies the CSR invariants: rows ascending, targets in range,
// no autapse or repeated pair unless allowed.
func checkRows(t testing.TB, pr *Projection, self, autapses, multapses bool) {
	t.Helper()
	for i := 0; i < pr.pre.Size(); i++ {
		row := pr.Targets(i)
		for k, j := range row {
			if j < 0 || int(j) >= pr.post.n {
				t.Fatalf("row %d: target %d out of [0, %d)", i, j, pr.post.n)
			}
			if k > 0 && (j < row[k-1] || (!multapses && j == row[k-1])) {
				t.Fatalf("row %d: targets %v not ascending/distinct", i, row)
			}
			if self && !autapses && int(j) == i {
				t.Fatalf("row %d: autapse", i)
			}
		}
	}
}

func TestAllToAllCounts(t *testing.T) {
	for _, tc := range []struct {
		self, aut bool
		want      int
	}{{false, false, 30 * 40}, {true, false, 40 * 39}, {true, true, 40 * 40}} {
		pr := wire(t, 1, 30, 40, tc.self, AllToAll{Autapses: tc.aut})
		if pr.Len() != tc.want {
			t.Errorf("self=%v autapses=%v: %d synapses, want %d", tc.self, tc.aut, pr.Len(), tc.want)
		}
		checkRows(t, pr, tc.self, tc.aut, false)
	}
}

func TestFixedInDegreeExactlyK(t *testing.T) {
	for _, tc := range []struct {
		self, aut, multi bool
		n, k             int
	}{{true, false, false, 500, 50}, {true, false, false, 100, 99}, {false, false, false, 300, 300}, {true, true, true, 200, 400}} {
		pr := wire(t, 7, tc.n, tc.n, tc.self, FixedInDegree{K: tc.k, Autapses: tc.aut, Multapses: tc.multi})
		for j, d := range pr.InDegrees() {
			if d != tc.k {
				t.Fatalf("%+v: neuron %d has in-degree %d, want %d", tc, j, d, tc.k)
			}
		}
		checkRows(t, pr, tc.self, tc.aut, tc.multi)
	}
}

func TestFixedOutDegreeAndTotalAndOneToOne(t *testing.T) {
	pr := wire(t, 3, 200, 200, true, FixedOutDegree{K: 20})
	for i, d := range pr.OutDegrees() {
		if d != 20 {
			t.Fatalf("out-degree of %d = %d, want 20", i, d)
		}
	}
	checkRows(t, pr, true, false, false)
	pr = wire(t, 3, 50, 60, false, FixedTotal{N: 2900})
	if pr.Len() != 2900 {
		t.Errorf("FixedTotal: %d synapses, want 2900", pr.Len())
	}
	checkRows(t, pr, false, false, false)
	pr = wire(t, 3, 50, 50, false, OneToOne{})
	for i := 0; i < 50; i++ {
		if tg := pr.Targets(i); len(tg) != 1 || int(tg[0]) != i {
			t.Fatalf("OneToOne row %d = %v, want [%d]", i, tg, i)
		}
	}
}

func TestFixedProbabilityBinomialInDegrees(t *testing.T) {
	// In-degrees are Binomial(N−1, p) (no autapses): mean and variance within
	// 4 standard errors, over several seeds.
	const n, p = 2000, 0.05
	m := float64(n - 1)
	mean, variance := m*p, m*p*(1-p)
	for seed := uint64(1); seed <= 4; seed++ {
		deg := wire(t, seed, n, n, true, FixedProbability{P: p}).InDegrees()
		var s, s2 float64
		for _, d := range deg {
			s += float64(d)
		}
		mu := s / n
		for _, d := range deg {
			s2 += (float64(d) - mu) * (float64(d) - mu)
		}
		v := s2 / (n - 1)
		seMean := math.Sqrt(variance / n)
		// Var of the sample variance ≈ (μ4 − σ⁴(n−3)/(n−1))/n; for a binomial μ4 = σ²(1+3(m−2)pq).
		mu4 := variance * (1 + 3*(m-2)*p*(1-p))
		seVar := math.Sqrt((mu4 - variance*variance*(n-3)/(n-1)) / n)
		if math.Abs(mu-mean) > 4*seMean {
			t.Errorf("seed %d: mean in-degree %.3f, want %.3f ± %.3f", seed, mu, mean, 4*seMean)
		}
		if math.Abs(v-variance) > 4*seVar {
			t.Errorf("seed %d: in-degree variance %.3f, want %.3f ± %.3f", seed, v, variance, 4*seVar)
		}
	}
	if l := wire(t, 1, 100, 100, true, FixedProbability{P: 1}).Len(); l != 100*99 {
		t.Errorf("P=1: %d synapses, want %d", l, 100*99)
	}
	if l := wire(t, 1, 100, 100, true, FixedProbability{P: 0}).Len(); l != 0 {
		t.Errorf("P=0: %d synapses, want 0", l)
	}
}

func FuzzFixedInDegree(f *testing.F) {
	f.Add(uint64(1), uint16(10), uint16(5), true, false, false)
	f.Add(uint64(2), uint16(1), uint16(1), false, false, false)
	f.Fuzz(func(t *testing.T, seed uint64, n, k uint16, self, aut, multi bool) {
		nn, kk := int(n%300)+1, int(k%300)
		rule := FixedInDegree{K: kk, Autapses: aut, Multapses: multi}
		c := &checker{}
		rule.check(c, nn, nn, self)
		if c.Err() != nil {
			return
		}
		pr := wire(t, seed, nn, nn, self, rule)
		for j, d := range pr.InDegrees() {
			if d != kk {
				t.Fatalf("neuron %d: in-degree %d, want %d", j, d, kk)
			}
		}
		checkRows(t, pr, self, aut, multi)
	})
}

func FuzzFixedProbability(f *testing.F) {
	f.Add(uint64(1), uint16(100), 0.1, true, false)
	f.Fuzz(func(t *testing.T, seed uint64, n uint16, p float64, self, aut bool) {
		if !(p >= 0 && p <= 1) {
			return
		}
		nn := int(n%400) + 1
		pr := wire(t, seed, nn, nn, self, FixedProbability{P: p, Autapses: aut})
		checkRows(t, pr, self, aut, false)
		if max := nn * partners(nn, self, aut); pr.Len() > max {
			t.Fatalf("%d synapses, more than the %d pairs", pr.Len(), max)
		}
	})
}

func TestSamplerDistinctUniform(t *testing.T) {
	// Every candidate is chosen with probability k/n: counts within 5 σ.
	const n, k, reps = 20, 5, 20000
	s, g := newSampler(n), rand.New(rand.NewPCG(1, 2))
	counts := make([]int, n)
	dst := make([]uint32, k)
	for r := 0; r < reps; r++ {
		s.draw(dst, g, 7, true, false)
		for _, x := range dst {
			counts[x]++
		}
	}
	p := float64(k) / (n - 1)
	sd := math.Sqrt(reps * p * (1 - p))
	for x, c := range counts {
		if x == 7 {
			if c != 0 {
				t.Fatalf("self chosen %d times", c)
			}
			continue
		}
		if math.Abs(float64(c)-reps*p) > 5*sd {
			t.Errorf("candidate %d chosen %d times, want %.0f ± %.0f", x, c, reps*p, 5*sd)
		}
	}
}

// BenchmarkConnect: building connectivity alone.
func BenchmarkConnect(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
		rule Connector
	}{
		{"FixedProbability/N=4000/p=0.02", 4000, FixedProbability{P: 0.02}},
		{"FixedInDegree/N=4000/K=80", 4000, FixedInDegree{K: 80}},
		{"FixedInDegree/N=100000/K=1000", 100_000, FixedInDegree{K: 1000}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if testing.Short() && tc.n > 10_000 {
				b.Skip("large: skipped with -short")
			}
			for b.Loop() {
				pr := wire(b, 1, tc.n, tc.n, true, tc.rule)
				b.ReportMetric(float64(pr.Len()), "synapses")
				b.ReportMetric(pr.BytesPerSynapse(), "B/synapse")
			}
		})
	}
}
