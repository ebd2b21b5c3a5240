"""The follow-up tracker (criterion 1.5): what is open, what is overdue, and a calendar file.

Each :class:`~netkit.model.FollowUp` is a lead or action with its source, next step, due
date and status. Overdue means still open after its due date, relative to today. The open
items can be saved as an iCalendar file (RFC 5545, written by the ``icalendar`` library)
that any calendar imports: one all-day event per open item, on its due date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from . import model
from .exceptions import CalendarWriteError
from .model import FollowUp, Records
from .render import esc, html_table, note, show_date

__all__ = ["by_urgency", "calendar_bytes", "open_items", "overdue", "save_calendar",
           "tracker_html", "tracker_lines"]


def _day(today: dt.date | None) -> dt.date:
    return today or model._today()


def overdue(followups: Sequence[FollowUp], today: dt.date | None = None) -> list[FollowUp]:
    """The follow-ups still open after their due date."""
    day = _day(today)
    return [f for f in followups if f.overdue(day)]


def open_items(followups: Sequence[FollowUp]) -> list[FollowUp]:
    """The follow-ups still open, soonest due first."""
    return sorted((f for f in followups if f.status == "open"), key=lambda f: f.due)


def by_urgency(followups: Sequence[FollowUp]) -> list[FollowUp]:
    """Open items first (soonest due first: overdue ones lead), then the rest by due date."""
    return sorted(followups, key=lambda f: (f.status != "open", f.due))


def _summary(item: FollowUp, day: dt.date) -> str:
    return ("OVERDUE - " if item.overdue(day) else "") + f"Follow up: {item.lead}"


def calendar_bytes(followups: Sequence[FollowUp], today: dt.date | None = None,
                   stamp: dt.datetime | None = None) -> bytes:
    """The open follow-ups as an iCalendar file: an all-day event on each due date."""
    from icalendar import Calendar, Event

    day = _day(today)
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//netkit//follow-up tracker//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Networking follow-ups")
    for item in open_items(followups):
        due = dt.date.fromisoformat(item.due)
        event = Event()
        event.add("uid", f"followup-{item.id}@netkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", _summary(item, day))
        details = [f"Next step: {item.next_step}" if item.next_step else "",
                   f"Source: {item.source}" if item.source else ""]
        event.add("description", "\n".join(d for d in details if d))
        event.add("categories", ["Networking"])
        cal.add_component(event)
    return bytes(cal.to_ical())


def save_calendar(portfolio: Records, path: str | os.PathLike[str],
                  today: dt.date | None = None) -> int:
    """Write the open follow-ups of ``portfolio`` to ``path`` (atomically); how many."""
    target = Path(path)
    items = open_items(portfolio.all(FollowUp))
    data = calendar_bytes(items, today)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. no such folder: no tmp to remove
            tmp.unlink(missing_ok=True)
        raise CalendarWriteError(target, exc.strerror or str(exc)) from None
    return len(items)


def _status(item: FollowUp, day: dt.date, show: Callable[[str], str] = str) -> str:
    if item.overdue(day):
        return f"OVERDUE (due {show(item.due)})"
    if item.status == "followed up":
        return f"followed up {show(item.done_on)}"
    return item.status


def tracker_lines(followups: Sequence[FollowUp], today: dt.date | None = None) -> list[str]:
    """One line per follow-up, open (overdue) first: what ``netkit followups`` prints."""
    day = _day(today)
    lines = []
    for item in by_urgency(followups):
        line = f"{item.due}  {_status(item, day):<24}  {item.lead}"
        if item.source:
            line += f" (from: {item.source})"
        if item.status == "open" and item.next_step:
            line += f" - next: {item.next_step}"
        lines.append(line)
    return lines


def tracker_html(followups: Sequence[FollowUp], today: dt.date | None = None, *,
                 stamp: Callable[[FollowUp], str] | None = None) -> str:
    """The tracker as an escaped table, overdue rows flagged; ``stamp`` gives the HTML
    of each item's reference and dates (:func:`netkit.render.stamper`)."""
    day = _day(today)
    if not followups:
        return note("No follow-ups recorded yet.")
    rows, classes = [], []
    for item in by_urgency(followups):
        result = item.outcome if item.status == "followed up" else (
            item.cost if item.status == "missed" else "")
        status = esc(_status(item, day, show_date))
        rows.append([esc(item.lead) + (stamp(item) if stamp else ""), esc(item.source),
                     esc(item.next_step),
                     esc(show_date(item.due)),
                     f"<b>{status}</b>" if item.overdue(day) else status, esc(result)])
        classes.append("nk-missing" if item.overdue(day) else
                       "nk-met" if item.status == "followed up" else "")
    late = len(overdue(followups, day))
    head = note(f"{late} overdue: still open after the due date.") if late else ""
    return head + html_table(["Lead or action", "Source", "Next step", "Due", "Status",
                              "Outcome, or what missing it cost"], rows, row_classes=classes)
