"""Workplace documents kept in the portfolio: ``Portfolio.attach``, ``netkit attach``."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from netkit.attachments import MAX_BYTES, Attachment, Document, format_size, read_document
from netkit.exceptions import (
    AttachmentError,
    AttachmentNotFoundError,
    AttachmentTooLargeError,
    AttachmentTypeError,
    AttachmentUnreadableError,
    ImportFormatError,
    RecordNotFoundError,
    RecordsValidationError,
    ValidationError,
)
from netkit.lo3 import Review
from netkit.model import Contact
from netkit.store import Portfolio

Run = Any  # conftest.Run: code, out, err
SECRET = b"Quarterly figures for Northgate: 7 redundancies planned (strictly private)"


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EML = (b"From: Dana Lee <dana@example.org>\r\nTo: me@example.org\r\nSubject: Our agreement"
       b"\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\n\r\nAgreed: share anonymised data.\r\n")
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>"})
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
GOOD = {
    "minutes.pdf": (PDF, "application/pdf"),
    "photo.png": (_image("PNG"), "image/png"),
    "whiteboard.jpg": (_image("JPEG"), "image/jpeg"),
    "WHITEBOARD.JPEG": (_image("JPEG"), "image/jpeg"),
    "flow.gif": (_image("GIF"), "image/gif"),
    "badge.webp": (_image("WEBP"), "image/webp"),
    "agreement.eml": (EML, "message/rfc822"),
    "letter.docx": (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml"
                          ".document"),
    "old-letter.doc": (OLE, "application/msword"),
    "note.msg": (OLE, "application/vnd.ms-outlook"),
    "letter.odt": (ODT, "application/vnd.oasis.opendocument.text"),
    "notes.txt": ("Café notes, £20\n".encode(), "text/plain"),
    "windows.txt": ("Caf\xe9 notes\r\n".encode("cp1252"), "text/plain"),
    "plan.md": (b"# Plan\n- meet Dana\n", "text/markdown"),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_kind_of_document_is_kept_whole_with_its_sha256(
        portfolio: Portfolio, tmp_path: Path, name: str) -> None:
    data, media_type = GOOD[name]
    path = tmp_path / name
    path.write_bytes(data)
    record, ref = portfolio.attach(path, criteria=["3.5", "3.4"], date="02/11/2026")
    assert ref == "E1"
    saved = portfolio.load(Attachment, record.key)
    assert saved == record
    assert (saved.filename, saved.media_type, saved.size) == (name, media_type, len(data))
    assert saved.sha256 == hashlib.sha256(data).hexdigest()
    assert (saved.title, saved.date, saved.criteria) == (Path(name).stem, "2026-11-02",
                                                         ["3.4", "3.5"])
    assert portfolio.attachment_bytes(saved) == data
    assert portfolio.stamps()[("attachment", record.key)].ref == "E1"


def test_title_date_and_confidential_are_kept_and_the_date_defaults_to_today(
        portfolio: Portfolio, tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF)
    record, _ = portfolio.attach(path, title="  Branch minutes ", confidential=True)
    saved = portfolio.load(Attachment, record.key)
    assert saved is not None
    assert (saved.title, saved.confidential, saved.criteria) == ("Branch minutes", True, [])
    assert saved.date == dt.date.today().isoformat()


def _nothing_stored(portfolio: Portfolio) -> None:
    assert portfolio.count() == 0
    assert portfolio._db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0


@pytest.mark.parametrize(("name", "data", "error", "phrase"), [
    ("setup.exe", b"MZ\x90\x00", AttachmentTypeError, "a .exe file is not a kind netkit keeps"),
    ("README", b"hello", AttachmentTypeError, "a file with no extension"),
    ("photo.pdf", _image("PNG"), AttachmentTypeError,
     "its name says PDF but its content is a PNG image: rename it"),
    ("minutes.png", PDF, AttachmentTypeError, "its name says PNG image but its content is a PDF"),
    ("scan.jpg", _image("PNG"), AttachmentTypeError, "content is a PNG image"),
    ("letter.docx", PDF, AttachmentTypeError, "its name says Word document (.docx) but"),
    ("notes.txt", b"abc\x00\x01binary", AttachmentUnreadableError,
     "holds binary data, not text"),
    ("cut.pdf", PDF[:30], AttachmentUnreadableError, "no end-of-file marker"),
    ("cut.png", _image("PNG")[:40], AttachmentUnreadableError, "damaged or incomplete"),
    ("letter.docx", _zip({"other.xml": b"<x/>"}), AttachmentUnreadableError,
     "no word/document.xml inside"),
    ("letter.odt", DOCX, AttachmentUnreadableError, "not an OpenDocument text"),
    ("mail.eml", b"just some words\n", AttachmentUnreadableError,
     "no From, To, Subject or Date header"),
    ("empty.pdf", b"", AttachmentUnreadableError, "it is empty (0 bytes)"),
])
def test_a_file_of_the_wrong_kind_or_damaged_is_refused_and_nothing_stored(
        portfolio: Portfolio, tmp_path: Path, name: str, data: bytes,
        error: type[AttachmentError], phrase: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        portfolio.attach(path)
    message = str(caught.value)
    assert phrase in message, message
    assert message.startswith(f"cannot attach {name}: ") and message.endswith(
        "Nothing was stored.")
    assert caught.value.path == path
    _nothing_stored(portfolio)


def test_a_file_over_the_limit_is_refused_before_it_is_read(portfolio: Portfolio,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing to read, the size says it all
    with pytest.raises(AttachmentTooLargeError) as caught:
        portfolio.attach(path)
    assert (caught.value.size, caught.value.limit) == (MAX_BYTES + 1, 20_000_000)
    assert "it is 20.0 MB, over the limit of 20 MB" in str(caught.value)
    _nothing_stored(portfolio)
    # An upload (bytes in hand) is held to the same limit.
    with pytest.raises(AttachmentTooLargeError):
        read_document(Path("huge.pdf"), data=b"%PDF-" + b"0" * MAX_BYTES)


def test_a_missing_file_or_a_folder_is_refused(portfolio: Portfolio, tmp_path: Path
                                               ) -> None:
    with pytest.raises(AttachmentNotFoundError, match=r"there is no file at .*nowhere\.pdf"):
        portfolio.attach(tmp_path / "nowhere.pdf")
    with pytest.raises(AttachmentNotFoundError):
        portfolio.attach(tmp_path)
    _nothing_stored(portfolio)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_cannot_be_read_is_refused(portfolio: Portfolio, tmp_path: Path
                                               ) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(PDF)
    path.chmod(0)
    with pytest.raises(AttachmentUnreadableError, match="cannot be read"):
        portfolio.attach(path)
    _nothing_stored(portfolio)


def test_a_record_that_breaks_a_rule_leaves_no_file_behind(portfolio: Portfolio,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF)
    with pytest.raises(RecordsValidationError) as caught:
        portfolio.attach(path, criteria=["9.9"], date="1 Jan 2099")
    assert {name for name, _ in caught.value.errors} == {"criteria", "date"}
    _nothing_stored(portfolio)


def test_an_attachment_record_needs_its_file_in_the_portfolio(portfolio: Portfolio
                                                              ) -> None:
    fake = Attachment(title="Minutes", filename="minutes.pdf", media_type="application/pdf",
                      size=10, sha256="ab" * 32, date="2026-11-01")
    with pytest.raises(RecordsValidationError, match="sha256: the portfolio holds no file"):
        portfolio.save(fake)
    with pytest.raises(RecordNotFoundError, match="is not in the portfolio"):
        portfolio.attachment_bytes(fake)


def test_its_details_can_change_and_keep_the_reference(portfolio: Portfolio,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF)
    record, ref = portfolio.attach(path)
    record.title, record.criteria = "Minutes, 2 Nov", ["3.6"]
    portfolio.save(record)
    portfolio.remove(record)
    portfolio.undelete("attachment", record.key)
    assert portfolio.stamps()[("attachment", record.key)].ref == ref
    saved = portfolio.load(Attachment, record.key)
    assert saved is not None and saved.title == "Minutes, 2 Nov"
    assert portfolio.attachment_bytes(saved) == PDF


def test_other_records_cite_an_attachment_by_its_reference(portfolio: Portfolio,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF)
    _, ref = portfolio.attach(path)
    review = Review(id="r1", date="2026-11-02", findings="Still useful",
                    next_review="2027-02-01", evidence=f"Minutes ({ref})")
    portfolio.save(review)
    review.evidence = f"Minutes ({ref}), e-mail E7"  # the review itself is E2
    with pytest.raises(RecordsValidationError, match="E7 is not a reference"):
        portfolio.save(review)


def test_the_same_file_twice_is_stored_once(portfolio: Portfolio, tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF)
    one, first = portfolio.attach(path)
    two, second = portfolio.attach(path, title="again")
    assert (first, second) == ("E1", "E2") and one.sha256 == two.sha256
    assert portfolio._db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    # Forgetting one keeps the file for the other.
    portfolio.forget("attachment", one.key)
    assert portfolio.attachment_bytes(two) == PDF


# -- forgetting ---------------------------------------------------------------------------

def raw_files(path: Path) -> dict[str, bytes]:
    """The portfolio file and its -wal and -shm, as bytes (free pages and all)."""
    return {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
            if p.exists()}


def leaks(path: Path, secrets: list[bytes]) -> list[tuple[str, bytes]]:
    return [(name, secret) for name, data in raw_files(path).items() for secret in secrets
            if secret in data]


def test_forget_erases_the_file_from_the_portfolio_its_journal_and_free_pages(
        portfolio: Portfolio, portfolio_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_bytes(SECRET * 200)  # several pages: overflow pages must go too
    record, ref = portfolio.attach(path, title="Northgate quarterly figures")
    record.title = "Northgate quarterly figures (final)"
    portfolio.save(record)
    portfolio.remove(record)
    portfolio.undelete("attachment", record.key)
    portfolio.save(Review(id="r1", date="2026-11-02", findings="Useful",
                          next_review="2027-02-01", evidence=f"Figures {ref}"))
    # "E1" where no field cites evidence (a London postcode in a contact's notes) stays.
    portfolio.save(Contact(id="c1", name="Dana Lee", notes=f"Office: London {ref} 5AB"))
    secrets = [SECRET[:40], b"Northgate quarterly figures", record.sha256.encode()]
    assert {secret for _, secret in leaks(portfolio_path, secrets)} == set(secrets)
    plan = portfolio.forget_plan("attachment", record.key)
    assert plan.lines() == [
        "the attachment 'Northgate quarterly figures (final)' and all 4 saved versions of "
        "it", "its mentions in the 3.6 review of 2 Nov 2026 (evidence)"]
    portfolio.forget("attachment", record.key)
    assert leaks(portfolio_path, secrets) == []
    assert portfolio._db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    with pytest.raises(RecordNotFoundError):
        portfolio.attachment_bytes(record)
    # The review that cited it stays, its citation taken out, and can still be changed.
    cited_it = portfolio.load(Review, "r1")
    assert cited_it is not None and cited_it.evidence == "Figures [forgotten]"
    assert [h.data["evidence"] for h in portfolio.history("review", "r1")] == [
        "Figures [forgotten]"]
    cited_it.findings = "Useful, I think"
    portfolio.save(cited_it)
    portfolio.close()
    assert leaks(portfolio_path, secrets) == []
    # Its number is not given again.
    with Portfolio.open(portfolio_path) as again:
        dana = again.load(Contact, "c1")
        assert dana is not None and dana.notes == "Office: London E1 5AB"
        again_path = tmp_path / "other.pdf"
        again_path.write_bytes(PDF)
        assert again.attach(again_path)[1] == "E3"


# -- dump and load ---------------------------------------------------------------------

def test_dump_carries_the_files_and_load_brings_them_back(portfolio: Portfolio,
                                                          tmp_path: Path) -> None:
    png = _image("PNG")
    record, _ = portfolio.attach_document(Document("photo.png", png, "image/png"),
                                          criteria=["3.2"])
    dump = json.loads(json.dumps(portfolio.dump()))
    assert dump["blobs"] == {record.sha256: base64.b64encode(png).decode("ascii")}
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        copy.load_dump(dump)
        (back,) = copy.all(Attachment)
        assert copy.attachment_bytes(back) == png
        assert copy.stamps()[("attachment", back.key)].ref == "E1"


@pytest.mark.parametrize(("change", "phrase"), [
    ("tampered", "not the base64 of a file with that SHA-256"),
    ("not base64", "not the base64 of a file with that SHA-256"),
    ("missing", "its file is not in 'blobs'"),
    ("not a map", "'blobs' must map SHA-256 hashes"),
])
def test_a_dump_with_a_changed_or_missing_file_is_refused(
        portfolio: Portfolio, tmp_path: Path, change: str, phrase: str) -> None:
    record, _ = portfolio.attach_document(Document("notes.txt", b"notes\n", "text/plain"))
    dump = portfolio.dump()
    if change == "tampered":
        dump["blobs"][record.sha256] = base64.b64encode(b"notes, changed\n").decode()
    elif change == "not base64":
        dump["blobs"][record.sha256] = "%%%"
    elif change == "missing":
        dump["blobs"] = {}
    else:
        dump["blobs"] = []
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        with pytest.raises(ImportFormatError, match=phrase):
            copy.load_dump(dump)
        assert copy.count() == 0


def test_sizes_read_as_people_say_them() -> None:
    assert [format_size(n) for n in (812, 41_200, 3_240_000)] == ["812 bytes", "41 KB",
                                                                  "3.2 MB"]


# -- netkit attach -------------------------------------------------------------------

def test_cli_attach_prints_the_reference(run_cli: Callable[..., Run], portfolio_path: Path,
                                         tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(PDF[:9] + b"%" + b"x" * 41_000 + b"\n" + PDF[9:])  # 41 KB
    assert run_cli("attach", str(path)).code == 2  # no portfolio yet: none is made
    assert not portfolio_path.exists()
    run_cli("init", "--learner", "Priya Tester")
    run = run_cli("attach", str(path), "--criteria", "3.4,3.5", "--title", "Minutes",
                  "--date", "02/11/2026")
    assert run.code == 0, run.err
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert run.out.strip() == (f"Attached minutes.pdf as E1 (criteria 3.4, 3.5; 41 KB; "
                               f"sha256 {sha[:12]}...)")
    with Portfolio.open(portfolio_path) as portfolio:
        (saved,) = portfolio.all(Attachment)
        assert (saved.title, saved.date, saved.criteria, saved.confidential) == (
            "Minutes", "2026-11-02", ["3.4", "3.5"], False)
    run = run_cli("attach", str(path), "--confidential", "--criteria", " 3.4 ")
    assert run.code == 0 and "as E2 (criterion 3.4; 41 KB;" in run.out
    assert "confidential" in run.out


@pytest.mark.parametrize(("args", "phrase"), [
    (["nowhere.pdf"], "there is no file at"),
    (["setup.exe"], "is not a kind netkit keeps"),
    (["minutes.pdf", "--criteria", "3.9"], "'3.9' is not a criterion of this unit"),
    (["minutes.pdf", "--date", "tomorrow"], "write the date as"),
])
def test_cli_attach_refuses_bad_input_in_one_paragraph(
        run_cli: Callable[..., Run], portfolio_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, args: list[str], phrase: str) -> None:
    (tmp_path / "minutes.pdf").write_bytes(PDF)
    (tmp_path / "setup.exe").write_bytes(b"MZ")
    monkeypatch.chdir(tmp_path)
    run_cli("init", "--learner", "Priya Tester")
    run = run_cli("attach", *args)
    assert run.code == 2
    assert phrase in run.err and "Traceback" not in run.err
    assert run.out == ""
    db = sqlite3.connect(portfolio_path)
    assert db.execute("SELECT count(*) FROM records WHERE kind='attachment'"
                      ).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    db.close()


# -- the form in notebook 04 ---------------------------------------------------------

def _choose(form: Any, name: str, data: bytes) -> None:
    """Choose a file in the upload button, as the browser sends it."""
    form.upload.set_state({"value": [{"name": name, "type": "", "size": len(data),
                                      "content": memoryview(data), "last_modified": 0}]})


def test_the_form_attaches_an_upload_and_drops_its_bytes(portfolio: Portfolio) -> None:
    from netkit.widgets import AttachmentForm

    form = AttachmentForm(portfolio)
    _choose(form, "minutes.pdf", PDF)
    assert form.fields["title"].value == "minutes"  # offered from the file's name
    assert "minutes.pdf" in form.file_info.value
    form.fields["title"].value = "Branch minutes"
    form.fields["date"].value = "2 Nov 2026"
    form.fields["criteria"].value = ("3.4", "3.5")
    form.fields["confidential"].value = True
    saved = form.save()
    assert isinstance(saved, Attachment)
    (stored,) = portfolio.all(Attachment)
    assert (stored.title, stored.date, stored.criteria, stored.confidential) == (
        "Branch minutes", "2026-11-02", ["3.4", "3.5"], True)
    assert portfolio.attachment_bytes(stored) == PDF
    assert form.upload.value == ()  # the bytes are not kept in the widget
    assert "Attached minutes.pdf as E1 (criteria 3.4, 3.5;" in form.status.value
    assert form.current == stored.key and form.picker.label == "E1 Branch minutes (minutes.pdf)"
    assert "E1" in form.listing.value and "Branch minutes" in form.listing.value
    html = form.static_html()
    assert "E1" in html and "Branch minutes" in html and "seen by the assessor in the original" \
        in html and stored.sha256[:16] in html
    assert '<a href="#ref-E1" id="ref-E1">E1</a>' in html  # its stamp, the pack's anchor


def test_the_form_shows_what_is_wrong_with_a_file_and_stores_nothing(
        portfolio: Portfolio) -> None:
    from netkit.widgets import AttachmentForm

    form = AttachmentForm(portfolio)
    with pytest.raises(ValidationError):
        form.save()  # no file chosen
    assert "choose the file to attach first" in form.errors["upload"].value
    _choose(form, "photo.pdf", _image("PNG"))
    with pytest.raises(AttachmentTypeError):
        form.save()
    assert "its content is a PNG image" in form.errors["upload"].value
    assert "Not saved" in form.status.value
    _choose(form, "minutes.pdf", PDF)
    form.fields["date"].value = "1 Jan 2099"
    with pytest.raises(ValidationError):
        form.save()
    assert "in the future" in form.errors["date"].value
    _nothing_stored(portfolio)
    form.fields["date"].value = "1 Jan 2026"
    form.save()
    assert portfolio.count() == 1 and form.errors["upload"].value == ""


def test_the_form_changes_the_details_deletes_and_undoes(portfolio: Portfolio) -> None:
    from netkit.widgets import AttachmentForm

    record, ref = portfolio.attach_document(Document("notes.txt", b"notes\n", "text/plain"),
                                            date="2026-11-01")
    form = AttachmentForm(portfolio)
    form.select(record.key)
    assert form.upload.layout.display == "none"  # a saved one keeps its file
    assert "notes.txt" in form.file_info.value
    form.fields["title"].value = "Notes of the call"
    form.fields["criteria"].value = ("3.3",)
    form.save()
    saved = portfolio.load(Attachment, record.key)
    assert saved is not None and (saved.title, saved.criteria, saved.sha256) == (
        "Notes of the call", ["3.3"], record.sha256)
    form.delete()
    assert portfolio.all(Attachment) == []
    assert "Undo delete brings it back" in form.status.value
    form.undo_delete()
    back = portfolio.load(Attachment, record.key)
    assert back is not None and portfolio.attachment_bytes(back) == b"notes\n"
    assert portfolio.stamps()[("attachment", record.key)].ref == ref


def test_the_server_extension_lets_a_whole_attachment_through_the_kernel_connection() -> None:
    from netkit.jupyter import allow_uploads

    settings: dict[str, Any] = {}
    assert allow_uploads(settings) == MAX_BYTES + 1_000_000  # tornado's default: 10 MiB
    assert settings["websocket_max_message_size"] > MAX_BYTES
    bigger: dict[str, Any] = {"websocket_max_message_size": 100_000_000}
    assert allow_uploads(bigger) == 100_000_000  # a larger limit set elsewhere stays


def test_cli_forget_attachment_erases_its_file(run_cli: Callable[..., Run],
                                               portfolio_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_bytes(SECRET)
    run_cli("init", "--learner", "Priya Tester")
    assert "as E1 " in run_cli("attach", str(path), "--title", "Quarterly figures").out
    run = run_cli("forget", "--attachment", "E9", "--yes")
    assert run.code == 2 and "there is no attachment 'E9'" in run.err
    assert run_cli("forget", "Dana", "--attachment", "E1").code == 2  # one at a time
    run = run_cli("forget", "--attachment", "E1")  # no terminal to confirm: refused
    assert run.code == 2 and "forgetting the attachment 'Quarterly figures'" in run.err
    assert SECRET[:40] in b"".join(raw_files(portfolio_path).values())
    run = run_cli("forget", "--attachment", "e1", "--yes")
    assert run.code == 0, run.err
    assert "the attachment 'Quarterly figures' and its one saved version" in run.out
    assert run.out.rstrip().endswith("Forgot the attachment 'Quarterly figures': nothing of it "
                                     "or its file is left in the portfolio file.")
    assert leaks(portfolio_path, [SECRET[:40]]) == []
