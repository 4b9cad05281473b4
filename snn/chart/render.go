package chart

import (
	_ "embed"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-echarts/go-echarts/v2/render"
	"github.com/janpfeifer/gonb/gonbui"
)

// EChartsJS is the embedded echarts.min.js (ECharts 5.6.0, Apache-2.0).
//
//go:embed assets/echarts.min.js
var EChartsJS string

// Renderer is any go-echarts chart (and Panels).
type Renderer interface {
	RenderSnippet() render.ChartSnippet
}

var scriptTag = regexp.MustCompile(`(?s)^\s*<script[^>]*>(.*)</script>\s*$`)

// html returns a chart's div and a script that draws it as soon as the
// echarts global exists (it may be defined by an earlier output).
func html(c Renderer) string {
	s, err := snippet(c)
	if err != nil {
		return failed(err)
	}
	body := s.Script
	if m := scriptTag.FindStringSubmatch(body); m != nil {
		body = m[1]
	}
	return s.Element + "\n<script type=\"text/javascript\">\n(function draw() {\n" +
		"  if (typeof echarts === 'undefined') { setTimeout(draw, 50); return; }\n" + body + "\n})();\n</script>\n"
}

// failed is what stands in for a chart that cannot be drawn: the reason,
// visibly, instead of a blank space.
func failed(err error) string {
	return "<div class=\"snn-chart-error\" style=\"width:" + Width + ";padding:1em;border:1px solid #b03030;color:#b03030;font-family:sans-serif\">" +
		stdhtml.EscapeString(err.Error()) + "</div>\n"
}

// snippet renders c, or says why it cannot: a nil chart, a panic inside
// go-echarts, or an option that is not JSON (go-echarts writes none when
// its data hold NaN or ±Inf). Text in the option cannot end the script
// it is in: <, > and & are written as JSON escapes. The script ends with
// tooltipJS, which formats the chart's tooltip values.
func snippet(c Renderer) (s render.ChartSnippet, err error) {
	if c == nil || reflect.ValueOf(c).Kind() == reflect.Pointer && reflect.ValueOf(c).IsNil() {
		return s, fmt.Errorf("chart: nil chart (%T) not drawn", c)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("chart: %T could not be rendered: %v", c, r)
		}
	}()
	s = c.RenderSnippet()
	if _, ok := c.(Panels); ok {
		return s, nil
	}
	opt := strings.TrimSuffix(strings.TrimSpace(s.Option), ";")
	if !json.Valid([]byte(opt)) {
		return s, fmt.Errorf("chart: %T has no valid ECharts option (non-finite data?); not drawn", c)
	}
	s.Script = strings.Replace(s.Script, opt, jsonSafe(opt), 1)
	if m := chartID.FindStringSubmatch(s.Element); m != nil {
		s.Script = withTooltips(s.Script, m[1])
	}
	return s, nil
}

var jsonEscapes = strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`)

// jsonSafe escapes <, > and & in JSON text (outside strings they cannot
// occur), so that it can sit inside a <script>.
func jsonSafe(j string) string { return jsonEscapes.Replace(j) }

// library is the <script> that defines the echarts global. Pages that
// load require.js (classic Jupyter, nbconvert's HTML) would make ECharts'
// UMD wrapper register an AMD module instead, so define is hidden while the
// library runs.
func library() string {
	return "<script type=\"text/javascript\">\nvar snnDefine = window.define; window.define = undefined;\n" +
		EChartsJS + "\nwindow.define = snnDefine;\n</script>\n"
}

// Show displays charts in a GoNB notebook cell. ECharts itself is sent with
// the first chart of the kernel session only (a marker file in GoNB's
// temporary folder remembers it), so a notebook carries the 1 MB library
// once, in its first chart output, and its exported HTML draws offline.
// Outside a notebook Show does nothing.
func Show(cs ...Renderer) {
	if !gonbui.IsNotebook {
		return
	}
	var b strings.Builder
	if marker := libraryMarker(); marker == "" || !exists(marker) {
		b.WriteString(library())
		if marker != "" {
			os.WriteFile(marker, nil, 0o644)
		}
	}
	for _, c := range cs {
		b.WriteString(html(c))
	}
	gonbui.DisplayHTML(b.String())
	gonbui.Sync()
}

func libraryMarker() string {
	if dir := os.Getenv("GONB_TMP_DIR"); dir != "" {
		return filepath.Join(dir, ".snn-echarts-shown")
	}
	return ""
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// Page returns a standalone HTML document with ECharts inline and the charts.
func Page(title string, cs ...Renderer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body style=\"margin:0;background:#fff\">\n", stdhtml.EscapeString(title))
	b.WriteString(library())
	for _, c := range cs {
		b.WriteString(html(c))
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// SaveHTML writes charts as a standalone page that draws offline; the file
// is written atomically (temporary file, then rename).
func SaveHTML(path, title string, cs ...Renderer) error {
	return writeAtomic(path, []byte(Page(title, cs...)))
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("chart: write %s: %w", path, err)
	}
	if _, err = f.Write(data); err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("chart: write %s: %w", path, err)
	}
	return nil
}

// Chromium returns the headless browser that draws static images (and
// that the project's browser tests drive): $CHROMIUM if set, else the
// first of chromium, chromium-browser and google-chrome on the PATH.
func Chromium() (string, error) {
	if c := os.Getenv("CHROMIUM"); c != "" {
		return c, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chart: no chromium on the PATH and $CHROMIUM unset (install Debian's chromium or set $CHROMIUM)")
}

// headless runs chromium on a local HTML file with the network closed.
func headless(htmlPath string, args ...string) ([]byte, error) {
	bin, err := Chromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "snn-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + profile}
	cmd := exec.Command(bin, append(append(base, args...), "file://"+htmlPath)...)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("chart: chromium: %w", err)
	}
	return out, nil
}

// SavePNG renders one chart to a PNG of its size with headless chromium.
func SavePNG(path string, c Renderer, widthPx, heightPx int) error {
	dir, err := os.MkdirTemp("", "snn-png-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "chart.html")
	if err := os.WriteFile(page, []byte(Page("chart", c)), 0o644); err != nil {
		return err
	}
	abs, _ := filepath.Abs(path)
	if _, err := headless(page, "--screenshot="+abs, fmt.Sprintf("--window-size=%d,%d", widthPx, heightPx)); err != nil {
		return err
	}
	if !exists(abs) {
		return fmt.Errorf("chart: chromium wrote no %s", path)
	}
	return nil
}

var svgTag = regexp.MustCompile(`(?s)<svg.*?</svg>`)

// SaveSVG renders one chart with ECharts' SVG renderer in headless
// chromium and writes the resulting <svg> element, for papers and viewers
// that run no JavaScript.
func SaveSVG(path string, c Renderer) error {
	dir, err := os.MkdirTemp("", "snn-svg-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "chart.html")
	doc := strings.Replace(Page("chart", c), `{ renderer: "canvas" }`, `{ renderer: "svg" }`, 1)
	if err := os.WriteFile(page, []byte(doc), 0o644); err != nil {
		return err
	}
	dom, err := headless(page, "--dump-dom")
	if err != nil {
		return err
	}
	svg := svgTag.Find(dom)
	if svg == nil {
		return fmt.Errorf("chart: the page drew no <svg>")
	}
	return writeAtomic(path, append([]byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"), svg...))
}

// Panels stacks charts vertically and links them (tooltips and zooming
// move together), for several views sharing a time axis.
type Panels []Renderer

var chartID = regexp.MustCompile(`id="([A-Za-z0-9_]+)"`)

// RenderSnippet implements Renderer. A nil panel, or one that cannot be
// rendered, stands as a visible message in its place.
func (p Panels) RenderSnippet() render.ChartSnippet {
	var el, sc strings.Builder
	var ids []string
	for _, c := range p {
		s, err := snippet(c)
		if err != nil {
			el.WriteString(failed(err))
			continue
		}
		el.WriteString(s.Element)
		sc.WriteString(s.Script)
		if m := chartID.FindStringSubmatch(s.Element); m != nil {
			ids = append(ids, m[1])
		}
	}
	group := "snn_" + strings.Join(ids, "_")
	var link strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&link, "echarts.getInstanceByDom(document.getElementById(%q)).group = %q;\n", id, group)
	}
	fmt.Fprintf(&link, "echarts.connect(%q);\n", group)
	return render.ChartSnippet{Element: el.String(), Script: stripScripts(sc.String()) + link.String()}
}

var anyScript = regexp.MustCompile(`(?s)</?script[^>]*>`)

func stripScripts(s string) string { return anyScript.ReplaceAllString(s, "\n") }
