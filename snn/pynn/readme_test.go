package pynn

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// walkStep is one marked block of README.md: `<!-- walk: KIND -->` before
// a fenced block. KIND is "sh" (commands, run in order in one shell from
// the root of the clone), "files" (paths, relative to the root, that must
// exist afterwards) or a path to save the block at.
type walkStep struct{ kind, body string }

var walkBlock = regexp.MustCompile("(?s)<!-- walk: ([^ ]+) -->\n```[a-z]*\n(.*?)```")

// readmeWalk returns the marked blocks of the README at path, in order.
func readmeWalk(t *testing.T, path string) []walkStep {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []walkStep
	for _, m := range walkBlock.FindAllStringSubmatch(string(b), -1) {
		steps = append(steps, walkStep{m[1], m[2]})
	}
	return steps
}

// TestPyNNReadme walks snn/pynn/README.md as a user would: in a folder laid
// out as the root of this clone (go.mod, go.sum, snn and scripts linked from
// it), it saves the Go program where the README says, runs the README's
// commands exactly as written (bash, one shell, stopping at the first that
// fails: the set-up script, go run, cd, mpirun with its flags and
// /usr/bin/python3), and checks that every file the README says lands
// there does, and that the spikes read back (ReadTrains) are those of the
// 400 E and 100 I neurons, firing.
func TestPyNNReadme(t *testing.T) {
	pynnReady(t)
	steps := readmeWalk(t, "README.md")
	var kinds []string
	for _, s := range steps {
		kinds = append(kinds, s.kind)
	}
	if strings.Join(kinds, " ") != "handoff/main.go sh files" {
		t.Fatalf("README.md's walk: %v, want a program, commands and files", kinds)
	}
	root := t.TempDir()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "go.sum", "snn", "scripts"} {
		if err := os.Symlink(filepath.Join(repo, f), filepath.Join(root, f)); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range steps {
		switch s.kind {
		case "sh":
			cmd := exec.Command("bash", "-e", "-c", s.body)
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("the README's commands:\n%s\nfailed: %v\n%s", s.body, err, lastLines(out, 20))
			}
		case "files":
			for _, f := range strings.Fields(s.body) {
				if _, err := os.Stat(filepath.Join(root, f)); err != nil {
					t.Errorf("the README says %s lands there: %v", f, err)
				}
			}
		default:
			path := filepath.Join(root, s.kind)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(s.body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for pop, n := range map[string]int{"E": 400, "I": 100} {
		tr, err := ReadTrains(filepath.Join(root, "export"), pop)
		if err != nil {
			t.Fatal(err)
		}
		spikes := 0
		for _, x := range tr {
			spikes += len(x)
		}
		if len(tr) != n || spikes < n {
			t.Errorf("%s: %d trains with %d spikes, want %d trains, firing", pop, len(tr), spikes, n)
		}
		t.Logf("%s: %d spikes in 500 ms on NEURON, 4 ranks", pop, spikes)
	}
}
