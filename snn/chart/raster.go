package chart

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/snn-sim/snn/snn"
)

// SpikeGroup is one coloured set of raster rows.
type SpikeGroup struct {
	Name   string
	T      []float64
	I      []int32
	Offset int // added to the neuron index, to stack populations

	missing bool // made from a nil monitor
}

// Spikes is the SpikeGroup of a monitor, shifted up by offset rows. A nil
// monitor gives an empty group that the raster's subtitle names.
func Spikes(name string, m *snn.SpikeMonitor, offset int) SpikeGroup {
	if m == nil {
		return SpikeGroup{Name: name, missing: true}
	}
	return SpikeGroup{Name: name, T: m.T(), I: m.I(), Offset: offset}
}

// Window returns the spikes of g at times in [t0, t1) of the neurons
// below n (all neurons when n ≤ 0), in g's order: a stretch of a long
// recording, or its first rows.
func (g SpikeGroup) Window(t0, t1 float64, n int) SpikeGroup {
	w := g
	w.T, w.I = nil, nil
	for k, t := range g.T {
		if t >= t0 && t < t1 && (n <= 0 || int(g.I[k]) < n) {
			w.T, w.I = append(w.T, t), append(w.I, g.I[k])
		}
	}
	return w
}

// MaxRasterPoints bounds the points a raster draws; larger groups are
// thinned evenly (and the title says so). ECharts' large mode keeps up to
// this many fluid.
const MaxRasterPoints = 200_000

// MaxRasterRows is the number of rows above which a raster saturates (a
// row is then less than a pixel high and the dots merge into a block):
// Raster then shows the first MaxRasterRows/len(groups) neurons of each
// group and says so in its title.
const MaxRasterRows = 400

// Raster plots spikes as dots, one colour per group, in ECharts' large
// mode. Groups are stacked by their offsets; when they hold more than
// MaxRasterRows rows in total, each group shows its first
// MaxRasterRows/len(groups) neurons, stacked one above the other. Spikes
// with a non-finite time or a negative neuron index are left out and
// counted in the subtitle.
func Raster(title string, groups ...SpikeGroup) *charts.Scatter {
	keep := 0
	if len(groups) > 0 && sumRows(groups) > MaxRasterRows {
		keep = max(1, MaxRasterRows/len(groups))
	}
	return raster(title, keep, groups)
}

// RasterRows is Raster showing the first rows neurons of each group,
// stacked one above the other (rows ≤ 0: every neuron at its offset).
func RasterRows(title string, rows int, groups ...SpikeGroup) *charts.Scatter {
	return raster(title, max(0, rows), groups)
}

func groupRows(g SpikeGroup) int {
	r := 0
	for _, i := range g.I {
		r = max(r, int(i)+1)
	}
	return r
}

func sumRows(groups []SpikeGroup) int {
	s := 0
	for _, g := range groups {
		s += groupRows(g)
	}
	return s
}

func raster(title string, keep int, groups []SpikeGroup) *charts.Scatter {
	var n notes
	type pt struct {
		t   float64
		row int
	}
	pts := make([][]pt, len(groups))
	total, rows, stack := 0, 0, 0
	subset := false
	for k, g := range groups {
		if g.missing {
			n.add("%s: no monitor", g.Name)
			continue
		}
		if len(g.T) != len(g.I) {
			n.add("%s: %d times and %d neuron indices, %d spikes not drawn", g.Name, len(g.T), len(g.I), max(len(g.T), len(g.I))-min(len(g.T), len(g.I)))
		}
		off := g.Offset
		gr := groupRows(g)
		if keep > 0 {
			off = stack
			if gr > keep {
				subset = true
				gr = keep
			}
			stack += gr
		}
		bad := 0
		for i := range min(len(g.T), len(g.I)) {
			if !finite(g.T[i]) || g.I[i] < 0 {
				bad++
				continue
			}
			if keep > 0 && int(g.I[i]) >= keep {
				continue
			}
			pts[k] = append(pts[k], pt{g.T[i], int(g.I[i]) + off})
		}
		if bad > 0 {
			n.add("%s: %d spikes with a non-finite time or a negative index not drawn", g.Name, bad)
		}
		total += len(pts[k])
		rows = max(rows, off+gr)
	}
	if subset {
		if len(groups) == 1 {
			title = fmt.Sprintf("%s (first %d neurons)", title, keep)
		} else {
			title = fmt.Sprintf("%s (first %d neurons of each group)", title, keep)
		}
	}
	stride := max(1, (total+MaxRasterPoints-1)/MaxRasterPoints)
	if stride > 1 {
		title = fmt.Sprintf("%s (every %d-th spike of %d)", title, stride, total)
	}
	names := make([]string, len(groups))
	for k, g := range groups {
		names[k] = g.Name
	}
	c := charts.NewScatter()
	c.SetGlobalOptions(base(title, "time (ms)", "neuron", n, legendLayout(names, heightPx()), "item")...)
	var ts []float64
	for _, p := range pts {
		for _, q := range p {
			ts = append(ts, q.t)
		}
	}
	x := opts.XAxis{Type: "value", Name: "time (ms)", NameLocation: "middle", NameGap: 30}
	if lo, hi, ok := extent(ts); ok && hi > lo {
		x.Min, x.Max = min(lo, 0), hi
	}
	c.SetGlobalOptions(charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "neuron", NameLocation: "middle", NameGap: 55, Min: 0, Max: max(rows, 1)}))
	for k, g := range groups {
		data := make([]opts.ScatterData, 0, len(pts[k])/stride+1)
		for i := 0; i < len(pts[k]); i += stride {
			data = append(data, opts.ScatterData{Value: []any{pts[k][i].t, pts[k][i].row}})
		}
		c.AddSeries(g.Name, data, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 2}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Large = opts.Bool(true)
				s.LargeThreshold = 2000
				s.Progressive = opts.Int(0) // draw in one frame: static captures show every spike
				// The tooltip shows the spike's time and neuron.
				s.Encode = &opts.Encode{X: 0, Y: 1, Tooltip: []int{0, 1}}
			}))
	}
	return c
}
