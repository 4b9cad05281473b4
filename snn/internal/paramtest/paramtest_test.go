package paramtest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/snn-sim/snn/snn/internal/param"
)

func TestFindAndFlatten(t *testing.T) {
	a := &param.Error{Object: "o", Param: "a", Value: 1, Want: "0"}
	b := &param.Error{Object: "o", Param: "b", Value: 2, Want: "0"}
	err := fmt.Errorf("wrapped: %w", errors.Join(a, fmt.Errorf("again: %w", b)))
	if got := len(Flatten(err)); got != 5 { // err, the join, a, the second wrap, b
		t.Errorf("Flatten: %d errors, want 5", got)
	}
	if got := Find(err, "o", "b"); got != b {
		t.Errorf("Find(o, b) = %v, want %v", got, b)
	}
	if got := Find(err, "o", "c"); got != nil {
		t.Errorf("Find(o, c) = %v, want nil", got)
	}
	WantError(t, "joined", err, "o", "a", "a = 1", "want 0")
}
