package docker

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetupChoosesTheServer runs scripts/setup.sh's package step against
// fake dpkg-query, apt-cache and apt-get (and a Go too old to go further),
// and checks what it asks apt for: JupyterLab wherever apt has it, else the
// classic Notebook server, and nothing when the packages are there.
func TestSetupChoosesTheServer(t *testing.T) {
	base := "jupyter-core jupyter-nbconvert jupyter-client python3-ipykernel chromium"
	for _, c := range []struct {
		name       string
		installed  string // packages dpkg reports installed
		candidates string // packages apt has
		listsEmpty bool   // apt knows its candidates only after apt-get update
		want       string // the apt-get calls, in order
	}{
		{"Debian 13, nothing installed", "", "jupyterlab jupyter-notebook", false, "update|install " + base + " jupyterlab"},
		{"Debian 13, empty lists (a fresh image)", "", "jupyterlab jupyter-notebook", true, "update|install " + base + " jupyterlab"},
		{"Debian 12, nothing installed", "", "jupyter-notebook", false, "update|install " + base + " jupyter-notebook"},
		{"Debian 12, set up", base + " jupyter-notebook", "jupyter-notebook", false, ""},
		{"Debian 13, set up", base + " jupyterlab", "jupyterlab", true, ""},
		{"Debian 13, the classic server installed", base + " jupyter-notebook", "jupyterlab jupyter-notebook", false, "update|install jupyterlab"},
		{"Debian 12, chromium missing", "jupyter-core jupyter-nbconvert jupyter-client python3-ipykernel jupyter-notebook", "", false, "update|install chromium"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			fakes := map[string]string{
				"dpkg-query": `for p in $FAKE_INSTALLED; do [ "$p" = "${@: -1}" ] && { printf 'install ok installed'; exit 0; }; done; exit 1`,
				"apt-cache": `[ "$FAKE_LISTS_EMPTY" = 1 ] && [ ! -e "$FAKE_DIR/updated" ] && exit 0
for p in $FAKE_CANDIDATES; do [ "$p" = "$2" ] && { printf '%s:\n  Installed: (none)\n  Candidate: 1.0-1\n' "$2"; exit 0; }; done
printf '%s:\n  Installed: (none)\n  Candidate: (none)\n' "$2"`,
				"apt-get": `args=(); for a in "$@"; do case $a in -*) ;; *) args+=("$a") ;; esac; done
echo "${args[*]}" >>"$FAKE_DIR/calls"; [ "$1" = update ] && touch "$FAKE_DIR/updated"; exit 0`,
				"sudo": `exec "$@"`,
				"go":   `echo go1.20`,
			}
			for name, body := range fakes {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/bash\n"+body+"\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			empty := "0"
			if c.listsEmpty {
				empty = "1"
			}
			cmd := exec.Command("bash", "../scripts/setup.sh")
			cmd.Env = append(os.Environ(), "PATH="+dir+":/usr/bin:/bin", "SNN_HOME="+filepath.Join(dir, "home"), "FAKE_DIR="+dir,
				"FAKE_INSTALLED="+c.installed, "FAKE_CANDIDATES="+c.candidates, "FAKE_LISTS_EMPTY="+empty)
			out, err := cmd.CombinedOutput()
			// The fake Go is too old, so the script stops after the packages.
			if err == nil || !strings.Contains(string(out), "Go 1.20 is too old") {
				t.Fatalf("want the stop at the Go check, have %v:\n%s", err, out)
			}
			calls, _ := os.ReadFile(filepath.Join(dir, "calls"))
			if got := strings.ReplaceAll(strings.TrimSpace(string(calls)), "\n", "|"); got != c.want {
				t.Errorf("apt-get calls %q, want %q\n%s", got, c.want, out)
			}
		})
	}
}
