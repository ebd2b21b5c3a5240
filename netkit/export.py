"""Notebooks -> HTML and PDF evidence, and the evidence pack an assessor signs off.

:func:`export` runs the workbook's notebooks headless against a *copy* of the learner's
portfolio, redacted first (:mod:`netkit.redact`: private by default), converts each to a
self-contained HTML file with the code hidden (no script, nothing fetched from any other
host), prints each to PDF with headless Chromium, writes the evidence pack
(:mod:`netkit.pack`) and a ``manifest.json`` with the SHA-256 of every file. Everything is
written to a staging folder first and moved into ``out`` only when all of it succeeded.

nbclient, nbconvert and tqdm are imported inside the functions that use them.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from . import redact as redaction
from .exceptions import ExportError
from .guide import Html
from .model import Learner
from .pack import NotebookFile, banner, evidence_pack, page_head
from .render import esc
from .store import Portfolio, workbook_root

__all__ = [
    "FORMATS",
    "ExportResult",
    "NotebookFailedError",
    "default_out",
    "export",
    "find_chromium",
    "privacy_preview",
    "workbook_notebooks",
]

T = TypeVar("T")
FORMATS = ("html", "pdf")
PACK = "evidence-pack"
EXPORT_META = "export_redaction"  # set in the copy an export runs against
CELL_TIMEOUT = 600  # seconds; a cell that takes longer has hung
PDF_TIMEOUT = 180
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                   "chrome")
_HEADING = re.compile(r'<h[1-4][^>]*\bid="([^"]+)"[^>]*>(.*?)</h[1-4]>', re.DOTALL)
_CRITERION = re.compile(r"(?<![\d.])([123]\.[1-7])(?![\d])")
_TAG = re.compile(r"<[^>]+>")


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


# -- finding things ----------------------------------------------------------------------
def _root(root: Path | None) -> Path:
    if root is not None:
        return root
    here = workbook_root()
    if (here / "notebooks").is_dir():
        return here
    return Path(__file__).resolve().parent.parent  # the workbook netkit was installed from


def workbook_notebooks(root: Path | None = None) -> list[Path]:
    """The workbook's numbered notebooks (``notebooks/NN-*.ipynb``), in order."""
    folder = _root(root) / "notebooks"
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def _select(root: Path, names: Sequence[str] | None) -> list[Path]:
    available = workbook_notebooks(root)
    if not names:
        if not available:
            raise ExportError(f"there are no workbook notebooks in {root / 'notebooks'}. "
                              "Run netkit export from the workbook folder.")
        return available
    chosen: list[Path] = []
    folder = root / "notebooks"
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
    base = Path(chosen).expanduser() if chosen else _root(root) / "exports"
    return base / (today or dt.date.today()).isoformat()


def find_chromium() -> str:
    """The Chromium (or Chrome) to print PDFs with: $NETKIT_CHROMIUM, else on the PATH."""
    chosen = os.environ.get("NETKIT_CHROMIUM")
    if chosen:
        if shutil.which(chosen):
            return str(shutil.which(chosen))
        raise ExportError(f"NETKIT_CHROMIUM is set to {chosen!r}, which is not a program "
                          "this computer can run. Fix or unset it.")
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        "printing PDFs needs the Chromium browser, which is not installed. On Debian or "
        "Ubuntu run: sudo apt-get install chromium (on other systems install Chromium or "
        "Google Chrome, or set NETKIT_CHROMIUM to its path). Or export HTML only with "
        "--format html.")


# -- the export ----------------------------------------------------------------------------
def export(portfolio: Portfolio | str | os.PathLike[str] | None = None, *,
           out: str | os.PathLike[str] | None = None,
           formats: Sequence[str] = FORMATS,
           notebooks: Sequence[str] | None = None,
           redact: bool = True,
           pseudonymise: bool = False,
           progress: bool = True,
           root: Path | None = None,
           today: dt.date | None = None) -> ExportResult:
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
    """
    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ExportError(f"--format: {', '.join(unknown) or 'nothing'} is not a format "
                          f"netkit exports (choose from: {', '.join(FORMATS)}).")
    home = _root(root)
    paths = _select(home, notebooks)
    chromium = find_chromium() if "pdf" in formats else ""
    target = Path(out) if out is not None else default_out(home, today)
    date = today or dt.date.today()

    owned = not isinstance(portfolio, Portfolio)
    source = (Portfolio.open(portfolio, create=False, via="export")
              if not isinstance(portfolio, Portfolio) else portfolio)
    try:
        original = source.dump()
    finally:
        if owned:
            source.close()
    if redact:
        clean = redaction.redact(original, pseudonymise=pseudonymise)
    else:
        clean = redaction.pseudonymise(original) if pseudonymise else original
    mode = _describe(redact=redact, pseudonymise=pseudonymise)
    # The notebooks run against this copy: privacy_preview then says what was left out.
    clean = {**clean, "meta": {**clean.get("meta", {}), EXPORT_META: mode}}

    staging = _staging(target)
    seconds: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="netkit-export-") as tmp:
            work = Path(tmp)
            result = _export_into(staging, work, clean, original, paths=paths,
                                  formats=formats, chromium=chromium, redact=redact,
                                  pseudonymise=pseudonymise, mode=mode, date=date,
                                  progress=progress, seconds=seconds)
        files = _publish(staging, target, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportResult(folder=target, files=files, notebooks=[p.name for p in paths],
                        redaction=mode, manifest=target / "manifest.json", seconds=seconds)


def _describe(*, redact: bool, pseudonymise: bool) -> str:
    if not redact:
        return ("not redacted: everything in the portfolio is included, contacts' "
                "details and confidential records too"
                + (", with contacts' names as initials." if pseudonymise else "."))
    return ("contacts' e-mail addresses, phone numbers and profile links, and records "
            "flagged confidential, are left out"
            + ("; contacts' names are shown as initials." if pseudonymise else "."))


def _staging(target: Path) -> Path:
    if target.exists() and not target.is_dir():
        raise ExportError(f"--out {target} is a file, not a folder. Choose a folder.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".netkit-export-", dir=target.parent))
    except OSError as exc:
        raise ExportError(f"cannot write to {target}: {exc.strerror or exc}. Choose a "
                          "folder you can write to with --out.") from None


def _export_into(staging: Path, work: Path, clean: dict[str, Any],
                 original: dict[str, Any], *, paths: list[Path], formats: tuple[str, ...],
                 chromium: str, redact: bool, pseudonymise: bool, mode: str,
                 date: dt.date, progress: bool, seconds: dict[str, float]) -> list[str]:
    """Write every file into ``staging``; returns their names, manifest last.

    ``seconds`` receives how long each step took: execute, html, pdf.
    """
    start = time.perf_counter()
    copy_path = work / "portfolio.sqlite"
    with Portfolio.open(copy_path, via="export") as copy:
        copy.load_dump(clean, replace=True, source="redacted copy")
        learner = (copy.load(Learner) or Learner()).name
        example = copy.is_example

    executed = _run(_execute_all(paths, copy_path, work, progress=progress))
    seconds["execute"] = time.perf_counter() - start
    written: list[str] = []
    files: dict[str, NotebookFile] = {}
    for path, nb in zip(paths, executed, strict=True):
        page = _to_html(nb, path.stem, learner=learner, example=example, date=date)
        page = page.replace(str(work), "[export copy]")
        files[path.stem] = NotebookFile(path.stem, _anchors(page))
        (staging / f"{path.stem}.html").write_text(page, encoding="utf-8")
        written.append(f"{path.stem}.html")
    with Portfolio.open(copy_path, via="export") as copy:
        pack = evidence_pack(copy, files, date=date, redaction=mode)
        printable = evidence_pack(copy, files, date=date, redaction=mode, links=False)
    (staging / f"{PACK}.html").write_text(pack, encoding="utf-8")
    written.append(f"{PACK}.html")
    seconds["html"] = time.perf_counter() - start - seconds["execute"]

    if redact:
        values = redaction.sensitive_values(original)
        for name in written:
            leaks = redaction.find_leaks(name, (staging / name).read_text("utf-8"), values,
                                         names=pseudonymise)
            if leaks:
                raise ExportError(
                    f"{name} would show {leaks[0].what} although the export is redacted, "
                    "so nothing was written. This is a fault in netkit or in a notebook: "
                    "please report it. Meanwhile, remove that detail from your answers "
                    "or flag the record confidential.")
    if "pdf" in formats:
        (work / "print").mkdir()
        (work / "print" / f"{PACK}.html").write_text(printable, encoding="utf-8")
        jobs = [(staging / f"{p.stem}.html", staging / f"{p.stem}.pdf") for p in paths]
        jobs.append((work / "print" / f"{PACK}.html", staging / f"{PACK}.pdf"))
        begun = time.perf_counter()
        _print_all(chromium, jobs, work)
        seconds["pdf"] = time.perf_counter() - begun
        written += [pdf.name for _, pdf in jobs]
    if "html" not in formats:
        for name in [n for n in written if n.endswith(".html")]:
            (staging / name).unlink()
        written = [n for n in written if not n.endswith(".html")]
    _manifest(staging, written, learner=learner, example=example, mode=mode,
              notebooks=[p.name for p in paths], date=date)
    return [*written, "manifest.json"]


def _publish(staging: Path, target: Path, names: list[str]) -> list[Path]:
    """Move the finished files into ``target``, replacing same-named files only."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(staging / name, target / name)
    except OSError as exc:
        raise ExportError(f"cannot write to {target}: {exc.strerror or exc}. Choose a "
                          "folder you can write to with --out.") from None
    return [target / name for name in names]


def _manifest(folder: Path, names: list[str], *, learner: str, example: bool, mode: str,
              notebooks: list[str], date: dt.date) -> None:
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
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")


# -- executing -----------------------------------------------------------------------------
def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to the end, also from inside Jupyter (whose event loop is running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _prepare(path: Path, copy_path: Path) -> Any:
    import nbformat

    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            cell.source = f"{cell.source}\nportfolio_path = {str(copy_path)!r}"
            break
    return nb


async def _execute_all(paths: list[Path], copy_path: Path, work: Path, *, progress: bool
                       ) -> list[Any]:
    """Execute the notebooks, a few at a time, each in its own kernel."""
    limit = asyncio.Semaphore(max(1, min(len(paths), os.cpu_count() or 1, 4)))
    env = {**os.environ, "NETKIT_PORTFOLIO": str(copy_path), "NETKIT_ACTOR": "export",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}

    async def one(position: int, path: Path) -> Any:
        async with limit:
            return await _execute(path, _prepare(path, copy_path), env, work,
                                  position=position, progress=progress)

    tasks = [asyncio.ensure_future(one(n, p)) for n, p in enumerate(paths)]
    try:
        # A failing notebook does not cancel the others (a kernel cancelled while starting
        # can outlive the export): they finish, and the first failure in order is raised.
        done = await asyncio.gather(*tasks, return_exceptions=True)
    except BaseException:  # Ctrl-C: stop everything
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    for outcome in done:
        if isinstance(outcome, BaseException):
            raise outcome
    return list(done)


async def _execute(path: Path, nb: Any, env: dict[str, str], work: Path, *, position: int,
                   progress: bool) -> Any:
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from tqdm.auto import tqdm

    code = sum(c.cell_type == "code" for c in nb.cells)
    bar = tqdm(total=code, desc=path.stem, unit="cell", position=position, leave=True,
               disable=not progress, file=sys.stderr)
    failed: list[int] = []
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=False,
        store_widget_state=False, record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_executed=lambda **kw: bar.update(kw["cell"].cell_type == "code"),
        on_cell_error=lambda **kw: failed.append(kw["cell_index"]))
    log = (work / f"{path.stem}.kernel.log").open("wb")
    try:
        return await client.async_execute(env=env, stdout=log, stderr=log)
    except CellExecutionError as exc:
        index = failed[0] if failed else _error_cell(nb)
        line = nb.cells[index].source.strip().splitlines()[0] if index >= 0 and \
            nb.cells[index].source.strip() else ""
        raise NotebookFailedError(path.name, index + 1, line,
                                  f"{exc.ename}: {exc.evalue}") from None
    except NoSuchKernel:
        raise ExportError(
            "there is no Python 3 Jupyter kernel to run the notebooks with. Install one "
            "with: python -m ipykernel install --user") from None
    except (DeadKernelError, TimeoutError, RuntimeError) as exc:
        index = failed[0] if failed else _error_cell(nb)
        raise NotebookFailedError(path.name, index + 1, "", f"{type(exc).__name__}: {exc}"
                                  ) from None
    finally:
        # nbclient registers an atexit clean-up per kernel and unregisters it only when
        # it finished normally; a leftover one fails noisily at interpreter exit.
        atexit.unregister(client._cleanup_kernel)
        if client.km is not None:
            with contextlib.suppress(Exception):
                await client._async_cleanup_kernel()
        log.close()
        bar.close()


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


def _to_html(nb: Any, stem: str, *, learner: str, example: bool, date: dt.date) -> str:
    from nbconvert import HTMLExporter

    templates = resources.files("netkit") / "templates" / "nbconvert"
    exporter = HTMLExporter(template_name="netkit", extra_template_basedirs=[str(templates)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)  # type: ignore[no-untyped-call]
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


# -- printing ------------------------------------------------------------------------------
def _print_all(chromium: str, jobs: list[tuple[Path, Path]], work: Path) -> None:
    """Print each HTML file to PDF, a few Chromium processes at a time."""
    workers = max(1, min(len(jobs), os.cpu_count() or 1, 4))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(_print_pdf, chromium, src, dst, work / f"chromium-{n}")
                   for n, (src, dst) in enumerate(jobs)]
        for future in futures:
            future.result()


def _print_pdf(chromium: str, source: Path, target: Path, profile: Path) -> None:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
               "--no-pdf-header-footer", f"--print-to-pdf={target}",
               f"--user-data-dir={profile}", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--disable-extensions", "--disable-default-apps", source.as_uri()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ExportError(f"Chromium took longer than {PDF_TIMEOUT} s to print "
                          f"{target.name}; try again, or export with --format html."
                          ) from None
    except OSError as exc:
        raise ExportError(f"cannot run Chromium ({chromium}): {exc.strerror or exc}. "
                          "Install it with: sudo apt-get install chromium") from None
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        detail = " ".join((done.stderr or "").strip().splitlines()[-2:])
        raise ExportError(f"Chromium could not print {target.name} (exit status "
                          f"{done.returncode}): {detail or 'no message'}")


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
