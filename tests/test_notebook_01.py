"""Notebook 01 exported: it reads as a finished reflective account of criteria 1.1-1.6."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit.cli import load_example
from netkit.criteria import criterion
from netkit.store import Portfolio

pytestmark = pytest.mark.slow

LO1 = ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6")


def page_text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_exported_notebook_01_reads_as_a_finished_reflective_account(
        run_cli: Callable[..., Any], portfolio_path: Path, tmp_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        load_example(opened)
    out = tmp_path / "export"
    done = run_cli("export", "--format", "html", "--notebooks", "01", "--out", str(out))
    assert done.code == 0, done.err
    text = page_text(out / "01-principles-of-networking.html")
    # a heading per criterion, in order, each followed by the learner's answer
    places = [text.index(f"{cid} {criterion(cid).text} ¶") for cid in LO1]
    assert places == sorted(places)
    assert "Networking is the exchange of information or services among people" in text
    assert "agree boundaries before sharing anything, declare personal interests early" in text
    # tables of skills and of ethical issues, and dated examples
    assert ("Skill Principal features Date used How I used it Its effect Building rapport "
            "Finding common ground quickly") in text
    assert ("Issue The choice involved Code or law Who is affected How I handled it "
            "Confidentiality of client data when benchmarking") in text
    assert "Dated workplace examples Date What happened Linked to 14 Oct 2025 CILT Yorkshire" \
        in text
    assert "Lead or action Source Next step Due Status" in text  # the follow-up tracker
    for cid in LO1:
        assert f"Criterion {cid}: met" in text
    # no empty prompts, no teaching or controls meant for the learner at work
    for absent in ("Not written yet", "Still to do", "Worked example", "Press **Save**",
                   "Save calendar", "Questions from your own records", "Traceback"):
        assert absent not in text, absent
    # the contact she flagged confidential is left out, with the links to her
    assert "Joanne Pryce" not in text
    assert "Contact: Sam Whitfield" in text


def test_exported_notebook_01_on_an_empty_portfolio_says_nothing_is_written(
        run_cli: Callable[..., Any], portfolio_path: Path, tmp_path: Path) -> None:
    assert run_cli("init", "--learner", "Ann Learner").code == 0
    out = tmp_path / "export"
    done = run_cli("export", "--format", "html", "--notebooks", "01", "--out", str(out))
    assert done.code == 0, done.err
    text = page_text(out / "01-principles-of-networking.html")
    assert text.count("Not written yet.") == 6
    assert "No follow-ups recorded yet." in text


def test_exported_notebook_01_with_pseudonyms_keeps_its_links(
        run_cli: Callable[..., Any], portfolio_path: Path, tmp_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        load_example(opened)
    out = tmp_path / "export"
    done = run_cli("export", "--format", "html", "--notebooks", "01", "--pseudonymise",
                   "--out", str(out))
    assert done.code == 0, done.err
    text = page_text(out / "01-principles-of-networking.html")
    assert "Whitfield" not in text
    assert "Contact: S.W." in text and "Follow-up: Call Calder Staffing back" in text
