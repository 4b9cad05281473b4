#!/usr/bin/env bash
# make test-cpus: the engine's kernel, determinism and store/restore tests on
# every kind of CPU the package builds for, each run asserting which kernels
# it used (TestLanes: SNN_WANT_LANES is 8 for AVX-512, 4 for AVX2, 0 for the
# portable kernels) and the bits recorded for its implementation of package
# math (TestBitsAcrossArchitectures):
#   - natively, GODEBUG=cpu.avx512f=off (the AVX2 kernels) and
#     GODEBUG=cpu.avx512f=off,cpu.avx2=off (the portable ones in the SIMD
#     build; cpu.avx2=off alone leaves AVX-512 on: archsimd.X86.AVX512
#     does not ask for AVX2);
#   - natively, built with GOAMD64=v3 (the compiler may use FMA: the pinned
#     arithmetic must hold);
#   - under qemu-x86_64 -cpu Haswell-v4 (AVX2, no AVX-512) and -cpu qemu64
#     (no AVX, no FMA): these catch an AVX-512 or AVX instruction run
#     before the CPU check (SIGILL), which the GODEBUG runs cannot;
#   - the arm64 build under qemu-aarch64 (Go may fuse x*y + z there).
# The host's own kernels run in make test-go (SNN_WANT_LANES from
# --host-lanes). These runs take -short (smaller networks: TCG is
# 10 to 40 times slower than the host); all runs go in parallel, and each
# prints its verdict and time. Installs qemu-user where it is missing.
#   bash scripts/cpus.sh               the matrix
#   bash scripts/cpus.sh --host-lanes  print the lanes this host's kernels have
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}

# The tests: every kernel (the fused pairs, the general exact and
# conductance kernels, the adaptive neuron, the noisy current's bridge),
# workers and seeds, Store/Restore and SetModel between runs.
tests='^(TestLanes|TestBitsAcrossArchitectures|TestKernelsAgreeBitForBit|TestKernelsReportNonFinite|TestKernelsAgreeOnIextBetweenRuns|TestDeterministicAcrossWorkersAndSeeds|TestRestoreContinuesBitForBit|TestAdaptiveWorkersAgree|TestNoisyCurrentBridgeBitIdentical|TestSetModelBetweenRunsBitIdentical)$'

hostarch=$($GO env GOHOSTARCH)
# simd: whether this Go builds the SIMD kernels (Go 1.26's experiment, set
# by the Makefile; snn/kernel_simd.go's build constraint).
simd=0
[[ $($GO env GOEXPERIMENT) == *simd* && $($GO env GOVERSION) == go1.26* ]] && simd=1
flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
has() { for f; do [[ $flags == *" $f "* ]] || return 1; done; }

# The lanes archsimd gives the host: AVX-512 is F, CD, BW, DQ and VL
# together (archsimd.X86.AVX512); Linux lists a flag only where the OS
# saves its registers, as archsimd also requires.
host_lanes() {
	if [[ $hostarch != amd64 || $simd == 0 ]]; then
		echo 0
	elif has avx512f avx512cd avx512bw avx512dq avx512vl; then
		echo 8
	elif has avx avx2; then
		echo 4
	else
		echo 0
	fi
}
if [[ ${1:-} == --host-lanes ]]; then
	host_lanes
	exit 0
fi
lanes=$(host_lanes)
sd() { [[ $simd == 1 ]] && echo "$1" || echo 0; } # lanes expected of a SIMD-capable CPU

if ! command -v qemu-x86_64 >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "cpus: installing qemu-user (qemu-x86_64, qemu-aarch64)"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user >/dev/null
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
build() { # name, then the environment of go test -c
	local name=$1
	shift
	env CGO_ENABLED=0 "$@" "$GO" test -c -o "$dir/$name.test" ./snn
}
t0=$SECONDS
build amd64 GOARCH=amd64
build arm64 GOARCH=arm64
# name | binary | wanted lanes | the command before the binary (env, emulator)
rows=()
if [[ $hostarch == amd64 ]]; then
	[[ $lanes == 8 ]] && rows+=("GODEBUG=cpu.avx512f=off|amd64|4|env GODEBUG=cpu.avx512f=off")
	[[ $lanes != 0 ]] && rows+=("GODEBUG=cpu.avx512f=off,cpu.avx2=off|amd64|0|env GODEBUG=cpu.avx512f=off,cpu.avx2=off")
	if has avx avx2 bmi1 bmi2 fma f16c abm movbe; then
		build amd64v3 GOARCH=amd64 GOAMD64=v3
		rows+=("GOAMD64=v3|amd64v3|$lanes|env")
	else
		echo "cpus: GOAMD64=v3 skipped: this CPU lacks x86-64-v3"
	fi
else
	rows+=("arm64 (native)|arm64|0|env")
fi
rows+=("qemu-x86_64 -cpu Haswell-v4|amd64|$(sd 4)|qemu-x86_64 -cpu Haswell-v4")
rows+=("qemu-x86_64 -cpu qemu64|amd64|0|qemu-x86_64 -cpu qemu64")
[[ $hostarch != arm64 ]] && rows+=("qemu-aarch64 (arm64)|arm64|0|qemu-aarch64")
echo "cpus: qemu and the test binaries ready in $((SECONDS - t0)) s; running ${#rows[@]} in parallel; the host's kernels ($lanes lanes) ran in make test-go"

pids=()
for k in "${!rows[@]}"; do
	IFS="|" read -r name bin want pre <<<"${rows[$k]}"
	(
		s=$SECONDS
		# shellcheck disable=SC2086
		if (cd snn && SNN_WANT_LANES=$want $pre "$dir/$bin.test" -test.run "$tests" -test.count 1 -test.timeout 30m -test.short) >"$dir/$k.log" 2>&1; then
			echo "cpus: $name: $want lanes: ok in $((SECONDS - s)) s"
		else
			echo "cpus: $name: $want lanes: FAILED after $((SECONDS - s)) s:"
			tail -n 40 "$dir/$k.log"
			exit 1
		fi
	) &
	pids+=($!)
done
fail=0
for p in "${pids[@]}"; do
	wait "$p" || fail=1
done
echo "cpus: the matrix took $((SECONDS - t0)) s"
exit $fail
