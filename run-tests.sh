#!/usr/bin/env bash
# Runs every test from nothing: installs what the tests need (Debian packages with apt-get,
# Python packages in .venv), then ruff, mypy and pytest (unit tests, every notebook run
# against an empty and the example portfolio, exports, the built wheel and the
# real-browser tests, one of them on a local JupyterHub). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v npm >/dev/null || need+=(npm)  # JupyterHub's proxy, for the class-on-a-hub test
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
# netkit's Jupyter server extension: an editable install does not put this file in place
mkdir -p .venv/etc/jupyter/jupyter_server_config.d
cp netkit/jupyter-config/netkit.json .venv/etc/jupyter/jupyter_server_config.d/netkit.json
# JupyterHub's proxy (configurable-http-proxy, from npm) for tests/e2e/test_jupyterhub.py
[ -x .venv/hub/node_modules/.bin/configurable-http-proxy ] ||
    npm install --silent --no-audit --no-fund --prefix .venv/hub configurable-http-proxy@5

echo "== ruff";  .venv/bin/ruff check netkit tests bench conftest.py
echo "== mypy";  .venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest tests -p no:cacheprovider "$@"
