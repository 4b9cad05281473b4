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
	if !strings.Contains(df, "make studies") {
		t.Error("the image must execute the notebooks at build time (warm caches)")
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
	if !strings.Contains(df, "EXPOSE 8888") || !strings.Contains(df, "--port=8888") {
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
	if strings.Contains(df, "NotebookApp.token=''") || strings.Contains(df, "--NotebookApp.token=") {
		t.Error("token authentication must stay on")
	}
}
