package analysis

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
	"gonum.org/v1/gonum/dsp/window"

	"github.com/snn-sim/snn/snn/internal/param"
)

// Spectrum returns the one-sided power spectral density of a signal x
// sampled every dt ms (a population activity A(t) from Activity, say):
// the frequencies (Hz, from 0 to the Nyquist frequency 500/dt) and the
// power (units of x squared per Hz). It is Welch's estimate: the mean is
// removed, the signal is cut into segments of seg samples overlapping by
// half, each is tapered with a Hann window, and their periodograms are
// averaged. The normalisation makes the power integrate (sum times the
// frequency step) to the variance of x, up to the window's leakage; white
// noise of variance s² has a flat density s²·2·dt/1000.
func Spectrum(x []float64, dt float64, seg int) (freq, power []float64, err error) {
	if err := checkPositive("Spectrum", "dt", dt, " ms"); err != nil {
		return nil, nil, err
	}
	if seg < 4 || seg > len(x) {
		return nil, nil, &param.Error{Object: "Spectrum", Param: "seg", Value: seg, Want: fmt.Sprintf("in [4, len(x) = %d] samples", len(x))}
	}
	mean := 0.0
	for i, v := range x {
		if !isFinite(v) {
			return nil, nil, &param.Error{Object: "Spectrum", Param: fmt.Sprintf("x[%d]", i), Value: v, Want: "a finite number"}
		}
		mean += v
	}
	mean /= float64(len(x))
	w := window.Hann(ones(seg))
	var wss float64
	for _, v := range w {
		wss += v * v
	}
	fft := fourier.NewFFT(seg)
	buf := make([]float64, seg)
	coef := make([]complex128, seg/2+1)
	power = make([]float64, seg/2+1)
	n := 0
	for start := 0; start+seg <= len(x); start += seg / 2 {
		for i := range buf {
			buf[i] = (x[start+i] - mean) * w[i]
		}
		fft.Coefficients(coef, buf)
		for k, c := range coef {
			a := cmplx.Abs(c)
			power[k] += a * a
		}
		n++
	}
	fs := 1000 / dt // sampling rate (Hz)
	freq = make([]float64, len(power))
	for k := range power {
		power[k] /= float64(n) * fs * wss
		if k > 0 && !(seg%2 == 0 && k == seg/2) {
			power[k] *= 2 // one-sided: the negative frequencies fold in
		}
		freq[k] = float64(k) * fs / float64(seg)
	}
	return freq, power, nil
}

func ones(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
	}
	return x
}

// PeakFrequency returns the frequency (Hz) of the largest power at or above
// fmin Hz in a spectrum from Spectrum, and how far the peak stands above
// the spectrum's floor there: the ratio of the peak power to the median
// power at frequencies ≥ fmin. A flat (white) spectrum gives a ratio of a
// few; a population oscillation gives tens and more.
func PeakFrequency(freq, power []float64, fmin float64) (f, ratio float64, err error) {
	if len(freq) != len(power) {
		return 0, 0, &param.Error{Object: "PeakFrequency", Param: "len(power)", Value: len(power), Want: fmt.Sprintf("len(freq) = %d", len(freq))}
	}
	var band []float64
	best := -1
	for k, fk := range freq {
		if fk >= fmin && isFinite(power[k]) {
			band = append(band, power[k])
			if best < 0 || power[k] > power[best] {
				best = k
			}
		}
	}
	if len(band) < 3 {
		return 0, 0, &param.Error{Object: "PeakFrequency", Param: "fmin", Value: fmin, Want: "a value that leaves ≥ 3 frequencies of the spectrum"}
	}
	med := median(band)
	if med == 0 {
		return freq[best], math.Inf(1), nil
	}
	return freq[best], power[best] / med, nil
}
