package theory

import (
	"fmt"
	"math"
	"slices"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
	"github.com/snn-sim/snn/snn/internal/proc"
)

// FICurve simulates trials neurons of model m per current (pA) for
// duration ms at time step dt, with white-noise input of standard deviation
// sigma (pA, snn.NoisyCurrent's Sigma; 0 for none), and returns the rate (Hz)
// per current, averaged over its trials. Without noise a neuron's rate is
// (n − 1)/(t_last − t_first) over its n ≥ 2 spikes (the exact period), or
// n/duration with fewer; with noise it is the spike count after a warm-up
// of 5·τ_m divided by the remaining time (unbiased for a stationary train).
// Before allocating anything it returns an error naming trials when the
// len(currents)·trials neurons exceed the int32 neuron index or need more
// memory (about 128 bytes each, spikes aside) than is available.
func FICurve(m snn.LIF, currents []float64, sigma, duration, dt float64, trials int, seed uint64) ([]float64, error) {
	if len(currents) == 0 {
		return nil, &param.Error{Object: "FICurve", Param: "len(currents)", Value: 0, Want: "≥ 1"}
	}
	if trials < 1 {
		return nil, &param.Error{Object: "FICurve", Param: "trials", Value: trials, Want: "≥ 1"}
	}
	if isFinite(dt) && dt > 0 && !(duration >= dt) { // other durations and dt: as Run checks them
		return nil, &param.Error{Object: "FICurve", Param: "duration", Value: duration, Want: fmt.Sprintf("≥ dt = %g ms (one step at least)", dt)}
	}
	if err := checkFICurveSize(len(currents), trials); err != nil {
		return nil, err
	}
	I := make([]float64, 0, len(currents)*trials)
	for _, c := range currents {
		for range trials {
			I = append(I, c)
		}
	}
	net := snn.New(dt, seed)
	p := net.AddPopulation("fI", len(I), m)
	net.Inject(p, snn.NoisyCurrent{Mean: snn.Slice(I), Sigma: sigma})
	sp := net.MonitorSpikes(p)
	if err := net.Run(duration); err != nil {
		return nil, fmt.Errorf("FICurve: %w", err)
	}
	rates := make([]float64, len(currents))
	warm := min(5*m.TauM, duration/2)
	for k, tr := range sp.Trains() {
		r := trainRate(tr, duration)
		if sigma > 0 {
			r = 1000 * float64(count(tr, warm, duration+1)) / (duration - warm)
		}
		rates[k/trials] += r / float64(trials)
	}
	return rates, nil
}

// ficurveBytesPerNeuron bounds what FICurve allocates per simulated neuron
// before any spike is recorded (110 bytes measured: the currents, the
// population's state, the input and the monitor).
const ficurveBytesPerNeuron = 128

// checkFICurveSize returns an error naming trials when len(currents)·trials
// neurons exceed the int32 neuron index or the memory available now.
func checkFICurveSize(nc, trials int) error {
	n := uint64(nc) * uint64(trials)
	if trials > math.MaxInt32/nc {
		return &param.Error{Object: "FICurve", Param: "trials", Value: trials,
			Want: fmt.Sprintf("≤ %d: %d currents × %d trials = %d neurons, more than the %d a population can index (int32)", math.MaxInt32/nc, nc, trials, n, math.MaxInt32)}
	}
	if avail, ok := proc.Meminfo("MemAvailable"); ok && n*ficurveBytesPerNeuron > avail {
		return &param.Error{Object: "FICurve", Param: "trials", Value: trials,
			Want: fmt.Sprintf("≤ %d: %d currents × %d trials = %d neurons need %d bytes, more than the %d available", avail/ficurveBytesPerNeuron/uint64(nc), nc, trials, n, n*ficurveBytesPerNeuron, avail)}
	}
	return nil
}

// trainRate is (n − 1)/(t_last − t_first) in Hz for n ≥ 2 spikes, else n/duration.
func trainRate(tr []float64, duration float64) float64 {
	if n := len(tr); n >= 2 && tr[n-1] > tr[0] {
		return 1000 * float64(n-1) / (tr[n-1] - tr[0])
	}
	return 1000 * float64(len(tr)) / duration
}

// count returns the number of spikes of tr in [t0, t1).
func count(tr []float64, t0, t1 float64) int {
	a, _ := slices.BinarySearch(tr, t0)
	b, _ := slices.BinarySearch(tr, t1)
	return b - a
}
