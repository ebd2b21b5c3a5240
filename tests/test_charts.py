"""The learning outcome 2 charts: built from empty and example portfolios, saying what they show."""

from __future__ import annotations

import io

import pytest

from netkit import analysis, charts
from netkit.cli import load_example
from netkit.model import Benefit, Need, Network
from netkit.store import Portfolio


@pytest.fixture
def example(portfolio: Portfolio) -> Portfolio:
    load_example(portfolio)
    return portfolio


def png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


@pytest.mark.parametrize("make", [charts.needs_matrix, charts.ranking, charts.sensitivity,
                                  charts.assessment_balance], ids=lambda f: f.__name__)
def test_an_empty_portfolio_gives_a_nothing_yet_figure(portfolio: Portfolio, make: object
                                                       ) -> None:
    fig = make(portfolio)  # type: ignore[operator]
    assert "Nothing to" in charts.alt_text(fig)
    assert charts.png_bytes(fig)[:4] == b"\x89PNG"


def test_serves_matrix_counts_benefits_and_finds_unserved_needs() -> None:
    needs = [Need(text="Compliance", id="n1"),
             Need(text="Chartered status", horizon="future aspiration", id="a1"),
             Need(text="Temporary staff", id="n2")]
    networks = [Network(name="CILT", id="cilt", benefits=[
                    Benefit("Branch events", ["n1"]), Benefit("CMILT route", ["a1", "n1"])]),
                Network(name="Forum", id="forum", benefits=[Benefit("Peers", ["a1"])])]
    matrix = charts.serves_matrix(needs, networks)
    assert matrix.count("n1", "cilt") == 2
    assert matrix.count("a1", "forum") == 1
    assert matrix.count("n1", "forum") == 0
    assert [n.id for n in matrix.unserved] == ["n2"]
    assert charts.need_codes(needs) == {"n1": "N1", "a1": "A1", "n2": "N2"}
    alt = charts.alt_text(charts.needs_matrix_figure(matrix))
    assert "3 needs and aspirations against 2 networks" in alt
    assert "Not served by any network yet: N2" in alt


def test_needs_matrix_of_the_example_marks_the_unserved_need(example: Portfolio) -> None:
    fig = charts.needs_matrix(example)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sum("NOT SERVED" in label for label in labels) == 1
    assert next(label for label in labels if "NOT SERVED" in label).startswith("N5")
    names = " ".join(t.get_text() for t in ax.get_xticklabels())
    assert "Leeds Business" in names
    assert "N5" in charts.alt_text(fig)


def test_ranking_chart_order_matches_the_analysis(example: Portfolio) -> None:
    inputs = charts.shortlist_inputs(example)
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


def test_live_ranking_chart_matches_the_static_one_and_follows_the_weights(
        example: Portfolio) -> None:
    inputs = charts.shortlist_inputs(example)
    ranked = inputs.ranked()
    live = charts.RankingChart(inputs.networks, inputs.names, inputs.criteria,
                               inputs.shortlist, live=True, dpi=72)
    live.update(ranked, inputs.criteria)
    first = live.png()
    static = charts.RankingChart(inputs.networks, inputs.names, inputs.criteria,
                                 inputs.shortlist, dpi=72)
    static.update(ranked, inputs.criteria)
    assert png_size(first) == png_size(static.png())

    heavier = [analysis.CriterionSpec(c.id, c.name, 20.0 if c.id == "crit-needs" else
                                      c.weight, c.direction) for c in inputs.criteria]
    reranked = analysis.rank(inputs.networks, heavier, inputs.grid)
    live.update(reranked, heavier)
    assert live.order == [r.network for r in reranked]
    assert live.order[0] == "net-forum"
    assert live.png() != first
    with pytest.raises(ValueError, match="build a new chart"):
        live.update(reranked[:-1], heavier)


def test_sensitivity_and_assessment_charts_name_what_they_show(example: Portfolio) -> None:
    sens = charts.alt_text(charts.sensitivity(example))
    assert "For each of 7 criteria" in sens
    assert "top 3" in sens
    balance = charts.alt_text(charts.assessment_balance(example))
    assert "Chartered Institute of Logistics and Transport (CILT UK): benefits 17, " \
           "limitations 10, judgement join" in balance
    assert "Northgate cross-site operations forum" in balance
