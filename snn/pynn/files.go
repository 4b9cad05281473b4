package pynn

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
)

// writeColumn writes x[i]·scale, one value a line.
func writeColumn(path string, x []float64, scale float64) error {
	return writeFile(path, func(w *bufio.Writer) error {
		var buf []byte
		for _, v := range x {
			buf = strconv.AppendFloat(buf[:0], v*scale, 'g', -1, 64)
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFile writes path through a buffered writer, reporting the first error.
func writeFile(path string, body func(w *bufio.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("snn: pynn.Export: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = errors.Join(body(w), w.Flush(), f.Close())
	if err != nil {
		return fmt.Errorf("snn: pynn.Export: write %s: %w", path, err)
	}
	return nil
}
