"""Witness testimony, professional discussion and declaration forms (notebook 04)."""

from __future__ import annotations

import datetime as dt

import pytest

from netkit.coverage import coverage
from netkit.criteria import CRITERIA
from netkit.exceptions import ValidationError
from netkit.model import DECLARATION, Declaration, Discussion, Learner, Witness
from netkit.pack import evidence_pack
from netkit.store import Portfolio
from netkit.widgets import DeclarationForm, DiscussionForm, WitnessForm

TODAY = dt.date.today().isoformat()
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def fill(form: WitnessForm | DiscussionForm | DeclarationForm, **values: object) -> None:
    for name, value in values.items():
        form.fields[name].value = value


def witness_form(portfolio: Portfolio, **values: object) -> WitnessForm:
    form = WitnessForm(portfolio)
    fill(form, **{"name": "Mark Ellis", "role": "Operations Director",
                  "relationship": "My line manager", "date": "2025-10-14",
                  "statement": "Priya introduced our IT manager to a peer at CILT.",
                  "criteria": ("3.7", "2.2"), **values})
    return form


def refused(form: WitnessForm | DiscussionForm | DeclarationForm, field: str) -> str:
    """Save must fail at ``field``, show the message there, and write nothing."""
    before = form.portfolio.count()
    with pytest.raises(ValidationError) as caught:
        form.save()
    assert caught.value.field == field
    assert caught.value.message in form.errors[field].value.replace("&#x27;", "'")
    assert "Not saved" in form.status.value
    assert form.portfolio.count() == before
    return caught.value.message


# -- witness testimony ------------------------------------------------------------------

def test_witness_saves_and_reads_back(portfolio: Portfolio) -> None:
    saved = witness_form(portfolio).save()
    (stored,) = portfolio.all(Witness)
    assert stored == saved
    assert (stored.name, stored.role, stored.relationship, stored.date) == (
        "Mark Ellis", "Operations Director", "My line manager", "2025-10-14")
    assert stored.criteria == ["2.2", "3.7"]
    # A new form shows it in the picker and fills the fields when picked.
    again = WitnessForm(portfolio)
    assert ("Mark Ellis (14 Oct 2025)", stored.id) in again.picker.options
    again.select(stored.id)
    assert again.fields["statement"].value == stored.statement
    assert again.fields["criteria"].value == ("2.2", "3.7")


def test_editing_a_witness_keeps_its_key(portfolio: Portfolio) -> None:
    form = witness_form(portfolio)
    first = form.save()
    form.fields["role"].value = "Head of Operations"
    second = form.save()
    assert second.id == first.id
    assert [w.role for w in portfolio.all(Witness)] == ["Head of Operations"]


def test_a_new_witness_form_offers_todays_date(portfolio: Portfolio) -> None:
    today = dt.date.today()
    assert WitnessForm(portfolio).fields["date"].value == f"{today.day} {today:%b %Y}"
    assert WitnessForm(portfolio).fields["date"].picker.value == today


@pytest.mark.parametrize("typed", ["14/10/2025", "14 Oct 2025", "14 October 2025",
                                   "2025-10-14"])
def test_a_date_is_typed_the_uk_way_and_stored_iso(portfolio: Portfolio, typed: str) -> None:
    witness_form(portfolio, date=typed).save()
    (stored,) = portfolio.all(Witness)
    assert stored.date == "2025-10-14"
    form = WitnessForm(portfolio)
    form.select(stored.id)
    assert form.fields["date"].value == "14 Oct 2025"


def test_picking_a_day_in_the_calendar_fills_the_date(portfolio: Portfolio) -> None:
    form = witness_form(portfolio, date="")
    form.fields["date"].picker.value = dt.date(2025, 10, 14)
    assert form.fields["date"].value == "14 Oct 2025"
    assert form.save().date == "2025-10-14"


def test_a_date_typed_in_the_box_moves_the_calendar_and_stays_as_typed(
        portfolio: Portfolio) -> None:
    form = witness_form(portfolio)
    date = form.fields["date"]
    date.text.value = "03/11/2025"
    assert date.picker.value == dt.date(2025, 11, 3)
    assert date.value == "03/11/2025"  # not rewritten while the learner types
    date.text.value = "31/02/2025"  # no such day: the calendar keeps the last one
    assert date.picker.value == dt.date(2025, 11, 3)
    date.text.value = "3 Nov 2024"
    assert date.picker.value == dt.date(2024, 11, 3)
    assert date.value == "3 Nov 2024"


def test_saved_no_longer_shows_once_the_learner_changes_the_form(
        portfolio: Portfolio) -> None:
    """"Saved 14:02" beside a form holding unsaved typing reads as if the typing were
    saved: a change after a save says it is not saved yet, until Save."""
    form = witness_form(portfolio)
    form.save()
    assert "Saved" in form.status.value
    form.fields["role"].value = "Head of Operations"
    assert "Saved" not in form.status.value
    assert "press Save to keep the changes" in form.status.value
    form.save()
    assert "Saved" in form.status.value
    form.fields["date"].text.value = "3 Nov 2025"  # a date box counts too
    assert "press Save" in form.status.value
    form.save()
    form.select("")  # New...: the status line was about the testimony on show before
    assert form.status.value == ""
    form.fields["name"].value = "Joanne Pryce"
    assert form.status.value == ""  # nothing was saved here, so nothing is claimed



def test_ticks_contact_choices_and_rows_also_mark_the_form_changed(
        portfolio: Portfolio) -> None:
    """Tick lists, the contacts a form chooses and rows of parts count as changes too."""
    from netkit.lo3 import Promotion
    from netkit.model import Contact, Network
    from netkit.widgets import PromotionForm, SkillsForm

    form = witness_form(portfolio)
    form.save()
    form.fields["criteria"].boxes["3.3"].value = True  # a tick box of a tick list
    assert "press Save to keep the changes" in form.status.value

    portfolio.save_many([Contact(name="Sam Whitfield", id="sam"),
                         Network(name="CILT", id="cilt")])
    promo = PromotionForm(portfolio)
    promo.fields["network"].value = "cilt"
    promo.fields["what"].value = "Branch talk"
    promo.fields["people"].field.boxes["sam"].value = True
    promo.save()
    assert portfolio.all(Promotion)[0].people == ["sam"]
    promo.fields["people"].search.value = "whit"  # searching changes nothing
    assert "Saved" in promo.status.value
    promo.fields["people"].field.boxes["sam"].value = False
    assert "press Save" in promo.status.value

    skills = SkillsForm(portfolio)
    skills.fields["definition"].value = "Building relationships for mutual benefit."
    skills.fields["skills"].rows[0]["name"].value = "Active listening"
    skills.save()
    assert "Saved" in skills.status.value
    skills.fields["skills"].rows[0]["name"].value = "Active listening, summarising"
    assert "press Save" in skills.status.value


def test_criteria_are_tick_boxes(portfolio: Portfolio) -> None:
    form = witness_form(portfolio, criteria=())
    boxes = form.fields["criteria"].boxes
    assert list(boxes) == [c.id for c in CRITERIA]
    boxes["2.1"].value = True
    boxes["3.4"].value = True
    assert form.save().criteria == ["2.1", "3.4"]
    assert "Ctrl" not in form.widget.children[1].value + str(form.intro)


def test_every_problem_shows_at_once_next_to_its_field(portfolio: Portfolio) -> None:
    form = witness_form(portfolio, name="", statement=" ", date="31/02/2025", criteria=())
    with pytest.raises(ValidationError) as caught:
        form.save()
    fields = {field for field, _ in caught.value.errors}
    assert fields == {"name", "statement", "date", "criteria"}
    for field, message in caught.value.errors:
        assert message in form.errors[field].value.replace("&#x27;", "'")
    assert "4 problems" in form.status.value
    assert portfolio.count() == 0
    # Put right, saved: every message goes.
    fill(form, name="Mark Ellis", statement="Saw it.", date="28/02/2025", criteria=("2.1",))
    form.save()
    assert not any(error.value for error in form.errors.values())


@pytest.mark.parametrize(("values", "field", "phrase"), [
    ({"name": "  "}, "name", ""),
    ({"statement": ""}, "statement", ""),
    ({"date": "14/13/2025"}, "date", "28/11/2026"),
    ({"date": TOMORROW}, "date", "future"),
    ({"criteria": ()}, "criteria", "tick the criteria"),
    ({"relationship": "x" * 201}, "relationship", "under 200"),
])
def test_witness_refuses_bad_input_at_the_field(portfolio: Portfolio, values: dict[str, object],
                                                field: str, phrase: str) -> None:
    assert phrase in refused(witness_form(portfolio, **values), field)


def test_witness_counts_as_supporting_evidence(portfolio: Portfolio) -> None:
    witness_form(portfolio).save()
    rows = {row.id: row for row in coverage(portfolio)}
    assert rows["3.7"].status == "partial"
    assert rows["3.7"].supporting == ("witness testimony: Mark Ellis (2025-10-14)",)
    assert rows["1.1"].supporting == ()


def test_witness_static_html_escapes_what_was_typed(portfolio: Portfolio) -> None:
    form = witness_form(portfolio, statement="<script>alert(1)</script>")
    form.save()
    html = form.static_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "Mark Ellis" in html


# -- professional discussion -----------------------------------------------------------

def discussion_form(portfolio: Portfolio, **values: object) -> DiscussionForm:
    form = DiscussionForm(portfolio)
    fill(form, **{"date": "2025-11-03", "topics": "Shortlisting criteria (AC2.2)",
                  "criteria": ("2.2", "3.4"), "notes": "I explained my weights.",
                  **values})
    return form


def test_discussion_saves_and_reads_back(portfolio: Portfolio) -> None:
    saved = discussion_form(portfolio).save()
    (stored,) = portfolio.all(Discussion)
    assert stored == saved
    assert (stored.date, stored.topics, stored.criteria, stored.notes) == (
        "2025-11-03", "Shortlisting criteria (AC2.2)", ["2.2", "3.4"],
        "I explained my weights.")
    again = DiscussionForm(portfolio)
    again.select(stored.id)
    assert again.fields["topics"].value == stored.topics
    assert "Shortlisting criteria (AC2.2)" in again.static_html()


def test_discussion_can_be_deleted_and_brought_back(portfolio: Portfolio) -> None:
    form = discussion_form(portfolio)
    saved = form.save()
    assert form.delete() == saved
    assert portfolio.all(Discussion) == []
    assert form.undo_delete() == saved
    assert portfolio.all(Discussion) == [saved]


@pytest.mark.parametrize(("values", "field", "phrase"), [
    ({"date": ""}, "date", ""),
    ({"date": "2025-02-30"}, "date", "February 2025 has 28 days"),
    ({"topics": " "}, "topics", ""),
    ({"criteria": ()}, "criteria", "tick the criteria"),
])
def test_discussion_refuses_bad_input_at_the_field(portfolio: Portfolio,
                                                   values: dict[str, object], field: str,
                                                   phrase: str) -> None:
    assert phrase in refused(discussion_form(portfolio, **values), field)


def test_discussion_counts_as_supporting_evidence(portfolio: Portfolio) -> None:
    discussion_form(portfolio).save()
    rows = {row.id: row for row in coverage(portfolio)}
    assert rows["3.4"].supporting == ("professional discussion (2025-11-03)",)
    assert rows["3.4"].status == "partial"


# -- declaration -----------------------------------------------------------------------

def test_declaration_saves_with_typed_name_dated_by_netkit(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    form = DeclarationForm(portfolio)
    assert form.fields["agreed"].value is False
    assert "date" not in form.fields  # netkit dates the declaration: nothing to type
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    fill(form, agreed=True, name="priya  shah")
    saved = form.save()
    assert portfolio.load(Declaration) == saved
    assert (saved.agreed, saved.name, saved.date, saved.statement) == (
        True, "priya  shah", TODAY, DECLARATION)
    assert dt.datetime.fromisoformat(saved.made_at) >= before
    again = DeclarationForm(portfolio)
    assert again.fields["agreed"].value is True
    assert again.fields["name"].value == "priya  shah"
    assert "Name (typed by the learner):</b> priya  shah" in again.static_html()
    assert "(dated by netkit when made)" in again.static_html()


@pytest.mark.parametrize(("values", "field", "phrase"), [
    ({"agreed": False}, "agreed", "tick the box"),
    ({"name": ""}, "name", ""),
    ({"name": "Someone Else"}, "name", "Priya Shah"),
])
def test_declaration_refuses_bad_input_at_the_field(portfolio: Portfolio,
                                                    values: dict[str, object], field: str,
                                                    phrase: str) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    form = DeclarationForm(portfolio)
    fill(form, **{"agreed": True, "name": "Priya Shah", **values})
    assert phrase in refused(form, field)


def test_showing_the_forms_writes_nothing(portfolio: Portfolio) -> None:
    for form in (WitnessForm(portfolio), DiscussionForm(portfolio),
                 DeclarationForm(portfolio)):
        assert "Nothing saved yet" in form.static_html() or "Not yet made" in \
            form.static_html()
    assert portfolio.count() == 0


def test_the_pack_shows_witnesses_discussions_and_declaration(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    witness_form(portfolio, statement="<img src=x onerror=alert(1)>").save()
    discussion_form(portfolio).save()
    form = DeclarationForm(portfolio)
    fill(form, agreed=True, name="Priya Shah")
    form.save()
    pack = evidence_pack(portfolio, {}, date=dt.date(2025, 11, 20), redaction="none")
    assert "Mark Ellis" in pack and "Shortlisting criteria (AC2.2)" in pack
    assert "&lt;img src=x onerror=alert(1)&gt;" in pack and "<img src=x" not in pack
    assert "Name (typed by the learner):</b> Priya Shah" in pack
    assert "witness testimony: Mark Ellis (2025-10-14)" in pack  # in the coverage grid
