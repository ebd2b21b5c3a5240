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
       --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate)
[ "$(id -u)" != 0 ] || extra+=(--allow-root)  # e.g. in a container, where you are root
exec .venv/bin/jupyter lab notebooks/00-start-here.ipynb "${extra[@]}" "$@"
