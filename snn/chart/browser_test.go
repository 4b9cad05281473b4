//go:build browser

package chart_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/internal/browser"
	"github.com/snn-sim/snn/snn/chart"
)

// TestInBrowser draws a page of every kind of chart in headless chromium
// and checks what ECharts holds: toolboxes, zoom, linked panels, colour
// scale labels, histogram counts, and that bad data still draws.
func TestInBrowser(t *testing.T) {
	tt := make([]float64, 500)
	v := make([]float64, 500)
	for k := range tt {
		tt[k], v[k] = float64(k)*0.1, -65+10*math.Sin(float64(k)/20)
	}
	v[7] = math.NaN()
	rates := []float64{0.5, 3, 12, 39, 41, 55, 80, 120, math.Inf(1)}
	page := chart.Page("browser test",
		chart.Panels{
			chart.Trace("V", tt, v, []float64{10}, -55),
			chart.Lines("I", "time (ms)", "I (pA)", chart.Series{Name: "I", X: tt, Y: tt}),
		},
		chart.Raster("raster", chart.SpikeGroup{Name: "E", T: []float64{1, 2, math.NaN()}, I: []int32{0, 1, 2}}, chart.Spikes("I", nil, 3)),
		chart.Lines("sweep", "N", "σ (Hz)", chart.Series{Name: "s", X: []float64{100, 1000, 10000}, Y: []float64{1, 0.3, 0.1}}.Points()),
		chart.Distribution("rates", "rate (Hz)", rates, 10),
		chart.Heatmap("χ", "g", "ν (Hz)", "χ", []float64{4, 5}, []float64{10}, [][]float64{{0.087, 0.133}}),
		chart.Histogram("bad", "x", []float64{0, 1, math.Inf(1)}, []float64{math.NaN(), 2}),
	)
	p := open(t, page, 900)
	cs, err := p.Charts()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 7 {
		t.Fatalf("%d charts in the browser, want 7", len(cs))
	}
	problems, hists, err := p.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range problems {
		t.Error(pr)
	}
	if hists != 1 {
		t.Errorf("%d histograms checked for lost counts, want 1", hists)
	}
	// The panels zoom together; the others have no group.
	if cs[0].Group == "" || cs[0].Group != cs[1].Group || cs[2].Group != "" {
		t.Errorf("groups %q %q %q: want the two panels linked, the raster alone", cs[0].Group, cs[1].Group, cs[2].Group)
	}
	z, err := p.Zoom(cs[1].ID, 10, 30)
	if err != nil {
		t.Fatal(err)
	}
	if w := z[cs[0].ID]; w == nil || w[0] != 10 || w[1] != 30 {
		t.Errorf("zoom on the second panel: the first is at %v, want [10 30]", w)
	}
	if w := z[cs[2].ID]; w == nil || w[0] != 0 || w[1] != 100 {
		t.Errorf("zoom on a panel moved an unlinked chart to %v", w)
	}
	// Tooltips follow across linked panels: a tooltip shown on the first
	// panel shows on the second.
	tipOn := func(id string) string {
		tip, err := p.Tooltip(cs[0].ID, 0, 100, id)
		if err != nil {
			t.Fatal(err)
		}
		return tip
	}
	if tip := tipOn(cs[1].ID); !strings.Contains(tip, "I") {
		t.Errorf("a tooltip on the first panel shows %q on the second, want the value of I", tip)
	} else {
		t.Logf("tooltip on the linked panel: %q", tip)
	}
	if tip := tipOn(cs[2].ID); tip != "" {
		t.Errorf("a tooltip on a panel showed %q on an unlinked chart", tip)
	}
	if cs[3].XType != "log" {
		t.Errorf("sweep over N drawn on a %q axis, want log", cs[3].XType)
	}
	for _, k := range []int{0, 2, 6} {
		if !strings.Contains(cs[k].Subtitle, "not drawn") {
			t.Errorf("chart %q: subtitle %q should say what was not drawn", cs[k].Title, cs[k].Subtitle)
		}
	}
	if png, err := p.PNG(cs[4].ID, 1); err != nil || len(png) < 1000 {
		t.Errorf("PNG of a chart: %d bytes, %v", len(png), err)
	}
}

// TestTooltipsInBrowser shows the tooltip of data points in headless
// chromium and checks their text: 4 significant digits or one decimal, and
// the unit of the axis (tooltipJS).
func TestTooltipsInBrowser(t *testing.T) {
	page := chart.Page("tooltips",
		chart.Lines("rates", "time (ms)", "rate (Hz)",
			chart.Series{Name: "r", X: []float64{0.1 + 0.2, 1, 2, 3}, Y: []float64{37.19999999, 12345.678, 0.000123456, 0}}),
		chart.Lines2("two axes", "N", "rate (Hz)", "V (mV)",
			[]chart.Series{{Name: "s", X: []float64{1, 2}, Y: []float64{1.23456, 2}}},
			[]chart.Series{{Name: "v", X: []float64{1, 2}, Y: []float64{-65.4321, -60}}}),
		chart.Raster("raster", chart.SpikeGroup{Name: "E", T: []float64{1.23456789, 2}, I: []int32{7, 1}}),
		chart.Distribution("rates", "rate (Hz)", []float64{0.5, 3, 12, 39}, 3),
	)
	p := open(t, page, 2000)
	cs, err := p.Charts()
	if err != nil || len(cs) != 4 {
		t.Fatalf("%d charts, %v; want 4", len(cs), err)
	}
	tip := func(chart, series, point int) string {
		s, err := p.Tooltip(cs[chart].ID, series, point, cs[chart].ID)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	for _, c := range []struct {
		chart, series, point int
		want                 string
	}{
		{0, 0, 0, "0.3 ms r 37.2 Hz"},
		{0, 0, 1, "1 ms r 12345.7 Hz"},
		{0, 0, 2, "2 ms r 0.0001235 Hz"},
		{0, 0, 3, "3 ms r 0 Hz"},
		{1, 0, 0, "1 s 1.235 Hz v -65.43 mV"}, // the right axis's unit
		{2, 0, 0, "E 1.235 ms, 7"},            // time and neuron
		{3, 0, 0, "count 3"},                  // the bin [0.5, 13.3) holds 3 values
	} {
		got := tip(c.chart, c.series, c.point)
		if c.chart == 3 {
			got = got[strings.Index(got, "count"):] // after the bin's label
		}
		if got != c.want {
			t.Errorf("chart %q, series %d, point %d: tooltip %q, want %q", cs[c.chart].Title, c.series, c.point, got, c.want)
		}
	}
	tip(0, 0, 0)
	if err := p.Screenshot(filepath.Join(os.TempDir(), "snn-tooltips.png")); err != nil {
		t.Error(err)
	}
}

// open writes page to a file and opens it in headless chromium (a window
// 1200 px wide and height px high), closed when the test ends; without
// chromium the test is skipped.
func open(t *testing.T, page string, height int) *browser.Page {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := chart.Chromium(); err != nil {
		t.Skip(err)
	}
	p, err := browser.Open(path, 1200, height, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}
