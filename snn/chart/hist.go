package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Histogram plots counts in bins given by their edges (len(edges) =
// len(counts)+1) as bars. Bins without both edges, or with a non-finite
// edge or count, are left out and counted in the subtitle. It draws what
// it is given: values a histogram function left out of its range are not
// known here; Distribution counts every value.
func Histogram(title, xName string, edges, counts []float64) *charts.Bar {
	var n notes
	if len(counts) > max(0, len(edges)-1) {
		n.add("%d counts without both bin edges not drawn", len(counts)-max(0, len(edges)-1))
	}
	counts = counts[:max(0, min(len(counts), len(edges)-1))]
	var labels []string
	var data []opts.BarData
	bad := 0
	for k := range counts {
		if !finite(edges[k]) || !finite(edges[k+1]) || !finite(counts[k]) {
			bad++
			continue
		}
		labels = append(labels, fmt.Sprintf("%.3g", (edges[k]+edges[k+1])/2))
		data = append(data, opts.BarData{Value: counts[k]})
	}
	if bad > 0 {
		n.add("%d bins with a non-finite edge or count not drawn", bad)
	}
	return bars(title, xName, n, labels, data)
}

func bars(title, xName string, n notes, labels []string, data []opts.BarData) *charts.Bar {
	c := charts.NewBar()
	o := base(title, xName, "count", n, legendLayout(nil, heightPx()), "axis")
	o = append(o, charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "count", NameLocation: "middle", NameGap: 55, Min: 0}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	c.SetGlobalOptions(o...)
	c.SetXAxis(labels).AddSeries("count", data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "5%"}))
	return c
}

// MaxBins bounds the bins of Distribution.
const MaxBins = 1000

// Distribution plots a histogram of values with nbins equal bins spanning
// the smallest to the largest finite value, so that every finite value is
// counted (the sum of the bars is the number of finite values). nbins ≤ 0
// chooses ⌈log2 n⌉+1 bins (Sturges' rule); nbins is at most MaxBins. The
// subtitle gives the number of values and of non-finite values left out.
func Distribution(title, xName string, values []float64, nbins int) *charts.Bar {
	var n notes
	fin := finiteOf(values)
	if bad := len(values) - len(fin); bad > 0 {
		n.add("n = %d values; %d non-finite values not counted", len(fin), bad)
	} else {
		n.add("n = %d values", len(fin))
	}
	if nbins <= 0 {
		nbins = int(math.Ceil(math.Log2(float64(max(1, len(fin)))))) + 1
	}
	if nbins > MaxBins {
		n.add("%d bins asked, %d drawn", nbins, MaxBins)
		nbins = MaxBins
	}
	lo, hi, ok := extent(fin)
	if !ok {
		return bars(title, xName, n, nil, nil)
	}
	if hi == lo {
		nbins = 1
	}
	counts := make([]float64, nbins)
	w := (hi - lo) / float64(nbins)
	for _, v := range fin {
		k := nbins - 1
		if w > 0 {
			k = min(nbins-1, int((v-lo)/w)) // the last bin includes hi
		}
		counts[k]++
	}
	labels := make([]string, nbins)
	data := make([]opts.BarData, nbins)
	for k := range counts {
		a, b := lo+w*float64(k), lo+w*float64(k+1)
		if k == nbins-1 {
			b = hi
		}
		labels[k] = fmt.Sprintf("%.3g", (a+b)/2)
		data[k] = opts.BarData{Value: counts[k]}
	}
	return bars(title, xName, n, labels, data)
}

// Heatmap plots z[i][j] at (xs[j], ys[i]) for a two-parameter sweep;
// cells missing from a short z are left empty, and non-finite cells are
// left empty and counted in the subtitle. Cell labels have 3 significant
// digits; the colour scale's end labels have as many decimals as tell its
// ends apart.
func Heatmap(title, xName, yName, zName string, xs, ys []float64, z [][]float64) *charts.HeatMap {
	var n notes
	c := charts.NewHeatMap()
	lo, hi := math.Inf(1), math.Inf(-1)
	var data []opts.HeatMapData
	bad := 0
	for i := range min(len(ys), len(z)) {
		for j := range min(len(xs), len(z[i])) {
			v := round3(z[i][j]) // 3 significant digits keep the cell labels readable
			if !finite(v) {
				bad++
				continue
			}
			lo, hi = min(lo, v), max(hi, v)
			data = append(data, opts.HeatMapData{Value: [3]any{j, i, v}})
		}
	}
	if bad > 0 {
		n.add("%d non-finite cells not drawn", bad)
	}
	if len(data) == 0 {
		lo, hi = 0, 1
	} else if !(lo < hi) {
		d := math.Max(math.Abs(lo)*0.01, 1e-12)
		lo, hi = lo-d, hi+d
	}
	l := legendLayout(nil, heightPx())
	l.right = 120
	o := base(title, xName, yName, n, l, "item")
	o = append(o,
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 30, Data: labels(xs)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: yName, NameLocation: "middle", NameGap: 55, Data: labels(ys)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi), Orient: "vertical", Right: "0", Top: "middle", Text: []string{zName, ""}}),
	)
	c.SetGlobalOptions(o...)
	c.AddSeries(zName, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(data) <= 64), Formatter: "{@[2]}"}))
	prec := decimals(lo, hi)
	patch(c, []string{"visualMap"}, func(m map[string]any) {
		vms, _ := m["visualMap"].([]any)
		for _, v := range vms {
			vm := v.(map[string]any)
			vm["min"], vm["max"], vm["precision"] = lo, hi, prec // exact ends (go-echarts has float32)
		}
	})
	return c
}

func labels(xs []float64) []string {
	l := make([]string, len(xs))
	for k, x := range xs {
		l[k] = fmt.Sprintf("%.3g", x)
	}
	return l
}
