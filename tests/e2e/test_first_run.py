"""A first run from nothing, as a learner makes it: a clean clone of the workbook (no .venv),
the README's first command (./start-workbook.sh) makes the environment and starts
JupyterLab, and the address JupyterLab prints opens the start-here notebook in Chromium,
whose cells all run. It catches an install step that only works on a developer's machine:
anything the clone lacks (a file not committed, a dependency not declared) fails here."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    REPO,
    UI_TIMEOUT_MS,
    VIEWPORT,
    _write_jupyter_config,
    form,
    free_port,
    kernel_state,
    notebook,
    run_all_cells,
    screenshot,
    stop_group,
    wait_until,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(1200)]

INSTALL_TIMEOUT = 900.0  # a fresh .venv: pip downloads JupyterLab and the rest


@pytest.fixture
def first_start(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A clean clone started with ./start-workbook.sh; yields (the address it opens in the
    learner's browser, the clone, its log)."""
    clone = tmp_path / "workbook"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone)],
                   check=True, timeout=120)
    assert not (clone / ".venv").exists()
    # The learner's shell: no virtual environment active, nothing of this one on PATH.
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and not Path(p, "activate").exists())
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("VIRTUAL_ENV", "NETKIT_", "JUPYTER", "PYTHON"))}
    config_dir = tmp_path / "jupyter-config"
    _write_jupyter_config(config_dir)  # autosave off, as in every browser test
    env.update(PATH=path, JUPYTER_CONFIG_DIR=str(config_dir),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               IPYTHONDIR=str(tmp_path / "ipython"))
    # JupyterLab opens the learner's browser through $BROWSER: here, a script that notes
    # the address it was given, for Chromium to open.
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}.part" && '
                       f'mv "{opened}.part" "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    env["BROWSER"] = f"{browser} %s"
    log = tmp_path / "start-workbook.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "./start-workbook.sh", f"--port={free_port()}", "--ServerApp.ip=127.0.0.1"],
            cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until(opened.exists, process, log, "./start-workbook.sh (JupyterLab)",
                   INSTALL_TIMEOUT)
        yield opened.read_text(encoding="utf-8"), clone, log
    finally:
        stop_group(process)  # JupyterLab shuts its kernels down


def test_a_clean_clone_opens_on_start_here_and_its_cells_run(
        browser: Any, first_start: tuple[str, Path, Path], tmp_path: Path) -> None:
    url, clone, log = first_start
    assert (clone / ".venv" / "bin" / "netkit").exists()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(url)  # JupyterLab's own page, which takes the browser in with the token
        page.wait_for_url(re.compile(r"/lab/tree/notebooks/00-start-here\.ipynb"))
        notebook(page).locator(".jp-Cell").first.wait_for()
        assert "00-start-here.ipynb" in page.locator(".jp-mod-current").first.inner_text()
        deadline = time.monotonic() + 120
        while kernel_state(page)[0] in ("", "No Kernel") or kernel_state(page)[1] != "idle":
            assert time.monotonic() < deadline, f"no kernel: {kernel_state(page)}"
            time.sleep(0.25)
        run_all_cells(page)  # fails with the traceback if any cell raises
        learner = form(page, "learnerform")
        learner.wait_for(state="visible")
        assert learner.locator(".nk-save").is_enabled()
        assert page.get_by_text("Error displaying widget").count() == 0
        screenshot(page, tmp_path, "first-run-00")
    finally:
        context.close()
    # The notebook's kernel found the clone's own workbook folder: its portfolio is there.
    assert (clone / "portfolio" / "portfolio.sqlite").is_file(), log.read_text()[-3000:]
