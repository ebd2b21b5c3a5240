"""What a learner waits for when opening the workbook again: ``./start-workbook.sh`` until
JupyterLab's server answers, against starting the same JupyterLab directly.

The baseline is ``.venv/bin/jupyter lab`` with the options the script passes, so the figure
is what the script adds: checking that netkit is installed for this pyproject.toml (a stamp
in .venv) and copying the server extension's config. A script that installed netkit again
on every start (about 17 s before) misses the target. Target: at most 1.3x, median of
interleaved starts. The first start (which installs) is not measured.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

try:
    from _util import Figure, median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_start
    from bench._util import Figure, median, verdict

REPO = Path(__file__).resolve().parent.parent
REPEAT = 3
TARGET = 1.3
OPTIONS = ["--no-browser", "--ServerApp.token=bench", "--ServerApp.open_browser=False"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def until_answering(command: list[str]) -> float:
    """Seconds from launching ``command`` until the server on its port answers."""
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen([*command, f"--port={port}"], cwd=REPO, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{command[0]} stopped (exit status {server.returncode})")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=1):
                    return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def direct_command() -> list[str]:
    """JupyterLab with the options start-workbook.sh passes (keep the two in step)."""
    root = ["--allow-root"] if os.geteuid() == 0 else []
    globs = [f"--ContentsManager.hide_globs={g}" for g in
             ("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.egg-info", "build", "dist",
              "__init__.py")]
    return [str(REPO / ".venv" / "bin" / "jupyter"), "lab", "notebooks/00-start-here.ipynb",
            f"--ServerApp.root_dir={REPO}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly", *globs, *root, *OPTIONS]


def main() -> list[Figure]:
    script = ["bash", str(REPO / "start-workbook.sh"), *OPTIONS]
    until_answering(script)  # the first start may install; it also warms the disk cache
    base: list[float] = []
    mine: list[float] = []
    for _ in range(REPEAT):
        base.append(until_answering(direct_command()))
        mine.append(until_answering(script))
    ratio = median(mine) / median(base)
    print(f"start-workbook.sh, second start, until the server answers: {median(mine):.2f} s; "
          f"jupyter lab directly: {median(base):.2f} s")
    print(f"   ratio {ratio:.2f}x (target at most {TARGET}x) {verdict(ratio <= TARGET)}")
    return [Figure("start-workbook.sh, second start, until the server answers",
                   median(mine), "s", median(base), "jupyter lab directly, same options",
                   TARGET, note=f"median of {REPEAT} interleaved starts")]


if __name__ == "__main__":
    main()
