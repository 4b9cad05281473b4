package nb

import (
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestResultLine(t *testing.T) {
	for _, c := range []struct {
		values map[string]float64
		want   string
	}{
		{map[string]float64{"rate_hz": 12.5, "cv": 0.91, "bad": math.Inf(1), "nan": math.NaN()},
			`SNN_RESULT {"bad": null, "cv": 0.91, "nan": null, "rate_hz": 12.5}`},
		{map[string]float64{"x": 1.0 / 3, "big": 123456789}, `SNN_RESULT {"big": 1.23457e+08, "x": 0.333333}`},
		{map[string]float64{`a "quoted" key`: 0}, `SNN_RESULT {"a \"quoted\" key": 0}`},
		{nil, `SNN_RESULT {}`},
	} {
		if got := resultLine(c.values); got != c.want {
			t.Errorf("resultLine(%v) = %s, want %s", c.values, got, c.want)
		}
	}
}

// TestCheck: Check(nil) and Must with a nil error go on; Check with an
// error prints "error: <err>" on stderr and exits with status 1 (run in a
// child process).
func TestCheck(t *testing.T) {
	if os.Getenv("NB_TEST_CHECK") == "1" {
		Check(nil)
		if Must(7, nil) != 7 {
			os.Exit(3)
		}
		Must(0, errors.New("no such file"))
		os.Exit(2) // not reached
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheck$")
	cmd.Env = append(os.Environ(), "NB_TEST_CHECK=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("child: %v, want exit status 1", err)
	}
	if got, want := stderr.String(), "error: no such file\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

// TestProgress: under go test a Progress draws nothing; with a writer it
// rewrites one line, at most ten times a second but always at the end,
// and Done ends the line with the elapsed time.
func TestProgress(t *testing.T) {
	if p := NewProgress("quiet"); p.w != nil || p.id != "" {
		t.Errorf("under go test: writer %v, id %q; want none", p.w, p.id)
	}
	var b strings.Builder
	p := &Progress{label: "run", start: time.Now(), w: &b}
	f := p.Func()
	f(25, 100)
	f(50, 100) // within 100 ms of the last: not drawn
	f(100, 100)
	p.Done()
	re := regexp.MustCompile(`^\rrun:  25% \(\d+\.\d s\)\rrun: 100% \(\d+\.\d s\)\rrun: done in \d+\.\d s\n$`)
	if !re.MatchString(b.String()) {
		t.Errorf("output %q, want the 25 %% and 100 %% lines and the end", b.String())
	}
}
