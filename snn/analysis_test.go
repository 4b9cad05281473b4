package snn

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func regular(t0, isi float64, n int) []float64 {
	tr := make([]float64, n)
	for k := range tr {
		tr[k] = t0 + float64(k)*isi
	}
	return tr
}

func TestRatesAndCVOnKnownTrains(t *testing.T) {
	tr := [][]float64{regular(0, 10, 100), regular(5, 20, 50), {}}
	r, err := Rates(tr, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, []float64{100, 50, 0}) {
		t.Errorf("Rates = %v, want [100 50 0]", r)
	}
	if cv, _ := CV(tr[0]); cv != 0 {
		t.Errorf("CV of a regular train = %g, want 0", cv)
	}
	// ISIs alternating 5 and 15: mean 10, sd 5 → CV 0.5 exactly.
	alt := []float64{0}
	for k := 0; k < 100; k++ {
		alt = append(alt, alt[len(alt)-1]+5+10*float64(k%2))
	}
	if cv, _ := CV(alt); math.Abs(cv-0.5) > 1e-12 {
		t.Errorf("CV = %g, want 0.5", cv)
	}
	if _, err := CV([]float64{1, 2}); err == nil {
		t.Error("CV of 2 spikes: want an error")
	}
}

func TestFanoKnown(t *testing.T) {
	// Counts alternate 0 and 2 per 10 ms window: mean 1, variance 1 → F = 1;
	// a regular train with one spike per window has F = 0.
	var tr []float64
	for w := 0; w < 100; w += 2 {
		tr = append(tr, float64(w*10)+1, float64(w*10)+2)
	}
	if f, _ := Fano([][]float64{tr}, 0, 1000, 10); math.Abs(f-1) > 1e-12 {
		t.Errorf("Fano = %g, want 1", f)
	}
	if f, _ := Fano([][]float64{regular(5, 10, 100)}, 0, 1000, 10); f != 0 {
		t.Errorf("Fano of regular = %g, want 0", f)
	}
	if _, err := Fano([][]float64{tr}, 0, 1000, 0); err == nil || !contains(err.Error(), "window = 0") {
		t.Errorf("window 0: %v, want an error naming window", err)
	}
}

func TestSynchronyLimits(t *testing.T) {
	x := make([]float64, 1000)
	for k := range x {
		x[k] = math.Sin(float64(k) / 30)
	}
	same := [][]float64{x, x, x, x}
	if chi, _ := Synchrony(same); math.Abs(chi-1) > 1e-12 {
		t.Errorf("χ of identical traces = %g, want 1", chi)
	}
	// Two traces in anti-phase: the mean is 0, χ = 0.
	neg := make([]float64, len(x))
	for k := range x {
		neg[k] = -x[k]
	}
	if chi, _ := Synchrony([][]float64{x, neg}); chi > 1e-12 {
		t.Errorf("χ of anti-phase traces = %g, want 0", chi)
	}
	// Identical spike trains: χ = 1.
	tr := regular(3, 17, 50)
	if chi, _ := SpikeSynchrony([][]float64{tr, tr, tr}, 0, 1000, 1, 5); math.Abs(chi-1) > 1e-12 {
		t.Errorf("SpikeSynchrony of identical trains = %g, want 1", chi)
	}
	if _, err := Synchrony(nil); err == nil {
		t.Error("Synchrony(nil): want an error")
	}
}

func TestActivityAndPSTH(t *testing.T) {
	// 10 neurons, 3 spikes in [0,10), 1 in [10,20): A = 30 Hz then 10 Hz.
	T, A, err := Activity([]float64{1, 2, 9.9, 15}, 10, 0, 20, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(T, []float64{0, 10}) || math.Abs(A[0]-30) > 1e-12 || math.Abs(A[1]-10) > 1e-12 {
		t.Errorf("Activity = %v %v, want [0 10] [30 10]", T, A)
	}
	// Smoothing preserves a constant activity.
	var times []float64
	for k := 0; k < 100; k++ {
		times = append(times, float64(k)+0.5)
	}
	_, A, _ = Activity(times, 1, 0, 100, 1, 3)
	for k, a := range A {
		if math.Abs(a-1000) > 1e-9 {
			t.Fatalf("smoothed constant activity A[%d] = %g, want 1000", k, a)
		}
	}
	_, r, _ := PSTH([][]float64{{1, 6}, {2}}, 0, 10, 5)
	if math.Abs(r[0]-200) > 1e-12 || math.Abs(r[1]-100) > 1e-12 {
		t.Errorf("PSTH = %v, want [200 100] Hz", r)
	}
}

func TestHistograms(t *testing.T) {
	e, c, err := Histogram([]float64{0, 0.5, 1, 1.5, 2, 7}, 0, 2, 2)
	if err != nil || !reflect.DeepEqual(e, []float64{0, 1, 2}) || !reflect.DeepEqual(c, []float64{2, 3}) {
		t.Errorf("Histogram = %v %v %v, want [0 1 2] [2 3]", e, c, err)
	}
	lo, ic, err := IntHistogram([]int{3, 5, 5, 4, 5})
	if err != nil || lo != 3 || !reflect.DeepEqual(ic, []float64{1, 1, 3}) {
		t.Errorf("IntHistogram = %d %v, want 3 [1 1 3]", lo, ic)
	}
	if _, _, err := Histogram(nil, 1, 1, 3); err == nil {
		t.Error("empty range: want an error")
	}
}

func TestCSVRoundTrip(t *testing.T) {
	net, sp := eiNet(2, 2, CurrentKind)
	pop := net.pops[0]
	st := net.MonitorState(pop, "V", []int32{0, 17, 5999}, 0.3)
	rt := net.MonitorRate(pop, 1)
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := sp.WriteCSV(filepath.Join(dir, "s.csv")); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteCSV(filepath.Join(dir, "v.csv")); err != nil {
		t.Fatal(err)
	}
	if err := rt.WriteCSV(filepath.Join(dir, "r.csv")); err != nil {
		t.Fatal(err)
	}
	T, I, err := ReadSpikesCSV(filepath.Join(dir, "s.csv"))
	if err != nil || !reflect.DeepEqual(T, sp.T) || !reflect.DeepEqual(I, sp.I) || len(T) == 0 {
		t.Errorf("spikes round trip: %d vs %d rows, err %v", len(T), sp.Len(), err)
	}
	T, nn, vals, err := ReadStateCSV(filepath.Join(dir, "v.csv"))
	if err != nil || !reflect.DeepEqual(T, st.T) || !reflect.DeepEqual(nn, st.Neurons) || !reflect.DeepEqual(vals, st.Values) {
		t.Errorf("state round trip differs (err %v)", err)
	}
	T, R, err := ReadRatesCSV(filepath.Join(dir, "r.csv"))
	if err != nil || !reflect.DeepEqual(T, rt.T) || !reflect.DeepEqual(R, rt.Rate) || len(R) != 50 {
		t.Errorf("rate round trip differs: %d bins (err %v)", len(R), err)
	}
	// No temporary file is left behind; a write into a missing folder fails
	// cleanly.
	if ents, _ := os.ReadDir(dir); len(ents) != 6 { // 3 CSV files and their .json sidecars
		t.Errorf("%d files in the folder, want 6", len(ents))
	}
	if err := sp.WriteCSV(filepath.Join(dir, "missing", "s.csv")); err == nil {
		t.Error("write into a missing folder: want an error")
	}
}
