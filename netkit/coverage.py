"""What the portfolio holds against each criterion: the counts, and the data views draw.

Progress: each criterion's evidence is counted by a function registered in ``COUNTERS``; a
later learning outcome plugs in by registering its own. Witness testimonies and
professional discussions that cite a criterion are counted as supporting evidence.

The data behind learning outcome 2's tables and charts is read here too, so a chart, the
table beside it and the count all agree: the needs against networks (2.1,
:func:`serves_matrix`), the ranking's inputs (2.2, :func:`shortlist_inputs`) and each
assessment's summed impact (2.3, :func:`assessment_totals`). Each ``*_data`` reader returns
exactly what one chart draws, as a value that compares equal when the drawing would be the
same, so a live view redraws only when it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .analysis import CriterionSpec, SensitivityReport, ShortlistInputs, sensitivity_report
from .criteria import CRITERIA, KNOWLEDGE_FOR, Criterion
from .exceptions import UnknownCriterionError
from .model import (
    Assessment,
    Discussion,
    Need,
    Network,
    Scores,
    Shortlist,
    ShortlistCriterion,
    Witness,
)
from .store import Portfolio

__all__ = [
    "COUNTED_KINDS",
    "COUNTERS",
    "MET_MEANS",
    "AssessorDecision",
    "BalanceRow",
    "Count",
    "CriterionStatus",
    "NeedsTable",
    "ServesMatrix",
    "assessment_totals",
    "assessor_decisions",
    "balance_data",
    "counted",
    "coverage",
    "criterion_spec",
    "need_codes",
    "needs_matrix_data",
    "noun",
    "ordered_needs",
    "ranking_data",
    "sensitivity_data",
    "serves_matrix",
    "shortlist_inputs",
    "standing",
    "status_json",
]


# -- numbers in words ------------------------------------------------------------------
_IRREGULAR = {"people": "person", "criteria": "criterion"}


def noun(count: int, plural: str) -> str:
    """``plural`` ("potential networks", "people introduced") agreeing with ``count``:
    one -> "potential network", "person introduced"; any other count -> as given."""
    if count == 1:
        words = plural.split(" ")
        for i, word in enumerate(words):  # the first plural word carries the number
            if word in _IRREGULAR:
                words[i] = _IRREGULAR[word]
                return " ".join(words)
            if word.endswith("s") and not word.endswith("ss"):
                words[i] = word[:-1]
                return " ".join(words)
    return plural


def counted(count: int, plural: str, one: str = "") -> str:
    """The count and its noun: "1 potential network", "0 potential networks" (``one``:
    the singular, where it is not ``plural`` less its first "s")."""
    return f"{count} {(one or noun(count, plural)) if count == 1 else plural}"


# -- 2.1 needs against networks ----------------------------------------------------------
def ordered_needs(needs: Sequence[Need]) -> list[Need]:
    """Current needs first, then aspirations, each kind in saved order (N1, N2.., A1..)."""
    return sorted(needs, key=lambda n: n.horizon != "current need")


def need_codes(needs: Sequence[Need]) -> dict[str, str]:
    """Short codes in saved order: N1, N2... for current needs, A1, A2... for aspirations."""
    codes: dict[str, str] = {}
    counters = {"N": 0, "A": 0}
    for need in needs:
        letter = "N" if need.horizon == "current need" else "A"
        counters[letter] += 1
        codes[need.id] = f"{letter}{counters[letter]}"
    return codes


@dataclass(frozen=True)
class NeedRow:
    """One need as the needs chart draws it."""

    code: str
    text: str
    counts: tuple[int, ...]  # per network, in the table's column order

    @property
    def served(self) -> bool:
        """Whether any network serves it."""
        return any(self.counts)


@dataclass(frozen=True)
class NeedsTable:
    """What the needs chart draws: each need (by kind and code) against each network."""

    needs: tuple[NeedRow, ...]
    networks: tuple[str, ...]  # names

    @property
    def unserved(self) -> list[str]:
        """The codes of needs no network serves yet."""
        return [row.code for row in self.needs if not row.served]


@dataclass(frozen=True)
class ServesMatrix:
    """Which network serves which need: how many of its benefits are tied to it.

    ``needs`` are ordered by kind and code (N1, N2, ..., A1, ...).
    """

    needs: tuple[Need, ...]
    networks: tuple[Network, ...]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (need, network)

    def count(self, need_id: str, network_id: str) -> int:
        """How many benefits of the network serve the need."""
        return self.counts.get((need_id, network_id), 0)

    def served_by(self, need_id: str) -> list[Network]:
        """The networks with at least one benefit serving the need."""
        return [n for n in self.networks if self.count(need_id, n.id)]

    @property
    def unserved(self) -> list[Need]:
        """Needs and aspirations no network serves yet."""
        return [need for need in self.needs if not self.served_by(need.id)]

    @property
    def codes(self) -> dict[str, str]:
        """Each need's code (N1, A1...)."""
        return need_codes(self.needs)

    def table(self) -> NeedsTable:
        """Exactly what the needs chart draws."""
        codes = self.codes
        return NeedsTable(
            tuple(NeedRow(codes[need.id], need.text,
                          tuple(self.count(need.id, n.id) for n in self.networks))
                  for need in self.needs),
            tuple(n.name for n in self.networks))


def serves_matrix(needs: Sequence[Need], networks: Sequence[Network]) -> ServesMatrix:
    """Count, for every need and network, the network's benefits that serve the need."""
    known = {need.id for need in needs}
    counts: dict[tuple[str, str], int] = {}
    for network in networks:
        for benefit in network.benefits:
            for need_id in dict.fromkeys(benefit.serves):
                if need_id in known:
                    counts[need_id, network.id] = counts.get((need_id, network.id), 0) + 1
    return ServesMatrix(tuple(ordered_needs(needs)), tuple(networks), counts)


def needs_matrix_data(portfolio: Portfolio) -> NeedsTable:
    """What the needs chart draws, read from ``portfolio``."""
    return serves_matrix(portfolio.all(Need), portfolio.all(Network)).table()


# -- 2.2 ranking and sensitivity ---------------------------------------------------------
def criterion_spec(criterion: ShortlistCriterion) -> CriterionSpec:
    """The analysis view of a saved shortlisting criterion."""
    return CriterionSpec(id=criterion.id, name=criterion.name, weight=float(criterion.weight),
                         direction=criterion.direction)


def shortlist_inputs(portfolio: Portfolio) -> ShortlistInputs:
    """Read the networks, criteria, scores and shortlist saved in ``portfolio``."""
    networks = portfolio.all(Network)
    ids = tuple(n.id for n in networks)
    criteria = tuple(criterion_spec(c) for c in portfolio.all(ShortlistCriterion))
    scores = portfolio.load(Scores) or Scores()
    crit_ids = {c.id for c in criteria}
    grid = {n: {c: int(v) for c, v in scores.grid.get(n, {}).items() if c in crit_ids}
            for n in ids}
    saved = portfolio.load(Shortlist) or Shortlist()
    chosen = tuple(k for k in saved.networks if k in ids)
    return ShortlistInputs(ids, {n.id: n.name for n in networks}, criteria, grid, chosen,
                           saved.reason)


def ranking_data(portfolio: Portfolio) -> ShortlistInputs:
    """What the ranking chart draws (the shortlist's reason is not drawn)."""
    return replace(shortlist_inputs(portfolio), reason="")


def sensitivity_data(portfolio: Portfolio) -> SensitivityReport:
    """What the sensitivity chart draws: every criterion's thresholds, or why none."""
    return sensitivity_report(shortlist_inputs(portfolio))


# -- 2.3 benefits against limitations ----------------------------------------------------
def assessment_totals(assessment: Assessment) -> dict[tuple[str, str], int]:
    """Summed impact by (type, stage): ("benefit", "joining") -> 9 ..."""
    totals = {(t, s): 0 for t in ("benefit", "limitation") for s in ("joining", "maintaining")}
    for item in assessment.items:
        totals[item.type, item.stage] = totals.get((item.type, item.stage), 0) + int(
            item.impact)
    return totals


@dataclass(frozen=True)
class BalanceRow:
    """One assessed network as the balance chart draws it: summed impact by stage."""

    name: str
    judgement: str
    benefits: tuple[int, int]  # joining, maintaining
    limitations: tuple[int, int]


def balance_data(portfolio: Portfolio) -> tuple[BalanceRow, ...]:
    """What the benefits-against-limitations chart draws, one row per assessed network."""
    names = {n.id: n.name for n in portfolio.all(Network)}
    rows = []
    for a in portfolio.all(Assessment):
        if a.network in names:
            t = assessment_totals(a)
            rows.append(BalanceRow(names[a.network], a.judgement,
                                   (t["benefit", "joining"], t["benefit", "maintaining"]),
                                   (t["limitation", "joining"], t["limitation", "maintaining"])))
    return tuple(rows)


@dataclass(frozen=True)
class Count:
    """What a counter found: how many items count, which, and an optional hint."""

    count: int
    items: tuple[str, ...] = ()
    hint: str = ""
    guidance: tuple[str, ...] = ()  # what the answer still lacks (learning outcome 1)
    ready: bool = True  # False: something the unit asks for is missing, whatever the count
    begun: bool = False  # an answer is saved, so the criterion is at least partial


@dataclass(frozen=True)
class AssessorDecision:
    """The assessor's latest decision on a criterion, as loaded into the learner's portfolio
    with ``netkit feedback load``: shown beside netkit's own status, never instead of it."""

    outcome: str  # "met" | "not yet met"
    feedback: str = ""
    date: str = ""
    assessor: str = ""

    def line(self) -> str:
        """"assessor: not yet met - say more about ... (12 Dec 2026, J. Smith)"."""
        from .render import show_date

        said = f" - {self.feedback}" if self.feedback else ""
        who = ", ".join(x for x in (show_date(self.date), self.assessor) if x)
        return f"assessor: {self.outcome}{said}" + (f" ({who})" if who else "")


def assessor_decisions(portfolio: Portfolio) -> dict[str, AssessorDecision]:
    """Criterion id -> the assessor's latest decision loaded into ``portfolio`` (none until
    the learner loads the assessor's feedback). Every status reads it: ``netkit status``
    (text and JSON), the notebooks' status lines and progress tables."""
    from .assess import loaded_decisions

    return {cid: AssessorDecision(d.outcome, d.feedback, d.date, d.assessor)
            for cid, d in loaded_decisions(portfolio).items()}


# What "met" means, wherever a status shows (netkit status, the notebooks, the pack).
MET_MEANS = ("met means the minimum evidence is recorded (the guidance M&L 25's minimum "
             "for " + ", ".join(c.id for c in CRITERIA if c.minimum_stated) + "; netkit's "
             "default of one for the others); it is not the assessor's decision, which only "
             "the assessor makes")


@dataclass(frozen=True)
class CriterionStatus:
    """One criterion's standing in a portfolio."""

    id: str
    status: str  # met | partial | missing
    count: int
    minimum: int
    next: str
    counts: str
    text: str
    verb: str
    outcome: int
    notebook: str
    pcs: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    supporting: tuple[str, ...] = field(default=())
    guidance: tuple[str, ...] = field(default=())
    minimum_source: str = "netkit"  # "guidance": M&L 25 states it; "netkit": the default 1
    assessor: AssessorDecision | None = None  # the assessor's loaded decision, beside "met"

    def line(self) -> str:
        """One line for ``netkit status``."""
        text = (f"{self.id}  {self.status:<7}  {self.count} of {self.minimum} "
                f"{noun(self.minimum, self.counts)}")
        if self.supporting:
            n = len(self.supporting)
            text += f" (+{n} supporting: witness testimony or discussion)"
        return f"{text} - {self.next}" if self.next else text


def _count_networks(p: Portfolio) -> Count:
    needs = {n.id for n in p.all(Need)}
    networks = p.all(Network)
    analysed = [n for n in networks if any(set(b.serves) & needs for b in n.benefits)]
    hint = ""
    if not needs:
        hint = "record your current needs and future aspirations first"
    elif len(analysed) < len(networks):
        names = ", ".join(n.name for n in networks if n not in analysed)
        hint = f"tie a benefit of {names} to a need or aspiration"
    return Count(len(analysed), tuple(n.name for n in analysed), hint)


def _count_shortlist(p: Portfolio) -> Count:
    shortlist = p.load(Shortlist)
    criteria = [c for c in p.all(ShortlistCriterion) if c.weight > 0]
    scores = p.load(Scores) or Scores()
    if not criteria:
        return Count(0, (), "define your shortlisting criteria and their weights first")
    names = {n.id: n.name for n in p.all(Network)}
    chosen = [k for k in (shortlist.networks if shortlist else []) if k in names]
    scored = [k for k in chosen
              if all(c.id in scores.grid.get(k, {}) for c in criteria)]
    hint = "" if len(scored) == len(chosen) else "score every shortlisted network"
    return Count(len(scored), tuple(names[k] for k in scored), hint)


def _count_assessments(p: Portfolio) -> Count:
    names = {n.id: n.name for n in p.all(Network)}
    done = [a for a in p.all(Assessment)
            if a.network in names and a.judgement and a.justification
            and any(i.type == "benefit" for i in a.items)
            and any(i.type == "limitation" for i in a.items)]
    return Count(len(done), tuple(names[a.network] for a in done),
                 "" if done else "each assessment needs benefits, limitations and a "
                                 "justified judgement")


COUNTERS: dict[str, Callable[[Portfolio], Count]] = {
    "2.1": _count_networks,
    "2.2": _count_shortlist,
    "2.3": _count_assessments,
}

# The record kinds each counter reads (witnesses and discussions count for every criterion),
# so a status line reads the portfolio again only when one of them changed.
COUNTED_KINDS: dict[str, tuple[str, ...]] = {
    "2.1": ("need", "network"),
    "2.2": ("network", "shortlist_criterion", "scores", "shortlist"),
    "2.3": ("network", "assessment"),
}


def _supporting(p: Portfolio) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for w in p.all(Witness):
        for cid in w.criteria:
            found.setdefault(cid, []).append(f"witness testimony: {w.name} ({w.date})")
    for d in p.all(Discussion):
        for cid in d.criteria:
            found.setdefault(cid, []).append(f"professional discussion ({d.date})")
    return found


def _next_step(c: Criterion, found: Count) -> str:
    missing = c.minimum - found.count
    if missing <= 0:
        if not found.ready:  # the count is there, something else the unit asks is not
            return found.hint
        return found.hint and f"to strengthen it, {found.hint}"
    where = c.notebook if c.id in COUNTERS else f"{c.notebook} (coming in a later release)"
    step = f"add {missing} more in {where}"
    return f"{found.hint}; then {step}" if found.hint else step


def _status(c: Criterion, found: Count, support: tuple[str, ...],
            decision: AssessorDecision | None = None) -> CriterionStatus:
    if found.count >= c.minimum and found.ready:
        status = "met"
    elif found.count or support or found.begun:
        status = "partial"
    else:
        status = "missing"
    return CriterionStatus(
        id=c.id, status=status, count=found.count, minimum=c.minimum,
        next=_next_step(c, found), counts=c.counts, text=c.text, verb=c.verb,
        outcome=c.outcome, notebook=c.notebook, pcs=c.pcs, evidence=found.items,
        supporting=support, guidance=found.guidance, minimum_source=c.minimum_source,
        assessor=decision)


def coverage(portfolio: Portfolio) -> list[CriterionStatus]:
    """The standing of every criterion 1.1-3.7 in ``portfolio``."""
    supporting = _supporting(portfolio)
    decisions = assessor_decisions(portfolio)
    return [_status(c, COUNTERS[c.id](portfolio) if c.id in COUNTERS else Count(0),
                    tuple(supporting.get(c.id, ())), decisions.get(c.id)) for c in CRITERIA]


def standing(portfolio: Portfolio, criterion_id: str) -> CriterionStatus:
    """The standing of one criterion (what its status line shows), counting only it."""
    c = next((c for c in CRITERIA if c.id == criterion_id), None)
    if c is None:
        raise UnknownCriterionError(
            criterion_id, f"no criterion {criterion_id!r} in this unit (1.1 to 3.7)")
    counter = COUNTERS.get(c.id)
    return _status(c, counter(portfolio) if counter else Count(0),
                   tuple(_supporting(portfolio).get(c.id, ())),
                   assessor_decisions(portfolio).get(c.id))


def status_json(portfolio: Portfolio) -> dict[str, Any]:
    """The document ``netkit status --json`` prints (see README: "Status JSON")."""
    from .declaration import declaration_standing
    from .guidance import prompts
    from .model import Learner

    learner = portfolio.load(Learner)
    rows = coverage(portfolio)
    return {
        "portfolio": str(portfolio.path),
        "example": portfolio.is_example,
        "learner": learner.to_dict() if learner else None,
        "summary": {s: sum(r.status == s for r in rows) for s in ("met", "partial",
                                                                  "missing")},
        "criteria": [
            {**asdict(r), "pcs": list(r.pcs), "evidence": list(r.evidence),
             "supporting": list(r.supporting), "guidance": list(r.guidance),
             "knowledge": list(KNOWLEDGE_FOR.get(r.id, ()))}
            for r in rows
        ],
        "prompts": prompts(portfolio),
        "met_means": MET_MEANS,
        "declaration": declaration_standing(portfolio).to_json(),
    }

# Learning outcome 1's counters (netkit/guidance.py: what each answer still lacks).
from . import guidance as _guidance  # noqa: E402, F401

# Learning outcome 3's counters (netkit/lo3_coverage.py) register themselves here.
from . import lo3_coverage as _lo3_coverage  # noqa: E402, F401
