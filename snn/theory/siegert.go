package theory

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// Siegert returns the stationary firing rate (Hz) of a LIF neuron driven by
// white noise, whose free membrane potential (threshold out of reach) has
// mean mu and standard deviation sigma (mV): the first-passage-time result
// (Siegert 1951; Brunel 2000)
//
//	1/ν = t_ref + τ_m·√π·∫_{y_r}^{y_θ} e^{u²}(1 + erf u) du,  y = (V − mu)/(σ√2),
//
// evaluated as ∫ erfcx(−u) du. For snn.NoisyCurrent{Mean, Sigma}:
// mu = E_L + R·Mean, sigma = R·Sigma. sigma = 0 gives the noise-free rate.
//
// Every finite input gives an answer with bounded work: the integral is
// taken by quadrature (at most 2000 intervals) only over u ∈ [−25, 26],
// where its integrand is well scaled; below −25 (strong mean drive, little
// noise) by the integrated asymptotic series of erfcx, which tends to the
// noise-free rate as σ → 0; above y_θ = 26 (deep below threshold) by the
// Kramers form 1/ν ≈ t_ref + τ_m√π·e^{y_θ²}/y_θ·(1 + 1/(2y_θ²) + 3/(4y_θ⁴) + …),
// which gives 0 only where the rate underflows the float range. The result
// agrees with 30-digit reference values (data/reference/siegert.csv) to
// 1e-12 relative, and the regimes agree with each other at their borders
// to 1e-12. It returns an error for an invalid model, a mean that is not
// finite, a negative or non-finite sigma, and a rate that is not
// representable.
func Siegert(m snn.LIF, mu, sigma float64) (float64, error) {
	if err := checkSiegert("Siegert", m, mu, sigma); err != nil {
		return 0, err
	}
	if sigma == 0 {
		return noiseFree("Siegert", m, mu)
	}
	p := newPassage(m, mu, sigma)
	return p.rate("Siegert")
}

// SiegertCV returns the coefficient of variation of the interspike
// intervals for the same neuron and input as Siegert (Brunel 2000, eq. A.6):
//
//	CV² = 2π(ν·τ_m)²·∫_{y_r}^{y_θ} e^{x²} ∫_{−∞}^{x} e^{y²}(1 + erf y)² dy dx.
//
// The inner integral is taken as ∫_0^∞ e^{2xt−t²} erfcx(t − x)² dt
// (y = x − t) by quadrature for x ∈ [−25, y_θ]; below −25 its integrated
// asymptotic series is used, so that the CV tends to its small-noise form
// ν·τ_m·σ·√(1/(μ−V_θ)² − 1/(μ−V_r)²) as σ → 0 above threshold. Far below
// threshold the escape process becomes Poisson: 1 − CV < 4ν·τ_m for
// y_θ ≥ 3.5, so where ν·τ_m < 1e-18 the CV is returned as 1. sigma = 0
// gives the limit σ → 0: 0 at or above threshold (regular firing, or a
// rate and CV vanishing together at threshold), 1 below it (rare Poisson
// escapes). The result agrees with
// data/reference/siegert.csv to 1e-12 relative; errors as for Siegert.
func SiegertCV(m snn.LIF, mu, sigma float64) (float64, error) {
	if err := checkSiegert("SiegertCV", m, mu, sigma); err != nil {
		return 0, err
	}
	if sigma == 0 { // the limit σ → 0
		if _, err := noiseFree("SiegertCV", m, mu); err != nil {
			return 0, err
		}
		if mu < m.VTh {
			return 1, nil
		}
		return 0, nil
	}
	p := newPassage(m, mu, sigma)
	nu, err := p.rate("SiegertCV")
	if err != nil {
		return 0, err
	}
	nt := nu * 1e-3 * m.TauM
	if nt < 1e-18 {
		return 1, nil
	}
	cv, ok := p.cv(nt)
	if !ok || !isFinite(cv) {
		return 0, &param.Error{Object: "SiegertCV", Param: "CV", Value: cv, Want: fmt.Sprintf("finite: no converged value for mu = %g mV, sigma = %g mV", mu, sigma)}
	}
	return cv, nil
}

func checkSiegert(fn string, m snn.LIF, mu, sigma float64) error {
	c := &param.Checker{Object: fn}
	c.Add(m.Validate(fn))
	c.Finite("mu", mu, " mV")
	c.NonNegative("sigma", sigma, " mV")
	return c.Err()
}

// Bounds of the three regimes of the first-passage integrals, in units of
// y = (V − μ)/(σ√2).
const (
	yAsym    = 25 // below −yAsym erfcx(−u) is its asymptotic series
	yKramers = 26 // above it the rate is its Kramers form
)

// passage is the first-passage problem of a LIF neuron with mean mu and
// noise sigma > 0, both finite.
type passage struct {
	m         snn.LIF
	mu, sigma float64
	a, b      float64 // y_θ and y_r; ±Inf when sigma is tiny
}

func newPassage(m snn.LIF, mu, sigma float64) passage {
	// Divide twice: σ√2 could overflow.
	return passage{m: m, mu: mu, sigma: sigma,
		a: (m.VTh - mu) / sigma / math.Sqrt2, b: (m.VReset - mu) / sigma / math.Sqrt2}
}

// rate returns ν (Hz), or an error naming fn when it is not representable.
func (p passage) rate(fn string) (float64, error) {
	var nu float64
	ok := true
	if p.a > yKramers {
		nu = p.kramersRate()
	} else {
		var I float64
		I, ok = p.integral()
		nu = 1000 / (p.m.TRef + p.m.TauM*math.Sqrt(math.Pi)*I)
	}
	if !ok || !isFinite(nu) || nu < 0 {
		return 0, &param.Error{Object: fn, Param: "rate", Value: nu, Want: fmt.Sprintf("finite: no representable rate for mu = %g mV, sigma = %g mV with TauM = %g ms, TRef = %g ms", p.mu, p.sigma, p.m.TauM, p.m.TRef)}
	}
	return nu, nil
}

// kramersRate is ν for y_θ > yKramers: ∫_{y_r}^{y_θ} erfcx(−u) du =
// e^{a²}/a·D(a) + O(ln|y_r|), D(a) = Σ (2k−1)!!/(2a²)^k the asymptotic
// series of 2a·Dawson(a); the O(ln|y_r|) part is below e^{−600} of the sum.
func (p passage) kramersRate() float64 {
	a := p.a
	if a > 1e150 {
		return 0
	}
	z := 1 / (2 * a * a)
	d, term := 1.0, 1.0
	for k := 1; k <= 10; k++ {
		term *= float64(2*k-1) * z
		d += term
	}
	L := math.Log(p.m.TauM*math.Sqrt(math.Pi)) + a*a - math.Log(a) + math.Log(d) // ln(τ√π·I)
	if L < 700 {
		return 1000 / (p.m.TRef + math.Exp(L))
	}
	e := math.Exp(-L)
	return 1000 * e / (1 + p.m.TRef*e)
}

// integral returns ∫_{y_r}^{y_θ} erfcx(−u) du for y_θ ≤ yKramers, and
// whether the quadrature converged.
func (p passage) integral() (float64, bool) {
	var tail, body float64
	ok := true
	if p.b < -yAsym {
		lnBA, iA2, iB2, delta := p.tailTerms()
		// ∫_A^B erfcx(X) dX = (1/√π)[ln(B/A) + Σ_k c_k (A^{−2k} − B^{−2k})/(2k)],
		// c_k = (−1)^k (2k−1)!!/2^k, from erfcx(X) = (1/(X√π)) Σ_k c_k X^{−2k}.
		sum, c := lnBA, 1.0
		for k := 1; k <= 8; k++ {
			c *= -float64(2*k-1) / 2
			sum += c * delta * powSum(iA2, iB2, k-1) / float64(2*k)
		}
		tail = sum / math.Sqrt(math.Pi)
	}
	if p.a > -yAsym {
		body, ok = integrate(func(u float64) float64 { return erfcx(-u) }, math.Max(p.b, -yAsym), p.a, 1e-12)
	}
	return tail + body, ok
}

// tailTerms returns, for the part y ∈ [y_r, min(y_θ, −yAsym)] of the
// integrals, with A = max(−y_θ, yAsym) and B = −y_r: ln(B/A), A^{−2},
// B^{−2} and A^{−2} − B^{−2}, each computed without overflow, underflow
// of the logarithm, or cancellation.
func (p passage) tailTerms() (lnBA, iA2, iB2, delta float64) {
	m := p.m
	dr := p.mu - m.VReset           // > 0
	rr := p.sigma * math.Sqrt2 / dr // 1/B
	iB2 = rr * rr
	if p.a <= -yAsym {
		dt := p.mu - m.VTh // > 0
		w := m.VTh - m.VReset
		rt := p.sigma * math.Sqrt2 / dt // 1/A
		iA2 = rt * rt
		lnBA = math.Log1p(w / dt)
		delta = iA2 * (w / dr) * (1 + dt/dr) // (B² − A²)/(A²B²)
		return
	}
	iA2 = 1.0 / (yAsym * yAsym)
	lnBA = math.Log(dr) - math.Log(p.sigma) - math.Log(math.Sqrt2*yAsym) // σ√2 may be subnormal
	return lnBA, iA2, iB2, iA2 - iB2
}

// powSum returns Σ_{i=0}^{n} x^i y^{n−i} (so that (x − y)·powSum = x^{n+1} − y^{n+1}).
func powSum(x, y float64, n int) float64 {
	s, xi := 0.0, 1.0
	for i := 0; i <= n; i++ {
		s += xi * math.Pow(y, float64(n-i))
		xi *= x
	}
	return s
}

// cvTailCoeffs are g_j with e^{x²}∫_{−∞}^{x} e^{y²}(1+erf y)² dy =
// (1/π) Σ_j g_j X^{−3−2j} as x = −X → −∞: from G' = 2xG + erfcx(−x)²,
// 2g_k = s_k − (2k+1)g_{k−1}, s_k the coefficients of (Σ c_k X^{−2k})².
var cvTailCoeffs = func() []float64 {
	const n = 12
	c := make([]float64, n)
	c[0] = 1
	for k := 1; k < n; k++ {
		c[k] = -c[k-1] * float64(2*k-1) / 2
	}
	g := make([]float64, n)
	for k := range g {
		var s float64
		for i := 0; i <= k; i++ {
			s += c[i] * c[k-i]
		}
		if k == 0 {
			g[k] = s / 2
		} else {
			g[k] = (s - float64(2*k+1)*g[k-1]) / 2
		}
	}
	return g
}()

// cv returns the CV given ν·τ_m = nt, and whether the quadrature converged.
func (p passage) cv(nt float64) (float64, bool) {
	if p.a <= -yAsym {
		// Everything in the asymptotic tail: CV² = 2π·nt²·(1/π) Σ_j g_j
		// (A^{−2−2j} − B^{−2−2j})/(2+2j), with A^{−2} factored out so that
		// nothing underflows as σ → 0.
		m := p.m
		dr, dt := p.mu-m.VReset, p.mu-m.VTh
		rt := p.sigma * math.Sqrt2 / dt
		_, iA2, iB2, _ := p.tailTerms()
		q := ((m.VTh - m.VReset) / dr) * (1 + dt/dr) // delta/iA2
		var sum float64
		for j, g := range cvTailCoeffs {
			sum += g * powSum(iA2, iB2, j) / float64(2+2*j)
		}
		return nt * rt * math.Sqrt(2*q*sum), true
	}
	var J float64
	if p.b < -yAsym {
		_, iA2, iB2, delta := p.tailTerms()
		for j, g := range cvTailCoeffs {
			J += g * delta * powSum(iA2, iB2, j) / float64(2+2*j)
		}
		J /= math.Pi
	}
	ok := true
	body, okBody := integrate(func(x float64) float64 {
		// G(x) = ∫_0^T e^{2xt−t²} erfcx(t − x)² dt; past T = x + √(x²+60)
		// the integrand is below e^{−60} of its largest value.
		T := 60 / (math.Sqrt(x*x+60) - x)
		v, okIn := integrate(func(t float64) float64 {
			e := erfcx(t - x)
			return math.Exp((2*x-t)*t) * e * e
		}, 0, T, 1e-13)
		ok = ok && okIn
		return v
	}, math.Max(p.b, -yAsym), p.a, 1e-12)
	J += body
	return math.Sqrt(2 * math.Pi * nt * nt * J), ok && okBody
}
