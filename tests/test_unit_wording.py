"""Every wording the notebooks quote from the unit is the unit's own, and every status says
what "met" means.

The unit's text is read from ``tests/fixtures/unit`` (copies of the documents in the
project's ``../shared/unit``, which a clean clone in CI does not have); where that folder
is there, the copies are checked against it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit import coverage as coverage_module
from netkit.cli import load_example
from netkit.coverage import MET_MEANS, AssessorDecision, status_json
from netkit.criteria import CRITERIA, OUTCOMES, criterion
from netkit.store import Portfolio

REPO = Path(__file__).resolve().parent.parent
UNIT_DOCS = REPO / "tests" / "fixtures" / "unit"
SHARED_UNIT = REPO.parent / "shared" / "unit"  # the project's originals, outside the repo
NOTEBOOKS = REPO / "notebooks"
WORKBOOK = sorted(NOTEBOOKS.glob("0[0-4]-*.ipynb"))
# every notebook netkit ships: the workbook, the tutor's and the assessor's
SHIPPED = sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in str(p))
CID = r"[123]\.[1-7]"
RunCli = Callable[..., Any]  # conftest's run_cli: netkit's main, its output captured


def normalise(text: str) -> str:
    """Text as extracted from the documents: curly quotes, markdown emphasis, spacing."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("*", "")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r" ([;,.:])", r"\1", " ".join(text.split()))


def document(prefix: str) -> str:
    found = sorted(UNIT_DOCS.glob(f"{prefix}_*.txt"))
    assert len(found) == 1, f"expected one unit document {prefix}_*.txt in {UNIT_DOCS}"
    return found[0].read_text(encoding="utf-8")


def unit_outcomes() -> dict[int, str]:
    """Learning outcome number -> its wording, from the unit's table."""
    found = re.findall(r"^([123]) ((?:Understand|Be able)[^\t]+)\t", document("002"), re.M)
    return {int(n): normalise(text) for n, text in found}


def unit_criteria() -> dict[str, str]:
    """Criterion id -> its wording, from the unit's table of learning outcomes."""
    text = document("002")
    table = text[text.index("Learning outcomes\tAssessment criteria"):
                 text.index("Unit amplification")]
    found = {}
    for line in re.sub(r"</?p>", "\n", table).splitlines():
        cell = line.split("\t")[-1]
        for cid, words in re.findall(rf"(?:^|\s)({CID}) (.+?)(?=\s+{CID} [A-Z]|$)", cell):
            found[cid] = normalise(words)
    return found


def unit_text() -> str:
    """The three documents as one normalised text."""
    return " ".join(normalise(document(p)) for p in ("002", "003", "004"))


def markdown(path: Path) -> list[str]:
    """The markdown cells of a notebook, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def notebook(stem: str) -> list[str]:
    return markdown(NOTEBOOKS / f"{stem}.ipynb")


def sections(path: Path) -> Iterator[tuple[list[tuple[str, str]], str]]:
    """Each markdown line with the criteria of the heading it falls under:
    ``([("3.4", "Establish ..."), ("3.5", "Agree ...")], line)``."""
    under: list[tuple[str, str]] = []
    for cell in markdown(path):
        for line in cell.splitlines():
            heading = re.match(rf"#{{1,4}} ({CID} .*)$", line)
            if heading:
                under = re.findall(rf"({CID}) (.+?)(?=, and {CID} |$)", heading.group(1))
            yield under, line


# -- the copies the tests read ---------------------------------------------------------
def test_the_unit_documents_are_the_tests_copies() -> None:
    assert len(list(UNIT_DOCS.glob("00[234]_*.txt"))) == 3
    if not SHARED_UNIT.is_dir():
        pytest.skip(f"{SHARED_UNIT} is not here (a clean clone): the copies are the source")
    for original in sorted(SHARED_UNIT.glob("*.txt")):
        copy = UNIT_DOCS / original.name
        assert copy.is_file(), f"{original.name} has no copy in {UNIT_DOCS}"
        assert copy.read_bytes() == original.read_bytes(), f"{copy} differs from {original}"


def test_the_unit_is_read_whole() -> None:
    assert list(unit_outcomes()) == [1, 2, 3]
    assert list(unit_criteria()) == [c.id for c in CRITERIA]
    assert {c.id: normalise(c.text) for c in CRITERIA} == unit_criteria()
    assert {o.number: normalise(o.text) for o in OUTCOMES} == unit_outcomes()


# -- learning outcomes and criteria, as the notebooks quote them -------------------------
@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_notebook_quotes_its_learning_outcome_as_the_unit_words_it(number: int) -> None:
    first = notebook(Path(OUTCOMES[number - 1].notebook).stem)[0]
    assert first.startswith(f"# Learning outcome {number}:")
    quoted = re.search(r"^\*([^*]+?)\.?\*", first.splitlines()[2])
    assert quoted, f"notebook for learning outcome {number} quotes no outcome under its title"
    assert normalise(quoted.group(1)) == unit_outcomes()[number]


def test_notebook_02_quotes_learning_outcome_2_word_for_word() -> None:
    assert ("*Be able to identify professional networks for development.*"
            in notebook("02-identify-networks")[0])


def test_every_criterion_heading_is_the_units_wording() -> None:
    units = unit_criteria()
    headed: set[str] = set()
    for path in SHIPPED:
        for cell in markdown(path):
            for line in cell.splitlines():
                heading = re.match(rf"#{{1,4}} ({CID} .*)$", line)
                if not heading:
                    continue
                for cid, text in re.findall(rf"({CID}) (.+?)(?=, and {CID} |$)",
                                            heading.group(1)):
                    assert normalise(text) == units[cid], (path.name, cid, text)
                    headed.add(cid)
    assert headed == set(units)  # every criterion has a heading somewhere


def test_what_a_verb_asks_quotes_the_criterions_words() -> None:
    checked = 0
    for path in WORKBOOK:
        for under, line in sections(path):
            for quoted in re.findall(r'\*\*What ((?:"[^"]+"(?: and )?)+) asks?\.\*\*', line):
                words = " ".join(normalise(text).casefold() for _, text in under)
                for phrase in re.findall(r'"([^"]+)"', quoted):
                    for piece in phrase.split(" ... "):
                        assert piece.casefold() in words, (path.name, under, piece)
                        checked += 1
    assert checked >= 10


# -- passages quoted from the unit's documents -------------------------------------------
def quotations(text: str) -> list[str]:
    """Passages of eight words or more in double quotes (straight or curly)."""
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return [q for q in re.findall(r'"([^"\n]+)"', text) if len(q.split()) >= 8]


def looks_like_the_unit(passage: str, unit: str) -> bool:
    """Half or more of the passage's four-word runs are in the unit's documents."""
    words = normalise(passage).casefold().split()
    runs = [" ".join(words[i:i + 4]) for i in range(len(words) - 3)]
    return sum(run in unit for run in runs) * 2 >= len(runs)


def test_every_passage_quoted_from_the_unit_is_word_for_word() -> None:
    unit = unit_text()
    folded = unit.casefold()
    found = []
    for path in SHIPPED:
        for cell in markdown(path):
            for passage in quotations(cell):
                if looks_like_the_unit(passage, folded):
                    found.append(passage)
                    text = normalise(passage).rstrip(".")
                    assert text in unit or text[0].upper() + text[1:] in unit, (
                        path.name, passage)
    # the guidance quoted in notebooks 03 and 04 is found (the check is not vacuous)
    assert len(found) >= 4
    assert any("not sufficient merely to exchange personal details" in q for q in found)


def test_every_italic_passage_that_reads_like_the_unit_is_word_for_word() -> None:
    unit = unit_text().casefold()
    found = []
    for path in SHIPPED:
        for cell in markdown(path):
            for italic in re.findall(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])", cell):
                passage = italic.strip(' ."\u201c\u201d')
                if len(passage.split()) >= 4 and looks_like_the_unit(passage, unit):
                    found.append(passage)
                    assert normalise(passage).casefold() in unit, (path.name, passage)
    assert "simulation is not allowed" in found  # notebook 00's, checked with the rest
    assert len(found) >= 8


def test_the_unit_and_standard_titles_are_quoted_as_they_are() -> None:
    unit = unit_text()
    titles = [title for path in SHIPPED for cell in markdown(path)
              for title in re.findall(r'(?:J/506/1949|M&LA3|M&L 25)\** "([^"]+)"', cell)]
    assert "Develop and Maintain Professional Networks" in titles
    assert "Develop your personal networks" in titles
    for title in titles:
        assert normalise(title) in unit, title


def test_a_paraphrase_in_quotes_is_caught() -> None:
    unit = unit_text()
    misquote = ("Witness testimony from colleagues and the line manager should be used to "
                "confirm that the learner has met the requirements")
    assert looks_like_the_unit(misquote, unit.casefold())
    assert normalise(misquote) not in unit


# -- minimums: the guidance's, or netkit's default ---------------------------------------
STATED = [c.id for c in CRITERIA if c.minimum_stated]


def test_notebook_00_names_the_criteria_whose_minimum_the_guidance_states() -> None:
    text = normalise(" ".join(notebook("00-start-here")))
    named = re.search(r"states a minimum for ([0-9., and]+?) only", text)
    assert named, "notebook 00 does not say which minimums the guidance states"
    assert re.findall(CID, named.group(1)) == STATED
    assert "the minimum of one is netkit's default" in text


def test_no_notebook_cites_the_guidance_for_a_minimum_it_does_not_state() -> None:
    for path in WORKBOOK:
        for under, line in sections(path):
            for cid, _ in under:
                if criterion(cid).minimum_stated:
                    continue
                for sentence in re.split(r"(?<=[.:;])\s", line):
                    cites = re.search(r"\b(guidance|assessor)\b", sentence) and re.search(
                        r"\b(one|two|three|four|five) or more\b", sentence)
                    assert not cites, (path.name, cid, sentence)


# -- "met" is the minimum recorded, not the assessor's decision ------------------------------
@pytest.fixture
def example(portfolio: Portfolio) -> Portfolio:
    """The fictional example learner: every criterion met."""
    load_example(portfolio)
    return portfolio


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(page: str) -> str:
    """What an HTML page says: tags dropped, entities read, spacing collapsed."""
    return flat(html.unescape(re.sub(r"<[^>]+>", "", page)))


def test_netkit_status_says_what_met_means(run_cli: RunCli, example: Portfolio) -> None:
    run = run_cli("status")
    assert run.code == 0, run.err
    assert "met means the minimum evidence is recorded" in flat(run.out)
    assert "it is not the assessor's decision" in flat(run.out)
    assert f"minimum for {', '.join(STATED)};" in flat(run.out)
    assert "assessor:" not in run.out  # no decision loaded: nothing beside the status


def test_status_json_says_where_each_minimum_comes_from(example: Portfolio) -> None:
    data = status_json(example)
    assert data["met_means"] == MET_MEANS
    rows = {r["id"]: r for r in data["criteria"]}
    for c in CRITERIA:
        assert rows[c.id]["minimum_source"] == ("guidance" if c.minimum_stated else "netkit")
        assert rows[c.id]["assessor"] is None
        assert rows[c.id]["status"] == "met"


def test_a_status_line_says_met_is_not_the_assessors_decision(example: Portfolio) -> None:
    from netkit.widgets.views import status_html

    line = shown(status_html(example, "3.2"))
    assert "Criterion 3.2: met" in line
    assert "Met means the minimum is recorded; it is not the assessor's decision." in line
    assert "(minimum 1), netkit's default: the guidance states no minimum." in line
    assert "(minimum 5), the guidance M&L 25's minimum." in shown(status_html(example, "2.1"))
    with Portfolio.open(example.path.with_name("empty.sqlite")) as empty:
        assert "Met means" not in shown(status_html(empty, "2.1"))  # said only when met


def test_progress_and_pack_say_what_met_means(example: Portfolio) -> None:
    import datetime as dt

    from netkit.pack import evidence_pack
    from netkit.progress_view import progress_html

    progress = shown(progress_html(example))
    assert "16 of 16 criteria met (the minimum evidence recorded; not the assessor's " \
           "decision)" in progress
    assert MET_MEANS[1:] in progress
    pack = evidence_pack(example, {}, date=dt.date(2026, 11, 30), redaction="none")
    grid = shown(pack[pack.index('id="coverage"'):])
    assert "Met means the minimum evidence is recorded" in grid
    assert "it is not the assessor's decision" in grid
    assert "PC5 (what you gained in return and used)" in grid


def test_the_tutors_cohort_view_says_what_met_means(example: Portfolio) -> None:
    from netkit.cohort import heat_map_html, read_cohort

    page = shown(heat_map_html(read_cohort([example.path])))
    assert "Met means the minimum evidence is recorded" in page
    assert "it is not the assessor's decision" in page


def test_notebook_00_says_met_is_not_the_assessors_decision() -> None:
    text = normalise(" ".join(notebook("00-start-here")))
    assert "Met is netkit's count, not your assessor's decision" in text


# -- the assessor's loaded decision shows beside the status ------------------------------
@pytest.fixture
def decided(example: Portfolio) -> Portfolio:
    """The example with an assessor's decision on 2.1 loaded, as ``netkit feedback load``
    keeps it in the learner's portfolio."""
    from netkit.assess import LoadedDecision

    example.save(LoadedDecision(criterion="2.1", outcome="not yet met",
                                feedback="say which needs each network serves",
                                decided_on="2026-11-28", export="ab" * 32, assessor="Helen Marsh",
                                learner="Priya Shah"))
    return example


def test_the_one_place_statuses_read_decisions_from_reads_what_was_loaded(
        decided: Portfolio) -> None:
    assert coverage_module.assessor_decisions(decided) == {
        "2.1": AssessorDecision("not yet met", "say which needs each network serves",
                                "2026-11-28", "Helen Marsh")}


SAID = ("assessor: not yet met - say which needs each network serves "
        "(28 Nov 2026, Helen Marsh)")


def test_netkit_status_shows_the_assessors_decision_beside_the_status(
        run_cli: RunCli, decided: Portfolio) -> None:
    lines = run_cli("status").out.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("2.1  met"))
    assert lines[row + 1] == f"      {SAID}"
    assert sum("assessor: " in line for line in lines) == 1


def test_status_json_carries_the_assessors_decision(decided: Portfolio) -> None:
    rows = {r["id"]: r for r in status_json(decided)["criteria"]}
    assert rows["2.1"]["status"] == "met"  # netkit's count stays what it is
    assert rows["2.1"]["assessor"] == {"outcome": "not yet met",
                                       "feedback": "say which needs each network serves",
                                       "date": "2026-11-28", "assessor": "Helen Marsh"}
    assert rows["2.2"]["assessor"] is None


def test_status_line_progress_and_pack_show_the_assessors_decision(
        decided: Portfolio) -> None:
    import datetime as dt

    from netkit.pack import evidence_pack
    from netkit.progress_view import progress_html
    from netkit.widgets.views import status_html

    assert SAID in shown(status_html(decided, "2.1"))
    assert "assessor:" not in status_html(decided, "2.2")
    progress = progress_html(decided)
    assert "<th>Assessor&#x27;s decision</th>" in progress
    assert SAID.removeprefix("assessor: ") in shown(progress)
    pack = evidence_pack(decided, {}, date=dt.date(2026, 11, 30), redaction="none")
    assert SAID in shown(pack[pack.index('id="coverage"'):])
