"""Read-only views that keep themselves up to date, and a one-line criterion status.

A :class:`LiveView` shows static, escaped HTML built from the portfolio. In JupyterLab it
redraws when a form on the same portfolio saves; in an exported notebook its HTML is the
output, with no widget state needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import ipywidgets as w

from ..coverage import coverage
from ..guide import Html
from ..render import STYLE, esc
from ..store import Portfolio
from .listing import listen

__all__ = ["LiveView", "criterion_status", "html_list", "html_table", "status_html"]


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *,
               row_classes: Sequence[str] | None = None) -> str:
    """A table whose cells are ALREADY-SAFE HTML (build them with esc or html_list)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        cls = f' class="{esc(row_classes[n])}"' if row_classes and row_classes[n] else ""
        body.append(f"<tr{cls}>{''.join(f'<td>{cell}</td>' for cell in row)}</tr>")
    return (f'<table class="nk-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


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
            f"<b>Criterion {esc(row.id)}: {esc(row.status)}</b> - {row.count} of "
            f"{row.minimum} {esc(row.counts)}.{step}</p>")


def criterion_status(portfolio: Portfolio, criterion_id: str) -> Html:
    """Displays the one-line status of a criterion (as ``netkit status`` prints it)."""
    return Html(STYLE + status_html(portfolio, criterion_id))


class LiveView:
    """Static HTML of saved answers that redraws after any save on the same portfolio."""

    listens_to: ClassVar[tuple[str, ...]] = ()

    def __init__(self, portfolio: Portfolio | None = None) -> None:
        if portfolio is None:
            from .. import open_portfolio

            portfolio = open_portfolio()
        self.portfolio = portfolio
        self.widget = w.HTML(self.html())
        self.widget.add_class(f"nk-view-{type(self).__name__.lower()}")
        self._display_id = f"netkit-{uuid.uuid4().hex}"
        self._displayed = False
        listen(self)

    def html(self) -> str:
        """The view's escaped HTML, built from what is saved."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self.html()

    def refresh(self) -> None:
        """Rebuild from what is saved (and refresh the notebook output)."""
        html = self.html()
        self.widget.value = html
        if self._displayed:
            from IPython.display import update_display

            update_display(self._bundle(html), raw=True,  # type: ignore[no-untyped-call]
                           display_id=self._display_id)

    def portfolio_changed(self, kind: str) -> None:
        """Redraw when records this view shows have changed."""
        if kind in self.listens_to:
            self.refresh()

    def _bundle(self, html: str) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_())
        bundle["text/html"] = html
        bundle["text/plain"] = f"{type(self).__name__} (see above)"
        return bundle

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._bundle(self.widget.value), raw=True,  # type: ignore[no-untyped-call]
                display_id=self._display_id)
        self._displayed = True
