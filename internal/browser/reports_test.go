package browser

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReports runs Check on every HTML report in $SNN_REPORTS (e.g. out/
// after `make studies`), without executing the notebooks again.
func TestReports(t *testing.T) {
	dir := os.Getenv("SNN_REPORTS")
	if dir == "" {
		t.Skip("set SNN_REPORTS to a folder of HTML reports")
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(pages) == 0 {
		t.Fatalf("no HTML report in %s", dir)
	}
	for _, html := range pages {
		t.Run(filepath.Base(html), func(t *testing.T) {
			r, err := CheckFile(html, "", 5*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range r.Problems {
				t.Error(pr)
			}
			t.Logf("%d charts, %d histograms with their n", r.Charts, r.Hists)
		})
	}
}
