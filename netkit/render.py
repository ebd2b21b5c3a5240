"""Static HTML for what is saved: every learner-typed string is escaped here.

Exported notebooks show this HTML, never widget state, so evidence reads the same in any
browser, with JavaScript off, years later.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["esc", "figure_html", "html_table", "note", "panel", "table"]

STYLE = (
    "<style>"
    # Printed, a panel may run over pages (keeping a long one whole leaves a page half
    # empty); what must stay together is a record (a table without a header row) and a
    # heading with what follows it. Data tables break between rows, header repeated.
    ".nk-panel{border:1px solid #c8ccd2;border-radius:6px;padding:8px 12px;margin:6px 0}"
    ".nk-panel h4{margin:2px 0 6px;font-size:1.05em}"
    ".nk-panel h4,.nk-panel h5{break-after:avoid;page-break-after:avoid}"
    ".nk-table{border-collapse:collapse;margin:4px 0;font-size:.92em;break-inside:auto;"
    "max-width:100%}"
    ".nk-table:not(:has(>thead)){break-inside:avoid;page-break-inside:avoid}"
    ".nk-table thead{display:table-header-group}"
    ".nk-table td,.nk-table th{overflow-wrap:break-word}"
    # nine columns or more (a score grid) fit the width of a page in a smaller type
    ".nk-table:has(tr>:nth-child(9)){font-size:.72em}"
    ".nk-table:has(tr>:nth-child(9)) :is(td,th){padding:2px 3px}"
    # also under .jp-RenderedHTMLCommon: JupyterLab's (and nbconvert's) table CSS would
    # otherwise right-align every cell
    ".nk-table th,.nk-table td,.jp-RenderedHTMLCommon .nk-table th,"
    ".jp-RenderedHTMLCommon .nk-table td{border:1px solid #c8ccd2;padding:3px 6px;"
    "text-align:left;vertical-align:top}"
    ".nk-table tr{break-inside:avoid;page-break-inside:avoid}"
    ".nk-table th{background:#eef1f5}"
    ".nk-table th.nk-wide{min-width:16em}"
    ".nk-table th.nk-vert,.jp-RenderedHTMLCommon .nk-table th.nk-vert{vertical-align:bottom;"
    "padding:4px 2px;text-align:center}"
    ".nk-table th.nk-vert span{writing-mode:vertical-rl;transform:rotate(180deg);"
    "display:inline-block;max-height:14em;text-align:left;line-height:1.15}"
    ".nk-met,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-met{background:#d7f0dd}"
    ".nk-partial,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-partial{background:#fff1c9}"
    ".nk-missing,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-missing{background:#f9d8d6}"
    ".nk-note{color:#4a5360;font-style:italic;margin:4px 0}"
    "</style>"
)


def show_date(iso: str) -> str:
    """A stored ISO date as a UK reader reads it: ``2026-11-28`` -> ``28 Nov 2026``
    (anything else, such as "", as it is)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}"


def esc(value: Any) -> str:
    """Escape anything for HTML; None shows as empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
          row_classes: Sequence[str] | None = None) -> str:
    """An HTML table with every cell escaped."""
    return html_table(headers, ([esc(cell) for cell in row] for row in rows),
                      row_classes=row_classes)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *,
               row_classes: Sequence[str] | None = None,
               header_classes: Sequence[str] | None = None) -> str:
    """A table whose cells are ALREADY-SAFE HTML (build them with esc); headers are escaped.

    ``header_classes`` styles header cells: ``nk-vert`` sets the heading on its side (for
    narrow columns of ticks), ``nk-wide`` keeps a column of text readably wide.
    """
    def th(n: int, text: str) -> str:
        cls = header_classes[n] if header_classes and n < len(header_classes) else ""
        if cls == "nk-vert":
            return f'<th class="nk-vert"><span>{esc(text)}</span></th>'
        return f'<th class="{esc(cls)}">{esc(text)}</th>' if cls else f"<th>{esc(text)}</th>"

    head = "".join(th(n, h) for n, h in enumerate(headers)) if any(headers) else ""
    body = []
    for n, row in enumerate(rows):
        cls = f' class="{esc(row_classes[n])}"' if row_classes and row_classes[n] else ""
        body.append(f"<tr{cls}>{''.join(f'<td>{cell}</td>' for cell in row)}</tr>")
    thead = f"<thead><tr>{head}</tr></thead>" if head else ""
    return f'<table class="nk-table">{thead}<tbody>{"".join(body)}</tbody></table>'


def note(text: str) -> str:
    """A muted, escaped line of explanation."""
    return f'<p class="nk-note">{esc(text)}</p>'


def panel(title: str, body_html: str) -> str:
    """A titled box; ``body_html`` must already be safe HTML built by this module."""
    return f'{STYLE}<div class="nk-panel"><h4>{esc(title)}</h4>{body_html}</div>'


def figure_html(figure: Any, alt: str) -> str:
    """A matplotlib Figure as an inline PNG <img> (no external file, no script)."""
    import base64
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}" style="max-width:100%">'
