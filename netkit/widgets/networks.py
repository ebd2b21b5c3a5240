"""Potential networks and the analysis of their benefits against needs (criterion 2.1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import ipywidgets as w

from ..coverage import need_codes, ordered_needs, serves_matrix
from ..model import NETWORK_KINDS, Benefit, Need, Network, Record
from ..render import esc, note, panel, stamper
from .base import TickList, plural
from .listing import ListForm
from .views import LiveView, html_list, html_table

__all__ = ["BenefitRow", "NeedsAnalysis", "NetworksForm"]


def _need_options(needs: Sequence[Need]) -> list[tuple[str, str]]:
    codes = need_codes(needs)
    return [(f"{codes[n.id]} {n.text}", n.id) for n in ordered_needs(needs)]


def _money(value: float) -> str:
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"


class BenefitRow:
    """One benefit: what the network gives, and the needs and aspirations it serves."""

    def __init__(self, options: list[tuple[str, str]], text: str = "",
                 serves: Sequence[str] = ()) -> None:
        self.text = w.Textarea(value=text, placeholder="What the network gives you",
                               layout=w.Layout(width="300px", height="58px"))
        self.serves = TickList(width="380px")
        self.set_options(options, serves)
        self.remove_button = w.Button(description="Remove", icon="times",
                                      layout=w.Layout(width="90px"))
        self.widget = w.HBox([self.text, self.serves.widget, self.remove_button],
                             layout=w.Layout(align_items="flex-start"))
        self.widget.add_class("nk-benefit")

    def set_options(self, options: list[tuple[str, str]], keep: Sequence[str] | None = None
                    ) -> None:
        """Offer ``options`` (label, need key), keeping the ticked ones that remain."""
        chosen = tuple(self.serves.value) if keep is None else tuple(keep)
        valid = {value for _, value in options}
        self.serves.options = options
        self.serves.value = tuple(k for k in chosen if k in valid)

    def show(self, text: str, serves: Sequence[str]) -> None:
        """Show a benefit in this row (rows are reused when another network is picked)."""
        self.text.value = text
        self.serves.value = tuple(serves)

    def close(self) -> None:
        """Close the row's widgets (the kernel forgets them)."""
        for box in self.serves.boxes.values():
            box.close()
        for widget in (self.text, self.serves.widget, self.remove_button, self.widget):
            widget.close()

    def benefit(self) -> Benefit:
        """The benefit as typed and ticked."""
        return Benefit(text=self.text.value, serves=list(self.serves.value))


class NetworksForm(ListForm):
    """A potential network: what it is, how to join, its cost, its benefits, a conclusion."""

    title = "Potential networks"
    intro = ("One network at a time. Tie each benefit to the needs and aspirations it "
             "serves (tick every one that applies), then write your conclusion.")
    record_type: ClassVar[type[Record]] = Network
    noun = "network"
    new_label = "New network..."
    row_nouns: ClassVar[dict[str, str]] = {"benefits": "benefit"}
    listens_to = ("need",)

    def build_fields(self) -> list[w.Widget]:
        self.benefit_rows: list[BenefitRow] = []
        self.benefit_box = w.VBox([])
        add = w.Button(description="Add a benefit", icon="plus")
        add.on_click(self.serial(lambda _b: self.add_benefit()))
        self.no_needs = w.HTML("")
        benefits = w.VBox([self.no_needs, self.benefit_box, add])
        wide = w.Layout(width="520px")
        return [
            self.add_field("name", "Name", w.Text(layout=wide,
                           placeholder="e.g. Chartered Institute of Logistics and Transport")),
            self.add_field("kind", "Kind of network",
                           w.Dropdown(options=list(NETWORK_KINDS), layout=w.Layout(
                               width="320px"))),
            self.add_field("how_to_join", "How to join",
                           w.Textarea(layout=w.Layout(width="520px", height="58px"))),
            self.add_field("yearly_cost", "Yearly cost (£)",
                           w.FloatText(layout=w.Layout(width="140px")),
                           "fees you or your employer would pay; 0 if free"),
            self.add_field("hours_per_month", "Hours a month",
                           w.FloatText(layout=w.Layout(width="140px")),
                           "events, reading, travel"),
            self.add_field("benefits", "Benefits", benefits),
            self.add_field("conclusion", "Conclusion",
                           w.Textarea(layout=w.Layout(width="520px", height="80px"),
                                      placeholder="How well does it serve your needs and "
                                                  "aspirations, against its cost?")),
        ]

    # -- benefits ---------------------------------------------------------------------
    def add_benefit(self, text: str = "", serves: Sequence[str] = ()) -> BenefitRow:
        """Add an empty (or given) benefit row; returns it."""
        row = BenefitRow(_need_options(self.portfolio.all(Need)), text, serves)
        row.remove_button.on_click(self.serial(
            lambda _b: self.remove_benefit(self.benefit_rows.index(row))))
        self.benefit_rows.append(row)
        self.benefit_box.children = [r.widget for r in self.benefit_rows]
        return row

    def remove_benefit(self, index: int) -> None:
        """Remove the benefit row at ``index`` (saved when you press Save)."""
        row = self.benefit_rows.pop(index)
        self.benefit_box.children = [r.widget for r in self.benefit_rows]
        row.close()

    def _show_needs_hint(self, needs: Sequence[Need]) -> None:
        self.no_needs.value = "" if needs else (
            "<i>Save your needs and aspirations above first: then tick here the ones each "
            "benefit serves.</i>")

    def _set_benefits(self, benefits: Sequence[Benefit]) -> None:
        needs = self.portfolio.all(Need)
        self._show_needs_hint(needs)
        options = _need_options(needs)
        shown = list(benefits) or [Benefit()]
        # Reuse the rows on show: a row the learner types into is never one just replaced.
        for row, benefit in zip(self.benefit_rows, shown, strict=False):
            row.set_options(options, benefit.serves)
            row.show(benefit.text, benefit.serves)
        for benefit in shown[len(self.benefit_rows):]:
            self.add_benefit(benefit.text, benefit.serves)
        while len(self.benefit_rows) > len(shown):
            self.remove_benefit(len(self.benefit_rows) - 1)

    # -- the form ----------------------------------------------------------------------
    def label(self, record: Record) -> str:
        assert isinstance(record, Network)
        return record.name

    def fill(self, record: Record | None) -> None:
        network = record if isinstance(record, Network) else Network()
        for name in ("name", "kind", "how_to_join", "yearly_cost", "hours_per_month",
                     "conclusion"):
            self.fields[name].value = getattr(network, name)
        self._set_benefits(network.benefits)

    def collect(self) -> Network:
        # An untouched row (no text, nothing ticked) is the blank one offered for typing.
        benefits = [b for b in (row.benefit() for row in self.benefit_rows)
                    if b.text.strip() or b.serves]
        return Network(
            name=self.fields["name"].value, kind=self.fields["kind"].value,
            how_to_join=self.fields["how_to_join"].value,
            yearly_cost=self.fields["yearly_cost"].value,
            hours_per_month=self.fields["hours_per_month"].value,
            benefits=benefits, conclusion=self.fields["conclusion"].value)

    def save(self) -> Network:
        """Validate and save the network; say if no benefit is tied to a need yet."""
        saved = super().save()
        assert isinstance(saved, Network)
        if not any(b.serves for b in saved.benefits):
            self.status.value += ('<span style="color:#8a5a00"> - tie at least one benefit '
                                  "to a need or aspiration so it counts for 2.1.</span>")
        return saved

    def portfolio_changed(self, kind: str) -> None:
        if kind == "need":  # keep unsaved typing: only refresh the needs on offer
            needs = self.portfolio.all(Need)
            self._show_needs_hint(needs)
            options = _need_options(needs)
            for row in self.benefit_rows:
                row.set_options(options)
            self.update_display()
        else:
            super().portfolio_changed(kind)

    def static_html(self) -> str:
        networks = self.portfolio.all(Network)
        if not networks:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        needs = self.portfolio.all(Need)
        codes = need_codes(needs)
        stamp = stamper(self.portfolio)
        parts = [note(f"{plural(len(networks), 'potential network')} recorded.")]
        for net in networks:
            benefits = [f"{b.text} \u2192 "
                        + (", ".join(codes[s] for s in b.serves if s in codes) or
                           "no need or aspiration ticked")
                        for b in net.benefits]
            rows = [("Kind", esc(net.kind)), ("How to join", esc(net.how_to_join)),
                    ("Yearly cost", esc(_money(net.yearly_cost))),
                    ("Hours a month", esc(f"{net.hours_per_month:g}")),
                    ("Benefits", html_list(benefits) or esc("none recorded")),
                    ("Conclusion", esc(net.conclusion) or esc("(none yet)"))]
            parts.append(f"<h4 style='margin:10px 0 3px;font-weight:bold'>{esc(net.name)}</h4>"
                         + stamp(net))
            parts.append(html_table(["", ""], [(esc(k), v) for k, v in rows]))
        return panel(self.title, "".join(parts))


class NeedsAnalysis(LiveView):
    """The analysis for 2.1: which network serves which need, the gaps, the conclusions."""

    listens_to = ("need", "network")
    title = "Your analysis: networks against needs and aspirations"

    def html(self) -> str:
        needs = self.portfolio.all(Need)
        networks = self.portfolio.all(Network)
        if not needs or not networks:
            missing = ("your needs and aspirations" if not needs else
                       "potential networks")
            return panel(self.title, note(f"Nothing to analyse yet: add {missing} above; "
                                          "this analysis fills in as you save."))
        matrix = serves_matrix(needs, networks)
        codes = need_codes(needs)
        unserved = {n.id for n in matrix.unserved}
        rows: list[list[str]] = []
        for need in matrix.needs:  # by kind and code: N1, N2, ..., A1, ...
            cells = [esc(codes[need.id]),
                     f"{esc(need.text)}<br><small>{esc(need.horizon)}, {esc(need.priority)} "
                     f"priority</small>"]
            for net in networks:
                count = matrix.count(need.id, net.id)
                cells.append('<div style="text-align:center">'
                             + esc("\u2713" if count == 1 else f"\u2713\u00d7{count}")
                             + "</div>" if count else "")
            served = len(matrix.served_by(need.id))
            cells.append(esc(str(served)) if served else "<b>none yet</b>")
            rows.append(cells)
        parts = [html_table(["Code", "Need or aspiration", *[n.name for n in networks],
                             "Networks serving it"], rows,
                            row_classes=["nk-missing" if n.id in unserved else ""
                                         for n in matrix.needs],
                            header_classes=["", "nk-wide",
                                            *["nk-vert"] * len(networks), "nk-vert"])]
        if matrix.unserved:
            parts.append("<p><b>\u26a0 Not served by any network yet:</b></p>")
            parts.append(html_list(f"{codes[n.id]} {n.text}" for n in matrix.unserved))
            parts.append(note("Look for a network that serves these, or say in your "
                              "conclusions why none is needed yet."))
        else:
            parts.append("<p><b>Every need and aspiration is served by at least one "
                         "network.</b></p>")
        untied = [n.name for n in networks if not any(
            matrix.count(need.id, n.id) for need in needs)]
        if untied:
            parts.append(f"<p><b>Not yet tied to any need or aspiration</b> (they do not "
                         f"count for 2.1 until you do): {esc(', '.join(untied))}</p>")
        parts.append("<p><b>Your conclusion on each network</b></p>")
        parts.append(html_table(
            ["Network", "Serves", "Yearly cost", "Hours a month", "Conclusion"],
            [(esc(n.name),
              esc(", ".join(codes[k] for k in codes if matrix.count(k, n.id)) or "-"),
              esc(_money(n.yearly_cost)), esc(f"{n.hours_per_month:g}"),
              esc(n.conclusion) or "<i>no conclusion yet</i>") for n in networks]))
        return panel(self.title, "".join(parts))
