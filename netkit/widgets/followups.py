"""The follow-up tracker (criterion 1.5, notebook 01): leads and actions, one at a time.

Each follow-up has its source, next step, due date and status; the static table flags the
overdue ones. **Save calendar** writes the open ones as an iCalendar file beside the
portfolio and offers it to download, for any calendar to import.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import ClassVar

import ipywidgets as w

from ..exceptions import CalendarWriteError
from ..followups import by_urgency, save_calendar, tracker_html
from ..model import FOLLOWUP_STATUSES, LINK_KINDS, FollowUp, Record
from ..render import esc, panel, show_date, stamper
from .base import DateField, plural
from .listing import ListForm
from .rows import link_options, with_link

__all__ = ["FollowUpsForm"]

_WIDE = "520px"
_STATUS_LABELS = {"open": "Open", "followed up": "Followed up", "missed": "Missed"}
# the fields besides the link (which is shown once its choices are set)
_FIELDS = ("lead", "source", "next_step", "due", "status", "done_on", "outcome", "cost")


class FollowUpsForm(ListForm):
    """One lead or action at a time: source, next step, due date, status, what came of it."""

    title = "Follow-up tracker"
    intro = ("One lead or action at a time: where it came from, the next step and when it "
             "is due. When you have followed it up, say when and what came of it; if it "
             "slipped, mark it missed and say what that cost.")
    record_type: ClassVar[type[Record]] = FollowUp
    noun = "follow-up"
    new_label = "New follow-up..."
    listens_to = LINK_KINDS

    def build_fields(self) -> list[w.Widget]:
        wide = w.Layout(width=_WIDE)
        self.calendar_button = w.Button(description="Save calendar (.ics)", icon="calendar")
        self.calendar_button.add_class("nk-calendar")
        self.calendar_button.on_click(self.serial(lambda _b: self.save_calendar()))
        self.calendar_note = w.HTML("")
        self.calendar_note.add_class("nk-calendar-note")
        return [
            self.add_field("lead", "Lead or action", w.Text(
                layout=wide, placeholder="e.g. Send Sam our pick-rate figures")),
            self.add_field("source", "Where it came from", w.Text(
                layout=wide, placeholder="e.g. CILT branch webinar, 14 Oct")),
            self.add_field("next_step", "Next step", w.Text(layout=wide)),
            self.add_field("due", "Due", DateField(self), "e.g. 14/12/2026, or pick it"),
            self.add_field("status", "Status", w.ToggleButtons(
                options=[(_STATUS_LABELS[s], s) for s in FOLLOWUP_STATUSES],
                style={"button_width": "110px"})),
            self.add_field("done_on", "Followed up on", DateField(self),
                           "when you followed it up"),
            self.add_field("outcome", "Outcome", w.Textarea(
                layout=w.Layout(width=_WIDE, height="48px"),
                placeholder="What came of it")),
            self.add_field("cost", "What missing it cost", w.Textarea(
                layout=w.Layout(width=_WIDE, height="48px"),
                placeholder="If it slipped: what did that cost you?")),
            self.add_field("link", "Linked to", w.Dropdown(
                options=link_options(self.portfolio), layout=w.Layout(width="360px"))),
            w.HBox([self.calendar_button, self.calendar_note]),
        ]

    def label(self, record: Record) -> str:
        assert isinstance(record, FollowUp)
        flag = "OVERDUE " if record.overdue() else ""
        return f"{flag}{record.lead} (due {show_date(record.due)}, {record.status})"

    def choices(self) -> list[tuple[str, str]]:
        return [(self.label(r), r.key) for r in by_urgency(self.portfolio.all(FollowUp))]

    def fill(self, record: Record | None) -> None:
        item = record if isinstance(record, FollowUp) else FollowUp()
        self.fields["link"].options = self._link_choices(item.id, item.link)
        for name in _FIELDS:
            self.fields[name].value = getattr(item, name)
        self.fields["link"].value = item.link

    def portfolio_changed(self, kind: str) -> None:
        """A record an item may link to changed: offer what is saved now, keeping the
        learner's choice and unsaved typing; anything else as a list form does."""
        if kind in LINK_KINDS and kind != "followup":
            with self.lock, self._hold():
                chosen = self.fields["link"].value
                self.fields["link"].options = self._link_choices(self.current, chosen)
                self.fields["link"].value = chosen
            return
        super().portfolio_changed(kind)

    def _link_choices(self, own_id: str, chosen: str) -> list[tuple[str, str]]:
        """What a follow-up may link to: every record but itself, and ``chosen`` even if
        it is no longer there."""
        return with_link([o for o in link_options(self.portfolio)
                          if o[1] != f"followup:{own_id}"], chosen)

    def collect(self) -> FollowUp:
        return FollowUp(**{name: self.fields[name].value for name in (*_FIELDS, "link")})

    def save_calendar(self, folder: Path | None = None) -> Path | None:
        """Write the open follow-ups as ``followups.ics`` beside the portfolio (or in
        ``folder``) and offer it for download; returns the file, None if it failed."""
        target = (folder or Path(self.portfolio.path).parent) / "followups.ics"
        try:
            count = save_calendar(self.portfolio, target)
        except CalendarWriteError as exc:
            self.calendar_note.value = f'<span style="color:#b00020">{esc(exc)}</span>'
            return None
        data = base64.b64encode(target.read_bytes())  # the very file: same stamps
        stamp = dt.datetime.now().strftime("%H:%M")
        self.calendar_note.value = (
            f'<span style="color:#1b6e2a">&#10003; {plural(count, "open follow-up")} saved to '
            f"<code>{esc(target)}</code> ({stamp}).</span> "
            f'<a download="followups.ics" href="data:text/calendar;base64,'
            f'{data.decode("ascii")}">Download followups.ics</a>')
        return target

    def static_html(self) -> str:
        return panel(self.title, tracker_html(self.portfolio.all(FollowUp),
                                              stamp=stamper(self.portfolio)))
