"""Redaction and learning outcome 1's links: a link to a record that is left out goes too."""

from __future__ import annotations

from pathlib import Path

from netkit.model import Contact, Example, FollowUp, SkillsAnswer
from netkit.redact import redact
from netkit.store import Portfolio


def test_links_to_a_confidential_contact_are_dropped_with_it(portfolio: Portfolio,
                                                            tmp_path: Path) -> None:
    portfolio.save_many([
        Contact(id="c1", name="Joanne Pryce", confidential=True),
        Contact(id="c2", name="Sam Whitfield"),
        SkillsAnswer(examples=[Example(date="2025-09-26", text="Late call", link="contact:c1"),
                               Example(date="2025-10-14", text="Webinar", link="contact:c2")]),
        FollowUp(id="f1", lead="Call back", due="2025-09-15", link="contact:c1"),
    ])
    copy = redact(portfolio.dump(), pseudonymise=False)
    data = {(r["kind"], r["key"]): r["data"] for r in copy["records"]}
    assert ("contact", "c1") not in data
    assert [e["link"] for e in data["answer_1_1", "main"]["examples"]] == ["", "contact:c2"]
    assert data["followup", "f1"]["link"] == ""
    # and the copy loads: nothing links to a record it does not hold
    with Portfolio.open(tmp_path / "copy.sqlite") as target:
        assert target.load_dump(copy) == 3




def test_pseudonyms_leave_links_to_records_whole(portfolio: Portfolio, tmp_path: Path) -> None:
    portfolio.save_many([
        Contact(id="con-whitfield", name="Sam Whitfield"),
        SkillsAnswer(examples=[Example(date="2025-10-14", text="Met Sam Whitfield",
                                       link="contact:con-whitfield")]),
    ])
    copy = redact(portfolio.dump(), pseudonymise=True)
    data = {(r["kind"], r["key"]): r["data"] for r in copy["records"]}
    example = data["answer_1_1", "main"]["examples"][0]
    assert example["link"] == "contact:con-whitfield"
    assert "Whitfield" not in example["text"]
    with Portfolio.open(tmp_path / "copy.sqlite") as target:
        assert target.load_dump(copy) == 2
