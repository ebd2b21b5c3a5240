"""The forms and views of notebook 03 (learning outcome 3: maintain networks, 3.1-3.7).

Each form is a dated log the learner returns to: one entry at a time, every entry with its
date, network, the people involved (from the contacts register) and evidence references.
The model's rules (:mod:`netkit.lo3`) decide what can be saved; the forms show every
problem next to its field.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w

from ..agreement import agreement_files, agreement_html, file_note
from ..lo3 import (
    FIRST_MEETING,
    Action,
    Agreement,
    Interaction,
    Introduction,
    MutualBenefit,
    Offers,
    Promotion,
    Review,
    Support,
    contact_name,
)
from ..lo3_coverage import suggested_introductions
from ..model import Record
from ..render import STYLE, esc, note, panel, show_date, stamper
from .base import Form
from .entries import WIDE, EntryForm, FieldSpec, Names
from .views import LiveView, html_table

__all__ = [
    "ActionForm",
    "AgreementForm",
    "Agreements",
    "InteractionForm",
    "IntroductionForm",
    "MutualBenefitForm",
    "OffersForm",
    "PromotionForm",
    "ReviewForm",
    "SuggestedIntroductions",
    "SupportForm",
]

EVIDENCE: FieldSpec = ("evidence", "Evidence references", "area",
                       "e.g. e-mail of 22 Oct 2025; meeting notes; witness: Mark Ellis")
DATE: FieldSpec = ("date", "Date", "date", "e.g. 28/11/2026, or pick it")
NETWORK: FieldSpec = ("network", "Network", "network", "")


class MutualBenefitForm(EntryForm):
    """3.1: a member, their interests, what each side can offer."""

    title = "3.1 Potential for mutual benefit"
    intro = ("One entry per network member: their interests, what they could offer you "
             "(tick the needs and aspirations from 2.1 it serves) and what you could offer "
             "them. Log your dated interactions with them in the next form.")
    record_type: ClassVar[type[Record]] = MutualBenefit
    noun = "member"
    new_label = "New member..."
    spec = (("member", "Network member", "contact", ""), NETWORK, DATE,
            ("interests", "Their interests", "tags", "e.g. WMS, benchmarking"),
            ("looking_for", "What they are looking for", "tags", "e.g. agency staff"),
            ("they_offer", "What they can offer you", "area", ""),
            ("serves", "It serves (2.1)", "needs", ""),
            ("i_offer", "What you can offer them", "area", ""), EVIDENCE)
    columns = (("Member", ("member", "network", "date")),
               ("Interests", ("interests", "looking_for")),
               ("They can offer you", ("they_offer", "serves")),
               ("You can offer them", ("i_offer",)), ("Evidence", ("evidence",)))

    def label(self, record: Record) -> str:
        assert isinstance(record, MutualBenefit)
        return contact_name(self.portfolio, record.member)


class InteractionForm(EntryForm):
    """3.1: one dated interaction with a member."""

    title = "3.1 Interactions with members"
    intro = ("Each time you deal with a member: the date, what kind of contact it was and "
             "what came of it. Exchanging details at a first meeting is worth logging, "
             "but it does not show a relationship: netkit counts a member once two or more "
             "other dated interactions are logged (its own rule: the guidance names no "
             "number of interactions, only that a first meeting is not sufficient).")
    record_type: ClassVar[type[Record]] = Interaction
    noun = "interaction"
    new_label = "New interaction..."
    spec = (("member", "Network member", "contact", ""), NETWORK, DATE,
            ("kind", "Kind of contact", "menu:INTERACTION_KINDS", ""),
            ("summary", "What happened", "area", ""), EVIDENCE)
    columns = (("Date", ("date",)), ("Member", ("member", "network")),
               ("Contact", ("kind", "summary")), ("Evidence", ("evidence",)))

    def label(self, record: Record) -> str:
        assert isinstance(record, Interaction)
        return (f"{show_date(record.date)}: {contact_name(self.portfolio, record.member)} "
                f"({record.kind})")

    def cell(self, record: Record, fields: tuple[str, ...], names: Names) -> str:
        html = super().cell(record, fields, names)
        if "kind" in fields and isinstance(record, Interaction) and record.kind == FIRST_MEETING:
            html += "<br><b>Does not count for 3.1</b> (exchanging details only)."
        return html


class OffersForm(Form):
    """3.2: what the learner can offer network members (skills, knowledge, competence)."""

    title = "3.2 What you can offer"
    intro = "Your skills, knowledge and competence that network members could use, one a line."

    def build(self) -> list[w.Widget]:
        return [self.add_field("items", "You can offer", w.Textarea(
            layout=w.Layout(width=WIDE, height="110px"),
            placeholder="e.g. Lessons from leading a WMS upgrade through peak season"))]

    def refresh(self) -> None:
        saved = self.portfolio.load(Offers)
        self.fields["items"].value = "\n".join(saved.items) if saved else ""

    def collect(self) -> Offers:
        return Offers(items=[t for t in str(self.fields["items"].value).splitlines()
                             if t.strip()])

    def after_save(self, record: Record) -> None:
        from .events import announce

        announce(self.portfolio, record.KIND, self)

    def static_html(self) -> str:
        saved = self.portfolio.load(Offers)
        if saved is None:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, stamper(self.portfolio)(saved) + "<ul>"
                     + "".join(f"<li>{esc(i)}</li>" for i in saved.items) + "</ul>")


class PromotionForm(EntryForm):
    """3.2: one occasion the learner promoted what they can offer."""

    title = "3.2 Promoting what you can offer"
    intro = ("Each occasion: to whom, by which channel, what you said or showed, and how "
             "they responded.")
    record_type: ClassVar[type[Record]] = Promotion
    noun = "promotion"
    new_label = "New promotion..."
    spec = (DATE, NETWORK, ("people", "To whom", "contacts", ""),
            ("audience", "Or the audience", "text", "e.g. 40 members at the branch webinar"),
            ("channel", "Channel", "toggle:CHANNELS", ""),
            ("offers", "What you promoted", "offers", ""),
            ("what", "What you said or showed", "area", ""),
            ("response", "Their response", "area", ""), EVIDENCE)
    columns = (("Date", ("date", "channel")), ("To whom", ("people", "audience", "network")),
               ("What", ("offers", "what")), ("Response", ("response",)),
               ("Evidence", ("evidence",)))

    def label(self, record: Record) -> str:
        assert isinstance(record, Promotion)
        return f"{show_date(record.date)}: {record.channel}, {record.what[:40]}"


class SupportForm(EntryForm):
    """3.3: information, services or support given to a 3.1 member."""

    title = "3.3 Information, services or support you gave"
    intro = ("For a member you identified mutual benefit with (3.1): what you gave, the "
             "agreement whose boundaries you checked it against (3.4), their feedback and "
             "what you gained and used in return.")
    record_type: ClassVar[type[Record]] = Support
    noun = "contribution"
    new_label = "New contribution..."
    spec = (("member", "Network member", "contact", ""), NETWORK, DATE,
            ("given", "What you gave", "area", ""),
            ("agreement", "Agreement checked against", "agreement", ""),
            ("checked", "Within the boundaries", "flag", "I checked it against the "
                                                         "agreement's boundaries"),
            ("how_followed", "How you followed the guidelines", "area",
             "e.g. anonymised, sent by the agreed channel"),
            ("feedback", "Their feedback", "area", ""),
            ("gained", "What you gained in return", "area", ""),
            ("used", "How you used it", "area", ""), EVIDENCE)
    columns = (("Member", ("member", "network", "date")),
               ("Given", ("given", "agreement", "checked", "how_followed")),
               ("Feedback", ("feedback",)), ("In return", ("gained", "used")),
               ("Evidence", ("evidence",)))

    def label(self, record: Record) -> str:
        assert isinstance(record, Support)
        return f"{show_date(record.date)}: {contact_name(self.portfolio, record.member)}"


class AgreementForm(EntryForm):
    """3.4 and 3.5: the confidentiality agreement and the guidelines for exchange."""

    title = "3.4 and 3.5 Confidentiality agreements"
    intro = ("Agree it with a network member (not only your line manager): what may be "
             "shared, what may not, what only on conditions, why (the law and rules in your "
             "own words), how you will exchange information, and when you will review it. "
             "It counts once the other party has confirmed it (an e-mail or minutes).")
    record_type: ClassVar[type[Record]] = Agreement
    noun = "agreement"
    new_label = "New agreement..."
    spec = (("title", "Title", "text", "e.g. Benchmarking with the CILT branch"),
            NETWORK, ("date", "Drawn up on", "date", ""),
            ("members", "With (network members)", "contacts", ""),
            ("may_share", "May be shared", "lines", ""),
            ("may_not", "May not be shared", "lines", ""),
            ("conditional", "Only on conditions", "lines", "what, and on which condition"),
            ("legal_basis", "Legal and regulatory basis", "area",
             "UK GDPR and the Data Protection Act 2018, sector rules, professional codes, "
             "employer policy, contracts: in your words"),
            ("channels", "Channels", "area", "how you exchange information"),
            ("anonymising", "Anonymising", "area", ""),
            ("permission", "Permission before passing on", "area", ""),
            ("attribution", "Attribution", "area", ""),
            ("storage", "Storage", "area", ""),
            ("response_times", "Response times", "area", ""),
            ("duration", "Duration", "text", "e.g. one year"),
            ("review_date", "Review date", "date", ""),
            ("on_breach", "If it is breached", "area", ""),
            ("learner_agreed", "You agreed on", "date", ""),
            ("members_agreed", "They agreed on", "date", ""),
            ("confirmation", "Their confirmation", "text",
             "e.g. Sam's e-mail of 22 Oct 2025"), EVIDENCE)
    columns = (("Agreement", ("title", "network", "date")), ("With", ("members",)),
               ("Agreed", ("learner_agreed", "members_agreed", "confirmation")),
               ("Duration", ("duration", "review_date")))

    def label(self, record: Record) -> str:
        assert isinstance(record, Agreement)
        return record.title

    def static_body(self, records: list[Any]) -> str:
        return super().static_body(records) + note(
            "Each agreement as a document to sign is shown below the form.")


class Agreements(LiveView):
    """Every saved agreement as a formatted document, for both parties to sign."""

    listens_to = ("agreement", "contact", "learner", "network")

    def html(self) -> str:
        agreements = agreement_files(self.portfolio)
        if not agreements:
            return STYLE + note("No agreement saved yet: the document appears here.")
        # In an export each agreement is also a file of its own: say which.
        files = self.portfolio.is_export_copy
        return STYLE + "".join(agreement_html(self.portfolio, a)
                               + (file_note(stem) if files else "")
                               for stem, a in agreements)


class ReviewForm(EntryForm):
    """3.6: a dated review of the needs and aspirations from 2.1."""

    title = "3.6 Reviews of your needs and aspirations"
    intro = ("Look again at your needs and aspirations from 2.1: which changed, which "
             "networks still serve them, and when you will look again. Each save keeps the "
             "earlier version in the history.")
    record_type: ClassVar[type[Record]] = Review
    noun = "review"
    new_label = "New review..."
    spec = (DATE, ("needs", "Needs and aspirations reviewed", "needs", ""),
            ("networks", "Networks considered", "networks", ""),
            ("findings", "What changed, and what you will do", "area", ""),
            ("next_review", "Next review", "date", ""), EVIDENCE)
    columns = (("Date", ("date", "next_review")), ("Reviewed", ("needs", "networks")),
               ("Findings", ("findings",)), ("Evidence", ("evidence",)))

    def label(self, record: Record) -> str:
        assert isinstance(record, Review)
        return f"Review of {show_date(record.date)}"


class ActionForm(EntryForm):
    """3.6: an action taken on participation: join, leave, change role, attend."""

    title = "3.6 Actions on your participation"
    intro = ("What you decided to do (join, leave, change role, attend), by when, and when "
             "it was done, with evidence. Overdue actions are highlighted.")
    record_type: ClassVar[type[Record]] = Action
    noun = "action"
    new_label = "New action..."
    spec = (("date", "Decided on", "date", ""), NETWORK,
            ("action", "Action", "toggle:ACTIONS", ""),
            ("detail", "What exactly", "area", ""),
            ("review", "After the review of", "review", ""),
            ("due", "Due by", "date", ""), ("done", "Done on", "date", ""), EVIDENCE)
    columns = (("Action", ("action", "network", "detail")),
               ("Dates", ("date", "due", "done")), ("Status", ()),
               ("Evidence", ("evidence", "review")))

    def label(self, record: Record) -> str:
        assert isinstance(record, Action)
        return f"{record.action}: {record.detail[:50]}"

    def cell(self, record: Record, fields: tuple[str, ...], names: Names) -> str:
        if fields or not isinstance(record, Action):
            return super().cell(record, fields, names)
        if record.done:
            return "done"
        if record.overdue():
            return '<b class="nk-overdue" style="color:#b00020">OVERDUE</b>'
        return "open"


class IntroductionForm(EntryForm):
    """3.7: an introduction of one contact to another."""

    title = "3.7 Introductions you made"
    intro = ("Who you introduced to whom, into a network or within it, the interest they "
             "share or complement, and what came of it. Ask both people first.")
    record_type: ClassVar[type[Record]] = Introduction
    noun = "introduction"
    new_label = "New introduction..."
    spec = (DATE, NETWORK, ("person", "You introduced", "contact", ""),
            ("to", "To", "contact", ""),
            ("kind", "Introduction", "toggle:INTRODUCTION_KINDS", ""),
            ("interest_kind", "Interest", "toggle:INTEREST_KINDS", ""),
            ("interest", "The interest", "area", ""),
            ("consent_person", "Consent", "flag", "the person introduced agreed"),
            ("consent_to", "", "flag", "the person they were introduced to agreed"),
            ("outcome", "Outcome", "area", ""), EVIDENCE)
    columns = (("Date", ("date", "kind")), ("Who to whom", ("person", "to", "network")),
               ("Interest", ("interest_kind", "interest")),
               ("Consent", ("consent_person", "consent_to")),
               ("Outcome", ("outcome", "evidence")))
    cell_labels: ClassVar[dict[str, str]] = {"consent_person": "Person introduced",
                                             "consent_to": "Introduced to"}

    def label(self, record: Record) -> str:
        assert isinstance(record, Introduction)
        return (f"{show_date(record.date)}: {contact_name(self.portfolio, record.person)} to "
                f"{contact_name(self.portfolio, record.to)}")

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        # The model names both tick boxes "consent": show it beside the first.
        super().show_errors([("consent_person" if f == "consent" else f, m)
                             for f, m in errors])


class SuggestedIntroductions(LiveView):
    """Pairs of contacts with shared or complementary interests not yet introduced."""

    listens_to = ("contact", "mutual_benefit", "introduction")

    def data(self) -> object:
        return suggested_introductions(self.portfolio)

    def render(self, data: object) -> str:
        assert isinstance(data, tuple)
        if not data:
            return STYLE + note("No suggestions yet: record members' interests and what "
                                "they are looking for (3.1), or every pair with something "
                                "in common is already introduced.")
        rows = [(esc(f"{s.names[0]} and {s.names[1]}"), esc(", ".join(s.shared)),
                 "<br>".join(esc(c) for c in s.complementary), f"{s.score:.1f}")
                for s in data]
        return panel("Suggested introductions", html_table(
            ["Pair", "Shared interests", "Complementary", "Score"], rows)
            + note("Complementary interests count double; ask both people before you "
                   "introduce them."))

    def html(self) -> str:
        return self.render(self.data())
