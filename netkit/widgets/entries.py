"""List forms described by their fields: the dated log entries of learning outcome 3.

An :class:`EntryForm` names its fields once, in :attr:`EntryForm.spec`, as
``(name, label, kind, help)``; the kind decides the widget, how a saved value is shown in
it, how it is read back, and how the static answers show it:

``text`` and ``area`` (text), ``date`` (:class:`DateField`; a new entry's ``date`` is
today), ``toggle:<choices>`` and ``menu:<choices>`` (a choice from a tuple of the choices'
module :mod:`netkit.lo3`), ``contact`` / ``contacts`` (one person, or tick several, from the
contacts register), ``network`` / ``networks`` (2.1 networks), ``needs`` (2.1 needs and
aspirations), ``tags`` (comma-separated), ``lines`` (one item a line), ``flag`` (a tick
box), ``agreement``, ``review`` and ``offers`` (saved agreements, reviews and offers).

Choices that come from other records refresh when those records change elsewhere, keeping
what the learner has typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from .. import lo3
from ..coverage import need_codes, ordered_needs
from ..lo3 import Agreement, Offers, Review
from ..model import Contact, Need, Network, Record
from ..render import esc, panel, show_date, stamper
from ..store import Portfolio
from .base import DateField, TickList, field_key
from .choosers import ContactChoice
from .listing import ListForm
from .views import html_table

__all__ = ["EntryForm", "FieldSpec"]

WIDE = "520px"
NONE = ""

FieldSpec = tuple[str, str, str, str]  # name, label, kind, help text
Names = dict[str, dict[str, str]]  # kind of field -> key -> the saved record's label
# kinds whose choices come from other records -> the record kinds they read
_SOURCES = {"contact": ("contact",), "contacts": ("contact",), "network": ("network",),
            "networks": ("network",), "needs": ("need",), "agreement": ("agreement",),
            "review": ("review",), "offers": ("offers",)}

# what to do when a choice from other records has nothing to offer yet (a learner told
# only "this cannot be empty" beside an empty list could not put it right here)
_NOTHING_YET = {
    "contact": "nobody in your contacts register yet: add them under Your contacts at the "
               "top of this notebook first.",
    "network": "no networks saved yet: record them in notebook 02 (2.1), then run this "
               "form's cell again.",
    "needs": "no needs or aspirations saved yet: record them in notebook 02 (2.1), then run "
             "this form's cell again.",
    "agreement": "no agreement saved yet: write one in the 3.5 form first.",
    "review": "no review saved yet: save one in the 3.6 form first.",
    "offers": "nothing listed yet: list what you offer in the 3.2 form above first.",
}
_NOTHING_YET |= {"contacts": _NOTHING_YET["contact"], "networks": _NOTHING_YET["network"]}


class EntryForm(ListForm):
    """A list form whose fields are declared in :attr:`spec` (see the module docstring)."""

    spec: ClassVar[tuple[FieldSpec, ...]] = ()
    columns: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = ()
    """The static answers' table: (heading, fields shown in that cell)."""
    cell_labels: ClassVar[dict[str, str]] = {}
    """How a field is named in a cell it shares with others, where not by its form label."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kinds = {name: kind for name, _label, kind, _help in self.spec}
        kinds = {k for kind in self.kinds.values() for k in _SOURCES.get(kind, ())}
        self.listens_to = tuple(sorted(kinds))  # type: ignore[misc]
        super().__init__(*args, **kwargs)

    # -- building ----------------------------------------------------------------------
    def build_fields(self) -> list[w.Widget]:
        rows = []
        for name, label, kind, help_text in self.spec:
            widget = self._widget(kind)
            shown = help_text
            if help_text and isinstance(widget, (w.Text, w.Textarea)):
                widget.placeholder, shown = help_text, ""  # keeps the box where it is
            elif help_text and isinstance(widget, w.Checkbox):
                widget.description, shown = help_text, ""
            rows.append(self.add_field(name, label, widget, shown))
        return rows

    def _widget(self, kind: str) -> Any:
        base, _, choices = kind.partition(":")
        if base == "date":
            return DateField(self)
        if base in ("contact", "contacts"):
            return ContactChoice(self, many=base == "contacts", width=WIDE)
        if base in ("toggle", "menu"):
            options = list(getattr(lo3, choices))
            if base == "toggle":
                return w.ToggleButtons(options=options, value=options[0],
                                       style={"button_width": "auto"})
            return w.Dropdown(options=options, value=options[0], layout=w.Layout(width=WIDE))
        return _WIDGETS[base]()

    def error_text(self, field: str, message: str) -> str:
        """A problem with a choice from other records none of which is saved yet says
        where to make one."""
        base = self.kinds.get(field_key(field), "").partition(":")[0]
        if base in _NOTHING_YET and not self.choices_for(base):
            return _NOTHING_YET[base]
        return super().error_text(field, message)

    # -- choices from other records --------------------------------------------------------
    def choices_for(self, kind: str) -> list[tuple[str, str]]:
        """(label, key) of the saved records a field of ``kind`` offers."""
        return _CHOICES[kind](self.portfolio) if kind in _CHOICES else []

    def _set_choices(self, keep: dict[str, Any] | None = None) -> None:
        """Refresh every field's choices; ``keep`` holds values to show afterwards."""
        for name, kind in self.kinds.items():
            base = kind.partition(":")[0]
            if base not in _SOURCES:
                continue
            field = self.fields[name]
            options = self.choices_for(base)
            value = (keep or {}).get(name, field.value)
            if isinstance(field, TickList) or (isinstance(field, ContactChoice)
                                               and field.many):
                known = {k for _label, k in options}
                options += [(f"{k} (no longer saved)", k) for k in value if k not in known]
                field.options = options
                field.value = tuple(value)
            else:
                options = [("(choose)", NONE), *options]
                if value and value not in {k for _label, k in options}:
                    options.append((f"{value} (no longer saved)", value))
                field.options = options
                field.value = value

    def portfolio_changed(self, kind: str) -> None:
        if kind in self.listens_to and kind != self.record_type.KIND:
            with self.lock, self._hold():
                self._set_choices()
        super().portfolio_changed(kind)

    # -- showing and reading a record -----------------------------------------------------
    def blank(self) -> Record:
        """A new, empty entry (dated today when it has a date)."""
        if "date" in self.kinds:
            return self.record_type(date=dt.date.today().isoformat())  # type: ignore[call-arg]
        return self.record_type()

    def fill(self, record: Record | None) -> None:
        shown = record if record is not None else self.blank()
        values: dict[str, Any] = {}
        for name, kind in self.kinds.items():
            value = getattr(shown, name)
            base = kind.partition(":")[0]
            if base in ("tags",):
                value = ", ".join(value)
            elif base == "lines":
                value = "\n".join(value)
            elif base in ("contacts", "networks", "needs", "offers"):
                value = tuple(value)
            values[name] = value
        self._set_choices(values)
        for name, value in values.items():
            if self.kinds[name].partition(":")[0] not in _SOURCES:
                self.fields[name].value = value

    def collect(self) -> Record:
        data: dict[str, Any] = {}
        for name, kind in self.kinds.items():
            value = self.fields[name].value
            base = kind.partition(":")[0]
            if base == "tags":
                value = [t for t in str(value).replace(";", ",").split(",") if t.strip()]
            elif base == "lines":
                value = [t for t in str(value).splitlines() if t.strip()]
            elif base in ("contacts", "networks", "needs", "offers"):
                value = list(value)
            elif base == "flag":
                value = value is True
            data[name] = value
        return self.record_type(**data)

    # -- the static answers ------------------------------------------------------------------
    def names_for_keys(self) -> Names:
        """Key -> label of the saved records that the fields of :attr:`columns` name (read
        once for a whole table, not once a cell)."""
        bases = {self.kinds[name].partition(":")[0] for _heading, fields in self.columns
                 for name in fields if name in self.kinds} & _SOURCES.keys()
        return {base: {k: label for label, k in self.choices_for(base)} for base in bases}

    def shown(self, name: str, value: Any, names: Names) -> str:
        """A saved value as escaped HTML: names for keys, dates as read, lists joined."""
        base = self.kinds.get(name, "text").partition(":")[0]
        if base in _SOURCES:
            keys: list[str] = value if isinstance(value, list) else [value] if value else []
            return esc(", ".join(names[base].get(k, k) for k in keys))
        if base == "date":
            return esc(show_date(value)) if value else ""
        if base == "flag":
            return "yes" if value else "no"
        if isinstance(value, list):
            return "<br>".join(esc(v) for v in value)
        return f'<span style="white-space:pre-wrap">{esc(value)}</span>'

    def cell(self, record: Record, fields: tuple[str, ...], names: Names) -> str:
        """One table cell: the given fields, labelled when there are several."""
        labels = {name: label for name, label, _kind, _help in self.spec} | self.cell_labels
        parts = []
        for name in fields:
            value = self.shown(name, getattr(record, name), names)
            if value and len(fields) > 1:
                parts.append(f"<i>{esc(labels.get(name, name))}:</i> {value}")
            elif value:
                parts.append(value)
        return "<br>".join(parts)

    def ordered(self, records: list[Any]) -> list[Any]:
        """The saved entries as the static answers list them: by date."""
        return sorted(records, key=lambda r: str(getattr(r, "date", "")))

    def static_body(self, records: list[Any]) -> str:
        """The saved entries as escaped HTML (a table of :attr:`columns`)."""
        names = self.names_for_keys()
        stamp = stamper(self.portfolio)
        rows = [[self.cell(r, fields, names) for _h, fields in self.columns]
                for r in records]
        for record, row in zip(records, rows, strict=True):
            row[0] += stamp(record)  # its reference and dates, under the first cell
        return html_table([h for h, _ in self.columns], rows)

    def static_html(self) -> str:
        records = self.ordered(self.portfolio.all(self.record_type))
        if not records:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, self.static_body(records))


def _contacts(p: Portfolio) -> list[tuple[str, str]]:
    """Every contact by name, as the forms offer them: worked out once for every form
    until the portfolio changes (an import brings thousands)."""
    return list(p.remembered("entries.contacts", lambda: [
        (f"{name} ({organisation})" if organisation else str(name), key)
        for key, name, organisation in sorted(p.fields(Contact.KIND, "name", "organisation"),
                                              key=lambda row: str(row[1]).casefold())]))


def _needs(p: Portfolio) -> list[tuple[str, str]]:
    needs = p.all(Need)
    codes = need_codes(needs)
    return [(f"{codes[n.id]} {n.text}", n.id) for n in ordered_needs(needs)]


def _offers(p: Portfolio) -> list[tuple[str, str]]:
    offers = p.load(Offers)
    return [(item, item) for item in (offers.items if offers else [])]


_CHOICES: dict[str, Callable[[Portfolio], list[tuple[str, str]]]] = {
    "contact": _contacts,
    "contacts": _contacts,
    "network": lambda p: [(n.name, n.id) for n in p.all(Network)],
    "networks": lambda p: [(n.name, n.id) for n in p.all(Network)],
    "needs": _needs,
    "agreement": lambda p: [(a.title, a.id) for a in p.all(Agreement)],
    "review": lambda p: [(f"Review of {show_date(r.date)}", r.id) for r in p.all(Review)],
    "offers": _offers,
}


def _menu() -> w.Dropdown:
    return w.Dropdown(options=[("(choose)", NONE)], value=NONE, layout=w.Layout(width=WIDE))


_WIDGETS: dict[str, Callable[[], Any]] = {
    "text": lambda: w.Text(layout=w.Layout(width=WIDE)),
    "area": lambda: w.Textarea(layout=w.Layout(width=WIDE, height="70px")),
    "lines": lambda: w.Textarea(layout=w.Layout(width=WIDE, height="90px"),
                                placeholder="one a line"),
    "tags": lambda: w.Text(layout=w.Layout(width=WIDE), placeholder="separated by commas"),
    "flag": lambda: w.Checkbox(indent=False, layout=w.Layout(width="auto")),
    "network": _menu, "agreement": _menu, "review": _menu,
    "networks": lambda: TickList([], width=WIDE),
    "needs": lambda: TickList([], width=WIDE), "offers": lambda: TickList([], width=WIDE),
}
