"""Charts of a learner's answers for learning outcome 2: matplotlib Figures, and the ranking
as HTML for the shortlist form.

Each chart is a :class:`Chart`: a core function of :mod:`netkit.coverage` reads exactly
the data it draws from the portfolio (``chart.data``), and a function here draws that data
(``chart.draw``). Calling the chart with a portfolio returns a
:class:`matplotlib.figure.Figure` built without pyplot, so a notebook shows it once, as a
PNG, when it is a cell's last expression; a live view (:class:`~netkit.widgets.LiveChart`)
compares the data with what it last drew and redraws, as SVG, only when it changed.

With nothing to chart yet, the Figure says so in words instead of failing. Numbers are
written in the cells and bars, so no chart relies on colour alone; each Figure's label
(``alt_text(fig)``) is a sentence describing it, for ``<img alt>``. Answers are text: a
``$`` or ``_`` in a need never turns into mathematics (``text.parse_math`` off).

matplotlib is imported inside the functions (``import netkit`` stays fast).
"""

from __future__ import annotations

import contextlib
import functools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

from .analysis import (
    CriterionSpec,
    Ranked,
    SensitivityReport,
    ShortlistInputs,
    Threshold,
    weight_shares,
)
from .coverage import (
    BalanceRow,
    NeedsTable,
    balance_data,
    counted,
    needs_matrix_data,
    ranking_data,
    sensitivity_data,
)
from .lo3_coverage import (
    EgoNetwork,
    ReciprocityRow,
    ego_data,
    initials,
    reciprocity_data,
)
from .render import esc
from .store import Portfolio

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "Chart",
    "alt_text",
    "assessment_balance",
    "assessment_figure",
    "ego_network",
    "ego_network_figure",
    "message_figure",
    "needs_matrix",
    "needs_matrix_figure",
    "png_bytes",
    "ranking",
    "ranking_alt",
    "ranking_figure",
    "ranking_html",
    "reciprocity",
    "reciprocity_figure",
    "sensitivity",
    "sensitivity_figure",
    "svg_bytes",
]

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; hatches too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#999999", "#7F3C8D")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "--", "oo", "||", "**")
INK = "#1f2430"
MUTED = "#596270"
ALERT = "#b00020"

D = TypeVar("D")
P = ParamSpec("P")

RANKING_KINDS = ("network", "shortlist_criterion", "scores", "shortlist")


class Chart(Generic[D]):
    """A chart of saved answers: ``data`` reads what it draws, ``draw`` draws it.

    ``chart(portfolio)`` is ``chart.draw(chart.data(portfolio))``. ``kinds`` are the
    record kinds whose changes can change the data.
    """

    def __init__(self, name: str, data: Callable[[Portfolio], D],
                 draw: Callable[[D], Figure], kinds: tuple[str, ...]) -> None:
        self.__name__ = name
        self.data = data
        self.draw = draw
        self.kinds = kinds

    def __call__(self, portfolio: Portfolio) -> Figure:
        return self.draw(self.data(portfolio))

    def __repr__(self) -> str:
        return f"<netkit chart {self.__name__}>"


# -- figure plumbing -------------------------------------------------------------------
_FORMATTER_READY = False


def _figure(width: float, height: float, alt: str) -> Figure:
    """A pyplot-free Figure that IPython shows as a PNG, labelled with its alt text."""
    from matplotlib.figure import Figure

    _register_png_formatter()
    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    fig.set_label(alt)
    return fig


# Answers are text: nothing a learner typed is read as mathematics ($...$) or sent to TeX.
def _text_only_rc() -> contextlib.AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context({"text.parse_math": False, "text.usetex": False})


def _text_only(draw: Callable[P, Figure]) -> Callable[P, Figure]:
    """``draw`` making every text of its Figure plain (Text reads these when made)."""
    @functools.wraps(draw)
    def plain(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with _text_only_rc():
            return draw(*args, **kwargs)
    return plain


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
    with _text_only_rc():
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None,
                    facecolor="white")
    return buffer.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    """The Figure as SVG with its words as text (several times faster than a PNG, sharp at
    any zoom, and the same bytes for the same chart)."""
    import io

    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False,
                                "svg.fonttype": "none", "svg.hashsalt": "netkit"}):
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    return buffer.getvalue()


def alt_text(fig: Figure) -> str:
    """The sentence describing a netkit chart, for ``<img alt>``."""
    return str(fig.get_label())


@_text_only
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
@_text_only
def needs_matrix_figure(table: NeedsTable) -> Figure:
    """Heat-map of which network serves which need or aspiration (2.1); unserved needs are
    marked in words."""
    title = "Which network serves which need or aspiration"
    if not table.needs or not table.networks:
        missing = ("your current needs and future aspirations" if not table.needs
                   else "potential networks")
        return message_figure(title, f"Nothing to chart yet: add {missing} in the forms "
                                     "above and save them.")
    import numpy as np
    from matplotlib.patches import Rectangle

    rows, cols = len(table.needs), len(table.networks)
    values = np.array([row.counts for row in table.needs], dtype=float).reshape(rows, cols)
    width = min(4.2 + 1.15 * cols, 30.0)
    height = 2.1 + 0.5 * rows
    unserved = table.unserved
    alt = (f"{title}: {counted(rows, 'needs and aspirations', 'need or aspiration')} against "
           f"{counted(cols, 'networks')}; each cell counts the network's benefits that "
           "serve the need. " +
           (f"Not served by any network yet: {', '.join(unserved)}."
            if unserved else "Every need is served by at least one network.")
           + " " + _needs_numbers(table))
    fig = _figure(width, height, alt)
    ax = fig.add_axes((3.9 / width, 0.35 / height, 1 - 4.1 / width, 1 - 1.75 / height))
    vmax = max(2.0, float(values.max()))
    # Cells as vector squares, not an image: an image in SVG is a PNG to encode.
    ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, values, cmap="Blues",
                  vmin=0, vmax=vmax * 1.25, edgecolors="white", linewidth=2)
    # Few artists, no tick machinery: drawing text is most of a chart's cost.
    empty_r, empty_c = np.nonzero(values == 0)
    ax.scatter(empty_c, empty_r, marker="_", s=30, color=MUTED, linewidths=1)
    for r, c in zip(*np.nonzero(values), strict=True):
        ax.text(c, r, str(int(values[r, c])), ha="center", va="center", fontsize=10,
                fontweight="bold", color="white" if values[r, c] > vmax * 0.7 else INK)
    for r, need in enumerate(table.needs):
        label = f"{need.code} " + _wrap(need.text, 46)
        if not need.served:
            ax.add_patch(Rectangle((-0.5, r - 0.5), cols, 1, fill=False, hatch="///",
                                   edgecolor=ALERT, linewidth=1.5))
            label += "\n✗ NOT SERVED BY ANY NETWORK YET"
        ax.text(-0.6, r, label, ha="right", va="center", fontsize=8,
                color=INK if need.served else ALERT,
                fontweight="normal" if need.served else "bold")
    for c, name in enumerate(table.networks):
        ax.text(c, -0.6, _wrap(name, 16, 4), ha="center", va="bottom", fontsize=8,
                color=INK)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_axis_off()
    note = ("Numbers: how many of the network's benefits serve the need (– none). "
            "N = current need, A = future aspiration.")
    if unserved:
        note += f" Not served yet: {', '.join(unserved)}."
    fig.text(0.01, 0.06 / height, textwrap.fill(note, int(width * 14)), fontsize=8,
             color=ALERT if unserved else MUTED)
    fig.text(0.01, 1 - 0.12 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    return fig


def _needs_numbers(table: NeedsTable) -> str:
    """The matrix's numbers in words, need by need (what a screen reader reads out)."""
    rows = []
    for need in table.needs:
        served = [f"{name} {n}" for name, n in zip(table.networks, need.counts, strict=True)
                  if n]
        rows.append(f"{need.code} {_short(need.text, 80)}: "
                    + (", ".join(served) if served else "none"))
    return "; ".join(rows) + "."


# -- 2.2 ranking -----------------------------------------------------------------------
RANKING_TITLE = "Weighted ranking of your potential networks"


def ranking_alt(ranked: Sequence[Ranked], names: Mapping[str, str],
                criteria: Sequence[CriterionSpec]) -> str:
    """The sentence describing a ranking chart."""
    top = ", ".join(names.get(r.network, r.network) for r in ranked[:3])
    scores = "; ".join(f"{r.rank}. {names.get(r.network, r.network)} {r.score:.2f}"
                       for r in ranked)
    return (f"{RANKING_TITLE}, best first: {counted(len(ranked), 'networks')}, each bar "
            f"split by the contribution of {counted(len(criteria), 'criteria')}. Top: {top}. "
            f"Weighted scores (0 worst, 1 best): {scores}.")


def _legend_text(crit: CriterionSpec, share: float) -> str:
    arrow = "\u2191" if crit.direction == "more is better" else "\u2193"
    return f"{_short(crit.name, 26)} {arrow} ({share:.0%})"


def _ranking_chart(inputs: ShortlistInputs) -> Figure:
    if inputs.problem:
        return message_figure(RANKING_TITLE, inputs.problem)
    return ranking_figure(inputs.ranked(), inputs.names, inputs.criteria, inputs.shortlist)


@_text_only
def ranking_figure(ranked: Sequence[Ranked], names: Mapping[str, str],
                   criteria: Sequence[CriterionSpec], shortlisted: Sequence[str] = (),
                   ) -> Figure:
    """Stacked bars: each network's weighted score split by criterion, best first (2.2);
    shortlisted networks are ticked."""
    chosen = set(shortlisted)
    rows = len(ranked)
    legend_rows = (len(criteria) + 2) // 3
    width, height = 9.0, 1.9 + 0.36 * rows + 0.2 * legend_rows
    fig = _figure(width, height, ranking_alt(ranked, names, criteria))
    legend_h = 0.2 * legend_rows + 0.3
    ax = fig.add_axes((3.3 / width, (legend_h + 0.35) / height, 1 - 3.9 / width,
                       1 - (legend_h + 0.85) / height))
    ys = list(range(rows))
    lefts = [0.0] * rows
    for i, crit in enumerate(criteria):
        parts = [r.contributions.get(crit.id, 0.0) for r in ranked]
        ax.barh(ys, parts, left=lefts, height=0.7, color=PALETTE[i % len(PALETTE)],
                hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.6,
                label=_legend_text(crit, weight_shares(criteria).get(crit.id, 0.0)))
        lefts = [a + b for a, b in zip(lefts, parts, strict=True)]
    for y, r in enumerate(ranked):
        ax.text(r.score + 0.008, y, f"{r.score:.2f} #{r.rank}", va="center", fontsize=8,
                color=INK)
        name = _wrap(names.get(r.network, r.network), 36).replace("\n", "\n   ")
        ax.text(-0.015, y, ("\u2713 " if r.network in chosen else "   ") + name,
                transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=8,
                color=INK, fontweight="bold" if r.network in chosen else "normal")
    ax.set_xlim(0, 1.12)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_yticks([])
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "0.25", "0.5", "0.75", "1"], fontsize=8)
    ax.set_xlabel("weighted score: 0 = worst possible on every criterion, 1 = best",
                  fontsize=8, color=MUTED)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 1 - 0.1 / height, RANKING_TITLE, fontsize=11, fontweight="bold",
             color=INK, va="top")
    fig.text(0.01, 1 - 0.38 / height, "\u2713 = shortlisted. Each bar is the network's "
             "weighted score (its rank after it); the coloured parts are what each "
             "criterion adds.", fontsize=8, color=MUTED, va="top")
    fig.legend(loc="lower left", ncols=3, fontsize=8, frameon=False, bbox_to_anchor=(0, 0))
    return fig


# The same criterion looks the same in the HTML chart as in the Figure: colour and a
# pattern (CSS gradients standing in for matplotlib's hatches).
_LINES = "rgba(255,255,255,.6) 0 1.5px,transparent 1.5px 5px"
_CSS_HATCHES = (
    "none",
    f"repeating-linear-gradient(-45deg,{_LINES})",
    "radial-gradient(rgba(255,255,255,.75) 1px,transparent 1.3px) 0 0/4px 4px",
    f"repeating-linear-gradient(45deg,{_LINES}),repeating-linear-gradient(-45deg,{_LINES})",
    f"repeating-linear-gradient(45deg,{_LINES})",
    f"repeating-linear-gradient(0deg,{_LINES}),repeating-linear-gradient(90deg,{_LINES})",
    f"repeating-linear-gradient(0deg,{_LINES})",
    "radial-gradient(transparent 1.2px,rgba(255,255,255,.7) 1.5px,transparent 2px) "
    "0 0/6px 6px",
    f"repeating-linear-gradient(90deg,{_LINES})",
    "radial-gradient(rgba(255,255,255,.8) 1.5px,transparent 2px) 0 0/5px 5px",
)


def _swatch(i: int) -> str:
    return (f"background:{_CSS_HATCHES[i % len(_CSS_HATCHES)]};"
            f"background-color:{PALETTE[i % len(PALETTE)]}")


def ranking_html(ranked: Sequence[Ranked], names: Mapping[str, str],
                 criteria: Sequence[CriterionSpec], shortlisted: Sequence[str] = ()) -> str:
    """The ranking chart as static HTML: what the shortlist form redraws as a weight moves.

    Plain HTML and CSS (no script, no picture of text): quick to build at any size, the
    names stay text, and an exported page shows it as it is.
    """
    chosen = set(shortlisted)
    shares = weight_shares(criteria)
    track = 84.0  # % of the bar area a score of 1 fills; the score's words follow the bar
    rows = []
    for r in ranked:
        segments = "".join(
            f'<span title="{esc(c.name)}: {r.contributions[c.id]:.2f}" style="'
            f'{_swatch(i)};width:{r.contributions[c.id] * track:.3f}%;'
            'flex:none;align-self:stretch;border-right:1px solid #fff"></span>'
            for i, c in enumerate(criteria) if r.contributions.get(c.id))
        mine = r.network in chosen
        name = esc(names.get(r.network, r.network))
        rows.append(
            '<div style="display:flex;align-items:center;gap:8px;margin:3px 0">'
            f'<div style="flex:0 0 34%;text-align:right;line-height:1.2;'
            f'font-weight:{"bold" if mine else "normal"}">'
            f'{"&#10003; " if mine else ""}{name}</div>'
            '<div style="flex:1 1 auto;display:flex;align-items:center;height:16px">'
            f'{segments}<span style="margin-left:4px;white-space:nowrap">'
            f"{r.score:.2f} #{r.rank}</span></div></div>")
    legend = "".join(
        '<span style="display:inline-flex;align-items:center;gap:4px;margin:2px 14px 2px 0">'
        f'<span style="display:inline-block;width:22px;height:12px;{_swatch(i)}"></span>'
        f"{esc(_legend_text(c, shares.get(c.id, 0.0)))}</span>"
        for i, c in enumerate(criteria))
    return (
        '<div class="nk-ranking" style="font-size:12px;color:#1f2430;max-width:860px;'
        'print-color-adjust:exact;-webkit-print-color-adjust:exact;break-inside:avoid">'
        f'<div style="font-weight:bold;font-size:14px">{esc(RANKING_TITLE)}</div>'
        f'<div style="color:{MUTED}">&#10003; = shortlisted. Each bar is the network\'s '
        "weighted score (0 = worst possible on every criterion, 1 = best) and its rank; "
        "the coloured parts are what each criterion adds.</div>"
        f'{"".join(rows)}<div style="margin-top:4px">{legend}</div></div>')


# -- 2.2 sensitivity -------------------------------------------------------------------
SENSITIVITY_TITLE = "How sensitive is the ranking to the weights?"


@_text_only
def sensitivity_figure(report: SensitivityReport) -> Figure:
    """One bar per criterion on a 0-100% weight-share scale: now (◆) and thresholds (▲ ■).

    The words beside each bar say at which share the top network (▲) and the ranking's
    top ``k`` (■) would change, and who would come in; "no change" where none would.
    """
    title = SENSITIVITY_TITLE
    if report.problem:
        return message_figure(title, report.problem)
    criteria, names, k = report.criteria, report.names, report.k
    top_k_words = f"top {k}"
    rows = len(criteria)
    width, height = 10.0, 1.45 + 0.62 * rows
    by_criterion: dict[str, dict[str, Threshold]] = {}
    for t in report.thresholds:
        by_criterion.setdefault(t.criterion, {})[t.outcome] = t
    steady = [c.name for c in criteria
              if all(t.threshold is None for t in by_criterion.get(c.id, {}).values())]
    alt = (f"{title} For each of {counted(rows, 'criteria')}, its share of the weight "
           f"now and the share at which the top network or the ranking's {top_k_words} "
           "would change. "
           + (f"No weight would change anything for: {', '.join(steady)}." if steady
              else ""))
    fig = _figure(width, height, alt)
    ax = fig.add_axes((1.9 / width, 0.7 / height, 3.6 / width, 1 - 1.3 / height))
    shares = weight_shares(criteria)
    styles = {"top": ("^", PALETTE[5], "\u25b2 top network"),
              "shortlist": ("s", PALETTE[0], f"\u25a0 {top_k_words}")}
    ax.barh(range(rows), 1.0, height=0.42, color="#eef1f5", edgecolor="#c8ccd2")
    points: dict[str, tuple[list[float], list[int]]] = {"top": ([], []),
                                                          "shortlist": ([], [])}
    said: list[str] = []  # the words beside each bar, for the text alternative
    for y, crit in enumerate(criteria):
        now = shares.get(crit.id, 0.0)
        lines = [f"\u25c6 now {now:.0%}"]
        spoken = [f"now {now:.0%}"]  # the same words, names in full, for the alt text
        for outcome, (_marker, _colour, words) in styles.items():
            found = by_criterion.get(crit.id, {}).get(outcome)
            if found is None or found.threshold is None:
                lines.append(f"{words}: no change at any weight")
                spoken.append(f"{words[2:]}: no change at any weight")
                continue
            points[outcome][0].append(found.threshold)
            points[outcome][1].append(y)
            who = _short(names.get(found.by or "", found.by or "another network"), 34)
            lines.append(f"{words} changes at {found.threshold:.0%}: {who} comes in")
            spoken.append(f"{words[2:]} changes at {found.threshold:.0%}: "
                          f"{names.get(found.by or '', found.by or 'another network')} comes in")
        ax.text(1.04, y, "\n".join(lines), va="center", fontsize=7, color=INK,
                linespacing=1.25)
        said.append(f"{crit.name}: " + ", ".join(spoken))
        ax.text(-0.03, y, _wrap(crit.name, 22), ha="right", va="center", fontsize=8,
                color=INK)
    for outcome, (marker, colour, _words) in styles.items():
        ax.plot(*points[outcome], marker=marker, color=colour, markersize=8,
                linestyle="none", markeredgecolor="white", clip_on=False)
    ax.plot([shares.get(c.id, 0.0) for c in criteria], range(rows), marker="D", color=INK,
            markersize=7, linestyle="none", markeredgecolor="white", clip_on=False)
    # The scale drawn by hand: an axis's tick machinery costs more than the chart.
    bottom = rows - 0.5
    ax.hlines(bottom, 0, 1, color=INK, linewidth=0.8, clip_on=False)
    ax.vlines([0, 0.25, 0.5, 0.75, 1.0], bottom, bottom + 0.08, color=INK, linewidth=0.8,
              clip_on=False)
    for x in (0, 0.25, 0.5, 0.75, 1.0):
        ax.text(x, bottom + 0.12, f"{x:.0%}", ha="center", va="top", fontsize=8,
                color=INK)
    ax.text(0.5, bottom + 0.45, "the criterion's share of the total weight", ha="center",
            va="top", fontsize=8, color=MUTED)
    ax.set_ylim(bottom, -0.5)
    ax.set_xlim(0, 1)
    ax.set_axis_off()
    fig.text(0.01, 1 - 0.1 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    fig.text(0.01, 1 - 0.36 / height,
             f"\u25c6 the weight now.  \u25b2 the top network changes.  \u25a0 the "
             f"ranking's {top_k_words} changes. Each weight moves on its own; the others "
             "keep their proportions.", fontsize=8, color=MUTED, va="top")
    fig.set_label(f"{alt.rstrip()} " + "; ".join(said) + ".")
    return fig


# -- 2.3 benefits against limitations --------------------------------------------------
BALANCE_TITLE = "Benefits against limitations of the networks you assessed"


@_text_only
def assessment_figure(rows: Sequence[BalanceRow]) -> Figure:
    """Diverging bars per assessed network: limitations left, benefits right (2.3), by
    joining and maintaining."""
    title = BALANCE_TITLE
    if not rows:
        return message_figure(title, "Nothing to chart yet: assess a shortlisted network "
                                     "in the form above and save it.")
    count = len(rows)
    width, height = 9.0, 1.9 + 0.75 * count
    summary = "; ".join(
        f"{r.name}: benefits {sum(r.benefits)}, limitations {sum(r.limitations)}"
        + (f", judgement {r.judgement}" if r.judgement else "") for r in rows)
    fig = _figure(width, height, f"{title} (summed impact 1-5 of each item). {summary}.")
    ax = fig.add_axes((3.0 / width, 0.95 / height, 1 - 3.4 / width, 1 - 1.6 / height))
    span = max([1] + [max(sum(r.benefits), sum(r.limitations)) for r in rows])
    ys = list(range(count))
    styles = (("joining", PALETTE[2], PALETTE[5], ""),
              ("maintaining", PALETTE[4], PALETTE[1], "//"))
    left_b, left_l = [0.0] * count, [0.0] * count
    for stage_index, (stage, good, bad, hatch) in enumerate(styles):
        ben = [float(r.benefits[stage_index]) for r in rows]
        lim = [-float(r.limitations[stage_index]) for r in rows]
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
    for y, r in enumerate(rows):
        ax.text(-span * 1.28, y, _wrap(r.name, 30) + (
            f"\njudgement: {r.judgement}" if r.judgement else "\n(no judgement yet)"),
            ha="right", va="center", fontsize=8, color=INK)
    # The scale drawn by hand: an axis's tick machinery costs more than the chart.
    bottom = count - 0.5
    step = max(1, round(span / 3))
    marks = [x for x in range(-span, span + 1) if x % step == 0]
    ax.hlines(bottom, -span * 1.25, span * 1.25, color=INK, linewidth=0.8, clip_on=False)
    ax.vlines(marks, bottom, bottom + 0.06, color=INK, linewidth=0.8, clip_on=False)
    for x in marks:
        ax.text(x, bottom + 0.1, f"{abs(x)}", ha="center", va="top", fontsize=8, color=INK)
    ax.text(0, bottom + 0.38, "← limitations (summed impact)      benefits (summed impact) →",
            ha="center", va="top", fontsize=8, color=MUTED)
    ax.set_xlim(-span * 1.25, span * 1.25)
    ax.set_ylim(bottom, -0.5)
    ax.set_axis_off()
    fig.text(0.01, 1 - 0.1 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    fig.legend(loc="lower left", ncols=4, fontsize=8, frameon=False,
               bbox_to_anchor=(0.0, 0.0))
    return fig


# -- the charts of saved answers ---------------------------------------------------------
needs_matrix: Chart[NeedsTable] = Chart(
    "needs_matrix", needs_matrix_data, needs_matrix_figure, ("need", "network"))
"""Which potential network serves which need or aspiration (2.1)."""

ranking: Chart[ShortlistInputs] = Chart("ranking", ranking_data, _ranking_chart,
                                        RANKING_KINDS)
"""Each network's weighted score split by criterion, best first (2.2)."""

sensitivity: Chart[SensitivityReport] = Chart(
    "sensitivity", sensitivity_data, sensitivity_figure, RANKING_KINDS)
"""For each criterion: its weight now, and the weights at which the shortlist changes."""

assessment_balance: Chart[tuple[BalanceRow, ...]] = Chart(
    "assessment_balance", balance_data, assessment_figure, ("network", "assessment"))
"""Benefits against limitations of each assessed network (2.3)."""


# -- learning outcome 3: reciprocity (3.3) and the ego network (3.7) ----------------------
RECIPROCITY_TITLE = "Given and received: each member you identified mutual benefit with"


@_text_only
def reciprocity_figure(rows: Sequence[ReciprocityRow]) -> Figure:
    """Paired bars per 3.1 member: contributions given (3.3) and received in return."""
    title = RECIPROCITY_TITLE
    if not rows:
        return message_figure(title, "Nothing to chart yet: record the potential for "
                                     "mutual benefit with a member (3.1), then what you "
                                     "gave them (3.3).")
    count = len(rows)
    short = any(r.initials for r in rows)  # a redacted export: see lo3_coverage.chart_names
    labels = [r.name if short else _wrap(r.name, 22) for r in rows]
    # Room on the left for the longest name (about 0.075 inch a character at 9 points).
    left = 0.45 + 0.075 * max(len(line) for label in labels for line in label.split("\n"))
    width, height = 9.0, 1.5 + 0.62 * count
    summary = "; ".join(f"{r.name}: given {r.given}, received {r.received}" for r in rows)
    fig = _figure(width, height, f"{title}{' (members by initials)' if short else ''}. "
                                 f"{summary}.")
    ax = fig.add_axes((left / width, 0.75 / height, 1 - (left + 0.6) / width,
                       1 - 1.45 / height))
    span = max([1] + [max(r.given, r.received) for r in rows])
    ys = list(range(count))
    styles = (("given", PALETTE[0], "", -0.17, "given (you to them)"),
              ("received", PALETTE[1], "//", 0.17, "received (them to you)"))
    for name, colour, hatch, shift, label in styles:
        values = [float(getattr(r, name)) for r in rows]
        ax.barh([y + shift for y in ys], values, height=0.32, color=colour, hatch=hatch,
                edgecolor="white", label=label)
        for y, value in zip(ys, values, strict=True):
            ax.text(value + span * 0.015, y + shift, f"{value:.0f}", va="center",
                    fontsize=8, color=INK)
    for y, label in enumerate(labels):
        ax.text(-span * 0.03, y, label, ha="right", va="center", fontsize=9, color=INK)
    ax.set_xlim(0, span * 1.12)
    ax.set_ylim(count - 0.5, -0.5)
    ax.set_axis_off()
    fig.text(0.01, 1 - 0.1 / height, title, fontsize=11, fontweight="bold", color=INK,
             va="top")
    if short:
        fig.text(0.01, 1 - 0.36 / height, "Members by initials only.", fontsize=8,
                 color=MUTED, va="top")
    fig.legend(loc="lower left", ncols=2, fontsize=8, frameon=False,
               bbox_to_anchor=(0.0, 0.0))
    return fig


EGO_TITLE = "Your networks, the people you met in them and the introductions you made"


def _ego_positions(ego: EgoNetwork) -> dict[tuple[str, int], tuple[float, float]]:
    """You in the middle, networks on a ring, people placed by networkx near theirs."""
    import math

    import networkx as nx

    graph = nx.Graph()
    fixed: dict[tuple[str, int], tuple[float, float]] = {("you", 0): (0.0, 0.0)}
    count = max(1, len(ego.networks))
    for n in range(len(ego.networks)):
        angle = 2 * math.pi * n / count + math.pi / 2
        fixed["net", n] = (math.cos(angle), math.sin(angle))
        graph.add_edge(("you", 0), ("net", n))
    graph.add_nodes_from(("person", n) for n in range(len(ego.contacts)))
    graph.add_edges_from((("person", c), ("net", n)) for c, n in ego.members)
    graph.add_edges_from((("person", a), ("person", b)) for a, b in ego.introductions)
    graph.add_nodes_from(fixed)
    placed = nx.spring_layout(graph, pos=fixed, fixed=list(fixed), seed=7, k=0.45,
                              iterations=80)
    return {node: (float(x), float(y)) for node, (x, y) in placed.items()}


@_text_only
def ego_network_figure(ego: EgoNetwork) -> Figure:
    """You, your networks, the people met in each (named, or by initials in a redacted
    export) and your introductions (dashed)."""
    title = EGO_TITLE
    if not ego.contacts:
        return message_figure(title, "Nothing to chart yet: record members you identified "
                                     "mutual benefit with, your interactions or "
                                     "introductions below.")
    pos = _ego_positions(ego)
    by = " by initials" if ego.initials else ""
    alt = (f"{title}: {counted(len(ego.networks), 'networks')}, "
           f"{counted(len(ego.contacts), 'people', 'person')}{by} "
           f"({', '.join(ego.contacts)}), {counted(len(ego.introductions), 'introductions')}"
           ".")
    fig = _figure(8.0, 5.6, alt)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.82))
    segments = [(pos["you", 0], pos["net", n]) for n in range(len(ego.networks))]
    segments += [(pos["person", c], pos["net", n]) for c, n in ego.members]
    from matplotlib.collections import LineCollection

    ax.add_collection(LineCollection(segments, colors="#c8ccd2", linewidths=1.0))
    ax.add_collection(LineCollection(
        [(pos["person", a], pos["person", b]) for a, b in ego.introductions],
        colors=PALETTE[5], linewidths=2.0, linestyles="dashed",
        label="introduction you made"))
    groups = (("you", 1, "o", INK, 420), ("net", len(ego.networks), "s", PALETTE[0], 260),
              ("person", len(ego.contacts), "o", PALETTE[2], 300))
    for kind, count, marker, colour, size in groups:
        xs = [pos[kind, n][0] for n in range(count)]
        ys = [pos[kind, n][1] for n in range(count)]
        ax.scatter(xs, ys, s=size, marker=marker, c=colour, edgecolors="white", zorder=3)
    ax.text(0, 0, "you", ha="center", va="center", fontsize=7, color="white",
            fontweight="bold", zorder=4)
    for n, name in enumerate(ego.networks):
        x, y = pos["net", n]
        ax.text(x, y - 0.09, _wrap(name, 24), ha="center", va="top", fontsize=7.5,
                color=PALETTE[0], fontweight="bold", zorder=4)
    for n, name in enumerate(ego.contacts):
        x, y = pos["person", n]
        ax.text(x, y, name if ego.initials else initials(name), ha="center", va="center",
                fontsize=6.5, color="white", fontweight="bold", zorder=4)
        if not ego.initials:  # live and --no-redact: the full name under the circle
            ax.text(x, y - 0.08, _wrap(name, 20), ha="center", va="top", fontsize=7,
                    color=INK, zorder=4, bbox={"facecolor": "white", "edgecolor": "none",
                                               "alpha": 0.8, "pad": 0.6})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
    ax.set_ylim(min(ys) - 0.35, max(ys) + 0.2)
    ax.set_axis_off()
    fig.text(0.01, 0.985, title, fontsize=11, fontweight="bold", color=INK, va="top")
    people = "people, by initials only" if ego.initials else "people"
    fig.text(0.01, 0.945, f"Squares: your networks. Circles: {people}. "
             "Dashed: introductions you made.", fontsize=8, color=MUTED, va="top")
    return fig


reciprocity: Chart[tuple[ReciprocityRow, ...]] = Chart(
    "reciprocity", reciprocity_data, reciprocity_figure,
    ("mutual_benefit", "support", "contact"))
"""Given against received per member you identified mutual benefit with (3.1, 3.3)."""

ego_network: Chart[EgoNetwork] = Chart(
    "ego_network", ego_data, ego_network_figure,
    ("network", "contact", "mutual_benefit", "interaction", "support", "introduction"))
"""You, your networks, the people in them (initials in a redacted export) and the
introductions made (3.7)."""
