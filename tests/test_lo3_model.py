"""Learning outcome 3's records: every problem at once, dates, and rules across records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from netkit import model
from netkit.exceptions import ValidationError
from netkit.lo3 import (
    FIRST_MEETING,
    LO3_RECORDS,
    Action,
    Agreement,
    Interaction,
    Introduction,
    MutualBenefit,
    Offers,
    Promotion,
    Review,
    Support,
)
from netkit.model import RECORD_TYPES, Contact, Need, Network, Record
from netkit.store import Portfolio

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_today", lambda: TODAY)


class Others:
    """A read-only view of saved records, as the store hands to ``Record.check``."""

    def __init__(self, *records: Record) -> None:
        self.records = list(records)

    def all(self, cls: type[Any]) -> list[Any]:
        return [r for r in self.records if isinstance(r, cls)]

    def load(self, cls: type[Any], key: str = "main") -> Any:
        return next((r for r in self.all(cls) if r.key == key), None)


def fields(record: Record) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        record.validate()
    return [name for name, _ in caught.value.errors]


SAM = Contact(name="Sam Whitfield", id="sam")
JO = Contact(name="Jo Pryce", id="jo")
CILT = Network(name="CILT", id="cilt")
NEED = Need(text="Benchmark pick rates", id="n1")


@pytest.mark.parametrize("cls", [c for c in LO3_RECORDS if "date" in {
    f.name for f in dataclasses.fields(c)}], ids=lambda c: c.KIND)
def test_no_lo3_entry_is_dated_in_the_future_or_in_another_shape(cls: type[Record]) -> None:
    for typed, message in (("1 Dec 2026", "is in the future"), ("28th Feb 2025", "28/11/2026")):
        record = cls(date=typed)  # type: ignore[call-arg]
        with pytest.raises(ValidationError) as caught:
            record.validate()
        found = dict(caught.value.errors)
        assert message in found["date"]


def test_every_lo3_kind_is_known_to_the_store() -> None:
    for cls in (MutualBenefit, Interaction, Offers, Promotion, Support, Agreement, Review,
                Action, Introduction):
        assert RECORD_TYPES[cls.KIND] is cls


def test_an_empty_mutual_benefit_names_every_missing_field() -> None:
    assert fields(MutualBenefit()) == ["member", "date", "network", "they_offer", "i_offer"]


def test_dates_are_parsed_to_iso_and_never_in_the_future() -> None:
    entry = MutualBenefit(member="sam", network="cilt", date="14 Oct 2025",
                          they_offer="Survey", i_offer="My pick rates").validate()
    assert entry.date == "2025-10-14"
    late = Interaction(member="sam", network="cilt", date="01/12/2026", summary="Call")
    assert fields(late) == ["date"]


def test_interests_are_tags_without_repeats() -> None:
    entry = MutualBenefit(member="sam", network="cilt", date="2025-10-14",
                          interests=["WMS", "  benchmarking", "wms "], they_offer="x",
                          i_offer="y").validate()
    assert entry.interests == ["WMS", "benchmarking"]


def test_exchanging_details_at_a_first_meeting_does_not_count() -> None:
    first = Interaction(member="sam", network="cilt", date="2025-10-14", kind=FIRST_MEETING,
                        summary="Swapped cards").validate()
    call = Interaction(member="sam", network="cilt", date="2025-10-20", kind="call",
                       summary="Compared pick rates").validate()
    assert (first.counts, call.counts) == (False, True)


def test_mutual_benefit_needs_a_registered_member_saved_needs_and_one_entry_per_member(
        ) -> None:
    entry = MutualBenefit(member="sam", network="cilt", date="2025-10-14",
                          they_offer="x", i_offer="y", serves=["n1", "gone"]).validate()
    assert [f for f, _ in entry.check(Others(SAM, CILT, NEED))] == ["serves"]
    assert [f for f, _ in entry.check(Others(CILT, NEED))] == ["member", "serves"]
    twin = MutualBenefit(member="sam", network="cilt", date="2025-10-14", they_offer="x",
                         i_offer="y", id="other")
    problems = entry.check(Others(SAM, CILT, twin))
    assert ("member" in [f for f, _ in problems]
            and "Sam Whitfield" in " ".join(m for _, m in problems))


def test_promotion_needs_someone_to_promote_to_and_a_channel() -> None:
    assert fields(Promotion(date="2025-10-14", network="cilt", what="Talk",
                            channel="fax")) == ["people", "channel"]
    ok = Promotion(date="2025-10-14", network="cilt", audience="40 members", what="Talk",
                   channel="talk", offers=["WMS know-how"]).validate()
    assert [f for f, _ in ok.check(Others(CILT, Offers(items=["Other"])))] == ["offers"]
    assert ok.check(Others(CILT, Offers(items=["WMS know-how"]))) == []


def test_offers_are_one_a_line() -> None:
    typed: Any = "WMS go-live lessons\n\n  Peak staffing plans "
    assert Offers(items=typed).validate().items == ["WMS go-live lessons",
                                                   "Peak staffing plans"]
    assert fields(Offers(items=[" "])) == ["items"]


def test_support_goes_to_a_31_member_and_names_the_agreement_it_was_checked_against(
        ) -> None:
    support = Support(member="jo", network="cilt", date="2025-11-01", given="Rota template",
                      checked=True)
    assert fields(support) == ["agreement"]
    support.agreement = "agr"
    support.validate()
    problems = support.check(Others(JO, CILT))
    assert [f for f, _ in problems] == ["member", "agreement"]
    benefit = MutualBenefit(member="jo", network="cilt", date="2025-10-14", they_offer="x",
                            i_offer="y")
    agreement = Agreement(id="agr")
    assert support.check(Others(JO, CILT, benefit, agreement)) == []


def test_an_agreement_names_every_missing_part_at_once() -> None:
    assert fields(Agreement()) == ["title", "date", "network", "members", "may_share",
                                   "may_not", "legal_basis"]


def agreement(**changes: Any) -> Agreement:
    data: dict[str, Any] = {
        "title": "Benchmarking", "network": "cilt", "date": "2025-10-20", "members": ["sam"],
        "may_share": ["Pick rates", "Absence rates"], "may_not": ["Client names"],
        "legal_basis": "UK GDPR"}
    data.update(changes)
    return Agreement(**data)


def test_agreement_dates_review_may_lie_ahead_agreement_may_not() -> None:
    ok = agreement(review_date="20 Oct 2027", learner_agreed="21/10/2025",
                   members_agreed="22/10/2025", confirmation="Sam's e-mail").validate()
    assert (ok.review_date, ok.members_agreed, ok.confirmed) == ("2027-10-20",
                                                                "2025-10-22", True)
    assert ok.may_share == ["Pick rates", "Absence rates"]
    assert fields(agreement(learner_agreed="2027-01-01", review_date="2025-01-01",
                            confirmation="an e-mail")) == ["learner_agreed",
                                                           "members_agreed", "review_date"]


def test_an_agreement_is_confirmed_only_with_the_other_partys_confirmation() -> None:
    draft = agreement(learner_agreed="2025-10-21").validate()
    assert not draft.confirmed
    assert draft.missing_guidelines == ["Channels", "Anonymising",
                                        "Permission before passing anything on",
                                        "Attribution", "Storage", "Response times"]


def test_an_action_is_overdue_when_not_done_by_its_due_date() -> None:
    action = Action(date="2025-11-01", network="cilt", action="attend", detail="Branch AGM",
                    due="2025-12-01").validate()
    assert action.overdue()
    action.done = "2025-11-30"
    assert not action.validate().overdue()
    assert not Action(date="2026-11-01", network="cilt", detail="x",
                      due="2027-01-01").validate().overdue()
    assert fields(Action(date="2025-11-01", network="cilt", detail="x", action="quit",
                         due="2025-10-01")) == ["action", "due"]


def test_a_review_looks_ahead_to_the_next() -> None:
    assert fields(Review(date="2025-11-01", findings="", next_review="2025-10-01")) == [
        "findings", "next_review"]
    review = Review(date="2025-11-01", findings="WMS need is met", needs=["n1", "gone"],
                    next_review="2026-05-01").validate()
    assert [f for f, _ in review.check(Others(NEED))] == ["needs"]


def test_an_introduction_needs_two_different_people_and_both_consents() -> None:
    assert fields(Introduction(date="2025-11-01", network="cilt", person="sam", to="sam",
                               interest="WMS", consent_person=True)) == ["to", "consent"]
    intro = Introduction(date="2025-11-01", network="cilt", person="sam", to="jo",
                         interest="WMS", consent_person=True, consent_to=True).validate()
    assert intro.check(Others(SAM, JO, CILT)) == []
    assert [f for f, _ in intro.check(Others(SAM, CILT))] == ["to"]


def test_records_round_trip_through_the_store(portfolio: Portfolio) -> None:
    portfolio.save_many([SAM, JO, CILT, NEED])
    saved = portfolio.save(agreement(members_agreed="2025-10-22", confirmation="e-mail"))
    back = portfolio.load(Agreement, saved.key)
    assert back == saved
    with pytest.raises(ValidationError) as caught:
        portfolio.save(Introduction(date="2025-11-01", network="cilt", person="sam",
                                    to="nobody", interest="x", consent_person=True,
                                    consent_to=True))
    assert caught.value.field == "to"
    assert portfolio.all(Introduction) == []


def test_forgetting_a_member_leaves_every_lo3_record_valid(portfolio: Portfolio) -> None:
    from netkit.cli import load_example

    load_example(portfolio)
    portfolio.forget("contact", "con-hughes")
    assert [a.members for a in portfolio.all(Agreement)] == [["con-whitfield"]]
    assert {s.id: s.checked for s in portfolio.all(Support)} == {"sup-whitfield": True}
    assert [i.id for i in portfolio.all(Introduction)] == ["intro-fenwick"]
    portfolio.forget("contact", "con-whitfield")
    assert portfolio.all(Agreement) == [] and portfolio.all(Support) == []
    talk = portfolio.load(Promotion, "pro-talk")
    assert talk is not None and talk.people == [] and talk.audience
    # Every LO3 record left meets every rule, so the portfolio still loads from its dump.
    for cls in LO3_RECORDS:
        for record in portfolio.all(cls):
            record.validate()
            assert record.check(portfolio) == [], (cls.KIND, record.key)


def test_erasing_an_agreement_leaves_support_unchecked_not_gone() -> None:
    support = Support(member="sam", network="cilt", date="2025-11-01", given="x",
                      agreement="agr", checked=True)
    kept = support.without_reference("agreement", "agr")
    assert kept is not None and (kept.agreement, kept.checked) == ("", False)
    assert support.without_reference("contact", "sam") is None


def test_every_person_an_entry_names_must_be_in_the_register() -> None:
    promotion = Promotion(date="2025-10-14", network="cilt", people=["sam", "jo"],
                          what="Talk").validate()
    assert [f for f, _ in promotion.check(Others(SAM, CILT))] == ["people"]
    agreement = Agreement(network="cilt", members=["sam", "jo", "gone"])
    assert [f for f, _ in agreement.check(Others(SAM, CILT))] == ["members", "members"]
    assert agreement.check(Others(SAM, JO, Contact(name="Al Gone", id="gone"), CILT)) == []
    action = Action(network="gone")  # names no one: only its network is checked
    assert [f for f, _ in action.check(Others(CILT))] == ["network"]
