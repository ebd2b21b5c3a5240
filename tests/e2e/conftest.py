"""The real-browser harness: one JupyterLab server per session, driven by headless Chromium.

Fixtures
    ``jupyter_server``  a JupyterLab on a free 127.0.0.1 port serving the repository, with a
                        throw-away portfolio (``NETKIT_PORTFOLIO``) and throw-away Jupyter
                        config/runtime/IPython folders; shut down (kernels too) at the end.
    ``page``            a Playwright page (sync API) in headless Chromium, closed after the
                        test; on failure a screenshot is kept and its path reported.
    ``shots``           a folder for screenshots (``$NETKIT_E2E_SHOTS``, else a pytest
                        temporary folder).

Helpers (import them: ``from .conftest import open_notebook, ...``)
    ``open_notebook(page, server, "notebooks/00-start-here.ipynb")``
    ``run_all_cells(page)``
    ``form(page, "learnerform")``, ``fill_field(form, "name", "Ada")``, ``click_save(form)``
    ``pick(form, "text of the record")``, ``press(form, "priority", "high")``,
    ``tick(form, "criteria", "2.1 ")``: the picker, toggle buttons, tick boxes
    ``log_console(page)``: the entries JupyterLab's log console counts for the notebook
    ``scratch_copy(folder, "notebooks/02-identify-networks.ipynb")``: a copy the test may
    save (the repository's notebooks are never written)

The JupyterLab user settings written here turn autosave off (a test run must never write
outputs into the repository's notebooks), show every cell (no windowing, so a locator
finds cells below the fold) and silence the news/update toasts.

Every wait is bounded: a server that does not answer fails the test in about two minutes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1400, "height": 1000}

SERVER_START_TIMEOUT = 90.0  # seconds for JupyterLab to answer /api/status
UI_TIMEOUT_MS = 60_000  # any single browser wait (page load, kernel start, a click)
RUN_ALL_TIMEOUT_MS = 90_000  # every cell of a notebook to finish
SAVE_TIMEOUT_MS = 30_000  # a form's Save to show "Saved HH:MM"

# JupyterLab user settings (plugin id -> settings) for a deterministic, quiet session.
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
}
SERVER_CONFIG: dict[str, Any] = {
    # No calls to the internet: no news feed, no update check, no PyPI extension manager.
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
               "extension_manager": "readonly"},
    # Safety net if the test run is killed -9: idle kernels are culled and the server
    # stops itself. Far longer than any test, so a normal run never meets it.
    "MappingKernelManager": {"cull_idle_timeout": 900, "cull_interval": 60},
    "ServerApp": {"shutdown_no_activity_timeout": 900},
}


# -- the server -------------------------------------------------------------------------

@dataclass(frozen=True)
class Server:
    """A running JupyterLab: where it is, how to get in, the portfolio its kernels use."""

    url: str
    token: str
    portfolio: Path
    log: Path

    def __iter__(self) -> Iterator[Any]:  # url, token, portfolio = server
        return iter((self.url, self.token, self.portfolio))

    def api(self, path: str, method: str = "GET", timeout: float = 5.0) -> Any:
        """Call the REST API with the token; return the decoded JSON (or None)."""
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def wait_until(ready: Callable[[], object], process: subprocess.Popen[bytes], log: Path,
               what: str, timeout: float) -> None:
    """Poll ``ready`` until it is true; fail with the log's end if ``process`` (a server
    started by a test) exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.5)


def stop_group(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Stop a server a test started in a session of its own (``start_new_session``), and
    every process of that session: its kernels, a hub's proxy and learners' servers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def listening(port: int) -> Callable[[], bool]:
    """True once something accepts connections on 127.0.0.1:``port``."""
    def check() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError:
            return False
        return True
    return check


def free_port() -> int:
    """A port nobody listens on right now (bind to port 0 and let the OS pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# netkit's server extension (notebooks saved without widget views) is enabled by
# <prefix>/etc/jupyter/jupyter_server_config.d/netkit.json, installed with netkit; that
# folder stays on the config path here, so the test server loads it as a learner's does
# (tests/e2e/test_list_forms.py checks the server's log for this line).
NETKIT_EXTENSION_LOG = "netkit: notebooks are saved with their answers as static HTML"


def _write_jupyter_config(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "jupyter_lab_config.json").write_text(json.dumps(SERVER_CONFIG, indent=1))
    settings = config_dir / "lab" / "user-settings"
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.rsplit(":", 1)
        target = settings / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=1))


def _processes_marked(marker: str) -> list[int]:
    """Our own processes (the server's kernels) by the marker in their environment."""
    needle = f"NETKIT_E2E_MARKER={marker}".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
    return [pid for pid in found if pid != os.getpid()]


def _stop(process: subprocess.Popen[bytes], server: Server | None, marker: str) -> None:
    """Shut the server down politely, then firmly; leave no kernel behind."""
    if server is not None and process.poll() is None:
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            server.api("/api/shutdown", method="POST")  # also shuts the kernels down
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    # Kernels run in their own sessions; any that survived carry our marker.
    for pid in _processes_marked(marker):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _start(base: Path, portfolio: Path, marker: str) -> tuple[subprocess.Popen[bytes], Server]:
    config_dir, runtime_dir = base / "jupyter-config", base / "jupyter-runtime"
    notary_dir, checkpoints = base / "jupyter-notary", base / "checkpoints"
    notary_dir.mkdir(parents=True, exist_ok=True)
    _write_jupyter_config(config_dir)
    env = {
        **os.environ,
        "NETKIT_PORTFOLIO": str(portfolio),
        "NETKIT_EXPORTS": str(portfolio.parent.parent / "exports"),
        "NETKIT_E2E_MARKER": marker,
        # Only config, runtime and IPython are isolated: the python3 kernelspec and the
        # ipywidgets labextension live in this environment's share/jupyter, which stays
        # on the data path (and is preferred over the user's own folders).
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_RUNTIME_DIR": str(runtime_dir),
        "JUPYTER_PREFER_ENV_PATH": "1",
        "IPYTHONDIR": str(base / "ipython"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("JUPYTER_TOKEN", None)
    token = secrets.token_hex(24)
    last_error = ""
    for attempt in range(3):  # the free port can be taken between choosing and binding
        port = free_port()
        log = base / f"jupyter-lab-{attempt}.log"
        server = Server(url=f"http://127.0.0.1:{port}", token=token,
                        portfolio=portfolio, log=log)
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={REPO}",
            # trust signatures (and their secret) go here, not in ~/.local/share/jupyter
            f"--NotebookNotary.data_dir={notary_dir}",
            # opening a notebook makes a checkpoint: keep it out of notebooks/
            f"--FileCheckpoints.checkpoint_dir={checkpoints}",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, env=env, cwd=REPO)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.api("/api/status", timeout=2)
            except (OSError, urllib.error.URLError, ValueError):
                time.sleep(0.25)
            else:
                return process, server
        if process.poll() is None:
            _stop(process, None, marker)
            pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT:.0f}s; "
                        f"its log ends:\n{server.log_tail()}")
        last_error = server.log_tail()
        if "already in use" not in last_error:
            break
    pytest.fail(f"JupyterLab would not start; its log ends:\n{last_error}")


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A JupyterLab serving the repository; its kernels save to a fresh portfolio."""
    base = tmp_path_factory.mktemp("e2e-jupyter")
    portfolio = base / "portfolio" / "portfolio.sqlite"
    marker = uuid.uuid4().hex
    process, server = _start(base, portfolio, marker)
    try:
        yield server
    finally:
        _stop(process, server, marker)


# -- the browser ------------------------------------------------------------------------

def _chromium() -> str:
    found = os.environ.get("NETKIT_E2E_CHROMIUM") or shutil.which("chromium") or ""
    if not found and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (Playwright's own download is not used).

    Module-scoped: Playwright's sync API runs an event loop while it is open, and any
    later test that starts its own ``sync_playwright()`` (tests/test_export.py does)
    fails inside a loop left running by a session-wide browser.
    """
    executable = _chromium()
    if not executable:
        pytest.skip("no chromium executable (install the Debian 'chromium' package, "
                    "or set NETKIT_E2E_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True, timeout=UI_TIMEOUT_MS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$NETKIT_E2E_SHOTS`` or a pytest temporary folder."""
    folder = os.environ.get("NETKIT_E2E_SHOTS")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("e2e-shots")


_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Iterator[None]:
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def page(browser: Any, jupyter_server: Server, shots: Path,
         request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page; a screenshot is kept if the test fails."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(UI_TIMEOUT_MS)
    context.set_default_navigation_timeout(UI_TIMEOUT_MS)
    new_page = context.new_page()
    # A notebook with unsaved outputs asks "leave this page?" on reload: always leave.
    new_page.on("dialog", lambda dialog: dialog.accept())
    try:
        yield new_page
    finally:
        reports = request.node.stash.get(_REPORTS, {})
        if any(r.failed for r in reports.values()):
            target = shots / f"FAILED-{request.node.name}.png"
            with contextlib.suppress(Exception):
                new_page.screenshot(path=str(target), full_page=True)
                print(f"\nscreenshot of the failure: {target}\n"
                      f"server log ends:\n{jupyter_server.log_tail(15)}")
        context.close()


# -- helpers for tests ------------------------------------------------------------------

def screenshot(page: Any, shots: Path, name: str) -> Path:
    """Save a screenshot of the whole page as ``<shots>/<name>.png``; return its path."""
    target = shots / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def notebook(page: Any) -> Any:
    """The notebook panel on show (each page opens one notebook in its own workspace)."""
    return page.locator(".jp-NotebookPanel").first


_KERNEL_STATE_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel');
  if (!panel) return 'no notebook';
  const name = panel.querySelector('.jp-Toolbar-kernelName');
  const label = name ? name.textContent.trim() : '';
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const state = status ? status.getAttribute('data-status') : '';
  return `${label}|${state}`;
}
"""


def kernel_state(page: Any) -> tuple[str, str]:
    """(kernel name, status) as the notebook's toolbar shows them: ("Python 3 ...", "idle")."""
    label, _, state = str(page.evaluate(_KERNEL_STATE_JS)).partition("|")
    return label, state


def wait_kernel_ready(page: Any, server: Server, path: str,
                      timeout_s: float = UI_TIMEOUT_MS / 1000) -> None:
    """Wait until the notebook at ``path`` has a connected, idle kernel.

    The toolbar alone is not enough: it says "idle" while it still shows "No Kernel", and
    a Run All then opens the "Select Kernel" dialog. So the server must also report a
    kernel for this notebook with a browser connected, and both must say idle.
    """
    deadline = time.monotonic() + timeout_s
    seen: tuple[str, str] = ("", "")
    remote = "no session"
    while time.monotonic() < deadline:
        seen = kernel_state(page)
        if seen[0] and seen[0] != "No Kernel" and seen[1] == "idle":
            sessions = [s for s in server.api("/api/sessions") if s.get("path") == path]
            kernel = (sessions[0].get("kernel") or {}) if sessions else {}
            remote = f"{kernel.get('execution_state')}, {kernel.get('connections')} connections"
            if kernel.get("execution_state") == "idle" and kernel.get("connections", 0) >= 1:
                return
        time.sleep(0.25)
    raise AssertionError(f"the kernel of {path} was not ready within {timeout_s:.0f}s: "
                         f"the toolbar shows {seen}, the server says {remote}")


def open_notebook(page: Any, server: Server, path: str) -> Any:
    """Open ``path`` (relative to the repository) in a fresh workspace; wait for its kernel.

    Opening again (in the same page or another) re-loads the notebook from disk and
    reconnects to the kernel already running for it, as a learner coming back would.
    """
    if not (REPO / path).is_file():
        raise FileNotFoundError(REPO / path)
    workspace = f"e2e-{uuid.uuid4().hex[:12]}"
    page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/{quote(path)}"
              f"?token={server.token}")
    panel = notebook(page)
    panel.wait_for(state="visible")
    panel.locator(".jp-Cell").first.wait_for(state="visible")
    wait_kernel_ready(page, server, path)
    return panel


_PROMPTS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
      .map(e => e.textContent.trim()).join(' ')
"""

# Notes when any cell shows [*] (queued or running), so that a notebook whose saved
# prompts already read [1] [2] ... is not taken as finished before it starts.
_WATCH_RUN_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel');
  window.__nkRunStarted = false;
  if (window.__nkRunWatch) window.__nkRunWatch.disconnect();
  window.__nkRunWatch = new MutationObserver(() => {
    if ([...panel.querySelectorAll('.jp-InputPrompt')].some(e => e.textContent.includes('*')))
      window.__nkRunStarted = true;
  });
  window.__nkRunWatch.observe(panel, {subtree: true, childList: true, characterData: true});
}
"""

_ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'

_RUN_STATE_JS = """
(errorSelector) => {
  const panel = document.querySelector('.jp-NotebookPanel');
  if (!panel || !window.__nkRunStarted) return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .map(e => e.textContent.trim());
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const idle = status && status.getAttribute('data-status') === 'idle';
  if (!idle || prompts.some(p => p.includes('*'))) return false;
  if (panel.querySelector(errorSelector)) return 'error';
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p)) ? 'done' : false;
}
"""


def run_all_cells(page: Any, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> None:
    """Run > Run All Cells from the menu bar; wait until every cell ran and the kernel idles.

    A cell that raises fails here, with the traceback the notebook shows.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(_WATCH_RUN_JS)
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item .lm-Menu-itemLabel",
                 has_text=re.compile(r"^Run All Cells$")).click()
    try:
        state = page.wait_for_function(_RUN_STATE_JS, arg=_ERROR_OUTPUT,
                                       timeout=timeout_ms).json_value()
    except PlaywrightTimeout:
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        raise AssertionError(
            f"the cells did not all finish within {timeout_ms / 1000:.0f}s: prompts "
            f"{page.evaluate(_PROMPTS_JS)}, kernel {kernel_state(page)}"
            + (f", a dialog is open: {dialogs}" if dialogs else "")) from None
    if state == "error":
        traceback = notebook(page).locator(_ERROR_OUTPUT).first
        raise AssertionError(f"a cell raised while running all cells:\n{traceback.inner_text()}")


def form(page: Any, name: str) -> Any:
    """The form whose class is ``name`` (lower case): ``form(page, "learnerform")``."""
    return page.locator(f".nk-form-{name.lower()}")


def field(form_: Any, name: str) -> Any:
    """The input element of a form field (``.nk-field-<name>``)."""
    return form_.locator(f".nk-field-{name}").locator("input, textarea, select").first


def fill_field(form_: Any, name: str, value: str) -> None:
    """Type ``value`` into a field (or choose it, for a dropdown) so the kernel sees it."""
    control = field(form_, name)
    control.wait_for(state="visible")
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(label=value)
        return
    type_text(control, value)


def type_text(control: Any, value: str) -> None:
    """Type ``value`` into an input or textarea and leave it, so the kernel sees it."""
    from playwright.sync_api import expect

    control.fill(value)  # fires "input": a continuous_update widget syncs now
    control.press("Tab")  # and "change"/blur, for widgets that sync on submit or blur
    expect(control).to_have_value(value)


_SAVED = re.compile(r"Saved \d\d:\d\d")


def click_save(form_: Any, timeout_ms: int = SAVE_TIMEOUT_MS) -> str:
    """Press the form's Save; wait for "Saved HH:MM" and return the status text.

    A form that refuses the answer ("Not saved: ...") fails here with its message.
    """
    from playwright.sync_api import expect

    form_.locator(".nk-save").click()
    status = form_.locator(".nk-status")
    expect(status).to_contain_text(re.compile(rf"{_SAVED.pattern}|Not saved"),
                                   timeout=timeout_ms)
    text: str = status.inner_text().strip()
    if not _SAVED.search(text):
        errors = [e.strip() for e in form_.locator("[class*='nk-error-']").all_inner_texts()]
        raise AssertionError(f"the form did not save: {text!r}; "
                             f"field errors: {[e for e in errors if e]}")
    return text


def scratch_copy(folder: Path, path: str) -> str:
    """Copy the notebook ``path`` into ``folder`` (inside the repository, so the server
    serves it); returns the copy's path relative to the repository."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(path).name
    shutil.copyfile(REPO / path, target)
    return target.relative_to(REPO).as_posix()


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    """A folder under tests/e2e for notebook copies, removed afterwards."""
    folder = REPO / "tests" / "e2e" / f"scratch-{uuid.uuid4().hex[:8]}"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _text(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").split())


def pick(form_: Any, contains: str, field_name: str = "pick") -> str:
    """Choose the picker entry whose label contains ``contains``; returns the label."""
    select = form_.locator(f".nk-field-{field_name} select").first
    labels = [_text(t) for t in select.locator("option").all_inner_texts()]
    found = [i for i, label in enumerate(labels) if contains in label]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} picker entries contain {contains!r}: {labels}")
    select.select_option(index=found[0])
    return labels[found[0]]


def picked(form_: Any, field_name: str = "pick") -> str:
    """The label the picker shows."""
    select = form_.locator(f".nk-field-{field_name} select").first
    return _text(str(select.evaluate("s => s.options[s.selectedIndex].textContent")))


def press(form_: Any, field_name: str, label: str) -> None:
    """Press the toggle button ``label`` of a field (horizon, priority, judgement...)."""
    from playwright.sync_api import expect

    button = form_.locator(f".nk-field-{field_name}").get_by_role(
        "button", name=label, exact=True)
    button.click()
    expect(button).to_have_class(re.compile(r"mod-active"))


def tick(scope: Any, starts: str, field_name: str | None = None, *, on: bool = True) -> None:
    """Tick (or untick) the box whose label starts with ``starts``."""
    if field_name is not None:
        scope = scope.locator(f".nk-field-{field_name}")
    ticks = scope.locator(".nk-tick")
    labels = [_text(t) for t in ticks.all_inner_texts()]
    found = [i for i, label in enumerate(labels) if label.startswith(starts)]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} tick boxes start with {starts!r}: {labels}")
    box = ticks.nth(found[0]).locator("input[type=checkbox]")
    box.set_checked(on)


_LOG_STATUS_JS = """
() => {
  const item = document.querySelector('.jp-LogConsoleStatusItem');
  const titled = item && item.querySelector('[title]');
  return titled ? titled.getAttribute('title') : '';
}
"""


def log_console(page: Any) -> list[str]:
    """What JupyterLab's log console holds for the notebook on show (warnings and errors:
    its default level), as the status bar counts them; [] when it holds nothing.

    The status bar item's title says "N log entries for <notebook>"; when N > 0 the log
    console is opened (View > Show Log Console) to read the entries' text.
    """
    title = str(page.evaluate(_LOG_STATUS_JS))
    found = re.search(r"(\d+) log entries", title)
    count = int(found[1]) if found else 0
    if not count:
        return []
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^View$")).click()
    page.locator(".lm-Menu-item .lm-Menu-itemLabel",
                 has_text=re.compile(r"^Show Log Console$")).click()
    panel = page.locator(".jp-LogConsolePanel").first
    panel.wait_for(state="visible")
    entries = [e.strip() for e in panel.locator(".jp-OutputArea-child").all_inner_texts()]
    return entries or [f"{count} entries counted ({title})"]
