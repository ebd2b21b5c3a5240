"""Workshop mode as a learner meets it: `netkit workshop 02` serves notebook 02 with Voila,
the learner fills the needs form in Chromium with no code on the page and saves it, and the
answer is in the same portfolio JupyterLab uses; nothing is fetched from the internet."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit.model import Need
from netkit.resources import copy_workbook
from netkit.store import Portfolio

from .conftest import (
    UI_TIMEOUT_MS,
    VIEWPORT,
    click_save,
    fill_field,
    form,
    free_port,
    listening,
    press,
    screenshot,
    stop_group,
    wait_until,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture
def workshop(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`netkit workshop 02` in a fresh workbook folder; (its url, the portfolio, its log)."""
    copy_workbook(tmp_path / "workbook")
    portfolio = tmp_path / "workbook" / "portfolio" / "portfolio.sqlite"
    port = free_port()
    log = tmp_path / "voila.log"
    env = {k: v for k, v in os.environ.items() if k != "NETKIT_PORTFOLIO"}
    env["IPYTHONDIR"] = str(tmp_path / "ipython")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "netkit", "workshop", "02", "--no-browser",
             f"--port={port}"],
            cwd=tmp_path / "workbook", env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:  # listening: Voila is up (opening a page runs its cells)
        wait_until(listening(port), process, log, "Voila", 90)
        yield url, portfolio, log
    finally:
        stop_group(process, 20)  # Voila and its kernels


def test_a_need_saved_in_workshop_mode_is_in_the_portfolio(
        browser: Any, workshop: tuple[str, Path, Path], tmp_path: Path) -> None:
    url, portfolio, log = workshop
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(UI_TIMEOUT_MS)
    outside: list[str] = []

    def offline(route: Any) -> None:  # the room may have no internet: nothing may need it
        outside.append(route.request.url)
        route.abort()

    context.route(lambda u: not u.startswith(("http://127.0.0.1", "ws://127.0.0.1",
                                              "data:", "blob:")), offline)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url, timeout=UI_TIMEOUT_MS)
        needs = form(page, "needsform")
        needs.wait_for(state="visible", timeout=120_000)  # Voila runs every cell first
        # Code hidden: the learner sees prose and forms, never a code cell's source.
        assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0
        assert "import netkit" not in page.inner_text("body")
        assert page.get_by_text("Error displaying widget").count() == 0

        fill_field(needs, "text", "Keep up with warehouse automation (workshop)")
        press(needs, "priority", "high")
        click_save(needs)
        screenshot(page, tmp_path, "workshop-02-needs")
    finally:
        context.close()

    with Portfolio.open(portfolio, read_only=True) as saved:
        texts = [n.text for n in saved.all(Need)]
    assert texts == ["Keep up with warehouse automation (workshop)"], log.read_text()
    assert not outside, f"workshop mode fetched from outside this computer: {outside}"
    assert not errors, errors
