// Package chart turns snn monitors and analysis results into ECharts charts
// (go-echarts) and shows them in GoNB notebooks, standalone HTML files or
// static PNG/SVG images, all without internet: ECharts 5.6.0 is embedded
// and shipped once per notebook.
//
// Every builder is one line from data to a chart with a title and axis
// names with units:
//
//	chart.Show(chart.Raster("Spikes", chart.Spikes("E", spE, 0), chart.Spikes("I", spI, nE)))
//	chart.Show(chart.Trace("Neuron 0", vm.T, vm.Values[0], spikeTimes, -50))
//	chart.Show(chart.Lines("f–I curve", "I (pA)", "rate (Hz)", sim, theory.Dashed()))
//
// Package snn never imports this package; this package may import GoNB's
// gonbui.
package chart
