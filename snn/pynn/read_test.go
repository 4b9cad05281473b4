package pynn

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/paramtest"
)

// TestReadTrains: the trains read from the file network.json lists for a
// recorded source are those of the spikes written there (here by snn, as
// network.py writes them), neuron by neuron, from the monitor that watches
// the most neurons (here the second of two); a source the export did not
// record is named in an error.
func TestReadTrains(t *testing.T) {
	net := snn.New(0.1, 1)
	p := net.AddPopulation("E x", 5, snn.DefaultLIF())
	net.Inject(p, snn.ConstantCurrent{Amplitude: snn.Slice([]float64{0, 400, 500, 600, 700})})
	few := net.MonitorSpikes(p, 3)
	sp := net.MonitorSpikes(p)
	net.AddPopulation("quiet", 2, snn.DefaultLIF())
	dir := t.TempDir()
	if err := Export(net, dir, Options{Duration: 100}); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	side := readSidecar(t, dir)
	if len(side.Record) != 2 || side.Record[0].File != "E_x_spikes.csv" || side.Record[1].File != "E_x_spikes_2.csv" {
		t.Fatalf("record %+v, want E x's spikes in E_x_spikes.csv and E_x_spikes_2.csv", side.Record)
	}
	for k, m := range []*snn.SpikeMonitor{few, sp} {
		if err := m.WriteCSV(filepath.Join(dir, side.Record[k].File)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ReadTrains(dir, "E x")
	if err != nil || len(got) != 5 || !reflect.DeepEqual(got, sp.Trains()) || len(got[4]) < 5 {
		t.Errorf("ReadTrains = %v, %v; want the monitor's trains %v", got, err, sp.Trains())
	}
	_, err = ReadTrains(dir, "quiet")
	paramtest.WantError(t, "an unrecorded population", err, "pynn.ReadTrains", "name", `["E x"]`)
	if _, err := ReadTrains(t.TempDir(), "E x"); err == nil {
		t.Error("ReadTrains of a folder without an export: no error")
	}
}
