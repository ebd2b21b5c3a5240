"""Shortlisting criteria, the scoring grid, the weighted ranking and the shortlist (2.2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from .. import analysis
from ..analysis import ShortlistInputs, default_k
from ..charts import RANKING_KINDS, ranking_html
from ..coverage import counted, criterion_spec, shortlist_inputs
from ..exceptions import UnknownCriterionError, ValidationError
from ..model import (
    DIRECTIONS,
    SUGGESTED_CRITERIA,
    Record,
    Scores,
    Shortlist,
    ShortlistCriterion,
)
from ..render import esc, note, panel, stamper
from .base import Form, name_controls
from .events import announce, listen
from .listing import ListForm
from .views import html_list, html_table

__all__ = ["CriteriaForm", "ShortlistForm"]

SCORE_OPTIONS = [("–", 0), *[(str(n), n) for n in range(1, 6)]]


def _wrapping(html: str, width: str = "") -> w.HTML:
    """An HTML label whose words wrap (ipywidgets cuts HTML labels off at one line)."""
    style = "white-space:normal;line-height:1.2;overflow-wrap:anywhere"
    return w.HTML(f'<div style="{style}">{html}</div>',
                  layout=w.Layout(width=width) if width else w.Layout())


class CriteriaForm(ListForm):
    """The learner's shortlisting criteria, each with a weight and a direction."""

    title = "Your shortlisting criteria"
    intro = ("Define the criteria you will shortlist networks against. The weight says how "
             "much a criterion matters (only the proportions count; 0 switches it off). "
             "The direction says whether a higher score is better (fit, credibility) or "
             "worse (cost, time).")
    record_type: ClassVar[type[Record]] = ShortlistCriterion
    noun = "criterion"
    new_label = "New criterion..."

    def build_fields(self) -> list[w.Widget]:
        suggested = w.Button(description="Add the suggested criteria", icon="magic",
                             layout=w.Layout(width="240px"),
                             tooltip=", ".join(name for name, _ in SUGGESTED_CRITERIA))
        suggested.on_click(self.serial(lambda _b: self.add_suggested()))
        suggested.add_class("nk-suggested")
        return [
            self.add_field("name", "Criterion", w.Text(
                layout=w.Layout(width="420px"), placeholder="e.g. Fit with needs")),
            self.add_field("weight", "Weight", w.FloatText(value=1.0,
                                                           layout=w.Layout(width="120px")),
                           "e.g. 1 to 5; only the proportions matter"),
            self.add_field("direction", "Direction", w.ToggleButtons(
                options=list(DIRECTIONS), style={"button_width": "140px"})),
            w.HBox([w.HTML(f"<i>or start from the {len(SUGGESTED_CRITERIA)} suggested "
                           "criteria (one click; change them afterwards):</i>",
                           layout=w.Layout(width="420px")), suggested]),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, ShortlistCriterion)
        return f"{record.name} (weight {record.weight:g}, {record.direction})"

    def fill(self, record: Record | None) -> None:
        crit = record if isinstance(record, ShortlistCriterion) else ShortlistCriterion()
        for name in ("name", "weight", "direction"):
            self.fields[name].value = getattr(crit, name)

    def collect(self) -> ShortlistCriterion:
        name = str(self.fields["name"].value).strip()
        return ShortlistCriterion(name=name, weight=self.fields["weight"].value,
                                  direction=self.fields["direction"].value)

    def add_suggested(self) -> list[ShortlistCriterion]:
        """Save the suggested criteria you do not have yet (weight 1); returns those added."""
        have = {c.name.strip().casefold() for c in self.portfolio.all(ShortlistCriterion)}
        added = [ShortlistCriterion(name=name, direction=direction)
                 for name, direction in SUGGESTED_CRITERIA if name.casefold() not in have]
        if added:
            self.portfolio.save_many(added)
        self.select(self.current)
        self.note(f"Added {counted(len(added), 'suggested criteria', 'suggested criterion')}"
                  ": now set their weights."
                  if added else "You already have every suggested criterion.")
        if added:
            announce(self.portfolio, ShortlistCriterion.KIND, self)
        return added

    def static_html(self) -> str:
        criteria = self.portfolio.all(ShortlistCriterion)
        if not criteria:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, _criteria_table(criteria, stamper(self.portfolio)))


def _criteria_table(criteria: list[ShortlistCriterion],
                    stamp: Callable[[ShortlistCriterion], str]) -> str:
    specs = [criterion_spec(c) for c in criteria]
    shares = (analysis.weight_shares(specs) if sum(c.weight for c in criteria) > 0
              else {c.id: 0.0 for c in criteria})
    return html_table(["Criterion", "Direction", "Weight", "Share of the weight"],
                      [(esc(c.name) + stamp(c), esc(c.direction), esc(f"{c.weight:g}"),
                        esc(f"{shares[c.id]:.0%}")) for c in criteria])


def _layout(inputs: ShortlistInputs) -> tuple[Any, ...]:
    """What the grid, sliders and tick boxes are built from: networks and criteria, not
    weights or scores (a new weight moves a slider; it does not rebuild the form)."""
    return (tuple((n, inputs.names[n]) for n in inputs.networks),
            tuple((c.id, c.name, c.direction) for c in inputs.criteria))


class ShortlistForm(Form):
    """Score every network on every criterion, rank them, and record the shortlist.

    The ranking chart is HTML (:func:`netkit.charts.ranking_html`), rebuilt as a score,
    weight or tick changes. The shortlist is only what the learner ticks: the "Tick the
    ranking's top N" button ticks the ranking's best N for them.
    """

    title = "Score, rank and shortlist"
    intro = ("Score each network from 1 to 5 on each criterion. Score what the network "
             "has: for Cost, 5 means expensive; the criterion's direction turns that into "
             "a low score. Move a weight to see the ranking change at once.")

    # -- building ----------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        self.saved = ShortlistInputs((), {}, (), {})
        self.networks: tuple[str, ...] = ()
        self.names: dict[str, str] = {}
        self.criteria: tuple[analysis.CriterionSpec, ...] = ()
        self.weights: dict[str, float] = {}
        self.grid: dict[str, dict[str, int]] = {}
        self.ranked: list[analysis.Ranked] | None = None
        self.problem = ""
        self.cells: dict[tuple[str, str], w.Dropdown] = {}
        self.sliders: dict[str, w.FloatSlider] = {}
        self.share_labels: dict[str, w.HTML] = {}
        self.ticks: dict[str, w.Checkbox] = {}
        self._ticks_touched = False
        self.chart_draws = 0
        self.grid_box = w.GridBox([])
        self.weights_box = w.VBox([])
        self.ticks_box = w.VBox([])
        self.chart = w.HTML("", layout=w.Layout(width="100%"))
        self.chart.add_class("nk-ranking-chart")
        self.ranking_note = w.HTML("")
        self.sensitivity_html = w.HTML("")
        self.top_button = w.Button(description="Tick the ranking's top 3",
                                   icon="sort-amount-desc", layout=w.Layout(width="260px"))
        self.top_button.on_click(self.serial(lambda _b: self.tick_top()))
        self.top_button.add_class("nk-tick-top")
        return [
            self.add_field("score", "Scores (1-5)", self.grid_box),
            self.add_field("weights", "Weights", self.weights_box),
            w.VBox([self.chart, self.ranking_note]),
            self.add_field("shortlist", "Your shortlist",
                           w.VBox([self.ticks_box, self.top_button])),
            self.add_field("reason", "Why it differs from the ranking", w.Textarea(
                layout=w.Layout(width="520px", height="70px"),
                placeholder="Only needed if you shortlist other networks than the "
                            "ranking's top ones.")),
            w.HTML("<b>How sensitive is the ranking to the weights?</b>"),
            self.sensitivity_html,
        ]

    def ready(self) -> None:
        listen(self, self.widget)

    def refresh(self) -> None:
        """Rebuild the grid, weights and ticks from what is saved (keeping unsaved scores)."""
        saved = shortlist_inputs(self.portfolio)
        self.saved = saved
        self.networks, self.names, self.criteria = saved.networks, saved.names, saved.criteria
        self.weights = {c.id: c.weight for c in saved.criteria}
        unsaved = self.grid
        self.grid = {n: {**saved.grid.get(n, {}), **unsaved.get(n, {})}
                     for n in saved.networks}
        self._build_grid()
        self._build_weights()
        self.fields["reason"].value = saved.reason
        keep = ({k for k, box in self.ticks.items() if box.value} if self._ticks_touched
                else set(saved.shortlist))
        self._build_ticks(keep)
        self._ticks_touched = self._ticks_touched or bool(saved.shortlist)
        self._rerank()

    def _build_grid(self) -> None:
        self.cells = {}
        if not self.networks or not self.criteria:
            self.grid_box.children = [w.HTML(
                "<i>Add potential networks (2.1) and your criteria above first.</i>")]
            return
        children: list[w.Widget] = [_wrapping("<b>Network</b><br><small>\u2013 = not "
                                              "scored yet</small>")]
        for crit in self.criteria:
            arrow = "\u2191 more is better" if crit.direction == "more is better" else \
                "\u2193 less is better"
            children.append(_wrapping(f"<b>{esc(crit.name)}</b><br><small>{arrow}</small>"))
        for net in self.networks:
            children.append(_wrapping(esc(self.names[net])))
            for crit in self.criteria:
                cell = w.Dropdown(options=SCORE_OPTIONS,
                                  value=self.grid.get(net, {}).get(crit.id, 0),
                                  layout=w.Layout(width="64px"))
                cell.observe(self.serial(self._on_cell(net, crit.id)), "value")
                cell.add_class("nk-score")
                name_controls(cell, f"Score of {self.names[net]} on {crit.name}")
                self.cells[net, crit.id] = cell
                children.append(cell)
        self.grid_box.layout = w.Layout(
            grid_template_columns=f"200px repeat({len(self.criteria)}, 92px)",
            grid_gap="4px 6px", align_items="flex-end", overflow="auto",
            max_width="calc(100% - 180px)")
        self.grid_box.children = children

    def _build_weights(self) -> None:
        self.sliders, self.share_labels = {}, {}
        rows = []
        for crit in self.criteria:
            slider = w.FloatSlider(value=crit.weight, min=0.0, max=max(10.0, crit.weight),
                                   step=0.5, continuous_update=True, readout_format=".1f",
                                   layout=w.Layout(width="360px"))
            slider.observe(self.serial(self._on_slider(crit.id)), "value")
            slider.add_class("nk-weight")
            name_controls(slider, f"Weight of {crit.name}")
            self.sliders[crit.id] = slider
            self.share_labels[crit.id] = w.HTML("")
            rows.append(w.HBox([_wrapping(esc(crit.name), "200px"), slider,
                                self.share_labels[crit.id]]))
        self.weights_box.children = rows

    def _build_ticks(self, chosen: set[str]) -> None:
        self.ticks = {}
        for net in self.networks:
            box = w.Checkbox(value=net in chosen, description=self.names[net], indent=False,
                             layout=w.Layout(width="auto"))
            box.observe(self.serial(self._on_tick), "value")
            self.ticks[net] = box
        self.ticks_box.children = list(self.ticks.values())

    # -- what the controls do -----------------------------------------------------------
    def set_weight(self, criterion_id: str, weight: float) -> list[analysis.Ranked] | None:
        """Change one criterion's weight (unsaved), re-rank and redraw the chart."""
        if criterion_id not in self.weights:
            raise UnknownCriterionError(criterion_id,
                                        f"no criterion {criterion_id!r} in this form")
        self.weights[criterion_id] = float(weight)
        slider = self.sliders.get(criterion_id)
        if slider is not None and slider.value != weight:
            with self._hold():
                slider.max = max(slider.max, float(weight))
                slider.value = float(weight)
        self._rerank()
        self.status.value = ('<span style="color:#8a5a00">Weights changed: press Save to '
                             "keep them.</span>")
        return self.ranked

    def set_score(self, network_id: str, criterion_id: str, score: int) -> None:
        """Score one network on one criterion (1-5; 0 clears it), then re-rank."""
        self.cells[network_id, criterion_id].value = int(score)

    def tick(self, network_ids: list[str]) -> None:
        """Tick exactly these networks for the shortlist."""
        with self._hold():
            for key, box in self.ticks.items():
                box.value = key in network_ids
        self._ticks_touched = True
        self._redraw()

    def tick_top(self, k: int | None = None) -> list[str]:
        """Tick the ranking's top ``k`` networks (default: as many as the button says)."""
        if self.ranked is None:
            return []
        chosen = analysis.top_k(self.ranked, min(k or self.k(), len(self.ranked)))
        self.tick(chosen)
        return chosen

    def shortlisted(self) -> list[str]:
        """The ticked networks, best ranked first."""
        order = [r.network for r in self.ranked] if self.ranked else list(self.networks)
        return [k for k in order if k in self.ticks and self.ticks[k].value]

    def k(self) -> int:
        """How many "the ranking's top N" means: the number ticked if two or more, else
        three of five or more networks, else two."""
        ticked = sum(box.value for box in self.ticks.values())
        return ticked if ticked >= 2 else default_k(len(self.networks))

    # -- ranking ---------------------------------------------------------------------------
    def _inputs(self) -> ShortlistInputs:
        specs = tuple(analysis.CriterionSpec(c.id, c.name, self.weights[c.id], c.direction)
                      for c in self.criteria)
        return ShortlistInputs(self.networks, self.names, specs, self.grid,
                               tuple(self.shortlisted()))

    def _rerank(self) -> None:
        """Rank again from the grid and weights; redraw the chart, sensitivity and note."""
        inputs = self._inputs()
        self.problem = inputs.problem
        self.ranked = None if self.problem else inputs.ranked()
        shares = (analysis.weight_shares(inputs.criteria)
                  if sum(self.weights.values()) > 0 and self.criteria else {})
        for cid, label in self.share_labels.items():
            label.value = f"{shares.get(cid, 0.0):.0%} of the weight"
        self._redraw()

    def _redraw(self) -> None:
        """Redraw what follows from the ranking and the ticks: chart, sensitivity, note."""
        k = self.k()
        self.top_button.description = f"Tick the ranking's top {k}"
        self.top_button.disabled = self.ranked is None
        if self.ranked is None:  # say why in words; no chart-sized picture of a sentence
            self.chart.layout.display = "none"
            self.chart.value = ""
            self.sensitivity_html.value = "<i>Shown once the networks can be ranked.</i>"
            self.ranking_note.value = f"<p><i>{esc(self.problem)}</i></p>"
            return
        self.chart.layout.display = None
        inputs = self._inputs()
        self.chart_draws += 1
        self.chart.value = ranking_html(self.ranked, inputs.names, inputs.criteria,
                                        inputs.shortlist)
        k = min(k, len(self.ranked))
        thresholds = analysis.sensitivity(inputs.networks, inputs.criteria, inputs.grid,
                                          k) if k < len(self.ranked) else []
        self.sensitivity_html.value = _sensitivity_html(thresholds, inputs, k)
        self.ranking_note.value = self._note(inputs.shortlist)

    def _note(self, chosen: tuple[str, ...]) -> str:
        assert self.ranked is not None
        if len(chosen) < 2:
            return (f"<p>Tick two or more networks for your shortlist below (or press "
                    f"\u201cTick the ranking's top {self.k()}\u201d).</p>")
        top = analysis.top_k(self.ranked, len(chosen))
        if set(top) == set(chosen):
            return f"<p>\u2713 Your shortlist is the ranking's top {len(chosen)}.</p>"
        return (f"<p><b>Your shortlist differs from the ranking's top {len(chosen)}</b> "
                f"({esc(', '.join(self.names[k] for k in top))}): say why below.</p>")

    # -- saving ----------------------------------------------------------------------------
    def collect(self) -> Shortlist:
        chosen = self.shortlisted()
        reason = str(self.fields["reason"].value)
        if len(chosen) == 1:
            raise ValidationError("shortlist", "tick two or more networks: criterion 2.2 "
                                               "asks for a shortlist of at least two.")
        if chosen:
            inputs = self._inputs()
            if inputs.missing:
                raise ValidationError("score", f"score every network on every criterion "
                                               f"before shortlisting "
                                               f"({counted(inputs.missing, 'scores')} still "
                                               "to give: the \u2013 cells).")
            if self.ranked is None:
                raise ValidationError("weights", self.problem or "cannot rank yet.")
            top = analysis.top_k(self.ranked, len(chosen))
            if set(top) != set(chosen) and not reason.strip():
                raise ValidationError(
                    "reason", f"your shortlist differs from the ranking's top {len(chosen)} "
                              f"({', '.join(self.names[k] for k in top)}): say why you "
                              "chose differently.")
        return Shortlist(networks=chosen, reason=reason)

    def _records(self, shortlist: Shortlist) -> list[Record]:
        """What Save writes: the criteria whose weight moved, the scores, the shortlist."""
        records: list[Record] = []
        for spec in self.criteria:
            crit = self.portfolio.load(ShortlistCriterion, spec.id)
            if crit is not None and crit.weight != self.weights[spec.id]:
                crit.weight = self.weights[spec.id]
                records.append(crit)
        saved = self.portfolio.load(Scores) or Scores()
        grid = {n: dict(row) for n, row in saved.grid.items()}
        for (net, crit_id), cell in self.cells.items():
            row = grid.setdefault(net, {})
            if cell.value:
                row[crit_id] = int(cell.value)
            else:
                row.pop(crit_id, None)
        records.append(Scores(grid={n: row for n, row in grid.items() if row}))
        records.append(shortlist)
        return records

    def _save(self) -> Shortlist:
        """Validate, then save the weights, the scores and the shortlist together."""
        try:
            shortlist = self.collect()
            records = self._records(shortlist)
            self.portfolio.save_many(records)  # one transaction: all of them or none
        except ValidationError as exc:
            self.show_errors(self._on_fields(exc))
            raise
        self._ticks_touched = True
        self.saved = shortlist_inputs(self.portfolio)
        self.clear_errors()
        announce(self.portfolio, {r.KIND for r in records}, self)
        self.mark_saved()
        if not shortlist.networks:
            self.status.value += (" - saved your scores; tick two or more networks to "
                                  "shortlist them.")
        return shortlist

    def save(self) -> Shortlist:
        """Validate, then save the weights, the scores and the shortlist; return it."""
        saved = super().save()
        assert isinstance(saved, Shortlist)
        return saved

    def _on_fields(self, exc: ValidationError) -> list[tuple[str, str]]:
        """The model's problems placed on this form's fields (a criterion's weight next
        to the weights, the shortlisted networks next to the tick boxes)."""
        names = {c.id: c.name for c in self.criteria}
        found = getattr(exc, "records", None)
        if not found:
            found = [("", "", exc.errors)]
        out = []
        for kind, key, errors in found:
            for field, message in errors:
                if kind == ShortlistCriterion.KIND:
                    out.append(("weights", f"{names.get(key, key)}: {message}"))
                elif kind == Shortlist.KIND and field.startswith("networks"):
                    out.append(("shortlist", message))
                else:
                    out.append((field, message))
        return out

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Networks, criteria, scores or the shortlist changed elsewhere: follow them.

        Nothing is redrawn unless what the form shows changed; a new weight moves its
        slider and re-ranks without rebuilding the grid.
        """
        if not kinds & set(RANKING_KINDS):
            return
        with self.lock:
            saved = shortlist_inputs(self.portfolio)
            if saved == self.saved:
                return
            if _layout(saved) == _layout(self.saved) and (saved.grid, saved.shortlist,
                                                          saved.reason) == (
                    self.saved.grid, self.saved.shortlist, self.saved.reason):
                self.saved = saved
                self.weights = {c.id: c.weight for c in saved.criteria}
                with self._hold():
                    for cid, slider in self.sliders.items():
                        slider.max = max(slider.max, self.weights[cid])
                        slider.value = self.weights[cid]
                self._rerank()
            else:
                self.refresh()
            self.update_display()

    # -- static rendering ----------------------------------------------------------------
    def static_html(self) -> str:
        inputs = shortlist_inputs(self.portfolio)
        if not inputs.networks or not inputs.criteria:
            return panel(self.title, "<p>Nothing saved yet: add networks and criteria "
                                     "first.</p>")
        problem = inputs.problem
        ranked = {r.network: r for r in inputs.ranked()} if not problem else {}
        order = sorted(inputs.networks, key=lambda k: ranked[k].rank if ranked else 0)
        chosen = set(inputs.shortlist)
        rows = []
        for key in order:
            row = inputs.grid.get(key, {})
            r = ranked.get(key)
            rows.append([esc(inputs.names[key]),
                         *[esc(row.get(c.id, "–")) for c in inputs.criteria],
                         esc(f"{r.score:.2f}") if r else "", esc(f"#{r.rank}") if r else "",
                         "<b>\u2713 shortlisted</b>" if key in chosen else ""])
        # The criteria and weights are in the criteria form's table just above.
        parts = [] if problem else [ranking_html(list(ranked.values()), inputs.names,
                                                 inputs.criteria, inputs.shortlist)]
        stamp = stamper(self.portfolio)  # the scores' and the shortlist's (singletons)
        parts.append("<p><b>Scores</b></p>" + stamp(Scores()))
        parts.append(html_table(["Network", *[c.name for c in inputs.criteria],
                                 "Weighted score (0-1)", "Rank", "Shortlist"], rows,
                                row_classes=["nk-met" if k in chosen else "" for k in order]))
        if problem:
            parts.append(note(problem))
        if inputs.shortlist:
            parts.append("<p><b>Shortlisted:</b></p>" + stamp(Shortlist()))
            parts.append(html_list(inputs.names[k] for k in inputs.shortlist))
            if ranked:
                top = analysis.top_k(list(ranked.values()), len(inputs.shortlist))
                same = set(top) == chosen
                differs = "" if same else ": " + esc(", ".join(inputs.names[k] for k in top))
                parts.append(f"<p>{'The same as' if same else 'Differs from'} the "
                             f"ranking's top {len(inputs.shortlist)}{differs}.</p>")
        if inputs.reason:
            parts.append(f"<p><b>Why:</b> {esc(inputs.reason)}</p>")
        if ranked and inputs.k < len(inputs.networks):
            thresholds = analysis.sensitivity(inputs.networks, inputs.criteria, inputs.grid,
                                              inputs.k)
            parts.append("<p><b>How sensitive is the ranking to the weights?</b></p>")
            parts.append(_sensitivity_html(thresholds, inputs, inputs.k))
        return panel(self.title, "".join(parts))

    # -- widget plumbing -----------------------------------------------------------------
    def _on_cell(self, network_id: str, criterion_id: str) -> Any:
        def changed(change: dict[str, Any]) -> None:
            row = self.grid.setdefault(network_id, {})
            if change["new"]:
                row[criterion_id] = int(change["new"])
            else:
                row.pop(criterion_id, None)
            self._rerank()
        return changed

    def _on_slider(self, criterion_id: str) -> Any:
        def changed(change: dict[str, Any]) -> None:
            self.set_weight(criterion_id, float(change["new"]))
        return changed

    def _on_tick(self, _change: dict[str, Any]) -> None:
        self._ticks_touched = True
        self._redraw()


def _sensitivity_html(thresholds: list[analysis.Threshold], inputs: ShortlistInputs,
                      k: int) -> str:
    if not thresholds:
        return "<i>With every network shortlisted, no weight can change the shortlist.</i>"
    sentences = analysis.explain(thresholds, inputs.names, inputs.criteria)
    return (f"<p><small>Each criterion's weight is moved on its own, the others keeping "
            f"their proportions; \u201cthe shortlist\u201d here is the ranking's top {k}."
            f"</small></p>{html_list(sentences)}")
