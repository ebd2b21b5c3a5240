"""Evidence references (E1, E2, ...) and dates: schema 2, its migration, stamps, dump/load."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netkit.exceptions import ImportFormatError, RecordsValidationError
from netkit.lo3 import Review
from netkit.model import Contact, Declaration, Discussion, Learner, Need, Network
from netkit.store import REF_COUNTER, SCHEMA_VERSION, Portfolio, Stamp

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def refs(portfolio: Portfolio) -> dict[tuple[str, str], str | None]:
    return {ident: stamp.ref for ident, stamp in portfolio.stamps().items()}


def test_schema_is_2() -> None:
    assert SCHEMA_VERSION == 2


def test_v1_file_is_migrated_with_references_in_the_order_records_were_created(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "portfolio-v1.sqlite", path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "ref" not in {row[1] for row in raw.execute("PRAGMA table_info(records)")}
    raw.close()
    with Portfolio.open(path) as portfolio:
        assert portfolio._db.execute("PRAGMA user_version").fetchone()[0] == 2
        got = refs(portfolio)
        assert got[("learner", "main")] is None  # not evidence
        assert got[("need", "need-current")] == "E1"
        assert got[("need", "need-future")] == "E2"
        assert got[("network", "net-cips")] == "E3"
        # net-alumni was created fourth and deleted: it keeps its number, for undo
        alumni = portfolio.get("network", "net-alumni", include_deleted=True)
        assert alumni is not None and alumni.deleted and alumni.ref == "E4"
        assert ("network", "net-alumni") not in got  # stamps are for live records
        assert got[("network", "net-local")] == "E5"
        assert got[("discussion", "disc-1")] == "E12"
        assert portfolio.get_meta(REF_COUNTER) == "12"
        # The dates come over unchanged: created at the first save, changed at the last.
        cips = portfolio.stamps()[("network", "net-cips")]
        history = portfolio.history("network", "net-cips")
        assert cips == Stamp("E3", history[0].at, history[-1].at)
        assert cips.created == "2024-01-08T09:21:00.000000+00:00"
        # Numbering goes on after the migrated ones; undo brings back the old number.
        portfolio.save(Need(id="need-new", text="after the upgrade"))
        assert refs(portfolio)[("need", "need-new")] == "E13"
        portfolio.undelete("network", "net-alumni")
        assert refs(portfolio)[("network", "net-alumni")] == "E4"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("portfolio-v*.sqlite")),
                         ids=lambda p: p.name)
def test_every_fixture_reads_back_the_same_references(fixture: Path, tmp_path: Path
                                                      ) -> None:
    # v1 is numbered by the migration, v2 was numbered as it was saved: the same story
    # gets the same numbers either way.
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    with Portfolio.open(path) as portfolio:
        got = refs(portfolio)
        assert got[("assessment", "net-cips")] == "E10"
        assert got[("witness", "wit-1")] == "E11"
        assert got[("discussion", "disc-1")] == "E12"


def test_v2_fixture_holds_an_attachment_cited_by_the_discussion(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    shutil.copyfile(FIXTURES / "portfolio-v2.sqlite", path)
    from netkit.attachments import Attachment

    with Portfolio.open(path) as portfolio:
        (minutes,) = portfolio.all(Attachment)
        assert refs(portfolio)[("attachment", minutes.key)] == "E13"
        assert portfolio.attachment_bytes(minutes).startswith(b"Minutes of the CIPS")
        discussion = portfolio.load(Discussion, "disc-1")
        assert discussion is not None and "(E13)" in discussion.notes


def test_a_reference_is_given_once_and_never_changed_or_reused(portfolio: Portfolio
                                                               ) -> None:
    portfolio.save(Learner(name="Priya Tester"))
    portfolio.save(Contact(id="c1", name="Dana Lee"))
    first = portfolio.save(Need(id="n1", text="Lean"))
    second = portfolio.save(Network(id="w1", name="CILT"))
    assert refs(portfolio) == {("learner", "main"): None, ("contact", "c1"): None,
                               ("need", "n1"): "E1", ("network", "w1"): "E2"}
    first.text = "Lean, and six sigma"
    portfolio.save(first)  # a change keeps the number
    portfolio.remove(second)
    third = portfolio.save(Need(id="n3", text="Budgets"))
    assert refs(portfolio)[("need", "n3")] == "E3"  # not E2: w1 may come back
    portfolio.undelete("network", "w1")
    portfolio.restore("need", "n1", 1)
    assert refs(portfolio)[("network", "w1")] == "E2"
    assert refs(portfolio)[("need", "n1")] == "E1"
    portfolio.forget("need", third.id)  # erased for good: its number is still not reused
    portfolio.forget("need", first.id)
    portfolio.save(Need(id="n4", text="Coaching"))
    assert refs(portfolio)[("need", "n4")] == "E4"
    portfolio.save(Declaration(agreed=True, name="Priya Tester", date="2026-11-01"))
    assert refs(portfolio)[("declaration", "main")] is None
    found = portfolio.by_ref("E2")
    assert found is not None and found.key == "w1"
    assert portfolio.by_ref("E1") is None and portfolio.by_ref("E99") is None
    assert portfolio.by_ref("nonsense") is None


def test_stamps_show_when_a_record_was_created_and_last_changed(portfolio: Portfolio
                                                                ) -> None:
    need = portfolio.save(Need(id="n1", text="Lean"))
    before = portfolio.stamps()[("need", "n1")]
    assert before.created == before.changed
    need.text = "Lean, changed"
    portfolio.save(need)
    after = portfolio.stamps()[("need", "n1")]
    assert after.created == before.created and after.changed > before.changed
    assert after.changed.endswith("+00:00")  # UTC
    portfolio.save(need)  # saving it unchanged is no change
    assert portfolio.stamps()[("need", "n1")] == after


def test_the_example_learner_is_numbered_and_a_fresh_start_does_not_reuse_numbers(
        portfolio: Portfolio) -> None:
    portfolio.load_records([Need(id="n1", text="A"), Need(id="n2", text="B")], meta={})
    assert refs(portfolio) == {("need", "n1"): "E1", ("need", "n2"): "E2"}
    portfolio.load_records([Need(id="n9", text="C")], meta={"example": "true"},
                           replace=True)
    assert refs(portfolio) == {("need", "n9"): "E3"}


# -- citing references ------------------------------------------------------------------

def test_a_save_citing_a_reference_the_portfolio_lacks_is_refused(portfolio: Portfolio
                                                                   ) -> None:
    portfolio.save(Need(id="n1", text="Lean"))  # E1
    with pytest.raises(RecordsValidationError) as caught:
        portfolio.save(Discussion(id="d1", date="2026-11-02", topics="Ethics",
                                  notes="See E1 and E7, also E9."))
    assert [name for name, _ in caught.value.errors] == ["notes"]
    assert caught.value.errors[0][1].startswith("E7, E9 are not a reference in your "
                                                "portfolio")
    assert portfolio.get("discussion", "d1") is None
    review = Review(id="r1", date="2026-11-02", findings="Needs met",
                    next_review="2027-01-01", evidence="Minutes E4")
    with pytest.raises(RecordsValidationError, match="E4 is not a reference"):
        portfolio.save(review)
    review.evidence = "Minutes E1"
    portfolio.save(review)
    assert portfolio.load(Review, "r1") is not None


def test_a_citation_of_a_record_deleted_later_does_not_block_other_changes(
        portfolio: Portfolio) -> None:
    need = portfolio.save(Need(id="n1", text="Lean"))  # E1
    portfolio.save(Need(id="n2", text="Budgets"))  # E2
    discussion = portfolio.save(Discussion(id="d1", date="2026-11-02", topics="Ethics",
                                           notes="Shown in E1 and E2."))
    portfolio.remove(need)
    discussion.topics = "Ethics of sharing"
    portfolio.save(discussion)  # E1 was cited already: kept, not refused
    discussion.notes = "Shown in E1 and E2; E2 again, and E1."
    portfolio.save(discussion)
    discussion.notes += " Also E9."
    with pytest.raises(RecordsValidationError, match=r"^notes: E9 is not"):
        portfolio.save(discussion)


def test_cited_finds_references_standing_alone() -> None:
    from netkit.attachments import cited

    assert cited("minutes E3, e-mail (E12); E3 again") == ["E3", "E12"]
    assert cited("E3/E4 and E05") == ["E3", "E4", "E5"]
    assert cited("E3a SE13 e3 E0 M&LA3 PE3-1 E1.5 E7.") == ["E7"]
    assert cited("") == [] and cited("London E14 5AB") == ["E14"]


# -- dump and load ---------------------------------------------------------------------

def _story(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Tester"))
    portfolio.save(Need(id="n1", text="Lean"))
    gone = portfolio.save(Network(id="w1", name="Gone"))
    portfolio.remove(gone)
    portfolio.save(Network(id="w2", name="CILT"))
    portfolio.save(Discussion(id="d1", date="2026-11-02", topics="Ethics", notes="E3"))


def test_dump_carries_references_and_load_keeps_them(portfolio: Portfolio,
                                                     tmp_path: Path) -> None:
    _story(portfolio)
    dump = portfolio.dump()
    by_key = {(r["kind"], r["key"]): r["ref"] for r in dump["records"]}
    assert by_key == {("learner", "main"): None, ("need", "n1"): "E1",
                      ("network", "w1"): "E2", ("network", "w2"): "E3",
                      ("discussion", "d1"): "E4"}
    assert dump["meta"][REF_COUNTER] == "4"
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        copy.load_dump(json.loads(json.dumps(dump)))
        assert json.dumps(copy.dump(), sort_keys=True) == json.dumps(dump, sort_keys=True)
        copy.save(Need(id="n5", text="next"))
        assert refs(copy)[("need", "n5")] == "E5"


def _without_refs(dump: dict[str, Any]) -> dict[str, Any]:
    """The dump as netkit before schema 2 wrote it: no references, no files, schema 1."""
    old: dict[str, Any] = json.loads(json.dumps(dump))
    old["schema"] = 1
    old["meta"].pop(REF_COUNTER)
    old.pop("blobs")
    for record in old["records"]:
        record.pop("ref")
    return old


def test_an_older_dump_without_references_is_numbered_in_created_order(
        portfolio: Portfolio, tmp_path: Path) -> None:
    _story(portfolio)
    dump = portfolio.dump()
    old = _without_refs(dump)
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        copy.load_dump(old)
        again = copy.dump()
    assert json.dumps(again, sort_keys=True) == json.dumps(dump, sort_keys=True)
    # Loading over a portfolio that gave numbers before: the old dump's are given after.
    with Portfolio.open(tmp_path / "used.sqlite") as used:
        for n in range(6):
            used.save(Need(id=f"u{n}", text=f"used {n}"))
        used.load_dump(old, replace=True)
        assert refs(used)[("need", "n1")] == "E7"
        assert used.get_meta(REF_COUNTER) == "10"


@pytest.mark.parametrize(("ref", "message"), [
    ("7", "'ref' must be an evidence reference"),
    ("E0", "'ref' must be an evidence reference"),
    (7, "'ref' must be an evidence reference"),
    ("E1", "the reference E1 appears twice"),
])
def test_a_dump_with_bad_references_is_refused(portfolio: Portfolio, tmp_path: Path,
                                               ref: Any, message: str) -> None:
    _story(portfolio)
    dump = portfolio.dump()
    network = next(r for r in dump["records"] if r["key"] == "w2")
    network["ref"] = ref
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        with pytest.raises(ImportFormatError, match=message):
            copy.load_dump(dump)
        assert copy.count() == 0
