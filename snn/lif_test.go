package snn

import (
	"math"
	"testing"
)

// CorticalLIF's derived quantities are the ones its doc states.
func TestCorticalLIF(t *testing.T) {
	m := CorticalLIF()
	if err := m.Validate("CorticalLIF"); err != nil {
		t.Fatal(err)
	}
	if m.VTh-m.EL != 15 || math.Abs(m.R()-0.08) > 1e-15 || math.Abs(m.Rheobase()-187.5) > 1e-12 {
		t.Errorf("V_th − E_L = %g mV, R = %g GΩ, rheobase %g pA; want 15, 0.08, 187.5", m.VTh-m.EL, m.R(), m.Rheobase())
	}
}
