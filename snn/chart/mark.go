package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Markable is a chart that HLine, VLine, Slope, Band and Transient can
// mark: Lines, Trace, Raster and Histogram charts.
type Markable interface {
	*charts.Line | *charts.Scatter | *charts.Bar
	Renderer
}

// host returns the series a mark is attached to: the chart's first, or a
// new empty one.
func host(c any) *charts.SingleSeries {
	var ms *charts.MultiSeries
	kind := "line"
	switch v := c.(type) {
	case *charts.Line:
		ms = &v.MultiSeries
	case *charts.Scatter:
		ms, kind = &v.MultiSeries, "scatter"
	case *charts.Bar:
		ms, kind = &v.MultiSeries, "bar"
	}
	if len(*ms) == 0 {
		*ms = append(*ms, charts.SingleSeries{Type: kind, Data: []opts.LineData{}})
	}
	return &(*ms)[0]
}

func markLine(c any, item any) {
	s := host(c)
	if s.MarkLines == nil {
		s.MarkLines = &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: "insideEndTop"},
			LineStyle: &opts.LineStyle{Color: "#555", Type: "dashed", Width: 1}}}
	}
	s.MarkLines.Data = append(s.MarkLines.Data, item)
}

func markArea(c any, item any) {
	s := host(c)
	if s.MarkAreas == nil {
		s.MarkAreas = &opts.MarkAreas{MarkAreaStyle: opts.MarkAreaStyle{
			Label:     &opts.Label{Show: opts.Bool(true), Position: "insideTop", Color: "#555"},
			ItemStyle: &opts.ItemStyle{Color: "rgba(120, 120, 120, 0.15)"}}}
	}
	s.MarkAreas.Data = append(s.MarkAreas.Data, item)
}

// HLine marks y = value across the plot with a labelled dashed line (a
// threshold, a reference rate). A non-finite value draws nothing.
func HLine[C Markable](c C, label string, y float64) C {
	if finite(y) {
		markLine(c, map[string]any{"name": label, "yAxis": y})
	}
	return c
}

// VLine marks x = value with a labelled dashed line (a stimulus onset).
// A non-finite value draws nothing.
func VLine[C Markable](c C, label string, x float64) C {
	if finite(x) {
		markLine(c, map[string]any{"name": label, "xAxis": x})
	}
	return c
}

// Slope draws a reference line y = y0·(x/x0)^slope from x0 to x1, a
// straight line of the given slope on log-log axes (e.g. slope −0.5 for
// fluctuations that fall as 1/√N). Non-finite or non-positive x0, x1, y0
// draw nothing.
func Slope[C Markable](c C, label string, x0, x1, y0, slope float64) C {
	y1 := y0 * math.Pow(x1/x0, slope)
	if finite(y1) && x0 > 0 && x1 > 0 && y0 > 0 && finite(x0) && finite(x1) {
		markLine(c, []any{
			map[string]any{"name": label, "coord": []float64{x0, y0}},
			map[string]any{"coord": []float64{x1, y1}},
		})
	}
	return c
}

// Band shades x0 ≤ x ≤ x1 with a label (a stimulus window). Non-finite or
// reversed bounds draw nothing.
func Band[C Markable](c C, label string, x0, x1 float64) C {
	if finite(x0) && finite(x1) && x0 < x1 {
		markArea(c, []any{map[string]any{"name": label, "xAxis": x0}, map[string]any{"xAxis": x1}})
	}
	return c
}

// Transient shades the start-up transient 0 ≤ t ≤ t0 of an activity plot
// or raster, labelled "transient", so that it is not read as the steady
// state.
func Transient[C Markable](c C, t0 float64) C { return Band(c, "transient", 0, t0) }
