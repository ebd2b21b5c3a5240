"""A witness testimony as a statement for the witness to read, correct, sign and date.

``netkit witness-statement KEY [--out FILE]`` writes it as HTML or PDF (by the file's
extension; the PDF through netkit's one PDF path, :mod:`netkit.pdf`). The statement opens
with a short briefing for the witness: what a witness statement is for, what to do with
it, and how their personal data is used (UK GDPR: what is held, who sees it, how long it
is kept, their rights). Once signed, the learner attaches the copy (``netkit attach``) and
gives its evidence reference as the testimony's ``signed_copy``; the evidence pack then
marks the testimony "signed by the witness (E12)".

Everything the learner typed is escaped. The statement is written from the learner's own
portfolio, for the witness: nothing in it is redacted, as it holds only the testimony.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from .criteria import CRITERIA, UNIT
from .exceptions import (
    OutputFormatError,
    OutputWriteError,
    RecordNotFoundError,
    WitnessNotFoundError,
)
from .model import Learner, Witness
from .render import esc, show_date
from .store import Portfolio

__all__ = ["BRIEFING_CSS", "FORMATS", "UNCONFIRMED", "briefing_html", "confirmation",
           "default_name", "find_witness", "statement_html", "write_statement"]

FORMATS = (".html", ".pdf")
DOCUMENT = "Witness statement"
UNCONFIRMED = "not yet confirmed by the witness"

_CSS = """
.nk-statement { max-width: 46rem; font-size: .95em; }
.nk-statement h1 { margin-bottom: .1em; }
.nk-statement .nk-brief { border: 1px solid var(--nk-line); background: #f6f8fa;
  padding: .1em 1em .4em; margin: .8em 0; }
.nk-statement .nk-brief h2 { border: 0; margin: .7em 0 .2em; font-size: 1.08em; }
.nk-statement .nk-brief p, .nk-statement .nk-brief li { margin: .25em 0; }
.nk-statement h2.nk-part { break-before: page; page-break-before: always; margin-top: 0; }
.nk-statement h2 { margin-top: 1.1em; }
.nk-statement .nk-said { border: 1px solid var(--nk-ink); padding: .5em .9em;
  white-space: pre-wrap; line-height: 1.55; }
.nk-statement .nk-box { border: 1px solid var(--nk-line); height: 7em; margin: .2em 0; }
.nk-statement .nk-sign td { height: 2.4em; }
.nk-statement .nk-aside { font-size: .85em; color: var(--nk-muted); margin-top: 1.5em;
  border-top: 1px solid var(--nk-line); padding-top: .4em; }
"""


def find_witness(portfolio: Portfolio, name_or_key: str) -> Witness:
    """The saved testimony with that witness's name (now or before) or key.

    Raises WitnessNotFoundError naming the saved testimonies when none fits.
    """
    saved = portfolio.all(Witness)
    known = [w.name for w in saved]
    try:
        key = portfolio.find_key(Witness.KIND, name_or_key)
    except RecordNotFoundError:
        raise WitnessNotFoundError(name_or_key, known) from None
    witness = portfolio.load(Witness, key)
    if witness is None:  # find_key also finds deleted records: they are still stored
        raise WitnessNotFoundError(name_or_key, known, deleted=True)
    return witness


def default_name(witness: Witness) -> str:
    """``witness-<name>.html``: the file name when no ``--out`` is given."""
    slug = re.sub(r"[^\w]+", "-", witness.name.casefold()).strip("-") or witness.id
    return f"witness-{slug}.html"


def confirmation(witness: Witness) -> str:
    """"signed by the witness (E12)", or "not yet confirmed by the witness"."""
    if witness.signed_copy:
        return f"signed by the witness ({witness.signed_copy})"
    return UNCONFIRMED


def briefing_html(learner: Learner) -> str:
    """The briefing that opens a witness statement, on its own too (the tutors' letter
    briefing a witness: :mod:`netkit.handouts`); style it with :data:`BRIEFING_CSS` inside
    an element of class ``nk-statement``."""
    who = esc(learner.name or "The learner")
    qualification = (f"the {esc(learner.qualification)}" if learner.qualification
                     else "a qualification")
    centre = f" ({esc(learner.centre)})" if learner.centre else ""
    awarding = (f", and the awarding organisation ({esc(learner.awarding_organisation)})"
                if learner.awarding_organisation else ", and the awarding organisation")
    return (
        '<div class="nk-brief">'
        "<h2>Why you have this statement</h2>"
        f"<p>{who} is working towards {qualification}, which includes the unit "
        f"<i>{esc(UNIT.title)}</i> ({esc(UNIT.code)}). Part of the evidence is what people "
        f"who work with them have seen them do. {who} has written down below what you saw, "
        f"for you to confirm in your own words.</p>"
        "<h2>What a witness statement is for</h2>"
        "<p>It confirms that you saw the learner do what it describes, at work, and over "
        "what period. Their assessor reads it beside the learner's own work to judge the "
        "criteria listed at the end. You are not asked to assess the learner: only to say "
        "truthfully what you saw.</p>"
        "<h2>What to do</h2><ol>"
        "<li>Read the statement. Cross out anything that is not accurate, write your "
        "correction beside it and initial it. Add anything you wish in the box below it, "
        "in your own words.</li>"
        "<li>Check your name, job title and your relationship to the learner.</li>"
        "<li>Sign and date the confirmation at the end, and give an e-mail address or phone "
        "number: the assessor may contact you to check that you made the statement.</li>"
        f"<li>Give the signed copy back to {who} (a scan or a clear photo is fine). If "
        "you do not agree with the statement, do not sign it.</li></ol>"
        "<h2>How your details are used (UK GDPR)</h2>"
        "<p>This statement holds personal data about you: your name, job title, working "
        "relationship with the learner, what you saw, your signature and your contact "
        "details. They are used only as evidence for the learner's assessment, and your "
        "contact details only to confirm that you made the statement.</p>"
        f"<p><b>Who sees it:</b> {who}, their tutor and assessor, the centre{centre} and "
        f"its internal quality assurer{awarding} and its external quality assurer, who "
        "check assessments by sampling them.</p>"
        f"<p><b>How long it is kept:</b> {who} keeps it in their portfolio until the "
        "qualification is awarded; the centre keeps assessment evidence for the period its "
        "awarding organisation requires, then destroys it. Ask the centre for that "
        "period.</p>"
        "<p><b>Your rights:</b> signing is your choice. You may ask to see what is held "
        f"about you, to have it corrected, or to withdraw the statement (then {who} cannot "
        "use it as evidence): ask the learner or the centre.</p></div>")


BRIEFING_CSS = _CSS  # the statement's styles, the briefing's among them


def statement_html(portfolio: Portfolio, witness: Witness) -> str:
    """The statement as a complete, self-contained HTML document (print it on A4)."""
    from .pack import page_head  # here: the pack reads this module's confirmation()

    learner = portfolio.load(Learner) or Learner()
    who = learner.name or "the learner"
    criteria = {c.id: c.text for c in CRITERIA}
    supports = "".join(f"<tr><th style='width:4em'>{esc(cid)}</th>"
                       f"<td>{esc(criteria.get(cid, ''))}</td></tr>"
                       for cid in witness.criteria) or \
        "<tr><td>None chosen yet.</td></tr>"
    learner_where = ", ".join(x for x in (learner.role, learner.employer) if x)
    attach = ", ".join(witness.criteria)
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(DOCUMENT)}: {esc(witness.name)}</title>",
        page_head(learner=learner.name, document=f"{DOCUMENT}: {witness.name}",
                  example=portfolio.is_example),
        f"<style>{_CSS}</style></head><body class='nk-pack'><main class='nk-statement'>",
        f"<h1>{esc(DOCUMENT)}</h1>",
        f"<p>About the work of <b>{esc(who)}</b>"
        + (f" ({esc(learner_where)})" if learner_where else "")
        + f", for the unit <i>{esc(UNIT.title)}</i> ({esc(UNIT.code)}).</p>",
        briefing_html(learner),
        "<h2 class='nk-part'>1. The witness</h2><table class='nk-cover'><tbody>",
        f"<tr><th>Name</th><td>{esc(witness.name)}</td></tr>",
        f"<tr><th>Job title</th><td>{esc(witness.role) or '&nbsp;'}</td></tr>",
        f"<tr><th>Relationship to {esc(who)}</th>"
        f"<td>{esc(witness.relationship) or '&nbsp;'}</td></tr>",
        "<tr><th>E-mail or phone, for the assessor to confirm</th><td>&nbsp;</td></tr>",
        "</tbody></table>",
        f"<h2>2. What the witness saw</h2><p class='nk-muted'>Drafted "
        f"{esc(show_date(witness.date))}. Correct anything that is not accurate.</p>",
        f"<div class='nk-said'>{esc(witness.statement)}</div>",
        "<p><b>Corrections and additions, in your own words:</b></p><div class='nk-box'></div>",
        "<h2>3. What it is evidence for</h2>"
        f"<p>The assessment criteria of unit {esc(UNIT.code)} this statement supports:</p>",
        f"<table><tbody>{supports}</tbody></table>",
        "<div class='nk-signoff'><h3>4. Confirmation by the witness</h3>",
        f"<p>I confirm that this statement, with any corrections I have made, is a true "
        f"account of what I saw of the work of {esc(who)}, and I agree to its use as "
        "evidence for their assessment as described above.</p>",
        "<table class='nk-sign'><tbody>"
        "<tr><th style='width:30%'>Signature</th><td></td></tr>"
        "<tr><th>Name (in capitals)</th><td></td></tr>"
        "<tr><th>Date</th><td></td></tr></tbody></table></div>",
        "<p class='nk-aside'>For the learner, once it is signed: attach the signed copy "
        f"with <code>netkit attach FILE --criteria {esc(attach or '...')}</code> and give "
        "the reference it prints (such as E12) as the signed copy of this testimony in "
        "notebook 04.</p>",
        "</main></body></html>\n",
    ])


def write_statement(portfolio: Portfolio, witness: Witness, out: Path | None = None) -> Path:
    """Write the statement to ``out`` (HTML or PDF by its extension; default
    :func:`default_name` in the current folder); returns the path written.

    Written whole or not at all: a half-written file never replaces an earlier one.
    """
    target = Path(out) if out is not None else Path(default_name(witness))
    suffix = target.suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in FORMATS:
        raise OutputFormatError(target, FORMATS)
    if target.is_dir():
        raise OutputWriteError(target, "it is a folder")
    page = statement_html(portfolio, witness)
    part = target.with_name(f".{target.name}.part")
    try:
        if suffix == ".pdf":
            from .pdf import print_html

            print_html(page, part)
        else:
            part.write_text(page, encoding="utf-8")
        os.replace(part, target)
    except OSError as exc:
        raise OutputWriteError(target, exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
    return target.resolve()
