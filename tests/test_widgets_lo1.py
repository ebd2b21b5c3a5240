"""Learning outcome 1's forms (notebook 01): one per criterion, and the follow-up tracker."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from netkit import model
from netkit.exceptions import ValidationError
from netkit.model import (
    AgendasAnswer,
    Contact,
    EthicsAnswer,
    FollowUp,
    InternetAnswer,
    Network,
    ShortlistCriterion,
    SkillsAnswer,
)
from netkit.store import Portfolio
from netkit.widgets import (
    AgendasForm,
    ChoosingForm,
    EthicsForm,
    FollowUpsForm,
    InternetForm,
    LeadsForm,
    SkillsForm,
)
from netkit.widgets.reflection import AnswerForm

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(model, "_today", lambda: TODAY)
    return TODAY


def text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_skills_form_saves_rows_examples_and_frame_and_reads_back(portfolio: Portfolio
                                                                   ) -> None:
    net = portfolio.save(Network(name="CILT <Yorkshire>"))
    form = SkillsForm(portfolio)
    form.fields["definition"].value = "Networking is the exchange of information."
    form.fields["skills"].value = [
        {"name": "Building rapport", "features": "Common ground", "used_on": "14/10/2026",
         "use": "At the webinar", "effect": "Sam offered the survey"},
        {"name": "Listening", "features": "Questions", "used_on": "", "use": "",
         "effect": ""}]
    form.fields["covers"].value = ("building rapport", "definition")
    assert ("Network: CILT <Yorkshire>", f"network:{net.id}") in \
        form.fields["examples"].options()
    form.fields["examples"].value = [{"date": "28 Oct 2026", "text": "Branch webinar",
                                      "link": f"network:{net.id}"}]
    form.frame_fields["learned"].value = "Ask first."
    saved = form.save()
    assert isinstance(saved, SkillsAnswer)
    back = portfolio.load(SkillsAnswer)
    assert back is not None and back == saved
    assert [s.name for s in back.skills] == ["Building rapport", "Listening"]
    assert back.skills[0].used_on == "2026-10-14"
    assert back.examples[0].link == f"network:{net.id}"
    assert back.frame.learned == "Ask first."
    # A new form shows what was saved, dates as a learner reads them.
    again = SkillsForm(portfolio)
    assert again.fields["skills"].value[0]["used_on"] == "14 Oct 2026"
    assert again.fields["examples"].value[0]["date"] == "28 Oct 2026"
    assert again.fields["covers"].value == ("definition", "building rapport")
    assert again.frame_fields["learned"].value == "Ask first."


def test_a_blank_row_is_not_saved_and_a_row_without_its_name_is_refused(
        portfolio: Portfolio) -> None:
    form = EthicsForm(portfolio)
    assert len(form.fields["issues"].rows) == 1  # a blank row to type into
    form.fields["issues"].add()
    form.fields["issues"].rows[0]["choice"].value = "share or not"
    form.fields["examples"].value = [{"date": "1 Dec 2026", "text": "x", "link": ""}]
    with pytest.raises(ValidationError) as caught:
        form.save()
    assert [f for f, _ in caught.value.errors] == ["examples[0]", "issues[0]"]
    assert "example 1: 01 Dec 2026 is in the future" in form.errors["examples"].value
    assert ("issue 1: the issue itself is empty: write it in, or remove the row."
            in form.errors["issues"].value)
    assert "Not saved: 2 problems" in form.status.value
    assert portfolio.load(EthicsAnswer) is None


def test_the_word_count_and_guidance_follow_the_typing(portfolio: Portfolio) -> None:
    form = AgendasForm(portfolio)
    assert "0 words (about 250-400 is the guide)" in form.words.value
    assert "no conclusion yet" in form.guidance.value
    form.fields["conclusion"].value = "Shared agendas proved the more useful."
    assert "6 words" in form.words.value
    assert "no conclusion yet" not in form.guidance.value
    form.fields["examples"].rows[0]["text"].value = "two words"
    assert "8 words" in form.words.value
    assert portfolio.load(AgendasAnswer) is None  # typing saves nothing


def test_guidance_in_the_form_reads_the_saved_tracker(portfolio: Portfolio) -> None:
    form = LeadsForm(portfolio)
    assert "no missed follow-up in your tracker yet" in form.guidance.value
    tracker = FollowUpsForm(portfolio)
    for name, value in {"lead": "Reply to supplier", "due": "1/9/2026",
                        "status": "missed", "cost": "Lost the slot"}.items():
        tracker.fields[name].value = value
    tracker.save()
    assert "no missed follow-up" not in form.guidance.value  # heard the tracker's save


def test_only_the_form_whose_guidance_reads_2_2_criteria_hears_them(portfolio: Portfolio
                                                                     ) -> None:
    from netkit.widgets.events import announce

    choosing, agendas = ChoosingForm(portfolio), AgendasForm(portfolio)
    assert "show the bases at work in your own 2.2 shortlisting" in choosing.guidance.value
    shown = agendas.guidance.value
    portfolio.save(ShortlistCriterion(name="Fit with needs", weight=5))
    announce(portfolio, "shortlist_criterion")
    assert "your own 2.2 criteria (Fit with needs (weight 5))" in choosing.guidance.value
    assert agendas._facts is not None and agendas._facts.criteria == ()  # not re-read
    assert agendas.guidance.value == shown


def test_each_form_static_answer_is_escaped_with_tables(portfolio: Portfolio) -> None:
    portfolio.save(Contact(name="Sam Whitfield", id="c1"))
    form = InternetForm(portfolio)
    assert "Not written yet." in form.static_html()
    form.fields["platforms"].value = "LinkedIn <script>alert(1)</script>"
    form.fields["risks"].value = [{"risk": "Hacking", "reduced_by": "Two-factor login"},
                                  {"risk": "Oversharing", "reduced_by": "Policy check"}]
    form.fields["examples"].value = [{"date": "2026-11-02", "text": "Connected with Sam",
                                      "link": "contact:c1"}]
    form.save()
    page = form.static_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    shown = text(page)
    assert "Risk How I reduce it Hacking Two-factor login Oversharing Policy check" in shown
    assert "2 Nov 2026 Connected with Sam Contact: Sam Whitfield" in shown
    assert "Benefits" not in shown  # no empty prompts: a part left blank is not shown
    assert saved_words(portfolio) in shown


def saved_words(portfolio: Portfolio) -> str:
    answer = portfolio.load(InternetAnswer)
    assert answer is not None
    return f"{answer.words} words."


@pytest.mark.parametrize("cls", [SkillsForm, ChoosingForm, AgendasForm, InternetForm,
                                 LeadsForm, EthicsForm])
def test_every_answer_form_saves_what_it_shows(portfolio: Portfolio,
                                               cls: type[AnswerForm]) -> None:
    form = cls(portfolio)
    for part in form.parts:
        if part.rows is None:
            form.fields[part.name].value = f"My {part.label} <&>"
        else:
            form.fields[part.name].value = [
                {c.name: ("2026-11-01" if c.kind == "date" else f"{c.label} {n}")
                 for c in part.rows} for n in (1, 2)]
    form.fields["examples"].value = [{"date": "3/11/2026", "text": "At work", "link": ""}]
    saved = form.save()
    again = cls(portfolio)
    assert again.collect().validate() == saved
    assert portfolio.load(type(saved)) == saved
    assert f"My {form.parts[-1].label} &lt;&amp;&gt;" in again.static_html() or \
        form.parts[-1].rows is not None


def test_follow_ups_form_saves_picks_and_flags_overdue(portfolio: Portfolio) -> None:
    form = FollowUpsForm(portfolio)
    for name, value in {"lead": "Call Joanne", "source": "Chamber breakfast",
                        "next_step": "Phone her", "due": "20/11/2026"}.items():
        form.fields[name].value = value
    first = form.save()
    form.select("")
    for name, value in {"lead": "Send figures", "due": "14 Dec 2026"}.items():
        form.fields[name].value = value
    second = form.save()
    labels = [label for label, _ in form.picker.options]
    assert labels[1:] == ["OVERDUE Call Joanne (due 20 Nov 2026, open)",
                          "Send figures (due 14 Dec 2026, open)"]
    form.select(first.key)
    assert form.fields["lead"].value == "Call Joanne"
    form.fields["status"].value = "followed up"
    form.fields["done_on"].value = ""
    with pytest.raises(ValidationError) as caught:
        form.save()
    assert caught.value.field == "done_on"
    assert {f.id for f in portfolio.all(FollowUp)} == {first.id, second.id}
    assert "1 overdue" in text(form.static_html())


def test_save_calendar_writes_a_file_a_calendar_reads(portfolio: Portfolio,
                                                      tmp_path: Path) -> None:
    portfolio.save_many([FollowUp(id="a", lead="Send figures", due="2026-12-14"),
                         FollowUp(id="b", lead="Thank Mark", due="2026-10-01",
                                  status="followed up", done_on="2026-10-02")])
    form = FollowUpsForm(portfolio)
    path = form.save_calendar(tmp_path)
    assert path == tmp_path / "followups.ics"
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Follow up: Send figures", dt.date(2026, 12, 14))]
    assert 'download="followups.ics"' in form.calendar_note.value
    offered = re.search(r'href="data:text/calendar;base64,([^"]+)"', form.calendar_note.value)
    assert offered is not None
    assert base64.b64decode(offered.group(1)) == path.read_bytes()
    assert "1 open follow-up saved" in form.calendar_note.value
    assert form.save_calendar(tmp_path / "missing") is None
    assert "cannot write the calendar file" in form.calendar_note.value


def test_an_examples_link_list_follows_records_saved_elsewhere(portfolio: Portfolio
                                                              ) -> None:
    form = AgendasForm(portfolio)
    tracker = FollowUpsForm(portfolio)
    tracker.fields["lead"].value = "Call Joanne"
    tracker.fields["due"].value = "1/12/2026"
    saved = tracker.save()
    options = form.fields["examples"].rows[0]["link"].options
    assert ("Follow-up: Call Joanne", f"followup:{saved.id}") in options


def test_prompts_from_own_records_redraw_when_a_follow_up_is_saved(portfolio: Portfolio
                                                                   ) -> None:
    from netkit.widgets import Prompts

    view = Prompts(portfolio)
    assert "No questions from your records yet" in view.html()
    tracker = FollowUpsForm(portfolio)
    tracker.fields["lead"].value = "Call Joanne"
    tracker.fields["due"].value = "1/11/2026"
    tracker.save()
    assert "You have 1 overdue follow-up: what did that cost you? (1.5)" in \
        html.unescape(view.widget.value)


def test_an_introduction_is_offered_by_its_date_and_what_it_was_about() -> None:
    from netkit.lo3 import Introduction
    from netkit.widgets.rows import link_label

    intro = Introduction(id="i1", date="2025-09-18", interest="Nadia is planning our WMS "
                         "upgrade; Gareth led the same upgrade last year.")
    assert link_label(intro) == "18 Sep 2025: Nadia is planning our WMS upgrade; Gareth led …"
    assert link_label(FollowUp(id="f1", lead="Call Joanne")) == "Call Joanne"


def test_a_link_outliving_its_record_is_shown_and_kept(portfolio: Portfolio) -> None:
    net = portfolio.save(Network(name="Forum"))
    form = AgendasForm(portfolio)
    form.fields["examples"].value = [{"date": "2/11/2026", "text": "At the forum",
                                      "link": f"network:{net.id}"}]
    form.save()
    portfolio.remove(net)
    again = AgendasForm(portfolio)
    assert again.fields["examples"].value[0]["link"] == f"network:{net.id}"
    assert f"Network: {net.id} (no longer in your portfolio)" in text(again.static_html())
    assert again.save().examples[0].link == f"network:{net.id}"  # saving keeps it
    portfolio.undelete("network", net.id)
    assert "Network: Forum" in text(AgendasForm(portfolio).static_html())


def test_a_follow_ups_link_list_offers_a_network_saved_meanwhile(portfolio: Portfolio
                                                                 ) -> None:
    from netkit.widgets import NetworksForm

    tracker = FollowUpsForm(portfolio)
    tracker.fields["lead"].value = "typed, not saved"
    networks = NetworksForm(portfolio)
    networks.fields["name"].value = "CILT"
    saved = networks.save()
    assert ("Network: CILT", f"network:{saved.id}") in tracker.fields["link"].options
    assert tracker.fields["lead"].value == "typed, not saved"


def test_examples_read_the_link_choices_once_per_show_not_once_per_row(
        portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    net = portfolio.save(Network(name="CILT"))
    form = AgendasForm(portfolio)
    examples = form.fields["examples"]
    reads = []
    offered = examples.options
    monkeypatch.setattr(examples, "options", lambda: reads.append(1) or offered())
    examples.value = [{"date": "2026-10-0" + str(d), "text": f"Example {d}",
                       "link": f"network:{net.id}"} for d in (1, 2, 3)]
    assert len(reads) == 1
    assert [r["link"].value for r in examples.rows] == [f"network:{net.id}"] * 3
    portfolio.save(Network(name="Sales club"))
    examples.refresh_options()
    assert len(reads) == 2
    assert all("Network: Sales club" in [label for label, _ in r["link"].options]
               for r in examples.rows)
    assert [r["link"].value for r in examples.rows] == [f"network:{net.id}"] * 3
