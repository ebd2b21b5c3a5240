"""Read-only views that keep themselves up to date: analyses, charts, criterion status.

A :class:`LiveView` shows static, escaped HTML built from the portfolio. In JupyterLab it
redraws when a form on the same portfolio saves; in an exported notebook its static twin
(see :class:`~netkit.widgets.base.StaticTwin`) is the output, with no widget state needed.
:class:`LiveChart` does the same for a :mod:`netkit.charts` figure, as an ``<img>`` with
alt text, and :func:`criterion_status` for one criterion's status line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as w

from ..charts import Chart
from ..coverage import COUNTED_KINDS, CriterionStatus, counted, standing
from ..render import STYLE, esc, html_table
from ..store import Portfolio
from .base import Form, StaticTwin
from .events import listen

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
    return _status_line(standing(portfolio, criterion_id))


# Beside the status: where its minimum comes from, and what "met" does not mean.
_MINIMUM_FROM = {"guidance": "the guidance M&L 25's minimum",
                 "netkit": "netkit's default: the guidance states no minimum"}
_MET = " Met means the minimum is recorded; it is not the assessor's decision."


def _status_line(row: CriterionStatus) -> str:
    step = f" Next: {esc(row.next)}." if row.next else ""
    met = esc(_MET) if row.status == "met" else ""
    # The assessor's loaded decision (netkit feedback load) shows here, beside netkit's.
    assessor = (f'<br><span class="nk-assessor"><b>{esc(row.assessor.line())}</b></span>'
                if row.assessor else "")
    return (f'<p class="nk-{esc(row.status)}" style="padding:3px 6px;border-radius:4px">'
            f"<b>Criterion {esc(row.id)}: {esc(row.status)}</b> - "
            f"{esc(counted(row.count, row.counts))} recorded (minimum {row.minimum}), "
            f"{esc(_MINIMUM_FROM[row.minimum_source])}.{met}{step}{assessor}</p>")


LO2_KINDS = ("need", "network", "shortlist_criterion", "scores", "shortlist", "assessment")


class LiveView:
    """Static HTML of saved answers that redraws when what it shows has changed.

    After a save, the view hears which kinds of record changed (once per save, see
    :mod:`netkit.widgets.events`); if one is in ``listens_to`` it reads :meth:`data`, a
    cheap fingerprint of exactly what it shows, and redraws only if that differs from what
    it last drew. A view without :meth:`data` compares its HTML instead. ``draws`` counts
    the redraws (the first drawing included).
    """

    listens_to: ClassVar[tuple[str, ...]] = ()

    def __init__(self, portfolio: Portfolio | None = None) -> None:
        if portfolio is None:
            from .. import open_portfolio

            portfolio = open_portfolio()
        self.portfolio = portfolio
        self.draws = 0
        self._drawn: object = _NOTHING
        self._html = ""
        self.twin = StaticTwin(type(self).__name__)
        self.widget = w.HTML("")
        self.widget.add_class(f"nk-view-{type(self).__name__.lower()}")
        self.refresh()
        listen(self, self.widget)

    def data(self) -> object:
        """What the view shows, read from the portfolio; None: compare the HTML instead."""
        return None

    def html(self) -> str:
        """The view's escaped HTML, built from what is saved."""
        raise NotImplementedError

    def render(self, data: object) -> str:
        """The HTML for ``data`` (from :meth:`data`); by default :meth:`html`."""
        return self.html()

    def _repr_html_(self) -> str:
        return self.render(self.data())

    def refresh(self) -> bool:
        """Redraw from what is saved if it changed (and refresh the notebook output);
        True if it redrew."""
        with Form.lock:  # the forms' lock: views redraw on their threads too
            data = self.data()
            if data is not None and data == self._drawn:
                return False
            html = self.render(data)
            self._drawn = _NOTHING if data is None else data
            if html == self._html:
                return False
            self._html = html
            self.widget.value = self.twin.hide_rule + html
            self.twin.update(html)
            self.draws += 1
            return True

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Records of ``kinds`` changed (one notice per save): redraw if it matters."""
        if kinds & set(self.listens_to):
            self.refresh()

    def portfolio_changed(self, kind: str) -> None:
        """Records of ``kind`` changed (the one-kind notice)."""
        self.records_changed(frozenset((kind,)))

    def _ipython_display_(self) -> None:
        self.refresh()  # what is saved now (nothing redrawn if it has not changed)
        self.twin.show(self.widget, self._html)


_NOTHING = object()


class StatusLine(LiveView):
    """One criterion's status, count and next step; redraws when its standing changes."""

    def __init__(self, portfolio: Portfolio | None, criterion_id: str) -> None:
        self.criterion_id = criterion_id
        self.listens_to = (*COUNTED_KINDS.get(criterion_id, LO2_KINDS),  # type: ignore[misc]
                           "witness", "discussion", "assessor_feedback")
        super().__init__(portfolio)

    def data(self) -> CriterionStatus:
        return standing(self.portfolio, self.criterion_id)

    def render(self, data: object) -> str:
        assert isinstance(data, CriterionStatus)
        return STYLE + _status_line(data)

    def html(self) -> str:
        return self.render(self.data())


def criterion_status(portfolio: Portfolio, criterion_id: str) -> StatusLine:
    """The one-line status of a criterion (as ``netkit status`` prints it), kept current."""
    return StatusLine(portfolio, criterion_id)


class LiveChart(LiveView):
    """A netkit chart of saved answers, as an SVG <img> with alt text, kept current.

    ``chart`` is one of :mod:`netkit.charts`' charts (``charts.needs_matrix``): the view
    reads the chart's data after a save and redraws only if it changed. A plain function
    from a portfolio to a Figure works too; it is drawn again after every save of
    ``listens_to`` and shown only if the picture changed.
    """

    def __init__(self, portfolio: Portfolio | None,
                 chart: Chart[Any] | Callable[[Portfolio], Figure],
                 listens_to: tuple[str, ...] | None = None) -> None:
        self.chart = chart
        kinds = chart.kinds if isinstance(chart, Chart) else LO2_KINDS
        self.listens_to = listens_to or kinds  # type: ignore[misc]
        super().__init__(portfolio)
        self.widget.add_class("nk-chart")

    def data(self) -> object:
        return self.chart.data(self.portfolio) if isinstance(self.chart, Chart) else None

    def figure(self) -> Figure:
        """The chart as it stands, as a matplotlib Figure."""
        return self.chart(self.portfolio)

    def render(self, data: object) -> str:
        import base64

        from ..charts import alt_text, svg_bytes

        fig = self.chart.draw(data) if isinstance(self.chart, Chart) else self.figure()
        image = base64.b64encode(svg_bytes(fig)).decode("ascii")
        return (f'<img class="nk-chart-img" alt="{esc(alt_text(fig))}" '
                f'src="data:image/svg+xml;base64,{image}" style="max-width:100%">')

    def html(self) -> str:
        return self.render(self.data())
