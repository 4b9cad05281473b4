package chart

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSavePNGAndSVG(t *testing.T) {
	if _, err := Chromium(); err != nil {
		t.Skip("no chromium (scripts/setup.sh installs it):", err)
	}
	c := Lines("static", "t (ms)", "V (mV)", Series{Name: "V", X: []float64{0, 1, 2, 3}, Y: []float64{-70, -60, -65, -55}})
	dir := t.TempDir()
	p := filepath.Join(dir, "c.png")
	if err := SavePNG(p, c, 900, 380); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(p)
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The chart drew: more than a few percent of the pixels are not white.
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	if frac := float64(ink) / float64(b.Dx()*b.Dy()/4); frac < 0.01 {
		t.Errorf("PNG is blank: %.4f of pixels inked", frac)
	}
	s := filepath.Join(dir, "c.svg")
	if err := SaveSVG(s, c); err != nil {
		t.Fatal(err)
	}
	svg, _ := os.ReadFile(s)
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("<path")) || !strings.Contains(string(svg), "static") {
		t.Errorf("SVG lacks drawing or title (%d bytes)", len(svg))
	}
}
