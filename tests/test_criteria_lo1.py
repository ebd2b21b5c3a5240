"""Learning outcome 1 as data: the NOS M&LA3 knowledge items 1.1-1.6 evidence, quoted and
checked against the standard, and what the guidance asks of each answer."""

from __future__ import annotations

import re
from pathlib import Path

from netkit.criteria import (
    ANSWER_GUIDES,
    ANSWER_WORDS,
    CRITERIA,
    KNOWLEDGE,
    KNOWLEDGE_FOR,
    PERFORMANCE_CRITERIA,
    VERB_DEMANDS,
    criterion,
    knowledge_for,
)

UNIT_DOCS = Path(__file__).resolve().parent / "fixtures" / "unit"
LO1 = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]


def normalise(text: str) -> str:
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("*", "")
    return re.sub(r" ([;,.:])", r"\1", " ".join(text.split()))


def standard_knowledge() -> dict[str, str]:
    """The knowledge and understanding items as the standard lists them, by section."""
    text = next(UNIT_DOCS.glob("003_*.txt")).read_text(encoding="utf-8")
    body = text[:text.index("Evidence Requirements")]
    sections = {"G": "General knowledge and understanding",
                "S": "Industry/sector specific knowledge and understanding",
                "C": "Context specific knowledge and understanding"}
    found = {}
    for letter, heading in sections.items():
        start = body.index(heading) + len(heading)
        end = body.find("Knowledge and Understanding", start)
        end = end if end >= 0 else len(body)
        for number, item in re.findall(r"^(?:- )?(\d+) (.+)$", body[start:end], re.M):
            found[f"{letter}{number}"] = normalise(item)
    return found


def test_knowledge_items_are_the_standards_quoted_verbatim() -> None:
    listed = standard_knowledge()
    assert len(listed) == 16  # 7 general, 1 sector, 8 context
    assert {k: normalise(v) for k, v in KNOWLEDGE.items()} == listed


def test_outcome_1_maps_to_knowledge_items_not_performance_criteria() -> None:
    assert sorted(KNOWLEDGE_FOR) == LO1
    for cid in LO1:
        items = KNOWLEDGE_FOR[cid]
        assert items and set(items) <= set(KNOWLEDGE), cid
        assert not set(items) & set(PERFORMANCE_CRITERIA), cid
        assert knowledge_for(cid) == [(k, KNOWLEDGE[k]) for k in items]
    # confidentiality and codes (G7, S1) are what 1.6's ethical issues turn on
    assert {"G7", "S1"} <= set(KNOWLEDGE_FOR["1.6"])
    assert "C2" in KNOWLEDGE_FOR["1.3"]  # own interests in conflict with others'
    assert knowledge_for("2.1") == []


def test_every_range_point_is_quoted_from_the_criterions_unit_text() -> None:
    for cid in LO1:
        c = criterion(cid)
        source = normalise(" ".join((*c.amplification, c.guidance_full))).casefold()
        for point in ANSWER_GUIDES[cid].covers:
            assert normalise(point).casefold() in source, (cid, point)


def test_the_guidance_s_range_points_can_be_ticked() -> None:
    assert {"appropriate use of body language", "influencing and persuading skills",
            "feeling comfortable and confident in networking situations"} <= set(
        ANSWER_GUIDES["1.1"].covers)
    assert "Code of Conduct, or Code of Ethics" in ANSWER_GUIDES["1.6"].covers


def test_only_the_guidance_s_own_minimums_are_said_to_be_the_guidance_s() -> None:
    # the guidance states 1.1's three skills and 1.6's two issues; every other part's
    # minimum (three bases for 1.2, two benefits for 1.4 ...) is the workbook's own
    stated = {(cid, part) for cid, g in ANSWER_GUIDES.items() for part in g.stated}
    assert stated == {("1.1", "skills"), ("1.6", "issues")}
    for cid, guide in ANSWER_GUIDES.items():
        for part in guide.minimums:
            who = guide.asked_by(part)
            assert who == ("the guidance" if (cid, part) in stated else "the workbook")
        for part in guide.stated:
            assert guide.minimums[part] == criterion(cid).minimum
            assert criterion(cid).minimum_stated


def test_answer_minimums_agree_with_the_unit_minimums() -> None:
    assert ANSWER_GUIDES["1.1"].minimums["skills"] == criterion("1.1").minimum == 3
    assert ANSWER_GUIDES["1.6"].minimums["issues"] == criterion("1.6").minimum == 2
    assert all(g.minimums["examples"] >= 1 for g in ANSWER_GUIDES.values())
    low, high = ANSWER_WORDS
    assert 0 < low < high


def test_every_outcome_1_verb_says_what_it_demands() -> None:
    verbs = {c.verb for c in CRITERIA if c.outcome == 1}
    assert verbs == set(VERB_DEMANDS)
    assert "judgement of usefulness" in VERB_DEMANDS["evaluate"]
    assert "conclusions" in VERB_DEMANDS["analyse"]


def test_about_criterion_shows_the_knowledge_items_it_evidences() -> None:
    from netkit.guide import about_criterion

    page = about_criterion("1.6").html
    assert "NOS M&amp;LA3 knowledge and understanding" in page
    assert "S1" in page and "Industry/sector legislation, requirements" in page
    assert "knowledge and understanding" not in about_criterion("2.1").html


def test_about_criterion_names_knowledge_items_not_performance_criteria_for_outcome_1(
        ) -> None:
    from netkit.guide import about_criterion

    assert "NOS M&amp;LA3:</b> knowledge G7, S1, C1, C2." in about_criterion("1.6").html
    assert "PC" not in about_criterion("1.6").html
    assert "NOS M&amp;LA3:</b> PC1, PC4." in about_criterion("2.1").html
