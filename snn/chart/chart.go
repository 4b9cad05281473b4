package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Default size of a chart.
const (
	Width  = "900px"
	Height = "380px"
)

// widthPx is Width in pixels, for laying out legends.
const widthPx = 900

// Palette: excitatory, inhibitory, then others.
var Palette = []string{"#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622", "#6e7074"}

// Series is one named curve of y against x. Dashed draws it as a theory
// overlay (a dashed line without markers); Points draws markers only, on
// top of every line (for simulation results).
type Series struct {
	Name   string
	X, Y   []float64
	Color  string // CSS colour; empty: the palette's next
	dashed bool
	points bool
}

// Colored returns s drawn in colour c (e.g. Palette[k]), to pair a
// simulation with its theory.
func (s Series) Colored(c string) Series { s.Color = c; return s }

// Dashed returns s drawn as a dashed line without markers (for analytic
// overlays).
func (s Series) Dashed() Series { s.dashed = true; return s }

// Points returns s drawn as markers without a line, above every line.
func (s Series) Points() Series { s.points = true; return s }

// notes collects what a builder could not draw; it becomes the chart's
// subtitle, so nothing is dropped silently.
type notes []string

func (n *notes) add(format string, args ...any) { *n = append(*n, fmt.Sprintf(format, args...)) }

func (n notes) String() string { return strings.Join(n, "; ") }

// isTime reports whether an axis name is a time axis ("time (ms)", "t (s)").
func isTime(name string) bool {
	l := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(l, "time") || l == "t" || strings.HasPrefix(l, "t (")
}

// layout is where a chart's legend goes and how tall the chart is.
type layout struct {
	height int // px
	top    int // grid top, px
	right  int // grid right, px
	legend opts.Legend
}

// legendLayout fits the legend of the named series: up to three rows above
// the plot (the chart grows by the extra rows), else a scrolling column on
// the right that leaves the plot room.
func legendLayout(names []string, height int) layout {
	const rowPx, avail = 22, widthPx - 120
	rows, x, widest := 1, 0, 0
	for _, n := range names {
		w := 35 + 7*utf8.RuneCountInString(n) // icon, gap and ~7 px a character at 12 px
		widest = max(widest, w)
		if x > 0 && x+w > avail {
			rows, x = rows+1, 0
		}
		x += w
	}
	if rows <= 3 {
		return layout{height: height + rowPx*(rows-1), top: 48 + rowPx*rows, right: 40,
			legend: opts.Legend{Show: opts.Bool(true), Top: "28", Left: "center", Width: fmt.Sprint(avail)}}
	}
	right := min(widest+30, widthPx/3)
	return layout{height: height, top: 70, right: right,
		legend: opts.Legend{Show: opts.Bool(true), Type: "scroll", Orient: "vertical", Right: "5", Top: "60", Bottom: "20", Width: fmt.Sprint(right - 10)}}
}

// toolbox is on every chart: save as PNG, the data as a table, restore
// (undo zooming).
func toolbox() opts.Toolbox {
	return opts.Toolbox{Show: opts.Bool(true), Right: "20", Top: "0", Feature: &opts.ToolBoxFeature{
		SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Title: "save as PNG"},
		DataView: &opts.ToolBoxFeatureDataView{Show: opts.Bool(true), Title: "data", Lang: []string{"data", "close", "refresh"},
			BackgroundColor: "#fff"},
		Restore: &opts.ToolBoxFeatureRestore{Show: opts.Bool(true), Title: "restore"},
	}}
}

// timeZoom zooms the x axis by wheel or drag inside the plot and with a
// slider below it. filterMode "none" keeps the y axis still while zooming.
func timeZoom() charts.GlobalOpts {
	return charts.WithDataZoomOpts(
		opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, FilterMode: "none"},
		opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, FilterMode: "none"},
	)
}

// base sets what every chart has: size, title (and the notes of what was
// not drawn as its subtitle), legend, tooltip, no animation (so static
// captures are final), a toolbox to save the image and see the data, and
// on a time axis a dataZoom.
func base(title, xName, yName string, n notes, l layout, trigger string) []charts.GlobalOpts {
	bottom := 60
	if isTime(xName) {
		bottom = 100
		l.height += 40
	}
	top := l.top
	if len(n) > 0 { // the subtitle pushes the legend and the plot down
		top += 18
		if l.legend.Orient != "vertical" {
			l.legend.Top = "48"
		}
	}
	tooltip := opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}
	if trigger == "axis" {
		tooltip.AxisPointer = &opts.AxisPointer{Type: "line", Snap: opts.Bool(true)}
	}
	o := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{Width: Width, Height: fmt.Sprintf("%dpx", l.height)}),
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: n.String(), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#b03030"}}),
		charts.WithLegendOpts(l.legend),
		charts.WithTooltipOpts(tooltip),
		charts.WithToolboxOpts(toolbox()),
		charts.WithGridOpts(opts.Grid{Left: "80", Right: fmt.Sprint(l.right), Top: fmt.Sprint(top), Bottom: fmt.Sprint(bottom)}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: xName, NameLocation: "middle", NameGap: 30, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName, NameLocation: "middle", NameGap: 55, Scale: opts.Bool(true)}),
	}
	if isTime(xName) {
		o = append(o, timeZoom())
	}
	return o
}

// heightPx is Height in pixels.
func heightPx() int {
	var h int
	fmt.Sscanf(Height, "%dpx", &h)
	return h
}

// Lines plots curves against a numeric x axis. Non-finite points are left
// out and counted in the subtitle. Unless x is time, each axis is
// logarithmic when all its finite values are positive and span more than
// 1.5 decades (a factor of about 32): sweeps over N or p then spread their
// points (LinearX, LinearY undo it). A linear axis spans the data with a
// margin, so no marker is clipped; a time axis spans exactly the data.
func Lines(title, xName, yName string, series ...Series) *charts.Line {
	return lines(title, xName, yName, "", series, nil)
}

// Lines2 plots left against a y axis on the left (yName) and right
// against a second y axis on the right (y2Name), for quantities of
// different scale over the same x.
func Lines2(title, xName, yName, y2Name string, left, right []Series) *charts.Line {
	return lines(title, xName, yName, y2Name, left, right)
}

func lines(title, xName, yName, y2Name string, left, right []Series) *charts.Line {
	var n notes
	all := append(append([]Series{}, left...), right...)
	names := make([]string, len(all))
	for k, s := range all {
		names[k] = s.Name
	}
	l := legendLayout(names, heightPx())
	if y2Name != "" {
		l.right = max(l.right, 80)
	}
	c := charts.NewLine()
	type drawn struct {
		s    Series
		data []opts.LineData
		axis int
	}
	var ds []drawn
	for k, s := range all {
		axis := 0
		if k >= len(left) {
			axis = 1
		}
		data := make([]opts.LineData, 0, len(s.X))
		bad := 0
		for i := range min(len(s.X), len(s.Y)) {
			if !finite(s.X[i]) || !finite(s.Y[i]) {
				bad++
				continue
			}
			data = append(data, opts.LineData{Value: []any{s.X[i], s.Y[i]}})
		}
		if bad > 0 {
			n.add("%s: %d non-finite points not drawn", s.Name, bad)
		}
		if len(s.X) != len(s.Y) {
			n.add("%s: %d x and %d y values, %d points not drawn", s.Name, len(s.X), len(s.Y), max(len(s.X), len(s.Y))-min(len(s.X), len(s.Y)))
		}
		ds = append(ds, drawn{s, data, axis})
	}
	c.SetGlobalOptions(base(title, xName, yName, n, l, "axis")...)
	// Axis types and ranges are decided when the chart renders, from every
	// series it holds then (ErrorBars and marks added later included); an
	// empty Type means "decide" (LogX, LinearX and friends set it).
	c.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: xName, NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Name: yName, NameLocation: "middle", NameGap: 55}))
	if y2Name != "" {
		c.ExtendYAxis(opts.YAxis{Name: y2Name, NameLocation: "middle", NameGap: 55, Position: "right",
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	}
	patch(c, nil, func(m map[string]any) { fitAxes(c, m) })
	// Markers above lines: ECharts draws later series on top, so points go
	// last. Colours are given in the caller's order first, so that moving a
	// series does not change its colour.
	for k := range ds {
		if ds[k].s.Color == "" {
			ds[k].s.Color = Palette[k%len(Palette)]
		}
	}
	slices.SortStableFunc(ds, func(a, b drawn) int {
		return cmp.Compare(b2i(a.s.points), b2i(b.s.points))
	})
	for _, d := range ds {
		s := d.s
		lo := []charts.SeriesOpts{}
		switch {
		case s.points:
			lo = append(lo, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 8}),
				charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color, BorderColor: "#fff", BorderWidth: 1}))
		case s.dashed:
			lo = append(lo, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
				charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: s.Color}))
		default:
			lo = append(lo, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(d.data) <= 40), Symbol: "circle", SymbolSize: 5}),
				charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: s.Color}))
		}
		if s.Color != "" && !s.points {
			lo = append(lo, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}))
		}
		c.AddSeries(s.Name, d.data, lo...)
		last := &c.MultiSeries[len(c.MultiSeries)-1]
		last.YAxisIndex = d.axis
	}
	return c
}

// logSpan is the ratio max/min above which a positive axis is drawn
// logarithmic: 1.5 decades.
var logSpan = math.Pow(10, 1.5)

// useLog reports whether values call for a log axis: all positive,
// spanning more than 1.5 decades.
func useLog(v []float64) bool {
	if len(v) < 2 {
		return false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if x <= 0 {
			return false
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi/lo > logSpan
}

// fitAxes decides, as c renders, the type and range of each axis whose
// Type is empty, from the points of every series of c and the values of
// its horizontal marks.
func fitAxes(c *charts.Line, m map[string]any) {
	var xs []float64
	ys := map[int][]float64{}
	for _, s := range c.MultiSeries {
		if data, ok := s.Data.([]opts.LineData); ok {
			for _, d := range data {
				if v, ok := d.Value.([]any); ok && len(v) == 2 {
					x, okx := v[0].(float64)
					y, oky := v[1].(float64)
					if okx && oky {
						xs, ys[s.YAxisIndex] = append(xs, x), append(ys[s.YAxisIndex], y)
					}
				}
			}
		}
		if s.MarkLines != nil {
			for _, it := range s.MarkLines.Data {
				if mm, ok := it.(map[string]any); ok {
					if y, ok := mm["yAxis"].(float64); ok {
						ys[s.YAxisIndex] = append(ys[s.YAxisIndex], y)
					}
				}
			}
		}
	}
	xa, _ := m["xAxis"].([]opts.XAxis)
	if len(xa) == 0 {
		return
	}
	xa = slices.Clone(xa)
	time := isTime(xa[0].Name)
	if xa[0].Type == "" {
		xa[0].Type, xa[0].Scale = "value", opts.Bool(true)
		switch lo, hi, ok := extent(xs); {
		case !time && useLog(xs):
			xa[0].Type, xa[0].Scale = "log", nil
		case time && ok && hi > lo:
			xa[0].Min, xa[0].Max = lo, hi
		default:
			if lo, hi, ok := niceRange(xs); ok {
				st := niceStepOf(xs) // ticks at multiples of the step niceRange used
				xa[0].Min, xa[0].Max, xa[0].MinInterval, xa[0].MaxInterval = lo, hi, st, st
			}
		}
	}
	m["xAxis"] = xa
	ya, _ := m["yAxis"].([]opts.YAxis)
	ya = slices.Clone(ya)
	for k := range ya {
		if ya[k].Type != "" {
			continue
		}
		ya[k].Type, ya[k].Scale = "value", opts.Bool(true)
		if !time && useLog(ys[k]) { // activity against time keeps a linear axis
			ya[k].Type, ya[k].Scale = "log", nil
		} else if lo, hi, ok := niceRange(ys[k]); ok {
			st := niceStepOf(ys[k])
			ya[k].Min, ya[k].Max, ya[k].MinInterval, ya[k].MaxInterval = lo, hi, st, st
		}
	}
	m["yAxis"] = ya
}

// extent returns the smallest and largest of v.
func extent(v []float64) (lo, hi float64, ok bool) {
	if len(v) == 0 {
		return 0, 0, false
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi, true
}

// niceStepOf is the tick step niceRange rounds v's range to.
func niceStepOf(v []float64) float64 {
	dlo, dhi, _ := extent(v)
	span := dhi - dlo
	if span == 0 {
		span = math.Abs(dhi)
		if span == 0 {
			span = 1
		}
	}
	return niceStep(1.1 * span / 8)
}

// niceRange returns an axis range that holds every value of v with a
// margin of 5% of the span on each side, rounded outwards to a multiple of
// a 1-2-5 step; it does not cross zero when the data do not.
func niceRange(v []float64) (lo, hi float64, ok bool) {
	dlo, dhi, ok := extent(v)
	if !ok {
		return 0, 0, false
	}
	span := dhi - dlo
	if span == 0 {
		span = math.Abs(dhi)
		if span == 0 {
			span = 1
		}
	}
	pad := 0.05 * span
	step := niceStep((span + 2*pad) / 8) // as niceStepOf
	lo = math.Floor((dlo-pad)/step) * step
	hi = math.Ceil((dhi+pad)/step) * step
	if dlo >= 0 && lo < 0 {
		lo = 0
	} else if dhi <= 0 && hi > 0 {
		hi = 0
	}
	return tidy(lo), tidy(hi), finite(lo) && finite(hi)
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// tidy removes floating-point noise (0.30000000000000004 → 0.3).
func tidy(x float64) float64 { return roundSig(x, 12) }

// LogX draws the x axis of c logarithmic.
func LogX(c *charts.Line) *charts.Line {
	c.XAxisList[0].Type, c.XAxisList[0].Min, c.XAxisList[0].Max, c.XAxisList[0].Scale = "log", nil, nil, nil
	return c
}

// LinearX draws the x axis of c linear (undoing the automatic log axis).
func LinearX(c *charts.Line) *charts.Line {
	c.XAxisList[0].Type, c.XAxisList[0].Scale = "value", opts.Bool(true)
	return c
}

// LogY draws the (left) y axis of c logarithmic.
func LogY(c *charts.Line) *charts.Line {
	c.YAxisList[0].Type, c.YAxisList[0].Min, c.YAxisList[0].Max, c.YAxisList[0].Scale = "log", nil, nil, nil
	return c
}

// LinearY draws the (left) y axis of c linear.
func LinearY(c *charts.Line) *charts.Line {
	c.YAxisList[0].Type, c.YAxisList[0].Scale = "value", opts.Bool(true)
	return c
}

// Trace plots a membrane potential (mV) against time (ms) with the
// threshold as a dashed line and a marker at each spike time.
func Trace(title string, t, v, spikes []float64, threshold float64) *charts.Line {
	c := Lines(title, "time (ms)", "V (mV)", Series{Name: "V", X: t, Y: v})
	flat := []opts.LineData{}
	if len(t) > 0 && finite(threshold) && finite(t[0]) && finite(t[len(t)-1]) {
		flat = append(flat, opts.LineData{Value: []any{t[0], threshold}}, opts.LineData{Value: []any{t[len(t)-1], threshold}})
	}
	c.AddSeries("threshold", flat, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: "#999", Width: 1}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	marks := []opts.LineData{}
	bad := 0
	for _, s := range spikes {
		if !finite(s) || !finite(threshold) {
			bad++
			continue
		}
		marks = append(marks, opts.LineData{Value: []any{s, threshold}})
	}
	c.AddSeries("spikes", marks, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "triangle", SymbolSize: 9}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}))
	if bad > 0 || !finite(threshold) {
		var n notes
		if c.Title.Subtitle != "" {
			n = append(n, c.Title.Subtitle)
		}
		if !finite(threshold) {
			n.add("threshold %g not drawn", threshold)
		}
		if bad > 0 && finite(threshold) {
			n.add("%d non-finite spike times not drawn", bad)
		}
		c.Title.Subtitle = n.String()
	}
	return c
}

func finiteOf(v []float64) []float64 {
	out := make([]float64, 0, len(v))
	for _, x := range v {
		if finite(x) {
			out = append(out, x)
		}
	}
	return out
}

func finite(x float64) bool { return x-x == 0 }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
