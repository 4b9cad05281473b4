#!/usr/bin/env bash
# Prints the environment under which Jupyter finds this clone's GoNB kernel;
# use as: eval "$(scripts/env.sh)".
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=${SNN_HOME:-$repo/.cache}
echo "export JUPYTER_PATH=\"$home/jupyter\${JUPYTER_PATH:+:\$JUPYTER_PATH}\""
echo "export PATH=\"$home/bin:\$PATH\""
