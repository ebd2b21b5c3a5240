"""A class on JupyterHub, as the README's section for tutors sets it up: a real JupyterHub on
this computer with two learners (JupyterHub's dummy authenticator and simple local spawner),
each learner's own server given the workbook in their home by netkit's server extension
($NETKIT_WORKBOOK); each learner logs in in Chromium, opens notebook 02, saves a need; each
answer is in that learner's own portfolio only; the cohort view reads both homes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit.model import Need
from netkit.store import Portfolio

from .conftest import (
    REPO,
    UI_TIMEOUT_MS,
    VIEWPORT,
    _write_jupyter_config,
    click_save,
    fill_field,
    form,
    free_port,
    kernel_state,
    press,
    run_all_cells,
    screenshot,
    stop_group,
    wait_until,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(600)]

LEARNERS = ("amira", "ben")
PASSWORD = "workshop-room-7"


def _proxy() -> str:
    """configurable-http-proxy (JupyterHub's proxy, from npm: ./run-tests.sh installs it)."""
    local = REPO / ".venv" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
    found = os.environ.get("NETKIT_CHP") or (str(local) if local.exists() else "") \
        or shutil.which("configurable-http-proxy") or ""
    if not found:
        pytest.skip("no configurable-http-proxy (./run-tests.sh installs it with npm)")
    return found


CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {pid!r}
c.JupyterHub.db_url = "sqlite:///" + {db!r}
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}  # --allow-root in a container run as root
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# What the README tells tutors to set: the workbook in every learner's home, opened on 02
c.Spawner.environment = {{"NETKIT_WORKBOOK": "workbook", **{extra_env!r}}}
c.Spawner.default_url = "/lab/tree/workbook/notebooks/02-identify-networks.ipynb"
c.JupyterHub.cleanup_servers = True
"""


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A JupyterHub for LEARNERS; yields (its url, the homes folder, its log)."""
    proxy = _proxy()
    homes = tmp_path / "homes"
    homes.mkdir()
    config_dir = tmp_path / "jupyter-config"
    _write_jupyter_config(config_dir)  # autosave off, no news: as the other browser tests
    port, hub_port, api_port = free_port(), free_port(), free_port()
    config = tmp_path / "jupyterhub_config.py"
    config.write_text(CONFIG.format(
        port=port, hub_port=hub_port, api_port=api_port, proxy=proxy,
        pid=str(tmp_path / "proxy.pid"), db=str(tmp_path / "hub.sqlite"),
        cookie=str(tmp_path / "cookie"), password=PASSWORD, users=set(LEARNERS),
        homes=str(homes), args=["--allow-root"] if os.getuid() == 0 else [],
        singleuser=str(Path(sys.executable).with_name("jupyterhub-singleuser")),
        extra_env={"JUPYTER_CONFIG_DIR": str(config_dir), "JUPYTER_PREFER_ENV_PATH": "1",
                   "IPYTHONDIR": str(tmp_path / "ipython")}))
    env = {k: v for k, v in os.environ.items()
           if k not in ("NETKIT_PORTFOLIO", "JUPYTERHUB_API_TOKEN")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    log = tmp_path / "jupyterhub.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            with urllib.request.urlopen(f"{url}/hub/api", timeout=2) as reply:
                return "version" in json.loads(reply.read())
        return False

    try:
        wait_until(answers, process, log, "JupyterHub", 90)
        yield url, homes, log
    finally:
        stop_group(process)  # the hub stops the learners' servers and its proxy


def _log_in_and_save(browser: Any, url: str, user: str, need: str, shots: Path) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        # The hub spawns the learner's server, which opens notebook 02 of their workbook.
        page.wait_for_url(f"**/user/{user}/lab/**", timeout=150_000)
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=120_000)
        deadline = time.monotonic() + 120
        while kernel_state(page)[0] in ("", "No Kernel") or kernel_state(page)[1] != "idle":
            assert time.monotonic() < deadline, f"no kernel for {user}: {kernel_state(page)}"
            time.sleep(0.25)
        run_all_cells(page)
        needs = form(page, "needsform")
        fill_field(needs, "text", need)
        press(needs, "priority", "medium")
        click_save(needs)
        screenshot(page, shots, f"hub-{user}")
    except Exception:
        with contextlib.suppress(Exception):
            print(f"at {page.url}: {screenshot(page, shots, f'FAILED-hub-{user}')}")
        raise
    finally:
        context.close()


def test_two_learners_on_jupyterhub_each_save_to_their_own_portfolio(
        browser: Any, hub: tuple[str, Path, Path], tmp_path: Path) -> None:
    url, homes, log = hub
    for user in LEARNERS:
        _log_in_and_save(browser, url, user, f"{user.title()}'s need: lead the depot audit",
                         tmp_path)

    portfolios = {}
    for user in LEARNERS:
        # The server extension gave each learner the workbook in their own home.
        assert (homes / user / "workbook" / "notebooks" / "00-start-here.ipynb").is_file()
        path = homes / user / "workbook" / "portfolio" / "portfolio.sqlite"
        with Portfolio.open(path, read_only=True) as portfolio:
            portfolios[user] = [n.text for n in portfolio.all(Need)]
    assert portfolios == {user: [f"{user.title()}'s need: lead the depot audit"]
                          for user in LEARNERS}, log.read_text(errors="replace")[-3000:]

    # The tutor's cohort view over every learner's home.
    done = subprocess.run(
        [sys.executable, "-m", "netkit", "cohort",
         str(homes / "*" / "workbook" / "portfolio" / "portfolio.sqlite")],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    for user in LEARNERS:
        assert user in done.stdout, done.stdout
    assert "2.1" in done.stdout
