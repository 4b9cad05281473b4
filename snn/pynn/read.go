package pynn

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/internal/param"
)

// ReadTrains reads the spikes that network.py, run in the folder dir of an
// export, recorded of the population or spike source called name: one
// train per neuron, spike times in ms. The file is the one network.json
// lists for name; snn.ReadSpikes reads it (checking it against its own
// sidecar when the script wrote one). It returns an error naming name
// when the export recorded no such source.
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
	for _, r := range side.Record {
		if r.Source == name {
			T, I, _, err := snn.ReadSpikes(filepath.Join(dir, r.File))
			if err != nil {
				return nil, err
			}
			return analysis.Trains(T, I, n[name])
		}
		recorded = append(recorded, r.Source)
	}
	return nil, &param.Error{Object: "pynn.ReadTrains", Param: "name", Value: name, Want: fmt.Sprintf("a source the export recorded: %q", recorded)}
}
