package analysis

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/snn/internal/paramtest"
)

func regular(t0, isi float64, n int) []float64 {
	tr := make([]float64, n)
	for k := range tr {
		tr[k] = t0 + float64(k)*isi
	}
	return tr
}

// TestSizesThatCannotExist: bin and window counts beyond maxBins
// (they ran out of memory or overflowed int) and messages that named the
// wrong function or range.
func TestSizesThatCannotExist(t *testing.T) {
	tr := [][]float64{regular(1, 10, 100), regular(3, 7, 100)}
	for _, tc := range []struct {
		name string
		err  func() error
		want string
	}{
		{"Fano window 1e-300", func() error { _, err := Fano(tr, 0, 1000, 1e-300); return err }, "Fano: window = 1e-300, want at most 1e+08 windows in [t0, t1) (it gives 1e+303)"},
		{"Fano window 1e-6", func() error { _, err := Fano(tr, 0, 1000, 1e-6); return err }, "Fano: window = 1e-06, want at most 1e+08 windows"},
		{"Fano window 600", func() error { _, err := Fano(tr, 0, 1000, 600); return err }, "Fano: window = 600, want ≤ (t1 − t0)/2 = 500 ms"},
		{"Activity bin 1e-300", func() error { _, _, err := Activity(tr[0], 2, 0, 1000, 1e-300, 0); return err }, "Activity: bin = 1e-300, want at most 1e+08 bins"},
		{"Activity window overflow", func() error { _, _, err := Activity(tr[0], 2, -1e308, 1e308, 1, 0); return err }, "Activity: window [t0, t1) = [-1e+308, 1e+308)"},
		{"Histogram nbins MaxInt", func() error { _, _, err := Histogram(tr[0], 0, 1000, math.MaxInt); return err }, "Histogram: nbins = 9223372036854775807, want at most 1e+08 bins"},
		{"Histogram bins below float spacing", func() error { _, _, err := Histogram(tr[0], 1, math.Nextafter(1, 2), 10); return err }, "Histogram: nbins = 10, want bins wider than the float spacing"},
		{"Histogram range overflow", func() error { _, _, err := Histogram(tr[0], -math.MaxFloat64, math.MaxFloat64, 10); return err }, "Histogram: range [lo, hi]"},
		{"IntHistogram MinInt..MaxInt", func() error { _, _, err := IntHistogram([]int{math.MinInt, math.MaxInt}); return err }, "IntHistogram: values = from -9223372036854775808 to 9223372036854775807, want at most 1e+08 unit bins"},
		{"IntHistogram 0..1e9", func() error { _, _, err := IntHistogram([]int{0, 1e9}); return err }, "IntHistogram: values = from 0 to 1000000000"},
		{"SpikeSynchrony one bin", func() error { _, err := SpikeSynchrony(tr, 0, 1000, 600, 5); return err }, "SpikeSynchrony: bin = 600, want ≤ (t1 − t0)/2 = 500 ms (two bins at least)"},
		{"SpikeSynchrony bin 1e-300", func() error { _, err := SpikeSynchrony(tr, 0, 1000, 1e-300, 5); return err }, "SpikeSynchrony: bin = 1e-300, want at most 1e+08 bins"},
		{"SpikeSynchrony constant traces", func() error { _, err := SpikeSynchrony([][]float64{{0.5}}, 0, 10, 1, 1e300); return err }, "SpikeSynchrony: variance of the traces"},
		{"Rates in a subnormal window", func() error { _, err := Rates([][]float64{{0}}, 0, 5e-324); return err }, "Rates: window [t0, t1) = [0, 5e-324), want a length that gives rates within the float range"},
		{"Activity with a subnormal bin", func() error { _, _, err := Activity([]float64{0}, 1, 0, 5e-324, 5e-324, 0); return err }, "Activity: bin = 5e-324, want a width that gives rates within the float range"},
		{"Synchrony one sample", func() error { _, err := Synchrony([][]float64{{1}}); return err }, "Synchrony: len(traces[0]) = 1, want ≥ 2 samples"},
	} {
		var err error
		paramtest.NoHang(t, tc.name, 20*time.Second, func() { err = tc.err() })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
	// Limits that are numbers: a kernel far wider than the window averages
	// it, a subnormal one leaves it as it is.
	times := []float64{0.5, 1.5, 1.6, 7}
	_, A0, _ := Activity(times, 1, 0, 10, 1, 0)
	for _, w := range []float64{5e-324, 1e300} {
		_, A, err := Activity(times, 1, 0, 10, 1, w)
		if err != nil {
			t.Fatal(err)
		}
		for k, a := range A {
			want := A0[k]
			if w > 1 {
				want = 400
			}
			if math.Abs(a-want) > 1e-9 {
				t.Errorf("Activity smoothed with width %g: A[%d] = %g, want %g", w, k, a, want)
			}
		}
	}
}

// TestBadTrains: spike times that are not finite or not ascending,
// and intervals whose mean is 0, give an error naming the spike, not NaN.
func TestBadTrains(t *testing.T) {
	for _, tc := range []struct {
		train []float64
		want  string
	}{
		{[]float64{1, math.NaN(), 3}, "CV: train[1] = NaN, want a finite spike time"},
		{[]float64{1, 2, math.Inf(1)}, "CV: train[2] = +Inf"},
		{[]float64{3, 2, 1}, "CV: train[1] = 2, want ≥ train[0] = 3 ms (spike times ascending)"},
		{[]float64{5, 5, 5}, "CV: train = spikes from 5 to 5 ms, want a finite span > 0 ms"},
		{[]float64{-1e308, 0, 1e308}, "CV: train = spikes from -1e+308 to 1e+308 ms, want a finite span"},
		{[]float64{1, 2}, "CV: len(train) = 2, want ≥ 3 spikes"},
	} {
		if cv, err := CV(tc.train); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CV(%v) = %g, %v; want an error with %q", tc.train, cv, err, tc.want)
		}
	}
	bad := [][]float64{regular(0, 10, 10), {4, 2}}
	for name, err := range map[string]error{
		"Rates":          second(Rates(bad, 0, 100)),
		"MeanRate":       second(MeanRate(bad, 0, 100)),
		"MeanCV":         third(MeanCV(bad)),
		"Fano":           second(Fano(bad, 0, 100, 10)),
		"SpikeSynchrony": second(SpikeSynchrony(bad, 0, 100, 1, 5)),
	} {
		if want := name + ": trains[1][1] = 2, want ≥ trains[1][0] = 4 ms"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s with an unsorted train: %v, want an error with %q", name, err, want)
		}
	}
	for name, err := range map[string]error{
		"Synchrony: traces[1][2] = NaN":            second(Synchrony([][]float64{{1, 2, 3}, {1, 2, math.NaN()}})),
		"Synchrony: variance of the traces = +Inf": second(Synchrony([][]float64{{1e200, -1e200}, {1, 2}})),
		"Activity: times[1] = -Inf":                func() error { _, _, err := Activity([]float64{1, math.Inf(-1)}, 1, 0, 10, 1, 0); return err }(),
		"PSTH: trials[0][0] = NaN":                 func() error { _, _, err := PSTH([][]float64{{math.NaN()}}, 0, 10, 1); return err }(),
		"Histogram: values[0] = NaN":               func() error { _, _, err := Histogram([]float64{math.NaN()}, 0, 10, 1); return err }(),
	} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v, want an error with %q", err, name)
		}
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

// TestEveryInput calls every analysis function on awkward trains,
// windows and bins: each returns an error naming the function and a
// parameter, or finite results.
func TestEveryInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	trainSets := [][][]float64{nil, {}, {nil}, {{}}, {{1, 2, 3}}, {{1, nan, 3}}, {{3, 2, 1}}, {{inf}}, {{-inf, 0}},
		{{5, 5, 5, 5}}, {{-1e308, 1e308}}, {{5e-324, 1e-323, 1.5e-323}}, {regular(0, 0.1, 1000), regular(0.05, 0.1, 1000)}}
	vals := []float64{nan, inf, -inf, 0, math.Copysign(0, -1), 5e-324, 1e-300, 1, 50, 100, 1e300, -1e300}
	finite := func(name string, xs ...float64) {
		t.Helper()
		for _, x := range xs {
			if !isFinite(x) {
				t.Errorf("%s: %g with a nil error", name, x)
			}
		}
	}
	named := func(fn string, err error) bool {
		t.Helper()
		if err != nil && (!strings.Contains(err.Error(), fn+": ") || !strings.Contains(err.Error(), " = ")) {
			t.Errorf("%s: error %q does not name the function and a parameter", fn, err)
		}
		return err == nil
	}
	paramtest.NoHang(t, "analysis functions", 120*time.Second, func() {
		for _, tr := range trainSets {
			if cv, n, err := MeanCV(tr); named("MeanCV", err) {
				finite("MeanCV", cv, float64(n))
			}
			for _, t0 := range vals {
				for _, t1 := range []float64{nan, inf, 0, 5e-324, 1e-300, 10, 100, 1e300} {
					if r, err := Rates(tr, t0, t1); named("Rates", err) {
						finite("Rates", r...)
					}
					if r, err := MeanRate(tr, t0, t1); named("MeanRate", err) {
						finite("MeanRate", r)
					}
					if s, err := Summarize(tr, t0, t1); named("MeanRate", err) && !isFinite(s.Rate) {
						t.Errorf("Summarize rate %g", s.Rate)
					}
					for _, b := range vals {
						if f, err := Fano(tr, t0, t1, b); named("Fano", err) {
							finite("Fano", f)
						}
						if c, err := SpikeSynchrony(tr, t0, t1, b, 5); named("SpikeSynchrony", err) {
							finite("SpikeSynchrony", c)
						}
						if _, r, err := PSTH(tr, t0, t1, b); named("PSTH", err) {
							finite("PSTH", r...)
						}
						if len(tr) > 0 {
							if T, A, err := Activity(tr[0], len(tr), t0, t1, b, 1); named("Activity", err) {
								finite("Activity", T...)
								finite("Activity", A...)
							}
							if e, c, err := Histogram(tr[0], t0, t1, int(math.Min(math.Abs(b), 1e12))); named("Histogram", err) {
								finite("Histogram", e...)
								finite("Histogram", c...)
							}
						}
					}
				}
			}
		}
	})
}
