"""Read-only views that keep themselves up to date: analyses, charts, criterion status.

A :class:`LiveView` shows static, escaped HTML built from the portfolio. In JupyterLab it
redraws when a form on the same portfolio saves; in an exported notebook its static twin
(see :class:`~netkit.widgets.base.StaticTwin`) is the output, with no widget state needed.
:class:`LiveChart` does the same for a :mod:`netkit.charts` figure, as an ``<img>`` with
alt text, and :func:`criterion_status` for one criterion's status line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

import ipywidgets as w

from ..coverage import coverage
from ..render import STYLE, esc, html_table
from ..store import Portfolio
from .base import StaticTwin
from .listing import listen

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "LiveChart",
    "LiveView",
    "StatusLine",
    "criterion_status",
    "html_list",
    "html_table",
    "status_html",
]


def html_list(items: Iterable[str]) -> str:
    """An escaped bullet list (empty string for no items)."""
    escaped = [f"<li>{esc(item)}</li>" for item in items]
    return f'<ul style="margin:0;padding-left:1.2em">{"".join(escaped)}</ul>' if escaped \
        else ""


def status_html(portfolio: Portfolio, criterion_id: str) -> str:
    """One line: the criterion's status, its count against the minimum, the next step."""
    row = next(r for r in coverage(portfolio) if r.id == criterion_id)
    step = f" Next: {esc(row.next)}." if row.next else ""
    return (f'<p class="nk-{esc(row.status)}" style="padding:3px 6px;border-radius:4px">'
            f"<b>Criterion {esc(row.id)}: {esc(row.status)}</b> - {row.count} "
            f"{esc(row.counts)} recorded (minimum {row.minimum}).{step}</p>")


LO2_KINDS = ("need", "network", "shortlist_criterion", "scores", "shortlist", "assessment")


class LiveView:
    """Static HTML of saved answers that redraws after any save on the same portfolio."""

    listens_to: ClassVar[tuple[str, ...]] = ()

    def __init__(self, portfolio: Portfolio | None = None) -> None:
        if portfolio is None:
            from .. import open_portfolio

            portfolio = open_portfolio()
        self.portfolio = portfolio
        self.twin = StaticTwin(type(self).__name__)
        self.widget = w.HTML(self.twin.hide_rule + self.html())
        self.widget.add_class(f"nk-view-{type(self).__name__.lower()}")
        listen(self, self.widget)

    def html(self) -> str:
        """The view's escaped HTML, built from what is saved."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self.html()

    def refresh(self) -> None:
        """Rebuild from what is saved (and refresh the notebook output)."""
        html = self.html()
        self.widget.value = self.twin.hide_rule + html
        self.twin.update(html)

    def portfolio_changed(self, kind: str) -> None:
        """Redraw when records this view shows have changed."""
        if kind in self.listens_to:
            self.refresh()

    def _ipython_display_(self) -> None:
        self.twin.show(self.widget, self.widget.value.removeprefix(self.twin.hide_rule))


class StatusLine(LiveView):
    """One criterion's status, count and next step; redraws after each save."""

    listens_to = LO2_KINDS

    def __init__(self, portfolio: Portfolio | None, criterion_id: str) -> None:
        self.criterion_id = criterion_id
        super().__init__(portfolio)

    def html(self) -> str:
        return STYLE + status_html(self.portfolio, self.criterion_id)


def criterion_status(portfolio: Portfolio, criterion_id: str) -> StatusLine:
    """The one-line status of a criterion (as ``netkit status`` prints it), kept current."""
    return StatusLine(portfolio, criterion_id)


class LiveChart(LiveView):
    """A netkit chart of saved answers, as an <img> with alt text; redraws after saves.

    ``chart`` is one of :mod:`netkit.charts`' portfolio functions (``charts.needs_matrix``).
    """

    def __init__(self, portfolio: Portfolio | None, chart: Callable[[Portfolio], Figure],
                 listens_to: tuple[str, ...] = LO2_KINDS) -> None:
        self.chart = chart
        self.listens_to = listens_to  # type: ignore[misc]
        super().__init__(portfolio)
        self.widget.add_class("nk-chart")

    def figure(self) -> Figure:
        """The chart as it stands, as a matplotlib Figure."""
        return self.chart(self.portfolio)

    def html(self) -> str:
        import base64

        from ..charts import alt_text, png_bytes

        fig = self.figure()
        data = base64.b64encode(png_bytes(fig, dpi=100, tight=True)).decode("ascii")
        return (f'<img class="nk-chart-img" alt="{esc(alt_text(fig))}" '
                f'src="data:image/png;base64,{data}" style="max-width:100%">')
