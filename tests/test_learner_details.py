"""The learner's optional centre, awarding organisation, qualification and registration
number: the details form (notebook 00), ``netkit init`` and the pack's cover sheet."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from netkit.exceptions import ValidationError
from netkit.model import Learner
from netkit.pack import evidence_pack
from netkit.store import Portfolio
from netkit.widgets import LearnerForm

Run = Any  # conftest.Run: code, out, err
DETAILS = {"centre": "Leeds College of Management",
           "awarding_organisation": "Skills CFA Awards",
           "qualification": "Level 4 Diploma in Management and Leadership",
           "registration_number": "LCM-2026-0142"}


def test_the_form_saves_and_reads_back_the_optional_details(portfolio: Portfolio) -> None:
    form = LearnerForm(portfolio)
    form.fields["name"].value = "Priya Shah"
    for name, value in DETAILS.items():
        form.fields[name].value = value
    form.save()
    saved = portfolio.load(Learner)
    assert saved is not None and {k: getattr(saved, k) for k in DETAILS} == DETAILS
    again = LearnerForm(portfolio)
    assert again.fields["registration_number"].value == "LCM-2026-0142"
    assert "Skills CFA Awards" in again.static_html()


def test_they_are_optional_and_kept_short() -> None:
    Learner(name="Priya Shah").validate()  # none given: fine
    with pytest.raises(ValidationError) as caught:
        Learner(name="Priya Shah", centre="x" * 201).validate()
    assert caught.value.field == "centre"


def test_the_cover_sheet_shows_them(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah", **DETAILS))
    pack = evidence_pack(portfolio, {}, date=dt.date(2026, 11, 30), redaction="none")
    cover = pack[pack.index('<section class="nk-cover">'):pack.index("</section>")]
    for label, name in (("Centre", "centre"), ("Awarding organisation",
                                               "awarding_organisation"),
                        ("Qualification", "qualification"),
                        ("Learner registration number", "registration_number")):
        assert f"<tr><th>{label}</th><td>{DETAILS[name]}</td></tr>" in cover


def test_init_sets_them_and_status_json_carries_them(run_cli: Callable[..., Run]) -> None:
    run = run_cli("init", "--learner", "Priya Shah", "--centre", DETAILS["centre"],
                  "--registration-number", DETAILS["registration_number"])
    assert run.code == 0, run.err
    learner = json.loads(run_cli("status", "--json").out)["learner"]
    assert learner["centre"] == DETAILS["centre"]
    assert learner["registration_number"] == DETAILS["registration_number"]
    assert learner["qualification"] == ""
