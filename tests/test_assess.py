"""The assessor's side: decisions on an export, the decision record, feedback a learner loads.

The export each test reviews is built as ``netkit export`` builds one, without running the
notebooks: the real evidence pack of the example learner, a page per notebook, and the
manifest written by the export's own code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from netkit import assess, export
from netkit.assess import (
    AssessmentPlan,
    CriterionDecision,
    IQASample,
    LoadedDecision,
    OutcomeSignoff,
    PlanItem,
    decisions_for,
    feedback_document,
    loaded_decisions,
)
from netkit.cli import load_example
from netkit.coverage import coverage
from netkit.criteria import CRITERIA
from netkit.exceptions import ExportManifestError, ValidationError
from netkit.feedback import feedback_html
from netkit.grid import pack_grid
from netkit.manifest import read_manifest, verify_export
from netkit.model import Learner
from netkit.pack import NotebookFile, evidence_pack
from netkit.store import Portfolio
from netkit.widgets.review import DecisionForm, open_review

STEMS = ("01-principles-of-networking", "02-identify-networks", "03-maintain-networks",
         "04-evidence")
EXPORTED = dt.date(2026, 11, 28)


def flat(text: str) -> str:
    """Printed text as one line (messages are wrapped at 88 columns)."""
    return " ".join(text.split())


def change_something(learner_portfolio: Path) -> None:
    """The learner works on: the next export differs from the last."""
    with Portfolio.open(learner_portfolio) as portfolio:
        details = portfolio.load(Learner) or Learner()
        details.employer += " (renamed)"
        portfolio.save(details)


def make_export(learner_portfolio: Path, folder: Path) -> Path:
    """An export of the portfolio: its evidence pack, a page per notebook, the manifest."""
    folder.mkdir(parents=True)
    with Portfolio.open(learner_portfolio) as portfolio:
        files = {stem: NotebookFile(stem, {}) for stem in STEMS}
        page = evidence_pack(portfolio, files, date=EXPORTED, redaction="test export")
        learner = (portfolio.load(Learner) or Learner()).name
        example = portfolio.is_example
    (folder / "evidence-pack.html").write_text(page, encoding="utf-8")
    names = ["evidence-pack.html"]
    for stem in STEMS:
        (folder / f"{stem}.html").write_text(f"<html><body>{stem}</body></html>",
                                             encoding="utf-8")
        names.append(f"{stem}.html")
    export.write_manifest(folder, names, learner=learner, example=example,
                          mode="test export", notebooks=[f"{s}.ipynb" for s in STEMS],
                          date=EXPORTED)
    return folder


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    """The example learner's portfolio (Priya Shah)."""
    path = tmp_path / "learner" / "portfolio" / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
    return path


@pytest.fixture
def export_dir(learner: Path, tmp_path: Path) -> Path:
    return make_export(learner, tmp_path / "learner" / "exports" / EXPORTED.isoformat())


@pytest.fixture
def assessor_path(tmp_path: Path) -> Path:
    return tmp_path / "assessor" / "assessor-portfolio.sqlite"


def decide(form: DecisionForm, outcome: str, feedback: str = "",
           qualities: tuple[str, ...] = assess.QUALITIES, assessor: str = "Sam Jones",
           day: str = "30/11/2026") -> None:
    form.fields["outcome"].value = outcome
    form.fields["qualities"].value = qualities
    form.fields["feedback"].value = feedback
    form.fields["assessor"].value = assessor
    form.fields["decided_on"].value = day


def decide_all(export_dir: Path, assessor_path: Path, not_yet: dict[str, str]) -> None:
    """Decide every criterion: met, except those in ``not_yet`` (with their feedback)."""
    review = open_review(export_dir, assessor_path)
    try:
        for c in CRITERIA:
            form = review.criterion(c.id)
            if c.id in not_yet:
                decide(form, "not yet met", not_yet[c.id], qualities=("valid", "authentic"))
            else:
                decide(form, "met", "Clear, dated evidence.")
            form.save()
    finally:
        review.portfolio.close()


# -- the export and its manifest ----------------------------------------------------------
def test_verify_export_names_the_files_changed_missing_and_added(export_dir: Path) -> None:
    checked = verify_export(export_dir)
    assert checked.ok and checked.summary() == "all 5 files match"
    (export_dir / "02-identify-networks.html").write_text("edited", encoding="utf-8")
    (export_dir / "04-evidence.html").unlink()
    (export_dir / "extra.pdf").write_bytes(b"%PDF")
    (export_dir / ".DS_Store").write_bytes(b"desktop")  # hidden: not part of an export
    checked = verify_export(export_dir)
    assert (checked.changed, checked.missing, checked.added) == (
        ("02-identify-networks.html",), ("04-evidence.html",), ("extra.pdf",))
    assert not checked.ok
    assert "changed: 02-identify-networks.html" in str(checked.error())


def test_manifest_digest_is_the_sha256_of_manifest_json(export_dir: Path) -> None:
    import hashlib

    manifest = read_manifest(export_dir)
    assert manifest.digest == hashlib.sha256(
        (export_dir / "manifest.json").read_bytes()).hexdigest()
    assert (manifest.learner, manifest.date) == ("Priya Shah", "2026-11-28")


def test_a_folder_that_is_no_export_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ExportManifestError, match=r"holds no manifest\.json"):
        verify_export(tmp_path)
    (tmp_path / "manifest.json").write_text('{"files": {"../../etc/passwd": '
                                            '{"sha256": "' + "0" * 64 + '"}}, '
                                            '"format": "netkit-export"}', encoding="utf-8")
    with pytest.raises(ExportManifestError, match="not a file inside the export folder"):
        verify_export(tmp_path)


def test_the_pack_grid_is_read_back_from_the_export(export_dir: Path, learner: Path) -> None:
    grid = pack_grid(export_dir)
    with Portfolio.open(learner) as portfolio:
        statuses = {row.id: row.status for row in coverage(portfolio)}
    assert {cid: row.status for cid, row in grid.items()} == statuses
    assert ("03-maintain-networks.html", "03-maintain-networks.html") in grid["3.1"].links
    assert any("Gareth Hughes" in item for item in grid["3.1"].items)
    assert grid["3.4"].refs and grid["3.4"].refs[0].startswith("E")  # its references
    assert "Building rapport Active listening" in grid["1.1"].cells["Evidence"]  # kept apart


# -- decisions in the assessor's portfolio -------------------------------------------------
def test_a_decision_is_saved_in_the_assessors_portfolio_and_read_back(
        export_dir: Path, assessor_path: Path, learner: Path) -> None:
    before = learner.read_bytes()
    review = open_review(export_dir, assessor_path)
    form = review.criterion("3.1")
    decide(form, "not yet met", "Add a second dated interaction with Sam Whitfield.",
           qualities=("valid", "authentic", "current"))
    form.fields["response"].value = "I will meet Sam in December."
    saved = form.save()
    assert "Saved" in form.status.value
    review.portfolio.close()

    with Portfolio.open(assessor_path) as portfolio:
        found = decisions_for(portfolio, read_manifest(export_dir).digest)
        assert list(found) == ["3.1"]
        decision = found["3.1"]
        assert decision == saved
        assert (decision.outcome, decision.qualities, decision.decided_on) == (
            "not yet met", ("valid", "authentic", "current"), "2026-11-30")
        assert decision.learner == "Priya Shah"
        assert decision.response == "I will meet Sam in December."
        reviewed = portfolio.all(assess.ReviewedExport)
        assert [r.folder for r in reviewed] == [str(export_dir.resolve())]
    # A new form on the same export shows what was saved; the learner's file is untouched.
    review = open_review(export_dir, assessor_path)
    again = review.criterion("3.1")
    assert again.fields["feedback"].value.startswith("Add a second dated")
    assert again.fields["qualities"].value == ("valid", "authentic", "current")
    assert "Add a second dated interaction" in again.static_html()
    assert review.criterion("3.2").fields["assessor"].value == "Sam Jones"  # typed before
    review.portfolio.close()
    assert learner.read_bytes() == before


def test_a_resubmission_shows_the_earlier_decision_beside_the_evidence(
        export_dir: Path, assessor_path: Path, learner: Path, tmp_path: Path) -> None:
    review = open_review(export_dir, assessor_path)
    form = review.criterion("3.1")
    decide(form, "not yet met", "Add a second dated interaction.", qualities=("valid",))
    form.fields["response"].value = "Met Sam again on 2 Dec."
    form.save()
    assert "Your earlier decision" not in review.evidence_html("3.1")
    review.portfolio.close()

    change_something(learner)
    again = make_export(learner, tmp_path / "resubmitted")  # a new export, a new manifest
    review = open_review(again, assessor_path)
    assert review.export != read_manifest(export_dir).digest
    shown = html.unescape(re.sub(r"<[^>]+>", "", review.evidence_html("3.1")))
    assert "Your earlier decision (export of 28 Nov 2026, decided 30 Nov 2026): not yet " \
           "met - Add a second dated interaction." in shown
    assert "Learner's response: Met Sam again on 2 Dec." in shown
    assert "Your earlier decision" not in review.evidence_html("3.2")
    assert review.criterion("3.1").fields["outcome"].value == ""  # decided afresh
    review.portfolio.close()


def test_met_needs_every_quality_ticked_and_not_yet_met_needs_feedback(
        export_dir: Path, assessor_path: Path) -> None:
    review = open_review(export_dir, assessor_path)
    form = review.criterion("2.1")
    decide(form, "met", qualities=("valid", "authentic"))
    with pytest.raises(ValidationError):
        form.save()
    assert "tick current, sufficient, reliable" in form.errors["qualities"].value
    decide(form, "not yet met", "")
    with pytest.raises(ValidationError):
        form.save()
    assert "say what the learner needs to do" in form.errors["feedback"].value
    assert decisions_for(review.portfolio, review.export) == {}
    review.portfolio.close()


def test_no_decision_is_saved_on_an_export_that_does_not_match_its_manifest(
        export_dir: Path, assessor_path: Path) -> None:
    (export_dir / "03-maintain-networks.html").write_text("changed", encoding="utf-8")
    review = open_review(export_dir, assessor_path)
    assert not review.checked.ok
    assert "changed: 03-maintain-networks.html" in review.summary_html()
    form = review.criterion("3.1")
    decide(form, "met")
    with pytest.raises(ValidationError, match="do not match its manifest"):
        form.save()
    assert review.portfolio.all(CriterionDecision) == []
    assert review.portfolio.all(assess.ReviewedExport) == []
    review.portfolio.close()


def test_an_outcome_is_signed_off_only_once_all_its_criteria_are_met(
        export_dir: Path, assessor_path: Path) -> None:
    decide_all(export_dir, assessor_path, {"1.3": "Conclude on usefulness."})
    review = open_review(export_dir, assessor_path)
    one = review.signoff(1)
    one.fields["assessor"].value = "Sam Jones"
    one.fields["signed_on"].value = "30 Nov 2026"
    with pytest.raises(ValidationError):
        one.save()
    assert "criterion 1.3 is not decided 'met'" in html.unescape(one.status.value)
    two = review.signoff(2)
    two.fields["assessor"].value = "Sam Jones"
    two.fields["signed_on"].value = "30 Nov 2026"
    saved = two.save()
    assert isinstance(saved, OutcomeSignoff) and saved.signed_on == "2026-11-30"
    assert "Signed off by <b>Sam Jones</b>" in review.signoff(2).static_html()
    review.portfolio.close()


def test_iqa_sampling_needs_who_when_and_the_outcome(export_dir: Path,
                                                      assessor_path: Path) -> None:
    review = open_review(export_dir, assessor_path)
    form = review.iqa()
    form.fields["sampled"].value = True
    with pytest.raises(ValidationError):
        form.save()
    assert form.errors["iqa"].value and form.errors["sampled_on"].value
    assert form.errors["outcome"].value
    form.fields["iqa"].value = "Alex Moore"
    form.fields["sampled_on"].value = "30/11/2026"
    form.fields["outcome"].value = "decision agreed"
    form.save()
    saved = review.portfolio.load(IQASample, IQASample(export=review.export).key)
    assert saved is not None and (saved.iqa, saved.outcome) == ("Alex Moore",
                                                                 "decision agreed")
    review.portfolio.close()


def test_the_assessment_plan_is_the_learners_and_looks_ahead(export_dir: Path,
                                                              assessor_path: Path) -> None:
    review = open_review(export_dir, assessor_path)
    form = review.plan()
    methods, when = form.rows["3.4"]
    methods.value = "observation; professional discussion"
    when.value = "15/01/2027"  # a plan may look ahead
    form.fields["agreed"].value = True
    with pytest.raises(ValidationError):
        form.save()  # agreed, but not when
    form.fields["agreed_on"].value = "30/11/2026"
    form.save()
    plan = review.portfolio.load(AssessmentPlan, assess.plan_key("priya  SHAH"))
    assert plan is not None and plan.items == [
        PlanItem("3.4", "observation; professional discussion", "2027-01-15")]
    assert plan.agreed_on == "2026-11-30"
    review.portfolio.close()


# -- the decision record and the learner's feedback ----------------------------------------
def status_json(run_cli: Callable[..., Run], learner: Path) -> dict[str, Any]:
    done = run_cli("status", "--json", "--portfolio", str(learner))
    assert done.code == 0, done.err
    return {c["id"]: c for c in json.loads(done.out)["criteria"]}


def test_feedback_goes_from_the_assessors_portfolio_to_the_learners(
        export_dir: Path, assessor_path: Path, learner: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    decide_all(export_dir, assessor_path,
               {"3.1": "Add a second dated interaction with each member."})
    record = tmp_path / "assessor" / "record.json"
    done = run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path))
    assert done.code == 0, done.err
    assert "Priya Shah: 16 decisions (15 met, 1 not yet met)" in flat(done.out)
    written = json.loads(record.read_text(encoding="utf-8"))
    assert written["learner"] == "Priya Shah"
    assert written["export"]["manifest_sha256"] == read_manifest(export_dir).digest
    assert "iqa" not in written  # the IQA record stays with the assessor
    assert written["example"] is True  # the fictional example learner's export
    with Portfolio.open(assessor_path) as records:
        doc = feedback_document(records, assessor_path)
    assert doc.example and "EXAMPLE - not learner evidence" in feedback_html(doc)
    assert "EXAMPLE - not learner evidence" not in feedback_html(
        dataclasses.replace(doc, example=False))

    done = run_cli("feedback", "load", str(record), "--portfolio", str(learner),
                   "--export", str(export_dir))
    assert done.code == 0, done.err
    assert "Loaded 16 decisions by Sam Jones (15 met, 1 not yet met)" in flat(done.out)
    assert "checked against the export" in flat(done.out)

    done = run_cli("status", "--portfolio", str(learner))
    assert "assessor: not yet met - Add a second dated interaction with each member." \
        in flat(done.out)
    criteria = status_json(run_cli, learner)
    assert criteria["3.1"]["assessor"]["outcome"] == "not yet met"
    assert criteria["3.1"]["status"] in ("met", "partial", "missing")  # netkit's own, kept
    assert criteria["2.1"]["assessor"]["outcome"] == "met"

    # A later decision replaces it on show; the first stays in the history.
    review = open_review(export_dir, assessor_path)
    form = review.criterion("3.1")
    decide(form, "met", "Now two dated interactions per member.")
    form.save()
    review.portfolio.close()
    assert run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path)).code == 0
    assert run_cli("feedback", "load", str(record), "--portfolio", str(learner)).code == 0
    with Portfolio.open(learner) as portfolio:
        latest = loaded_decisions(portfolio)["3.1"]
        assert (latest.outcome, latest.feedback) == ("met",
                                                     "Now two dated interactions per member.")
        outcomes = [r.data["outcome"] for r in portfolio.history(LoadedDecision.KIND, "3.1")]
        assert outcomes == ["not yet met", "met"]
        assert len(portfolio.history(assess.FeedbackFile.KIND, "main")) == 2


def test_feedback_shows_beside_the_criterion_in_the_notebooks(
        export_dir: Path, assessor_path: Path, learner: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    from netkit.progress_view import progress_html
    from netkit.widgets.views import status_html

    decide_all(export_dir, assessor_path, {"2.2": "Justify the weights you chose."})
    record = tmp_path / "record.json"
    assert run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path)).code == 0
    assert run_cli("feedback", "load", str(record), "--portfolio", str(learner)).code == 0
    with Portfolio.open(learner) as portfolio:
        assert "assessor: not yet met - Justify the weights you chose." in \
            status_html(portfolio, "2.2")
        assert "Justify the weights you chose." in progress_html(portfolio)


def test_feedback_for_another_learner_is_refused(
        export_dir: Path, assessor_path: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    decide_all(export_dir, assessor_path, {})
    record = tmp_path / "record.json"
    assert run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path)).code == 0
    other = tmp_path / "other.sqlite"
    assert run_cli("init", "--learner", "Jo Bloggs", "--portfolio", str(other)).code == 0
    done = run_cli("feedback", "load", str(record), "--portfolio", str(other))
    assert done.code == 2
    assert "for 'Priya Shah', but this portfolio is 'Jo Bloggs'" in flat(done.err)
    assert "Traceback" not in done.err
    with Portfolio.open(other) as portfolio:
        assert portfolio.all(LoadedDecision) == []
        assert portfolio.load(assess.FeedbackFile) is None


def test_feedback_for_an_export_changed_since_is_refused_on_both_sides(
        export_dir: Path, assessor_path: Path, learner: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    decide_all(export_dir, assessor_path, {})
    record = tmp_path / "record.json"
    assert run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path)).code == 0
    (export_dir / "03-maintain-networks.html").write_text("rewritten", encoding="utf-8")
    # The learner's side: found where the learner exported it (exports/<date>/).
    done = run_cli("feedback", "load", str(record), "--portfolio", str(learner),
                   env={"NETKIT_EXPORTS": str(export_dir.parent)})
    assert done.code == 2, done.out
    assert ("has files changed since it was judged (changed: 03-maintain-networks.html). "
            "Nothing was saved") in flat(done.err)
    with Portfolio.open(learner) as portfolio:
        assert loaded_decisions(portfolio) == {}
    # The assessor's side: writing the record again checks the export first.
    done = run_cli("feedback", "--out", str(tmp_path / "again.json"),
                   "--assessor-portfolio", str(assessor_path))
    assert done.code == 2
    assert "does not match its manifest.json (changed: 03-maintain-networks.html)" in flat(done.err)
    assert not (tmp_path / "again.json").exists()


def test_feedback_for_a_re_exported_folder_is_refused(
        export_dir: Path, assessor_path: Path, learner: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    decide_all(export_dir, assessor_path, {})
    record = tmp_path / "record.json"
    assert run_cli("feedback", "--out", str(record), "--assessor-portfolio",
                   str(assessor_path)).code == 0
    shutil.rmtree(export_dir)
    change_something(learner)
    make_export(learner, export_dir)  # exported again, after more work: a new manifest
    done = run_cli("feedback", "load", str(record), "--portfolio", str(learner),
                   "--export", str(export_dir))
    assert done.code == 2
    assert "is another export" in flat(done.err)


def test_a_file_that_is_no_feedback_is_refused(learner: Path, tmp_path: Path,
                                               run_cli: Callable[..., Run]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "netkit-portfolio"}', encoding="utf-8")
    done = run_cli("feedback", "load", str(bad), "--portfolio", str(learner))
    assert done.code == 2 and "not an assessment decision record" in flat(done.err)
    bad.write_text("not json", encoding="utf-8")
    done = run_cli("feedback", "load", str(bad), "--portfolio", str(learner))
    assert done.code == 2 and "not a JSON file" in flat(done.err)
    done = run_cli("feedback", "--out", str(tmp_path / "x.json"), "--assessor-portfolio",
                   str(tmp_path / "none.sqlite"))
    assert done.code == 2 and "holds no decision yet" in flat(done.err)
    assert "Traceback" not in done.err and not (tmp_path / "none.sqlite").exists()


def test_the_decision_record_is_html_pdf_and_json(
        export_dir: Path, assessor_path: Path, tmp_path: Path,
        run_cli: Callable[..., Run]) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    try:
        from netkit.pdf import find_chromium

        find_chromium()
    except Exception:
        pytest.skip("no Chromium to print PDFs")
    decide_all(export_dir, assessor_path, {"1.3": "Conclude on how useful each was."})
    review = open_review(export_dir, assessor_path)
    sign = review.signoff(2)
    sign.fields["assessor"].value = "Sam Jones"
    sign.fields["signed_on"].value = "30/11/2026"
    sign.save()
    review.portfolio.close()
    done = run_cli("feedback", "--out", str(tmp_path / "decision-record"),
                   "--assessor-portfolio", str(assessor_path))
    assert done.code == 0, done.err
    for suffix in ("html", "pdf", "json"):
        assert (tmp_path / f"decision-record.{suffix}").is_file()
    page = (tmp_path / "decision-record.html").read_text(encoding="utf-8")
    assert "Conclude on how useful each was." in page and "<script" not in page
    text = flat(subprocess.run(["pdftotext", str(tmp_path / "decision-record.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout)
    assert "Assessment decision record" in text
    assert "not yet met" in text and "Conclude on how useful each was." in text
    assert "Signed off by Sam Jones" in text
    assert "Not sampled for internal quality assurance" in text


# -- the assessor's notebook is not the learner's -------------------------------------------
def test_workbook_does_not_copy_the_review_notebook_unless_asked(
        tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    assert run_cli("workbook", str(tmp_path / "learner")).code == 0
    assert not list((tmp_path / "learner").rglob("review.ipynb"))
    done = run_cli("workbook", "--assessor", str(tmp_path / "assessor"))
    assert done.code == 0, done.err
    from netkit.resources import review_notebook

    assert (tmp_path / "assessor" / "review.ipynb").read_bytes() == \
        review_notebook().read_bytes()


def test_the_review_notebook_has_the_parameters_cell() -> None:
    import nbformat

    from netkit.resources import review_notebook

    nb = nbformat.read(review_notebook(), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert "export_dir = None" in params[0].source
    sources = "\n".join(c.source for c in nb.cells)
    for c in CRITERIA:
        assert f'review.criterion("{c.id}")' in sources


def test_the_review_notebook_ships_in_the_wheel() -> None:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    root = Path(__file__).resolve().parent.parent
    with (root / "pyproject.toml").open("rb") as handle:
        data = tomllib.load(handle)["tool"]["setuptools"]["package-data"]
    assert "assessor/*.ipynb" in data["netkit.notebooks"]
    assert (root / "notebooks" / "assessor" / "review.ipynb").is_file()


@pytest.mark.slow
def test_the_review_notebook_runs_headless_and_shows_saved_decisions(
        export_dir: Path, assessor_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from $NETKIT_REVIEW: every criterion's evidence and its saved decision show in
    the notebook's outputs (so a saved notebook keeps them)."""
    import nbformat
    from nbclient import NotebookClient

    from netkit.resources import review_notebook

    decide_all(export_dir, assessor_path, {"3.4": "Record the other party's confirmation."})
    monkeypatch.setenv("NETKIT_REVIEW", str(export_dir))
    monkeypatch.setenv("NETKIT_ASSESSOR_PORTFOLIO", str(assessor_path))
    nb = nbformat.read(review_notebook(), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "\n".join(str(out.get("data", {}).get("text/html", ""))
                      for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)
    assert "all 5 files match" in shown
    assert "Record the other party&#x27;s confirmation." in shown
    assert "Gareth Hughes" in shown  # 3.1's evidence, from the pack's grid
    assert shown.count("Your decision on") == len(CRITERIA)
    assert not (tmp_path / "assessor-portfolio.sqlite").exists()  # the one named was used
