package theory

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// MeanField is the stationary theory of a sparse network of identical LIF
// neurons with delta synapses, all firing at one rate ν (Brunel 2000): each
// neuron receives CE excitatory and CI inhibitory recurrent inputs of
// weights J and −G·J (mV) firing at ν, and CExt external Poisson inputs of
// weight J at NuExt Hz each. In the diffusion approximation (Diffusion)
// its free membrane potential has mean and standard deviation
//
//	μ(ν) = E_L + τ_m·J·(CExt·ν_ext + CE·ν − G·CI·ν),
//	σ(ν)² = τ_m·J²·(CExt·ν_ext + CE·ν + G²·CI·ν)/2,
//
// (σ is Siegert's: the sd of the free V; Brunel's σ is √2 times it), and a
// stationary state is a rate with ν = Siegert(μ(ν), σ(ν)). The synaptic delay does not enter the
// stationary state: it decides only whether the state is stable (it is not
// in the synchronous regimes, where the network oscillates although the
// stationary solution exists).
type MeanField struct {
	Model  snn.LIF
	CE, CI int     // recurrent excitatory and inhibitory in-degrees
	CExt   int     // external inputs per neuron
	J, G   float64 // excitatory PSP (mV) and relative inhibition
	NuExt  float64 // rate of each external input (Hz)
}

// MeanFieldState is a stationary solution of a MeanField.
type MeanFieldState struct {
	Rate  float64 // ν (Hz)
	Mu    float64 // mean free membrane potential μ (mV)
	Sigma float64 // its standard deviation σ (mV)
	CV    float64 // the ISI coefficient of variation (SiegertCV)
}

// Diffusion returns the single neuron's input when the network fires at
// nu Hz: the external, excitatory and inhibitory Poisson inputs.
func (f MeanField) Diffusion(nu float64) Diffusion {
	return Diffusion{Model: f.Model, Inputs: []Afferent{
		{K: float64(f.CExt), J: f.J, Rate: f.NuExt},
		{K: float64(f.CE), J: f.J, Rate: nu},
		{K: float64(f.CI), J: -f.G * f.J, Rate: nu},
	}}
}

// Input returns μ and σ (mV) of the free membrane potential when the
// network fires at nu Hz (Diffusion.Moments).
func (f MeanField) Input(nu float64) (mu, sigma float64, err error) {
	return f.Diffusion(nu).Moments()
}

func (f MeanField) check() error {
	c := &param.Checker{Object: "MeanField"}
	c.Add(f.Model.Validate("MeanField"))
	if f.CE < 0 || f.CI < 0 || f.CExt < 0 {
		c.Fail("CE, CI, CExt", fmt.Sprintf("%d, %d, %d", f.CE, f.CI, f.CExt), "≥ 0 each")
	}
	c.Positive("J", f.J, " mV")
	c.NonNegative("G", f.G, "")
	c.NonNegative("NuExt", f.NuExt, " Hz")
	return c.Err()
}

// Solve returns the stationary state of lowest rate: it brackets the first
// rate where Siegert(μ(ν), σ(ν)) − ν changes sign, scanning from 0 up to
// the largest possible rate 1/t_ref on a grid of geometrically growing
// steps, and bisects the bracket to a relative width of 1e-13 (no
// fixed-point iteration, which oscillates where the loop gain is large).
// A solution always exists in [0, 1/t_ref] (the function is continuous,
// not negative at 0 and negative at 1/t_ref); where there are several (a
// bistable network), the scan finds the lowest.
func (f MeanField) Solve() (MeanFieldState, error) {
	if err := f.check(); err != nil {
		return MeanFieldState{}, err
	}
	gap := func(nu float64) (float64, error) {
		r, err := f.Diffusion(nu).Rate()
		if err != nil {
			return 0, fmt.Errorf("MeanField at ν = %g Hz: %w", nu, err)
		}
		return r - nu, nil
	}
	top := math.Inf(1)
	if f.Model.TRef > 0 {
		top = 1000 / f.Model.TRef
	}
	lo, hi := 0.0, 0.0
	glo, err := gap(0)
	if err != nil {
		return MeanFieldState{}, err
	}
	if glo == 0 {
		return f.state(0)
	}
	for step := 1e-3; ; step *= 1.5 {
		hi = min(lo+step, top)
		ghi, err := gap(hi)
		if err != nil {
			return MeanFieldState{}, err
		}
		if ghi <= 0 {
			break
		}
		if hi == top || hi > 1e6 {
			return MeanFieldState{}, &param.Error{Object: "MeanField", Param: "rate", Value: hi, Want: "a stationary rate below 1/t_ref (none found)"}
		}
		lo = hi
	}
	for hi-lo > 1e-13*hi {
		mid := (lo + hi) / 2
		g, err := gap(mid)
		if err != nil {
			return MeanFieldState{}, err
		}
		if g > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return f.state((lo + hi) / 2)
}

func (f MeanField) state(nu float64) (MeanFieldState, error) {
	mu, sigma, err := f.Input(nu)
	if err != nil {
		return MeanFieldState{}, err
	}
	cv, err := SiegertCV(f.Model, mu, sigma)
	if err != nil {
		return MeanFieldState{}, fmt.Errorf("MeanField CV: %w", err)
	}
	return MeanFieldState{Rate: nu, Mu: mu, Sigma: sigma, CV: cv}, nil
}
