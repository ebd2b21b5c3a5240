"""The declaration of authenticity: dated by netkit when made; "renew it" once evidence
changes after it, in notebook 04's form, ``netkit status`` (text and JSON) and the pack."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit.cli import load_example
from netkit.declaration import RENEW, declaration_standing, declare
from netkit.exceptions import ValidationError
from netkit.model import Contact, Declaration, Discussion, Learner, Witness
from netkit.pack import evidence_pack
from netkit.store import Portfolio
from netkit.widgets import DeclarationForm

Run = Any  # conftest.Run: code, out, err

TODAY = dt.date.today().isoformat()


def witness(**values: object) -> Witness:
    data: dict[str, object] = {"id": "w1", "name": "Mark Ellis", "role": "Director",
                               "statement": "Priya introduced our IT manager to a peer.",
                               "date": "2025-10-14", "criteria": ["3.7"], **values}
    return Witness(**data)  # type: ignore[arg-type]


def an_hour_ago(portfolio: Portfolio) -> None:
    """Move everything saved so far an hour back (as if saved then), through a dump."""
    data = portfolio.dump()
    for entry in (*data["records"], *data["history"]):
        for name in ("created_at", "updated_at", "at"):
            if name in entry:
                moment = dt.datetime.fromisoformat(entry[name]) - dt.timedelta(hours=1)
                entry[name] = moment.isoformat()
    portfolio.load_dump(data, replace=True)


@pytest.fixture
def declared(portfolio: Portfolio) -> Portfolio:
    """Priya's portfolio: a testimony, then the declaration, both an hour ago."""
    portfolio.save(Learner(name="Priya Shah"))
    portfolio.save(witness())
    declare(portfolio, "Priya Shah")
    an_hour_ago(portfolio)
    return portfolio


def test_the_declaration_is_dated_by_netkit_when_made(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    saved = declare(portfolio, "Priya Shah")
    after = dt.datetime.now(dt.timezone.utc)
    assert portfolio.load(Declaration) == saved
    assert saved.date == TODAY
    assert before <= dt.datetime.fromisoformat(saved.made_at) <= after


def test_the_form_has_no_date_to_type_and_shows_when_it_was_made(portfolio: Portfolio
                                                                 ) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    form = DeclarationForm(portfolio)
    assert set(form.fields) == {"agreed", "name"}
    form.fields["agreed"].value = True
    form.fields["name"].value = "Priya Shah"
    saved = form.save()
    assert isinstance(saved, Declaration) and saved.made_at and saved.date == TODAY
    assert "no evidence changed since" in form.standing.value


def test_a_made_at_netkit_did_not_write_is_refused() -> None:
    declaration = Declaration(agreed=True, name="Priya Shah", date="2025-11-01",
                              made_at="yesterday at noon")
    with pytest.raises(ValidationError) as caught:
        declaration.validate()
    assert caught.value.field == "made_at"


def test_evidence_changed_after_the_declaration_asks_to_renew_it(declared: Portfolio
                                                                  ) -> None:
    assert not declaration_standing(declared).stale
    declared.save(witness(statement="Priya also chaired the forum in March."))
    standing = declaration_standing(declared)
    assert standing.stale and standing.changed == 1
    assert RENEW in standing.line()
    declare(declared, "Priya Shah")  # made again: up to date
    assert not declaration_standing(declared).stale


def test_new_evidence_after_the_declaration_counts_as_a_change(declared: Portfolio) -> None:
    declared.save(Discussion(date="2025-11-03", topics="Shortlisting", criteria=["2.2"]))
    declared.save(witness(id="w2", name="Dana Lee"))
    assert declaration_standing(declared).changed == 2


def test_records_saved_with_the_declaration_are_not_changes_after_it(portfolio: Portfolio
                                                                    ) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    portfolio.save_many([Declaration.made_now("Priya Shah"), witness()])  # one go
    assert not declaration_standing(portfolio).stale


def test_details_contacts_and_unchanged_saves_are_not_changes_to_evidence(
        declared: Portfolio) -> None:
    declared.save(Learner(name="Priya Shah", centre="Leeds College"))
    declared.save(Contact(name="Sam Patel"))
    declared.save(witness())  # the same testimony again: nothing is written
    assert not declaration_standing(declared).stale


def test_status_says_renew_it_in_text_and_json(declared: Portfolio,
                                               run_cli: Callable[..., Run]) -> None:
    fresh = run_cli("status")
    assert fresh.code == 0 and "no evidence changed since" in " ".join(fresh.out.split())
    declared.save(witness(statement="Changed after the declaration."))
    text = run_cli("status")
    assert text.code == 0 and RENEW in " ".join(text.out.split())
    data = json.loads(run_cli("status", "--json").out)
    assert {"criteria", "summary", "learner", "prompts"} <= set(data)  # extended only
    assert data["declaration"]["made"] is True
    assert data["declaration"]["stale"] is True and data["declaration"]["changed"] == 1
    assert RENEW in data["declaration"]["line"]


def test_status_without_a_declaration_says_so(portfolio: Portfolio,
                                              run_cli: Callable[..., Run]) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    assert "not yet made" in run_cli("status").out
    data = json.loads(run_cli("status", "--json").out)
    assert data["declaration"]["made"] is False and data["declaration"]["stale"] is False


def test_the_pack_marks_a_declaration_made_before_the_latest_changes(
        declared: Portfolio) -> None:
    def pack() -> str:
        return evidence_pack(declared, {}, date=dt.date(2026, 11, 30), redaction="none")

    assert "renew it" not in pack()
    assert "(dated by netkit when made)" in pack()
    declared.save(witness(statement="Changed after the declaration."))
    assert "Made before the latest changes: renew it." in pack()


def test_the_standing_survives_a_dump_and_load(declared: Portfolio, tmp_path: Path) -> None:
    declared.save(witness(statement="Changed after the declaration."))

    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        copy.load_dump(declared.dump())
        assert declaration_standing(copy).stale  # the export's copy says the same


def test_the_example_learner_has_an_up_to_date_declaration(portfolio: Portfolio) -> None:
    load_example(portfolio)
    standing = declaration_standing(portfolio)
    assert standing.made and not standing.stale
