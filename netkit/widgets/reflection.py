"""Learning outcome 1: a reflective answer per criterion 1.1-1.6 (notebook 01).

Each answer is a form whose parts follow the criterion's command verb (see
:data:`netkit.criteria.ANSWER_GUIDES`), then the parts every answer shares: the range
points it covers (tick boxes), dated workplace examples (each may link to a network,
contact, follow-up or introduction the learner recorded), and an optional reflective frame.
Under the form, a live word count against the guide and the guidance lines
(:mod:`netkit.guidance`) say what the answer still lacks; they are for the learner at work
and never part of the static answer an export shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as w

from ..criteria import ANSWER_GUIDES, ANSWER_WORDS
from ..guidance import Facts, facts, missing, prompts, reads
from ..model import (
    ANSWER_TYPES,
    LINK_KINDS,
    RECORD_TYPES,
    AgendasAnswer,
    Answer,
    Basis,
    ChoosingAnswer,
    EthicalIssue,
    EthicsAnswer,
    Example,
    Frame,
    InternetAnswer,
    LeadsAnswer,
    Measure,
    OnlineBenefit,
    Record,
    Risk,
    Skill,
    SkillsAnswer,
)
from ..render import esc, html_table, note, panel, show_date, stamper
from .base import Form, TickList
from .events import announce, listen
from .rows import GONE, KIND_LABELS, Column, RowsField, link_label, link_options
from .views import LiveView

__all__ = [
    "AgendasForm",
    "AnswerForm",
    "ChoosingForm",
    "EthicsForm",
    "InternetForm",
    "LeadsForm",
    "Prompts",
    "SkillsForm",
]

_WIDE = "560px"
_FRAME = (("happened", "What happened"), ("thought", "What I thought"),
          ("learned", "What I learned"), ("will_do", "What I will do"))
def _as_dicts(rows: Sequence[Any]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in dataclasses.asdict(r).items()} for r in rows]


def _show_dates(rows: list[dict[str, str]], names: tuple[str, ...]) -> list[dict[str, str]]:
    return [{k: (show_date(v) if k in names and v else v) for k, v in r.items()} for r in rows]


@dataclass(frozen=True)
class Part:
    """A part of an answer: one text (``rows`` None) or rows of ``rows`` columns."""

    name: str
    label: str
    placeholder: str = ""
    rows: tuple[Column, ...] | None = None
    row_type: type[Any] | None = None
    add_label: str = "Add"
    height: str = "80px"
    heading: tuple[str, ...] = ()  # the static table's column headings


_EXAMPLE_COLUMNS = (Column("date", "Date", "date", "130px"),
                    Column("text", "What happened at work", "area", "300px"),
                    Column("link", "Linked to", "link", "200px"))


class AnswerForm(Form):
    """A learning outcome 1 answer: the verb's parts, the range ticked, dated examples, an
    optional reflective frame; a live word count and the guidance lines below."""

    answer_type: ClassVar[type[Answer]]
    parts: ClassVar[tuple[Part, ...]] = ()
    row_nouns: ClassVar[dict[str, str]] = {"examples": "example", "covers": "range point"}

    @property
    def criterion(self) -> str:
        """The criterion this form answers ("1.3")."""
        return self.answer_type.CRITERION

    def build(self) -> list[w.Widget]:
        self.words = w.HTML("")
        self.words.add_class("nk-words")
        self.guidance = w.HTML("")
        self.guidance.add_class("nk-guidance")
        self._facts: Facts | None = None
        rows: list[w.Widget] = []
        for part in self.parts:
            if part.rows is None:
                control: Any = w.Textarea(placeholder=part.placeholder, layout=w.Layout(
                    width=_WIDE, height=part.height))
                control.observe(self.serial(lambda _c: self.count_words()), "value")
            else:
                control = RowsField(self, part.name, part.rows, part.add_label,
                                    self.count_words)
            rows.append(self.add_field(part.name, part.label, control))
        covers = TickList([(p, p) for p in ANSWER_GUIDES[self.criterion].covers],
                          width=_WIDE)
        rows.append(self.add_field("covers", "Range it covers", covers,
                                   "tick what your answer covers"))
        rows.append(self.add_field("examples", "Dated examples", RowsField(
            self, "examples", _EXAMPLE_COLUMNS, "Add an example", self.count_words,
            options=lambda: link_options(self.portfolio))))
        frame = w.VBox([])
        self.frame_fields: dict[str, w.Textarea] = {}
        for name, label in _FRAME:
            area = w.Textarea(placeholder=label, layout=w.Layout(width=_WIDE, height="48px"))
            area.add_class(f"nk-frame-{name}")
            area.observe(self.serial(lambda _c: self.count_words()), "value")
            self.frame_fields[name] = area
            frame.children = [*frame.children, area]
        rows.append(self.add_field("frame", "Reflective frame (optional)", frame))
        rows.append(w.VBox([self.words, self.guidance]))
        return rows

    # -- values --------------------------------------------------------------------
    def refresh(self) -> None:
        saved = self.portfolio.load(self.answer_type) or self.answer_type()
        with self._hold():
            for part in self.parts:
                value = getattr(saved, part.name)
                self.fields[part.name].value = (
                    value if part.rows is None
                    else _show_dates(_as_dicts(value), ("used_on",)))
            self.fields["covers"].value = tuple(saved.covers)
            self.fields["examples"].value = _show_dates(_as_dicts(saved.examples), ("date",))
            for name, _label in _FRAME:
                self.frame_fields[name].value = getattr(saved.frame, name)
        self._facts = facts(self.portfolio)
        self.count_words()

    def collect(self) -> Answer:
        values: dict[str, Any] = {}
        for part in self.parts:
            value = self.fields[part.name].value
            if part.rows is not None and part.row_type is not None:
                value = [part.row_type(**row) for row in value]
            values[part.name] = value
        return self.answer_type(
            **values, covers=list(self.fields["covers"].value),
            examples=[Example(**row) for row in self.fields["examples"].value],
            frame=Frame(**{name: area.value for name, area in self.frame_fields.items()}))

    # -- the live word count and guidance --------------------------------------------
    def count_words(self) -> None:
        """Show the word count and what the answer on show still lacks."""
        answer = self.collect()
        low, high = ANSWER_WORDS
        self.words.value = (f'<span style="color:#4a5360">{answer.words} words '
                            f"(about {low}-{high} is the guide)</span>")
        found = self._facts or facts(self.portfolio)
        answers = {**found.answers, self.criterion: answer}
        lines = missing(dataclasses.replace(found, answers=answers), self.criterion)
        self.guidance.value = (
            "<div><b>Still to do:</b><ul style=\"margin:2px 0\">"
            + "".join(f"<li>{esc(line.split(': ', 1)[1])}</li>" for line in lines)
            + "</ul></div>" if lines else
            '<div style="color:#1b6e2a">&#10003; Nothing missing that the guidance or the '
            "workbook asks for. Your assessor judges the quality and decides.</div>")

    def after_save(self, record: Record) -> None:
        self._facts = facts(self.portfolio)
        self.count_words()
        announce(self.portfolio, record.KIND, self)

    def ready(self) -> None:
        listen(self, self.widget)

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Records other forms saved: new link targets, a tracker the guidance reads."""
        with self.lock:
            if kinds & set(LINK_KINDS):
                self.fields["examples"].refresh_options()
            if kinds & set(reads(self.criterion)):  # what this answer's guidance reads
                self._facts = facts(self.portfolio)
                self.count_words()

    # -- the static answer (what an export shows) ----------------------------------
    def static_html(self) -> str:
        saved = self.portfolio.load(self.answer_type)
        if saved is None:
            return panel(self.title, note("Not written yet."))
        body = [stamper(self.portfolio)(saved)]
        for part in self.parts:
            value = getattr(saved, part.name)
            if part.rows is None:
                if str(value).strip():
                    body.append(f"<p><b>{esc(part.label)}.</b> "
                                f'<span style="white-space:pre-wrap">{esc(value)}</span></p>')
            elif value:
                body.append(f"<h4>{esc(part.label)}</h4>" + html_table(
                    list(part.heading), [[_cell(getattr(row, c.name), c) for c in part.rows]
                                         for row in value]))
        if saved.examples:
            body.append("<h4>Dated workplace examples</h4>" + html_table(
                ["Date", "What happened", "Linked to"],
                [[esc(show_date(e.date)), _pre(e.text), esc(self._link_text(e.link))]
                 for e in sorted(saved.examples, key=lambda e: e.date)]))
        frame = [(label, getattr(saved.frame, name)) for name, label in _FRAME
                 if getattr(saved.frame, name).strip()]
        if frame:
            body.append("<h4>Reflection</h4>" + "".join(
                f"<p><b>{esc(label)}:</b> {_pre(text)}</p>" for label, text in frame))
        if saved.covers:
            body.append(f"<p><b>Range covered:</b> {esc('; '.join(saved.covers))}.</p>")
        body.append(note(f"{saved.words} words."))
        return panel(self.title, "".join(body))

    def _link_text(self, link: str) -> str:
        if not link:
            return ""
        kind, _, key = link.partition(":")
        cls = RECORD_TYPES.get(kind)
        record = self.portfolio.load(cls, key) if cls is not None else None
        return (f"{KIND_LABELS.get(kind, kind)}: "
                + (link_label(record) if record else f"{key} ({GONE})"))


def _pre(text: str) -> str:
    return f'<span style="white-space:pre-wrap">{esc(text)}</span>'


def _cell(value: str, column: Column) -> str:
    return esc(show_date(value)) if column.kind == "date" and value else _pre(value)


class SkillsForm(AnswerForm):
    """1.1: what networking is, and three or more interpersonal skills described."""

    title = "1.1 The interpersonal skills needed for effective networking"
    intro = ("Say what networking is, in your own words. Then describe three or more "
             "interpersonal skills: what each involves (its principal features), a time you "
             "used it at work (the date) and its effect.")
    answer_type = SkillsAnswer
    row_nouns: ClassVar[dict[str, str]] = {**AnswerForm.row_nouns, "skills": "skill"}
    parts = (
        Part("definition", "What networking is", "e.g. Networking is the exchange of "
             "information or services ... For me at work it means ..."),
        Part("skills", "Interpersonal skills", rows=(
            Column("name", "Skill", "text", "110px"),
            Column("features", "Its principal features", "area", "150px"),
            Column("used_on", "Date used", "date", "110px"),
            Column("use", "How you used it", "area", "125px"),
            Column("effect", "Its effect", "area", "125px")),
             row_type=Skill, add_label="Add a skill",
             heading=("Skill", "Principal features", "Date used", "How I used it",
                      "Its effect")),
    )


class ChoosingForm(AnswerForm):
    """1.2: the bases on which to choose networks, each with a because."""

    title = "1.2 The basis on which to choose networks to be developed"
    intro = ("Explain three or more bases for choosing which networks to develop - "
             "reciprocity and confidentiality among them - each with why it matters. "
             "Illustrate them from the criteria you used to shortlist networks in 2.2.")
    answer_type = ChoosingAnswer
    row_nouns: ClassVar[dict[str, str]] = {**AnswerForm.row_nouns, "bases": "basis"}
    parts = (
        Part("bases", "Bases for choosing", rows=(
            Column("name", "Basis", "text", "200px"),
            Column("because", "Because ...", "area", "440px")),
             row_type=Basis, add_label="Add a basis", heading=("Basis", "Because")),
        Part("illustration", "From my own shortlisting (2.2)",
             "e.g. I weighted fit with needs 5 and cost 2, because ..."),
    )


class AgendasForm(AnswerForm):
    """1.3: a shared agenda and a conflict, weighed, and a judgement of usefulness."""

    title = "1.3 The role of shared agendas and conflict management in relationship-building"
    intro = ("Evaluate with two examples from your work: a shared agenda and a conflict. "
             "For each, its strengths and its limits; for the conflict, its cause, your own "
             "interest and the position you took. End with your judgement: how useful is "
             "each in building relationships?")
    answer_type = AgendasAnswer
    parts = (
        Part("agenda", "A shared agenda", "What was the common purpose, who shared it?"),
        Part("agenda_strengths", "Its strengths", height="56px"),
        Part("agenda_limits", "Its limits", height="56px"),
        Part("conflict", "A conflict", "What happened, between whom?"),
        Part("conflict_cause", "Its cause", "e.g. power struggles, professional "
             "differences, poor listening", height="48px"),
        Part("own_interest", "My own interest", "Acknowledge where your interest lay",
             height="48px"),
        Part("position", "The position I stated", height="48px"),
        Part("conflict_strengths", "Strengths of how it was managed", height="56px"),
        Part("conflict_limits", "Limits of how it was managed", height="56px"),
        Part("conclusion", "Conclusion: how useful are they?",
             "My judgement of the usefulness of shared agendas and of conflict management "
             "in building relationships ..."),
    )


class InternetForm(AnswerForm):
    """1.4: the platforms, benefits, risks and how reduced, the policy, a conclusion."""

    title = "1.4 The role of the internet in business networking"
    intro = ("Evaluate the internet in your own networking: the platforms you use, two or "
             "more benefits, two or more risks with how you reduce each, your employer's "
             "social media policy, and your conclusion on its usefulness.")
    answer_type = InternetAnswer
    row_nouns: ClassVar[dict[str, str]] = {**AnswerForm.row_nouns, "benefits": "benefit",
                                           "risks": "risk"}
    parts = (
        Part("platforms", "Platforms I use", "e.g. LinkedIn for ..., a WhatsApp group for "
             "...", height="56px"),
        Part("benefits", "Benefits", rows=(Column("benefit", "Benefit", "area", "560px"),),
             row_type=OnlineBenefit, add_label="Add a benefit", heading=("Benefit",)),
        Part("risks", "Risks", rows=(
            Column("risk", "Risk", "area", "260px"),
            Column("reduced_by", "How I reduce it", "area", "300px")),
             row_type=Risk, add_label="Add a risk", heading=("Risk", "How I reduce it")),
        Part("policy", "My employer's social media policy", height="56px"),
        Part("conclusion", "Conclusion: how useful is it?"),
    )


class LeadsForm(AnswerForm):
    """1.5: the criteria importance is judged by, and the judgement (tracker alongside)."""

    title = "1.5 The importance of following up leads and actions"
    intro = ("Assess it against criteria you state first (e.g. results, trust, reputation, "
             "relationships). Your follow-up tracker below is the evidence: what you "
             "followed up, what slipped and what that cost. End with your judgement.")
    answer_type = LeadsAnswer
    row_nouns: ClassVar[dict[str, str]] = {**AnswerForm.row_nouns, "criteria": "criterion"}
    parts = (
        Part("criteria", "Criteria I judge by", rows=(
            Column("criterion", "Criterion", "area", "560px"),),
             row_type=Measure, add_label="Add a criterion", heading=("Criterion",)),
        Part("judgement", "My judgement", "Against those criteria, following up is ... "
             "because my tracker shows ..."),
    )


class EthicsForm(AnswerForm):
    """1.6: two or more ethical issues taken apart, and the conclusions drawn."""

    title = "1.6 Ethical issues relating to networking activities"
    intro = ("Analyse two or more ethical issues you met in networking (confidentiality, "
             "personal interest, accurate portrayal of your networking, a code of conduct "
             "...): the choice involved, the code or law that applies, who is affected and "
             "how you handled it. Then draw your conclusions.")
    answer_type = EthicsAnswer
    row_nouns: ClassVar[dict[str, str]] = {**AnswerForm.row_nouns, "issues": "issue"}
    parts = (
        Part("issues", "Ethical issues", rows=(
            Column("issue", "Issue", "text", "110px"),
            Column("choice", "The choice involved", "area", "135px"),
            Column("code", "Code or law", "area", "115px"),
            Column("affected", "Who is affected", "area", "110px"),
            Column("handled", "How I handled it", "area", "145px")),
             row_type=EthicalIssue, add_label="Add an issue",
             heading=("Issue", "The choice involved", "Code or law", "Who is affected",
                      "How I handled it")),
        Part("conclusion", "Conclusions"),
    )


class Prompts(LiveView):
    """Questions drawn from the learner's own records, to write from; kept current."""

    listens_to = ("followup", "network", "contact", "shortlist_criterion",
                  *(cls.KIND for cls in ANSWER_TYPES.values()))

    def data(self) -> object:
        return tuple(prompts(self.portfolio))

    def render(self, data: object) -> str:
        assert isinstance(data, tuple)
        if not data:
            return note("No questions from your records yet: they appear as you record "
                        "networks, contacts and follow-ups.")
        items = "".join(f"<li>{esc(line)}</li>" for line in data)
        return panel("Questions from your own records", f"<ul>{items}</ul>")

    def html(self) -> str:
        return self.render(self.data())
