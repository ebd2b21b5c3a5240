"""Charts of a learner's answers for learning outcome 2, as matplotlib Figures.

Each public chart takes the portfolio and returns a :class:`matplotlib.figure.Figure`
built without pyplot, so a notebook shows it once, as a PNG, when it is a cell's last
expression. With nothing to chart yet, the Figure says so in words instead of failing.
Numbers are written in the cells and bars, so no chart relies on colour alone; each
Figure's label (``alt_text(fig)``) is a sentence describing it, for ``<img alt>``.

matplotlib is imported inside the functions (``import netkit`` stays fast). The small
data helpers here (need codes, the serves matrix, the shortlist inputs) are pure and shared
with the forms, so a chart and the table beside it always agree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import analysis
from .analysis import CriterionSpec, Ranked, Threshold, weight_shares
from .model import Assessment, Need, Network, Scores, Shortlist, ShortlistCriterion
from .store import Portfolio

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "RankingChart",
    "ServesMatrix",
    "ShortlistInputs",
    "alt_text",
    "assessment_balance",
    "assessment_figure",
    "assessment_totals",
    "criterion_spec",
    "default_k",
    "message_figure",
    "need_codes",
    "needs_matrix",
    "needs_matrix_figure",
    "png_bytes",
    "ranking",
    "ranking_figure",
    "ranking_problem",
    "sensitivity",
    "sensitivity_figure",
    "serves_matrix",
    "shortlist_inputs",
]

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; hatches too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#999999", "#7F3C8D")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "--", "oo", "||", "**")
INK = "#1f2430"
MUTED = "#596270"
ALERT = "#b00020"


# -- data behind the charts (pure) -------------------------------------------------------
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
class ServesMatrix:
    """Which network serves which need: how many of its benefits are tied to it."""

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


def serves_matrix(needs: Sequence[Need], networks: Sequence[Network]) -> ServesMatrix:
    """Count, for every need and network, the network's benefits that serve the need."""
    known = {need.id for need in needs}
    counts: dict[tuple[str, str], int] = {}
    for network in networks:
        for benefit in network.benefits:
            for need_id in dict.fromkeys(benefit.serves):
                if need_id in known:
                    counts[need_id, network.id] = counts.get((need_id, network.id), 0) + 1
    return ServesMatrix(tuple(needs), tuple(networks), counts)


@dataclass(frozen=True)
class ShortlistInputs:
    """What ranking needs, read from the portfolio: networks, criteria, scores, shortlist."""

    networks: tuple[str, ...]
    names: dict[str, str]  # network id -> name
    criteria: tuple[CriterionSpec, ...]
    grid: dict[str, dict[str, int]]
    shortlist: tuple[str, ...] = ()
    reason: str = ""

    @property
    def missing(self) -> int:
        """How many network x criterion cells are not scored yet."""
        return sum(c.id not in self.grid.get(n, {}) for n in self.networks
                   for c in self.criteria)

    @property
    def rankable(self) -> bool:
        """True when every cell is scored and some criterion has a weight."""
        return (bool(self.networks) and bool(self.criteria) and not self.missing
                and sum(c.weight for c in self.criteria) > 0)

    def ranked(self) -> list[Ranked]:
        """The ranking, best first (raises ValueError when not :attr:`rankable`)."""
        return analysis.rank(self.networks, self.criteria, self.grid)

    @property
    def k(self) -> int:
        """How many the shortlist holds: the saved shortlist's size, else the default."""
        return len(self.shortlist) if len(self.shortlist) >= 2 else default_k(
            len(self.networks))


def default_k(networks: int) -> int:
    """The default shortlist size: three of five or more networks, else two."""
    return 3 if networks >= 5 else 2


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


# -- figure plumbing -------------------------------------------------------------------
_FORMATTER_READY = False


def _figure(width: float, height: float, alt: str) -> Figure:
    """A pyplot-free Figure that IPython shows as a PNG, labelled with its alt text."""
    from matplotlib.figure import Figure

    _register_png_formatter()
    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    fig.set_label(alt)
    return fig


def _register_png_formatter() -> None:
    # A pyplot-free Figure has no display hook until the inline backend is activated;
    # register one so a chart that is a cell's last expression shows as a PNG.
    global _FORMATTER_READY  # noqa: PLW0603 - once per process
    if _FORMATTER_READY:
        return
    _FORMATTER_READY = True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(Figure, _png_for_ipython)


def _png_for_ipython(fig: Figure) -> bytes:
    return png_bytes(fig, dpi=100, tight=True)


def png_bytes(fig: Figure, *, dpi: float = 100, tight: bool = False) -> bytes:
    """The Figure as PNG bytes (for an ipywidgets Image or a file)."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None,
                facecolor="white")
    return buffer.getvalue()


def alt_text(fig: Figure) -> str:
    """The sentence describing a netkit chart, for ``<img alt>``."""
    return str(fig.get_label())


def message_figure(title: str, message: str, *, width: float = 7.0) -> Figure:
    """A chart-sized panel saying there is nothing to chart yet, and what to do."""
    fig = _figure(width, 1.6, f"{title}: {message}")
    fig.text(0.02, 0.72, title, fontsize=12, fontweight="bold", color=INK)
    fig.text(0.02, 0.52, textwrap.fill(message, 95), fontsize=10, color=MUTED, va="top")
    return fig


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, max_lines=lines,
                                   placeholder="…"))


# -- 2.1 needs x networks --------------------------------------------------------------
def needs_matrix(portfolio: Portfolio) -> Figure:
    """Heat-map of which potential network serves which need or aspiration (2.1)."""
    return needs_matrix_figure(serves_matrix(portfolio.all(Need), portfolio.all(Network)))


def needs_matrix_figure(matrix: ServesMatrix) -> Figure:
    """The heat-map for a :class:`ServesMatrix`; unserved needs are marked in words."""
    title = "Which network serves which need or aspiration"
    if not matrix.needs or not matrix.networks:
        missing = ("your current needs and future aspirations" if not matrix.needs
                   else "potential networks")
        return message_figure(title, f"Nothing to chart yet: add {missing} in the forms "
                                     "above and save them.")
    import numpy as np
    from matplotlib.patches import Rectangle

    codes = need_codes(matrix.needs)
    rows, cols = len(matrix.needs), len(matrix.networks)
    values = np.array([[matrix.count(need.id, net.id) for net in matrix.networks]
                       for need in matrix.needs], dtype=float)
    unserved = {need.id for need in matrix.unserved}
    width = min(4.2 + 1.15 * cols, 30.0)
    height = 2.1 + 0.5 * rows
    unserved_codes = [codes[n.id] for n in matrix.unserved]
    alt = (f"{title}: {rows} needs and aspirations against {cols} networks; each cell "
           "counts the network's benefits that serve the need. " +
           (f"Not served by any network yet: {', '.join(unserved_codes)}."
            if unserved_codes else "Every need is served by at least one network."))
    fig = _figure(width, height, alt)
    ax = fig.add_axes((3.9 / width, 0.35 / height, 1 - 4.1 / width, 1 - 1.75 / height))
    vmax = max(2.0, float(values.max()))
    ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax * 1.25, aspect="auto")
    for r, need in enumerate(matrix.needs):
        for c in range(cols):
            count = int(values[r, c])
            text = str(count) if count else "–"
            ax.text(c, r, text, ha="center", va="center", fontsize=10,
                    color="white" if count > vmax * 0.7 else (INK if count else MUTED),
                    fontweight="bold" if count else "normal")
        if need.id in unserved:
            ax.add_patch(Rectangle((-0.5, r - 0.5), cols, 1, fill=False, hatch="///",
                                   edgecolor=ALERT, linewidth=1.5))
    ax.set_xticks(range(cols), [_wrap(n.name, 16, 4) for n in matrix.networks],
                  fontsize=8)
    ax.xaxis.tick_top()
    labels = []
    for need in matrix.needs:
        label = f"{codes[need.id]} " + _wrap(need.text, 46)
        labels.append(f"{label}\n✗ NOT SERVED BY ANY NETWORK YET" if need.id in unserved
                      else label)
    ax.set_yticks(range(rows), labels, fontsize=8)
    for tick, need in zip(ax.get_yticklabels(), matrix.needs, strict=True):
        if need.id in unserved:
            tick.set_color(ALERT)
            tick.set_fontweight("bold")
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(-0.5, cols), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    note = ("Numbers: how many of the network's benefits serve the need (– none). "
            "N = current need, A = future aspiration.")
    if unserved_codes:
        note += f" Not served yet: {', '.join(unserved_codes)}."
    fig.text(0.01, 0.06 / height, textwrap.fill(note, int(width * 14)), fontsize=8,
             color=ALERT if unserved_codes else MUTED)
    fig.text(0.01, 1 - 0.12 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    return fig


# -- 2.2 ranking -----------------------------------------------------------------------
def ranking(portfolio: Portfolio) -> Figure:
    """Stacked bars: each network's weighted score split by criterion, best first (2.2)."""
    inputs = shortlist_inputs(portfolio)
    problem = ranking_problem(inputs)
    if problem:
        return message_figure("Weighted ranking of your potential networks", problem)
    return ranking_figure(inputs.ranked(), inputs.names, inputs.criteria, inputs.shortlist)


def ranking_problem(inputs: ShortlistInputs) -> str:
    """Why the networks cannot be ranked yet, in words; "" when they can."""
    if not inputs.networks:
        return "Nothing to rank yet: add potential networks (criterion 2.1) first."
    if not inputs.criteria:
        return "Nothing to rank yet: define your shortlisting criteria and their weights."
    if sum(c.weight for c in inputs.criteria) <= 0:
        return "Every criterion has weight 0: give at least one criterion a weight."
    if inputs.missing:
        return (f"Score every network on every criterion to see the ranking "
                f"({inputs.missing} scores still to give).")
    return ""


def ranking_figure(ranked: Sequence[Ranked], names: Mapping[str, str],
                   criteria: Sequence[CriterionSpec], shortlisted: Sequence[str] = (),
                   ) -> Figure:
    """The ranking chart for an analysis result; shortlisted networks are ticked."""
    chart = RankingChart([r.network for r in ranked], names, criteria, shortlisted)
    chart.update(ranked, criteria)
    return chart.figure


class RankingChart:
    """The ranking chart, which the shortlist form redraws as the learner moves a weight.

    Drawing text is most of the cost of a chart, so with ``live=True`` everything that
    does not move (titles, axis, legend) is drawn once and kept as a background; each
    :meth:`png` restores it, draws the bars and the short score texts, and pastes every
    network's name label, rendered once, into its new row. Built with ``live=False`` the
    Figure is an ordinary one, as :func:`ranking_figure` returns.
    """

    TITLE = "Weighted ranking of your potential networks"

    def __init__(self, networks: Sequence[str], names: Mapping[str, str],
                 criteria: Sequence[CriterionSpec], shortlisted: Sequence[str] = (), *,
                 live: bool = False, dpi: float = 72) -> None:
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch

        self.networks = list(networks)
        self.names = dict(names)
        self.chosen = set(shortlisted)
        self.rows = rows = len(self.networks)
        self.criteria_ids = [c.id for c in criteria]
        self.live = live
        self.dpi = dpi
        legend_rows = (len(criteria) + 2) // 3
        width, height = 9.0, 1.9 + 0.36 * rows + 0.2 * legend_rows
        self.figure = fig = _figure(width, height, self.TITLE)
        legend_h = 0.2 * legend_rows + 0.3
        self.axes = ax = fig.add_axes((3.3 / width, (legend_h + 0.35) / height,
                                       1 - 3.9 / width, 1 - (legend_h + 0.85) / height))
        self.bars = []
        handles = []
        for i in range(len(criteria)):
            style: dict[str, Any] = {"facecolor": PALETTE[i % len(PALETTE)],
                     "hatch": HATCHES[i % len(HATCHES)], "edgecolor": "white",
                     "linewidth": 0.6}
            bars = PolyCollection([], animated=live, **style)
            ax.add_collection(bars)
            self.bars.append(bars)
            handles.append(Patch(**style))
        self.labels = [ax.text(-0.015, y, "", transform=ax.get_yaxis_transform(),
                               ha="right", va="center", fontsize=8, color=INK,
                               visible=not live) for y in range(rows)]
        self.scores = [ax.text(0.0, y, "", va="center", fontsize=8, color=INK,
                               animated=live) for y in range(rows)]
        ax.set_xlim(0, 1.12)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_yticks([])
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "0.25", "0.5", "0.75", "1"],
                      fontsize=8)
        ax.set_xlabel("weighted score: 0 = worst possible on every criterion, 1 = best",
                      fontsize=8, color=MUTED)
        ax.spines[["top", "right"]].set_visible(False)
        fig.text(0.01, 1 - 0.1 / height, self.TITLE, fontsize=11, fontweight="bold",
                 color=INK, va="top")
        fig.text(0.01, 1 - 0.38 / height, "\u2713 = shortlisted. Each bar is the network's "
                 "weighted score (its rank after it); the coloured parts are what each "
                 "criterion adds.", fontsize=8, color=MUTED, va="top")
        self.legend = fig.legend(handles, [self._legend_text(c, None) for c in criteria],
                                 loc="lower left", ncols=3, fontsize=8, frameon=False,
                                 bbox_to_anchor=(0, 0))
        self._canvas: Any = None
        self._background: Any = None
        self._rasters: dict[str, Any] = {}
        self._textures: list[Any] = []
        self._tiles: dict[str, Any] = {}
        self._score_texts: list[tuple[float, int]] = []
        self._edges: Any = None
        self.order: list[str] = list(self.networks)

    @staticmethod
    def _legend_text(crit: CriterionSpec, share: float | None) -> str:
        arrow = "\u2191" if crit.direction == "more is better" else "\u2193"
        text = f"{_short(crit.name, 26)} {arrow}"
        return text if share is None else f"{text} ({share:.0%})"

    def _label(self, network: str) -> str:
        name = _wrap(self.names.get(network, network), 36).replace("\n", "\n   ")
        return ("\u2713 " if network in self.chosen else "   ") + name

    def set_shortlisted(self, shortlisted: Sequence[str]) -> None:
        """Tick other networks (labels are re-rendered only for those that changed)."""
        chosen = set(shortlisted)
        for network in chosen ^ self.chosen:
            self._rasters.pop(network, None)
        self.chosen = chosen

    def update(self, ranked: Sequence[Ranked], criteria: Sequence[CriterionSpec]) -> None:
        """Show ``ranked`` (the networks and criteria built with, any weights)."""
        import numpy as np

        if len(ranked) != self.rows or [c.id for c in criteria] != self.criteria_ids:
            raise ValueError("RankingChart.update: build a new chart for other networks "
                             "or criteria")
        widths = np.array([[r.contributions.get(crit.id, 0.0) for r in ranked]
                           for crit in criteria]).reshape(len(criteria), self.rows)
        rights = np.cumsum(widths, axis=0)
        self._edges = np.stack([rights - widths, rights], axis=2)  # criterion, row, l/r
        if not self.live:  # the live chart pastes its bars in png(), from textures
            ys = np.arange(self.rows, dtype=float)
            for bars, edges in zip(self.bars, self._edges, strict=True):
                lefts, ends = edges[:, 0], edges[:, 1]
                bars.set_verts(list(np.stack([
                    np.stack([lefts, ys - 0.35], axis=1), np.stack([ends, ys - 0.35], axis=1),
                    np.stack([ends, ys + 0.35], axis=1), np.stack([lefts, ys + 0.35], axis=1),
                ], axis=1)))
        self.order = [r.network for r in ranked]
        self._score_texts = [(r.score, r.rank) for r in ranked]
        for y, r in enumerate(ranked):
            self.scores[y].set_position((r.score + 0.008, y))
            self.scores[y].set_text(f"{r.score:.2f} #{r.rank}")
            if not self.live:
                self.labels[y].set_text(self._label(r.network))
                self.labels[y].set_fontweight("bold" if r.network in self.chosen
                                              else "normal")
        if not self.live:  # the live legend stays fixed: the sliders show the shares
            shares = weight_shares(criteria)
            for text, crit in zip(self.legend.get_texts(), criteria, strict=True):
                text.set_text(self._legend_text(crit, shares.get(crit.id, 0.0)))
        top = ", ".join(self.names.get(r.network, r.network) for r in ranked[:3])
        self.figure.set_label(
            f"{self.TITLE}, best first: {len(ranked)} networks, each bar split by the "
            f"contribution of {len(criteria)} criteria. Top: {top}.")

    def png(self) -> bytes:
        """The chart as it stands, as PNG bytes (fast when built with ``live=True``)."""
        if not self.live:
            return png_bytes(self.figure, dpi=self.dpi)
        import io

        import numpy as np
        from PIL import Image

        if self._canvas is None:
            self._prepare_live()
        canvas, ax = self._canvas, self.axes
        canvas.restore_region(self._background)
        pixels = np.asarray(canvas.buffer_rgba())
        height = pixels.shape[0]
        # Bars: axis-aligned rectangles, so each is a slice copied from its criterion's
        # texture (colour + hatch, rendered once); hatching drawn by Agg costs ~10 ms a
        # criterion, a slice copy microseconds.
        x0, x1 = ax.get_xlim()
        scale = ax.bbox.width / (x1 - x0)
        cols = np.rint(ax.bbox.x0 + (self._edges - x0) * scale).astype(int)
        half = 0.35 * ax.bbox.height / self.rows
        for y in range(self.rows):
            centre = height - ax.transData.transform((0.0, float(y)))[1]
            top, bottom = round(centre - half), round(centre + half)
            for texture, (left, right) in zip(self._textures, cols[:, y], strict=True):
                if right - left >= 1:
                    pixels[top:bottom, left:right] = texture[top:bottom, left:right]
                    if right - left >= 3:  # a white seam between criteria, as edgecolor
                        pixels[top:bottom, right - 1] = 255
        # Scores: "0.75" and "#1" as pixels rendered once each and pasted, since drawing
        # 30 texts afresh is most of a frame; the same few values recur as weights move.
        for y, (score, rank) in enumerate(self._score_texts):
            centre = height - ax.transData.transform((0.0, float(y)))[1]
            left = round(ax.bbox.x0 + (score + 0.008 - x0) * scale)
            for text in (f"{score:.2f}", f"#{rank}"):
                tile = self._text_tile(text)[:, : max(pixels.shape[1] - left, 0)]
                top = round(centre - tile.shape[0] / 2)
                pixels[top:top + tile.shape[0], left:left + tile.shape[1]] = tile
                left += tile.shape[1] + 3
        right = int(ax.bbox.x0) - 3
        for y, network in enumerate(self.order):
            raster = self._raster(network, right)
            centre = height - ax.transData.transform((0.0, float(y)))[1]
            top = round(centre - raster.shape[0] / 2)
            pixels[top:top + raster.shape[0], :raster.shape[1]] = raster
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _prepare_live(self) -> None:
        """Draw what never moves once, and each criterion's colour and hatch as a texture."""
        import numpy as np
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure.set_dpi(self.dpi)
        self._canvas = FigureCanvasAgg(self.figure)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        rows, cols = np.asarray(self._canvas.buffer_rgba()).shape[:2]
        side = max(round(self.dpi), 1)  # Agg repeats a hatch every inch
        self._textures = []
        for bars in self.bars:
            tile = Figure(figsize=(1, 1), dpi=side, facecolor="white")
            tile.add_artist(_full_patch(bars, tile))
            canvas = FigureCanvasAgg(tile)
            canvas.draw()  # type: ignore[no-untyped-call]
            pattern = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
            reps = (rows // pattern.shape[0] + 1, cols // pattern.shape[1] + 1, 1)
            self._textures.append(np.tile(pattern, reps)[:rows, :cols].copy())

    def _text_tile(self, text: str) -> Any:
        """``text`` at the score labels' size as pixels, cropped to its width; cached."""
        if text not in self._tiles:
            import numpy as np
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            tile = Figure(figsize=(80 / self.dpi, 14 / self.dpi), dpi=self.dpi,
                          facecolor="white")
            tile.text(0.0, 0.5, text, ha="left", va="center", fontsize=8, color=INK)
            canvas = FigureCanvasAgg(tile)
            canvas.draw()  # type: ignore[no-untyped-call]
            pixels = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
            inked = np.flatnonzero((pixels[:, :, :3] < 250).any(axis=(0, 2)))
            self._tiles[text] = pixels[:, : (inked[-1] + 2 if inked.size else 1)].copy()
        return self._tiles[text]

    def _raster(self, network: str, width: int) -> Any:
        """The network's name label as pixels, rendered once (white background)."""
        if network not in self._rasters:
            import numpy as np
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            row = abs(self.axes.transData.transform((0.0, 1.0))[1]
                      - self.axes.transData.transform((0.0, 0.0))[1])
            tile = Figure(figsize=(width / self.dpi, max(row - 2, 4) / self.dpi),
                          dpi=self.dpi, facecolor="white")
            tile.text(1.0, 0.5, self._label(network), ha="right", va="center", fontsize=8,
                      color=INK, fontweight="bold" if network in self.chosen else "normal")
            canvas = FigureCanvasAgg(tile)
            canvas.draw()  # type: ignore[no-untyped-call]
            self._rasters[network] = np.asarray(
                canvas.buffer_rgba()).copy()  # type: ignore[no-untyped-call]
        return self._rasters[network]


def _full_patch(bars: Any, tile: Figure) -> Any:
    """A rectangle over the whole of ``tile``, in the colour and hatch of ``bars``."""
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0), 1, 1, transform=tile.transFigure, facecolor=bars.get_facecolor()[0],
                     hatch=bars.get_hatch(), edgecolor="white", linewidth=0)


# -- 2.2 sensitivity -------------------------------------------------------------------
def sensitivity(portfolio: Portfolio) -> Figure:
    """For each criterion: its weight now, and the weights at which the shortlist changes."""
    inputs = shortlist_inputs(portfolio)
    problem = ranking_problem(inputs)
    title = "How sensitive is the ranking to the weights?"
    if problem:
        return message_figure(title, problem)
    k = min(inputs.k, len(inputs.networks))
    thresholds = analysis.sensitivity(inputs.networks, inputs.criteria, inputs.grid, k)
    return sensitivity_figure(thresholds, inputs.criteria, inputs.names, k)


def sensitivity_figure(thresholds: Sequence[Threshold], criteria: Sequence[CriterionSpec],
                       names: Mapping[str, str], k: int | None = None) -> Figure:
    """One bar per criterion on a 0-100% weight-share scale: now (◆) and thresholds (▲ ■).

    The words beside each bar say at which share the top network (▲) and the ranking's
    top ``k`` (■) would change, and who would come in; "no change" where none would.
    """
    top_k_words = f"top {k}" if k else "shortlist"
    title = "How sensitive is the ranking to the weights?"
    rows = len(criteria)
    width, height = 10.0, 1.45 + 0.62 * rows
    by_criterion: dict[str, dict[str, Threshold]] = {}
    for t in thresholds:
        by_criterion.setdefault(t.criterion, {})[t.outcome] = t
    steady = [c.name for c in criteria
              if all(t.threshold is None for t in by_criterion.get(c.id, {}).values())]
    alt = (f"{title} For each of {rows} criteria, its share of the weight now and the "
           f"share at which the top network or the ranking's {top_k_words} would change. "
           + (f"No weight would change anything for: {', '.join(steady)}." if steady
              else ""))
    fig = _figure(width, height, alt)
    ax = fig.add_axes((1.9 / width, 0.7 / height, 3.6 / width, 1 - 1.3 / height))
    shares = weight_shares(criteria)
    styles = {"top": ("^", PALETTE[5], "\u25b2 top network"),
              "shortlist": ("s", PALETTE[0], f"\u25a0 {top_k_words}")}
    for y, crit in enumerate(criteria):
        ax.barh(y, 1.0, height=0.42, color="#eef1f5", edgecolor="#c8ccd2")
        now = shares.get(crit.id, 0.0)
        lines = [f"\u25c6 now {now:.0%}"]
        for outcome, (marker, colour, words) in styles.items():
            found = by_criterion.get(crit.id, {}).get(outcome)
            if found is None or found.threshold is None:
                lines.append(f"{words}: no change at any weight")
                continue
            ax.plot([found.threshold], [y], marker=marker, color=colour, markersize=8,
                    linestyle="none", markeredgecolor="white")
            who = _short(names.get(found.by or "", found.by or "another network"), 34)
            lines.append(f"{words} changes at {found.threshold:.0%}: {who} comes in")
        ax.plot([now], [y], marker="D", color=INK, markersize=7, linestyle="none",
                markeredgecolor="white")
        ax.text(1.04, y, "\n".join(lines), transform=ax.get_yaxis_transform(),
                va="center", fontsize=7, color=INK, linespacing=1.25)
    ax.set_yticks(range(rows), [_wrap(c.name, 22) for c in criteria], fontsize=8)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"],
                  fontsize=8)
    ax.set_xlabel("the criterion's share of the total weight", fontsize=8, color=MUTED)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.text(0.01, 1 - 0.1 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    fig.text(0.01, 1 - 0.36 / height,
             f"\u25c6 the weight now.  \u25b2 the top network changes.  \u25a0 the "
             f"ranking's {top_k_words} changes. Each weight moves on its own; the others "
             "keep their proportions.", fontsize=8, color=MUTED, va="top")
    return fig


# -- 2.3 benefits against limitations --------------------------------------------------
def assessment_totals(assessment: Assessment) -> dict[tuple[str, str], int]:
    """Summed impact by (type, stage): ("benefit", "joining") -> 9 ..."""
    totals = {(t, s): 0 for t in ("benefit", "limitation") for s in ("joining", "maintaining")}
    for item in assessment.items:
        totals[item.type, item.stage] = totals.get((item.type, item.stage), 0) + int(
            item.impact)
    return totals


def assessment_balance(portfolio: Portfolio) -> Figure:
    """Diverging bars per assessed network: limitations left, benefits right (2.3)."""
    names = {n.id: n.name for n in portfolio.all(Network)}
    assessments = [a for a in portfolio.all(Assessment) if a.network in names]
    title = "Benefits against limitations of the networks you assessed"
    if not assessments:
        return message_figure(title, "Nothing to chart yet: assess a shortlisted network "
                                     "in the form above and save it.")
    return assessment_figure(assessments, names)


def assessment_figure(assessments: Sequence[Assessment], names: Mapping[str, str]
                      ) -> Figure:
    """The diverging chart for saved assessments: summed impact, joining and maintaining."""
    title = "Benefits against limitations of the networks you assessed"
    rows = len(assessments)
    width, height = 9.0, 1.9 + 0.75 * rows
    totals = [assessment_totals(a) for a in assessments]
    summary = "; ".join(
        f"{names.get(a.network, a.network)}: benefits {t['benefit', 'joining'] + t['benefit', 'maintaining']}"  # noqa: E501
        f", limitations {t['limitation', 'joining'] + t['limitation', 'maintaining']}"
        + (f", judgement {a.judgement}" if a.judgement else "")
        for a, t in zip(assessments, totals, strict=True))
    fig = _figure(width, height, f"{title} (summed impact 1-5 of each item). {summary}.")
    ax = fig.add_axes((3.0 / width, 0.95 / height, 1 - 3.4 / width, 1 - 1.6 / height))
    span = max([1] + [max(t["benefit", "joining"] + t["benefit", "maintaining"],
                          t["limitation", "joining"] + t["limitation", "maintaining"])
                      for t in totals])
    ys = list(range(rows))
    styles = (("joining", PALETTE[2], PALETTE[5], ""), ("maintaining", PALETTE[4],
                                                         PALETTE[1], "//"))
    left_b, left_l = [0.0] * rows, [0.0] * rows
    for stage, good, bad, hatch in styles:
        ben = [float(t["benefit", stage]) for t in totals]
        lim = [-float(t["limitation", stage]) for t in totals]
        ax.barh(ys, ben, left=left_b, height=0.6, color=good, hatch=hatch,
                edgecolor="white", label=f"benefits of {stage}")
        ax.barh(ys, lim, left=left_l, height=0.6, color=bad, hatch=hatch,
                edgecolor="white", label=f"limitations of {stage}")
        for y in ys:
            for value, start in ((ben[y], left_b[y]), (lim[y], left_l[y])):
                if value:
                    ax.text(start + value / 2, y, f"{abs(value):.0f}", ha="center",
                            va="center", fontsize=8, color="white", fontweight="bold")
        left_b = [a + b for a, b in zip(left_b, ben, strict=True)]
        left_l = [a + b for a, b in zip(left_l, lim, strict=True)]
    for y in ys:
        ax.text(left_b[y] + span * 0.02, y, f"+{left_b[y]:.0f}", va="center", fontsize=9,
                color=INK, fontweight="bold")
        ax.text(left_l[y] - span * 0.02, y, f"−{-left_l[y]:.0f}", va="center",
                ha="right", fontsize=9, color=INK, fontweight="bold")
    ax.axvline(0, color=INK, linewidth=1)
    ax.set_xlim(-span * 1.25, span * 1.25)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_yticks(ys, [_wrap(names.get(a.network, a.network), 30) + (
        f"\njudgement: {a.judgement}" if a.judgement else "\n(no judgement yet)")
        for a in assessments], fontsize=8)
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{abs(value):g}")
    ax.set_xlabel("← limitations (summed impact)      benefits (summed impact) →",
                  fontsize=8, color=MUTED)
    ax.tick_params(axis="x", labelsize=8)
    ax.spines[["top", "right", "left"]].set_visible(False)
    fig.text(0.01, 1 - 0.1 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    fig.legend(loc="lower left", ncols=4, fontsize=8, frameon=False,
               bbox_to_anchor=(0.0, 0.0))
    return fig
