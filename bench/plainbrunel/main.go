// Command plainbrunel is a straightforward simulator of the Brunel (2000)
// network, written independently of snn for the speed comparison of
// make bench (issue: snn should beat the obvious implementation on one
// core): the same model as networks.NewBrunel (NEST's brunel_delta_nest
// parameters: 10,000 E and 2,500 I LIF neurons, fixed in-degrees 1000 and
// 250 with multapses and autapses, J = 0.1 mV, g, D = 1.5 ms, 1000
// external Poisson inputs per neuron at η·ν_thr, dt = 0.1 ms, exact
// exponential decay of V, refractory 2 ms), stored the obvious way: a
// list of targets per presynaptic neuron, a ring buffer of input per
// neuron and delay slot, and gonum's Poisson sampler for the external
// drive. It prints one JSON object: build and run times and the E rate.
//
//	plainbrunel -g 5 -eta 2 -t 300 -seed 1 [-n 12500 -k 1000]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

func main() {
	g := flag.Float64("g", 5, "relative inhibition")
	eta := flag.Float64("eta", 2, "external rate in units of ν_thr")
	T := flag.Float64("t", 300, "biological time (ms)")
	seed := flag.Uint64("seed", 1, "seed")
	size := flag.Int("n", 12500, "neurons: 4/5 excitatory, 1/5 inhibitory")
	k := flag.Int("k", 1000, "excitatory in-degree C_E (inhibitory: C_E/4)")
	flag.Parse()
	if *size < 5 || *k < 4 {
		fmt.Fprintf(os.Stderr, "plainbrunel: -n %d, -k %d: want n ≥ 5 and k ≥ 4\n", *size, *k)
		os.Exit(2)
	}

	nE, nI, cE, cI := *size-*size/5, *size/5, *k, *k/4
	const (
		J, tau, theta    = 0.1, 20.0, 20.0
		vReset, tRef, dt = 10.0, 2.0, 0.1
		delaySteps       = 15
	)
	n := nE + nI
	start := time.Now()
	rng := rand.New(rand.NewPCG(*seed, 1))
	// targets[i]: the postsynaptic neurons of i; weight by the source type.
	targets := make([][]int32, n)
	for j := 0; j < n; j++ {
		for k := 0; k < cE; k++ {
			i := rng.IntN(nE)
			targets[i] = append(targets[i], int32(j))
		}
		for k := 0; k < cI; k++ {
			i := nE + rng.IntN(nI)
			targets[i] = append(targets[i], int32(j))
		}
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = theta * rng.Float64()
	}
	refr := make([]int, n)
	ring := make([][]float64, delaySteps+1)
	for d := range ring {
		ring[d] = make([]float64, n)
	}
	nuThr := theta / (J * float64(cE) * tau) // per ms
	lambda := *eta * nuThr * float64(cE) * dt
	pois := distuv.Poisson{Lambda: lambda, Src: rand.New(rand.NewPCG(*seed, 2))}
	decay := math.Exp(-dt / tau)
	built := time.Now()

	steps := int(math.Round(*T / dt))
	spikesE := 0
	var fired []int
	for s := 0; s < steps; s++ {
		in := ring[s%len(ring)]
		fired = fired[:0]
		for i := range v {
			x := in[i] + J*pois.Rand()
			in[i] = 0
			if refr[i] > 0 {
				refr[i]--
				continue
			}
			v[i] = v[i]*decay + x
			if v[i] >= theta {
				v[i] = vReset
				refr[i] = int(tRef / dt)
				fired = append(fired, i)
			}
		}
		out := ring[(s+delaySteps)%len(ring)]
		for _, i := range fired {
			w := J
			if i >= nE {
				w = -*g * J
			} else {
				spikesE++
			}
			for _, j := range targets[i] {
				out[j] += w
			}
		}
	}
	ran := time.Now()
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"simulator": "plain-go", "build_s": built.Sub(start).Seconds(), "run_s": ran.Sub(built).Seconds(),
		"rate_e_hz": float64(spikesE) / float64(nE) / (*T / 1000), "n_neurons": n, "k": cE,
	})
}
