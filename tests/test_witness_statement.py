"""``netkit witness-statement``: the testimony as a statement for the witness to sign, its
signed copy (an attachment's reference), and how the pack marks each testimony."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit.exceptions import ValidationError
from netkit.model import Discussion, Learner, Witness
from netkit.pack import evidence_pack
from netkit.store import Portfolio
from netkit.widgets import DiscussionForm, WitnessForm

Run = Any  # conftest.Run: code, out, err
STATEMENT = "Priya introduced our IT manager to a peer <b>at CILT</b> & it saved a visit."


@pytest.fixture
def saved(portfolio: Portfolio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
          ) -> Portfolio:
    """Priya's portfolio with Mark Ellis's testimony; the current folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    portfolio.save(Learner(name="Priya Shah", employer="Northgate Logistics",
                           centre="Leeds College of Management",
                           qualification="Level 4 Diploma in Management"))
    portfolio.save(Witness(id="w1", name="Mark Ellis", role="Operations Director",
                           relationship="My line manager since 2022", statement=STATEMENT,
                           date="2025-10-14", criteria=["3.7", "2.2"]))
    return portfolio


def attached(portfolio: Portfolio, folder: Path, name: str = "signed.pdf") -> str:
    """Attach a (tiny) signed copy; returns the reference netkit gave it."""
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    _record, ref = portfolio.attach(path, title="Witness statement, signed", criteria=["3.7"])
    return ref


def test_writes_the_statement_as_html_named_after_the_witness(
        saved: Portfolio, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    run = run_cli("witness-statement", "mark  ELLIS")  # the name as typed: any case
    assert run.code == 0, run.err
    path = tmp_path / "witness-mark-ellis.html"
    assert str(path) in run.out
    page = path.read_text(encoding="utf-8")
    assert "<b>at CILT</b>" not in page  # what the learner typed is escaped
    assert "peer &lt;b&gt;at CILT&lt;/b&gt; &amp; it saved a visit." in page
    for words in ("What a witness statement is for", "How your details are used (UK GDPR)",
                  "Who sees it:", "How long it is kept:", "Your rights:",
                  "Leeds College of Management", "Level 4 Diploma in Management",
                  "Make introductions to people with common or complementary interest",
                  "Confirmation by the witness", "Signature", "My line manager since 2022"):
        assert words in page, words


def test_the_key_may_be_the_testimony_key(saved: Portfolio, tmp_path: Path,
                                          run_cli: Callable[..., Run]) -> None:
    run = run_cli("witness-statement", "w1", "--out", "mark.htm")
    assert run.code == 0, run.err
    assert "Mark Ellis" in (tmp_path / "mark.htm").read_text(encoding="utf-8")


def test_an_unknown_witness_exits_2_naming_the_saved_ones(
        saved: Portfolio, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    run = run_cli("witness-statement", "Dana Lee")
    assert run.code == 2
    assert "no witness testimony called 'Dana Lee'" in run.err
    assert "Saved testimonies: Mark Ellis." in " ".join(run.err.split())
    assert "Traceback" not in run.err
    assert list(tmp_path.glob("witness-*")) == []


def test_a_deleted_witness_says_how_to_bring_it_back(
        saved: Portfolio, run_cli: Callable[..., Run]) -> None:
    saved.delete("witness", "w1")
    run = run_cli("witness-statement", "Mark Ellis")
    assert run.code == 2 and "was deleted" in run.err and "Undo delete" in run.err


@pytest.mark.parametrize(("out", "phrase"), [
    ("statement.docx", "ending in .html or .pdf"),
    ("no/such/folder/statement.html", "cannot write"),
])
def test_a_file_it_cannot_write_exits_2_and_writes_nothing(
        saved: Portfolio, tmp_path: Path, run_cli: Callable[..., Run], out: str,
        phrase: str) -> None:
    run = run_cli("witness-statement", "Mark Ellis", "--out", out)
    assert run.code == 2 and phrase in " ".join(run.err.split())
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []


@pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdftotext") is None,
                    reason="needs Chromium and poppler-utils")
def test_the_pdf_holds_the_statement_and_the_briefing(
        saved: Portfolio, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    run = run_cli("witness-statement", "Mark Ellis", "--out", "statement.pdf")
    assert run.code == 0, run.err
    path = tmp_path / "statement.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Witness statement" in flat
    assert "How your details are used (UK GDPR)" in flat
    assert "peer <b>at CILT</b> & it saved a visit." in flat  # shown as typed, not as HTML
    assert "Priya Shah - J/506/1949" in flat  # the running header of every page
    assert not list(tmp_path.glob(".*.part"))  # no half-written file left


def test_a_signed_copy_is_an_evidence_reference_the_portfolio_holds(
        saved: Portfolio, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        saved.save(Witness(name="Dana Lee", statement="S", date="2025-10-01",
                           signed_copy="twelve"))
    assert caught.value.field == "signed_copy"
    with pytest.raises(ValidationError) as caught:
        saved.save(Witness(name="Dana Lee", statement="S", date="2025-10-01",
                           signed_copy="E99"))
    assert "E99" in str(caught.value)
    ref = attached(saved, tmp_path)
    signed = saved.load(Witness, "w1")
    assert signed is not None
    signed.signed_copy = ref.lower()  # typed "e12": stored "E12"
    saved.save(signed)
    reloaded = saved.load(Witness, "w1")
    assert reloaded is not None and reloaded.signed_copy == ref


def test_the_pack_marks_signed_and_unconfirmed_testimonies(saved: Portfolio,
                                                           tmp_path: Path) -> None:
    ref = attached(saved, tmp_path)
    saved.save(Witness(id="w2", name="Dana Lee", statement="Dana saw Priya chair the forum.",
                       date="2025-10-20", criteria=["3.2"], signed_copy=ref))
    pack = evidence_pack(saved, {}, date=dt.date(2026, 11, 30), redaction="none")
    mark = pack[pack.index("<h3>Mark Ellis</h3>"):pack.index("<h3>Dana Lee</h3>")]
    dana = pack[pack.index("<h3>Dana Lee</h3>"):]
    assert "Not yet confirmed by the witness" in mark
    assert f"Signed by the witness ({ref})" in dana
    assert "Not yet confirmed" not in dana


def test_the_witness_form_saves_the_signed_copy(saved: Portfolio, tmp_path: Path) -> None:
    ref = attached(saved, tmp_path)
    form = WitnessForm(saved)
    form.fields["signed_copy"].value = ref  # the new testimony on show
    for name, value in (("name", "Dana Lee"), ("statement", "Dana saw it."),
                        ("date", "2025-10-20")):
        form.fields[name].value = value
    form.fields["criteria"].value = ("3.2",)
    witness = form.save()
    assert isinstance(witness, Witness) and witness.signed_copy == ref
    shown = form.static_html()
    assert f"signed by the witness ({ref})" in shown
    assert "not yet confirmed by the witness" in shown  # Mark Ellis's


def test_a_discussion_names_the_assessors_record_as_the_evidence(
        saved: Portfolio, tmp_path: Path) -> None:
    ref = attached(saved, tmp_path, "assessor-record.pdf")
    form = DiscussionForm(saved)
    for name, value in (("date", "2025-11-03"), ("topics", "Shortlisting criteria"),
                        ("notes", "I will explain my weights."), ("assessor_record", ref)):
        form.fields[name].value = value
    form.fields["criteria"].value = ("2.2",)
    discussion = form.save()
    assert isinstance(discussion, Discussion) and discussion.assessor_record == ref
    saved.save(Discussion(date="2025-11-10", topics="Confidentiality", criteria=["3.4"]))
    pack = evidence_pack(saved, {}, date=dt.date(2026, 11, 30), redaction="none")
    assert f"The assessor's record ({ref})</b> is the evidence" in pack
    assert "the learner's notes below are their preparation, not the" in pack


def test_the_example_learner_has_a_signed_statement_and_the_assessors_record(
        portfolio: Portfolio) -> None:
    from netkit.attachments import Attachment
    from netkit.cli import load_example

    load_example(portfolio)
    stamps = portfolio.stamps()
    signed = stamps[("attachment", "att-ellis-signed")].ref
    record = stamps[("attachment", "att-discussion-record")].ref
    witness = portfolio.load(Witness, "wit-ellis")
    discussion = portfolio.load(Discussion, "disc-2025-11")
    assert witness is not None and witness.signed_copy == signed
    assert discussion is not None and discussion.assessor_record == record
    copy = portfolio.load(Attachment, "att-ellis-signed")
    assert copy is not None
    assert portfolio.attachment_bytes(copy).startswith(b"%PDF")
    pack = evidence_pack(portfolio, {}, date=dt.date(2026, 11, 30), redaction="none")
    assert f"Signed by the witness ({signed})" in pack
    assert f"The assessor's record ({record})</b> is the evidence" in pack
