//go:build notebooks

package notebooks

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// values are a notebook's SNN_RESULT numbers.
type values map[string]float64

// A claim is one qualitative statement of a notebook's conclusion and the
// criterion that makes it true. The test finds says in the conclusion that
// nb.Conclusion rendered and checks holds on the notebook's SNN_RESULT
// values; crit states the criterion in those values' keys, and every key
// it names must be on the SNN_RESULT line.
type claim struct {
	says  string // words of the rendered conclusion (matched ignoring case)
	crit  string // the criterion, stated
	holds func(v values) bool
}

// qualitative are the words that make a qualitative claim: every one in a
// rendered conclusion must lie inside the says of one of its notebook's
// claims, so no such claim goes untested.
var qualitative = regexp.MustCompile(`(?i)\b(?:asynchronous|synchronous|irregular|regular|flat|follows?|agrees?|does not|do not|at zero|oscillat\w*|independent|within|matches|no peak|linear|proportional|constant|unchanged|the same)\b`)

// handTyped are the notebooks whose conclusion is still a Markdown cell
// typed by hand (each is being rewritten with nb.Conclusion); any other
// notebook must render its conclusion with nb.Conclusion.
var handTyped = map[string]bool{
	"00-quickstart": true, "01-constant-current-and-noise": true, "02-delta-vs-conductance-synapses": true,
	"03-full-connectivity": true, "04-fixed-coupling-probability": true, "05-fixed-presynaptic-partners": true,
	"06-ei-populations-random-input": true, "07-spike-frequency-adaptation": true, "08-brunel-four-states": true,
	"09-pynn-handoff": true,
}

// claims are the qualitative claims of each notebook's conclusion.
var claims = map[string][]claim{}

var keyName = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)

// checkConclusion checks the conclusion of notebook name: rendered by
// nb.Conclusion (none typed by hand), every claim said and true, every
// qualitative word covered by a claim.
func checkConclusion(t *testing.T, name string, r result) {
	t.Helper()
	if handTyped[name] {
		return
	}
	for _, md := range r.typed {
		t.Errorf("a conclusion typed by hand in a Markdown cell (render it from the run with nb.Conclusion): %.120q", md)
	}
	if r.conclusion == "" {
		t.Errorf("no conclusion rendered by nb.Conclusion")
		return
	}
	text := strings.ToLower(r.conclusion)
	var covered [][2]int
	for _, c := range claims[name] {
		says := strings.ToLower(c.says)
		at := indexAll(text, says)
		if len(at) == 0 {
			t.Errorf("claim %q is not in the conclusion:\n%s", c.says, r.conclusion)
		}
		for _, k := range at {
			covered = append(covered, [2]int{k, k + len(says)})
		}
		var missing, shown []string
		for _, k := range keyName.FindAllString(c.crit, -1) {
			if v, ok := r.values[k]; !ok {
				missing = append(missing, k)
			} else if !slices.Contains(shown, fmt.Sprintf("%s = %.4g", k, v)) {
				shown = append(shown, fmt.Sprintf("%s = %.4g", k, v))
			}
		}
		switch {
		case len(missing) > 0:
			t.Errorf("claim %q: its criterion %q names %v, not on the SNN_RESULT line", c.says, c.crit, missing)
		case !c.holds(values(r.values)):
			t.Errorf("claim %q is false: %s fails with %s", c.says, c.crit, strings.Join(shown, ", "))
		default:
			t.Logf("claim %q holds: %s (%s)", c.says, c.crit, strings.Join(shown, ", "))
		}
	}
	for _, m := range qualitative.FindAllStringIndex(r.conclusion, -1) {
		lo, hi := len(strings.ToLower(r.conclusion[:m[0]])), len(strings.ToLower(r.conclusion[:m[1]]))
		if !slices.ContainsFunc(covered, func(c [2]int) bool { return c[0] <= lo && hi <= c[1] }) {
			t.Errorf("%q in the conclusion is a qualitative claim without a predicate (add a claim whose says covers it): …%s…",
				r.conclusion[m[0]:m[1]], r.conclusion[max(0, m[0]-60):min(len(r.conclusion), m[1]+40)])
		}
	}
}

// indexAll returns the offset of every occurrence of sub in s.
func indexAll(s, sub string) []int {
	var at []int
	for k := 0; sub != ""; {
		j := strings.Index(s[k:], sub)
		if j < 0 {
			break
		}
		at = append(at, k+j)
		k += j + 1
	}
	return at
}

// asynchronous is the criterion of an asynchronous state of n neurons with
// synchrony chi and a spectrum of A(t) whose highest point stands peak
// times above its floor: χ at most twice that of independent neurons
// (1/√n), and no spectral peak above 5 times the floor.
func asynchronous(chi, n, peak float64) bool { return chi <= 2/math.Sqrt(n) && peak <= 5 }
