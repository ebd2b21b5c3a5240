"""Confidential records withheld from an export are counted by criterion and listed in the
evidence pack, "to be seen in the original": never dropped silently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from netkit.cli import load_example
from netkit.export import export
from netkit.pack import evidence_pack
from netkit.store import Portfolio
from netkit.withheld import WITHHELD_META, Withheld, withheld

REPO = Path(__file__).resolve().parent.parent


def entry(kind: str, key: str, deleted: bool = False, **data: Any) -> dict[str, Any]:
    return {"kind": kind, "key": key, "deleted": deleted, "data": data}


def test_withheld_counts_each_confidential_record_under_the_criteria_it_evidences() -> None:
    dump = {"records": [
        entry("contact", "c1", name="Jo Pryce", confidential=True),
        entry("interaction", "i1", member="c1", network="n1"),  # 3.1 names Jo
        entry("followup", "f1", lead="Call Jo", link="contact:c1"),  # 1.5 links to Jo
        entry("contact", "c2", name="Sam Patel", confidential=True),  # named nowhere
        entry("attachment", "a1", title="Agreement", criteria=["3.4", "3.5"],
              confidential=True),
        entry("contact", "c3", name="Gone", confidential=True, deleted=True),
        entry("contact", "c4", name="Open", confidential=False),
        entry("interaction", "i2", member="c4", network="n1"),
    ]}
    found = withheld(dump)
    assert found.total == 3
    assert found.by_criterion == {"1.5": 1, "3.1": 1, "3.4": 1, "3.5": 1}
    assert list(found.by_criterion) == ["1.5", "3.1", "3.4", "3.5"]  # in criterion order
    assert found.unlinked == 1
    assert found.kinds == {"attachment": 1, "contact": 2}


def test_nothing_confidential_is_nothing_withheld() -> None:
    assert withheld({"records": [entry("contact", "c4", name="Open")]}) == Withheld()


def test_the_summary_travels_in_the_export_copys_meta() -> None:
    found = Withheld(total=2, by_criterion={"3.4": 1}, unlinked=1, kinds={"contact": 2})
    assert Withheld.from_meta(found.to_meta()) == found
    assert Withheld.from_meta(None) == Withheld()
    assert Withheld.from_meta("{not json") == Withheld()


def test_the_pack_lists_what_was_withheld_by_criterion(portfolio: Portfolio) -> None:
    def pack() -> str:
        return evidence_pack(portfolio, {}, date=dt.date(2026, 11, 30), redaction="none")

    assert "Records withheld" not in pack()  # the live portfolio: nothing withheld
    portfolio.set_meta(WITHHELD_META, Withheld(
        total=2, by_criterion={"3.4": 1}, unlinked=1, kinds={"contact": 2}).to_meta())
    page = pack()
    assert "<b>2 records were withheld</b>" in page
    assert "flagged them confidential. They are to be seen in the original" in page
    assert "<td><b>3.4</b> Establish the boundaries of confidentiality</td><td>1</td>" in page


def test_a_redacted_export_lists_the_example_learners_confidential_contact(
        tmp_path: Path) -> None:
    path = tmp_path / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
    result = export(path, out=tmp_path / "out", formats=("html",), notebooks=["04"],
                    root=REPO, progress=False)
    pack = (result.folder / "evidence-pack.html").read_text(encoding="utf-8")
    assert ("<b>1 record was withheld</b> from this export because the learner flagged it "
            "confidential. It is to be seen in the original: ask the learner to show it to "
            "you") in pack
    assert "Joanne Pryce" not in pack
    for criterion in ("1.5", "1.6"):  # her follow-up and the ethics answer's example
        assert f"<td><b>{criterion}</b>" in pack
