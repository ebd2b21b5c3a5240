"""Progress against every criterion: counts against the unit's minimum, and what to do next.

Each criterion's evidence is counted by a function registered in ``COUNTERS``; a later
learning outcome plugs in by registering its own. Witness testimonies and professional
discussions that cite a criterion are counted as supporting evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .criteria import CRITERIA, Criterion
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

__all__ = ["COUNTERS", "Count", "CriterionStatus", "coverage", "status_json"]


@dataclass(frozen=True)
class Count:
    """What a counter found: how many items count, which, and an optional hint."""

    count: int
    items: tuple[str, ...] = ()
    hint: str = ""


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

    def line(self) -> str:
        """One line for ``netkit status``."""
        text = f"{self.id}  {self.status:<7}  {self.count} of {self.minimum} {self.counts}"
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
        return found.hint and f"to strengthen it, {found.hint}"
    where = c.notebook if c.id in COUNTERS else f"{c.notebook} (coming in a later release)"
    step = f"add {missing} more in {where}"
    return f"{found.hint}; then {step}" if found.hint else step


def coverage(portfolio: Portfolio) -> list[CriterionStatus]:
    """The standing of every criterion 1.1-3.7 in ``portfolio``."""
    supporting = _supporting(portfolio)
    result = []
    for c in CRITERIA:
        counter = COUNTERS.get(c.id)
        found = counter(portfolio) if counter else Count(0)
        support = tuple(supporting.get(c.id, ()))
        if found.count >= c.minimum:
            status = "met"
        elif found.count or support:
            status = "partial"
        else:
            status = "missing"
        result.append(CriterionStatus(
            id=c.id, status=status, count=found.count, minimum=c.minimum,
            next=_next_step(c, found), counts=c.counts, text=c.text, verb=c.verb,
            outcome=c.outcome, notebook=c.notebook, pcs=c.pcs, evidence=found.items,
            supporting=support))
    return result


def status_json(portfolio: Portfolio) -> dict[str, Any]:
    """The document ``netkit status --json`` prints (see README: "Status JSON")."""
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
             "supporting": list(r.supporting)}
            for r in rows
        ],
    }
