package snn

import (
	"reflect"
	"testing"
)

// TestSpikeGeneratorSchedule: Schedule lists the spikes on the time grid,
// in time order and by neuron within a step, duplicates included; the
// network emits them in those steps, once per neuron and step.
func TestSpikeGeneratorSchedule(t *testing.T) {
	net := New(0.1, 1)
	g := net.AddSpikeGenerator("g", 4, []int32{3, 0, 2, 2, 1}, []float64{0.5, 1.24, 0.31, 0.29, 0.5})
	if T, I := g.Schedule(); T != nil || I != nil {
		t.Fatalf("Schedule before Build = %v, %v; want nil", T, I)
	}
	sp := net.MonitorSpikes(g)
	if err := net.Run(2); err != nil {
		t.Fatal(err)
	}
	T, I := g.Schedule()
	// 0.29 and 0.31 ms round to step 3 (0.3 ms): neuron 2 twice.
	var wantT []float64
	for _, s := range []float64{3, 3, 5, 5, 12} { // steps' ends, as the network computes times
		wantT = append(wantT, s*net.Dt())
	}
	wantI := []int32{2, 2, 1, 3, 0}
	if !reflect.DeepEqual(T, wantT) || !reflect.DeepEqual(I, wantI) {
		t.Errorf("Schedule = %v, %v; want %v, %v", T, I, wantT, wantI)
	}
	if want := []int32{2, 1, 3, 0}; !reflect.DeepEqual(sp.index, want) {
		t.Errorf("emitted neurons %v, want %v (neuron 2 once at 0.3 ms)", sp.index, want)
	}
}
