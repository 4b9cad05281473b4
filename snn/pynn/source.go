package pynn

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/snn-sim/snn/snn"
)

// checkSource returns the sidecar entry of spike source g: a Poisson group
// becomes a SpikeSourcePoisson population, a spike generator a
// SpikeSourceArray whose spikes go to <label>.spikes.
func (x *exporter) checkSource(g snn.SpikeSource) (source, error) {
	s := source{Name: g.Name(), PyNN: x.label[g], N: g.Size()}
	switch g := g.(type) {
	case *snn.PoissonGroup:
		s.Type, s.Rate = "SpikeSourcePoisson", g.Rate()
		if err := finite(sourceObj(g), "Rate", s.Rate); err != nil {
			return s, err
		}
	case *snn.SpikeGenerator:
		s.Type, s.File = "SpikeSourceArray", s.PyNN+".spikes"
		if err := x.names.claim("file", s.File, sourceObj(g)); err != nil {
			return s, err
		}
	default:
		return s, fmt.Errorf("snn: pynn.Export: %s: a %T, want a PoissonGroup or a SpikeGenerator to export to PyNN", sourceObj(g), g)
	}
	return s, nil
}

// writeSource writes the spikes of a spike generator g to s.File as
// "neuron time" rows (times on the grid, ms).
func (x *exporter) writeSource(s source, g snn.SpikeSource) error {
	sg, ok := g.(*snn.SpikeGenerator)
	if !ok {
		return nil
	}
	T, I := sg.Schedule()
	return x.writeFile(s.File, sourceObj(g), func(w *bufio.Writer) error {
		for k, t := range T {
			fmt.Fprintf(w, "%d %s\n", I[k], strconv.FormatFloat(t, 'g', -1, 64))
		}
		return nil
	})
}
