"""The README's troubleshooting table quotes netkit's real messages: each is produced here
the way a learner meets it, and its words are found in the README."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from netkit.exceptions import DiskFullError, NetkitError, PortfolioLockedError
from netkit.export import NotebookFailedError
from netkit.pdf import find_chromium
from netkit.store import Portfolio

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Troubleshooting"):README.index("## For developers")]


def quoted(message: str, words: int = 12) -> None:
    """The message's opening words are in the troubleshooting table (paths elided)."""
    text = re.sub(r"\s+", " ", message)
    start = " ".join(text.split()[:words])
    for path in re.findall(r"/\S+", start):
        start = start.replace(path, "...")
    parts = [p.strip() for p in start.split("...") if p.strip()]
    flat = re.sub(r"\s+", " ", SECTION)
    for part in parts:
        assert part in flat, f"{part!r} is not in the README's troubleshooting table"


def test_no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NETKIT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NetkitError) as caught:
        find_chromium()
    quoted(str(caught.value), 14)
    monkeypatch.setenv("NETKIT_CHROMIUM", str(tmp_path / "chrome"))
    with pytest.raises(NetkitError) as caught:
        find_chromium()
    assert "which is not a program this computer can run" in str(caught.value)
    assert "which is not a program this computer can run" in SECTION


def test_a_portfolio_from_a_newer_netkit(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.sqlite"
    Portfolio.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(NetkitError) as caught:
        Portfolio.open(path)
    message = str(caught.value)
    assert message.startswith(f"{path} was written by a newer netkit (portfolio schema 99")
    for words in ("was written by a newer netkit (portfolio schema",
                  "Upgrade netkit (pip install -U netkit, or run the README's first command "
                  "again)", "The file was not changed."):
        assert words in message and words in SECTION


def test_a_locked_portfolio() -> None:
    quoted(str(PortfolioLockedError(Path("/p/portfolio.sqlite"), 30)), 30)


def test_an_export_failing_on_one_cell() -> None:
    message = str(NotebookFailedError("03-maintain-networks.ipynb", 12, "nk.widgets.X()",
                                      "ValueError: boom"))
    assert "failed at cell 12" in message
    for words in ("Open the notebook in JupyterLab, run it from the top (Run > Run All "
                  "Cells) and fix that cell; nothing was written and any earlier export was "
                  "left as it was.",):
        assert words in message and words in re.sub(r"\s+", " ", SECTION)


def test_a_full_disk() -> None:
    message = str(DiskFullError(Path("/media/usb/exports"), 3_200_000, 20_000_000))
    quoted(message, 40)
