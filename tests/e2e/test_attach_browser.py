"""Attaching a workplace document in notebook 04, in real JupyterLab and Chromium.

The learner chooses a file with the form's upload button (Playwright answers the file
chooser it opens), gives its title, date and criteria, and saves: the portfolio holds
the file byte for byte with its reference, the status line names the reference, and the
upload button holds nothing afterwards. A second document is then deleted and brought back.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit.attachments import Attachment
from netkit.store import Portfolio

from .conftest import Server, click_save, fill_field, form, pick, screenshot, tick
from .test_list_forms import Session, assert_no_log_errors, notebook_session

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(600)]

UID = uuid.uuid4().hex[:6]
PDF = (b"%PDF-1.4\n% minutes " + UID.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.fixture(scope="module")
def nb04(browser: Any, jupyter_server: Server, shots: Path) -> Iterator[Session]:
    with notebook_session(browser, jupyter_server, shots,
                          "notebooks/04-evidence.ipynb") as session:
        yield session


def attachments(server: Server) -> dict[str, tuple[Attachment, str | None, bytes | None]]:
    """Every attachment saved, by title: (record, reference, file bytes)."""
    with Portfolio.open(server.portfolio, create=False) as portfolio:
        stamps = portfolio.stamps()
        return {a.title: (a, stamps[(a.KIND, a.key)].ref, portfolio.attachment_bytes(a))
                for a in portfolio.all(Attachment)}


def choose_file(form_: Any, path: Path) -> None:
    """Choose ``path`` with the form's upload button, as the browser's file chooser does."""
    from playwright.sync_api import expect

    # ipywidgets' upload button keeps its <input type=file> out of the page: it opens the
    # file chooser, which Playwright answers as set_input_files would.
    with form_.page.expect_file_chooser() as chooser:
        form_.locator(".nk-field-upload .widget-upload").click()
    chooser.value.set_files(str(path))
    expect(form_.locator(".nk-file-info")).to_contain_text(f"Chosen: {path.name}")


def test_a_document_uploaded_in_the_form_is_kept_with_its_reference(
        nb04: Session, jupyter_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    minutes = tmp_path / f"minutes-{UID}.pdf"
    minutes.write_bytes(PDF)
    title = f"CILT branch minutes {UID}"
    with nb04.step("attach"):
        panel = form(nb04.page, "attachmentform")
        panel.scroll_into_view_if_needed()
        choose_file(panel, minutes)
        fill_field(panel, "title", title)
        fill_field(panel, "date", "02/11/2026")
        tick(panel, "3.4 ", "criteria")
        tick(panel, "3.5 ", "criteria")
        status = click_save(panel)
        assert f"Attached {minutes.name} as E" in status
        assert "(criteria 3.4, 3.5;" in status
        expect(panel.locator(".nk-attachments")).to_contain_text(title)
        nb04.shot(panel, "04-attachmentform")
    saved = attachments(jupyter_server)
    record, ref, data = saved[title]
    assert data == PDF and record.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (record.filename, record.media_type, record.date, record.criteria) == (
        minutes.name, "application/pdf", "2026-11-02", ["3.4", "3.5"])
    assert ref is not None and f"as {ref} " in status
    # The upload button no longer holds the file: its value was cleared (the button shows
    # how many files it holds), and the saved one on show hides it.
    expect(panel.locator(".nk-field-upload .widget-upload")).to_be_hidden()
    pick(panel, "Attach a new document")
    expect(panel.locator(".nk-field-upload .widget-upload")).to_have_text(
        "Choose file (0)")


def test_a_wrong_file_is_refused_in_the_form_and_a_deleted_one_comes_back(
        nb04: Session, jupyter_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    fake = tmp_path / f"scan-{UID}.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    notes = tmp_path / f"notes-{UID}.txt"
    notes.write_text("Call with Dana: agreed to share anonymised pick rates.\n",
                     encoding="utf-8")
    title = f"Call notes {UID}"
    with nb04.step("refuse-delete-undo"):
        panel = form(nb04.page, "attachmentform")
        pick(panel, "Attach a new document")
        choose_file(panel, fake)
        panel.locator(".nk-save").click()
        expect(panel.locator(".nk-error-upload")).to_contain_text("its content is a PNG image")
        choose_file(panel, notes)
        fill_field(panel, "title", title)
        click_save(panel)
        assert title in attachments(jupyter_server)
        panel.locator(".nk-delete").click()
        expect(panel.locator(".nk-status")).to_contain_text("Undo delete brings it back")
        assert title not in attachments(jupyter_server)
        panel.locator(".nk-undo").click()
        expect(panel.locator(".nk-status")).to_contain_text("Brought back")
    record, _, data = attachments(jupyter_server)[title]
    assert data == notes.read_bytes() and record.media_type == "text/plain"
    assert not any(a.filename == fake.name for a, _, _ in attachments(jupyter_server).values())
    screenshot(nb04.page, nb04.shots, "04-attachments-after-undo")
    assert_no_log_errors(nb04.page)


def test_a_document_over_tornados_default_message_size_uploads_whole(
        nb04: Session, jupyter_server: Server, tmp_path: Path) -> None:
    # 12 MB: over the 10 MiB a kernel message may carry unless netkit's server extension
    # raises the limit (netkit.jupyter.allow_uploads); under netkit's own 20 MB.
    scan = tmp_path / f"scan-{UID}.pdf"
    body = PDF[:9] + b"%" + bytes(range(256)) * (12_000_000 // 256) + b"\n" + PDF[9:]
    scan.write_bytes(body)
    title = f"Signed agreement scan {UID}"
    with nb04.step("big-upload"):
        panel = form(nb04.page, "attachmentform")
        pick(panel, "Attach a new document")
        choose_file(panel, scan)
        fill_field(panel, "title", title)
        status = click_save(panel, timeout_ms=120_000)
        assert "12.0 MB" in status
    record, _, data = attachments(jupyter_server)[title]
    assert record.size == len(body) and data == body
