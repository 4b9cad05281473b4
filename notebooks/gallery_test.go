package notebooks

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGallery fails when a study has no gallery image: every notebook has
// a line in images/gallery.tsv, a PNG in images/ that decodes and is not
// blank, and the README shows it with its caption.
func TestGallery(t *testing.T) {
	nbs, _ := filepath.Glob("*.ipynb")
	if len(nbs) == 0 {
		t.Fatal("no notebook")
	}
	tsv, err := os.ReadFile("images/gallery.tsv")
	if err != nil {
		t.Fatal(err)
	}
	caption := map[string]string{}
	for _, l := range strings.Split(string(tsv), "\n") {
		if p := strings.Split(l, "\t"); len(p) == 3 && !strings.HasPrefix(l, "#") {
			caption[p[0]] = p[2]
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, nb := range nbs {
		name := strings.TrimSuffix(nb, ".ipynb")
		c, ok := caption[name]
		if !ok {
			t.Errorf("%s: no line in images/gallery.tsv", name)
			continue
		}
		b, err := os.ReadFile(filepath.Join("images", name+".png"))
		if err != nil {
			t.Errorf("%s: no gallery image (make studies renders it): %v", name, err)
			continue
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: gallery image is not a PNG: %v", name, err)
			continue
		}
		// Not blank: at least 1 % of the pixels are not white.
		r := img.Bounds()
		ink, all := 0, 0
		for y := r.Min.Y; y < r.Max.Y; y += 2 {
			for x := r.Min.X; x < r.Max.X; x += 2 {
				cr, cg, cb, _ := img.At(x, y).RGBA()
				if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
					ink++
				}
				all++
			}
		}
		if float64(ink) < 0.01*float64(all) {
			t.Errorf("%s: gallery image is blank (%d of %d pixels inked)", name, ink, all)
		}
		if !bytes.Contains(readme, []byte("(notebooks/images/"+name+".png)")) || !bytes.Contains(readme, []byte(c)) {
			t.Errorf("%s: the README does not show its gallery image with its caption", name)
		}
	}
}
