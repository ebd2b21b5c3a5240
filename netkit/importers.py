"""Contacts from files: LinkedIn's ``Connections.csv``, vCard (2.1, 3.0, 4.0) and any CSV.

Reading (:func:`read_contacts`) turns a file into rows of contact fields and fails with
:class:`~netkit.exceptions.ImportFormatError`, naming the line and the problem, when the file
cannot be read at all. Importing (:func:`import_contacts`) matches the rows against the saved
contacts, so that importing the same file again adds nobody twice (same e-mail address, same
profile link, or the same name when nothing else tells them apart), and saves them in one
transaction: all of them, or, on any error, none. A row that cannot become a contact (no name,
an e-mail address that is not one) is skipped, and the report says why.

pandas (CSV) and vobject (vCard) are imported only when a file of theirs is read.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import gc
import io
import itertools
import quopri
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exceptions import ImportFormatError, RecordsValidationError, ValidationError
from .model import Contact, Network, new_keys, same_name, validate_contacts
from .store import Portfolio

__all__ = [
    "FIELDS",
    "FORMATS",
    "ImportReport",
    "Reading",
    "Skipped",
    "csv_columns",
    "detect_format",
    "file_format",
    "guess_field",
    "import_contacts",
    "plan_import",
    "read_contacts",
]

FORMATS = ("auto", "linkedin", "vcard", "csv")
#: what a column of a CSV file can hold (``email`` and ``phone`` may be several columns)
FIELDS = ("name", "first_name", "last_name", "organisation", "role", "email", "phone",
          "profile_url", "notes", "networks", "how_met", "met_on", "interests", "offers",
          "needs", "last_contact", "confidential")
_MANY = ("email", "phone")
_FORMAT_NAMES = {"linkedin": "LinkedIn connections", "vcard": "vCard", "csv": "CSV"}

# Header names (compared as lower-case letters and digits only) for each field.
_SYNONYMS = {
    "name": ("name", "full name", "display name", "contact", "contact name", "fn",
             "person"),
    "first_name": ("first name", "given name", "forename", "first", "firstname"),
    "last_name": ("last name", "surname", "family name", "last", "lastname"),
    "organisation": ("organisation", "organization", "company", "employer", "org",
                     "company name", "organization name", "organisation name", "business"),
    "role": ("role", "job title", "title", "position", "job", "organization title",
             "occupation"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail",
              "e-mail 1 - value", "email 1", "primary email", "e-mail 2 address",
              "e-mail 3 address", "e-mail 2 - value", "work email", "home email"),
    "phone": ("phone", "telephone", "tel", "mobile", "mobile phone", "phone number",
              "business phone", "home phone", "cell", "cell phone", "phone 1 - value",
              "phone 2 - value", "work phone", "primary phone"),
    "profile_url": ("url", "profile", "profile url", "linkedin", "linkedin url",
                    "linkedin profile", "website", "web page", "web site"),
    "notes": ("notes", "note", "comments", "comment"),
    "networks": ("networks", "network", "groups", "group"),
    "how_met": ("how met", "how we met", "met at", "where met", "how i met them"),
    "met_on": ("met on", "date met", "when met", "connected on", "first met", "met"),
    "interests": ("interests", "tags", "topics", "categories", "labels", "interest"),
    "offers": ("offers", "can offer", "could offer", "what they offer",
               "what they could offer", "offer"),
    "needs": ("needs", "need", "what they need"),
    "last_contact": ("last contact", "last contacted", "last contact date", "last spoke",
                     "last contacted on"),
    "confidential": ("confidential", "private"),
}
_LINKEDIN = {"First Name": "first_name", "Last Name": "last_name", "URL": "profile_url",
             "Email Address": "email", "Company": "organisation", "Position": "role",
             "Connected On": "met_on"}
_TRUE = {"yes", "y", "true", "1", "x", "confidential", "private"}


def _folded(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


_BY_HEADER = {_folded(name): fld for fld, names in _SYNONYMS.items() for name in names}


def guess_field(header: str) -> str | None:
    """The contact field a column header names ("E-mail Address" -> "email"), or None."""
    return _BY_HEADER.get(_folded(header))


@dataclass(frozen=True)
class Skipped:
    """A row of the file that did not become a contact, and why."""

    line: int
    name: str
    reason: str

    def __str__(self) -> str:
        who = f" ({self.name})" if self.name else ""
        return f"line {self.line}{who}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did: contacts imported, updated (details added), skipped (why)."""

    source: str
    format: str
    imported: list[Contact] = field(default_factory=list)
    updated: list[Contact] = field(default_factory=list)
    unchanged: list[Contact] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    saved: bool = False

    def counts(self) -> str:
        """``imported 11, updated 0, skipped 2``."""
        return (f"imported {len(self.imported)}, updated {len(self.updated)}, skipped "
                f"{len(self.skipped)}")

    def summary(self, limit: int | None = 10) -> str:
        """``imported 11, updated 0, skipped 2: line 5: no name; ...`` in one paragraph."""
        text = self.counts()
        if self.skipped:
            shown = self.skipped if limit is None else self.skipped[:limit]
            text += ": " + "; ".join(str(s).rstrip(".") for s in shown)
            if len(shown) < len(self.skipped):
                text += f"; and {len(self.skipped) - len(shown)} more"
        text += "."
        if self.unchanged:
            text += (f" {len(self.unchanged)} already in your contacts with nothing new "
                     "(left as they are).")
        return text


@dataclass
class Reading:
    """A file read as columns of contact fields, before anything is matched or saved.

    ``columns`` maps each ``Contact`` field the file holds to one value per row, with
    ``emails`` and ``phones`` as lists; kept as columns, so that tens of thousands of rows
    become contacts in one pass (:meth:`rows` gives them one dict per row).
    """

    source: str
    format: str
    columns: dict[str, list[Any]]
    size: int
    lines: Callable[[], list[int]]
    _known: list[int] | None = None

    @classmethod
    def of_rows(cls, source: str, format: str, rows: list[dict[str, Any]],
                lines: Callable[[], list[int]]) -> Reading:
        """A reading of ``rows`` (dicts of contact fields; a missing field is blank)."""
        names = list(dict.fromkeys(name for row in rows for name in row))
        blank = {"emails": [], "phones": [], "interests": [], "networks": [],
                 "confidential": False}
        columns = {name: [row.get(name, blank.get(name, "")) for row in rows]
                   for name in names}
        return cls(source, format, columns, len(rows), lines)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict of contact fields per row."""
        names = list(self.columns)
        return [dict(zip(names, values, strict=True))
                for values in zip(*self.columns.values(), strict=True)]

    def line(self, index: int) -> int:
        """The line of the file that row ``index`` starts on."""
        if self._known is None:
            self._known = self.lines()
        return self._known[index]


@contextmanager
def _bulk() -> Iterator[None]:
    """Cyclic garbage collection paused while tens of thousands of contacts are made.

    Making them creates no cycles, yet every few hundred new lists, dicts and contacts
    start a collection, and the oldest generation's walk every one made so far: that
    took from a fifth of an import's time to most of reading a file. Reference counting
    still frees everything; the collector runs again afterwards.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


# -- reading a file --------------------------------------------------------------------------

def _decode(data: bytes, source: str) -> str:
    """Text from UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") // 2 + 1
            raise ImportFormatError(source, f"line {line}: not readable as UTF-16 "
                                            "text.") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                line = data[:exc.start].count(b"\n") + 1
                raise ImportFormatError(source, f"line {line}: byte 0x{data[exc.start]:02x} "
                                                "is not text (neither UTF-8 nor "
                                                "Windows-1252). Save the file as CSV "
                                                "(UTF-8) or vCard and import it again."
                                        ) from None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise ImportFormatError(source, f"line {line}: holds a NUL character, so it is not a "
                                        "text file. Import LinkedIn's Connections.csv, a "
                                        "vCard (.vcf) or a CSV file.")
    return text.lstrip("\ufeff")


def _linkedin_header(text: str) -> tuple[int, int] | None:
    """Where LinkedIn's header line starts (character offset, line number), if anywhere."""
    offset = 0
    for number, line in enumerate(itertools.islice(io.StringIO(text, newline=""), 60),
                                  start=1):
        cells = {c.strip() for c in next(csv.reader([line]), [])}
        if {"First Name", "Last Name"} <= cells and cells & {"URL", "Connected On",
                                                            "Email Address"}:
            return offset, number
        offset += len(line)
    return None


def detect_format(text: str, name: str = "") -> str:
    """``vcard``, ``linkedin`` or ``csv``: what the file looks like (and is called)."""
    if (text.lstrip()[:6].upper() == "BEGIN:"
            or name.lower().endswith((".vcf", ".vcard"))):
        return "vcard"
    if _linkedin_header(text) is not None:
        return "linkedin"
    return "csv"


def file_format(data: bytes | str, name: str = "") -> str:
    """``vcard``, ``linkedin`` or ``csv`` for a file's bytes (ImportFormatError if not text)."""
    text = data if isinstance(data, str) else _decode(data, name or "the file")
    return detect_format(text, name)


def read_contacts(data: bytes | str, *, format: str = "auto",
                  mapping: dict[str, str | None] | None = None, name: str = "") -> Reading:
    """Read a file of contacts; raise ImportFormatError if it cannot be read at all.

    ``format`` is ``auto`` (decided from the content and ``name``), ``linkedin``, ``vcard``
    or ``csv``. ``mapping`` (CSV only) says which field each column holds, ``{"Mail":
    "email", "Notes": None}``; without it, columns are matched by their headers (see
    :func:`guess_field`). ``name`` is the file's name, used in messages.
    """
    with _bulk():
        return _read(data, format, mapping, name)


def _read(data: bytes | str, format: str, mapping: dict[str, str | None] | None,
          name: str) -> Reading:
    source = name or "the file"
    if format not in FORMATS:
        raise ImportFormatError(source, f"unknown format {format!r}: use one of "
                                        f"{', '.join(FORMATS)}.")
    text = data if isinstance(data, str) else _decode(data, source)
    if not text.strip():
        raise ImportFormatError(source, "line 1: the file is empty.")
    kind = detect_format(text, name) if format == "auto" else format
    if kind == "vcard":
        return _read_vcards(text, source)
    if kind == "linkedin":
        found = _linkedin_header(text)
        if found is None:
            raise ImportFormatError(source, "no header line with the columns First Name, "
                                            "Last Name and URL in its first 60 lines, so "
                                            "this is not LinkedIn's Connections.csv. Get it "
                                            "from LinkedIn: Settings > Data privacy > Get a "
                                            "copy of your data > Connections.")
        offset, line = found
        return _read_csv(text[offset:], source, "linkedin", line, mapping or _LINKEDIN)
    skipped = len(text) - len(text.lstrip("\r\n"))
    first = text[:skipped].count("\n") + 1
    return _read_csv(text[skipped:], source, "csv", first, mapping)


def csv_columns(data: bytes | str, name: str = "") -> list[str]:
    """The columns of a CSV file as :func:`read_contacts` names them (for a mapping)."""
    text = data if isinstance(data, str) else _decode(data, name or "the file")
    found = _linkedin_header(text)  # LinkedIn's: the header after its notes
    start = found[0] if found else len(text) - len(text.lstrip("\r\n"))
    frame = _frame(text[start:], name or "the file", 1, nrows=0)
    return [str(c) for c in frame.columns]


def _delimiter(text: str) -> str:
    """The separator the header line uses most: comma, semicolon, tab or bar."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _frame(text: str, source: str, first: int, nrows: int | None = None) -> Any:
    """The CSV ``text`` (whose header is line ``first``) as a DataFrame of text."""
    import pandas as pd

    sep = _delimiter(text)
    options: dict[str, Any] = {"sep": sep, "dtype": str, "keep_default_na": False,
                               "skip_blank_lines": False, "index_col": False,
                               "engine": "c", "nrows": nrows}
    for attempt in range(2):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                return pd.read_csv(io.StringIO(text), **options)
        except pd.errors.EmptyDataError:
            raise ImportFormatError(source, f"line {first}: no header line (the file "
                                            "has no columns).") from None
        except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError) as exc:
            width = _diagnose(text, sep, source, first)
            if attempt or width is None:
                raise ImportFormatError(source, f"cannot read it as CSV ({exc}).") from None
            # Only empty values after the last column (trailing separators): drop them.
            options["usecols"] = range(width)
    raise AssertionError("unreachable")  # pragma: no cover


def _diagnose(text: str, sep: str, source: str, first: int) -> int | None:
    """Find why pandas could not read ``text``: raise naming the line, or return the width
    of the header if the only trouble is empty values after the last column."""
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    width = None
    start = 1
    try:
        for record in reader:
            if width is None:
                width = len(record)
            elif len(record) > width and any(v.strip() for v in record[width:]):
                raise ImportFormatError(
                    source, f"line {first + start - 1}: {len(record)} values, but the "
                            f"header names {width} columns. Put quotes around a value "
                            "that holds a comma (\"Acme, Ltd\"), or remove the extra "
                            "values.")
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = ("a quote (\") opens a value that never closes"
                   if "end of data" in str(exc) or "EOF" in str(exc) else str(exc))
        raise ImportFormatError(source, f"line {first + start - 1}: {problem}.") from None
    return width


def _record_lines(text: str, first: int) -> list[int]:
    """The line each CSV record after the header starts on (quotes may span lines)."""
    lines = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=first):
        if not inside and number > first:
            lines.append(number)
        if line.count('"') % 2:
            inside = not inside
    return lines


def _read_csv(text: str, source: str, kind: str, first: int,
              mapping: dict[str, str | None] | dict[str, str] | None) -> Reading:
    frame = _frame(text, source, first)
    columns = [str(c) for c in frame.columns]
    chosen = _mapping(columns, mapping, source, first)
    if not {"name", "first_name", "last_name"} & set(chosen.values()):
        raise ImportFormatError(source, f"line {first}: no column for the names (found: "
                                        f"{', '.join(columns)}). Call one column Name (or "
                                        "First Name and Last Name), or say which column "
                                        "holds what: --map 'Column=name'.")
    cells = {column: [v.strip() for v in frame[column].tolist()] for column in columns}
    # A blank line is a row with nothing in any column: not a contact, not a skip.
    kept = [i for i, row in enumerate(zip(*cells.values(), strict=True)) if any(row)]
    if len(kept) < len(frame):
        cells = {column: [values[i] for i in kept] for column, values in cells.items()}
    by_field: dict[str, list[list[str]]] = {}
    for column, fld in chosen.items():
        by_field.setdefault(fld, []).append(cells[column])
    blank = [""] * len(kept)

    def one(fld: str) -> list[str]:
        found = by_field.get(fld)
        if not found:
            return blank
        if len(found) == 1:
            return found[0]
        return [next((v for v in row if v), "") for row in zip(*found, strict=True)]

    fields: dict[str, list[Any]] = {"name": [n or f"{a} {b}".strip() for n, a, b in zip(
        one("name"), one("first_name"), one("last_name"), strict=True)]}
    for fld in FIELDS:
        if fld in by_field and fld not in ("name", "first_name", "last_name", *_MANY):
            texts = one(fld)
            fields[fld] = ([v.casefold() in _TRUE for v in texts]
                            if fld == "confidential" else texts)
    for fld, key in (("email", "emails"), ("phone", "phones")):
        found = by_field.get(fld, [])
        fields[key] = ([[v for v in row if v] if any(row) else []
                         for row in zip(*found, strict=True)]
                        if found else [[] for _ in blank])
    if kind == "linkedin":
        fields["how_met"] = ["LinkedIn connection"] * len(kept)

    def lines() -> list[int]:
        starts = _record_lines(text, first)
        return [starts[i] if i < len(starts) else first + i + 1 for i in kept]

    return Reading(source, kind, fields, len(kept), lines)


def _mapping(columns: list[str], mapping: dict[str, str | None] | dict[str, str] | None,
             source: str, first: int) -> dict[str, str]:
    """column -> field, from ``mapping`` or guessed from the headers."""
    if mapping is None:
        return {c: f for c in columns if (f := guess_field(c)) is not None}
    chosen = {}
    for column, fld in mapping.items():
        if column not in columns:
            if fld and column in _LINKEDIN:
                continue  # an older LinkedIn export without this column
            raise ImportFormatError(source, f"line {first}: no column {column!r} (the "
                                            f"columns are: {', '.join(columns)}).")
        if fld is None or fld == "":
            continue
        if fld not in FIELDS:
            raise ImportFormatError(source, f"{fld!r} is not a contact field: use one of "
                                            f"{', '.join(FIELDS)}.")
        chosen[column] = fld
    return chosen


# -- vCards --------------------------------------------------------------------------------

_STRUCTURED = {"N", "ADR", "ORG"}
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_PROPERTY = re.compile(r"^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?)((?:;[^:]*)?):(.*)$", re.DOTALL)


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the line each starts on: folded lines joined, and Outlook's
    quoted-printable soft line breaks (a value ending in ``=``) too."""
    out: list[tuple[int, str]] = []
    qp_open = False
    for number, line in enumerate(text.splitlines(), start=1):
        if qp_open and out:
            start, before = out[-1]
            out[-1] = (start, before[:-1] + line)
        elif line[:1] in (" ", "\t") and out:
            start, before = out[-1]
            out[-1] = (start, before + line[1:])
        elif line.strip():
            out.append((number, line))
        else:
            continue
        current = out[-1][1]
        head = current.split(":", 1)[0].upper()
        qp_open = "QUOTED-PRINTABLE" in head and current.endswith("=")
    return out


def _escape(text: str, *, structured: bool) -> str:
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n").replace(",", "\\,")
    return text if structured else text.replace(";", "\\;")


def _vcard21(line: str) -> str:
    """A vCard 2.1 property in the 3.0 shape vobject reads: quoted-printable and the
    charset decoded, commas and semicolons in plain text escaped."""
    match = _PROPERTY.match(line)
    if match is None:
        return line
    name, params, value = match.groups()
    upper = params.upper()
    charset = "utf-8"
    if found := re.search(r"CHARSET=([^;:]+)", params, re.IGNORECASE):
        charset = found[1].strip('"')
    structured = name.split(".")[-1].upper() in _STRUCTURED
    parts = value.split(";") if structured else [value]
    decoded = []
    for part in parts:
        if "QUOTED-PRINTABLE" in upper:
            raw = quopri.decodestring(part.encode("latin-1", "replace"))
            try:
                plain = raw.decode(charset)
            except (LookupError, UnicodeDecodeError):
                plain = raw.decode("cp1252", "replace")
            decoded.append(_escape(plain, structured=structured))
        else:  # 2.1 has no escapes: a backslash means a 3.0 writer, already escaped
            decoded.append(part if "\\" in part else _escape(part, structured=structured))
    kept = [p for p in params.split(";")[1:]
            if not re.match(r"(ENCODING=)?QUOTED-PRINTABLE$|CHARSET=", p, re.IGNORECASE)]
    return name + "".join(f";{p}" for p in kept) + ":" + ";".join(decoded)


def _cards(text: str, source: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each card (the line it starts on, its logical lines), checked for BEGIN/END."""
    cards: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    for number, line in _unfold(text):
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            if current is not None:
                raise ImportFormatError(source, f"line {cards[-1][0]}: this card has no "
                                                "END:VCARD before the next BEGIN.")
            if upper != "BEGIN:VCARD":
                raise ImportFormatError(source, f"line {number}: {line.strip()[6:]!r} is "
                                                "not a contact card (BEGIN:VCARD).")
            current = [(number, "BEGIN:VCARD")]
            cards.append((number, current))
        elif current is None:
            raise ImportFormatError(source, f"line {number}: text outside a card "
                                            f"({line.strip()[:40]!r}): every contact "
                                            "starts with BEGIN:VCARD.")
        elif _PROPERTY.match(line) is None:
            raise ImportFormatError(source, f"line {number}: {line.strip()[:40]!r} is not a "
                                            "vCard line (NAME:value).")
        else:
            current.append((number, line))
            if upper == "END:VCARD":
                current = None
    if current is not None:
        raise ImportFormatError(source, f"line {cards[-1][0]}: this card has no END:VCARD "
                                        "(is the file cut short?).")
    if not cards:
        raise ImportFormatError(source, "line 1: no contact cards (BEGIN:VCARD) in it.")
    return cards


def _property_name(line: str) -> str:
    """``item1.EMAIL;TYPE=work:x`` -> ``EMAIL``."""
    match = _PROPERTY.match(line)
    return match[1].split(".")[-1].upper() if match else ""


def _read_vcards(text: str, source: str) -> Reading:
    import vobject

    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    for start, card in _cards(text, source):
        version = next((v.split(":", 1)[1].strip() for _, v in card
                        if v.upper().startswith("VERSION:")), "3.0")
        kept = [(n, _vcard21(v) if version == "2.1" or "QUOTED-PRINTABLE" in v.upper()
                 else v) for n, v in card if _property_name(v) not in _BINARY]
        body = "\r\n".join(v for _, v in kept) + "\r\n"
        try:
            parsed = vobject.readOne(body, validate=False)
        except vobject.base.ParseError as exc:
            number = getattr(exc, "lineNumber", None)
            where = kept[number - 1][0] if isinstance(number, int) and 0 < number <= len(
                kept) else start
            raise ImportFormatError(source, f"line {where}: cannot read this vCard line "
                                            f"({_vobject_message(exc)}).") from None
        except Exception as exc:  # vobject raises many kinds on odd input
            raise ImportFormatError(source, f"line {start}: cannot read this card "
                                            f"({type(exc).__name__}: {exc}).") from None
        rows.append(_card_row(parsed))
        lines.append(start)
    return Reading.of_rows(source, "vcard", rows, lambda: lines)


def _vobject_message(exc: Exception) -> str:
    text = str(exc)
    return re.sub(r"^At line \d+: ", "", text).strip() or type(exc).__name__


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name.lower(), []))


def _text_of(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_text_of(v) for v in value) if t)
    return " ".join(str(value or "").split())


def _preferred(items: list[Any]) -> list[Any]:
    """Items marked preferred first (TYPE=PREF, PREF=1 or a bare PREF), then the rest."""
    def rank(item: Any) -> int:
        params = {k.upper(): [str(v).upper() for v in vs] for k, vs in item.params.items()}
        types = ",".join(params.get("TYPE", [])).split(",")
        pref = "PREF" in types or "PREF" in params or "PREF" in {
            str(p).upper() for p in getattr(item, "singletonparams", [])}
        return 0 if pref else 1
    return sorted(items, key=rank)


def _card_row(card: Any) -> dict[str, Any]:
    """A parsed vCard as contact fields: FN, or else N; several TEL and EMAIL kept."""
    name = next((_text_of(fn.value) for fn in _values(card, "FN") if _text_of(fn.value)), "")
    if not name:
        for item in _values(card, "N"):
            value = item.value
            parts = ([getattr(value, p, "") for p in ("prefix", "given", "additional",
                                                       "family", "suffix")]
                     if not isinstance(value, str) else value.split(";"))
            name = " ".join(t for t in (_text_of(p) for p in parts) if t)
            if name:
                break
    phones = []
    for item in _preferred(_values(card, "TEL")):
        phone = re.sub(r"^tel:", "", _text_of(item.value), flags=re.IGNORECASE)
        phones.append(phone.split(";", 1)[0].strip())
    urls = [_text_of(u.value) for u in _values(card, "URL")]
    urls = [u if re.match(r"https?://", u, re.IGNORECASE) else f"https://{u}"
            for u in urls if u and ("://" not in u or u.lower().startswith("http"))]
    urls.sort(key=lambda u: "linkedin.com" not in u.lower())
    categories = [c for item in _values(card, "CATEGORIES") for c in (
        item.value if isinstance(item.value, list) else [item.value])]
    return {
        "name": name,
        "organisation": next((_text_of(o.value) for o in _values(card, "ORG")), ""),
        "role": next((_text_of(t.value) for t in [*_values(card, "TITLE"),
                                                  *_values(card, "ROLE")]
                      if _text_of(t.value)), ""),
        "emails": [_text_of(e.value) for e in _preferred(_values(card, "EMAIL"))
                   if _text_of(e.value)],
        "phones": [p for p in phones if p],
        "profile_url": urls[0] if urls else "",
        "notes": "\n\n".join(str(n.value).strip() for n in _values(card, "NOTE")
                             if str(n.value).strip()),
        "interests": [_text_of(c) for c in categories if _text_of(c)],
    }


# -- matching and saving ---------------------------------------------------------------------

_PROFILE_PREFIX = re.compile(r"^(?:https?://)?(?:www\.|[a-z]{2}\.(?=linkedin\.com))?")
_PROFILE_TAIL = re.compile(r"[?#].*$|/+$", re.DOTALL)


def _profile_key(url: str) -> str:
    """A profile link as compared: no scheme, www, country prefix, query or end slash."""
    bare = _PROFILE_PREFIX.sub("", url.strip().casefold(), count=1)
    return _PROFILE_TAIL.sub("", bare).rstrip("/")


def _name_key(name: str) -> str:
    """A name as compared: accents, case and spacing ignored."""
    if name.isascii():  # nothing to decompose (most names): same_name alone
        return same_name(name)
    plain = unicodedata.normalize("NFKD", name)
    return same_name("".join(ch for ch in plain if not unicodedata.combining(ch)))


def _match_keys(contact: Contact) -> tuple[str, str]:
    """What a contact is looked up by besides its e-mails: (name key, profile key)."""
    return (_name_key(contact.name),
            _profile_key(contact.profile_url) if contact.profile_url else "")


class _Index:
    """The contacts known so far, by e-mail, profile link and name: dicts, so that each
    row of a file is matched in constant time however many contacts there are."""

    def __init__(self) -> None:
        self.emails: dict[str, Contact] = {}
        self.profiles: dict[str, Contact] = {}
        # name -> (has an e-mail, has a profile link) -> contacts
        self.names: dict[str, dict[tuple[bool, bool], list[Contact]]] = {}

    def add(self, contact: Contact, name: str, profile: str) -> None:
        """Know ``contact`` by its e-mails, ``profile`` and ``name`` (:func:`_match_keys`)."""
        for email in (contact.email, *contact.other_emails):
            if email:
                self.emails.setdefault(email.casefold(), contact)
        if profile:
            self.profiles.setdefault(profile, contact)
        shape = (bool(contact.email), bool(contact.profile_url))
        self.names.setdefault(name, {}).setdefault(shape, []).append(contact)

    def find(self, new: Contact, name: str, profile: str) -> tuple[Contact | None, str]:
        """The known contact ``new`` is, and what matched; (None, "") if nobody."""
        for email in (new.email, *new.other_emails):
            if email and (found := self.emails.get(email.casefold())):
                return found, "same e-mail address"
        if profile and (found := self.profiles.get(profile)):
            return found, "same profile link"
        # The same name is the same person unless something tells them apart: both have
        # e-mail addresses (none shared, or one would have matched above), or both have
        # profile links (different ones).
        shapes = self.names.get(name, {})
        for (has_email, has_profile), known in shapes.items():
            if (has_email and new.email) or (has_profile and new.profile_url):
                continue
            for contact in known:  # re-checked: a merge may have given it an e-mail
                if not ((contact.email and new.email)
                        or (contact.profile_url and new.profile_url)):
                    return contact, "same name"
        return None, ""


_FILLED = ("organisation", "role", "profile_url", "notes", "how_met", "met_on", "offers",
           "needs")


def _additions(known: Contact, new: Contact) -> dict[str, Any]:
    """What ``new`` knows and ``known`` lacks, as ``known``'s new field values (never
    overwriting: blanks filled, e-mails, phones, interests and networks added); {} when
    ``new`` adds nothing."""
    out: dict[str, Any] = {name: value for name in _FILLED
                           if not getattr(known, name) and (value := getattr(new, name))}
    if new.last_contact > known.last_contact:
        out["last_contact"] = new.last_contact
    if new.confidential and not known.confidential:
        out["confidential"] = True
    for main, more, same in (("email", "other_emails", str.casefold),
                             ("phone", "other_phones", _digits)):
        if not (getattr(new, main) or getattr(new, more)):
            continue
        first, rest = getattr(known, main), list(getattr(known, more))
        have = {same(v) for v in (first, *rest) if v}
        for value in (getattr(new, main), *getattr(new, more)):
            if value and same(value) not in have:
                if first:
                    rest.append(value)
                else:
                    first = out[main] = value
                have.add(same(value))
        if len(rest) > len(getattr(known, more)):
            out[more] = rest
    for name in ("interests", "networks"):
        if not getattr(new, name):
            continue
        seen = {same_name(v) for v in getattr(known, name)}
        extra = [v for v in getattr(new, name) if same_name(v) not in seen]
        if extra:
            out[name] = [*getattr(known, name), *extra]
    return out


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _network_keys(listed: Any, networks: dict[str, str]) -> list[str]:
    """Network names as written (a list, or one text with commas): the learner's recorded
    networks become their keys."""
    if isinstance(listed, str):
        listed = [n for n in re.split(r"[,;]", listed) if n.strip()]
    return [networks.get(same_name(n), n.strip()) for n in listed]


_INIT = [f for f in dataclasses.fields(Contact) if f.init]


def _contacts(reading: Reading, networks: dict[str, str], taken: set[str]
              ) -> Iterator[Contact]:
    """Each row as a Contact (not yet validated), built column by column.

    The first of a row's e-mails and phones are the main ones; network names the learner
    recorded become their keys; each contact gets a fresh key, none in ``taken``.
    """
    size, given = reading.size, dict(reading.columns)
    for main, many in (("email", "emails"), ("phone", "phones")):
        values = given.pop(many, None)
        if values is not None:
            given[main] = [v[0] if v else "" for v in values]
            given[f"other_{many}"] = [list(v[1:]) for v in values]
    if "networks" in given:
        given["networks"] = [_network_keys(v, networks) for v in given["networks"]]
    given["id"] = new_keys(size, taken)
    columns: list[Iterable[Any]] = []
    for fld in _INIT:
        if fld.name in given:
            columns.append(given[fld.name])
        elif fld.default is not dataclasses.MISSING:
            columns.append(itertools.repeat(fld.default, size))
        else:  # a list: a new one for each contact
            factory: Any = fld.default_factory
            columns.append(factory() for _ in range(size))
    return map(Contact, *columns)


def plan_import(reading: Reading, existing: Iterable[Contact],
                networks: Iterable[Network] = ()) -> tuple[list[Contact], ImportReport]:
    """What importing ``reading`` does to the ``existing`` contacts: (to save, report).

    Every contact to save has been validated (each row once; a known contact again after
    the row's details were added to it), so the store need not validate them again.
    """
    index = _Index()
    taken = set()
    for contact in existing:
        index.add(contact, *_match_keys(contact))
        taken.add(contact.key)
    known_networks = {same_name(n.name): n.id for n in networks}
    report = ImportReport(reading.source, _FORMAT_NAMES[reading.format])
    origin: dict[int, int] = {}  # id(contact) -> the row that brought it in this import
    updated: dict[int, Contact] = {}
    unchanged: dict[int, Contact] = {}
    contacts = list(_contacts(reading, known_networks, taken))
    faults = validate_contacts(contacts)  # all at once: each rule down its column
    for i, new in enumerate(contacts):
        name = str(new.name or "")
        if not name.strip():
            report.skipped.append(Skipped(reading.line(i), "", "no name"))
            continue
        if i in faults:
            report.skipped.append(Skipped(reading.line(i), name.strip(),
                                          _reason(faults[i])))
            continue
        keys = _match_keys(new)
        known, why = index.find(new, *keys)
        if known is None:
            index.add(new, *keys)
            origin[id(new)] = i
            report.imported.append(new)
        elif id(known) in origin:
            report.skipped.append(Skipped(
                reading.line(i), new.name, f"the same person as line "
                                           f"{reading.line(origin[id(known)])} ({why})"))
        elif additions := _additions(known, new):
            merged = dataclasses.replace(known, **additions)
            try:
                merged.validate()
            except ValidationError as exc:
                report.skipped.append(Skipped(
                    reading.line(i), new.name, f"the same person as {known.name} ({why}), "
                                               f"whose details would then be wrong: "
                                               f"{_reason(exc)}"))
                continue
            vars(known).update(vars(merged))
            index.add(known, *_match_keys(known))
            updated[id(known)] = known
            unchanged.pop(id(known), None)
        elif id(known) not in updated:
            unchanged[id(known)] = known
    report.updated = list(updated.values())
    report.unchanged = list(unchanged.values())
    return [*report.imported, *report.updated], report


def _reason(exc: ValidationError) -> str:
    return "; ".join(f"{f.replace('_', ' ')}: {m.rstrip('.')}" for f, m in exc.errors)


def import_contacts(portfolio: Portfolio, source: str | Path | bytes, *,
                    format: str = "auto",
                    mapping: dict[str, str | None] | None = None, name: str = "",
                    dry_run: bool = False) -> ImportReport:
    """Import contacts from a file (a path, or its bytes) into ``portfolio``.

    Everything is saved in one transaction; an ImportFormatError (or any other error)
    leaves the portfolio as it was. ``dry_run`` reports without saving. Each contact is
    validated once, in :func:`plan_import`, and saved with its first revision in bulk.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ImportFormatError(str(path), "no such file. Check the path.") from None
        except OSError as exc:
            raise ImportFormatError(str(path), f"cannot read it ({exc.strerror or exc})."
                                    ) from None
    with _bulk():
        reading = read_contacts(data, format=format, mapping=mapping, name=name)
        with portfolio._lock:  # nobody saves a contact between matching and saving
            records, report = plan_import(reading, portfolio.all(Contact),
                                          portfolio.all(Network))
            if dry_run:
                return report
            try:
                portfolio.save_many(records, validated=True)
            except RecordsValidationError as exc:
                # Rules across records: report the rows at fault, save the others.
                bad = {key for _, key, _ in exc.records}
                for record in records:
                    if record.key in bad:
                        problems = next(p for _, k, p in exc.records if k == record.key)
                        report.skipped.append(Skipped(0, record.name, "; ".join(
                            m.rstrip(".") for _, m in problems)))
                report.imported = [c for c in report.imported if c.key not in bad]
                report.updated = [c for c in report.updated if c.key not in bad]
                portfolio.save_many([*report.imported, *report.updated], validated=True)
    report.saved = True
    return report
