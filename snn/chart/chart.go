package chart

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/janpfeifer/gonb/gonbui"

	"github.com/snn-sim/snn/snn"
)

// Default size of a chart.
const (
	Width  = "900px"
	Height = "380px"
)

// Palette: excitatory, inhibitory, then others.
var Palette = []string{"#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622", "#6e7074"}

// Series is one named curve of y against x. Dashed draws it as a theory
// overlay; Points draws markers only.
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

// Dashed returns s drawn as a dashed line (for analytic overlays).
func (s Series) Dashed() Series { s.dashed = true; return s }

// Points returns s drawn as markers without a line.
func (s Series) Points() Series { s.points = true; return s }

// base sets what every chart has: size, title, legend, tooltip, no
// animation (so static captures are final), a toolbox to save the image.
func base(title, xName, yName string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{Width: Width, Height: Height}),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "center"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "28", Type: "scroll"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithGridOpts(opts.Grid{Left: "80", Right: "40", Top: "70", Bottom: "60"}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: xName, NameLocation: "middle", NameGap: 30, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName, NameLocation: "middle", NameGap: 55, Scale: opts.Bool(true)}),
	}
}

// Lines plots curves against a numeric x axis.
func Lines(title, xName, yName string, series ...Series) *charts.Line {
	c := charts.NewLine()
	c.SetGlobalOptions(base(title, xName, yName)...)
	for _, s := range series {
		data := make([]opts.LineData, 0, len(s.X))
		for k := range s.X {
			if k < len(s.Y) && finite(s.X[k]) && finite(s.Y[k]) {
				data = append(data, opts.LineData{Value: []any{s.X[k], s.Y[k]}})
			}
		}
		o := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(s.points || len(data) <= 40), Symbol: "circle", SymbolSize: 6})}
		switch {
		case s.dashed:
			o = append(o, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: s.Color}))
		case s.points:
			o = append(o, charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}))
		default:
			o = append(o, charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: s.Color}))
		}
		if s.Color != "" {
			o = append(o, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}))
		}
		c.AddSeries(s.Name, data, o...)
	}
	return c
}

// Trace plots a membrane potential (mV) against time (ms) with the
// threshold as a dashed line and a marker at each spike time.
func Trace(title string, t, v, spikes []float64, threshold float64) *charts.Line {
	c := Lines(title, "time (ms)", "V (mV)", Series{Name: "V", X: t, Y: v})
	flat := []opts.LineData{}
	if len(t) > 0 {
		flat = append(flat, opts.LineData{Value: []any{t[0], threshold}}, opts.LineData{Value: []any{t[len(t)-1], threshold}})
	}
	c.AddSeries("threshold", flat, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: "#999", Width: 1}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	marks := []opts.LineData{}
	for _, s := range spikes {
		marks = append(marks, opts.LineData{Value: []any{s, threshold}})
	}
	c.AddSeries("spikes", marks, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "triangle", SymbolSize: 9}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}))
	return c
}

// SpikeGroup is one coloured set of raster rows.
type SpikeGroup struct {
	Name   string
	T      []float64
	I      []int32
	Offset int // added to the neuron index, to stack populations
}

// Spikes is the SpikeGroup of a monitor, shifted up by offset rows.
func Spikes(name string, m *snn.SpikeMonitor, offset int) SpikeGroup {
	return SpikeGroup{Name: name, T: m.T, I: m.I, Offset: offset}
}

// MaxRasterPoints bounds the points a raster draws; larger groups are
// thinned evenly (and the title says so). ECharts' large mode keeps up to
// this many fluid.
const MaxRasterPoints = 200_000

// Raster plots spikes as dots, one colour per group, in ECharts' large mode.
func Raster(title string, groups ...SpikeGroup) *charts.Scatter {
	total := 0
	for _, g := range groups {
		total += len(g.T)
	}
	stride := max(1, (total+MaxRasterPoints-1)/MaxRasterPoints)
	if stride > 1 {
		title = fmt.Sprintf("%s (every %d-th spike of %d)", title, stride, total)
	}
	c := charts.NewScatter()
	c.SetGlobalOptions(base(title, "time (ms)", "neuron")...)
	for _, g := range groups {
		data := make([]opts.ScatterData, 0, len(g.T)/stride+1)
		for k := 0; k < len(g.T); k += stride {
			data = append(data, opts.ScatterData{Value: []any{g.T[k], int(g.I[k]) + g.Offset}})
		}
		c.AddSeries(g.Name, data, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 2}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Large = opts.Bool(true)
				s.LargeThreshold = 2000
				s.Progressive = opts.Int(0) // draw in one frame: static captures show every spike
			}))
	}
	return c
}

// Histogram plots counts in bins given by their edges (len(edges) =
// len(counts)+1) as bars; bins without both edges are left out.
func Histogram(title, xName string, edges, counts []float64) *charts.Bar {
	counts = counts[:max(0, min(len(counts), len(edges)-1))]
	c := charts.NewBar()
	o := base(title, xName, "count")
	o = append(o, charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 30}))
	c.SetGlobalOptions(o...)
	labels := make([]string, len(counts))
	data := make([]opts.BarData, len(counts))
	for k := range counts {
		labels[k] = fmt.Sprintf("%.3g", (edges[k]+edges[k+1])/2)
		data[k] = opts.BarData{Value: counts[k]}
	}
	c.SetXAxis(labels).AddSeries(title, data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "5%"}))
	return c
}

// Heatmap plots z[i][j] at (xs[j], ys[i]) for a two-parameter sweep;
// cells missing from a short z are left empty.
func Heatmap(title, xName, yName, zName string, xs, ys []float64, z [][]float64) *charts.HeatMap {
	c := charts.NewHeatMap()
	lo, hi := math.Inf(1), math.Inf(-1)
	var data []opts.HeatMapData
	for i := range min(len(ys), len(z)) {
		for j := range min(len(xs), len(z[i])) {
			v := round3(z[i][j]) // 3 significant digits keep the cell labels readable
			if finite(v) {
				lo, hi = min(lo, v), max(hi, v)
				data = append(data, opts.HeatMapData{Value: [3]any{j, i, v}})
			}
		}
	}
	if !(lo < hi) {
		lo, hi = lo-1, lo+1
	}
	o := base(title, xName, yName)
	o = append(o,
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 30, Data: labels(xs)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: yName, NameLocation: "middle", NameGap: 55, Data: labels(ys)}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi), Orient: "vertical", Right: "0", Top: "middle", Text: []string{zName, ""}}),
		charts.WithGridOpts(opts.Grid{Left: "80", Right: "110", Top: "70", Bottom: "60"}),
	)
	c.SetGlobalOptions(o...)
	c.AddSeries(zName, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(data) <= 64), Formatter: "{@[2]}"}))
	return c
}

// round3 rounds x to 3 significant digits.
func round3(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 3, 64), 64)
	if err != nil {
		return x
	}
	return r
}

func labels(xs []float64) []string {
	l := make([]string, len(xs))
	for k, x := range xs {
		l[k] = fmt.Sprintf("%.3g", x)
	}
	return l
}

func finite(x float64) bool { return x-x == 0 }

// Result prints one machine-readable line of a notebook's key numbers,
// `SNN_RESULT {"key": value, ...}` (keys sorted, NaN and ±Inf as null),
// which the notebook tests read.
func Result(values map[string]float64) {
	line := resultLine(values)
	fmt.Println(line)
	if gonbui.IsNotebook {
		gonbui.Sync()
	}
}
