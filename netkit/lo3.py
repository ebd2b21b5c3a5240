"""What a learner records for learning outcome 3 (criteria 3.1-3.7): plain records, no I/O.

Maintaining networks is evidenced by a dated log of real activity, so every entry carries a
date, the network (a 2.1 network's key), the people involved (keys of
:class:`~netkit.model.Contact` records) and optional evidence references, free text for
now (an e-mail, meeting notes, a witness).

- 3.1 :class:`MutualBenefit` (one per member) and :class:`Interaction` (each dated contact
  with them; exchanging details at a first meeting is logged but does not count);
- 3.2 :class:`Offers` (what the learner can offer) and :class:`Promotion` (each occasion);
- 3.3 :class:`Support` given to a 3.1 member, checked against an agreement's boundaries;
- 3.4/3.5 :class:`Agreement`, the confidentiality agreement and exchange guidelines;
- 3.6 :class:`Review` of needs and aspirations and the :class:`Action` taken;
- 3.7 :class:`Introduction` of one contact to another, into or within a network.

The store knows these kinds through :data:`netkit.model.RECORD_TYPES` (this module adds
them there when it is imported, which ``netkit.model`` does).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import model
from .exceptions import ValidationError
from .model import (
    RECORD_TYPES,
    Contact,
    Need,
    Network,
    Record,
    Records,
    _choice,
    _date,
    _optional_date,
    _Problems,
    _text,
    new_key,
    parse_date,
)

__all__ = [
    "ACTIONS",
    "CHANNELS",
    "FIRST_MEETING",
    "GUIDELINES",
    "INTERACTION_KINDS",
    "INTEREST_KINDS",
    "INTRODUCTION_KINDS",
    "LO3_RECORDS",
    "Action",
    "Agreement",
    "Interaction",
    "Introduction",
    "MutualBenefit",
    "Offers",
    "Promotion",
    "Review",
    "Support",
]

FIRST_MEETING = "exchanged details at a first meeting"
INTERACTION_KINDS = (FIRST_MEETING, "conversation", "meeting", "call", "e-mail or message",
                     "event", "working together")
CHANNELS = ("meeting", "talk", "post", "e-mail")
ACTIONS = ("join", "leave", "change role", "attend")
INTRODUCTION_KINDS = ("into a network", "within a network")
INTEREST_KINDS = ("common", "complementary")
# The exchange guidelines of an agreement (3.5): field -> what it says.
GUIDELINES = {
    "channels": "Channels",
    "anonymising": "Anonymising",
    "permission": "Permission before passing anything on",
    "attribution": "Attribution",
    "storage": "Storage",
    "response_times": "Response times",
}


def _any_date(value: Any, name: str) -> str:
    """An optional date that may lie ahead (a due or review date), as ISO text."""
    text = _text(value, name, limit=40)
    if not text:
        return ""
    try:
        return parse_date(text).isoformat()
    except ValueError:
        raise ValidationError(name, model.date_problem(text)) from None


def _lines(value: Any, name: str, *, limit: int = 1000) -> list[str]:
    """A list of texts (a string is split into lines); blanks and repeats go."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)):
        raise ValidationError(name, f"give a list (got {value!r}).")
    out: dict[str, None] = {}
    for i, item in enumerate(value):
        text = " ".join(str(item).split())
        if len(text) > limit:
            raise ValidationError(f"{name}[{i}]", f"keep it under {limit:,} characters.")
        if text:
            out.setdefault(text)
    return list(out)


def _keys(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    return list(dict.fromkeys(str(v) for v in value or () if str(v)))


def _contact_problem(others: Records, key: str, name: str) -> list[tuple[str, str]]:
    if not key or others.load(Contact, key) is not None:
        return []
    return [(name, "this person is not in your contacts register (they may have been "
                   "deleted): add them there, or choose someone else.")]


def _network_problem(others: Records, key: str, name: str = "network"
                     ) -> list[tuple[str, str]]:
    if not key or others.load(Network, key) is not None:
        return []
    return [(name, "this network is not among your 2.1 networks (it may have been "
                   "deleted): add it in notebook 02, or choose another.")]


def contact_name(others: Records, key: str) -> str:
    """The contact's name, or the key when they are not (or no longer) registered."""
    found = others.load(Contact, key)
    return found.name if found is not None else key


class _Entry(Record):
    """Shared rules: a date, a 2.1 network, people from the register, evidence text."""

    CITES: ClassVar[tuple[str, ...]] = ("evidence",)
    # every entry's dataclass defines these fields
    date: str
    network: str
    evidence: str

    def _base(self, problems: _Problems) -> None:
        self.date = problems.get(_date, self.date, "date")
        self.network = problems.get(_text, self.network, "network", required=True,
                                    limit=200)
        self.evidence = problems.get(_text, self.evidence, "evidence", limit=5000)

    def check(self, others: Records) -> list[tuple[str, str]]:
        found = _network_problem(others, self.network)
        for name, kind in self.REFERS_TO.items():  # the people involved
            if kind == Contact.KIND:
                for key in _keys(getattr(self, name)):
                    found += _contact_problem(others, key, name)
        return found


@dataclass
class MutualBenefit(_Entry):
    """3.1: the potential for mutual benefit with one network member."""

    KIND: ClassVar[str] = "mutual_benefit"
    REFERS_TO: ClassVar[dict[str, str]] = {"member": "contact", "network": "network",
                                           "serves": "need"}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    member: str = ""
    network: str = ""
    date: str = ""
    interests: list[str] = field(default_factory=list)
    looking_for: list[str] = field(default_factory=list)
    they_offer: str = ""
    serves: list[str] = field(default_factory=list)
    i_offer: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> MutualBenefit:
        problems = _Problems()
        self.member = problems.get(_text, self.member, "member", required=True, limit=200)
        self._base(problems)
        self.interests = problems.get(_tags, self.interests, "interests")
        self.looking_for = problems.get(_tags, self.looking_for, "looking_for")
        self.they_offer = problems.get(_text, self.they_offer, "they_offer", required=True,
                                       limit=5000)
        self.serves = _keys(self.serves)
        self.i_offer = problems.get(_text, self.i_offer, "i_offer", required=True,
                                    limit=5000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        found = super().check(others)
        unknown = [k for k in self.serves if others.load(Need, k) is None]
        if unknown:
            found.append(("serves", "a need or aspiration ticked here is no longer saved "
                                    "(2.1): untick it."))
        for other in others.all(MutualBenefit):
            if other.id != self.id and other.member == self.member:
                found.append(("member", f"you already recorded the potential for mutual "
                                        f"benefit with {contact_name(others, self.member)}: "
                                        "pick that entry to add to it."))
                break
        return found


def _tags(value: Any, name: str) -> list[str]:
    """Short tags, typed separated by commas (case and spacing ignored for repeats)."""
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    if not isinstance(value, (list, tuple)):
        raise ValidationError(name, f"give a list (got {value!r}).")
    out: dict[str, str] = {}
    for item in value:
        text = " ".join(str(item).split())
        if len(text) > 100:
            raise ValidationError(name, f"keep each one under 100 characters ({text[:30]!r}"
                                        "...).")
        if text:
            out.setdefault(text.casefold(), text)
    return list(out.values())


@dataclass
class Interaction(_Entry):
    """3.1: one dated interaction with a network member."""

    KIND: ClassVar[str] = "interaction"
    REFERS_TO: ClassVar[dict[str, str]] = {"member": "contact", "network": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    member: str = ""
    network: str = ""
    date: str = ""
    kind: str = INTERACTION_KINDS[1]
    summary: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    @property
    def counts(self) -> bool:
        """Whether it evidences a relationship: exchanging details at a first meeting does
        not."""
        return self.kind != FIRST_MEETING

    def validate(self) -> Interaction:
        problems = _Problems()
        self.member = problems.get(_text, self.member, "member", required=True, limit=200)
        self._base(problems)
        problems.get(_choice, self.kind, "kind", INTERACTION_KINDS)
        self.summary = problems.get(_text, self.summary, "summary", required=True,
                                    limit=5000)
        problems.raise_any()
        return self


@dataclass
class Offers(Record):
    """3.2: the skills, knowledge and competence the learner can offer network members."""

    KIND: ClassVar[str] = "offers"
    SINGLETON: ClassVar[bool] = True
    items: list[str] = field(default_factory=list)

    def validate(self) -> Offers:
        problems = _Problems()
        self.items = problems.get(_lines, self.items, "items")
        if isinstance(self.items, list) and not self.items:
            problems.add("items", "write at least one thing you can offer, one a line.")
        problems.raise_any()
        return self


@dataclass
class Promotion(_Entry):
    """3.2: one occasion the learner promoted what they can offer."""

    KIND: ClassVar[str] = "promotion"
    REFERS_TO: ClassVar[dict[str, str]] = {"people": "contact", "network": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    date: str = ""
    network: str = ""
    people: list[str] = field(default_factory=list)
    audience: str = ""
    channel: str = CHANNELS[0]
    offers: list[str] = field(default_factory=list)
    what: str = ""
    response: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> Promotion:
        problems = _Problems()
        self._base(problems)
        self.people = _keys(self.people)
        self.audience = problems.get(_text, self.audience, "audience", limit=500)
        if not self.people and not self.audience:
            problems.add("people", "say to whom: tick the people, or describe the audience "
                                   "(e.g. 40 members at the branch webinar).")
        problems.get(_choice, self.channel, "channel", CHANNELS)
        self.offers = _keys(self.offers)
        self.what = problems.get(_text, self.what, "what", required=True, limit=5000)
        self.response = problems.get(_text, self.response, "response", limit=5000)
        problems.raise_any()
        return self

    def without_reference(self, kind: str, key: str) -> Promotion | None:
        """Erasing a person: the promotion stays while it still has an audience."""
        changed = super().without_reference(kind, key)
        if changed is not None and not changed.people and not changed.audience:
            return None
        return changed

    def check(self, others: Records) -> list[tuple[str, str]]:
        found = super().check(others)
        saved = others.load(Offers)
        known = set(saved.items) if saved else set()
        if any(o not in known for o in self.offers):
            found.append(("offers", "tick only what is on your saved list of what you can "
                                    "offer (change the list first)."))
        return found


@dataclass
class Support(_Entry):
    """3.3: information, services or support given to a 3.1 member, and what came back."""

    KIND: ClassVar[str] = "support"
    REFERS_TO: ClassVar[dict[str, str]] = {"member": "contact", "network": "network",
                                           "agreement": "agreement"}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    member: str = ""
    network: str = ""
    date: str = ""
    given: str = ""
    agreement: str = ""
    checked: bool = False
    how_followed: str = ""
    feedback: str = ""
    gained: str = ""
    used: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> Support:
        problems = _Problems()
        self.member = problems.get(_text, self.member, "member", required=True, limit=200)
        self._base(problems)
        self.given = problems.get(_text, self.given, "given", required=True, limit=5000)
        self.agreement = problems.get(_text, self.agreement, "agreement", limit=200)
        self.checked = self.checked is True
        if self.checked and not self.agreement:
            problems.add("agreement", "choose the agreement whose boundaries you checked it "
                                      "against.")
        for name in ("how_followed", "feedback", "gained", "used"):
            setattr(self, name, problems.get(_text, getattr(self, name), name, limit=5000))
        if self.used and not self.gained:
            problems.add("gained", "say what you gained before how you used it.")
        problems.raise_any()
        return self

    def without_reference(self, kind: str, key: str) -> Support | None:
        """Erasing the agreement it was checked against leaves it unchecked, not gone."""
        if kind == Agreement.KIND and self.agreement == key:
            changed = copy.deepcopy(self)
            changed.agreement, changed.checked = "", False
            return changed
        return super().without_reference(kind, key)

    def check(self, others: Records) -> list[tuple[str, str]]:
        found = super().check(others)
        if self.member and not any(m.member == self.member
                                   for m in others.all(MutualBenefit)):
            found.append(("member", f"record the potential for mutual benefit with "
                                    f"{contact_name(others, self.member)} first (3.1): "
                                    "support counts where it has been identified."))
        if self.agreement and others.load(Agreement, self.agreement) is None:
            found.append(("agreement", "this agreement is no longer saved: choose another."))
        return found


@dataclass
class Agreement(_Entry):
    """3.4 and 3.5: a confidentiality agreement with one or more network members."""

    KIND: ClassVar[str] = "agreement"
    REFERS_TO: ClassVar[dict[str, str]] = {"members": "contact", "network": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("date", "review_date", "learner_agreed",
                                        "members_agreed")
    title: str = ""
    network: str = ""
    date: str = ""
    members: list[str] = field(default_factory=list)
    may_share: list[str] = field(default_factory=list)
    may_not: list[str] = field(default_factory=list)
    conditional: list[str] = field(default_factory=list)
    legal_basis: str = ""
    channels: str = ""
    anonymising: str = ""
    permission: str = ""
    attribution: str = ""
    storage: str = ""
    response_times: str = ""
    duration: str = ""
    review_date: str = ""
    on_breach: str = ""
    learner_agreed: str = ""
    members_agreed: str = ""
    confirmation: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    @property
    def confirmed(self) -> bool:
        """Whether both sides agreed and the other party's confirmation is referenced."""
        return bool(self.learner_agreed and self.members_agreed and self.confirmation)

    def without_reference(self, kind: str, key: str) -> Agreement | None:
        """Erasing a member: an agreement left with no other party goes too."""
        changed = super().without_reference(kind, key)
        return changed if changed is not None and changed.members else None

    @property
    def missing_guidelines(self) -> list[str]:
        """The exchange guidelines (3.5) still blank, by their headings."""
        return [label for name, label in GUIDELINES.items() if not getattr(self, name)]

    def validate(self) -> Agreement:
        problems = _Problems()
        self.title = problems.get(_text, self.title, "title", required=True, limit=200)
        self._base(problems)
        self.members = _keys(self.members)
        if not self.members:
            problems.add("members", "tick the network member(s) you agree it with: an "
                                    "agreement has at least two parties, you and them.")
        for name in ("may_share", "may_not", "conditional"):
            setattr(self, name, problems.get(_lines, getattr(self, name), name))
        if isinstance(self.may_share, list) and not self.may_share:
            problems.add("may_share", "write at least one thing that may be shared.")
        if isinstance(self.may_not, list) and not self.may_not:
            problems.add("may_not", "write at least one thing that may not be shared.")
        self.legal_basis = problems.get(_text, self.legal_basis, "legal_basis",
                                        required=True, limit=5000)
        for name in (*GUIDELINES, "duration", "on_breach", "confirmation"):
            setattr(self, name, problems.get(_text, getattr(self, name), name, limit=5000))
        self.review_date = problems.get(_any_date, self.review_date, "review_date")
        self.learner_agreed = problems.get(_optional_date, self.learner_agreed,
                                           "learner_agreed")
        self.members_agreed = problems.get(_optional_date, self.members_agreed,
                                           "members_agreed")
        if self.confirmation and not self.members_agreed:
            problems.add("members_agreed", "give the date the other party agreed (their "
                                           "confirmation is referenced).")
        for name in ("review_date", "learner_agreed", "members_agreed"):
            value = getattr(self, name)
            if _iso(value) and _iso(self.date) and value < self.date:
                problems.add(name, f"{value} is before the agreement was drawn up "
                                   f"({self.date}): correct one of the dates.")
        problems.raise_any()
        return self


def _iso(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


@dataclass
class Review(Record):
    """3.6: a dated review of the needs and aspirations from 2.1 against participation."""

    KIND: ClassVar[str] = "review"
    CITES: ClassVar[tuple[str, ...]] = ("evidence",)
    REFERS_TO: ClassVar[dict[str, str]] = {"needs": "need", "networks": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("date", "next_review")
    date: str = ""
    needs: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    findings: str = ""
    next_review: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> Review:
        problems = _Problems()
        self.date = problems.get(_date, self.date, "date")
        self.needs = _keys(self.needs)
        self.networks = _keys(self.networks)
        self.findings = problems.get(_text, self.findings, "findings", required=True,
                                     limit=10_000)
        self.next_review = problems.get(_any_date, self.next_review, "next_review")
        if _iso(self.next_review) and _iso(self.date) and self.next_review <= self.date:
            problems.add("next_review", "the next review comes after this one.")
        self.evidence = problems.get(_text, self.evidence, "evidence", limit=5000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if any(others.load(Need, k) is None for k in self.needs):
            found.append(("needs", "a need or aspiration ticked here is no longer saved: "
                                   "untick it."))
        if any(others.load(Network, k) is None for k in self.networks):
            found.append(("networks", "a network ticked here is no longer saved: untick "
                                      "it."))
        return found


@dataclass
class Action(_Entry):
    """3.6: an action on participation (join, leave, change role, attend)."""

    KIND: ClassVar[str] = "action"
    REFERS_TO: ClassVar[dict[str, str]] = {"network": "network", "review": "review"}
    DATES: ClassVar[tuple[str, ...]] = ("date", "due", "done")
    date: str = ""
    network: str = ""
    action: str = ACTIONS[0]
    detail: str = ""
    review: str = ""
    due: str = ""
    done: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def overdue(self, today: dt.date | None = None) -> bool:
        """Not done and past its due date."""
        if self.done or not _iso(self.due):
            return False
        return dt.date.fromisoformat(self.due) < (today or model._today())

    def validate(self) -> Action:
        problems = _Problems()
        self._base(problems)
        problems.get(_choice, self.action, "action", ACTIONS)
        self.detail = problems.get(_text, self.detail, "detail", required=True, limit=5000)
        self.review = problems.get(_text, self.review, "review", limit=200)
        self.due = problems.get(_any_date, self.due, "due")
        self.done = problems.get(_optional_date, self.done, "done")
        for name in ("due", "done"):
            value = getattr(self, name)
            if _iso(value) and _iso(self.date) and value < self.date:
                problems.add(name, f"{value} is before you decided on the action "
                                   f"({self.date}): correct one of the dates.")
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        found = super().check(others)
        if self.review and others.load(Review, self.review) is None:
            found.append(("review", "this review is no longer saved: choose another."))
        return found


@dataclass
class Introduction(_Entry):
    """3.7: an introduction of one person to another, into a network or within it."""

    KIND: ClassVar[str] = "introduction"
    REFERS_TO: ClassVar[dict[str, str]] = {"person": "contact", "to": "contact",
                                           "network": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    date: str = ""
    network: str = ""
    person: str = ""
    to: str = ""
    kind: str = INTRODUCTION_KINDS[1]
    interest_kind: str = INTEREST_KINDS[0]
    interest: str = ""
    consent_person: bool = False
    consent_to: bool = False
    outcome: str = ""
    evidence: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> Introduction:
        problems = _Problems()
        self._base(problems)
        self.person = problems.get(_text, self.person, "person", required=True, limit=200)
        self.to = problems.get(_text, self.to, "to", required=True, limit=200)
        if self.person and self.person == self.to:
            problems.add("to", "introduce the person to someone else.")
        problems.get(_choice, self.kind, "kind", INTRODUCTION_KINDS)
        problems.get(_choice, self.interest_kind, "interest_kind", INTEREST_KINDS)
        self.interest = problems.get(_text, self.interest, "interest", required=True,
                                     limit=2000)
        self.consent_person = self.consent_person is True
        self.consent_to = self.consent_to is True
        if not (self.consent_person and self.consent_to):
            problems.add("consent", "an introduction needs both people's consent: ask each "
                                    "of them first, then tick both.")
        self.outcome = problems.get(_text, self.outcome, "outcome", limit=5000)
        problems.raise_any()
        return self


LO3_RECORDS: tuple[type[Record], ...] = (MutualBenefit, Interaction, Offers, Promotion,
                                         Support, Agreement, Review, Action, Introduction)
RECORD_TYPES.update({cls.KIND: cls for cls in LO3_RECORDS})
