"""The tutors' guides as accessible HTML: the parts of a session (:mod:`netkit.tutor`) that
its notebook shows, one function a part.

Headings run in order under the notebook's title (h1): each part opens with an h2, its
items are h3. Tables have header cells and a caption. The unit's wording is read from
:mod:`netkit.criteria`, never retyped. Every function returns :class:`netkit.guide.Html`,
which a notebook displays and every export prints as static content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .coverage import MET_MEANS, standing
from .criteria import BEHAVIOURS, CRITERIA, UNIT, VERBS, criterion, knowledge_for
from .guide import Html
from .render import STYLE, esc, listed
from .store import Portfolio
from .tutor import HANDOUTS, SESSIONS, VERB_PAIRS, Session, Step, session

__all__ = ["FORM_LABELS", "activities", "aims", "criteria_label", "form_code", "guide_html",
           "handouts", "overview", "prompts", "running_order", "saved", "sessions_table", "step",
           "verb_pairs"]

_CSS = (
    "<style>"
    ".nk-guide caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 4px}"
    ".nk-guide .nk-table tfoot th,.nk-guide .nk-table tfoot td{background:#eef1f5;"
    "font-weight:600}"
    ".nk-guide blockquote{border-left:3px solid #8b929c;margin:6px 0;padding:2px 10px;"
    "color:#1f2933}"
    ".nk-guide .nk-minutes{white-space:nowrap}"
    ".nk-guide h2,.nk-guide h3{break-after:avoid;page-break-after:avoid}"
    ".nk-guide .nk-order,.nk-guide .nk-pair{break-inside:avoid;page-break-inside:avoid}"
    ".nk-guide .nk-table tfoot{display:table-row-group}"
    "</style>"
)
_IDS = [c.id for c in CRITERIA]


def _guide(body: str) -> Html:
    return Html(f'{STYLE}{_CSS}<div class="nk-guide">{body}</div>')


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], *,
           foot: Sequence[str] = (), row_headers: bool = True, kind: str = "") -> str:
    """A table of ALREADY-SAFE cells, with a caption and header cells (``scope``); with
    ``row_headers`` each row's first cell is its header."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        first, *rest = row
        lead = f'<th scope="row">{first}</th>' if row_headers else f"<td>{first}</td>"
        body.append(f"<tr>{lead}{''.join(f'<td>{cell}</td>' for cell in rest)}</tr>")
    tfoot = ""
    if foot:
        first, *rest = foot
        tfoot = (f'<tfoot><tr><th scope="row">{first}</th>'
                 f"{''.join(f'<td>{cell}</td>' for cell in rest)}</tr></tfoot>")
    return (f'<table class="nk-table{" " + kind if kind else ""}"><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>{tfoot}</table>")


def criteria_label(ids: Sequence[str]) -> str:
    """``2.1-2.3`` for a run of consecutive criteria, ``1.3, 1.5`` otherwise; every
    criterion reads ``1.1-3.7 (all)``."""
    if not ids:
        return ""
    if list(ids) == _IDS:
        return "1.1-3.7 (all)"
    runs: list[list[str]] = []
    for cid in ids:
        if runs and _IDS.index(cid) == _IDS.index(runs[-1][-1]) + 1 \
                and cid[0] == runs[-1][-1][0]:
            runs[-1].append(cid)
        else:
            runs.append([cid])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}-{r[-1]}" if len(r) > 2
                     else f"{r[0]}, {r[1]}" for r in runs)


def _quoted(cid: str) -> str:
    c = criterion(cid)
    return f"<b>{esc(c.id)}</b> {esc(c.text)}"


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    text = f"{hours} hour{'s' if hours != 1 else ''}" if hours else ""
    if rest:
        text = f"{text} {rest} minutes".strip()
    return text


def sessions_table() -> Html:
    """Every session with its length and criteria, adding up to the unit's hours."""
    rows = [(f"{s.number}", f"<a href='{esc(s.slug)}.html'>{esc(s.title)}</a>",
             esc(_hours(s.minutes)), esc(criteria_label(s.criteria))) for s in SESSIONS]
    total = sum(s.minutes for s in SESSIONS)
    return _guide("<h3>The sessions</h3>" + _table(
        f"The workshop sessions: {_hours(total)}, the unit's {UNIT.guided_learning_hours} "
        "guided learning hours", ["Session", "Title", "Length", "Criteria"], rows,
        foot=("Total", "", esc(_hours(total)), "")))


def overview(number: int) -> Html:
    """The session in brief: length, criteria, summary and what to prepare."""
    s = session(number)
    where = "" if not s.criteria else f" Criteria: {esc(criteria_label(s.criteria))}."
    parts = [f"<h2>Session {s.number} in brief</h2>",
             f"<p><b>{esc(_hours(s.minutes))}</b> of the unit's "
             f"{UNIT.guided_learning_hours} guided learning hours.{where}</p>",
             f"<p>{esc(s.summary)}</p>"]
    if s.preparation:
        parts.append("<h3>Before the session</h3><ul>"
                     + "".join(f"<li>{esc(p)}</li>" for p in s.preparation) + "</ul>")
    return _guide("".join(parts))


def aims(number: int) -> Html:
    """The aims, each mapped to the criteria it serves (quoted from the unit), then the
    unit's words the session works with: its criteria with their command verb, range and
    minimum, the standard's behaviours, and for whole-unit aims the assessment
    requirements."""
    s = session(number)
    rows = []
    for n, aim in enumerate(s.aims, start=1):
        serves = ("Every criterion, 1.1-3.7" if aim.whole_unit
                  else "<br>".join(_quoted(cid) for cid in aim.criteria))
        rows.append((str(n), esc(aim.text), serves))
    parts = ["<h2>Aims</h2>",
             _table(f"Aims of session {s.number}, mapped to the unit's criteria",
                    ["Aim", "By the end, learners can", "Criteria (the unit's wording)"],
                    rows)]
    if any(aim.whole_unit for aim in s.aims):
        parts.append("<h3>The unit's assessment requirements</h3>"
                     f"<blockquote>{esc(UNIT.assessment)}</blockquote>")
        parts.extend(f"<blockquote>{esc(p)}</blockquote>" for p in UNIT.assessment_guidance)
    for cid in s.criteria:
        c = criterion(cid)
        parts.append(f"<h3>{esc(c.id)} {esc(c.text)}</h3>"
                     f"<p><b>Command verb: {esc(c.verb)}.</b> {esc(VERBS[c.verb])} "
                     f"<b>Minimum evidence:</b> {esc(c.minimum_text)} "
                     f"({esc(c.minimum_basis)}).</p>")
        if c.amplification:
            parts.append("<p>Range (unit amplification):</p><ul>"
                         + "".join(f"<li>{esc(a)}</li>" for a in c.amplification) + "</ul>")
        if c.knowledge:  # learning outcome 1: knowledge, not performance
            parts.append(f"<p>Knowledge and understanding of the standard "
                         f"{esc(UNIT.nos_code)} it evidences:</p><ul>"
                         + "".join(f"<li>{esc(k)} {esc(text)}</li>"
                                   for k, text in knowledge_for(c.id)) + "</ul>")
        if c.behaviours:
            parts.append(f"<p>Behaviours of the standard {esc(UNIT.nos_code)}:</p><ul>"
                         + "".join(f"<li>{n}. {esc(BEHAVIOURS[n])}</li>"
                                   for n in c.behaviours) + "</ul>")
    return _guide("".join(parts))


# What each form a step uses is called in a guide (a tutor reads these, not code).
FORM_LABELS: dict[str, str] = {
    "progress": "the progress table",
    "LearnerForm": "the About you form",
    "SkillsForm": "the 1.1 form",
    "ChoosingForm": "the 1.2 form",
    "AgendasForm": "the 1.3 form",
    "InternetForm": "the 1.4 form",
    "FollowUpsForm": "the follow-up tracker",
    "LeadsForm": "the 1.5 form",
    "EthicsForm": "the 1.6 form",
    "NeedsForm": "the needs and aspirations form",
    "NetworksForm": "the potential networks form",
    "NeedsAnalysis": "the analysis of networks against needs",
    "LiveChart:needs_matrix": "the heat map of networks against needs",
    "CriteriaForm": "the shortlisting criteria form",
    "ShortlistForm": "the score, rank and shortlist form",
    "LiveChart:sensitivity": "the sensitivity chart",
    "AssessmentForm": "the assessment form",
    "LiveChart:assessment_balance": "the chart of benefits against limitations",
    "ContactsForm": "the contacts register",
    "MutualBenefitForm": "the mutual-benefit form",
    "LiveChart:reciprocity": "the reciprocity chart",
    "OffersForm": "the form for what you offer and its promotion",
    "AgreementForm": "the confidentiality agreement form",
    "SuggestedIntroductions": "the suggested introductions",
    "IntroductionForm": "the introductions form",
    "ReviewForm": "the review form",
    "ActionForm": "the actions form",
    "WitnessForm": "the witness testimony form",
    "DiscussionForm": "the professional discussion form",
}


def form_code(form: str) -> str:
    """The notebook code that shows one of a step's forms on ``portfolio``."""
    if form == "progress":
        return "nk.progress(portfolio)"
    if form.startswith("LiveChart:"):
        return f"nk.widgets.LiveChart(portfolio, nk.charts.{form.split(':', 1)[1]})"
    return f"nk.widgets.{form}(portfolio)"


def _where(item: Step) -> str:
    return f"notebook {item.notebook[:2]}" if item.notebook else ""


def running_order(number: int) -> Html:
    """The timed running order: start, minutes, step, criteria, where; minutes added up."""
    s = session(number)
    rows, start = [], 0
    for item in s.steps:
        rows.append((f"{start // 60}:{start % 60:02d}", f"{item.minutes}", esc(item.title),
                     esc(criteria_label(item.criteria)), esc(_where(item))))
        start += item.minutes
    return _guide("<h2>Running order</h2>" + _table(
        f"Running order of session {s.number}: {s.minutes} minutes ({_hours(s.minutes)})",
        ["Start", "Minutes", "Step", "Criteria", "Where"], rows,
        foot=("Total", f"{s.minutes}", "", "", ""), kind="nk-order"))


def activities(number: int) -> Html:
    """The heading of the activities, and how the guide shows the forms live."""
    s = session(number)
    return _guide(
        "<h2>Activities</h2><p>Each step of the running order, with the workbook's forms "
        "it uses. Opened on the example learner (netkit example in a spare portfolio), "
        "the forms below show what a complete answer looks like; the learners work in "
        f"the same forms in their own notebooks. {len(s.forms)} forms and charts are used "
        "live in this session.</p>")


def step(number: int, index: int) -> Html:
    """One step of the running order (``index`` from 1): its time, what happens, where."""
    s = session(number)
    item = s.steps[index - 1]
    where = []
    if item.notebook:
        where.append(f"in <code>{esc(item.notebook)}.ipynb</code>")
    if item.criteria:
        where.append(f"criteria {esc(criteria_label(item.criteria))}")
    live = (f"<p>Live in the workbook ({'below' if len(item.forms) == 1 else 'each below'}"
            f", on this guide's portfolio): {esc(listed([FORM_LABELS[f] for f in item.forms]))}."
            "</p>" if item.forms else "")
    return _guide(f"<h3>{index}. {esc(item.title)} ({item.minutes} minutes)</h3>"
                  f"<p>{esc(item.how)}</p>"
                  + (f"<p class='nk-note'>{'; '.join(where)}</p>" if where else "") + live)


def prompts(number: int) -> Html:
    """Questions for discussion."""
    s = session(number)
    return _guide("<h2>Discussion prompts</h2><ol>"
                  + "".join(f"<li>{esc(p)}</li>" for p in s.prompts) + "</ol>")


def saved(number: int, portfolio: Portfolio | None = None) -> Html:
    """What learners should have saved by the end, from the criteria's minimums; with a
    portfolio, where it stands now (the same counting as ``netkit status``)."""
    s = session(number)
    headers = ["Criterion", "What to have saved", "Where"]
    if portfolio is not None:
        headers.append("In this portfolio now")
    rows = []
    for item in s.saved:
        c = criterion(item.criterion)
        what = f"{c.minimum_text} ({'a first draft' if item.draft else 'complete'})"
        if item.note:
            what = f"{what}: {item.note}"
        row = [_quoted(c.id), esc(what), f"<code>{esc(c.notebook)}</code>"]
        if portfolio is not None:
            now = standing(portfolio, c.id)
            row.append(f'<span class="nk-{esc(now.status)}">{esc(now.status)}: '
                       f"{now.count} of {now.minimum}</span>")
        rows.append(row)
    note = (f"<p class='nk-note'>{esc(MET_MEANS[0].upper() + MET_MEANS[1:])}.</p>"
            if portfolio is not None else "")
    return _guide("<h2>What learners should have saved by the end</h2>"
                  + _table(f"Saved by the end of session {s.number}", headers, rows)
                  + note)


def verb_pairs(number: int) -> Html:
    """For each command verb of the session's criteria: an answer that would pass and one
    that would be referred, with why, per criterion."""
    s = session(number)
    parts = ["<h2>Would pass, would be referred</h2><p>Short answers written for this "
             "unit, to read with learners: which would pass, and why?</p>"]
    for verb in s.verbs:
        parts.append(f"<h3>{esc(verb[0].upper() + verb[1:])}</h3>"
                     f"<p>{esc(VERBS[verb])}</p>")
        for cid in (c for c in s.criteria if criterion(c).verb == verb):
            pair = VERB_PAIRS[cid]
            parts.append(_table(
                f"{cid} {criterion(cid).text}", ["Part", "Would pass", "Would be referred"],
                [("Answer", esc(pair.passes), esc(pair.referred)),
                 ("Why", esc(pair.why_passes), esc(pair.why_referred))], kind="nk-pair"))
    return _guide("".join(parts))


def handouts(number: int) -> Html:
    """The handouts the session uses, and where the export writes them."""
    s = session(number)
    if not s.handouts:
        return _guide("<h2>Handouts</h2><p>No handout: everything is in the workbook.</p>")
    items = "".join(
        f"<li><b>{esc(HANDOUTS[h].title)}</b> (<a href='{esc(h)}.html'>{esc(h)}.html</a>, "
        f"{esc(h)}.pdf): {esc(HANDOUTS[h].what)}.</li>" for h in s.handouts)
    return _guide("<h2>Handouts</h2><p><code>netkit export --tutor</code> writes them "
                  f"beside this guide:</p><ul>{items}</ul>")


def guide_html(number: int, portfolio: Portfolio | None = None) -> str:
    """The whole guide as one HTML fragment (title, then every part in order)."""
    s: Session = session(number)
    parts = [f"<h1>Session {s.number}: {esc(s.title)}</h1>", overview(number).html,
             sessions_table().html if number == 1 else "", aims(number).html,
             running_order(number).html, activities(number).html,
             *(step(number, n).html for n in range(1, len(s.steps) + 1)),
             prompts(number).html, saved(number, portfolio).html, verb_pairs(number).html,
             handouts(number).html]
    return "".join(parts)
