"""Evidence references and dates in what an export shows, and attachments in an export.

Every record in the notebooks' static copies carries its reference (E7) and its created and
last-changed dates; the evidence pack's grid gives, per criterion, the file and the PDF page
where each reference appears (checked here against poppler's reading of that page, an
independent reader); attachments are copied as attached, confidential ones only listed.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit import widgets
from netkit.cli import load_example
from netkit.export import ExportResult, export
from netkit.store import Portfolio

REPO = Path(__file__).resolve().parent.parent
SHARED = b"Minutes of the branch meeting, 22 October: benchmarking agreed.\n"
SECRET = b"Disciplinary notes: not for anyone's eyes but the assessor's.\n"
SECRET_TITLE = "Grievance notes of Jo Bloggs"


def concrete_forms() -> list[type[widgets.Form]]:
    """Every form class the learner's notebooks display (not the abstract bases, nor the
    assessor's review forms, which work on the assessor's own portfolio)."""
    found: list[type[widgets.Form]] = []
    pending = list(widgets.Form.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__name__ not in {"ListForm", "EntryForm", "AnswerForm"} and cls not in found \
                and cls.__module__ != "netkit.widgets.review":
            found.append(cls)
    return found


@pytest.fixture(scope="module")
def example_portfolio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portfolio]:
    path = tmp_path_factory.mktemp("refs") / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
        yield portfolio


def test_every_record_in_the_static_copies_shows_its_reference_and_dates(
        example_portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    from netkit import render

    stamper = render.stamper

    def counted(portfolio: Any) -> Any:
        reads.append(1)
        return stamper(portfolio)

    for name, module in list(sys.modules.items()):  # each form module's own name for it
        if name.startswith("netkit.widgets.") and getattr(module, "stamper", None) is stamper:
            monkeypatch.setattr(module, "stamper", counted)
    shown = ""
    for cls in concrete_forms():
        form = cls(example_portfolio)
        reads.clear()
        page = form.static_html()
        # one call of the shared renderer per form, however many records it shows
        assert len(reads) <= 1, f"{cls.__name__} read the stamps {len(reads)} times"
        if 'class="nk-stamp"' in page:
            assert reads, f"{cls.__name__} stamps records without render.stamper"
            assert re.search(r"created \d{1,2} [A-Z][a-z]{2} 20\d\d", page), cls.__name__
        shown += page
    stamps = example_portfolio.stamps()
    refs = {s.ref for s in stamps.values() if s.ref}
    assert len(refs) > 40  # the example learner's evidence
    missing = sorted(r for r in refs if f'id="ref-{r}"' not in shown)
    assert not missing, f"references no form shows: {missing}"
    # records that are not evidence (the learner's details, contacts) show their dates
    contacts = sum(kind == "contact" for kind, _key in stamps)
    assert shown.count('<span class="nk-stamp">created ') >= contacts + 1


# -- an export ------------------------------------------------------------------------------
def attach(portfolio: Portfolio, folder: Path) -> tuple[str, str]:
    """A shared and a confidential attachment for 3.4; their references."""
    shared = folder / "Branch minutes (Oct).txt"
    shared.write_bytes(SHARED)
    secret = folder / "grievance.txt"
    secret.write_bytes(SECRET)
    _record, shared_ref = portfolio.attach(shared, title="Branch minutes",
                                           criteria=("3.4",))
    _record, secret_ref = portfolio.attach(secret, title=SECRET_TITLE, criteria=("3.4",),
                                           confidential=True)
    return shared_ref, secret_ref


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[ExportResult, str, str, dict[tuple[str, str], Any]]:
    """Notebooks 03 and 04 of the example learner with two attachments, HTML and PDF."""
    folder = tmp_path_factory.mktemp("refs-export")
    with Portfolio.open(folder / "portfolio.sqlite") as portfolio:
        load_example(portfolio)
        shared, secret = attach(portfolio, folder)
        stamps = portfolio.stamps()
        result = export(portfolio, out=folder / "out", notebooks=("03", "04"), root=REPO,
                        progress=False)
    return result, shared, secret, stamps


def pdf_page(path: Path, page: int) -> str:
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True, timeout=60)
    return " ".join(done.stdout.split())


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60)
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_pack_gives_the_pdf_page_where_each_reference_appears(
        exported: tuple[ExportResult, str, str, dict[tuple[str, str], Any]]) -> None:
    result, _shared, _secret, _stamps = exported
    pack = (result.folder / "evidence-pack.html").read_text("utf-8")
    # each line of references: "[file: ]PDF p. 4: <a href="03-...html#ref-E61">E61</a>, ..."
    found: list[tuple[str, int, str]] = []
    for line in re.findall(r'<div class="nk-refs">.*?</div></div>', pack):
        page = 0
        for number, stem, ref in re.findall(r'PDF p\.&nbsp;(\d+): |href="(0[34]-[a-z-]+)'
                                            r'\.html#ref-(E\d+)"', line):
            page = int(number) if number else page
            if ref:
                assert page, line
                found.append((stem, page, ref))
    assert len({ref for _s, _p, ref in found}) > 15
    for stem, page, ref in found:
        pdf = result.folder / f"{stem}.pdf"
        stamp = re.compile(rf"(?<!\w){ref} · created")
        assert stamp.search(pdf_page(pdf, page)), (ref, stem, page)
        assert not any(stamp.search(pdf_page(pdf, p)) for p in range(1, page)), (ref, page)
    # the printed pack says the same in words: a file, a page and a reference
    printed = pdf_text(result.folder / "evidence-pack.pdf")
    stem, page, ref = found[-1]
    assert re.search(rf"{stem}\.pdf: (p\. \d+: [E\d, ]+; )*p\. {page}: [E\d, ]*\b{ref}\b",
                     printed), (stem, page, ref)


@pytest.mark.slow
def test_attachments_are_copied_with_their_hash_and_confidential_ones_only_listed(
        exported: tuple[ExportResult, str, str, dict[tuple[str, str], Any]]) -> None:
    result, shared, secret, _stamps = exported
    manifest = json.loads(result.manifest.read_text("utf-8"))
    copied = result.folder / "attachments" / f"{shared}-Branch-minutes-Oct.txt"
    assert copied.read_bytes() == SHARED
    digest = hashlib.sha256(SHARED).hexdigest()
    assert manifest["files"][f"attachments/{copied.name}"]["sha256"] == digest
    listed = {a["ref"]: a for a in manifest["attachments"]}
    assert listed[shared]["file"] == f"attachments/{copied.name}"
    assert listed[shared]["sha256"] == digest
    # the confidential one: in no file of the export, listed by reference only
    assert listed[secret]["file"] is None
    assert listed[secret]["seen"] == "seen by the assessor in the original"
    assert "title" not in listed[secret]
    every = [p for p in result.folder.rglob("*") if p.is_file()]
    assert all(SECRET not in p.read_bytes() for p in every)
    pack = html.unescape((result.folder / "evidence-pack.html").read_text("utf-8"))
    assert "Attachments are not redacted." in pack and SECRET_TITLE not in pack
    assert re.search(rf"<b>{secret}</b>.*?confidential: seen by the assessor in the "
                     "original", pack, re.DOTALL)
    printed = pdf_text(result.folder / "evidence-pack.pdf")
    assert "Attachments are not redacted." in printed
    # (a long name wraps at a hyphen, which the PDF's text then drops)
    assert f"attachments/{copied.name}".replace("-", "") in printed.replace("-", "")
    refs = [a.ref for a in result.attachments]  # the example's own, then these two
    assert refs == sorted(refs, key=lambda r: int(r[1:])) and refs[-2:] == [shared, secret]


@pytest.mark.slow
def test_html_only_export_links_references_warns_and_replaces_its_attachments(
        tmp_path: Path) -> None:
    portfolio_path = tmp_path / "portfolio.sqlite"
    with Portfolio.open(portfolio_path) as portfolio:
        load_example(portfolio)
        shared, secret = attach(portfolio, tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "netkit", "--portfolio", str(portfolio_path), "export",
               "--format", "html", "--notebooks", "04", "--out", str(out)]
    for _again in range(2):  # the second export replaces the first, attachments too
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO,
                              timeout=600, check=False)
        assert done.returncode == 0, done.stderr
    err = " ".join(done.stderr.split())
    assert "Warning: Attachments are not redacted: this export copies " in err
    assert f"{shared} Branch minutes (Oct).txt" in err and secret not in err
    assert f"attachments/{shared}-Branch-minutes-Oct.txt" in done.stdout
    assert f"{secret} (confidential, " in done.stdout
    pack = (out / "evidence-pack.html").read_text("utf-8")
    links = re.findall(r'<a href="04-evidence\.html#(ref-E\d+)">E\d+</a>', pack)
    page = (out / "04-evidence.html").read_text("utf-8")
    assert links and all(f'id="{anchor}"' in page for anchor in links)
    assert "PDF p." not in pack
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    copied = sorted(a["file"] for a in manifest["attachments"] if a["file"])
    assert f"attachments/{shared}-Branch-minutes-Oct.txt" in copied
    assert sorted(f"attachments/{p.name}" for p in (out / "attachments").iterdir()) == copied


def test_export_panel_warns_before_copying_attachments_and_keeps_the_warning_current(
        tmp_path: Path) -> None:
    from netkit.widgets import ExportPanel
    from netkit.widgets.events import announce

    with Portfolio.open(tmp_path / "portfolio.sqlite") as portfolio:
        panel = ExportPanel(portfolio, out=tmp_path / "out")
        assert panel.warning.value == ""  # nothing attached: nothing to say
        shared, secret = attach(portfolio, tmp_path)
        announce(portfolio, "attachment")  # as the attach form does after a save
        warning = html.unescape(panel.warning.value)
        assert "Attachments are not redacted: this export copies 1 attachment" in warning
        assert f"{shared} Branch minutes (Oct).txt" in warning and secret not in warning


@pytest.mark.slow
def test_export_panel_reports_what_it_did_with_each_attachment(tmp_path: Path) -> None:
    from netkit.widgets import ExportPanel

    with Portfolio.open(tmp_path / "portfolio.sqlite") as portfolio:
        load_example(portfolio)
        shared, secret = attach(portfolio, tmp_path)
        panel = ExportPanel(portfolio, out=tmp_path / "out")
        panel.pdf_format.value = False
        assert panel.run() is not None
    status = html.unescape(panel.status.value)
    assert f"{shared} Branch minutes (Oct).txt ({len(SHARED)} bytes) -> attachments/" \
           f"{shared}-Branch-minutes-Oct.txt" in status
    assert f"{secret} (confidential, {len(SECRET)} bytes): seen by the assessor in the " \
           "original" in status
    assert (tmp_path / "out" / "attachments" / f"{shared}-Branch-minutes-Oct.txt").is_file()
