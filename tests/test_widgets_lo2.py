"""The learning outcome 2 forms, driven as a test drives them: set the fields, call save()."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netkit import analysis
from netkit.cli import load_example
from netkit.coverage import shortlist_inputs
from netkit.exceptions import ValidationError
from netkit.model import Assessment, AssessmentItem, Need, Network, Shortlist, ShortlistCriterion
from netkit.store import Portfolio
from netkit.widgets import (
    AssessmentForm,
    CriteriaForm,
    LiveChart,
    LiveView,
    NeedsAnalysis,
    NeedsForm,
    NetworksForm,
    ShortlistForm,
    criterion_status,
)
from netkit.widgets.events import listen

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def example(portfolio: Portfolio) -> Portfolio:
    """The fictional example learner, loaded into this test's portfolio."""
    load_example(portfolio)
    return portfolio


@pytest.fixture
def need(portfolio: Portfolio) -> Iterator[Need]:
    yield portfolio.save(Need(text="Keep up with compliance rules", priority="high"))


def fill_network(form: NetworksForm, name: str, *, cost: float = 0.0,
                 serves: tuple[str, ...] = ()) -> None:
    form.select("")
    form.fields["name"].value = name
    form.fields["yearly_cost"].value = cost
    form.fields["hours_per_month"].value = 2.0
    form.benefit_rows[0].text.value = "Branch events on compliance"
    form.benefit_rows[0].serves.value = serves
    form.fields["conclusion"].value = "Worth joining."


# -- 2.1 needs and networks -----------------------------------------------------------------
def test_needs_form_saves_and_a_new_form_shows_the_saved_need(portfolio: Portfolio) -> None:
    form = NeedsForm(portfolio)
    form.fields["text"].value = "Become a chartered member within two years"
    form.fields["horizon"].value = "future aspiration"
    form.fields["priority"].value = "high"
    saved = form.save()

    [stored] = portfolio.all(Need)
    assert stored.id == saved.id
    assert (stored.text, stored.horizon, stored.priority) == (
        "Become a chartered member within two years", "future aspiration", "high")
    assert "Saved" in form.status.value
    again = NeedsForm(portfolio)
    assert saved.id in [key for _, key in again.picker.options]
    again.select(saved.id)
    assert again.fields["text"].value == "Become a chartered member within two years"
    assert "A1" in again.static_html()


def test_network_form_saves_a_network_with_a_benefit_tied_to_a_need(
        portfolio: Portfolio, need: Need) -> None:
    form = NetworksForm(portfolio)
    fill_network(form, "Chartered Institute of Logistics", cost=245, serves=(need.id,))
    saved = form.save()

    [stored] = portfolio.all(Network)
    assert stored.name == "Chartered Institute of Logistics"
    assert stored.yearly_cost == 245
    assert [b.serves for b in stored.benefits] == [[need.id]]
    assert form.current == saved.id  # the form now edits the saved network

    again = NetworksForm(portfolio)
    again.select(saved.id)
    assert again.fields["name"].value == "Chartered Institute of Logistics"
    assert again.benefit_rows[0].serves.value == (need.id,)
    assert "Chartered Institute of Logistics" in again.static_html()


@pytest.mark.parametrize(("name", "cost", "field", "words"), [
    ("   ", 0.0, "name", "cannot be empty"),
    ("chartered institute OF logistics", 0.0, "name", "already have a network"),
    ("Local Chamber", -5.0, "yearly_cost", "cannot be below 0"),
])
def test_network_form_refuses_bad_input_at_the_field_and_saves_nothing(
        portfolio: Portfolio, need: Need, name: str, cost: float, field: str,
        words: str) -> None:
    form = NetworksForm(portfolio)
    fill_network(form, "Chartered Institute of Logistics", serves=(need.id,))
    form.save()
    before = portfolio.dump()["records"]

    fill_network(form, name, cost=cost)
    with pytest.raises(ValidationError):
        form.save()

    assert words in form.errors[field].value
    assert "Not saved" in form.status.value
    assert all(not error.value for key, error in form.errors.items() if key != field)
    assert portfolio.dump()["records"] == before


def test_needs_analysis_marks_unserved_needs_and_escapes_answers(portfolio: Portfolio,
                                                                 need: Need) -> None:
    lonely = portfolio.save(Need(text=f"Meet agencies {SCRIPT}"))
    portfolio.save(Network(name="CILT", benefits=[]))
    view = NeedsAnalysis(portfolio)
    html = view.html()
    assert "Not served by any network yet" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html
    assert lonely.id not in html  # needs show by code (N2), not by key


def test_static_html_of_each_form_escapes_what_the_learner_typed(portfolio: Portfolio,
                                                                  need: Need) -> None:
    evil = portfolio.save(Network(name=f"Evil {SCRIPT}", conclusion=SCRIPT))
    # Written raw: the escaping is under test here, not the 2.3 rules.
    portfolio.put(Assessment.KIND, evil.id, Assessment(
        network=evil.id, justification=SCRIPT, items=[AssessmentItem(text=SCRIPT)]).to_dict())
    portfolio.save(ShortlistCriterion(name=f"Reach {SCRIPT}"))
    for form in (NetworksForm(portfolio), CriteriaForm(portfolio), ShortlistForm(portfolio),
                 AssessmentForm(portfolio)):
        html = form.static_html()
        assert SCRIPT not in html, type(form).__name__
        assert "&lt;script&gt;" in html, type(form).__name__


# -- 2.2 criteria and shortlist -------------------------------------------------------------
def test_criteria_form_refuses_a_negative_weight_and_adds_the_suggestions(
        portfolio: Portfolio) -> None:
    form = CriteriaForm(portfolio)
    form.fields["name"].value = "Cost"
    form.fields["weight"].value = -1.0
    with pytest.raises(ValidationError):
        form.save()
    assert "cannot be below 0" in form.errors["weight"].value  # the model's rule
    assert portfolio.all(ShortlistCriterion) == []

    added = form.add_suggested()
    assert [c.name for c in added][:2] == ["Fit with needs", "Fit with aspirations"]
    assert len(portfolio.all(ShortlistCriterion)) == len(added)
    assert form.add_suggested() == []  # nothing twice


def test_criteria_form_shows_the_models_duplicate_name_error_and_saves_nothing(
        portfolio: Portfolio) -> None:
    form = CriteriaForm(portfolio)
    form.fields["name"].value = "Reach"
    form.save()
    form.select("")
    form.fields["name"].value = "  reach "
    with pytest.raises(ValidationError):
        form.save()
    assert "already have a criterion called" in form.errors["name"].value
    assert [c.name for c in portfolio.all(ShortlistCriterion)] == ["Reach"]


def test_shortlist_form_ranks_as_the_analysis_does(example: Portfolio) -> None:
    form = ShortlistForm(example)
    inputs = shortlist_inputs(example)
    expected = analysis.rank(inputs.networks, inputs.criteria, inputs.grid)
    assert form.ranked is not None
    assert [r.network for r in form.ranked] == [r.network for r in expected]
    chart = form.chart.value
    assert 'class="nk-ranking"' in chart
    names = [inputs.names[r.network] for r in expected]
    assert [chart.index(n.replace("&", "&amp;")) for n in names] == sorted(
        chart.index(n.replace("&", "&amp;")) for n in names)  # drawn best first


def test_set_weight_re_ranks_and_redraws(example: Portfolio) -> None:
    form = ShortlistForm(example)
    assert form.ranked is not None
    assert form.ranked[0].network == "net-cilt"
    before = form.chart.value
    # Fit with needs at 33% of the weight lets the forum overtake CILT (see the example's
    # sensitivity); 20 of 36 is 56%.
    ranked = form.set_weight("crit-needs", 20)
    assert ranked is not None
    assert ranked[0].network == "net-forum"
    assert form.sliders["crit-needs"].value == 20
    assert form.chart.value != before
    assert "press Save" in form.status.value
    # Moving a weight is not saving it.
    saved = example.load(ShortlistCriterion, "crit-needs")
    assert saved is not None
    assert saved.weight == 5


def test_a_shortlist_that_differs_from_the_ranking_needs_a_reason(
        example: Portfolio) -> None:
    example.delete("assessment", "net-forum")  # an assessed network stays shortlisted
    form = ShortlistForm(example)
    form.fields["reason"].value = ""
    form.tick(["net-cilt", "net-chamber"])  # the ranking's top 2: CILT and the forum
    before = example.load(Shortlist)

    with pytest.raises(ValidationError):
        form.save()
    assert "differs from the ranking" in form.errors["reason"].value
    assert example.load(Shortlist) == before

    form.fields["reason"].value = "Only the Chamber serves my need for temporary staff."
    saved = form.save()
    assert saved.networks == ["net-cilt", "net-chamber"]

    again = ShortlistForm(example)
    assert again.shortlisted() == ["net-cilt", "net-chamber"]
    assert again.fields["reason"].value == "Only the Chamber serves my need for temporary staff."
    assert "Only the Chamber serves" in again.static_html()


def test_dropping_an_assessed_network_shows_the_models_error_at_the_ticks(
        example: Portfolio) -> None:
    form = ShortlistForm(example)
    form.fields["reason"].value = "Trying without the forum."
    form.tick(["net-cilt", "net-chamber"])
    before = example.dump()["records"]
    with pytest.raises(ValidationError):
        form.save()
    assert "Northgate cross-site operations forum" in form.errors["shortlist"].value
    assert "Not saved" in form.status.value
    assert example.dump()["records"] == before  # scores and weights not written either


def test_a_shortlist_of_one_is_refused(example: Portfolio) -> None:
    form = ShortlistForm(example)
    form.tick(["net-cilt"])
    with pytest.raises(ValidationError):
        form.save()
    assert "two or more" in form.errors["shortlist"].value


def test_shortlist_form_on_an_empty_portfolio_says_what_to_do(portfolio: Portfolio) -> None:
    form = ShortlistForm(portfolio)
    assert form.ranked is None
    assert "add potential networks" in form.ranking_note.value
    assert form.chart.layout.display == "none"
    assert "Nothing saved yet" in form.static_html()


# -- 2.3 assessment ---------------------------------------------------------------------------
def test_assessment_form_saves_and_a_new_form_shows_it(example: Portfolio) -> None:
    form = AssessmentForm(example)
    form.select("net-chamber")
    assert form.fields["cost_per_year"].value == 0  # starts from the network's own cost
    form.item_rows[0].text.value = "Agencies at every breakfast"
    form.item_rows[1].text.value = "Breakfasts start at 7:30"
    form.fields["judgement"].value = "join"
    form.fields["justification"].value = "Free and it serves my most urgent need."
    form.save()

    saved = example.load(Assessment, "net-chamber")
    assert saved is not None
    assert [i.type for i in saved.items] == ["benefit", "limitation"]
    again = AssessmentForm(example)
    again.select("net-chamber")
    assert again.fields["justification"].value == "Free and it serves my most urgent need."
    assert "Agencies at every breakfast" in again.static_html()


def test_assessment_form_refuses_negative_hours(example: Portfolio) -> None:
    form = AssessmentForm(example)
    form.select("net-chamber")
    form.fields["hours_per_year"].value = -3.0
    with pytest.raises(ValidationError):
        form.save()
    assert "cannot be below 0" in form.errors["hours_per_year"].value
    assert example.load(Assessment, "net-chamber") is None


# -- views that follow the forms --------------------------------------------------------------
def test_status_line_and_chart_redraw_when_a_form_saves(portfolio: Portfolio,
                                                        need: Need) -> None:
    from netkit import charts

    status = criterion_status(portfolio, "2.1")
    chart = LiveChart(portfolio, charts.needs_matrix)
    assert "0 potential networks recorded (minimum 5)" in status.widget.value
    assert "Nothing to chart yet" in chart.widget.value

    form = NetworksForm(portfolio)
    fill_network(form, "CILT", serves=(need.id,))
    form.save()

    assert "1 potential network recorded (minimum 5)" in status.widget.value
    assert "Nothing to chart yet" not in chart.widget.value
    assert 'alt="Which network serves which need' in chart.widget.value


def test_a_live_widget_hides_its_static_twin(portfolio: Portfolio) -> None:
    form = NeedsForm(portfolio)
    bundle = form.twin.bundle(form.static_html())
    assert form.twin.css_class in bundle["text/html"]
    hidden = form.widget.children[0]
    assert form.twin.css_class in hidden.value
    assert "display:none" in hidden.value


def test_a_view_whose_cell_was_re_run_stops_redrawing(portfolio: Portfolio,
                                                      need: Need) -> None:
    old = criterion_status(portfolio, "2.1")
    old.widget._view_count = 1  # JupyterLab showed it...
    old.widget._view_count = 0  # ...then its cell was re-run: the view closed
    current = criterion_status(portfolio, "2.1")

    form = NetworksForm(portfolio)
    fill_network(form, "CILT", serves=(need.id,))
    form.save()

    assert "1 potential network recorded (minimum 5)" in current.widget.value
    assert "0 potential networks recorded (minimum 5)" in old.widget.value


def test_static_shortlist_says_why_it_cannot_rank_yet(portfolio: Portfolio) -> None:
    portfolio.save(Network(name="CILT"))
    portfolio.save(ShortlistCriterion(name="Cost", direction="less is better"))
    html = ShortlistForm(portfolio).static_html()
    assert "1 score still to give" in html
    assert "nk-ranking" not in html  # no chart of nothing: the sentence itself


# -- one save, one redraw of what changed -----------------------------------------------------
class Heard:
    """A listener that records every notice it gets."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.notices: list[frozenset[str]] = []

    def records_changed(self, kinds: frozenset[str]) -> None:
        self.notices.append(kinds)


def page(portfolio: Portfolio) -> dict[str, LiveView]:
    """The live views of notebook 02, as its cells make them."""
    from netkit import charts

    return {"analysis": NeedsAnalysis(portfolio),
            "needs_matrix": LiveChart(portfolio, charts.needs_matrix),
            "status 2.1": criterion_status(portfolio, "2.1"),
            "sensitivity": LiveChart(portfolio, charts.sensitivity),
            "status 2.2": criterion_status(portfolio, "2.2"),
            "balance": LiveChart(portfolio, charts.assessment_balance),
            "status 2.3": criterion_status(portfolio, "2.3")}


def redrawn(views: dict[str, LiveView], before: dict[str, int]) -> dict[str, int]:
    return {name: view.draws - before[name] for name, view in views.items()
            if view.draws != before[name]}


def test_views_do_not_redraw_when_records_they_do_not_draw_change(
        example: Portfolio) -> None:
    views = page(example)
    assert all(view.draws == 1 for view in views.values())  # drawn once, when made
    before = {name: view.draws for name, view in views.items()}

    form = NetworksForm(example)
    form.select("net-cmi")
    form.fields["conclusion"].value = "Useful later; no chart draws this sentence."
    form.save()
    assert redrawn(views, before) == {"analysis": 1}  # the conclusions table only

    before = {name: view.draws for name, view in views.items()}
    form.fields["name"].value = "Chartered Management Institute (CMI UK)"
    form.save()
    assert redrawn(views, before) == {"analysis": 1, "needs_matrix": 1}  # CMI is in no
    # sensitivity sentence and not assessed


def test_a_save_of_several_kinds_is_one_notice_and_one_redraw(example: Portfolio) -> None:
    views = page(example)
    heard = Heard(example)
    listen(heard)
    before = {name: view.draws for name, view in views.items()}

    form = ShortlistForm(example)
    form.set_weight("crit-needs", 20)  # the forum overtakes CILT
    form.set_score("net-cmi", "crit-reach", 5)
    form.save()

    assert heard.notices == [frozenset({"shortlist_criterion", "scores", "shortlist"})]
    assert redrawn(views, before) == {"sensitivity": 1}
    fresh = LiveChart(example, views["sensitivity"].chart)  # type: ignore[attr-defined]
    shown = views["sensitivity"].widget.value.removeprefix(views["sensitivity"].twin.hide_rule)
    assert shown == fresh.html()  # current after the save
    drawn = views["sensitivity"]._drawn  # what it last drew: the saved weights
    assert {c.id: c.weight for c in drawn.criteria}["crit-needs"] == 20  # type: ignore[attr-defined]


def test_pressing_save_again_redraws_nothing(example: Portfolio) -> None:
    views = page(example)
    form = AssessmentForm(example)
    form.select("net-cilt")
    form.item_rows[0].impact.value = 1 if form.item_rows[0].impact.value != 1 else 2
    before = {name: view.draws for name, view in views.items()}
    form.save()
    assert redrawn(views, before) == {"balance": 1}
    before = {name: view.draws for name, view in views.items()}
    form.save()
    assert redrawn(views, before) == {}


def test_a_criteria_form_save_moves_the_shortlist_forms_slider_without_rebuilding(
        example: Portfolio) -> None:
    shortlist = ShortlistForm(example)
    cells, draws = dict(shortlist.cells), shortlist.chart_draws
    criteria = CriteriaForm(example)
    criteria.select("crit-needs")
    criteria.fields["weight"].value = 20.0
    criteria.save()
    assert shortlist.sliders["crit-needs"].value == 20
    assert shortlist.ranked is not None and shortlist.ranked[0].network == "net-forum"
    assert shortlist.chart_draws == draws + 1
    assert shortlist.cells == cells  # the same score widgets: nothing rebuilt

    criteria.fields["name"].value = "Fit with my needs"
    criteria.save()
    assert "Fit with my needs" in shortlist.grid_box.children[1].value  # rebuilt


def test_batch_holds_notices_and_delivers_each_listener_its_kinds_once(
        portfolio: Portfolio, tmp_path: object) -> None:
    from netkit.widgets.events import announce, batch

    heard, source = Heard(portfolio), Heard(portfolio)
    other = Heard(Portfolio.open(portfolio.path.with_name("other.sqlite")))
    for listener in (heard, source, other):
        listen(listener)
    with batch():
        announce(portfolio, "need", source)
        announce(portfolio, ["network", "need"])
        assert heard.notices == []
    assert heard.notices == [frozenset({"need", "network"})]
    assert source.notices == [frozenset({"network", "need"})]  # not told of its own
    assert other.notices == []  # another portfolio
    other.portfolio.close()


def test_a_one_kind_listener_hears_each_kind() -> None:
    from netkit.widgets.events import announce

    class OldStyle:
        def __init__(self) -> None:
            self.portfolio = object()
            self.kinds: list[str] = []

        def portfolio_changed(self, kind: str) -> None:
            self.kinds.append(kind)

    old = OldStyle()
    listen(old)  # type: ignore[arg-type]
    announce(old.portfolio, ["scores", "shortlist"])  # type: ignore[arg-type]
    assert old.kinds == ["scores", "shortlist"]


# -- the shortlist: the learner's choice, in one number ---------------------------------------
def test_shortlisting_before_every_score_says_how_many_are_still_to_give(
        portfolio: Portfolio) -> None:
    for n in range(2):
        portfolio.save(Network(id=f"net{n}", name=f"Network {n}"))
    portfolio.save(ShortlistCriterion(id="fit", name="Fit", weight=1))
    form = ShortlistForm(portfolio)
    form.tick(["net0", "net1"])
    for missing in ("2 scores", "1 score"):
        with pytest.raises(ValidationError):
            form.save()
        assert f"({missing} still to give" in form.errors["score"].value
        form.set_score("net0", "fit", 3)
    assert portfolio.load(Shortlist) is None


def test_scoring_the_last_cell_does_not_tick_the_shortlist(portfolio: Portfolio) -> None:
    need = portfolio.save(Need(text="Compliance"))
    for n in range(5):
        portfolio.save(Network(id=f"net{n}", name=f"Network {n}", benefits=[]))
    portfolio.save(ShortlistCriterion(id="fit", name="Fit", weight=1))
    assert need.id
    form = ShortlistForm(portfolio)
    for n in range(5):
        form.set_score(f"net{n}", "fit", n + 1)
    assert form.ranked is not None  # rankable now...
    assert form.shortlisted() == []  # ...but nothing ticked for the learner
    assert form.top_button.description == "Tick the ranking's top 3"
    assert "top 3" in form.ranking_note.value

    form.tick(["net4", "net3"])
    assert form.top_button.description == "Tick the ranking's top 2"
    assert "Your shortlist is the ranking's top 2" in form.ranking_note.value
    assert form.tick_top() == ["net4", "net3"]  # the button does what it says
    form.tick([])
    assert form.tick_top() == ["net4", "net3", "net2"]
    assert "Your shortlist is the ranking's top 3" in form.ranking_note.value
    assert form.top_button.description == "Tick the ranking's top 3"


def test_score_grid_headers_wrap(example: Portfolio) -> None:
    form = ShortlistForm(example)
    header = form.grid_box.children[1].value
    assert "white-space:normal" in header
    assert "Fit with needs" in header


def test_needs_pick_list_is_ordered_by_kind_and_code(portfolio: Portfolio) -> None:
    portfolio.save(Need(text="Chartered status", horizon="future aspiration"))
    portfolio.save(Need(text="Compliance"))
    portfolio.save(Need(text="Temporary staff"))
    labels = [label for label, key in NeedsForm(portfolio).picker.options if key]
    assert [label[:2] for label in labels] == ["N1", "N2", "A1"]
    options = NetworksForm(portfolio).benefit_rows[0].serves.options
    assert [label[:2] for label, _ in options] == ["N1", "N2", "A1"]


def test_picking_another_assessment_reuses_the_rows_on_show(example: Portfolio) -> None:
    """Rows are shown again, not replaced: typing into a row the browser still shows can
    never land in a widget the form has already dropped."""
    form = AssessmentForm(example)
    assessed = [a.network for a in example.all(Assessment)]
    form.select(assessed[0])
    rows = list(form.item_rows)
    assert len(rows) > 2
    first_items = example.load(Assessment, assessed[0]).items
    assert [r.text.value for r in rows] == [i.text for i in first_items]
    other = next(n.id for n in example.all(Network) if n.id not in assessed)
    form.select(other)  # unassessed: one blank benefit row, one blank limitation row
    assert form.item_rows == rows[:2]
    assert [(r.type.value, r.text.value) for r in form.item_rows] == [
        ("benefit", ""), ("limitation", "")]
    assert all(r.widget.comm is None for r in rows[2:])  # the rest closed


def test_a_list_form_keeps_unsaved_typing_when_an_unrelated_save_changes_nothing_it_shows(
        example: Portfolio) -> None:
    assessment = AssessmentForm(example)
    assessment.select("net-cilt")
    rows = list(assessment.item_rows)
    assessment.fields["justification"].value = "Still thinking this through..."

    networks = NetworksForm(example)
    networks.select("net-cmi")
    networks.fields["conclusion"].value = "Useful later."
    networks.save()  # a network changed, but not one the assessment form shows

    assert assessment.fields["justification"].value == "Still thinking this through..."
    assert assessment.item_rows == rows  # not rebuilt

    networks.select("net-cilt")
    networks.fields["name"].value = "CILT UK"
    networks.save()  # the network being assessed was renamed: the picker follows
    assert any(label.startswith("CILT UK") for label, _ in assessment.picker.options)
