package snn

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// WriteCSV writes the spikes as "time_ms,neuron" rows.
func (m *SpikeMonitor) WriteCSV(path string) error {
	return writeSidecar(path, m.meta(), writeCSV(path, []string{"time_ms", "neuron"}, len(m.T), func(k int) []string {
		return []string{ftoa(m.T[k]), strconv.Itoa(int(m.I[k]))}
	}))
}

// WriteCSV writes "time_ms,n<i>,..." rows: one column per recorded neuron.
func (m *StateMonitor) WriteCSV(path string) error {
	head := []string{"time_ms"}
	for _, i := range m.Neurons {
		head = append(head, "n"+strconv.Itoa(i))
	}
	return writeSidecar(path, m.meta(), writeCSV(path, head, len(m.T), func(k int) []string {
		row := []string{ftoa(m.T[k])}
		for _, v := range m.Values {
			row = append(row, ftoa(v[k]))
		}
		return row
	}))
}

// WriteCSV writes "bin_start_ms,rate_hz" rows.
func (m *RateMonitor) WriteCSV(path string) error {
	return writeSidecar(path, m.meta(), writeCSV(path, []string{"bin_start_ms", "rate_hz"}, len(m.T), func(k int) []string {
		return []string{ftoa(m.T[k]), ftoa(m.Rate[k])}
	}))
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// writeCSV writes a header and n rows to a temporary file beside path and
// renames it into place, so an interrupted write never leaves a truncated
// file at path.
func writeCSV(path string, header []string, n int, row func(k int) []string) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("snn: write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	if err = w.Write(header); err != nil {
		return err
	}
	for k := 0; k < n; k++ {
		if err = w.Write(row(k)); err != nil {
			return err
		}
	}
	w.Flush()
	if err = w.Error(); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// readCSV returns the header and the numeric rows of a file written by
// WriteCSV.
func readCSV(path string) ([]string, [][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("snn: read %s: %w", path, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("snn: read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("snn: read %s: empty file, want a header row", path)
	}
	rows := make([][]float64, len(recs)-1)
	for k, rec := range recs[1:] {
		rows[k] = make([]float64, len(rec))
		for j, s := range rec {
			if rows[k][j], err = strconv.ParseFloat(s, 64); err != nil {
				return nil, nil, fmt.Errorf("snn: read %s: line %d column %d: %w", path, k+2, j+1, err)
			}
		}
	}
	return recs[0], rows, nil
}

// ReadSpikesCSV reads a file written by SpikeMonitor.WriteCSV.
func ReadSpikesCSV(path string) (T []float64, I []int32, err error) {
	_, rows, err := readCSV(path)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		T = append(T, r[0])
		I = append(I, int32(r[1]))
	}
	return T, I, nil
}

// ReadStateCSV reads a file written by StateMonitor.WriteCSV: the sample
// times, the recorded neurons and values[k][j] for neuron k at T[j].
func ReadStateCSV(path string) (T []float64, neurons []int, values [][]float64, err error) {
	head, rows, err := readCSV(path)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, h := range head[1:] {
		i, err := strconv.Atoi(h[1:])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("snn: read %s: column %q: want n<index>", path, h)
		}
		neurons = append(neurons, i)
	}
	values = make([][]float64, len(neurons))
	for _, r := range rows {
		T = append(T, r[0])
		for k := range neurons {
			values[k] = append(values[k], r[k+1])
		}
	}
	return T, neurons, values, nil
}

// ReadRatesCSV reads a file written by RateMonitor.WriteCSV.
func ReadRatesCSV(path string) (T, rate []float64, err error) {
	_, rows, err := readCSV(path)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		T = append(T, r[0])
		rate = append(rate, r[1])
	}
	return T, rate, nil
}
