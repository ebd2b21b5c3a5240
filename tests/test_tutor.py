"""The tutors' workshop sessions: six facilitator's guides covering the unit's 15 hours,
their handouts, and ``netkit export --tutor``."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_notebooks import execute, outputs  # the workbook's notebook-test helpers

import netkit.charts
import netkit.widgets
from netkit import tutor_view
from netkit.cli import load_example
from netkit.coverage import standing
from netkit.criteria import BEHAVIOURS, CRITERIA, UNIT, criterion, knowledge_for
from netkit.exceptions import UnknownSessionError
from netkit.handouts import example_records, handout_pages
from netkit.lo3 import Agreement
from netkit.model import Network, Witness
from netkit.store import Portfolio
from netkit.tutor import HANDOUTS, SESSIONS, VERB_PAIRS, session

REPO = Path(__file__).resolve().parent.parent
TUTOR = REPO / "notebooks" / "tutor"
IDS = [c.id for c in CRITERIA]


def text_of(page: str) -> str:
    """What an HTML fragment says: tags dropped, entities read, spacing collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


class Structure(HTMLParser):
    """Headings in order, and every table's caption and header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables: list[dict[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append({"caption": 0, "th": 0, "thead": 0})
        elif tag in ("caption", "th", "thead") and self.tables:
            self.tables[-1][tag] += 1


# -- the sessions as data ----------------------------------------------------------------
def test_the_sessions_add_up_to_the_units_guided_learning_hours() -> None:
    assert [s.number for s in SESSIONS] == [1, 2, 3, 4, 5, 6]
    assert [s.hours for s in SESSIONS] == [3, 3, 3, 3, 2, 1]
    assert sum(s.hours for s in SESSIONS) == UNIT.guided_learning_hours == 15
    table = html.unescape(tutor_view.sessions_table().html)
    assert "The workshop sessions: 15 hours, the unit's 15 guided learning hours" in table
    assert re.search(r"<th scope=\"row\">Total</th><td></td><td>15 hours</td>", table)


@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_each_running_order_adds_up_to_its_session(number: int) -> None:
    s = session(number)
    assert sum(step.minutes for step in s.steps) == s.hours * 60
    assert all(step.minutes > 0 for step in s.steps)
    # the table as rendered: its minutes column, and its total row, add up to the hours
    page = tutor_view.running_order(number).html
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    minutes = [int(m) for m in re.findall(r"</th><td>(\d+)</td>", body)]
    assert len(minutes) == len(s.steps)
    assert sum(minutes) == s.hours * 60
    total = re.search(r"<tfoot><tr><th[^>]*>Total</th><td>(\d+)</td>", page)
    assert total and int(total.group(1)) == s.hours * 60
    starts = re.findall(r'<th scope="row">(\d+):(\d\d)</th>', body)
    assert [int(h) * 60 + int(m) for h, m in starts] == \
        [sum(st.minutes for st in s.steps[:n]) for n in range(len(s.steps))]


def test_every_criterion_is_the_aim_of_at_least_one_session() -> None:
    aimed = {cid for s in SESSIONS for cid in s.criteria}
    assert aimed == set(IDS)
    for s in SESSIONS:
        for aim in s.aims:
            assert aim.criteria or aim.whole_unit, (s.number, aim.text)
            assert set(aim.criteria) <= set(IDS)
        for step in s.steps:
            assert set(step.criteria) <= set(IDS), (s.number, step.title)


@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_aims_quote_each_criterion_as_the_unit_words_it(number: int) -> None:
    page = text_of(tutor_view.aims(number).html)
    for cid in session(number).criteria:
        assert f"{cid} {criterion(cid).text}" in page
    if any(a.whole_unit for a in session(number).aims):
        assert "Simulation is not allowed for this unit." in page
    for cid in session(number).criteria:  # what of the standard each one evidences
        for n in criterion(cid).behaviours:
            assert f"{n}. {BEHAVIOURS[n]}" in page
        for item, words in knowledge_for(cid):
            assert f"{item} {words}" in page


def runs(text: str, n: int = 5) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_the_guides_never_retype_the_units_wording() -> None:
    """Criteria are quoted from netkit.criteria only: no aim, step, prompt or summary
    repeats five words running of any criterion's wording."""
    wording = set().union(*(runs(c.text) for c in CRITERIA))
    for s in SESSIONS:
        texts = [s.summary, *s.prompts, *(a.text for a in s.aims),
                 *(f"{st.title} {st.how}" for st in s.steps)]
        for text in texts:
            assert not runs(text) & wording, (s.number, runs(text) & wording, text)


@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_every_command_verb_of_a_session_has_its_pair_of_answers(number: int) -> None:
    s = session(number)
    page = tutor_view.verb_pairs(number).html
    shown = text_of(page)
    assert s.verbs
    for verb in s.verbs:
        assert f"<h3>{verb[0].upper() + verb[1:]}</h3>" in page
    for cid in s.criteria:
        pair = VERB_PAIRS[cid]
        for words in (pair.passes, pair.referred, pair.why_passes, pair.why_referred):
            assert " ".join(words.split()) in shown
        assert f"{cid} {criterion(cid).text}" in shown  # the table's caption


# What tells the passing answer from the referred one, by command verb: the reasons of an
# explanation, the conclusion of an evaluation or analysis, the judgement of an assessment;
# for the rest (and describe), dated or counted evidence from the learner's own work.
MARKS = {"explain": r"\bbecause\b", "evaluate": r"\b(conclusion|on balance)\b",
         "assess": r"\b(judge|judgement)\b", "analyse": r"\bconclusion\b"}


def test_every_criterion_has_a_pair_that_shows_what_its_verb_asks() -> None:
    assert list(VERB_PAIRS) == IDS
    for cid, pair in VERB_PAIRS.items():
        assert pair.criterion == cid
        mark = MARKS.get(criterion(cid).verb, r"\d")
        assert re.search(mark, pair.passes, re.IGNORECASE), (cid, mark)
        assert not re.search(mark, pair.referred, re.IGNORECASE), (cid, mark)
        # a passing answer is the more specific: longer than the referred one
        assert len(pair.passes.split()) > len(pair.referred.split())


def test_what_learners_save_follows_the_criteria_data(portfolio: Portfolio) -> None:
    for s in SESSIONS:
        assert s.saved
        page = text_of(tutor_view.saved(s.number).html)
        for item in s.saved:
            c = criterion(item.criterion)
            # a session asks for what it aims at, with the criterion's own minimum
            assert item.criterion in s.criteria, (s.number, item.criterion)
            assert f"{c.minimum_text} (" in page
            assert c.notebook in page


@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_saved_by_the_end_reads_the_portfolio(number: int, portfolio: Portfolio) -> None:
    empty = text_of(tutor_view.saved(number, portfolio).html)
    load_example(portfolio)
    full = text_of(tutor_view.saved(number, portfolio).html)
    for item in session(number).saved:
        now = standing(portfolio, item.criterion)
        assert now.status == "met"  # the example learner has saved all of it
        assert f"met: {now.count} of {now.minimum}" in full
        assert f"missing: 0 of {now.minimum}" in empty
    assert "not the assessor's decision" in full


def test_every_form_a_step_uses_is_one_of_the_workbooks() -> None:
    for s in SESSIONS:
        assert s.forms, s.number  # every session uses the workbook live
        for form in s.forms:
            assert tutor_view.FORM_LABELS[form]  # a guide names it in words, not code
            if form == "progress":
                continue
            if form.startswith("LiveChart:"):
                assert callable(getattr(netkit.charts, form.split(":", 1)[1]))
            else:
                assert isinstance(getattr(netkit.widgets, form), type), form


def test_the_activities_the_issue_names_are_there() -> None:
    three = session(3)
    lists = next(st for st in three.steps if "NetworksForm" in st.forms)
    assert "five" in lists.title.lower()
    pairs = next(st for st in three.steps if "LiveChart:sensitivity" in st.forms)
    assert "ShortlistForm" in pairs.forms and "pairs" in pairs.title.lower()
    four = session(4)
    assert any("AgreementForm" in st.forms for st in four.steps)
    assert any("IntroductionForm" in st.forms for st in four.steps)
    assert "agreement-template" in four.handouts
    assert "witness-letter" in session(5).handouts


@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_a_guide_is_accessible_html(number: int, portfolio: Portfolio) -> None:
    load_example(portfolio)
    parsed = Structure()
    parsed.feed(tutor_view.guide_html(number, portfolio))
    assert parsed.headings[0] == 1 and parsed.headings.count(1) == 1
    for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
        assert after <= before + 1, parsed.headings  # never skips a level going down
    assert parsed.tables
    for table in parsed.tables:
        assert table == {**table, "caption": 1, "thead": 1} and table["th"] >= 2


def test_an_unknown_session_says_which_there_are() -> None:
    with pytest.raises(UnknownSessionError, match="sessions 1, 2, 3, 4, 5, 6") as caught:
        session(7)
    assert caught.value.number == "7"


def test_criteria_labels_read_as_runs() -> None:
    assert tutor_view.criteria_label(["2.1", "2.2", "2.3"]) == "2.1-2.3"
    assert tutor_view.criteria_label(["1.3", "1.5"]) == "1.3, 1.5"
    assert tutor_view.criteria_label(["1.6", "2.1"]) == "1.6, 2.1"
    assert tutor_view.criteria_label(IDS) == "1.1-3.7 (all)"


# -- the notebooks -------------------------------------------------------------------------
def test_each_session_has_its_generated_notebook() -> None:
    assert sorted(p.stem for p in TUTOR.glob("session-*.ipynb")) == \
        sorted(s.slug for s in SESSIONS)
    for s in SESSIONS:
        cells = json.loads((TUTOR / f"{s.slug}.ipynb").read_text("utf-8"))["cells"]
        sources = ["".join(c["source"]) for c in cells]
        assert sources[0].startswith(f"# Session {s.number}: {s.title}")
        for form in s.forms:
            assert tutor_view.form_code(form) in sources, (s.slug, form)
        for part in ("aims", "running_order", "prompts", "verb_pairs", "handouts"):
            assert f"guide.{part}({s.number})" in sources
        assert f"guide.saved({s.number}, portfolio)" in sources


GUIDES = sorted(TUTOR.glob("session-*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_a_guide_runs_on_an_empty_portfolio(path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty.sqlite"
    nb = execute(path, empty, monkeypatch)
    found, text = outputs(nb)
    assert not [out for out in found if out.output_type == "error"]
    assert "Traceback" not in text
    assert "Running order" in text and "Would pass" in text
    with Portfolio.open(empty, create=False) as opened:
        assert opened.count() == 0  # showing a guide saves nothing


@pytest.mark.slow
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_a_guide_runs_on_the_example_learner(path: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    example = tmp_path / "example.sqlite"
    with Portfolio.open(example) as opened:
        load_example(opened)
        before = opened.dump()["records"]
        networks = [n.name for n in opened.all(Network)]
    nb = execute(path, example, monkeypatch)
    found, text = outputs(nb)
    assert not [out for out in found if out.output_type == "error"]
    shown = text_of(text)
    s = next(s for s in SESSIONS if s.slug == path.stem)
    for item in s.saved:
        assert re.search(rf"{re.escape(item.criterion)} .*? met: \d+ of \d+", shown)
    if "NetworksForm" in s.forms:  # the live forms show the example learner's answers
        for name in networks:
            assert html.unescape(name) in shown
    with Portfolio.open(example, create=False) as opened:
        assert opened.dump()["records"] == before


# -- handouts and the export ---------------------------------------------------------------
def test_the_handouts_come_from_the_example_learner(tmp_path: Path) -> None:
    import datetime as dt

    with example_records(tmp_path) as example:
        witness = example.all(Witness)[0]
        agreement = example.all(Agreement)[0]
        pages = dict(handout_pages(example, date=dt.date(2026, 11, 30)))
    assert list(pages) == list(HANDOUTS)
    letter = text_of(pages["witness-letter"])
    assert f"Dear {witness.name}," in letter
    assert "What a witness statement is for" in letter  # DOCS12's briefing, reused
    assert "How your details are used (UK GDPR)" in letter
    assert "14 Dec 2026" in letter  # the signed copy back within two weeks
    for cid in witness.criteria:
        assert f"{cid} {criterion(cid).text}" in letter
    template = text_of(pages["agreement-template"])
    assert f"Confidentiality agreement: {agreement.title}" in template
    assert agreement.legal_basis.split(":")[0] in template


@pytest.fixture(scope="module")
def tutor_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One ``netkit export --tutor`` (HTML and PDF, on the example learner)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path_factory.mktemp("tutor-export") / "out"
    done = subprocess.run([sys.executable, "-m", "netkit", "export", "--tutor", "--out",
                           str(out)], capture_output=True, text=True, timeout=900, check=False,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_export_tutor_writes_every_guide_and_handout(tutor_export: tuple[Path, str]) -> None:
    out, stdout = tutor_export
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    stems = [s.slug for s in SESSIONS] + ["cohort"] + list(HANDOUTS)
    for stem in stems:
        for kind in ("html", "pdf"):
            assert f"{stem}.{kind}" in manifest["files"], stem
            assert (out / f"{stem}.{kind}").is_file()
            assert f"{stem}.{kind}" in stdout
    assert manifest["example"] is True
    assert not (out / "evidence-pack.html").exists()  # not a learner's evidence
    page = (out / "session-3-identify-networks.html").read_text("utf-8")
    assert "<script" not in page
    assert "Running order" in page


@pytest.mark.slow
@pytest.mark.parametrize("number", [s.number for s in SESSIONS])
def test_an_exported_guides_pdf_carries_its_title(tutor_export: tuple[Path, str],
                                                  number: int) -> None:
    s = session(number)
    text = pdf_text(tutor_export[0] / f"{s.slug}.pdf")
    assert f"Session {s.number}: {' '.join(s.title.split()[:4])}" in text
    assert "EXAMPLE" in text
    assert "Would pass" in text


@pytest.mark.slow
def test_the_exported_handouts_read_as_letters(tutor_export: tuple[Path, str]) -> None:
    letter = pdf_text(tutor_export[0] / "witness-letter.pdf")
    assert "Dear Mark Ellis" in letter
    assert "What a witness statement is for" in letter
    template = pdf_text(tutor_export[0] / "agreement-template.pdf")
    assert "Confidentiality agreement template" in template
    assert "Signature" in template


def test_export_tutor_refuses_options_it_does_not_take(run_cli: Any) -> None:
    done = run_cli("export", "--tutor", "--notebooks", "00")
    assert done.code == 2
    assert "--tutor" in done.err and "--notebooks" in done.err


@pytest.mark.slow
def test_export_tutor_runs_the_guides_on_the_portfolio_it_is_given(tmp_path: Path) -> None:
    """For a one-to-one review: the guides on one learner's portfolio (the partial example
    learner here), the handouts still the example learner's models."""
    from netkit.tutor_export import default_tutor_out, export_tutor

    learner = tmp_path / "jordan.sqlite"
    with Portfolio.open(learner) as opened:
        load_example(opened, source=REPO / "data" / "example-partial.json")
        before = opened.dump()["records"]
        status = standing(opened, "3.6").status
    result = export_tutor(learner, out=tmp_path / "out", formats=("html",), progress=False)
    review = text_of((result.folder / "session-6-one-to-one-review.html").read_text("utf-8"))
    assert "Jordan Blake" in review and "Priya Shah" not in review
    assert re.search(rf"3\.6 .*? {status}: 0 of 1", review)
    letter = text_of((result.folder / "witness-letter.html").read_text("utf-8"))
    assert "Priya Shah" in letter  # the handouts are the example learner's models
    assert not list(result.folder.glob("*.pdf"))
    with Portfolio.open(learner, create=False) as opened:
        assert opened.dump()["records"] == before  # read, never written
    import datetime as dt

    assert default_tutor_out(tmp_path, dt.date(2026, 11, 30)).name == "tutor-2026-11-30"


def test_export_tutor_on_a_portfolio_that_is_not_there_says_so(run_cli: Any,
                                                               tmp_path: Path) -> None:
    missing = tmp_path / "nobody.sqlite"
    done = run_cli("export", "--tutor", "--format", "html", "--portfolio", str(missing),
                   "--out", str(tmp_path / "out"))
    assert done.code == 2
    assert str(missing) in " ".join(done.err.split())
    assert "Traceback" not in done.err
    assert not missing.exists() and not (tmp_path / "out").exists()
