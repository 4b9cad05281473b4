package nb

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
)

// Result prints one machine-readable line of a notebook's key numbers,
// `SNN_RESULT {"key": value, ...}` (keys sorted, values to 6 significant
// digits, NaN and ±Inf as null), which the notebook tests read.
func Result(values map[string]float64) {
	fmt.Println(resultLine(values))
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
