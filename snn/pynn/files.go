package pynn

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/snn-sim/snn/snn/internal/param"
)

// writeColumn writes v[i]·scale, one value a line, to the file name of the
// export: what of the object owner, each value finite.
func (x *exporter) writeColumn(name, owner, what string, v []float64, scale float64) error {
	return x.writeFile(name, owner, func(w *bufio.Writer) error {
		var buf []byte
		for i, v := range v {
			if err := finite(owner, fmt.Sprintf("%s of neuron %d", what, i), v*scale); err != nil {
				return err
			}
			buf = strconv.AppendFloat(buf[:0], v*scale, 'g', -1, 64)
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFile writes the file name of the export through a buffered
// writer, reporting the first error with the object owner it belongs to.
func (x *exporter) writeFile(name, owner string, body func(w *bufio.Writer) error) error {
	f, err := os.Create(filepath.Join(x.dir, name))
	if err != nil {
		return fmt.Errorf("snn: pynn.Export: %s: %w", owner, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := body(w); err != nil {
		f.Close()
		if pe := (*param.Error)(nil); errors.As(err, &pe) {
			return err // a value of the object: the error names it
		}
		return fmt.Errorf("snn: pynn.Export: %s: write %s: %w", owner, name, err)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return fmt.Errorf("snn: pynn.Export: %s: write %s: %w", owner, name, err)
	}
	return nil
}
