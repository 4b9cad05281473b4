package snn

import "fmt"

// ReceptorKind says what an arriving spike changes in the postsynaptic
// neuron: the state variable a projection writes into.
type ReceptorKind int

const (
	// DeltaKind: V jumps by w (mV) when the spike arrives.
	DeltaKind ReceptorKind = iota
	// CurrentKind: I_syn jumps by w (pA) and decays with τ_syn.
	CurrentKind
	// ConductanceKind: g jumps by w (nS), decays with τ_syn and injects
	// g·(E_rev − V).
	ConductanceKind
)

// String returns "delta", "current" or "conductance", and
// "ReceptorKind(k)" for a value outside the set.
func (k ReceptorKind) String() string {
	if k < DeltaKind || k > ConductanceKind {
		return fmt.Sprintf("ReceptorKind(%d)", int(k))
	}
	return [...]string{"delta", "current", "conductance"}[k]
}

// weightUnit is the unit of a weight onto a receptor of this kind ("" for a
// value outside the set).
func (k ReceptorKind) weightUnit() string {
	if k < DeltaKind || k > ConductanceKind {
		return ""
	}
	return [...]string{"mV", "pA", "nS"}[k]
}

// Receptor is a postsynaptic input port of a population.
type Receptor struct {
	Name string
	Kind ReceptorKind
	Tau  float64 // decay time constant τ_syn (ms); current and conductance only
	ERev float64 // reversal potential (mV); conductance only
}

// Delta is a receptor where each spike makes V jump by the weight (mV).
func Delta(name string) Receptor { return Receptor{Name: name, Kind: DeltaKind} }

// CurrentExp is a current-based receptor: I_syn jumps by the weight (pA)
// and decays with time constant tau (ms).
func CurrentExp(name string, tau float64) Receptor {
	return Receptor{Name: name, Kind: CurrentKind, Tau: tau}
}

// ConductanceExp is a conductance-based receptor: g jumps by the weight
// (nS), decays with time constant tau (ms) and drives V towards eRev (mV).
func ConductanceExp(name string, tau, eRev float64) Receptor {
	return Receptor{Name: name, Kind: ConductanceKind, Tau: tau, ERev: eRev}
}

func (r Receptor) check(c *checker) {
	param := "receptor " + quote(r.Name)
	if r.Name == "" {
		c.Fail("receptor name", `""`, "a non-empty name")
	}
	switch r.Kind {
	case DeltaKind:
	case CurrentKind:
		c.Positive(param+" Tau", r.Tau, " ms")
	case ConductanceKind:
		c.Positive(param+" Tau", r.Tau, " ms")
		c.Finite(param+" ERev", r.ERev, " mV")
	default:
		c.Fail(param+" Kind", int(r.Kind), "DeltaKind, CurrentKind or ConductanceKind")
	}
}
