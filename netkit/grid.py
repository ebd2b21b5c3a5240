"""The evidence pack's coverage grid, read back from an exported ``evidence-pack.html``.

An assessor reviews the export a learner handed in, not the learner's portfolio: the grid
(criterion, NOS, evidence with its references and links, count, status) is read from the
pack's ``<section id="coverage">`` table as text and links, never as HTML to show again,
so nothing in a handed-in file can run in the assessor's notebook. Columns are found by
their headings, so a grid that gains a column still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["PACK_FILE", "GridRow", "pack_grid", "read_grid"]

PACK_FILE = "evidence-pack.html"
_CRITERION = re.compile(r"^\s*([123]\.[1-7])\b")


@dataclass
class GridRow:
    """One criterion's row of the coverage grid, as text."""

    criterion: str
    cells: dict[str, str] = field(default_factory=dict)  # heading -> cell text
    items: list[str] = field(default_factory=list)  # the evidence listed
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, href)
    refs: list[str] = field(default_factory=list)  # evidence references, a line a file

    @property
    def status(self) -> str:
        """The pack's status for it ("met", "partial", "missing"), or ""."""
        return self.cells.get("Status", "")


@dataclass
class _Row:
    cells: list[str]
    items: list[str]
    links: list[tuple[str, str]]
    refs: list[str]


_BREAKS = frozenset({"li", "ul", "div", "p", "br"})


class _Grid(HTMLParser):
    """Collects the rows of the first table in ``<section id="coverage">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.rows: list[_Row] = []
        self._depth = 0  # nesting inside the coverage section (0: outside)
        self._tables = 0  # tables seen inside it
        self._in_table = False
        self._cell: list[str] | None = None
        self._head: list[str] | None = None
        self._row: _Row | None = None
        self._item: list[str] | None = None
        self._refs = 0  # nesting inside a cell's <div class="nk-refs"> (0: outside)
        self._ref: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self._depth == 0:
            if tag == "section" and named.get("id") == "coverage":
                self._depth = 1
            return
        if tag == "section":
            self._depth += 1
        elif tag == "table":
            self._tables += 1
            self._in_table = self._tables == 1
        elif not self._in_table:
            return
        elif tag == "th":
            self._head = []
        elif tag == "tr" and self.headings:
            self._row = _Row([], [], [], [])
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif self._row is not None:
            self._inside_row(tag, named)

    def _inside_row(self, tag: str, named: dict[str, str | None]) -> None:
        if tag == "a" and named.get("href"):
            self._link = (str(named["href"]), [])
            return
        if self._cell is not None and tag in _BREAKS:
            self._cell.append(" ")  # block edges keep words apart
        if tag == "li":
            self._item = []
        elif tag == "div" and self._refs:
            self._refs += 1
            if self._refs == 2:  # a line of references
                self._ref = []
        elif tag == "div" and "nk-refs" in str(named.get("class") or "").split():
            self._refs = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return
        if tag == "section":
            self._depth -= 1
        elif tag == "table":
            self._in_table = False
        elif not self._in_table:
            return
        elif tag == "th" and self._head is not None:
            self.headings.append(_squash("".join(self._head)))
            self._head = None
        elif tag == "td" and self._cell is not None and self._row is not None:
            self._row.cells.append(_squash("".join(self._cell)))
            self._cell = None
        elif tag == "li" and self._item is not None and self._row is not None:
            self._row.items.append(_squash("".join(self._item)))
            self._item = None
        elif tag == "a" and self._link is not None and self._row is not None:
            self._row.links.append((_squash("".join(self._link[1])), self._link[0]))
            self._link = None
        elif tag == "div" and self._refs:
            if self._refs == 2 and self._ref is not None and self._row is not None:
                self._row.refs.append(_squash("".join(self._ref)))
                self._ref = None
            self._refs -= 1
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        for part in (self._head, self._cell, self._item, self._ref,
                     self._link[1] if self._link else None):
            if part is not None:
                part.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


def read_grid(page: str) -> dict[str, GridRow]:
    """Criterion id -> its row of the coverage grid in an evidence pack's HTML."""
    parser = _Grid()
    parser.feed(page)
    parser.close()
    found: dict[str, GridRow] = {}
    for row in parser.rows:
        match = _CRITERION.match(row.cells[0]) if row.cells else None
        if match is None:
            continue
        named = dict(zip(parser.headings, row.cells, strict=False))
        # the criterion's own link ("#c1-1") points into the pack, not to evidence
        kept = [(label, href) for label, href in row.links if not href.startswith("#")]
        found[match[1]] = GridRow(match[1], named, row.items, kept, row.refs)
    return found


def pack_grid(folder: Path) -> dict[str, GridRow]:
    """The coverage grid of the export in ``folder`` ({} when it has no HTML pack)."""
    path = folder / PACK_FILE
    if not path.is_file():
        return {}
    return read_grid(path.read_text(encoding="utf-8", errors="replace"))
