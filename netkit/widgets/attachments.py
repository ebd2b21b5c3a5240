"""Workplace documents attached as evidence (notebook 04): upload, describe, list, delete.

The form is a :class:`~netkit.widgets.listing.ListForm` over
:class:`~netkit.attachments.Attachment` records. "Attach a new document..." takes a file
from the upload button and keeps it in the portfolio (``Portfolio.attach_document``), with
its title, date, criteria and whether it is confidential; a saved attachment can have
those changed, or be deleted (Undo delete brings it back). The uploaded bytes are dropped
from the widget once saved: the portfolio holds the only copy netkit keeps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as w

from ..attachments import ALLOWED, MAX_BYTES, Attachment, format_size, read_document
from ..exceptions import AttachmentError, ValidationError
from ..model import Record
from ..render import esc, html_table, panel, show_date, stamper
from .base import DateField, TickList
from .evidence import criteria_options
from .listing import NEW, ListForm

__all__ = ["AttachmentForm"]

_WIDE = "520px"
_FIELDS = ("title", "date", "criteria", "confidential")


class AttachmentForm(ListForm):
    """Attach a workplace document (PDF, image, e-mail, Word, text) and list them all."""

    title = "Workplace documents"
    intro = ("Attach a document as evidence: choose the file, give it a title and the date "
             "on it, tick the criteria it evidences, then Save. netkit keeps a copy inside "
             "your portfolio and gives it a reference (E14) that any record can cite.")
    record_type: ClassVar[type[Record]] = Attachment
    noun = "attachment"
    new_label = "Attach a new document..."

    def build_fields(self) -> list[w.Widget]:
        self.upload = w.FileUpload(accept=",".join(ALLOWED), multiple=False,
                                   description="Choose file")
        self.upload.observe(self.serial(self._on_upload), "value")
        self.file_info = w.HTML("")
        self.file_info.add_class("nk-file-info")
        self.listing = w.HTML("")
        self.listing.add_class("nk-attachments")
        return [
            self.add_field("upload", "File", w.VBox([self.upload, self.file_info]),
                           f"PDF, image, e-mail, Word or text, up to "
                           f"{MAX_BYTES // 1_000_000} MB"),
            self.add_field("title", "Title", w.Text(
                layout=w.Layout(width=_WIDE),
                placeholder="e.g. Minutes of the CILT branch meeting (default: the file's "
                            "name)")),
            self.add_field("date", "Date of the document", DateField(self),
                           "e.g. 28/11/2026, or pick it"),
            self.add_field("criteria", "Criteria it evidences",
                           TickList(criteria_options(), width=_WIDE)),
            self.add_field("confidential", "Confidential", w.Checkbox(
                indent=False, description="confidential: not copied into exports, shown "
                                          "to the assessor in the original")),
            self.listing,
        ]

    # -- what the form shows ---------------------------------------------------------
    def choices(self) -> list[tuple[str, str]]:
        self._refs = {key: stamp.ref for (kind, key), stamp in self.portfolio.stamps().items()
                      if kind == Attachment.KIND}
        return [(self.label(r), r.key) for r in self.portfolio.all(Attachment)]

    def label(self, record: Record) -> str:
        assert isinstance(record, Attachment)
        ref = getattr(self, "_refs", {}).get(record.key) or "E?"
        return f"{ref} {record.title} ({record.filename})"

    def fill(self, record: Record | None) -> None:
        attachment = record if isinstance(record, Attachment) else None
        self._clear_upload()
        self.upload.layout.display = "none" if attachment else None
        if attachment is None:
            self.file_info.value = ""
            values: dict[str, Any] = {"title": "", "date": dt.date.today().isoformat(),
                                      "criteria": (), "confidential": False}
        else:
            self.file_info.value = (f"<code>{esc(attachment.filename)}</code>, "
                                    f"{esc(format_size(attachment.size))}, SHA-256 "
                                    f"<code>{esc(attachment.sha256[:16])}...</code>")
            values = {"title": attachment.title, "date": attachment.date,
                      "criteria": tuple(attachment.criteria),
                      "confidential": attachment.confidential}
        for name in _FIELDS:
            self.fields[name].value = values[name]
        self.listing.value = self._listing()

    def _listing(self) -> str:
        items = self.portfolio.all(Attachment)
        if not items:
            return "<p><i>No documents attached yet.</i></p>"
        refs = getattr(self, "_refs", {})
        return "<b>Your attachments</b>" + html_table(
            ["Ref", "Title", "File", "Date", "Criteria"],
            [(f"<b>{esc(refs.get(a.key) or '')}</b>", esc(a.title),
              esc(f"{a.filename}, {format_size(a.size)}")
              + (" <i>(confidential)</i>" if a.confidential else ""),
              esc(show_date(a.date)), esc(", ".join(a.criteria)))
             for a in items])

    def static_html(self) -> str:
        items = self.portfolio.all(Attachment)
        if not items:
            return panel(self.title, "<p>No documents attached.</p>")
        stamps = self.portfolio.stamps()  # the references
        stamp = stamper(self.portfolio)  # every form's static copy stamps through it
        return panel(self.title, html_table(
            ["Ref", "Document", "File", "Date", "Criteria", "SHA-256"],
            [(f"<b>{esc(stamps[(a.KIND, a.key)].ref)}</b>",
              f"<b>{esc(a.title)}</b>" + stamp(a),
              esc(f"{a.filename} ({format_size(a.size)})")
              + ("<br><i>confidential: seen by the assessor in the original</i>"
                 if a.confidential else ""),
              esc(show_date(a.date)), esc(", ".join(a.criteria)),
              f"<code>{esc(a.sha256[:16])}...</code>")
             for a in items]))

    # -- saving --------------------------------------------------------------------
    def collect(self) -> Attachment:
        """The saved attachment with the fields' title, date, criteria and confidential."""
        saved = self.load_record(self.current)
        base = saved if isinstance(saved, Attachment) else Attachment()
        return Attachment(**{**base.to_dict(), "title": self.fields["title"].value,
                             "date": self.fields["date"].value,
                             "criteria": list(self.fields["criteria"].value),
                             "confidential": bool(self.fields["confidential"].value)})

    def save(self) -> Record:
        """Attach the uploaded file (or save the changed details of the one on show).

        Raises AttachmentError (shown next to the file) for a file netkit cannot keep, or
        ValidationError (shown next to each field); nothing is stored then.
        """
        with self.lock:
            if self.current != NEW:
                return self._save()
            return self._attach()

    def _attach(self) -> Attachment:
        uploaded = self._uploaded()
        if uploaded is None:
            self.show_errors([("upload", "choose the file to attach first (Choose file).")])
            raise ValidationError("upload", "choose the file to attach first.")
        name, data = uploaded
        try:
            document = read_document(Path(name), filename=name, data=data)
            record, ref = self.portfolio.attach_document(
                document, title=self.fields["title"].value, date=self.fields["date"].value,
                criteria=list(self.fields["criteria"].value),
                confidential=bool(self.fields["confidential"].value))
        except AttachmentError as exc:
            self.show_errors([("upload", str(exc))])
            raise
        except ValidationError as exc:
            self.show_errors(exc.errors)
            raise
        self._clear_upload()  # the portfolio holds the file now: drop it from the widget
        self.clear_errors()
        self.after_save(record)
        self.mark_saved(f"Attached {record.summary(ref)}. Saved")
        return record

    def _on_save(self, _button: w.Button) -> None:
        with contextlib.suppress(ValidationError, AttachmentError):  # shown in the form
            self.save()

    # -- the upload widget -----------------------------------------------------------
    def _uploaded(self) -> tuple[str, bytes] | None:
        """The chosen file's name and bytes, or None."""
        value = self.upload.value
        if not value:
            return None
        item = value[0]
        return str(item["name"]), bytes(item["content"])

    def _clear_upload(self) -> None:
        with self._hold():
            self.upload.value = ()

    def _on_upload(self, change: dict[str, Any]) -> None:
        """A file was chosen: say which, and offer its name as the title."""
        value = change["new"]
        if not value:
            return
        item = value[0]
        self.errors["upload"].value = ""  # what was wrong was the file chosen before
        self.status.value = ""
        self.file_info.value = (f"Chosen: <code>{esc(item['name'])}</code>, "
                                f"{esc(format_size(int(item['size'])))}. Save to attach it.")
        if not str(self.fields["title"].value).strip():
            self.fields["title"].value = Path(str(item["name"])).stem
