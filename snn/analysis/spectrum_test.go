package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSpectrumSinePeak(t *testing.T) {
	// A 40 Hz sine of amplitude 2 sampled at 1 ms for 4 s: the peak is at
	// 40 Hz (a bin centre with seg = 500: 2 Hz resolution), and the power
	// sums to the variance a²/2 = 2 within the Hann window's 1 % leakage.
	dt, seg := 1.0, 500
	x := make([]float64, 4000)
	for i := range x {
		x[i] = 5 + 2*math.Sin(2*math.Pi*40*float64(i)*dt/1000)
	}
	f, p, err := Spectrum(x, dt, seg)
	if err != nil {
		t.Fatal(err)
	}
	peak, ratio, err := PeakFrequency(f, p, 5)
	if err != nil {
		t.Fatal(err)
	}
	if peak != 40 {
		t.Errorf("peak at %g Hz, want 40", peak)
	}
	if ratio < 1e6 {
		t.Errorf("peak/floor = %g, want ≥ 1e6 for a pure sine", ratio)
	}
	sum := 0.0
	for _, v := range p {
		sum += v * (f[1] - f[0])
	}
	if math.Abs(sum-2) > 0.02 {
		t.Errorf("∫ power = %g, want the variance 2 within 1 %%", sum)
	}
}

func TestSpectrumWhiteNoiseFlat(t *testing.T) {
	// Gaussian white noise of sd 3 at dt = 0.5 ms: flat density
	// s²·2·dt/1000 = 0.009 /Hz; over 400 segments the mean over the band
	// has a relative error of about 1/√(400·128) ≈ 0.5 %: 3 % tolerance.
	g := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 256*200)
	for i := range x {
		x[i] = 3 * g.NormFloat64()
	}
	f, p, err := Spectrum(x, 0.5, 256)
	if err != nil {
		t.Fatal(err)
	}
	mean := 0.0
	for _, v := range p[1 : len(p)-1] {
		mean += v / float64(len(p)-2)
	}
	if want := 9 * 2 * 0.5 / 1000; math.Abs(mean/want-1) > 0.03 {
		t.Errorf("mean density %g, want %g within 3 %%", mean, want)
	}
	if f[len(f)-1] != 1000 {
		t.Errorf("last frequency %g, want the Nyquist 1000 Hz", f[len(f)-1])
	}
	if _, ratio, _ := PeakFrequency(f, p, 1); ratio > 10 {
		t.Errorf("white noise peak/floor = %g, want < 10", ratio)
	}
}

func TestSpectrumErrors(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	for _, c := range []struct {
		dt  float64
		seg int
		x   []float64
	}{{0, 4, x}, {math.NaN(), 4, x}, {1, 3, x}, {1, 9, x}, {1, 4, []float64{1, 2, math.Inf(1), 4}}} {
		if _, _, err := Spectrum(c.x, c.dt, c.seg); err == nil {
			t.Errorf("Spectrum(dt %g, seg %d): no error", c.dt, c.seg)
		}
	}
	if _, _, err := PeakFrequency([]float64{1, 2}, []float64{1}, 0); err == nil {
		t.Error("PeakFrequency with mismatched lengths: no error")
	}
	if _, _, err := PeakFrequency([]float64{1, 2, 3}, []float64{1, 1, 1}, 2.5); err == nil {
		t.Error("PeakFrequency with < 3 frequencies above fmin: no error")
	}
}
