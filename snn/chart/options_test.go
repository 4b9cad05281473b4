package chart

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

func first(m map[string]any, key string) map[string]any {
	switch v := m[key].(type) {
	case []any:
		return v[0].(map[string]any)
	case map[string]any:
		return v
	}
	return nil
}

func seriesOf(m map[string]any) []map[string]any {
	var out []map[string]any
	for _, s := range m["series"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

func subtitle(m map[string]any) string {
	s, _ := first(m, "title")["subtext"].(string)
	return s
}

var nan = math.NaN()

// every builder, with a time axis or not.
func builders() map[string]struct {
	c    Renderer
	time bool
} {
	tt := []float64{0, 1, 2, 3}
	return map[string]struct {
		c    Renderer
		time bool
	}{
		"Lines":        {Lines("f–I", "I (pA)", "rate (Hz)", Series{Name: "s", X: []float64{1, 2}, Y: []float64{3, 4}}), false},
		"Lines time":   {Lines("A", "time (ms)", "A (Hz)", Series{Name: "E", X: tt, Y: tt}), true},
		"Lines2":       {Lines2("2", "g", "CV", "χ", []Series{{Name: "CV", X: tt, Y: tt}}, []Series{{Name: "χ", X: tt, Y: tt}}), false},
		"Trace":        {Trace("V", tt, []float64{-70, -60, -50, -70}, []float64{2}, -55), true},
		"Raster":       {Raster("r", SpikeGroup{Name: "E", T: []float64{1, 2}, I: []int32{0, 1}}), true},
		"Histogram":    {Histogram("h", "ISI (ms)", []float64{0, 1, 2}, []float64{3, 4}), false},
		"Distribution": {Distribution("d", "rate (Hz)", []float64{1, 2, 3}, 0), false},
		"Heatmap":      {Heatmap("z", "g", "ν", "χ", []float64{1, 2}, []float64{1}, [][]float64{{1, 2}}), false},
	}
}

func TestToolboxAndZoomOnEveryChart(t *testing.T) {
	for name, b := range builders() {
		m := option(t, b.c)
		f, _ := first(m, "toolbox")["feature"].(map[string]any)
		for _, k := range []string{"saveAsImage", "dataView", "restore"} {
			if f[k] == nil {
				t.Errorf("%s: toolbox lacks %s", name, k)
			}
		}
		if f["saveAsImage"] != nil && f["saveAsImage"].(map[string]any)["type"] != "png" {
			t.Errorf("%s: saves as %v, want png", name, f["saveAsImage"].(map[string]any)["type"])
		}
		dz, _ := m["dataZoom"].([]any)
		if !b.time {
			if len(dz) != 0 {
				t.Errorf("%s: dataZoom on a chart without a time axis", name)
			}
			continue
		}
		types := map[string]bool{}
		for _, z := range dz {
			types[z.(map[string]any)["type"].(string)] = true
		}
		if !types["inside"] || !types["slider"] {
			t.Errorf("%s: dataZoom types %v, want inside (wheel/drag) and slider", name, types)
		}
	}
}

func TestLinesTooltipAndLayers(t *testing.T) {
	m := option(t, Lines("f–I", "I (pA)", "rate (Hz)",
		Series{Name: "sim", X: []float64{1, 2, 3}, Y: []float64{0, 5, 9}}.Points(),
		Series{Name: "theory", X: []float64{1, 2, 3}, Y: []float64{0, 5, 9}}.Dashed()))
	if tt := first(m, "tooltip"); tt["trigger"] != "axis" || tt["axisPointer"] == nil {
		t.Errorf("tooltip %v, want trigger axis with an axis pointer", tt)
	}
	s := seriesOf(m)
	// ECharts draws later series on top: the simulation's markers last.
	if s[0]["name"] != "theory" || s[1]["name"] != "sim" {
		t.Errorf("series drawn in the order %v, %v; want the theory line, then the simulation's markers above it", s[0]["name"], s[1]["name"])
	}
	// Each keeps the colour of its place in the caller's order.
	if c0, c1 := s[1]["itemStyle"].(map[string]any)["color"], s[0]["lineStyle"].(map[string]any)["color"]; c0 != Palette[0] || c1 != Palette[1] {
		t.Errorf("colours sim %v, theory %v; want %s and %s", c0, c1, Palette[0], Palette[1])
	}
	if s[0]["showSymbol"] != false {
		t.Errorf("theory line shows markers (%v); they would hide the simulation's", s[0]["showSymbol"])
	}
	if s[1]["symbolSize"].(float64) < 7 {
		t.Errorf("simulation markers of size %v, want ≥ 7", s[1]["symbolSize"])
	}
}

func TestLogAxes(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want string
	}{
		{[]float64{100, 400, 1600, 6400}, "log"},     // 1.8 decades
		{[]float64{0.001, 0.01, 0.1}, "log"},         // 2 decades of p
		{[]float64{1, 10, 30}, "value"},              // 1.48 decades
		{[]float64{0, 100, 1000, 10000}, "value"},    // a zero cannot be drawn on a log axis
		{[]float64{-100, 100, 1000, 10000}, "value"}, // nor a negative value
	} {
		y := make([]float64, len(c.x))
		for k := range y {
			y[k] = 1 + float64(k)
		}
		m := option(t, Lines("sweep", "N", "σ", Series{Name: "s", X: c.x, Y: y}))
		if got := first(m, "xAxis")["type"]; got != c.want {
			t.Errorf("x %v: axis type %v, want %s", c.x, got, c.want)
		}
	}
	m := option(t, Lines("t", "time (ms)", "A", Series{Name: "s", X: []float64{1, 100, 10000}, Y: []float64{1, 2, 3}}))
	if got := first(m, "xAxis")["type"]; got != "value" {
		t.Errorf("time axis drawn %v, want linear", got)
	}
	m = option(t, LinearX(Lines("sweep", "N", "σ", Series{Name: "s", X: []float64{100, 10000}, Y: []float64{1, 2}})))
	if got := first(m, "xAxis")["type"]; got != "value" {
		t.Errorf("LinearX: axis type %v, want value", got)
	}
	m = option(t, LogY(Lines("sweep", "N", "σ", Series{Name: "s", X: []float64{1, 2}, Y: []float64{1, 2}})))
	if got := first(m, "yAxis")["type"]; got != "log" {
		t.Errorf("LogY: axis type %v, want log", got)
	}
}

func TestAxesHoldTheData(t *testing.T) {
	// Notebook 03's χ reached above 0.06 and was clipped.
	chi := []float64{0.012, 0.034, 0.0612, 0.058}
	m := option(t, Lines("χ", "g", "χ", Series{Name: "χ", X: []float64{1, 2, 3, 4}, Y: chi}))
	y := first(m, "yAxis")
	lo, hi := y["min"].(float64), y["max"].(float64)
	if lo > 0.012 || hi < 0.0612 || lo < 0 {
		t.Errorf("y axis [%g, %g] does not hold [0.012, 0.0612] (or crosses zero)", lo, hi)
	}
	// Ticks at a fixed step from the axis' ends, so that no label crowds
	// another (notebook 02's activity axis read "20, 30, 60, …").
	st := y["minInterval"].(float64)
	if n := (hi - lo) / st; st != y["maxInterval"].(float64) || math.Abs(n-math.Round(n)) > 1e-9 || n < 4 || n > 12 {
		t.Errorf("y axis [%g, %g] with interval %v…%v: want a fixed step dividing it into 4–12", lo, hi, y["minInterval"], y["maxInterval"])
	}
	if hi-0.0612 < 0.02*(0.0612-0.012) {
		t.Errorf("y axis ends at %g: no margin above the largest marker 0.0612", hi)
	}
	for _, v := range [][]float64{{-3, 7}, {5, 5}, {0, 0}, {1e-9, 3e-9}, {-70, -50}} {
		lo, hi, _ := niceRange(v)
		if lo > min(v[0], v[1]) || hi < max(v[0], v[1]) || !(lo < hi) {
			t.Errorf("niceRange(%v) = [%g, %g]", v, lo, hi)
		}
	}
	// A 1600-neuron raster's axis ends at 1600, not 1800.
	T, I := make([]float64, 1600), make([]int32, 1600)
	for k := range I {
		T[k], I[k] = float64(k), int32(k)
	}
	m = option(t, RasterRows("all", 0, SpikeGroup{Name: "E", T: T, I: I}))
	if got := first(m, "yAxis")["max"]; got != float64(1600) {
		t.Errorf("raster of 1600 neurons: y axis max %v, want 1600", got)
	}
}

func TestLegendFits(t *testing.T) {
	// Notebook 01's noisy f–I curves: 6 noise levels, simulation and theory.
	var ss []Series
	for _, s := range []string{"0", "1", "2", "5", "10", "20"} {
		ss = append(ss, Series{Name: "σ = " + s + " pA", X: []float64{1}, Y: []float64{1}},
			Series{Name: "σ = " + s + " pA Siegert", X: []float64{1}, Y: []float64{1}}.Dashed())
	}
	m := option(t, Lines("f–I", "I (pA)", "rate (Hz)", ss...))
	lg := first(m, "legend")
	if lg["type"] == "scroll" && lg["orient"] != "vertical" {
		t.Fatalf("12 series: a horizontal scrolling legend hides names on a second page")
	}
	if lg["type"] != "scroll" {
		l := legendLayout([]string{"σ = 20 pA Siegert"}, 380)
		top, _ := strconv.Atoi(first(m, "grid")["top"].(string))
		if top <= l.top {
			t.Errorf("legend of several rows, but the plot starts at %d px (one row: %d)", top, l.top)
		}
	}
	for k, n := range []int{1, 12, 60} {
		names := make([]string, n)
		for i := range names {
			names[i] = "σ = 20 pA Siegert"
		}
		l := legendLayout(names, 380)
		if k < 2 && l.legend.Type == "scroll" || k == 2 && l.legend.Orient != "vertical" {
			t.Errorf("%d names: legend %+v", n, l.legend)
		}
	}
}

func TestHeatmapScaleKeepsItsRange(t *testing.T) {
	// Notebook 06: χ between 0.087 and 0.133 was labelled "0 … 0".
	m := option(t, Heatmap("χ", "g", "ν", "χ", []float64{1, 2}, []float64{1}, [][]float64{{0.087, 0.133}}))
	vm := first(m, "visualMap")
	p := int(vm["precision"].(float64))
	lo := strconv.FormatFloat(vm["min"].(float64), 'f', p, 64)
	hi := strconv.FormatFloat(vm["max"].(float64), 'f', p, 64)
	if lo != "0.087" || hi != "0.133" {
		t.Errorf("colour scale labelled %s … %s, want 0.087 … 0.133", lo, hi)
	}
	for _, c := range [][2]float64{{0.087, 0.133}, {1000, 1001}, {1e-5, 2e-5}, {-3, 3}, {0.5, 0.5004}} {
		d := decimals(c[0], c[1])
		if strconv.FormatFloat(c[0], 'f', d, 64) == strconv.FormatFloat(c[1], 'f', d, 64) {
			t.Errorf("decimals(%v) = %d erases the range", c, d)
		}
	}
}

func TestDistributionCountsEveryValue(t *testing.T) {
	// The quickstart's rates: some above a fixed 0–40 Hz range.
	rates := []float64{0, 3, 12, 39.9, 41, 55, 80.5, 12, 7, nan, math.Inf(1)}
	m := option(t, Distribution("rates", "rate (Hz)", rates, 8))
	sum := 0.0
	for _, d := range seriesOf(m)[0]["data"].([]any) {
		sum += d.(map[string]any)["value"].(float64)
	}
	if sum != 9 {
		t.Errorf("bars sum to %g, want 9 finite values", sum)
	}
	if s := subtitle(m); !strings.Contains(s, "n = 9") || !strings.Contains(s, "2 non-finite") {
		t.Errorf("subtitle %q should give n = 9 and the 2 non-finite values", s)
	}
	if got := len(seriesOf(m)[0]["data"].([]any)); got != 8 {
		t.Errorf("%d bins, want 8", got)
	}
	m = option(t, Distribution("one", "x", []float64{5, 5, 5}, 0))
	if d := seriesOf(m)[0]["data"].([]any); len(d) != 1 || d[0].(map[string]any)["value"].(float64) != 3 {
		t.Errorf("three equal values: %v, want one bar of 3", d)
	}
	option(t, Distribution("none", "x", nil, 0))
	if m := option(t, Distribution("many", "x", []float64{1, 2}, 1e9)); len(seriesOf(m)[0]["data"].([]any)) != MaxBins {
		t.Errorf("1e9 bins asked: want %d drawn", MaxBins)
	}
}

// A NaN or Inf used to make go-echarts drop the option (a blank chart).
func TestNonFiniteDataIsNotedNotBlank(t *testing.T) {
	inf := math.Inf(1)
	for name, c := range map[string]Renderer{
		"Lines":     Lines("l", "x", "y", Series{Name: "s", X: []float64{1, 2, nan}, Y: []float64{1, inf, 3}}),
		"Trace":     Trace("V", []float64{0, 1, 2}, []float64{-70, nan, -60}, []float64{inf}, -55),
		"Raster":    Raster("r", SpikeGroup{Name: "E", T: []float64{1, nan, inf}, I: []int32{0, 1, 2}}),
		"Histogram": Histogram("h", "x", []float64{0, 1, nan}, []float64{3, inf}),
		"Heatmap":   Heatmap("z", "x", "y", "z", []float64{1, 2}, []float64{1}, [][]float64{{nan, 2}}),
	} {
		m := option(t, c)
		if s := subtitle(m); !strings.Contains(s, "not drawn") {
			t.Errorf("%s: subtitle %q does not say what was not drawn", name, s)
		}
		if _, err := snippet(c); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	m := option(t, Lines("l", "x", "y", Series{Name: "s", X: []float64{1, 2, 3}, Y: []float64{1, nan, 3}}))
	if s := subtitle(m); !strings.Contains(s, "s: 1 non-finite points not drawn") {
		t.Errorf("subtitle %q", s)
	}
	m = option(t, Lines("l", "x", "y", Series{Name: "s", X: []float64{1, 2, 3}, Y: []float64{1, 2, 3}}))
	if s := subtitle(m); s != "" {
		t.Errorf("clean data, subtitle %q", s)
	}
}

func TestNilAndMismatchedInputsDoNotPanic(t *testing.T) {
	m := option(t, Raster("r", Spikes("E", nil, 0), SpikeGroup{Name: "I", T: []float64{1, 2, 3}, I: []int32{0}}))
	if s := subtitle(m); !strings.Contains(s, "E: no monitor") || !strings.Contains(s, "2 spikes not drawn") {
		t.Errorf("subtitle %q should name the missing monitor and the 2 spikes without an index", s)
	}
	m = option(t, Trace("V", []float64{0, 1, 2}, []float64{-70}, nil, -55))
	if s := subtitle(m); !strings.Contains(s, "3 x and 1 y values") {
		t.Errorf("trace subtitle %q should say the lengths differ", s)
	}
	var line *charts.Line
	page := Page("p", nil, line, Panels{nil, line, Lines("ok", "x", "y")}, Panels(nil))
	if n := strings.Count(page, "snn-chart-error"); n != 4 {
		t.Errorf("%d visible errors for 4 nil charts", n)
	}
	if strings.Count(page, "echarts.init(") != 1 {
		t.Errorf("the one good chart was not drawn")
	}
}

func TestTitlesAreEscaped(t *testing.T) {
	evil := `</script><script>alert(1)</script>`
	page := Page(evil, Lines(evil, "x", "y", Series{Name: evil, X: []float64{1}, Y: []float64{1}}))
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("a title ends the page's script")
	}
	if !strings.Contains(page, "<title>&lt;/script&gt;") {
		t.Error("page title not HTML-escaped")
	}
	// The text is intact for ECharts (JSON escapes).
	if !strings.Contains(page, `\u003c/script\u003e`) {
		t.Error("title lost in the option")
	}
}

func TestMarks(t *testing.T) {
	c := Lines("A", "time (ms)", "A (Hz)", Series{Name: "E", X: []float64{0, 100, 200}, Y: []float64{1, 2, 3}})
	HLine(c, "threshold", -55)
	VLine(c, "on", 50)
	HLine(c, "nan", nan)
	Slope(c, "1/√N", 100, 10000, 1, -0.5)
	Transient(c, 100)
	Band(c, "reversed", 5, 1)
	m := option(t, c)
	s := seriesOf(m)[0]
	ml := s["markLine"].(map[string]any)["data"].([]any)
	if len(ml) != 3 {
		t.Fatalf("%d mark lines, want 3 (the NaN one left out)", len(ml))
	}
	if ml[0].(map[string]any)["yAxis"] != -55.0 || ml[1].(map[string]any)["xAxis"] != 50.0 {
		t.Errorf("mark lines %v", ml)
	}
	end := ml[2].([]any)[1].(map[string]any)["coord"].([]any)
	if y := end[1].(float64); math.Abs(y-0.1) > 1e-12 {
		t.Errorf("slope −0.5 over 2 decades ends at %g, want 0.1", y)
	}
	ma := s["markArea"].(map[string]any)["data"].([]any)
	if len(ma) != 1 || ma[0].([]any)[0].(map[string]any)["name"] != "transient" || ma[0].([]any)[1].(map[string]any)["xAxis"] != 100.0 {
		t.Errorf("mark areas %v, want one transient [0, 100]", ma)
	}
	m = option(t, HLine(Raster("r"), "x", 1))
	if len(seriesOf(m)) != 1 {
		t.Errorf("a mark on an empty raster needs a series to hold it")
	}
}

func TestRasterSubset(t *testing.T) {
	var e, i SpikeGroup
	e.Name, i.Name, i.Offset = "E", "I", 800
	for k := 0; k < 800; k++ {
		e.T, e.I = append(e.T, float64(k)), append(e.I, int32(k))
	}
	for k := 0; k < 200; k++ {
		i.T, i.I = append(i.T, float64(k)), append(i.I, int32(k))
	}
	m := option(t, Raster("spikes", e, i))
	if title := first(m, "title")["text"].(string); !strings.Contains(title, "first 200 neurons of each group") {
		t.Errorf("title %q should say the raster shows a subset", title)
	}
	s := seriesOf(m)
	if n0, n1 := len(s[0]["data"].([]any)), len(s[1]["data"].([]any)); n0 != 200 || n1 != 200 {
		t.Errorf("%d and %d spikes drawn, want 200 and 200", n0, n1)
	}
	if row := s[1]["data"].([]any)[0].(map[string]any)["value"].([]any)[1]; row != 200.0 {
		t.Errorf("I's first row at %v, want 200 (stacked on E's 200)", row)
	}
	if got := first(m, "yAxis")["max"]; got != 400.0 {
		t.Errorf("y axis max %v, want 400", got)
	}
	m = option(t, Raster("small", SpikeGroup{Name: "E", T: []float64{1}, I: []int32{99}}, SpikeGroup{Name: "I", T: []float64{1}, I: []int32{9}, Offset: 100}))
	if title := first(m, "title")["text"].(string); title != "small" {
		t.Errorf("110 rows: title %q, want no subset", title)
	}
	if row := seriesOf(m)[1]["data"].([]any)[0].(map[string]any)["value"].([]any)[1]; row != 109.0 {
		t.Errorf("I row %v, want 109 (offset 100 kept)", row)
	}
}

func TestLines2(t *testing.T) {
	m := option(t, Lines2("CV and χ", "g", "CV", "χ",
		[]Series{{Name: "CV", X: []float64{1, 2}, Y: []float64{0.8, 1.2}}},
		[]Series{{Name: "χ", X: []float64{1, 2}, Y: []float64{0.01, 0.05}}}))
	ya := m["yAxis"].([]any)
	if len(ya) != 2 || ya[1].(map[string]any)["name"] != "χ" || ya[1].(map[string]any)["position"] != "right" {
		t.Fatalf("y axes %v, want CV and χ on the right", ya)
	}
	s := seriesOf(m)
	if s[0]["yAxisIndex"] != nil || s[1]["yAxisIndex"] != 1.0 {
		t.Errorf("axis indices %v %v, want 0 and 1", s[0]["yAxisIndex"], s[1]["yAxisIndex"])
	}
	if hi := ya[1].(map[string]any)["max"].(float64); hi < 0.05 || hi > 0.1 {
		t.Errorf("χ axis max %g: want its own scale, 0.05 ≤ max ≤ 0.1", hi)
	}
}

func TestTimePlotsKeepLinearY(t *testing.T) {
	m := option(t, Lines("A", "time (ms)", "A (Hz)", Series{Name: "E", X: []float64{0, 1, 2}, Y: []float64{0.5, 20, 200}}))
	if got := first(m, "yAxis")["type"]; got != "value" {
		t.Errorf("activity spanning 2.6 decades against time: y axis %v, want linear", got)
	}
	m = option(t, Lines("σ", "N", "σ (Hz)", Series{Name: "s", X: []float64{1, 2, 3}, Y: []float64{0.5, 20, 200}}))
	if got := first(m, "yAxis")["type"]; got != "log" {
		t.Errorf("a sweep's y spanning 2.6 decades: y axis %v, want log", got)
	}
}

// Series added after Lines returns (error bars, a user's own) and
// horizontal marks are inside the axis range: it is decided as the chart
// renders.
func TestAxesHoldLaterSeriesAndMarks(t *testing.T) {
	c := Lines("sd", "g", "sd (Hz)", Series{Name: "sim", X: []float64{1, 2}, Y: []float64{10, 7}}.Points())
	c.AddSeries("± s.d.", []opts.LineData{{Value: []any{1.0, 4.0}}, {Value: []any{1.0, 16.0}}})
	HLine(c, "reference", 20)
	y := first(option(t, c), "yAxis")
	if lo, hi := y["min"].(float64), y["max"].(float64); lo > 4 || hi < 20 {
		t.Errorf("y axis [%g, %g] does not hold the bar [4, 16] and the mark at 20", lo, hi)
	}
}
