package chart

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// option decodes the ECharts option a chart renders to.
func option(t *testing.T, c Renderer) map[string]any {
	t.Helper()
	s := c.RenderSnippet()
	var m map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(s.Option), ";")), &m); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, s.Option)
	}
	return m
}

func axisName(m map[string]any, axis string) string {
	switch a := m[axis].(type) {
	case []any:
		return a[0].(map[string]any)["name"].(string)
	case map[string]any:
		return a["name"].(string)
	}
	return ""
}

func TestLinesOptions(t *testing.T) {
	c := Lines("f–I", "I (pA)", "rate (Hz)",
		Series{Name: "sim", X: []float64{1, 2, 3}, Y: []float64{0, 5, 9}},
		Series{Name: "theory", X: []float64{1, 2}, Y: []float64{0, 5}}.Dashed())
	m := option(t, c)
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want 2", len(series))
	}
	if got := series[1].(map[string]any)["lineStyle"].(map[string]any)["type"]; got != "dashed" {
		t.Errorf("theory line style %v, want dashed", got)
	}
	if axisName(m, "xAxis") != "I (pA)" || axisName(m, "yAxis") != "rate (Hz)" {
		t.Errorf("axes %q, %q, want I (pA), rate (Hz)", axisName(m, "xAxis"), axisName(m, "yAxis"))
	}
	if title := m["title"].(map[string]any)["text"]; title != "f–I" {
		t.Errorf("title %v, want f–I", title)
	}
	if n := len(series[0].(map[string]any)["data"].([]any)); n != 3 {
		t.Errorf("%d points, want 3", n)
	}
}

func TestRasterLargeModeAndThinning(t *testing.T) {
	g := SpikeGroup{Name: "E", T: make([]float64, 300_000), I: make([]int32, 300_000)}
	h := SpikeGroup{Name: "I", T: []float64{1, 2}, I: []int32{0, 1}, Offset: 10}
	m := option(t, Raster("raster", g, h))
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want 2 (E and I)", len(series))
	}
	s0 := series[0].(map[string]any)
	if s0["large"] != true || s0["progressive"] != float64(0) {
		t.Errorf("large = %v, progressive = %v, want true and 0", s0["large"], s0["progressive"])
	}
	if n := len(s0["data"].([]any)); n > MaxRasterPoints {
		t.Errorf("%d points drawn, want ≤ %d", n, MaxRasterPoints)
	}
	if title := m["title"].(map[string]any)["text"].(string); !strings.Contains(title, "every 2-th spike") {
		t.Errorf("title %q should say the raster is thinned", title)
	}
	// Every group is thinned with the same stride (densities stay
	// comparable); the I group is offset by 10 rows.
	d := series[1].(map[string]any)["data"].([]any)
	if p := d[0].(map[string]any)["value"].([]any); len(d) != 1 || p[1].(float64) != 10 {
		t.Errorf("I group: %d points, first row %v; want 1 point at row 10", len(d), p[1])
	}
	if axisName(m, "xAxis") != "time (ms)" || axisName(m, "yAxis") != "neuron" {
		t.Errorf("raster axes %q %q", axisName(m, "xAxis"), axisName(m, "yAxis"))
	}
}

func TestTraceHistogramHeatmap(t *testing.T) {
	m := option(t, Trace("V", []float64{0, 1, 2}, []float64{-70, -60, -70}, []float64{1}, -55))
	if n := len(m["series"].([]any)); n != 3 {
		t.Errorf("trace: %d series, want V, threshold, spikes", n)
	}
	m = option(t, Histogram("ISI", "ISI (ms)", []float64{0, 1, 2}, []float64{3, 4}))
	if axisName(m, "xAxis") != "ISI (ms)" || axisName(m, "yAxis") != "count" {
		t.Errorf("histogram axes %q %q", axisName(m, "xAxis"), axisName(m, "yAxis"))
	}
	m = option(t, Heatmap("χ", "g", "rate (Hz)", "χ", []float64{1, 2}, []float64{5, 6, 7}, [][]float64{{1, 2}, {3, 4}, {5, 6}}))
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(data) != 6 {
		t.Errorf("heatmap: %d cells, want 6", len(data))
	}
	if v := data[0].(map[string]any)["value"].([]any)[2].(float64); v != 1 {
		t.Errorf("first cell %v, want 1", v)
	}
	m = option(t, Heatmap("r", "g", "μ", "χ", []float64{1}, []float64{1}, [][]float64{{0.2286532958456888}}))
	if v := m["series"].([]any)[0].(map[string]any)["data"].([]any)[0].(map[string]any)["value"].([]any)[2].(float64); v != 0.229 {
		t.Errorf("cell label value %v, want 0.229 (3 significant digits)", v)
	}
	// One value: the colour scale spans it ± 1 %, so the cell has a colour.
	vms, _ := m["visualMap"].([]any)
	if len(vms) != 1 {
		t.Fatalf("%d visual maps, want 1", len(vms))
	}
	vm, _ := vms[0].(map[string]any)
	lo, _ := vm["min"].(float64)
	hi, _ := vm["max"].(float64)
	if math.Abs(lo-0.229*0.99) > 1e-15 || math.Abs(hi-0.229*1.01) > 1e-15 {
		t.Errorf("one-cell colour range [%v, %v], want [%v, %v] (the value ± 1 %%)", lo, hi, 0.229*0.99, 0.229*1.01)
	}
	m = option(t, Heatmap("χ", "g", "rate (Hz)", "χ", []float64{1, 2}, []float64{5, 6, 7}, [][]float64{{1, 2}, {3, 4}, {5, 6}}))
	if vm := m["visualMap"].([]any)[0].(map[string]any); vm["min"].(float64) != 1 || vm["max"].(float64) != 6 {
		t.Errorf("heatmap colour range [%v, %v], want [1, 6]", vm["min"], vm["max"])
	}
}

func TestPageIsStandalone(t *testing.T) {
	a := Lines("a", "t (ms)", "x", Series{Name: "x", X: []float64{0, 1}, Y: []float64{0, 1}})
	b := Lines("b", "t (ms)", "y", Series{Name: "y", X: []float64{0, 1}, Y: []float64{1, 0}})
	page := Page("test", Panels{a, b})
	if strings.Count(page, "echarts.init(") != 2 || strings.Count(page, EChartsJS[:200]) != 1 {
		t.Errorf("page: %d charts and %d copies of ECharts, want 2 and 1", strings.Count(page, "echarts.init("), strings.Count(page, EChartsJS[:200]))
	}
	if strings.Contains(page, "https://") && strings.Contains(page, "<script src=") {
		t.Error("page loads a script from the network")
	}
	if !strings.Contains(page, "echarts.connect(") {
		t.Error("panels are not connected")
	}
	path := filepath.Join(t.TempDir(), "p.html")
	if err := SaveHTML(path, "test", a); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() < int64(len(EChartsJS)) {
		t.Errorf("saved page: %v, size %d", err, fi.Size())
	}
}

func TestMismatchedLengthsDoNotPanic(t *testing.T) {
	m := option(t, Histogram("h", "x", []float64{0, 1}, []float64{1, 2, 3}))
	if n := len(m["series"].([]any)[0].(map[string]any)["data"].([]any)); n != 1 {
		t.Errorf("histogram with 2 edges: %d bars, want 1", n)
	}
	m = option(t, Heatmap("z", "x", "y", "z", []float64{1, 2, 3}, []float64{1, 2}, [][]float64{{1, 2}}))
	if n := len(m["series"].([]any)[0].(map[string]any)["data"].([]any)); n != 2 {
		t.Errorf("heatmap with one short row: %d cells, want 2", n)
	}
}

// TestSpikeGroupWindow: Window keeps the spikes in [t0, t1) of the
// neurons below n, in order, and the group's name and offset.
func TestSpikeGroupWindow(t *testing.T) {
	g := SpikeGroup{Name: "E", T: []float64{1, 2, 2, 3, 5, 8}, I: []int32{0, 4, 1, 2, 0, 1}, Offset: 7}
	for _, c := range []struct {
		t0, t1 float64
		n      int
		T      []float64
		I      []int32
	}{
		{2, 5, 0, []float64{2, 2, 3}, []int32{4, 1, 2}},
		{2, 5, 2, []float64{2}, []int32{1}},
		{0, math.Inf(1), 1, []float64{1, 5}, []int32{0, 0}},
		{9, 10, 0, nil, nil},
	} {
		w := g.Window(c.t0, c.t1, c.n)
		if w.Name != "E" || w.Offset != 7 || !reflect.DeepEqual(w.T, c.T) || !reflect.DeepEqual(w.I, c.I) {
			t.Errorf("Window(%g, %g, %d) = %+v, want T %v, I %v", c.t0, c.t1, c.n, w, c.T, c.I)
		}
	}
	if len(g.T) != 6 {
		t.Error("Window changed the group")
	}
}
