//go:build fresh

package docker

// make test-fresh runs the README's two commands on a clean Debian 12
// machine, as a new user would, so that every install step they need is
// in the scripts and none is left over on this one. As root:
//
//  1. A clean Debian 12 root: debootstrap --variant=minbase bookworm from
//     the host's Debian mirror, cached as a tarball in .cache/image/ like
//     make test-image's (chroot_test.go); every run extracts a fresh copy
//     into .cache/image/fresh. Its apt sources are a fresh install's
//     (bookworm, bookworm-updates, bookworm-security).
//  2. What the README assumes and nothing else: Go at /usr/local/go (the
//     host's, which must be Go 1.26.x), git, make and sudo (apt-get, as the
//     user had to, to clone and to type make), a user snn with sudo (no
//     password, as a terminal would ask), and a git clone of this
//     repository's committed HEAD in /home/snn/snn.
//  3. As snn, in the clone, with the network a new user has (apt from the
//     mirror, the Go module proxy), HOME /home/snn, PATH with
//     /usr/local/go/bin: make studies, then make test (which runs the CPU
//     matrix inside the root: qemu's user mode needs no more than the
//     chroot). It passes only when both pass; both run whatever the other
//     gave.
//
// The phase runs in a private mount namespace (unshare --mount), so
// nothing stays mounted on the host; the root stays in .cache/image/fresh
// for inspection.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// freshUser is the new user of make test-fresh, and freshClone the clone
// in its home.
const (
	freshUser  = "snn"
	freshClone = "/home/snn/snn"
)

// TestFresh is make test-fresh; see the comment at the top of this file.
func TestFresh(t *testing.T) {
	if os.Getuid() != 0 {
		t.Fatal("make test-fresh needs root (debootstrap, chroot, mount namespaces)")
	}
	for _, tool := range []string{"debootstrap", "unshare", "tar", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("make test-fresh needs %s: %v", tool, err)
		}
	}
	host, _ := os.ReadFile("/usr/local/go/VERSION")
	if !strings.HasPrefix(string(host), "go1.26.") {
		t.Fatalf("/usr/local/go is %.20q; the fresh machine gets the host's Go, which must be Go 1.26.x", host)
	}
	ps := rootPaths(t, "bookworm", "fresh")
	start := time.Now()
	tBoot, tExtract := cleanRoot(t, "make test-fresh", "bookworm", "12", ps, start)

	// The committed HEAD, cloned as the user would; uncommitted changes
	// of this work tree are not in it.
	head := strings.TrimSpace(string(run(t, ps.repo, "git", "rev-parse", "HEAD")))
	if st := run(t, ps.repo, "git", "status", "--porcelain", "--untracked-files=no"); len(st) > 0 {
		t.Logf("the work tree has uncommitted changes; make test-fresh tests the committed HEAD %.12s:\n%s", head, st)
	}
	clone := filepath.Join(ps.root, freshClone)
	run(t, "", "git", "clone", "-q", "--no-hardlinks", ps.repo, clone)
	run(t, clone, "git", "checkout", "-q", head)
	run(t, "", "cp", "-a", "/usr/local/go", filepath.Join(ps.root, "usr/local/go"))
	m := mirror()
	sources := fmt.Sprintf("Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\n"+
		"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"+
		"Types: deb\nURIs: %s-security\nSuites: bookworm-security\nComponents: main\n"+
		"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n", m, m)
	if err := os.WriteFile(filepath.Join(ps.root, "etc/apt/sources.list.d/debian.sources"), []byte(sources), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(ps.root, "etc/apt/sources.list"))
	t.Logf("the root: Go %s, a clone of %.12s in %s, apt from %s", strings.TrimSpace(strings.SplitN(string(host), "\n", 2)[0]), head, freshClone, m)

	phase(t, ps, "TestFreshPhase", "fresh", "--mount")
	os.Remove(filepath.Join(ps.root, hostCA))
	t.Logf("make test-fresh: %.0f s in all (clean root %.0f s, of which debootstrap or its cache %.0f s)",
		time.Since(start).Seconds(), tExtract.Seconds(), tBoot.Seconds())
}

// TestFreshPhase is TestFresh's phase in its own mount namespace: the
// user's prerequisites, then the README's two commands.
func TestFreshPhase(t *testing.T) {
	if os.Getenv(phaseEnv) != "fresh" {
		t.Skip("the phase of TestFresh")
	}
	root := os.Getenv("SNN_IMAGE_ROOT")
	mountRuntime(t, root, true)
	// The machine's name resolves, as the installer sets it up (sudo
	// looks it up).
	if name, err := os.Hostname(); err == nil {
		hosts := filepath.Join(root, "etc/hosts")
		b, _ := os.ReadFile(hosts)
		if err := os.WriteFile(hosts, append(b, []byte("127.0.1.1\t"+name+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asRoot := state{env: [][2]string{{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, {"DEBIAN_FRONTEND", "noninteractive"}}}
	step := func(s state, what string, argv ...string) (time.Duration, error) {
		t.Logf("%s$ %s", what, strings.Join(argv, " "))
		cmd, err := s.command(root, argv)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		t0 := time.Now()
		tail, err := runTail(cmd, 8000)
		d := time.Since(t0)
		if err != nil {
			t.Errorf("%s: %s failed after %.0f s (%v); the end of its output:\n%s", what, strings.Join(argv, " "), d.Seconds(), err, tail)
		}
		return d, err
	}
	must := func(_ time.Duration, err error) {
		if err != nil {
			t.FailNow()
		}
	}
	// The user's prerequisites, as root: what the README's clone and make
	// need, and a user who may use sudo.
	must(step(asRoot, "root", "apt-get", "update", "-qq"))
	must(step(asRoot, "root", "apt-get", "install", "-y", "-qq", "--no-install-recommends", "git", "make", "sudo"))
	must(step(asRoot, "root", "useradd", "--create-home", "--shell", "/bin/bash", freshUser))
	// The clone made the home folder before useradd: give it to the user.
	must(step(asRoot, "root", "chown", "-R", freshUser+":"+freshUser, filepath.Dir(freshClone)))
	if err := os.WriteFile(filepath.Join(root, "etc/sudoers.d", freshUser), []byte(freshUser+" ALL=(ALL) NOPASSWD: ALL\n"), 0o440); err != nil {
		t.Fatal(err)
	}
	// As the user, in the clone, the README's two commands. Where the
	// network passes through a proxy that re-signs HTTPS with its own CA
	// (this machine's, for proxy.golang.org), Go must trust that CA: the
	// host's bundle, mounted read-only by mountRuntime. A user's machine
	// on the open network needs no such thing.
	user := state{user: freshUser, workdir: freshClone,
		env:   [][2]string{{"PATH", "/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		extra: []string{"SSL_CERT_FILE=" + hostCA}}
	dStudies, errStudies := step(user, freshUser, "make", "studies")
	dTest, errTest := step(user, freshUser, "make", "test")
	t.Logf("make studies: %.0f s, %s; make test: %.0f s, %s", dStudies.Seconds(), verdict(errStudies), dTest.Seconds(), verdict(errTest))
}

// verdict is "passed", or how a command failed.
func verdict(err error) string {
	if err != nil {
		return "FAILED (" + err.Error() + ")"
	}
	return "passed"
}
