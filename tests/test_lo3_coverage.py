"""Criteria 3.1-3.7 counted against the unit's minimums, and the data LO3's charts read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from netkit.coverage import COUNTED_KINDS, coverage, standing, status_json
from netkit.lo3 import (
    FIRST_MEETING,
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
from netkit.lo3_coverage import (
    ego_data,
    initials,
    reciprocity_data,
    suggested_introductions,
)
from netkit.model import Contact, Need, Network
from netkit.store import Portfolio

GUIDES = {"channels": "Teams chat", "anonymising": "No client names",
          "permission": "Ask first", "attribution": "Credit the source",
          "storage": "Shared folder, deleted after a year", "response_times": "A week"}


@pytest.fixture
def people(portfolio: Portfolio) -> Portfolio:
    portfolio.save_many([
        Contact(name="Sam Whitfield", id="sam"), Contact(name="Jo Pryce", id="jo"),
        Contact(name="Ravi Patel", id="ravi"), Network(name="CILT", id="cilt"),
        Network(name="Chamber", id="chamber"), Need(text="Benchmarks", id="n1")])
    return portfolio


def mutual(member: str, **changes: Any) -> MutualBenefit:
    data: dict[str, Any] = {"member": member, "network": "cilt", "date": "2025-10-14",
                            "they_offer": "Survey", "i_offer": "Rates", "serves": ["n1"]}
    data.update(changes)
    return MutualBenefit(**data)


def talk(member: str, date: str, kind: str = "call") -> Interaction:
    return Interaction(member=member, network="cilt", date=date, kind=kind, summary="x")


def test_a_member_counts_with_two_dated_interactions_beyond_a_first_meeting(
        people: Portfolio) -> None:
    people.save_many([mutual("sam"), mutual("jo"), talk("sam", "2025-10-14", FIRST_MEETING),
                      talk("sam", "2025-10-20"), talk("jo", "2025-10-20"),
                      talk("jo", "2025-11-02", "meeting")])
    row = standing(people, "3.1")
    assert (row.status, row.count, row.minimum, row.evidence) == ("partial", 1, 2,
                                                                  ("Jo Pryce",))
    assert "log 1 more dated interaction with Sam Whitfield" in row.next
    assert "exchanging details at a first meeting does not count" in row.next
    people.save(talk("sam", "2025-11-05", "e-mail or message"))
    assert standing(people, "3.1").status == "met"


def test_a_member_whose_offer_serves_no_need_does_not_count(people: Portfolio) -> None:
    people.save_many([mutual("sam", serves=[]), talk("sam", "2025-10-20"),
                      talk("sam", "2025-10-21")])
    row = standing(people, "3.1")
    assert row.count == 0 and "tie what Sam Whitfield can offer" in row.next


def test_promotions_count_once_the_offers_are_listed(people: Portfolio) -> None:
    people.save(Promotion(date="2025-10-20", network="cilt", people=["sam"], channel="talk",
                          what="WMS lessons"))
    assert standing(people, "3.2").count == 0
    people.save(Offers(items=["WMS lessons"]))
    row = standing(people, "3.2")
    assert (row.status, row.count) == ("met", 1)
    assert "record the response" in row.next


def agreement(**changes: Any) -> Agreement:
    data: dict[str, Any] = {"title": "Benchmarking with Sam", "network": "cilt",
                            "date": "2025-10-20", "members": ["sam"],
                            "may_share": ["Pick rates"], "may_not": ["Client names"],
                            "legal_basis": "UK GDPR", "id": "agr"}
    data.update(changes)
    return Agreement(**data)


def test_34_and_35_count_only_with_the_other_partys_confirmation_and_an_exchange(
        people: Portfolio) -> None:
    people.save_many([mutual("sam"), agreement(learner_agreed="2025-10-21", **GUIDES)])
    assert [standing(people, c).count for c in ("3.4", "3.5")] == [0, 0]
    assert "the other party's confirmation" in standing(people, "3.4").next
    people.save(agreement(learner_agreed="2025-10-21", members_agreed="2025-10-22",
                          confirmation="Sam's e-mail of 22 Oct 2025", **GUIDES))
    assert [standing(people, c).count for c in ("3.4", "3.5")] == [1, 0]
    assert "one exchange logged under it" in standing(people, "3.5").next
    unchecked = Support(member="sam", network="cilt", date="2025-11-01", given="Rota",
                        agreement="agr", id="s1")
    people.save(unchecked)
    assert standing(people, "3.3").count == 0
    assert "check what you gave Sam Whitfield" in standing(people, "3.3").next
    unchecked.checked = True
    people.save(unchecked)
    assert [standing(people, c).count for c in ("3.3", "3.4", "3.5")] == [1, 1, 1]


def test_35_needs_every_exchange_guideline(people: Portfolio) -> None:
    gaps = dict(GUIDES, storage="")
    people.save_many([mutual("sam"), agreement(learner_agreed="2025-10-21",
                                               members_agreed="2025-10-22",
                                               confirmation="minutes", **gaps),
                      Support(member="sam", network="cilt", date="2025-11-01", given="x",
                              agreement="agr", checked=True)])
    row = standing(people, "3.5")
    assert row.count == 0 and "guidelines on storage" in row.next


def test_actions_count_when_done_after_a_review_and_overdue_ones_are_named(
        people: Portfolio) -> None:
    done = Action(date="2025-11-01", network="cilt", action="join", detail="Join CILT",
                  done="2025-11-10", evidence="Welcome e-mail")
    late = Action(date="2025-11-01", network="chamber", action="attend",
                  detail="Chamber breakfast", due="2025-12-01")
    people.save_many([done, late])
    assert standing(people, "3.6").count == 0
    assert "record a dated review" in standing(people, "3.6").next
    people.save(Review(date="2025-11-01", findings="Peak staffing is now urgent",
                       needs=["n1"]))
    row = standing(people, "3.6")
    assert (row.count, row.status) == (1, "met")
    assert "1 action overdue: Chamber breakfast" in row.next


def intro(person: str, to: str, kind: str) -> Introduction:
    return Introduction(date="2025-11-01", network="cilt", person=person, to=to, kind=kind,
                        interest="WMS", consent_person=True, consent_to=True)


def test_two_introductions_meet_37_and_both_kinds_are_asked_for(people: Portfolio) -> None:
    people.save(intro("sam", "jo", "within a network"))
    row = standing(people, "3.7")
    assert (row.count, row.status) == (1, "partial")
    assert "make one introduction into a network as well" in row.next
    people.save(intro("ravi", "sam", "into a network"))
    row = standing(people, "3.7")
    assert (row.count, row.status, row.next) == (2, "met", "")
    assert row.evidence == ("Sam Whitfield to Jo Pryce", "Ravi Patel to Sam Whitfield")


def test_status_json_reports_lo3_with_the_same_keys(people: Portfolio) -> None:
    doc = status_json(people)
    lo3 = [c for c in doc["criteria"] if c["id"].startswith("3.")]
    assert [c["id"] for c in lo3] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"]
    assert {"id", "status", "count", "minimum", "next", "evidence"} <= set(lo3[0])
    assert all("coming in a later release" not in c["next"] for c in lo3)
    assert [r.id for r in coverage(people)][-7:] == [c["id"] for c in lo3]


def test_every_lo3_counter_reads_only_the_kinds_it_declares(
        people: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    from netkit import coverage as cov

    read: list[str] = []
    real_all: Callable[..., Any] = Portfolio.all
    real_load: Callable[..., Any] = Portfolio.load

    def all_(self: Portfolio, cls: Any) -> Any:
        read.append(cls.KIND)
        return real_all(self, cls)

    def load(self: Portfolio, cls: Any, key: str = "main") -> Any:
        read.append(cls.KIND)
        return real_load(self, cls, key)

    monkeypatch.setattr(Portfolio, "all", all_)
    monkeypatch.setattr(Portfolio, "load", load)
    for cid in ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"):
        read.clear()
        cov.COUNTERS[cid](people)
        assert set(read) <= set(COUNTED_KINDS[cid]), cid


def test_cli_status_says_what_lo3_still_needs(run_cli: Callable[..., Any]) -> None:
    assert run_cli("init", "--learner", "Ada").code == 0
    found = run_cli("status")
    assert found.code == 0
    line = next(x for x in found.out.splitlines() if x.startswith("3.1"))
    assert "0 of 2 members for mutual benefit" in line
    assert "03-maintain-networks" in line


def test_reciprocity_counts_given_and_received_per_member(people: Portfolio) -> None:
    people.save_many([mutual("sam"), mutual("jo"),
                      Support(member="sam", network="cilt", date="2025-11-01", given="a",
                              gained="Survey results"),
                      Support(member="sam", network="cilt", date="2025-11-02", given="b")])
    assert [(r.name, r.given, r.received) for r in reciprocity_data(people)] == [
        ("Sam Whitfield", 2, 1), ("Jo Pryce", 0, 0)]


def test_suggestions_rank_complementary_over_shared_and_skip_pairs_introduced(
        people: Portfolio) -> None:
    people.save_many([
        mutual("sam", interests=["WMS", "benchmarking"], looking_for=["agency staff"]),
        mutual("jo", interests=["Agency staff"], looking_for=["wms"]),
        mutual("ravi", interests=["benchmarking"])])
    found = suggested_introductions(people)
    assert [s.names for s in found] == [("Jo Pryce", "Sam Whitfield"),
                                        ("Ravi Patel", "Sam Whitfield")]
    assert found[0].shared == () and len(found[0].complementary) == 2
    assert found[1].shared == ("benchmarking",)
    assert found[0].score > found[1].score
    people.save(intro("sam", "jo", "within a network"))
    assert [s.names for s in suggested_introductions(people)] == [("Ravi Patel",
                                                                   "Sam Whitfield")]


def _every_pair(p: Portfolio) -> list[tuple[tuple[str, str], tuple[str, ...], int]]:
    """Suggestions the slow way, looking at every pair of contacts: (names, shared,
    how many complementary), best first, as suggested_introductions ranks them."""
    from itertools import combinations

    from netkit.model import same_name

    has: dict[str, set[str]] = {}
    wants: dict[str, set[str]] = {}
    names = {c.id: c.name for c in p.all(Contact)}
    for c in p.all(Contact):
        has.setdefault(c.id, set()).update(same_name(t) for t in c.interests)
    for m in p.all(MutualBenefit):
        has.setdefault(m.member, set()).update(same_name(t) for t in m.interests)
        wants.setdefault(m.member, set()).update(same_name(t) for t in m.looking_for)
    done = {frozenset((i.person, i.to)) for i in p.all(Introduction)}
    found = []
    for a, b in combinations(sorted(names), 2):
        shared = has.get(a, set()) & has.get(b, set())
        both = (len(has.get(a, set()) & wants.get(b, set()))
                + len(has.get(b, set()) & wants.get(a, set())))
        if (shared or both) and frozenset((a, b)) not in done:
            union = has.get(a, set()) | has.get(b, set())
            score = len(shared) + 2 * both + (len(shared) / len(union) if union else 0)
            found.append((score, (names[a], names[b]), tuple(sorted(shared)), both))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(n, s, both) for _score, n, s, both in found]


def test_suggestions_are_those_of_every_pair_though_only_joined_pairs_are_looked_at(
        portfolio: Portfolio) -> None:
    import random

    pick = random.Random(3)
    pool = ["wms", "benchmarking", "agency staff", "rail freight", "lean", "payroll"]
    contacts = [Contact(name=f"Person {n:03d}", id=f"p{n:03d}",
                        interests=pick.sample(pool, pick.randint(0, 2)) if n < 40 else [])
                for n in range(400)]  # 360 without interests, as an import brings them
    portfolio.save_many([*contacts, Network(name="CILT", id="cilt"),
                         Need(text="Benchmarks", id="n1")])
    portfolio.save_many([mutual(f"p{n:03d}", interests=pick.sample(pool, 1),
                                looking_for=pick.sample(pool, 1)) for n in range(0, 60, 3)])
    portfolio.save_many([intro("p000", "p003", "within a network"),
                         intro("p006", "p009", "within a network")])
    found = suggested_introductions(portfolio, limit=25)
    expected = _every_pair(portfolio)[:25]
    assert len(found) == 25
    assert [(s.names, tuple(map(str.casefold, s.shared)), len(s.complementary))
            for s in found] == expected


def test_an_interest_most_contacts_hold_does_not_alone_pair_them(
        portfolio: Portfolio) -> None:
    from netkit.lo3_coverage import COMMON_INTEREST

    crowd = [Contact(name=f"Member {n:04d}", id=f"m{n:04d}", interests=["Logistics"])
             for n in range(COMMON_INTEREST + 1)]
    crowd[0].interests.append("Rail freight")
    crowd[1].interests.append("rail freight")
    portfolio.save_many(crowd)
    found = suggested_introductions(portfolio)
    assert [(s.names, s.shared) for s in found] == [
        (("Member 0000", "Member 0001"), ("Logistics", "Rail freight"))]
    portfolio.save_many(crowd[:COMMON_INTEREST])  # now under the bound: it pairs again
    portfolio.delete(Contact.KIND, crowd[COMMON_INTEREST].id)
    assert len(suggested_introductions(portfolio, limit=30_000)) == (
        COMMON_INTEREST * (COMMON_INTEREST - 1) // 2)


def test_ego_network_names_people_live_and_by_initials_in_a_redacted_export(
        people: Portfolio) -> None:
    from netkit.store import EXPORT_META

    people.save_many([mutual("sam"), talk("jo", "2025-10-20"),
                      intro("ravi", "sam", "into a network")])
    ego = ego_data(people)
    assert set(ego.contacts) == {"Sam Whitfield", "Jo Pryce", "Ravi Patel"}
    assert not ego.initials
    people.set_meta(EXPORT_META, "contacts' e-mail addresses ... are left out.")
    ego = ego_data(people)
    assert ego.networks == ("CILT",)
    assert set(ego.contacts) == {"S.W.", "J.P.", "R.P."} and ego.initials
    assert len(ego.members) == 3 and len(ego.introductions) == 1
    assert initials("Anne-Marie de la Cruz") == "A.M.D."


def test_the_example_learner_meets_lo3_consistently(portfolio: Portfolio) -> None:
    from netkit.cli import load_example
    from netkit.lo3 import LO3_RECORDS
    from netkit.model import Witness

    load_example(portfolio)
    rows = {r.id: r for r in coverage(portfolio)}
    assert {cid: rows[cid].status for cid in ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
                                              "3.7")} == dict.fromkeys(
        ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"), "met")
    # Her agreement is with network members she identified mutual benefit with, none of
    # them her line manager (the witness).
    (agreement,) = portfolio.all(Agreement)
    members = {m.member for m in portfolio.all(MutualBenefit)}
    assert agreement.members and set(agreement.members) <= members
    managers = {w.name for w in portfolio.all(Witness)}
    names = {c.id: c.name for c in portfolio.all(Contact)}
    assert not {names[k] for k in agreement.members} & managers
    kinds = {i.kind for i in portfolio.all(Introduction)}
    assert kinds == {"into a network", "within a network"}
    for cls in LO3_RECORDS:
        for record in portfolio.all(cls):
            for name in getattr(cls, "DATES", ()):
                value = getattr(record, name)
                assert not value or value < "2026-11-30", (cls.KIND, name, value)
