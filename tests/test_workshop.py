"""Workshop mode's command line (the browser round trip is tests/e2e/test_workshop_browser.py)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from netkit.exceptions import WorkshopError
from netkit.resources import copy_workbook, jupyter_data
from netkit.workshop import TEMPLATE, find_notebook, workshop

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    copy_workbook(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", ["02", "02-identify-networks",
                                  "02-identify-networks.ipynb", " 02 "])
def test_a_notebook_is_named_by_number_stem_or_file(workbook: Path, name: str) -> None:
    found = find_notebook(workbook / "notebooks", name)
    assert found == workbook / "notebooks" / "02-identify-networks.ipynb"


def test_an_unknown_notebook_lists_the_ones_there_are(workbook: Path) -> None:
    with pytest.raises(WorkshopError) as caught:
        find_notebook(workbook / "notebooks", "07")
    assert "'07'" in str(caught.value)
    assert "03-maintain-networks" in str(caught.value)
    assert "netkit workshop 02" in str(caught.value)


def test_voila_serves_the_workbook_here_only_offline_without_code(workbook: Path) -> None:
    # From a folder inside the workbook: the workbook folder above it is found.
    (workbook / "exports").mkdir()
    plan = workshop(workbook / "exports", notebook="03", port=9123, browser=False)
    assert plan.folder == workbook / "notebooks"
    assert plan.argv[1:4] == ["-m", "voila",
                              str(workbook / "notebooks" / "03-maintain-networks.ipynb")]
    assert "--Voila.ip=127.0.0.1" in plan.argv
    assert "--port=9123" in plan.argv
    assert "--no-browser" in plan.argv
    assert f"--VoilaConfiguration.template={TEMPLATE}" in plan.argv
    assert plan.env["JUPYTER_PATH"].split(":")[0] == str(jupyter_data())
    assert plan.url == "http://127.0.0.1:9123/"
    # No notebook named: Voila lists the workbook's notebooks.
    assert workshop(workbook).argv[3] == str(workbook / "notebooks")


def test_the_notebook_list_links_nothing_outside_this_computer(workbook: Path) -> None:
    # (A notebook's own page is checked in Chromium, with the internet cut off:
    # tests/e2e/test_workshop_browser.py.)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "netkit", "workshop", "--no-browser",
                                f"--port={port}"], cwd=workbook, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    page = reply.read().decode()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "voila-tree-main" in page  # Voila's list of notebooks (filled in by its script)
    assert '<html lang="en">' in page
    links = re.findall(r"(?:href|src)=[\"'](https?:[^\"']*)", page)
    assert not links, links


def test_workshop_outside_a_workbook_says_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "netkit", "workshop", "--no-browser"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert "no workbook notebooks" in done.stderr
    assert "netkit workbook FOLDER" in done.stderr
    assert "Traceback" not in done.stderr


def test_start_workbook_has_a_workshop_switch() -> None:
    script = (REPO / "start-workbook.sh").read_text(encoding="utf-8")
    assert 'exec .venv/bin/netkit workshop "$@"' in script
