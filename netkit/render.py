"""Static HTML for what is saved: every learner-typed string is escaped here.

Exported notebooks show this HTML, never widget state, so evidence reads the same in any
browser, with JavaScript off, years later.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Protocol

__all__ = ["NO_MATH", "esc", "figure_html", "html_table", "listed", "note", "panel", "ref_anchor",
           "show_date", "stamp_html", "stamper", "table"]

# The classes MathJax skips (JupyterLab's MathJax 3, and MathJax 2's): JupyterLab typesets
# text/html outputs, so a learner's "paid $12, they charge $30" would turn into italic
# mathematics in the saved answers. pandas marks its tables the same way.
NO_MATH = "mathjax_ignore tex2jax_ignore"

STYLE = (
    "<style>"
    # Printed, a panel may run over pages (keeping a long one whole leaves a page half
    # empty); what must stay together is a record (a table without a header row) and a
    # heading with what follows it. Data tables break between rows, header repeated.
    ".nk-panel{border:1px solid #c8ccd2;border-radius:6px;padding:8px 12px;margin:6px 0}"
    # a panel's title is an h3 (under a notebook's ## section), its parts h4: headings
    # in order for a screen reader, sized as before
    ".nk-panel h3{margin:2px 0 6px;font-size:1.05em}"
    ".nk-panel h4{font-size:1em}"
    ".nk-panel h3,.nk-panel h4{break-after:avoid;page-break-after:avoid}"
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
    ".nk-table th[scope=row]{font-weight:normal}"
    ".nk-table caption.nk-caption{caption-side:top;text-align:left;font-weight:bold;"
    "padding:2px 0}"
    ".nk-table th.nk-vert,.jp-RenderedHTMLCommon .nk-table th.nk-vert{vertical-align:bottom;"
    "padding:4px 2px;text-align:center}"
    ".nk-table th.nk-vert span{writing-mode:vertical-rl;transform:rotate(180deg);"
    "display:inline-block;max-height:14em;text-align:left;line-height:1.15}"
    ".nk-met,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-met{background:#d7f0dd}"
    ".nk-partial,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-partial{background:#fff1c9}"
    ".nk-missing,.jp-RenderedHTMLCommon .nk-table tbody tr.nk-missing{background:#f9d8d6}"
    ".nk-note{color:#4a5360;font-style:italic;margin:4px 0}"
    # a record's evidence reference and dates (render.stamp_html)
    ".nk-stamp{display:block;color:#4a5360;font-size:.82em;font-style:normal;"
    "font-weight:normal;margin:1px 0 3px}"
    ".nk-stamp b{color:#1f2933;white-space:nowrap}"
    ".nk-stamp a{color:inherit;text-decoration:none}"
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


class Stamp(Protocol):
    """What :meth:`netkit.store.Portfolio.stamps` gives for a record: its evidence
    reference ("E7", None for kinds that are not evidence) and ISO UTC times."""

    @property
    def ref(self) -> str | None: ...  # pragma: no cover - protocol

    @property
    def created(self) -> str: ...  # pragma: no cover - protocol

    @property
    def changed(self) -> str: ...  # pragma: no cover - protocol


class Stamped(Protocol):
    """A portfolio: ``stamps()`` maps (kind, key) of each live record to its Stamp."""

    def stamps(self) -> Mapping[tuple[str, str], Stamp]: ...  # pragma: no cover


class Keyed(Protocol):
    """A record: its kind and key."""

    KIND: ClassVar[str]

    @property
    def key(self) -> str: ...  # pragma: no cover - protocol


def _day(moment: str) -> str:
    """A stored ISO time as the learner's day, read the UK way (``28 Nov 2026``)."""
    try:
        when = dt.datetime.fromisoformat(moment)
    except ValueError:
        return show_date(moment)
    if when.tzinfo is not None:
        when = when.astimezone()
    return show_date(when.date().isoformat())


def ref_anchor(ref: str) -> str:
    """The HTML id a reference's record carries in an exported page (``ref-E7``)."""
    return f"ref-{ref}"


def stamp_html(stamp: Stamp) -> str:
    """A record's reference and dates, shown with it in every static copy:
    ``E7 · created 3 Nov 2026 · last changed 28 Nov 2026``.

    The reference is the anchor the evidence pack links to. It links to itself: Chromium
    then writes it into the printed PDF as a named destination (``ref-E7``) with its page,
    which is how the pack finds the page (:func:`netkit.pdf.ref_pages`).
    """
    created, changed = _day(stamp.created), _day(stamp.changed)
    dates = (f"created {created}, not changed since" if stamp.changed == stamp.created
             else f"created {created} · last changed {changed}")
    if not stamp.ref:
        return f'<span class="nk-stamp">{esc(dates)}</span>'
    anchor = esc(ref_anchor(stamp.ref))
    return (f'<span class="nk-stamp"><b><a href="#{anchor}" id="{anchor}">{esc(stamp.ref)}'
            f"</a></b> · {esc(dates)}</span>")


def stamper(portfolio: Stamped) -> Callable[[Keyed], str]:
    """The stamp of each record of ``portfolio``, read once: a form's static copy calls
    this once and then the function it returns per record ("" for one not saved)."""
    stamps = portfolio.stamps()

    def of(record: Keyed) -> str:
        found = stamps.get((record.KIND, record.key))
        return stamp_html(found) if found is not None else ""

    return of


def listed(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 2 else items)


def esc(value: Any) -> str:
    """Escape anything for HTML; None shows as empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
          row_classes: Sequence[str] | None = None, caption: str = "") -> str:
    """An HTML table with every cell escaped."""
    return html_table(headers, ([esc(cell) for cell in row] for row in rows),
                      row_classes=row_classes, caption=caption)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *,
               row_classes: Sequence[str] | None = None,
               header_classes: Sequence[str] | None = None, caption: str = "") -> str:
    """A table whose cells are ALREADY-SAFE HTML (build them with esc); headers are escaped.

    ``header_classes`` styles header cells: ``nk-vert`` sets the heading on its side (for
    narrow columns of ticks), ``nk-wide`` keeps a column of text readably wide. Headers
    all empty make a table of labelled values: each row's first cell is its header cell
    (a screen reader names the value by it). ``caption`` (escaped) names the table.
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
        cells = [f'<th scope="row">{cell}</th>' if not head and i == 0 and len(row) > 1
                 else f"<td>{cell}</td>" for i, cell in enumerate(row)]
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    thead = f"<thead><tr>{head}</tr></thead>" if head else ""
    named = f'<caption class="nk-caption">{esc(caption)}</caption>' if caption else ""
    return (f'<table class="nk-table">{named}{thead}<tbody>{"".join(body)}</tbody>'
            "</table>")


def note(text: str) -> str:
    """A muted, escaped line of explanation."""
    return f'<p class="nk-note">{esc(text)}</p>'


def panel(title: str, body_html: str) -> str:
    """A titled box; ``body_html`` must already be safe HTML built by this module."""
    return f'{STYLE}<div class="nk-panel {NO_MATH}"><h3>{esc(title)}</h3>{body_html}</div>'


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
