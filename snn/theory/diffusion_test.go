package theory

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
)

// brunelLike is notebook 05's neuron at its working point: 80 E inputs of
// 0.25 mV and 20 I inputs of −5 mV, all at 24 Hz, plus 550 ± 100 pA.
var brunelLike = Diffusion{
	Model: refLIF, I: 550, Sigma: 100,
	Inputs: []Afferent{{K: 80, J: 0.25, Rate: 24}, {K: 20, J: -5, Rate: 24}},
}

func TestDiffusionMomentsByHand(t *testing.T) {
	// R = τ_m/C = 0.08 GΩ. mu = −65 + 0.08·550 + 0.02·(80·0.25·24 − 20·5·24)
	// = −65 + 44 + 9.6 − 48 = −59.4 mV. sd² = (0.08·100)² + 0.02·(80·0.0625·24
	// + 20·25·24)/2 = 64 + 1.2 + 120 = 185.2 mV².
	mu, sd, err := brunelLike.Moments()
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(mu-(-59.4)) > 1e-12 || math.Abs(sd-math.Sqrt(185.2)) > 1e-12 {
		t.Errorf("Moments = %.15g, %.15g; want -59.4, %.15g", mu, sd, math.Sqrt(185.2))
	}
	// No input: the neuron rests at E_L without fluctuations.
	mu, sd, _ = Diffusion{Model: refLIF}.Moments()
	if mu != refLIF.EL || sd != 0 {
		t.Errorf("no input: Moments = %g, %g; want %g, 0", mu, sd, refLIF.EL)
	}
	// Rate is Siegert at these moments.
	got, err := brunelLike.Rate()
	want, _ := Siegert(refLIF, -59.4, math.Sqrt(185.2))
	if err != nil || math.Abs(got-want) > 1e-9*want {
		t.Errorf("Rate = %g, %v; want Siegert = %g", got, err, want)
	}
}

// TestDiffusionAgainstSimulation drives neurons whose threshold is out of
// reach with Poisson inputs through delta synapses and compares the mean
// and sd of V with Moments (Campbell's theorem: exact in continuous time;
// on the grid the variance is higher by a factor ≈ 1 + dt/τ_m = 1.005).
func TestDiffusionAgainstSimulation(t *testing.T) {
	free := refLIF
	free.VTh = 1000
	d := Diffusion{Model: free, I: 100, Inputs: []Afferent{{K: 400, J: 0.5, Rate: 10}, {K: 100, J: -1.5, Rate: 10}}}
	wantMu, wantSd, err := d.Moments() // −65 + 8 + 40 − 30 = −47 mV; sd² = 0.01·(1000 + 2250) = 32.5
	if err != nil {
		t.Fatal(err)
	}
	net := snn.New(0.1, 7)
	p := net.AddPopulation("free", 200, free, snn.Delta("e"), snn.Delta("i"))
	p.SetV(snn.Const(wantMu))
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Const(100)})
	net.Inject(p, snn.PoissonInput{Receptor: "e", N: 400, Rate: 10, Weight: 0.5})
	net.Inject(p, snn.PoissonInput{Receptor: "i", N: 100, Rate: 10, Weight: -1.5})
	idx := make([]int32, 200)
	for k := range idx {
		idx[k] = int32(k)
	}
	mon := net.MonitorState(p, "V", idx, 2)
	if err := net.Run(1100); err != nil {
		t.Fatal(err)
	}
	var v []float64
	for _, x := range mon.Values() {
		v = append(v, x[50:]...) // after 100 ms (5 τ_m)
	}
	mu, sd := stat.MeanStdDev(v, nil)
	// 200 neurons × 1 s, correlation time 10 ms: ~2·10⁴ independent samples,
	// standard error of the mean ≈ 0.04 mV and of the sd ≈ 0.5 %.
	if math.Abs(mu-wantMu) > 0.2 || math.Abs(sd/wantSd-1) > 0.03 {
		t.Errorf("simulated V: mean %.3f, sd %.3f mV; diffusion %.3f, %.3f", mu, sd, wantMu, wantSd)
	}
}

// TestDiffusionRateAgainstSimulation checks the rate in the diffusion
// regime (many small inputs): within 8 % of the simulated rate (the grid
// misses crossings, a bias of a few % at dt = 0.1 ms, plus ~2 % sampling
// error; measured −2.5 %).
func TestDiffusionRateAgainstSimulation(t *testing.T) {
	d := Diffusion{Model: refLIF, Inputs: []Afferent{{K: 800, J: 0.1, Rate: 24}, {K: 200, J: -0.3, Rate: 20}}}
	want, err := d.Rate() // mu = −65 + 38.4 − 24 = −50.6, sd² = 0.01·(192 + 360) = 5.52
	if err != nil {
		t.Fatal(err)
	}
	net := snn.New(0.1, 11)
	p := net.AddPopulation("n", 500, refLIF, snn.Delta("e"), snn.Delta("i"))
	net.Inject(p, snn.PoissonInput{Receptor: "e", N: 800, Rate: 24, Weight: 0.1})
	net.Inject(p, snn.PoissonInput{Receptor: "i", N: 200, Rate: 20, Weight: -0.3})
	sp := net.MonitorSpikes(p)
	if err := net.Run(2200); err != nil {
		t.Fatal(err)
	}
	got, _ := analysis.MeanRate(sp.Trains(), 200, 2200)
	t.Logf("simulated %.3f Hz, diffusion %.3f Hz", got, want)
	if math.Abs(got/want-1) > 0.08 || want < 1 {
		t.Errorf("simulated rate %.3f Hz, diffusion %.3f Hz", got, want)
	}
}

func TestDiffusionBadInput(t *testing.T) {
	for _, d := range []Diffusion{
		{Model: refLIF, Sigma: -1},
		{Model: refLIF, I: math.NaN()},
		{Model: refLIF, Inputs: []Afferent{{K: -1, J: 1, Rate: 1}}},
		{Model: refLIF, Inputs: []Afferent{{K: 1, J: math.Inf(1), Rate: 1}}},
		{Model: refLIF, Inputs: []Afferent{{K: 1, J: 1, Rate: -2}}},
		{Model: snn.LIF{TauM: 0, CM: 250, EL: -65, VTh: -50, VReset: -65}},
	} {
		_, _, err := d.Moments()
		var pe *snn.ParamError
		if !errors.As(err, &pe) || pe.Object != "Diffusion" {
			t.Errorf("%+v: error %v, want a ParamError of Diffusion", d, err)
		}
		if _, err := d.Rate(); err == nil {
			t.Errorf("%+v: Rate gave no error", d)
		}
	}
}

func TestRatesByInDegree(t *testing.T) {
	kE, kI := []int{80, 60, 80, 100}, []int{20, 20, 20, 25}
	got, err := brunelLike.RatesByInDegree(kE, kI)
	if err != nil {
		t.Fatal(err)
	}
	for i := range kE {
		d := brunelLike
		d.Inputs = []Afferent{{K: float64(kE[i]), J: 0.25, Rate: 24}, {K: float64(kI[i]), J: -5, Rate: 24}}
		want, _ := d.Rate()
		if got[i] != want {
			t.Errorf("neuron %d: %g Hz, want %g", i, got[i], want)
		}
	}
	if brunelLike.Inputs[0].K != 80 || brunelLike.Inputs[1].K != 20 {
		t.Errorf("RatesByInDegree changed its receiver's Inputs: %+v", brunelLike.Inputs)
	}
	if got[0] != got[2] || !(got[1] < got[0]) || !(got[3] < got[0]) {
		t.Errorf("rates %v: equal degrees should fire alike, fewer E or more I partners less", got)
	}
	for _, bad := range [][][]int{{kE}, {kE, kI[:2]}, {kE, {20, 20, 20, -1}}} {
		if _, err := brunelLike.RatesByInDegree(bad...); err == nil {
			t.Errorf("RatesByInDegree(%v): no error", bad)
		}
	}
}
