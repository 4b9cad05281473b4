package nb

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// Progress reports the progress of a long run: in a notebook a bar updated
// in place and removed by Done; elsewhere a line on stderr rewritten in
// place; nothing at all under `go test`.
type Progress struct {
	label string
	id    string
	start time.Time
	last  time.Time
	w     io.Writer // stderr, or nil when silent
}

// NewProgress starts a progress report.
func NewProgress(label string) *Progress {
	p := &Progress{label: label, start: time.Now()}
	switch {
	case gonbui.IsNotebook:
		p.id = "snn-progress-" + gonbui.UniqueID()
	case !underGoTest():
		p.w = os.Stderr
	}
	return p
}

// Update reports that done of total units are finished (at most ten
// updates a second are drawn).
func (p *Progress) Update(done, total float64) {
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = now
	frac := 0.0
	if total > 0 {
		frac = min(1, max(0, done/total))
	}
	elapsed := now.Sub(p.start).Seconds()
	switch {
	case p.id != "":
		gonbui.UpdateHTML(p.id, fmt.Sprintf(
			`<div style="font:13px sans-serif">%s: %.0f%% (%.1f s)<div style="background:#eee;width:400px;height:10px"><div style="background:#61a0a8;width:%.0fpx;height:10px"></div></div></div>`,
			p.label, 100*frac, elapsed, 400*frac))
	case p.w != nil:
		fmt.Fprintf(p.w, "\r%s: %3.0f%% (%.1f s)", p.label, 100*frac, elapsed)
	}
}

// Func returns an update function for snn.Network.Progress, which reports
// the simulated time t of the run's end time.
func (p *Progress) Func() func(t, end float64) {
	return func(t, end float64) { p.Update(t, end) }
}

// Done removes the bar (or ends the line).
func (p *Progress) Done() {
	switch {
	case p.id != "":
		gonbui.UpdateHTML(p.id, "")
	case p.w != nil:
		fmt.Fprintf(p.w, "\r%s: done in %.1f s\n", p.label, time.Since(p.start).Seconds())
	}
}

// underGoTest reports whether the program is a test binary (go test names
// it *.test). Package testing is not imported for this: it would be linked
// into every notebook cell.
func underGoTest() bool { return strings.HasSuffix(os.Args[0], ".test") }
