//go:build notebooks

package docker

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMakeLab starts `make lab` on a free port (as whichever user runs the
// test, root included), reads the token from its log, checks that requests
// without the token are refused, lists the notebooks, opens the quickstart
// and runs its cells through the server's kernel API until one draws a
// chart, then stops the server.
func TestMakeLab(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	logPath := filepath.Join(t.TempDir(), "lab.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command("make", "-C", "..", "lab", "LAB_PORT="+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) // make, the server and its kernels
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()
	base, token := waitForServer(t, logPath, exited, 5*time.Minute)
	if want := "http://127.0.0.1:" + strconv.Itoa(port); base != want {
		t.Errorf("the server answers on %s, want %s", base, want)
	}
	log, _ := os.ReadFile(logPath)
	if os.Geteuid() == 0 && !strings.Contains(string(log), "lab: warning: running as root") {
		t.Errorf("as root, make lab should warn; its log:\n%s", log)
	}
	// JupyterLab wherever it is installed, else the classic server.
	m := regexp.MustCompile(`lab: starting jupyter (\w+)`).FindSubmatch(log)
	want := "notebook"
	if _, err := exec.LookPath("jupyter-lab"); err == nil {
		want = "lab"
	}
	if m == nil || string(m[1]) != want {
		t.Errorf("make lab should start jupyter %s; its log:\n%s", want, log)
	} else {
		t.Logf("make lab started jupyter %s", m[1])
	}
	j := jupyter{base, token}
	j.refusesWithoutToken(t, "00-quickstart.ipynb")
	names := j.list(t, "")
	nbs, _ := filepath.Glob("../notebooks/*.ipynb")
	for _, w := range nbs {
		if !slices.Contains(names, filepath.Base(w)) {
			t.Errorf("the server's root lists %v, without %s", names, filepath.Base(w))
		}
	}
	res := j.runUntilChart(t, "00-quickstart.ipynb", "gonb", 5*time.Minute)
	t.Logf("make lab on port %d: %d quickstart cells ran, the last drew a chart", port, len(res))
}
