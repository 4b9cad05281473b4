package nb

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMarkdown: outside a notebook, Markdown prints its text as it is
// (run in a child process, whose output is read).
func TestMarkdown(t *testing.T) {
	const md = "## Conclusion\n\nE at *17.3* Hz."
	if os.Getenv("NB_TEST_MARKDOWN") == "1" {
		Markdown(md)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMarkdown$")
	cmd.Env = append(os.Environ(), "NB_TEST_MARKDOWN=1")
	out, err := cmd.Output()
	if err != nil || !strings.HasPrefix(string(out), md+"\n") {
		t.Errorf("Markdown printed %q, %v; want %q first", out, err, md+"\n")
	}
}
