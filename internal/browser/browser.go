// Package browser opens chart pages in headless chromium (chromedp, the
// network closed) and reads back what ECharts drew: each chart's merged
// option, linked zooming, tooltips, PNG images. CheckFile runs the chart
// checks on a page. It serves the browser tests, the notebook tests and
// the gallery step.
package browser

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/snn-sim/snn/snn/chart"
)

// Chart is what ECharts holds for one chart of a page (getOption, after
// its defaults are merged in).
type Chart struct {
	ID         string
	Title      string
	Subtitle   string
	XName      string
	XType      string
	Group      string      // the echarts.connect group; "" when not linked
	Toolbox    []string    // toolbox features shown
	Zoom       []string    // dataZoom types
	Canvas     bool        // a canvas with a width was drawn
	VisualMaps []VisualMap // colour scales
	BarSums    []float64   // the sum of the bars of each bar series
}

// VisualMap is a colour scale's range and the decimals of its labels.
type VisualMap struct {
	Min, Max  float64
	Precision int
}

// Page is a page open in headless chromium.
type Page struct {
	ctx     context.Context
	cancels []context.CancelFunc
}

// Open loads the HTML file at path (width × height px window) and waits,
// up to timeout, until every chart div holds an ECharts instance.
func Open(path string, width, height int, timeout time.Duration) (*Page, error) {
	bin, err := chart.Chromium()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	o := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("proxy-server", "127.0.0.1:9"), chromedp.Flag("proxy-bypass-list", "<-loopback>"), // the network is closed
		chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(width, height))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), o...)
	ctx, c2 := chromedp.NewContext(actx)
	ctx, c3 := context.WithTimeout(ctx, timeout)
	p := &Page{ctx: ctx, cancels: []context.CancelFunc{c3, c2, c1}}
	if err = chromedp.Do(ctx, chromedp.Navigate("file://"+abs)); err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		if (typeof echarts === 'undefined') return false;
		const divs = document.querySelectorAll('div.item[id]');
		for (const d of divs) if (!echarts.getInstanceByDom(d)) return false;
		return true;
	})()`, chromedp.WithPollingInterval(100*time.Millisecond)))
	}
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("browser: %s: charts did not draw: %w", path, err)
	}
	return p, nil
}

// Close ends the browser.
func (p *Page) Close() {
	for _, c := range p.cancels {
		c()
	}
}

const chartsJS = `(() => {
	const out = [];
	for (const el of document.querySelectorAll('div.item[id]')) {
		const c = echarts.getInstanceByDom(el);
		if (!c) { out.push({ID: el.id}); continue; }
		const o = c.getOption();
		const t = (o.title || [])[0] || {}, x = (o.xAxis || [])[0] || {};
		const tb = ((o.toolbox || [])[0] || {}).feature || {};
		const canvas = el.querySelector('canvas');
		const num = d => d === null || d === undefined ? 0 : typeof d === 'number' ? d :
			Array.isArray(d) ? d[d.length - 1] : (typeof d.value === 'number' ? d.value : Array.isArray(d.value) ? d.value[d.value.length - 1] : 0);
		out.push({
			ID: el.id, Title: t.text || '', Subtitle: t.subtext || '', XName: x.name || '', XType: x.type || '',
			Group: c.group || '',
			Toolbox: Object.keys(tb).filter(k => tb[k] && tb[k].show !== false),
			Zoom: (o.dataZoom || []).map(z => z.type),
			Canvas: !!canvas && canvas.width > 0,
			VisualMaps: (o.visualMap || []).map(v => ({Min: v.min, Max: v.max, Precision: v.precision})),
			BarSums: (o.series || []).filter(s => s.type === 'bar').map(s => (s.data || []).reduce((a, d) => a + num(d), 0)),
		});
	}
	return out;
})()`

// Charts returns every chart of the page.
func (p *Page) Charts() ([]Chart, error) {
	cs, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]Chart](chartsJS))
	if err != nil {
		return nil, fmt.Errorf("browser: reading the charts: %w", err)
	}
	return cs, nil
}

// Zoom dispatches a zoom of the x axis to [start, end] (percent) on the
// chart with the given id, as a user's wheel or slider does, and returns
// the zoom window [start, end] of every chart in the page afterwards (nil
// for a chart without a dataZoom).
func (p *Page) Zoom(id string, start, end float64) (map[string][]float64, error) {
	js := fmt.Sprintf(`(() => {
		echarts.getInstanceByDom(document.getElementById(%q)).dispatchAction({type: 'dataZoom', start: %g, end: %g});
		const out = {};
		for (const el of document.querySelectorAll('div.item[id]')) {
			const c = echarts.getInstanceByDom(el);
			const z = c && (c.getOption().dataZoom || [])[0];
			out[el.id] = z ? [z.start, z.end] : null;
		}
		return out;
	})()`, id, start, end)
	out, err := chromedp.Run(p.ctx, chromedp.Evaluate[map[string][]float64](js))
	if err != nil {
		return nil, fmt.Errorf("browser: zoom on %s: %w", id, err)
	}
	return out, nil
}

// PNG returns the image of one chart as ECharts renders it (its toolbox's
// save as PNG), on a white background, at pixelRatio times its size.
func (p *Page) PNG(id string, pixelRatio float64) ([]byte, error) {
	js := fmt.Sprintf(`echarts.getInstanceByDom(document.getElementById(%q)).getDataURL({type: 'png', pixelRatio: %g, backgroundColor: '#fff', excludeComponents: ['toolbox', 'dataZoom']})`, id, pixelRatio)
	url, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return nil, fmt.Errorf("browser: image of %s: %w", id, err)
	}
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(url, prefix) {
		return nil, fmt.Errorf("browser: image of %s is not a PNG data URL", id)
	}
	return base64.StdEncoding.DecodeString(url[len(prefix):])
}

// Tooltip shows the tooltip of point point of series series of the chart
// with id on (as hovering it does) and returns the text of the tooltip then
// visible in the chart with id in ("" where none is; in may be on, or a
// chart linked to it).
func (p *Page) Tooltip(on string, series, point int, in string) (string, error) {
	js := fmt.Sprintf(`(() => {
		echarts.getInstanceByDom(document.getElementById(%q)).dispatchAction({type: 'showTip', seriesIndex: %d, dataIndex: %d});
		for (const d of document.getElementById(%q).querySelectorAll('div'))
			if (d.style.display !== 'none' && d.style.position === 'absolute' && d.innerText.trim() !== '') return d.innerText;
		return '';
	})()`, on, series, point, in)
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return "", fmt.Errorf("browser: tooltip of %s: %w", on, err)
	}
	return s, nil
}

// Screenshot writes a PNG of the whole page.
func (p *Page) Screenshot(path string) error {
	b, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG, less is JPEG
	if err != nil {
		return fmt.Errorf("browser: screenshot: %w", err)
	}
	return os.WriteFile(path, b, 0o644)
}

var nValues = regexp.MustCompile(`\bn = (\d+) values`)

// isTime reports whether an axis name is a time axis (as package chart
// decides).
func isTime(name string) bool {
	l := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(l, "time") || l == "t" || strings.HasPrefix(l, "t (")
}

// Check returns what is wrong with the charts of the page, one line each:
// a chart that did not draw; a chart without a toolbox (save as PNG, data
// view, restore); a time axis without a dataZoom (inside and slider); a
// colour scale whose end labels rounding has made equal; a histogram
// whose bars do not sum to the n its subtitle states; linked charts
// (Panels) that do not follow a zoom of their first chart. hists is the
// number of histograms that stated their n (and were checked).
func (p *Page) Check() (problems []string, hists int, err error) {
	cs, err := p.Charts()
	if err != nil {
		return nil, 0, err
	}
	if len(cs) == 0 {
		return []string{"no chart"}, 0, nil
	}
	groups := map[string][]string{}
	for _, c := range cs {
		name := fmt.Sprintf("chart %s %q", c.ID, c.Title)
		if !c.Canvas {
			problems = append(problems, name+": did not draw")
			continue
		}
		for _, f := range []string{"saveAsImage", "dataView", "restore"} {
			if !slices.Contains(c.Toolbox, f) {
				problems = append(problems, fmt.Sprintf("%s: toolbox lacks %s (has %v)", name, f, c.Toolbox))
			}
		}
		if isTime(c.XName) && (!slices.Contains(c.Zoom, "inside") || !slices.Contains(c.Zoom, "slider")) {
			problems = append(problems, fmt.Sprintf("%s: time axis %q without dataZoom inside and slider (has %v)", name, c.XName, c.Zoom))
		}
		for _, v := range c.VisualMaps {
			lo, hi := strconv.FormatFloat(v.Min, 'f', v.Precision, 64), strconv.FormatFloat(v.Max, 'f', v.Precision, 64)
			if v.Min < v.Max && lo == hi {
				problems = append(problems, fmt.Sprintf("%s: colour scale [%g, %g] labelled %s … %s", name, v.Min, v.Max, lo, hi))
			}
		}
		if m := nValues.FindStringSubmatch(c.Subtitle); m != nil && len(c.BarSums) > 0 {
			hists++
			n, _ := strconv.ParseFloat(m[1], 64)
			if c.BarSums[0] != n {
				problems = append(problems, fmt.Sprintf("%s: bars sum to %g, %g values", name, c.BarSums[0], n))
			}
		}
		if c.Group != "" {
			groups[c.Group] = append(groups[c.Group], c.ID)
		}
	}
	for _, ids := range groups {
		z, err := p.Zoom(ids[0], 20, 40)
		if err != nil {
			return nil, hists, err
		}
		for _, id := range ids {
			if w := z[id]; w != nil && (math.Abs(w[0]-20) > 0.5 || math.Abs(w[1]-40) > 0.5) {
				problems = append(problems, fmt.Sprintf("chart %s: zoomed to %v when its linked chart %s zoomed to [20, 40]", id, w, ids[0]))
			}
		}
		if _, err := p.Zoom(ids[0], 0, 100); err != nil {
			return nil, hists, err
		}
	}
	return problems, hists, nil
}

// Report is what CheckFile found in one page.
type Report struct {
	Charts   int      // chart divs in the page
	Hists    int      // histograms that stated their n (and were checked)
	Problems []string // what Check found wrong, one line each
}

var chartDiv = regexp.MustCompile(`<div class="item" id="[^"]+"`)

// CheckFile opens the HTML page at path in headless chromium (a 1200 ×
// 900 px window, the network closed), waits up to timeout for its charts
// to draw, and runs Check on them. If png is not "", it saves a full-page
// screenshot there. A page that cannot be read, holds no chart div, or
// whose charts do not draw in time is an error; what Check finds is in
// the Report.
func CheckFile(path, png string, timeout time.Duration) (Report, error) {
	page, err := os.ReadFile(path)
	if err != nil {
		return Report{}, fmt.Errorf("browser: %w", err)
	}
	r := Report{Charts: len(chartDiv.FindAll(page, -1))}
	if r.Charts == 0 {
		return r, fmt.Errorf("browser: %s has no chart", path)
	}
	p, err := Open(path, 1200, 900, timeout)
	if err != nil {
		return r, err
	}
	defer p.Close()
	if r.Problems, r.Hists, err = p.Check(); err != nil {
		return r, err
	}
	if png != "" {
		if err := p.Screenshot(png); err != nil {
			return r, err
		}
	}
	return r, nil
}

// Eval evaluates a JavaScript expression in the page and returns its value.
func Eval[T any](p *Page, js string) (T, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
}
