package pynn

import (
	"bufio"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/snn-sim/snn/snn"
)

// writeSource returns the sidecar entry of spike source g: a Poisson group
// becomes a SpikeSourcePoisson population, a spike generator a
// SpikeSourceArray whose spikes go to <label>.spikes as "neuron time" rows
// (times on the grid, ms).
func (x *exporter) writeSource(g snn.SpikeSource) (source, error) {
	s := source{Name: g.Name(), PyNN: x.label[g], N: g.Size()}
	switch g := g.(type) {
	case *snn.PoissonGroup:
		s.Type, s.Rate = "SpikeSourcePoisson", g.Rate()
	case *snn.SpikeGenerator:
		s.Type, s.File = "SpikeSourceArray", s.PyNN+".spikes"
		T, I := g.Schedule()
		err := writeFile(filepath.Join(x.dir, s.File), func(w *bufio.Writer) error {
			for k, t := range T {
				fmt.Fprintf(w, "%d %s\n", I[k], strconv.FormatFloat(t, 'g', -1, 64))
			}
			return nil
		})
		if err != nil {
			return s, err
		}
	}
	return s, nil
}
