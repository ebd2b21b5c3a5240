"""Workplace documents kept in the portfolio as evidence, and the E references that cite them.

A document is attached with :meth:`netkit.store.Portfolio.attach` (``netkit attach FILE``,
or the form in notebook 04): its bytes are kept inside the portfolio file with their
SHA-256, and an :class:`Attachment` record describes it. Like every piece of evidence it
gets a reference (E1, E2, ...) on its first save; other records cite references in their
evidence fields ("minutes E3, e-mail E12"), and :func:`cited` finds them.

Only the kinds of file an assessor can open offline are kept (:data:`ALLOWED`), up to
:data:`MAX_BYTES`; a file's content must be what its name says (a PNG named ``.pdf`` is
refused), checked by its signature, and by reading it where a library at hand can (Pillow
for images, the standard library for Word and OpenDocument files and e-mails).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from .exceptions import (
    AttachmentNotFoundError,
    AttachmentTooLargeError,
    AttachmentTypeError,
    AttachmentUnreadableError,
)
from .model import (
    RECORD_TYPES,
    Record,
    _criteria_ids,
    _date,
    _Problems,
    _text,
    _today,
    new_key,
)

__all__ = [
    "ALLOWED",
    "MAX_BYTES",
    "Attachment",
    "Document",
    "cited",
    "format_size",
    "read_document",
    "ref_number",
    "split_criteria",
]

#: the largest file kept (20 MB): a portfolio is e-mailed and backed up whole
MAX_BYTES = 20_000_000

#: the kinds of file kept, by extension: their media type
ALLOWED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
_NAMES = {  # how a message names each kind
    "application/pdf": "PDF", "image/png": "PNG image", "image/jpeg": "JPEG image",
    "image/gif": "GIF image", "image/webp": "WebP image", "message/rfc822": "e-mail (.eml)",
    "application/vnd.ms-outlook": "Outlook message (.msg)",
    ALLOWED[".docx"]: "Word document (.docx)", "application/msword": "Word 97-2003 document",
    ALLOWED[".odt"]: "OpenDocument text (.odt)", "text/plain": "text file",
    "text/markdown": "Markdown text file",
}
ALLOWED_TEXT = "PDF, PNG, JPEG, GIF, WebP, e-mail (.eml, .msg), Word (.docx, .doc), " \
               "OpenDocument (.odt) or text (.txt, .md)"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Outlook .msg files
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (  # (bytes, where, media type)
    (b"%PDF-", 0, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)
# The signature each kind's content starts with, where it is not its own media type's:
# Word and OpenDocument files are zip archives, Outlook's .msg Word 97's container, and
# text has no signature at all.
_CONTAINERS: dict[str, str | None] = {
    ALLOWED[".docx"]: "application/zip", ALLOWED[".odt"]: "application/zip",
    "application/vnd.ms-outlook": "application/msword",
    "text/plain": None, "text/markdown": None, "message/rfc822": None,
}
_IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF",
                  "image/webp": "WEBP"}
_REF = re.compile(r"(?<![\w-])E0*([1-9]\d{0,8})(?![\w-]|\.\d)")


def cited(text: str) -> list[str]:
    """The evidence references ``text`` cites, in order, each once: "E3, E12" -> [E3, E12].

    A reference is a capital E and a number standing alone ("E3", "(E12)", "E3/E4" are;
    "E3a", "SE13", "e3", "E1.5" are not).
    """
    seen: dict[str, None] = {}
    for match in _REF.finditer(str(text or "")):
        seen.setdefault(f"E{match[1]}", None)
    return list(seen)


def ref_number(ref: str) -> int:
    """The number of a reference: "E12" -> 12 (ValueError for anything else)."""
    if not re.fullmatch(r"E[1-9]\d*", ref):
        raise ValueError(f"not an evidence reference: {ref!r}")
    return int(ref[1:])


def split_criteria(text: str) -> list[str]:
    """Criteria typed as one list: "3.4,3.5" or "3.4 3.5" -> ["3.4", "3.5"]."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


def format_size(size: int) -> str:
    """A file size as a reader says it: 812 bytes, 41 KB, 3.2 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


@dataclass(frozen=True)
class Document:
    """A file read and checked for attaching: its bytes and what they are."""

    filename: str
    data: bytes
    media_type: str

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the bytes, in hex (hashed once: a file is up to 20 MB)."""
        import hashlib

        return hashlib.sha256(self.data).hexdigest()


def read_document(path: Path, *, filename: str | None = None,
                  data: bytes | None = None) -> Document:
    """Read the file at ``path`` (or take ``data``, an upload named ``filename``) and check
    it: a kind netkit keeps, its content what its name says, readable, under the limit.

    Raises AttachmentNotFoundError, AttachmentUnreadableError, AttachmentTooLargeError or
    AttachmentTypeError (all AttachmentError), naming the file and what to do.
    """
    name = filename or path.name
    shown = Path(name) if data is not None else path
    if data is None:
        data = _read(path)
    if len(data) > MAX_BYTES:
        raise AttachmentTooLargeError(shown, len(data), MAX_BYTES)
    if not data:
        raise AttachmentUnreadableError(shown, "it is empty (0 bytes)",
                                        "Attach the saved document, not an empty file.")
    suffix = Path(name).suffix.lower()
    media_type = ALLOWED.get(suffix)
    if media_type is None:
        what = f"a {suffix} file" if suffix else "a file with no extension"
        raise AttachmentTypeError(shown, f"{what} is not a kind netkit keeps", ALLOWED_TEXT)
    _check_content(shown, data, media_type)
    return Document(Path(name).name, data, media_type)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise AttachmentNotFoundError(path) from None
    except OSError as exc:
        raise AttachmentUnreadableError(path, exc.strerror or str(exc),
                                        "Check the file and its folder.") from None
    if path.is_dir():
        raise AttachmentNotFoundError(path)
    if size > MAX_BYTES:  # say so before reading hundreds of megabytes
        raise AttachmentTooLargeError(path, size, MAX_BYTES)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AttachmentUnreadableError(
            path, f"it cannot be read ({exc.strerror or exc})",
            "Check that your account may read it, or copy it somewhere you can.") from None


def _sniff(data: bytes) -> str | None:
    """The media type the content's signature shows, if it is a binary kind netkit knows."""
    for signature, where, media_type in _SIGNATURES:
        if data[where:where + len(signature)] == signature and (
                media_type != "image/webp" or data[:4] == b"RIFF"):
            return media_type
    if data.startswith(_OLE):
        return "application/msword"  # or .msg: the same container
    if data.startswith(b"PK\x03\x04"):
        return "application/zip"
    return None


def _check_content(path: Path, data: bytes, media_type: str) -> None:
    """Refuse ``data`` unless it is a readable file of ``media_type``."""
    found = _sniff(data)
    if found != _CONTAINERS.get(media_type, media_type):
        said = _NAMES[media_type]
        if found in _NAMES:
            reason = (f"its name says {said} but its content is a {_NAMES[found]}: rename "
                      f"it with the right extension")
        else:
            reason = f"its name says {said} but its content is not one"
        raise AttachmentTypeError(path, reason, ALLOWED_TEXT)
    try:
        _read_as(data, media_type)
    except (ValueError, OSError, KeyError, SyntaxError) as exc:
        raise AttachmentUnreadableError(
            path, f"it is damaged or incomplete as a {_NAMES[media_type]} ({exc})",
            "Open it on your computer to check it, save it again, then attach the new "
            "copy.") from None


def _read_as(data: bytes, media_type: str) -> None:
    """Read ``data`` as ``media_type`` far enough to know it is whole; ValueError if not.

    The readers are imported here: attaching is rare, and every netkit command imports
    this module (bench/bench_import.py).
    """
    import io
    if media_type == "application/pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValueError("no end-of-file marker: it was cut short")
    elif media_type in _IMAGE_FORMATS:
        from PIL import Image  # here: only attaching images needs Pillow

        with Image.open(io.BytesIO(data)) as image:
            if image.format != _IMAGE_FORMATS[media_type]:
                raise ValueError(f"Pillow reads it as {image.format}")
            image.verify()
    elif media_type in (ALLOWED[".docx"], ALLOWED[".odt"]):
        _read_zip(data, media_type)
    elif media_type in ("text/plain", "text/markdown", "message/rfc822"):
        _read_text(data, media_type)


def _read_zip(data: bytes, media_type: str) -> None:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if media_type == ALLOWED[".odt"]:
                if "mimetype" not in names or archive.read("mimetype").strip() != \
                        media_type.encode():
                    raise ValueError("not an OpenDocument text")
            elif "word/document.xml" not in names:
                raise ValueError("no word/document.xml inside")
            bad = archive.testzip()
            if bad is not None:
                raise ValueError(f"{bad} inside is damaged")
    except zipfile.BadZipFile as exc:
        raise ValueError(str(exc)) from None


def _read_text(data: bytes, media_type: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data:
        raise ValueError("it holds binary data, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Windows Notepad's older files
    if media_type == "message/rfc822":
        import email.parser
        import email.policy

        message = email.parser.Parser(policy=email.policy.default).parsestr(text,
                                                                            headersonly=True)
        if not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
            raise ValueError("no From, To, Subject or Date header")


@dataclass
class Attachment(Record):
    """A workplace document kept in the portfolio (its bytes are stored by SHA-256)."""

    KIND: ClassVar[str] = "attachment"
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    title: str = ""
    filename: str = ""
    media_type: str = ""
    size: int = 0
    sha256: str = ""
    date: str = ""
    criteria: list[str] = field(default_factory=list)
    confidential: bool = False
    id: str = field(default_factory=new_key)

    def validate(self) -> Attachment:
        problems = _Problems()
        self.title = problems.get(_text, self.title, "title", required=True, limit=200)
        self.filename = problems.get(_text, self.filename, "filename", required=True,
                                     limit=255)
        if isinstance(self.filename, str) and ("/" in self.filename
                                               or "\\" in self.filename):
            problems.add("filename", "give the file's name only, not a path.")
        if self.media_type not in ALLOWED.values():
            problems.add("media_type", f"{self.media_type!r} is not a kind of file netkit "
                                       f"keeps ({ALLOWED_TEXT}).")
        if isinstance(self.size, bool) or not isinstance(self.size, int) or not (
                0 < self.size <= MAX_BYTES):
            problems.add("size", f"the size must be a whole number of bytes from 1 to "
                                 f"{MAX_BYTES:,} (got {self.size!r}).")
        if not isinstance(self.sha256, str) or not re.fullmatch(r"[0-9a-f]{64}",
                                                                self.sha256):
            problems.add("sha256", "must be the file's SHA-256 as 64 hex digits.")
        self.date = problems.get(_date, self.date, "date")
        self.criteria = problems.get(_criteria_ids, self.criteria, "criteria")
        self.confidential = self.confidential is True
        problems.raise_any()
        return self

    @classmethod
    def of(cls, document: Document, *, title: str | None = None,
           date: str | dt.date | None = None, criteria: tuple[str, ...] | list[str] = (),
           confidential: bool = False, key: str | None = None) -> Attachment:
        """The record describing ``document``: titled by its file name, dated today, with
        a new key, unless told otherwise."""
        day = date.isoformat() if isinstance(date, dt.date) else date
        return cls(title=title if title and title.strip() else Path(document.filename).stem,
                   filename=document.filename, media_type=document.media_type,
                   size=len(document.data), sha256=document.sha256,
                   date=day or _today().isoformat(), criteria=list(criteria),
                   confidential=confidential, id=key or new_key())

    def summary(self, ref: str) -> str:
        """One line naming it: "minutes.pdf as E14 (criteria 3.4, 3.5; 41 KB; sha256 ab12...)"."""
        parts = []
        if self.criteria:
            parts.append(("criterion " if len(self.criteria) == 1 else "criteria ")
                         + ", ".join(self.criteria))
        parts += [format_size(self.size), f"sha256 {self.sha256[:12]}..."]
        if self.confidential:
            parts.append("confidential")
        return f"{self.filename} as {ref} ({'; '.join(parts)})"


RECORD_TYPES[Attachment.KIND] = Attachment
