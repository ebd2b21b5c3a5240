"""Every workbook notebook runs top to bottom on a fresh kernel, against an empty portfolio
and against the example learner, and shows the saved answers as static HTML.

These are the notebook tests (the test command no longer re-runs the notebooks with
``nbval --nbval-lax``, which checked only that no cell raised): a chosen portfolio, checks on
what the outputs say, and the plain ``jupyter nbconvert --execute --to html`` route a learner
may use instead of ``netkit export``.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netkit import lo3
from netkit.cli import load_example
from netkit.model import (
    AgendasAnswer,
    Discussion,
    EthicsAnswer,
    FollowUp,
    Learner,
    Network,
    SkillsAnswer,
    Witness,
)
from netkit.store import Portfolio

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# What each notebook must show of the example learner's saved answers: record kind -> the
# field whose text must appear in its outputs.
SHOWS: dict[str, list[tuple[type[Any], str]]] = {
    "00-start-here": [(Learner, "name"), (Learner, "employer")],
    "01-principles-of-networking": [(SkillsAnswer, "definition"), (AgendasAnswer, "conclusion"),
                                    (EthicsAnswer, "conclusion"), (FollowUp, "lead")],
    "02-identify-networks": [(Network, "name")],
    "03-maintain-networks": [(lo3.MutualBenefit, "they_offer"), (lo3.Interaction, "summary"),
                             (lo3.Promotion, "what"), (lo3.Support, "given"),
                             (lo3.Agreement, "title"), (lo3.Agreement, "legal_basis"),
                             (lo3.Review, "findings"), (lo3.Action, "detail"),
                             (lo3.Introduction, "interest")],
    "04-evidence": [(Witness, "name"), (Discussion, "topics")],
}

pytestmark = pytest.mark.slow


def execute(path: Path, portfolio: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the notebook on a fresh kernel whose portfolio is ``portfolio``."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("NETKIT_PORTFOLIO", str(portfolio))  # the kernel inherits it
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb: Any) -> tuple[list[dict[str, Any]], str]:
    """Every output of every code cell, and all their text/html and text/plain joined."""
    found = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    texts = []
    for out in found:
        data = out.get("data", {})
        texts += [str(data.get("text/html", "")), str(data.get("text/plain", "")),
                  str(out.get("text", ""))]
    return found, "\n".join(texts)


def expected_texts(portfolio: Path, notebook: str) -> list[str]:
    with Portfolio.open(portfolio, create=False) as opened:
        texts = []
        for kind, attribute in SHOWS.get(notebook, []):
            for record in opened.all(kind):
                value = getattr(record, attribute)
                texts.append(", ".join(value) if isinstance(value, list) else str(value))
    return [t for t in texts if t]


def test_there_are_notebooks() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[0] == "00-start-here"
    assert "02-identify-networks" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_against_an_empty_portfolio(path: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    portfolio = tmp_path / "empty.sqlite"
    nb = execute(path, portfolio, monkeypatch)
    found, text = outputs(nb)
    assert not [out for out in found if out.output_type == "error"]
    assert "Traceback" not in text
    # Showing a notebook writes no answers: the portfolio is still empty.
    with Portfolio.open(portfolio, create=False) as opened:
        assert opened.count() == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_shows_the_example_learners_answers(path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    portfolio = tmp_path / "example.sqlite"
    with Portfolio.open(portfolio) as opened:
        load_example(opened)
        before = opened.dump()
    nb = execute(path, portfolio, monkeypatch)
    found, text = outputs(nb)
    assert not [out for out in found if out.output_type == "error"]
    shown = html.unescape(re.sub(r"\s+", " ", text))
    expected = expected_texts(portfolio, path.stem)
    assert expected or path.stem not in SHOWS
    for value in expected:
        assert re.sub(r"\s+", " ", value) in shown, f"{path.stem} does not show {value!r}"
    # Every live widget comes after a static HTML twin of what it shows: exports (which
    # show a widget view in preference to any fallback) rely on the twin.
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        static = 0
        for out in cell.outputs:
            data = out.get("data", {})
            if "nk-static" in str(data.get("text/html", "")):
                static += 1
            if "application/vnd.jupyter.widget-view+json" in data:
                assert static, f"{path.stem}: {cell.source!r} shows a widget with no twin"
    # Running the notebook changed nothing that was saved.
    with Portfolio.open(portfolio, create=False) as opened:
        assert opened.dump()["records"] == before["records"]


def test_nbconvert_html_shows_answers_as_static_content(tmp_path: Path) -> None:
    """The route in the issue: ``jupyter nbconvert --execute --to html``, no widget state."""
    portfolio = tmp_path / "example.sqlite"
    with Portfolio.open(portfolio) as opened:
        load_example(opened)
    env = {**os.environ, "NETKIT_PORTFOLIO": str(portfolio)}
    for path in NOTEBOOKS:
        out = tmp_path / f"{path.stem}.html"
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--execute",
                        "--to", "html", "--output", str(out), str(path)],
                       check=True, capture_output=True, env=env, timeout=600)
        page = out.read_text(encoding="utf-8")
        # Only what shows with JavaScript off: not the widget state kept in <script> tags.
        page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", " ", page))
        text = re.sub(r"\s+", " ", text)
        for value in expected_texts(portfolio, path.stem):
            assert re.sub(r"\s+", " ", value) in text, f"{out.name} lacks {value!r}"
        assert "Traceback" not in text
