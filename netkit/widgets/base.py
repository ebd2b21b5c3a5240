"""The conventions every netkit form follows.

- Displaying a form loads what is already saved: re-running a notebook shows the
  learner's answers, not blank fields.
- ``save()`` is a plain method (the Save button's handler is one line that calls it):
  it validates, writes through the store, shows "Saved 14:02" and returns the record.
  An invalid answer raises :class:`ValidationError` after the message is shown next to
  the field at fault; nothing is written.
- Every form has a static rendering, ``static_html()``: an escaped HTML table of what is
  saved. Displaying a form makes two outputs: that static HTML, refreshed on every save,
  then the live widget. ``jupyter nbconvert --to html`` always prefers a widget view to
  any fallback in the same output, so the answers must be an output of their own to reach
  an exported page. The live widget carries a style that hides its static twin, so in
  JupyterLab the learner sees the form once; wherever the widget does not render (an
  export, a notebook re-opened without its kernel), the static answers show instead.
- Forms are safe from any thread. ipykernel 7 delivers widget value changes on a subshell
  thread and button clicks on the main thread, so every handler runs under one lock shared
  by all forms of the kernel (see :meth:`Form.serial`), and :meth:`Form._hold` only hides
  the changes made by the thread that holds it: a learner's pick arriving on another
  thread meanwhile waits its turn instead of being taken for the form's own change.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, ParamSpec, TypeVar

import ipywidgets as w

from ..coverage import counted
from ..exceptions import ValidationError
from ..model import Record, parse_date
from ..render import NO_MATH, esc, show_date
from ..store import Portfolio

__all__ = ["FORM_CSS", "DateField", "Form", "StaticTwin", "TickList", "field_key",
           "labelled", "name_controls", "plural", "show_date"]

LABEL_WIDTH = "170px"

P = ParamSpec("P")
T = TypeVar("T")

# One lock for every form and view of the kernel, not one per form: forms notify each other
# after a save, and two per-form locks taken in opposite orders on two threads would
# deadlock. Handlers are short, so running them one at a time costs nothing a learner sees.
_LOCK = threading.RLock()


#: the status line once the learner changes a form after saving it
UNSAVED = "Changed since you saved: press Save to keep the changes."

# Labels and buttons wrap instead of being cut off ("…"): long need texts, criteria, buttons.
FORM_CSS = """<style>
.nk-form .widget-label-basic, .nk-form .widget-label-basic span,
.nk-form .widget-toggle-button, .nk-form .jupyter-button {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; }
.nk-form .widget-toggle-button, .nk-form .jupyter-button { min-height: 28px;
  line-height: 1.25; padding-top: 3px; padding-bottom: 3px; }
.nk-form .widget-checkbox { height: auto; width: auto; align-items: flex-start; }
.nk-form .widget-checkbox .widget-label-basic { display: flex; align-items: flex-start;
  gap: 6px; line-height: 1.35; padding: 2px 0; }
.nk-form .widget-checkbox input { margin: 2px 0 0 0; flex: none; }
.nk-ticks { max-height: 320px; overflow-y: auto; }
.nk-form .widget-html-content { line-height: 1.4; }
.nk-form .nk-named > .widget-label { position: absolute !important; width: 1px !important;
  height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; border: 0; }
</style>"""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``count`` and the noun agreeing with it: "1 network", "2 networks", "0 networks"."""
    return counted(count, nouns or noun + "s", noun)


class TickList:
    """Tick boxes for choosing several of a list (instead of a Ctrl-click multi-select).

    ``value`` is the tuple of ticked keys, in the options' order; ``options`` is a list of
    (label, key). Labels wrap.
    """

    def __init__(self, options: list[tuple[str, str]] = (),  # type: ignore[assignment]
                 value: tuple[str, ...] = (), width: str = "520px") -> None:
        self.boxes: dict[str, w.Checkbox] = {}
        self._watchers: list[Callable[[dict[str, Any]], Any]] = []
        self.widget = w.VBox([], layout=w.Layout(width=width))
        self.widget.add_class("nk-ticks")
        self._options: list[tuple[str, str]] = []
        self.options = list(options)
        self.value = value

    @property
    def options(self) -> list[tuple[str, str]]:
        """(label, key) of every box, in order."""
        return list(self._options)

    @options.setter
    def options(self, options: list[tuple[str, str]]) -> None:
        ticked = set(self.value) if self.boxes else set()
        boxes = {}
        for label, key in options:
            # width "auto" (FORM_CSS) fills the list less the box's margin: "100%" plus
            # the margin overflowed, giving every list a horizontal scroll bar
            box = self.boxes.get(key) or self._new_box()
            box.description = label
            box.value = key in ticked
            box.add_class("nk-tick")
            boxes[key] = box
        self.boxes = boxes
        self._options = list(options)
        self.widget.children = list(boxes.values())

    def _new_box(self) -> w.Checkbox:
        box = w.Checkbox(indent=False)
        for handler in self._watchers:
            box.observe(handler, "value")
        return box

    def watch(self, handler: Callable[[dict[str, Any]], Any]) -> None:
        """Call ``handler`` whenever a box is ticked or unticked (boxes made later too)."""
        self._watchers.append(handler)
        for box in self.boxes.values():
            box.observe(handler, "value")

    @property
    def value(self) -> tuple[str, ...]:
        """The ticked keys."""
        return tuple(key for key, box in self.boxes.items() if box.value)

    @value.setter
    def value(self, keys: tuple[str, ...] | list[str]) -> None:
        chosen = set(keys)
        for key, box in self.boxes.items():
            box.value = key in chosen

    def add_class(self, name: str) -> None:
        """Add a CSS class to the outer box (``add_field`` calls this)."""
        self.widget.add_class(name)


class DateField:
    """A date as text (``28/11/2026``, ``28 Nov 2026`` or ``2026-11-28``) plus a calendar.

    ``value`` is the text as typed (the model parses it and stores ISO); picking a day in
    the calendar writes it into the text box, and a date typed in the box moves the
    calendar to it (so the two never show different days).
    """

    def __init__(self, form: Form) -> None:
        self.text = w.Text(placeholder="e.g. 28/11/2026", layout=w.Layout(width="140px"))
        self.picker = w.DatePicker(layout=w.Layout(width="160px"))
        self.picker.add_class("nk-datepicker")
        self.picker.observe(form.serial(self._on_pick), "value")
        self.text.observe(form.serial(self._on_text), "value")
        self.widget = w.HBox([self.text, self.picker])
        self._form = form

    @property
    def value(self) -> str:
        """The date as typed."""
        return str(self.text.value)

    @value.setter
    def value(self, text: str) -> None:
        with self._form._hold():
            self.text.value = show_date(text) if text else ""
            try:
                self.picker.value = dt.date.fromisoformat(text)
            except (TypeError, ValueError):
                self.picker.value = None

    def add_class(self, name: str) -> None:
        """Tag the text box (browser tests type into it)."""
        self.text.add_class(name)

    def _on_pick(self, change: dict[str, Any]) -> None:
        day = change["new"]
        if isinstance(day, dt.date):
            self.text.value = show_date(day.isoformat())

    def _on_text(self, change: dict[str, Any]) -> None:
        try:
            day = parse_date(str(change["new"]))
        except ValueError:  # not a whole date (yet): the calendar stays as it was
            return
        if self.picker.value != day:
            with self._form._hold():  # the typed text stays as typed
                self.picker.value = day


def field_key(name: str) -> str:
    """The form field a validation error belongs to: ``benefits[2]`` -> ``benefits``."""
    return name.split("[", 1)[0].split(".", 1)[0]


def name_controls(widget: w.Widget, label: str) -> None:
    """Give the field's controls ``label`` as their accessible name: ipywidgets' own
    ``<label for>`` (its description), kept out of sight by FORM_CSS since the row shows
    the label beside the control. Without it a screen reader announces a bare "edit text"
    or "combo box" (axe: label, select-name). Buttons and tick boxes name themselves."""
    from ipywidgets.widgets.widget_description import DescriptionWidget

    controls = list(widget.children) if isinstance(widget, w.Box) else [widget]
    for control in controls:
        if isinstance(control, DescriptionWidget) and not control.description and \
                not isinstance(control, w.ToggleButtons | w.Checkbox):
            control.description = label
            control.add_class("nk-named")


def labelled(label: str, widget: w.Widget, error: w.HTML, help_text: str = "") -> w.Box:
    """A field row: label, widget, then the inline error message."""
    name_controls(widget, label)
    # never squeezed: a long help text would narrow the label and push its box left
    parts: list[w.Widget] = [w.HTML(f"<b>{esc(label)}</b>", layout=w.Layout(
        width=LABEL_WIDTH, flex="0 0 auto")), widget]
    if help_text:
        parts.append(w.HTML(f'<span style="color:#596270">{esc(help_text)}</span>'))
    return w.VBox([w.HBox(parts), error])


class StaticTwin:
    """A widget shown with a static HTML twin: the twin for exports, the widget when live.

    ``show(widget_html)`` displays the twin (``text/html``) and then the widget; ``update``
    refreshes the twin in place. ``hide_rule`` is the ``<style>`` the live widget must
    carry to hide its twin.
    """

    def __init__(self, label: str) -> None:
        self.uid = uuid.uuid4().hex
        self.label = label
        self.displayed = False

    @property
    def css_class(self) -> str:
        """The class on the twin's outer element."""
        return f"nk-static-{self.uid}"

    @property
    def hide_rule(self) -> str:
        """CSS, shown only by a rendered widget, that hides the static twin."""
        return (f"<style>.{self.css_class}{{display:none}}"
                f".jp-OutputArea-child:has(.{self.css_class}){{display:none}}</style>")

    def bundle(self, html: str) -> dict[str, Any]:
        """The twin's output: the static HTML (and a line of plain text)."""
        return {"text/html": f'<div class="nk-static {self.css_class} {NO_MATH}">{html}</div>',
                "text/plain": f"{self.label} (saved answers)"}

    def show(self, widget: w.Widget, html: str) -> None:
        """Display the static twin, then the live widget."""
        from IPython.display import display

        display(self.bundle(html), raw=True,  # type: ignore[no-untyped-call]
                display_id=f"netkit-{self.uid}")
        view = dict(widget._repr_mimebundle_())
        # nbconvert shows the widget view, netkit's export this comment: the twin above
        # already holds the answers, so neither repeats them.
        view["text/html"] = "<!-- netkit: the saved answers are in the output above -->"
        view["text/plain"] = f"{self.label} (live form)"
        display(view, raw=True)  # type: ignore[no-untyped-call]
        self.displayed = True

    def update(self, html: str) -> None:
        """Refresh the static twin (so a saved .ipynb holds the current answers)."""
        if not self.displayed:
            return
        from IPython.display import update_display

        update_display(self.bundle(html), raw=True,  # type: ignore[no-untyped-call]
                       display_id=f"netkit-{self.uid}")


class Form:
    """Base of every form: fields with inline errors, Save, status, static rendering."""

    title: ClassVar[str] = ""
    intro: ClassVar[str] = ""

    def __init__(self, portfolio: Portfolio | None = None) -> None:
        if portfolio is None:
            from .. import open_portfolio

            portfolio = open_portfolio()
        self.portfolio = portfolio
        self._held_by: int | None = None
        self.fields: dict[str, Any] = {}
        self.errors: dict[str, w.HTML] = {}
        self.status = w.HTML("")
        self.save_button = w.Button(description="Save", button_style="primary",
                                    icon="check")
        self.save_button.on_click(self.serial(self._on_save))
        self.twin = StaticTwin(self.title or type(self).__name__)
        rows = self.build()
        header = [w.HTML(self.twin.hide_rule + FORM_CSS, layout=w.Layout(display="none"))]
        if self.title:
            header.append(w.HTML(f'<h3 style="margin:2px 0;font-size:1.05em">'
                                 f"{esc(self.title)}</h3>"))
        if self.intro:
            header.append(w.HTML(f"<p>{esc(self.intro)}</p>"))
        self.widget = w.VBox([*header, *rows, w.HBox([self.save_button, self.status])],
                             layout=w.Layout(border="1px solid #c8ccd2", padding="8px"))
        # Stable hooks for browser tests and styling: nk-form-learnerform, nk-field-name...
        self.widget.add_class("nk-form")
        self.widget.add_class(f"nk-form-{type(self).__name__.lower()}")
        self.save_button.add_class("nk-save")
        self.status.add_class("nk-status")
        self.refresh()
        self.ready()

    # -- for subclasses ------------------------------------------------------------
    lock: ClassVar[threading.RLock] = _LOCK

    @contextlib.contextmanager
    def _hold(self) -> Iterator[None]:
        """While held, this thread's widget changes do not count as the learner's.

        Only the holding thread is affected: a change the learner makes meanwhile arrives
        on another thread, waits for the lock, and then counts.
        """
        with self.lock:
            outer, self._held_by = self._held_by, threading.get_ident()
            try:
                yield
            finally:
                self._held_by = outer

    @property
    def _holding(self) -> bool:
        """Whether the current thread is making the form's own (not the learner's) changes."""
        return self._held_by == threading.get_ident()

    def serial(self, handler: Callable[P, T]) -> Callable[P, T | None]:
        """``handler`` run under the forms' lock, and skipped for the form's own changes.

        Wrap every widget callback with it (``button.on_click(self.serial(...))``,
        ``widget.observe(self.serial(...), "value")``).
        """
        @functools.wraps(handler)
        def run(*args: P.args, **kwargs: P.kwargs) -> T | None:
            if self._holding:
                return None
            with self.lock:
                return handler(*args, **kwargs)
        return run

    def build(self) -> list[w.Widget]:
        """Create the fields (with :meth:`add_field`); return the rows to show."""
        raise NotImplementedError

    def collect(self) -> Record:
        """Build the record from the fields' current values."""
        raise NotImplementedError

    def collected(self) -> Record:
        """What :meth:`save` writes: :meth:`collect`'s record (list forms add its key)."""
        return self.collect()

    def refresh(self) -> None:
        """Set the fields from what is saved."""

    def ready(self) -> None:
        """Hook: the form is built (``self.widget`` exists) and shows what is saved."""

    def static_html(self) -> str:
        """Escaped HTML of what is saved: what an exported notebook shows."""
        raise NotImplementedError

    # -- shared machinery ----------------------------------------------------------
    def add_field(self, name: str, label: str, widget: Any, help_text: str = ""
                  ) -> w.Box:
        """Register a field so its validation errors show next to it.

        ``widget`` is an ipywidget, or a :class:`TickList` / :class:`DateField` (shown by
        its ``.widget``); ``self.fields[name].value`` is the field's value either way.
        """
        self.fields[name] = widget
        widget.add_class(f"nk-field-{name}")
        control = widget.text if isinstance(widget, DateField) else widget
        if isinstance(control, w.ValueWidget):  # text, dates, lists, toggles, tick boxes
            control.observe(self.serial(self._edited), "value")
        elif hasattr(widget, "watch"):  # tick lists, contact choices, rows of parts
            widget.watch(self.serial(self._edited))
        self.errors[name] = w.HTML("", layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}"))
        self.errors[name].add_class(f"nk-error-{name}")
        shown = widget if isinstance(widget, w.Widget) else widget.widget
        return labelled(label, shown, self.errors[name], help_text)

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` next to ``field`` (or in the status line if it has no row)."""
        self.show_errors([(field, message)])

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Show every ``(field, message)`` at once, each next to its field.

        A problem with no field row in this form is named in the status line.
        """
        self.clear_errors()
        by_field: dict[str, list[str]] = {}
        elsewhere: list[str] = []
        for field, message in errors:
            key = field_key(field)
            if key in self.errors:
                by_field.setdefault(key, []).append(self.error_text(field, message))
            else:
                elsewhere.append(f"{field}: {message}")
        for key, messages in by_field.items():
            self.errors[key].value = "".join(
                f'<div style="color:#b00020">&#9888; {esc(m)}</div>' for m in messages)
        count = len(errors)
        what = "1 problem" if count == 1 else f"{count} problems"
        parts = [f"Not saved: {what}" + (", see above" if by_field else "")]
        parts += elsewhere
        self.status.value = f'<span style="color:#b00020">{esc(". ".join(parts))}.</span>'

    row_nouns: ClassVar[dict[str, str]] = {}
    """What one row of a list field is called, for errors: ``{"benefits": "benefit"}``."""

    def error_text(self, field: str, message: str) -> str:
        """How a problem reads next to its field: ``benefits[2]`` names "benefit 3"."""
        found = re.match(r"^(\w+)\[(\d+)\]", field)
        if found is None:
            return message
        noun = self.row_nouns.get(found[1], "row")
        return f"{noun} {int(found[2]) + 1}: {message}"

    def clear_errors(self) -> None:
        """Remove every inline error message."""
        for error in self.errors.values():
            error.value = ""

    def save(self) -> Record:
        """Validate and save the form; show "Saved HH:MM"; return the saved record."""
        with self.lock:
            return self._save()

    def checks(self, record: Record) -> list[tuple[str, str]]:
        """Hook: what this form asks beyond the model's rules, as (field, message) pairs."""
        return []

    def _save(self) -> Record:
        try:
            record = self.collected()
            own = self.checks(record)
            if own:  # report them with the model's own problems, all at once
                try:
                    copy.deepcopy(record).validate()
                except ValidationError as exc:
                    own = [*exc.errors, *own]
                raise ValidationError.from_errors(own)
            saved = self.portfolio.save(record)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            raise
        self.clear_errors()
        self.after_save(saved)
        self.mark_saved()
        return saved

    def after_save(self, record: Record) -> None:
        """Hook: refresh dependent parts of the form after a save."""

    def mark_saved(self, what: str = "Saved") -> None:
        """Show the save time and refresh the static rendering in the notebook."""
        self.status.value = (f'<span style="color:#1b6e2a">&#10003; {esc(what)} '
                             f"{dt.datetime.now().strftime('%H:%M')}</span>")
        self._saved_status = self.status.value
        self.update_display()

    def _edited(self, _change: dict[str, Any]) -> None:
        """The learner changed a field: "Saved 14:02" no longer stands beside the form."""
        if self.status.value and self.status.value == getattr(self, "_saved_status", None):
            self.status.value = (f'<span style="color:#8a4b00">{esc(UNSAVED)}</span>')

    def _on_save(self, _button: w.Button) -> None:
        with contextlib.suppress(ValidationError):  # already shown next to the field
            self.save()

    # -- display -------------------------------------------------------------------
    def _ipython_display_(self) -> None:
        self.twin.show(self.widget, self.static_html())

    def update_display(self) -> None:
        """Refresh the static answers in the notebook so a saved .ipynb holds them."""
        self.twin.update(self.static_html())
