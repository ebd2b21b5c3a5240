"""Shortlisting criteria, the scoring grid, the weighted ranking and the shortlist (2.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as w

from .. import analysis
from ..charts import (
    RankingChart,
    ShortlistInputs,
    alt_text,
    criterion_spec,
    default_k,
    png_bytes,
    ranking,
    ranking_problem,
    shortlist_inputs,
)
from ..exceptions import ValidationError
from ..model import (
    DIRECTIONS,
    SUGGESTED_CRITERIA,
    Network,
    Record,
    Scores,
    Shortlist,
    ShortlistCriterion,
)
from ..render import esc, note, panel
from .base import Form
from .listing import ListForm, announce, listen
from .views import html_list, html_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CriteriaForm", "ShortlistForm"]

SCORE_OPTIONS = [("–", 0), *[(str(n), n) for n in range(1, 6)]]
CHART_DPI = 90


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
        suggested.on_click(lambda _b: self.add_suggested())
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
        for other in self.portfolio.all(ShortlistCriterion):
            if other.id != self.current and other.name.strip().casefold() == name.casefold():
                raise ValidationError("name", f"you already have a criterion called "
                                              f"\u201c{other.name}\u201d; pick it above to "
                                              "change it.")
        weight = self.fields["weight"].value
        if weight is not None and weight < 0:
            raise ValidationError("weight", f"a weight cannot be negative (got {weight:g}); "
                                            "use 0 to switch a criterion off.")
        return ShortlistCriterion(name=name, weight=weight,
                                  direction=self.fields["direction"].value)

    def add_suggested(self) -> list[ShortlistCriterion]:
        """Save the suggested criteria you do not have yet (weight 1); returns those added."""
        have = {c.name.strip().casefold() for c in self.portfolio.all(ShortlistCriterion)}
        added = [self.portfolio.save(ShortlistCriterion(name=name, direction=direction))
                 for name, direction in SUGGESTED_CRITERIA if name.casefold() not in have]
        self.select(self.current)
        self.note(f"Added {len(added)} suggested criteria: now set their weights."
                  if added else "You already have every suggested criterion.")
        if added:
            announce(self.portfolio, ShortlistCriterion.KIND, self)
        return added

    def static_html(self) -> str:
        criteria = self.portfolio.all(ShortlistCriterion)
        if not criteria:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, _criteria_table(criteria))


def _criteria_table(criteria: list[ShortlistCriterion]) -> str:
    specs = [criterion_spec(c) for c in criteria]
    shares = (analysis.weight_shares(specs) if sum(c.weight for c in criteria) > 0
              else {c.id: 0.0 for c in criteria})
    return html_table(["Criterion", "Direction", "Weight", "Share of the weight"],
                      [(esc(c.name), esc(c.direction), esc(f"{c.weight:g}"),
                        esc(f"{shares[c.id]:.0%}")) for c in criteria])


class ShortlistForm(Form):
    """Score every network on every criterion, rank them, and record the shortlist."""

    title = "Score, rank and shortlist"
    intro = ("Score each network from 1 to 5 on each criterion. Score what the network "
             "has: for Cost, 5 means expensive; the criterion's direction turns that into "
             "a low score. Move a weight to see the ranking change at once.")

    # -- building ----------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        self.networks: list[Network] = []
        self.criteria: list[ShortlistCriterion] = []
        self.weights: dict[str, float] = {}
        self.grid: dict[str, dict[str, int]] = {}
        self.ranked: list[analysis.Ranked] | None = None
        self.problem = ""
        self.cells: dict[tuple[str, str], w.Dropdown] = {}
        self.sliders: dict[str, w.FloatSlider] = {}
        self.share_labels: dict[str, w.HTML] = {}
        self.ticks: dict[str, w.Checkbox] = {}
        self._ticks_touched = False
        self._chart: RankingChart | None = None
        self._chart_key: tuple[Any, ...] = ()
        self.grid_box = w.GridBox([])
        self.weights_box = w.VBox([])
        self.ticks_box = w.VBox([])
        self.chart = w.Image(format="png", layout=w.Layout(max_width="100%",
                                                          align_self="flex-start"))
        self.chart.add_class("nk-ranking-chart")
        self.ranking_note = w.HTML("")
        self.sensitivity_html = w.HTML("")
        top = w.Button(description="Tick the ranking's top 3", icon="sort-amount-desc",
                       layout=w.Layout(width="240px"))
        top.on_click(lambda _b: self.tick_top())
        self.top_button = top
        return [
            self.add_field("score", "Scores (1-5)", self.grid_box),
            self.add_field("weights", "Weights", self.weights_box),
            w.VBox([self.chart, self.ranking_note]),
            self.add_field("shortlist", "Your shortlist", w.VBox([self.ticks_box, top])),
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
        self.networks = self.portfolio.all(Network)
        self.criteria = self.portfolio.all(ShortlistCriterion)
        self.weights = {c.id: float(c.weight) for c in self.criteria}
        unsaved = self.grid
        self.grid = {n: {**saved.grid.get(n, {}), **unsaved.get(n, {})} for n in saved.networks}
        self._build_grid()
        self._build_weights()
        shortlist = self.portfolio.load(Shortlist)
        self.fields["reason"].value = shortlist.reason if shortlist else ""
        keep = ({k for k, box in self.ticks.items() if box.value} if self._ticks_touched
                else set(saved.shortlist))
        self._build_ticks(keep)
        self._ticks_touched = self._ticks_touched or shortlist is not None
        self._rerank()

    def _build_grid(self) -> None:
        self.cells = {}
        cols = len(self.criteria)
        children: list[w.Widget] = [w.HTML("<b>Network</b><br><small>\u2013 = not scored "
                                           "yet</small>")]
        for crit in self.criteria:
            arrow = "\u2191 more is better" if crit.direction == "more is better" else \
                "\u2193 less is better"
            children.append(w.HTML(f"<b>{esc(crit.name)}</b><br><small>{arrow}</small>"))
        for net in self.networks:
            children.append(w.HTML(esc(net.name)))
            for crit in self.criteria:
                cell = w.Dropdown(options=SCORE_OPTIONS,
                                  value=self.grid.get(net.id, {}).get(crit.id, 0),
                                  layout=w.Layout(width="60px"))
                cell.observe(self._on_cell(net.id, crit.id), "value")
                self.cells[net.id, crit.id] = cell
                children.append(cell)
        if not self.networks or not self.criteria:
            self.grid_box.children = [w.HTML(
                "<i>Add potential networks (2.1) and your criteria above first.</i>")]
            return
        self.grid_box.layout = w.Layout(
            grid_template_columns=f"180px repeat({cols}, 70px)", grid_gap="2px 6px",
            align_items="center", overflow="auto", max_width="calc(100% - 180px)")
        self.grid_box.children = children

    def _build_weights(self) -> None:
        self.sliders, self.share_labels = {}, {}
        rows = []
        for crit in self.criteria:
            slider = w.FloatSlider(value=crit.weight, min=0.0, max=max(10.0, crit.weight),
                                   step=0.5, continuous_update=True, readout_format=".1f",
                                   layout=w.Layout(width="360px"))
            slider.observe(self._on_slider(crit.id), "value")
            slider.add_class("nk-weight")
            self.sliders[crit.id] = slider
            self.share_labels[crit.id] = w.HTML("")
            rows.append(w.HBox([w.HTML(esc(crit.name), layout=w.Layout(width="200px")),
                                slider, self.share_labels[crit.id]]))
        self.weights_box.children = rows

    def _build_ticks(self, chosen: set[str]) -> None:
        self.ticks = {}
        for net in self.networks:
            box = w.Checkbox(value=net.id in chosen, description=net.name, indent=False,
                             layout=w.Layout(width="auto"))
            box.observe(self._on_tick, "value")
            self.ticks[net.id] = box
        self.ticks_box.children = list(self.ticks.values())

    # -- what the controls do -----------------------------------------------------------
    def set_weight(self, criterion_id: str, weight: float) -> list[analysis.Ranked] | None:
        """Change one criterion's weight (unsaved), re-rank and redraw the chart."""
        if criterion_id not in self.weights:
            raise KeyError(f"no criterion {criterion_id!r} in this form")
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
        """Tick the ranking's top ``k`` networks (default: three of five or more, else two)."""
        if self.ranked is None:
            return []
        k = k or default_k(len(self.networks))
        chosen = analysis.top_k(self.ranked, min(k, len(self.ranked)))
        self.tick(chosen)
        return chosen

    def shortlisted(self) -> list[str]:
        """The ticked networks, best ranked first."""
        order = [r.network for r in self.ranked] if self.ranked else [n.id for n in
                                                                       self.networks]
        return [k for k in order if self.ticks.get(k) is not None and self.ticks[k].value]

    def _k(self) -> int:
        ticked = sum(box.value for box in self.ticks.values())
        return ticked if ticked >= 2 else default_k(len(self.networks))

    # -- ranking ---------------------------------------------------------------------------
    def _inputs(self) -> ShortlistInputs:
        specs = tuple(analysis.CriterionSpec(c.id, c.name, self.weights[c.id], c.direction)
                      for c in self.criteria)
        ids = tuple(n.id for n in self.networks)
        return ShortlistInputs(ids, {n.id: n.name for n in self.networks}, specs,
                               self.grid, tuple(self.shortlisted()))

    def _rerank(self) -> None:
        """Rank again from the grid and weights; redraw the chart, sensitivity and note."""
        inputs = self._inputs()
        self.problem = ranking_problem(inputs)
        self.ranked = None if self.problem else inputs.ranked()
        shares = (analysis.weight_shares(inputs.criteria)
                  if sum(self.weights.values()) > 0 and self.criteria else {})
        for cid, label in self.share_labels.items():
            label.value = f"{shares.get(cid, 0.0):.0%} of the weight"
        if self.ranked is not None and not self._ticks_touched:
            with self._hold():
                top = set(analysis.top_k(self.ranked, min(self._k(), len(self.ranked))))
                for key, box in self.ticks.items():
                    box.value = key in top
        self._redraw()

    def _redraw(self) -> None:
        """Redraw what follows from the ranking and the ticks: chart, sensitivity, note."""
        if self.ranked is None:  # say why in words; no chart-sized picture of a sentence
            self.chart.layout.display = "none"
            self.sensitivity_html.value = "<i>Shown once the networks can be ranked.</i>"
            self._update_note()
            return
        self.chart.layout.display = None
        inputs = self._inputs()
        self._live_chart(inputs)
        k = min(self._k(), len(self.ranked))
        thresholds = analysis.sensitivity(inputs.networks, inputs.criteria, inputs.grid,
                                          k) if k < len(self.ranked) else []
        self.sensitivity_html.value = _sensitivity_html(thresholds, inputs, k)
        self._update_note()

    def _live_chart(self, inputs: ShortlistInputs) -> None:
        """Redraw the ranking chart: only bars, scores and row order change as weights move."""
        assert self.ranked is not None
        key = (inputs.networks, tuple((c.id, c.name, c.direction) for c in inputs.criteria),
               tuple(inputs.names.items()))
        if self._chart is None or key != self._chart_key:
            self._chart = RankingChart(inputs.networks, inputs.names, inputs.criteria,
                                       live=True, dpi=CHART_DPI)
            self._chart_key = key
        self._chart.set_shortlisted(inputs.shortlist)
        self._chart.update(self.ranked, inputs.criteria)
        self.chart.value = self._chart.png()

    def _update_note(self) -> None:
        self.top_button.description = f"Tick the ranking's top {default_k(len(self.networks))}"
        if self.ranked is None:
            self.ranking_note.value = f"<p><i>{esc(self.problem)}</i></p>"
            return
        chosen = self.shortlisted()
        names = {n.id: n.name for n in self.networks}
        if len(chosen) < 2:
            self.ranking_note.value = ("<p>Tick two or more networks for your shortlist "
                                       "below.</p>")
            return
        top = analysis.top_k(self.ranked, len(chosen))
        if set(top) == set(chosen):
            self.ranking_note.value = (f"<p>\u2713 Your shortlist is the ranking's top "
                                       f"{len(chosen)}.</p>")
        else:
            self.ranking_note.value = (
                f"<p><b>Your shortlist differs from the ranking's top {len(chosen)}</b> "
                f"({esc(', '.join(names[k] for k in top))}): say why below.</p>")

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
                                               f"before shortlisting ({inputs.missing} "
                                               "scores still to give: the \u2013 cells).")
            if self.ranked is None:
                raise ValidationError("weights", self.problem or "cannot rank yet.")
            top = analysis.top_k(self.ranked, len(chosen))
            if set(top) != set(chosen) and not reason.strip():
                names = {n.id: n.name for n in self.networks}
                raise ValidationError(
                    "reason", f"your shortlist differs from the ranking's top {len(chosen)} "
                              f"({', '.join(names[k] for k in top)}): say why you chose "
                              "differently.")
        return Shortlist(networks=chosen, reason=reason)

    def save(self) -> Shortlist:
        """Validate, then save the weights, the scores and the shortlist; return it."""
        try:
            shortlist = self.collect()
            shortlist.validate()
            criteria = [c for c in self.criteria if c.weight != self.weights[c.id]]
            for crit in criteria:
                crit.weight = self.weights[crit.id]
                crit.validate()
            saved = self.portfolio.load(Scores) or Scores()
            grid = {n: dict(row) for n, row in saved.grid.items()}
            for (net, crit_id), cell in self.cells.items():
                row = grid.setdefault(net, {})
                if cell.value:
                    row[crit_id] = int(cell.value)
                else:
                    row.pop(crit_id, None)
            scores = Scores(grid={n: row for n, row in grid.items() if row})
            scores.validate()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            raise
        for crit in criteria:
            self.portfolio.save(crit)
        self.portfolio.save(scores)
        self.portfolio.save(shortlist)
        self._ticks_touched = True
        self.clear_errors()
        for kind in (ShortlistCriterion.KIND, Scores.KIND, Shortlist.KIND):
            announce(self.portfolio, kind, self)
        self.mark_saved()
        if not shortlist.networks:
            self.status.value += (" - saved your scores; tick two or more networks to "
                                  "shortlist them.")
        return shortlist

    def portfolio_changed(self, kind: str) -> None:
        """Networks or criteria changed in another form: rebuild from what is saved."""
        if kind in (Network.KIND, ShortlistCriterion.KIND):
            self.refresh()
            self.update_display()

    # -- static rendering ----------------------------------------------------------------
    def static_html(self) -> str:
        inputs = shortlist_inputs(self.portfolio)
        criteria = self.portfolio.all(ShortlistCriterion)
        if not inputs.networks or not criteria:
            return panel(self.title, "<p>Nothing saved yet: add networks and criteria "
                                     "first.</p>")
        problem = ranking_problem(inputs)
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
        parts = [] if problem else [_chart_html(ranking(self.portfolio))]
        parts.append(html_table(["Network", *[c.name for c in inputs.criteria],
                                 "Weighted score (0-1)", "Rank", "Shortlist"], rows,
                                row_classes=["nk-met" if k in chosen else "" for k in order]))
        if problem:
            parts.append(note(problem))
        if inputs.shortlist:
            parts.append("<p><b>Shortlisted:</b></p>")
            parts.append(html_list(inputs.names[k] for k in inputs.shortlist))
            if ranked:
                top = analysis.top_k(list(ranked.values()), len(inputs.shortlist))
                same = set(top) == chosen
                parts.append(f"<p>{'The same as' if same else 'Differs from'} the "
                             f"ranking's top {len(inputs.shortlist)}"
                             f"{'' if same else ': ' + esc(', '.join(inputs.names[k] for k in top))}"  # noqa: E501
                             ".</p>")
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
            if not self._holding:
                self.set_weight(criterion_id, float(change["new"]))
        return changed

    def _on_tick(self, _change: dict[str, Any]) -> None:
        if not self._holding:
            self._ticks_touched = True
            self._redraw()


def _chart_html(fig: Figure) -> str:
    """A chart as a static <img> with its alt text (the form's static rendering)."""
    import base64

    data = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
    return (f'<img alt="{esc(alt_text(fig))}" src="data:image/png;base64,{data}" '
            'style="max-width:100%">')


def _sensitivity_html(thresholds: list[analysis.Threshold], inputs: ShortlistInputs,
                      k: int) -> str:
    if not thresholds:
        return "<i>With every network shortlisted, no weight can change the shortlist.</i>"
    sentences = analysis.explain(thresholds, inputs.names, inputs.criteria)
    return (f"<p><small>Each criterion's weight is moved on its own, the others keeping "
            f"their proportions; \u201cthe shortlist\u201d here is the ranking's top {k}."
            f"</small></p>{html_list(sentences)}")
