"""Rows of the same parts in a form (skills, bases, risks, examples...), and the records a
dated example may link to.

:class:`RowsField` is a form field holding rows: add, remove, edit; its ``value`` is a list
of dicts (column -> text). :func:`link_options` lists the records an example can link to
(``network:KEY``, ``contact:KEY``, ``followup:KEY``, ``introduction:KEY``), of every kind
this netkit stores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ..model import LINK_KINDS, RECORD_TYPES, Record
from ..render import esc
from ..store import Portfolio
from .base import DateField, Form, name_controls, show_date

__all__ = ["GONE", "KIND_LABELS", "Column", "RowsField", "link_label", "link_options",
           "with_link"]

_NAMES = ("name", "lead", "title", "summary", "interest", "text")
KIND_LABELS = {"network": "Network", "contact": "Contact", "followup": "Follow-up",
               "introduction": "Introduction"}


def link_label(record: Record) -> str:
    """How a linkable record is named: its name, lead or what it was about (after its
    date, if it has one: an introduction), else its key."""
    date = getattr(record, "date", "")
    when = f"{show_date(date)}: " if isinstance(date, str) and date else ""
    for name in _NAMES:
        value = getattr(record, name, "")
        if isinstance(value, str) and value.strip():
            text = when + " ".join(value.split())
            return text if len(text) <= 60 else text[:59] + "…"
    return when + record.key


def link_options(portfolio: Portfolio) -> list[tuple[str, str]]:
    """(label, ``kind:key``) for every record an example may link to; "" for none."""
    options = [("(no link)", "")]
    for kind in LINK_KINDS:
        cls = RECORD_TYPES.get(kind)
        if cls is None:  # a kind this netkit does not store (yet)
            continue
        options += [(f"{KIND_LABELS[kind]}: {link_label(r)}", f"{kind}:{r.key}")
                    for r in portfolio.all(cls)]
    return options


GONE = "no longer in your portfolio"


def with_link(options: list[tuple[str, str]], link: str) -> list[tuple[str, str]]:
    """``options``, plus ``link`` if it names a record no longer there (deleted: undo
    delete brings it back), so showing and saving an answer never drops a link."""
    if not link or link in {value for _, value in options}:
        return options
    kind, _, key = link.partition(":")
    return [*options, (f"{KIND_LABELS.get(kind, kind)} {key} ({GONE})", link)]


@dataclass(frozen=True)
class Column:
    """One part of a row: ``kind`` is text, area (several lines), date or link."""

    name: str
    label: str
    kind: str = "text"
    width: str = "180px"


class RowsField:
    """Rows of the same parts (skills, bases, risks, examples): add, remove, edit.

    ``value`` is a list of dicts (column -> text); an untouched blank row is left out.
    Rows are reused when another value is shown, so a learner never types into a row that
    was just replaced. ``changed`` is called after any edit (the live word count).
    """

    def __init__(self, form: Form, name: str, columns: Sequence[Column], add_label: str,
                 changed: Callable[[], None], *,
                 options: Callable[[], list[tuple[str, str]]] | None = None) -> None:
        self.form = form
        self.name = name
        self.columns = tuple(columns)
        self.changed = changed
        self._watchers: list[Callable[[dict[str, Any]], Any]] = []
        self.options = options or (lambda: [("(no link)", "")])
        self.rows: list[dict[str, Any]] = []
        self.box = w.VBox([])
        self.headers = w.HBox([w.HTML(f"<b>{esc(c.label)}</b>", layout=w.Layout(
            width=c.width, flex="0 0 auto")) for c in columns])
        add = w.Button(description=add_label, icon="plus")
        add.add_class(f"nk-add-{name}")
        add.on_click(form.serial(lambda _b: self.add()))
        self.widget = w.VBox([self.headers, self.box, add])

    def add_class(self, name: str) -> None:
        """Tag the outer box (``Form.add_field`` calls this)."""
        self.widget.add_class(name)

    def watch(self, handler: Callable[[dict[str, Any]], Any]) -> None:
        """Call ``handler`` after the learner edits, adds or removes a row."""
        self._watchers.append(handler)

    def _touched(self) -> None:
        for handler in self._watchers:
            handler({})
        self.changed()

    def _control(self, column: Column) -> Any:
        layout = w.Layout(width=column.width, flex="0 0 auto")
        if column.kind == "date":
            control: Any = DateField(self.form)
            # the text box only (the calendar would not fit a row); never squeezed
            control.widget.layout = w.Layout(width=column.width, flex="0 0 auto")
            # the column's width exactly: the text box's own margin made it 4px too wide,
            # and the row showed a horizontal scroll bar under every date
            control.text.layout = w.Layout(width="100%", margin="2px 0")
            control.picker.layout = w.Layout(display="none")
        elif column.kind == "link":
            control = w.Dropdown(layout=layout)  # its options: _show, as the row shows
        elif column.kind == "area":
            control = w.Textarea(layout=w.Layout(width=column.width, height="64px",
                                                 flex="0 0 auto"))
        else:
            control = w.Text(layout=layout)
        typed = control.text if isinstance(control, DateField) else control
        typed.observe(self.form.serial(lambda _c: self._touched()), "value")
        control.add_class(f"nk-col-{column.name}")
        name_controls(control.widget if isinstance(control, DateField) else control,
                      column.label)  # the column's heading, for a screen reader
        return control

    def add(self, values: dict[str, str] | None = None,
            options: list[tuple[str, str]] | None = None) -> dict[str, Any]:
        """Add a row (blank, or showing ``values``); returns its controls by column.
        ``options``: the link choices, if the caller has read them already."""
        controls = {c.name: self._control(c) for c in self.columns}
        remove = w.Button(description="Remove", icon="times", layout=w.Layout(width="86px"))
        remove.add_class("nk-remove-row")
        row: dict[str, Any] = {**controls, "_remove": remove}
        remove.on_click(self.form.serial(lambda _b: self.remove(self.rows.index(row))))
        row["_box"] = w.HBox([c.widget if isinstance(c, DateField) else c
                              for c in controls.values()] + [remove],
                             layout=w.Layout(align_items="flex-start"))
        row["_box"].add_class(f"nk-row-{self.name}")
        self.rows.append(row)
        self._show(row, values or {}, self.options() if options is None else options)
        self.box.children = [r["_box"] for r in self.rows]
        return row

    def remove(self, index: int) -> None:
        """Remove the row at ``index`` (saved when the learner presses Save)."""
        row = self.rows.pop(index)
        self.box.children = [r["_box"] for r in self.rows]
        row["_box"].close()
        self._touched()

    def _show(self, row: dict[str, Any], values: dict[str, str],
              options: list[tuple[str, str]]) -> None:
        with self.form._hold():
            for c in self.columns:
                if c.kind == "link":
                    value = values.get(c.name, "")
                    row[c.name].options = with_link(options, value)
                    row[c.name].value = value
                else:
                    row[c.name].value = values.get(c.name, "")

    @property
    def value(self) -> list[dict[str, str]]:
        """The rows as typed; a row left entirely blank is not one."""
        found = []
        for row in self.rows:
            values = {c.name: str(row[c.name].value) for c in self.columns}
            if any(v.strip() for v in values.values()):
                found.append(values)
        return found

    @value.setter
    def value(self, rows: list[dict[str, str]]) -> None:
        shown = list(rows) or [{}]  # a blank row to type into
        options = self.options()  # read once for every row
        for row, values in zip(self.rows, shown, strict=False):
            self._show(row, values, options)
        for values in shown[len(self.rows):]:
            self.add(values, options)
        while len(self.rows) > len(shown):
            gone = self.rows.pop()
            gone["_box"].close()
        self.box.children = [r["_box"] for r in self.rows]

    def refresh_options(self) -> None:
        """Offer the records now saved in every link column, keeping each choice."""
        options = self.options()  # read once for every row
        with self.form._hold():
            for row in self.rows:
                for c in self.columns:
                    if c.kind == "link":
                        chosen = row[c.name].value
                        row[c.name].options = with_link(options, chosen)
                        row[c.name].value = chosen
