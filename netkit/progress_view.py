"""The learner's progress against every criterion, as static HTML for notebooks."""

from __future__ import annotations

from .coverage import MET_MEANS, counted, coverage, noun
from .criteria import OUTCOMES
from .render import NO_MATH, STYLE, esc, note, table
from .store import Portfolio

__all__ = ["Progress", "progress_html"]


def progress_html(portfolio: Portfolio) -> str:
    """A table per learning outcome: criterion, status, count against minimum, next step."""
    rows = coverage(portfolio)
    parts = [STYLE, f'<div class="{NO_MATH}">']
    if portfolio.is_example:
        parts.append('<p><b>EXAMPLE - not learner evidence.</b> This portfolio holds the '
                     "fictional example learner.</p>")
    met = sum(r.status == "met" for r in rows)
    parts.append(f"<p><b>{met} of {len(rows)}</b> {noun(len(rows), 'criteria')} met "
                 "(the minimum evidence recorded; not the assessor's decision).</p>")
    decided = any(r.assessor for r in rows)  # the assessor's loaded decisions, beside
    for outcome in OUTCOMES:
        mine = [r for r in rows if r.outcome == outcome.number]
        parts.append(f"<h3>Learning outcome {outcome.number}: {esc(outcome.text)}</h3>")
        parts.append(table(
            ["Criterion", "Status", "Evidence", "Next step",
             *(["Assessor's decision"] if decided else [])],
            [(f"{r.id} {r.text}", r.status, f"{r.count} of {counted(r.minimum, r.counts)}",
              r.next or "-",
              *([r.assessor.line().removeprefix("assessor: ") if r.assessor else "-"]
                if decided else [])) for r in mine],
            row_classes=[f"nk-{r.status}" for r in mine]))
    parts.append(note(MET_MEANS[0].upper() + MET_MEANS[1:] + "."))
    parts.append("</div>")
    return "".join(parts)


class Progress:
    """Displays as the progress tables; re-display to refresh."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio

    def _repr_html_(self) -> str:
        return progress_html(self.portfolio)
