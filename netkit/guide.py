"""Teaching text drawn from the unit data: what a criterion says and what its verb asks."""

from __future__ import annotations

from .criteria import CRITERIA, OUTCOMES, UNIT, Criterion, criterion, knowledge_for
from .render import STYLE, esc, table

__all__ = ["Html", "about_criterion", "unit_overview"]


class Html:
    """Static HTML that displays in a notebook (and so in every export)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


def about_criterion(criterion_id: str) -> Html:
    """The criterion quoted, what its command verb asks, its range and minimum evidence."""
    c = criterion(criterion_id)
    parts = [STYLE, '<div class="nk-panel">',
             f"<h3>Assessment criterion {esc(c.id)}: {esc(c.text)}</h3>",
             f"<p><b>Command verb: {esc(c.verb)}.</b> {esc(c.verb_asks)}</p>",
             f"<p><b>What the assessor looks for:</b> {esc(c.requirement)}</p>"]
    if c.note:  # netkit's note on the unit's own text (3.6)
        parts.append(f"<p style=\"border-left:3px solid #b26b00;padding-left:6px\"><b>Note "
                     f"from netkit:</b> {esc(c.note)}</p>")
    if c.amplification:
        items = "".join(f"<li>{esc(a)}</li>" for a in c.amplification)
        parts.append(f"<p><b>Range (unit amplification):</b></p><ul>{items}</ul>")
    parts.append(f"<p><b>Guidance (M&amp;L 25):</b> {esc(c.guidance)}</p>")
    if c.guidance_points:
        items = "".join(f"<li>{esc(p)}</li>" for p in c.guidance_points)
        parts.append(f"<ul>{items}</ul>")
    knowledge = knowledge_for(c.id)  # learning outcome 1 evidences knowledge, not PCs
    parts.append(f"<p><b>Minimum evidence:</b> {esc(c.minimum_text)} "
                 f"({esc(c.minimum_basis)}). "
                 f"<b>NOS {esc(UNIT.nos_code)}:</b> {esc(c.nos)}.</p>")
    if knowledge:
        items = "".join(f"<li>{esc(k)} {esc(text)}</li>" for k, text in knowledge)
        parts.append(f"<p><b>NOS {esc(UNIT.nos_code)} knowledge and understanding it "
                     f"evidences:</b></p><ul>{items}</ul>")
    parts.append("</div>")
    return Html("".join(parts))


def unit_overview() -> Html:
    """Every learning outcome with its criteria, command verbs and minimum evidence."""
    parts = [STYLE, f"<p><b>{esc(UNIT.title)}</b> - unit {esc(UNIT.code)}, level "
                    f"{UNIT.level}, {UNIT.credit} credits, {UNIT.guided_learning_hours} "
                    f"guided learning hours. National Occupational Standard "
                    f"{esc(UNIT.nos_code)} '{esc(UNIT.nos_title)}'.</p>",
             f"<p><b>Unit assessment requirements:</b> {esc(UNIT.assessment)}</p>"]
    for outcome in OUTCOMES:
        parts.append(f"<h3>Learning outcome {outcome.number}: {esc(outcome.text)}</h3>")
        parts.append(f"<p>Notebook: <code>{esc(outcome.notebook)}</code></p>")
        parts.append(table(
            ["Criterion", "Command verb", "Minimum evidence"],
            [(f"{c.id} {c.text}", c.verb, f"{c.minimum_text} ({_minimum_from(c)})")
             for c in CRITERIA if c.outcome == outcome.number]))
    stated = ", ".join(c.id for c in CRITERIA if c.minimum_stated)
    parts.append(f'<p class="nk-note">Minimum evidence: the guidance M&amp;L 25 states a '
                 f"minimum for {esc(stated)} only; for the other criteria the minimum of one "
                 "is netkit's default, not the guidance's.</p>")
    return Html("".join(parts))


def _minimum_from(c: Criterion) -> str:
    """Who sets a criterion's minimum, for a table cell: "guidance" or "netkit default"."""
    return "guidance M&L 25" if c.minimum_stated else "netkit's default"
