//go:build image

package docker

// make test-image builds the Docker image's root file system without a
// Docker engine and checks it with the network cut. As root:
//
//  1. A clean Debian root for the Dockerfile's last FROM (debian:13.x):
//     debootstrap --variant=minbase of the matching suite (trixie) from the
//     host's Debian mirror. The debootstrapped root is cached as a tarball
//     in .cache/image/; every run extracts a fresh copy of it, so the build
//     always starts from a clean root. The archive serves the current point
//     release, which may be newer than the tag; the test logs both.
//  2. The Dockerfile's instructions, read by Parse, carried out in order:
//     ENV, USER and WORKDIR set the state later instructions run with (and
//     HOME from the user's passwd entry, PATH defaulting to Docker's);
//     COPY copies from the repository into the root (a folder's contents,
//     owned by root, modes kept, as Docker does); RUN runs through /bin/sh -c
//     (or its exec form) chrooted into the root as the current USER, in
//     WORKDIR, with /proc, /sys, a minimal /dev and the host's DNS, as
//     Docker's build does. The one step that cannot run here is a FROM of
//     another image: the golang:1.26.x-trixie stage, whose only use is
//     COPY --from of /usr/local/go. Its equivalent is the host's Go
//     toolchain at /usr/local/go, which must be the tag's exact version.
//  3. With the network cut (unshare --net: only a loopback interface), as the
//     image's USER, in its WORKDIR, with its ENV:
//     - go test -tags notebooks ./notebooks inside the root: executes every
//       notebook and checks every chart draws in the root's headless
//       chromium (notebooks/notebooks_test.go);
//     - the image's CMD (JupyterLab): it must print a URL with a token,
//       serve JupyterLab's page, refuse the API without the token (or with a
//       wrong one), list the notebooks, open the quickstart and a copy of it
//       saved in /opt/snn/work (where the README puts your own), and run the
//       quickstart's cells through a GoNB kernel's websocket until one draws
//       a chart;
//     - the make lab test (docker/lab_test.go) inside the root: make lab
//       must start JupyterLab there and run the quickstart through it.
//
// Each build and check runs in a private mount namespace (unshare --mount),
// so nothing stays mounted on the host. A failure names the Dockerfile line.

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImage builds the image's root file system and checks it offline;
// see the comment at the top of this file. It runs with make test-image.
func TestImage(t *testing.T) {
	if os.Getuid() != 0 {
		t.Fatal("make test-image needs root (debootstrap, chroot, mount and network namespaces)")
	}
	for _, tool := range []string{"debootstrap", "unshare", "tar", "ip", "du"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("make test-image needs %s: %v", tool, err)
		}
	}
	p := dockerfilePlan(t)
	host, _ := os.ReadFile("/usr/local/go/VERSION")
	for _, in := range p.goFrom {
		if v := p.goStage[in.Args[1]]; !strings.HasPrefix(string(host), "go"+v+"\n") {
			t.Fatalf("%s: the equivalent of this stage is the host's Go at /usr/local/go, which must be go%s; it is %.20q", in, v, host)
		}
	}
	ps := rootPaths(t, p.suite, "root")
	start := time.Now()

	// SNN_IMAGE_RESUME=N (debugging only: not a verification) reuses the
	// root of a failed run and carries out the instructions from line N on.
	var tBoot, tExtract time.Duration
	if os.Getenv("SNN_IMAGE_RESUME") != "" {
		t.Logf("SNN_IMAGE_RESUME=%s: reusing %s, NOT a clean build", os.Getenv("SNN_IMAGE_RESUME"), ps.root)
	} else {
		tBoot, tExtract = cleanRoot(t, p.instrs[0].String(), p.suite, p.major, ps, start)
	}
	// 2. The Dockerfile's instructions, in a private mount namespace.
	phase(t, ps, "TestImagePhase", "build", "--mount")
	os.Remove(filepath.Join(ps.root, hostCA))
	tBuild := time.Since(start)
	size := strings.Fields(string(run(t, "", "du", "-sx", "--block-size=1M", ps.root)))[0]
	t.Logf("the image's root file system: %s MB (du -sx)", size)

	// 3. The checks, with the network cut.
	phase(t, ps, "TestImagePhase", "offline", "--mount", "--net")
	tAll := time.Since(start)
	t.Logf("make test-image: %.0f s in all: clean root %.0f s (debootstrap or its cache %.0f s), build %.0f s, offline checks %.0f s; root %s MB",
		tAll.Seconds(), tExtract.Seconds(), tBoot.Seconds(), (tBuild - tExtract).Seconds(), (tAll - tBuild).Seconds(), size)
}

// TestImagePhase is one phase of TestImage, run in its own namespaces; it
// does nothing unless SNN_IMAGE_PHASE says which.
func TestImagePhase(t *testing.T) {
	name := os.Getenv(phaseEnv)
	if name == "" {
		t.Skip("a phase of TestImage")
	}
	root := os.Getenv("SNN_IMAGE_ROOT")
	p := dockerfilePlan(t)
	repo, _ := filepath.Abs("..")
	if name == "offline" {
		run(t, "", "ip", "link", "set", "lo", "up")
		for _, addr := range []string{"deb.debian.org:80", "proxy.golang.org:443", "1.1.1.1:53"} {
			if c, err := net.DialTimeout("tcp", addr, 5*time.Second); err == nil {
				c.Close()
				t.Fatalf("the network is not cut: %s answers", addr)
			}
		}
		t.Log("the network is cut: deb.debian.org, proxy.golang.org and 1.1.1.1 are unreachable")
	}
	mountRuntime(t, root, name == "build")
	var s state
	if name == "build" {
		if _, err := os.Stat(filepath.Join(root, hostCA)); err == nil {
			s.extra = []string{"SSL_CERT_FILE=" + hostCA}
		}
	}
	resume, _ := strconv.Atoi(os.Getenv("SNN_IMAGE_RESUME"))
	for _, in := range p.instrs[1:] {
		if name == "build" && in.Line >= resume {
			buildStep(t, root, repo, &s, in)
		}
		s.apply(in)
	}
	if name == "offline" {
		offlineChecks(t, root, p, &s)
	}
}

// buildStep carries out one instruction in the root.
func buildStep(t *testing.T, root, repo string, s *state, in Instruction) {
	t.Helper()
	t.Logf("%s", in)
	step := time.Now()
	switch in.Cmd {
	case "COPY":
		dest := in.Args[len(in.Args)-1]
		if !strings.HasPrefix(dest, "/") {
			dest = filepath.Join(or(s.workdir, "/"), dest)
		}
		srcs := in.Args[:len(in.Args)-1]
		if in.From != "" {
			// The Go stage: the host's toolchain (its version was checked).
			run(t, "", "mkdir", "-p", filepath.Join(root, filepath.Dir(dest)))
			run(t, "", "cp", "-a", "/usr/local/go", filepath.Join(root, dest))
			break
		}
		intoDir := strings.HasSuffix(in.Args[len(in.Args)-1], "/") || len(srcs) > 1
		for _, src := range srcs {
			from := filepath.Join(repo, src)
			fi, err := os.Stat(from)
			if err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			to := filepath.Join(root, dest)
			switch {
			case fi.IsDir():
				run(t, "", "mkdir", "-p", to)
				run(t, "", "cp", "-R", "--preserve=mode,timestamps", from+"/.", to+"/")
			case intoDir:
				run(t, "", "mkdir", "-p", to)
				run(t, "", "cp", "--preserve=mode,timestamps", from, to+"/")
			default:
				run(t, "", "mkdir", "-p", filepath.Dir(to))
				run(t, "", "cp", "--preserve=mode,timestamps", from, to)
			}
		}
	case "RUN":
		argv := in.Args
		if in.Shell {
			argv = []string{"/bin/sh", "-c", in.Args[0]}
		}
		cmd, err := s.command(root, argv)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if tail, err := runTail(cmd, 4000); err != nil {
			t.Fatalf("%s: %v; the end of its output:\n%s", in, err, tail)
		}
	case "WORKDIR":
		if err := os.MkdirAll(filepath.Join(root, in.Args[0]), 0o755); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
	case "USER":
		if _, _, _, _, err := lookupUser(root, in.Args[0]); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
	}
	if d := time.Since(step); d > 5*time.Second {
		t.Logf("Dockerfile:%d took %.0f s", in.Line, d.Seconds())
	}
}

// offlineChecks runs, with the network cut, the make lab test, the image's
// CMD and every notebook (the longest, last).
func offlineChecks(t *testing.T, root string, p plan, s *state) {
	last := p.instrs[len(p.instrs)-1]
	// make lab's JupyterLab route (this host's Debian 12 takes the classic
	// one): the make lab test, run inside the image.
	t.Run(fmt.Sprintf("Dockerfile:%d-%d/make_lab", p.instrs[0].Line, last.Line), func(t *testing.T) {
		cmd, err := s.command(root, []string{"go", "test", "-count=1", "-tags", "notebooks", "-timeout", "20m", "-v", "-run", "TestMakeLab", "./docker"})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err = cmd.Run()
		t.Logf("the make lab test in the image:\n%s", out.Bytes())
		if err != nil || !strings.Contains(out.String(), "--- PASS: TestMakeLab") {
			t.Fatalf("the make lab test failed in the image: %v", err)
		}
		if !strings.Contains(out.String(), "make lab started jupyter lab") {
			t.Errorf("make lab did not start JupyterLab in the image")
		}
	})
	if s.cmd.Cmd == "" {
		t.Fatal("the Dockerfile has no CMD")
	}
	t.Run(fmt.Sprintf("Dockerfile:%d/CMD", s.cmd.Line), func(t *testing.T) {
		argv := s.cmd.Args
		if s.cmd.Shell {
			argv = []string{"/bin/sh", "-c", argv[0]}
		}
		cmd, err := s.command(root, argv)
		if err != nil {
			t.Fatalf("%s: %v", s.cmd, err)
		}
		logPath := filepath.Join(t.TempDir(), "cmd.log")
		logf, err := os.Create(logPath)
		if err != nil {
			t.Fatal(err)
		}
		defer logf.Close()
		cmd.Stdout, cmd.Stderr = logf, logf
		if err := cmd.Start(); err != nil {
			t.Fatalf("%s: %v", s.cmd, err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		defer func() {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(20 * time.Second):
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			}
			if t.Failed() {
				b, _ := os.ReadFile(logPath)
				t.Logf("%s: the server's log:\n%s", s.cmd, b)
			}
		}()
		base, token := waitForServer(t, logPath, exited, 3*time.Minute)
		t.Logf("%s answers on %s", s.cmd, base)
		j := jupyter{base, token}
		code, page, err := j.do("GET", "/lab", nil, true)
		if err != nil || code != 200 || !bytes.Contains(page, []byte("JupyterLab")) {
			t.Errorf("%s: GET /lab: status %d (%v), JupyterLab's page: %v", s.cmd, code, err, bytes.Contains(page, []byte("JupyterLab")))
		}
		j.refusesWithoutToken(t, "notebooks/00-quickstart.ipynb")
		names := j.list(t, "notebooks")
		want, _ := filepath.Glob(filepath.Join(root, "opt/snn/notebooks/*.ipynb"))
		if len(want) == 0 {
			t.Fatal("no notebook in the image's /opt/snn/notebooks")
		}
		for _, w := range want {
			if !slices.Contains(names, filepath.Base(w)) {
				t.Errorf("%s lists %v in notebooks/, without %s", s.cmd, names, filepath.Base(w))
			}
		}
		// A user's own notebook, saved in the work folder (the README's
		// volume): listed and opened like the studies.
		own := filepath.Join(root, "opt/snn/work/my-study.ipynb")
		if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
			t.Fatal(err)
		}
		run(t, "", "cp", filepath.Join(root, "opt/snn/notebooks/00-quickstart.ipynb"), own)
		uid, gid, _, _, _ := lookupUser(root, s.user)
		if err := os.Chown(own, int(uid), int(gid)); err != nil {
			t.Fatal(err)
		}
		if got := j.list(t, "work"); !slices.Contains(got, "my-study.ipynb") {
			t.Errorf("work/ lists %v, without the user's my-study.ipynb", got)
		}
		if a, b := len(j.codeCells(t, "work/my-study.ipynb")), len(j.codeCells(t, "notebooks/00-quickstart.ipynb")); a != b {
			t.Errorf("work/my-study.ipynb opens with %d code cells, its original %d", a, b)
		}
		res := j.runUntilChart(t, "notebooks/00-quickstart.ipynb", "gonb", 5*time.Minute)
		t.Logf("%s: listed notebooks/ (%d entries, every study), opened the quickstart and work/my-study.ipynb, ran %d of the quickstart's cells through a GoNB kernel; the last drew a chart", s.cmd, len(names), len(res))
	})
	t.Run(fmt.Sprintf("Dockerfile:%d-%d/every_notebook_offline", p.instrs[0].Line, last.Line), func(t *testing.T) {
		cmd, err := s.command(root, []string{"go", "test", "-count=1", "-tags", "notebooks", "-timeout", "90m", "-v", "-run", "TestNotebooks", "./notebooks"})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		tail, err := runTail(cmd, 6000)
		if err != nil {
			t.Fatalf("go test -tags notebooks ./notebooks in the image (as %q in %s) failed: %v; the end of its output:\n%s", s.user, s.workdir, err, tail)
		}
		if !strings.Contains(tail.String(), "--- PASS: TestNotebooks") {
			t.Fatalf("the notebook test did not pass:\n%s", tail)
		}
		t.Logf("every notebook ran and every chart drew in the image's chromium in %.0f s", time.Since(start).Seconds())
	})
}
