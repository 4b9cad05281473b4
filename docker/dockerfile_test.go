package docker

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDockerfileCopiesExistingPaths(t *testing.T) {
	df := read(t, "Dockerfile")
	copyLine := regexp.MustCompile(`(?m)^COPY (?:--from=\S+ .*|(.+) \S+)$`)
	n := 0
	for _, m := range copyLine.FindAllStringSubmatch(df, -1) {
		if m[1] == "" {
			continue // from another stage
		}
		for _, src := range strings.Fields(m[1]) {
			n++
			if _, err := os.Stat(filepath.Join("..", src)); err != nil {
				t.Errorf("COPY source %q does not exist in the repository", src)
			}
		}
	}
	if n < 5 {
		t.Errorf("found %d COPY sources, want the repository's folders", n)
	}
}

func TestDockerfileRunsTheSharedSetup(t *testing.T) {
	df := read(t, "Dockerfile")
	if !strings.Contains(df, "RUN bash /opt/snn/scripts/setup.sh") {
		t.Error("the image must run scripts/setup.sh, the native route's set-up")
	}
	mk := read(t, "../Makefile")
	if !strings.Contains(mk, "bash scripts/setup.sh") {
		t.Error("the Makefile must run scripts/setup.sh too")
	}
	if !strings.Contains(df, "go build ./...") || !strings.Contains(df, "ENV GOPROXY=off") {
		t.Error("the image must compile the package at build time (warm caches) and then turn the module proxy off")
	}
}

// TestDockerfileIsOneMakeTestImageCarriesOut parses the Dockerfile with the
// parser make test-image uses and plans its build: every instruction must
// be one it can carry out, so the two cannot drift apart. It also checks
// the configuration the instructions leave.
func TestDockerfileIsOneMakeTestImageCarriesOut(t *testing.T) {
	p := dockerfilePlan(t)
	if p.major != "13" || p.suite != "trixie" {
		t.Errorf("the image is Debian %s (%s), want 13 (trixie): Debian 12 has no JupyterLab", p.major, p.suite)
	}
	if len(p.goFrom) != 1 || p.goStage["go"] == "" {
		t.Errorf("want one Go stage named go, have %v", p.goStage)
	}
	var s state
	runs := 0
	for _, in := range p.instrs[1:] {
		s.apply(in)
		if in.Cmd == "RUN" {
			runs++
		}
	}
	if runs != 3 {
		t.Errorf("%d RUN instructions, want 3 (packages and user, set-up, warm-up)", runs)
	}
	if s.user != "snn" || s.workdir != "/opt/snn" {
		t.Errorf("the image runs as %q in %q, want snn in /opt/snn", s.user, s.workdir)
	}
	for k, v := range map[string]string{"GOPROXY": "off", "JUPYTER_PATH": "/opt/snn/.cache/jupyter", "SNN_HOME": "/opt/snn/.cache", "GOEXPERIMENT": "simd"} {
		if got := s.getEnv(k); got != v {
			t.Errorf("ENV %s=%q, want %q", k, got, v)
		}
	}
	want := []string{"jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--notebook-dir=/opt/snn"}
	if s.cmd.Shell || strings.Join(s.cmd.Args, " ") != strings.Join(want, " ") {
		t.Errorf("CMD is %q, want the exec form %q", s.cmd.Args, want)
	}
}

func TestBaseImagesPinned(t *testing.T) {
	for _, m := range regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(read(t, "Dockerfile"), -1) {
		img := m[1]
		tag := ""
		if i := strings.LastIndex(img, ":"); i >= 0 {
			tag = img[i+1:]
		}
		if tag == "" || tag == "latest" || !regexp.MustCompile(`\d`).MatchString(tag) {
			t.Errorf("base image %q is not pinned to a versioned tag", img)
		}
	}
}

func TestPortUserAndCommandMatchREADME(t *testing.T) {
	df, readme := read(t, "Dockerfile"), read(t, "../README.md")
	if !strings.Contains(df, "EXPOSE 8888") || !strings.Contains(df, `"--port=8888"`) {
		t.Error("the image must expose and serve port 8888")
	}
	if !strings.Contains(readme, "-p 127.0.0.1:8888:8888") {
		t.Error("the README must show the run command bound to localhost")
	}
	if !strings.Contains(readme, "docker build -f docker/Dockerfile -t snn .") {
		t.Error("the README must show the build command")
	}
	if !strings.Contains(df, "USER snn") {
		t.Error("the image must run as its non-root user")
	}
	if strings.Contains(df, "token=") || strings.Contains(df, "password") {
		t.Error("token authentication must stay on")
	}
}

// TestDockerfileCopiesEveryImportedPackage: the image runs `go build ./...`
// on what it copies, so every folder of this module that a copied Go file
// imports must be copied too (internal/ was once missing: the build failed
// at the RUN that builds).
func TestDockerfileCopiesEveryImportedPackage(t *testing.T) {
	ins, err := ParseFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	copied := map[string]bool{}
	for _, in := range ins {
		if in.Cmd == "COPY" && in.From == "" {
			for _, src := range in.Args[:len(in.Args)-1] {
				copied[strings.TrimSuffix(src, "/")] = true
			}
		}
	}
	imp := regexp.MustCompile(`"github\.com/snn-sim/snn/([^/"]+)`)
	for dir := range copied {
		filepath.Walk(filepath.Join("..", dir), func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			for _, m := range imp.FindAllStringSubmatch(read(t, path), -1) {
				if !copied[m[1]] {
					t.Errorf("%s imports github.com/snn-sim/snn/%s, but the Dockerfile does not COPY %s", path, m[1], m[1])
				}
			}
			return nil
		})
	}
}
