"""The evidence pack an assessor signs off, and the page furniture every exported file shares.

Pure functions from a (redacted) portfolio to escaped HTML: cover sheet, declaration of
authenticity, coverage grid, one section per learning outcome, witness testimonies,
professional discussions and a blank assessor sign-off block per learning outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .agreement import agreement_files
from .attachments import ref_number
from .coverage import MET_MEANS, CriterionStatus, coverage, noun
from .criteria import (
    CRITERIA,
    KNOWLEDGE,
    KNOWLEDGE_FOR,
    OUTCOMES,
    PERFORMANCE_CRITERIA,
    UNIT,
    criterion,
)
from .declaration import RENEW, DeclarationStanding, declaration_standing
from .export_attachments import FOLDER, SEEN_IN_ORIGINAL, AttachmentFile
from .model import ANSWER_TYPES, Declaration, Discussion, Learner, Witness
from .render import esc, ref_anchor, show_date
from .resources import stylesheet
from .store import Portfolio
from .withheld import WITHHELD_META, Withheld
from .witness import confirmation

__all__ = [
    "CSP",
    "EVIDENCE_KINDS",
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
    """A notebook exported in this run: its file stem, the anchors of its criteria, the
    evidence references whose records it shows and, once printed, the PDF page of each."""

    stem: str
    anchors: dict[str, str] = field(default_factory=dict)
    refs: frozenset[str] = frozenset()
    pages: dict[str, int] = field(default_factory=dict)



def _recorded(row: CriterionStatus) -> str:
    """What is recorded, its noun agreeing: "4 interpersonal skills", "1 explanation" (the
    minimum beside it: "4 of 3" read as a mistake)."""
    return f"{row.count} {noun(row.count, row.counts)}"

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
    # a <header>: the page's banner landmark, so nothing sits outside a landmark
    parts = [f'<header class="nk-top"><div class="nk-runhead"><span><b>'
             f'{esc(learner or "(learner not named)")}'
             f"</b> - {esc(_UNIT_LINE)}</span><span>{esc(document)} - exported "
             f"{date.isoformat()}</span></div>"]
    if example:
        parts.append(f'<div class="nk-example" role="note">{EXAMPLE_STAMP}: this is the '
                     "fictional example learner, shown for practice only.</div>")
    return "".join(parts) + "</header>"


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
            ("Centre", learner.centre),
            ("Awarding organisation", learner.awarding_organisation),
            ("Qualification", learner.qualification),
            ("Learner registration number", learner.registration_number),
            ("Date of export", date.strftime("%d %B %Y").lstrip("0"))]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v) or '&nbsp;'}</td></tr>" for k, v in rows)
    return (f'<section class="nk-cover"><h1>Evidence pack</h1>'
            f"<p>{esc(UNIT.title)} - unit {esc(UNIT.code)}, level {UNIT.level}, "
            f"{UNIT.credit} credits.</p>"
            f'<table class="nk-cover">{body}</table>'
            f'<p class="nk-note">{esc(UNIT.assessment)}</p>'
            f'<p class="nk-note">Privacy: {esc(redaction)}</p></section>')


def _declaration(saved: Declaration | None, standing: DeclarationStanding) -> str:
    head = '<section id="declaration"><h2>Declaration of authenticity</h2>'
    if saved is None or not saved.agreed:
        return (f'{head}<div class="nk-declaration"><p><b>Not yet made.</b> The learner '
                "makes the declaration in <code>04-evidence.ipynb</code>.</p></div></section>")
    dated = " (dated by netkit when made)" if saved.made_at else ""
    renew = (f'<p class="nk-renew" style="color:#a3001b"><b>{esc(RENEW.capitalize())}.</b> '
             f"{standing.changed} piece{'s' if standing.changed != 1 else ''} of evidence "
             "changed after the declaration was made: the learner should make it again "
             "before the evidence is signed off.</p>" if standing.stale else "")
    return (f'{head}<div class="nk-declaration"><p>{esc(saved.statement)}</p>'
            f"<p><b>Name (typed by the learner):</b> {esc(saved.name)}<br>"
            f"<b>Date:</b> {esc(standing.when)}{dated}</p>{renew}</div></section>")


def _nos(criterion_id: str) -> str:
    """What of the NOS a criterion evidences: knowledge and understanding items for
    learning outcome 1 (a knowledge outcome), performance criteria for the others."""
    return criterion(criterion_id).nos


def _grid(rows: list[CriterionStatus], files: dict[str, NotebookFile], *, links: bool,
          refs: dict[str, str] | None = None) -> str:
    body = []
    for row in rows:
        crit = (f'<a href="#c{row.id.replace(".", "-")}">{esc(row.id)}</a>' if links
                else esc(row.id))
        body.append(
            f"<tr><td><b>{crit}</b> {esc(row.text)}</td><td>{esc(_nos(row.id))}</td>"
            f"<td>{_evidence_list(row)}<br>{_notebook_ref(row, files, links=links)}"
            f"{(refs or {}).get(row.id, '')}</td>"
            f"<td>{esc(_recorded(row))}<br>"
            f'<span class="nk-muted">minimum {row.minimum}</span></td>{_status_cell(row)}</tr>')
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
                      links: bool, refs: dict[str, str] | None = None) -> str:
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
                f"<tr><th>Recorded</th><td>{esc(_recorded(row))} (minimum {row.minimum})"
                f"</td></tr><tr><th>Evidence</th><td>{_evidence_list(row)}</td></tr>"
                f"<tr><th>Where</th><td>{_notebook_ref(row, files, links=links)}"
                f"{(refs or {}).get(row.id, '')}</td></tr>"
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
            f'<div class="nk-witness"><h3>{esc(w.name)}</h3>{_confirmed(w)}<table><tbody>'
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
            f"{_assessor_record(d)}"
            f"<table><tbody><tr><th>Topics</th><td class=\"nk-text\">{esc(d.topics)}</td></tr>"
            f"<tr><th>Criteria covered</th><td>{esc(_criteria_text(d.criteria))}</td></tr>"
            f'</tbody></table><p class="nk-text">{esc(d.notes)}</p></div>')
    parts.append("</section>")
    return "".join(parts)


def _confirmed(witness: Witness) -> str:
    """Whether the witness signed the statement (``netkit witness-statement``)."""
    said = esc(confirmation(witness))
    said = said[:1].upper() + said[1:]  # "Signed by the witness (E12)"
    if witness.signed_copy:
        return (f'<p class="nk-confirmed"><b>{said}</b>: the copy they signed '
                "is attached.</p>")
    return (f'<p class="nk-confirmed" style="color:#a3001b"><b>{said}</b>: '
            "the text below is the learner's record of the testimony.</p>")


def _assessor_record(discussion: Discussion) -> str:
    """The assessor's own record is the evidence; the learner's notes are a preparation."""
    if discussion.assessor_record:
        return (f"<p><b>The assessor's record ({esc(discussion.assessor_record)})</b> is the "
                "evidence of this discussion; the learner's notes below are their "
                "preparation.</p>")
    return ('<p class="nk-muted">The assessor\'s own record of this discussion is not '
            "attached: the learner's notes below are their preparation, not the "
            "assessor's record.</p>")


def _withheld(found: Withheld) -> str:
    """Records a redacted export withheld, by criterion: seen in the original."""
    if not found.total:
        return ""
    many, them, they = (("record was", "it", "It is") if found.total == 1
                        else ("records were", "them", "They are"))
    rows = "".join(f"<tr><td><b>{esc(cid)}</b> {esc(_criterion_text(cid))}</td>"
                   f"<td>{n}</td></tr>" for cid, n in found.by_criterion.items())
    if found.unlinked:
        rows += (f"<tr><td>not evidence for a criterion (named by no record)</td>"
                 f"<td>{found.unlinked}</td></tr>")
    return (f'<section id="withheld"><h2>Records withheld from this export</h2>'
            f"<p><b>{found.total} {many} withheld</b> from this export because the learner "
            f"flagged {them} confidential. {they} to be seen in the original: ask the "
            f"learner to show {them} to you from their portfolio. By criterion (a record "
            "counts under each criterion it is evidence for):</p>"
            '<table><thead><tr><th>Criterion</th><th style="width:8em">Records withheld'
            f"</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _criterion_text(cid: str) -> str:
    return next((c.text for c in CRITERIA if c.id == cid), "")


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


def _agreements(portfolio: Portfolio, *, links: bool) -> str:
    """Each confidentiality agreement (3.4, 3.5) as the document of its own this export
    wrote, to print and sign: linked in the HTML pack, named in the printed one."""
    files = agreement_files(portfolio)
    if not files:
        return ""
    items = []
    for stem, agreement in files:
        where = (f'<a href="{esc(stem)}.html">{esc(stem)}.html</a>' if links
                 else f"{esc(stem)}.pdf")
        state = ("confirmed by the other party" if agreement.confirmed
                 else "not yet confirmed by the other party")
        items.append(f"<li><b>{esc(agreement.title)}</b> ({esc(state)}): {where}</li>")
    return ('<section id="agreements"><h2>Confidentiality agreements (3.4, 3.5)</h2>'
            "<p>Each agreement as a document of its own, with a signature block for each "
            f"party:</p><ul>{''.join(items)}</ul></section>")


def evidence_pack(portfolio: Portfolio, files: dict[str, NotebookFile], *, date: dt.date,
                  redaction: str, links: bool = True,
                  attachments: Sequence[AttachmentFile] = ()) -> str:
    """The evidence pack as one HTML document.

    ``files`` maps notebook stems ("02-identify-networks") to what this export wrote;
    ``links`` false gives the print version, which names the PDFs instead of linking to
    the HTML files. ``redaction`` says in a sentence what was left out. ``attachments``:
    what the export did with each attachment (copied, or listed only).
    """
    learner = portfolio.load(Learner) or Learner()
    example = portfolio.is_example
    rows = coverage(portfolio)
    refs = _references(portfolio, files, attachments, links=links)
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
        "<main>",
        _cover(learner, date=date, redaction=redaction),
        _declaration(portfolio.load(Declaration), declaration_standing(portfolio)),
        _grid(rows, files, links=links, refs=refs),
        _withheld(Withheld.from_meta(portfolio.get_meta(WITHHELD_META))),
        _outcome_sections(rows, files, links=links, refs=refs),
        _witnesses(portfolio.all(Witness), ref),
        _discussions(portfolio.all(Discussion), ref),
        _attachments(attachments, links=links),
        _agreements(portfolio, links=links),
        _signoff(learner),
        "</main></body></html>\n",
    ])


# -- evidence references: where each criterion's evidence is -------------------------------
#: The record kinds that are each criterion's evidence (each one its counter reads,
#: coverage.COUNTED_KINDS). Witness testimonies, professional discussions and attachments
#: are evidence for the criteria they name.
EVIDENCE_KINDS: dict[str, tuple[str, ...]] = {
    **{cid: (cls.KIND,) for cid, cls in ANSWER_TYPES.items()},
    "1.5": (ANSWER_TYPES["1.5"].KIND, "followup"),
    "2.1": ("need", "network"),
    "2.2": ("shortlist_criterion", "scores", "shortlist"),
    "2.3": ("assessment",),
    "3.1": ("mutual_benefit", "interaction"),
    "3.2": ("offers", "promotion"),
    "3.3": ("support",),
    "3.4": ("agreement",),
    "3.5": ("agreement", "support"),
    "3.6": ("review", "action"),
    "3.7": ("introduction",),
}


_ORIGINAL = "(original)"  # where a confidential attachment not copied is seen


def criterion_refs(portfolio: Portfolio, attachments: Sequence[AttachmentFile] = ()
                   ) -> dict[str, list[str]]:
    """Each criterion's evidence references, in order (E3 before E12)."""
    stamps = portfolio.stamps()
    by_kind: dict[str, list[str]] = {}
    for (kind, _key), stamp in stamps.items():
        if stamp.ref:
            by_kind.setdefault(kind, []).append(stamp.ref)
    found = {cid: [ref for kind in kinds for ref in by_kind.get(kind, [])]
             for cid, kinds in EVIDENCE_KINDS.items()}
    cited: list[Witness | Discussion] = [*portfolio.all(Witness), *portfolio.all(Discussion)]
    for record in cited:
        ref = stamps[record.KIND, record.key].ref if (record.KIND, record.key) in stamps \
            else None
        for cid in record.criteria:
            if ref and cid in found:
                found[cid].append(ref)
    for attachment in attachments:
        for cid in attachment.criteria:
            if cid in found:
                found[cid].append(attachment.ref)
    return {cid: sorted(set(refs), key=ref_number) for cid, refs in found.items()}


def _where(ref: str, files: dict[str, NotebookFile],
           attached: dict[str, AttachmentFile]) -> tuple[str, int | None]:
    """The file showing ``ref`` (a notebook stem, an attachment's path, "" when none, or
    :data:`_ORIGINAL`) and the PDF page it is on (None when unknown or not printed)."""
    if ref in attached:
        return attached[ref].path or _ORIGINAL, None
    for notebook in files.values():
        if ref in notebook.refs:
            return notebook.stem, notebook.pages.get(ref)
    return "", None


def _references(portfolio: Portfolio, files: dict[str, NotebookFile],
                attachments: Sequence[AttachmentFile], *, links: bool) -> dict[str, str]:
    """Per criterion, its references grouped by file, with the PDF page of each ("p. 4:
    E3, E4"), as HTML: linked to the record in the HTML pack, named in the printed one."""
    attached = {a.ref: a for a in attachments}
    notebooks = {c.id: PurePosixPath(c.notebook).stem for c in CRITERIA}
    html: dict[str, str] = {}
    for cid, refs in criterion_refs(portfolio, attachments).items():
        groups: dict[str, list[tuple[str, int | None]]] = {}
        for ref in refs:
            where, page = _where(ref, files, attached)
            groups.setdefault(where, []).append((ref, page))
        # the notebooks in export order, then attached files, then what is elsewhere
        order = [*(f.stem for f in files.values()), *(a.path for a in attachments),
                 _ORIGINAL, ""]
        lines = [_ref_group(where, groups[where], attached, links=links,
                            own=where == notebooks.get(cid))
                 for where in order if where in groups]
        if lines:
            # lines, not list items: an evidence list's items are the counted evidence
            html[cid] = ('<div class="nk-refs"><b>References</b> '
                         + "".join(f"<div>{line}</div>" for line in lines) + "</div>")
    return html


def _runs(refs: list[str]) -> str:
    """References with each run of three or more written as a range: "E1-E14, E20"."""
    numbers = [ref_number(ref) for ref in refs]
    parts: list[str] = []
    start = 0
    for n in range(1, len(numbers) + 1):
        if n == len(numbers) or numbers[n] != numbers[n - 1] + 1:
            run = refs[start:n]
            parts += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else run
            start = n
    return ", ".join(parts)


def _ref_link(ref: str, target: str, *, links: bool) -> str:
    return f'<a href="{esc(target)}">{esc(ref)}</a>' if links else esc(ref)


def _ref_group(where: str, items: list[tuple[str, int | None]],
               attached: dict[str, AttachmentFile], *, links: bool, own: bool) -> str:
    """One line of references: those in one file (its name left out when it is the
    criterion's own notebook, named just above), by page; or those elsewhere."""
    if where in ("", _ORIGINAL):
        why = f"confidential attachment, {SEEN_IN_ORIGINAL}" if where else \
            "not in this export"
        shown = esc(_runs([ref for ref, _page in items]))
        return f'{shown}: <span class="nk-muted">{esc(why)}</span>'
    if where.startswith(f"{FOLDER}/"):  # an attachment's own file (one per reference)
        return ", ".join(f"{_ref_link(ref, where, links=links)}: "
                         f"{_ref_link(where, where, links=links)}" for ref, _page in items)
    name = f"{where}.{'html' if links else 'pdf'}"
    label = "" if own else f"{_ref_link(name, name, links=links)}: "
    by_page: dict[int | None, list[str]] = {}
    for ref, page in sorted(items, key=lambda item: item[1] or 0):
        by_page.setdefault(page, []).append(ref)
    parts = [(f"{'PDF ' if links else ''}p.&nbsp;{page}: " if page else "")
             + (", ".join(_ref_link(ref, f"{where}.html#{ref_anchor(ref)}", links=True)
                          for ref in refs) if links else esc(_runs(refs)))
             for page, refs in by_page.items()]
    return label + "; ".join(parts)


def _attachments(items: Sequence[AttachmentFile], *, links: bool) -> str:
    """The attachments section: each by reference, copied (and where) or seen in the
    original; attachments are never redacted, and the pack says so."""
    if not items:
        return ""
    rows = []
    for a in items:
        if a.path is not None:
            where = (f'<a href="{esc(a.path)}">{esc(a.path)}</a>' if links
                     else f"<code>{esc(a.path)}</code>")
        else:
            where = f"<i>confidential: {esc(SEEN_IN_ORIGINAL)}</i>"
        title = esc(a.title) if a.title else '<span class="nk-muted">(confidential)</span>'
        rows.append(
            f'<tr id="{esc(ref_anchor(a.ref))}"><td><b>{esc(a.ref)}</b></td><td>{title}'
            + (f'<br><span class="nk-muted">{esc(a.filename)}</span>' if a.filename else "")
            + f"</td><td>{esc(show_date(a.date))}</td>"
            f"<td>{esc(', '.join(a.criteria) or '-')}</td>"
            f'<td>{where}<br><span class="nk-muted">SHA-256 {esc(a.sha256[:16])}...'
            "</span></td></tr>")
    copied = sum(a.copied for a in items)
    return ('<section id="attachments"><h2>Attachments</h2>'
            '<p class="nk-warning"><b>Attachments are not redacted.</b> Each attachment this '
            "export holds is the learner's workplace document exactly as attached, with "
            "any names, e-mail addresses and phone numbers in it; its SHA-256 is in "
            f"<code>manifest.json</code>. This export holds {copied} of {len(items)}. A "
            f"confidential one is not copied: it is {esc(SEEN_IN_ORIGINAL)}.</p>"
            '<table><thead><tr><th>Ref.</th><th>Title and file name</th><th>Date</th>'
            "<th>Criteria</th><th>In this export</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")
