package nb

import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
)

// Check is the notebooks' one idiom for errors: if err is not nil, it
// prints "error: <err>" on stderr and ends the cell's program with exit
// status 1, so the cell shows the error, GoNB marks it failed, and
// `make studies` and the notebook tests report the notebook and the cell.
// It is for notebook cells and main programs (it exits the process).
func Check(err error) {
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "error:", err)
	if gonbui.IsNotebook {
		gonbui.Sync()
	}
	os.Exit(1)
}

// Must returns v, or stops the cell with Check(err) when err is not nil:
// rates := nb.Must(analysis.Rates(trains, 0, 1000)).
func Must[T any](v T, err error) T {
	Check(err)
	return v
}
