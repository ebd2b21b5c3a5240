#!/usr/bin/env bash
# Opens the workbook: makes an isolated environment (.venv) the first time, installs netkit
# and JupyterLab into it, and opens JupyterLab on notebooks/00-start-here.ipynb. Later starts
# install again only when pyproject.toml changed or netkit is missing. With --workshop, opens
# the workbook in workshop mode instead (Voila: forms and charts, no code).
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv
fi
[ -x .venv/bin/python ] || python3 -m venv .venv

# The stamp holds the SHA-256 of the pyproject.toml netkit was last installed with.
stamp=.venv/.netkit-installed
installed() {  # netkit from this folder, JupyterLab, and pyproject.toml unchanged since
    .venv/bin/python -I - "$PWD" "$stamp" <<'PY' 2>/dev/null
import hashlib, importlib.util, pathlib, sys
root, stamp = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
digest = hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()
assert stamp.read_text().strip() == digest
import netkit.resources
assert pathlib.Path(netkit.__file__) == root / "netkit" / "__init__.py"
assert netkit.resources.example_learner().is_file()
assert importlib.util.find_spec("jupyterlab") is not None
PY
}
if ! installed; then
    rm -f "$stamp"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e .
    .venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())' > "$stamp"
fi
# netkit's Jupyter server extension: pip puts this file in place when it installs a wheel,
# but not for an editable install (pip install -e), so it is copied here.
mkdir -p .venv/etc/jupyter/jupyter_server_config.d
cp netkit/jupyter-config/netkit.json .venv/etc/jupyter/jupyter_server_config.d/netkit.json

# Workshop mode: the same notebooks and portfolio, served by Voila with no code shown
# (./start-workbook.sh --workshop [NOTEBOOK], e.g. --workshop 02)
if [ "${1:-}" = --workshop ]; then
    shift
    exec .venv/bin/netkit workshop "$@"
fi

# JupyterLab's terminals then find the netkit command (File > New > Terminal: netkit export)
export VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH"
# Serve the workbook folder, so the file browser shows notebooks/ and exports/ alike
# Offline and private: no news feed or update check fetched from the internet, and no
# prompt asking about them
settings=.venv/share/jupyter/lab/settings
[ -f "$settings/overrides.json" ] || { mkdir -p "$settings"; cat > "$settings/overrides.json" <<'JSON'
{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
JSON
}
extra=(--ServerApp.root_dir="$PWD" --LabApp.news_url=None
       --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
       # the extension manager lists what is installed and never fetches from PyPI
       --LabApp.extension_manager=readonly)
# The file browser hides build leftovers and Python's package files (JupyterLab's own
# defaults first: a list given here replaces them)
for glob in __pycache__ '*.pyc' '*.pyo' .DS_Store '*~' '*.egg-info' build dist __init__.py; do
    extra+=(--ContentsManager.hide_globs="$glob")
done
[ "$(id -u)" != 0 ] || extra+=(--allow-root)  # e.g. in a container, where you are root
exec .venv/bin/jupyter lab notebooks/00-start-here.ipynb "${extra[@]}" "$@"
