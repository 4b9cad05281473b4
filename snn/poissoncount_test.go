package snn

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The sampler's counts follow Poisson(λ): a χ² goodness-of-fit test over
// the counts with expected frequency ≥ 5 (the rest pooled), at the 1e-4
// level, for means on both sides of maxTable.
func TestCountSamplerIsPoisson(t *testing.T) {
	for _, lambda := range []float64{0.001, 0.3, 2, 9.5, 29.9, 45} {
		s, g := newCountSampler(lambda), rand.New(rand.NewPCG(7, uint64(lambda*1000)))
		const n = 200_000
		hist := map[int]int{}
		sum := 0.0
		for range n {
			k := s.draw(g)
			hist[int(k)]++
			sum += k
		}
		if mean := sum / n; math.Abs(mean-lambda) > 5*math.Sqrt(lambda/n) {
			t.Errorf("λ = %g: mean %g, want λ within 5 standard errors", lambda, mean)
		}
		pois := distuv.Poisson{Lambda: lambda}
		chi2, df := 0.0, -1
		restObs, restExp := 0.0, 0.0
		for k := 0; k < int(lambda+20*math.Sqrt(lambda)+20); k++ {
			e, o := n*pois.Prob(float64(k)), float64(hist[k])
			if e < 5 {
				restObs, restExp = restObs+o, restExp+e
				continue
			}
			chi2 += (o - e) * (o - e) / e
			df++
		}
		if restExp >= 5 {
			chi2 += (restObs - restExp) * (restObs - restExp) / restExp
			df++
		}
		if df < 1 {
			continue // λ = 0.001: only k = 0 and 1 matter; the mean test covers it
		}
		if crit := (distuv.ChiSquared{K: float64(df)}).Quantile(1 - 1e-4); chi2 > crit {
			t.Errorf("λ = %g: χ² = %.1f with %d degrees of freedom, above the 1e-4 critical value %.1f", lambda, chi2, df, crit)
		}
	}
}

func TestCountSamplerInversion(t *testing.T) {
	s := newCountSampler(2)
	e2 := math.Exp(-2)
	for _, c := range []struct{ u, want float64 }{
		{0, 0}, {math.Nextafter(e2, 0), 0}, {e2 + 1e-12, 1}, {3*e2 + 1e-12, 2}, // P(X ≤ 1) = 3e^−2
	} {
		if got := s.invert(c.u); got != c.want {
			t.Errorf("invert(%v) = %g, want %g", c.u, got, c.want)
		}
	}
	// The largest u below 1 lands beyond the table (or at its last entry)
	// and still gives a finite count.
	if k := s.invert(math.Nextafter(1, 0)); !(k >= float64(len(s.cdf)-1) && k < 100) {
		t.Errorf("invert(1−ε) = %g, want ≥ %d and finite", k, len(s.cdf)-1)
	}
}

func BenchmarkCountSampler(b *testing.B) {
	for _, lambda := range []float64{0.5, 2, 10} {
		b.Run("table/λ="+ftoa(lambda), func(b *testing.B) {
			s, g := newCountSampler(lambda), rand.New(rand.NewPCG(1, 2))
			for b.Loop() {
				s.draw(g)
			}
		})
		b.Run("gonum/λ="+ftoa(lambda), func(b *testing.B) {
			d := distuv.Poisson{Lambda: lambda, Src: rand.New(rand.NewPCG(1, 2))}
			for b.Loop() {
				d.Rand()
			}
		})
	}
}
