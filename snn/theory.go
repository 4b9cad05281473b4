package snn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// AnalyticRate returns the firing rate (Hz) of a noise-free LIF neuron
// driven by a constant current I (pA):
//
//	f = 1/(t_ref + τ_m·ln((R·I − (V_reset − E_L))/(R·I − (V_th − E_L))))
//
// and 0 at or below the rheobase.
func AnalyticRate(m LIF, I float64) float64 {
	return deterministicRate(m, m.EL+m.R()*I)
}

// deterministicRate is the noise-free rate for a mean free potential mu (mV).
func deterministicRate(m LIF, mu float64) float64 {
	if mu <= m.VTh {
		return 0
	}
	return 1000 / (m.TRef + m.TauM*math.Log((mu-m.VReset)/(mu-m.VTh)))
}

// Siegert returns the stationary firing rate (Hz) of a LIF neuron driven by
// white noise, whose free membrane potential (threshold out of reach) has
// mean mu and standard deviation sigma (mV): the first-passage-time result
// (Siegert 1951; Brunel 2000)
//
//	1/ν = t_ref + τ_m·√π·∫_{y_r}^{y_θ} e^{u²}(1 + erf u) du,  y = (V − mu)/(σ√2),
//
// evaluated as ∫ erfcx(−u) du, which never overflows while the rate is
// representable. For NoisyCurrent{Mean, Sigma}: mu = E_L + R·Mean,
// sigma = R·Sigma. sigma = 0 gives the noise-free rate.
func Siegert(m LIF, mu, sigma float64) (float64, error) {
	if err := checkSiegert(m, mu, sigma); err != nil {
		return 0, err
	}
	if sigma == 0 {
		return deterministicRate(m, mu), nil
	}
	s := sigma * math.Sqrt2
	yr, yt := (m.VReset-mu)/s, (m.VTh-mu)/s
	I := integrate(func(u float64) float64 { return erfcx(-u) }, yr, yt)
	return 1000 / (m.TRef + m.TauM*math.Sqrt(math.Pi)*I), nil
}

// SiegertCV returns the coefficient of variation of the interspike
// intervals for the same neuron and input as Siegert (Brunel 2000, eq. A.6):
//
//	CV² = 2π(ν·τ_m)²·∫_{y_r}^{y_θ} e^{x²} ∫_{−∞}^{x} e^{y²}(1 + erf y)² dy dx.
func SiegertCV(m LIF, mu, sigma float64) (float64, error) {
	nu, err := Siegert(m, mu, sigma)
	if err != nil || sigma == 0 || nu == 0 {
		return 0, err
	}
	s := sigma * math.Sqrt2
	yr, yt := (m.VReset-mu)/s, (m.VTh-mu)/s
	outer := integrate(func(x float64) float64 {
		lo := -math.Sqrt(x*x + 60) // e^{x²−y²} < e^{−60} below it
		return integrate(func(y float64) float64 {
			e := erfcx(-y)
			return math.Exp((x-y)*(x+y)) * e * e // x² − y² without cancellation
		}, lo, x)
	}, yr, yt)
	nt := nu * 1e-3 * m.TauM
	return math.Sqrt(2 * math.Pi * nt * nt * outer), nil
}

func checkSiegert(m LIF, mu, sigma float64) error {
	c := &checker{obj: "Siegert"}
	m.check(c)
	c.finite("mu", mu, " mV")
	c.nonNegative("sigma", sigma, " mV")
	return c.err()
}

// integrate is adaptive 16-point Gauss–Legendre (gonum's quad.Fixed): an
// interval is halved until its two halves agree with it to within its share
// of a total tolerance of 1e-12 of the first estimate, at most 30 levels deep.
func integrate(f func(float64) float64, a, b float64) float64 {
	if a == b {
		return 0
	}
	whole := quad.Fixed(f, a, b, 16, quad.Legendre{}, 0)
	return adapt(f, a, b, whole, 1e-12*math.Abs(whole), 30)
}

func adapt(f func(float64) float64, a, b, whole, tol float64, depth int) float64 {
	m := (a + b) / 2
	l := quad.Fixed(f, a, m, 16, quad.Legendre{}, 0)
	r := quad.Fixed(f, m, b, 16, quad.Legendre{}, 0)
	if s := l + r; depth == 0 || math.Abs(s-whole) <= tol || math.IsInf(s, 0) {
		return s
	}
	return adapt(f, a, m, l, tol/2, depth-1) + adapt(f, m, b, r, tol/2, depth-1)
}

// erfcx is the scaled complementary error function e^{x²}·erfc(x),
// accurate to a few ulps for all x where the result is finite.
func erfcx(x float64) float64 {
	switch {
	case x < -26:
		return math.Inf(1)
	case x < 0:
		return 2*math.Exp(x*x) - erfcx(-x)
	case x < 25:
		return math.Exp(x*x) * math.Erfc(x)
	}
	// Asymptotic series 1/(x√π)·Σ (−1)^k (2k−1)!!/(2x²)^k, k ≤ 6: the first
	// term left out is below 1e-16 relative for x ≥ 25.
	z := 1 / (2 * x * x)
	return (1 - z*(1-3*z*(1-5*z*(1-7*z*(1-9*z*(1-11*z)))))) / (x * math.Sqrt(math.Pi))
}

// FICurve simulates trials neurons of model m per current (pA) for
// duration ms at time step dt, with white-noise input of standard deviation
// sigma (pA, NoisyCurrent's Sigma; 0 for none), and returns the rate (Hz)
// per current, averaged over its trials. Without noise a neuron's rate is
// (n − 1)/(t_last − t_first) over its n ≥ 2 spikes (the exact period), or
// n/duration with fewer; with noise it is the spike count after a warm-up
// of 5·τ_m divided by the remaining time (unbiased for a stationary train).
func FICurve(m LIF, currents []float64, sigma, duration, dt float64, trials int, seed uint64) ([]float64, error) {
	if len(currents) == 0 {
		return nil, &ParamError{Object: "FICurve", Param: "len(currents)", Value: 0, Want: "≥ 1"}
	}
	if trials < 1 {
		return nil, &ParamError{Object: "FICurve", Param: "trials", Value: trials, Want: "≥ 1"}
	}
	I := make([]float64, 0, len(currents)*trials)
	for _, c := range currents {
		for range trials {
			I = append(I, c)
		}
	}
	net := New(dt, seed)
	p := net.AddPopulation("fI", len(I), m)
	net.Inject(p, NoisyCurrent{Mean: Slice(I), Sigma: sigma})
	sp := net.MonitorSpikes(p)
	if err := net.Run(duration); err != nil {
		return nil, fmt.Errorf("FICurve: %w", err)
	}
	rates := make([]float64, len(currents))
	warm := min(5*m.TauM, duration/2)
	for k, tr := range sp.Trains() {
		r := trainRate(tr, duration)
		if sigma > 0 {
			r = 1000 * float64(count(tr, warm, duration+1)) / (duration - warm)
		}
		rates[k/trials] += r / float64(trials)
	}
	return rates, nil
}

// trainRate is (n − 1)/(t_last − t_first) in Hz for n ≥ 2 spikes, else n/duration.
func trainRate(tr []float64, duration float64) float64 {
	if n := len(tr); n >= 2 && tr[n-1] > tr[0] {
		return 1000 * float64(n-1) / (tr[n-1] - tr[0])
	}
	return 1000 * float64(len(tr)) / duration
}
