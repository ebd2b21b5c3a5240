"""Current needs and future aspirations (criterion 2.1, notebook 02)."""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w

from ..coverage import need_codes, ordered_needs
from ..model import HORIZONS, PRIORITIES, Need, Record
from ..render import esc, note, panel, stamper
from .listing import ListForm
from .views import html_table

__all__ = ["NeedsForm"]

HORIZON_LABELS = {"current need": "Current need (your present role)",
                  "future aspiration": "Future aspiration (one to three years)"}


class NeedsForm(ListForm):
    """The learner's current needs and future aspirations, each with a priority."""

    title = "Your needs and aspirations"
    intro = ("One need or aspiration at a time: pick New..., write it, choose whether it is "
             "about your present role or the next one to three years, set its priority, "
             "then Save. Pick a saved one to change or delete it.")
    record_type: ClassVar[type[Record]] = Need
    noun = "need or aspiration"
    new_label = "New need or aspiration..."

    def build_fields(self) -> list[w.Widget]:
        text = w.Textarea(placeholder="e.g. Lead the warehouse system upgrade next spring",
                          layout=w.Layout(width="520px", height="64px"))
        horizon = w.ToggleButtons(options=[(HORIZON_LABELS[h], h) for h in HORIZONS],
                                  value=HORIZONS[0], style={"button_width": "260px"})
        priority = w.ToggleButtons(options=list(PRIORITIES), value="medium",
                                   style={"button_width": "80px"})
        return [self.add_field("text", "Need or aspiration", text),
                self.add_field("horizon", "Horizon", horizon),
                self.add_field("priority", "Priority", priority)]

    def choices(self) -> list[tuple[str, str]]:
        """Current needs, then aspirations, each in code order (N1, N2, ..., A1, ...)."""
        return [(self.label(r), r.key) for r in ordered_needs(self.portfolio.all(Need))]

    def label(self, record: Record) -> str:
        assert isinstance(record, Need)
        codes = need_codes(self.portfolio.all(Need))
        text = record.text if len(record.text) <= 60 else record.text[:59] + "…"
        return f"{codes.get(record.id, '')} {text} ({record.priority})"

    def fill(self, record: Record | None) -> None:
        need = record if isinstance(record, Need) else Need()
        for name in ("text", "horizon", "priority"):
            self.fields[name].value = getattr(need, name)

    def collect(self) -> Need:
        return Need(**{name: self.fields[name].value
                       for name in ("text", "horizon", "priority")})

    def static_html(self) -> str:
        needs = self.portfolio.all(Need)
        if not needs:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        codes = need_codes(needs)
        stamp = stamper(self.portfolio)
        parts = []
        for horizon in HORIZONS:
            mine = [n for n in needs if n.horizon == horizon]
            if not mine:
                parts.append(f"<p><b>{esc(HORIZON_LABELS[horizon])}</b></p>")
            parts.append(html_table(
                ["Code", "Need or aspiration", "Priority"],
                [(esc(codes[n.id]), esc(n.text) + stamp(n), esc(n.priority))
                 for n in mine], caption=HORIZON_LABELS[horizon])
                if mine else note("None recorded yet."))
        return panel(self.title, "".join(parts))
