"""The assessment decision record: written by the assessor, loaded by the learner.

``netkit feedback --out FILE`` writes one export's decisions (:func:`write_feedback`) as
HTML (the record to read and file), PDF (printed from it through :mod:`netkit.pdf`) and
JSON (for the learner), chosen by the file's extension, or all three for a name without
one. Before writing, the export is checked again where the assessor opened it: decisions
stand only for the files that were judged.

``netkit feedback load FILE`` (:func:`load_feedback`) stores the JSON in the learner's
portfolio, one :class:`~netkit.assess.LoadedDecision` per criterion (loading again keeps
the earlier decision in the history). It refuses a record for another learner, and one
for an export whose files have changed since it was judged (checked in the export folder
when it is found: ``--export DIR``, or ``exports/<date>/`` where the learner exported).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._version import __version__
from .assess import (
    QUALITIES,
    AssessmentPlan,
    FeedbackDocument,
    FeedbackFile,
    LoadedDecision,
)
from .criteria import CRITERIA, OUTCOMES, UNIT
from .exceptions import (
    FeedbackExportError,
    FeedbackLearnerError,
    ImportFormatError,
    OutputWriteError,
    ValidationError,
)
from .manifest import MANIFEST, read_manifest, verify_export
from .model import Learner, same_name
from .pack import banner, page_head
from .render import esc, show_date
from .store import Portfolio, workbook_root

__all__ = [
    "FEEDBACK_FORMAT",
    "FEEDBACK_VERSION",
    "FORMATS",
    "Loaded",
    "check_judged_export",
    "feedback_html",
    "feedback_json",
    "load_feedback",
    "read_feedback",
    "write_feedback",
]

FEEDBACK_FORMAT = "netkit-assessor-feedback"
FEEDBACK_VERSION = 1
FORMATS = ("html", "pdf", "json")
DOCUMENT = "Assessment decision record"


# -- the assessor's side: the export judged must be unchanged ------------------------------
def check_judged_export(doc: FeedbackDocument) -> str:
    """Check the export the decisions judged, where the assessor opened it.

    Raises ExportChangedError (files changed, missing or added) or FeedbackExportError
    (another export is there now). Returns a note when the folder is no longer there to
    check ("" when it matched).
    """
    folder = Path(doc.folder)
    if not (folder / MANIFEST).is_file():
        return (f"the export folder {folder} is no longer there, so it was not checked "
                "again; the record names the export by its manifest's SHA-256.")
    checked = verify_export(folder)
    if checked.manifest.digest != doc.export:
        raise FeedbackExportError(folder, doc.export, checked.manifest.digest,
                                  "holds another export now")
    if not checked.ok:
        raise checked.error("The decisions were made on the files as they were: check "
                            "with the learner what changed, and review the export again.")
    return ""


# -- the documents ------------------------------------------------------------------------
def feedback_json(doc: FeedbackDocument) -> dict[str, Any]:
    """The learner's copy: the decisions and sign-offs (the IQA record stays with the
    assessor)."""
    return {
        "format": FEEDBACK_FORMAT, "version": FEEDBACK_VERSION, "netkit": __version__,
        "written": doc.written, "unit": UNIT.code, "learner": doc.learner,
        "assessor": doc.assessor, "example": doc.example,
        "export": {"manifest_sha256": doc.export, "date": doc.export_date},
        "decisions": [
            {"criterion": d.criterion, "outcome": d.outcome, "qualities": list(d.qualities),
             "feedback": d.feedback, "response": d.response, "assessor": d.assessor,
             "date": d.decided_on}
            for d in doc.decisions],
        "signoffs": [
            {"outcome": s.outcome, "assessor": s.assessor, "date": s.signed_on,
             "comments": s.comments}
            for s in doc.signoffs],
    }


_CSS = """
.nk-record table{width:100%}
.nk-record td.nk-met{background:#d7f0dd}
.nk-record td.nk-notyet{background:#f9d8d6}
.nk-record .nk-text{white-space:pre-wrap}
.nk-record .nk-sign{border:1px solid #c8ccd2;border-radius:6px;padding:6px 10px;margin:6px 0;
  break-inside:avoid;page-break-inside:avoid}
"""


def _decision_rows(doc: FeedbackDocument, outcome: int) -> str:
    decided = {d.criterion: d for d in doc.decisions}
    rows = []
    for c in (c for c in CRITERIA if c.outcome == outcome):
        d = decided.get(c.id)
        if d is None:
            rows.append(f"<tr><td><b>{esc(c.id)}</b> {esc(c.text)}</td>"
                        '<td colspan="4" class="nk-muted">not assessed in this record</td>'
                        "</tr>")
            continue
        cls = "nk-met" if d.outcome == "met" else "nk-notyet"
        ticks = ("all five" if len(d.qualities) == len(QUALITIES)
                 else ", ".join(d.qualities) or "none confirmed")
        response = (f'<p class="nk-text"><b>Learner\'s response:</b> {esc(d.response)}</p>'
                    if d.response else "")
        rows.append(
            f"<tr><td><b>{esc(c.id)}</b> {esc(c.text)}</td>"
            f'<td class="{cls}"><b>{esc(d.outcome)}</b></td><td>{esc(ticks)}</td>'
            f'<td><p class="nk-text">{esc(d.feedback) or "-"}</p>{response}</td>'
            f"<td>{esc(show_date(d.decided_on))}<br>{esc(d.assessor)}</td></tr>")
    return ("<table><thead><tr><th style=\"width:30%\">Criterion</th><th>Decision</th>"
            "<th>Evidence confirmed as (valid, authentic, current, sufficient, reliable)"
            "</th><th style=\"width:34%\">Feedback</th>"
            f"<th>Date, assessor</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _signoff(doc: FeedbackDocument, outcome: int) -> str:
    signed = next((s for s in doc.signoffs if s.outcome == outcome), None)
    if signed is None:
        return (f'<div class="nk-sign">Learning outcome {outcome}: <b>not signed off</b> '
                "in this record.</div>")
    comments = f'<p class="nk-text">{esc(signed.comments)}</p>' if signed.comments else ""
    return (f'<div class="nk-sign">Learning outcome {outcome}: <b>achieved</b>. Signed off '
            f"by <b>{esc(signed.assessor)}</b> (name typed by the assessor) on "
            f"<b>{esc(show_date(signed.signed_on))}</b>.{comments}</div>")


def _iqa(doc: FeedbackDocument) -> str:
    head = '<section id="iqa"><h2>Internal quality assurance</h2>'
    iqa = doc.iqa
    if iqa is None or not iqa.sampled:
        said = f'<p class="nk-text">{esc(iqa.comments)}</p>' if iqa and iqa.comments else ""
        return f"{head}<p>Not sampled for internal quality assurance.</p>{said}</section>"
    return (f"{head}<table><tbody><tr><th>Sampled by</th><td>{esc(iqa.iqa)}</td></tr>"
            f"<tr><th>Date</th><td>{esc(show_date(iqa.sampled_on))}</td></tr>"
            f"<tr><th>Outcome</th><td>{esc(iqa.outcome)}</td></tr>"
            f'<tr><th>Comments</th><td class="nk-text">{esc(iqa.comments) or "-"}</td></tr>'
            "</tbody></table></section>")


def _plan(plan: AssessmentPlan | None) -> str:
    head = '<section id="plan"><h2>Assessment plan</h2>'
    if plan is None or not plan.items:
        return f"{head}<p>No assessment plan recorded.</p></section>"
    rows = "".join(f"<tr><td>{esc(i.criterion)}</td><td>{esc(i.methods)}</td>"
                   f"<td>{esc(show_date(i.planned_on))}</td></tr>" for i in plan.items)
    agreed = (f"Agreed with the learner on {esc(show_date(plan.agreed_on))}." if plan.agreed
              else "Not yet agreed with the learner.")
    return (f"{head}<table><thead><tr><th>Criterion</th><th>Planned methods</th>"
            f"<th>Planned date</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<p>{agreed}</p></section>")


def feedback_html(doc: FeedbackDocument) -> str:
    """The assessment decision record as one self-contained HTML document."""
    met = sum(d.outcome == "met" for d in doc.decisions)
    written = dt.datetime.fromisoformat(doc.written).astimezone()
    facts = [("Learner", doc.learner), ("Unit", f"{UNIT.code} {UNIT.title}"),
             ("Assessor", doc.assessor),
             ("Export judged", f"exported {show_date(doc.export_date) or '(date not given)'}"
                               f"; manifest.json SHA-256 {doc.export}"),
             ("Written", written.strftime("%d %b %Y %H:%M"))]
    cover = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
    outcomes = "".join(
        f'<section id="lo{o.number}"><h2>Learning outcome {o.number}: {esc(o.text)}</h2>'
        f"{_decision_rows(doc, o.number)}{_signoff(doc, o.number)}</section>"
        for o in OUTCOMES)
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(DOCUMENT)} - {esc(doc.learner)}</title>",
        page_head(learner=doc.learner, document=DOCUMENT, example=doc.example),
        f"<style>{_CSS}</style>",
        '</head><body class="nk-pack nk-record">',
        banner(learner=doc.learner, document=DOCUMENT, example=doc.example,
               date=written.date()),
        f"<main><h1>{esc(DOCUMENT)}</h1>",
        f"<table><tbody>{cover}</tbody></table>",
        f"<p>{met} of {len(CRITERIA)} criteria decided <b>met</b> by the assessor; "
        f"{len(doc.decisions) - met} <b>not yet met</b>. Each decision stands for the "
        "export named above, exactly as it was judged.</p>",
        outcomes, _iqa(doc), _plan(doc.plan),
        "</main></body></html>\n",
    ])


def _targets(out: Path) -> dict[str, Path]:
    suffix = out.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return {suffix: out}
    return {f: out.with_name(f"{out.name}.{f}") for f in FORMATS}


def write_feedback(doc: FeedbackDocument, out: str | os.PathLike[str]) -> list[Path]:
    """Write the record to ``out``: .html, .pdf or .json by its extension, or all three
    (``out.html``, ``out.pdf``, ``out.json``) for a name without one. Each file is
    written whole or not at all."""
    from .pdf import find_chromium, print_html

    targets = _targets(Path(out).expanduser())
    # found before anything is written, so a missing Chromium says how to get it
    chromium = find_chromium() if "pdf" in targets else None
    page = feedback_html(doc)
    written = []
    for kind, path in targets.items():
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            if kind == "json":
                tmp.write_text(json.dumps(feedback_json(doc), indent=2, ensure_ascii=False)
                               + "\n", encoding="utf-8")
            elif kind == "html":
                tmp.write_text(page, encoding="utf-8")
            else:
                print_html(page, tmp, chromium)
            tmp.replace(path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise OutputWriteError(path, exc.strerror or str(exc)) from None
        written.append(path)
    return written


# -- the learner's side --------------------------------------------------------------------
@dataclass
class Loaded:
    """What :func:`load_feedback` stored, and how the export was checked."""

    learner: str
    assessor: str
    export_date: str
    decisions: list[LoadedDecision] = field(default_factory=list)
    checked: Path | None = None  # the export folder checked, if one was found


def _fail(path: Path, message: str) -> ImportFormatError:
    return ImportFormatError(str(path), f"{message} Load the .json file that 'netkit "
                                        "feedback --out' wrote, as your assessor gave it.")


def _decision(where: Path, n: int, item: Any, learner: str, export: dict[str, Any]
              ) -> LoadedDecision:
    """decisions[n] of a feedback file, checked, as it will be stored."""
    if not isinstance(item, dict):
        raise _fail(where, f"decisions[{n}] is not a decision.")
    qualities = item.get("qualities", [])
    if not isinstance(qualities, list) or any(q not in QUALITIES for q in qualities):
        raise _fail(where, f"decisions[{n}]: its qualities are not among "
                           f"{', '.join(QUALITIES)}.")
    decision = LoadedDecision(
        criterion=str(item.get("criterion", "")), outcome=str(item.get("outcome", "")),
        feedback=str(item.get("feedback", "")), decided_on=str(item.get("date", "")),
        assessor=str(item.get("assessor", "")), qualities=[str(q) for q in qualities],
        response=str(item.get("response", "")), learner=learner,
        export=str(export.get("manifest_sha256", "")), export_date=str(export.get("date", "")))
    try:
        return decision.validate()
    except ValidationError as exc:
        raise _fail(where, f"decisions[{n}] ({decision.criterion or '?'}): {exc}.") from None


def read_feedback(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[LoadedDecision]]:
    """Read and check a feedback file: its header, and every decision as it will be
    stored. Raises ImportFormatError saying what is wrong."""
    where = Path(path).expanduser()
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(str(where), "no such file. Check the path.") from None
    except OSError as exc:
        raise ImportFormatError(str(where), f"cannot read it ({exc.strerror or exc}).") \
            from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _fail(where, "it is not a JSON file.") from None
    if not isinstance(data, dict) or data.get("format") != FEEDBACK_FORMAT:
        raise _fail(where, "it is not an assessment decision record.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail(where, f"its version {version!r} is not a whole number from 1.")
    if version > FEEDBACK_VERSION:
        raise ImportFormatError(str(where), f"it was written by a newer netkit (version "
                                            f"{version}); upgrade netkit to load it.")
    export = data.get("export")
    if not isinstance(export, dict) or not isinstance(data.get("decisions"), list) \
            or not isinstance(data.get("learner"), str) or not data["learner"].strip():
        raise _fail(where, "it names no learner, export or decisions.")
    decisions = [_decision(where, n, item, data["learner"], export)
                 for n, item in enumerate(data["decisions"])]
    if not decisions:
        raise _fail(where, "it holds no decision.")
    if len({d.criterion for d in decisions}) != len(decisions):
        raise _fail(where, "it decides a criterion twice.")
    return data, decisions


def _export_folder(date: str, given: Path | None, beside: Path) -> Path | None:
    """Where the export judged should be: ``given``, else the feedback file's own folder
    if it is an export, else ``exports/<date>/`` (or ``$NETKIT_EXPORTS/<date>/``)."""
    if given is not None:
        return given
    candidates = [beside]
    if date:
        chosen = os.environ.get("NETKIT_EXPORTS")
        base = Path(chosen).expanduser() if chosen else workbook_root() / "exports"
        candidates.append(base / date)
    return next((c for c in candidates if (c / MANIFEST).is_file()), None)


def load_feedback(portfolio: Portfolio, path: str | os.PathLike[str], *,
                  export_dir: str | os.PathLike[str] | None = None) -> Loaded:
    """Store the assessor's decisions from a feedback file in the learner's portfolio.

    All of them in one transaction, or none. Refuses (FeedbackLearnerError) a record for
    another learner, and (FeedbackExportError, ExportChangedError) one whose export has
    changed since it was judged.
    """
    where = Path(path).expanduser()
    data, decisions = read_feedback(where)
    learner = portfolio.load(Learner)
    if learner is None or same_name(learner.name) != same_name(data["learner"]):
        raise FeedbackLearnerError(where, data["learner"], learner.name if learner else "")
    judged = decisions[0].export
    given = Path(export_dir).expanduser() if export_dir is not None else None
    folder = _export_folder(decisions[0].export_date, given, where.parent)
    if folder is not None:
        manifest = read_manifest(folder)  # a folder given that is no export: say so
        if manifest.digest != judged:
            raise FeedbackExportError(folder, judged, manifest.digest,
                                      "is another export (exported again since?)")
        checked = verify_export(folder)
        if not checked.ok:
            raise FeedbackExportError(folder, judged, manifest.digest,
                                      "has files changed since it was judged "
                                      f"({checked.summary()})")
    header = FeedbackFile(
        name=where.name, sha256=hashlib.sha256(where.read_bytes()).hexdigest(),
        learner=data["learner"], assessor=str(data.get("assessor", "")), export=judged,
        export_date=decisions[0].export_date, written=str(data.get("written", "")),
        decisions=len(decisions),
        signoffs=[s for s in data.get("signoffs", []) if isinstance(s, dict)])
    portfolio.save_many([*decisions, header])
    return Loaded(learner=data["learner"], assessor=header.assessor,
                  export_date=header.export_date, decisions=decisions, checked=folder)

