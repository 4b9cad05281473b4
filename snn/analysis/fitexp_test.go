package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitExpDecay: exact data give τ, y0 and yInf to 1e-6 relative, on
// an uneven grid; noisy data (σ = 1 % of the jump, 200 points) give τ to
// 5 %; a straight line and bad input are errors.
func TestFitExpDecay(t *testing.T) {
	var ts, ys []float64
	for x := 3.0; x < 600; x *= 1.15 {
		ts = append(ts, x)
		ys = append(ys, 8+(50-8)*math.Exp(-(x-3)/70))
	}
	f, err := FitExpDecay(ts, ys)
	if err != nil || math.Abs(f.Tau-70) > 70e-6 || math.Abs(f.Y0-50) > 50e-6 || math.Abs(f.YInf-8) > 8e-6 {
		t.Fatalf("exact: %+v, err %v; want τ 70, y0 50, yInf 8", f, err)
	}
	if got, want := f.At(100, ts[0]), 8+42*math.Exp(-97.0/70); math.Abs(got-want) > 1e-6 {
		t.Fatalf("At(100): %g, want %g", got, want)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ts, ys = ts[:0], ys[:0]
	for k := range 200 {
		x := float64(k) * 2
		ts = append(ts, x)
		ys = append(ys, 20-10*math.Exp(-x/40)+0.1*rng.NormFloat64())
	}
	if f, err := FitExpDecay(ts, ys); err != nil || math.Abs(f.Tau-40) > 2 {
		t.Fatalf("noisy: τ %g, err %v; want 40 ± 2", f.Tau, err)
	}
	line := []float64{1, 2, 3, 4, 5, 6}
	if _, err := FitExpDecay(line, line); err == nil {
		t.Fatal("a straight line: no error")
	}
	if _, err := FitExpDecay([]float64{0, 2, 1, 3}, []float64{1, 2, 3, 4}); err == nil {
		t.Fatal("t not increasing: no error")
	}
	if _, err := FitExpDecay([]float64{0, 1, 2}, []float64{1, 2, 3}); err == nil {
		t.Fatal("3 points: no error")
	}
	if _, err := FitExpDecay([]float64{0, 1, 2, 3}, []float64{1, math.NaN(), 3, 4}); err == nil {
		t.Fatal("NaN: no error")
	}
}
