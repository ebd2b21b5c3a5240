"""The assessor's side: decisions on a learner's export, sign-off, IQA sampling, the
assessment plan, and the feedback a learner loads.

The assessor's records live in the ASSESSOR's own portfolio file (the same
:class:`~netkit.store.Portfolio` store, with the same safety: one transaction a save, a
full history), never in the learner's: ``--assessor-portfolio PATH``, else
``$NETKIT_ASSESSOR_PORTFOLIO``, else ``assessor-portfolio.sqlite`` in the assessor's
working folder (:func:`resolve_assessor_path`). Every decision names the export it judged:
the learner's name and the SHA-256 of the export's ``manifest.json``
(:mod:`netkit.manifest`), so a decision stands only for the files that were judged.

:func:`feedback_document` gathers one export's decisions; :mod:`netkit.feedback` writes
them as the assessment decision record (HTML, PDF, JSON) and loads the JSON into the
learner's portfolio, where they are kept as :class:`LoadedDecision` records (one per
criterion: loading again keeps the earlier one in the history). :func:`loaded_decisions`
is what every status view reads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .criteria import CRITERIA, OUTCOMES
from .exceptions import NoDecisionsError, ReviewChoiceError, ValidationError
from .model import (
    RECORD_TYPES,
    Record,
    Records,
    _any_date,
    _choice,
    _date,
    _optional_date,
    _Problems,
    _text,
    same_name,
)

if TYPE_CHECKING:
    from .manifest import Verification
    from .store import Portfolio

__all__ = [
    "ASSESSOR_ENV",
    "ASSESSOR_FILE",
    "DECISION_OUTCOMES",
    "IQA_OUTCOMES",
    "QUALITIES",
    "AssessmentPlan",
    "CriterionDecision",
    "Decision",
    "FeedbackDocument",
    "FeedbackFile",
    "IQASample",
    "LoadedDecision",
    "OutcomeSignoff",
    "PlanItem",
    "ReviewedExport",
    "check_reviewable",
    "decisions_for",
    "default_assessor_path",
    "earlier_decision",
    "feedback_document",
    "loaded_decisions",
    "resolve_assessor_path",
    "review_export",
]

ASSESSOR_ENV = "NETKIT_ASSESSOR_PORTFOLIO"
ASSESSOR_FILE = "assessor-portfolio.sqlite"
DECISION_OUTCOMES = ("met", "not yet met")
#: the five qualities of evidence an assessor confirms (VACSR)
QUALITIES = ("valid", "authentic", "current", "sufficient", "reliable")
IQA_OUTCOMES = ("decision agreed", "action required")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CRITERION_IDS = tuple(c.id for c in CRITERIA)


def default_assessor_path(start: Path | None = None) -> Path:
    """``assessor-portfolio.sqlite`` in the assessor's working folder (the current one)."""
    return (start or Path.cwd()) / ASSESSOR_FILE


def resolve_assessor_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The assessor's portfolio: ``path``, else $NETKIT_ASSESSOR_PORTFOLIO, else default."""
    if path:
        return Path(path).expanduser()
    if os.environ.get(ASSESSOR_ENV):
        return Path(os.environ[ASSESSOR_ENV]).expanduser()
    return default_assessor_path()


# -- field rules ------------------------------------------------------------------------
def _digest(value: Any, name: str) -> str:
    text = _text(value, name, required=True, limit=64).lower()
    if not _SHA256.match(text):
        raise ValidationError(name, f"{text!r} is not the SHA-256 of an export's "
                                    "manifest.json (64 hexadecimal digits).")
    return text


def _criterion(value: Any, name: str) -> str:
    text = _text(value, name, required=True, limit=10)
    if text not in _CRITERION_IDS:
        raise ValidationError(name, f"{text!r} is not a criterion of this unit (1.1 to 3.7).")
    return text


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _export_key(export: str, suffix: str) -> str:
    return f"{str(export)[:16]}-{suffix}" if suffix else str(export)[:16]


# -- the assessor's portfolio -----------------------------------------------------------
@dataclass
class _Judged(Record):
    """What every record about one export carries: whose export, which one."""

    learner: str = ""
    export: str = ""  # the SHA-256 of the export's manifest.json
    export_date: str = ""  # the date the learner exported it (its manifest's "date")

    def _check_export(self, problems: _Problems) -> None:
        self.learner = problems.get(_text, self.learner, "learner", required=True, limit=200)
        self.export = problems.get(_digest, self.export, "export")
        self.export_date = problems.get(_optional_date, self.export_date, "export_date")


@dataclass
class ReviewedExport(_Judged):
    """An export the assessor opened and verified: where it is, when it was checked."""

    KIND: ClassVar[str] = "assessor_export"
    folder: str = ""
    files: int = 0
    checked: str = ""  # ISO time it last matched its manifest
    example: bool = False  # an export of the fictional example learner (its manifest says)

    @property
    def key(self) -> str:
        return _export_key(self.export, "")

    def validate(self) -> ReviewedExport:
        problems = _Problems()
        self._check_export(problems)
        self.folder = problems.get(_text, self.folder, "folder", required=True, limit=4096)
        problems.raise_any()
        return self


@dataclass
class CriterionDecision(_Judged):
    """The assessor's decision on one criterion of one export."""

    KIND: ClassVar[str] = "assessor_decision"
    criterion: str = ""
    outcome: str = ""  # met | not yet met
    valid: bool = False
    authentic: bool = False
    current: bool = False
    sufficient: bool = False
    reliable: bool = False
    feedback: str = ""
    response: str = ""  # the learner's response, recorded later
    assessor: str = ""  # the assessor's typed name
    decided_on: str = ""

    @property
    def key(self) -> str:
        return _export_key(self.export, self.criterion)

    @property
    def qualities(self) -> tuple[str, ...]:
        """The qualities ticked, in VACSR order."""
        return tuple(q for q in QUALITIES if getattr(self, q))

    def validate(self) -> CriterionDecision:
        problems = _Problems()
        self._check_export(problems)
        self.criterion = problems.get(_criterion, self.criterion, "criterion")
        self.outcome = problems.get(_choice, self.outcome, "outcome", DECISION_OUTCOMES)
        for name in QUALITIES:
            setattr(self, name, _flag(getattr(self, name)))
        self.feedback = problems.get(_text, self.feedback, "feedback", limit=10_000)
        self.response = problems.get(_text, self.response, "response", limit=10_000)
        self.assessor = problems.get(_text, self.assessor, "assessor", required=True,
                                     limit=200)
        self.decided_on = problems.get(_date, self.decided_on, "decided_on")
        if self.outcome == "met":
            lacking = [q for q in QUALITIES if not getattr(self, q)]
            if lacking:
                problems.add("qualities", f"evidence judged met must be valid, authentic, "
                                          f"current, sufficient and reliable: tick "
                                          f"{', '.join(lacking)}, or decide 'not yet met'.")
        if self.outcome == "not yet met" and not self.feedback:
            problems.add("feedback", "say what the learner needs to do to meet it.")
        problems.raise_any()
        return self


@dataclass
class OutcomeSignoff(_Judged):
    """The assessor's sign-off of one learning outcome: typed name and date."""

    KIND: ClassVar[str] = "assessor_signoff"
    outcome: int = 0
    assessor: str = ""
    signed_on: str = ""
    comments: str = ""

    @property
    def key(self) -> str:
        return _export_key(self.export, f"lo{self.outcome}")

    def validate(self) -> OutcomeSignoff:
        problems = _Problems()
        self._check_export(problems)
        if self.outcome not in {o.number for o in OUTCOMES}:
            problems.add("outcome", f"{self.outcome!r} is not a learning outcome (1 to 3).")
        self.assessor = problems.get(_text, self.assessor, "assessor", required=True,
                                     limit=200)
        self.signed_on = problems.get(_date, self.signed_on, "signed_on")
        self.comments = problems.get(_text, self.comments, "comments", limit=10_000)
        problems.raise_any()
        return self

    def check(self, others: Records) -> list[tuple[str, str]]:
        mine = [c.id for c in CRITERIA if c.outcome == self.outcome]
        decided = {d.criterion: d for d in decisions_for(others, self.export).values()}
        unmet = [cid for cid in mine
                 if cid not in decided or decided[cid].outcome != "met"]
        if not unmet:
            return []
        which = (f"criterion {unmet[0]} is" if len(unmet) == 1
                 else f"criteria {', '.join(unmet)} are")
        return [("outcome", f"{which} not decided 'met' for this export: learning outcome "
                            f"{self.outcome} is signed off once every one of its criteria "
                            "is met")]


@dataclass
class IQASample(_Judged):
    """Internal quality assurance of one export's assessment: sampled or not, and how."""

    KIND: ClassVar[str] = "iqa_sample"
    sampled: bool = False
    iqa: str = ""  # by whom
    sampled_on: str = ""
    outcome: str = ""  # decision agreed | action required
    comments: str = ""

    @property
    def key(self) -> str:
        return _export_key(self.export, "")

    def validate(self) -> IQASample:
        problems = _Problems()
        self._check_export(problems)
        self.sampled = _flag(self.sampled)
        self.iqa = problems.get(_text, self.iqa, "iqa", required=self.sampled, limit=200)
        self.comments = problems.get(_text, self.comments, "comments", limit=10_000)
        if self.sampled:
            self.sampled_on = problems.get(_date, self.sampled_on, "sampled_on")
            self.outcome = problems.get(_choice, self.outcome, "outcome", IQA_OUTCOMES)
            if self.outcome == "action required" and not self.comments:
                problems.add("comments", "say what action is required.")
        else:
            self.sampled_on = problems.get(_optional_date, self.sampled_on, "sampled_on")
            if self.outcome:
                self.outcome = problems.get(_choice, self.outcome, "outcome", IQA_OUTCOMES)
        problems.raise_any()
        return self


@dataclass
class PlanItem:
    """One criterion's planned assessment: the methods and the planned date."""

    criterion: str = ""
    methods: str = ""
    planned_on: str = ""  # may be ahead: a plan looks forward


@dataclass
class AssessmentPlan(Record):
    """The assessment plan agreed with one learner: methods and dates per criterion."""

    KIND: ClassVar[str] = "assessment_plan"
    learner: str = ""
    items: list[PlanItem] = field(default_factory=list)
    agreed: bool = False  # agreed with the learner
    agreed_on: str = ""

    @property
    def key(self) -> str:
        return plan_key(self.learner)

    def validate(self) -> AssessmentPlan:
        problems = _Problems()
        self.learner = problems.get(_text, self.learner, "learner", required=True, limit=200)
        items = [PlanItem(**i) if isinstance(i, dict) else i for i in self.items]
        kept = []
        for n, item in enumerate(items):
            where = f"items[{n}]"
            item.methods = problems.get(_text, item.methods, f"{where}.methods", limit=1000)
            if not item.methods and not str(item.planned_on or "").strip():
                continue  # a criterion with nothing planned yet
            item.criterion = problems.get(_criterion, item.criterion, f"{where}.criterion")
            if not item.methods:
                problems.add(f"{where}.methods", f"{item.criterion}: name the methods "
                                                 "planned (observation, discussion...).")
            item.planned_on = problems.get(_any_date, item.planned_on, f"{where}.planned_on")
            kept.append(item)
        ids = [i.criterion for i in kept]
        for cid in sorted({c for c in ids if ids.count(c) > 1}):
            problems.add("items", f"criterion {cid} is planned twice: keep one row.")
        self.items = kept
        self.agreed = _flag(self.agreed)
        if self.agreed:
            self.agreed_on = problems.get(_date, self.agreed_on, "agreed_on")
        else:
            self.agreed_on = problems.get(_optional_date, self.agreed_on, "agreed_on")
        problems.raise_any()
        return self

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AssessmentPlan:
        plan = super().from_dict(data)
        plan.items = [PlanItem(**i) if isinstance(i, dict) else i for i in plan.items]
        return plan


def plan_key(learner: str) -> str:
    """The plan's key: the same for the same learner however their name is spaced."""
    import hashlib

    return "plan-" + hashlib.sha256(same_name(learner).encode()).hexdigest()[:12]


# -- the learner's portfolio: feedback loaded from the assessor ----------------------------
@dataclass
class LoadedDecision(Record):
    """An assessor's decision on one criterion, as loaded into the learner's portfolio
    (``netkit feedback load``); loading a later decision keeps this one in the history."""

    KIND: ClassVar[str] = "assessor_feedback"
    criterion: str = ""
    outcome: str = ""
    feedback: str = ""
    decided_on: str = ""
    assessor: str = ""
    qualities: list[str] = field(default_factory=list)
    response: str = ""
    learner: str = ""
    export: str = ""
    export_date: str = ""

    @property
    def key(self) -> str:
        return self.criterion

    def validate(self) -> LoadedDecision:
        problems = _Problems()
        self.criterion = problems.get(_criterion, self.criterion, "criterion")
        self.outcome = problems.get(_choice, self.outcome, "outcome", DECISION_OUTCOMES)
        self.feedback = problems.get(_text, self.feedback, "feedback", limit=10_000)
        self.decided_on = problems.get(_date, self.decided_on, "decided_on")
        self.assessor = problems.get(_text, self.assessor, "assessor", required=True,
                                     limit=200)
        self.qualities = [q for q in QUALITIES if q in set(self.qualities or [])]
        self.response = problems.get(_text, self.response, "response", limit=10_000)
        self.learner = problems.get(_text, self.learner, "learner", required=True, limit=200)
        self.export = problems.get(_digest, self.export, "export")
        self.export_date = problems.get(_optional_date, self.export_date, "export_date")
        problems.raise_any()
        return self


@dataclass
class FeedbackFile(Record):
    """The assessment decision record last loaded (its history: every one loaded)."""

    KIND: ClassVar[str] = "assessor_feedback_file"
    SINGLETON: ClassVar[bool] = True
    name: str = ""  # the file's name, as loaded
    sha256: str = ""
    learner: str = ""
    assessor: str = ""
    export: str = ""
    export_date: str = ""
    written: str = ""  # when the assessor wrote it (ISO time)
    decisions: int = 0
    signoffs: list[dict[str, Any]] = field(default_factory=list)

    def validate(self) -> FeedbackFile:
        problems = _Problems()
        self.name = problems.get(_text, self.name, "name", required=True, limit=500)
        self.learner = problems.get(_text, self.learner, "learner", required=True, limit=200)
        self.assessor = problems.get(_text, self.assessor, "assessor", limit=200)
        self.export = problems.get(_digest, self.export, "export")
        problems.raise_any()
        return self


RECORD_TYPES.update({cls.KIND: cls for cls in (
    ReviewedExport, CriterionDecision, OutcomeSignoff, IQASample, AssessmentPlan,
    LoadedDecision, FeedbackFile)})


# -- reading decisions -------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    """An assessor's decision on one criterion, as every status view shows it."""

    criterion: str
    outcome: str  # "met" | "not yet met"
    feedback: str
    date: str  # ISO date of the decision
    assessor: str
    export: str = ""  # the SHA-256 of the judged export's manifest.json
    export_date: str = ""
    qualities: tuple[str, ...] = ()
    response: str = ""

    def line(self, limit: int = 160) -> str:
        """``not yet met - add a second dated interaction...`` (one line, cut at ``limit``)."""
        text = " ".join(self.feedback.split())
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        return f"{self.outcome} - {text}" if text else self.outcome


def loaded_decisions(records: Records) -> dict[str, Decision]:
    """Criterion id -> the latest assessor decision loaded into a learner's portfolio
    (``netkit feedback load``); empty when none was loaded."""
    found = {}
    for d in records.all(LoadedDecision):
        found[d.criterion] = Decision(
            criterion=d.criterion, outcome=d.outcome, feedback=d.feedback,
            date=d.decided_on, assessor=d.assessor, export=d.export,
            export_date=d.export_date, qualities=tuple(d.qualities), response=d.response)
    return {cid: found[cid] for cid in _CRITERION_IDS if cid in found}


def decisions_for(records: Records, export: str) -> dict[str, CriterionDecision]:
    """Criterion id -> the assessor's decision on the export with manifest ``export``."""
    found = {d.criterion: d for d in records.all(CriterionDecision) if d.export == export}
    return {cid: found[cid] for cid in _CRITERION_IDS if cid in found}


# -- one export's decisions, for the decision record ---------------------------------------
@dataclass(frozen=True)
class FeedbackDocument:
    """Everything the assessment decision record of one export says."""

    learner: str
    export: str
    export_date: str
    folder: str
    assessor: str
    decisions: tuple[CriterionDecision, ...]
    signoffs: tuple[OutcomeSignoff, ...]
    iqa: IQASample | None
    plan: AssessmentPlan | None
    example: bool = False  # decisions on the fictional example learner: stamped so
    written: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc)
                         .isoformat(timespec="seconds"))


def _pick_export(records: Records, path: Path, *, learner: str | None,
                 export: str | None) -> ReviewedExport:
    reviewed = records.all(ReviewedExport)
    decided = {d.export for d in records.all(CriterionDecision)}
    if export is not None:
        chosen = [r for r in reviewed if r.export == export]
        if not chosen or export not in decided:
            raise NoDecisionsError(path, f"the export with manifest {export[:12]}")
        return chosen[0]
    candidates = [r for r in reviewed if r.export in decided]
    if learner is not None:
        candidates = [r for r in candidates if same_name(r.learner) == same_name(learner)]
        if not candidates:
            raise NoDecisionsError(path, learner)
    names = sorted({r.learner for r in candidates})
    if not candidates:
        raise NoDecisionsError(path)
    if len({same_name(n) for n in names}) > 1:
        raise ReviewChoiceError(path, names)
    # The export most recently checked: a learner's resubmission replaces the first.
    return max(candidates, key=lambda r: r.checked)


def feedback_document(records: Records, path: Path, *, learner: str | None = None,
                      export: str | None = None) -> FeedbackDocument:
    """One export's decisions, sign-offs, IQA sampling and plan, from the assessor's
    portfolio (``path`` names it in messages). ``export`` (a manifest SHA-256) or
    ``learner`` chooses the export; without either, the portfolio must hold one learner."""
    chosen = _pick_export(records, path, learner=learner, export=export)
    decisions = tuple(decisions_for(records, chosen.export).values())
    signoffs = tuple(sorted((s for s in records.all(OutcomeSignoff)
                             if s.export == chosen.export), key=lambda s: s.outcome))
    iqa = records.load(IQASample, _export_key(chosen.export, ""))
    plan = records.load(AssessmentPlan, plan_key(chosen.learner))
    assessors = [d.assessor for d in sorted(decisions, key=lambda d: d.decided_on)]
    return FeedbackDocument(
        learner=chosen.learner, export=chosen.export, export_date=chosen.export_date,
        folder=chosen.folder, assessor=assessors[-1] if assessors else "",
        decisions=decisions, signoffs=signoffs, iqa=iqa, plan=plan, example=chosen.example)


# -- opening an export to review ---------------------------------------------------------
def review_export(portfolio: Portfolio, folder: str | os.PathLike[str]) -> Verification:
    """Verify the export in ``folder`` against its manifest and, if every file matches,
    record it in the assessor's ``portfolio`` as reviewed (when, where, how many files).

    Raises ExportManifestError for a folder that is no export; a changed export is
    returned (``.ok`` false) so the notebook can say what changed, and no decision can be
    saved on it (:func:`check_reviewable`).
    """
    from .manifest import verify_export  # here: only reviewing reads an export

    checked = verify_export(folder)
    if checked.ok:
        m = checked.manifest
        portfolio.save(ReviewedExport(
            learner=m.learner or "(learner not named)", export=m.digest, export_date=m.date,
            folder=str(m.folder.resolve()), files=len(m.files), example=m.example,
            checked=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
    return checked


def check_reviewable(checked: Verification) -> list[tuple[str, str]]:
    """Why no decision may be saved on this export: [] when it matched its manifest."""
    if checked.ok:
        return []
    return [("export", f"the export's files do not match its manifest.json "
                       f"({checked.summary()}): decisions are made only on an export "
                       "exactly as netkit wrote it.")]


def earlier_decision(records: Records, learner: str, export: str, criterion: str
                     ) -> CriterionDecision | None:
    """The latest decision on ``criterion`` for the same learner on another export (the
    one handed in before a resubmission), or None."""
    found = [d for d in records.all(CriterionDecision)
             if d.criterion == criterion and d.export != export
             and same_name(d.learner) == same_name(learner)]
    return max(found, key=lambda d: (d.export_date, d.decided_on), default=None)
