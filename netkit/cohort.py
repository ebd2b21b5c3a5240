"""The cohort view: many learners' portfolios side by side, for their tutor.

``read_cohort(paths)`` reads portfolio files, JSON dumps (``netkit dump``), netkit's example
files, folders (searched for portfolio files) and glob patterns such as every learner's home
on a JupyterHub, strictly read-only: a portfolio is opened through SQLite's read-only mode
(``Portfolio.open(read_only=True, strict=True)``), so nothing is written to it or made beside
it; a dump or example is loaded into a private temporary copy. Each learner's standing is
what ``netkit status`` shows (:func:`netkit.coverage.coverage`, counted once per learner,
never re-implemented here), with their last activity, what they need next and, where the
assessor's feedback was loaded, the assessor's decision. A file that cannot be read (not a
portfolio, broken, locked, from a newer netkit) is listed with the reason and never stops
the rest.

The result prints as text (``netkit cohort``), becomes a pandas DataFrame (``--csv``) or a
self-contained HTML page with a heat map (``--html``); ``notebooks/tutor/cohort.ipynb``
shows the same with filters (:class:`netkit.widgets.cohort.CohortView`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .coverage import MET_MEANS, CriterionStatus, counted, coverage
from .criteria import CRITERIA, OUTCOMES
from .exceptions import (
    ImportFormatError,
    NetkitError,
    NotAPortfolioError,
    PortfolioLockedError,
    PortfolioNotFoundError,
    PortfolioUnavailableError,
    SchemaVersionError,
)
from .model import Learner, Record
from .render import esc
from .store import Portfolio, StoredRecord, default_portfolio_path

if TYPE_CHECKING:
    import pandas as pd

    from .assess import Decision

__all__ = [
    "CRITERION_IDS",
    "STATUSES",
    "Cohort",
    "LearnerStanding",
    "NotRead",
    "cohort_html",
    "example_learners",
    "find_sources",
    "heat_map_html",
    "not_read_html",
    "read_cohort",
    "read_learner",
]

R = TypeVar("R", bound=Record)

STATUSES = ("met", "partial", "missing")
CRITERION_IDS = tuple(c.id for c in CRITERIA)
_SQLITE_HEADER = b"SQLite format 3\x00"
_EXAMPLE_FORMAT = "netkit-example"
_DUMP_FORMAT = "netkit-portfolio"
_PARTIAL_EXAMPLE = "example-partial.json"


# -- one learner ------------------------------------------------------------------------
@dataclass(frozen=True)
class LearnerStanding:
    """One learner's row of the cohort view."""

    source: Path  # the file read
    name: str
    example: bool  # the fictional example data, not a learner's evidence
    rows: tuple[CriterionStatus, ...]  # what ``netkit status`` shows, criterion by criterion
    decisions: dict[str, Decision] = field(default_factory=dict)  # the assessor's, loaded
    last_activity: dt.datetime | None = None  # the last save; None: no history (an example)

    @property
    def assessor(self) -> dict[str, str]:
        """The assessor's decision per criterion where loaded: "met" | "not yet met"."""
        return {cid: d.outcome for cid, d in self.decisions.items()}

    @property
    def label(self) -> str:
        """The learner's name as the view shows it (example data marked)."""
        name = self.name or "(no name saved yet)"
        return f"{name} [EXAMPLE]" if self.example else name

    def status(self, criterion_id: str) -> str:
        """met | partial | missing for one criterion."""
        return next(r.status for r in self.rows if r.id == criterion_id)

    def cell(self, criterion_id: str) -> str:
        """The words of one cell: the status, and the assessor's decision where loaded."""
        decision = self.assessor.get(criterion_id)
        status = self.status(criterion_id)
        return f"{status}; assessor: {decision}" if decision else status

    @property
    def met(self) -> int:
        """How many criteria are met."""
        return sum(r.status == "met" for r in self.rows)

    @property
    def needs_next(self) -> str:
        """What the learner needs next: an assessor's "not yet met" first, then the first
        criterion begun but not met, then the first not begun (unit order)."""
        refused = [cid for cid, d in self.decisions.items() if d.outcome == "not yet met"]
        if refused:
            return f"{refused[0]} (assessor: {self.decisions[refused[0]].line(120)})"
        begun = [r for r in self.rows if r.status == "partial"]
        todo = begun or [r for r in self.rows if r.status == "missing"]
        if not todo:
            return "nothing: every criterion is met"
        first = todo[0]
        return f"{first.id} ({first.status}): {first.next}" if first.next else \
            f"{first.id} ({first.status})"

    @property
    def last_activity_text(self) -> str:
        """The last save in local time, to the minute; "-" when there is no history."""
        if self.last_activity is None:
            return "-"
        return self.last_activity.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class NotRead:
    """A path that gave no learner, and why."""

    source: Path
    reason: str


class _Snapshot(Portfolio):
    """A portfolio read once: every live record is read and built into the model's objects
    at most once, however often the coverage counters ask for a kind. Only for reading."""

    _stored: dict[str, list[StoredRecord]] | None = None
    _keyed: dict[tuple[str, str], StoredRecord]
    _built: dict[type[Record], list[Record]]
    _loaded: dict[tuple[type[Record], str], Record | None]

    def _live(self) -> dict[str, list[StoredRecord]]:
        if self._stored is None:
            found: dict[str, list[StoredRecord]] = {}
            for record in super().records():  # oldest first, as records(kind) orders them
                found.setdefault(record.kind, []).append(record)
            self._stored = found
            self._keyed = {(r.kind, r.key): r for rs in found.values() for r in rs}
            self._built = {}
            self._loaded = {}
        return self._stored

    def records(self, kind: str | None = None, *, include_deleted: bool = False
                ) -> list[StoredRecord]:
        if include_deleted:
            return super().records(kind, include_deleted=True)
        live = self._live()
        if kind is None:
            return sorted((r for rs in live.values() for r in rs),
                          key=lambda r: (r.created_at, r.kind, r.key))
        return list(live.get(kind, ()))

    def get(self, kind: str, key: str, *, include_deleted: bool = False
            ) -> StoredRecord | None:
        if include_deleted:
            return super().get(kind, key, include_deleted=True)
        self._live()
        return self._keyed.get((kind, key))

    def load(self, cls: type[R], key: str = "main") -> R | None:
        self._live()
        if (cls, key) not in self._loaded:
            stored = self._keyed.get((cls.KIND, key))
            self._loaded[cls, key] = None if stored is None else cls.from_dict(stored.data)
        return cast("R | None", self._loaded[cls, key])

    def all(self, cls: type[R]) -> list[R]:
        live = self._live()
        if cls not in self._built:
            self._built[cls] = [cls.from_dict(r.data) for r in live.get(cls.KIND, ())]
        return cast("list[R]", list(self._built[cls]))

    def fields(self, kind: str, *names: str) -> list[tuple[Any, ...]]:
        return [(r.key, *(r.data.get(name) for name in names))
                for r in self._live().get(kind, ())]

    def version(self) -> tuple[int, int]:
        return (0, 0)  # read once: what it holds does not change while it is read


def _standing(portfolio: Portfolio, source: Path, *, history: bool = True
              ) -> LearnerStanding:
    from .assess import loaded_decisions  # the assessor's, as netkit status reads them

    learner = portfolio.load(Learner)
    return LearnerStanding(
        source=source, name=learner.name if learner else "", example=portfolio.is_example,
        rows=tuple(coverage(portfolio)), decisions=loaded_decisions(portfolio),
        last_activity=portfolio.last_saved() if history else None)


def _read_portfolio(path: Path) -> LearnerStanding:
    try:
        with _Snapshot.open(path, via="cohort", read_only=True, strict=True,
                            timeout=5.0) as portfolio:
            return _standing(portfolio, path)
    except PortfolioNotFoundError:
        raise
    except PortfolioUnavailableError as exc:
        # Written by an older netkit (it would need upgrading, which writes): read an
        # upgraded private copy instead; if even that fails, the first reason stands.
        try:
            return _read_copy(path)
        except (NetkitError, sqlite3.Error, OSError):
            raise exc from None


def _read_copy(path: Path) -> LearnerStanding:
    with tempfile.TemporaryDirectory(prefix="netkit-cohort-") as folder:
        copy = Path(folder) / "portfolio.sqlite"
        # as the store reads a file nobody is writing: immutable, so nothing is made beside it
        flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
        source = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
        try:
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        Portfolio.open(copy, via="cohort").close()  # upgrades the copy
        with _Snapshot.open(copy, via="cohort", read_only=True, strict=True) as portfolio:
            return _standing(portfolio, path)


def _read_json_file(path: Path) -> LearnerStanding:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(str(path), f"cannot read it ({exc}).") from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(str(path), f"line {exc.lineno}, column {exc.colno}: not "
                                           f"valid JSON ({exc.msg}).") from None
    kind = data.get("format") if isinstance(data, dict) else None
    if kind not in (_DUMP_FORMAT, _EXAMPLE_FORMAT):
        raise ImportFormatError(str(path), "neither a portfolio dump ('netkit dump') nor a "
                                           "netkit example file.")
    with tempfile.TemporaryDirectory(prefix="netkit-cohort-") as folder:
        copy = Path(folder) / "portfolio.sqlite"
        with Portfolio.open(copy, via="cohort") as portfolio:
            if kind == _DUMP_FORMAT:
                portfolio.load_dump(data, source=str(path))
            else:
                from .cli import load_example  # the one reader of example files

                load_example(portfolio, source=path)
        with _Snapshot.open(copy, via="cohort", read_only=True, strict=True) as portfolio:
            # an example file has no history: its load time is no learner's activity
            return _standing(portfolio, path, history=kind == _DUMP_FORMAT)


def read_learner(path: Path) -> LearnerStanding:
    """One learner's standing from a portfolio file, a dump or an example file.

    Raises a NetkitError saying why the file gives no learner; never writes to it.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise PortfolioUnavailableError(path, exc.strerror or str(exc)) from None
    if head == _SQLITE_HEADER:
        return _read_portfolio(path)
    if head.lstrip()[:1] == b"{":
        return _read_json_file(path)
    if not head:
        raise NotAPortfolioError(path, "the file is empty")
    raise NotAPortfolioError(path, "it is neither an SQLite database nor a JSON dump")


def _reason(exc: NetkitError) -> str:
    """Why a file gave no learner, in a few words for the list of files not read."""
    reason = str(exc)
    if isinstance(exc, SchemaVersionError):
        reason = (f"written by a newer netkit (portfolio schema {exc.found}; this netkit "
                  f"reads up to {exc.supported}): upgrade netkit to read it")
    elif isinstance(exc, NotAPortfolioError):
        reason = f"not a netkit portfolio: {exc.reason}"
    elif isinstance(exc, PortfolioNotFoundError):
        reason = "an empty portfolio: nothing saved in it yet"
    elif isinstance(exc, PortfolioUnavailableError):
        reason = f"cannot be read: {exc.reason}"
    elif isinstance(exc, PortfolioLockedError):
        reason = (f"locked by another program for more than {exc.seconds:g} seconds: try "
                  "again later")
    elif isinstance(exc, ImportFormatError):
        reason = exc.message
    return reason


# -- finding the files ------------------------------------------------------------------
def _portfolios_in(folder: Path, name: str, unreadable: list[NotRead]) -> list[Path]:
    """Every file called ``name`` in ``folder`` and below, hidden folders (.venv, .cache,
    .ipynb_checkpoints) left out, symbolic links to folders not followed; a folder that
    cannot be searched (another user's home) goes on ``unreadable``."""

    def refused(exc: OSError) -> None:
        unreadable.append(NotRead(Path(exc.filename or folder),
                                  f"cannot be searched: {exc.strerror or exc}"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if name in files:
            found.append(Path(root) / name)
    return found


def find_sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[NotRead]]:
    """The files ``paths`` name: files as given, glob patterns expanded, folders searched
    for portfolio files (``portfolio.sqlite``); each file once. Paths that name nothing are
    returned as :class:`NotRead`."""
    name = default_portfolio_path().name
    files: dict[Path, Path] = {}
    missing: list[NotRead] = []
    for given in paths:
        text = os.path.expanduser(os.fspath(given))
        if any(c in text for c in "*?["):
            matches = [Path(m) for m in sorted(glob(text, recursive=True))]
            if not matches:
                missing.append(NotRead(Path(text), "no file or folder matches this pattern"))
        elif os.path.lexists(text):
            matches = [Path(text)]
        else:
            missing.append(NotRead(Path(text), "no such file or folder"))
            matches = []
        for match in matches:
            searched = len(missing)
            found = _portfolios_in(match, name, missing) if match.is_dir() else [match]
            if match.is_dir() and not found and len(missing) == searched:
                missing.append(NotRead(match, f"no portfolio file ({name}) in this folder "
                                              "or below it"))
            for path in found:
                files.setdefault(path.resolve(), path)
    return list(files.values()), missing


def example_learners() -> list[Path]:
    """The two fictional example learners shipped with netkit: complete, and behind."""
    from .resources import data_file, example_learner

    return [example_learner(), data_file(_PARTIAL_EXAMPLE)]


# -- the cohort -------------------------------------------------------------------------
@dataclass(frozen=True)
class Cohort:
    """Every learner read, and every path that gave none (with the reason)."""

    learners: tuple[LearnerStanding, ...]
    not_read: tuple[NotRead, ...] = ()
    criteria: tuple[str, ...] = CRITERION_IDS  # the criteria shown (a filter may narrow)

    def filtered(self, *, criterion: str | None = None, status: str | None = None,
                 learner: str | None = None) -> Cohort:
        """The view narrowed: one criterion's column; learners with that status (in that
        criterion, or in any criterion shown); learners whose name contains ``learner``."""
        shown = (criterion,) if criterion else self.criteria
        kept = list(self.learners)
        if status:
            kept = [s for s in kept if any(s.status(c) == status for c in shown)]
        if learner:
            kept = [s for s in kept if learner.casefold() in s.label.casefold()]
        return replace(self, learners=tuple(kept), criteria=shown)

    def frame(self) -> pd.DataFrame:
        """One row per learner: name, example, file, each criterion's status and the
        assessor's decision (empty where none was loaded), criteria met, last activity
        (ISO, UTC offset included), what they need next."""
        import pandas as pd

        rows = []
        for s in self.learners:
            row: dict[str, Any] = {"learner": s.name, "example": s.example,
                                   "file": str(s.source)}
            row.update({c: s.status(c) for c in self.criteria})
            row.update({f"{c} assessor": s.assessor.get(c, "") for c in self.criteria})
            row["met"] = sum(s.status(c) == "met" for c in self.criteria)
            row["last activity"] = (s.last_activity.isoformat(timespec="seconds")
                                    if s.last_activity else "")
            row["needs next"] = s.needs_next
            rows.append(row)
        columns = ["learner", "example", "file", *self.criteria,
                   *(f"{c} assessor" for c in self.criteria), "met", "last activity",
                   "needs next"]
        return pd.DataFrame(rows, columns=columns)

    def csv(self) -> str:
        """The :meth:`frame` as CSV text (pandas)."""
        return str(self.frame().to_csv(index=False))

    def text(self) -> str:
        """What ``netkit cohort`` prints: a table per learning outcome, then a summary."""
        out = [self.summary(), ""]
        for outcome in OUTCOMES if self.learners else ():
            ids = [c.id for c in CRITERIA if c.outcome == outcome.number
                   and c.id in self.criteria]
            if not ids:
                continue
            out.append(f"Learning outcome {outcome.number}: {outcome.text}")
            out += _columns(["learner", *ids],
                            [[s.label, *(s.cell(c) for c in ids)] for s in self.learners])
            out.append("")
        if self.learners:
            out.append("Last activity and what each learner needs next")
            out += _columns(["learner", "met", "last activity", "needs next"],
                            [[s.label, f"{s.met} of {len(s.rows)}", s.last_activity_text,
                              s.needs_next] for s in self.learners])
            out += ["", "Files"]
            out += _columns(["learner", "file"], [[s.label, str(s.source)]
                                                  for s in self.learners])
            out.append("")
        if self.not_read:
            out += [f"Not read ({len(self.not_read)}): never written to, the others "
                        "are read as usual"]
            out += [f"  {n.source}: {n.reason}" for n in self.not_read]
        return "\n".join(out)

    def summary(self) -> str:
        """One sentence: how many learners were read, how many paths were not."""
        read = counted(len(self.learners), "learners")
        skipped = (f"; {counted(len(self.not_read), 'paths')} not read (listed at the end)"
                   if self.not_read else "")
        return f"Cohort view: {read}{skipped}. Every file was read only, never changed."


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max([len(header[i]), *(len(r[i]) for r in rows)]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), *(line(r) for r in rows)]


def read_cohort(paths: Iterable[str | os.PathLike[str]]) -> Cohort:
    """Read every learner that ``paths`` name (see :func:`find_sources`), read-only.

    A file that gives no learner is listed with the reason; it never stops the rest.
    """
    files, not_read = find_sources(paths)
    learners = []
    for path in files:
        try:
            learners.append(read_learner(path))
        except NetkitError as exc:
            not_read.append(NotRead(path, _reason(exc)))
    learners.sort(key=lambda s: (s.name.casefold(), str(s.source)))
    return Cohort(tuple(learners), tuple(not_read))


# -- HTML -------------------------------------------------------------------------------
# Okabe-Ito colours (safe for the common colour-vision deficiencies), each with the text
# colour that reads on it (contrast 4.5:1 or more); every cell also says its status in words.
_COLOURS = {"met": ("#0072B2", "#ffffff"), "partial": ("#E69F00", "#000000"),
            "missing": ("#f2f2f2", "#000000")}
_STYLE = (
    "<style>"
    ".nk-cohort{border-collapse:collapse;font-size:.9em;margin:6px 0}"
    ".nk-cohort caption{text-align:left;font-weight:bold;padding:4px 0}"
    ".nk-cohort th,.nk-cohort td{border:1px solid #8a8f98;padding:3px 6px;text-align:left;"
    "vertical-align:top}"
    ".nk-cohort thead th{background:#e4e7ec}"
    ".nk-cohort tbody th{background:#fafafa;font-weight:normal;min-width:9em}"
    ".nk-cohort td.nk-next{min-width:18em}"
    + "".join(f".nk-cohort .nk-c-{s}{{background:{bg};color:{fg}}}"
              for s, (bg, fg) in _COLOURS.items())
    + ".nk-cohort .nk-assessor{display:block;font-size:.85em;font-weight:bold}"
    ".nk-legend span{display:inline-block;padding:2px 8px;margin-right:6px;"
    "border:1px solid #8a8f98}"
    "</style>"
)


def heat_map_html(cohort: Cohort) -> str:
    """The heat map table: learners by criterion, each cell coloured and in words."""
    ids = list(cohort.criteria)
    by_outcome = [(o, [c for c in CRITERIA if c.outcome == o.number and c.id in ids])
                  for o in OUTCOMES]
    groups = "".join(f'<th scope="colgroup" colspan="{len(cs)}">Learning outcome '
                     f"{o.number}</th>" for o, cs in by_outcome if cs)
    heads = "".join(f'<th scope="col" title="{esc(c.text)}">{esc(c.id)}</th>'
                    for _, cs in by_outcome for c in cs)
    body = []
    for s in cohort.learners:
        cells = []
        for cid in ids:
            status = s.status(cid)
            decision = s.assessor.get(cid)
            extra = (f'<span class="nk-assessor">assessor: {esc(decision)}</span>'
                     if decision else "")
            cells.append(f'<td class="nk-c-{status}">{status}{extra}</td>')
        body.append(f'<tr><th scope="row">{esc(s.label)}</th>{"".join(cells)}'
                    f"<td>{esc(s.last_activity_text)}</td>"
                    f'<td class="nk-next">{esc(s.needs_next)}</td>'

                    "</tr>")
    legend = "".join(f'<span class="nk-c-{s}" style="background:{bg};color:{fg}">{s}</span>'
                     for s, (bg, fg) in _COLOURS.items())
    return (
        f"{_STYLE}<p class=\"nk-legend\">Key: {legend} (and \"assessor: ...\" where the "
        "assessor's feedback was loaded)</p>"
        f"<p>{esc(MET_MEANS[0].upper() + MET_MEANS[1:])}.</p>"
        '<table class="nk-cohort"><caption>Each learner against the assessment criteria: '
        "met, partial or missing, as 'netkit status' counts them</caption>"
        f'<thead><tr><td></td>{groups}<td colspan="2"></td></tr>'
        f'<tr><th scope="col">Learner</th>{heads}<th scope="col">Last activity</th>'
        f'<th scope="col">Needs next</th></tr></thead><tbody>{"".join(body)}</tbody>'
        "</table>")


def not_read_html(cohort: Cohort) -> str:
    """The paths that gave no learner, with the reason, as an HTML list ("" if none)."""
    if not cohort.not_read:
        return ""
    items = "".join(f"<li><code>{esc(n.source)}</code>: {esc(n.reason)}</li>"
                    for n in cohort.not_read)
    return (f"<h2>Not read ({len(cohort.not_read)})</h2><p>These were never written to; "
            f"every other file was read as usual.</p><ul>{items}</ul>")


def cohort_html(cohort: Cohort, *, when: dt.datetime | None = None) -> str:
    """The cohort view as one self-contained HTML page (no scripts, nothing fetched)."""
    when = when or dt.datetime.now().astimezone()
    files = "".join(f"<li>{esc(s.label)}: <code>{esc(s.source)}</code></li>"
                    for s in cohort.learners)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Cohort view: J/506/1949 Develop and Maintain Professional Networks</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#111}</style>"
        "</head><body><main><h1>Cohort view</h1>"
        "<p>Unit J/506/1949 \"Develop and Maintain Professional Networks\". "
        f"{esc(cohort.summary())} Made {esc(when.strftime('%Y-%m-%d %H:%M'))}.</p>"
        f"{heat_map_html(cohort)}"
        f"<h2>Files read</h2><ul>{files}</ul>{not_read_html(cohort)}"
        "</main></body></html>\n")
