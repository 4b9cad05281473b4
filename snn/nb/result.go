package nb

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
)

// Result prints one machine-readable line of a notebook's key numbers,
// `SNN_RESULT {"key": value, ...}` (keys sorted, values to 6 significant
// digits, NaN and ±Inf as null), which the notebook tests read. In a
// notebook it also records the values (at full precision) for the rest of
// the kernel session, where Conclusion and Recorded read them; a key
// recorded again takes its new value. A value that cannot be recorded is
// an error that stops the cell (Check).
func Result(values map[string]float64) {
	fmt.Println(resultLine(values))
	if path := resultsPath(); path != "" {
		Check(record(path, values))
	}
	if gonbui.IsNotebook {
		gonbui.Sync()
	}
}

func resultLine(values map[string]float64) string {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("SNN_RESULT {")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		kj, _ := json.Marshal(k)
		if v := values[k]; v-v == 0 {
			fmt.Fprintf(&b, "%s: %.6g", kj, v)
		} else {
			fmt.Fprintf(&b, "%s: null", kj)
		}
	}
	b.WriteString("}")
	return b.String()
}

// resultsPath is the file that holds the values Result recorded in this
// kernel session, in GoNB's temporary folder; "" outside a notebook.
func resultsPath() string {
	if dir := os.Getenv("GONB_TMP_DIR"); dir != "" {
		return filepath.Join(dir, "snn-results.json")
	}
	return ""
}

// record adds values to the results file at path (written atomically:
// a temporary file, then rename). Non-finite values are kept as null and
// read back as NaN.
func record(path string, values map[string]float64) error {
	all, err := readResults(path)
	if err != nil {
		return err
	}
	for k, v := range values {
		all[k] = v
	}
	out := make(map[string]*float64, len(all))
	for k, v := range all {
		if v-v == 0 {
			out[k] = &v
		} else {
			out[k] = nil
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("nb.Result: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("nb.Result: recording the values: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("nb.Result: recording the values: %w", err)
	}
	return nil
}

// readResults reads the results file at path; a missing file holds no
// values.
func readResults(path string) (map[string]float64, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]float64{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("nb: reading the recorded values: %w", err)
	}
	var in map[string]*float64
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("nb: the recorded values in %s: %w", path, err)
	}
	out := make(map[string]float64, len(in))
	for k, v := range in {
		out[k] = math.NaN()
		if v != nil {
			out[k] = *v
		}
	}
	return out, nil
}
