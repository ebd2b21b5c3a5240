"""netkit's server extension gives a learner's own server the workbook ($NETKIT_WORKBOOK),
as on JupyterHub (the whole class is tests/e2e/test_jupyterhub.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from netkit.jupyter import WORKBOOK_ENV, _give_workbook


def server(root: Path) -> SimpleNamespace:
    return SimpleNamespace(root_dir=str(root), log=logging.getLogger("test-server"))


def test_the_workbook_is_copied_into_the_learners_home_and_theirs_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKBOOK_ENV, "workbook")
    mine = tmp_path / "workbook" / "notebooks" / "02-identify-networks.ipynb"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own answers", encoding="utf-8")
    _give_workbook(server(tmp_path))
    names = sorted(p.name for p in mine.parent.glob("*.ipynb"))
    assert names[0] == "00-start-here.ipynb" and len(names) == 5
    assert mine.read_text(encoding="utf-8") == "my own answers"


def test_without_the_setting_nothing_is_copied(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKBOOK_ENV, raising=False)
    _give_workbook(server(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_logged_and_the_server_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(WORKBOOK_ENV, "workbook")
    (tmp_path / "workbook").write_text("a file in the way", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="test-server"):
        _give_workbook(server(tmp_path))
    assert "cannot copy the workbook notebooks" in caplog.text
