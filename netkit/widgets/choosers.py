"""Choosing people from the contacts register in a form, however many it holds.

A learner who imports their LinkedIn connections has thousands of contacts. A drop-down or
a list of tick boxes with every one of them would send thousands of options (and
thousands of tick-box widgets) to the browser each time the form refreshes, and nobody
scrolls through them. :class:`ContactChoice` shows the first :attr:`ContactChoice.SHOWN`
by name, and once there are more, a search box above them: what the learner types narrows
the choice to the contacts whose name or organisation holds every word (case, accents and
apostrophes ignored: "siobhan oconnor" finds Siobhán O'Connor). The contacts
already chosen always stay in the choice, whatever the search.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from ..model import searched
from ..render import esc
from .base import Form, TickList, name_controls

__all__ = ["ContactChoice"]

NONE = ""
# A label as a search compares it, worked out once per label for every form and refresh
# (thousands of imported contacts, six forms each offering them).
_folded = functools.lru_cache(maxsize=65_536)(searched)


class ContactChoice:
    """One contact (a drop-down) or several (tick boxes), found by typing.

    Used like the widget it wraps: ``options`` takes every (label, key) the field may
    offer, ``value`` is the chosen key (or tuple of keys); ``widget`` is what to show.
    Options with the key ``""`` ("(choose)") always lead the drop-down.
    """

    SHOWN: ClassVar[int] = 50

    def __init__(self, form: Form, *, many: bool, width: str = "520px") -> None:
        self.many = many
        self._form = form
        self.field: Any = TickList([], width=width) if many else w.Dropdown(
            options=[("(choose)", NONE)], value=NONE, layout=w.Layout(width=width))
        self.search = w.Text(placeholder="Type part of a name or organisation",
                             layout=w.Layout(width="260px"))
        name_controls(self.search, "Find a contact")  # for screen readers, not on screen
        self.note = w.HTML("")
        self.bar = w.HBox([self.search, self.note], layout=w.Layout(display="none"))
        self.widget = w.VBox([self.bar, self.field.widget if many else self.field])
        self._all: list[tuple[str, str]] = []
        self._folded: list[str] = []
        self.search.observe(form.serial(self._on_search), "value")

    @property
    def options(self) -> list[tuple[str, str]]:
        """Every (label, key) the field offers, shown or not."""
        return list(self._all)

    @options.setter
    def options(self, options: list[tuple[str, str]]) -> None:
        self._all = list(options)
        self._folded = [_folded(label) for label, _key in self._all]
        self._show(self.field.value)

    @property
    def value(self) -> Any:
        """The chosen key ("" for none), or the tuple of ticked keys."""
        return self.field.value

    @value.setter
    def value(self, value: Any) -> None:
        self._show(value)
        self.field.value = value

    @property
    def shown(self) -> list[tuple[str, str]]:
        """The (label, key) on show now."""
        return list(self.field.options)

    def add_class(self, name: str) -> None:
        """Tag the drop-down or tick list (``nk-field-<name>``), and the search box
        ``nk-find-<name>``."""
        self.field.add_class(name)
        self.search.add_class(name.replace("nk-field-", "nk-find-", 1))

    def watch(self, handler: Callable[[dict[str, Any]], Any]) -> None:
        """Call ``handler`` when the learner changes the choice (not the search)."""
        if self.many:
            self.field.watch(handler)
        else:
            self.field.observe(handler, "value")

    def find(self, text: str) -> list[tuple[str, str]]:
        """Type ``text`` in the search box; returns what is shown then."""
        self.search.value = text
        return self.shown

    def _on_search(self, _change: dict[str, Any]) -> None:
        with self._form._hold():  # the choice is the same: only what is on show changes
            value = self.field.value
            self._show(value)
            self.field.value = value

    def _show(self, value: Any) -> None:
        """Show the contacts matching the search (the first :attr:`SHOWN`), after the
        fixed options and the chosen ones."""
        chosen = set(value) if self.many else {value}
        fixed = [o for o in self._all if o[1] == NONE]
        people = [(o, f) for o, f in zip(self._all, self._folded, strict=True) if o[1] != NONE]
        words = searched(str(self.search.value)).split()
        found = [o for o, folded in people if all(word in folded for word in words)]
        everyone = [o for o, _folded in people]
        shown = found[:self.SHOWN]
        on_show = {key for _label, key in shown}
        kept = [o for o in everyone if o[1] in chosen and o[1] not in on_show]
        self.field.options = [*fixed, *kept, *shown]
        many = len(everyone) > self.SHOWN
        self.bar.layout.display = None if many else "none"
        if not many:
            self.note.value = ""
        elif words:
            self.note.value = esc(f"{len(found):,} of {len(everyone):,} contacts match"
                                  + (f"; showing the first {self.SHOWN}"
                                     if len(found) > self.SHOWN else ""))
        else:
            self.note.value = esc(f"Showing {self.SHOWN} of {len(everyone):,} contacts: "
                                  "type to find the others.")
