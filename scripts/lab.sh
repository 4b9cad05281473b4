#!/usr/bin/env bash
# Starts a live Jupyter server with this clone's GoNB kernel on
# 127.0.0.1:$LAB_PORT (default 8888), serving notebooks/: JupyterLab where it
# is installed, otherwise the classic Notebook server (Debian 12's route).
# Token authentication stays on; the URL with the token is printed. As root
# (a fresh cloud VM, a container) it warns and passes --allow-root.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
eval "$("$repo/scripts/env.sh")"
port=${LAB_PORT:-8888}
if command -v jupyter-lab >/dev/null; then
	app=lab
elif command -v jupyter-notebook >/dev/null; then
	app=notebook
else
	echo "lab: neither JupyterLab (jupyter-lab) nor the Notebook server (jupyter-notebook) is installed; run make setup" >&2
	exit 1
fi
args=(--ip=127.0.0.1 --port="$port" --no-browser --notebook-dir="$repo/notebooks")
if [ "$(id -u)" = 0 ]; then
	echo "lab: warning: running as root, so Jupyter gets --allow-root; every notebook cell runs as root too" >&2
	args+=(--allow-root)
fi
echo "lab: starting jupyter $app on 127.0.0.1:$port" >&2
exec jupyter "$app" "${args[@]}"
