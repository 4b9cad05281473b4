package docker

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `# a comment
FROM golang:1.26.8-trixie AS go

from debian:13.8
ENV A=1 \
    # a comment inside a continuation is dropped
    B="two words" C=/x:/y
COPY --from=go /usr/local/go /usr/local/go
RUN apt-get update \
    && apt-get install -y make
COPY a b /dest/
USER snn
WORKDIR /opt/snn
RUN ["go", "build", "./..."]
EXPOSE 8888
CMD jupyter lab --port=8888
`
	got, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Instruction{
		{Line: 2, Cmd: "FROM", Args: []string{"golang:1.26.8-trixie", "go"}},
		{Line: 4, Cmd: "FROM", Args: []string{"debian:13.8"}},
		{Line: 5, Cmd: "ENV", Args: []string{"A", "1", "B", "two words", "C", "/x:/y"}},
		{Line: 8, Cmd: "COPY", Args: []string{"/usr/local/go", "/usr/local/go"}, From: "go"},
		{Line: 9, Cmd: "RUN", Args: []string{"apt-get update && apt-get install -y make"}, Shell: true},
		{Line: 11, Cmd: "COPY", Args: []string{"a", "b", "/dest/"}},
		{Line: 12, Cmd: "USER", Args: []string{"snn"}},
		{Line: 13, Cmd: "WORKDIR", Args: []string{"/opt/snn"}},
		{Line: 14, Cmd: "RUN", Args: []string{"go", "build", "./..."}},
		{Line: 15, Cmd: "EXPOSE", Args: []string{"8888"}},
		{Line: 16, Cmd: "CMD", Args: []string{"jupyter lab --port=8888"}, Shell: true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d instructions, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g := got[i]
		g.Text = ""
		if !reflect.DeepEqual(g, want[i]) {
			t.Errorf("instruction %d: %+v, want %+v", i, g, want[i])
		}
	}
	if s := got[4].String(); s != "Dockerfile:9: RUN apt-get update && apt-get install -y make" {
		t.Errorf("String() = %q", s)
	}
}

// TestParseRefuses checks that what make test-image cannot carry out is an
// error naming the line, not a silently skipped step.
func TestParseRefuses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"RUN true", "Dockerfile: the first instruction must be FROM"},
		{"FROM debian:13.8\nADD x /y", "Dockerfile:2: ADD: not an instruction"},
		{"FROM debian:13.8\nARG V=1", "Dockerfile:2: ARG: not an instruction"},
		{"FROM debian:13.8\n\nENV P=$PATH:/x", "Dockerfile:3: ENV: the value of P uses a variable"},
		{"FROM debian:13.8\nENV P /x", "Dockerfile:2: ENV: want key=value pairs"},
		{"FROM debian:13.8\nENV P=\"/x", "Dockerfile:2: ENV: unterminated quote"},
		{"FROM debian:13.8\nCOPY --chown=snn a /b", "Dockerfile:2: COPY: flag --chown=snn is not supported"},
		{"FROM debian:13.8\nCOPY *.go /b/", "Dockerfile:2: COPY: wildcards"},
		{"FROM debian:13.8\nCOPY a", "Dockerfile:2: COPY: want sources and a destination"},
		{"FROM debian:13.8\nRUN --mount=type=cache,target=/x true", "Dockerfile:2: RUN: flags are not supported"},
		{"FROM debian:13.8\nRUN [\"a\", 1]", "Dockerfile:2: RUN: exec form must be"},
		{"FROM debian:13.8\nRUN <<EOF\ntrue\nEOF", "Dockerfile:2: RUN: heredocs"},
		{"FROM debian:13.8\nWORKDIR opt", "Dockerfile:2: WORKDIR: want an absolute path"},
		{"FROM debian:13.8\nUSER $U", "Dockerfile:2: USER: want one literal value"},
		{"FROM --platform=x debian:13.8", "Dockerfile:1: FROM: flag --platform=x"},
		{"FROM debian:13.8\nRUN true \\", "Dockerfile:2: the file ends inside a continued instruction"},
		{"FROM debian:13.8\nCMD", "Dockerfile:2: CMD: no arguments"},
	} {
		_, err := Parse(strings.NewReader(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q): error %v, want one starting %q", c.src, err, c.want)
		}
	}
}

// TestMakePlanRefuses checks the stages make test-image cannot build.
func TestMakePlanRefuses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"FROM golang:1.26.8-trixie AS go\nRUN true\nFROM debian:13.8", "Dockerfile:2: RUN true: only the last stage is built"},
		{"FROM alpine:3 AS a\nFROM debian:13.8", "Dockerfile:1: FROM alpine:3 AS a: an earlier stage must be golang"},
		{"FROM golang:1.26.8-bookworm AS go\nFROM debian:13.8", "Dockerfile:1: FROM golang:1.26.8-bookworm AS go: the Go stage is built on bookworm, the image on trixie"},
		{"FROM ubuntu:24.04", "Dockerfile:1: FROM ubuntu:24.04: the last stage must be FROM debian"},
		{"FROM debian:11.2", "Dockerfile:1: FROM debian:11.2: Debian 11 has no known suite name"},
		{"FROM debian:13.8\nCOPY --from=go /usr/local/go /usr/local/go", "Dockerfile:2: COPY --from=go /usr/local/go /usr/local/go: no stage named \"go\""},
		{"FROM golang:1.26.8-trixie AS go\nFROM debian:13.8\nCOPY --from=go /etc /etc", "Dockerfile:3: COPY --from=go /etc /etc: from the Go stage only /usr/local/go"},
	} {
		instrs, err := Parse(strings.NewReader(c.src))
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.src, err)
		}
		_, err = makePlan(instrs)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("makePlan(%q): error %v, want one starting %q", c.src, err, c.want)
		}
	}
}

// TestStateCommand checks what a RUN or CMD gets: the user's ids, groups
// and home from the root's passwd and group files, the image's ENV, the
// WORKDIR, and argv[0] looked up on the image's PATH inside the root.
func TestStateCommand(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{
		"etc/passwd":      "root:x:0:0:root:/root:/bin/bash\nsnn:x:1000:1000::/home/snn:/bin/sh\n",
		"etc/group":       "root:x:0:\nsudo:x:27:snn,other\nsnn:x:1000:\n",
		"opt/bin/jupyter": "#!/bin/sh\n",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var s state
	for _, in := range []Instruction{
		{Cmd: "ENV", Args: []string{"PATH", "/usr/bin:/opt/bin", "A", "1"}},
		{Cmd: "ENV", Args: []string{"A", "2"}},
		{Cmd: "USER", Args: []string{"snn"}},
		{Cmd: "WORKDIR", Args: []string{"/opt"}},
	} {
		s.apply(in)
	}
	cmd, err := s.command(root, []string{"jupyter", "lab"})
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Path != "/opt/bin/jupyter" || cmd.Dir != "/opt" || cmd.SysProcAttr.Chroot != root {
		t.Errorf("path %q, dir %q, chroot %q", cmd.Path, cmd.Dir, cmd.SysProcAttr.Chroot)
	}
	cr := cmd.SysProcAttr.Credential
	if cr.Uid != 1000 || cr.Gid != 1000 || !reflect.DeepEqual(cr.Groups, []uint32{27}) {
		t.Errorf("credential %+v, want uid 1000, gid 1000, groups [27]", *cr)
	}
	wantEnv := []string{"HOSTNAME=snn-image", "HOME=/home/snn", "PATH=/usr/bin:/opt/bin", "A=2"}
	if !reflect.DeepEqual(cmd.Env, wantEnv) {
		t.Errorf("env %q, want %q", cmd.Env, wantEnv)
	}
	if _, err := s.command(root, []string{"missing"}); err == nil || !strings.Contains(err.Error(), "missing is not on the image's PATH") {
		t.Errorf("a command not on PATH: %v", err)
	}
	s.apply(Instruction{Cmd: "USER", Args: []string{"nobody"}})
	if _, err := s.command(root, []string{"/bin/sh"}); err == nil || !strings.Contains(err.Error(), `user "nobody" is not in the image's /etc/passwd`) {
		t.Errorf("an unknown user: %v", err)
	}
}
