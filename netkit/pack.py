"""The evidence pack an assessor signs off, and the page furniture every exported file shares.

Pure functions from a (redacted) portfolio to escaped HTML: cover sheet, declaration of
authenticity, coverage grid, one section per learning outcome, witness testimonies,
professional discussions and a blank assessor sign-off block per learning outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .coverage import MET_MEANS, CriterionStatus, coverage
from .criteria import (
    CRITERIA,
    KNOWLEDGE,
    KNOWLEDGE_FOR,
    OUTCOMES,
    PERFORMANCE_CRITERIA,
    UNIT,
    criterion,
)
from .model import Declaration, Discussion, Learner, Witness
from .render import esc
from .resources import stylesheet
from .store import Portfolio

__all__ = [
    "CSP",
    "EXAMPLE_STAMP",
    "NotebookFile",
    "banner",
    "css_string",
    "evidence_pack",
    "page_head",
]

EXAMPLE_STAMP = "EXAMPLE - not learner evidence"
# Nothing in an exported file may run or fetch: no scripts at all, styles and images only
# from the file itself. Links (<a href>) still work.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "base-uri 'none'; form-action 'none'")
_UNIT_LINE = f"{UNIT.code} {UNIT.title}"


@dataclass(frozen=True)
class NotebookFile:
    """A notebook exported in this run: its file stem and the anchors of its criteria."""

    stem: str
    anchors: dict[str, str] = field(default_factory=dict)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that nothing can break out of (``</style>``...)."""
    safe = "".join(ch if ch.isalnum() or ch in " .,-_:/()&" else f"\\{ord(ch):06x}"
                   for ch in text)
    return f'"{safe}"'


def page_head(*, learner: str, document: str, example: bool) -> str:
    """<head> content for an exported file: security policy, styles, running headers."""
    who = f"{learner} - {UNIT.code}" if learner else UNIT.code
    right = EXAMPLE_STAMP if example else document
    margin = (
        "@page{size:A4;margin:17mm 13mm 16mm;"
        f"@top-left{{content:{css_string(who)};font:9pt sans-serif;color:#4a5360}}"
        f"@top-right{{content:{css_string(right)};font:{'bold ' if example else ''}9pt "
        f"sans-serif;color:{'#a3001b' if example else '#4a5360'}}}"
        f"@bottom-left{{content:{css_string(f'{UNIT.title} - {document}')};"
        "font:8pt sans-serif;color:#4a5360}"
        '@bottom-right{content:"Page " counter(page) " of " counter(pages);'
        "font:9pt sans-serif;color:#4a5360}}"
    )
    return (f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="generator" content="netkit export">\n'
            f"<style>{stylesheet()}\n{margin}</style>")


def banner(*, learner: str, document: str, example: bool, date: dt.date) -> str:
    """The top of every exported page: who and what, and the example stamp if it applies."""
    parts = [f'<div class="nk-runhead"><span><b>{esc(learner or "(learner not named)")}'
             f"</b> - {esc(_UNIT_LINE)}</span><span>{esc(document)} - exported "
             f"{date.isoformat()}</span></div>"]
    if example:
        parts.append(f'<div class="nk-example" role="note">{EXAMPLE_STAMP}: this is the '
                     "fictional example learner, shown for practice only.</div>")
    return "".join(parts)


def _status_cell(row: CriterionStatus) -> str:
    # netkit's status (the minimum recorded), and beside it the assessor's loaded decision
    assessor = (f'<br><span class="nk-assessor">{esc(row.assessor.line())}</span>'
                if row.assessor else "")
    return f'<td class="nk-status nk-{esc(row.status)}">{esc(row.status)}{assessor}</td>'


def _notebook_ref(row: CriterionStatus, files: dict[str, NotebookFile], *, links: bool,
                  text: str = "") -> str:
    """Where the criterion's work is: a link to the exported notebook (and its section)."""
    name = PurePosixPath(row.notebook).stem
    exported = files.get(name)
    if exported is None:
        return f'<span class="nk-muted">{esc(name)}: not in this export</span>'
    label = esc(text or f"{exported.stem}.{'html' if links else 'pdf'}")
    if not links:
        return f"<span>{label}</span>"
    anchor = exported.anchors.get(row.id, "")
    target = f"{exported.stem}.html" + (f"#{anchor}" if anchor else "")
    return f'<a href="{esc(target)}">{label}</a>'


def _evidence_list(row: CriterionStatus) -> str:
    items = [f"<li>{esc(item)}</li>" for item in row.evidence]
    items += [f"<li>{esc(item)}</li>" for item in row.supporting]
    return f'<ul class="nk-evidence">{"".join(items)}</ul>' if items else \
        '<span class="nk-muted">none recorded yet</span>'


def _cover(learner: Learner, *, date: dt.date, redaction: str) -> str:
    rows = [("Learner", learner.name), ("Employer", learner.employer),
            ("Role", learner.role),
            ("Unit", f"{UNIT.title}"), ("Unit reference", UNIT.code),
            ("Level", str(UNIT.level)), ("Credit value", str(UNIT.credit)),
            ("National Occupational Standard", f"{UNIT.nos_code} {UNIT.nos_title}"),
            ("Tutor", learner.tutor), ("Assessor", learner.assessor),
            ("Date of export", date.strftime("%d %B %Y").lstrip("0"))]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v) or '&nbsp;'}</td></tr>" for k, v in rows)
    return (f'<section class="nk-cover"><h1>Evidence pack</h1>'
            f"<p>{esc(UNIT.title)} - unit {esc(UNIT.code)}, level {UNIT.level}, "
            f"{UNIT.credit} credits.</p>"
            f'<table class="nk-cover">{body}</table>'
            f'<p class="nk-note">{esc(UNIT.assessment)}</p>'
            f'<p class="nk-note">Privacy: {esc(redaction)}</p></section>')


def _declaration(saved: Declaration | None) -> str:
    head = '<section id="declaration"><h2>Declaration of authenticity</h2>'
    if saved is None or not saved.agreed:
        return (f'{head}<div class="nk-declaration"><p><b>Not yet made.</b> The learner '
                "makes the declaration in <code>04-evidence.ipynb</code>.</p></div></section>")
    return (f'{head}<div class="nk-declaration"><p>{esc(saved.statement)}</p>'
            f"<p><b>Name (typed by the learner):</b> {esc(saved.name)}<br>"
            f"<b>Date:</b> {esc(saved.date)}</p></div></section>")


def _nos(criterion_id: str) -> str:
    """What of the NOS a criterion evidences: knowledge and understanding items for
    learning outcome 1 (a knowledge outcome), performance criteria for the others."""
    return criterion(criterion_id).nos


def _grid(rows: list[CriterionStatus], files: dict[str, NotebookFile], *, links: bool
          ) -> str:
    body = []
    for row in rows:
        crit = (f'<a href="#c{row.id.replace(".", "-")}">{esc(row.id)}</a>' if links
                else esc(row.id))
        body.append(
            f"<tr><td><b>{crit}</b> {esc(row.text)}</td><td>{esc(_nos(row.id))}</td>"
            f"<td>{_evidence_list(row)}<br>{_notebook_ref(row, files, links=links)}</td>"
            f"<td>{row.count} of {row.minimum}<br>"
            f'<span class="nk-muted">{esc(row.counts)}</span></td>{_status_cell(row)}</tr>')
    met = sum(r.status == "met" for r in rows)
    legend = "".join(f"<tr><td><b>{esc(pc)}</b></td><td>{esc(text)}</td></tr>"
                     for pc, text in PERFORMANCE_CRITERIA.items())
    cited = {k for row in rows for k in KNOWLEDGE_FOR.get(row.id, ())}
    known = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(text)}</td></tr>"
                    for k, text in KNOWLEDGE.items() if k in cited)
    return (f'<section id="coverage" class="nk-page"><h2>Coverage of the assessment '
            f"criteria</h2><p>{met} of {len(rows)} criteria have their minimum evidence "
            f"recorded. <i>Met</i> {esc(MET_MEANS.removeprefix('met '))}: the assessor "
            "judges the evidence's quality and sufficiency and records the decision.</p>"
            '<table><thead><tr><th style="width:34%">Criterion</th><th>NOS</th>'
            '<th style="width:34%">Evidence</th><th>Count</th><th>Status</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
            f"<h3>NOS {esc(UNIT.nos_code)} performance criteria</h3>"
            f"<table><tbody>{legend}</tbody></table>"
            + (f"<h3>NOS {esc(UNIT.nos_code)} knowledge and understanding evidenced by "
               f"learning outcome 1</h3><table><tbody>{known}</tbody></table>"
               if known else "")
            + "</section>")


def _outcome_sections(rows: list[CriterionStatus], files: dict[str, NotebookFile], *,
                      links: bool) -> str:
    parts = []
    for outcome in OUTCOMES:
        mine = [r for r in rows if r.outcome == outcome.number]
        name = PurePosixPath(outcome.notebook).stem
        where = (_notebook_ref(mine[0], files, links=links)
                 if name in files else
                 f'<span class="nk-muted">{esc(name)}: not in this export</span>')
        parts.append(f'<section id="lo{outcome.number}">'
                     f"<h2>Learning outcome {outcome.number}: {esc(outcome.text)}</h2>"
                     f"<p>Work for this outcome: {where}</p>")
        for row in mine:
            c = next(c for c in CRITERIA if c.id == row.id)
            parts.append(
                f'<div class="nk-keep" id="c{row.id.replace(".", "-")}">'
                f"<h3>{esc(row.id)} {esc(row.text)}</h3>"
                f'<p class="nk-muted">Command verb: {esc(c.verb)}. Minimum evidence: '
                f"{esc(c.minimum_text)} ({esc(c.minimum_basis)}). NOS {esc(UNIT.nos_code)}: "
                f"{esc(_nos(c.id))}.</p>"
                f"<table><tbody><tr><th>Status</th>{_status_cell(row)}</tr>"
                f"<tr><th>Recorded</th><td>{row.count} of {row.minimum} {esc(row.counts)}"
                f"</td></tr><tr><th>Evidence</th><td>{_evidence_list(row)}</td></tr>"
                f"<tr><th>Where</th><td>{_notebook_ref(row, files, links=links)}</td></tr>"
                f"</tbody></table></div>")
        parts.append("</section>")
    return "".join(parts)


def _criteria_text(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none given"


def _witnesses(items: list[Witness], ref: str) -> str:
    parts = ['<section id="witnesses"><h2>Witness testimonies</h2>']
    if not items:
        parts.append(f"<p>None recorded. They are recorded in {ref}.</p>")
    for w in items:
        parts.append(
            f'<div class="nk-witness"><h3>{esc(w.name)}</h3><table><tbody>'
            f"<tr><th>Role</th><td>{esc(w.role)}</td></tr>"
            f"<tr><th>Relationship to the learner</th><td>{esc(w.relationship)}</td></tr>"
            f"<tr><th>Date</th><td>{esc(w.date)}</td></tr>"
            f"<tr><th>Criteria it supports</th><td>{esc(_criteria_text(w.criteria))}</td></tr>"
            f'</tbody></table><p class="nk-text">{esc(w.statement)}</p></div>')
    parts.append("</section>")
    return "".join(parts)


def _discussions(items: list[Discussion], ref: str) -> str:
    parts = ['<section id="discussions"><h2>Professional discussions</h2>']
    if not items:
        parts.append(f"<p>None recorded. They are recorded in {ref}.</p>")
    for d in items:
        parts.append(
            f'<div class="nk-discussion"><h3>Professional discussion, {esc(d.date)}</h3>'
            f"<table><tbody><tr><th>Topics</th><td class=\"nk-text\">{esc(d.topics)}</td></tr>"
            f"<tr><th>Criteria covered</th><td>{esc(_criteria_text(d.criteria))}</td></tr>"
            f'</tbody></table><p class="nk-text">{esc(d.notes)}</p></div>')
    parts.append("</section>")
    return "".join(parts)


def _signoff(learner: Learner) -> str:
    parts = ['<section id="signoff" class="nk-page"><h2>Assessor sign-off</h2>'
             f"<p>Assessor: {esc(learner.assessor) or '&nbsp;'}</p>"]
    for outcome in OUTCOMES:
        parts.append(
            f'<div class="nk-signoff"><h3>Learning outcome {outcome.number}: '
            f"{esc(outcome.text)}</h3>"
            '<p><b>Outcome:</b><span class="nk-tick"></span>achieved'
            '<span class="nk-tick"></span>not yet achieved</p>'
            '<p><b>Feedback:</b></p><div class="nk-box"></div>'
            '<p><b>Assessor signature:</b> <span class="nk-line"></span> '
            '&nbsp; <b>Date:</b> <span class="nk-line" style="min-width:8em"></span></p>'
            "</div>")
    parts.append("</section>")
    return "".join(parts)


def evidence_pack(portfolio: Portfolio, files: dict[str, NotebookFile], *, date: dt.date,
                  redaction: str, links: bool = True) -> str:
    """The evidence pack as one HTML document.

    ``files`` maps notebook stems ("02-identify-networks") to what this export wrote;
    ``links`` false gives the print version, which names the PDFs instead of linking to
    the HTML files. ``redaction`` says in a sentence what was left out.
    """
    learner = portfolio.load(Learner) or Learner()
    example = portfolio.is_example
    rows = coverage(portfolio)
    evidence = "04-evidence"
    ref = ("<code>04-evidence.ipynb</code>" if evidence not in files or not links
           else f'<a href="{evidence}.html">04-evidence.html</a>')
    title = f"Evidence pack - {learner.name}" if learner.name else "Evidence pack"
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        page_head(learner=learner.name, document="Evidence pack", example=example),
        '</head><body class="nk-pack">',
        banner(learner=learner.name, document="Evidence pack", example=example, date=date),
        _cover(learner, date=date, redaction=redaction),
        _declaration(portfolio.load(Declaration)),
        _grid(rows, files, links=links),
        _outcome_sections(rows, files, links=links),
        _witnesses(portfolio.all(Witness), ref),
        _discussions(portfolio.all(Discussion), ref),
        _signoff(learner),
        "</body></html>\n",
    ])
