// Command gallery renders one key figure per study to PNG from the HTML
// reports of the executed notebooks, with headless chromium: ECharts' own
// image of the chart (as its toolbox's save as PNG gives).
//
// The key figures are chosen in notebooks/images/gallery.tsv, one line per
// notebook: the notebook's name, a substring of the chart's title (the
// first chart whose title holds it, ignoring case, is taken) and the caption the README
// shows. The notebooks themselves are not edited.
//
//	go run ./scripts/gallery [-list] REPORTS_DIR
//
// writes notebooks/images/<notebook>.png; -list prints the title of every
// chart of every report instead. It fails naming the notebook when a
// report or a chart is missing.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/snn-sim/snn/internal/browser"
)

// Entry is one line of gallery.tsv.
type Entry struct {
	Notebook, Title, Caption string
}

// Read reads the gallery mapping.
func Read(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var es []Entry
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		p := strings.Split(t, "\t")
		if len(p) != 3 || p[0] == "" || p[1] == "" || p[2] == "" {
			return nil, fmt.Errorf("%s:%d: want notebook<TAB>title substring<TAB>caption, got %q", path, line, t)
		}
		es = append(es, Entry{p[0], p[1], p[2]})
	}
	return es, sc.Err()
}

func main() {
	list := flag.Bool("list", false, "print every chart title of every report")
	mapping := flag.String("map", "notebooks/images/gallery.tsv", "the gallery mapping")
	outDir := flag.String("out", "notebooks/images", "where the PNGs go")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gallery [-list] REPORTS_DIR")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *mapping, *outDir, *list); err != nil {
		fmt.Fprintln(os.Stderr, "gallery:", err)
		os.Exit(1)
	}
}

func run(reports, mapping, outDir string, list bool) error {
	if list {
		pages, _ := filepath.Glob(filepath.Join(reports, "*.html"))
		for _, html := range pages {
			cs, err := charts(html)
			if err != nil {
				return err
			}
			for _, c := range cs {
				fmt.Printf("%s\t%s\n", strings.TrimSuffix(filepath.Base(html), ".html"), c.Title)
			}
		}
		return nil
	}
	es, err := Read(mapping)
	if err != nil {
		return err
	}
	for _, e := range es {
		html := filepath.Join(reports, e.Notebook+".html")
		if _, err := os.Stat(html); err != nil {
			fmt.Printf("skip %s: no report %s\n", e.Notebook, html)
			continue
		}
		if err := render(html, e, filepath.Join(outDir, e.Notebook+".png")); err != nil {
			return fmt.Errorf("%s: %w", e.Notebook, err)
		}
		fmt.Printf("ok   %s: %s\n", e.Notebook, filepath.Join(outDir, e.Notebook+".png"))
	}
	return nil
}

func charts(html string) ([]browser.Chart, error) {
	p, err := browser.Open(html, 1200, 900, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	return p.Charts()
}

func render(html string, e Entry, png string) error {
	p, err := browser.Open(html, 1200, 900, 5*time.Minute)
	if err != nil {
		return err
	}
	defer p.Close()
	cs, err := p.Charts()
	if err != nil {
		return err
	}
	for _, c := range cs {
		if strings.Contains(strings.ToLower(c.Title), strings.ToLower(e.Title)) {
			b, err := p.PNG(c.ID, 1)
			if err != nil {
				return err
			}
			return os.WriteFile(png, b, 0o644)
		}
	}
	return fmt.Errorf("no chart whose title holds %q in %s", e.Title, html)
}
