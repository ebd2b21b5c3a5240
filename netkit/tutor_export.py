"""``netkit export --tutor``: the tutors' notebooks and handouts as HTML and PDF.

The same path as a learner's export (:mod:`netkit.export`): the notebooks
(``notebooks/tutor/*.ipynb``: the session guides and the cohort view) run headless in the
export's kernels against a private, redacted copy of a portfolio, are converted by the same
nbconvert template with the code hidden, checked for leaks, printed by one Chromium, staged
and moved into place as a whole, with a ``manifest.json``. No evidence pack: these are not
a learner's evidence. The handouts (:mod:`netkit.handouts`) are always made from the
fictional example learner, as models.

By default the guides run on the example learner too, and the export goes to
``exports/tutor-<YYYY-MM-DD>/`` (so it never replaces a learner's export of the same day).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import publish
from . import redact as redaction
from .exceptions import ExportError
from .export import (
    FORMATS,
    Converter,
    ExportJob,
    ExportResult,
    default_out,
    describe_redaction,
    execute_all,
    import_first,
    run_coroutine,
    sigterm_as_exit,
    workbook_folder,
    write_manifest,
)
from .handouts import example_records, handout_pages
from .model import Learner
from .pack import banner, page_head
from .pdf import PrintQueue, find_chromium
from .resources import notebooks_folder
from .store import EXPORT_META, Portfolio
from .tutor import HANDOUTS
from .withheld import WITHHELD_META, withheld

__all__ = ["TUTOR_FOLDER", "default_tutor_out", "export_tutor", "tutor_notebooks"]

TUTOR_FOLDER = "tutor"  # notebooks/tutor/


def tutor_notebooks(root: Path | None = None) -> list[Path]:
    """The tutors' notebooks: ``notebooks/tutor/*.ipynb`` of the workbook folder, else the
    ones netkit ships; sessions in order, then the others by name."""
    own = workbook_folder(root) / "notebooks" / TUTOR_FOLDER
    folder = own if any(own.glob("*.ipynb")) else notebooks_folder() / TUTOR_FOLDER
    found = [p for p in folder.glob("*.ipynb") if p.is_file()]
    return sorted(found, key=lambda p: (not p.stem.startswith("session-"), p.stem))


def default_tutor_out(root: Path | None = None, today: dt.date | None = None) -> Path:
    """``exports/tutor-<YYYY-MM-DD>/`` beside the learner's ``exports/<YYYY-MM-DD>/``."""
    dated = default_out(root, today)
    return dated.with_name(f"tutor-{dated.name}")


def export_tutor(portfolio: Portfolio | str | os.PathLike[str] | None = None, *,
                 out: str | os.PathLike[str] | None = None,
                 formats: Sequence[str] = FORMATS,
                 progress: bool = True,
                 root: Path | None = None,
                 today: dt.date | None = None) -> ExportResult:
    """Export the tutors' notebooks and handouts; see the module docstring.

    ``portfolio`` is what the guides run on (None: the fictional example learner); it is
    redacted as a default export is.
    """
    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ExportError(f"--format: {', '.join(unknown) or 'nothing'} is not a format "
                          f"netkit exports (choose from: {', '.join(FORMATS)}).")
    home = workbook_folder(root)
    paths = tutor_notebooks(home)
    if not paths:
        raise ExportError("there are no tutors' notebooks (notebooks/tutor/*.ipynb) here "
                          "or in netkit: reinstall netkit.")
    chromium = find_chromium() if "pdf" in formats else ""
    target = publish.destination(Path(out) if out is not None
                                 else default_tutor_out(home, today))
    publish.clean_leftovers(target)
    publish.check_space(target, (len(paths) + len(HANDOUTS)) * len(formats) + 1)
    date = today or dt.date.today()
    mode = describe_redaction(redact=True, pseudonymise=False)

    with tempfile.TemporaryDirectory(prefix="netkit-tutor-") as tmp:
        work = Path(tmp)
        with example_records(work) as example:
            handouts = _handouts(example, date)
            if portfolio is None:
                original = example.dump()
        if portfolio is not None:
            owned = not isinstance(portfolio, Portfolio)
            source = (Portfolio.open(portfolio, create=False, via="export")
                      if not isinstance(portfolio, Portfolio) else portfolio)
            try:
                original = source.dump()
            finally:
                if owned:
                    source.close()
        clean = redaction.redact(original, pseudonymise=False)
        clean = {**clean, "meta": {**clean.get("meta", {}), EXPORT_META: mode,
                                   WITHHELD_META: withheld(original).to_meta()},
                 "history": []}
        seconds: dict[str, float] = {}
        job = ExportJob(paths=paths, formats=formats, chromium=chromium, target=target,
                        values=redaction.sensitive_values(original), pseudonymise=False,
                        mode=mode, date=date, progress=progress, seconds=seconds)
        with sigterm_as_exit(), publish.staging(target) as staging:
            start = time.perf_counter()
            names = run_coroutine(_tutor_into(job, staging, work, clean, handouts))
            files = publish.publish(staging, target, names)
            seconds["total"] = time.perf_counter() - start
    return ExportResult(folder=target, files=files, notebooks=[p.name for p in paths],
                        redaction=mode, manifest=target / "manifest.json", seconds=seconds)


def _handouts(example: Portfolio, date: dt.date) -> list[tuple[str, str]]:
    """The handouts from the example learner, with the export's head and banner."""
    learner = (example.load(Learner) or Learner()).name
    heads = {stem: page_head(learner=learner, document=h.title, example=True)
             for stem, h in HANDOUTS.items()}
    tops = {stem: banner(learner=learner, document=h.title, example=True, date=date)
            for stem, h in HANDOUTS.items()}
    tops["agreement-template"] += (
        "<h1>Confidentiality agreement template</h1><p>The example learner's agreement "
        "(criteria 3.4 and 3.5) as the workbook prints it for both parties to sign. A "
        "learner's own agreement needs the same headings, filled in for one real network "
        "and confirmed by the other party.</p><h2>The example learner's agreement</h2>")
    return handout_pages(example, date=date, head=heads, top=tops)


async def _tutor_into(job: ExportJob, staging: Path, work: Path, clean: dict[str, Any],
                      handouts: list[tuple[str, str]]) -> list[str]:
    """Write every file into ``staging``; returns their names, manifest last."""
    import_first(pdf="pdf" in job.formats)
    copy_path = work / "portfolio.sqlite"
    with Portfolio.open(copy_path, via="export") as copy:
        copy.load_dump(clean, replace=True, source="redacted copy")
        job.learner = (copy.load(Learner) or Learner()).name
        job.example = copy.is_example
    pages = staging if "html" in job.formats else work / "pages"
    pages.mkdir(exist_ok=True)
    async with contextlib.AsyncExitStack() as stack:
        queue = (await stack.enter_async_context(PrintQueue(job.chromium))
                 if "pdf" in job.formats else None)
        converter = Converter()
        stack.callback(converter.close)

        def place(stem: str, page: str) -> None:
            job.check(f"{stem}.html", page)
            job.write(pages / f"{stem}.html", page)
            if queue:
                queue.add(pages / f"{stem}.html", staging / f"{stem}.pdf")

        async def convert(path: Path, nb: Any) -> str:
            page = await converter.to_html(nb, path.stem, learner=job.learner,
                                           example=job.example, date=job.date)
            place(path.stem, page.replace(str(work), "[export copy]"))
            return path.stem

        for stem, page in handouts:
            place(stem, page)
        stems = await execute_all(job.paths, copy_path, work, then=convert,
                                  progress=job.progress)
        if queue:
            await queue.finish()
    every = [*stems, *(stem for stem, _page in handouts)]
    written = [f"{stem}.{kind}" for kind in job.formats for stem in every]
    try:
        write_manifest(staging, written, learner=job.learner, example=job.example,
                       mode=job.mode, notebooks=[p.name for p in job.paths], date=job.date)
    except OSError as exc:
        raise publish.write_error(job.target, exc) from None
    return [*written, "manifest.json"]
