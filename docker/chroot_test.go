//go:build image || fresh

package docker

// What make test-image and make test-fresh share: a clean Debian root from
// a cached debootstrap, the phases that run in their own namespaces, and
// the runtime a container would give a root (/proc, /sys, /dev, DNS, the
// host's CA bundle).

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

const phaseEnv = "SNN_IMAGE_PHASE" // which phase the child process runs (build, offline, fresh)

// hostCA is where a phase that has the network sees the host's CA bundle
// (SSL_CERT_FILE).
const hostCA = "/tmp/snn-build-host-ca.crt"

// paths of the files of make test-image and make test-fresh, all under
// the repository's .cache/image: the cached debootstrap of a suite and the
// root built from it.
type paths struct {
	repo, dir, tarball, root string
}

// rootPaths are the paths of the root named name, bootstrapped from suite.
func rootPaths(t *testing.T, suite, name string) paths {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(repo, ".cache", "image")
	return paths{repo, dir, filepath.Join(dir, suite+"-minbase.tar"), filepath.Join(dir, name)}
}

// cleanRoot extracts a fresh root of Debian major (its suite's name) from
// the cached debootstrap tarball, creating the tarball first if missing;
// label names what wants it in the log and in errors.
func cleanRoot(t *testing.T, label, suite, major string, ps paths, start time.Time) (tBoot, tExtract time.Duration) {
	// 1. A clean root from the cached debootstrap.
	if _, err := os.Stat(ps.tarball); err != nil {
		t.Logf("%s: debootstrap --variant=minbase %s from %s (cached as %s)", label, suite, mirror(), ps.tarball)
		tmp := ps.tarball + ".d"
		removeRoot(t, tmp)
		run(t, "", "debootstrap", "--variant=minbase", suite, tmp, mirror())
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
	if !strings.HasPrefix(v, major+".") && v != major {
		t.Fatalf("%s: the debootstrapped root is Debian %s, want %s", label, v, major)
	}
	t.Logf("%s: a clean Debian %s root in %s", label, v, ps.root)
	return tBoot, time.Since(start)
}

// phase runs the test named test (TestImagePhase, TestFreshPhase) in a
// child process under unshare with flags, with SNN_IMAGE_PHASE=name and
// SNN_IMAGE_ROOT the root.
func phase(t *testing.T, ps paths, test, name string, flags ...string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := append(flags, "--propagation", "private", "--", self, "-test.run=^"+test+"$", "-test.v", "-test.timeout=0")
	cmd := exec.Command("unshare", args...)
	cmd.Env = append(os.Environ(), phaseEnv+"="+name, "SNN_IMAGE_ROOT="+ps.root)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the %s phase failed (%v); its log is above", name, err)
	}
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

// runTail runs cmd with its output (stdout and stderr) on this process's
// stdout, and returns the last max bytes of it with Run's error.
func runTail(cmd *exec.Cmd, max int) (*tailBuffer, error) {
	tail := &tailBuffer{max: max}
	cmd.Stdout = io.MultiWriter(os.Stdout, tail)
	cmd.Stderr = cmd.Stdout
	return tail, cmd.Run()
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
