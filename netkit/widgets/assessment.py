"""Benefits and limitations of joining and maintaining selected networks (criterion 2.3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import ipywidgets as w

from ..coverage import assessment_totals
from ..model import (
    ASSESSMENT_CATEGORIES,
    JUDGEMENTS,
    Assessment,
    AssessmentItem,
    Network,
    Record,
    Shortlist,
    ShortlistCriterion,
)
from ..render import esc, note, panel, stamper
from .base import name_controls
from .listing import NEW, ListForm
from .views import html_table

__all__ = ["AssessmentForm", "ItemRow"]

IMPACTS = [("1 slight", 1), ("2 minor", 2), ("3 moderate", 3), ("4 major", 4),
           ("5 decisive", 5)]
JUDGEMENT_OPTIONS = [("(not decided yet)", ""), *[(j, j) for j in JUDGEMENTS]]


class ItemRow:
    """One benefit or limitation: when, which, what kind, what, and how much it matters."""

    def __init__(self, item: AssessmentItem) -> None:
        self.stage = w.Dropdown(options=["joining", "maintaining"], value=item.stage,
                                layout=w.Layout(width="112px"))
        self.type = w.Dropdown(options=["benefit", "limitation"], value=item.type,
                               layout=w.Layout(width="100px"))
        self.category = w.Dropdown(options=list(ASSESSMENT_CATEGORIES), value=item.category,
                                   layout=w.Layout(width="184px"))
        self.text = w.Text(value=item.text, placeholder="What exactly?",
                           layout=w.Layout(width="300px"))
        self.impact = w.Dropdown(options=IMPACTS, value=int(item.impact),
                                 layout=w.Layout(width="110px"))
        self.remove_button = w.Button(description="", icon="times", tooltip="Remove this row",
                                      layout=w.Layout(width="40px"))
        self.widget = w.HBox([self.stage, self.type, self.category, self.text, self.impact,
                              self.remove_button])
        self.widget.add_class("nk-item")
        for control, label in ((self.stage, "Stage"), (self.type, "Benefit or limitation"),
                               (self.category, "Category"), (self.text, "What exactly"),
                               (self.impact, "Impact")):
            name_controls(control, label)  # for a screen reader: the row shows no labels

    def show(self, item: AssessmentItem) -> None:
        """Show ``item`` in this row (rows are reused when another record is picked)."""
        self.stage.value, self.type.value = item.stage, item.type
        self.category.value, self.text.value = item.category, item.text
        self.impact.value = int(item.impact)

    def close(self) -> None:
        """Close the row's widgets (the kernel forgets them)."""
        for widget in self.widget.children:
            widget.close()
        self.widget.close()

    def item(self) -> AssessmentItem:
        """The item as entered."""
        return AssessmentItem(stage=self.stage.value, type=self.type.value,
                              category=self.category.value, text=self.text.value,
                              impact=int(self.impact.value))


class AssessmentForm(ListForm):
    """Assess one selected network: benefits and limitations, costs, and a judgement."""

    title = "Assess a selected network"
    intro = ("Pick a network (shortlisted ones come first). List the benefits and the "
             "limitations of joining it and of keeping it up over time, rate each one's "
             "impact from 1 to 5, then make and justify your judgement. Rows left empty are "
             "ignored.")
    record_type: ClassVar[type[Record]] = Assessment
    noun = "assessment"
    picker_field = "network"
    picker_label = "Network"
    row_nouns: ClassVar[dict[str, str]] = {"items": "row"}
    listens_to = (Network.KIND, Shortlist.KIND)

    def build_fields(self) -> list[w.Widget]:
        self.item_rows: list[ItemRow] = []
        self.items_box = w.VBox([])
        add = w.Button(description="Add a row", icon="plus")
        add.on_click(self.serial(lambda _b: self.add_item()))
        header = w.HBox([w.HTML(f"<b>{esc(text)}</b>", layout=w.Layout(width=width))
                         for text, width in (("Stage", "116px"), ("Type", "104px"),
                                             ("Category", "188px"), ("What", "304px"),
                                             ("Impact", "110px"))])
        return [
            self.add_field("items", "Benefits and limitations",
                           w.VBox([header, self.items_box, add])),
            self.add_field("cost_per_year", "Cost a year (£)",
                           w.FloatText(layout=w.Layout(width="140px")),
                           "fees, travel and other spending"),
            self.add_field("hours_per_year", "Hours a year",
                           w.FloatText(layout=w.Layout(width="140px")),
                           "joining and keeping it up"),
            self.add_field("criteria_used", "Criteria you used", w.Textarea(
                layout=w.Layout(width="520px", height="58px"))),
            self.add_field("judgement", "Your judgement", w.ToggleButtons(
                options=JUDGEMENT_OPTIONS, style={"button_width": "130px"})),
            self.add_field("justification", "Why", w.Textarea(
                layout=w.Layout(width="520px", height="90px"),
                placeholder="Set the benefits against the limitations and costs.")),
        ]

    # -- rows -----------------------------------------------------------------------------
    def add_item(self, item: AssessmentItem | None = None) -> ItemRow:
        """Add a row (blank, or showing ``item``); returns it."""
        row = ItemRow(item or AssessmentItem())
        row.remove_button.on_click(self.serial(
            lambda _b: self.remove_item(self.item_rows.index(row))))
        self.item_rows.append(row)
        self.items_box.children = [r.widget for r in self.item_rows]
        return row

    def remove_item(self, index: int) -> None:
        """Remove the row at ``index`` (saved when you press Save)."""
        row = self.item_rows.pop(index)
        self.items_box.children = [r.widget for r in self.item_rows]
        row.close()

    # -- the picker -----------------------------------------------------------------------
    def _options(self) -> list[tuple[str, str]]:
        networks = self.portfolio.all(Network)
        if not networks:
            return [("(add potential networks first)", NEW)]
        shortlist = self.portfolio.load(Shortlist) or Shortlist()
        assessed = {a.network: a for a in self.portfolio.all(Assessment)}
        order = [n for k in shortlist.networks for n in networks if n.id == k]
        order += [n for n in networks if n.id not in shortlist.networks]
        options = []
        for net in order:
            tags = ["shortlisted"] if net.id in shortlist.networks else []
            if net.id in assessed:
                done = assessed[net.id].judgement
                tags.append(f"assessed: {done}" if done else "assessed, no judgement yet")
            options.append((f"{net.name} ({', '.join(tags)})" if tags else net.name,
                            net.id))
        return options

    def select(self, key: str) -> None:
        if key == NEW:  # no "New...": edit the first network on offer
            key = self._options()[0][1]
        super().select(key)

    def key_after_delete(self, record: Record) -> str:
        return record.key  # stay on the network, now unassessed

    def label(self, record: Record) -> str:
        assert isinstance(record, Assessment)
        network = self.portfolio.load(Network, record.network)
        return f"the assessment of {network.name if network else record.network}"

    def fill(self, record: Record | None) -> None:
        assessment = record if isinstance(record, Assessment) else self._fresh()
        for name in ("cost_per_year", "hours_per_year", "criteria_used", "judgement",
                     "justification"):
            self.fields[name].value = getattr(assessment, name)
        items = assessment.items or [AssessmentItem(type="benefit"),
                                     AssessmentItem(type="limitation")]
        # Reuse the rows on show: a row the learner types into is never one just replaced.
        for row, item in zip(self.item_rows, items, strict=False):
            row.show(item)
        for item in items[len(self.item_rows):]:
            self.add_item(item)
        while len(self.item_rows) > len(items):
            self.remove_item(len(self.item_rows) - 1)
        self.delete_button.disabled = not isinstance(record, Assessment)

    def _fresh(self) -> Assessment:
        """A new assessment, starting from the network's cost and time and your criteria."""
        network = self.portfolio.load(Network, self.current) if self.current else None
        criteria = ", ".join(c.name for c in self.portfolio.all(ShortlistCriterion))
        if network is None:
            return Assessment(criteria_used=criteria)
        return Assessment(network=network.id, cost_per_year=network.yearly_cost,
                          hours_per_year=round(network.hours_per_month * 12, 1),
                          criteria_used=criteria)

    def collect(self) -> Assessment:
        items = [row.item() for row in self.item_rows if row.text.value.strip()]
        return Assessment(
            network=self.current, items=items,
            cost_per_year=self.fields["cost_per_year"].value,
            hours_per_year=self.fields["hours_per_year"].value,
            criteria_used=self.fields["criteria_used"].value,
            judgement=self.fields["judgement"].value,
            justification=self.fields["justification"].value)

    def save(self) -> Assessment:
        """Validate and save the assessment; say what it still lacks to count for 2.3."""
        saved = super().save()
        assert isinstance(saved, Assessment)
        lacks = [what for what, ok in (
            ("a benefit", any(i.type == "benefit" for i in saved.items)),
            ("a limitation", any(i.type == "limitation" for i in saved.items)),
            ("a justified judgement", bool(saved.judgement and saved.justification)))
            if not ok]
        if lacks:
            needs = lacks[0] if len(lacks) == 1 else f"{', '.join(lacks[:-1])} and {lacks[-1]}"
            self.status.value += (f'<span style="color:#8a5a00"> - to count for 2.3 it '
                                  f"still needs {esc(needs)}.</span>")
        return saved

    # -- static rendering ---------------------------------------------------------------
    def static_html(self) -> str:
        names = {n.id: n.name for n in self.portfolio.all(Network)}
        assessments = [a for a in self.portfolio.all(Assessment) if a.network in names]
        if not assessments:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        stamp = stamper(self.portfolio)
        parts = [_assessment_html(a, names[a.network], stamp(a)) for a in assessments]
        return panel("Your assessments of selected networks", "".join(parts))


def _assessment_html(assessment: Assessment, name: str, stamp: str) -> str:
    totals = assessment_totals(assessment)
    benefits = totals["benefit", "joining"] + totals["benefit", "maintaining"]
    limits = totals["limitation", "joining"] + totals["limitation", "maintaining"]
    rows = _sorted_items(assessment.items)
    parts = [f"<h4 style='margin:10px 0 3px;font-weight:bold'>{esc(name)}</h4>{stamp}",
             f"<p><b>Judgement:</b> {esc(assessment.judgement or 'not decided yet')}. "
             f"{esc(assessment.justification)}</p>",
             html_table(["Stage", "Type", "Category", "What", "Impact (1-5)"],
                        [(esc(i.stage), esc(i.type), esc(i.category), esc(i.text),
                          esc(i.impact)) for i in rows])
             if rows else note("No benefits or limitations recorded yet."),
             f"<p>Summed impact: benefits {benefits} (joining "
             f"{totals['benefit', 'joining']}, maintaining {totals['benefit', 'maintaining']})"
             f"; limitations {limits} (joining {totals['limitation', 'joining']}, "
             f"maintaining {totals['limitation', 'maintaining']}).</p>",
             f"<p><b>Cost:</b> £{assessment.cost_per_year:,.0f} and "
             f"{assessment.hours_per_year:g} hours a year. <b>Criteria used:</b> "
             f"{esc(assessment.criteria_used) or 'none given'}</p>"]
    return "".join(parts)


def _sorted_items(items: Sequence[AssessmentItem]) -> list[AssessmentItem]:
    stages, types = ("joining", "maintaining"), ("benefit", "limitation")
    return sorted(items, key=lambda i: (stages.index(i.stage) if i.stage in stages else 2,
                                        types.index(i.type) if i.type in types else 2))
