"""Shortlisting against weighted criteria and its sensitivity (criterion 2.2)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import astuple
from fractions import Fraction
from typing import Any

import pytest

from netkit import analysis
from netkit.analysis import (
    CriterionSpec,
    Ranked,
    Threshold,
    explain,
    normalised,
    rank,
    sensitivity,
    top_k,
    weight_shares,
)
from netkit.exceptions import ValidationError
from netkit.model import DIRECTIONS

MORE, LESS = "more is better", "less is better"
Grid = dict[str, dict[str, int]]

# The hand-worked example. Fit weighs 3 and cost 1, so the shares are 75% and 25%.
#              fit  v_fit   cost  v_cost   score = 0.75 v_fit + 0.25 v_cost
#   A (CIPD)    5   1.00     5    0.00     0.75
#   B (Chamber) 3   0.50     1    1.00     0.375 + 0.25   = 0.625
#   C (Alumni)  2   0.25     2    0.75     0.1875 + 0.1875 = 0.375
FIT = CriterionSpec("fit", "Fit with needs", 3, MORE)
COST = CriterionSpec("cost", "Cost", 1, LESS)
HAND: Grid = {"A": {"fit": 5, "cost": 5}, "B": {"fit": 3, "cost": 1}, "C": {"fit": 2, "cost": 2}}
NAMES = {"A": "CIPD", "B": "Local Chamber", "C": "Alumni"}


def ids(ranked: Sequence[Ranked]) -> list[str]:
    return [r.network for r in ranked]


# -- normalised and weight_shares ----------------------------------------------------------


@pytest.mark.parametrize(("score", "more", "less"),
                         [(1, 0.0, 1.0), (2, 0.25, 0.75), (3, 0.5, 0.5), (4, 0.75, 0.25),
                          (5, 1.0, 0.0)])
def test_normalised_maps_1_to_5_onto_0_to_1_best_high(score: int, more: float,
                                                      less: float) -> None:
    assert normalised(score, MORE) == more
    assert normalised(score, LESS) == less


@pytest.mark.parametrize("score", [0, 6, 2.5, "3", None, -1])
def test_normalised_rejects_scores_outside_1_to_5(score: object) -> None:
    with pytest.raises(ValueError, match="whole numbers from 1 to 5"):
        normalised(score, MORE)  # type: ignore[arg-type]


def test_normalised_rejects_an_unknown_direction() -> None:
    with pytest.raises(ValueError, match="more is better, less is better"):
        normalised(3, "higher is better")


def test_directions_match_the_model() -> None:
    assert analysis.DIRECTIONS == DIRECTIONS


def test_weight_shares_are_fractions_of_the_total() -> None:
    shares = weight_shares([FIT, COST, CriterionSpec("r", "Reach", 0, MORE)])
    assert shares == {"fit": 0.75, "cost": 0.25, "r": 0.0}
    decimals = weight_shares([CriterionSpec("a", "A", 0.1, MORE), CriterionSpec("b", "B", 0.2,
                                                                               MORE)])
    assert decimals == {"a": pytest.approx(1 / 3), "b": pytest.approx(2 / 3)}


def test_weight_shares_reject_a_negative_weight() -> None:
    with pytest.raises(ValueError, match="'Cost' has weight -2; weights cannot be negative"):
        weight_shares([FIT, CriterionSpec("cost", "Cost", -2, LESS)])


def test_weight_shares_reject_weights_that_are_all_zero() -> None:
    zero = [CriterionSpec("a", "A", 0, MORE), CriterionSpec("b", "B", 0.0, LESS)]
    with pytest.raises(ValidationError, match="every criterion has weight 0"):
        weight_shares(zero)
    with pytest.raises(ValueError, match="at least one shortlisting criterion"):
        weight_shares([])


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), "heavy"])
def test_weight_shares_reject_weights_that_are_not_finite_numbers(weight: object) -> None:
    with pytest.raises(ValueError, match="'Cost'"):
        weight_shares([FIT, CriterionSpec("cost", "Cost", weight, LESS)])  # type: ignore[arg-type]


def test_criteria_need_distinct_ids_and_known_directions() -> None:
    with pytest.raises(ValueError, match="two criteria share the id 'fit'"):
        weight_shares([FIT, CriterionSpec("fit", "Fit again", 1, MORE)])
    with pytest.raises(ValueError, match=r"'Cost'.*got 'cheaper'"):
        weight_shares([FIT, CriterionSpec("cost", "Cost", 1, "cheaper")])


# -- rank and top_k ------------------------------------------------------------------------


def test_rank_hand_example_scores_and_contributions() -> None:
    ranked = rank(["A", "B", "C"], [FIT, COST], HAND)
    assert ids(ranked) == ["A", "B", "C"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert [r.score for r in ranked] == [0.75, 0.625, 0.375]
    assert ranked[1].contributions == {"fit": 0.375, "cost": 0.25}
    assert ranked[2].contributions == {"fit": 0.1875, "cost": 0.1875}
    for r in ranked:
        assert sum(r.contributions.values()) == pytest.approx(r.score)


def test_rank_orders_best_first_whatever_the_input_order() -> None:
    assert ids(rank(["C", "B", "A"], [FIT, COST], HAND)) == ["A", "B", "C"]


def test_rank_ties_keep_the_order_of_networks() -> None:
    criteria = [FIT, CriterionSpec("cost", "Cost", 3, LESS)]
    # A: 0.5*1 + 0.5*0 = 0.5; D: 0.5*0.5 + 0.5*0.5 = 0.5
    grid = {"A": {"fit": 5, "cost": 5}, "D": {"fit": 3, "cost": 3}}
    assert ids(rank(["A", "D"], criteria, grid)) == ["A", "D"]
    assert ids(rank(["D", "A"], criteria, grid)) == ["D", "A"]


def test_rank_ties_are_exact_even_with_decimal_weights() -> None:
    # 0.1 and 0.2 are inexact in binary, but 0.2 is exactly twice 0.1, so P and Q tie
    # exactly: 0.1*1 + 0.2*4 + 0.3*0 = 0.1*3 + 0.2*3 + 0.3*0 (levels are score - 1).
    # Summed naively in floats they come out 0.37499999999999994 and 0.375.
    criteria = [CriterionSpec(c, c, w, MORE) for c, w in (("a", 0.1), ("b", 0.2), ("c", 0.3))]
    grid = {"P": {"a": 2, "b": 5, "c": 1}, "Q": {"a": 4, "b": 4, "c": 1}}
    first, second = rank(["P", "Q"], criteria, grid)
    assert first.score == second.score == 0.375
    assert ids(rank(["P", "Q"], criteria, grid)) == ["P", "Q"]
    assert ids(rank(["Q", "P"], criteria, grid)) == ["Q", "P"]


def test_rank_names_the_network_and_criterion_of_a_missing_score() -> None:
    grid = {"A": {"fit": 5, "cost": 5}, "B": {"fit": 3}}
    with pytest.raises(ValueError, match="network 'B' has no score for criterion 'Cost'"):
        rank(["A", "B"], [FIT, COST], grid)
    with pytest.raises(ValueError, match="network 'Z' has no scores"):
        rank(["A", "Z"], [FIT, COST], grid)


@pytest.mark.parametrize("score", [0, 6, 3.5, "4", None])
def test_rank_rejects_a_score_outside_1_to_5(score: object) -> None:
    grid = {"A": {"fit": 5, "cost": score}}
    with pytest.raises(ValueError, match=r"network 'A', criterion 'Cost'.*1 to 5"):
        rank(["A"], [FIT, COST], grid)  # type: ignore[arg-type]


def test_rank_rejects_a_network_listed_twice() -> None:
    with pytest.raises(ValueError, match="'A' is listed twice"):
        rank(["A", "B", "A"], [FIT, COST], HAND)


def test_rank_ignores_scores_for_unlisted_networks_and_criteria() -> None:
    grid = {**HAND, "Z": {"fit": 1}}
    grid["A"] = {**grid["A"], "gone": 9}
    assert ids(rank(["A", "B", "C"], [FIT, COST], grid)) == ["A", "B", "C"]
    assert rank([], [FIT, COST], grid) == []


def test_top_k_takes_the_first_k_ids() -> None:
    ranked = rank(["A", "B", "C"], [FIT, COST], HAND)
    assert top_k(ranked, 2) == ["A", "B"]
    assert top_k(ranked, 5) == ["A", "B", "C"]
    with pytest.raises(ValueError, match="at least one network"):
        top_k(ranked, 0)


# -- sensitivity: hand-worked --------------------------------------------------------------


def by_key(thresholds: Sequence[Threshold]) -> dict[tuple[str, str], Threshold]:
    return {(t.criterion, t.outcome): t for t in thresholds}


def test_sensitivity_hand_example() -> None:
    # Cost's share t, the others keeping their proportions: score = t v_cost + (1-t) v_fit
    #   A = 1 - t      B = 0.5 + 0.5 t      C = 0.25 + 0.5 t     (now t = 0.25)
    # Top: B meets A at 1 - t = 0.5 + 0.5 t -> t = 1/3 (rising); C meets A at t = 1/2;
    # going down A only gains. B and C are parallel and never meet.
    # Shortlist (k=2) is {A, B}: A and B crossing at 1/3 swaps places inside it, so the first
    # change is C passing A at t = 1/2.
    # Fit's share is 1 - cost's, so fit's thresholds mirror: 2/3 and 1/2, going down.
    got = by_key(sensitivity(["A", "B", "C"], [FIT, COST], HAND, k=2))
    assert astuple(got["cost", "top"]) == ("cost", 0.25, pytest.approx(1 / 3), "up", "top",
                                           "A", "B")
    assert got["cost", "shortlist"] == Threshold("cost", 0.25, 0.5, "up", "shortlist", "A", "C")
    assert astuple(got["fit", "top"]) == ("fit", 0.75, pytest.approx(2 / 3), "down", "top",
                                          "A", "B")
    assert got["fit", "shortlist"] == Threshold("fit", 0.75, 0.5, "down", "shortlist", "A", "C")
    assert [(t.criterion, t.outcome) for t in sensitivity(["A", "B", "C"], [FIT, COST], HAND,
                                                          2)] == [
        ("fit", "top"), ("fit", "shortlist"), ("cost", "top"), ("cost", "shortlist")]


def test_sensitivity_reports_the_nearer_side() -> None:
    # Weights x 1, y 2, z 2, so x's share is 0.2 now. Moving it, y and z stay 1:1:
    #   P: x=5, y=1, z=1 -> P(t) = t                     (v_x = 1, the rest 0)
    #   Q: x=3, y=5, z=5 -> Q(t) = 0.5 t + (1 - t) = 1 - 0.5 t
    #   S: x=1, y=5, z=5 -> S(t) = 1 - t
    # Now: P = 0.2, Q = 0.9, S = 0.8. Q is top; the shortlist of two is {Q, S}.
    # Up: P meets Q at t = 1 - 0.5 t -> t = 2/3. Down: S meets Q only at t = 0.
    crit = [CriterionSpec("x", "X", 1, MORE), CriterionSpec("y", "Y", 2, MORE),
            CriterionSpec("z", "Z", 2, MORE)]
    grid = {"P": {"x": 5, "y": 1, "z": 1}, "Q": {"x": 3, "y": 5, "z": 5},
            "S": {"x": 1, "y": 5, "z": 5}}
    # Q listed before S wins the tie at 0%, so nothing changes going down: 2/3 it is.
    got = by_key(sensitivity(["P", "Q", "S"], crit, grid, k=2))
    assert astuple(got["x", "top"]) == ("x", 0.2, pytest.approx(2 / 3), "up", "top", "Q", "P")
    # S listed before Q wins it: a change at exactly 0%, 0.2 away, nearer than 2/3 - 0.2.
    got = by_key(sensitivity(["P", "S", "Q"], crit, grid, k=2))
    assert got["x", "top"] == Threshold("x", 0.2, 0.0, "down", "top", "Q", "S")
    # The shortlist changes when P passes S (t = 1 - t -> 1/2), before it passes Q at 2/3;
    # going down P only falls further behind.
    assert got["x", "shortlist"] == Threshold("x", 0.2, 0.5, "up", "shortlist", "S", "P")


def test_when_both_sides_are_equally_near_the_rise_is_reported() -> None:
    # As above with equal weights: x's share is 1/3, 2/3 - 1/3 above and 1/3 - 0 below.
    crit = [CriterionSpec(c, c.upper(), 1, MORE) for c in "xyz"]
    grid = {"P": {"x": 5, "y": 1, "z": 1}, "Q": {"x": 3, "y": 5, "z": 5},
            "S": {"x": 1, "y": 5, "z": 5}}
    got = by_key(sensitivity(["P", "S", "Q"], crit, grid, k=2))
    assert astuple(got["x", "top"]) == ("x", pytest.approx(1 / 3), pytest.approx(2 / 3), "up",
                                        "top", "Q", "P")


def test_a_tie_now_is_a_threshold_at_the_current_share() -> None:
    # Weights 1 and 1 (t = 0.5). X: fit 5, reach 1 -> 0.5; Y: fit 3, reach 3 -> 0.5. A tie.
    # On fit's share t: X(t) = t, Y(t) = 0.5; they cross exactly now.
    crit = [CriterionSpec("fit", "Fit", 1, MORE), CriterionSpec("reach", "Reach", 1, MORE)]
    grid = {"X": {"fit": 5, "reach": 1}, "Y": {"fit": 3, "reach": 3}}
    # X listed first wins the tie; any fall in fit's share lets Y overtake.
    got = by_key(sensitivity(["X", "Y"], crit, grid, k=1))
    assert got["fit", "top"] == Threshold("fit", 0.5, 0.5, "down", "top", "X", "Y")
    # Y listed first wins the tie; any rise in fit's share lets X overtake.
    got = by_key(sensitivity(["Y", "X"], crit, grid, k=1))
    assert got["fit", "top"] == Threshold("fit", 0.5, 0.5, "up", "top", "Y", "X")
    assert explain([got["fit", "top"]], {}, crit) == [
        "Any rise in the weight of Fit from its current 50% would let X overtake Y."]


def test_at_an_exact_crossing_the_network_listed_first_wins() -> None:
    # The hand example: A and B meet at cost share 1/3, i.e. weights fit 2, cost 1.
    at_crossing = [CriterionSpec("fit", "Fit", 2, MORE), COST]
    assert rank(["A", "B", "C"], at_crossing, HAND)[0].network == "A"  # change just past 1/3
    assert rank(["B", "A", "C"], at_crossing, HAND)[0].network == "B"  # change at 1/3
    for order in (["A", "B", "C"], ["B", "A", "C"]):
        top = by_key(sensitivity(order, [FIT, COST], HAND, k=2))["cost", "top"]
        assert top.threshold == pytest.approx(1 / 3)
        assert (top.displaced, top.by) == ("A", "B")


def test_a_crossing_at_100_percent_counts_only_if_the_challenger_wins_the_tie() -> None:
    # Weights 1 and 1. X: fit 3, reach 5 -> 0.75; Y: fit 3, reach 3 -> 0.5.
    # On fit's share t: X(t) = 0.5 t + (1 - t), Y(t) = 0.5; they meet only at t = 1.
    crit = [CriterionSpec("fit", "Fit", 1, MORE), CriterionSpec("reach", "Reach", 1, MORE)]
    grid = {"X": {"fit": 3, "reach": 5}, "Y": {"fit": 3, "reach": 3}}
    got = by_key(sensitivity(["X", "Y"], crit, grid, k=1))
    assert got["fit", "top"].threshold is None
    got = by_key(sensitivity(["Y", "X"], crit, grid, k=1))
    assert got["fit", "top"] == Threshold("fit", 0.5, 1.0, "up", "top", "X", "Y")
    # On reach's share t: X(t) = t + 0.5 (1 - t), Y = 0.5; they meet only at t = 0.
    assert got["reach", "top"] == Threshold("reach", 0.5, 0.0, "down", "top", "X", "Y")


def test_parallel_lines_never_cross() -> None:
    # B and C from the hand example: cost's share t gives B = 0.5 + 0.5 t, C = 0.25 + 0.5 t.
    got = sensitivity(["C", "B"], [FIT, COST], HAND, k=1)
    assert [t.threshold for t in got] == [None, None, None, None]
    assert {t.direction for t in got} == {""}
    assert {(t.displaced, t.by) for t in got} == {(None, None)}


def test_crossings_outside_0_to_100_percent_are_ignored() -> None:
    # A: fit 5, cost 1 -> 1 at every share. B: fit 2, cost 2.
    # Cost's share t: B = 0.75 t + 0.25 (1 - t) = 0.25 + 0.5 t, meeting A at t = 1.5.
    # Fit's share t: B = 0.25 t + 0.75 (1 - t) = 0.75 - 0.5 t, meeting A at t = -0.5.
    grid = {"A": {"fit": 5, "cost": 1}, "B": {"fit": 2, "cost": 2}}
    got = sensitivity(["B", "A"], [FIT, COST], grid, k=1)
    assert [t.threshold for t in got] == [None, None, None, None]


def test_shortlist_never_changes_when_k_covers_every_network() -> None:
    got = by_key(sensitivity(["A", "B", "C"], [FIT, COST], HAND, k=3))
    assert got["cost", "shortlist"].threshold is None
    assert got["cost", "top"].threshold is not None
    assert by_key(sensitivity(["A", "B", "C"], [FIT, COST], HAND, k=7))[
        "fit", "shortlist"].threshold is None


def test_a_single_criterion_always_has_the_whole_weight() -> None:
    got = sensitivity(["A", "B", "C"], [FIT], HAND, k=1)
    assert got == [Threshold("fit", 1.0, None, "", "top", None, None),
                   Threshold("fit", 1.0, None, "", "shortlist", None, None)]
    assert explain(got, NAMES, [FIT]) == [
        "Fit with needs is the only criterion, so its weight cannot change the top network.",
        "Fit with needs is the only criterion, so its weight cannot change the shortlist."]


def test_when_the_other_weights_are_zero_they_are_split_equally() -> None:
    # Fit has all the weight (share 1). Moving it down, cost and reach share equally:
    #   A: fit 5, cost 5, reach 1 -> A(t) = t + (1 - t)(0 + 0)/2        = t
    #   B: fit 4, cost 1, reach 5 -> B(t) = 0.75 t + (1 - t)(1 + 1)/2   = 1 - 0.25 t
    # A meets B at t = 1 - 0.25 t -> t = 0.8, going down.
    crit = [CriterionSpec("fit", "Fit", 2, MORE), CriterionSpec("cost", "Cost", 0, LESS),
            CriterionSpec("reach", "Reach", 0, MORE)]
    grid = {"A": {"fit": 5, "cost": 5, "reach": 1}, "B": {"fit": 4, "cost": 1, "reach": 5}}
    got = by_key(sensitivity(["A", "B"], crit, grid, k=1))
    assert astuple(got["fit", "top"]) == ("fit", 1.0, pytest.approx(0.8), "down", "top", "A",
                                          "B")
    # Cost's share is 0 and fit keeps everything else: A(t) = 1 - t, B(t) = t + 0.75 (1 - t)
    # = 0.75 + 0.25 t; they meet at t = 0.2.
    assert astuple(got["cost", "top"]) == ("cost", 0.0, pytest.approx(0.2), "up", "top", "A",
                                           "B")


def test_sensitivity_validates_like_rank() -> None:
    with pytest.raises(ValueError, match="network 'B' has no score for criterion 'Cost'"):
        sensitivity(["A", "B"], [FIT, COST], {"A": HAND["A"], "B": {"fit": 1}}, k=1)
    with pytest.raises(ValueError, match="at least one network"):
        sensitivity(["A", "B"], [FIT, COST], HAND, k=0)


def test_sensitivity_is_computed_not_sampled(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_rank = analysis.rank

    def counted(*args: Any) -> list[Ranked]:
        calls.append(args)
        return real_rank(*args)

    monkeypatch.setattr(analysis, "rank", counted)
    networks, criteria, grid = random_problem(random.Random(7), networks=30, criteria=10)
    sensitivity(networks, criteria, grid, k=3)
    assert len(calls) <= 1


# -- explain -------------------------------------------------------------------------------


def test_explain_hand_example() -> None:
    got = sensitivity(["A", "B", "C"], [FIT, COST], HAND, k=2)
    assert explain(got, NAMES, [FIT, COST]) == [
        "Fit with needs would need a weight of 67%, now 75%, before Local Chamber overtakes "
        "CIPD.",
        "Fit with needs would need a weight of 50%, now 75%, before Alumni replaces CIPD on "
        "the shortlist.",
        "Cost would need a weight of 33%, now 25%, before Local Chamber overtakes CIPD.",
        "Cost would need a weight of 50%, now 25%, before Alumni replaces CIPD on the "
        "shortlist.",
    ]


def test_explain_says_when_no_weight_changes_anything() -> None:
    reach = CriterionSpec("reach", "Reach", 1, MORE)
    none = [Threshold("reach", 0.5, None, "", "top", None, None),
            Threshold("reach", 0.5, None, "", "shortlist", None, None)]
    assert explain(none, NAMES, [FIT, reach]) == [
        "No weight for Reach between 0% and 100% would change the top network.",
        "No weight for Reach between 0% and 100% would change the shortlist."]


@pytest.mark.parametrize(("threshold", "current", "shown"), [
    (0.34, 0.2, "34%, now 20%"),
    (0.345, 0.2, "35%, now 20%"),  # half up, not to even
    (0.204, 0.2, "20.4%, now 20.0%"),  # whole percent would read "20%, now 20%"
    (0.2004, 0.2, "20.04%, now 20.00%"),
    (0.003, 0.2, "0.3%, now 20.0%"),  # never "0%" for a weight that is not zero
    (0.998, 0.6, "99.8%, now 60.0%"),
    (1.0, 0.6, "100%, now 60%"),
    (0.0, 0.25, "0%, now 25%"),
])
def test_explain_rounds_percentages_honestly(threshold: float, current: float,
                                             shown: str) -> None:
    cost = CriterionSpec("cost", "Cost", 1, LESS)
    t = Threshold("cost", current, threshold, "up", "top", "cipd", "chamber")
    names = {"cipd": "CIPD", "chamber": "Local Chamber"}
    assert explain([t], names, [FIT, cost]) == [
        f"Cost would need a weight of {shown}, before Local Chamber overtakes CIPD."]


# -- sensitivity: properties on random problems --------------------------------------------

EPS = 1e-7  # far below the gap between two crossings in these problems (>= 1/160**2)


def random_problem(rng: random.Random, networks: int, criteria: int
                   ) -> tuple[list[str], list[CriterionSpec], Grid]:
    """Networks listed in a shuffled order, small weights (some zero), many tied scores."""
    names = [f"n{j}" for j in range(networks)]
    rng.shuffle(names)
    weights = [rng.choice([0, 0, 1, 2, 3, 5, 0.5, 1.5]) for _ in range(criteria)]
    if not any(weights) or rng.random() < 0.1:
        weights = [0] * criteria
        weights[rng.randrange(criteria)] = rng.choice([1, 4])
    specs = [CriterionSpec(f"c{i}", f"Criterion {i}", w, rng.choice([MORE, LESS]))
             for i, w in enumerate(weights)]
    top = rng.choice([3, 5])
    grid = {n: {c.id: rng.randint(1, top) for c in specs} for n in names}
    return names, specs, grid


def reweighted(criteria: Sequence[CriterionSpec], i: int, share: float | Fraction
               ) -> list[CriterionSpec]:
    """The criteria with criterion i at ``share``, the others keeping their proportions.

    The others keep their proportions exactly (equal if they are all 0), so networks that
    tie on them still tie; a Fraction share is met exactly, so ties at it are exact too.
    """
    others = [c.weight for j, c in enumerate(criteria) if j != i]
    base = others if any(others) else [1.0] * len(others)
    if isinstance(share, Fraction):  # small dyadic weights times integers: exact floats
        p, q = share.numerator, share.denominator
        weights = [b * (q - p) for b in base]
        weights.insert(i, p * sum(base))
    elif share >= 1:
        weights = [0.0] * len(base)
        weights.insert(i, 1.0)
    else:
        weights = list(base)
        weights.insert(i, share * sum(base) / (1 - share))
    return [CriterionSpec(c.id, c.name, w, c.direction)
            for c, w in zip(criteria, weights, strict=True)]


def outcome_at(networks: Sequence[str], criteria: Sequence[CriterionSpec], grid: Grid, i: int,
               share: float | Fraction) -> list[str]:
    """The ranking (ids, best first) with criterion i at ``share``."""
    return ids(rank(networks, reweighted(criteria, i, share), grid))


def crossings(networks: Sequence[str], criteria: Sequence[CriterionSpec], grid: Mapping[
        str, Mapping[str, int]], i: int) -> set[Fraction]:
    """Every share in [0, 1] where two networks' lines meet, exactly, worked independently."""
    weights = [Fraction(c.weight) for c in criteria]
    others = sum(w for j, w in enumerate(weights) if j != i)
    if not others:
        weights = [Fraction(1)] * len(criteria)
        others = Fraction(len(criteria) - 1)

    def value(n: str, c: CriterionSpec) -> Fraction:
        return Fraction(normalised(grid[n][c.id], c.direction))

    lines = []
    for n in networks:
        v = value(n, criteria[i])
        r = sum(w * value(n, c) for j, (w, c) in enumerate(zip(weights, criteria, strict=True))
                if j != i) / others
        lines.append((v - r, r))  # S(t) = r + t (v - r)
    found = set()
    for a, (slope_a, at0_a) in enumerate(lines):
        for slope_b, at0_b in lines[a + 1:]:
            if slope_a != slope_b:
                t = (at0_b - at0_a) / (slope_a - slope_b)
                if 0 <= t <= 1:
                    found.add(t)
    return found


def watched(ranking: list[str], outcome: str, k: int) -> frozenset[str]:
    return frozenset(ranking[:1] if outcome == "top" else ranking[:k])


def check_threshold(t: Threshold, networks: list[str], criteria: list[CriterionSpec],
                    grid: Grid, k: int) -> None:
    i = next(j for j, c in enumerate(criteria) if c.id == t.criterion)
    size = 1 if t.outcome == "top" else k
    now_ranking = ids(rank(networks, criteria, grid))
    now = watched(now_ranking, t.outcome, k)
    assert t.current == pytest.approx(weight_shares(criteria)[t.criterion])

    def at(share: float | Fraction) -> frozenset[str]:
        return watched(outcome_at(networks, criteria, grid, i, share), t.outcome, k)

    def near(c: Fraction, d: float) -> float | Fraction:
        return c if d == 0 else float(c) + d

    if len(criteria) == 1:  # its share is always 100%
        assert (t.current, t.threshold, t.direction) == (1.0, None, "")
        return
    candidates = sorted(crossings(networks, criteria, grid, i))
    if t.threshold is None:
        assert (t.direction, t.displaced, t.by) == ("", None, None)
        probes: list[float | Fraction] = [Fraction(j, 200) for j in range(201)]
        probes += [near(c, d) for c in candidates for d in (-EPS, 0, EPS) if 0 <= c + d <= 1]
        for share in probes:
            assert at(share) == now, f"changed at {share} but threshold is None: {t}"
        return

    sign = 1 if t.direction == "up" else -1
    assert t.direction in ("up", "down")
    assert 0 <= t.threshold <= 1
    assert sign * (t.threshold - t.current) >= -1e-12
    # the threshold is where two lines meet
    exact = next(c for c in candidates if abs(float(c) - t.threshold) < 1e-12)
    weights = [Fraction(c.weight) for c in criteria]
    current = weights[i] / sum(weights)
    # just past it the outcome has changed, with displaced and by as reported
    after_share = min(max(t.threshold + sign * EPS, 0.0), 1.0)
    after = outcome_at(networks, criteria, grid, i, after_share)
    assert watched(after, t.outcome, k) != now, f"no change just past {t}"
    assert t.by == next(n for n in after[:size] if n not in now)
    assert t.displaced == next(n for n in after[size:] if n in now)
    # before it, all the way from now, the outcome holds: check both sides of every
    # crossing in between, and the midpoint
    distance = abs(exact - current)  # exact, so that equally near crossings compare equal
    if distance > EPS:
        assert at(t.threshold - sign * EPS) == now, f"changed before {t}"
        assert at((t.threshold + t.current) / 2) == now
    for c in candidates:
        if 0 < sign * (c - current) < distance:
            for d in (-EPS, 0, EPS):
                assert at(near(c, d)) == now, f"changed at {near(c, d)}, before {t}"
    # and nothing changes on the other side any nearer (it is the nearest), nor, when the
    # answer is a fall, as near (a tie goes to the rise)
    for c in candidates:
        if 0 < -sign * (c - current) < distance:
            steps: tuple[float, ...] = (-EPS, 0, EPS)
        elif sign < 0 and c - current == distance:
            steps = (0, EPS)
        else:
            continue
        for d in steps:
            if 0 <= c + d <= 1:
                share = near(c, d)
                assert at(share) == now, f"{share} on the other side is nearer than {t}"


@pytest.mark.parametrize("seed", range(8))
def test_thresholds_are_where_the_outcome_first_changes(seed: int) -> None:
    rng = random.Random(seed)
    seen = {"none": 0, "up": 0, "down": 0, "at_now": 0}
    for _ in range(40):
        networks, criteria, grid = random_problem(rng, rng.randint(2, 7), rng.randint(1, 4))
        k = rng.randint(1, len(networks) + 1)
        thresholds = sensitivity(networks, criteria, grid, k)
        assert [(t.criterion, t.outcome) for t in thresholds] == [
            (c.id, o) for c in criteria for o in ("top", "shortlist")]
        for t in thresholds:
            check_threshold(t, networks, criteria, grid, k)
            seen[t.direction or "none"] += 1
            seen["at_now"] += t.threshold == t.current
        assert len(explain(thresholds, {}, criteria)) == len(thresholds)
    # the random problems exercise every kind of answer
    assert all(seen.values()), seen


def test_sensitivity_handles_the_size_of_a_real_portfolio() -> None:
    rng = random.Random(30)
    networks, criteria, grid = random_problem(rng, 30, 10)
    criteria = [CriterionSpec(c.id, c.name, rng.randint(1, 10), c.direction) for c in criteria]
    for t in sensitivity(networks, criteria, grid, k=3):
        check_threshold(t, networks, criteria, grid, k=3)
