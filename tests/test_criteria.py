"""The unit as data: criteria 1.1-3.7 quote the unit documents and carry their minimums."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netkit.criteria import (
    BEHAVIOURS,
    CRITERIA,
    OUTCOMES,
    PC_EVIDENCE,
    PERFORMANCE_CRITERIA,
    UNIT,
    VERBS,
    criterion,
)

# The unit documents, copied into the repository (tests/fixtures/unit/README.md).
UNIT_DOCS = Path(__file__).resolve().parent / "fixtures" / "unit"
IDS = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3",
       "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"]
# The guidance "M&L 25": three or more interpersonal skills (1.1), two or more ethical
# issues (1.6), five or more potential networks (2.1) ... one where it names no number.
MINIMUMS = [3, 1, 1, 1, 1, 2, 5, 2, 1, 2, 1, 1, 1, 1, 1, 2]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def normalise(text: str) -> str:
    """Text as extracted from the documents: curly quotes, markdown emphasis, spacing."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("*", "")
    text = " ".join(text.split())
    return re.sub(r" ([;,.:])", r"\1", text)


def unit_document(prefix: str) -> str:
    found = sorted(UNIT_DOCS.glob(f"{prefix}_*.txt"))
    assert len(found) == 1, f"expected one unit document {prefix}_*.txt in {UNIT_DOCS}"
    return normalise(found[0].read_text(encoding="utf-8"))


def test_the_unit_has_exactly_sixteen_criteria_in_order() -> None:
    assert [c.id for c in CRITERIA] == IDS


def test_each_criterion_belongs_to_its_outcome() -> None:
    assert [o.number for o in OUTCOMES] == [1, 2, 3]
    for c in CRITERIA:
        assert c.outcome == int(c.id.split(".")[0])
        assert c.notebook == OUTCOMES[c.outcome - 1].notebook
        assert c.notebook.startswith("notebooks/") and c.notebook.endswith(".ipynb")


def test_minimums_are_the_unit_guidance_minimums() -> None:
    assert [c.minimum for c in CRITERIA] == MINIMUMS


def test_minimums_match_the_guidance_document() -> None:
    guidance = unit_document("004")
    for n, c in enumerate(CRITERIA):
        start = guidance.index(f"{c.id} {c.text}")
        end = (guidance.index(f"{CRITERIA[n + 1].id} {CRITERIA[n + 1].text}")
               if n + 1 < len(CRITERIA) else len(guidance))
        stated = re.findall(r"\b(one|two|three|four|five|six) or more\b",
                            guidance[start:end])
        assert c.minimum == (NUMBERS[stated[0]] if stated else 1), c.id


def test_criterion_text_is_quoted_verbatim_from_the_unit() -> None:
    unit = unit_document("002")
    for c in CRITERIA:
        assert normalise(c.text) in unit, c.id
        for line in c.amplification:
            assert normalise(line) in unit, (c.id, line)
    for outcome in OUTCOMES:
        assert normalise(outcome.text) in unit
    assert UNIT.code in unit and UNIT.title in unit


def test_requirement_is_quoted_verbatim_from_the_guidance() -> None:
    guidance = unit_document("004")
    for c in CRITERIA:
        assert normalise(c.requirement) in guidance, c.id


def test_performance_criteria_and_behaviours_quote_the_standard() -> None:
    standard = unit_document("003")
    assert list(PERFORMANCE_CRITERIA) == [f"PC{n}" for n in range(1, 7)]
    assert list(BEHAVIOURS) == list(range(1, 11))
    for text in (*PERFORMANCE_CRITERIA.values(), *BEHAVIOURS.values()):
        assert normalise(text) in standard, text


def test_every_verb_is_explained() -> None:
    for c in CRITERIA:
        assert c.verb in VERBS, c.id
        assert c.text.lower().startswith(c.verb), c.id
        assert c.verb_asks == VERBS[c.verb]


def test_every_performance_criterion_and_behaviour_cited_exists() -> None:
    for c in CRITERIA:
        # learning outcome 1 is knowledge: it maps to knowledge items, never to PCs
        assert bool(c.pcs) == (c.outcome != 1), c.id
        assert bool(c.knowledge) == (c.outcome == 1), c.id
        assert set(c.pcs) <= set(PERFORMANCE_CRITERIA), c.id
        assert set(c.behaviours) <= set(BEHAVIOURS), c.id
    cited = {pc for c in CRITERIA for pc in c.pcs}
    assert cited == set(PERFORMANCE_CRITERIA)  # every PC is covered by some criterion


def test_every_criterion_says_what_it_counts() -> None:
    for c in CRITERIA:
        assert c.counts and c.requirement.startswith("In this criterion the learner")


def test_criterion_lookup() -> None:
    assert criterion("2.1").minimum == 5
    with pytest.raises(KeyError, match=r"1\.1, 1\.2"):
        criterion("4.1")


def test_unit_facts() -> None:
    assert (UNIT.code, UNIT.level, UNIT.credit) == ("J/506/1949", 4, 3)
    assert UNIT.nos_code == "M&LA3"
    assert "Simulation is not allowed" in UNIT.assessment


def test_minimum_in_words_is_singular_for_one() -> None:
    assert criterion("2.1").minimum_text == "5 potential networks"
    assert criterion("2.3").minimum_text == "1 network assessed"
    assert criterion("3.4").minimum_text == "1 confidentiality agreement"
    for c in CRITERIA:
        if c.minimum == 1:
            assert not c.minimum_text.endswith("s"), c.id


def test_an_unknown_criterion_is_netkits_own_error_naming_the_valid_ids() -> None:
    from netkit.exceptions import NetkitError, UnknownCriterionError

    with pytest.raises(UnknownCriterionError) as caught:
        criterion("4.1")
    assert isinstance(caught.value, NetkitError) and isinstance(caught.value, KeyError)
    assert caught.value.criterion_id == "4.1"
    assert "1.1" in str(caught.value) and "3.7" in str(caught.value)


# -- the unit's text in full -------------------------------------------------------------
def paragraph_after(document: str, heading: str, stop: str) -> str:
    """The text of ``document`` from just after ``heading`` to just before ``stop``."""
    start = document.index(heading) + len(heading)
    return document[start:document.index(stop, start)].strip()


def test_assessment_requirements_are_quoted_in_full() -> None:
    unit = unit_document("002")
    stated = paragraph_after(unit, "Unit assessment requirements", "Unit assessment guidance")
    assert normalise(UNIT.assessment) == stated
    assert "in accordance with the Skills CFA Assessment Strategy" in UNIT.assessment
    assert "in Annexe A" in UNIT.assessment
    assert UNIT.assessment.endswith("this includes evidence of achievement for "
                                    "knowledge-based learning outcomes and associated "
                                    "assessment criteria.")


def test_assessment_guidance_is_quoted_in_full() -> None:
    unit = unit_document("002")
    stated = unit[unit.index("Unit assessment guidance") + len("Unit assessment guidance"):]
    assert normalise(" ".join(UNIT.assessment_guidance)) == stated.strip()
    assert len(UNIT.assessment_guidance) == 4  # the paragraphs, each whole


def guidance_sections() -> dict[str, str]:
    """Criterion id -> the guidance M&L 25 gives it before "In this criterion ...", as
    the document has it (normalised)."""
    raw = next(UNIT_DOCS.glob("004_*.txt")).read_text(encoding="utf-8")
    found = {}
    for n, c in enumerate(CRITERIA):
        start = raw.index(f"\t{c.id} ") if f"\t{c.id} " in raw else raw.index(f"{c.id} ")
        end = (raw.index(f"\t{CRITERIA[n + 1].id} ") if n + 1 < len(CRITERIA)
               else len(raw))
        section = raw[start:end].split("\n", 1)[1]  # after the criterion's own line
        found[c.id] = normalise(section[:section.index("In this criterion")])
    return found


def test_each_criterions_guidance_is_quoted_in_full() -> None:
    sections = guidance_sections()
    for c in CRITERIA:
        quoted = normalise(" ".join((c.guidance, *c.guidance_points)))
        assert quoted == sections[c.id], c.id
        assert normalise(c.guidance_full) == normalise(
            f"{c.guidance} {'; '.join(c.guidance_points)}"), c.id


@pytest.mark.parametrize(("cid", "phrase"), [
    ("1.1", "Appropriate use of body language is important"),
    ("1.1", "Influencing and persuading skills"),
    ("1.1", "Feeling comfortable and confident in networking situations"),
    ("1.6", "have a Code of Conduct, or Code of Ethics, that members must adhere to"),
    ("3.1", "it is not sufficient merely to exchange personal details and other pertinent "
            "information at a first meeting"),
    ("3.4", "industry or sector legislation, requirements, regulations or policies and "
            "professional codes relevant to networking"),
    ("3.5", "industry or sector legislation, requirements, regulations or policies and "
            "professional codes relevant to networking"),
])
def test_guidance_keeps_what_a_one_sentence_cut_lost(cid: str, phrase: str) -> None:
    assert phrase in criterion(cid).guidance_full


# -- minimums: stated by the guidance, or netkit's default --------------------------------
STATED = ["1.1", "1.6", "2.1", "2.2", "2.3", "3.1", "3.7"]


def test_the_guidance_states_minimums_for_seven_criteria_netkit_defaults_the_rest() -> None:
    guidance = guidance_requirements()
    assert [c.id for c in CRITERIA if c.minimum_stated] == STATED
    for c in CRITERIA:
        says = re.search(r"\b(one|two|three|four|five) or more\b", guidance[c.id])
        assert c.minimum_stated == bool(says), c.id
        if not c.minimum_stated:
            assert c.minimum == 1, c.id
            assert c.minimum_source == "netkit"
            assert "netkit's default of one" in c.minimum_basis
            assert "states no minimum" in c.minimum_basis
        else:
            assert c.minimum_source == "guidance"
            assert "the guidance M&L 25 states" in c.minimum_basis


def guidance_requirements() -> dict[str, str]:
    """Criterion id -> its "In this criterion the learner is required ..." sentence."""
    guidance = unit_document("004")
    return {c.id: next(r for r in re.findall(r"In this criterion the learner is required "
                                             r"[^.]*\.(?: \([^)]*\)\.)?", guidance)
                       if normalise(c.requirement) == r)
            for c in CRITERIA}


def test_about_criterion_says_where_each_minimum_comes_from() -> None:
    from netkit.guide import about_criterion, unit_overview

    assert "netkit&#x27;s default of one" in about_criterion("3.2").html
    assert "the guidance M&amp;L 25 states" not in about_criterion("3.2").html
    assert "the guidance M&amp;L 25 states for this criterion" in about_criterion("2.1").html
    overview = unit_overview().html
    assert f"states a minimum for {', '.join(STATED)} only" in overview
    assert overview.count("netkit&#x27;s default)") == len(CRITERIA) - len(STATED)


# -- 3.6: the guidance's repeated requirement ----------------------------------------------
def test_the_repeated_requirement_under_3_6_is_kept_and_noted() -> None:
    from netkit.guide import about_criterion

    three_three, three_six = criterion("3.3"), criterion("3.6")
    assert three_six.requirement == three_three.requirement  # kept as the guidance has it
    assert "repeats the requirement of 3.3" in three_six.note
    assert [c.id for c in CRITERIA if c.note] == ["3.6"]
    page = about_criterion("3.6").html
    assert "<b>Note from netkit:</b> the guidance M&amp;L 25 repeats the requirement of 3.3" \
        in page
    assert page.index("What the assessor looks for") < page.index("<b>Note from netkit:</b>")
    assert "Note from netkit" not in about_criterion("3.3").html


# -- the NOS mapping ---------------------------------------------------------------------
def test_3_1_maps_to_pc1_and_pc2_and_pc5_is_what_3_3_gained_and_used() -> None:
    from dataclasses import fields

    from netkit.lo3 import Support

    assert criterion("3.1").pcs == ("PC1", "PC2")
    assert [c.id for c in CRITERIA if "PC5" in c.pcs] == ["3.3"]
    assert set(PC_EVIDENCE) == {("3.3", "PC5")}
    assert criterion("3.3").nos == "PC5 (what you gained in return and used)"
    # the part of a 3.3 record that shows PC5 exists: what was gained, and how it was used
    assert {"gained", "used"} <= {f.name for f in fields(Support)}
    assert criterion("3.1").nos == "PC1, PC2"
    assert criterion("1.6").nos == "knowledge G7, S1, C1, C2"
