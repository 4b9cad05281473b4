#!/usr/bin/env bash
# setup-pynn.sh: make PyNN run on NEURON under MPI on a Debian 12 machine.
#
#   bash scripts/setup-pynn.sh          install what is missing, build the shim
#   bash scripts/setup-pynn.sh --check  only print what it would do (exit 1 if anything)
#
# 1. Installs the Debian packages that are missing: python3-pynn (PyNN 0.10),
#    python3-neuron, neuron-dev and libinterviews-dev (nrnivmodl), openmpi-bin
#    and python3-mpi4py (MPI), python3-neo (Neo, for the README's snippet).
# 2. Debian's nrnivmodl looks for nrnmech_makefile beside its binaries while
#    Debian puts it in /usr/lib/nrn. The shim is an NRNHOME folder of links,
#    .cache/nrnhome: bin/ holds links to nocmodl, nrniv, nrnivmodl, modlunit
#    and /usr/lib/nrn/nrnmech_makefile; lib -> /usr/lib/nrn,
#    include -> /usr/include, share -> /usr/share.
# 3. Builds PyNN's NEURON mechanisms once, with that NRNHOME, in the folder
#    where PyNN looks for them (pyNN/neuron/nmodl/<machine>/.libs/libnrnmech.so,
#    <machine> as uname -m says: x86_64, aarch64).
# As another user than root, the steps that write outside the clone (apt-get,
# the mechanisms in PyNN's folder) run through sudo.
#
# Then an export runs with no NRNHOME (the shim serves the build only):
#   mpirun --allow-run-as-root --oversubscribe -np 4 /usr/bin/python3 network.py neuron
# (snn/pynn/README.md). Every step is skipped when its result is already
# there, so running it again changes nothing. Each step says what it does
# ("installing", "linking", "building"), or with --check what it would do.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[[ ${1:-} == --check ]] && check=1
todo=0
sudo=""
[[ $(id -u) == 0 ]] || sudo=sudo
say() { echo "setup-pynn: $*"; }
# act WHAT: says "would WHAT" with --check, else the -ing form of WHAT's verb.
act() {
	if ((check)); then
		say "would $*"
	else
		local verb=${1%e} rest=${*:2}
		say "${verb}ing${rest:+ $rest}"
	fi
}

pkgs=(python3-pynn python3-neuron neuron-dev libinterviews-dev openmpi-bin python3-mpi4py python3-neo)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	todo=1
	act install "${missing[@]}"
	# apt-get update first where the package lists lack one (a fresh machine).
	if ((!check)); then
		for p in "${missing[@]}"; do
			[[ "$(apt-cache policy "$p" 2>/dev/null)" =~ Candidate:\ [0-9] ]] || { $sudo apt-get update -qq; break; }
		done
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
	fi
fi

home=$PWD/.cache/nrnhome
links=(
	"bin/nocmodl:/usr/bin/nocmodl" "bin/nrniv:/usr/bin/nrniv" "bin/nrnivmodl:/usr/bin/nrnivmodl"
	"bin/modlunit:/usr/bin/modlunit" "bin/nrnmech_makefile:/usr/lib/nrn/nrnmech_makefile"
	"lib:/usr/lib/nrn" "include:/usr/include" "share:/usr/share"
)
for l in "${links[@]}"; do
	name=$home/${l%%:*} target=${l#*:}
	if [[ $(readlink "$name" 2>/dev/null) != "$target" ]]; then
		todo=1
		act link "$name -> $target"
		((check)) || { mkdir -p "$(dirname "$name")"; ln -sfn "$target" "$name"; }
	fi
done

nmodl=$(/usr/bin/python3 -c 'import os, pyNN; print(os.path.join(os.path.dirname(pyNN.__file__), "neuron", "nmodl"))' 2>/dev/null || echo /usr/lib/python3/dist-packages/pyNN/neuron/nmodl)
lib=$nmodl/$(uname -m)/.libs/libnrnmech.so
if [[ ! -f $lib ]]; then
	todo=1
	act build "PyNN's NEURON mechanisms in $nmodl (nrnivmodl)"
	((check)) || (cd "$nmodl" && $sudo env NRNHOME="$home" PATH="$home/bin:$PATH" nrnivmodl >/dev/null)
	((check)) || [[ -f $lib ]] || { say "nrnivmodl did not produce $lib"; exit 1; }
fi
((check && todo)) && exit 1
say "ready: PyNN, NEURON and Open MPI installed, PyNN's NEURON mechanisms built (no NRNHOME needed to run)"
