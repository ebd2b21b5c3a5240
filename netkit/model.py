"""Plain dataclasses for what a learner records: no widgets, no I/O.

Each record class names its ``KIND`` (the table it is stored under) and its ``key``.
``validate()`` raises :class:`~netkit.exceptions.ValidationError` naming the field at
fault; ``to_dict``/``from_dict`` are what the store writes and reads.
"""

from __future__ import annotations

import dataclasses
import math
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from .exceptions import ValidationError

__all__ = [
    "ASSESSMENT_CATEGORIES",
    "DECLARATION",
    "DIRECTIONS",
    "HORIZONS",
    "JUDGEMENTS",
    "NETWORK_KINDS",
    "RECORD_TYPES",
    "SUGGESTED_CRITERIA",
    "Assessment",
    "AssessmentItem",
    "Benefit",
    "Contact",
    "Declaration",
    "Discussion",
    "Learner",
    "Need",
    "Network",
    "Record",
    "Scores",
    "Shortlist",
    "ShortlistCriterion",
    "Witness",
    "new_key",
]

R = TypeVar("R", bound="Record")

HORIZONS = ("current need", "future aspiration")
PRIORITIES = ("high", "medium", "low")
NETWORK_KINDS = (
    "professional body",
    "sector or trade association",
    "internal or cross-functional",
    "alumni",
    "online community or platform",
    "local business group",
    "special-interest or CPD group",
    "mentoring scheme",
    "other",
)
DIRECTIONS = ("more is better", "less is better")
SUGGESTED_CRITERIA = (
    ("Fit with needs", "more is better"),
    ("Fit with aspirations", "more is better"),
    ("Access to expertise", "more is better"),
    ("Credibility", "more is better"),
    ("Reach", "more is better"),
    ("Cost", "less is better"),
    ("Time", "less is better"),
)
ASSESSMENT_CATEGORIES = (
    "time", "fees", "travel", "obligations", "confidentiality constraints", "reputation",
    "knowledge and expertise", "contacts and opportunities", "career", "other",
)
JUDGEMENTS = ("join", "maintain", "leave", "not now")


def new_key() -> str:
    """A short random key for a new record (stable across renames)."""
    return uuid.uuid4().hex[:12]


def _text(value: Any, name: str, *, required: bool = False, limit: int = 20_000) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ValidationError(name, "this cannot be empty.")
    if len(text) > limit:
        raise ValidationError(name, f"keep it under {limit:,} characters (it has {len(text):,}).")
    return text


def _choice(value: str, name: str, options: tuple[str, ...]) -> str:
    if value not in options:
        raise ValidationError(name, f"choose one of: {', '.join(options)} (got {value!r}).")
    return value


def _number(value: Any, name: str, *, low: float = 0.0, high: float | None = None) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(name, f"enter a number (got {value!r}).") from None
    if math.isnan(number) or math.isinf(number):
        raise ValidationError(name, f"enter a finite number (got {value!r}).")
    if number < low:
        raise ValidationError(name, f"cannot be below {low:g} (got {number:g}).")
    if high is not None and number > high:
        raise ValidationError(name, f"cannot be above {high:g} (got {number:g}).")
    return number


@dataclass
class Record:
    """Base of every stored record."""

    KIND: ClassVar[str] = ""
    SINGLETON: ClassVar[bool] = False

    @property
    def key(self) -> str:
        """The record's key within its kind."""
        return "main" if self.SINGLETON else str(self.id)  # type: ignore[attr-defined]

    def validate(self) -> None:
        """Raise ValidationError naming the first field at fault; normalise in place."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form the store writes."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build from stored data, ignoring fields a newer netkit may have added."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Learner(Record):
    """Who the portfolio belongs to, and who reads it."""

    KIND: ClassVar[str] = "learner"
    SINGLETON: ClassVar[bool] = True
    name: str = ""
    employer: str = ""
    role: str = ""
    tutor: str = ""
    assessor: str = ""

    def validate(self) -> None:
        self.name = _text(self.name, "name", required=True, limit=200)
        for name in ("employer", "role", "tutor", "assessor"):
            setattr(self, name, _text(getattr(self, name), name, limit=200))


@dataclass
class Need(Record):
    """A current need in the present role, or a future aspiration (one to three years)."""

    KIND: ClassVar[str] = "need"
    text: str = ""
    horizon: str = HORIZONS[0]
    priority: str = "medium"
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.text = _text(self.text, "text", required=True, limit=500)
        _choice(self.horizon, "horizon", HORIZONS)
        _choice(self.priority, "priority", PRIORITIES)


@dataclass
class Benefit:
    """One benefit of a network, tied to the needs and aspirations (keys) it serves."""

    text: str = ""
    serves: list[str] = field(default_factory=list)


@dataclass
class Network(Record):
    """A potential network for professional development (criterion 2.1)."""

    KIND: ClassVar[str] = "network"
    name: str = ""
    kind: str = NETWORK_KINDS[0]
    how_to_join: str = ""
    yearly_cost: float = 0.0
    hours_per_month: float = 0.0
    benefits: list[Benefit] = field(default_factory=list)
    conclusion: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.name = _text(self.name, "name", required=True, limit=200)
        _choice(self.kind, "kind", NETWORK_KINDS)
        self.how_to_join = _text(self.how_to_join, "how_to_join", limit=1000)
        self.yearly_cost = _number(self.yearly_cost, "yearly_cost")
        self.hours_per_month = _number(self.hours_per_month, "hours_per_month", high=744)
        self.benefits = [b if isinstance(b, Benefit) else Benefit(**b) for b in self.benefits]
        for i, benefit in enumerate(self.benefits):
            benefit.text = _text(benefit.text, f"benefits[{i}]", required=True, limit=1000)
            benefit.serves = list(dict.fromkeys(str(s) for s in benefit.serves))
        self.conclusion = _text(self.conclusion, "conclusion", limit=5000)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Network:
        network = super().from_dict(data)
        network.benefits = [
            b if isinstance(b, Benefit) else Benefit(text=b.get("text", ""),
                                                     serves=list(b.get("serves", [])))
            for b in network.benefits
        ]
        return network


@dataclass
class ShortlistCriterion(Record):
    """A criterion the learner defines to shortlist networks (criterion 2.2)."""

    KIND: ClassVar[str] = "shortlist_criterion"
    name: str = ""
    weight: float = 1.0
    direction: str = DIRECTIONS[0]
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.name = _text(self.name, "name", required=True, limit=200)
        self.weight = _number(self.weight, "weight")
        _choice(self.direction, "direction", DIRECTIONS)


@dataclass
class Scores(Record):
    """Every network's score (1-5) on every shortlisting criterion: network -> criterion."""

    KIND: ClassVar[str] = "scores"
    SINGLETON: ClassVar[bool] = True
    grid: dict[str, dict[str, int]] = field(default_factory=dict)

    def validate(self) -> None:
        for network, row in self.grid.items():
            for crit, score in row.items():
                value = _number(score, f"score[{network}][{crit}]", low=1, high=5)
                if value != int(value):
                    raise ValidationError(f"score[{network}][{crit}]",
                                          "scores are whole numbers from 1 to 5.")
                row[crit] = int(value)


@dataclass
class Shortlist(Record):
    """The networks shortlisted for development, and why if it differs from the ranking."""

    KIND: ClassVar[str] = "shortlist"
    SINGLETON: ClassVar[bool] = True
    networks: list[str] = field(default_factory=list)
    reason: str = ""

    def validate(self) -> None:
        self.networks = list(dict.fromkeys(self.networks))
        self.reason = _text(self.reason, "reason", limit=5000)


@dataclass
class AssessmentItem:
    """A benefit or limitation of joining or maintaining a network, rated for impact 1-5."""

    stage: str = "joining"  # joining | maintaining
    type: str = "benefit"  # benefit | limitation
    category: str = "other"
    text: str = ""
    impact: int = 3


@dataclass
class Assessment(Record):
    """The benefits and limitations of joining and maintaining one network (2.3)."""

    KIND: ClassVar[str] = "assessment"
    network: str = ""
    items: list[AssessmentItem] = field(default_factory=list)
    cost_per_year: float = 0.0
    hours_per_year: float = 0.0
    criteria_used: str = ""
    judgement: str = ""
    justification: str = ""

    @property
    def key(self) -> str:
        return self.network

    def validate(self) -> None:
        self.network = _text(self.network, "network", required=True)
        self.items = [i if isinstance(i, AssessmentItem) else AssessmentItem(**i)
                      for i in self.items]
        for n, item in enumerate(self.items):
            _choice(item.stage, f"items[{n}].stage", ("joining", "maintaining"))
            _choice(item.type, f"items[{n}].type", ("benefit", "limitation"))
            _choice(item.category, f"items[{n}].category", ASSESSMENT_CATEGORIES)
            item.text = _text(item.text, f"items[{n}].text", required=True, limit=1000)
            item.impact = int(_number(item.impact, f"items[{n}].impact", low=1, high=5))
        self.cost_per_year = _number(self.cost_per_year, "cost_per_year")
        self.hours_per_year = _number(self.hours_per_year, "hours_per_year", high=8784)
        self.criteria_used = _text(self.criteria_used, "criteria_used", limit=5000)
        if self.judgement:
            _choice(self.judgement, "judgement", JUDGEMENTS)
        self.justification = _text(self.justification, "justification", limit=5000)
        if self.judgement and not self.justification:
            raise ValidationError("justification", "say why you reached this judgement.")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        assessment = super().from_dict(data)
        assessment.items = [i if isinstance(i, AssessmentItem) else AssessmentItem(**i)
                            for i in assessment.items]
        return assessment


_CRITERION_ID = re.compile(r"^[123]\.[1-7]$")


def _criteria_ids(values: list[str], name: str) -> list[str]:
    from .criteria import CRITERIA

    known = {c.id for c in CRITERIA}
    out = []
    for value in values:
        text = str(value).strip()
        if not _CRITERION_ID.match(text) or text not in known:
            raise ValidationError(name, f"{text!r} is not a criterion of this unit "
                                        f"(use ids such as 2.1 or 3.4).")
        out.append(text)
    return sorted(set(out))


@dataclass
class Witness(Record):
    """A witness testimony: someone who saw the learner's networking at work."""

    KIND: ClassVar[str] = "witness"
    name: str = ""
    role: str = ""
    relationship: str = ""
    statement: str = ""
    date: str = ""
    criteria: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.name = _text(self.name, "name", required=True, limit=200)
        self.role = _text(self.role, "role", limit=200)
        self.relationship = _text(self.relationship, "relationship", limit=200)
        self.statement = _text(self.statement, "statement", required=True)
        self.date = _iso_date(self.date, "date")
        self.criteria = _criteria_ids(self.criteria, "criteria")


@dataclass
class Discussion(Record):
    """The record of a professional discussion with the assessor."""

    KIND: ClassVar[str] = "discussion"
    date: str = ""
    topics: str = ""
    criteria: list[str] = field(default_factory=list)
    notes: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.date = _iso_date(self.date, "date")
        self.topics = _text(self.topics, "topics", required=True, limit=2000)
        self.criteria = _criteria_ids(self.criteria, "criteria")
        self.notes = _text(self.notes, "notes")


def _iso_date(value: Any, name: str) -> str:
    import datetime as dt

    text = _text(value, name, required=True, limit=10)
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(name, f"write the date as YYYY-MM-DD (got {text!r}).") from None



_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{5,40}$")


@dataclass
class Contact(Record):
    """Someone in the learner's networks: a real person, so left out of exports by default.

    ``email``, ``phone`` and ``profile_url`` never reach an export unless the learner asks
    (``netkit export --no-redact``); a contact flagged ``confidential`` is left out whole.
    """

    KIND: ClassVar[str] = "contact"
    name: str = ""
    organisation: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    confidential: bool = False
    id: str = field(default_factory=new_key)

    def validate(self) -> None:
        self.name = _text(self.name, "name", required=True, limit=200)
        self.organisation = _text(self.organisation, "organisation", limit=200)
        self.role = _text(self.role, "role", limit=200)
        self.email = _text(self.email, "email", limit=320)
        if self.email and not _EMAIL.match(self.email):
            raise ValidationError("email", f"{self.email!r} is not an e-mail address "
                                           "(name@example.org).")
        self.phone = _text(self.phone, "phone", limit=40)
        if self.phone and not (_PHONE.match(self.phone)
                               and sum(ch.isdigit() for ch in self.phone) >= 5):
            raise ValidationError("phone", "use digits, spaces and + ( ) - only.")
        self.profile_url = _text(self.profile_url, "profile_url", limit=500)
        if self.profile_url and not self.profile_url.startswith(("https://", "http://")):
            raise ValidationError("profile_url", "start the link with https://.")
        self.notes = _text(self.notes, "notes")
        self.confidential = bool(self.confidential)


DECLARATION = (
    "I declare that the evidence in this portfolio is my own work, that it comes from my "
    "own workplace, and that the witness testimonies and records of professional "
    "discussions are genuine."
)


@dataclass
class Declaration(Record):
    """The learner's declaration of authenticity: agreed, their typed name and the date."""

    KIND: ClassVar[str] = "declaration"
    SINGLETON: ClassVar[bool] = True
    agreed: bool = False
    name: str = ""
    date: str = ""
    statement: str = DECLARATION

    def validate(self) -> None:
        if self.agreed is not True:
            raise ValidationError("agreed", "tick the box to make the declaration.")
        self.name = _text(self.name, "name", required=True, limit=200)
        self.date = _iso_date(self.date, "date")
        self.statement = _text(self.statement, "statement", required=True, limit=2000)

RECORD_TYPES: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (Learner, Need, Network, ShortlistCriterion, Scores, Shortlist, Assessment,
                Witness, Discussion, Contact, Declaration)
}
