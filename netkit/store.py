"""The portfolio on disk: one SQLite file per learner, the single place answers are written.

Every save is one transaction in WAL mode, so JupyterLab, a second kernel and the command
line can use the file at once. Every record keeps its revision history; deleting is a
revision too, and so undoable. The schema version lives in ``PRAGMA user_version``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import getpass
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ._version import __version__
from .attachments import Attachment, Document, cited, read_document
from .exceptions import (
    AmbiguousNameError,
    DumpVersionError,
    ErasureIncompleteError,
    ImportFormatError,
    NotAPortfolioError,
    PortfolioLockedError,
    PortfolioNotEmptyError,
    PortfolioNotFoundError,
    PortfolioUnavailableError,
    RecordNotFoundError,
    RecordsValidationError,
    SchemaVersionError,
    ValidationError,
)
from .model import RECORD_TYPES, Record, same_name
from .render import show_date

__all__ = [
    "APPLICATION_ID",
    "DUMP_FORMAT",
    "DUMP_VERSION",
    "FORGOTTEN",
    "REF_COUNTER",
    "SCHEMA_VERSION",
    "Erasure",
    "Portfolio",
    "Revision",
    "Stamp",
    "StoredRecord",
    "default_portfolio_path",
    "resolve_portfolio_path",
    "workbook_root",
]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

SCHEMA_VERSION = 2
APPLICATION_ID = 0x4E4B5046  # "NKPF": marks the file as a netkit portfolio
DUMP_FORMAT = "netkit-portfolio"
DUMP_VERSION = 1
ENV_VAR = "NETKIT_PORTFOLIO"
#: meta key holding the highest evidence number ever given: numbers are never reused, even
#: after a record is deleted or forgotten
REF_COUNTER = "evidence_refs"
EXPORT_META = "export_redaction"  # set (to the redaction mode) in the copy an export runs on
EXPORT_NOT_REDACTED = "not redacted"  # how the mode of a --no-redact export begins
_MARKER = Path("notebooks") / "00-start-here.ipynb"


def workbook_root(start: Path | None = None) -> Path:
    """The workbook folder: the nearest folder at or above ``start`` holding the notebooks."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / _MARKER).is_file():
            return folder
    return here


def default_portfolio_path(start: Path | None = None) -> Path:
    """``portfolio/portfolio.sqlite`` in the workbook folder."""
    return workbook_root(start) / "portfolio" / "portfolio.sqlite"


def resolve_portfolio_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The portfolio path: ``path`` if given, else $NETKIT_PORTFOLIO, else the default."""
    if path:
        return Path(path).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_portfolio_path()


def _sha256(data: bytes) -> Any:
    """hashlib.sha256, imported when a document is checked (not by every command)."""
    import hashlib

    return hashlib.sha256(data)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored: its data plus revision bookkeeping."""

    kind: str
    key: str
    data: dict[str, Any]
    revision: int
    deleted: bool
    created_at: str
    updated_at: str
    ref: str | None = None  # its evidence reference ("E7"), None if it is not evidence


@dataclass(frozen=True)
class Stamp:
    """A live record's evidence reference and dates (:meth:`Portfolio.stamps`).

    ``ref`` is "E7", None for what is not evidence (the learner's details, the declaration,
    contacts); ``created`` and ``changed`` are ISO times in UTC (first and latest save).
    """

    ref: str | None
    created: str
    changed: str


def _ref(number: int | None) -> str | None:
    return None if number is None else f"E{number}"


def _is_evidence(kind: str) -> bool:
    """Whether records of ``kind`` get an evidence reference (``Record.EVIDENCE``)."""
    cls = RECORD_TYPES.get(kind)
    return cls is not None and cls.EVIDENCE


@dataclass(frozen=True)
class Revision:
    """One entry of a record's history: who changed what, when."""

    kind: str
    key: str
    revision: int
    action: str  # create | update | delete | restore
    data: dict[str, Any]
    deleted: bool
    at: str
    actor: str
    via: str


def _migrate_0_to_1(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE records (
            kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,
            revision INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (kind, key))"""
    )
    db.execute(
        """CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL, key TEXT NOT NULL, revision INTEGER NOT NULL,
            action TEXT NOT NULL, data TEXT NOT NULL, deleted INTEGER NOT NULL,
            at TEXT NOT NULL, actor TEXT NOT NULL, via TEXT NOT NULL,
            UNIQUE (kind, key, revision))"""
    )


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    """Evidence references (records.ref, counted in meta) and attached files (blobs)."""
    db.execute("ALTER TABLE records ADD COLUMN ref INTEGER")
    db.execute("CREATE UNIQUE INDEX records_ref ON records (ref)")
    db.execute("CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")
    _number_unreferenced(db, 0)


def _number_unreferenced(db: sqlite3.Connection, given: int) -> None:
    """Give evidence records without a reference one, in the order they were created,
    after ``given`` and every number already used; keep the counter in meta."""
    number = max(given, _given(db))
    for kind, key in db.execute("SELECT kind, key FROM records WHERE ref IS NULL "
                                "ORDER BY created_at, kind, key").fetchall():
        if _is_evidence(kind):
            number += 1
            db.execute("UPDATE records SET ref=? WHERE kind=? AND key=?", (number, kind, key))
    if number:
        _set_counter(db, number)


def _set_counter(db: sqlite3.Connection, number: int) -> None:
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
               "SET value=excluded.value", (REF_COUNTER, str(number)))


def _next_ref(db: sqlite3.Connection) -> int:
    """The next evidence number (inside the caller's transaction), counted in meta."""
    number = _given(db) + 1
    _set_counter(db, number)
    return number


def _given(db: sqlite3.Connection) -> int:
    """The highest evidence number given so far: the counter in meta, or a record's."""
    row = db.execute("SELECT (SELECT value FROM meta WHERE key=?), (SELECT max(ref) FROM "
                     "records)", (REF_COUNTER,)).fetchone()
    return max(int(row[0] or 0), int(row[1] or 0))


def _drop_unused_blobs(db: sqlite3.Connection) -> None:
    """Delete the attached files no attachment (nor any saved version of one) names."""
    used = {json.loads(text).get("sha256") for (text,) in db.execute(
        "SELECT data FROM records WHERE kind=? UNION ALL SELECT data FROM revisions "
        "WHERE kind=?", (Attachment.KIND, Attachment.KIND))}
    for (sha,) in db.execute("SELECT sha256 FROM blobs").fetchall():
        if sha not in used:
            db.execute("DELETE FROM blobs WHERE sha256=?", (sha,))


def _citations(value: Any) -> list[str]:
    """The references a field cites (a text, or a list of texts)."""
    if isinstance(value, str):
        return cited(value)
    if isinstance(value, list):
        return [ref for item in value for ref in _citations(item)]
    return []


def _citation_problems(db: sqlite3.Connection, batch: list[Record],
                       datas: list[dict[str, Any]]) -> dict[tuple[str, str],
                                                             list[tuple[str, str]]]:
    """Fields citing a reference no live record has (``Record.CITES``), by record.

    A citation the record already held when last saved is let be (the record it cites
    may have been deleted since), so that only a new citation can be refused.
    """
    citing = [(r, data) for r, data in zip(batch, datas, strict=True) if r.CITES]
    if not citing:
        return {}
    live = {f"E{n}" for (n,) in db.execute("SELECT ref FROM records WHERE deleted=0 AND "
                                           "ref IS NOT NULL")}
    problems: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for record, data in citing:
        row = db.execute("SELECT data FROM records WHERE kind=? AND key=?",
                         (record.KIND, record.key)).fetchone()
        before = json.loads(row[0]) if row else {}
        for name in record.CITES:
            held = set(_citations(before.get(name)))
            missing = [ref for ref in dict.fromkeys(_citations(data.get(name)))
                       if ref not in live and ref not in held]
            if missing:
                verb = "is" if len(missing) == 1 else "are"
                problems.setdefault((record.KIND, record.key), []).append(
                    (name, f"{', '.join(missing)} {verb} not a reference in your portfolio: "
                           "cite the E number netkit gave a piece of evidence (every saved "
                           "record shows its own; notebook 04's Workplace documents form "
                           "lists your attachments, as 'netkit attach' prints them), or "
                           "take it out."))
    return problems


# MIGRATIONS[v] brings a file at schema v to v + 1. Each new schema version adds one
# function here and a fixture file tests/fixtures/portfolio-v<v>.sqlite written by it.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _migrate_0_to_1,
                                                               1: _migrate_1_to_2}


def _read_header(path: Path, *, immutable: bool) -> tuple[int, int, int]:
    """The file's application id, schema version and number of schema objects."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    db = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        # One statement, so one snapshot: read one by one, another process creating the
        # file could commit in between (no id, no version, yet its tables: "another
        # program's database").
        app_id, version, tables = db.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), "
            "(SELECT user_version FROM pragma_user_version), "
            "(SELECT count(*) FROM sqlite_master)").fetchone()
    finally:
        db.close()
    return int(app_id), int(version), int(tables)


def _stamp(path: Path) -> tuple[int, int, bool]:
    """What changes when anyone writes the file: size, modification time, a journal."""
    info = path.stat()
    journal = any(Path(f"{path}{end}").exists() for end in ("-wal", "-journal"))
    return info.st_size, info.st_mtime_ns, journal


def _read_header_locked(path: Path, wait: float) -> tuple[int, int, int]:
    """Read the header through SQLite's locks, waiting out a writer up to ``wait``."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return _read_header(path, immutable=False)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise NotAPortfolioError(path, f"SQLite cannot read it: {exc}") from None
            if time.monotonic() >= deadline:
                raise PortfolioLockedError(path, wait) from None
            time.sleep(0.02)
        except sqlite3.DatabaseError as exc:
            raise NotAPortfolioError(path, f"SQLite cannot read it: {exc}") from None


def _check_file(path: Path, wait: float = 30.0) -> int:
    """Read-only look at an existing file: its schema version, or a clear error."""
    if path.stat().st_size == 0:
        return 0
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise NotAPortfolioError(path, "it is not an SQLite database")
    # With no -wal or -journal beside it, nobody is writing the file and it holds every
    # commit: read it as immutable, which (unlike mode=ro on a WAL file) leaves no
    # -wal/-shm behind, so a refused file is left exactly as it was. If anything wrote
    # the file meanwhile (another process creating the same portfolio), what was read may
    # be torn: look again through SQLite's locks.
    before = _stamp(path)
    found: tuple[int, int, int] | None = None
    if not before[2]:
        try:
            found = _read_header(path, immutable=True)
        except sqlite3.DatabaseError:
            found = None
        if _stamp(path) != before:
            found = None
    app_id, version, tables = found or _read_header_locked(path, wait)
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise NotAPortfolioError(path, "it is another program's SQLite database")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(path, version, SCHEMA_VERSION)
    return int(version)


class _View:
    """The portfolio as it will be after a batch of saves: what ``Record.check`` reads.

    Reads only the kinds a check asks for, inside the saving transaction, with the
    batch's records laid over them.
    """

    def __init__(self, db: sqlite3.Connection | None,
                 pending: dict[tuple[str, str], dict[str, Any]]) -> None:
        self._db = db
        self._pending = pending
        self._kinds: dict[str, dict[str, dict[str, Any]]] = {}
        self._built: dict[type[Record], list[Any]] = {}  # checks only read what they get

    def _of(self, kind: str) -> dict[str, dict[str, Any]]:
        if kind not in self._kinds:
            rows = [] if self._db is None else self._db.execute(
                "SELECT key, data FROM records WHERE kind=? AND deleted=0 "
                "ORDER BY created_at, key", (kind,)).fetchall()
            found = {key: json.loads(text) for key, text in rows}
            found.update({key: data for (k, key), data in self._pending.items()
                          if k == kind})
            self._kinds[kind] = found
        return self._kinds[kind]

    def all(self, cls: type[R]) -> list[R]:
        # Built once per view: every record's check may ask for the same kind (each entry
        # of learning outcome 3 asks for every contact).
        if cls not in self._built:
            self._built[cls] = [cls.from_dict(data) for data in self._of(cls.KIND).values()]
        return list(self._built[cls])

    def load(self, cls: type[R], key: str = "main") -> R | None:
        data = self._one(cls.KIND, key)
        return None if data is None else cls.from_dict(data)

    def _one(self, kind: str, key: str) -> dict[str, Any] | None:
        """One record's data: from the batch or the kind already read, else one row (a
        check naming one contact need not read the whole register)."""
        if (kind, key) in self._pending:
            return self._pending[(kind, key)]
        if kind in self._kinds or self._db is None:
            return self._of(kind).get(key)
        row = self._db.execute("SELECT data FROM records WHERE kind=? AND key=? AND "
                               "deleted=0", (kind, key)).fetchone()
        return None if row is None else dict(json.loads(row[0]))


def _validate_all(batch: list[Record]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every record's own problems (``validate``), by (kind, key); normalises them."""
    problems: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for record in batch:
        try:
            record.validate()
        except ValidationError as exc:
            problems.setdefault((record.KIND, record.key), []).extend(exc.errors)
    return problems


def _problems_across(db: sqlite3.Connection
                     ) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every live record's problems with the others (``Record.check``), as saved now."""
    view = _View(db, {})
    found = []
    for kind, cls in RECORD_TYPES.items():
        if cls.check is Record.check:  # no rule across records: nothing to find
            continue
        for record in view.all(cls):
            problems = record.check(view)
            if problems:
                found.append((kind, record.key, problems))
    return found


def _is_busy(exc: sqlite3.Error) -> bool:
    """True when SQLite gave up waiting for another connection's lock."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (+ extended codes)
    return "locked" in str(exc) or "busy" in str(exc)


class Portfolio:
    """A learner's portfolio file. Open with :meth:`open`; use as a context manager."""

    def __init__(self, path: Path, db: sqlite3.Connection, via: str,
                 timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self._db = db
        # ipykernel 7 delivers widget value changes on a subshell thread and button clicks
        # on the main thread: one connection serves both (check_same_thread=False), and
        # this lock keeps every use of it, reads and transactions, one at a time.
        self._lock = threading.RLock()
        self._commits = 0  # this connection's own commits (see :meth:`version`)
        self._memo: dict[str, tuple[tuple[int, int], Any]] = {}
        self.via = via
        self.actor = os.environ.get("NETKIT_ACTOR") or _user()

    # -- opening -------------------------------------------------------------------
    #: seconds to wait for another program's lock on the file before giving up
    LOCK_TIMEOUT = 30.0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = True,
             via: str = "python", read_only: bool = False,
             timeout: float | None = None, strict: bool = False) -> Portfolio:
        """Open (and, with ``create``, make) the portfolio at ``path`` or the default.

        ``read_only`` is for commands that only read (status, dump, export): the file must
        already be a portfolio; it is never created, upgraded or written, and a read-only
        file or folder is fine. ``timeout`` (default :attr:`LOCK_TIMEOUT`) is how long to
        wait for another program's lock before :class:`PortfolioLockedError`. With
        ``read_only``, ``strict`` reads even a writable file through SQLite's read-only mode:
        nothing is made beside it (no -wal or -shm), and an older file is refused rather
        than upgraded; for reading other people's portfolios (the cohort view).
        """
        target = resolve_portfolio_path(path)
        wait = cls.LOCK_TIMEOUT if timeout is None else timeout
        if target.is_dir():
            raise PortfolioUnavailableError(target, "it is a folder, not a file")
        exists = target.exists()
        if exists:
            version = _check_file(target, wait)
        elif read_only or not create:
            raise PortfolioNotFoundError(target)
        else:
            version = 0
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                raise PortfolioUnavailableError(
                    target, f"its folder {target.parent} cannot be made: part of that path "
                            "is a file, not a folder") from None
            except OSError as exc:
                raise PortfolioUnavailableError(target, exc.strerror or str(exc)) from None
        writable = os.access(target.parent, os.W_OK) and (
            not exists or os.access(target, os.W_OK))
        if read_only and version == 0:
            # An empty file, or one whose creator has not committed yet: nothing to read.
            raise PortfolioNotFoundError(target)
        if read_only and (strict or not writable):
            return cls._open_read_only(target, via, wait)
        if not writable:
            raise PortfolioUnavailableError(
                target, "this account cannot write there (read-only file or folder)")
        # Read-only commands leave an up-to-date file alone, but upgrade an older one.
        return cls._open_writable(target, via, wait,
                                  migrate=not read_only or version < SCHEMA_VERSION)

    @classmethod
    def _open_writable(cls, target: Path, via: str, wait: float, *, migrate: bool
                       ) -> Portfolio:
        # Two processes making the same new file at once (``netkit init`` while a notebook
        # opens it) can find it locked in ways SQLite's busy handler does not wait for
        # (switching a new file to WAL): retry those until the timeout.
        deadline = time.monotonic() + wait
        while True:
            try:
                db = sqlite3.connect(target, timeout=wait, isolation_level=None,
                                     check_same_thread=False)
            except sqlite3.Error as exc:
                raise PortfolioUnavailableError(target, str(exc)) from None
            portfolio = cls(target, db, via, wait)
            try:
                if db.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal":
                    raise sqlite3.OperationalError("database is locked")
                db.execute("PRAGMA synchronous=FULL")
                db.execute("PRAGMA foreign_keys=ON")
                if migrate:
                    portfolio._migrate()
                return portfolio
            except sqlite3.OperationalError as exc:
                db.close()
                if not _is_busy(exc):
                    raise PortfolioUnavailableError(target, str(exc)) from None
                if time.monotonic() >= deadline:
                    raise PortfolioLockedError(target, wait) from None
                time.sleep(0.02)
            except BaseException:
                db.close()
                raise

    @classmethod
    def _open_read_only(cls, target: Path, via: str, wait: float) -> Portfolio:
        # With no -wal beside it nobody has the file open and it holds every commit: read
        # it as immutable, which leaves no -wal/-shm in a folder that may not take them.
        flags = "mode=ro" if Path(f"{target}-wal").exists() else "mode=ro&immutable=1"
        try:
            db = sqlite3.connect(f"{target.resolve().as_uri()}?{flags}", uri=True,
                                 timeout=wait, isolation_level=None, check_same_thread=False)
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise PortfolioLockedError(target, wait) from None
            raise PortfolioUnavailableError(target, str(exc)) from None
        if version != SCHEMA_VERSION:
            db.close()
            if version > SCHEMA_VERSION:
                raise SchemaVersionError(target, version, SCHEMA_VERSION)
            raise PortfolioUnavailableError(
                target, "it was written by an older netkit and must be upgraded, which "
                        "needs write access: open it once from an account that can write "
                        "it (or copy it to a folder you can write to)")
        return cls(target, db, via, wait)

    def _migrate(self) -> None:
        with self._reading() as db:  # up to date: open without taking the write lock
            if (db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
                    and db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID):
                return
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:  # another process upgraded it meanwhile
                raise SchemaVersionError(self.path, version, SCHEMA_VERSION)
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                version += 1
                db.execute(f"PRAGMA user_version={version}")
            # Only when it changes: opening an up-to-date portfolio then writes nothing.
            if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")

    def close(self) -> None:
        """Close the file (a checkpoint folds the WAL back into it)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Portfolio({str(self.path)!r})"

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for this thread alone while the block runs."""
        with self._lock:
            yield self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    raise PortfolioLockedError(self.path, self.timeout) from None
                raise
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            self._commits += 1

    def version(self) -> tuple[int, int]:
        """A token that changes whenever what the portfolio holds may have changed: after
        each commit of this Portfolio's own, and after another connection's (SQLite's
        ``data_version``: the terminal's ``netkit`` while the notebook is open)."""
        with self._reading() as db:
            return self._commits, db.execute("PRAGMA data_version").fetchone()[0]

    def remembered(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out again only once the portfolio has changed
        (:meth:`version`): what the forms derive from every record of a kind (the choice
        of thousands of imported contacts) is not rebuilt at every click. The value is
        shared: callers must not change it."""
        version = self.version()
        held = self._memo.get(name)
        if held is None or held[0] != version:
            held = (version, compute())
            self._memo[name] = held
        return held[1]

    # -- raw records ---------------------------------------------------------------
    def put(self, kind: str, key: str, data: dict[str, Any]) -> StoredRecord:
        """Save ``data`` as the new revision of (kind, key), in one transaction.

        Raw: no validation. Answers are saved with :meth:`save`, which checks the rules.
        """
        with self._transaction() as db:
            return self._put(db, kind, key, data)

    def _put(self, db: sqlite3.Connection, kind: str, key: str, data: dict[str, Any]
             ) -> StoredRecord:
        """Write (kind, key) inside the caller's transaction."""
        self._write(db, kind, key, data)
        return self._row_to_record(kind, key, db)

    def _write(self, db: sqlite3.Connection, kind: str, key: str, data: dict[str, Any]
               ) -> None:
        """Write (kind, key) inside the caller's transaction, unless it is unchanged."""
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        row = db.execute("SELECT data, revision, deleted, ref FROM records "
                         "WHERE kind=? AND key=?", (kind, key)).fetchone()
        if row and row[0] == text and not row[2]:
            return
        now = _now()
        revision = row[1] + 1 if row else 1
        action = "create" if row is None else ("restore" if row[2] else "update")
        db.execute(
            "INSERT INTO records (kind, key, data, revision, deleted, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (kind, key) DO UPDATE "
            "SET data=excluded.data, revision=excluded.revision, deleted=0, "
            "updated_at=excluded.updated_at",
            (kind, key, text, revision, now, now))
        if (row is None or row[3] is None) and _is_evidence(kind):
            db.execute("UPDATE records SET ref=? WHERE kind=? AND key=?",
                       (_next_ref(db), kind, key))
        self._log(db, kind, key, revision, action, text, False, now)

    def _log(self, db: sqlite3.Connection, kind: str, key: str, revision: int,  # noqa: PLR0917
             action: str, text: str, deleted: bool, at: str) -> None:
        db.execute("INSERT INTO revisions (kind, key, revision, action, data, deleted, at, "
                   "actor, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (kind, key, revision, action, text, int(deleted), at, self.actor,
                    self.via))

    @staticmethod
    def _row_to_record(kind: str, key: str, db: sqlite3.Connection) -> StoredRecord:
        row = db.execute("SELECT data, revision, deleted, created_at, updated_at, ref FROM "
                         "records WHERE kind=? AND key=?", (kind, key)).fetchone()
        return StoredRecord(kind, key, json.loads(row[0]), row[1], bool(row[2]), row[3],
                            row[4], _ref(row[5]))

    def get(self, kind: str, key: str, *, include_deleted: bool = False
            ) -> StoredRecord | None:
        """The current revision of (kind, key), or None."""
        with self._reading() as db:
            row = db.execute("SELECT deleted FROM records WHERE kind=? AND key=?",
                             (kind, key)).fetchone()
            if row is None or (row[0] and not include_deleted):
                return None
            return self._row_to_record(kind, key, db)

    def records(self, kind: str | None = None, *, include_deleted: bool = False
                ) -> list[StoredRecord]:
        """Every record (of one kind), oldest first."""
        sql = ("SELECT kind, key, data, revision, deleted, created_at, updated_at, ref "
               "FROM records WHERE (? IS NULL OR kind=?) AND (? OR deleted=0) "
               "ORDER BY created_at, kind, key")
        with self._reading() as db:
            rows = db.execute(sql, (kind, kind, int(include_deleted))).fetchall()
        return [StoredRecord(r[0], r[1], json.loads(r[2]), r[3], bool(r[4]), r[5], r[6],
                             _ref(r[7])) for r in rows]

    def fields(self, kind: str, *names: str) -> list[tuple[Any, ...]]:
        """(key, then each of ``names``) of every live record of ``kind``, oldest first,
        read by SQLite out of the stored JSON (``json_extract``) without loading whole
        records: the names or interests of thousands of imported contacts. A field a
        record lacks is None; lists come back as lists."""
        if not names or not all(name.isidentifier() for name in names):
            raise ValueError(f"field names, as identifiers: {names!r}")
        picks = ", ".join(f"json_extract(data, '$.{n}'), json_type(data, '$.{n}')"
                          for n in names)
        with self._reading() as db:
            rows = db.execute(f"SELECT key, {picks} FROM records "  # noqa: S608 - checked
                              "WHERE kind=? AND deleted=0 ORDER BY created_at, kind, key",
                              (kind,)).fetchall()
        return [(row[0], *(json.loads(v) if t in ("array", "object") else v
                           for v, t in zip(row[1::2], row[2::2], strict=True)))
                for row in rows]

    def stamps(self) -> dict[tuple[str, str], Stamp]:
        """Every live record's evidence reference and dates, by (kind, key)."""
        with self._reading() as db:
            rows = db.execute("SELECT kind, key, ref, created_at, updated_at FROM records "
                              "WHERE deleted=0 ORDER BY created_at, kind, key").fetchall()
        return {(kind, key): Stamp(_ref(ref), created, changed)
                for kind, key, ref, created, changed in rows}

    def by_ref(self, ref: str, *, include_deleted: bool = False) -> StoredRecord | None:
        """The record with evidence reference ``ref`` ("E7"), or None."""
        number = ref[1:] if ref[:1] == "E" else ""
        if not number.isdigit():
            return None
        with self._reading() as db:
            row = db.execute("SELECT kind, key FROM records WHERE ref=? AND (? OR "
                             "deleted=0)", (int(number), int(include_deleted))).fetchone()
            return None if row is None else self._row_to_record(row[0], row[1], db)

    def delete(self, kind: str, key: str) -> StoredRecord:
        """Delete (kind, key); the deletion is a revision, so :meth:`undelete` undoes it.

        Refused (RecordsValidationError) when it would break another record's rule, such
        as deleting the shortlist that assessed networks are on.
        """
        with self._transaction() as db:
            row = db.execute("SELECT data, revision, deleted FROM records WHERE kind=? "
                             "AND key=?", (kind, key)).fetchone()
            if row is None or row[2]:
                raise RecordNotFoundError(kind, key, f"there is no saved {kind} {key!r} to "
                                                     "delete.")
            before = _problems_across(db)
            now = _now()
            db.execute("UPDATE records SET deleted=1, revision=?, updated_at=? WHERE "
                       "kind=? AND key=?", (row[1] + 1, now, kind, key))
            broken = [found for found in _problems_across(db) if found not in before]
            if broken:
                raise RecordsValidationError(broken)
            self._log(db, kind, key, row[1] + 1, "delete", row[0], True, now)
            return self._row_to_record(kind, key, db)

    def undelete(self, kind: str, key: str) -> StoredRecord:
        """Bring back a deleted record as it was when deleted."""
        with self._lock:
            record = self.get(kind, key, include_deleted=True)
            if record is None or not record.deleted:
                raise RecordNotFoundError(kind, key, f"there is no deleted {kind} {key!r} "
                                                     "to bring back.")
            return self._save_data(kind, key, record.data)

    def history(self, kind: str, key: str) -> list[Revision]:
        """Every revision of (kind, key), oldest first."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT revision, action, data, deleted, at, actor, via FROM revisions "
                "WHERE kind=? AND key=? ORDER BY revision", (kind, key)).fetchall()
        return [Revision(kind, key, r[0], r[1], json.loads(r[2]), bool(r[3]), r[4], r[5],
                         r[6]) for r in rows]

    def restore(self, kind: str, key: str, revision: int) -> StoredRecord:
        """Make an earlier revision's answer the current one (as a new revision)."""
        with self._lock:
            for entry in self.history(kind, key):
                if entry.revision == revision:
                    return self._save_data(kind, key, entry.data)
        raise RecordNotFoundError(kind, key, f"{kind} {key!r} has no revision {revision}.")

    def _save_data(self, kind: str, key: str, data: dict[str, Any]) -> StoredRecord:
        """Save stored data again (undelete, restore): a known kind meets today's rules."""
        cls = RECORD_TYPES.get(kind)
        if cls is None:
            return self.put(kind, key, data)
        record = cls.from_dict(data)
        if record.key != key:
            raise RecordNotFoundError(kind, key, f"the saved {kind} {key!r} holds the "
                                                 f"answer of {record.key!r}; it cannot be "
                                                 "brought back as it is.")
        with self._lock:
            self.save(record)
            stored = self.get(kind, key)
        assert stored is not None  # saved just now, under the lock
        return stored

    def count(self) -> int:
        """How many live (not deleted) records the portfolio holds."""
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM records WHERE deleted=0")
                       .fetchone()[0])

    # -- typed records -------------------------------------------------------------
    def save(self, record: R) -> R:
        """Validate ``record``, check it against the other records, save it; returns it.

        Raises ValidationError listing every problem; nothing is written then.
        """
        self.save_many([record])
        return record

    def save_many(self, records: Iterable[Record], *, validated: bool = False
                  ) -> list[Record]:
        """Validate and save several records in one transaction: all of them, or none.

        Each record's rules that need other records (``Record.check``) are checked against
        the portfolio as it will be once the whole batch is saved. Raises
        RecordsValidationError (a ValidationError) listing every problem of every record.
        ``validated`` says the caller has just validated every record (an import does, to
        report each row at fault) and changed none since: they are not validated again.
        New records are written in bulk (:meth:`_write_many`).
        """
        batch = list(records)
        problems = {} if validated else _validate_all(batch)
        with self._transaction() as db:
            self._save_batch(db, batch, problems)
        return batch

    def load_records(self, records: Iterable[Record], *, meta: dict[str, str],
                     replace: bool = False, documents: Iterable[Document] = (),
                     cites: Iterable[tuple[Record, str, str]] = ()) -> list[Record]:
        """Start the portfolio afresh with ``records`` and ``meta``, in one transaction.

        Refuses (PortfolioNotEmptyError) when it holds answers, or the history of deleted
        ones, unless ``replace``; the records meet the same rules as :meth:`save_many`.
        ``documents`` are the files of the attachments among ``records``; each of
        ``cites`` (a record of the batch, its field, an attachment's key) gives that field
        the reference the attachment gets: those attachments are saved first, the rest
        citing them (the example's signed witness statement), each record once.
        """
        batch = list(records)
        cites = list(cites)
        cited = {key for _record, _name, key in cites}
        first = [r for r in batch if r.KIND == Attachment.KIND and r.key in cited]
        rest = [r for r in batch if not (r.KIND == Attachment.KIND and r.key in cited)]
        problems = _validate_all(first)
        with self._transaction() as db:
            self._refuse_overwrite(db, replace=replace)
            given = _given(db)
            for table in ("meta", "records", "revisions", "blobs"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            if given:  # numbers are never given twice, also across a fresh start
                _set_counter(db, given)
            db.executemany("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)",
                           [(d.sha256, d.data) for d in documents])
            if first:
                self._save_batch(db, first, problems)
            for record, name, key in cites:
                row = db.execute("SELECT ref FROM records WHERE kind=? AND key=?",
                                 (Attachment.KIND, key)).fetchone()
                setattr(record, name, _ref(row[0]) if row else "")
            self._save_batch(db, rest, _validate_all(rest))
        return batch

    # -- attachments ---------------------------------------------------------------
    def attach(self, path: str | os.PathLike[str], *, title: str | None = None,
               date: str | dt.date | None = None, criteria: Iterable[str] = (),
               confidential: bool = False) -> tuple[Attachment, str]:
        """Keep the document at ``path`` in the portfolio; returns its record and reference.

        The file must be a kind netkit keeps, under ``attachments.MAX_BYTES``: otherwise an
        AttachmentError (nothing stored). Its bytes and its record are saved in one
        transaction. ``title`` defaults to the file's name, ``date`` to today.
        """
        document = read_document(Path(path))
        return self.attach_document(document, title=title, date=date, criteria=criteria,
                                    confidential=confidential)

    def attach_document(self, document: Document, *, title: str | None = None,
                        date: str | dt.date | None = None, criteria: Iterable[str] = (),
                        confidential: bool = False, key: str | None = None
                        ) -> tuple[Attachment, str]:
        """:meth:`attach` for a document already read (an upload in notebook 04); ``key``
        fixes the record's key (default: a new one)."""
        record = Attachment.of(document, title=title, date=date, criteria=list(criteria),
                               confidential=confidential, key=key)
        problems = _validate_all([record])
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)",
                       (document.sha256, document.data))
            self._save_batch(db, [record], problems)
            ref = _ref(db.execute("SELECT ref FROM records WHERE kind=? AND key=?",
                                  (record.KIND, record.key)).fetchone()[0])
        assert ref is not None  # an attachment is evidence
        return record, ref

    def attachment_bytes(self, attachment: Attachment) -> bytes:
        """The attached file's bytes, as attached (checked against its SHA-256)."""
        with self._reading() as db:
            row = db.execute("SELECT data FROM blobs WHERE sha256=?",
                             (attachment.sha256,)).fetchone()
        if row is None or _sha256(row[0]).hexdigest() != attachment.sha256:
            raise RecordNotFoundError(Attachment.KIND, attachment.key,
                                      f"the file of the attachment {attachment.title!r} "
                                      f"({attachment.filename}) is not in the portfolio "
                                      "(it was forgotten): attach it again.")
        return bytes(row[0])

    def _save_batch(self, db: sqlite3.Connection, batch: list[Record],
                    problems: dict[tuple[str, str], list[tuple[str, str]]]) -> None:
        """Check ``batch`` against the state after it, then write it (in a transaction)."""
        datas = [r.to_dict() for r in batch]
        view = _View(db, {(r.KIND, r.key): data for r, data
                          in zip(batch, datas, strict=True)})
        for record in batch:
            found = record.check(view)
            if isinstance(record, Attachment) and not db.execute(
                    "SELECT 1 FROM blobs WHERE sha256=?", (record.sha256,)).fetchone():
                found = [*found, ("sha256", "the portfolio holds no file with this "
                                            "SHA-256: attach the document itself ('netkit "
                                            "attach FILE', or the form in notebook 04).")]
            if found:
                problems.setdefault((record.KIND, record.key), []).extend(found)
        for ident, found in _citation_problems(db, batch, datas).items():
            problems.setdefault(ident, []).extend(found)
        if problems:
            raise RecordsValidationError(
                [(kind, key, found) for (kind, key), found in problems.items()])
        self._write_many(db, batch, datas)

    def _write_many(self, db: sqlite3.Connection, batch: list[Record],
                    datas: list[dict[str, Any]]) -> None:
        """Write ``batch`` inside the caller's transaction, each record as :meth:`_write`
        would: its first revision for a new one, a new revision for a changed one.

        New records that are not evidence (contacts: an import brings tens of thousands)
        go in with one ``executemany``, each encoded as it is written, and their first
        revisions with one statement; the others through :meth:`_write`, one by one, which
        also gives evidence its reference.
        """
        held: set[tuple[str, str]] = set()
        by_kind: dict[str, list[str]] = {}
        for record in batch:
            by_kind.setdefault(record.KIND, []).append(record.key)
        for kind, keys in by_kind.items():
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                held.update((kind, key) for (key,) in db.execute(
                    f"SELECT key FROM records WHERE kind=? AND key IN "  # noqa: S608
                    f"({', '.join('?' * len(chunk))})", (kind, *chunk)))
        bulk: list[tuple[str, str, dict[str, Any]]] = []
        one_by_one: list[tuple[Record, dict[str, Any]]] = []
        evidence = {kind: _is_evidence(kind) for kind in by_kind}
        for record, data in zip(batch, datas, strict=True):
            ident = (record.KIND, record.key)
            if ident in held or evidence[record.KIND]:
                one_by_one.append((record, data))
            else:
                held.add(ident)  # the same record twice in a batch: the second updates it
                bulk.append((record.KIND, record.key, data))
        if bulk:
            first = dt.datetime.now(dt.timezone.utc)
            step = dt.timedelta(microseconds=1)

            def rows() -> Iterator[tuple[str, str, str, str, str]]:
                for n, (kind, key, data) in enumerate(bulk):
                    # A moment each, a microsecond apart: they list in the order saved.
                    at = (first + step * n).isoformat(timespec="microseconds")
                    yield kind, key, _ENCODER.encode(data), at, at

            last = db.execute("SELECT coalesce(max(rowid), 0) FROM records").fetchone()[0]
            db.executemany(
                "INSERT INTO records (kind, key, data, revision, deleted, created_at, "
                "updated_at) VALUES (?, ?, ?, 1, 0, ?, ?)", rows())
            # Their first revisions, copied by SQLite from the rows just added (each new
            # row's rowid is above every older one's): the data is not sent twice.
            db.execute(
                "INSERT INTO revisions (kind, key, revision, action, data, deleted, at, "
                "actor, via) SELECT kind, key, 1, 'create', data, 0, created_at, ?, ? "
                "FROM records WHERE rowid > ? ORDER BY rowid", (self.actor, self.via, last))
        for record, data in one_by_one:
            self._write(db, record.KIND, record.key, data)

    def _refuse_overwrite(self, db: sqlite3.Connection, *, replace: bool) -> None:
        held, deleted, revisions = db.execute(
            "SELECT (SELECT count(*) FROM records WHERE deleted=0), "
            "(SELECT count(*) FROM records WHERE deleted=1), "
            "(SELECT count(*) FROM revisions)").fetchone()
        if (held or deleted or revisions) and not replace:
            raise PortfolioNotEmptyError(self.path, held, deleted, revisions)

    def load(self, cls: type[R], key: str = "main") -> R | None:
        """The saved record of ``cls`` with ``key`` (singletons: no key), or None."""
        stored = self.get(cls.KIND, key)
        return None if stored is None else cls.from_dict(stored.data)

    def all(self, cls: type[R]) -> list[R]:
        """Every saved record of ``cls``, in the order they were first saved."""
        with self._reading() as db:
            rows = db.execute("SELECT data FROM records WHERE kind=? AND deleted=0 "
                              "ORDER BY created_at, kind, key", (cls.KIND,)).fetchall()
        return [cls.from_dict(json.loads(text)) for (text,) in rows]

    def remove(self, record: Record) -> None:
        """Delete ``record`` (undoable with :meth:`undelete`)."""
        self.delete(record.KIND, record.key)

    def last_saved(self, kind: str | None = None) -> dt.datetime | None:
        """When anything (of ``kind``) was last saved, in local time."""
        with self._reading() as db:
            row = db.execute("SELECT max(at) FROM revisions WHERE (? IS NULL OR kind=?)",
                             (kind, kind)).fetchone()
        return dt.datetime.fromisoformat(row[0]).astimezone() if row and row[0] else None

    # -- erasure -------------------------------------------------------------------
    def find_key(self, kind: str, name_or_key: str) -> str:
        """The key of the record of ``kind`` with that key, or that name (now or before).

        Deleted records count too: they are still stored. Raises RecordNotFoundError when
        none fits, AmbiguousNameError when several do.
        """
        with self._reading() as db:
            if db.execute("SELECT 1 FROM records WHERE kind=? AND key=?",
                          (kind, name_or_key)).fetchone():
                return name_or_key
            wanted = same_name(name_or_key)
            found: dict[str, str] = {}
            for key, text in db.execute(
                    "SELECT key, data FROM revisions WHERE kind=? ORDER BY id", (kind,)):
                data = json.loads(text)
                if wanted and same_name(str(data.get("name", ""))) == wanted:
                    found[key] = ""
            for key in found:
                row = db.execute("SELECT data FROM records WHERE kind=? AND key=?",
                                 (kind, key)).fetchone()
                found[key] = _label(kind, key, json.loads(row[0])) if row else key
        if not found:
            raise RecordNotFoundError(kind, name_or_key, f"there is no saved {kind} called "
                                                         f"{name_or_key!r} (nor with that "
                                                         "key). Nothing was changed.")
        if len(found) > 1:
            raise AmbiguousNameError(kind, name_or_key, sorted(found.items()))
        return next(iter(found))

    def forget_plan(self, kind: str, key: str) -> Erasure:
        """What :meth:`forget` would remove, for a confirmation; changes nothing."""
        with self._reading() as db:
            db.execute("BEGIN")
            try:
                return _erase(db, kind, key, apply=False)
            finally:
                db.execute("ROLLBACK")

    def forget(self, kind: str, key: str) -> Erasure:
        """Erase record (kind, key) for good: it, its history, every mention of it.

        Records that refer to it by key (``Record.REFERS_TO``) lose the reference, or go
        too (``Record.without_reference``); its names, e-mails, phones and profile link
        are replaced by ``[forgotten]`` in every other record and every saved version.
        Then the file is wiped of the old bytes: SQLite's ``secure_delete`` zeroes what is
        deleted, the journal is emptied (``wal_checkpoint(TRUNCATE)``) and ``VACUUM``
        rebuilds the file without free pages. Not undoable.

        Raises ErasureIncompleteError when another program keeps SQLite from emptying the
        journal: the records are gone, and :meth:`compact` finishes the wipe later.
        """
        with self._lock:
            self._db.execute("PRAGMA secure_delete=ON")
            with self._transaction() as db:
                erasure = _erase(db, kind, key, apply=True)
                _drop_unused_blobs(db)
            self.compact()
        return erasure

    def compact(self) -> None:
        """Leave no bytes of deleted data in the file or its journal (after :meth:`forget`)."""
        with self._lock:
            self._db.execute("PRAGMA secure_delete=ON")
            self._checkpoint()
            self._db.execute("VACUUM")
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the journal into the file and empty it; waits out readers up to the timeout."""
        busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise ErasureIncompleteError(self.path, "another program is reading it")

    # -- metadata ------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """A portfolio-wide setting, such as ``example``."""
        with self._reading() as db:
            row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a portfolio-wide setting."""
        with self._transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                       "UPDATE SET value=excluded.value", (key, value))

    @property
    def is_example(self) -> bool:
        """True when the portfolio holds the fictional example learner, not evidence."""
        return self.get_meta("example") == "true"

    @property
    def is_export_copy(self) -> bool:
        """True in the private, redacted copy that ``netkit export`` runs the notebooks on."""
        return self.get_meta(EXPORT_META) is not None

    @property
    def is_redacted_export_copy(self) -> bool:
        """True in the copy a redacted (default) export runs on; False live and in the copy
        of an export with ``--no-redact`` (its mode begins with :data:`EXPORT_NOT_REDACTED`)."""
        mode = self.get_meta(EXPORT_META)
        return mode is not None and not mode.startswith(EXPORT_NOT_REDACTED)

    # -- dump and load -------------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        """The whole portfolio as JSON-ready data (see README: "The dump format")."""
        # One read transaction: records and history from the same moment, even while
        # another process saves.
        with self._reading() as db:
            db.execute("BEGIN")
            try:
                meta = dict(db.execute("SELECT key, value FROM meta ORDER BY key")
                            .fetchall())
                stored = self.records(include_deleted=True)
                rows = db.execute("SELECT kind, key, revision, action, data, deleted, at, "
                                  "actor, via FROM revisions ORDER BY id").fetchall()
                blobs = db.execute("SELECT sha256, data FROM blobs ORDER BY sha256"
                                   ).fetchall()
            finally:
                db.execute("COMMIT")
        records = [
            {"kind": r.kind, "key": r.key, "data": r.data, "revision": r.revision,
             "deleted": r.deleted, "created_at": r.created_at, "updated_at": r.updated_at,
             "ref": r.ref}
            for r in sorted(stored, key=lambda r: (r.kind, r.key))
        ]
        history = [
            {"kind": r[0], "key": r[1], "revision": r[2], "action": r[3],
             "data": json.loads(r[4]), "deleted": bool(r[5]), "at": r[6], "actor": r[7],
             "via": r[8]}
            for r in rows
        ]
        return {"format": DUMP_FORMAT, "version": DUMP_VERSION, "schema": SCHEMA_VERSION,
                "netkit": __version__, "meta": meta, "records": records,
                "history": history,
                "blobs": {sha: base64.b64encode(data).decode("ascii") for sha, data in blobs}}

    def load_dump(self, data: Any, *, replace: bool = False, source: str = "dump") -> int:
        """Replace this portfolio's content with a dump; returns the records loaded.

        The dump is checked whole before anything is written: its ``schema`` and
        ``version`` (DumpVersionError when newer or invalid), its shape, and every live
        answer against the same rules as :meth:`save`; answers are stored as validated.
        Refuses (PortfolioNotEmptyError) when the portfolio already holds answers, or the
        history of deleted ones, unless ``replace`` is true.
        """
        meta, records, history, blobs = _parse_dump(data, source)
        with self._transaction() as db:
            self._refuse_overwrite(db, replace=replace)
            given = _given(db)
            for table in ("meta", "records", "revisions", "blobs"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            db.executemany(
                "INSERT INTO records (kind, key, data, revision, deleted, created_at, "
                "updated_at, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(r["kind"], r["key"], json.dumps(r["data"], sort_keys=True,
                                                  ensure_ascii=False),
                  r["revision"], int(r["deleted"]), r["created_at"], r["updated_at"],
                  int(r["ref"][1:]) if r.get("ref") and _is_evidence(r["kind"]) else None)
                 for r in records])
            # An older dump has no references: number its evidence as a migration does.
            _number_unreferenced(db, given)
            db.executemany("INSERT INTO blobs (sha256, data) VALUES (?, ?)", blobs.items())
            db.executemany(
                "INSERT INTO revisions (kind, key, revision, action, data, deleted, at, "
                "actor, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(h["kind"], h["key"], h["revision"], h["action"],
                  json.dumps(h["data"], sort_keys=True, ensure_ascii=False),
                  int(h["deleted"]), h["at"], h["actor"], h["via"]) for h in history])
        return len(records)


_RECORD_FIELDS = {"kind": str, "key": str, "data": dict, "revision": int, "deleted": bool,
                  "created_at": str, "updated_at": str}
_HISTORY_FIELDS = {"kind": str, "key": str, "revision": int, "action": str, "data": dict,
                   "deleted": bool, "at": str, "actor": str, "via": str}
_ACTIONS = ("create", "update", "delete", "restore")
_TIMES = ("created_at", "updated_at", "at")


def _is(value: Any, typ: type) -> bool:
    """isinstance, except that True and False are not numbers here."""
    return isinstance(value, typ) and not (typ is int and isinstance(value, bool))


def _check_version(data: dict[str, Any], name: str, supported: int, source: str) -> None:
    found = data.get(name)
    if not isinstance(found, int) or isinstance(found, bool) or not 1 <= found <= supported:
        raise DumpVersionError(source, name, found, supported)


def _parse_dump(data: Any, source: str
                ) -> tuple[dict[str, str], list[dict[str, Any]], list[dict[str, Any]],
                           dict[str, bytes]]:
    """Check a dump completely before anything is written; returns what to store."""
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise ImportFormatError(source, "this is not a netkit portfolio dump (its 'format' "
                                        f"is not {DUMP_FORMAT!r}). Make one with "
                                        "'netkit dump --out FILE'.")
    _check_version(data, "version", DUMP_VERSION, source)
    _check_version(data, "schema", SCHEMA_VERSION, source)
    meta = data.get("meta", {})
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise ImportFormatError(source, "'meta' must map names to strings.")
    checked = []
    for section, fields in (("records", _RECORD_FIELDS), ("history", _HISTORY_FIELDS)):
        items = data.get(section)
        if not isinstance(items, list):
            raise ImportFormatError(source, f"'{section}' must be a list.")
        for n, item in enumerate(items):
            _check_entry(item, fields, f"{section}[{n}]", source)
        checked.append([dict(item) for item in items])
    records, history = checked
    _check_unique(records, "records", ("kind", "key"), source)
    _check_unique(history, "history", ("kind", "key", "revision"), source)
    _check_refs(records, source)
    blobs = _parse_blobs(data.get("blobs", {}), records, source)
    _validate_records(records, history, source)
    return meta, records, history, blobs


def _check_refs(records: list[dict[str, Any]], source: str) -> None:
    """Each record's ``ref`` (optional: older dumps have none) is "E<n>", and unique."""
    seen: set[str] = set()
    for n, item in enumerate(records):
        ref = item.get("ref")
        if ref is None:
            continue
        if not isinstance(ref, str) or not re.fullmatch(r"E[1-9]\d{0,17}", ref):
            raise ImportFormatError(source, f"records[{n}]: 'ref' must be an evidence "
                                            f"reference such as 'E7' (got {ref!r}).")
        if ref in seen and _is_evidence(item["kind"]):
            raise ImportFormatError(source, f"records[{n}]: the reference {ref} appears "
                                            "twice.")
        seen.add(ref)


def _parse_blobs(blobs: Any, records: list[dict[str, Any]], source: str
                 ) -> dict[str, bytes]:
    """The attached files (``blobs``: SHA-256 -> base64), each checked against its hash;
    every attachment record's file must be there."""
    if not isinstance(blobs, dict):
        raise ImportFormatError(source, "'blobs' must map SHA-256 hashes to base64 text.")
    found: dict[str, bytes] = {}
    for sha, text in blobs.items():
        try:
            data = base64.b64decode(text, validate=True) if isinstance(text, str) else None
        except (binascii.Error, ValueError):
            data = None
        if data is None or _sha256(data).hexdigest() != sha:
            raise ImportFormatError(source, f"blobs[{sha!r}]: not the base64 of a file with "
                                            "that SHA-256 (the file was changed or cut).")
        found[sha] = data
    for n, item in enumerate(records):
        if item["kind"] == Attachment.KIND and item["data"].get("sha256") not in found:
            raise ImportFormatError(source, f"records[{n}] (attachment {item['key']!r}): its "
                                            "file is not in 'blobs'. Load a dump written by "
                                            "'netkit dump'.")
    return found


def _check_entry(item: Any, fields: dict[str, type], where: str, source: str) -> None:
    for name, typ in fields.items():
        if not isinstance(item, dict) or not _is(item.get(name), typ):
            raise ImportFormatError(source, f"{where}: '{name}' is missing or not a "
                                            f"{typ.__name__}.")
    if item["kind"] not in RECORD_TYPES:
        raise ImportFormatError(source, f"{where}: unknown kind {item['kind']!r} (known: "
                                        f"{', '.join(sorted(RECORD_TYPES))}).")
    if item["revision"] < 1:
        raise ImportFormatError(source, f"{where}: 'revision' must be 1 or more.")
    if item.get("action", "create") not in _ACTIONS:
        raise ImportFormatError(source, f"{where}: 'action' must be one of "
                                        f"{', '.join(_ACTIONS)}.")
    for name in _TIMES:
        if name in item:
            try:
                dt.datetime.fromisoformat(item[name])
            except ValueError:
                raise ImportFormatError(source, f"{where}: '{name}' is not a date and time "
                                                f"(got {item[name]!r}).") from None


def _record_of(item: dict[str, Any], label: str, problems: list[str]) -> Record | None:
    """The dump entry's answer, validated; its problems are added to ``problems``.

    None when it cannot even be read as its kind; an answer with problems is still
    returned, so that its rules across records are checked too.
    """
    broken = (ValueError, TypeError, AttributeError, KeyError)
    try:
        record = RECORD_TYPES[item["kind"]].from_dict(item["data"])
    except broken as exc:
        problems.append(f"{label}: {exc}")
        return None
    try:
        record.validate()
    except ValidationError as exc:
        problems.extend(f"{label}: {name}: {message}" for name, message in exc.errors)
    except broken as exc:
        problems.append(f"{label}: {exc}")
        return None
    if record.key != item["key"]:
        problems.append(f"{label}: its key does not match its answer's ({record.key!r}).")
        return None
    return record


def _validate_records(records: list[dict[str, Any]], history: list[dict[str, Any]],
                      source: str) -> None:
    """Every live answer meets the rules of ``Portfolio.save``; store the validated data.

    A history entry that holds the record's current data gets the validated data too, so
    a record and its latest revision keep agreeing.
    """
    problems: list[str] = []
    live: dict[tuple[str, str], Record] = {}
    where: dict[tuple[str, str], str] = {}
    for n, item in enumerate(records):
        if item["deleted"]:
            continue
        label = f"records[{n}] ({item['kind']} {item['key']!r})"
        record = _record_of(item, label, problems)
        if record is not None:
            ident = (item["kind"], item["key"])
            live[ident], where[ident] = record, label
    view = _View(None, {ident: record.to_dict() for ident, record in live.items()})
    for ident, record in live.items():
        try:
            found = record.check(view)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            found = [("", str(exc))]
        problems += [f"{where[ident]}: {name}: {message}" for name, message in found]
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ImportFormatError(source, "; ".join(p.rstrip(".") for p in problems[:5])
                                + more + ". Fix these in the file, or load a dump written by "
                                  "'netkit dump'. The portfolio was not changed.")
    current = {(r["kind"], r["key"], r["revision"]): r for r in records}
    for entry in history:
        match = current.get((entry["kind"], entry["key"], entry["revision"]))
        if match is not None and not match["deleted"] and entry["data"] == match["data"]:
            entry["data"] = live[(match["kind"], match["key"])].to_dict()
    for item in records:
        if not item["deleted"]:
            item["data"] = live[(item["kind"], item["key"])].to_dict()


def _check_unique(items: list[dict[str, Any]], section: str, unique: tuple[str, ...],
                  source: str) -> None:
    """The tables' unique keys: a duplicate would otherwise fail half-way through a load."""
    seen: set[tuple[Any, ...]] = set()
    for n, item in enumerate(items):
        ident = tuple(item[name] for name in unique)
        if ident in seen:
            raise ImportFormatError(source, f"{section}[{n}]: the same {'/'.join(unique)} "
                                            f"{ident!r} appears twice.")
        seen.add(ident)


FORGOTTEN = "[forgotten]"
_DETAILS = ("email", "other_emails", "phone", "other_phones", "profile_url")


@dataclass(frozen=True)
class Erasure:
    """What forgetting a record removes (:meth:`Portfolio.forget`).

    ``erased`` and ``edited`` list the other records it reaches as (kind, key, label,
    fields): erased whole (they cannot stand without it), or with it taken out of those
    fields (``history`` when only earlier versions named it).
    """

    kind: str
    key: str
    label: str
    versions: int
    erased: list[tuple[str, str, str, list[str]]]
    edited: list[tuple[str, str, str, list[str]]]

    def lines(self) -> list[str]:
        """What goes, one line each, as a confirmation lists it (in the learner's words:
        "the 3.1 interaction of 21 Oct 2025", "your 1.1 answer")."""
        saved = "its one saved version" if self.versions == 1 else (
            f"all {self.versions} saved versions of it")
        out = [f"{_named(self.kind, self.label)} and {saved}"]
        out += [f"{_named(kind, label)}, which refers to it"
                for kind, _, label, _ in self.erased]
        out += [f"its mentions in {_named(kind, label)} "
                f"({', '.join(f.replace('_', ' ') for f in fields)})"
                for kind, _, label, fields in self.edited]
        return out


# What each kind of record is called in a confirmation (the rest: the kind, spaced).
_NOUNS = {
    "need": "need or aspiration", "witness": "witness testimony",
    "discussion": "professional discussion", "followup": "follow-up",
    "mutual_benefit": "3.1 member entry", "interaction": "3.1 interaction",
    "promotion": "3.2 promotion", "offers": "3.2 list of what you can offer",
    "support": "3.3 contribution", "agreement": "confidentiality agreement",
    "review": "3.6 review", "action": "3.6 action", "introduction": "3.7 introduction",
    "shortlist_criterion": "2.2 criterion",
    "scores": "2.2 scores", "shortlist": "2.2 shortlist", "assessment": "2.3 assessment",
    "learner": "details", "declaration": "declaration",
}


def _noun(kind: str) -> str:
    if kind.startswith("answer_"):  # answer_1_1: "1.1 answer"
        return kind.removeprefix("answer_").replace("_", ".") + " answer"
    return _NOUNS.get(kind, kind.replace("_", " "))


def _named(kind: str, label: str) -> str:
    """"the contact 'Sam Whitfield' (CILT)", "the 3.6 review of 2 Nov 2026", "your 1.1
    answer" (a record with no name, date or key of its own)."""
    return f"the {_noun(kind)} {label}" if label else f"your {_noun(kind)}"


def _label(kind: str, key: str, data: dict[str, Any]) -> str:
    """How a record is named in a confirmation: its name (and organisation), else its
    date ("of 2 Nov 2026"), else its key; "" for the one record of its kind ("main")."""
    name = next((str(data[f]) for f in ("name", "text", "topics", "title", "lead")
                 if isinstance(data.get(f), str) and data[f].strip()), "")
    if not name:
        date = str(data.get("date") or "")
        if (shown := show_date(date)) != date:  # an ISO date, as the forms show it
            return f"of {shown}"
        return "" if key == "main" else f"{key!r}"
    name = " ".join(name.split())
    name = name if len(name) <= 60 else name[:59] + "…"
    org = data.get("organisation") if kind == "contact" else ""
    return f"{name!r}" + (f" ({org})" if isinstance(org, str) and org else "")


@dataclass(frozen=True)
class _Mentions:
    """How a record to forget shows in other text: its names, and its contact details."""

    names: re.Pattern[str] | None
    details: re.Pattern[str] | None
    #: its evidence references (E7), replaced where a field cites them (``Record.CITES``)
    refs: re.Pattern[str] | None = None

    @classmethod
    def of(cls, versions: list[dict[str, Any]]) -> _Mentions:
        """Every name, e-mail, phone and profile link the record's versions held."""
        names: set[str] = set()
        details: set[str] = set()
        for data in versions:
            words = str(data.get("name") or "").split()
            if words:
                names.add(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
            for field in _DETAILS:
                value = data.get(field)
                for item in value if isinstance(value, list) else [value]:
                    details.update(_detail(field, str(item or "").strip()))
        return cls(_any_of(names), _any_of(details))

    def scrub(self, value: Any, *, cites: bool = False) -> Any:
        """``value`` with every mention replaced by :data:`FORGOTTEN`; a field that is one
        of the details and nothing else is blanked (an e-mail field stays an e-mail).
        With ``cites`` (a field citing evidence), its references go the same way."""
        if isinstance(value, str):
            if self.details is not None and self.details.fullmatch(value.strip()):
                return ""
            if cites and self.refs is not None:
                if self.refs.fullmatch(value.strip()):
                    return ""  # a field that is the reference alone (a signed copy's)
                value = self.refs.sub(FORGOTTEN, value)
            for pattern in (self.details, self.names):
                if pattern is not None:
                    value = pattern.sub(FORGOTTEN, value)
            return value
        if isinstance(value, list):
            return [self.scrub(item, cites=cites) for item in value]
        if isinstance(value, dict):
            return {k: self.scrub(v, cites=cites) for k, v in value.items()}
        return value


def _refs_of(db: sqlite3.Connection, records: set[tuple[str, str]]
             ) -> re.Pattern[str] | None:
    """A pattern finding the evidence references of ``records`` as a field cites them."""
    numbers = sorted({str(row[0]) for ident in records for row in db.execute(
        "SELECT ref FROM records WHERE kind=? AND key=? AND ref IS NOT NULL", ident)})
    if not numbers:
        return None
    # as netkit.attachments.cited reads a reference: E and the number, standing alone
    return re.compile(rf"(?<![\w-])E0*(?:{'|'.join(numbers)})(?![\w-]|\.\d)")


def _detail(field: str, text: str) -> list[str]:
    """The pattern(s) finding one e-mail, phone or profile link as typed anywhere."""
    if not text:
        return []
    if "phone" in field:
        digits = [ch for ch in text if ch.isdigit()]
        # Any spacing or punctuation between the digits: 0113 496 0123 = 01134960123.
        return [r"(?<!\d)" + r"[\s().-]*".join(digits) + r"(?!\d)"] if len(digits) >= 5 else []
    if field == "profile_url":
        bare = re.sub(r"^https?://(www\.)?", "", text, flags=re.IGNORECASE).rstrip("/")
        return [r"(?:https?://)?(?:www\.)?" + re.escape(bare) + "/?"] if bare else []
    return [re.escape(text)]


def _any_of(parts: set[str]) -> re.Pattern[str] | None:
    # Longest first, so that a full name goes before a part of it.
    return (re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)
            if parts else None)


def _without(gone: set[tuple[str, str]], other: str, data: dict[str, Any],
             mentions: _Mentions) -> dict[str, Any] | None:
    """Another record's ``data`` once the ``gone`` records are erased, or None if it goes
    too (it refers to one of them where it cannot do without it)."""
    cls = RECORD_TYPES.get(other)
    # REFERS_TO fields, or a kind that says itself what it refers to (learning outcome 1's
    # "contact:KEY" links override refers_to)
    if cls is not None and (cls.REFERS_TO or cls.refers_to is not Record.refers_to):
        try:
            record = cls.from_dict(data)
            refers = [ident for ident in gone if record.refers_to(*ident)]
        except (TypeError, ValueError, AttributeError):
            refers = []  # not readable as its kind: its text is still scrubbed
        if refers:
            changed: Record | None = record
            for ident in refers:
                changed = changed.without_reference(*ident) if changed else None
            if changed is None:
                return None
            data = changed.to_dict()
    cites = set(cls.CITES) if cls is not None else set()
    return {k: mentions.scrub(v, cites=k in cites) for k, v in data.items()}


_Reached = dict[tuple[str, str], tuple[str, str, str, list[str]]]


def _erase(db: sqlite3.Connection, kind: str, key: str, *, apply: bool) -> Erasure:
    """Work out (and with ``apply``, do, in the caller's transaction) an erasure."""
    row = db.execute("SELECT data FROM records WHERE kind=? AND key=?", (kind, key)
                     ).fetchone()
    if row is None:
        raise RecordNotFoundError(kind, key, f"there is no saved {kind} {key!r} to forget.")
    versions = [json.loads(text) for (text,) in db.execute(
        "SELECT data FROM revisions WHERE kind=? AND key=?", (kind, key))]
    mentions = _Mentions.of([json.loads(row[0]), *versions])
    rows = {(other, other_key): json.loads(text) for other, other_key, text in db.execute(
        "SELECT kind, key, data FROM records WHERE NOT (kind=? AND key=?) "
        "ORDER BY created_at, kind, key", (kind, key))}
    # What goes with it, and then what goes with those (a record that cannot do without
    # one that goes), until nothing more does.
    gone = {(kind, key)}
    erased: _Reached = {}
    while True:
        more = {ident for ident, data in rows.items() if ident not in erased
                and _without(gone, ident[0], data, _Mentions(None, None)) is None}
        if not more:
            break
        for ident in (i for i in rows if i in more):  # in the order they were saved
            erased[ident] = (*ident, _label(*ident, rows[ident]), [])
        gone |= more
    mentions = dataclasses.replace(mentions, refs=_refs_of(db, gone))
    edited: _Reached = {}
    for (other, other_key), data in rows.items():
        if (other, other_key) in erased:
            continue
        after = _without(gone, other, data, mentions)
        if after is not None and after != data:
            edited[(other, other_key)] = (other, other_key, _label(other, other_key, data),
                                          sorted(k for k in {*data, *after}
                                                 if data.get(k) != after.get(k)))
            if apply:
                db.execute("UPDATE records SET data=? WHERE kind=? AND key=?",
                           (_json(after), other, other_key))
    _erase_history(db, (kind, key), gone, mentions, edited, apply=apply)
    if apply:
        for other, other_key in gone:
            db.execute("DELETE FROM records WHERE kind=? AND key=?", (other, other_key))
            db.execute("DELETE FROM revisions WHERE kind=? AND key=?", (other, other_key))
    return Erasure(kind, key, _label(kind, key, json.loads(row[0])), len(versions),
                   list(erased.values()), list(edited.values()))


def _erase_history(db: sqlite3.Connection, target: tuple[str, str],
                   gone: set[tuple[str, str]], mentions: _Mentions, edited: _Reached, *,
                   apply: bool) -> None:
    """The saved versions of the records the erasure does not take whole."""
    for ident_id, other, other_key, text in db.execute(
            "SELECT id, kind, key, data FROM revisions WHERE NOT (kind=? AND key=?)",
            target).fetchall():
        if (other, other_key) in gone:
            continue
        data = json.loads(text)
        after = _without(gone, other, data, mentions)
        if after == data:
            continue
        edited.setdefault((other, other_key), (other, other_key,
                                               _label(other, other_key, data), ["history"]))
        if not apply:
            continue
        if after is None:  # an earlier version of it named the record
            db.execute("DELETE FROM revisions WHERE id=?", (ident_id,))
        else:
            db.execute("UPDATE revisions SET data=? WHERE id=?", (_json(after), ident_id))


def _json(data: dict[str, Any]) -> str:
    return _ENCODER.encode(data)


#: how records are stored: keys sorted, text as typed (one encoder for every record)
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
