"""Notebooks -> HTML and PDF evidence, and the evidence pack an assessor signs off.

:func:`export` runs the workbook's notebooks headless against a *copy* of the learner's
portfolio, redacted first (:mod:`netkit.redact`: private by default), converts each to a
self-contained HTML file with the code hidden (no script, nothing fetched from any other
host), prints each to PDF with headless Chromium, writes the evidence pack
(:mod:`netkit.pack`) and a ``manifest.json`` with the SHA-256 of every file. Everything is
written to a staging folder beside ``out`` first and moved into place as a whole only when
all of it succeeded (:mod:`netkit.publish`); PDFs are printed by one Chromium for the whole
export (:mod:`netkit.pdf`). Cells tagged ``learner-only`` (instructions and controls for the
learner at work) are left out of every export.

nbclient, nbconvert, tqdm and playwright are imported inside the functions that use them.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import importlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from . import publish
from . import redact as redaction
from ._version import __version__
from .agreement import agreement_document, agreement_files
from .exceptions import ExportError
from .export_attachments import (
    AttachmentFile,
    as_typed_in,
    collect,
    not_redacted_warning,
    write_attachments,
)
from .guide import Html
from .model import Learner
from .pack import NotebookFile, banner, evidence_pack, page_head
from .pdf import PrintQueue, find_chromium, ref_pages
from .render import esc
from .resources import nbconvert_templates, notebooks_folder, numbered_notebooks
from .store import EXPORT_META, EXPORT_NOT_REDACTED, Portfolio, workbook_root
from .withheld import WITHHELD_META, withheld

__all__ = [
    "FORMATS",
    "Converter",
    "ExportJob",
    "ExportResult",
    "NotebookFailedError",
    "default_out",
    "describe_redaction",
    "execute_all",
    "export",
    "find_chromium",
    "import_first",
    "privacy_preview",
    "run_coroutine",
    "sigterm_as_exit",
    "workbook_folder",
    "workbook_notebooks",
    "write_manifest",
]

T = TypeVar("T")
FORMATS = ("html", "pdf")
PACK = "evidence-pack"
CELL_TIMEOUT = 600  # seconds; a cell that takes longer has hung
LEARNER_ONLY = "learner-only"  # the tag of cells no export shows
_HEADING = re.compile(r'<h[1-4][^>]*\bid="([^"]+)"[^>]*>(.*?)</h[1-4]>', re.DOTALL)
_CRITERION = re.compile(r"(?<![\d.])([123]\.[1-7])(?![\d])")
_TAG = re.compile(r"<[^>]+>")
_REF_ANCHOR = re.compile(r'\bid="ref-(E[1-9][0-9]*)"')  # render.stamp_html's anchors


class NotebookFailedError(ExportError):
    """A notebook failed while exporting: which one, which cell, and the error."""

    def __init__(self, notebook: str, cell: int, line: str, error: str) -> None:
        super().__init__(
            f"{notebook} failed at cell {cell} ({line!r}): {error}. Open the notebook in "
            "JupyterLab, run it from the top (Run > Run All Cells) and fix that cell; "
            "nothing was written and any earlier export was left as it was.")
        self.notebook = notebook
        self.cell = cell
        self.line = line
        self.error = error


@dataclass
class ExportResult:
    """What an export wrote, and where."""

    folder: Path
    files: list[Path]
    notebooks: list[str]
    redaction: str
    manifest: Path
    seconds: dict[str, float] = field(default_factory=dict)
    attachments: list[AttachmentFile] = field(default_factory=list)  # copied or listed


# -- finding things ----------------------------------------------------------------------
def workbook_folder(root: Path | None) -> Path:
    """The workbook folder: ``root``, else the one run in (or above), else the current one."""
    return root if root is not None else workbook_root()


def _notebook_folder(root: Path) -> Path:
    """``root/notebooks`` if it holds workbook notebooks, else the ones netkit ships."""
    folder = root / "notebooks"
    return folder if numbered_notebooks(folder) else notebooks_folder()


def workbook_notebooks(root: Path | None = None) -> list[Path]:
    """The workbook's numbered notebooks (``notebooks/NN-*.ipynb``), in order."""
    return numbered_notebooks(_notebook_folder(workbook_folder(root)))


def _select(root: Path, names: Sequence[str] | None) -> list[Path]:
    available = workbook_notebooks(root)
    folder = _notebook_folder(root)
    if not names:
        if not available:
            raise ExportError(f"there are no workbook notebooks in {folder}. "
                              "Run netkit export from the workbook folder.")
        return available
    chosen: list[Path] = []
    for name in (n.strip() for raw in names for n in raw.split(",") if n.strip()):
        stem = Path(name).name.removesuffix(".ipynb")
        match = [p for p in available if p.stem == stem] or \
                [p for p in folder.glob(f"{stem}.ipynb") if p.is_file()] or \
                [p for p in available if p.stem.startswith(stem)]
        if len(match) != 1:
            known = ", ".join(p.name for p in available) or "none"
            why = "matches several" if match else "is not"
            raise ExportError(f"--notebooks: {name!r} {why} a notebook in {folder} "
                              f"(the workbook has: {known}).")
        if match[0] not in chosen:
            chosen.append(match[0])
    return chosen


def default_out(root: Path | None = None, today: dt.date | None = None) -> Path:
    """``exports/<YYYY-MM-DD>/`` in the workbook folder (git-ignored), or in the folder
    ``$NETKIT_EXPORTS`` names."""
    chosen = os.environ.get("NETKIT_EXPORTS")
    base = Path(chosen).expanduser() if chosen else workbook_folder(root) / "exports"
    return base / (today or dt.date.today()).isoformat()


# -- the export ----------------------------------------------------------------------------
def export(portfolio: Portfolio | str | os.PathLike[str] | None = None, *,
           out: str | os.PathLike[str] | None = None,
           formats: Sequence[str] = FORMATS,
           notebooks: Sequence[str] | None = None,
           redact: bool = True,
           pseudonymise: bool = False,
           progress: bool = True,
           root: Path | None = None,
           today: dt.date | None = None,
           warn: Callable[[str], None] | None = None) -> ExportResult:
    """Export the workbook's notebooks and the evidence pack; see the module docstring.

    Parameters
    ----------
    portfolio : the learner's portfolio (or its path; default as everywhere else).
    out : the folder to write to (default :func:`default_out`).
    formats : "html" and/or "pdf".
    notebooks : file names (or stems, or unique prefixes) to export; default all.
    redact : leave out contacts' e-mails, phones, profile links and anything
        confidential (the default); False includes everything.
    pseudonymise : also replace contacts' names by their initials.
    warn : told, once the options and the destination are checked and before anything
        runs, what the export will copy that is never redacted (its attachments).
    """
    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ExportError(f"--format: {', '.join(unknown) or 'nothing'} is not a format "
                          f"netkit exports (choose from: {', '.join(FORMATS)}).")
    home = workbook_folder(root)
    paths = _select(home, notebooks)
    chromium = find_chromium() if "pdf" in formats else ""
    # Everything that can be known about the destination is checked before anything runs.
    target = publish.destination(Path(out) if out is not None else default_out(home, today))
    publish.clean_leftovers(target)
    publish.check_space(target, (len(paths) + 1) * len(formats) + 1)
    date = today or dt.date.today()

    owned = not isinstance(portfolio, Portfolio)
    source = (Portfolio.open(portfolio, create=False, via="export")
              if not isinstance(portfolio, Portfolio) else portfolio)
    try:
        original = source.dump()
        attached = collect(source, redact=redact)  # never redacted: copied as attached
    finally:
        if owned:
            source.close()
    warning = not_redacted_warning([entry for entry, _data in attached])
    if warn is not None and warning:
        warn(warning)
    if redact:
        clean = redaction.redact(original, pseudonymise=pseudonymise)
    else:
        clean = redaction.pseudonymise(original) if pseudonymise else original
    if redact or pseudonymise:  # what the learner typed about each document, as redacted
        attached = as_typed_in(attached, clean)
    mode = describe_redaction(redact=redact, pseudonymise=pseudonymise)
    # The notebooks run against this copy: privacy_preview then says what was left out.
    # No notebook reads the history, so the copy does not carry it.
    clean = {**clean, "meta": {**clean.get("meta", {}), EXPORT_META: mode}, "history": []}
    if redact:  # the pack lists what was withheld, by criterion (never a silent drop)
        clean["meta"][WITHHELD_META] = withheld(original).to_meta()

    seconds: dict[str, float] = {}
    values = redaction.sensitive_values(original)
    job = ExportJob(paths=paths, formats=formats, chromium=chromium, target=target,
                    values=values if redact else None,
                    confidential=redaction.confidential_names(original, values),
                    pseudonymise=pseudonymise, mode=mode, date=date, progress=progress,
                    seconds=seconds, attachments=attached)
    with sigterm_as_exit(), publish.staging(target) as staging, \
            tempfile.TemporaryDirectory(prefix="netkit-export-") as tmp:
        start = time.perf_counter()
        names = run_coroutine(_export_into(job, staging, Path(tmp), clean))
        files = publish.publish(staging, target, names)
        seconds["total"] = time.perf_counter() - start
    return ExportResult(folder=target, files=files, notebooks=[p.name for p in paths],
                        redaction=mode, manifest=target / "manifest.json", seconds=seconds,
                        attachments=[entry for entry, _data in attached])


def describe_redaction(*, redact: bool, pseudonymise: bool) -> str:
    if not redact:
        return (f"{EXPORT_NOT_REDACTED}: everything in the portfolio is included, contacts' "
                "details and confidential records too"
                + (", with contacts' names as initials." if pseudonymise else "."))
    return ("contacts' e-mail addresses, phone numbers and profile links, and records "
            "flagged confidential, are left out"
            + ("; contacts' names are shown as initials." if pseudonymise else "."))


@contextlib.contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """A kill (SIGTERM) ends the export like Ctrl-C does: every clean-up still runs.

    Without this the process would stop at once, leaving the redacted copy of the
    portfolio in the temporary folder and the kernels running.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class ExportJob:
    """What one export does, shared by its steps."""

    paths: list[Path]
    formats: tuple[str, ...]
    chromium: str
    target: Path
    values: Any  # redaction.sensitive_values of the original, None when not redacting
    pseudonymise: bool
    mode: str
    date: dt.date
    progress: bool
    seconds: dict[str, float]
    learner: str = ""
    example: bool = False
    attachments: list[tuple[AttachmentFile, bytes]] = field(default_factory=list)
    confidential: set[str] = field(default_factory=set)  # confidential contacts' names

    def check(self, name: str, page: str) -> None:
        """The last check: refuse a page that shows a contact's detail it should not."""
        if self.values is None:
            return
        # every contact's full name when pseudonymised, else the confidential ones'
        leaks = redaction.find_leaks(name, page, self.values, names=self.pseudonymise,
                                     full_names=None if self.pseudonymise else self.confidential)
        if leaks:
            raise ExportError(
                f"{name} would show {leaks[0].what} although the export is redacted, "
                "so nothing was written. This is a fault in netkit or in a notebook: "
                "please report it. Meanwhile, remove that detail from your answers "
                "or flag the record confidential.")

    def write(self, path: Path, text: str) -> None:
        """Write a file of the export; a full disk says so."""
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise publish.write_error(self.target, exc) from None

    def add(self, step: str, seconds: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + seconds


async def _export_into(job: ExportJob, staging: Path, work: Path, clean: dict[str, Any]
                       ) -> list[str]:
    """Write every file into ``staging``; returns their names, manifest last.

    One pipeline: Chromium starts while the kernels do, and each notebook is converted,
    checked and printed as soon as it has run. The pack comes last: its grid gives the PDF
    page where each evidence reference appears, read back from the printed notebooks.
    ``job.seconds`` receives: execute (until the last notebook has run), html and pdf
    (time spent converting and printing, summed over files), pages (reading them back).
    """
    start = time.perf_counter()
    import_first(pdf="pdf" in job.formats)
    copy_path = work / "portfolio.sqlite"
    stems = {p.stem: NotebookFile(p.stem) for p in job.paths}
    with Portfolio.open(copy_path, via="export") as copy:
        copy.load_dump(clean, replace=True, source="redacted copy")
        job.learner = (copy.load(Learner) or Learner()).name
        job.example = copy.is_example
        agreements = _agreements(copy, job)
    pages = staging if "html" in job.formats else work / "pages"
    (work / "print").mkdir()
    pages.mkdir(exist_ok=True)
    async with contextlib.AsyncExitStack() as stack:
        queue = (await stack.enter_async_context(PrintQueue(job.chromium))
                 if "pdf" in job.formats else None)
        converter = Converter()
        stack.callback(converter.close)

        async def convert(path: Path, nb: Any) -> NotebookFile:
            job.seconds["execute"] = time.perf_counter() - start
            begun = time.perf_counter()
            page = await converter.to_html(nb, path.stem, learner=job.learner,
                                           example=job.example, date=job.date)
            page = page.replace(str(work), "[export copy]")
            job.check(f"{path.stem}.html", page)
            job.write(pages / f"{path.stem}.html", page)
            job.add("html", time.perf_counter() - begun)
            if queue:
                queue.add(pages / f"{path.stem}.html", staging / f"{path.stem}.pdf")
            return NotebookFile(path.stem, _anchors(page),
                                frozenset(_REF_ANCHOR.findall(page)))

        _write_agreements(job, agreements, pages, staging, queue)
        files = await execute_all(job.paths, copy_path, work, then=convert,
                                  progress=job.progress)
        try:
            attached = write_attachments(staging, job.attachments)
        except OSError as exc:
            raise publish.write_error(job.target, exc) from None
        await _write_pack(job, copy_path, dict(zip(stems, files, strict=True)),
                          html=pages, work=work, staging=staging, queue=queue)

    written = [*(f"{p.stem}.html" for p in job.paths), f"{PACK}.html"] \
        if "html" in job.formats else []
    if "pdf" in job.formats:
        written += [*(f"{p.stem}.pdf" for p in job.paths), f"{PACK}.pdf"]
    written += [f"{stem}.{kind}" for kind in job.formats for stem, _ in agreements]
    written += attached
    try:
        write_manifest(staging, written, learner=job.learner, example=job.example,
                       mode=job.mode, notebooks=[p.name for p in job.paths], date=job.date,
                       attachments=[entry for entry, _data in job.attachments])
    except OSError as exc:
        raise publish.write_error(job.target, exc) from None
    return [*written, "manifest.json"]


def _agreements(copy: Portfolio, job: ExportJob) -> list[tuple[str, str]]:
    """Each confidentiality agreement as a page of its own, to print and sign."""
    return [(stem, agreement_document(
        copy, agreement,
        head=page_head(learner=job.learner, document=stem, example=job.example),
        top=banner(learner=job.learner, document=stem, example=job.example, date=job.date)))
        for stem, agreement in agreement_files(copy)]


def _write_agreements(job: ExportJob, agreements: list[tuple[str, str]], pages: Path,
                      staging: Path, queue: PrintQueue | None) -> None:
    """Check and write the agreements' pages, and queue them for printing."""
    for stem, page in agreements:
        job.check(f"{stem}.html", page)
        job.write(pages / f"{stem}.html", page)
        if queue:
            queue.add(pages / f"{stem}.html", staging / f"{stem}.pdf")


def write_manifest(folder: Path, names: list[str], *, learner: str, example: bool,
                   mode: str, notebooks: list[str], date: dt.date,
                   attachments: Sequence[AttachmentFile] = ()) -> None:
    files = {}
    for name in names:
        data = (folder / name).read_bytes()
        files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    from .criteria import UNIT

    manifest = {
        "format": "netkit-export", "version": 1, "netkit": __version__,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "date": date.isoformat(), "unit": UNIT.code, "learner": learner,
        "example": example, "redaction": mode, "notebooks": notebooks, "files": files,
        # each attachment by reference: its file here, or seen by the assessor in the
        # original (confidential); never redacted
        "attachments": [a.manifest() for a in attachments],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")


async def _write_pack(job: ExportJob, copy_path: Path, notebooks: dict[str, NotebookFile], *,
                      html: Path, work: Path, staging: Path, queue: PrintQueue | None
                      ) -> None:
    """Write the evidence pack, and print it once the notebooks' PDFs are printed: its
    grid gives the page of each PDF where each evidence reference appears."""
    if queue:  # pypdf (reading the pages back) loads while the last PDFs print
        await asyncio.gather(queue.finish(),
                             asyncio.to_thread(importlib.import_module, "pypdf"))
        begun = time.perf_counter()
        stems = list(notebooks)
        paged = await asyncio.to_thread(_with_pages, list(notebooks.values()), staging)
        notebooks = dict(zip(stems, paged, strict=True))
        job.add("pages", time.perf_counter() - begun)
    listed = [entry for entry, _data in job.attachments]
    with Portfolio.open(copy_path, via="export") as copy:
        pack = evidence_pack(copy, notebooks, date=job.date, redaction=job.mode,
                             attachments=listed)
        # The printed pack names the PDFs (and pages) instead of linking.
        printable = evidence_pack(copy, notebooks, date=job.date, redaction=job.mode,
                                  links=False, attachments=listed) if queue else ""
    job.check(f"{PACK}.html", pack)
    job.write(html / f"{PACK}.html", pack)
    if queue:
        job.check(f"{PACK}.pdf", printable)
        job.write(work / "print" / f"{PACK}.html", printable)
        queue.add(work / "print" / f"{PACK}.html", staging / f"{PACK}.pdf")
        await queue.finish()
        job.seconds["pdf"] = queue.seconds


def _with_pages(files: list[NotebookFile], folder: Path) -> list[NotebookFile]:
    """``files`` with the PDF page of each evidence reference, read from their PDFs."""
    return [replace(f, pages=ref_pages(folder / f"{f.stem}.pdf")) for f in files]


# -- executing -----------------------------------------------------------------------------
class _Stoppable:
    """Runs a coroutine in a thread of its own; Ctrl-C or a kill (SIGTERM) cancels it.

    Its own thread and event loop: it works from inside Jupyter too (whose loop is
    running), and the signals stay with the main thread. nbclient would otherwise set
    its own handlers, one notebook at a time, each shutting down its own kernel only.
    Cancelling instead lets every kernel be shut down and Chromium be closed in order;
    then :func:`run_coroutine` raises KeyboardInterrupt or SystemExit(143), and the temporary
    folder (with the redacted copy of the portfolio) and the staging folder go too.
    """

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[Any] | None = None
        self.stopped = 0  # the signal that stopped it

    async def main(self, coro: Coroutine[Any, Any, T]) -> T:
        self.loop, self.task = asyncio.get_running_loop(), asyncio.current_task()
        if self.stopped:
            coro.close()
            raise asyncio.CancelledError
        return await coro

    def stop(self, signum: int, _frame: object = None) -> None:
        self.stopped = self.stopped or signum
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._cancel)

    def _cancel(self) -> None:
        assert self.loop is not None and self.task is not None
        # A kernel stopped while it starts makes jupyter_client log a spurious error.
        self.loop.set_exception_handler(lambda *_: None)
        self.task.cancel()


def run_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to the end in a thread of its own (see :class:`_Stoppable`)."""
    runner = _Stoppable()
    signals = (signal.SIGINT, signal.SIGTERM)
    main = threading.current_thread() is threading.main_thread()
    previous = {s: signal.signal(s, runner.stop) for s in signals} if main else {}
    try:
        with concurrent.futures.ThreadPoolExecutor(1, "netkit-export") as pool:
            future = pool.submit(asyncio.run, runner.main(coro))
            try:
                return future.result()
            except (asyncio.CancelledError, concurrent.futures.CancelledError):
                if runner.stopped == signal.SIGINT:
                    raise KeyboardInterrupt from None
                if runner.stopped:
                    raise SystemExit(128 + runner.stopped) from None
                raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _nbformat() -> Any:
    """nbformat, imported without jsonschema building rfc3987_syntax's IRI grammars.

    ``import jsonschema`` (which nbformat, nbclient and nbconvert all import) builds them,
    about 1 s (``python -X importtime``), for an "iri" format check that nbformat's
    draft-4 schema never uses. Hiding that module while jsonschema is first imported skips
    the check's set-up; nothing else changes, and the module stays importable afterwards.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
        try:
            importlib.import_module("jsonschema")
        finally:
            del sys.modules["rfc3987_syntax"]
    import nbformat

    return nbformat


def import_first(*, pdf: bool) -> None:
    """Import what runs the notebooks (and prints) before nbconvert is imported in the
    converter's thread: importing one package from two threads at once can fail."""
    _nbformat()
    importlib.import_module("nbclient")
    importlib.import_module("jupyter_client.kernelspec")
    importlib.import_module("tqdm.auto")
    if pdf:
        importlib.import_module("playwright.async_api")


def _prepare(path: Path, copy_path: Path) -> Any:
    """The notebook to run: learner-only cells dropped, the portfolio set to the copy.

    Read without validating it (the workbook's own notebooks; validation happens again
    when converting).
    """
    nbformat = _nbformat()
    try:
        nb = nbformat.reader.reads(path.read_text("utf-8"))
    except (OSError, ValueError, nbformat.reader.NotJSONError) as exc:
        raise ExportError(f"cannot read {path}: {exc}. Restore the workbook notebook "
                          "(netkit workbook) and try again.") from None
    if nb.get("nbformat") != 4:
        nb = nbformat.convert(nb, 4)
    nb.cells = [c for c in nb.cells if LEARNER_ONLY not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            cell.source = f"{cell.source}\nportfolio_path = {str(copy_path)!r}"
            break
    return nb


async def execute_all(paths: list[Path], copy_path: Path, work: Path, *,
                      then: Callable[[Path, Any], Awaitable[T]], progress: bool) -> list[T]:
    """Execute the notebooks in a few kernels, one per processor; ``then`` each one run.

    Each kernel runs one notebook after another, its namespace cleared in between: a
    kernel's start and the imports every notebook makes (netkit, matplotlib) are paid once
    per kernel, not once per notebook, while the processors stay busy. The largest
    notebooks go first, so the last to finish is a short one.
    """
    env = {**os.environ, "NETKIT_PORTFOLIO": str(copy_path), "NETKIT_ACTOR": "export",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    slots = max(1, min(len(paths), os.cpu_count() or 2))
    pending = sorted(range(len(paths)), key=lambda n: -paths[n].stat().st_size)
    results: dict[int, T] = {}
    failures: dict[int, BaseException] = {}

    async def worker(slot: int) -> None:
        kernel: _Kernel | None = None
        try:
            while pending:
                n = pending.pop(0)
                if kernel is None:
                    kernel = await _Kernel.start(env, paths[n].parent,
                                                 work / f"{slot}.kernel.log")
                try:
                    nb = await _execute(paths[n], _prepare(paths[n], copy_path), kernel,
                                        position=n, progress=progress)
                except NotebookFailedError as exc:
                    # A failing notebook does not stop the others: they finish, and the
                    # first failure in order is raised. Its kernel may be broken: the
                    # next notebook gets a fresh one.
                    failures[n] = exc
                    await kernel.stop()
                    kernel = None
                    continue
                results[n] = await then(paths[n], nb)
        finally:
            if kernel is not None:
                await kernel.stop()

    tasks = [asyncio.ensure_future(worker(slot)) for slot in range(slots)]
    try:
        done = await asyncio.gather(*tasks, return_exceptions=True)
    except BaseException:  # Ctrl-C, a kill: stop everything
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    for outcome in done:
        if isinstance(outcome, BaseException):
            raise outcome
    if failures:
        raise failures[min(failures)]
    return [results[n] for n in range(len(paths))]


class _Kernel:
    """A Python kernel that runs several notebooks, one after another."""

    def __init__(self, km: Any, log: Any) -> None:
        self.km = km
        self.log = log
        self.used = False  # whether a notebook has run in it (then clear it first)

    @classmethod
    async def start(cls, env: dict[str, str], cwd: Path, log_path: Path) -> _Kernel:
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager

        log = log_path.open("wb")
        km = AsyncKernelManager(kernel_name="python3")
        try:
            await km.start_kernel(
                extra_arguments=[f"--IPKernelApp.exec_lines={_NO_WIDGET_COMMS}"],
                env=env, cwd=str(cwd), stdout=log, stderr=log)
        except NoSuchKernel:
            log.close()
            raise ExportError(
                "there is no Python 3 Jupyter kernel to run the notebooks with. Install one "
                "with: python -m ipykernel install --user") from None
        except BaseException:
            _kill(km)
            log.close()
            raise
        return cls(km, log)

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            if await self.km.is_alive():
                await self.km.shutdown_kernel(now=True)
        with contextlib.suppress(Exception):
            await self.km.cleanup_resources()
        _kill(self.km)  # a kernel stopped while starting is not always shut down
        self.log.close()


# Run before each notebook after a kernel's first: that notebook's names go, the imported
# modules stay (the point of reusing the kernel).
_CLEAR = "get_ipython().run_line_magic('reset', '-f')"


async def _execute(path: Path, nb: Any, kernel: _Kernel, *, position: int,
                   progress: bool) -> Any:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from tqdm.auto import tqdm

    nbformat = _nbformat()
    cleared = kernel.used
    if cleared:
        nb.cells.insert(0, nbformat.v4.new_code_cell(_CLEAR))
    kernel.used = True
    code = sum(c.cell_type == "code" for c in nb.cells)
    bar = tqdm(total=code, desc=path.stem, unit="cell", position=position, leave=True,
               disable=not progress, file=sys.stderr)
    failed: list[int] = []
    client = NotebookClient(
        nb, km=kernel.km, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=False,
        store_widget_state=False, record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_executed=lambda **kw: bar.update(kw["cell"].cell_type == "code"),
        on_cell_error=lambda **kw: failed.append(kw["cell_index"]))
    try:
        return await client.async_execute()
    except CellExecutionError as exc:
        index = _failed_index(failed, nb, cleared)
        cell = nb.cells[index + cleared] if index >= 0 else None
        line = cell.source.strip().splitlines()[0] if cell and cell.source.strip() else ""
        raise NotebookFailedError(path.name, index + 1, line,
                                  f"{exc.ename}: {exc.evalue}") from None
    except (DeadKernelError, TimeoutError, RuntimeError) as exc:
        index = _failed_index(failed, nb, cleared)
        raise NotebookFailedError(path.name, index + 1, "", f"{type(exc).__name__}: {exc}"
                                  ) from None
    finally:
        if cleared:
            del nb.cells[0]
        # nbclient registers an atexit clean-up per client and unregisters it only when
        # it finished normally; a leftover one fails noisily at interpreter exit.
        atexit.unregister(client._cleanup_kernel)
        if client.kc is not None:
            with contextlib.suppress(Exception):
                client.kc.stop_channels()
        bar.close()


def _failed_index(failed: list[int], nb: Any, cleared: bool) -> int:
    """The failing cell's index in the learner's notebook (-1 if none is known)."""
    index = failed[0] if failed else _error_cell(nb)
    return index - cleared if index >= 0 else -1


def _kill(km: Any) -> None:
    """Kill the kernel process of ``km`` if it is still running."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(OSError):
            process.kill()
            process.wait(5)


# An export shows each form's static twin, never its live widgets: the kernels open no
# widget channels, so no widget's state is sent to be thrown away (thousands of messages).
_NO_WIDGET_COMMS = "import comm; comm.create_comm = comm._create_comm"


def _error_cell(nb: Any) -> int:
    for index, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
    return -1


# -- converting ----------------------------------------------------------------------------
_DROP = ("application/vnd.jupyter.widget-view+json", "application/javascript")


def _static(nb: Any) -> Any:
    """Keep only static outputs: no widget views or state, no scripts, no stderr."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue
            data = output.get("data")
            if data is not None:
                for mime in _DROP:
                    data.pop(mime, None)
                if not data:
                    continue
            kept.append(output)
        cell.outputs = kept
    return nb


class Converter:
    """Notebook -> HTML with one nbconvert exporter for the whole export.

    The exporter (and nbconvert's imports) is made in a thread of its own as soon as the
    export starts, while the kernels start; every conversion then runs in that thread, one
    at a time, reusing its compiled templates.
    """

    def __init__(self) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(1, "netkit-convert")
        self._exporter = self._pool.submit(_exporter)

    async def to_html(self, nb: Any, stem: str, *, learner: str, example: bool,
                      date: dt.date) -> str:
        return await asyncio.wrap_future(self._pool.submit(
            lambda: _to_html(nb, stem, learner=learner, example=example, date=date,
                             exporter=self._exporter.result())))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _exporter() -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="netkit",
                        extra_template_basedirs=[str(nbconvert_templates())],
                        exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, embed_images=True)  # type: ignore[no-untyped-call]


def _to_html(nb: Any, stem: str, *, learner: str, example: bool, date: dt.date,
             exporter: Any = None) -> str:
    exporter = exporter or _exporter()
    title = stem.replace("-", " ", 1)
    extra = {"head": page_head(learner=learner, document=f"{stem}.ipynb", example=example),
             "banner": banner(learner=learner, document=f"{stem}.ipynb", example=example,
                              date=date)}
    nb.metadata["title"] = f"{title} - {learner}" if learner else title
    body, _ = exporter.from_notebook_node(_static(nb), resources={
        "netkit": extra, "metadata": {"name": stem}})
    return str(body)


def _anchors(page: str) -> dict[str, str]:
    """The first heading that names each criterion (``2.1``), for deep links."""
    found: dict[str, str] = {}
    for anchor, inner in _HEADING.findall(page):
        for cid in _CRITERION.findall(_TAG.sub("", inner)):
            found.setdefault(cid, anchor)
    return found


# -- for the notebook ----------------------------------------------------------------------
def privacy_preview(portfolio: Portfolio) -> Html:
    """What a default export will leave out of this portfolio, in two sentences."""
    done = portfolio.get_meta(EXPORT_META)
    if done is not None:  # running inside an export: say what this export did
        return Html(f"<p><b>Privacy of this export:</b> {esc(done)}</p>")
    counts = redaction.redaction_summary(portfolio.dump())

    def many(n: int, one: str, more: str) -> str:
        return f"{n} {one if n == 1 else more}"

    details = many(counts["contact_details"], "e-mail address, phone number or profile link",
                   "e-mail addresses, phone numbers and profile links")
    return Html(
        "<p><b>Your next export</b> (<code>netkit export</code>) leaves out "
        f"{details} "
        f"of your {many(counts['contacts'], 'contact', 'contacts')}, and "
        f"{many(counts['confidential'], 'record', 'records')} you flagged confidential. "
        "E-mail addresses, phone numbers and profile links typed into any answer are "
        "removed too.</p><p class=\"nk-note\">Add <code>--pseudonymise</code> to show "
        "contacts' names as initials; <code>--no-redact</code> includes everything.</p>")
