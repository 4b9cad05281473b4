package snn

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// WriteCSV writes the spikes as "time_ms,neuron" rows. It returns an error
// naming the monitor when len(T) ≠ len(I) (both are exported).
func (m *SpikeMonitor) WriteCSV(path string) error {
	if m == nil {
		return &ParamError{Object: "SpikeMonitor.WriteCSV", Param: "monitor", Value: "nil", Want: "a monitor from Network.MonitorSpikes"}
	}
	if len(m.index) != len(m.times) {
		return &ParamError{Object: monitorName("spike monitor", m.src), Param: "len(I)", Value: len(m.index), Want: fmt.Sprintf("len(T) = %d", len(m.times))}
	}
	return writeSidecar(path, m.meta(), writeCSV(path, []string{"time_ms", "neuron"}, len(m.times), func(k int) []string {
		return []string{ftoa(m.times[k]), strconv.Itoa(int(m.index[k]))}
	}))
}

// WriteCSV writes "time_ms,n<i>,..." rows: one column per recorded neuron.
// It returns an error naming the monitor when Values does not hold one
// series of len(T) values per neuron (all three are exported).
func (m *StateMonitor) WriteCSV(path string) error {
	if m == nil {
		return &ParamError{Object: "StateMonitor.WriteCSV", Param: "monitor", Value: "nil", Want: "a monitor from Network.MonitorState"}
	}
	name := "state monitor " + m.variable
	if m.pop != nil {
		name += " of " + quote(m.pop.name)
	}
	if len(m.values) != len(m.neurons) {
		return &ParamError{Object: name, Param: "len(Values)", Value: len(m.values), Want: fmt.Sprintf("len(Neurons) = %d", len(m.neurons))}
	}
	for j, v := range m.values {
		if len(v) != len(m.times) {
			return &ParamError{Object: name, Param: fmt.Sprintf("len(Values[%d])", j), Value: len(v), Want: fmt.Sprintf("len(T) = %d", len(m.times))}
		}
	}
	head := []string{"time_ms"}
	for _, i := range m.neurons {
		head = append(head, "n"+strconv.Itoa(int(i)))
	}
	return writeSidecar(path, m.meta(), writeCSV(path, head, len(m.times), func(k int) []string {
		row := []string{ftoa(m.times[k])}
		for _, v := range m.values {
			row = append(row, ftoa(v[k]))
		}
		return row
	}))
}

// WriteCSV writes "bin_start_ms,rate_hz" rows. It returns an error naming
// the monitor when len(T) ≠ len(Rate) (both are exported).
func (m *RateMonitor) WriteCSV(path string) error {
	if m == nil {
		return &ParamError{Object: "RateMonitor.WriteCSV", Param: "monitor", Value: "nil", Want: "a monitor from Network.MonitorRate"}
	}
	if len(m.rate) != len(m.times) {
		return &ParamError{Object: monitorName("rate monitor", m.src), Param: "len(Rate)", Value: len(m.rate), Want: fmt.Sprintf("len(T) = %d", len(m.times))}
	}
	return writeSidecar(path, m.meta(), writeCSV(path, []string{"bin_start_ms", "rate_hz"}, len(m.times), func(k int) []string {
		return []string{ftoa(m.times[k]), ftoa(m.rate[k])}
	}))
}

// monitorName names a monitor of src, which may be nil (a monitor made
// without Network).
func monitorName(kind string, src SpikeSource) string {
	if src == nil {
		return kind
	}
	return kind + " of " + quote(src.Name())
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// writeCSV writes a header and n rows to a temporary file beside path and
// renames it into place, so an interrupted write never leaves a truncated
// file at path. The file keeps the permissions of the one it replaces; a
// new one gets 0666 less the umask, as os.Create gives. Errors name path,
// not the temporary file.
func writeCSV(path string, header []string, n int, row func(k int) []string) (err error) {
	fail := func(err error) error {
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
		case errors.As(err, &le):
			err = fmt.Errorf("%s: %w", le.Op, le.Err)
		}
		return fmt.Errorf("snn: write %s: %w", path, err)
	}
	if path == "" {
		return &ParamError{Object: "WriteCSV", Param: "path", Value: `""`, Want: "a file name"}
	}
	perm, keep := fs.FileMode(0o666), false
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fail(fmt.Errorf("not a regular file (%v)", fi.Mode().Type()))
		}
		perm, keep = fi.Mode().Perm(), true
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	var f *os.File
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(rand.Uint64(), 36))
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return fail(err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fail(err)
		}
	}()
	if keep { // the umask does not apply to the file being replaced
		if err = f.Chmod(perm); err != nil {
			return err
		}
	}
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

// csvFile reads a file written by WriteCSV row by row, with errors that
// name the reader, the file, the line and the column.
type csvFile struct {
	fn, path string
	header   []string
	r        *csv.Reader
	line     int
}

// openCSV opens path and reads its header, checked by head (which returns
// a description of what is wrong, or "").
func openCSV(fn, path string, head func([]string) string) (*csvFile, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("snn: %s: %w", fn, err)
	}
	c := &csvFile{fn: fn, path: path, r: csv.NewReader(bufio.NewReader(f))}
	c.r.FieldsPerRecord = -1 // counted here, to name the line and the column
	hdr, err := c.r.Read()
	if err == io.EOF {
		f.Close()
		return nil, nil, c.errorf(1, 0, "", "empty file, want a header row")
	}
	if err != nil {
		f.Close()
		return nil, nil, c.parseError(err)
	}
	c.header, c.line = hdr, 1
	if msg := head(hdr); msg != "" {
		f.Close()
		return nil, nil, c.errorf(1, 0, "", "header %q, want %s", strings.Join(hdr, ","), msg)
	}
	return c, f.Close, nil
}

func (c *csvFile) errorf(line, col int, name, format string, args ...any) error {
	where := fmt.Sprintf("%s line %d", c.path, line)
	if col > 0 {
		where += fmt.Sprintf(" column %d (%s)", col, name)
	}
	return fmt.Errorf("snn: %s: %s: %s", c.fn, where, fmt.Sprintf(format, args...))
}

func (c *csvFile) parseError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return c.errorf(pe.Line, 0, "", "%v", pe.Err)
	}
	return fmt.Errorf("snn: %s: %s: %w", c.fn, c.path, err)
}

// next returns the next row as numbers (nil at the end of the file), each
// checked by ok (which returns the allowed range, or "" when the value is
// in it).
func (c *csvFile) next(ok func(col int, x float64) string) ([]float64, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, c.parseError(err)
	}
	line, _ := c.r.FieldPos(0)
	c.line = line
	if len(rec) != len(c.header) {
		return nil, c.errorf(line, 0, "", "%d fields, want %d as in the header", len(rec), len(c.header))
	}
	row := make([]float64, len(rec))
	for j, s := range rec {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, c.errorf(line, j+1, c.header[j], "%q is not a number", s)
		}
		if want := ok(j, x); want != "" {
			return nil, c.errorf(line, j+1, c.header[j], "%v, want %s", x, want)
		}
		row[j] = x
	}
	return row, nil
}

func finiteOK(x float64) string {
	if !isFinite(x) {
		return "a finite number"
	}
	return ""
}

// indexOK accepts neuron indices: integers in [0, MaxInt32].
func indexOK(x float64) string {
	if !isFinite(x) || x < 0 || x > math.MaxInt32 || x != math.Trunc(x) {
		return fmt.Sprintf("an integer neuron index in [0, %d]", math.MaxInt32)
	}
	return ""
}

func exactHeader(want ...string) func([]string) string {
	return func(h []string) string {
		if strings.Join(h, ",") != strings.Join(want, ",") {
			return strconv.Quote(strings.Join(want, ","))
		}
		return ""
	}
}

// ReadSpikesCSV reads a file written by SpikeMonitor.WriteCSV. It returns
// an error naming the file, the line and the column for a header other
// than "time_ms,neuron", a row with another number of fields, a time that
// is not a finite number, and a neuron that is not an integer in
// [0, 2147483647].
func ReadSpikesCSV(path string) (T []float64, I []int32, err error) {
	c, closeFile, err := openCSV("ReadSpikesCSV", path, exactHeader("time_ms", "neuron"))
	if err != nil {
		return nil, nil, err
	}
	defer closeFile()
	for {
		r, err := c.next(func(col int, x float64) string {
			if col == 0 {
				return finiteOK(x)
			}
			return indexOK(x)
		})
		if err != nil {
			return nil, nil, err
		}
		if r == nil {
			return T, I, nil
		}
		T = append(T, r[0])
		I = append(I, int32(r[1]))
	}
}

// ReadStateCSV reads a file written by StateMonitor.WriteCSV: the sample
// times, the recorded neurons and values[k][j] for neuron k at T[j]. It
// returns an error naming the file, the line and the column for a header
// other than "time_ms" followed by "n<i>" columns (i an integer in
// [0, 2147483647]), a row with another number of fields, and a time that
// is not a finite number; values are read as written (NaN and ±Inf
// included).
func ReadStateCSV(path string) (T []float64, neurons []int32, values [][]float64, err error) {
	c, closeFile, err := openCSV("ReadStateCSV", path, func(h []string) string {
		want := `"time_ms" followed by "n<index>" columns`
		if len(h) == 0 || h[0] != "time_ms" {
			return want
		}
		for _, col := range h[1:] {
			i, err := strconv.ParseUint(strings.TrimPrefix(col, "n"), 10, 31)
			if !strings.HasPrefix(col, "n") || err != nil || strconv.FormatUint(i, 10) != col[1:] {
				return want + fmt.Sprintf(" (column %q is not)", col)
			}
		}
		return ""
	})
	if err != nil {
		return nil, nil, nil, err
	}
	defer closeFile()
	for _, h := range c.header[1:] {
		i, _ := strconv.ParseInt(h[1:], 10, 32)
		neurons = append(neurons, int32(i))
	}
	values = make([][]float64, len(neurons))
	for {
		r, err := c.next(func(col int, x float64) string {
			if col == 0 {
				return finiteOK(x)
			}
			return ""
		})
		if err != nil {
			return nil, nil, nil, err
		}
		if r == nil {
			return T, neurons, values, nil
		}
		T = append(T, r[0])
		for k := range neurons {
			values[k] = append(values[k], r[k+1])
		}
	}
}

// ReadRatesCSV reads a file written by RateMonitor.WriteCSV. It returns an
// error naming the file, the line and the column for a header other than
// "bin_start_ms,rate_hz", a row with another number of fields, a bin start
// that is not a finite number, and a rate that is not finite and ≥ 0.
func ReadRatesCSV(path string) (T, rate []float64, err error) {
	c, closeFile, err := openCSV("ReadRatesCSV", path, exactHeader("bin_start_ms", "rate_hz"))
	if err != nil {
		return nil, nil, err
	}
	defer closeFile()
	for {
		r, err := c.next(func(col int, x float64) string {
			if col == 1 && !(x >= 0 && isFinite(x)) {
				return "a finite rate ≥ 0 Hz"
			}
			return finiteOK(x)
		})
		if err != nil {
			return nil, nil, err
		}
		if r == nil {
			return T, rate, nil
		}
		T = append(T, r[0])
		rate = append(rate, r[1])
	}
}
