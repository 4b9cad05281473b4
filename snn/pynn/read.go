package pynn

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/internal/param"
)

// ReadTrains reads the spikes that network.py, run in the folder dir of an
// export, recorded of the population or spike source called name: one
// train per neuron, spike times in ms. The file is the one network.json
// lists for name (of several monitors of name, the one that watches the
// most neurons, the first of those); snn.ReadSpikes reads it (checking it
// against its own sidecar when the script wrote one). It returns an error
// naming name when the export recorded no such source.
func ReadTrains(dir, name string) ([][]float64, error) {
	b, err := os.ReadFile(filepath.Join(dir, "network.json"))
	if err != nil {
		return nil, fmt.Errorf("snn: pynn.ReadTrains: %w", err)
	}
	var side sidecar
	if err := json.Unmarshal(b, &side); err != nil {
		return nil, fmt.Errorf("snn: pynn.ReadTrains: %s: %w", filepath.Join(dir, "network.json"), err)
	}
	n := map[string]int{}
	for _, p := range side.Populations {
		n[p.Name] = p.N
	}
	for _, s := range side.Sources {
		n[s.Name] = s.N
	}
	var recorded []string
	best := -1
	watches := func(r record) int { // how many neurons r records
		if r.Neurons == nil {
			return n[r.Source]
		}
		return len(r.Neurons)
	}
	for k, r := range side.Record {
		if r.Source == name && (best < 0 || watches(r) > watches(side.Record[best])) {
			best = k
		}
		if !slices.Contains(recorded, r.Source) {
			recorded = append(recorded, r.Source)
		}
	}
	if best < 0 {
		return nil, &param.Error{Object: "pynn.ReadTrains", Param: "name", Value: name, Want: fmt.Sprintf("a source the export recorded: %q", recorded)}
	}
	T, I, _, err := snn.ReadSpikes(filepath.Join(dir, side.Record[best].File))
	if err != nil {
		return nil, err
	}
	return analysis.Trains(T, I, n[name])
}
