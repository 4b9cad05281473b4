package nb

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
)

// Conclusion displays a study's conclusion under the heading
// "## Conclusion", rendered by Render from the values that Result
// recorded earlier in this notebook's kernel session: every number in it
// comes from the run. A placeholder naming a value the run did not record,
// or a number typed into md, stops the cell with an error (Check), so a
// conclusion cannot drift from its numbers or cite a seed, a condition or
// a run the notebook does not run. In a notebook it is shown as Markdown;
// elsewhere it is printed.
func Conclusion(md string) {
	values, err := Recorded()
	Check(err)
	out, err := Render(md, values)
	Check(err)
	out = "## Conclusion\n\n" + out
	if !gonbui.IsNotebook {
		fmt.Println(out)
		return
	}
	gonbui.DisplayMarkdown(out)
	gonbui.Sync()
}

// Render returns the Markdown md with every placeholder {key} or
// {key:spec} replaced by values[key] formatted by spec:
//
//	{rate:.1f}   fixed, 1 decimal          17.3
//	{diff:+.2f}  with its sign             +0.04, −0.51
//	{silent:.1%} times 100, 1 decimal, " %"  1.5 %
//	{n:.0f}      an integer               500
//	{chi:.3g}    3 significant digits     0.0453
//	{chi}        3 significant digits, never an exponent between 1e-3 and 1e6
//
// Negative numbers take a minus sign (−), as in the notebooks' prose.
//
// Every other number of md is refused (an error names it), because a
// number typed into a conclusion is a number that can drift from the run.
// Allowed are: integers inside $…$ (formulas: $N^{-1/2}$) and inside `…`
// (code), years (Brunel 2000), references (Fig. 8, Eq. 3, notebook 06,
// notebooks 03–05), ordinals (1st, 99th), digits that are part of a name
// (CA3, N_E2), ordered-list numbers ("1. " at the start of a line), and
// link targets. A decimal number is refused everywhere, formulas and code
// included. A placeholder whose key is not in values, or whose value is
// not finite, is an error too.
func Render(md string, values map[string]float64) (string, error) {
	var b strings.Builder
	var errs []string
	for _, s := range segments(md) {
		switch s.kind {
		case mathSeg, codeSeg:
			if d := decimal.FindString(s.text); d != "" {
				errs = append(errs, fmt.Sprintf("%s types the number %s: a decimal in a conclusion must be a placeholder {key:spec} of a value recorded with nb.Result", excerpt(md, s.start), d))
			}
			b.WriteString(s.text)
		case linkSeg:
			b.WriteString(s.text)
		default:
			errs = append(errs, proseNumbers(md, s)...)
			b.WriteString(placeholder.ReplaceAllStringFunc(s.text, func(p string) string {
				m := placeholder.FindStringSubmatch(p)
				out, err := format(m[1], m[2], values)
				if err != nil {
					errs = append(errs, err.Error())
					return p
				}
				return out
			}))
		}
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("nb.Conclusion: %s", strings.Join(errs, "; "))
	}
	return b.String(), nil
}

// Recorded returns every value that Result recorded in this notebook's
// kernel session (GoNB's temporary folder, $GONB_TMP_DIR); outside a
// notebook it is an error.
func Recorded() (map[string]float64, error) {
	path := resultsPath()
	if path == "" {
		return nil, fmt.Errorf("nb.Recorded: not in a notebook ($GONB_TMP_DIR unset): a conclusion renders the values nb.Result recorded in this kernel session")
	}
	return readResults(path)
}

type segKind int

const (
	proseSeg segKind = iota
	mathSeg          // $…$ or $$…$$
	codeSeg          // `…`
	linkSeg          // the target of a link, ](…)
)

type segment struct {
	kind  segKind
	start int // byte offset in md
	text  string
}

// segments splits md into prose, formulas, code spans and link targets.
func segments(md string) []segment {
	var out []segment
	prose := 0
	flush := func(end int) {
		if end > prose {
			out = append(out, segment{proseSeg, prose, md[prose:end]})
		}
	}
	for i := 0; i < len(md); {
		var kind segKind
		var end int
		switch {
		case strings.HasPrefix(md[i:], "$$"):
			kind, end = mathSeg, closing(md, i+2, "$$")
		case md[i] == '$':
			kind, end = mathSeg, closing(md, i+1, "$")
		case md[i] == '`':
			kind, end = codeSeg, closing(md, i+1, "`")
		case strings.HasPrefix(md[i:], "]("):
			kind, end = linkSeg, closing(md, i+2, ")")
		default:
			i++
			continue
		}
		if end < 0 { // unclosed: prose
			i++
			continue
		}
		flush(i)
		out = append(out, segment{kind, i, md[i:end]})
		i, prose = end, end
	}
	flush(len(md))
	return out
}

// closing returns the offset just past the delimiter that closes a span
// opened before from, or -1.
func closing(md string, from int, delim string) int {
	k := strings.Index(md[from:], delim)
	if k < 0 {
		return -1
	}
	return from + k + len(delim)
}

var (
	placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}`)
	decimal     = regexp.MustCompile(`\d+[.,]\d+`)
	number      = regexp.MustCompile(`\d+(?:[.,]\d+)?`)
	reference   = regexp.MustCompile(`(?:Figs?\.|Figures?|Eqs?\.|Tables?|notebooks?|§)\s*(?:\d+[a-z]?(?:\s*(?:–|-|,|and|&)\s*)?)*$`)
	listItem    = regexp.MustCompile(`^\s*$`)
	spec        = regexp.MustCompile(`^(\+)?(?:\.(\d+))?([fge%])?$`)
)

// proseNumbers returns an error for every number of a prose segment that
// is not allowed (see Render).
func proseNumbers(md string, s segment) []string {
	text := placeholder.ReplaceAllStringFunc(s.text, func(p string) string { return strings.Repeat(" ", len(p)) })
	var errs []string
	for _, loc := range number.FindAllStringIndex(text, -1) {
		n, before, after := text[loc[0]:loc[1]], text[:loc[0]], text[loc[1]:]
		allowed := false
		switch {
		case strings.ContainsAny(n, ".,"):
		case len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")): // a year
			allowed = true
		case len(n) == 2 && n[0] == '0': // a notebook: 06
			allowed = true
		case endsWithName(before) || startsWithLetter(after): // CA3, N_E2, 1st, 99th
			allowed = true
		case reference.MatchString(before):
			allowed = true
		case strings.HasPrefix(after, ". ") && listItem.MatchString(lineBefore(md, s.start+loc[0])):
			allowed = true
		}
		if !allowed {
			errs = append(errs, fmt.Sprintf("%s types the number %s: a number in a conclusion must be a placeholder {key:spec} of a value recorded with nb.Result (integers may stand in $…$ formulas)", excerpt(md, s.start+loc[0]), n))
		}
	}
	return errs
}

func endsWithName(s string) bool {
	if s == "" {
		return false
	}
	c := s[len(s)-1]
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func startsWithLetter(s string) bool {
	return s != "" && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z')
}

// lineBefore is the text of md's line from its start up to offset at.
func lineBefore(md string, at int) string {
	return md[strings.LastIndexByte(md[:at], '\n')+1 : at]
}

// excerpt quotes md around offset at, for an error message.
func excerpt(md string, at int) string {
	lo, hi := max(0, at-25), min(len(md), at+15)
	for lo > 0 && md[lo-1] != ' ' && md[lo-1] != '\n' { // from the start of a word
		lo--
	}
	for hi < len(md) && !utf8Start(md[hi]) {
		hi++
	}
	return strconv.Quote(strings.ReplaceAll(md[lo:hi], "\n", " "))
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// format formats values[key] by spec (see Render).
func format(key, sp string, values map[string]float64) (string, error) {
	v, ok := values[key]
	if !ok {
		keys := make([]string, 0, len(values))
		for k := range values {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return "", fmt.Errorf("{%s} is not a value this run recorded with nb.Result (recorded: %s)", key, strings.Join(keys, ", "))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "", fmt.Errorf("{%s} is %g, not a number to conclude from", key, v)
	}
	m := spec.FindStringSubmatch(sp)
	if m == nil {
		return "", fmt.Errorf("{%s:%s}: the format %q is not [+][.N][f|g|e|%%]", key, sp, sp)
	}
	sign, prec, verb := m[1] == "+", -1, m[3]
	if m[2] != "" {
		prec, _ = strconv.Atoi(m[2])
	}
	var s string
	switch verb {
	case "%":
		s = strconv.FormatFloat(100*v, 'f', max(prec, 0), 64) + " %"
	case "f", "e":
		if prec < 0 {
			prec = 2
		}
		s = strconv.FormatFloat(v, verb[0], prec, 64)
	case "g":
		if prec < 0 {
			prec = 3
		}
		s = strconv.FormatFloat(v, 'g', prec, 64)
	default: // significant digits, 3 unless given
		if prec <= 0 {
			prec = 3
		}
		s = significant(v, prec)
	}
	if sign && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return strings.ReplaceAll(s, "-", "−"), nil
}

// significant formats v with n significant digits, in fixed notation
// between 1e-3 and 1e6.
func significant(v float64, n int) string {
	a := math.Abs(v)
	if a == 0 || a < 1e-3 || a >= 1e6 {
		return strconv.FormatFloat(v, 'g', n, 64)
	}
	d := max(0, n-1-int(math.Floor(math.Log10(a))))
	s := strconv.FormatFloat(v, 'f', d, 64)
	if r, _ := strconv.ParseFloat(s, 64); math.Abs(r) >= math.Pow(10, float64(n-d)) && d > 0 {
		s = strconv.FormatFloat(v, 'f', d-1, 64) // 9.996 rounds to 10.00: one decimal less
	}
	return s
}
