package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("# comment\n\n00-a\tRaster\tSpikes.\n01-b\tf–I\tRates.\n"), 0o644)
	es, err := Read(good)
	if err != nil || len(es) != 2 || es[1] != (Entry{"01-b", "f–I", "Rates."}) {
		t.Fatalf("Read = %v, %v", es, err)
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("00-a\tRaster\tSpikes.\n01-b Raster no tabs\n"), 0o644)
	if _, err := Read(bad); err == nil || !strings.Contains(err.Error(), "bad.tsv:2") {
		t.Errorf("a line without tabs: error %v, want one naming bad.tsv:2", err)
	}
	// The project's mapping names every notebook once.
	es, err = Read("../../notebooks/images/gallery.tsv")
	if err != nil {
		t.Fatal(err)
	}
	nbs, _ := filepath.Glob("../../notebooks/*.ipynb")
	seen := map[string]int{}
	for _, e := range es {
		seen[e.Notebook]++
	}
	for _, nb := range nbs {
		if n := seen[strings.TrimSuffix(filepath.Base(nb), ".ipynb")]; n != 1 {
			t.Errorf("%s: %d lines in gallery.tsv, want 1", nb, n)
		}
	}
}
