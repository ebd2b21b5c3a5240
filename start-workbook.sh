#!/usr/bin/env bash
# Opens the workbook: makes an isolated environment (.venv) the first time, installs netkit
# and JupyterLab into it, and opens JupyterLab on notebooks/00-start-here.ipynb.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/jupyter lab notebooks/00-start-here.ipynb "$@"
