#!/usr/bin/env bash
# One idempotent set-up for every route: the native one (make studies / make
# test / make lab), the Docker image and CI. It installs, only what is
# missing:
#   1. Debian packages: Jupyter (nbconvert, client, ipykernel, and JupyterLab
#      where apt has it, otherwise the classic Notebook server) and chromium
#      (browser tests, PNG/SVG export);
#   2. GoNB, goimports and gopls at the versions tools/go.mod pins, into
#      $SNN_HOME/bin;
#   3. the GoNB kernelspec into $SNN_HOME/jupyter, with this clone as the
#      kernel's Go workspace (so notebooks import github.com/snn-sim/snn/...
#      from here, wherever the clone is) and the tools on the kernel's PATH.
# SNN_HOME defaults to .cache/ inside the clone; Jupyter finds the kernel
# through JUPYTER_PATH=$SNN_HOME/jupyter, which the Makefile and the Docker
# image set (scripts/env.sh prints the settings).
# Set SNN_SKIP_APT=1 where the packages come from elsewhere.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=${SNN_HOME:-$repo/.cache}
bin=$home/bin
kernels=$home/jupyter/kernels

log() { printf 'setup: %s\n' "$*" >&2; }

# 1. Debian packages. The server is JupyterLab wherever apt has it
# (Debian 13 and later), otherwise the classic Notebook server (Debian 12).
# (Their output is read whole: grep -q in a pipe under pipefail fails when
# the writer gets SIGPIPE.)
installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }
candidate() { [[ "$(apt-cache policy "$1" 2>/dev/null)" =~ Candidate:\ [0-9] ]]; }
packages=(jupyter-core jupyter-nbconvert jupyter-client python3-ipykernel chromium)
missing=()
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
server=""
if ! installed jupyterlab; then
	if candidate jupyterlab; then
		server=jupyterlab
	elif ! installed jupyter-notebook; then
		server=unknown # decided after apt-get update
	fi
fi
if { [ "${#missing[@]}" -gt 0 ] || [ -n "$server" ]; } && [ "${SNN_SKIP_APT:-0}" != 1 ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	if [ "$server" = unknown ]; then
		if candidate jupyterlab; then server=jupyterlab; else server=jupyter-notebook; fi
	fi
	[ -n "$server" ] && missing+=("$server")
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Go and the pinned tools.
command -v go >/dev/null || { log "Go 1.26 or newer is needed on the PATH (e.g. /usr/local/go/bin)"; exit 1; }
gov=$(go env GOVERSION | sed 's/^go//')
case "$gov" in 1.2[6-9]* | 1.[3-9]*) ;; *) log "Go $gov is too old: 1.26 or newer is needed"; exit 1 ;; esac
stamp=$bin/.tools-$(sha256sum "$repo/tools/go.mod" | cut -c1-16)
if [ ! -e "$stamp" ] || [ ! -x "$bin/gonb" ] || [ ! -x "$bin/gopls" ] || [ ! -x "$bin/goimports" ]; then
	log "installing GoNB, goimports and gopls (tools/go.mod) into $bin"
	mkdir -p "$bin"
	(cd "$repo/tools" && GOBIN="$bin" go install tool)
	rm -f "$bin"/.tools-*
	touch "$stamp"
fi

# 3. The kernelspec, pointing at this clone.
spec=$kernels/gonb/kernel.json
if [ ! -e "$spec" ] || ! grep -q "go_work=$repo\"" "$spec" || ! grep -q GOEXPERIMENT "$spec" || ! grep -q GOFLAGS "$spec" || [ "$spec" -ot "$stamp" ]; then
	log "installing the GoNB kernelspec into $home/jupyter"
	mkdir -p "$kernels"
	PATH="$bin:$PATH" JUPYTER_DATA_DIR="$home/jupyter" "$bin/gonb" --install --raw_error --go_work="$repo" --logtostderr=false >/dev/null 2>&1 ||
		PATH="$bin:$PATH" JUPYTER_DATA_DIR="$home/jupyter" "$bin/gonb" --install --raw_error --go_work="$repo"
	# The kernel must find go, goimports and gopls whatever PATH Jupyter has,
	# and builds cells with Go 1.26's simd experiment (snn's SIMD kernels).
	/usr/bin/python3 - "$spec" "$bin:$(dirname "$(command -v go)"):/usr/local/bin:/usr/bin:/bin" "$(go env GOVERSION)" <<'PY'
import json, sys
path, kpath = sys.argv[1], sys.argv[2]
with open(path) as f:
    spec = json.load(f)
spec.setdefault("env", {})["PATH"] = kpath
spec["env"]["GOEXPERIMENT"] = "simd" if sys.argv[3].startswith("go1.26") else ""
spec["env"]["GOFLAGS"] = "-ldflags=-w"  # cells link without DWARF: about half the latency of a cell (README)
spec["display_name"] = "Go (gonb, snn)"
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
PY
fi

# Warm the module cache for everything the notebooks import.
(cd "$repo" && go mod download)
log "ready: kernel in $home/jupyter, tools in $bin"
