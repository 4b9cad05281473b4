package chart

import (
	"math"
	"reflect"
	"testing"
)

func TestErrorBars(t *testing.T) {
	c := Lines("sd", "N", "sd (Hz)", Series{Name: "sim", X: []float64{100, 200, 400}, Y: []float64{10, 7, 5}}.Points())
	ErrorBars(c, "± s.d.", "#c23531", []float64{100, 200, 400}, []float64{10, 7, 5}, []float64{1, 0.5, math.NaN()})
	series := option(t, c)["series"].([]any)
	if len(series) != 3 { // the points and two bars; the NaN error gets none
		t.Fatalf("%d series, want 3", len(series))
	}
	want := [][2][2]float64{{{100, 9}, {100, 11}}, {{200, 6.5}, {200, 7.5}}}
	for k, w := range want {
		s := series[k+1].(map[string]any)
		if s["name"] != "± s.d." {
			t.Errorf("bar %d named %v, want ± s.d.", k, s["name"])
		}
		data := s["data"].([]any)
		for j := range 2 {
			v := data[j].(map[string]any)["value"].([]any)
			if v[0].(float64) != w[j][0] || math.Abs(v[1].(float64)-w[j][1]) > 1e-12 {
				t.Errorf("bar %d end %d at %v, want %v", k, j, v, w[j])
			}
		}
	}
}

// TestWithErrors: the mean as given, then its band below and above,
// dashed, in its colour and under its name; a short e bounds the band.
func TestWithErrors(t *testing.T) {
	mean := Series{Name: "rate", X: []float64{1, 2, 3}, Y: []float64{10, 20, 30}, Color: "#123"}.Points()
	got := WithErrors(mean, []float64{1, 2, 3})
	want := []Series{mean,
		{Name: "rate", X: []float64{1, 2, 3}, Y: []float64{9, 18, 27}, Color: "#123", dashed: true},
		{Name: "rate", X: []float64{1, 2, 3}, Y: []float64{11, 22, 33}, Color: "#123", dashed: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WithErrors = %+v, want %+v", got, want)
	}
	if got := WithErrors(mean, []float64{1}); len(got[1].Y) != 1 || got[2].Y[0] != 11 {
		t.Errorf("WithErrors with one error: band %v, %v; want [9], [11]", got[1].Y, got[2].Y)
	}
	// Drawn: three series under one legend entry.
	series := option(t, Lines("r", "x", "y", got...))["series"].([]any)
	if len(series) != 3 {
		t.Fatalf("%d series drawn, want 3", len(series))
	}
}
