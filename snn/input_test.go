package snn

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn/analysis"
)

func TestNoisySigmaZeroEqualsConstant(t *testing.T) {
	run := func(in Input) (*SpikeMonitor, *StateMonitor) {
		net, p := single(t, 0.1, 50, DefaultLIF())
		net.Inject(p, in)
		sp, v := net.MonitorSpikes(p), net.MonitorState(p, "V", []int32{0, 49}, net.Dt())
		if err := net.Run(300); err != nil {
			t.Fatal(err)
		}
		return sp, v
	}
	I := make([]float64, 50)
	for i := range I {
		I[i] = 300 + 10*float64(i)
	}
	s1, v1 := run(ConstantCurrent{Amplitude: Slice(I)})
	s2, v2 := run(NoisyCurrent{Mean: Slice(I), Sigma: 0})
	if s1.Len() == 0 || !reflect.DeepEqual(s1.times, s2.times) || !reflect.DeepEqual(s1.index, s2.index) || !reflect.DeepEqual(v1.values, v2.values) {
		t.Errorf("NoisyCurrent{Sigma: 0} differs from ConstantCurrent: %d vs %d spikes", s1.Len(), s2.Len())
	}
}

// freeMembrane simulates 1000 neurons of model m (threshold out of reach)
// under in at time step dt and returns the mean and variance of V over
// every neuron, sampled every 5 ms for 500 ms after a warm-up of warm ms.
func freeMembrane(t *testing.T, dt, warm float64, m Model, in NoisyCurrent) (mean, variance float64) {
	t.Helper()
	net := New(dt, 1)
	p := net.AddPopulation("P", 1000, m)
	net.Inject(p, in)
	all := make([]int32, 1000)
	for i := range all {
		all[i] = int32(i)
	}
	if err := net.Run(warm); err != nil {
		t.Fatal(err)
	}
	mon := net.MonitorState(p, "V", all, 5) // added after the warm-up, every 5 ms
	if err := net.Run(500); err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, v := range mon.values {
		xs = append(xs, v...)
	}
	return stat.MeanVariance(xs, nil)
}

func TestWhiteNoiseVarianceMatchesOU(t *testing.T) {
	// Threshold out of reach: V is an OU process with sd R·Sigma at any dt;
	// the sample variance is within 3 % at dt = 1, 0.1 and 0.01 ms.
	m := LIF{TauM: 10, CM: 250, EL: -70, VTh: 100, VReset: -80}
	const sigma = 100.0 // pA → sd 4 mV
	want := math.Pow(m.R()*sigma, 2)
	for _, dt := range []float64{1, 0.1, 0.01} {
		mean, variance := freeMembrane(t, dt, 50, m, NoisyCurrent{Mean: Const(50), Sigma: sigma})
		if math.Abs(mean-(m.EL+m.R()*50)) > 0.1 {
			t.Errorf("dt=%g: mean V %.3f, want %.3f ± 0.1 mV", dt, mean, m.EL+m.R()*50)
		}
		if math.Abs(variance/want-1) > 0.03 {
			t.Errorf("dt=%g: Var V = %.4f mV², want %.4f ± 3 %%", dt, variance, want)
		}
	}
}

// TestWhiteNoiseAdaptiveMembrane: for an AdaptiveLIF with the threshold out
// of reach, V has mean E_L + Mean/(g_L + a) and variance
// (R·Sigma)²/(1 + ε·τ_m/(τ_m + (1+ε)·τ_w)), ε = a/g_L, the stationary
// variance of the linear (V, w) system; within 0.1 mV and 3 % at
// dt = 0.1 ms, after a warm-up of 5·τ_w (w starts at 0). With a = 0 that is (R·Sigma)²; with a = g_L and τ_w = 10 ms
// it is 24 % less; for DefaultAdaptiveLIF 0.7 % less.
func TestWhiteNoiseAdaptiveMembrane(t *testing.T) {
	const mean, sigma = 100.0, 100.0 // pA
	for _, c := range []struct {
		a, tauW, ratio float64 // ratio: Var V / (R·Sigma)², from the formula
	}{{0, 144, 1}, {30, 10, 0.7582}, {4, 144, 0.9928}} {
		m := DefaultAdaptiveLIF()
		m.LIF.VTh, m.A, m.TauW = 100, c.a, c.tauW
		gl, R, tm := m.LIF.GL(), m.LIF.R(), m.LIF.TauM
		eps := c.a / gl
		ratio := 1 / (1 + eps*tm/(tm+(1+eps)*c.tauW))
		if math.Abs(ratio-c.ratio) > 1e-4 {
			t.Fatalf("a %g nS τ_w %g ms: the formula gives %.4f, the comment %.4f", c.a, c.tauW, ratio, c.ratio)
		}
		want := ratio * math.Pow(R*sigma, 2)
		got, variance := freeMembrane(t, 0.1, 5*c.tauW, m, NoisyCurrent{Mean: Const(mean), Sigma: sigma})
		if wantMean := m.LIF.EL + mean/(gl+c.a); math.Abs(got-wantMean) > 0.1 {
			t.Errorf("a %g nS τ_w %g ms: mean V %.3f, want %.3f ± 0.1 mV", c.a, c.tauW, got, wantMean)
		}
		t.Logf("a %g nS τ_w %g ms: Var V %.4f mV², theory %.4f, (R·Sigma)² %.4f", c.a, c.tauW, variance, want, math.Pow(R*sigma, 2))
		if math.Abs(variance/want-1) > 0.03 {
			t.Errorf("a %g nS τ_w %g ms: Var V = %.4f mV², want %.4f ± 3 %%", c.a, c.tauW, variance, want)
		}
	}
}

// TestWhiteNoiseStepCurrent: within a step the current is Mean plus
// Sigma·√((1+e^(−dt/τ))/(1−e^(−dt/τ))) times a standard normal drawn anew
// each step and for each neuron: the sample sd of Iext is that within 2 %,
// its correlation between successive steps and between two neurons is 0
// within 0.02 (3 standard errors: 20 000 steps per neuron).
func TestWhiteNoiseStepCurrent(t *testing.T) {
	const dt, mean, sigma = 0.1, 50.0, 100.0
	m := DefaultLIF()
	m.VTh = 100
	net, p := single(t, dt, 2, m)
	net.Inject(p, NoisyCurrent{Mean: Const(mean), Sigma: sigma})
	mon := net.MonitorState(p, "Iext", []int32{0, 1}, dt)
	if err := net.Run(2000); err != nil {
		t.Fatal(err)
	}
	p22 := math.Exp(-dt / m.TauM)
	want := sigma * math.Sqrt((1+p22)/(1-p22))
	a, b := mon.values[0], mon.values[1]
	for _, x := range [][]float64{a, b} {
		mu, sd := stat.MeanStdDev(x, nil)
		if math.Abs(mu-mean) > 3*want/math.Sqrt(float64(len(x))) || math.Abs(sd/want-1) > 0.02 {
			t.Errorf("Iext: mean %.2f sd %.2f pA, want %g ± 3 s.e. and %.2f ± 2 %%", mu, sd, mean, want)
		}
		if r := stat.Correlation(x[1:], x[:len(x)-1], nil); math.Abs(r) > 0.02 {
			t.Errorf("Iext: correlation between successive steps %.4f, want 0 ± 0.02", r)
		}
	}
	if r := stat.Correlation(a, b, nil); math.Abs(r) > 0.02 {
		t.Errorf("Iext: correlation between two neurons %.4f, want 0 ± 0.02", r)
	}
}

func TestOUCurrentStatistics(t *testing.T) {
	// Stationary sd and autocorrelation e^(−lag/τ) within 3 σ of sampling error.
	net, p := single(t, 0.1, 400, DefaultLIF())
	in := OUCurrent{Mean: 20, Sigma: 30, Tau: 5}
	net.Inject(p, in)
	mon := net.MonitorState(p, "Iext", []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, net.Dt())
	if err := net.Run(5000); err != nil {
		t.Fatal(err)
	}
	var xs []float64
	var num, den float64
	lag := 50 // 5 ms = τ
	for _, v := range mon.values {
		xs = append(xs, v...)
		for k := lag; k < len(v); k++ {
			num += (v[k] - in.Mean) * (v[k-lag] - in.Mean)
			den += (v[k] - in.Mean) * (v[k] - in.Mean)
		}
	}
	mean, sd := stat.MeanStdDev(xs, nil)
	if math.Abs(mean-in.Mean) > 1.5 || math.Abs(sd/in.Sigma-1) > 0.03 {
		t.Errorf("OU mean %.2f sd %.2f, want %g ± 1.5 and %g ± 3 %%", mean, sd, in.Mean, in.Sigma)
	}
	if rho := num / den; math.Abs(rho-math.Exp(-1)) > 0.03 {
		t.Errorf("autocorrelation at τ = %.3f, want e^-1 = %.3f ± 0.03", rho, math.Exp(-1))
	}
}

func TestPoissonInputCounts(t *testing.T) {
	// A current receptor with τ ≪ dt holds exactly this step's count·w.
	const n, rate, dt = 20, 50.0, 0.1
	net, p := single(t, dt, 200, LIF{TauM: 10, CM: 250, VTh: 1e9, VReset: -1}, CurrentExp("x", 1e-9))
	net.Inject(p, PoissonInput{Receptor: "x", N: n, Rate: rate, Weight: 1})
	idx := []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	mon := net.MonitorState(p, "x", idx, net.Dt())
	if err := net.Run(5000); err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, v := range mon.values {
		xs = append(xs, v...)
	}
	lambda := n * rate * dt * 1e-3
	mean, variance := stat.MeanVariance(xs, nil)
	se := math.Sqrt(lambda / float64(len(xs)))
	if math.Abs(mean-lambda) > 4*se {
		t.Errorf("mean count %.5f, want %.5f ± %.5f", mean, lambda, 4*se)
	}
	if math.Abs(variance/lambda-1) > 0.03 {
		t.Errorf("count variance %.5f, want λ = %.5f ± 3 %%", variance, lambda)
	}
}

func TestPoissonGroupIsPoisson(t *testing.T) {
	net := New(0.1, 3)
	g := net.AddPoissonGroup("P", 200, 20)
	sp := net.MonitorSpikes(g)
	if err := net.Run(10000); err != nil {
		t.Fatal(err)
	}
	tr := sp.Trains()
	r, _ := analysis.MeanRate(tr, 0, 10000)
	cv, _, _ := analysis.MeanCV(tr)
	ff, _ := analysis.Fano(tr, 0, 10000, 100)
	// 40 000 spikes: rate within 2 %; CV and Fano of a Poisson process are 1
	// (the grid makes CV² = 1 − rate·dt: 0.999).
	if math.Abs(r/20-1) > 0.02 || math.Abs(cv-1) > 0.03 || math.Abs(ff-1) > 0.05 {
		t.Errorf("rate %.2f Hz, CV %.3f, Fano %.3f; want 20 ± 2 %%, 1 ± 0.03, 1 ± 0.05", r, cv, ff)
	}
}

func TestTimedCurrentStep(t *testing.T) {
	// A 100 pA step from 10 to 60 ms: V follows the charging and discharging
	// exponentials to 1e-9 mV.
	m := LIF{TauM: 10, CM: 250, EL: -70, VTh: 0, VReset: -80}
	net, p := single(t, 0.1, 1, m)
	net.Inject(p, TimedCurrent{Times: []float64{10, 60}, Values: []float64{100, 0}})
	mon := net.MonitorState(p, "V", []int32{0}, net.Dt())
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	ri := m.R() * 100
	for k, tt := range mon.times {
		want := m.EL
		switch {
		case tt > 60:
			want += ri * (1 - math.Exp(-50/m.TauM)) * math.Exp(-(tt-60)/m.TauM)
		case tt > 10:
			want += ri * (1 - math.Exp(-(tt-10)/m.TauM))
		}
		if math.Abs(mon.values[0][k]-want) > 1e-9 {
			t.Fatalf("t=%g: V = %.10f, want %.10f", tt, mon.values[0][k], want)
		}
	}
}

func TestRandomCurrentPiecewiseConstant(t *testing.T) {
	net, p := single(t, 0.1, 300, DefaultLIF())
	net.Inject(p, RandomCurrent{Dist: distuv.Normal{Mu: 100, Sigma: 20}, Period: 10})
	mon := net.MonitorState(p, "Iext", []int32{0, 1, 2}, net.Dt())
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	v := mon.values[0]
	for k := 1; k < len(v); k++ {
		if changed := v[k] != v[k-1]; changed != (k%100 == 0) {
			t.Fatalf("step %d: changed=%v, want a new value exactly every 100 steps", k, changed)
		}
	}
	if v[0] == mon.values[1][0] {
		t.Errorf("neurons 0 and 1 got the same draw %g", v[0])
	}
}

func TestInputBadParameters(t *testing.T) {
	for _, tc := range []struct {
		in   Input
		want string
	}{
		{NoisyCurrent{Sigma: -1}, "Sigma = -1"},
		{OUCurrent{Sigma: 1, Tau: 0}, "Tau = 0"},
		{PoissonInput{Receptor: "d", N: 1, Rate: -5}, "Rate = -5"},
		{TimedCurrent{Times: []float64{5, 1}, Values: []float64{1, 2}}, "Times[1] = 1"},
		{TimedCurrent{}, "len(Times) = 0"},
		{RandomCurrent{Dist: distuv.Normal{Mu: 0, Sigma: 1}, Period: 0.05}, "Period = 0.05"},
	} {
		net, p := single(t, 0.1, 3, DefaultLIF(), Delta("d"))
		net.Inject(p, tc.in)
		if err := net.Run(1); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%T: Run = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

// TestInputCurrents: each input's currents are what it adds to Iext, step
// by step: a ConstantCurrent's draws, a RandomCurrent's draws of every
// period (replayed from copies of its streams: the network runs as if the
// replay had not been), a TimedCurrent's values; nothing for inputs
// without such a current, out of range, or before Build.
func TestInputCurrents(t *testing.T) {
	build := func(more ...Input) (*Network, *Population) {
		net := New(0.1, 5)
		p := net.AddPopulation("P", 1500, LIF{TauM: 10, CM: 250, EL: -70, VTh: 1e9, VReset: -70}) // two blocks, no spikes
		net.Inject(p, ConstantCurrent{Amplitude: Random(distuv.Uniform{Min: 0, Max: 10})})
		net.Inject(p, RandomCurrent{Dist: distuv.Normal{Mu: 100, Sigma: 30}, Period: 0.3})
		net.Inject(p, TimedCurrent{Times: []float64{0.2, 0.5}, Values: []float64{1000, 0}})
		for _, in := range more {
			net.Inject(p, in)
		}
		return net, p
	}
	net, p := build(OUCurrent{Sigma: 1, Tau: 5}, PoissonInput{Receptor: "x", N: 1, Rate: 1, Weight: 1})
	if got := len(p.Inputs()); got != 5 {
		t.Fatalf("Inputs: %d, want 5", got)
	}
	for range p.InputCurrents(0) {
		t.Fatal("InputCurrents before Build: want none")
	}
	net, p = build(OUCurrent{Sigma: 1, Tau: 5})
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{3, 4, -1} {
		for s := range p.InputCurrents(k) {
			t.Errorf("input %d: a pair at step %d, want none", k, s)
		}
	}
	net, p = build()
	twin, q := build()
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	var constant []float64
	for s, I := range p.InputCurrents(0) {
		if s != 0 || constant != nil {
			t.Fatalf("ConstantCurrent: a pair at step %d, want one at step 0", s)
		}
		constant = slices.Clone(I)
	}
	random := map[int64][]float64{}
	for s, I := range p.InputCurrents(1) {
		if s > 9 {
			break
		}
		random[s] = slices.Clone(I)
	}
	timed := map[int64]float64{}
	for s, I := range p.InputCurrents(2) {
		timed[s] = I[len(I)-1]
	}
	if len(random) != 4 || !reflect.DeepEqual(timed, map[int64]float64{2: 1000, 5: 0}) {
		t.Fatalf("RandomCurrent: %d pairs, want 4 (steps 0, 3, 6, 9); TimedCurrent: %v, want step 2: 1000, step 5: 0", len(random), timed)
	}
	r, c := random[0], 0.0
	for s := range int64(10) {
		if err := net.Run(0.1); err != nil {
			t.Fatal(err)
		}
		if x, ok := random[s]; ok {
			r = x
		}
		if x, ok := timed[s]; ok {
			c = x
		}
		for i, got := range p.iext {
			if want := 0 + constant[i] + r[i] + c; got != want {
				t.Fatalf("step %d, neuron %d: Iext = %v, want %v + %v + %v = %v", s, i, got, constant[i], r[i], c, want)
			}
		}
	}
	if err := twin.Run(1); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.v, q.v) {
		t.Error("the network whose currents were replayed differs from its twin")
	}
}

// TestNoisyCurrentStepSigma: the noise of a step is StepSigma, the
// closed form, which tends to Sigma·√(2τ_m/dt) as dt/τ_m → 0.
func TestNoisyCurrentStepSigma(t *testing.T) {
	in := NoisyCurrent{Sigma: 50}
	if got, want := in.StepSigma(0.1, 10), 50*math.Sqrt((1+math.Exp(-0.01))/(1-math.Exp(-0.01))); got != want {
		t.Errorf("StepSigma(0.1, 10) = %v, want %v", got, want)
	}
	if got, want := in.StepSigma(1e-4, 10), 50*math.Sqrt(2*10/1e-4); math.Abs(got/want-1) > 1e-8 {
		t.Errorf("StepSigma(1e-4, 10) = %v, want √(2τ/dt)·Sigma = %v", got, want)
	}
	net := New(0.1, 2)
	p := net.AddPopulation("P", 20000, LIF{TauM: 10, CM: 250, EL: -70, VTh: 1e9, VReset: -70})
	net.Inject(p, in)
	if err := net.Run(0.1); err != nil {
		t.Fatal(err)
	}
	// 20,000 normal draws: the sample sd is within 3 % (6 standard errors).
	if sd, want := stat.PopStdDev(p.iext, nil), in.StepSigma(0.1, 10); math.Abs(sd/want-1) > 0.03 {
		t.Errorf("sd of Iext over the neurons %g pA, want StepSigma %g within 3 %%", sd, want)
	}
}

// The bridge keeps the results independent of workers and kernels.
func TestNoisyCurrentBridgeBitIdentical(t *testing.T) {
	run := func(workers int, scalar bool) []float64 {
		net := New(0.1, 3)
		net.nworkers, net.scalar = workers, scalar
		p := net.AddPopulation("p", 3000, DefaultLIF())
		net.Inject(p, NoisyCurrent{Mean: Const(380), Sigma: 80, Bridge: true})
		sp := net.MonitorSpikes(p)
		if err := net.Run(shortMs(200)); err != nil {
			t.Fatal(err)
		}
		return append(sp.times, p.v...)
	}
	want := run(1, false)
	for _, c := range []struct {
		w      int
		scalar bool
	}{{2, false}, {1, true}, {3, true}} {
		got := run(c.w, c.scalar)
		if len(got) != len(want) {
			t.Fatalf("workers %d scalar %v: %d values, want %d", c.w, c.scalar, len(got), len(want))
		}
		for k := range got {
			if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
				t.Fatalf("workers %d scalar %v: value %d differs", c.w, c.scalar, k)
			}
		}
	}
}

func TestMergeSorted(t *testing.T) {
	got := mergeSorted([]int32{1, 4, 9}, []int32{0, 5, 10, 11})
	want := []int32{0, 1, 4, 5, 9, 10, 11}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for k := range got {
		if got[k] != want[k] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}

func TestNoisyCurrentBridgeLIFOnly(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("a", 10, DefaultAdaptiveLIF())
	net.Inject(p, NoisyCurrent{Mean: Const(100), Sigma: 50, Bridge: true})
	err := net.Run(1)
	if err == nil || !strings.Contains(err.Error(), "NoisyCurrent Bridge") {
		t.Errorf("Bridge on an AdaptiveLIF population: %v, want an error naming NoisyCurrent Bridge", err)
	}
}
