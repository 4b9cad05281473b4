package chart

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
)

// patcher edits the option a chart renders to, for ECharts options
// go-echarts has no field for (a series' z, a visual map's precision).
type patcher struct {
	charts.BaseConfigurationVisitor
	keys []string // the top-level keys the edits need as plain JSON values
	fns  []func(map[string]any)
}

// Visit implements charts.ConfigurationVisitor: it turns the option's keys
// into plain JSON values and applies the edits.
func (p *patcher) Visit(m map[string]any) {
	for _, k := range p.keys {
		v, ok := m[k]
		if !ok {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			continue
		}
		var g any
		if json.Unmarshal(b, &g) == nil {
			m[k] = g
		}
	}
	for _, f := range p.fns {
		f(m)
	}
}

// accepter is a go-echarts chart (its BaseConfiguration's Accept).
type accepter interface {
	Accept(charts.ConfigurationVisitor)
}

// patch makes f edit the given top-level keys of c's rendered option. A
// chart has one patch: a second call replaces the first.
func patch(c accepter, keys []string, f func(map[string]any)) {
	c.Accept(&patcher{keys: keys, fns: []func(map[string]any){f}})
}

// roundSig rounds x to n significant digits.
func roundSig(x float64, n int) float64 {
	if !finite(x) || x == 0 {
		return x
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', n, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// round3 rounds x to 3 significant digits.
func round3(x float64) float64 { return roundSig(x, 3) }

// decimals returns how many decimals show lo and hi with at least 2
// significant digits each and tell them apart (at most 12).
func decimals(lo, hi float64) int {
	d := 0
	for _, x := range []float64{lo, hi} {
		if x != 0 && finite(x) {
			d = max(d, 1-int(math.Floor(math.Log10(math.Abs(x)))))
		}
	}
	for d < 12 && strconv.FormatFloat(lo, 'f', d, 64) == strconv.FormatFloat(hi, 'f', d, 64) {
		d++
	}
	return max(0, min(d, 12))
}
