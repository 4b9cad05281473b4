package chart

import (
	"regexp"
	"strings"
)

// tooltipJS makes a drawn chart's tooltips show readable numbers
// (CHART_INSTANCE stands for the chart's instance). A number is rounded to
// 4 significant digits, or to one decimal where that keeps more (37.19999999
// → 37.2, 0.30000000000000004 → 0.3, 0.000123456 → 0.0001235, 12345.678 →
// 12345.7), and followed by the unit of its axis, the last "(…)" of the
// axis name ("rate (Hz)" → Hz). A series' value takes the unit of its y
// axis (a heatmap's, of the series name), an [x, y] pair (a raster's spike)
// the units of both axes, the axis pointer's value that of the x axis.
// Values on category axes, and strings, are shown as they are.
const tooltipJS = `
(function (chart) {
  const o = chart.getOption(), ya = o.yAxis || [], xa = (o.xAxis || [])[0] || {};
  const unit = name => { const m = /\(([^()]+)\)\s*$/.exec(name || ''); return m ? ' ' + m[1] : ''; };
  const num = x => {
    if (typeof x !== 'number' || !isFinite(x) || x === 0) return String(x);
    const p = Math.min(15, Math.max(4, Math.floor(Math.log10(Math.abs(x))) + 2));
    return String(Number(x.toPrecision(p)));
  };
  const ux = xa.type === 'category' ? '' : unit(xa.name);
  chart.setOption({
    xAxis: [{axisPointer: {label: {formatter: p => num(p.value) + (typeof p.value === 'number' ? ux : '')}}}],
    series: (o.series || []).map(s => {
      const a = ya[s.yAxisIndex || 0] || {};
      const uy = s.type === 'heatmap' ? unit(s.name) : a.type === 'category' ? '' : unit(a.name);
      return {tooltip: {valueFormatter: v => Array.isArray(v) ?
        (v.length === 2 ? [num(v[0]) + ux, num(v[1]) + uy] : v.map((x, k) => num(x) + (k === v.length - 1 ? uy : ''))).join(', ') :
        num(v) + (typeof v === 'number' ? uy : '')}};
    }),
  });
})(CHART_INSTANCE);
`

var closeScript = regexp.MustCompile(`(?s)</script>\s*$`)

// withTooltips adds tooltipJS for the chart with the given id to the end
// of its script.
func withTooltips(script, id string) string {
	js := strings.Replace(tooltipJS, "CHART_INSTANCE", "goecharts_"+id, 1)
	if loc := closeScript.FindStringIndex(script); loc != nil {
		return script[:loc[0]] + js + script[loc[0]:]
	}
	return script + js
}
