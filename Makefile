# The two commands: `make studies` and `make test`. See README.md.
SHELL := /bin/bash
GO ?= go
# The engine's SIMD kernels (snn/kernel_simd.go) need Go 1.26's simd
# experiment; without it the portable kernels run (same results, slower).
export GOEXPERIMENT ?= $(shell $(GO) env GOVERSION | grep -q '^go1\.26' && echo simd)

.PHONY: setup studies test test-go test-cpus test-notebooks lab test-image test-fresh bench bench-go pynn-brian2 pynn-reference clean

# $(call need,PACKAGES): apt-get install those Debian PACKAGES that are not
# installed, as root or through sudo.
need = m=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	[ -z "$$m" ] || { sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; $$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$m; }

setup:
	bash scripts/setup.sh

# Every notebook executed headless; executed notebooks and HTML reports in out/.
studies:
	bash scripts/studies.sh out

# go vet, the package tests, the charts in chromium, the engine on other
# CPUs, then the notebook and browser tests.
test: setup test-go test-cpus test-notebooks

# PyNN, NEURON, Open MPI and Neo first (scripts/setup-pynn.sh), which the
# PyNN and Neo tests use. The host's kernels, then the portable build's:
# TestLanes asserts which ran (SNN_WANT_LANES, scripts/cpus.sh).
test-go:
	bash scripts/setup-pynn.sh
	$(GO) vet ./...
	SNN_WANT_LANES=$$(bash scripts/cpus.sh --host-lanes) $(GO) test -count=1 -timeout 30m ./...
	$(GO) test -count=1 -tags browser -run InBrowser ./snn/chart ./internal/browser
	GOEXPERIMENT= $(GO) vet ./snn/...
	# The portable kernels; the PyNN round trips (NEURON under MPI) ran above.
	GOEXPERIMENT= SNN_WANT_LANES=0 $(GO) test -count=1 -skip 'TestPyNN|TestNeo|TestSetupPyNN' ./snn/...

# The engine's kernel, determinism and store/restore tests on other CPUs:
# AVX2 and portable kernels by GODEBUG, GOAMD64=v3, and under qemu a CPU
# without AVX-512 (Haswell), one without AVX (qemu64) and arm64. Installs
# qemu-user where missing. See scripts/cpus.sh.
test-cpus:
	bash scripts/cpus.sh

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
	$(call need,debootstrap)
	$(GO) test -count=1 -tags image -timeout 150m -v -run 'TestImage$$' ./docker

# The README's two commands, make studies then make test, on a clean Debian
# 12 root (debootstrap, cached in .cache/image) holding only Go, git, make,
# sudo and a clone of the committed HEAD, as a user with sudo and the
# network a new user has. Needs root and an hour or more; not part of make
# test. See docker/fresh_test.go.
test-fresh:
	$(call need,debootstrap git)
	$(GO) test -count=1 -tags fresh -timeout 300m -v -run 'TestFresh$$' ./docker

# snn against Brian2 on the same networks: out/bench/results.json and a
# Markdown table (Brian2 from Debian's python3-brian; its cython target
# compiles against python3-dev, cpp_standalone with g++). First the checks
# against numpy and Brian2 (bench/brian2_test.go).
bench:
	$(call need,python3-brian python3-dev g++)
	$(GO) test -count=1 -tags brian2 -run 'TestSynchronyMatchesNumpy|TestDeltaDelayConvention' ./bench
	/usr/bin/python3 bench/bench.py

# A delta E/I network exported with pynn.Export, run on pyNN.brian2 and
# compared with snn, and a Poisson group run with seeds 1, 1 and 2
# (snn/pynn/brian2_test.go). Not in make test: Brian2's
# import and code generation take minutes.
pynn-brian2:
	$(call need,python3-brian)
	bash scripts/setup-pynn.sh
	$(GO) test -count=1 -tags pynnbrian2 -timeout 30m -v -run 'TestPyNNBrian2(Delta|Seeds)' ./snn/pynn

# Notebook 09 run with PyNN on NEURON, storing NEURON's statistics in
# data/reference/pynn_neuron_09.json, which the notebook shows (labelled,
# with their provenance) where PyNN cannot run. Run it again whenever
# notebook 09's network changes: the notebook uses the stored numbers only
# while snn's numbers equal the stored ones.
pynn-reference: setup
	bash scripts/setup-pynn.sh
	SNN_PYNN_REFERENCE=$(CURDIR)/data/reference/pynn_neuron_09.json bash scripts/studies.sh out notebooks/09-pynn-handoff.ipynb

# The Go micro-benchmarks of the engine.
bench-go:
	$(GO) test -run XXX -bench . -benchtime 3x ./snn

clean:
	rm -rf out
