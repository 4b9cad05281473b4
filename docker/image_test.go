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
	"bufio"
	"bytes"
	"fmt"
	"io"
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

const phaseEnv = "SNN_IMAGE_PHASE" // build or offline: TestImagePhase runs that phase

// hostCA is where the build phase sees the host's CA bundle (SSL_CERT_FILE).
const hostCA = "/tmp/snn-build-host-ca.crt"

// paths of make test-image's files, all under the repository's .cache/image.
type paths struct {
	repo, dir, tarball, root string
}

func imagePaths(t *testing.T, suite string) paths {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(repo, ".cache", "image")
	return paths{repo, dir, filepath.Join(dir, suite+"-minbase.tar"), filepath.Join(dir, "root")}
}

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
	ps := imagePaths(t, p.suite)
	start := time.Now()

	// SNN_IMAGE_RESUME=N (debugging only: not a verification) reuses the
	// root of a failed run and carries out the instructions from line N on.
	var tBoot, tExtract time.Duration
	if os.Getenv("SNN_IMAGE_RESUME") != "" {
		t.Logf("SNN_IMAGE_RESUME=%s: reusing %s, NOT a clean build", os.Getenv("SNN_IMAGE_RESUME"), ps.root)
	} else {
		tBoot, tExtract = cleanRoot(t, p, ps, start)
	}
	// 2. The Dockerfile's instructions, in a private mount namespace.
	phase(t, ps, "build", "--mount")
	os.Remove(filepath.Join(ps.root, hostCA))
	tBuild := time.Since(start)
	size := strings.Fields(string(run(t, "", "du", "-sx", "--block-size=1M", ps.root)))[0]
	t.Logf("the image's root file system: %s MB (du -sx)", size)

	// 3. The checks, with the network cut.
	phase(t, ps, "offline", "--mount", "--net")
	tAll := time.Since(start)
	t.Logf("make test-image: %.0f s in all: clean root %.0f s (debootstrap or its cache %.0f s), build %.0f s, offline checks %.0f s; root %s MB",
		tAll.Seconds(), tExtract.Seconds(), tBoot.Seconds(), (tBuild - tExtract).Seconds(), (tAll - tBuild).Seconds(), size)
}

// cleanRoot extracts a fresh root from the cached debootstrap tarball,
// creating the tarball first if missing.
func cleanRoot(t *testing.T, p plan, ps paths, start time.Time) (tBoot, tExtract time.Duration) {
	// 1. A clean root from the cached debootstrap.
	if _, err := os.Stat(ps.tarball); err != nil {
		t.Logf("%s: debootstrap --variant=minbase %s from %s (cached as %s)", p.instrs[0], p.suite, mirror(), ps.tarball)
		tmp := ps.tarball + ".d"
		removeRoot(t, tmp)
		run(t, "", "debootstrap", "--variant=minbase", p.suite, tmp, mirror())
		run(t, "", "tar", "-C", tmp, "-cf", ps.tarball+".part", ".")
		if err := os.Rename(ps.tarball+".part", ps.tarball); err != nil {
			t.Fatal(err)
		}
		removeRoot(t, tmp)
	}
	tBoot = time.Since(start)
	removeRoot(t, ps.root)
	if err := os.MkdirAll(ps.root, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, "", "tar", "-C", ps.root, "-xf", ps.tarball)
	ver, _ := os.ReadFile(filepath.Join(ps.root, "etc/debian_version"))
	v := strings.TrimSpace(string(ver))
	if !strings.HasPrefix(v, p.major+".") && v != p.major {
		t.Fatalf("%s: the debootstrapped root is Debian %s, want %s", p.instrs[0], v, p.major)
	}
	t.Logf("%s: a clean Debian %s root (the tag says %s) in %s", p.instrs[0], v, p.tag, ps.root)
	return tBoot, time.Since(start)

}

// phase runs TestImagePhase in a child process under unshare with flags.
func phase(t *testing.T, ps paths, name string, flags ...string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := append(flags, "--propagation", "private", "--", self, "-test.run=^TestImagePhase$", "-test.v", "-test.timeout=0")
	cmd := exec.Command("unshare", args...)
	cmd.Env = append(os.Environ(), phaseEnv+"="+name, "SNN_IMAGE_ROOT="+ps.root)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the %s phase failed (%v); its log is above", name, err)
	}
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
		tail := &tailBuffer{max: 4000}
		cmd.Stdout = io.MultiWriter(os.Stdout, tail)
		cmd.Stderr = cmd.Stdout
		if err := cmd.Run(); err != nil {
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
		tail := &tailBuffer{max: 6000}
		cmd.Stdout = io.MultiWriter(os.Stdout, tail)
		cmd.Stderr = cmd.Stdout
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("go test -tags notebooks ./notebooks in the image (as %q in %s) failed: %v; the end of its output:\n%s", s.user, s.workdir, err, tail)
		}
		if !strings.Contains(tail.String(), "--- PASS: TestNotebooks") {
			t.Fatalf("the notebook test did not pass:\n%s", tail)
		}
		t.Logf("every notebook ran and every chart drew in the image's chromium in %.0f s", time.Since(start).Seconds())
	})
}

// mountRuntime gives the root what a container runtime gives it: /proc,
// /sys (read-only), a minimal /dev, /etc/hosts with localhost, and (for the
// build) the host's DNS. The mounts live in the phase's private mount
// namespace and vanish with it.
func mountRuntime(t *testing.T, root string, dns bool) {
	t.Helper()
	must := func(err error, what string) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	mnt := func(src, dir, fstype string, flags uintptr, data string) {
		must(os.MkdirAll(filepath.Join(root, dir), 0o755), "mkdir "+dir)
		must(syscall.Mount(src, filepath.Join(root, dir), fstype, flags, data), "mount "+dir)
	}
	// Private from here on, whatever unshare's default.
	must(syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""), "make / private")
	mnt("proc", "proc", "proc", syscall.MS_NOSUID|syscall.MS_NODEV|syscall.MS_NOEXEC, "")
	mnt("sysfs", "sys", "sysfs", syscall.MS_RDONLY|syscall.MS_NOSUID|syscall.MS_NODEV|syscall.MS_NOEXEC, "")
	mnt("tmpfs", "dev", "tmpfs", syscall.MS_NOSUID, "mode=755,size=65536k")
	for _, d := range []struct {
		name         string
		major, minor uint32
	}{{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}} {
		p := filepath.Join(root, "dev", d.name)
		must(syscall.Mknod(p, syscall.S_IFCHR|0o666, int(d.major<<8|d.minor)), "mknod "+p)
		must(os.Chmod(p, 0o666), "chmod "+p)
	}
	mnt("devpts", "dev/pts", "devpts", syscall.MS_NOSUID|syscall.MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620")
	mnt("shm", "dev/shm", "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, "mode=1777,size=1g")
	for name, target := range map[string]string{"ptmx": "pts/ptmx", "fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"} {
		must(os.Symlink(target, filepath.Join(root, "dev", name)), "symlink /dev/"+name)
	}
	hosts := filepath.Join(root, "etc/hosts")
	if b, _ := os.ReadFile(hosts); !regexp.MustCompile(`(?m)^127\.0\.0\.1\s.*\blocalhost\b`).Match(b) {
		must(os.WriteFile(hosts, append(b, []byte("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")...), 0o644), "write /etc/hosts")
	}
	if dns {
		// The host's CA bundle, read-only, for the build's HTTPS (Go's
		// module downloads): where the network passes through a proxy with
		// its own CA, docker build needs that CA too. It is not part of the
		// image: the mount vanishes with the phase, and TestImage removes
		// the empty mount point.
		if _, err := os.Stat("/etc/ssl/certs/ca-certificates.crt"); err == nil {
			p := filepath.Join(root, hostCA)
			must(os.WriteFile(p, nil, 0o644), "create "+hostCA)
			must(syscall.Mount("/etc/ssl/certs/ca-certificates.crt", p, "", syscall.MS_BIND, ""), "bind "+hostCA)
			must(syscall.Mount("", p, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""), "read-only "+hostCA)
		}
		b, err := os.ReadFile("/etc/resolv.conf")
		must(err, "read the host's /etc/resolv.conf")
		os.Remove(filepath.Join(root, "etc/resolv.conf"))
		must(os.WriteFile(filepath.Join(root, "etc/resolv.conf"), b, 0o644), "write /etc/resolv.conf")
	}
}

// removeRoot deletes a root folder, refusing while anything is mounted in it.
func removeRoot(t *testing.T, dir string) {
	t.Helper()
	info, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(info), "\n") {
		if f := strings.Fields(line); len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			t.Fatalf("%s is mounted; not deleting %s", f[4], dir)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
}

// mirror is the Debian mirror: $SNN_DEBIAN_MIRROR, else the host's apt
// source for Debian, else deb.debian.org.
func mirror() string {
	if m := os.Getenv("SNN_DEBIAN_MIRROR"); m != "" {
		return m
	}
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*.sources")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if u, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "URIs:"); ok {
				if u = strings.TrimSpace(u); strings.HasSuffix(u, "/debian") {
					return u
				}
			}
		}
	}
	return "http://deb.debian.org/debian"
}

// run runs a host command and returns its output; it fails the test with
// the output when the command fails.
func run(t *testing.T, dir string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	b   []byte
}

func (w *tailBuffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	if len(w.b) > w.max {
		w.b = w.b[len(w.b)-w.max:]
	}
	return len(p), nil
}

func (w *tailBuffer) String() string { return string(w.b) }
