//go:build browser

package browser_test

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snn-sim/snn/internal/browser"
	"github.com/snn-sim/snn/snn/chart"
)

// TestCheckFileInBrowser checks a page of two good charts (no problem, one
// histogram with its n, a screenshot written), the same page with one
// toolbox feature renamed (exactly that problem reported), and pages that
// are no chart page (an error, no browser started).
func TestCheckFileInBrowser(t *testing.T) {
	if _, err := chart.Chromium(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	tt, v := make([]float64, 200), make([]float64, 200)
	for k := range tt {
		tt[k], v[k] = float64(k)*0.1, -65+5*math.Sin(float64(k)/10)
	}
	page := chart.Page("check", chart.Trace("V", tt, v, nil, -50), chart.Distribution("rates", "rate (Hz)", []float64{1, 2, 2, 3, 5}, 4))
	good := filepath.Join(dir, "good.html")
	if err := os.WriteFile(good, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "good.png")
	r, err := browser.CheckFile(good, shot, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if r.Charts != 2 || r.Hists != 1 || len(r.Problems) != 0 {
		t.Errorf("good page: %+v, want 2 charts, 1 histogram, no problem", r)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 1200 {
		t.Errorf("screenshot: %v, want a PNG 1200 px wide", err)
	}

	const feature = `"dataView":{"show":true`
	if n := strings.Count(page, feature); n != 2 {
		t.Fatalf("the page holds %s %d times, want 2 (a toolbox each)", feature, n)
	}
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte(strings.Replace(page, feature, `"dataViewX":{"show":true`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err = browser.CheckFile(bad, "", 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0], `"V": toolbox lacks dataView`) {
		t.Errorf("page with a toolbox feature renamed: problems %q, want one, that chart V's toolbox lacks dataView", r.Problems)
	}

	empty := filepath.Join(dir, "empty.html")
	if err := os.WriteFile(empty, []byte("<html><body>no chart</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := browser.CheckFile(empty, "", 2*time.Minute); err == nil || !strings.Contains(err.Error(), empty+" has no chart") {
		t.Errorf("page without a chart: error %v, want one naming the page and saying it has no chart", err)
	}
	if _, err := browser.CheckFile(filepath.Join(dir, "missing.html"), "", 2*time.Minute); err == nil || !strings.Contains(err.Error(), "missing.html") {
		t.Errorf("missing page: error %v, want one naming the file", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the two non-pages took %v: they should fail before a browser starts", d)
	}
}
