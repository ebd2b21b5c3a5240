"""The tutors' handouts, as complete HTML pages: a letter briefing a witness, and a
confidentiality agreement template.

Both are made from a portfolio, normally the fictional example learner's
(:func:`example_records`), so a handout shows a finished model:

- ``witness-letter``: the letter a learner sends a witness with the draft statement. Its
  briefing is the one every witness statement opens with (:func:`netkit.witness.briefing_html`),
  written once there.
- ``agreement-template``: the learner's first confidentiality agreement as the workbook
  prints it for both parties to sign (:func:`netkit.agreement.agreement_document`).

``netkit export --tutor`` writes them beside the guides (:mod:`netkit.tutor_export`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .agreement import agreement_document
from .criteria import UNIT, criterion
from .lo3 import Agreement
from .model import Learner, Witness
from .render import esc, show_date
from .store import Portfolio
from .tutor import AGREEMENT_TEMPLATE, HANDOUTS, WITNESS_LETTER
from .witness import BRIEFING_CSS, briefing_html

__all__ = ["agreement_template", "example_records", "handout_pages", "witness_letter"]

_LETTER_CSS = """
.nk-letter { max-width: 46rem; line-height: 1.5; }
.nk-letter .nk-from { text-align: right; color: #4a5360; margin: 0 0 1.2em; }
.nk-letter .nk-sign { margin-top: 1.6em; }
"""
RETURN_WITHIN = dt.timedelta(days=14)  # the letter asks for the signed copy back by then


@contextmanager
def example_records(folder: Path) -> Iterator[Portfolio]:
    """A portfolio in ``folder`` holding the fictional example learner (made once)."""
    from .cli import load_example  # the command line's loader: one way in for the example

    path = folder / "example.sqlite"
    fresh = not path.exists()
    with Portfolio.open(path, via="export") as portfolio:
        if fresh:
            load_example(portfolio)
        yield portfolio


def _page(title: str, body: str, *, head: str, top: str, css: str = "") -> str:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{esc(title)}</title>{head}"
            + (f"<style>{css}</style>" if css else "")
            + f"</head><body class='nk-pack'>{top}<main>{body}</main></body></html>\n")


def witness_letter(records: Portfolio, *, date: dt.date, head: str = "",
                   top: str = "") -> str:
    """The letter briefing a witness, from the portfolio's learner to its first witness
    (with blanks to fill in where there is none)."""
    learner = records.load(Learner) or Learner()
    witnesses = records.all(Witness)
    witness = witnesses[0] if witnesses else Witness(name="")
    who = learner.name or "[your name]"
    dear = witness.name or "[the witness's name]"
    where = ", ".join(x for x in (learner.role, learner.employer) if x)
    supports = "".join(f"<li><b>{esc(cid)}</b> {esc(criterion(cid).text)}</li>"
                       for cid in witness.criteria) or "<li>[the criteria it supports]</li>"
    by = show_date((date + RETURN_WITHIN).isoformat())
    body = (
        "<div class='nk-statement nk-letter'>"
        f"<h1>{esc(HANDOUTS[WITNESS_LETTER].title)}</h1>"
        f"<p class='nk-from'>{esc(who)}" + (f"<br>{esc(where)}" if where else "")
        + f"<br>{esc(show_date(date.isoformat()))}</p>"
        f"<p>Dear {esc(dear)},</p>"
        f"<p>Thank you for agreeing to be a witness for my work towards the unit "
        f"<i>{esc(UNIT.title)}</i> ({esc(UNIT.code)}). With this letter is a draft "
        "statement of what you saw me do at work. It is evidence for these assessment "
        f"criteria:</p><ul>{supports}</ul>"
        "<p>Below is what the statement asks of you, and how your details are used. "
        "Please correct anything that is not accurate, in your own words, and only sign "
        f"it if you agree with it. I would be grateful to have it back by {esc(by)}.</p>"
        + briefing_html(learner)
        + "<p>If you have any questions, please ask me, or my tutor"
        + (f" ({esc(learner.tutor)})" if learner.tutor else "")
        + ".</p>"
        f"<p class='nk-sign'>Yours sincerely,<br><br>{esc(who)}</p></div>")
    return _page(f"{HANDOUTS[WITNESS_LETTER].title}: {dear}", body, head=head, top=top,
                 css=BRIEFING_CSS + _LETTER_CSS)


def agreement_template(records: Portfolio, *, head: str = "", top: str = "") -> str | None:
    """The portfolio's first confidentiality agreement as a document to sign (None when
    it holds none)."""
    agreements = records.all(Agreement)
    if not agreements:
        return None
    return agreement_document(records, agreements[0], head=head, top=top)


def handout_pages(records: Portfolio, *, date: dt.date, head: dict[str, str] | None = None,
                  top: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Every handout as ``(stem, page)``: ``head`` and ``top`` give, per stem, the export's
    ``<head>`` content and banner."""
    head, top = head or {}, top or {}
    pages = [(WITNESS_LETTER, witness_letter(records, date=date, head=head.get(
        WITNESS_LETTER, ""), top=top.get(WITNESS_LETTER, "")))]
    agreement = agreement_template(records, head=head.get(AGREEMENT_TEMPLATE, ""),
                                   top=top.get(AGREEMENT_TEMPLATE, ""))
    if agreement is not None:
        pages.append((AGREEMENT_TEMPLATE, agreement))
    return pages
