"""The declaration of authenticity: dated by netkit when made, and out of date once any
evidence changes after it.

The learner never types the date: :func:`declare` saves :meth:`Declaration.made_now`.
:func:`declaration_standing` compares the moment the store saved the declaration with the
moments it saved the evidence (every record with an evidence reference,
:meth:`Portfolio.stamps`); the store's moments travel with a dump, so an export's copy says
the same. A change after the
declaration marks it "made before the latest changes: renew it" wherever it shows:
notebook 04, ``netkit status`` (text and JSON) and the evidence pack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from .model import Declaration
from .render import show_date
from .store import Portfolio

__all__ = ["RENEW", "SAME_SAVE", "DeclarationStanding", "declaration_standing", "declare"]

RENEW = "made before the latest changes: renew it"
# Records saved in one go (the example learner, a batch) are written a few milliseconds
# apart, in no set order: a change counts as after the declaration once it is later by more
# than this. A learner's own edit comes seconds later at the least.
SAME_SAVE = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class DeclarationStanding:
    """Whether the declaration is made, when, and whether evidence changed after it.

    ``made_at`` and ``last_change`` are ISO 8601 times in UTC ("" when unknown or none);
    ``changed`` counts the pieces of evidence saved after the declaration.
    """

    made: bool
    name: str = ""
    date: str = ""
    made_at: str = ""
    changed: int = 0
    last_change: str = ""

    @property
    def stale(self) -> bool:
        """True when evidence changed after the declaration was made."""
        return self.made and self.changed > 0

    @property
    def when(self) -> str:
        """When it was made, as a reader reads it: "30 Nov 2026 at 14:02"."""
        if not self.made_at:
            return show_date(self.date)
        local = dt.datetime.fromisoformat(self.made_at).astimezone()
        return f"{show_date(local.date().isoformat())} at {local:%H:%M}"

    def line(self) -> str:
        """One sentence: the declaration's standing, and what to do about it."""
        if not self.made:
            return ("Declaration of authenticity: not yet made (notebook 04: tick the box, "
                    "type your name, Save).")
        made = f"made {self.when}, dated by netkit" if self.made_at else f"made {self.when}"
        if not self.stale:
            return f"Declaration of authenticity: {made}; no evidence changed since."
        latest = dt.datetime.fromisoformat(self.last_change).astimezone()
        what = "piece of evidence" if self.changed == 1 else "pieces of evidence"
        return (f"Declaration of authenticity: {RENEW} ({made}; {self.changed} {what} "
                f"changed since, the latest on {show_date(latest.date().isoformat())} at "
                f"{latest:%H:%M}). Make it again in notebook 04.")

    def to_json(self) -> dict[str, Any]:
        """The ``declaration`` field of ``netkit status --json``."""
        return {**asdict(self), "stale": self.stale, "line": self.line()}


def declare(portfolio: Portfolio, name: str, *, agreed: bool = True) -> Declaration:
    """Make (or renew) the declaration in ``name`` now, dated by netkit; returns it saved."""
    return portfolio.save(Declaration.made_now(name, agreed=agreed))


def _changes(portfolio: Portfolio) -> tuple[str, list[str]]:
    """When the declaration was saved, and when each piece of evidence last changed."""
    found = portfolio.stamps()  # a reference marks evidence
    mine = found.get((Declaration.KIND, "main"))
    return (mine.changed if mine else "",
            [s.changed for s in found.values() if s.ref is not None])


def _utc(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def declaration_standing(portfolio: Portfolio) -> DeclarationStanding:
    """The declaration's standing in ``portfolio`` (read only)."""
    saved = portfolio.load(Declaration)
    if saved is None or not saved.agreed:
        return DeclarationStanding(made=False)
    at, times = _changes(portfolio)
    later = sorted(t for t in times if at and _utc(t) > _utc(at) + SAME_SAVE)
    return DeclarationStanding(made=True, name=saved.name, date=saved.date,
                               made_at=saved.made_at, changed=len(later),
                               last_change=_utc(later[-1]).isoformat() if later else "")
