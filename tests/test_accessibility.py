"""Accessibility of every page netkit writes for people to read (issue 14).

One export of the example learner (HTML, every notebook, the evidence pack, the agreement),
the witness statement (``netkit witness-statement``), the assessor's decision record
(``netkit feedback --out``), the cohort page (``netkit cohort --html``) and the tutors'
export (``netkit export --tutor``: session guides and handouts) are checked with axe-core
(axe-playwright-python ships it: nothing is fetched) in Debian's Chromium: no violation of
moderate impact or above. Beside axe: each chart's text alternative states its numbers,
status is said in words as well as colours, the charts' series differ by more than
colour, and an exported PDF carries its title and language and is tagged.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit import assess
from netkit.cli import load_example
from netkit.cli import main as netkit_main
from netkit.export import export
from netkit.store import Portfolio

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
PARTIAL = REPO / "data" / "example-partial.json"  # the second example learner, behind
SERIOUS = {"moderate", "serious", "critical"}
# every page kind the tests look at (name -> the file, in the fixture's folder)
NOTEBOOKS = ["00-start-here", "01-principles-of-networking", "02-identify-networks",
             "03-maintain-networks", "04-evidence"]
PAGES = [*(f"{stem}.html" for stem in NOTEBOOKS), "evidence-pack.html", "agreement-1.html",
         "witness-statement.html", "decision-record.html", "cohort.html"]


def _chromium() -> str:
    from netkit.pdf import find_chromium

    try:
        return find_chromium()
    except Exception as exc:
        pytest.skip(f"no Chromium: {exc}")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every page, written once for the module: name -> file."""
    base = tmp_path_factory.mktemp("a11y")
    learner = base / "learner" / "portfolio.sqlite"
    with Portfolio.open(learner) as portfolio:
        load_example(portfolio)
    done = export(learner, out=base / "export", formats=("html",), root=REPO,
                  progress=False)
    found = {p.name: p for p in done.files if p.suffix == ".html"}
    # the assessor judges two criteria of that export, and writes the decision record
    from netkit.widgets.review import open_review

    assessor = base / "assessor" / "assessor-portfolio.sqlite"
    review = open_review(done.folder, assessor)
    try:
        for cid, outcome, feedback in (("1.1", "met", "Clear, dated evidence."),
                                       ("3.1", "not yet met", "Add the meeting's minutes.")):
            form = review.criterion(cid)
            form.fields["outcome"].value = outcome
            form.fields["qualities"].value = (assess.QUALITIES if outcome == "met"
                                              else ("valid",))
            form.fields["feedback"].value = feedback
            form.fields["assessor"].value = "Sam Jones"
            form.fields["decided_on"].value = "30/11/2026"
            form.save()
    finally:
        review.portfolio.close()
    commands = {
        "witness-statement.html": ["witness-statement", "Mark Ellis (fictional)"],
        "decision-record.html": ["feedback", "--assessor-portfolio", str(assessor)],
        "cohort.html": ["cohort", str(learner), str(PARTIAL)],  # met, partial, missing
    }
    for name, argv in commands.items():
        target = base / name
        flag = "--html" if argv[0] == "cohort" else "--out"
        assert netkit_main(["--portfolio", str(learner), *argv, flag, str(target)]) == 0
        found[name] = target
    try:  # the tutors' export: their session guides, the cohort notebook, the handouts
        from netkit.tutor_export import export_tutor
    except ImportError:  # not in this checkout
        return found
    tutor = export_tutor(None, out=base / "tutor", formats=("html",), progress=False,
                         root=REPO)
    found.update({f"tutor {p.name}": p for p in tutor.files if p.suffix == ".html"})
    return found


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    """One headless Chromium page for the module, offline, like the exports' printer."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            context = browser.new_context(offline=True, viewport={"width": 1280,
                                                                  "height": 900})
            yield context.new_page()
        finally:
            browser.close()


def axe_violations(page: Any, path: Path) -> list[dict[str, Any]]:
    """axe-core's violations on the file (every rule axe runs by default, WCAG 2.2 AA and
    best practice), each with its impact and the elements at fault."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(path.as_uri(), wait_until="load")
    results = Axe().run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; first: "
                     f"{v['nodes'][0]['target']}" for v in violations)


def test_axe_core_is_the_copy_inside_the_python_package() -> None:
    """Nothing is fetched: axe-core's script is a file of the installed package."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    head = script.read_text(encoding="utf-8")[:200]
    found = re.search(r"axe v(\d+)\.(\d+)", head)
    assert found, head
    assert (int(found[1]), int(found[2])) >= (4, 8)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violation_of_moderate_impact_or_above(
        name: str, pages: dict[str, Path], browser_page: Any) -> None:
    violations = axe_violations(browser_page, pages[name])
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, f"{name}:\n{describe(serious)}"


def test_the_tutors_export_has_no_axe_violation_of_moderate_impact_or_above(
        pages: dict[str, Path], browser_page: Any) -> None:
    """``netkit export --tutor``: the session guides, the cohort notebook, the handouts."""
    handouts = {name: path for name, path in pages.items() if name.startswith("tutor ")}
    if not handouts:
        pytest.skip("no tutors' export in this checkout (netkit.tutor_export)")
    assert {"tutor witness-letter.html", "tutor agreement-template.html"} <= set(handouts)
    found = {name: [v for v in axe_violations(browser_page, path) if v["impact"] in SERIOUS]
             for name, path in handouts.items()}
    assert not any(found.values()), "\n".join(f"{n}:\n{describe(v)}" for n, v in found.items()
                                              if v)


def test_every_page_names_its_language_and_title(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        text = path.read_text(encoding="utf-8")
        assert re.search(r"<html[^>]* lang=['\"]en", text), name
        title = re.search(r"<title>([^<]+)</title>", text)
        assert title and title[1].strip(), name


def test_every_chart_in_the_export_says_its_numbers_in_its_text_alternative(
        pages: dict[str, Path]) -> None:
    """Each chart's alt text names what it shows with its figures, not just "a chart"."""
    alts: list[str] = []
    for stem in NOTEBOOKS:
        page = pages[f"{stem}.html"].read_text(encoding="utf-8")
        alts += list(re.findall(r'<img[^>]*\balt="([^"]*)"', page))
        assert not re.search(r"<img(?![^>]*\balt=)[^>]*>", page), f"{stem}: an image without alt"
    assert len(alts) >= 5, alts  # 2.1, 2.2 (sensitivity), 2.3, 3.1 and 3.7 charts
    for alt in alts:
        assert len(alt) > 60 and re.search(r"\d", alt), alt
    joined = " ".join(alts)
    # the needs matrix, need by need; the sensitivity chart, criterion by criterion
    assert re.search(r"N1 [^:]+: [^;]+ \d", joined), joined[:500]
    assert re.search(r"now \d+%, top network", joined), joined[:500]


def test_the_ranking_chart_text_alternative_gives_every_networks_score(
        pages: dict[str, Path]) -> None:
    from netkit import charts

    with Portfolio.open(pages["cohort.html"].parent / "learner" / "portfolio.sqlite",
                        read_only=True) as portfolio:
        inputs = charts.ranking.data(portfolio)
        alt = charts.alt_text(charts.ranking(portfolio))
    ranked = inputs.ranked()
    assert len(ranked) >= 3
    for r in ranked:
        assert f"{r.rank}. {inputs.names[r.network]} {r.score:.2f}" in alt


def test_status_is_said_in_words_wherever_it_is_coloured(
        pages: dict[str, Path], tmp_path: Path) -> None:
    """A row or cell coloured met / partial / missing also says it in words: the progress
    tables (notebooks 00 and 04), the evidence pack's grid and the cohort page, for the
    learner who is behind (every status shows)."""
    from netkit.pack import NotebookFile, evidence_pack
    from netkit.progress_view import progress_html

    with Portfolio.open(tmp_path / "partial.sqlite") as portfolio:
        load_example(portfolio, source=PARTIAL)
        shown = {"progress": progress_html(portfolio),
                 "pack": evidence_pack(portfolio, {"04-evidence": NotebookFile("04-evidence")},
                                       date=dt.date(2026, 11, 30), redaction="test")}
    shown["cohort"] = pages["cohort.html"].read_text(encoding="utf-8")
    for name, page in shown.items():
        coloured = re.findall(
            r'<(tr|td) class="(?:nk-status )?nk-(?:c-)?(met|partial|missing)"[^>]*>(.*?)</\1>',
            page, flags=re.S)
        assert len(coloured) >= 16, (name, len(coloured))  # every criterion, 1.1 to 3.7
        statuses = {status for _tag, status, _inner in coloured}
        # the learner who is behind has partial and missing; the cohort, met as well
        assert statuses >= ({"met", "partial", "missing"} if name == "cohort"
                            else {"partial", "missing"}), (name, statuses)
        for _tag, status, inner in coloured:
            words = re.sub(r"<[^>]+>", " ", inner)
            assert re.search(rf"\b{status}\b", words), (name, status, words[:200])


def test_chart_series_differ_by_more_than_colour() -> None:
    """The ranking's criteria (stacked bar parts) each have their own hatching as well as
    their own Okabe-Ito colour, so a reader who cannot tell the colours apart can."""
    from netkit import charts

    assert len(set(charts.HATCHES)) == len(charts.HATCHES) == len(charts.PALETTE)
    okabe_ito = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                 "#000000"}
    assert okabe_ito <= set(charts.PALETTE)
    from netkit.analysis import CriterionSpec, Ranked

    criteria = [CriterionSpec(id=f"c{i}", name=f"criterion {i}", weight=1,
                              direction="more is better") for i in range(7)]
    ranked = [Ranked(network=f"n{j}", score=0.7 - j / 10,
                     contributions={c.id: (0.7 - j / 10) / 7 for c in criteria}, rank=j + 1)
              for j in range(3)]
    fig = charts.ranking_figure(ranked, {f"n{j}": f"Network {j}" for j in range(3)}, criteria)
    bars = list(fig.axes[0].containers)
    assert len(bars) == 7
    looks = {(bar.patches[0].get_hatch() or "", bar.patches[0].get_facecolor()) for bar in bars}
    hatches = {bar.patches[0].get_hatch() or "" for bar in bars}
    assert len(looks) == 7 and len(hatches) == 7


def test_a_printed_pdf_has_its_title_and_language_and_is_tagged(
        pages: dict[str, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader

    _chromium()
    learner = pages["cohort.html"].parent / "learner" / "portfolio.sqlite"
    target = tmp_path / "statement.pdf"
    argv = ["--portfolio", str(learner), "witness-statement", "Mark Ellis (fictional)",
            "--out", str(target)]
    # a thread of its own: the module's Playwright page keeps an event loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(netkit_main, argv).result() == 0
    reader = PdfReader(target)
    root = reader.trailer["/Root"]
    assert reader.metadata is not None
    assert reader.metadata.title == "Witness statement: Mark Ellis (fictional)"
    assert root.get("/Lang") == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "/Outlines" in root  # bookmarks from the headings


def test_every_control_of_every_form_has_a_name_a_screen_reader_announces(
        pages: dict[str, Path]) -> None:
    """Each text box, list and date box of the learner's forms carries its label as its
    accessible name (ipywidgets' description, a <label for> kept out of sight), or a
    placeholder that says what to type; tick boxes and buttons name themselves. axe found
    the forms' lists and boxes without one in workshop mode (critical: label,
    select-name)."""
    import ipywidgets as w
    from ipywidgets.widgets.widget_description import DescriptionWidget

    from netkit import widgets

    forms: list[type[widgets.Form]] = []
    pending = list(widgets.Form.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__name__ not in {"ListForm", "EntryForm", "AnswerForm"} and \
                cls.__module__ != "netkit.widgets.review":
            forms.append(cls)
    assert len(forms) >= 20
    nameless: list[str] = []
    checked = 0
    with Portfolio.open(pages["cohort.html"].parent / "learner" / "portfolio.sqlite",
                        read_only=True) as portfolio:
        for cls in forms:
            form = cls(portfolio)
            stack: list[Any] = [form.widget]
            while stack:
                widget = stack.pop()
                stack += list(getattr(widget, "children", ()))
                if not isinstance(widget, DescriptionWidget) or \
                        isinstance(widget, w.ToggleButtons | w.HTML | w.Label):
                    continue
                checked += 1
                placeholder = getattr(widget, "placeholder", "") \
                    if isinstance(widget, w.Text | w.Textarea) else ""
                if not (widget.description or placeholder):
                    nameless.append(f"{cls.__name__}: {type(widget).__name__} "
                                    f"{sorted(widget._dom_classes)}")
    assert checked > 100
    assert not nameless, "\n".join(nameless)
