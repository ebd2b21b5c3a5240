"""The portfolio on disk: one SQLite file per learner, the single place answers are written.

Every save is one transaction in WAL mode, so JupyterLab, a second kernel and the command
line can use the file at once. Every record keeps its revision history; deleting is a
revision too, and so undoable. The schema version lives in ``PRAGMA user_version``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .exceptions import (
    ImportFormatError,
    NotAPortfolioError,
    PortfolioNotEmptyError,
    PortfolioUnavailableError,
    SchemaVersionError,
)
from .model import RECORD_TYPES, Record

__all__ = [
    "APPLICATION_ID",
    "DUMP_FORMAT",
    "DUMP_VERSION",
    "SCHEMA_VERSION",
    "Portfolio",
    "Revision",
    "StoredRecord",
    "default_portfolio_path",
    "resolve_portfolio_path",
    "workbook_root",
]

R = TypeVar("R", bound=Record)

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4E4B5046  # "NKPF": marks the file as a netkit portfolio
DUMP_FORMAT = "netkit-portfolio"
DUMP_VERSION = 1
ENV_VAR = "NETKIT_PORTFOLIO"
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


# MIGRATIONS[v] brings a file at schema v to v + 1. Each new schema version adds one
# function here and a fixture file tests/fixtures/portfolio-v<v>.sqlite written by it.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _migrate_0_to_1}


def _read_header(path: Path, *, immutable: bool) -> tuple[int, int, int]:
    """The file's application id, schema version and number of schema objects."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    db = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        db.close()
    return int(app_id), int(version), int(tables)


def _check_file(path: Path) -> int:
    """Read-only look at an existing file: its schema version, or a clear error."""
    if path.stat().st_size == 0:
        return 0
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise NotAPortfolioError(path, "it is not an SQLite database")
    # With no -wal beside it, nobody has the file open and it holds every commit: read it
    # as immutable, which (unlike mode=ro on a WAL file) leaves no -wal/-shm behind, so a
    # refused file is left exactly as it was. A schema never goes backwards, so what this
    # finds is never stale in a way that matters; if reading fails (a writer raced us),
    # look again through SQLite's locks.
    immutable = not Path(f"{path}-wal").exists()
    try:
        app_id, version, tables = _read_header(path, immutable=immutable)
    except sqlite3.DatabaseError as exc:
        if not immutable:
            raise NotAPortfolioError(path, f"SQLite cannot read it: {exc}") from None
        try:
            app_id, version, tables = _read_header(path, immutable=False)
        except sqlite3.DatabaseError as exc:
            raise NotAPortfolioError(path, f"SQLite cannot read it: {exc}") from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise NotAPortfolioError(path, "it is another program's SQLite database")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(path, version, SCHEMA_VERSION)
    return int(version)


class Portfolio:
    """A learner's portfolio file. Open with :meth:`open`; use as a context manager."""

    def __init__(self, path: Path, db: sqlite3.Connection, via: str) -> None:
        self.path = path
        self._db = db
        # ipykernel 7 delivers widget value changes on a subshell thread and button clicks
        # on the main thread: one connection serves both (check_same_thread=False), and
        # this lock keeps every use of it, reads and transactions, one at a time.
        self._lock = threading.RLock()
        self.via = via
        self.actor = os.environ.get("NETKIT_ACTOR") or _user()

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = True,
             via: str = "python") -> Portfolio:
        """Open (and, with ``create``, make) the portfolio at ``path`` or the default."""
        target = resolve_portfolio_path(path)
        exists = target.exists()
        if exists and target.is_dir():
            raise PortfolioUnavailableError(target, "it is a folder, not a file")
        if exists:
            _check_file(target)
        elif not create:
            raise PortfolioUnavailableError(
                target, "there is no portfolio there yet (run 'netkit init' to start one)")
        else:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                raise PortfolioUnavailableError(
                    target, f"its folder {target.parent} cannot be made: part of that path "
                            "is a file, not a folder") from None
            except OSError as exc:
                raise PortfolioUnavailableError(target, exc.strerror or str(exc)) from None
        if not os.access(target if exists else target.parent, os.W_OK):
            raise PortfolioUnavailableError(
                target, "this account cannot write there (read-only file or folder)")
        try:
            db = sqlite3.connect(target, timeout=30.0, isolation_level=None,
                                 check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise PortfolioUnavailableError(target, str(exc)) from None
        portfolio = cls(target, db, via)
        try:
            portfolio._migrate()
        except BaseException:
            db.close()
            raise
        return portfolio

    def _migrate(self) -> None:
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
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- raw records ---------------------------------------------------------------
    def put(self, kind: str, key: str, data: dict[str, Any]) -> StoredRecord:
        """Save ``data`` as the new revision of (kind, key), in one transaction."""
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        with self._transaction() as db:
            row = db.execute("SELECT data, revision, deleted, created_at FROM records "
                             "WHERE kind=? AND key=?", (kind, key)).fetchone()
            if row and row[0] == text and not row[2]:
                return self._row_to_record(kind, key, db)
            now = _now()
            revision = row[1] + 1 if row else 1
            action = "create" if row is None else ("restore" if row[2] else "update")
            db.execute(
                "INSERT INTO records (kind, key, data, revision, deleted, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (kind, key) DO UPDATE "
                "SET data=excluded.data, revision=excluded.revision, deleted=0, "
                "updated_at=excluded.updated_at",
                (kind, key, text, revision, now, now))
            self._log(db, kind, key, revision, action, text, False, now)
            return self._row_to_record(kind, key, db)

    def _log(self, db: sqlite3.Connection, kind: str, key: str, revision: int,  # noqa: PLR0917
             action: str, text: str, deleted: bool, at: str) -> None:
        db.execute("INSERT INTO revisions (kind, key, revision, action, data, deleted, at, "
                   "actor, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (kind, key, revision, action, text, int(deleted), at, self.actor,
                    self.via))

    @staticmethod
    def _row_to_record(kind: str, key: str, db: sqlite3.Connection) -> StoredRecord:
        row = db.execute("SELECT data, revision, deleted, created_at, updated_at FROM "
                         "records WHERE kind=? AND key=?", (kind, key)).fetchone()
        return StoredRecord(kind, key, json.loads(row[0]), row[1], bool(row[2]), row[3],
                            row[4])

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
        sql = ("SELECT kind, key, data, revision, deleted, created_at, updated_at "
               "FROM records WHERE (? IS NULL OR kind=?) AND (? OR deleted=0) "
               "ORDER BY created_at, kind, key")
        with self._reading() as db:
            rows = db.execute(sql, (kind, kind, int(include_deleted))).fetchall()
        return [StoredRecord(r[0], r[1], json.loads(r[2]), r[3], bool(r[4]), r[5], r[6])
                for r in rows]

    def delete(self, kind: str, key: str) -> StoredRecord:
        """Delete (kind, key); the deletion is a revision, so :meth:`undelete` undoes it."""
        with self._transaction() as db:
            row = db.execute("SELECT data, revision, deleted FROM records WHERE kind=? "
                             "AND key=?", (kind, key)).fetchone()
            if row is None or row[2]:
                raise KeyError(f"no saved {kind} {key!r} to delete")
            now = _now()
            db.execute("UPDATE records SET deleted=1, revision=?, updated_at=? WHERE "
                       "kind=? AND key=?", (row[1] + 1, now, kind, key))
            self._log(db, kind, key, row[1] + 1, "delete", row[0], True, now)
            return self._row_to_record(kind, key, db)

    def undelete(self, kind: str, key: str) -> StoredRecord:
        """Bring back a deleted record as it was when deleted."""
        with self._lock:
            record = self.get(kind, key, include_deleted=True)
            if record is None or not record.deleted:
                raise KeyError(f"no deleted {kind} {key!r} to bring back")
            return self.put(kind, key, record.data)

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
                    return self.put(kind, key, entry.data)
        raise KeyError(f"{kind} {key!r} has no revision {revision}")

    def count(self) -> int:
        """How many live (not deleted) records the portfolio holds."""
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM records WHERE deleted=0")
                       .fetchone()[0])

    # -- typed records -------------------------------------------------------------
    def save(self, record: R) -> R:
        """Validate ``record`` and save it; returns the record as saved."""
        record.validate()
        self.put(record.KIND, record.key, record.to_dict())
        return record

    def load(self, cls: type[R], key: str = "main") -> R | None:
        """The saved record of ``cls`` with ``key`` (singletons: no key), or None."""
        stored = self.get(cls.KIND, key)
        return None if stored is None else cls.from_dict(stored.data)

    def all(self, cls: type[R]) -> list[R]:
        """Every saved record of ``cls``, in the order they were first saved."""
        return [cls.from_dict(r.data) for r in self.records(cls.KIND)]

    def remove(self, record: Record) -> None:
        """Delete ``record`` (undoable with :meth:`undelete`)."""
        self.delete(record.KIND, record.key)

    def last_saved(self, kind: str | None = None) -> dt.datetime | None:
        """When anything (of ``kind``) was last saved, in local time."""
        with self._reading() as db:
            row = db.execute("SELECT max(at) FROM revisions WHERE (? IS NULL OR kind=?)",
                             (kind, kind)).fetchone()
        return dt.datetime.fromisoformat(row[0]).astimezone() if row and row[0] else None

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

    # -- dump and load -------------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        """The whole portfolio as JSON-ready data (see README: "The dump format")."""
        from . import __version__

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
            finally:
                db.execute("COMMIT")
        records = [
            {"kind": r.kind, "key": r.key, "data": r.data, "revision": r.revision,
             "deleted": r.deleted, "created_at": r.created_at, "updated_at": r.updated_at}
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
                "history": history}

    def load_dump(self, data: Any, *, replace: bool = False, source: str = "dump") -> int:
        """Replace this portfolio's content with a dump; returns the records loaded.

        Refuses (PortfolioNotEmptyError) when the portfolio already holds answers, unless
        ``replace`` is true. Nothing is written unless the whole dump is valid.
        """
        meta, records, history = _parse_dump(data, source)
        with self._transaction() as db:
            held = db.execute("SELECT count(*) FROM records WHERE deleted=0").fetchone()[0]
            if held and not replace:
                raise PortfolioNotEmptyError(self.path, held)
            for table in ("meta", "records", "revisions"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            db.executemany(
                "INSERT INTO records (kind, key, data, revision, deleted, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(r["kind"], r["key"], json.dumps(r["data"], sort_keys=True,
                                                  ensure_ascii=False),
                  r["revision"], int(r["deleted"]), r["created_at"], r["updated_at"])
                 for r in records])
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


def _parse_dump(data: Any, source: str
                ) -> tuple[dict[str, str], list[dict[str, Any]], list[dict[str, Any]]]:
    """Check a dump's shape completely before anything is written."""
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise ImportFormatError(source, "this is not a netkit portfolio dump (its 'format' "
                                        f"is not {DUMP_FORMAT!r}). Make one with "
                                        "'netkit dump --out FILE'.")
    version = data.get("version")
    if not isinstance(version, int) or version > DUMP_VERSION:
        raise ImportFormatError(source, f"dump version {version!r} is newer than this netkit "
                                        f"reads ({DUMP_VERSION}); upgrade netkit.")
    meta = data.get("meta", {})
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise ImportFormatError(source, "'meta' must map names to strings.")
    checked = []
    for section, fields in (("records", _RECORD_FIELDS), ("history", _HISTORY_FIELDS)):
        items = data.get(section)
        if not isinstance(items, list):
            raise ImportFormatError(source, f"'{section}' must be a list.")
        for n, item in enumerate(items):
            for name, typ in fields.items():
                if not isinstance(item, dict) or not isinstance(item.get(name), typ):
                    raise ImportFormatError(
                        source, f"{section}[{n}]: '{name}' is missing or not a "
                                f"{typ.__name__}.")
        checked.append(items)
    _check_unique(checked[0], "records", ("kind", "key"), source)
    _check_unique(checked[1], "history", ("kind", "key", "revision"), source)
    for n, item in enumerate(checked[0]):
        cls = RECORD_TYPES.get(item["kind"])
        if cls is not None and not item["deleted"]:
            try:
                cls.from_dict(item["data"]).validate()
            except (ValueError, TypeError, AttributeError, KeyError) as exc:
                raise ImportFormatError(source, f"records[{n}] ({item['kind']} "
                                                f"{item['key']!r}): {exc}") from None
    return meta, checked[0], checked[1]


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


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
