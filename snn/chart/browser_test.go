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
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := chart.Chromium(); err != nil {
		t.Skip(err)
	}
	p, err := browser.Open(path, 1200, 900, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
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
		tip, err := browser.Eval[string](p, `(() => {
			const a = echarts.getInstanceByDom(document.getElementById('`+cs[0].ID+`'));
			a.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 100});
			for (const d of document.getElementById('`+id+`').querySelectorAll('div'))
				if (d.style.display !== 'none' && d.style.position === 'absolute' && d.innerText.trim() !== '') return d.innerText;
			return '';
		})()`)
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
