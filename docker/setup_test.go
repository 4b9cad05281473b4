//go:build notebooks

package docker

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetupOnCleanHome runs scripts/setup.sh with HOME, SNN_HOME and the Go
// caches in an empty folder, then executes the quickstart notebook with it.
func TestSetupOnCleanHome(t *testing.T) {
	home := t.TempDir()
	repo, _ := filepath.Abs("..")
	env := append(os.Environ(),
		"HOME="+home, "SNN_HOME="+filepath.Join(home, "snn"),
		"GOPATH="+filepath.Join(home, "go"), "GOMODCACHE="+filepath.Join(home, "go", "pkg", "mod"),
		"GOCACHE="+filepath.Join(home, "go-build"))
	// Go makes its module cache read-only, so TempDir's clean-up could not
	// delete it as another user than root: empty it first (clean-ups run
	// last first).
	t.Cleanup(func() {
		cmd := exec.Command("go", "clean", "-modcache")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go clean -modcache: %v\n%s", err, out)
		}
	})
	run := func(args ...string) string {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env, cmd.Dir = env, repo
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("bash", "scripts/setup.sh")
	for _, bin := range []string{"gonb", "gopls", "goimports"} {
		if _, err := os.Stat(filepath.Join(home, "snn", "bin", bin)); err != nil {
			t.Errorf("%s not installed: %v", bin, err)
		}
	}
	spec, err := os.ReadFile(filepath.Join(home, "snn", "jupyter", "kernels", "gonb", "kernel.json"))
	if err != nil || !strings.Contains(string(spec), "go_work="+repo) {
		t.Fatalf("kernelspec: %v\n%s", err, spec)
	}
	out := run("bash", "scripts/studies.sh", filepath.Join(home, "out"), "notebooks/00-quickstart.ipynb")
	if !strings.Contains(out, "ok   00-quickstart") {
		t.Errorf("quickstart did not run on the clean set-up:\n%s", out)
	}
	// The second run installs nothing.
	if again := run("bash", "scripts/setup.sh"); strings.Contains(again, "installing") {
		t.Errorf("setup is not idempotent:\n%s", again)
	}
}
