"""Every list form of notebook 03, clicked as a learner clicks it, in JupyterLab and Chromium.

For each: save one entry, pick "New", save a second, change a field without saving, pick
the first again. The form must show the first entry, the portfolio must hold both exactly
as saved (one revision each: nothing overwritten), and JupyterLab's log console must hold
no error or warning. One kernel for the notebook (a scratch copy), as in
``test_list_forms.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit.lo3 import (
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
from netkit.model import Contact, Need, Network, Record
from netkit.store import Portfolio

from .conftest import (
    Server,
    click_save,
    field,
    fill_field,
    form,
    pick,
    press,
    tick,
    type_text,
)
from .test_list_forms import Session, expect_value, notebook_session, only, revisions, stored

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(900)]

UID = uuid.uuid4().hex[:6]
ANN, BEN, CAL, DEV = (f"{n} {UID}" for n in ("Ann Archer", "Ben Baker", "Cal Cole",
                                             "Dev Dale"))
NET_A, NET_B = f"Branch A {UID}", f"Chamber B {UID}"
AGREEMENT = f"Seed agreement {UID}"


def key(name: str) -> str:
    return name.split(maxsplit=1)[0].lower() + "-" + UID


def seed(server: Server) -> None:
    """Sixty-four contacts, two networks, a need, what the learner offers, two members already
    identified for mutual benefit (for 3.3) and an agreement to check support against."""
    with Portfolio.open(server.portfolio) as portfolio:
        portfolio.save_many([
            *(Contact(name=n, id=key(n)) for n in (ANN, BEN, CAL, DEV)),
            # more than a form shows at once (50): the forms offer a search box
            *(Contact(name=f"Zed Person {n:02d} {UID}", organisation="Acme",
                      id=f"zed-{n:02d}-{UID}") for n in range(60)),
            Network(name=NET_A, id=f"net-a-{UID}"), Network(name=NET_B, id=f"net-b-{UID}"),
            Need(text=f"Benchmarks {UID}", id=f"need-{UID}"),
            Offers(items=[f"WMS lessons {UID}", f"Peak planning {UID}"])])
        portfolio.save_many([
            *(MutualBenefit(member=key(n), network=f"net-a-{UID}", date="2025-03-01",
                            they_offer="x", i_offer="y", id=f"mb-seed-{key(n)}")
              for n in (CAL, DEV)),
            Agreement(title=AGREEMENT, network=f"net-a-{UID}", date="2025-03-01",
                      members=[key(CAL)], may_share=["Rates"], may_not=["Names"],
                      legal_basis="UK GDPR", id=f"agr-{UID}")])


@pytest.fixture(scope="module")
def nb03(browser: Any, jupyter_server: Server, shots: Path) -> Iterator[Session]:
    seed(jupyter_server)
    with notebook_session(browser, jupyter_server, shots,
                          "notebooks/03-maintain-networks.ipynb") as session:
        yield session


def do(form_: Any, steps: list[tuple[str, ...]]) -> None:
    """Fill a form: ("fill", field, value), ("press", field, label), ("tick", field,
    label start), ("tick-text", field, text in the label), ("check", field)."""
    for op, name, *rest in steps:
        if op == "fill":
            fill_field(form_, name, rest[0])
        elif op == "press":
            press(form_, name, rest[0])
        elif op == "tick":
            tick(form_, rest[0], name)
        elif op == "tick-text":  # needs show as "N3 text": find them by their text
            box = form_.locator(f".nk-field-{name} .nk-tick").filter(has_text=rest[0])
            box.locator("input[type=checkbox]").set_checked(True)
        elif op == "check":
            field(form_, name).set_checked(True)
        else:  # pragma: no cover - a typo in a test
            raise ValueError(op)


def round_trip(session: Session, server: Server, name: str, new: str,
               first: list[tuple[str, ...]], second: list[tuple[str, ...]],
               unsaved: tuple[str, str], first_label: str, shown: tuple[str, str],
               cls: type[Record]) -> list[Any]:
    """Save two entries through the form as a learner would; return what is stored."""
    before = {r.key for r in stored(server, cls)}
    with session.step(name):
        entries = form(session.page, name)
        entries.scroll_into_view_if_needed()
        do(entries, first)
        click_save(entries)
        pick(entries, new)
        do(entries, second)
        click_save(entries)
        fill_field(entries, *unsaved)  # typed, never saved
        pick(entries, first_label)
        expect_value(entries, *shown)
        session.shot(entries, f"03-{name}")
    saved = [r for r in stored(server, cls) if r.key not in before]
    assert len(saved) == 2, saved
    for record in saved:
        assert revisions(server, record) == 1
    return saved


def test_mutual_benefit_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "mutualbenefitform", "New member",
        [("fill", "member", ANN), ("fill", "network", NET_A), ("fill", "date", "3/2/2025"),
         ("fill", "interests", "WMS, benchmarking"), ("fill", "they_offer", "Survey"),
         ("tick-text", "serves", f"Benchmarks {UID}"), ("fill", "i_offer", "Rates")],
        [("fill", "member", BEN), ("fill", "network", NET_B), ("fill", "they_offer", "Temps"),
         ("fill", "i_offer", "Advice")],
        ("i_offer", "unsaved"), ANN, ("they_offer", "Survey"), MutualBenefit)
    a = only(saved, lambda m: m.member == key(ANN))
    b = only(saved, lambda m: m.member == key(BEN))
    assert (a.date, a.interests, a.serves, a.i_offer) == (
        "2025-02-03", ["WMS", "benchmarking"], [f"need-{UID}"], "Rates")
    assert (b.network, b.they_offer, b.i_offer) == (f"net-b-{UID}", "Temps", "Advice")


def test_interaction_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "interactionform", "New interaction",
        [("fill", "member", ANN), ("fill", "network", NET_A), ("fill", "date", "4/2/2025"),
         ("fill", "kind", "exchanged details at a first meeting"),
         ("fill", "summary", f"Swapped cards {UID}")],
        [("fill", "member", ANN), ("fill", "network", NET_A), ("fill", "date", "9/2/2025"),
         ("fill", "kind", "call"), ("fill", "summary", f"Compared rates {UID}")],
        ("summary", "unsaved"), "4 Feb 2025", ("summary", f"Swapped cards {UID}"),
        Interaction)
    assert sorted((i.date, i.kind) for i in saved) == [
        ("2025-02-04", "exchanged details at a first meeting"), ("2025-02-09", "call")]


def test_promotion_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "promotionform", "New promotion",
        [("fill", "date", "5/2/2025"), ("fill", "network", NET_A), ("tick", "people", ANN),
         ("press", "channel", "talk"), ("tick", "offers", f"WMS lessons {UID}"),
         ("fill", "what", f"Branch talk {UID}")],
        [("fill", "date", "6/2/2025"), ("fill", "network", NET_B),
         ("fill", "audience", "Chamber members"), ("press", "channel", "post"),
         ("fill", "what", f"A post {UID}"), ("fill", "response", "Two replies")],
        ("what", "unsaved"), f"Branch talk {UID}", ("what", f"Branch talk {UID}"),
        Promotion)
    a = only(saved, lambda p: p.channel == "talk")
    b = only(saved, lambda p: p.channel == "post")
    assert (a.people, a.offers) == ([key(ANN)], [f"WMS lessons {UID}"])
    assert (b.audience, b.response, b.people) == ("Chamber members", "Two replies", [])


def test_support_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "supportform", "New contribution",
        [("fill", "member", CAL), ("fill", "network", NET_A), ("fill", "date", "7/2/2025"),
         ("fill", "given", f"Rota template {UID}"), ("fill", "agreement", AGREEMENT),
         ("check", "checked"), ("fill", "gained", "Checklist")],
        [("fill", "member", DEV), ("fill", "network", NET_A), ("fill", "date", "8/2/2025"),
         ("fill", "given", f"Survey review {UID}")],
        ("given", "unsaved"), CAL, ("given", f"Rota template {UID}"), Support)
    a = only(saved, lambda s: s.member == key(CAL))
    b = only(saved, lambda s: s.member == key(DEV))
    assert (a.agreement, a.checked, a.gained) == (f"agr-{UID}", True, "Checklist")
    assert (b.agreement, b.checked) == ("", False)


def test_agreement_form(nb03: Session, jupyter_server: Server) -> None:
    first, second = f"Benchmarking {UID}", f"Staffing {UID}"
    saved = round_trip(
        nb03, jupyter_server, "agreementform", "New agreement",
        [("fill", "title", first), ("fill", "network", NET_A), ("fill", "date", "1/2/2025"),
         ("tick", "members", ANN), ("fill", "may_share", "Pick rates\nAbsence"),
         ("fill", "may_not", "Client names"), ("fill", "legal_basis", "UK GDPR"),
         ("fill", "storage", "Shared drive"), ("fill", "review_date", "1/2/2027"),
         ("fill", "members_agreed", "2/2/2025"), ("fill", "confirmation", "Ann's e-mail")],
        [("fill", "title", second), ("fill", "network", NET_B), ("tick", "members", BEN),
         ("fill", "may_share", "Rates"), ("fill", "may_not", "Names"),
         ("fill", "legal_basis", "Contract")],
        ("legal_basis", "unsaved"), first, ("title", first), Agreement)
    a = only(saved, lambda x: x.title == first)
    b = only(saved, lambda x: x.title == second)
    assert (a.members, a.may_share, a.review_date, a.confirmation) == (
        [key(ANN)], ["Pick rates", "Absence"], "2027-02-01", "Ann's e-mail")
    assert (b.members, b.legal_basis, b.confirmation) == ([key(BEN)], "Contract", "")


def test_review_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "reviewform", "New review",
        [("fill", "date", "10/2/2025"), ("tick-text", "needs", f"Benchmarks {UID}"),
         ("fill", "findings", f"Benchmarks met {UID}"), ("fill", "next_review", "1/8/2025")],
        [("fill", "date", "11/3/2025"), ("tick", "networks", NET_B),
         ("fill", "findings", f"Temps urgent {UID}")],
        ("findings", "unsaved"), "10 Feb 2025", ("findings", f"Benchmarks met {UID}"),
        Review)
    a = only(saved, lambda r: r.date == "2025-02-10")
    b = only(saved, lambda r: r.date == "2025-03-11")
    assert (a.needs, a.next_review) == ([f"need-{UID}"], "2025-08-01")
    assert b.networks == [f"net-b-{UID}"]


def test_action_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "actionform", "New action",
        [("fill", "date", "12/2/2025"), ("fill", "network", NET_A),
         ("press", "action", "leave"), ("fill", "detail", f"Leave group {UID}"),
         ("fill", "due", "20/2/2025"), ("fill", "done", "19/2/2025")],
        [("fill", "date", "12/2/2025"), ("fill", "network", NET_B),
         ("press", "action", "attend"), ("fill", "detail", f"Breakfast {UID}"),
         ("fill", "due", "1/3/2025")],
        ("detail", "unsaved"), f"leave: Leave group {UID}",
        ("detail", f"Leave group {UID}"), Action)
    a = only(saved, lambda x: x.action == "leave")
    b = only(saved, lambda x: x.action == "attend")
    assert (a.due, a.done) == ("2025-02-20", "2025-02-19")
    assert (b.due, b.done, b.overdue()) == ("2025-03-01", "", True)
    from playwright.sync_api import expect

    expect(form(nb03.page, "actionform").page.locator(".nk-overdue").first).to_be_attached()


def test_introduction_form(nb03: Session, jupyter_server: Server) -> None:
    saved = round_trip(
        nb03, jupyter_server, "introductionform", "New introduction",
        [("fill", "date", "13/2/2025"), ("fill", "network", NET_A),
         ("fill", "person", ANN), ("fill", "to", BEN), ("press", "kind", "into a network"),
         ("press", "interest_kind", "complementary"), ("fill", "interest", "WMS"),
         ("check", "consent_person"), ("check", "consent_to")],
        [("fill", "date", "14/2/2025"), ("fill", "network", NET_B),
         ("fill", "person", CAL), ("fill", "to", DEV), ("fill", "interest", "Temps"),
         ("check", "consent_person"), ("check", "consent_to")],
        ("interest", "unsaved"), f"{ANN} to {BEN}", ("interest", "WMS"), Introduction)
    a = only(saved, lambda x: x.person == key(ANN))
    b = only(saved, lambda x: x.person == key(CAL))
    assert (a.to, a.kind, a.interest_kind) == (key(BEN), "into a network", "complementary")
    assert (b.to, b.kind, b.interest_kind, b.interest) == (key(DEV), "within a network",
                                                           "common", "Temps")


def test_a_contact_beyond_the_first_fifty_is_found_by_typing(nb03: Session,
                                                             jupyter_server: Server) -> None:
    """64 contacts (or more: the server is shared): the tick list shows the first 50 by
    name and a search box; the learner types part of a name, ticks the one found, clears
    the search (the ticked one stays on show, ticked) and saves."""
    from playwright.sync_api import expect

    before = {r.key for r in stored(jupyter_server, Promotion)}
    with nb03.step("find-a-contact"):
        entries = form(nb03.page, "promotionform")
        entries.scroll_into_view_if_needed()
        pick(entries, "New promotion")
        people = entries.locator(".nk-field-people .nk-tick")
        expect(people).to_have_count(50)
        total = len(stored(jupyter_server, Contact))  # 64, and any another test saved
        expect(entries.locator(".nk-field-people").locator("xpath=../..")).to_contain_text(
            f"Showing 50 of {total:,} contacts")
        find = entries.locator(".nk-find-people input")
        type_text(find, "person 59")
        expect(people).to_have_count(1)
        tick(entries, f"Zed Person 59 {UID}", "people")
        type_text(find, "")
        expect(people).to_have_count(51)
        expect(people.first).to_contain_text(f"Zed Person 59 {UID}")
        expect(people.first.locator("input[type=checkbox]")).to_be_checked()
        do(entries, [("fill", "date", "5/3/2025"), ("fill", "network", NET_A),
                     ("press", "channel", "meeting"), ("fill", "what", f"Found {UID}")])
        click_save(entries)
        nb03.shot(entries, "03-find-a-contact")
    (saved,) = [r for r in stored(jupyter_server, Promotion) if r.key not in before]
    assert saved.people == [f"zed-59-{UID}"]
