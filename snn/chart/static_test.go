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

// TestChromium: $CHROMIUM wins over the PATH; with neither, an error that
// says where it looked.
func TestChromium(t *testing.T) {
	t.Setenv("CHROMIUM", "/opt/my/chrome")
	if p, err := Chromium(); p != "/opt/my/chrome" || err != nil {
		t.Errorf("with $CHROMIUM set: %q, %v, want /opt/my/chrome", p, err)
	}
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium-browser")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", dir)
	if p, err := Chromium(); p != fake || err != nil {
		t.Errorf("chromium-browser on the PATH: %q, %v, want %s", p, err, fake)
	}
	t.Setenv("PATH", t.TempDir())
	if p, err := Chromium(); err == nil || !strings.Contains(err.Error(), "PATH") || !strings.Contains(err.Error(), "$CHROMIUM") {
		t.Errorf("no chromium anywhere: %q, %v, want an error naming the PATH and $CHROMIUM", p, err)
	}
}
