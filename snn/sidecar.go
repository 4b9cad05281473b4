package snn

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
)

// CSVMeta is the JSON sidecar WriteCSV writes beside every CSV export, at
// path + ".json": what the rows alone do not say. A silent neuron leaves no
// row in a spike CSV, and Neo's SpikeTrain needs t_stop; both are here.
type CSVMeta struct {
	// Kind is "spikes", "state" or "rates".
	Kind string `json:"kind"`
	// Population is the recorded source's name and N its size.
	Population string `json:"population"`
	N          int    `json:"n"`
	// Recorded lists the recorded neurons (every neuron when the monitor
	// watches all of them, none when it was never built). In the JSON it
	// is "all" when it holds every neuron 0, 1, …, N−1 in order (a list
	// would take 8 MB for 10^6 neurons), else the list; a reader accepts
	// both and gives the list.
	Recorded []int32 `json:"recorded"`
	// Variable is the recorded state variable (state monitors only).
	Variable string `json:"variable,omitempty"`
	// TStart and TStop bound the recording (ms): spikes lie in
	// (TStart, TStop].
	TStart float64 `json:"t_start"`
	TStop  float64 `json:"t_stop"`
	Dt     float64 `json:"dt"`
	Seed   uint64  `json:"seed"`
	// Units maps each CSV column (or quantity) to its unit.
	Units map[string]string `json:"units"`
}

// allIndices returns 0, 1, …, n−1 (n ≤ 2^31 − 1, checked by the caller).
func allIndices(n int) []int32 {
	idx := make([]int32, max(n, 0))
	for i := range idx {
		idx[i] = int32(i)
	}
	return idx
}

// maxAllBytes bounds the list that a sidecar's "recorded": "all" expands
// to: an eighth of the machine's memory, so that a small file cannot make
// a reader allocate gigabytes.
func maxAllBytes() float64 { m, _ := machineMemory(); return m / 8 }

// isAll reports whether rec is every neuron 0, 1, …, n−1 in order.
func isAll(rec []int32, n int) bool {
	if n <= 0 || len(rec) != n {
		return false
	}
	for i, x := range rec {
		if x != int32(i) {
			return false
		}
	}
	return true
}

// MarshalJSON writes m with "recorded": "all" where Recorded is every
// neuron in order.
func (m CSVMeta) MarshalJSON() ([]byte, error) {
	type plain CSVMeta // without the methods
	out := struct {
		plain
		Recorded any `json:"recorded"`
	}{plain(m), m.Recorded}
	if isAll(m.Recorded, m.N) {
		out.Recorded = "all"
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a sidecar whose "recorded" is "all" (every neuron
// of the N, 0 ≤ N ≤ 2^31−1) or a list of neuron indices.
func (m *CSVMeta) UnmarshalJSON(b []byte) error {
	type plain CSVMeta
	var in struct {
		plain
		Recorded json.RawMessage `json:"recorded"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*m = CSVMeta(in.plain)
	switch r := string(in.Recorded); {
	case r == `"all"`:
		if in.N < 0 || in.N > math.MaxInt32 {
			return fmt.Errorf(`"recorded": "all" with n = %d, want n in [0, %d]`, in.N, math.MaxInt32)
		}
		if b := 4 * float64(in.N); b > maxAllBytes() {
			return fmt.Errorf(`"recorded": "all" with n = %d, want n ≤ %.0f: its list of neurons would take %s, more than an eighth of the machine's memory (%s)`,
				in.N, maxAllBytes()/4, bytesString(b), bytesString(maxAllBytes()*8))
		}
		m.Recorded = allIndices(in.N)
	case r == "" || r == "null":
		m.Recorded = nil
	default:
		if err := json.Unmarshal(in.Recorded, &m.Recorded); err != nil {
			return fmt.Errorf(`"recorded" = %.40s, want "all" or a list of neuron indices`, r)
		}
	}
	return nil
}

// metaBase fills what every sidecar has; a monitor made by hand (without
// a network or a source) leaves those fields empty.
func (n *Network) metaBase(kind string, src SpikeSource) CSVMeta {
	m := CSVMeta{Kind: kind, Population: sourceName(src)}
	if !isNil(src) {
		m.N = src.Size()
	}
	if n != nil {
		m.TStop, m.Dt, m.Seed = n.Time(), n.dt, n.seed
	}
	return m
}

func (m *SpikeMonitor) meta() CSVMeta {
	c := m.net.metaBase("spikes", m.src)
	c.Recorded = m.subset
	if m.subset == nil && m.net != nil { // a monitor never built recorded nothing
		c.Recorded = allIndices(c.N)
	}
	c.Units = map[string]string{"time_ms": "ms", "neuron": "index"}
	return c
}

func (m *StateMonitor) meta() CSVMeta {
	var net *Network
	k := -1
	if m.pop != nil {
		net, k = m.pop.net, m.pop.receptor(m.variable)
	}
	c := net.metaBase("state", m.pop)
	c.Recorded, c.Variable = m.neurons, m.variable
	unit := "mV"
	switch {
	case m.variable == "Iext", m.variable == "w": // w: AdaptiveLIF's adaptation current
		unit = "pA"
	case k >= 0:
		unit = m.pop.recs[k].Kind.weightUnit()
	}
	c.Units = map[string]string{"time_ms": "ms", "n<i>": unit}
	return c
}

func (m *RateMonitor) meta() CSVMeta {
	c := m.net.metaBase("rates", m.src)
	if m.net != nil { // a monitor never built recorded nothing
		c.Recorded = allIndices(c.N)
	}
	c.Units = map[string]string{"bin_start_ms": "ms", "rate_hz": "Hz"}
	return c
}

// writeSidecar writes meta to csvPath + ".json" if the CSV was written
// (csvErr is nil); it returns csvErr otherwise.
func writeSidecar(csvPath string, meta CSVMeta, csvErr error) error {
	if csvErr != nil {
		return csvErr
	}
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	// Written beside and renamed into place, like the CSV.
	tmp := csvPath + ".json.tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("snn: write %s.json: %w", csvPath, err)
	}
	if err := os.Rename(tmp, csvPath+".json"); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("snn: write %s.json: %w", csvPath, err)
	}
	return nil
}

// ReadCSVMeta reads the sidecar of the CSV file at path (path + ".json").
// ok is false, with no error, when there is none.
func ReadCSVMeta(path string) (meta CSVMeta, ok bool, err error) {
	b, err := os.ReadFile(path + ".json")
	if errors.Is(err, os.ErrNotExist) {
		return meta, false, nil
	}
	if err != nil {
		return meta, false, fmt.Errorf("snn: read %s.json: %w", path, err)
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return meta, false, fmt.Errorf("snn: read %s.json: %w", path, err)
	}
	return meta, true, nil
}

// ReadSpikes reads a spike CSV (ReadSpikesCSV) and its sidecar when there
// is one (meta is nil otherwise). With a sidecar, every spike must lie in
// (TStart, TStop] and belong to a recorded neuron; a spike that does not
// is an error naming the file, the row and the allowed range.
func ReadSpikes(path string) (T []float64, I []int32, meta *CSVMeta, err error) {
	T, I, err = ReadSpikesCSV(path)
	if err != nil {
		return nil, nil, nil, err
	}
	m, ok, err := ReadCSVMeta(path)
	if err != nil || !ok {
		return T, I, nil, err
	}
	all := isAll(m.Recorded, m.N) // then a range check, without a set of 10^6 entries
	rec := map[int32]bool{}
	if !all {
		for _, i := range m.Recorded {
			rec[i] = true
		}
	}
	eps := float64(1e-9 * math.Max(1, math.Abs(m.TStop))) // pinned: no fused multiply-add (cpu_test.go)
	for k := range T {
		if T[k] <= m.TStart || T[k] > m.TStop+eps {
			return nil, nil, nil, fmt.Errorf("snn: read %s: row %d: time_ms = %g, want in (t_start, t_stop] = (%g, %g] from %s.json", path, k+2, T[k], m.TStart, m.TStop, path)
		}
		if all && (I[k] < 0 || int(I[k]) >= m.N) || !all && !rec[I[k]] {
			return nil, nil, nil, fmt.Errorf("snn: read %s: row %d: neuron = %d, want one of the %d recorded neurons of %s.json", path, k+2, I[k], len(m.Recorded), path)
		}
	}
	return T, I, &m, nil
}
