package chart

import (
	"math"
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
