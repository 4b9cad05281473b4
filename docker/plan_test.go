package docker

// The plan of make test-image: which instructions it carries out and the
// image configuration they leave. Untagged, so make test checks that the
// Dockerfile is one make test-image can carry out (dockerfile_test.go).

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// suites maps Debian's major version to its suite name.
var suites = map[string]string{"12": "bookworm", "13": "trixie", "14": "forky"}

// plan is what make test-image builds: the last stage of the Dockerfile and
// the Go stage it copies from.
type plan struct {
	instrs  []Instruction // of the last stage, FROM first
	major   string        // Debian's major version of the last FROM
	tag     string        // its full tag, e.g. 13.8
	suite   string
	goStage map[string]string // stage name → the Go version of its golang image
	goFrom  []Instruction     // the FROMs of the Go stages
}

var debianTag = regexp.MustCompile(`^debian:(\d+)(\.\d+)*$`)
var golangTag = regexp.MustCompile(`^golang:(\d+\.\d+\.\d+)-([a-z]+)$`)

// makePlan checks that every instruction is one make test-image can carry
// out here and splits the stages.
func makePlan(instrs []Instruction) (plan, error) {
	var p plan
	p.goStage = map[string]string{}
	last := 0
	for i, in := range instrs {
		if in.Cmd == "FROM" {
			last = i
		}
	}
	for i, in := range instrs[:last] {
		if in.Cmd != "FROM" {
			return p, fmt.Errorf("%s: only the last stage is built; an earlier stage may hold nothing but its FROM", in)
		}
		m := golangTag.FindStringSubmatch(in.Args[0])
		if m == nil || len(in.Args) != 2 {
			return p, fmt.Errorf("%s: an earlier stage must be golang:X.Y.Z-<suite> AS name (its equivalent is the host's Go toolchain)", in)
		}
		p.goStage[in.Args[1]] = m[1]
		p.goFrom = append(p.goFrom, in)
		if i == 0 {
			p.suite = m[2]
		} else if m[2] != p.suite {
			return p, fmt.Errorf("%s: the Go stages are built on different suites", in)
		}
	}
	from := instrs[last]
	m := debianTag.FindStringSubmatch(from.Args[0])
	if m == nil || len(from.Args) != 1 {
		return p, fmt.Errorf("%s: the last stage must be FROM debian:<version>", from)
	}
	p.major, p.tag = m[1], strings.TrimPrefix(from.Args[0], "debian:")
	suite, ok := suites[p.major]
	if !ok {
		return p, fmt.Errorf("%s: Debian %s has no known suite name", from, p.major)
	}
	if p.suite != "" && p.suite != suite {
		return p, fmt.Errorf("%s: the Go stage is built on %s, the image on %s", instrs[0], p.suite, suite)
	}
	p.suite = suite
	p.instrs = instrs[last:]
	for _, in := range p.instrs {
		if in.Cmd == "COPY" && in.From != "" {
			if _, ok := p.goStage[in.From]; !ok {
				return p, fmt.Errorf("%s: no stage named %q", in, in.From)
			}
			if len(in.Args) != 2 || in.Args[0] != "/usr/local/go" {
				return p, fmt.Errorf("%s: from the Go stage only /usr/local/go can be copied", in)
			}
		}
	}
	return p, nil
}

// dockerfilePlan parses docker/Dockerfile with the parser make test-image
// uses and plans its build; the test fails at once if either step fails.
func dockerfilePlan(t *testing.T) plan {
	t.Helper()
	instrs, err := ParseFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	p, err := makePlan(instrs)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// state is the image's configuration as the instructions so far left it.
type state struct {
	env     [][2]string
	user    string
	workdir string
	cmd     Instruction
	extra   []string // environment of the test harness, not of the image (the build's CA bundle)
}

func (s *state) setEnv(k, v string) {
	for i := range s.env {
		if s.env[i][0] == k {
			s.env[i][1] = v
			return
		}
	}
	s.env = append(s.env, [2]string{k, v})
}

func (s *state) getEnv(k string) string {
	for _, kv := range s.env {
		if kv[0] == k {
			return kv[1]
		}
	}
	return ""
}

// apply records what ENV, USER, WORKDIR and CMD set.
func (s *state) apply(in Instruction) {
	switch in.Cmd {
	case "ENV":
		for i := 0; i+1 < len(in.Args); i += 2 {
			s.setEnv(in.Args[i], in.Args[i+1])
		}
	case "USER":
		s.user = in.Args[0]
	case "WORKDIR":
		s.workdir = in.Args[0]
	case "CMD":
		s.cmd = in
	}
}

// command prepares argv to run chrooted into root as the current USER, in
// WORKDIR, with the image's environment. argv[0] without a slash is looked
// up on the image's PATH inside the root.
func (s *state) command(root string, argv []string) (*exec.Cmd, error) {
	uid, gid, groups, home, err := lookupUser(root, s.user)
	if err != nil {
		return nil, err
	}
	env := []string{"HOSTNAME=snn-image", "HOME=" + home}
	if s.getEnv("PATH") == "" {
		env = append(env, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
	}
	for _, kv := range s.env {
		env = append(env, kv[0]+"="+kv[1])
	}
	env = append(env, s.extra...)
	bin := argv[0]
	if !strings.Contains(bin, "/") {
		path := s.getEnv("PATH")
		if path == "" {
			path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		}
		bin = ""
		for _, dir := range filepath.SplitList(path) {
			if fi, err := os.Stat(filepath.Join(root, dir, argv[0])); err == nil && fi.Mode()&0o111 != 0 {
				bin = filepath.Join(dir, argv[0])
				break
			}
		}
		if bin == "" {
			return nil, fmt.Errorf("%s is not on the image's PATH", argv[0])
		}
	}
	cmd := &exec.Cmd{Path: bin, Args: argv, Env: env, Dir: s.workdir}
	if cmd.Dir == "" {
		cmd.Dir = "/"
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root, Setpgid: true,
		Credential: &syscall.Credential{Uid: uid, Gid: gid, Groups: groups}}
	return cmd, nil
}

// lookupUser reads the root's /etc/passwd and /etc/group, as Docker does
// for USER (a name or a number).
func lookupUser(root, user string) (uid, gid uint32, groups []uint32, home string, err error) {
	if user == "" {
		user = "root"
	}
	passwd, err := os.ReadFile(filepath.Join(root, "etc/passwd"))
	if err != nil {
		return 0, 0, nil, "", err
	}
	name := ""
	for _, line := range strings.Split(string(passwd), "\n") {
		f := strings.Split(line, ":")
		if len(f) < 7 || (f[0] != user && f[2] != user) {
			continue
		}
		u, err1 := strconv.ParseUint(f[2], 10, 32)
		g, err2 := strconv.ParseUint(f[3], 10, 32)
		if err1 != nil || err2 != nil {
			return 0, 0, nil, "", fmt.Errorf("a bad passwd line for %s: %q", user, line)
		}
		name, uid, gid, home = f[0], uint32(u), uint32(g), f[5]
		break
	}
	if name == "" {
		return 0, 0, nil, "", fmt.Errorf("user %q is not in the image's /etc/passwd", user)
	}
	group, _ := os.ReadFile(filepath.Join(root, "etc/group"))
	for _, line := range strings.Split(string(group), "\n") {
		f := strings.Split(line, ":")
		if len(f) == 4 && slices.Contains(strings.Split(f[3], ","), name) {
			if g, err := strconv.ParseUint(f[2], 10, 32); err == nil {
				groups = append(groups, uint32(g))
			}
		}
	}
	return uid, gid, groups, home, nil
}
