"""The records' rules: every problem reported at once, dates, and rules across records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pytest

from netkit import model
from netkit.exceptions import ValidationError
from netkit.model import (
    Assessment,
    AssessmentItem,
    Contact,
    Declaration,
    Discussion,
    Learner,
    Network,
    Record,
    Scores,
    Shortlist,
    ShortlistCriterion,
    Witness,
    parse_date,
    same_name,
)

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules about the future are checked against a fixed today."""
    monkeypatch.setattr(model, "_today", lambda: TODAY)


class Others:
    """A read-only view of saved records, as the store hands to ``Record.check``."""

    def __init__(self, *records: Record) -> None:
        self.records = list(records)

    def all(self, cls: type[Any]) -> list[Any]:
        return [r for r in self.records if isinstance(r, cls)]

    def load(self, cls: type[Any], key: str = "main") -> Any:
        return next((r for r in self.all(cls) if r.key == key), None)


def problems(record: Record) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        record.validate()
    return caught.value.errors


def fields(record: Record) -> list[str]:
    return [name for name, _ in problems(record)]


# -- every problem at once -------------------------------------------------------------

def test_validate_reports_every_field_at_fault_at_once() -> None:
    network = Network(name="  ", kind="pub quiz", yearly_cost=-5, hours_per_month="lots",
                      benefits=[{"text": "ok", "serves": []}, {"text": "", "serves": []}])
    found = problems(network)
    assert [name for name, _ in found] == ["name", "kind", "yearly_cost", "hours_per_month",
                                           "benefits[1]"]
    assert "cannot be empty" in found[0][1]
    assert "pub quiz" in found[1][1]
    assert "below 0" in found[2][1]
    assert "'lots'" in found[3][1]


def test_the_error_keeps_the_first_problem_as_field_and_message() -> None:
    with pytest.raises(ValidationError) as caught:
        Witness(name="", statement="", date="yesterday").validate()
    error = caught.value
    assert (error.field, error.message) == error.errors[0]
    assert [f for f, _ in error.errors] == ["name", "statement", "date"]
    assert "name: this cannot be empty." in str(error)


def test_a_valid_record_is_normalised_and_returned() -> None:
    network = Network(name="  CILT   UK ", yearly_cost="245", hours_per_month=4)
    assert network.validate() is network
    assert network.name == "CILT   UK"
    assert network.yearly_cost == 245.0


# -- dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["28/11/2026", "28 Nov 2026", "28 November 2026",
                                   "2026-11-28", " 28  nov 2026 ", "28 NOVEMBER 2026",
                                   "28 Nov. 2026"])
def test_dates_are_accepted_in_the_shapes_a_uk_learner_types(typed: str) -> None:
    witness = Witness(name="Mark Ellis", statement="Saw it.", date=typed)
    witness.validate()
    assert witness.date == "2026-11-28"  # stored ISO


def test_short_day_and_month_are_read_day_first() -> None:
    assert parse_date("3/2/2026") == dt.date(2026, 2, 3)


@pytest.mark.parametrize("typed", ["2026/11/28", "28th November 2026",
                                   "Nov 28 2026", "28 Novembre 2026", "soon"])
def test_other_date_shapes_are_refused_with_the_accepted_shapes(typed: str) -> None:
    found = problems(Discussion(date=typed, topics="Shortlist"))
    assert found[0][0] == "date"
    message = found[0][1]
    for shape in ("28/11/2026", "28 Nov 2026", "28 November 2026", "2026-11-28"):
        assert shape in message
    assert repr(typed) in message


@pytest.mark.parametrize(("typed", "says"), [
    ("31/02/2026", "February 2026 has 28 days (got '31/02/2026')."),
    ("29 Feb 2025", "February 2025 has 28 days (got '29 Feb 2025')."),
    ("31 June 2026", "June 2026 has 30 days (got '31 June 2026')."),
    ("2026-02-30", "February 2026 has 28 days (got '2026-02-30')."),
    ("0/5/2026", "there is no day 0 in a month (got '0/5/2026')."),
    ("11/28/2026", "there is no month 28: write the day first, then the month, as "
                   "28/11/2026 (got '11/28/2026')."),
])
def test_a_day_the_calendar_does_not_have_is_named_not_blamed_on_the_shape(
        typed: str, says: str) -> None:
    """A learner who typed 31/02/2026 wrote the right shape: the message says which
    part is wrong (not "write the date as 28/11/2026", which they did)."""
    assert problems(Discussion(date=typed, topics="Shortlist")) == [("date", says)]
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)  # a leap day is a day


@pytest.mark.parametrize("cls", [Witness, Discussion, Declaration])
def test_no_date_in_the_future(cls: type[Record]) -> None:
    kinds: dict[type[Record], dict[str, Any]] = {
        Witness: {"name": "W", "statement": "S"},
        Discussion: {"topics": "T"},
        Declaration: {"agreed": True, "name": "Priya Shah"},
    }
    tomorrow = cls(**kinds[cls], date="1 Dec 2026")  # type: ignore[call-arg]
    found = problems(tomorrow)
    assert found == [("date", "01 Dec 2026 is in the future: use the date it happened "
                              "(today or earlier).")]
    today = cls(**kinds[cls], date="30/11/2026")  # type: ignore[call-arg]
    today.validate()
    assert today.date == "2026-11-30"  # type: ignore[attr-defined]


def test_every_date_field_of_every_record_is_checked() -> None:
    # A new record kind with a date must use the same rule: find them all by their fields.
    dated = [cls for cls in model.RECORD_TYPES.values()
             if "date" in {f.name for f in dataclasses.fields(cls)}]
    # Learning outcome 3's kinds: tests/test_lo3_model.py checks their dates.
    from netkit.lo3 import LO3_RECORDS

    lo3 = {cls for cls in LO3_RECORDS if "date" in {f.name for f in dataclasses.fields(cls)}}
    # Attachments: tests/test_attachments.py checks their dates.
    from netkit.attachments import Attachment

    assert set(dated) - {Attachment} == {Witness, Discussion, Declaration, *lo3}


# -- the rules named in issue 8 --------------------------------------------------------

def test_assessment_needs_criteria_used_judgement_and_justification() -> None:
    assessment = Assessment(network="net-a", items=[AssessmentItem(text="Fee", impact=3)])
    assert fields(assessment) == ["criteria_used", "judgement", "justification"]
    assessment = Assessment(network="net-a", criteria_used="Cost, fit", judgement="maybe",
                            justification="Because")
    assert fields(assessment) == ["judgement"]
    assessment.judgement = "join"
    assessment.validate()


def test_assessment_items_rated_in_whole_numbers_1_to_5() -> None:
    assessment = Assessment(network="n", criteria_used="c", judgement="join",
                            justification="j",
                            items=[AssessmentItem(text="a", impact=0),
                                   AssessmentItem(text="b", impact=2.5),
                                   AssessmentItem(text="c", impact="4")])
    assert fields(assessment) == ["items[0].impact", "items[1].impact"]
    assert assessment.items[2].impact == 4


def test_scores_within_1_to_5_whole_every_one_reported() -> None:
    scores = Scores(grid={"net-a": {"cost": 0, "fit": 3.5, "reach": "5"},
                          "net-b": {"cost": 6, "fit": float("nan")}})
    assert fields(scores) == ["score[net-a][cost]", "score[net-a][fit]",
                              "score[net-b][cost]", "score[net-b][fit]"]
    assert scores.grid["net-a"]["reach"] == 5


@pytest.mark.parametrize("weight", [-1, math.inf, math.nan, "heavy"])
def test_weights_are_finite_and_not_negative(weight: Any) -> None:
    assert fields(ShortlistCriterion(name="Cost", weight=weight)) == ["weight"]


def test_weight_zero_is_allowed() -> None:
    criterion = ShortlistCriterion(name="Cost", weight="0")
    criterion.validate()
    assert criterion.weight == 0.0


def test_declaration_problems_all_at_once() -> None:
    declaration = Declaration(agreed=False, name="", date="")
    assert fields(declaration) == ["agreed", "name", "date"]


def test_contact_problems_all_at_once() -> None:
    contact = Contact(name="Sam", email="not-an-email", phone="ring me",
                      profile_url="linkedin.com/in/sam")
    assert fields(contact) == ["email", "phone", "profile_url"]


# -- rules across records: Record.check(others) ----------------------------------------

def test_network_names_are_unique_ignoring_case_and_spaces() -> None:
    saved = Network(id="w1", name="CILT UK")
    assert same_name("  cilt   uk") == same_name("CILT UK")
    twin = Network(id="w2", name="  cilt   uk ")
    found = twin.check(Others(saved, twin))
    assert found[0][0] == "name" and "'CILT UK'" in found[0][1]
    assert saved.check(Others(saved)) == []  # a record is not its own duplicate
    assert Network(id="w3", name="CILT Yorkshire").check(Others(saved)) == []


def test_shortlisting_criterion_names_are_unique_ignoring_case_and_spaces() -> None:
    saved = ShortlistCriterion(id="c1", name="Fit with needs")
    twin = ShortlistCriterion(id="c2", name=" fit  WITH needs")
    found = twin.check(Others(saved, twin))
    assert found[0][0] == "name" and "'Fit with needs'" in found[0][1]
    assert saved.check(Others(saved)) == []
    assert ShortlistCriterion(id="c3", name="Cost").check(Others(saved)) == []


def test_declaration_is_named_as_the_learner() -> None:
    learner = Learner(name="Priya Shah")
    signed = Declaration(agreed=True, name=" priya  SHAH ", date="2026-11-01")
    assert signed.check(Others(learner)) == []
    other = Declaration(agreed=True, name="P. Shah", date="2026-11-01")
    found = other.check(Others(learner))
    assert found[0][0] == "name" and "'Priya Shah'" in found[0][1]
    assert other.check(Others())[0][0] == "name"  # no learner saved: say so


def test_renaming_the_learner_away_from_a_declaration_is_refused() -> None:
    declaration = Declaration(agreed=True, name="Priya Shah", date="2026-11-01")
    renamed = Learner(name="Priya Patel")
    found = renamed.check(Others(declaration))
    assert found[0][0] == "name" and "delete the declaration first" in found[0][1]
    assert Learner(name="PRIYA SHAH").check(Others(declaration)) == []


def test_an_assessed_network_must_be_on_the_shortlist() -> None:
    network = Network(id="net-a", name="CILT")
    assessment = Assessment(network="net-a", criteria_used="c", judgement="join",
                            justification="j")
    found = assessment.check(Others(network))  # no shortlist saved at all
    assert found[0][0] == "network" and "'CILT' is not on your saved shortlist" in found[0][1]
    assert assessment.check(Others(network, Shortlist(networks=["net-b"])))[0][0] == "network"
    assert assessment.check(Others(network, Shortlist(networks=["net-a"]))) == []


def test_the_shortlist_keeps_the_networks_already_assessed() -> None:
    assessment = Assessment(network="net-a", criteria_used="c", judgement="join",
                            justification="j")
    shortlist = Shortlist(networks=["net-b"])
    found = shortlist.check(Others(Network(id="net-a", name="CILT"), assessment))
    assert found[0][0] == "networks" and "'CILT'" in found[0][1]
    assert Shortlist(networks=["net-a", "net-b"]).check(Others(assessment)) == []


# -- the contacts register -----------------------------------------------------------------

def test_a_contact_saved_before_the_register_grew_still_loads() -> None:
    old = {"id": "c1", "name": "Sam", "organisation": "CILT", "role": "", "email": "",
           "phone": "", "profile_url": "", "notes": "n", "confidential": False}
    contact = Contact.from_dict(old).validate()
    assert (contact.networks, contact.met_on, contact.interests) == ([], "", [])
    assert {k: v for k, v in contact.to_dict().items() if k in old} == old
    assert contact.to_dict() == dataclasses.asdict(contact)


def test_contact_register_fields_normalised_and_every_problem_at_once() -> None:
    contact = Contact(name="Sam", networks="CILT; Chamber,  CILT", interests=[
        "WMS", " wms ", "benchmarking"], met_on="14 Oct 2025", last_contact="3/11/2025",
        other_emails="a@example.org, b@example.org").validate()
    assert contact.networks == ["CILT", "Chamber"]
    assert contact.interests == ["WMS", "benchmarking"]  # repeats ignoring case go
    assert (contact.met_on, contact.last_contact) == ("2025-10-14", "2025-11-03")
    assert contact.other_emails == ["a@example.org", "b@example.org"]
    bad = Contact(name="", met_on="31/02/2025", last_contact="1 Jan 2020",
                  other_emails=["ok@example.org", "nope"], other_phones=["ring me"],
                  interests=["x" * 101])
    assert fields(bad) == ["name", "met_on", "interests", "other_emails[1]",
                           "other_phones[0]"]
    early = Contact(name="Sam", met_on="2025-10-14", last_contact="2025-10-01")
    assert problems(early) == [("last_contact", "2025-10-01 is before you met "
                                                "(2025-10-14): correct one of the dates.")]
