"""The tutor's cohort view: `netkit cohort`, netkit/cohort.py, its widget and notebook."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from netkit.cli import load_example
from netkit.cohort import (
    CRITERION_IDS,
    Cohort,
    example_learners,
    find_sources,
    read_cohort,
)
from netkit.store import SCHEMA_VERSION, Portfolio

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMPLETE, PARTIAL = example_learners()
PRIYA, JORDAN = "Priya Shah [EXAMPLE]", "Jordan Blake (fictional) [EXAMPLE]"
# Jordan Blake, the partial example learner: learning outcome 2 partly done, learning outcome
# 3 barely started, one learning outcome 1 answer begun.
JORDAN_STATUS = {"1.1": "partial", "1.2": "missing", "1.3": "missing", "1.4": "missing",
                 "1.5": "missing", "1.6": "missing", "2.1": "partial", "2.2": "partial",
                 "2.3": "missing", "3.1": "partial", "3.2": "missing", "3.3": "missing",
                 "3.4": "missing", "3.5": "missing", "3.6": "missing", "3.7": "missing"}

Run = Any  # conftest's Run (code, out, err)


def home(root: Path, user: str, example: Path) -> Path:
    """A learner's home as on a JupyterHub: the workbook folder with the portfolio in it,
    holding an example learner."""
    path = root / user / "workbook" / "portfolio" / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio, source=example)
    return path


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and modification time (ns)."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def tables(text: str) -> dict[str, dict[str, dict[str, str]]]:
    """The printed tables read back: title -> learner -> column -> cell."""
    found = {}
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if len(lines) < 2 or not lines[1].startswith("learner"):
            continue
        header = re.split(r"\s{2,}", lines[1].strip())
        rows = {}
        for line in lines[2:]:
            cells = re.split(r"\s{2,}", line.strip())
            rows[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
        found[lines[0]] = rows
    return found


def statuses(text: str) -> dict[str, dict[str, str]]:
    """learner -> criterion -> the cell of the printed learning outcome tables."""
    merged: dict[str, dict[str, str]] = {}
    for title, rows in tables(text).items():
        if title.startswith("Learning outcome"):
            for learner, cells in rows.items():
                merged.setdefault(learner, {}).update(cells)
    return merged


@pytest.fixture
def homes(tmp_path: Path) -> Path:
    """Two learners' homes: the complete example learner and the partial one."""
    root = tmp_path / "home"
    home(root, "jupyter-priya", COMPLETE)
    home(root, "jupyter-jordan", PARTIAL)
    return root


# -- the printed table ---------------------------------------------------------------------
def test_cohort_prints_each_learner_against_every_criterion(
        run_cli: Callable[..., Run], homes: Path) -> None:
    done = run_cli("cohort", str(homes / "*" / "workbook" / "portfolio" / "portfolio.sqlite"))
    assert done.code == 0, done.err
    found = statuses(done.out)
    assert set(found) == {PRIYA, JORDAN}
    assert found[PRIYA] == dict.fromkeys(CRITERION_IDS, "met")
    assert found[JORDAN] == JORDAN_STATUS
    summary = tables(done.out)["Last activity and what each learner needs next"]
    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d")
    assert summary[PRIYA]["met"] == "16 of 16"
    assert summary[JORDAN]["met"] == "0 of 16"
    assert summary[JORDAN]["last activity"].startswith(today)  # loaded into it just now
    assert summary[PRIYA]["needs next"] == "nothing: every criterion is met"
    # behind: the first criterion begun but not met, with what netkit status says to do
    assert summary[JORDAN]["needs next"].startswith("1.1 (partial): one skill described")
    assert "Not read" not in done.out


def test_cohort_counts_exactly_as_netkit_status(run_cli: Callable[..., Run],
                                                homes: Path) -> None:
    done = run_cli("cohort", str(homes))  # a folder: searched for portfolio files
    assert done.code == 0, done.err
    found = statuses(done.out)
    for user, label in (("jupyter-priya", PRIYA), ("jupyter-jordan", JORDAN)):
        path = homes / user / "workbook" / "portfolio" / "portfolio.sqlite"
        status = run_cli("status", "--json", "--portfolio", str(path))
        assert status.code == 0, status.err
        expected = {c["id"]: c["status"] for c in json.loads(status.out)["criteria"]}
        assert found[label] == expected


def test_cohort_never_changes_a_file_nor_makes_one(run_cli: Callable[..., Run],
                                                   homes: Path, tmp_path: Path) -> None:
    (homes / "jupyter-sam").mkdir()
    broken = homes / "jupyter-sam" / "portfolio.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    before = state(homes)
    done = run_cli("cohort", str(homes), "--csv", str(tmp_path / "c.csv"))
    assert done.code == 0, done.err
    assert set(statuses(done.out)) == {PRIYA, JORDAN}
    assert state(homes) == before  # same files (no -wal, -shm), same bytes, same times


def test_a_portfolio_open_in_a_learners_notebook_is_read_and_left_alone(
        run_cli: Callable[..., Run], homes: Path) -> None:
    path = homes / "jupyter-jordan" / "workbook" / "portfolio" / "portfolio.sqlite"
    with Portfolio.open(path, via="notebook") as kernel:  # the learner's kernel holds it
        kernel.set_meta("note", "working")
        assert Path(f"{path}-wal").exists()
        before = state(homes)
        done = run_cli("cohort", str(homes))
        assert done.code == 0, done.err
        assert statuses(done.out)[JORDAN] == JORDAN_STATUS
        after = state(homes)
        # The -shm is SQLite's shared-memory index, where every reader (the learner's own
        # kernel too) takes its read mark; the portfolio and its journal are untouched.
        shm = "jupyter-jordan/workbook/portfolio/portfolio.sqlite-shm"
        assert after.keys() == before.keys()
        assert {k: v for k, v in after.items() if k != shm} == \
            {k: v for k, v in before.items() if k != shm}
        kernel.set_meta("note", "still writable by the learner")
    with Portfolio.open(path, read_only=True) as again:
        assert again.get_meta("note") == "still writable by the learner"


# -- files that give no learner -------------------------------------------------------------
def newer_schema(path: Path) -> Path:
    """A portfolio file as a newer netkit would write it."""
    with Portfolio.open(path) as portfolio:
        portfolio.set_meta("made", "by a newer netkit")
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    return path


def test_unreadable_and_newer_files_are_listed_with_the_reason(
        run_cli: Callable[..., Run], homes: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd"
    odd.mkdir()
    not_sqlite = odd / "notes.sqlite"
    not_sqlite.write_text("my notes, not a portfolio\n", encoding="utf-8")
    damaged = odd / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    newer = newer_schema(odd / "newer.sqlite")
    not_dump = odd / "other.json"
    not_dump.write_text('{"format": "something else"}', encoding="utf-8")
    newer_dump = odd / "newer-dump.json"
    newer_dump.write_text(json.dumps({"format": "netkit-portfolio", "version": 1,
                                      "schema": SCHEMA_VERSION + 1, "meta": {},
                                      "records": [], "history": []}), encoding="utf-8")
    empty = odd / "empty-folder"
    empty.mkdir()
    before = state(odd)
    done = run_cli("cohort", str(homes), str(not_sqlite), str(damaged), str(newer),
                   str(not_dump), str(newer_dump), str(empty), str(tmp_path / "nobody*"))
    assert done.code == 0, done.err
    assert set(statuses(done.out)) == {PRIYA, JORDAN}  # the rest is read as usual
    listed = done.out.split("Not read (7)", 1)[1]
    assert f"{not_sqlite}: not a netkit portfolio: it is neither an SQLite database nor a " \
           "JSON dump" in listed
    assert f"{damaged}: not a netkit portfolio: SQLite cannot read it" in listed
    assert (f"{newer}: written by a newer netkit (portfolio schema {SCHEMA_VERSION + 1}; "
            f"this netkit reads up to {SCHEMA_VERSION}): upgrade netkit") in listed
    assert f"{not_dump}: neither a portfolio dump" in listed
    assert (f"{newer_dump}: its schema {SCHEMA_VERSION + 1} is newer than this netkit reads "
            f"(up to {SCHEMA_VERSION})") in listed
    assert f"{empty}: no portfolio file (portfolio.sqlite) in this folder" in listed
    assert f"{tmp_path / 'nobody*'}: no file or folder matches this pattern" in listed
    assert state(odd) == before  # never written to


def test_nothing_readable_is_a_clear_error(run_cli: Callable[..., Run],
                                          tmp_path: Path) -> None:
    broken = tmp_path / "portfolio.sqlite"
    broken.write_bytes(b"\x00" * 100)
    done = run_cli("cohort", str(tmp_path), str(tmp_path / "missing.sqlite"))
    assert done.code == 2
    assert "no learner's portfolio could be read" in done.err
    assert "Traceback" not in done.err
    assert f"{tmp_path / 'missing.sqlite'}: no such file or folder" in done.out


# -- dumps, folders, patterns ---------------------------------------------------------------
def test_a_dump_is_read_with_its_last_activity(run_cli: Callable[..., Run], homes: Path,
                                               tmp_path: Path) -> None:
    path = homes / "jupyter-jordan" / "workbook" / "portfolio" / "portfolio.sqlite"
    dump = tmp_path / "jordan.json"
    assert run_cli("dump", "--out", str(dump), "--portfolio", str(path)).code == 0
    saved = max(h["at"] for h in json.loads(dump.read_text(encoding="utf-8"))["history"])
    cohort = read_cohort([dump])
    (learner,) = cohort.learners
    assert {c: learner.status(c) for c in CRITERION_IDS} == JORDAN_STATUS
    assert learner.last_activity == dt.datetime.fromisoformat(saved).astimezone()
    assert learner.source == dump


def test_folders_skip_hidden_ones_and_each_file_is_read_once(homes: Path) -> None:
    hidden = homes / "jupyter-priya" / ".cache" / "portfolio" / "portfolio.sqlite"
    hidden.parent.mkdir(parents=True)
    shutil.copy(homes / "jupyter-priya" / "workbook" / "portfolio" / "portfolio.sqlite", hidden)
    files, missing = find_sources([homes, homes / "jupyter-priya",
                                   str(homes / "*" / "workbook" / "portfolio" / "*.sqlite")])
    assert missing == []
    assert sorted(p.parts[-4] for p in files) == ["jupyter-jordan", "jupyter-priya"]


def test_example_files_are_read_directly() -> None:
    cohort = read_cohort(example_learners())
    assert [s.label for s in cohort.learners] == [JORDAN, PRIYA]
    jordan = cohort.learners[0]
    assert {c: jordan.status(c) for c in CRITERION_IDS} == JORDAN_STATUS
    assert jordan.last_activity is None  # an example has no history of work


# -- CSV and HTML ---------------------------------------------------------------------------
def test_csv_reads_back_with_pandas(run_cli: Callable[..., Run], homes: Path,
                                    tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    done = run_cli("cohort", str(homes), "--csv", str(out))
    assert done.code == 0, done.err
    table = pd.read_csv(out, keep_default_na=False).set_index("learner")
    assert sorted(table.index) == ["Jordan Blake (fictional)", "Priya Shah"]
    jordan = table.loc["Jordan Blake (fictional)"]
    assert {c: jordan[c] for c in CRITERION_IDS} == JORDAN_STATUS
    assert jordan["met"] == 0 and table.loc["Priya Shah", "met"] == 16
    assert jordan["needs next"].startswith("1.1 (partial)")
    assert jordan["file"].endswith("jupyter-jordan/workbook/portfolio/portfolio.sqlite")
    assert dt.datetime.fromisoformat(jordan["last activity"]).date() == dt.date.today()
    assert all(jordan[f"{c} assessor"] == "" for c in CRITERION_IDS)  # none loaded


class _Cells(HTMLParser):
    """The heat map's body rows: learner -> [(class, words)] per criterion cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[tuple[str, str]]] = {}
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self._cell: tuple[str, str, list[str]] | None = None
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        if tag in ("th", "td"):
            self._cell = (tag, dict(attrs).get("class") or "", [])

    def handle_data(self, data: str) -> None:
        if self._cell:
            self._cell[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell:
            kind, cls, words = self._cell
            text = " ".join("".join(words).split())
            if kind == "th" and self.attrs and self._is_row_header(text):
                self._row = text
                self.rows[text] = []
            elif kind == "td" and self._row and cls.startswith("nk-c-"):
                self.rows[self._row].append((cls, text))
            self._cell = None
        if tag == "tr":
            self._row = None

    def _is_row_header(self, text: str) -> bool:
        return text.endswith("[EXAMPLE]")


def test_html_page_is_a_heat_map_with_words_in_every_cell(
        run_cli: Callable[..., Run], homes: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.html"
    (tmp_path / "bad.sqlite").write_text("not a portfolio", encoding="utf-8")
    done = run_cli("cohort", str(homes), str(tmp_path / "bad.sqlite"), "--html", str(out))
    assert done.code == 0, done.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in page
    assert "<caption>" in page and '<th scope="col">1.1</th>' not in page  # titled headers
    assert re.search(r'<th scope="col" title="Describe the interpersonal skills[^"]*">1\.1'
                     r"</th>", page)
    assert '<th scope="row">Priya Shah [EXAMPLE]</th>' in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    cells = _Cells()
    cells.feed(page)
    assert cells.rows[PRIYA] == [("nk-c-met", "met")] * 16
    assert cells.rows[JORDAN] == [(f"nk-c-{s}", s) for s in JORDAN_STATUS.values()]
    # the colours: Okabe-Ito blue and orange, and the key says which is which
    assert ".nk-cohort .nk-c-met{background:#0072B2;color:#ffffff}" in page
    assert ".nk-cohort .nk-c-partial{background:#E69F00;color:#000000}" in page
    assert "1.1 (partial): one skill described" in page
    assert f"<code>{tmp_path / 'bad.sqlite'}</code>: not a netkit portfolio" in page


# -- the notebook's filters -----------------------------------------------------------------
def test_filters_narrow_the_heat_map() -> None:
    from netkit.widgets.cohort import CohortView

    view = CohortView(read_cohort(example_learners()))
    assert [s.label for s in view.refresh().learners] == [JORDAN, PRIYA]
    view.criterion.value = "3.2"
    view.status.value = "missing"
    shown = view.shown()
    assert [s.label for s in shown.learners] == [JORDAN] and shown.criteria == ("3.2",)
    assert ">3.2</th>" in view.table.value and ">3.1</th>" not in view.table.value
    assert "1 of 2 learners shown" in view.count.value
    view.status.value = "all"
    view.criterion.value = "all"
    view.learner.value = "priya"
    assert [s.label for s in view.shown().learners] == [PRIYA]
    assert "Jordan" not in view.table.value


def test_status_filter_without_a_criterion_keeps_learners_with_it_anywhere() -> None:
    cohort = read_cohort(example_learners())
    assert [s.label for s in cohort.filtered(status="partial").learners] == [JORDAN]
    assert [s.label for s in cohort.filtered(status="met").learners] == [PRIYA]
    assert cohort.filtered(criterion="2.2", status="met").criteria == ("2.2",)
    assert isinstance(cohort.filtered(), Cohort)


def test_cohort_notebook_runs_and_shows_both_example_learners(tmp_path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(REPO / "notebooks" / "tutor" / "cohort.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", ""))
                      for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "Cohort view: 2 learners." in shown
    assert "Jordan Blake (fictional) [EXAMPLE]" in shown  # the heat map's static copy
    assert "nk-c-partial" in shown
    assert "Priya Shah" in shown and "nothing: every criterion is met" in shown


# -- the assessor's decisions ---------------------------------------------------------------
def test_assessor_decisions_loaded_show_beside_the_criterion(
        run_cli: Callable[..., Run], homes: Path, tmp_path: Path) -> None:
    from netkit.assess import LoadedDecision

    def decide(user: str, learner: str, criterion: str, outcome: str) -> None:
        path = homes / user / "workbook" / "portfolio" / "portfolio.sqlite"
        with Portfolio.open(path) as portfolio:
            portfolio.save(LoadedDecision(
                criterion=criterion, outcome=outcome, decided_on="2025-11-20",
                feedback="Add a second shortlisted network's scores.",
                assessor="Helen Marsh (fictional)", learner=learner, export="ab" * 32))

    decide("jupyter-priya", "Priya Shah", "2.1", "met")
    decide("jupyter-jordan", "Jordan Blake (fictional)", "2.2", "not yet met")
    out = tmp_path / "cohort.csv"
    done = run_cli("cohort", str(homes), "--csv", str(out), "--html", str(tmp_path / "c.html"))
    assert done.code == 0, done.err
    found = statuses(done.out)
    assert found[PRIYA]["2.1"] == "met; assessor: met"
    assert found[PRIYA]["2.2"] == "met"  # no decision loaded for it
    assert found[JORDAN]["2.2"] == "partial; assessor: not yet met"
    summary = tables(done.out)["Last activity and what each learner needs next"]
    assert summary[JORDAN]["needs next"] == (
        "2.2 (assessor: not yet met - Add a second shortlisted network's scores.)")
    table = pd.read_csv(out, keep_default_na=False).set_index("learner")
    assert table.loc["Priya Shah", "2.1 assessor"] == "met"
    assert table.loc["Jordan Blake (fictional)", "2.2 assessor"] == "not yet met"
    assert table.loc["Jordan Blake (fictional)", "2.1 assessor"] == ""
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert '<span class="nk-assessor">assessor: not yet met</span>' in page


def test_an_older_portfolio_is_read_from_an_upgraded_copy_and_left_as_it_was(
        run_cli: Callable[..., Run], tmp_path: Path) -> None:
    old = tmp_path / "home" / "jupyter-early" / "portfolio.sqlite"
    old.parent.mkdir(parents=True)
    shutil.copy2(FIXTURES / "portfolio-v1.sqlite", old)

    def version() -> int:
        db = sqlite3.connect(f"{old.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return int(db.execute("PRAGMA user_version").fetchone()[0])
        finally:
            db.close()

    assert version() == 1 < SCHEMA_VERSION  # written by the v1 code: this netkit upgrades it
    before = state(tmp_path / "home")
    done = run_cli("cohort", str(tmp_path / "home"))
    assert done.code == 0, done.err
    assert "Not read" not in done.out
    (learner,) = read_cohort([old]).learners
    assert learner.source == old and learner.last_activity is not None
    assert state(tmp_path / "home") == before  # not upgraded in place: never written
    assert version() == 1


def test_a_home_that_cannot_be_searched_is_listed_not_skipped(
        homes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import netkit.cohort

    walk = os.walk
    locked = homes / "jupyter-sam"
    locked.mkdir()

    def walk_as_tutor(top: Any, onerror: Any = None) -> Any:  # root reads every home
        for root, dirs, files in walk(top, onerror=onerror):
            if Path(root) == locked:
                onerror(PermissionError(13, "Permission denied", str(locked)))
                dirs[:] = []
                continue
            yield root, dirs, files

    monkeypatch.setattr(netkit.cohort.os, "walk", walk_as_tutor)
    cohort = read_cohort([homes])
    assert [s.label for s in cohort.learners] == [JORDAN, PRIYA]
    assert [(n.source, n.reason) for n in cohort.not_read] == [
        (locked, "cannot be searched: Permission denied")]
    assert f"{locked}: cannot be searched: Permission denied" in cohort.text()


def test_a_snapshot_reads_fields_as_the_portfolio_does(tmp_path: Path) -> None:
    """The cohort reads each portfolio once: the counters' Portfolio.fields come from that
    one read, with what the file itself would give."""
    from netkit.cohort import _Snapshot

    path = tmp_path / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
        direct = portfolio.fields("contact", "name", "interests", "networks", "nothing")
    with _Snapshot.open(path, via="cohort", read_only=True, strict=True) as snapshot:
        assert snapshot.fields("contact", "name", "interests", "networks", "nothing") \
            == direct
        assert len(direct) >= 5 and any(row[2] for row in direct)  # interests, as lists
