package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// ErrorBars adds to c a vertical bar from y[k] − e[k] to y[k] + e[k] at
// each x[k], drawn in colour color (empty: grey) without markers, all under
// the one legend entry name, and returns c. Draw the values themselves as a
// Points series of the same colour. Points where x, y or e is not finite,
// or e is negative, get no bar; len(x), len(y) and len(e) must be equal
// (extra values of the longer slices get no bar).
func ErrorBars(c *charts.Line, name, color string, x, y, e []float64) *charts.Line {
	if color == "" {
		color = "#999"
	}
	for k := range min(len(x), len(y), len(e)) {
		if !finite(x[k]) || !finite(y[k]) || !finite(e[k]) || e[k] < 0 {
			continue
		}
		c.AddSeries(name, []opts.LineData{{Value: []any{x[k], y[k] - e[k]}}, {Value: []any{x[k], y[k] + e[k]}}},
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: color}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
	}
	return c
}

// WithErrors returns s and, as dashed lines in s's colour under s's legend
// entry, s.Y − e and s.Y + e at s.X: a mean with its error band (the
// lines that error bars' ends would join). Points beyond the shorter of
// s.Y and e get no band.
func WithErrors(s Series, e []float64) []Series {
	n := min(len(s.Y), len(e))
	lo, hi := make([]float64, n), make([]float64, n)
	for k := range n {
		lo[k], hi[k] = s.Y[k]-e[k], s.Y[k]+e[k]
	}
	return []Series{s, Series{Name: s.Name, X: s.X, Y: lo, Color: s.Color}.Dashed(), Series{Name: s.Name, X: s.X, Y: hi, Color: s.Color}.Dashed()}
}
