"""Forms that edit a list of records, and the notice forms give each other after a save.

A list form has a picker ("New..." or a saved record), the fields, **Save**, **Delete** and
**Undo delete**. Each button calls a plain method (``select``, ``save``, ``delete``,
``undo_delete``), so tests drive the form without a browser.

When a form saves or deletes, :func:`~netkit.widgets.events.announce` tells the other live
forms and views on the same portfolio which kind of record changed, so (say) a new need
appears at once in the networks form's benefit lists (``announce`` and ``listen`` live in
:mod:`netkit.widgets.events`; they are importable from here too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import ipywidgets as w

from ..model import Record
from ..render import esc
from .base import Form
from .events import Listener, announce, listen

__all__ = ["ListForm", "Listener", "announce", "listen"]

NEW = ""


class ListForm(Form):
    """A form over many records of one kind: pick one (or "New..."), edit, save, delete."""

    record_type: ClassVar[type[Record]]
    noun: ClassVar[str] = "item"
    picker_field: ClassVar[str] = "pick"
    picker_label: ClassVar[str] = "Edit"
    new_label: ClassVar[str] = "New..."
    listens_to: ClassVar[tuple[str, ...]] = ()

    current: str
    """The key of the record being edited; "" while writing a new one."""

    def build(self) -> list[w.Widget]:
        self.current = NEW
        self._deleted: list[str] = []
        self.picker = w.Dropdown(options=[(self.new_label, NEW)], value=NEW,
                                 layout=w.Layout(width="420px"))
        self.picker.observe(self.serial(self._on_pick), "value")
        self.delete_button = w.Button(description="Delete", icon="trash",
                                      tooltip=f"Delete this {self.noun} (you can undo it)")
        self.delete_button.on_click(self.serial(lambda _b: self.delete()))
        self.undo_button = w.Button(description="Undo delete", icon="undo", disabled=True)
        self.undo_button.on_click(self.serial(lambda _b: self.undo_delete()))
        self.delete_button.add_class("nk-delete")
        self.undo_button.add_class("nk-undo")
        bar = w.HBox([self.picker, self.delete_button, self.undo_button])
        return [self.add_field(self.picker_field, self.picker_label, bar),
                *self.build_fields()]

    # -- for subclasses ------------------------------------------------------------
    def build_fields(self) -> list[w.Widget]:
        """Create the record's fields (with :meth:`add_field`); return the rows."""
        raise NotImplementedError

    def fill(self, record: Record | None) -> None:
        """Show ``record`` in the fields, or blank fields for a new one."""
        raise NotImplementedError

    def choices(self) -> list[tuple[str, str]]:
        """The picker's entries after "New...": (label, key) of every saved record."""
        return [(self.label(r), r.key) for r in self.portfolio.all(self.record_type)]

    def label(self, record: Record) -> str:
        """How a saved record appears in the picker."""
        return record.key

    def key_after_delete(self, record: Record) -> str:
        """What to edit once ``record`` is deleted: a new one, by default."""
        return NEW

    def collected(self) -> Record:
        """The collected record, keeping the key of the saved one being edited (so a
        save updates it rather than adding another)."""
        record = self.collect()
        if self.current != NEW and hasattr(record, "id"):
            record.id = self.current
        return record

    def load_record(self, key: str) -> Record | None:
        """The saved record with ``key``, or None."""
        return self.portfolio.load(self.record_type, key) if key else None

    # -- what the buttons do ---------------------------------------------------------
    def select(self, key: str) -> None:
        """Edit the saved record ``key``, or start a new one with ``""``."""
        with self._hold():  # the lock too: a pick on another thread waits for the fill
            options = self._options()
            if key not in {value for _, value in options}:
                key = NEW if any(v == NEW for _, v in options) else (
                    options[0][1] if options else NEW)
            self.picker.options = options
            self.picker.value = key
            if key != self.current:  # the last status was about the record on show before
                self.status.value = ""
            self.current = key
            self.clear_errors()
            record = self.load_record(key)
            self.fill(record)
            self.delete_button.disabled = record is None
            self._shown = (options, key, record)

    def refresh(self) -> None:
        self.select(self.current)

    def ready(self) -> None:
        listen(self, self.widget)

    def after_save(self, record: Record) -> None:
        self.select(record.key)
        announce(self.portfolio, record.KIND, self)

    def delete(self) -> Record | None:
        """Delete the record being edited (undoable); returns it, or None if unsaved."""
        record = self.load_record(self.current)
        if record is None:
            self.status.value = (f'<span style="color:#b00020">Nothing to delete: pick a '
                                 f"saved {esc(self.noun)} first.</span>")
            return None
        self.portfolio.remove(record)
        self._deleted.append(record.key)
        self.undo_button.disabled = False
        self.select(self.key_after_delete(record))
        self.note(f"Deleted {self.label(record)}. Undo delete brings it back.")
        announce(self.portfolio, record.KIND, self)
        return record

    def undo_delete(self) -> Record | None:
        """Bring back the most recently deleted record and edit it; None if none."""
        while self._deleted:
            key = self._deleted.pop()
            try:
                self.portfolio.undelete(self.record_type.KIND, key)
            except KeyError:  # brought back elsewhere meanwhile
                continue
            self.undo_button.disabled = not self._deleted
            self.select(key)
            record = self.load_record(key)
            self.note(f"Brought back {self.label(record) if record else key}.")
            announce(self.portfolio, self.record_type.KIND, self)
            return record
        self.undo_button.disabled = True
        return None

    def portfolio_changed(self, kind: str) -> None:
        """Another form changed ``kind``: reload the picker (and fields) if what they show
        changed (the picker's entries, or the saved record being edited)."""
        if kind in self.listens_to or kind == self.record_type.KIND:
            with self.lock:
                if getattr(self, "_shown", None) == (
                        self._options(), self.current, self.load_record(self.current)):
                    return  # nothing it shows changed: keep the learner's unsaved typing
                self.refresh()
                self.update_display()

    # -- helpers ---------------------------------------------------------------------
    def note(self, text: str) -> None:
        """Show ``text`` with the time in the status line; refresh the static rendering."""
        stamp = dt.datetime.now().strftime("%H:%M")
        self.status.value = f'<span style="color:#1b6e2a">&#10003; {esc(text)} ({stamp})</span>'
        self.update_display()

    def _options(self) -> list[tuple[str, str]]:
        return [(self.new_label, NEW), *self.choices()]

    def _on_pick(self, change: dict[str, Any]) -> None:
        """The learner picked a record (on the thread widget changes arrive on)."""
        self.select(str(change["new"]))
        # The browser sent this pick; while it is being handled, ipywidgets does not send
        # the same index back. If another thread moved the picker meanwhile, the browser
        # would keep showing the learner's choice over what the form holds: say it again.
        if self.picker.comm is not None:
            self.picker.send_state("index")
