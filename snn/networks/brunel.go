package networks

import (
	"fmt"
	"math"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
	"github.com/snn-sim/snn/snn/theory"
)

// Brunel is the sparse excitatory–inhibitory network of Brunel (2000),
// "Dynamics of sparsely connected networks of excitatory and inhibitory
// spiking neurons" (model A: identical E and I neurons, delta synapses),
// as NEST's brunel_delta_nest example sets it up: NE excitatory and NI
// inhibitory LIF neurons (τ_m = 20 ms, E_L = 0, θ = 20 mV, t_ref = 2 ms),
// each with exactly CE excitatory and CI = CE·NI/NE inhibitory partners
// (fixed in-degree; autapses and multapses allowed, as NEST's defaults),
// excitatory PSPs J and inhibitory −G·J (mV), one delay Delay for every
// synapse, and CE independent external Poisson inputs of weight J per
// neuron at η·ν_thr each, where ν_thr = θ/(J·CE·τ_m) is the external rate
// that alone brings the mean free potential to threshold. Initial V is
// uniform in [0, θ).
type Brunel struct {
	NE, NI int     // neurons (NEST: 10,000 and 2,500)
	CE     int     // excitatory in-degree (NEST: 1000); CI = CE·NI/NE
	J      float64 // excitatory PSP (mV), 0.1
	G      float64 // relative strength of inhibition g
	Eta    float64 // external rate in units of ν_thr
	Delay  float64 // ms, a whole number of steps (1.5)
	VReset float64 // mV: 10 in the paper, 0 in NEST's example
	Dt     float64 // ms
	Seed   uint64
}

// NewBrunel returns the network of Brunel (2000) at (g, η) with the
// paper's and NEST's parameters: NE = 10,000, NI = 2,500, CE = 1000,
// J = 0.1 mV, D = 1.5 ms, V_reset = 10 mV (the paper's), dt = 0.1 ms.
func NewBrunel(g, eta float64, seed uint64) Brunel {
	return Brunel{NE: 10000, NI: 2500, CE: 1000, J: 0.1, G: g, Eta: eta, Delay: 1.5, VReset: 10, Dt: 0.1, Seed: seed}
}

// Model returns the neuron: τ_m = 20 ms, C_m = 250 pF, E_L = 0 mV,
// θ = 20 mV, V_reset = b.VReset, t_ref = 2 ms.
func (b Brunel) Model() snn.LIF {
	return snn.LIF{TauM: 20, CM: 250, EL: 0, VTh: 20, VReset: b.VReset, TRef: 2}
}

// CI returns the inhibitory in-degree CE·NI/NE, rounded.
func (b Brunel) CI() int {
	return int(math.Round(float64(b.CE) * float64(b.NI) / float64(max(1, b.NE))))
}

// NuThr returns ν_thr = θ/(J·CE·τ_m) in Hz: the rate per external input
// at which the mean free potential reaches threshold.
func (b Brunel) NuThr() float64 {
	m := b.Model()
	return 1000 * (m.VTh - m.EL) / (b.J * float64(b.CE) * m.TauM)
}

// NuExt returns the rate of each external input, η·ν_thr (Hz).
func (b Brunel) NuExt() float64 { return b.Eta * b.NuThr() }

func (b Brunel) check() error {
	c := &param.Checker{Object: "Brunel"}
	if b.NE < 1 || b.NI < 1 {
		c.Fail("NE, NI", fmt.Sprintf("%d, %d", b.NE, b.NI), "≥ 1 neuron each")
	}
	if b.CE < 1 {
		c.Fail("CE", b.CE, "≥ 1")
	}
	c.Positive("J", b.J, " mV")
	c.NonNegative("G", b.G, "")
	c.NonNegative("Eta", b.Eta, "")
	if param.IsFinite(b.VReset) && b.VReset >= 20 {
		c.Fail("VReset", b.VReset, "< θ = 20 mV")
	}
	return c.Err()
}

// Build returns the network and its populations "E" and "I", ready for
// monitors; the first Run validates the rest (Dt, Delay) and allocates it.
func (b Brunel) Build() (net *snn.Network, e, i *snn.Population, err error) {
	if err := b.check(); err != nil {
		return nil, nil, nil, err
	}
	m := b.Model()
	net = snn.New(b.Dt, b.Seed)
	e = net.AddPopulation("E", b.NE, m, snn.Delta("exc"), snn.Delta("inh"))
	i = net.AddPopulation("I", b.NI, m, snn.Delta("exc"), snn.Delta("inh"))
	for _, post := range []*snn.Population{e, i} {
		uniformV(post, m.EL)
		net.Connect(e, post, snn.FixedInDegree{K: b.CE, Autapses: true, Multapses: true}, snn.Synapse{Receptor: "exc", Weight: snn.Const(b.J), Delay: snn.Const(b.Delay)})
		net.Connect(i, post, snn.FixedInDegree{K: b.CI(), Autapses: true, Multapses: true}, snn.Synapse{Receptor: "inh", Weight: snn.Const(-b.G * b.J), Delay: snn.Const(b.Delay)})
		net.Inject(post, snn.PoissonInput{Receptor: "exc", N: b.CE, Rate: b.NuExt(), Weight: b.J})
	}
	return net, e, i, nil
}

// MeanField returns the diffusion-approximation theory of this network.
func (b Brunel) MeanField() theory.MeanField {
	return theory.MeanField{Model: b.Model(), CE: b.CE, CI: b.CI(), CExt: b.CE, J: b.J, G: b.G, NuExt: b.NuExt()}
}
