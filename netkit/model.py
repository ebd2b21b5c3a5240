"""Plain dataclasses for what a learner records: no widgets, no I/O.

Each record class names its ``KIND`` (the table it is stored under) and its ``key``.
``validate()`` normalises a record in place and raises
:class:`~netkit.exceptions.ValidationError` listing every field at fault;
``check(others)`` returns the problems that need the portfolio's other records (unique
network names, the declaration's name, ...), which the store runs on every save and load.
``to_dict``/``from_dict`` are what the store writes and reads.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import math
import os
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from .exceptions import ValidationError

__all__ = [
    "ASSESSMENT_CATEGORIES",
    "DATE_SHAPES",
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
    "Records",
    "Scores",
    "Shortlist",
    "ShortlistCriterion",
    "Witness",
    "date_problem",
    "new_key",
    "new_keys",
    "parse_date",
    "same_name",
    "searched",
    "validate_contacts",
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
    # os.urandom, as secrets.token_hex and uuid4 use, without importing either (every
    # netkit command imports this module: see bench/bench_import.py)
    return os.urandom(6).hex()


def new_keys(count: int, taken: Collection[str] = ()) -> list[str]:
    """``count`` different keys like :func:`new_key`, none in ``taken``, drawn at once (an
    import makes tens of thousands)."""
    keys: dict[str, None] = {}
    while len(keys) < count:
        need = count - len(keys)
        text = os.urandom(6 * need).hex()
        keys.update((key, None) for key in (text[i:i + 12] for i in range(0, 12 * need, 12))
                    if key not in taken)
    return list(keys)


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


def _whole(value: Any, name: str, *, low: int, high: int) -> int:
    number = _number(value, name, low=low, high=high)
    if number != int(number):
        raise ValidationError(name, f"use a whole number from {low} to {high} (got {number:g}).")
    return int(number)


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


DATE_SHAPES = ("28/11/2026", "28 Nov 2026", "28 November 2026", "2026-11-28")
_MONTHS = {name: n for n, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _today() -> dt.date:
    """Today's date where the learner is (tests replace it)."""
    return dt.date.today()


@functools.lru_cache(maxsize=4096)  # an import reads the same dates thousands of times
def parse_date(text: str) -> dt.date:
    """A date typed as 28/11/2026, 28 Nov 2026, 28 November 2026 or 2026-11-28.

    Raises ValueError for any other shape or a day that does not exist.
    """
    text = " ".join(str(text).split())
    if _ISO.match(text):
        return dt.date.fromisoformat(text)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    if (match := _D_MONTH_Y.match(text)) and match[2].lower() in _MONTHS:
        return dt.date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    raise ValueError(f"not a date: {text!r}")


def date_problem(text: str) -> str:
    """What is wrong with a date :func:`parse_date` refused, saying what to fix: a day its
    month does not have ("February 2026 has 28 days"), a month after 12 (the month
    written first, US-style), else the shapes a date may take."""
    shown = " ".join(str(text).split())
    shapes = ", ".join(DATE_SHAPES[:-1]) + f" or {DATE_SHAPES[-1]}"
    parts: tuple[int, int, int] | None = None
    if _ISO.match(shown):
        year, month, day = (int(p) for p in shown.split("-"))
        parts = (day, month, year)
    elif match := _DMY.match(shown):
        day, month, year = (int(g) for g in match.groups())
        parts = (day, month, year)
    elif (match := _D_MONTH_Y.match(shown)) and match[2].lower() in _MONTHS:
        parts = (int(match[1]), _MONTHS[match[2].lower()], int(match[3]))
    if parts is not None and parts[2] >= dt.MINYEAR:
        import calendar  # only for a mistyped date

        day, month, year = parts
        if not 1 <= month <= 12:
            fix = ("write the day first, then the month, as 28/11/2026" if _DMY.match(shown)
                   else f"write the date as {shapes}")
            return f"there is no month {month}: {fix} (got {text!r})."
        last = calendar.monthrange(year, month)[1]
        if day < 1:
            return f"there is no day {day} in a month (got {text!r})."
        if day > last:
            return f"{dt.date(year, month, 1):%B %Y} has {last} days (got {text!r})."
    return f"write the date as {shapes} (got {text!r})."


def _date(value: Any, name: str) -> str:
    """A required date, not in the future, as ISO text (YYYY-MM-DD)."""
    text = _text(value, name, required=True, limit=40)
    try:
        day = parse_date(text)
    except ValueError:
        raise ValidationError(name, date_problem(text)) from None
    if day > _today():
        raise ValidationError(name, f"{day:%d %b %Y} is in the future: use the date it "
                                    "happened (today or earlier).")
    return day.isoformat()


def _moment(value: Any, name: str) -> str:
    """An optional ISO 8601 date and time with its offset, as written by netkit."""
    text = _text(value, name, limit=40)
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(name, f"not a date and time netkit wrote (got {text!r}); "
                                    "make the declaration again.") from None
    if moment.tzinfo is None:
        raise ValidationError(name, f"{text!r} has no time zone; make the declaration "
                                    "again.")
    return text


def same_name(text: str) -> str:
    """A name as compared: spaces collapsed, case ignored ("CILT  uk" == "cilt UK")."""
    return " ".join(str(text).split()).casefold()


_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`"))


def searched(text: str) -> str:
    """Text as a search compares it: case, accents and apostrophes ignored, so "siobhan
    oconnor" finds "Siobhán O'Connor" (a UK keyboard has no á) and "José" finds "Jose"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(
        _APOSTROPHES)


class _Problems:
    """Collects every problem ``validate()`` finds, to report them all at once."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def add(self, name: str, message: str) -> None:
        self.errors.append((name, message))

    def get(self, check: Callable[..., Any], value: Any, name: str, *args: Any,
            **kwargs: Any) -> Any:
        """``check(value, name, ...)``, or ``value`` unchanged when it finds a problem."""
        try:
            return check(value, name, *args, **kwargs)
        except ValidationError as exc:
            self.errors.extend(exc.errors)
            return value

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError.from_errors(self.errors)


class Records(Protocol):
    """A read-only view of a portfolio's saved records, as ``Record.check`` sees them."""

    def all(self, cls: type[R]) -> list[R]:
        """Every live record of ``cls``."""
        ...  # pragma: no cover - protocol

    def load(self, cls: type[R], key: str = "main") -> R | None:
        """The live record of ``cls`` with ``key``, or None."""
        ...  # pragma: no cover - protocol


@dataclass
class Record:
    """Base of every stored record."""

    KIND: ClassVar[str] = ""
    SINGLETON: ClassVar[bool] = False
    #: fields holding the keys of other records, and the kind each names
    #: (``{"networks": "network"}``): how a table shows names for keys, and how erasing a
    #: record (``Portfolio.forget``) reaches the records that refer to it
    REFERS_TO: ClassVar[dict[str, str]] = {}
    #: fields holding a date (ISO text): ``nk.table`` gives them as dates
    DATES: ClassVar[tuple[str, ...]] = ()
    #: whether it is a piece of evidence: it gets a reference (E1, E2, ...) on its first
    #: save (``Portfolio.stamps``); the learner's details, the declaration and contacts
    #: are not evidence
    EVIDENCE: ClassVar[bool] = True
    #: free-text fields that cite evidence references ("minutes E3"): a save citing a
    #: reference the portfolio does not have is refused (``netkit.attachments.cited``)
    CITES: ClassVar[tuple[str, ...]] = ()

    @property
    def key(self) -> str:
        """The record's key within its kind."""
        return "main" if self.SINGLETON else str(self.id)  # type: ignore[attr-defined]

    def validate(self: R) -> R:
        """Normalise in place; raise ValidationError listing every field at fault.

        Returns the record itself, so ``Cls.from_dict(data).validate()`` reads as one step.
        """
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        """Problems that need the portfolio's other records, as ``(field, message)``.

        ``others`` is the portfolio as it would be once this record (and the rest of its
        batch) is saved; it may hold this record too.
        """
        del others
        return []

    def refers_to(self, kind: str, key: str) -> bool:
        """Whether a field of :attr:`REFERS_TO` holds the key of record (kind, key)."""
        for name, target in self.REFERS_TO.items():
            value = getattr(self, name, None)
            if target == kind and (value == key or (isinstance(value, list)
                                                    and key in value)):
                return True
        return False

    def without_reference(self: R, kind: str, key: str) -> R | None:
        """This record once record (kind, key) is erased for good, or None if it goes too.

        A list of keys loses ``key``; a single field naming it means this record cannot
        stand without it, so it is erased with it. Override for anything finer (an
        introduction between two contacts, say).
        """
        changed = copy.deepcopy(self)
        for name, target in self.REFERS_TO.items():
            value = getattr(changed, name, None)
            if target != kind:
                continue
            if value == key:
                return None
            if isinstance(value, list):
                setattr(changed, name, [v for v in value if v != key])
        return changed

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form the store writes."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build from stored data, ignoring fields a newer netkit may have added."""
        names = _FIELD_NAMES.get(cls)
        if names is None:  # once per class: a register of contacts builds thousands
            names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
        return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_NAMES: dict[type[Record], frozenset[str]] = {}


#: the learner's optional registration details, in the order the cover sheet lists them
LEARNER_REGISTRATION = ("centre", "awarding_organisation", "qualification",
                        "registration_number")


@dataclass
class Learner(Record):
    """Who the portfolio belongs to, and who reads it."""

    KIND: ClassVar[str] = "learner"
    SINGLETON: ClassVar[bool] = True
    EVIDENCE: ClassVar[bool] = False
    name: str = ""
    employer: str = ""
    role: str = ""
    tutor: str = ""
    assessor: str = ""
    #: optional registration details for the evidence pack's cover sheet
    centre: str = ""
    awarding_organisation: str = ""
    qualification: str = ""
    registration_number: str = ""

    def validate(self) -> Learner:
        problems = _Problems()
        self.name = problems.get(_text, self.name, "name", required=True, limit=200)
        for name in ("employer", "role", "tutor", "assessor", *LEARNER_REGISTRATION):
            setattr(self, name, problems.get(_text, getattr(self, name), name, limit=200))
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        declaration = others.load(Declaration)
        if declaration is None or same_name(declaration.name) == same_name(self.name):
            return []
        return [("name", f"your declaration of authenticity (notebook 04) is signed "
                         f"{declaration.name!r}. To change your name, delete the "
                         "declaration first, then make it again with your new name.")]


@dataclass
class Need(Record):
    """A current need in the present role, or a future aspiration (one to three years)."""

    KIND: ClassVar[str] = "need"
    text: str = ""
    horizon: str = HORIZONS[0]
    priority: str = "medium"
    id: str = field(default_factory=new_key)

    def validate(self) -> Need:
        problems = _Problems()
        self.text = problems.get(_text, self.text, "text", required=True, limit=500)
        problems.get(_choice, self.horizon, "horizon", HORIZONS)
        problems.get(_choice, self.priority, "priority", PRIORITIES)
        problems.raise_any()
        return self


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

    def validate(self) -> Network:
        problems = _Problems()
        self.name = problems.get(_text, self.name, "name", required=True, limit=200)
        problems.get(_choice, self.kind, "kind", NETWORK_KINDS)
        self.how_to_join = problems.get(_text, self.how_to_join, "how_to_join", limit=1000)
        self.yearly_cost = problems.get(_number, self.yearly_cost, "yearly_cost")
        self.hours_per_month = problems.get(_number, self.hours_per_month,
                                            "hours_per_month", high=744)
        self.benefits = [b if isinstance(b, Benefit) else Benefit(**b) for b in self.benefits]
        for i, benefit in enumerate(self.benefits):
            benefit.text = problems.get(_text, benefit.text, f"benefits[{i}]", required=True,
                                        limit=1000)
            benefit.serves = list(dict.fromkeys(str(s) for s in benefit.serves))
        self.conclusion = problems.get(_text, self.conclusion, "conclusion", limit=5000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        mine = same_name(self.name)
        for other in others.all(Network):
            if other.id != self.id and same_name(other.name) == mine:
                return [("name", f"you already have a network called {other.name!r}: "
                                 "give this one another name, or edit that one.")]
        return []

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

    def validate(self) -> ShortlistCriterion:
        problems = _Problems()
        self.name = problems.get(_text, self.name, "name", required=True, limit=200)
        self.weight = problems.get(_number, self.weight, "weight")
        problems.get(_choice, self.direction, "direction", DIRECTIONS)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        mine = same_name(self.name)
        for other in others.all(ShortlistCriterion):
            if other.id != self.id and same_name(other.name) == mine:
                return [("name", f"you already have a criterion called {other.name!r}: "
                                 "pick it above to change it, or give this one another "
                                 "name.")]
        return []


@dataclass
class Scores(Record):
    """Every network's score (1-5) on every shortlisting criterion: network -> criterion."""

    KIND: ClassVar[str] = "scores"
    SINGLETON: ClassVar[bool] = True
    grid: dict[str, dict[str, int]] = field(default_factory=dict)

    def validate(self) -> Scores:
        problems = _Problems()
        if not isinstance(self.grid, dict):
            raise ValidationError("grid", "scores are a table: network -> criterion -> 1-5.")
        rows: dict[str, Any] = dict(self.grid)
        for network, row in rows.items():
            if not isinstance(row, dict):
                problems.add(f"score[{network}]", "give a score 1-5 for each criterion.")
                continue
            for crit, score in row.items():
                row[crit] = problems.get(_whole, score, f"score[{network}][{crit}]", low=1,
                                         high=5)
        problems.raise_any()
        return self


@dataclass
class Shortlist(Record):
    """The networks shortlisted for development, and why if it differs from the ranking."""

    KIND: ClassVar[str] = "shortlist"
    SINGLETON: ClassVar[bool] = True
    REFERS_TO: ClassVar[dict[str, str]] = {"networks": "network"}
    networks: list[str] = field(default_factory=list)
    reason: str = ""

    def validate(self) -> Shortlist:
        problems = _Problems()
        self.networks = list(dict.fromkeys(str(n) for n in self.networks))
        self.reason = problems.get(_text, self.reason, "reason", limit=5000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        kept = set(self.networks)
        dropped = [a.network for a in others.all(Assessment) if a.network not in kept]
        if not dropped:
            return []
        names = ", ".join(repr(_network_name(others, key)) for key in dropped)
        return [("networks", f"you assessed {names} in 2.3: keep it on the shortlist, or "
                             "delete its assessment first.")]


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
    REFERS_TO: ClassVar[dict[str, str]] = {"network": "network"}
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

    def validate(self) -> Assessment:
        problems = _Problems()
        self.network = problems.get(_text, self.network, "network", required=True)
        self.items = [i if isinstance(i, AssessmentItem) else AssessmentItem(**i)
                      for i in self.items]
        for n, item in enumerate(self.items):
            problems.get(_choice, item.stage, f"items[{n}].stage", ("joining", "maintaining"))
            problems.get(_choice, item.type, f"items[{n}].type", ("benefit", "limitation"))
            problems.get(_choice, item.category, f"items[{n}].category",
                         ASSESSMENT_CATEGORIES)
            item.text = problems.get(_text, item.text, f"items[{n}].text", required=True,
                                     limit=1000)
            item.impact = problems.get(_whole, item.impact, f"items[{n}].impact", low=1,
                                       high=5)
        self.cost_per_year = problems.get(_number, self.cost_per_year, "cost_per_year")
        self.hours_per_year = problems.get(_number, self.hours_per_year, "hours_per_year",
                                           high=8784)
        self.criteria_used = problems.get(_text, self.criteria_used, "criteria_used",
                                          limit=5000)
        if not self.criteria_used:
            problems.add("criteria_used", "say which criteria you used to assess the "
                                          "benefits and limitations.")
        if self.judgement:
            problems.get(_choice, self.judgement, "judgement", JUDGEMENTS)
        else:
            problems.add("judgement", f"choose your judgement: {', '.join(JUDGEMENTS)}.")
        self.justification = problems.get(_text, self.justification, "justification",
                                          limit=5000)
        if not self.justification:
            problems.add("justification", "say why you reached this judgement.")
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        shortlist = others.load(Shortlist)
        if shortlist is not None and self.network in shortlist.networks:
            return []
        return [("network", f"{_network_name(others, self.network)!r} is not on your saved "
                            "shortlist (2.2): shortlist it and save the shortlist first, "
                            "then assess it.")]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        assessment = super().from_dict(data)
        assessment.items = [i if isinstance(i, AssessmentItem) else AssessmentItem(**i)
                            for i in assessment.items]
        return assessment


def _network_name(others: Records, key: str) -> str:
    network = others.load(Network, key)
    return network.name if network is not None else key


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
    CITES: ClassVar[tuple[str, ...]] = ("signed_copy",)
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    name: str = ""
    role: str = ""
    relationship: str = ""
    statement: str = ""
    date: str = ""
    criteria: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_key)
    #: the evidence reference ("E12") of the attachment holding the copy the witness
    #: signed; "" while the witness has not confirmed the statement
    signed_copy: str = ""

    def validate(self) -> Witness:
        problems = _Problems()
        self.name = problems.get(_text, self.name, "name", required=True, limit=200)
        self.role = problems.get(_text, self.role, "role", limit=200)
        self.relationship = problems.get(_text, self.relationship, "relationship", limit=200)
        self.statement = problems.get(_text, self.statement, "statement", required=True)
        self.date = problems.get(_date, self.date, "date")
        self.criteria = problems.get(_criteria_ids, self.criteria, "criteria")
        self.signed_copy = problems.get(_evidence_ref, self.signed_copy, "signed_copy")
        problems.raise_any()
        return self


@dataclass
class Discussion(Record):
    """The record of a professional discussion with the assessor."""

    KIND: ClassVar[str] = "discussion"
    CITES: ClassVar[tuple[str, ...]] = ("notes", "assessor_record")
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    date: str = ""
    topics: str = ""
    criteria: list[str] = field(default_factory=list)
    notes: str = ""
    id: str = field(default_factory=new_key)
    #: the evidence reference ("E7") of the attachment holding the assessor's own record
    #: of the discussion: that record is the evidence, the learner's notes a preparation
    assessor_record: str = ""

    def validate(self) -> Discussion:
        problems = _Problems()
        self.date = problems.get(_date, self.date, "date")
        self.topics = problems.get(_text, self.topics, "topics", required=True, limit=2000)
        self.criteria = problems.get(_criteria_ids, self.criteria, "criteria")
        self.notes = problems.get(_text, self.notes, "notes")
        self.assessor_record = problems.get(_evidence_ref, self.assessor_record,
                                            "assessor_record")
        problems.raise_any()
        return self


_EVIDENCE_REF = re.compile(r"^E[1-9]\d*$")


def _evidence_ref(value: Any, name: str) -> str:
    """An evidence reference such as E12 (typed "e12" or " E12 " too), or "" for none."""
    text = _text(value, name, limit=20).replace(" ", "").upper()
    if text and not _EVIDENCE_REF.match(text):
        raise ValidationError(name, f"give the evidence reference netkit printed when you "
                                    f"attached the file, such as E12 (got {text!r}).")
    return text


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{5,40}$")
_SEPARATORS = re.compile(r"[,;\n]")


def _optional_date(value: Any, name: str) -> str:
    """A date that may be left blank, as ISO text ("" when blank)."""
    if value is None or not str(value).strip():
        return ""
    return _date(value, name)


def _email(value: Any, name: str) -> str:
    text = _text(value, name, limit=320)
    if text and not _EMAIL.match(text):
        raise ValidationError(name, f"{text!r} is not an e-mail address (name@example.org).")
    return text


def _phone(value: Any, name: str) -> str:
    text = _text(value, name, limit=40)
    if text and not (_PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 5):
        raise ValidationError(name, f"{text!r}: use digits, spaces and + ( ) - only.")
    return text


def _items(value: Any, name: str, *, limit: int = 200, fold: bool = False) -> list[str]:
    """A list of short texts, also typed as one text separated by commas or semicolons.

    Blanks go, repeats go (ignoring case and spacing with ``fold``), the order stays.
    """
    if value is None:
        return []
    if isinstance(value, str):
        value = _SEPARATORS.split(value)
    elif not isinstance(value, (list, tuple)):
        raise ValidationError(name, f"give a list (got {value!r}).")
    out: dict[str, str] = {}
    for item in value:
        text = " ".join(str(item).split())
        if len(text) > limit:
            raise ValidationError(name, f"keep each one under {limit} characters "
                                        f"({text[:30]!r}... has {len(text):,}).")
        if text:
            out.setdefault(same_name(text) if fold else text, text)
    return list(out.values())


@dataclass
class Contact(Record):
    """Someone in the learner's networks: a real person, so left out of exports by default.

    ``email``, ``phone`` and ``profile_url`` never reach an export unless the learner asks
    (``netkit export --no-redact``); a contact flagged ``confidential`` is left out whole.
    ``email`` and ``phone`` are the main ones; ``other_emails`` and ``other_phones`` hold
    any more (a vCard may carry several). ``networks`` holds keys of the learner's
    :class:`Network` records, or free text for a network not recorded as one. ``met_on``
    and ``last_contact`` are ISO dates, or "" when not known.
    """

    KIND: ClassVar[str] = "contact"
    EVIDENCE: ClassVar[bool] = False
    REFERS_TO: ClassVar[dict[str, str]] = {"networks": "network"}
    DATES: ClassVar[tuple[str, ...]] = ("met_on", "last_contact")
    name: str = ""
    organisation: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    confidential: bool = False
    id: str = field(default_factory=new_key)
    networks: list[str] = field(default_factory=list)
    how_met: str = ""
    met_on: str = ""
    interests: list[str] = field(default_factory=list)
    offers: str = ""
    needs: str = ""
    last_contact: str = ""
    other_emails: list[str] = field(default_factory=list)
    other_phones: list[str] = field(default_factory=list)

    def validate(self) -> Contact:
        found = validate_contacts([self])
        if found:
            raise found[0]
        return self

    def to_dict(self) -> dict[str, Any]:
        # Only text, flags and lists of text: a shallow copy is the same as asdict(),
        # without its deep copy (an import saves tens of thousands at once).
        held = self.__dict__
        data = {f: held[f] for f in _CONTACT_FIELDS}
        for name in _CONTACT_LISTS:
            data[name] = list(data[name])
        return data


_CONTACT_FIELDS = tuple(f.name for f in dataclasses.fields(Contact))
_CONTACT_LISTS = ("networks", "interests", "other_emails", "other_phones")


def validate_contacts(contacts: Sequence[Contact]) -> dict[int, ValidationError]:
    """Normalise many contacts in place, as :meth:`Contact.validate` does one (it calls
    this); the problems of those that have any, by position in ``contacts``.

    Each rule runs down its field through all the contacts, and a text is checked once
    however many contacts hold it: an import's thousands of rows repeat their
    organisations, positions and dates.
    """
    found: dict[int, list[tuple[str, str]]] = {}
    fields = [contact.__dict__ for contact in contacts]
    for rule in _CONTACT_RULES:
        _run_down(rule, fields, found)
    for n, held in enumerate(fields):
        errors = _the_rest(held)
        if errors:
            found.setdefault(n, []).extend(errors)
    return {n: ValidationError.from_errors(errors) for n, errors in found.items()}


def _run_down(rule: tuple[str, Any, Callable[..., Any], dict[str, Any]],
              fields: list[dict[str, Any]], found: dict[int, list[tuple[str, str]]]
              ) -> None:
    """One of :data:`_CONTACT_RULES` through every contact's fields."""
    name, blank, check, options = rule
    seen: dict[str, tuple[Any, list[tuple[str, str]]]] = {}
    for n, held in enumerate(fields):
        value = held[name]
        if value == blank:  # blank, as it may be: nothing to check (most fields of a
            continue  # contact imported from LinkedIn)
        done = seen.get(value) if isinstance(value, str) else None
        if done is None:
            try:
                done = (check(value, name, **options), [])
            except ValidationError as exc:
                done = (value, exc.errors)
            if isinstance(value, str):
                seen[value] = done
        result, errors = done
        held[name] = list(result) if isinstance(result, list) else result
        if errors:
            found.setdefault(n, []).extend(errors)
        if (name == "profile_url" and held[name]
                and not str(held[name]).startswith(("https://", "http://"))):
            found.setdefault(n, []).append(("profile_url", "start the link with https://."))


def _the_rest(held: dict[str, Any]) -> list[tuple[str, str]]:
    """A contact's flag, further e-mails and phones, and the order of its dates."""
    held["confidential"] = bool(held["confidential"])
    if (held["other_emails"] == [] and held["other_phones"] == []
            and not (held["met_on"] and held["last_contact"])):
        return []  # nothing more to check (most contacts)
    problems = _Problems()
    for name, check in (("other_emails", _email), ("other_phones", _phone)):
        if held[name] == []:
            continue
        items = problems.get(_items, held[name], name, limit=320)
        if isinstance(items, list):
            items = [problems.get(check, item, f"{name}[{i}]")
                     for i, item in enumerate(items)]
        held[name] = items
    met_on, last_contact = held["met_on"], held["last_contact"]
    if (last_contact and met_on and isinstance(met_on, str)
            and isinstance(last_contact, str) and _ISO.match(met_on)
            and _ISO.match(last_contact) and last_contact < met_on):
        problems.add("last_contact", f"{last_contact} is before you met ({met_on}): "
                                     "correct one of the dates.")
    return problems.errors


_NEVER = object()  # the name's "blank": never, a name is always checked
#: Contact.validate's rules, in the order problems are listed:
#: (field, its blank value, the check, its options)
_CONTACT_RULES: tuple[tuple[str, Any, Callable[..., Any], dict[str, Any]], ...] = (
    ("name", _NEVER, _text, {"required": True, "limit": 200}),
    ("organisation", "", _text, {"limit": 200}),
    ("role", "", _text, {"limit": 200}),
    ("email", "", _email, {}),
    ("phone", "", _phone, {}),
    ("profile_url", "", _text, {"limit": 500}),
    ("notes", "", _text, {}),
    ("networks", [], _items, {}),
    ("how_met", "", _text, {"limit": 1000}),
    ("met_on", "", _optional_date, {}),
    ("interests", [], _items, {"limit": 100, "fold": True}),
    ("offers", "", _text, {"limit": 5000}),
    ("needs", "", _text, {"limit": 5000}),
    ("last_contact", "", _optional_date, {}),
)


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
    EVIDENCE: ClassVar[bool] = False
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    agreed: bool = False
    name: str = ""
    date: str = ""
    statement: str = DECLARATION
    #: when netkit recorded the declaration (ISO 8601, UTC): it is dated by netkit when
    #: made, never typed (``date`` is that moment's day where the learner is)
    made_at: str = ""

    @classmethod
    def made_now(cls, name: str, *, agreed: bool = True,
                 statement: str = DECLARATION) -> Declaration:
        """The declaration as made now in ``name``, dated by netkit."""
        # to the microsecond: a declaration made again is always a new save
        now = dt.datetime.now(dt.timezone.utc)
        return cls(agreed=agreed, name=name, date=_today().isoformat(),
                   statement=statement, made_at=now.isoformat(timespec="microseconds"))

    def validate(self) -> Declaration:
        problems = _Problems()
        if self.agreed is not True:
            problems.add("agreed", "tick the box to make the declaration.")
        self.name = problems.get(_text, self.name, "name", required=True, limit=200)
        self.date = problems.get(_date, self.date, "date")
        self.made_at = problems.get(_moment, self.made_at, "made_at")
        self.statement = problems.get(_text, self.statement, "statement", required=True,
                                      limit=2000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        learner = others.load(Learner)
        if learner is None:
            return [("name", "save your details first (your name, in notebook 00 or with "
                             "'netkit init'): the declaration is made in that name.")]
        if same_name(learner.name) != same_name(self.name):
            return [("name", f"type your name as saved in your details: {learner.name!r} "
                             f"(got {self.name!r}).")]
        return []

class _Kinds(dict[str, type[Record]]):
    """Every record kind (:data:`RECORD_TYPES`). The assessor's kinds (netkit/assess.py: the
    assessor's records, and the feedback a learner loads) are added the first time any kind
    is looked up or listed, so a command that never reads records does not import them
    (bench/bench_import.py). Adding kinds does not trigger it."""

    _complete = False

    def _all(self) -> None:
        if not _Kinds._complete:
            _Kinds._complete = True
            from . import assess  # noqa: F401 - adds its kinds

    def __getitem__(self, kind: str) -> type[Record]:
        self._all()
        return super().__getitem__(kind)

    def get(self, kind: str, default: Any = None) -> Any:
        self._all()
        return super().get(kind, default)

    def __contains__(self, kind: object) -> bool:
        self._all()
        return super().__contains__(kind)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def __len__(self) -> int:
        self._all()
        return super().__len__()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def values(self) -> Any:
        self._all()
        return super().values()

    def items(self) -> Any:
        self._all()
        return super().items()


RECORD_TYPES: dict[str, type[Record]] = _Kinds({
    cls.KIND: cls
    for cls in (Learner, Need, Network, ShortlistCriterion, Scores, Shortlist, Assessment,
                Witness, Discussion, Contact, Declaration)
})

# Learning outcome 3's records (notebook 03) live in netkit/lo3.py, which adds them to
# RECORD_TYPES; importing it here means the store always knows them.
from . import lo3 as _lo3  # noqa: E402, F401

# -- learning outcome 1: reflective answers (criteria 1.1-1.6) and the follow-up tracker --
# Each criterion's answer is one record whose parts follow its command verb (see
# criteria.ANSWER_GUIDES). Saving a draft is always allowed: these rules only refuse what is
# malformed (a row with no name, a date that is not a date or is in the future, a link that
# is not ``kind:key``). What a complete answer still lacks is guidance, not a rule
# (netkit/guidance.py). A link may outlive its record: deleting a network an example links
# to is never refused (undo delete brings the link back), and the answer shows it as no
# longer in the portfolio; erasing a record for good (Portfolio.forget) or leaving it out of
# an export drops the link.

LINK_KINDS = ("network", "contact", "followup", "introduction")
FOLLOWUP_STATUSES = ("open", "followed up", "missed")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(*texts: str) -> int:
    """Words in ``texts`` as a reader counts them ("don't", "follow-up" are one each)."""
    return sum(len(_WORD.findall(str(t))) for t in texts)


def _any_date(value: Any, name: str) -> str:
    """A required date that may be in the future (a due date), as ISO text."""
    text = _text(value, name, required=True, limit=40)
    try:
        return parse_date(text).isoformat()
    except ValueError:
        raise ValidationError(name, date_problem(text)) from None


def _link(value: Any, name: str) -> str:
    """A link to another record, ``kind:key`` (``network:net-cilt``), or empty."""
    text = _text(value, name, limit=200)
    if not text:
        return ""
    kind, _, key = text.partition(":")
    if kind not in LINK_KINDS or not key:
        raise ValidationError(name, f"{text!r} is not a link to a record: use one of "
                                    f"{', '.join(k + ':KEY' for k in LINK_KINDS)}.")
    return text


def _rows(values: Any, cls: type[Any]) -> list[Any]:
    """``values`` as a list of ``cls`` (stored rows arrive as dicts)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return [v if isinstance(v, cls) else cls(**{k: x for k, x in dict(v).items()
                                                if k in names})
            for v in (values or [])]


@dataclass
class Example:
    """A dated workplace example, optionally linked to a record (``network:net-cilt``)."""

    date: str = ""
    text: str = ""
    link: str = ""


@dataclass
class Frame:
    """An optional reflective-writing frame: what happened, thought, learned, will do."""

    happened: str = ""
    thought: str = ""
    learned: str = ""
    will_do: str = ""


@dataclass
class Answer(Record):
    """Base of the learning outcome 1 answers: one singleton record per criterion.

    Every answer has the range points it covers (``covers``), dated workplace
    ``examples`` and an optional reflective ``frame``; subclasses add the parts their
    command verb asks for and list their rows in ``ROWS``.
    """

    SINGLETON: ClassVar[bool] = True
    CRITERION: ClassVar[str] = ""
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {}  # field -> (row class, title)
    covers: list[str] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    frame: Frame = field(default_factory=Frame)

    def _normalise(self) -> None:
        self.examples = _rows(self.examples, Example)
        frame: Any = self.frame  # stored answers arrive as dicts
        if not isinstance(frame, Frame):
            self.frame = _rows([frame or {}], Frame)[0]
        for name, (cls, _title) in self.ROWS.items():
            setattr(self, name, _rows(getattr(self, name), cls))

    def texts(self) -> list[str]:
        """Every piece of text the learner wrote, in reading order (for the word count)."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif dataclasses.is_dataclass(value):
                for f in dataclasses.fields(value):
                    if f.name not in {"date", "used_on", "link", "covers"}:
                        walk(getattr(value, f.name))

        for f in dataclasses.fields(self):
            if f.name not in {"covers"}:
                walk(getattr(self, f.name))
        return found

    @property
    def words(self) -> int:
        """How many words the answer has, examples and frame included."""
        return count_words(*self.texts())

    def validate(self) -> Answer:
        from .criteria import ANSWER_GUIDES

        self._normalise()
        problems = _Problems()
        allowed = ANSWER_GUIDES[self.CRITERION].covers
        self.covers = list(dict.fromkeys(str(c) for c in self.covers))
        for i, point in enumerate(self.covers):
            if point not in allowed:
                problems.add(f"covers[{i}]", f"{point!r} is not in the range of "
                                             f"{self.CRITERION}.")
        for i, example in enumerate(self.examples):
            example.date = problems.get(_date, example.date, f"examples[{i}]")
            example.text = problems.get(_text, example.text, f"examples[{i}]",
                                        required=True, limit=5000)
            example.link = problems.get(_link, example.link, f"examples[{i}]")
        for f in dataclasses.fields(self.frame):
            setattr(self.frame, f.name, problems.get(
                _text, getattr(self.frame, f.name), "frame", limit=5000))
        self._validate_rows(problems)
        for f in dataclasses.fields(self):
            if f.type in {"str", str}:
                setattr(self, f.name, problems.get(_text, getattr(self, f.name), f.name))
        problems.raise_any()
        return self

    def _validate_rows(self, problems: _Problems) -> None:
        """Each row needs its title (a skill's name...); a row's date must be a past date."""
        for name, (_cls, title) in self.ROWS.items():
            for i, row in enumerate(getattr(self, name)):
                where = f"{name}[{i}]"
                for f in dataclasses.fields(row):
                    value = getattr(row, f.name)
                    if f.name == "used_on":
                        if str(value).strip():
                            setattr(row, f.name, problems.get(_date, value, where))
                    elif f.name == title and not str(value or "").strip():
                        # Say which part: the row's other parts may be filled in.
                        what = "its name" if title == "name" else f"the {title} itself"
                        problems.add(where, f"{what} is empty: write it in, or remove "
                                            "the row.")
                    elif f.name == title:
                        setattr(row, f.name, problems.get(_text, value, where,
                                                          required=True, limit=500))
                    else:
                        setattr(row, f.name, problems.get(_text, value, where, limit=5000))

    def links(self) -> list[tuple[str, str]]:
        """Every link to another record, as (field, ``kind:key``)."""
        return [(f"examples[{i}]", e.link) for i, e in enumerate(self.examples) if e.link]

    def refers_to(self, kind: str, key: str) -> bool:
        """Whether an example links to record (kind, key)."""
        return any(link == f"{kind}:{key}" for _, link in self.links())

    def without_reference(self, kind: str, key: str) -> Answer | None:
        """This answer once record (kind, key) is erased: its examples lose the link."""
        changed = copy.deepcopy(self)
        for example in changed.examples:
            if example.link == f"{kind}:{key}":
                example.link = ""
        return changed

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        record = super().from_dict(data)
        record._normalise()
        return record


@dataclass
class Skill:
    """An interpersonal skill: its principal features, a dated use and its effect (1.1)."""

    name: str = ""
    features: str = ""
    used_on: str = ""
    use: str = ""
    effect: str = ""


@dataclass
class SkillsAnswer(Answer):
    """1.1: what networking is, and the interpersonal skills effective networking needs."""

    KIND: ClassVar[str] = "answer_1_1"
    CRITERION: ClassVar[str] = "1.1"
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {"skills": (Skill, "name")}
    definition: str = ""
    skills: list[Skill] = field(default_factory=list)


@dataclass
class Basis:
    """A basis for choosing networks, and why (1.2)."""

    name: str = ""
    because: str = ""


@dataclass
class ChoosingAnswer(Answer):
    """1.2: the bases on which to choose networks, illustrated from the 2.2 criteria."""

    KIND: ClassVar[str] = "answer_1_2"
    CRITERION: ClassVar[str] = "1.2"
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {"bases": (Basis, "name")}
    bases: list[Basis] = field(default_factory=list)
    illustration: str = ""


@dataclass
class AgendasAnswer(Answer):
    """1.3: a shared agenda and a conflict, the strengths and limits of each, a conclusion."""

    KIND: ClassVar[str] = "answer_1_3"
    CRITERION: ClassVar[str] = "1.3"
    agenda: str = ""
    agenda_strengths: str = ""
    agenda_limits: str = ""
    conflict: str = ""
    conflict_cause: str = ""
    own_interest: str = ""
    position: str = ""
    conflict_strengths: str = ""
    conflict_limits: str = ""
    conclusion: str = ""


@dataclass
class Risk:
    """A risk of networking online, and how the learner reduces it (1.4)."""

    risk: str = ""
    reduced_by: str = ""


@dataclass
class OnlineBenefit:
    """A benefit of networking online (1.4)."""

    benefit: str = ""


@dataclass
class InternetAnswer(Answer):
    """1.4: platforms, benefits, risks and how they are reduced, policy, a conclusion."""

    KIND: ClassVar[str] = "answer_1_4"
    CRITERION: ClassVar[str] = "1.4"
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {
        "benefits": (OnlineBenefit, "benefit"), "risks": (Risk, "risk")}
    platforms: str = ""
    benefits: list[OnlineBenefit] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    policy: str = ""
    conclusion: str = ""


@dataclass
class Measure:
    """A criterion the learner judges the importance of following up by (1.5)."""

    criterion: str = ""


@dataclass
class LeadsAnswer(Answer):
    """1.5: the criteria importance is judged by, and the judgement (the tracker is
    :class:`FollowUp` records)."""

    KIND: ClassVar[str] = "answer_1_5"
    CRITERION: ClassVar[str] = "1.5"
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {"criteria": (Measure, "criterion")}
    criteria: list[Measure] = field(default_factory=list)
    judgement: str = ""


@dataclass
class EthicalIssue:
    """An ethical issue: the choice, the code or law, who is affected, how handled (1.6)."""

    issue: str = ""
    choice: str = ""
    code: str = ""
    affected: str = ""
    handled: str = ""


@dataclass
class EthicsAnswer(Answer):
    """1.6: two or more ethical issues analysed, and the conclusions drawn."""

    KIND: ClassVar[str] = "answer_1_6"
    CRITERION: ClassVar[str] = "1.6"
    ROWS: ClassVar[dict[str, tuple[type[Any], str]]] = {
        "issues": (EthicalIssue, "issue")}
    issues: list[EthicalIssue] = field(default_factory=list)
    conclusion: str = ""


ANSWER_TYPES: dict[str, type[Answer]] = {
    cls.CRITERION: cls
    for cls in (SkillsAnswer, ChoosingAnswer, AgendasAnswer, InternetAnswer, LeadsAnswer,
                EthicsAnswer)
}


@dataclass
class FollowUp(Record):
    """A lead or action to follow up (1.5): its source, next step, due date and status.

    ``due`` may be in the future; ``done_on`` (when it was followed up) may not.
    """

    KIND: ClassVar[str] = "followup"
    lead: str = ""
    source: str = ""
    next_step: str = ""
    due: str = ""
    status: str = FOLLOWUP_STATUSES[0]
    done_on: str = ""
    outcome: str = ""
    cost: str = ""
    link: str = ""
    id: str = field(default_factory=new_key)

    def validate(self) -> FollowUp:
        problems = _Problems()
        self.lead = problems.get(_text, self.lead, "lead", required=True, limit=500)
        self.source = problems.get(_text, self.source, "source", limit=500)
        self.next_step = problems.get(_text, self.next_step, "next_step", limit=1000)
        self.due = problems.get(_any_date, self.due, "due")
        problems.get(_choice, self.status, "status", FOLLOWUP_STATUSES)
        if self.status == "followed up" or str(self.done_on).strip():
            self.done_on = problems.get(_date, self.done_on, "done_on")
        self.outcome = problems.get(_text, self.outcome, "outcome", limit=2000)
        self.cost = problems.get(_text, self.cost, "cost", limit=2000)
        self.link = problems.get(_link, self.link, "link")
        problems.raise_any()
        return self

    def overdue(self, today: dt.date | None = None) -> bool:
        """Still open after its due date (relative to ``today``, default today)."""
        try:
            due = dt.date.fromisoformat(self.due)
        except ValueError:
            return False
        return self.status == "open" and due < (today or _today())

    def refers_to(self, kind: str, key: str) -> bool:
        """Whether it links to record (kind, key)."""
        return self.link == f"{kind}:{key}"

    def without_reference(self, kind: str, key: str) -> FollowUp | None:
        """This follow-up once record (kind, key) is erased: it loses the link."""
        changed = copy.deepcopy(self)
        if changed.link == f"{kind}:{key}":
            changed.link = ""
        return changed


_LO1_TYPES: list[type[Record]] = [*ANSWER_TYPES.values(), FollowUp]
RECORD_TYPES.update({cls.KIND: cls for cls in _LO1_TYPES})

__all__ += [
    "ANSWER_TYPES", "FOLLOWUP_STATUSES", "LINK_KINDS", "AgendasAnswer", "Answer", "Basis",
    "ChoosingAnswer", "EthicalIssue", "EthicsAnswer", "Example", "FollowUp", "Frame",
    "InternetAnswer", "LeadsAnswer", "Measure", "OnlineBenefit", "Risk", "Skill",
    "SkillsAnswer", "count_words",
]

__all__ += ["LEARNER_REGISTRATION"]


# Workplace documents (netkit/attachments.py) add their kind to RECORD_TYPES the same way;
# the assessor's records (netkit/assess.py) when a kind is first looked up (_Kinds).
from . import attachments as _attachments  # noqa: E402, F401
