package snn

import (
	"fmt"
	"math"
)

// LIF holds the parameters of a leaky integrate-and-fire neuron:
//
//	C_m dV/dt = −(C_m/τ_m)(V − E_L) + I_syn + I_ext,
//
// with a spike when V ≥ V_th, after which V is reset to V_reset and held
// there for the refractory period t_ref.
type LIF struct {
	TauM   float64 // membrane time constant τ_m (ms), > 0
	CM     float64 // membrane capacitance C_m (pF), > 0; if 0, RM sets it as τ_m/R_m
	RM     float64 // membrane resistance R_m (GΩ = mV/pA); used only when CM is 0
	EL     float64 // leak (resting) potential E_L (mV)
	VTh    float64 // spike threshold V_th (mV), > V_reset
	VReset float64 // reset potential V_reset (mV)
	TRef   float64 // refractory period t_ref (ms), ≥ 0, a whole number of steps
}

// DefaultLIF returns NEST's iaf_psc defaults: τ_m = 10 ms, C_m = 250 pF,
// E_L = V_reset = −70 mV, V_th = −55 mV, t_ref = 2 ms.
func DefaultLIF() LIF {
	return LIF{TauM: 10, CM: 250, EL: -70, VTh: -55, VReset: -70, TRef: 2}
}

// CorticalLIF returns the cortical neuron of the notebooks: τ_m = 20 ms
// (Brunel 2000), C_m = 250 pF and t_ref = 2 ms (NEST's iaf_psc defaults),
// E_L = V_reset = −65 mV and V_th = −50 mV, 15 mV from rest to threshold
// (R = 0.08 GΩ, rheobase 187.5 pA).
func CorticalLIF() LIF {
	return LIF{TauM: 20, CM: 250, EL: -65, VTh: -50, VReset: -65, TRef: 2}
}

// C returns the membrane capacitance in pF.
func (m LIF) C() float64 {
	if m.CM == 0 && m.RM > 0 {
		return m.TauM / m.RM
	}
	return m.CM
}

// R returns the membrane resistance τ_m/C_m in GΩ (mV/pA).
func (m LIF) R() float64 { return m.TauM / m.C() }

// GL returns the leak conductance C_m/τ_m in nS.
func (m LIF) GL() float64 { return m.C() / m.TauM }

// Rheobase returns the smallest constant current (pA) that makes the
// neuron fire: (V_th − E_L)/R.
func (m LIF) Rheobase() float64 { return (m.VTh - m.EL) / m.R() }

// Validate reports every parameter outside its range; obj names the owner
// in the message.
func (m LIF) Validate(obj string) error {
	c := &checker{Object: obj}
	m.check(c)
	return c.Err()
}

func (m LIF) check(c *checker) {
	c.Positive("TauM", m.TauM, " ms")
	switch {
	case m.CM != 0:
		c.Positive("CM", m.CM, " pF")
	case m.RM != 0:
		c.Positive("RM", m.RM, " GΩ")
	default:
		c.Fail("CM", m.CM, "> 0 pF (or set RM > 0 GΩ)")
	}
	okL := c.Finite("EL", m.EL, " mV")
	okT := c.Finite("VTh", m.VTh, " mV")
	okR := c.Finite("VReset", m.VReset, " mV")
	c.NonNegative("TRef", m.TRef, " ms")
	if okL && okT && okR && m.VReset >= m.VTh {
		c.Fail("VReset", m.VReset, fmt.Sprintf("< VTh = %g mV", m.VTh))
	}
}

// Membrane returns m: a LIF is all membrane.
func (m LIF) Membrane() LIF { return m }

func (m LIF) stateNames() []string { return nil }

// lifProp holds the LIF propagators for a time step dt (doc.go,
// "Integration schemes"); Population embeds it, so the kernels read p.p22.
type lifProp struct {
	p22, p20 float64 // exp(−dt/τ_m) and R·(1 − p22)
	gL, dtC  float64 // leak conductance (nS), dt/C (ms/pF)
}

// propagators returns the membrane propagators for a time step dt.
func (m LIF) propagators(dt float64) lifProp {
	return lifProp{
		p22: math.Exp(-dt / m.TauM),
		p20: -m.R() * math.Expm1(-dt/m.TauM),
		gL:  m.GL(),
		dtC: dt / m.C(),
	}
}

// dynamics computes the LIF propagators of p, and of each current
// receptor the exact contribution p21 of I_syn(t_n) to V(t_{n+1}), and
// picks the kernel for its receptors (kernel_lif.go).
func (m LIF) dynamics(p *Population, dt float64) dynamics {
	p.lifProp = m.propagators(dt)
	for k, r := range p.recs {
		if r.Kind == CurrentKind {
			p.recProp[k].p21 = currentPropagator(dt, m.TauM, r.Tau, m.C())
		}
	}
	p.kernel = kernelFor(p.recs, p.net.general)
	return lifKernel{}
}

// lifKernel is the LIF's dynamics: the kernels of kernel_lif.go and
// kernel_simd*.go, which read the propagators from the population.
type lifKernel struct{}

func (lifKernel) state() [][]float64 { return nil }

func (lifKernel) step(p *Population, out *blockOut, lo, hi int) {
	if p.lanes > 0 {
		lo += p.stepVector(out, lo, hi)
	}
	switch p.kernel {
	case kernelCurrentPair, kernelDeltaPair:
		p.stepExactPair(out, lo, hi)
	case kernelConductancePair:
		p.stepConductancePair(out, lo, hi)
	case kernelConductance:
		p.stepConductance(out, lo, hi)
	default:
		p.stepExact(out, lo, hi)
	}
}

// currentPropagator is the exact voltage response at t = h to a synaptic
// current that is 1 pA at t = 0 and decays with τ_s:
// τ_m·τ_s/(C·(τ_m − τ_s))·(e^(−h/τ_m) − e^(−h/τ_s)), written with expm1 so
// it stays accurate when τ_s ≈ τ_m (and tends to h/C·e^(−h/τ) there).
func currentPropagator(h, tauM, tauS, C float64) float64 {
	if tauM == tauS {
		return h / C * math.Exp(-h/tauM)
	}
	a := 1/tauS - 1/tauM
	return -tauM * tauS / (C * (tauM - tauS)) * math.Exp(-h/tauM) * math.Expm1(-h*a)
}
