"""The learning outcome 2 charts: built from empty and example portfolios, saying what they show,
drawing answers as the text the learner typed."""

from __future__ import annotations

import io
import re

import pytest

from netkit import analysis, charts, coverage
from netkit.cli import load_example
from netkit.model import (
    Assessment,
    AssessmentItem,
    Benefit,
    Need,
    Network,
    Scores,
    Shortlist,
    ShortlistCriterion,
)
from netkit.store import Portfolio

CHARTS = [charts.needs_matrix, charts.ranking, charts.sensitivity, charts.assessment_balance]
# What breaks matplotlib's mathtext when it reads an answer as a formula.
AWKWARD = r"$x^^y$ fee_on \frac"  # two $: mathtext would parse, and fail


@pytest.fixture
def example(portfolio: Portfolio) -> Portfolio:
    load_example(portfolio)
    return portfolio


def png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def texts(fig: object) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_an_empty_portfolio_gives_a_nothing_yet_figure(portfolio: Portfolio,
                                                       chart: charts.Chart[object]) -> None:
    fig = chart(portfolio)
    assert "Nothing to" in charts.alt_text(fig)
    assert charts.png_bytes(fig)[:4] == b"\x89PNG"


def test_serves_matrix_counts_benefits_and_finds_unserved_needs() -> None:
    needs = [Need(text="Chartered status", horizon="future aspiration", id="a1"),
             Need(text="Compliance", id="n1"),
             Need(text="Temporary staff", id="n2")]
    networks = [Network(name="CILT", id="cilt", benefits=[
                    Benefit("Branch events", ["n1"]), Benefit("CMILT route", ["a1", "n1"])]),
                Network(name="Forum", id="forum", benefits=[Benefit("Peers", ["a1"])])]
    matrix = coverage.serves_matrix(needs, networks)
    assert matrix.count("n1", "cilt") == 2
    assert matrix.count("a1", "forum") == 1
    assert matrix.count("n1", "forum") == 0
    assert [n.id for n in matrix.unserved] == ["n2"]
    assert coverage.need_codes(needs) == {"a1": "A1", "n1": "N1", "n2": "N2"}
    # saved aspiration first, listed after the current needs: N1, N2, A1
    assert [n.id for n in matrix.needs] == ["n1", "n2", "a1"]
    table = matrix.table()
    assert [(row.code, row.counts) for row in table.needs] == [
        ("N1", (2, 0)), ("N2", (0, 0)), ("A1", (1, 1))]
    fig = charts.needs_matrix_figure(table)
    alt = charts.alt_text(fig)
    assert "3 needs and aspirations against 2 networks" in alt
    assert "Not served by any network yet: N2" in alt
    labels = [t.get_text() for t in fig.axes[0].texts if re.match(r"[NA]\d ", t.get_text())]
    assert [label[:2] for label in labels] == ["N1", "N2", "A1"]


def test_one_network_is_one_network_in_words() -> None:
    table = coverage.serves_matrix([Need(text="Compliance", id="n1")], [
        Network(name="CILT", id="c", benefits=[Benefit("Events", ["n1"])])]).table()
    alt = charts.alt_text(charts.needs_matrix_figure(table))
    assert "1 need or aspiration against 1 network;" in alt


def test_needs_matrix_of_the_example_marks_the_unserved_need(example: Portfolio) -> None:
    fig = charts.needs_matrix(example)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts if re.match(r"[NA]\d ", t.get_text())]
    assert [label.split()[0] for label in labels] == [
        "N1", "N2", "N3", "N4", "N5", "A1", "A2", "A3"]
    assert sum("NOT SERVED" in label for label in labels) == 1
    assert next(label for label in labels if "NOT SERVED" in label).startswith("N5")
    names = " ".join(t.get_text() for t in ax.texts)
    assert "Leeds Business" in names
    assert "N5" in charts.alt_text(fig)


def test_ranking_chart_order_matches_the_analysis(example: Portfolio) -> None:
    inputs = coverage.shortlist_inputs(example)
    ranked = analysis.rank(inputs.networks, inputs.criteria, inputs.grid)
    fig = charts.ranking(example)
    rows = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith(("✓", "   "))]
    names = [inputs.names[r.network] for r in ranked]
    assert len(rows) == len(names)
    for row, name in zip(rows, names, strict=True):
        assert " ".join(row.replace("✓", "").split()) == " ".join(name.split())
    assert rows[0].startswith("✓")  # CILT is shortlisted
    alt = charts.alt_text(fig)
    assert f"Top: {names[0]}, {names[1]}, {names[2]}." in alt


def test_the_html_ranking_draws_the_ranking_best_first_with_the_shortlist_ticked(
        example: Portfolio) -> None:
    inputs = coverage.shortlist_inputs(example)
    ranked = inputs.ranked()
    html = charts.ranking_html(ranked, inputs.names, inputs.criteria, inputs.shortlist)
    rows = re.findall(r'font-weight:(bold|normal)">(&#10003; )?([^<]+)</div>', html)
    assert [name for _, _, name in rows] == [
        inputs.names[r.network].replace("&", "&amp;") for r in ranked]
    assert all((weight == "bold") == bool(tick) == (r.network in inputs.shortlist)
               for (weight, tick, _), r in zip(rows, ranked, strict=True))
    assert f"{ranked[0].score:.2f} #1" in html
    for crit in inputs.criteria:  # every criterion in the legend, with its share
        assert crit.name in html
    heavier = [analysis.CriterionSpec(c.id, c.name, 20.0 if c.id == "crit-needs" else
                                      c.weight, c.direction) for c in inputs.criteria]
    reranked = analysis.rank(inputs.networks, heavier, inputs.grid)
    assert reranked[0].network == "net-forum"
    again = charts.ranking_html(reranked, inputs.names, heavier, inputs.shortlist)
    assert again.index("Northgate cross-site") < again.index("Chartered Institute of Log")


def test_the_html_ranking_escapes_names() -> None:
    crit = analysis.CriterionSpec("c", "<b>Fit</b>", 1.0, "more is better")
    ranked = analysis.rank(["n"], [crit], {"n": {"c": 4}})
    html = charts.ranking_html(ranked, {"n": "<script>alert(1)</script>"}, [crit])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Fit</b>" not in html and "&lt;b&gt;Fit&lt;/b&gt;" in html


def test_sensitivity_and_assessment_charts_name_what_they_show(example: Portfolio) -> None:
    sens = charts.alt_text(charts.sensitivity(example))
    assert "For each of 7 criteria" in sens
    assert "top 3" in sens
    balance = charts.alt_text(charts.assessment_balance(example))
    assert "Chartered Institute of Logistics and Transport (CILT UK): benefits 17, " \
           "limitations 10, judgement join" in balance
    assert "Northgate cross-site operations forum" in balance


def test_charts_compare_their_data_not_the_records(example: Portfolio) -> None:
    before = {c.__name__: c.data(example) for c in CHARTS}
    network = example.load(Network, "net-cmi")
    assert network is not None
    network.conclusion = "A conclusion no chart draws."
    example.save(network)
    assert {c.__name__: c.data(example) for c in CHARTS} == before
    network.name = "CMI, renamed"
    example.save(network)
    after = {c.__name__: c.data(example) for c in CHARTS}
    assert {name for name in before if after[name] != before[name]} == {
        "needs_matrix", "ranking"}  # CMI is in no sensitivity sentence, and not assessed


@pytest.fixture
def awkward(portfolio: Portfolio) -> Portfolio:
    """Every kind of answer a chart draws, each holding $, _, ^ and \\."""
    need = portfolio.save(Need(text=f"Need: {AWKWARD}", id="n1"))
    portfolio.save(Need(text=f"Unserved: {AWKWARD}", id="n2", horizon="future aspiration"))
    portfolio.save(Need(text="Save $500 on fees, $200 on travel", id="n3"))
    names = [f"Net {n}: {AWKWARD}" for n in range(2)]
    for n, name in enumerate(names):
        portfolio.save(Network(name=name, id=f"net{n}", benefits=[
            Benefit(text=AWKWARD, serves=[need.id])]))
    for c, direction in (("c1", "more is better"), ("c2", "less is better")):
        portfolio.save(ShortlistCriterion(id=c, name=f"Crit {c}: {AWKWARD}", weight=2,
                                          direction=direction))
    portfolio.save(Scores(grid={"net0": {"c1": 5, "c2": 2}, "net1": {"c1": 3, "c2": 4}}))
    portfolio.save(Shortlist(networks=["net0", "net1"]))
    portfolio.save(Assessment(network="net0", criteria_used=AWKWARD, judgement="join",
                              justification=AWKWARD, items=[
                                  AssessmentItem(type="benefit", text=AWKWARD),
                                  AssessmentItem(type="limitation", text=AWKWARD)]))
    return portfolio


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_answers_with_dollars_and_underscores_are_drawn_as_typed(
        awkward: Portfolio, chart: charts.Chart[object]) -> None:
    fig = chart(awkward)
    assert "Nothing to" not in charts.alt_text(fig)
    assert charts.png_bytes(fig, tight=True)[:4] == b"\x89PNG"  # mathtext would raise
    svg = charts.svg_bytes(fig)
    assert b"$x^^y$ fee_on" in svg  # the characters typed, as text
    assert any("$x^^y$ fee_on" in text for text in texts(fig))


def test_answers_are_text_even_when_matplotlib_is_set_for_tex(
        awkward: Portfolio) -> None:
    import matplotlib

    with matplotlib.rc_context({"text.usetex": True, "text.parse_math": True}):
        fig = charts.needs_matrix(awkward)
        assert charts.png_bytes(fig)[:4] == b"\x89PNG"  # no TeX run, no mathtext


def test_dates_read_the_uk_way_everywhere_through_one_helper() -> None:
    from netkit.render import show_date
    from netkit.widgets import base

    assert show_date("2026-11-28") == "28 Nov 2026"
    assert show_date("2026-01-05") == "5 Jan 2026"
    assert show_date("") == "" and show_date("soon") == "soon"
    assert base.show_date is show_date  # the forms use the same one
