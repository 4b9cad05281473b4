package snn

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestLanes asserts which kernels this process runs when the CPU matrix of
// make test says which it expects (SNN_WANT_LANES: 8 for AVX-512, 4 for
// AVX2, 0 for the portable kernels), so that a silent fallback to the
// portable kernels fails; without it, it checks SIMD's promise.
func TestLanes(t *testing.T) {
	if SIMD() != (vectorLanes > 0) {
		t.Errorf("SIMD() = %v with %d lanes", SIMD(), vectorLanes)
	}
	want, ok := os.LookupEnv("SNN_WANT_LANES")
	if !ok {
		t.Skip("SNN_WANT_LANES not set: nothing to compare with")
	}
	if w, err := strconv.Atoi(want); err != nil || w != vectorLanes {
		t.Fatalf("the kernels run %d lanes, want %s", vectorLanes, want)
	}
}

// fusedOps matches the fused multiply-add instructions of arm64 and of
// amd64 (GOAMD64=v3) in the compiler's assembly listing.
var fusedOps = regexp.MustCompile(`\b(F(N)?M(ADD|SUB)D|VFN?M(ADD|SUB)[0-9]+SD)\b`)

// TestArithmeticIsPinned compiles this package for arm64 and for amd64
// with FMA (GOAMD64=v3), where Go may fuse x*y + z into one instruction
// that rounds once, and requires that no function of the package has a
// fused multiply-add: every product that meets a sum is converted
// explicitly (float64(x*y) + z), so the scalar kernels round as the SIMD
// ones do and every kernel gives the same bits on every architecture
// (doc.go). The package is the engine alone: analysis and theory, whose
// arithmetic decides no simulated value, live in their own packages.
func TestArithmeticIsPinned(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package twice")
	}
	for _, env := range [][]string{{"GOARCH=arm64"}, {"GOARCH=amd64", "GOAMD64=v3", "GOEXPERIMENT=simd"}} {
		cmd := exec.Command("go", "build", "-gcflags=-S", "-o", os.DevNull, ".")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v go build -gcflags=-S: %v\n%s", env, err, out)
		}
		fn, bad := "", map[string]bool{}
		for _, line := range strings.Split(string(out), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[1] == "STEXT" {
				fn = f[0][strings.LastIndex(f[0], "/")+1:] // snn.F, snn.F.func1
			}
			if fusedOps.MatchString(line) {
				bad[fn] = true
			}
		}
		for f := range bad {
			t.Errorf("%v: %s has a fused multiply-add", env, f)
		}
	}
}

// TestNoSIMDBeforeCPUCheck reads the SIMD files' source: no package-level
// variable may be initialized by a call, except vectorLanes by
// chooseLanes, and only chooseLanes may fill the kernels' constants.
// Package-level initializers run at start-up on every CPU, before any
// check, so a broadcast there killed every program with SIGILL on a CPU
// without AVX-512 (the CPU matrix of make test runs the kernels under
// qemu; this test says why they would die).
func TestNoSIMDBeforeCPUCheck(t *testing.T) {
	files, err := filepath.Glob("kernel_simd*.go")
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
	if err != nil || len(files) < 3 {
		t.Fatalf("kernel_simd*.go: %v, %v", files, err)
	}
	fset := token.NewFileSet()
	fills := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, s := range d.Specs {
					vs := s.(*ast.ValueSpec)
					for i, v := range vs.Values {
						call, ok := v.(*ast.CallExpr)
						if !ok {
							if hasCall(v) {
								t.Errorf("%s: package-level %s is initialized by a call", fset.Position(v.Pos()), vs.Names[i])
							}
							continue
						}
						if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "chooseLanes" || vs.Names[i].Name != "vectorLanes" {
							t.Errorf("%s: package-level %s is initialized by a call", fset.Position(v.Pos()), vs.Names[i])
						}
					}
				}
			case *ast.FuncDecl:
				ast.Inspect(d.Body, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "fill" {
						fills++
						if d.Name.Name != "chooseLanes" {
							t.Errorf("%s: %s fills SIMD constants; only chooseLanes may", fset.Position(sel.Pos()), d.Name.Name)
						}
					}
					return true
				})
			}
		}
	}
	if fills != 3 { // k8 and k4 on AVX-512, k4 on AVX2
		t.Errorf("chooseLanes fills constants %d times, want 3", fills)
	}
}

func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		_, ok := n.(*ast.CallExpr)
		found = found || ok
		return !found
	})
	return found
}
