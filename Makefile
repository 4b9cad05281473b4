# The two commands: `make studies` and `make test`. See README.md.
SHELL := /bin/bash
GO ?= go
# The engine's SIMD kernels (snn/kernel_simd.go) need Go 1.26's simd
# experiment; without it the portable kernels run (same results, slower).
export GOEXPERIMENT ?= $(shell $(GO) env GOVERSION | grep -q '^go1\.26' && echo simd)

.PHONY: setup studies test test-go test-notebooks lab test-image bench bench-go pynn-brian2 clean

setup:
	bash scripts/setup.sh

# Every notebook executed headless; executed notebooks and HTML reports in out/.
studies:
	bash scripts/studies.sh out

# go vet, the package tests, the charts in chromium, then the notebook and
# browser tests.
test: setup test-go test-notebooks

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags browser -run InBrowser ./snn/chart ./internal/browser
	GOEXPERIMENT= $(GO) vet ./snn/...
	# The portable kernels; the PyNN round trips (NEURON under MPI) ran above.
	GOEXPERIMENT= $(GO) test -count=1 -skip 'TestPyNN|TestNeo|TestSetupPyNN' ./snn/...

test-notebooks: setup
	$(GO) test -count=1 -tags notebooks -timeout 60m -v ./notebooks ./docker

# A live Jupyter server on 127.0.0.1:$(LAB_PORT), token authentication on:
# JupyterLab where installed, else the classic Notebook server; as root too
# (with a warning). See scripts/lab.sh.
LAB_PORT ?= 8888
lab: setup
	LAB_PORT=$(LAB_PORT) bash scripts/lab.sh

# The Docker image's root file system built without Docker from the
# Dockerfile's own instructions (debootstrap, chroot), then checked with the
# network cut: every notebook, every chart, JupyterLab's API. Needs root and
# takes many minutes; not part of make test. See docker/image_test.go.
test-image:
	$(GO) test -count=1 -tags image -timeout 150m -v -run 'TestImage$$' ./docker

# snn against Brian2 on the same networks: out/bench/results.json and a
# Markdown table (Brian2 from Debian's python3-brian; cpp_standalone needs g++).
bench:
	command -v g++ >/dev/null && dpkg-query -W python3-brian >/dev/null 2>&1 || \
		{ sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; $$sudo apt-get update -qq && $$sudo apt-get install -y -qq python3-brian g++; }
	/usr/bin/python3 bench/bench.py

# A delta E/I network exported with pynn.Export, run on pyNN.brian2 and
# compared with snn (snn/pynn/brian2_test.go). Not in make test: Brian2's
# import and code generation take minutes.
pynn-brian2:
	dpkg-query -W python3-brian >/dev/null 2>&1 || \
		{ sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; $$sudo apt-get update -qq && $$sudo apt-get install -y -qq python3-brian; }
	bash scripts/setup-pynn.sh
	$(GO) test -count=1 -tags pynnbrian2 -timeout 30m -v -run TestPyNNBrian2Delta ./snn/pynn

# The Go micro-benchmarks of the engine.
bench-go:
	$(GO) test -run XXX -bench . -benchtime 3x ./snn

clean:
	rm -rf out
