"""The export button in notebook 04: ``netkit export`` for learners who never open a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netkit.cli import load_example
from netkit.store import Portfolio
from netkit.widgets import ExportPanel

EMAIL = "sam.whitfield@example.org"  # a contact of the example learner


@pytest.fixture
def example(portfolio: Portfolio) -> Portfolio:
    load_example(portfolio)
    return portfolio


@pytest.mark.slow
def test_the_button_exports_html_privately_and_says_where(example: Portfolio,
                                                          tmp_path: Path) -> None:
    panel = ExportPanel(example, out=tmp_path / "out")
    panel.pdf_format.value = False
    panel.button.click()
    result = panel.result
    assert result is not None
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "evidence-pack.html" in names and "02-identify-networks.html" in names
    assert not [n for n in names if n.endswith(".pdf")]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "evidence-pack.html" in json.dumps(manifest)
    assert "Exported to" in panel.status.value and "evidence-pack.html" in panel.status.value
    assert "left out" in panel.status.value
    assert "evidence-pack.html</code> and the notebooks' HTML files" in panel.status.value
    pack = (tmp_path / "out" / "evidence-pack.html").read_text(encoding="utf-8")
    assert "Priya Shah" in pack and EMAIL not in pack
    assert not panel.button.disabled


def test_nothing_ticked_says_what_to_do(example: Portfolio, tmp_path: Path) -> None:
    panel = ExportPanel(example, out=tmp_path / "out")
    panel.html_format.value = panel.pdf_format.value = False
    assert panel.run() is None
    assert "Tick HTML, PDF or both" in panel.status.value
    assert not (tmp_path / "out").exists()


def test_an_export_error_is_shown_not_raised(example: Portfolio, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETKIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    panel = ExportPanel(example, out=tmp_path / "out")
    assert panel.run() is None  # PDF is ticked: Chromium is looked for first
    assert "NETKIT_CHROMIUM" in panel.status.value
    assert not (tmp_path / "out").exists()
    assert not panel.button.disabled
