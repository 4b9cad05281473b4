package theory

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
	"github.com/snn-sim/snn/snn/internal/proc"
)

func TestFICurveMatchesAnalytic(t *testing.T) {
	m := snn.DefaultLIF()
	I := []float64{100, 374, 400, 500, 800, 1200}
	got, err := FICurve(m, I, 0, 2000, 0.1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	for k, cur := range I {
		f, err := AnalyticRate(m, cur)
		if err != nil {
			t.Fatal(err)
		}
		if f == 0 && got[k] != 0 || f > 0 && (got[k] < f/(1+f*1e-4)*(1-1e-9) || got[k] > f*(1+1e-9)) {
			t.Errorf("I=%g pA: simulated %.4f Hz, analytic %.4f Hz (want within one step)", cur, got[k], f)
		}
	}
	if _, err := FICurve(m, nil, 0, 100, 0.1, 1, 1); err == nil {
		t.Error("FICurve with no currents: want an error")
	}
	if _, err := FICurve(m, I, 0, 100, 0.1, 0, 1); err == nil || !strings.Contains(err.Error(), "trials = 0") {
		t.Errorf("FICurve with 0 trials: %v, want an error naming trials", err)
	}
	// Noisy: 40 trials of 2 s agree with Siegert within 6 % (sampling error
	// about 2 %, grid bias about 2 % at dt = 0.01 ms).
	sig := []float64{250, 375, 500}
	noisy, err := FICurve(m, sig, 100, 2000, 0.01, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	for k, cur := range sig {
		want, _ := Siegert(m, m.EL+m.R()*cur, m.R()*100)
		if math.Abs(noisy[k]/want-1) > 0.06 {
			t.Errorf("I=%g pA σ=100 pA: %.2f Hz, Siegert %.2f Hz (tol 6 %%)", cur, noisy[k], want)
		}
	}
}

func TestFICurveTooManyTrials(t *testing.T) {
	m := snn.DefaultLIF()
	for _, tc := range []struct {
		trials int
		want   string
	}{
		{1 << 40, "FICurve: trials = 1099511627776, want ≤ 715827882: 3 currents × 1099511627776 trials"},
		{math.MaxInt, "FICurve: trials = 9223372036854775807, want ≤ 715827882"},
	} {
		var err error
		paramtest.NoHang(t, "FICurve", 20*time.Second, func() { _, err = FICurve(m, []float64{1, 2, 3}, 0, 10, 0.1, tc.trials, 1) })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("FICurve with %d trials: %v, want an error with %q", tc.trials, err, tc.want)
		}
	}
	for _, d := range []float64{0, 1e-300, 0.05, math.NaN()} {
		if r, err := FICurve(m, []float64{500}, 0, d, 0.1, 1, 1); err == nil || !strings.Contains(err.Error(), "FICurve: duration = ") {
			t.Errorf("FICurve over %g ms: %v, %v; want an error naming duration (it gave NaN or 0 Hz)", d, r, err)
		}
	}
	if avail, ok := proc.Meminfo("MemAvailable"); ok {
		// A quarter above what is available now: MemAvailable moves between
		// this read and FICurve's (a margin of one trial once let FICurve
		// pass and simulate 24 GB for 213 s).
		trials := int(avail/ficurveBytesPerNeuron/3) * 5 / 4
		if trials <= math.MaxInt32/3 {
			var err error
			paramtest.NoHang(t, "FICurve", 20*time.Second, func() { _, err = FICurve(m, []float64{1, 2, 3}, 0, 10, 0.1, trials, 1) })
			if err == nil || !strings.Contains(err.Error(), "bytes, more than the") || !strings.Contains(err.Error(), "trials =") {
				t.Errorf("FICurve with %d trials (%d bytes available): %v, want an error naming trials and the bytes", trials, avail, err)
			}
		}
	}
}
