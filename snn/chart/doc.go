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
//	chart.Show(chart.Lines("f–I curve", "I (pA)", "rate (Hz)", sim.Points(), theory.Dashed()))
//
// What every chart has, without options:
//   - a toolbox: save as PNG, the data as a table, restore (undo zooming);
//   - on a time axis (an x axis named "time …" or "t (…)"), zooming by
//     wheel or drag inside the plot and with a slider below it; the charts
//     of a Panels zoom together;
//   - on Lines and Trace, a tooltip that shows every series at the cursor;
//     in every tooltip, numbers rounded to 4 significant digits (or one
//     decimal, where that keeps more) with the unit of their axis
//     ("37.2 Hz"), a raster's spike as its time and neuron;
//   - a legend that fits: up to three rows above the plot, else a
//     scrolling column beside it;
//   - axes that hold every drawn point with a margin; an axis of positive
//     values spanning more than 1.5 decades is logarithmic, except against
//     time (LinearX and
//     LinearY undo it, LogX and LogY force it);
//   - simulation results (Series.Points) drawn as markers above theory
//     lines (Series.Dashed, drawn without markers);
//   - nothing dropped silently: non-finite points, mismatched lengths and
//     nil monitors are left out and counted in the chart's subtitle, and a
//     chart that cannot be drawn at all (a nil chart) stands as a visible
//     message, never a blank space.
//
// Marks: HLine and VLine (thresholds, onsets), Slope (a reference power
// law), Band (a stimulus window) and Transient (the start-up transient).
// Lines2 draws two y axes for quantities of different scale; Distribution
// histograms values over their whole range, so that no value is lost;
// Raster shows the first neurons of each group when all of them would
// merge into a block (MaxRasterRows).
//
// Charts only: the notebook plumbing (Check, Must, Result, Progress) is
// package nb. Package snn never imports this package; this package may
// import GoNB's gonbui.
package chart
