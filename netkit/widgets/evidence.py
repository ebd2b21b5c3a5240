"""Witness testimony, professional discussion and the declaration of authenticity (notebook 04).

The unit's assessment guidance names witness testimony and professional discussion as
evidence beside the learner's work products; both cite the criteria they support, which
the coverage grid counts as supporting evidence. The declaration is the learner's typed
name and date under the statement that the evidence is their own.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import ipywidgets as w

from ..criteria import CRITERIA
from ..declaration import DeclarationStanding, declaration_standing
from ..model import DECLARATION, Declaration, Discussion, Record, Witness
from ..render import esc, note, panel, show_date, stamper
from ..witness import confirmation
from .base import DateField, Form, TickList
from .listing import ListForm
from .views import html_table

__all__ = ["DeclarationForm", "DiscussionForm", "WitnessForm", "criteria_options"]

_WIDE = "520px"


def criteria_options() -> list[tuple[str, str]]:
    """(label, id) for every criterion 1.1-3.7, for tick boxes (labels wrap)."""
    return [(f"{c.id} {c.text}", c.id) for c in CRITERIA]


def _criteria_ticks() -> TickList:
    return TickList(criteria_options(), width=_WIDE)


def _criteria_ticked(record: Record, what: str) -> list[tuple[str, str]]:
    """Evidence that supports no criterion counts for nothing: ask for at least one."""
    if getattr(record, "criteria", None):
        return []
    return [("criteria", f"tick the criteria {what}.")]


def _short(text: str, limit: int = 50) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1] + "…"


_WITNESS_TEXTS = ("name", "role", "relationship", "statement", "date", "signed_copy")


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
            self.add_field("date", "Date of the statement", DateField(self),
                           "e.g. 28/11/2026, or pick it"),
            self.add_field("criteria", "Criteria it supports", _criteria_ticks()),
            self.add_field("signed_copy", "Signed copy (its reference)", w.Text(
                layout=w.Layout(width="160px"), placeholder="e.g. E12"),
                "once the witness has signed the statement: attach the signed copy and "
                "give the reference netkit printed"),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, Witness)
        return f"{record.name} ({show_date(record.date)})"

    def fill(self, record: Record | None) -> None:
        witness = record if isinstance(record, Witness) else Witness(
            date=dt.date.today().isoformat())
        for name in _WITNESS_TEXTS:
            self.fields[name].value = getattr(witness, name)
        self.fields["criteria"].value = tuple(witness.criteria)

    def collect(self) -> Witness:
        return Witness(**{name: self.fields[name].value for name in _WITNESS_TEXTS},
                       criteria=list(self.fields["criteria"].value))

    def checks(self, record: Record) -> list[tuple[str, str]]:
        return _criteria_ticked(record, "this testimony supports")

    def static_html(self) -> str:
        items = self.portfolio.all(Witness)
        if not items:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        stamp = stamper(self.portfolio)
        return panel(self.title, html_table(
            ["Witness", "Date", "Criteria", "Statement", "Confirmed"],
            [(f"<b>{esc(t.name)}</b><br>{esc(t.role)}<br><i>{esc(t.relationship)}</i>"
              + stamp(t),
              esc(t.date), esc(", ".join(t.criteria)),
              f'<span style="white-space:pre-wrap">{esc(t.statement)}</span>',
              esc(confirmation(t)))
             for t in items]))


_DISCUSSION_TEXTS = ("date", "topics", "notes", "assessor_record")


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
            self.add_field("date", "Date", DateField(self), "e.g. 28/11/2026, or pick it"),
            self.add_field("topics", "Topics", w.Textarea(
                layout=w.Layout(width=_WIDE, height="58px"),
                placeholder="e.g. the criteria I used to shortlist networks; how I set "
                            "boundaries of confidentiality")),
            self.add_field("criteria", "Criteria covered", _criteria_ticks()),
            self.add_field("notes", "Your notes", w.Textarea(
                layout=w.Layout(width=_WIDE, height="140px"),
                placeholder="Your preparation and what you remember: what you explained, "
                            "the questions asked, the assessor's comments.")),
            self.add_field("assessor_record", "The assessor's record (its reference)",
                           w.Text(layout=w.Layout(width="160px"), placeholder="e.g. E7"),
                           "the assessor's own record is the evidence: attach the copy "
                           "they give you and give the reference netkit printed"),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, Discussion)
        return f"{show_date(record.date)}: {_short(record.topics)}"

    def fill(self, record: Record | None) -> None:
        discussion = record if isinstance(record, Discussion) else Discussion(
            date=dt.date.today().isoformat())
        for name in _DISCUSSION_TEXTS:
            self.fields[name].value = getattr(discussion, name)
        self.fields["criteria"].value = tuple(discussion.criteria)

    def collect(self) -> Discussion:
        return Discussion(**{name: self.fields[name].value for name in _DISCUSSION_TEXTS},
                          criteria=list(self.fields["criteria"].value))

    def checks(self, record: Record) -> list[tuple[str, str]]:
        return _criteria_ticked(record, "the discussion covered")

    def static_html(self) -> str:
        items = self.portfolio.all(Discussion)
        if not items:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        stamp = stamper(self.portfolio)
        return panel(self.title, html_table(
            ["Date", "Topics", "Criteria", "Learner's notes", "Assessor's record"],
            [(esc(d.date) + stamp(d), f'<span style="white-space:pre-wrap">{esc(d.topics)}</span>',
              esc(", ".join(d.criteria)),
              f'<span style="white-space:pre-wrap">{esc(d.notes)}</span>',
              esc(d.assessor_record or "not attached"))
             for d in sorted(items, key=lambda d: d.date)]))


class DeclarationForm(Form):
    """The learner's declaration of authenticity: tick and typed name; netkit dates it."""

    title = "Declaration of authenticity"
    intro = DECLARATION

    def build(self) -> list[w.Widget]:
        agreed = w.Checkbox(value=False, indent=False,
                            description="I make this declaration",
                            layout=w.Layout(width="320px"))
        self.standing = w.HTML("")
        return [self.add_field("agreed", "Declaration", agreed),
                self.add_field("name", "Your name (typed)",
                               w.Text(layout=w.Layout(width="340px")),
                               "netkit dates the declaration when you Save"),
                self.standing]

    def refresh(self) -> None:
        saved = self.portfolio.load(Declaration)
        self.fields["agreed"].value = bool(saved and saved.agreed)
        self.fields["name"].value = saved.name if saved else ""
        self.standing.value = _standing_html(declaration_standing(self.portfolio))

    def collect(self) -> Declaration:
        return Declaration.made_now(self.fields["name"].value,
                                    agreed=self.fields["agreed"].value is True)

    def after_save(self, record: Record) -> None:
        self.standing.value = _standing_html(declaration_standing(self.portfolio))

    def static_html(self) -> str:
        saved = self.portfolio.load(Declaration)
        if saved is None or not saved.agreed:
            return panel(self.title, f"<p>{esc(DECLARATION)}</p>"
                         + note("Not yet made: tick the box, type your name and Save."))
        standing = declaration_standing(self.portfolio)
        return panel(self.title, f"<p>{esc(saved.statement)}</p><p><b>Name (typed by the "
                                 f"learner):</b> {esc(saved.name)}<br><b>Date:</b> "
                                 f"{esc(standing.when)}"
                                 f"{' (dated by netkit when made)' if saved.made_at else ''}"
                                 f"</p>{stamper(self.portfolio)(saved)}"
                                 f"{_standing_html(standing)}")


def _standing_html(standing: DeclarationStanding) -> str:
    """The declaration's standing as a line: red when evidence changed after it."""
    if not standing.made:
        return ""
    colour = "#b00020" if standing.stale else "#1b6e2a"
    return f'<p class="nk-declaration-standing" style="color:{colour}">{esc(standing.line())}</p>'
