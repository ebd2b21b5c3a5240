"""Erasure: ``Portfolio.forget`` and ``netkit forget`` leave no bytes of a contact anywhere."""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from netkit import model
from netkit.exceptions import AmbiguousNameError, RecordNotFoundError
from netkit.model import Contact, Network, Record, Witness
from netkit.store import FORGOTTEN, Portfolio

Run = Any  # conftest.Run: code, out, err

NAME, OLD_NAME = "Samuel Whitfield", "Sam Whitfield"
EMAILS = ["sam.whitfield@example.org", "s.whitfield@old.example.com", "sam@home.example.net"]
PHONES = ["0113 496 0123", "07700 900987"]
SECRETS = [NAME, OLD_NAME, *EMAILS, *PHONES, "01134960123", "sam-whitfield-example"]


def raw_files(path: Path) -> dict[str, bytes]:
    """The portfolio file and its -wal and -shm, as bytes (free pages and all)."""
    return {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
            if p.exists()}


def leaks(path: Path) -> list[tuple[str, str]]:
    found = []
    for name, data in raw_files(path).items():
        folded = data.lower()
        for secret in SECRETS:
            if secret.lower().encode() in folded:
                found.append((name, secret))
    return found


def make_sam(portfolio: Portfolio) -> tuple[Contact, Contact, Network]:
    """A contact with a long history, a deleted-and-back past, and mentions elsewhere."""
    cilt = portfolio.save(Network(name="CILT Yorkshire"))
    sam = portfolio.save(Contact(id="con-sam", name=OLD_NAME, email=EMAILS[1],
                                 phone=PHONES[0], organisation="CILT",
                                 profile_url="https://www.linkedin.com/in/"
                                             "sam-whitfield-example",
                                 networks=[cilt.id]))
    sam.email, sam.other_emails, sam.name = EMAILS[0], [EMAILS[2]], NAME
    portfolio.save(sam)
    portfolio.remove(sam)
    portfolio.undelete("contact", sam.id)
    sam.other_phones = [PHONES[1]]
    portfolio.save(sam)
    jo = portfolio.save(Contact(name="Joanne Pryce", email="jo@example.com",
                                notes=f"Introduced me to {OLD_NAME} ({EMAILS[0]})."))
    cilt.conclusion = (f"Join: {NAME.upper()} runs the benchmarking survey; call him on "
                       "0113-496-0123.")
    portfolio.save(cilt)
    portfolio.save(Witness(name="Mark Ellis", statement=f"I saw her brief {NAME}.",
                           date="2026-01-05"))
    return sam, jo, cilt


def test_forget_leaves_no_bytes_in_the_file_its_journal_or_free_pages(
        portfolio: Portfolio, portfolio_path: Path) -> None:
    sam, jo, cilt = make_sam(portfolio)
    assert {secret for _, secret in leaks(portfolio_path)} >= {NAME, EMAILS[0], PHONES[0]}
    plan = portfolio.forget_plan("contact", sam.id)
    assert plan.lines() == [
        f"the contact {NAME!r} (CILT) and all 5 saved versions of it",
        "its mentions in the network 'CILT Yorkshire' (conclusion)",
        "its mentions in the contact 'Joanne Pryce' (notes)",
        "its mentions in the witness testimony 'Mark Ellis' (statement)"]
    assert portfolio.get("contact", sam.id) is not None  # a plan changes nothing
    done = portfolio.forget("contact", sam.id)
    assert done == plan
    assert leaks(portfolio_path) == []
    # Everything else is still there, the mentions replaced.
    assert portfolio.get("contact", sam.id, include_deleted=True) is None
    assert portfolio.history("contact", sam.id) == []
    joanne = portfolio.load(Contact, jo.id)
    assert joanne is not None and joanne.notes == f"Introduced me to {FORGOTTEN} ({FORGOTTEN})."
    network = portfolio.load(Network, cilt.id)
    assert network is not None
    assert network.conclusion == (f"Join: {FORGOTTEN} runs the benchmarking survey; call "
                                  f"him on {FORGOTTEN}.")
    assert [h.data["conclusion"] for h in portfolio.history("network", cilt.id)] == [
        "", network.conclusion]
    portfolio.close()
    assert leaks(portfolio_path) == []
    with Portfolio.open(portfolio_path) as again:  # the file still opens, whole
        assert [c.name for c in again.all(Contact)] == ["Joanne Pryce"]
        assert again.dump()["format"] == "netkit-portfolio"


def test_a_deleted_contact_can_be_forgotten_by_a_name_it_once_had(
        portfolio: Portfolio, portfolio_path: Path) -> None:
    sam, _, _ = make_sam(portfolio)
    portfolio.remove(sam)
    assert portfolio.find_key("contact", " sam   WHITFIELD ") == sam.id
    assert portfolio.find_key("contact", sam.id) == sam.id
    portfolio.forget("contact", portfolio.find_key("contact", OLD_NAME))
    assert leaks(portfolio_path) == []
    with pytest.raises(RecordNotFoundError, match="no saved contact called 'Sam Whitfield'"):
        portfolio.find_key("contact", OLD_NAME)


def test_a_name_two_contacts_share_asks_for_the_key(portfolio: Portfolio) -> None:
    one = portfolio.save(Contact(name="Jo Smith", organisation="Acme"))
    two = portfolio.save(Contact(name="jo smith", organisation="Northgate"))
    with pytest.raises(AmbiguousNameError) as caught:
        portfolio.find_key("contact", "Jo Smith")
    assert sorted(k for k, _ in caught.value.matches) == sorted([one.id, two.id])
    assert "'Jo Smith' (Acme)" in str(caught.value)


@dataclass
class Pairing(Record):
    """A stand-in for a later record kind that refers to contacts (an introduction)."""

    KIND: ClassVar[str] = "test_pairing"
    REFERS_TO: ClassVar[dict[str, str]] = {"host": "contact", "guests": "contact"}
    host: str = ""
    guests: list[str] = field(default_factory=list)
    topic: str = ""
    id: str = field(default_factory=model.new_key)


@dataclass
class FollowOn(Record):
    """A record that cannot do without a pairing (as an outcome of an introduction)."""

    KIND: ClassVar[str] = "test_follow_on"
    REFERS_TO: ClassVar[dict[str, str]] = {"pairing": Pairing.KIND}
    pairing: str = ""
    id: str = field(default_factory=model.new_key)


@pytest.fixture
def pairings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(model.RECORD_TYPES, Pairing.KIND, Pairing)
    monkeypatch.setitem(model.RECORD_TYPES, FollowOn.KIND, FollowOn)
    yield


def test_records_that_refer_to_a_contact_lose_the_reference_or_go_with_it(
        portfolio: Portfolio, portfolio_path: Path, pairings: None) -> None:
    sam, jo, _ = make_sam(portfolio)
    hosted = portfolio.save(Pairing(host=sam.id, guests=[jo.id], topic="rates"))
    guest = portfolio.save(Pairing(host=jo.id, guests=[sam.id], topic="surveys"))
    guest.guests = [sam.id, jo.id]
    portfolio.save(guest)
    after_hosted = portfolio.save(FollowOn(pairing=hosted.id))
    after_guest = portfolio.save(FollowOn(pairing=guest.id))
    plan = portfolio.forget_plan("contact", sam.id)
    # What cannot do without him goes, and what cannot do without that goes too.
    assert sorted(e[1] for e in plan.erased) == sorted([hosted.id, after_hosted.id])
    assert (Pairing.KIND, guest.id) in {(e[0], e[1]) for e in plan.edited}
    portfolio.forget("contact", sam.id)
    assert portfolio.get(Pairing.KIND, hosted.id, include_deleted=True) is None
    assert portfolio.history(Pairing.KIND, hosted.id) == []
    assert portfolio.get(FollowOn.KIND, after_hosted.id, include_deleted=True) is None
    assert portfolio.load(FollowOn, after_guest.id) == after_guest
    kept = portfolio.load(Pairing, guest.id)
    assert kept is not None and kept.guests == [jo.id]
    assert all(sam.id not in h.data["guests"] for h in portfolio.history(Pairing.KIND,
                                                                         guest.id))
    assert leaks(portfolio_path) == []
    assert b"con-sam" not in b"".join(raw_files(portfolio_path).values())


# -- the command line ------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def saved(portfolio_path: Path) -> Callable[[], list[str]]:
    with Portfolio.open(portfolio_path) as portfolio:
        make_sam(portfolio)

    def names() -> list[str]:
        with Portfolio.open(portfolio_path) as portfolio:
            return sorted(c.name for c in portfolio.all(Contact))
    return names


def test_cli_refuses_without_a_terminal_or_yes(run_cli: Callable[..., Run],
                                               saved: Callable[[], list[str]],
                                               monkeypatch: pytest.MonkeyPatch,
                                               portfolio_path: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run_cli("forget", NAME)
    assert result.code == 2
    assert f"the contact {NAME!r} (CILT) and all 5 saved versions of it" in result.out
    assert "cannot be undone, and there is no terminal" in " ".join(result.err.split())
    assert "--yes" in result.err
    assert "Traceback" not in result.err
    assert saved() == ["Joanne Pryce", NAME]


def test_cli_asks_on_a_terminal(run_cli: Callable[..., Run], saved: Callable[[], list[str]],
                                monkeypatch: pytest.MonkeyPatch, portfolio_path: Path
                                ) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("no\n"))
    declined = run_cli("forget", NAME)
    assert declined.code == 1 and "Nothing was changed." in declined.out
    assert saved() == ["Joanne Pryce", NAME]
    monkeypatch.setattr("sys.stdin", _Terminal("yes\n"))
    done = run_cli("forget", OLD_NAME)
    assert done.code == 0, done.err
    assert f"Forgot the contact {NAME!r} (CILT)" in done.out
    assert saved() == ["Joanne Pryce"]
    assert leaks(portfolio_path) == []


def test_cli_yes_for_scripts_and_clear_errors(run_cli: Callable[..., Run],
                                              saved: Callable[[], list[str]],
                                              portfolio_path: Path) -> None:
    missing = run_cli("forget", "Nobody Here", "--yes")
    assert missing.code == 2 and "no saved contact called 'Nobody Here'" in missing.err
    with Portfolio.open(portfolio_path) as portfolio:
        portfolio.save(Contact(name="Joanne  PRYCE"))
    twice = run_cli("forget", "joanne pryce", "--yes")
    assert twice.code == 2 and "Give the key of the one you mean" in twice.err
    done = run_cli("forget", NAME, "--yes")
    assert done.code == 0
    assert saved() == ["Joanne  PRYCE", "Joanne Pryce"]
    assert leaks(portfolio_path) == []
    assert run_cli("forget", "--compact").code == 0
    assert run_cli("forget").code == 2


def test_forget_finds_no_portfolio_and_creates_none(run_cli: Callable[..., Run],
                                                    portfolio_path: Path) -> None:
    result = run_cli("forget", NAME, "--yes")
    assert result.code == 2 and "there is no portfolio" in result.err
    assert not portfolio_path.exists()


def test_a_reader_elsewhere_is_waited_for(portfolio: Portfolio, portfolio_path: Path
                                          ) -> None:
    sam, _, _ = make_sam(portfolio)
    other = sqlite3.connect(portfolio_path)  # another program, open but idle
    try:
        other.execute("SELECT count(*) FROM records").fetchone()
        portfolio.forget("contact", sam.id)
    finally:
        other.close()
    assert leaks(portfolio_path) == []


def test_the_confirmation_names_records_as_the_learner_knows_them(
        portfolio: Portfolio) -> None:
    """Forgetting the example's Sam Whitfield lists his 3.1 entries by what and when, and
    the answers as "your 1.1 answer": no kind or key the learner never saw."""
    from netkit.cli import load_example

    load_example(portfolio)
    lines = portfolio.forget_plan("contact", portfolio.find_key("contact",
                                                                "Sam Whitfield")).lines()
    assert "the 3.1 interaction of 21 Oct 2025, which refers to it" in lines
    assert "the 3.1 member entry of 21 Oct 2025, which refers to it" in lines
    assert "its mentions in your 1.1 answer (examples, skills)" in lines
    text = "\n".join(lines)
    assert not re.search(r"mutual_benefit|answer_1|followup|'main'|'mb-|'fu-", text), text
