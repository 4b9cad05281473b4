package pynn

// sidecar is network.json: everything network.py builds, with units.
type sidecar struct {
	Units    map[string]string `json:"units"`
	Dt       float64           `json:"dt"`
	Seed     uint64            `json:"seed"`
	Duration float64           `json:"duration"`
	MinDelay float64           `json:"min_delay"`
	Ranks    int               `json:"ranks"`
	// NEURONDelaySlack is added to every delay on NEURON (ms; see
	// NEURONDelaySlack in export.go).
	NEURONDelaySlack float64  `json:"neuron_delay_slack"`
	Populations      []pop    `json:"populations"`
	Sources          []source `json:"sources"`
	Projections      []proj   `json:"projections"`
	Record           []record `json:"record"`
}

type pop struct {
	Name    string    `json:"name"` // the snn name
	PyNN    string    `json:"pynn"` // the PyNN label
	N       int       `json:"n"`
	Cell    cell      `json:"cell"`
	InitV   string    `json:"initial_v"`          // file of N values (mV)
	IOffset string    `json:"i_offset,omitzero"`  // file of N values (nA), or ""
	InitW   string    `json:"initial_w,omitzero"` // AdaptiveLIF: file of N values of w (nA), or "" (all 0)
	Noise   []noise   `json:"noise,omitempty"`
	Steps   []step    `json:"step_currents,omitempty"`
	Poisson []poisson `json:"poisson,omitempty"`
}

// noise is a NoisyCurrentSource onto each neuron.
type noise struct {
	Mean  float64 `json:"mean"`  // nA (the per-neuron part of Mean is in i_offset)
	Stdev float64 `json:"stdev"` // nA
	Dt    float64 `json:"dt"`    // ms
}

// step is a StepCurrentSource: onto every neuron (Times, Amplitudes),
// or one per neuron from a file (rows "t a_0 ... a_{N−1}").
type step struct {
	Times      []float64 `json:"times,omitempty"`      // ms
	Amplitudes []float64 `json:"amplitudes,omitempty"` // nA
	File       string    `json:"file,omitempty"`
}

// poisson is a PoissonInput: one SpikeSourcePoisson per neuron, one to one.
type poisson struct {
	PyNN     string  `json:"pynn"`
	Rate     float64 `json:"rate"` // Hz, N·Rate
	Weight   float64 `json:"weight"`
	Receptor string  `json:"receptor_type"`
}

type source struct {
	Name string  `json:"name"`
	PyNN string  `json:"pynn"`
	Type string  `json:"type"` // SpikeSourceArray or SpikeSourcePoisson
	N    int     `json:"n"`
	Rate float64 `json:"rate,omitzero"` // Hz
	File string  `json:"file,omitempty"`
}

type proj struct {
	Name     string   `json:"name"`
	PyNN     string   `json:"pynn"`
	Pre      string   `json:"pre"`  // PyNN label
	Post     string   `json:"post"` // PyNN label
	Receptor string   `json:"receptor_type"`
	File     string   `json:"file,omitempty"` // the edges, with Ranks ≤ 1
	Edges    int64    `json:"edges"`
	MaxDelay float64  `json:"max_delay"`       // ms
	Split    []string `json:"split,omitempty"` // the edges by target neuron j, file j mod Ranks, with Ranks > 1
}

type record struct {
	Source  string  `json:"source"` // snn name
	PyNN    string  `json:"pynn"`
	File    string  `json:"file"`
	Neurons []int32 `json:"neurons,omitempty"` // nil: all
}
