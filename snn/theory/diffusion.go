package theory

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// Afferent is one class of presynaptic inputs of a neuron with delta
// synapses: K sources, each an independent Poisson process of Rate Hz,
// each of whose spikes makes the membrane potential jump by J mV (J < 0
// for inhibition). K need not be an integer (a mean in-degree).
type Afferent struct {
	K    float64 // number of sources, ≥ 0
	J    float64 // mV per spike
	Rate float64 // Hz per source, ≥ 0
}

// Diffusion describes a LIF neuron driven by a constant current, Gaussian
// white noise and Poisson spike trains through delta synapses, in the
// diffusion approximation (Brunel & Hakim 1999; Brunel 2000): the
// arrivals are replaced by a white noise of the same mean and variance.
// Brunel's network is Inputs = {C_E, J, ν_E}, {C_I, −gJ, ν_I},
// {C_ext, J, ν_ext}.
type Diffusion struct {
	Model  snn.LIF
	I      float64    // pA, constant input current
	Sigma  float64    // pA, white-noise current as snn.NoisyCurrent's Sigma (≥ 0)
	Inputs []Afferent // Poisson inputs through delta synapses
}

// Moments returns the mean mu and the standard deviation sd (mV) of the
// free membrane potential (the threshold out of reach):
//
//	mu  = E_L + R·I + τ_m·Σ K·J·ν
//	sd² = (R·Sigma)² + τ_m·Σ K·J²·ν / 2
//
// with τ_m in seconds and ν in Hz. These are the inputs Siegert takes; in
// Brunel's notation μ = mu − E_L and σ = √2·sd.
func (d Diffusion) Moments() (mu, sd float64, err error) {
	if err := d.check(); err != nil {
		return 0, 0, err
	}
	tau := d.Model.TauM * 1e-3
	rs := d.Model.R() * d.Sigma
	mu, v := d.Model.EL+d.Model.R()*d.I, rs*rs
	for _, a := range d.Inputs {
		mu += tau * a.K * a.J * a.Rate
		v += tau * a.K * a.J * a.J * a.Rate / 2
	}
	return mu, math.Sqrt(v), nil
}

// Rate returns the stationary firing rate (Hz) of the neuron: Siegert at
// the mean and standard deviation Moments returns. The diffusion
// approximation holds when each J is small against V_th − V_reset and
// many inputs arrive per τ_m.
func (d Diffusion) Rate() (float64, error) {
	mu, sd, err := d.Moments()
	if err != nil {
		return 0, err
	}
	return Siegert(d.Model, mu, sd)
}

func (d Diffusion) check() error {
	c := &param.Checker{Object: "Diffusion"}
	c.Add(d.Model.Validate("Diffusion"))
	c.Finite("I", d.I, " pA")
	c.NonNegative("Sigma", d.Sigma, " pA")
	for k, a := range d.Inputs {
		c.NonNegative(fmt.Sprintf("Inputs[%d].K", k), a.K, "")
		c.Finite(fmt.Sprintf("Inputs[%d].J", k), a.J, " mV")
		c.NonNegative(fmt.Sprintf("Inputs[%d].Rate", k), a.Rate, " Hz")
	}
	return c.Err()
}

// RatesByInDegree returns the rate (Hz) of each neuron of a population
// whose in-degrees differ (heterogeneous mean field): neuron i is d with
// Inputs[k].K replaced by degrees[k][i]. It needs one in-degree slice per
// input class, all of the same length.
func (d Diffusion) RatesByInDegree(degrees ...[]int) ([]float64, error) {
	if len(degrees) != len(d.Inputs) {
		return nil, &param.Error{Object: "Diffusion.RatesByInDegree", Param: "len(degrees)", Value: len(degrees), Want: fmt.Sprintf("len(Inputs) = %d", len(d.Inputs))}
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	n := 0
	if len(degrees) > 0 {
		n = len(degrees[0])
	}
	for k, deg := range degrees {
		if len(deg) != n {
			return nil, &param.Error{Object: "Diffusion.RatesByInDegree", Param: fmt.Sprintf("len(degrees[%d])", k), Value: len(deg), Want: fmt.Sprintf("len(degrees[0]) = %d", n)}
		}
	}
	in := append([]Afferent(nil), d.Inputs...)
	d.Inputs = in
	memo := map[string]float64{}
	rates := make([]float64, n)
	for i := range rates {
		key := ""
		for k := range in {
			in[k].K = float64(degrees[k][i])
			key += fmt.Sprint(degrees[k][i], ",")
		}
		r, ok := memo[key]
		if !ok {
			var err error
			if r, err = d.Rate(); err != nil {
				return nil, err
			}
			memo[key] = r
		}
		rates[i] = r
	}
	return rates, nil
}
