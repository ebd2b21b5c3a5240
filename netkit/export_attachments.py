"""Attachments in an export: which are copied, under which names, and what is said of them.

Attachments (workplace documents, :mod:`netkit.attachments`) are evidence the learner did
not type, so nothing in them can be redacted: an export copies each non-confidential one
into ``attachments/`` exactly as it was attached (its SHA-256 goes in ``manifest.json``),
and says so before and after. A confidential one is never copied by a redacted export: the
evidence pack lists it as "seen by the assessor in the original", with its reference, date
and criteria but not its title (like every confidential record, what it is about stays out).
``--no-redact`` includes everything, confidential attachments too.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .attachments import Attachment, format_size, ref_number
from .coverage import counted
from .store import Portfolio

__all__ = ["FOLDER", "SEEN_IN_ORIGINAL", "AttachmentFile", "as_typed_in", "collect",
           "not_redacted_warning", "planned", "safe_name", "write_attachments"]

FOLDER = "attachments"
SEEN_IN_ORIGINAL = "seen by the assessor in the original"
_NAME_LIMIT = 60  # characters of the original name kept (after the reference)


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment as one export handles it: copied to ``path``, or (``path`` None) only
    listed, to be seen in the original."""

    ref: str
    title: str  # "" when withheld (a confidential attachment in a redacted export)
    filename: str  # the name it was attached under ("" when withheld)
    media_type: str
    size: int
    sha256: str
    date: str
    criteria: tuple[str, ...]
    confidential: bool
    path: str | None = None  # "attachments/E9-minutes.pdf", relative to the export folder

    @property
    def copied(self) -> bool:
        """Whether the export holds the file itself."""
        return self.path is not None

    def line(self) -> str:
        """One line for the command's report: "E9 minutes.pdf (41 KB) -> attachments/...". """
        if self.path is None:
            return f"{self.ref} (confidential, {format_size(self.size)}): {SEEN_IN_ORIGINAL}"
        return f"{self.ref} {self.filename} ({format_size(self.size)}) -> {self.path}"

    def manifest(self) -> dict[str, Any]:
        """Its entry in ``manifest.json``'s ``attachments`` list."""
        entry: dict[str, Any] = {
            "ref": self.ref, "file": self.path, "sha256": self.sha256, "bytes": self.size,
            "media_type": self.media_type, "date": self.date,
            "criteria": list(self.criteria), "confidential": self.confidential}
        if self.path is None:
            entry["seen"] = SEEN_IN_ORIGINAL
        else:
            entry |= {"title": self.title, "filename": self.filename}
        return entry


def safe_name(ref: str, filename: str) -> str:
    """The name an attachment is copied under: its reference, then its own name in plain
    letters, digits and hyphens, and its extension ("Minutes (Oct).PDF" as E9 ->
    ``E9-Minutes-Oct.pdf``). Unique, since references are; safe on any disk."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix.lower()
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:_NAME_LIMIT].strip("-")
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        suffix = ""
    return f"{ref}-{slug}{suffix}" if slug else f"{ref}{suffix}"


def _entry(attachment: Attachment, ref: str, *, copied: bool, withheld: bool
           ) -> AttachmentFile:
    return AttachmentFile(
        ref=ref, title="" if withheld else attachment.title,
        filename="" if withheld else attachment.filename,
        media_type=attachment.media_type, size=attachment.size, sha256=attachment.sha256,
        date=attachment.date, criteria=tuple(attachment.criteria),
        confidential=attachment.confidential,
        path=f"{FOLDER}/{safe_name(ref, attachment.filename)}" if copied else None)


def _with_refs(portfolio: Portfolio) -> list[tuple[Attachment, str]]:
    found = [(Attachment.from_dict(r.data), r.ref)
             for r in portfolio.records(Attachment.KIND) if r.ref]
    return sorted(found, key=lambda pair: ref_number(pair[1]))


def _plan(portfolio: Portfolio, *, redact: bool) -> list[tuple[Attachment, AttachmentFile]]:
    return [(a, _entry(a, ref, copied=not (redact and a.confidential),
                       withheld=redact and a.confidential))
            for a, ref in _with_refs(portfolio)]


def planned(portfolio: Portfolio, *, redact: bool) -> list[AttachmentFile]:
    """What an export of ``portfolio`` does with each attachment, by reference."""
    return [entry for _attachment, entry in _plan(portfolio, redact=redact)]


def not_redacted_warning(entries: list[AttachmentFile]) -> str:
    """What to say before an export copies attachments ("" when it copies none)."""
    copied = [e for e in entries if e.copied]
    if not copied:
        return ""
    names = "; ".join(f"{e.ref} {e.filename}" for e in copied)
    return (f"Attachments are not redacted: this export copies "
            f"{counted(len(copied), 'attachments')} exactly as attached ({names}), with any "
            "names, e-mail addresses and phone numbers in them. To keep one out, flag it "
            "confidential: the assessor then sees it in the original.")


def collect(portfolio: Portfolio, *, redact: bool) -> list[tuple[AttachmentFile, bytes]]:
    """Every attachment an export of ``portfolio`` lists, with the bytes of each it copies
    (b"" for one it does not), read from the learner's own portfolio: the export's
    redacted copy never changes a document."""
    return [(entry, portfolio.attachment_bytes(attachment) if entry.copied else b"")
            for attachment, entry in _plan(portfolio, redact=redact)]


def as_typed_in(attached: list[tuple[AttachmentFile, bytes]], dump: dict[str, Any]
                ) -> list[tuple[AttachmentFile, bytes]]:
    """``attached`` with each title and file name as ``dump`` (the export's redacted or
    pseudonymised copy of the portfolio) holds them: the documents are copied as they are,
    but what the learner typed about them, listed in the evidence pack and the manifest, is
    redacted like any answer ("Call Jane 07700 900123" becomes "Call Jane [phone removed]")."""
    typed = {r.get("ref"): r.get("data") or {} for r in dump.get("records", [])
             if r.get("kind") == Attachment.KIND}
    out = []
    for entry, data in attached:
        record = typed.get(entry.ref)
        if record is None or not entry.title:
            out.append((entry, data))
            continue
        filename = str(record.get("filename") or entry.filename)
        suffix = PurePosixPath(entry.filename).suffix  # "x@example.org.txt": ".txt" stays
        if not filename.casefold().endswith(suffix.casefold()):
            filename += suffix
        out.append((dataclasses.replace(
            entry, title=str(record.get("title") or entry.title), filename=filename,
            path=f"{FOLDER}/{safe_name(entry.ref, filename)}" if entry.copied else None),
            data))
    return out


def write_attachments(folder: Path, attached: list[tuple[AttachmentFile, bytes]]
                      ) -> list[str]:
    """Write the copied attachments into ``folder/attachments/``; returns their paths
    (relative to ``folder``)."""
    written = []
    for entry, data in attached:
        if entry.path is None:
            continue
        target = folder / entry.path
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        written.append(entry.path)
    return written
