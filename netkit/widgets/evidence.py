"""Witness testimony, professional discussion and the declaration of authenticity (notebook 04).

The unit's assessment guidance names witness testimony and professional discussion as
evidence beside the learner's work products; both cite the criteria they support, which
the coverage grid counts as supporting evidence. The declaration is the learner's typed
name and date under the statement that the evidence is their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import ipywidgets as w

from ..criteria import CRITERIA
from ..exceptions import ValidationError
from ..model import DECLARATION, Declaration, Discussion, Learner, Record, Witness
from ..render import esc, note, panel
from .base import Form
from .listing import ListForm
from .views import html_table

__all__ = ["DeclarationForm", "DiscussionForm", "WitnessForm", "criteria_options"]

_WIDE = "520px"


def criteria_options() -> list[tuple[str, str]]:
    """(label, id) for every criterion 1.1-3.7, for a multi-select."""
    def short(text: str) -> str:
        return text if len(text) <= 64 else text[:63] + "…"

    return [(f"{c.id} {short(c.text)}", c.id) for c in CRITERIA]


def _criteria_select() -> w.SelectMultiple:
    return w.SelectMultiple(options=criteria_options(), rows=8, layout=w.Layout(width=_WIDE))


def _date_field() -> w.Text:
    return w.Text(placeholder="YYYY-MM-DD", layout=w.Layout(width="140px"))


def _checked_date(value: str, name: str, what: str) -> str:
    """An ISO date that is not in the future (the model checks the format)."""
    text = str(value).strip()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(name, f"write the date as YYYY-MM-DD, e.g. "
                                    f"{dt.date.today().isoformat()} (got {text!r}).") from None
    if day > dt.date.today():
        raise ValidationError(name, f"{what} cannot be dated in the future ({text}).")
    return day.isoformat()


def _checked_criteria(values: Sequence[str], what: str) -> list[str]:
    if not values:
        raise ValidationError("criteria", f"tick the criteria {what} (hold Ctrl or Cmd to "
                                          "tick several).")
    return list(values)


def _short(text: str, limit: int = 50) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1] + "…"


class WitnessForm(ListForm):
    """A witness testimony: who, their role and relationship, what they saw, when, for what."""

    title = "Witness testimonies"
    intro = ("One testimony at a time: pick New..., record who the witness is and what they "
             "saw you do, in their words, tick the criteria it supports, then Save.")
    record_type: ClassVar[type[Record]] = Witness
    noun = "testimony"
    new_label = "New witness testimony..."

    def build_fields(self) -> list[w.Widget]:
        wide = w.Layout(width=_WIDE)
        return [
            self.add_field("name", "Witness's name", w.Text(layout=wide)),
            self.add_field("role", "Their job title", w.Text(
                layout=wide, placeholder="e.g. Operations Director")),
            self.add_field("relationship", "Relationship to you", w.Text(
                layout=wide, placeholder="e.g. my line manager for three years")),
            self.add_field("statement", "Their statement", w.Textarea(
                layout=w.Layout(width=_WIDE, height="140px"),
                placeholder="What they saw you do, when and with what result, in their "
                            "own words.")),
            self.add_field("date", "Date of the statement", _date_field()),
            self.add_field("criteria", "Criteria it supports", _criteria_select(),
                           "Ctrl or Cmd to tick several"),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, Witness)
        return f"{record.name} ({record.date})"

    def fill(self, record: Record | None) -> None:
        witness = record if isinstance(record, Witness) else Witness(
            date=dt.date.today().isoformat())
        for name in ("name", "role", "relationship", "statement", "date"):
            self.fields[name].value = getattr(witness, name)
        self.fields["criteria"].value = tuple(witness.criteria)

    def collect(self) -> Witness:
        witness = Witness(**{name: self.fields[name].value
                             for name in ("name", "role", "relationship", "statement")})
        if not witness.name.strip():
            raise ValidationError("name", "give the witness's full name: your assessor may "
                                          "contact them to confirm the statement.")
        if not witness.statement.strip():
            raise ValidationError("statement", "write what the witness saw you do.")
        witness.date = _checked_date(self.fields["date"].value, "date", "a testimony")
        witness.criteria = _checked_criteria(self.fields["criteria"].value,
                                             "this testimony supports")
        return witness

    def static_html(self) -> str:
        items = self.portfolio.all(Witness)
        if not items:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, html_table(
            ["Witness", "Date", "Criteria", "Statement"],
            [(f"<b>{esc(t.name)}</b><br>{esc(t.role)}<br><i>{esc(t.relationship)}</i>",
              esc(t.date), esc(", ".join(t.criteria)),
              f'<span style="white-space:pre-wrap">{esc(t.statement)}</span>')
             for t in items]))


class DiscussionForm(ListForm):
    """The record of a professional discussion with the assessor."""

    title = "Professional discussions"
    intro = ("One discussion at a time: its date, the topics you discussed, the criteria "
             "it covered and your notes of what was said, then Save.")
    record_type: ClassVar[type[Record]] = Discussion
    noun = "discussion"
    new_label = "New professional discussion..."

    def build_fields(self) -> list[w.Widget]:
        return [
            self.add_field("date", "Date", _date_field()),
            self.add_field("topics", "Topics", w.Textarea(
                layout=w.Layout(width=_WIDE, height="58px"),
                placeholder="e.g. the criteria I used to shortlist networks; how I set "
                            "boundaries of confidentiality")),
            self.add_field("criteria", "Criteria covered", _criteria_select(),
                           "Ctrl or Cmd to tick several"),
            self.add_field("notes", "Notes", w.Textarea(
                layout=w.Layout(width=_WIDE, height="140px"),
                placeholder="What you explained, the questions asked, the assessor's "
                            "comments.")),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, Discussion)
        return f"{record.date}: {_short(record.topics)}"

    def fill(self, record: Record | None) -> None:
        discussion = record if isinstance(record, Discussion) else Discussion(
            date=dt.date.today().isoformat())
        for name in ("date", "topics", "notes"):
            self.fields[name].value = getattr(discussion, name)
        self.fields["criteria"].value = tuple(discussion.criteria)

    def collect(self) -> Discussion:
        discussion = Discussion(topics=self.fields["topics"].value,
                                notes=self.fields["notes"].value)
        discussion.date = _checked_date(self.fields["date"].value, "date", "a discussion")
        if not discussion.topics.strip():
            raise ValidationError("topics", "say what you discussed.")
        discussion.criteria = _checked_criteria(self.fields["criteria"].value,
                                                "the discussion covered")
        return discussion

    def static_html(self) -> str:
        items = self.portfolio.all(Discussion)
        if not items:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, html_table(
            ["Date", "Topics", "Criteria", "Notes"],
            [(esc(d.date), f'<span style="white-space:pre-wrap">{esc(d.topics)}</span>',
              esc(", ".join(d.criteria)),
              f'<span style="white-space:pre-wrap">{esc(d.notes)}</span>')
             for d in sorted(items, key=lambda d: d.date)]))


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class DeclarationForm(Form):
    """The learner's declaration of authenticity: tick, typed name, date."""

    title = "Declaration of authenticity"
    intro = DECLARATION

    def build(self) -> list[w.Widget]:
        agreed = w.Checkbox(value=False, indent=False,
                            description="I make this declaration",
                            layout=w.Layout(width="320px"))
        return [self.add_field("agreed", "Declaration", agreed),
                self.add_field("name", "Your name (typed)",
                               w.Text(layout=w.Layout(width="340px"))),
                self.add_field("date", "Date", _date_field())]

    def refresh(self) -> None:
        saved = self.portfolio.load(Declaration)
        self.fields["agreed"].value = bool(saved and saved.agreed)
        self.fields["name"].value = saved.name if saved else ""
        self.fields["date"].value = saved.date if saved else dt.date.today().isoformat()

    def collect(self) -> Declaration:
        if self.fields["agreed"].value is not True:
            raise ValidationError("agreed", "tick the box to make the declaration.")
        name = str(self.fields["name"].value).strip()
        if not name:
            raise ValidationError("name", "type your full name.")
        learner = self.portfolio.load(Learner)
        if learner is not None and learner.name and not _same_name(name, learner.name):
            raise ValidationError("name", f"type your name as your portfolio gives it "
                                          f"({learner.name}), or change it under About you "
                                          "in 00-start-here.ipynb.")
        date = _checked_date(self.fields["date"].value, "date", "the declaration")
        return Declaration(agreed=True, name=name, date=date, statement=DECLARATION)

    def static_html(self) -> str:
        saved = self.portfolio.load(Declaration)
        if saved is None or not saved.agreed:
            return panel(self.title, f"<p>{esc(DECLARATION)}</p>"
                         + note("Not yet made: tick the box, type your name and Save."))
        return panel(self.title, f"<p>{esc(saved.statement)}</p><p><b>Name (typed by the "
                                 f"learner):</b> {esc(saved.name)}<br><b>Date:</b> "
                                 f"{esc(saved.date)}</p>")
