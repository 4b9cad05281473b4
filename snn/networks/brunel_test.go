package networks

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/theory"
)

// brunelRow is one Brian2 run of data/reference/brian2_brunel.json.
type brunelRow struct {
	Target  string   `json:"target"`
	Seed    int      `json:"seed"`
	RateEHz float64  `json:"rate_e_hz"`
	RateIHz float64  `json:"rate_i_hz"`
	CVISIE  float64  `json:"cv_isi_e"`
	FanoE   *float64 `json:"fano_e"`
	SyncE   *float64 `json:"sync_e"`
}

// readBrunelRef returns the Brian2 runs of network name, one per seed: both
// of Brian2's targets build the same network from the same draws and give
// the same spikes, so where a seed ran on both the first row is kept (and
// the other must have the same statistics).
func readBrunelRef(t *testing.T, name string) []brunelRow {
	t.Helper()
	data, err := os.ReadFile("../../data/reference/brian2_brunel.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Networks map[string][]brunelRow }
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	var out []brunelRow
	first := map[int]brunelRow{}
	for _, r := range ref.Networks[name] {
		f, ok := first[r.Seed]
		if !ok {
			first[r.Seed] = r
			out = append(out, r)
			continue
		}
		if f.RateEHz != r.RateEHz || f.RateIHz != r.RateIHz || f.CVISIE != r.CVISIE || opt(f.FanoE)+opt(f.SyncE) != opt(r.FanoE)+opt(r.SyncE) {
			t.Errorf("%s seed %d: Brian2 %s %+v and %s %+v differ", name, r.Seed, f.Target, f, r.Target, r)
		}
	}
	return out
}

// opt formats an optional number: "nil" or its value.
func opt(x *float64) string {
	if x == nil {
		return "nil "
	}
	return fmt.Sprint(*x, " ")
}

// agreeMeans reports an error unless the means of a (snn) and b (Brian2)
// agree within max(4 standard errors of their difference, floor).
func agreeMeans(t *testing.T, what string, a, b []float64, floor float64) {
	t.Helper()
	ma, sa := stat.MeanStdDev(a, nil)
	mb, sb := stat.MeanStdDev(b, nil)
	tol := math.Max(4*math.Sqrt(sa*sa/float64(len(a))+sb*sb/float64(len(b))), floor)
	msg := fmt.Sprintf("%s: snn %.4f ± %.4f (%d runs), Brian2 %.4f ± %.4f (%d runs), tol %.4f", what, ma, sa, len(a), mb, sb, len(b), tol)
	if math.Abs(ma-mb) > tol {
		t.Error(msg)
	} else {
		t.Log(msg)
	}
}

// brunelStats holds the statistics of one run of the Brunel network that
// data/reference/brian2_brunel.json holds for Brian2.
type brunelStats struct {
	rateE, rateI, cvE, fanoE, syncE float64
}

// runBrunel runs NewBrunel(g, eta, seed) for T ms and measures it as
// bench/brian2_net.py measures Brian2's: rates, E Fano factor (100 ms
// windows) and χ of the first 500 E trains (bins 0.5 ms, τ 2 ms) over
// [200, T), the E ISI CV over the whole run.
func runBrunel(t *testing.T, g, eta float64, seed uint64, T float64) brunelStats {
	t.Helper()
	net, e, i, err := NewBrunel(g, eta, seed).Build()
	if err != nil {
		t.Fatal(err)
	}
	se, si := net.MonitorSpikes(e), net.MonitorSpikes(i)
	if err := net.Run(T); err != nil {
		t.Fatal(err)
	}
	trE := se.Trains()
	var s brunelStats
	var errs [5]error
	s.rateE, errs[0] = analysis.MeanRate(trE, 200, T)
	s.rateI, errs[1] = analysis.MeanRate(si.Trains(), 200, T)
	s.cvE, _, errs[2] = analysis.MeanCV(trE)
	s.fanoE, errs[3] = analysis.Fano(trE, 200, T, 100)
	s.syncE, errs[4] = analysis.SpikeSynchrony(trE[:500], 200, T, 0.5, 2)
	for _, err := range errs {
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
	return s
}

// TestBrunelMatchesBrian2 compares snn's Brunel network (NEST's
// brunel_delta_nest, g = 5, η = 2: the asynchronous irregular state) with
// Brian2 on the same model (data/reference/brian2_brunel.json, written by
// bench/reference_brunel.py), seeds 1–3, 1 s each: the mean E and I rates,
// E CV, E Fano factor and χ agree within max(4 standard errors of the
// difference of the means, 3 % of Brian2's rate, 0.03 of CV, Fano and χ);
// and snn's mean E and I rates are within 5 % of the diffusion
// approximation (Brunel.MeanField().Solve()).
func TestBrunelMatchesBrian2(t *testing.T) {
	if testing.Short() {
		t.Skip("three 1 s runs of 12,500 neurons and 1.6·10^7 synapses")
	}
	ref := readBrunelRef(t, "brunel_g5_eta2")
	if len(ref) < 3 {
		t.Fatalf("%d Brian2 seeds in the reference, want ≥ 3", len(ref))
	}
	var s [5][]float64
	for seed := uint64(1); seed <= 3; seed++ {
		r := runBrunel(t, 5, 2, seed, 1000)
		for k, x := range []float64{r.rateE, r.rateI, r.cvE, r.fanoE, r.syncE} {
			s[k] = append(s[k], x)
		}
	}
	var b [5][]float64
	for _, r := range ref {
		if r.FanoE == nil || r.SyncE == nil {
			t.Fatalf("Brian2 seed without Fano factor or χ: %+v", r)
		}
		for k, x := range []float64{r.RateEHz, r.RateIHz, r.CVISIE, *r.FanoE, *r.SyncE} {
			b[k] = append(b[k], x)
		}
	}
	for k, what := range []string{"rate E (Hz)", "rate I (Hz)", "CV E", "Fano E", "χ E"} {
		floor := 0.03
		if k < 2 {
			floor = 0.03 * stat.Mean(b[k], nil)
		}
		agreeMeans(t, "brunel g=5 η=2 "+what, s[k], b[k], floor)
	}
	mf, err := NewBrunel(5, 2, 1).MeanField().Solve()
	if err != nil {
		t.Fatal(err)
	}
	for k, what := range []string{"rate E", "rate I"} {
		m := stat.Mean(s[k], nil)
		if rel := math.Abs(m/mf.Rate - 1); rel > 0.05 {
			t.Errorf("brunel %s: snn %.3f Hz, mean field %.3f Hz: %.1f %% apart, want ≤ 5 %%", what, m, mf.Rate, 100*rel)
		} else {
			t.Logf("brunel %s: snn %.3f Hz, mean field %.3f Hz (%.1f %%)", what, m, mf.Rate, 100*rel)
		}
	}
}
func TestBrunelBuild(t *testing.T) {
	b := NewBrunel(5, 2, 1)
	b.NE, b.NI, b.CE = 400, 100, 80
	net, e, i, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	if e.Size() != 400 || i.Size() != 100 || b.CI() != 20 {
		t.Fatalf("sizes %d, %d, CI %d; want 400, 100, 20", e.Size(), i.Size(), b.CI())
	}
	for k, pr := range net.Projections() {
		want := []int{80, 20, 80, 20}[k]
		for _, d := range pr.InDegrees() {
			if d != want {
				t.Fatalf("%s: in-degree %d, want %d", pr.Name(), d, want)
			}
		}
	}
	if _, _, _, err := (Brunel{NE: 10, NI: 0, CE: 1, J: 0.1}).Build(); err == nil {
		t.Error("NI = 0: no error")
	}
}

// TestBrunelMeanField: the theory of the network is theory.MeanField with
// the network's own parameters, and ν_thr brings the mean free potential to
// threshold.
func TestBrunelMeanField(t *testing.T) {
	b := NewBrunel(5, 2, 1)
	b.VReset = 10
	if got := b.NuThr(); math.Abs(got-10) > 1e-12 {
		t.Errorf("ν_thr = %g Hz, want θ/(J·C_E·τ) = 20/(0.1·1000·20 ms) = 10 Hz", got)
	}
	want := theory.MeanField{Model: snn.LIF{TauM: 20, CM: 250, EL: 0, VTh: 20, VReset: 10, TRef: 2},
		CE: 1000, CI: 250, CExt: 1000, J: 0.1, G: 5, NuExt: 20}
	if got := b.MeanField(); !reflect.DeepEqual(got, want) {
		t.Errorf("MeanField() = %+v, want %+v", got, want)
	}
}
