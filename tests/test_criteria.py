"""The unit as data: criteria 1.1-3.7 quote the unit documents and carry their minimums."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netkit.criteria import (
    BEHAVIOURS,
    CRITERIA,
    OUTCOMES,
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
        assert c.pcs, c.id
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
