"""The follow-up tracker (1.5): overdue flagged, open items saved as an iCalendar file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from netkit import model
from netkit.followups import calendar_bytes, overdue, save_calendar, tracker_html, tracker_lines
from netkit.model import FollowUp
from netkit.store import Portfolio

Run = Any  # conftest.Run: code, out, err
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(model, "_today", lambda: TODAY)
    return TODAY


def items() -> list[FollowUp]:
    return [
        FollowUp(id="a", lead="Send Sam the pick-rate figures", source="CILT webinar",
                 next_step="E-mail the October figures", due="14/12/2026").validate(),
        FollowUp(id="b", lead="Call Calder Staffing about peak rates", source="Chamber "
                 "breakfast", next_step="Phone Joanne", due="20 Nov 2026").validate(),
        FollowUp(id="c", lead="Thank Mark for the forum seat", due="2026-10-01",
                 status="followed up", done_on="2026-10-02", outcome="Seat confirmed"
                 ).validate(),
        FollowUp(id="d", lead="Reply to the WMS supplier", due="2026-09-01",
                 status="missed", cost="Lost the demo slot").validate(),
    ]


def test_overdue_means_open_past_its_due_date_relative_to_today() -> None:
    assert [f.id for f in overdue(items())] == ["b"]
    assert [f.id for f in overdue(items(), dt.date(2026, 12, 15))] == ["a", "b"]
    assert overdue(items(), dt.date(2026, 11, 20)) == []


def test_the_tracker_lists_open_items_first_and_flags_overdue() -> None:
    lines = tracker_lines(items())
    assert lines[0].startswith("2026-11-20  OVERDUE (due 2026-11-20)")
    assert "Call Calder Staffing" in lines[0] and "next: Phone Joanne" in lines[0]
    assert lines[1].startswith("2026-12-14  open")
    assert "followed up 2026-10-02" in lines[3] or "followed up 2026-10-02" in lines[2]
    page = tracker_html(items())
    assert "1 overdue" in page and "Lost the demo slot" in page and "nk-missing" in page
    assert "<b>OVERDUE (due 20 Nov 2026)</b>" in page and "followed up 2 Oct 2026" in page


def test_the_calendar_file_parses_back_with_each_open_item_on_its_due_date() -> None:
    data = calendar_bytes(items(), stamp=dt.datetime(2026, 11, 30, 9, tzinfo=dt.timezone.utc))
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    seen = {str(e["uid"]): (e.decoded("dtstart"), str(e["summary"])) for e in events}
    assert seen == {
        "followup-a@netkit": (dt.date(2026, 12, 14), "Follow up: Send Sam the pick-rate "
                                                     "figures"),
        "followup-b@netkit": (dt.date(2026, 11, 20), "OVERDUE - Follow up: Call Calder "
                                                     "Staffing about peak rates"),
    }
    first = next(e for e in events if str(e["uid"]) == "followup-a@netkit")
    assert first.decoded("dtend") == dt.date(2026, 12, 15)
    assert "Next step: E-mail the October figures" in str(first["description"])
    assert str(cal["version"]) == "2.0"


def test_save_calendar_writes_the_portfolios_open_items(portfolio: Portfolio,
                                                        tmp_path: Path) -> None:
    portfolio.save_many(items())
    path = tmp_path / "followups.ics"
    assert save_calendar(portfolio, path) == 2
    assert len(Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 2


def test_netkit_followups_prints_the_tracker_and_saves_the_calendar(
        run_cli: Callable[..., Run], portfolio_path: Path, tmp_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        opened.save_many(items())
    ics = tmp_path / "mine.ics"
    done = run_cli("followups", "--ics", str(ics))
    assert done.code == 0, done.err
    assert "4 follow-ups, 1 overdue" in done.out
    assert "OVERDUE" in done.out.splitlines()[1]
    assert f"Wrote 2 open follow-ups to {ics}" in done.err
    assert {str(e["uid"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")} == {
        "followup-a@netkit", "followup-b@netkit"}
    listed = json.loads(run_cli("followups", "--json").out)
    assert {f["id"]: f["overdue"] for f in listed} == {"a": False, "b": True, "c": False,
                                                       "d": False}


def test_a_calendar_file_that_cannot_be_written_is_one_clear_error(
        run_cli: Callable[..., Run], portfolio_path: Path, tmp_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        opened.save_many(items())
    done = run_cli("followups", "--ics", str(tmp_path / "no" / "such" / "f.ics"))
    assert done.code == 2
    assert "cannot write the calendar file" in done.err and "Traceback" not in done.err


def test_netkit_followups_says_one_follow_up_in_the_singular(
        run_cli: Callable[..., Run], portfolio_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        opened.save_many(items()[:1])
    done = run_cli("followups")
    assert done.code == 0, done.err
    assert done.out.startswith("1 follow-up, ")
