"""Shortlisting networks against weighted criteria, and how far each weight can move (2.2).

Pure functions: data in, data out; no I/O, no widgets, standard library only.
:class:`ShortlistInputs` is what ranking needs, as :func:`netkit.coverage.shortlist_inputs`
reads it from a portfolio and the shortlist form holds it while the learner edits.

Arithmetic is exact. Every weight is converted to an integer over one shared denominator
(a float is a fraction whose denominator is a power of two), so two networks tie only when
their weighted scores are truly equal, and a tie always goes to the network listed first.

Sensitivity moves one criterion's share ``t`` over [0, 1] while the other criteria keep
their proportions; each network's score is then a straight line in ``t``, and the share at
which two lines cross is a fraction computed exactly, never found by sampling.

Convention at a crossing: the threshold is the exact share at which the challenger's score
equals the leader's. At that share the tie goes to whichever is listed first in
``networks``, so the outcome changes at the threshold itself when the challenger is listed
first, and just past it otherwise; a crossing at 0% or 100% therefore counts only when the
challenger is listed first, because there is no "just past" inside [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import mul

from .exceptions import ValidationError

__all__ = [
    "DIRECTIONS",
    "LESS_IS_BETTER",
    "MORE_IS_BETTER",
    "CriterionSpec",
    "Ranked",
    "SensitivityReport",
    "ShortlistInputs",
    "Threshold",
    "default_k",
    "explain",
    "normalised",
    "rank",
    "sensitivity",
    "sensitivity_report",
    "top_k",
    "weight_shares",
]

MORE_IS_BETTER = "more is better"
LESS_IS_BETTER = "less is better"
DIRECTIONS = (MORE_IS_BETTER, LESS_IS_BETTER)

# score -> quarters above the worst (normalised score = level / 4)
_LEVELS: dict[str, dict[int, int]] = {
    MORE_IS_BETTER: {1: 0, 2: 1, 3: 2, 4: 3, 5: 4},
    LESS_IS_BETTER: {1: 4, 2: 3, 3: 2, 4: 1, 5: 0},
}

# An exact fraction as (numerator, denominator), denominator > 0.
_Fraction = tuple[int, int]


@dataclass(frozen=True)
class CriterionSpec:
    """A shortlisting criterion as analysis sees it."""

    id: str
    name: str
    weight: float
    direction: str  # "more is better" | "less is better"


@dataclass(frozen=True)
class Ranked:
    """One network's place in the ranking, with each criterion's part in its score."""

    network: str
    score: float  # normalised weighted score in [0, 1]
    contributions: dict[str, float]  # criterion id -> part of the score; sums to score
    rank: int  # 1-based


@dataclass(frozen=True)
class Threshold:
    """The share of one criterion at which the top network or the shortlist would change."""

    criterion: str
    current: float  # current share, 0..1
    threshold: float | None  # nearest share at which the outcome changes; None if none
    direction: str  # "up" or "down"; "" when threshold is None
    outcome: str  # "top" or "shortlist"
    displaced: str | None  # network that loses its place
    by: str | None  # network that takes it


def normalised(score: int, direction: str) -> float:
    """A 1-5 score as 0..1 where 1 is best: (s-1)/4, or (5-s)/4 when less is better."""
    levels = _LEVELS.get(direction)
    if levels is None:
        raise ValidationError("direction", _direction_message(direction))
    level = _level(levels, score)
    if level is None:
        raise ValidationError("score", f"scores are whole numbers from 1 to 5 (got {score!r}).")
    return level / 4


def weight_shares(criteria: Sequence[CriterionSpec]) -> dict[str, float]:
    """Each criterion's weight as a share of the total weight (the shares sum to 1)."""
    weights = _integer_weights(criteria)
    total = sum(weights)
    return {c.id: w / total for c, w in zip(criteria, weights, strict=True)}


def rank(
    networks: Sequence[str],
    criteria: Sequence[CriterionSpec],
    grid: Mapping[str, Mapping[str, int]],
) -> list[Ranked]:
    """Networks best first by weighted normalised score; ties keep the order of ``networks``."""
    weights = _integer_weights(criteria)
    levels = _level_rows(networks, criteria, grid)
    raws = [sum(map(mul, weights, row)) for row in levels]
    order = sorted(range(len(networks)), key=raws.__getitem__, reverse=True)  # stable
    denominator = 4 * sum(weights)
    ids = [c.id for c in criteria]
    return [
        Ranked(
            network=networks[j],
            score=raws[j] / denominator,
            contributions={
                cid: w * q / denominator for cid, w, q in zip(ids, weights, levels[j], strict=True)
            },
            rank=place,
        )
        for place, j in enumerate(order, start=1)
    ]


def top_k(ranked: Sequence[Ranked], k: int) -> list[str]:
    """The ids of the first ``k`` ranked networks."""
    _check_k(k)
    return [r.network for r in ranked[:k]]


def sensitivity(
    networks: Sequence[str],
    criteria: Sequence[CriterionSpec],
    grid: Mapping[str, Mapping[str, int]],
    k: int,
) -> list[Threshold]:
    """For each criterion, the nearest share that changes the top network, then the top ``k``.

    The other criteria keep their relative weights as the share moves; if they all weigh 0
    they are split equally. Thresholds are exact (see the module docstring for ties).
    """
    _check_k(k)
    weights = _integer_weights(criteria)
    levels = _level_rows(networks, criteria, grid)
    raws = [sum(map(mul, weights, row)) for row in levels]
    order = sorted(range(len(networks)), key=raws.__getitem__, reverse=True)
    total = sum(weights)
    out: list[Threshold] = []
    for i, crit in enumerate(criteria):
        current = weights[i] / total
        if len(criteria) == 1:
            out += [_no_change(crit.id, current, "top"), _no_change(crit.id, current, "shortlist")]
            continue
        others = total - weights[i]
        if others:
            t0: _Fraction = (weights[i], total)
            alpha = [raw - weights[i] * row[i] for raw, row in zip(raws, levels, strict=True)]
            others_total = others
        else:  # every other criterion weighs 0: split them equally
            t0 = (1, 1)
            alpha = [sum(row) - row[i] for row in levels]
            others_total = len(criteria) - 1
        # 4 * others_total * score(t) = alpha + t * beta, exactly
        beta = [others_total * row[i] - a for row, a in zip(levels, alpha, strict=True)]
        for outcome, size in (("top", 1), ("shortlist", k)):
            found = _threshold(order, alpha, beta, t0, size=size)
            if found is None:
                out.append(_no_change(crit.id, current, outcome))
                continue
            share, direction, displaced, by = found
            out.append(Threshold(crit.id, current, share, direction, outcome,
                                 networks[displaced], networks[by]))
    return out


def explain(
    thresholds: Sequence[Threshold],
    names: Mapping[str, str],
    criteria: Sequence[CriterionSpec],
) -> list[str]:
    """One plain-English sentence per threshold, with shares as percentages."""
    criterion_names = {c.id: c.name for c in criteria}
    sentences = []
    for t in thresholds:
        crit = criterion_names.get(t.criterion, t.criterion)
        what = "top network" if t.outcome == "top" else "shortlist"
        if t.threshold is None:
            if len(criteria) == 1:
                sentences.append(f"{crit} is the only criterion, so its weight cannot change "
                                 f"the {what}.")
            else:
                sentences.append(f"No weight for {crit} between 0% and 100% would change "
                                 f"the {what}.")
            continue
        by = names.get(t.by or "", t.by or "another network")
        displaced = names.get(t.displaced or "", t.displaced or "the current choice")
        verb = "overtake" if t.outcome == "top" else "replace"
        tail = "" if t.outcome == "top" else " on the shortlist"
        needed, now = _percent_pair(t.threshold, t.current)
        if t.threshold == t.current:
            change = "rise" if t.direction == "up" else "fall"
            sentences.append(f"Any {change} in the weight of {crit} from its current {now} "
                             f"would let {by} {verb} {displaced}{tail}.")
        else:
            sentences.append(f"{crit} would need a weight of {needed}, now {now}, "
                             f"before {by} {verb}s {displaced}{tail}.")
    return sentences


# -- what ranking and sensitivity need, as the charts and forms read it ---------------------
def default_k(networks: int) -> int:
    """The default shortlist size: three of five or more networks, else two."""
    return 3 if networks >= 5 else 2


@dataclass(frozen=True)
class ShortlistInputs:
    """What ranking needs: networks, their names, criteria, scores, and the shortlist."""

    networks: tuple[str, ...]
    names: dict[str, str]  # network id -> name
    criteria: tuple[CriterionSpec, ...]
    grid: dict[str, dict[str, int]]
    shortlist: tuple[str, ...] = ()
    reason: str = ""

    @property
    def missing(self) -> int:
        """How many network x criterion cells are not scored yet."""
        return sum(c.id not in self.grid.get(n, {}) for n in self.networks
                   for c in self.criteria)

    @property
    def problem(self) -> str:
        """Why the networks cannot be ranked yet, in words; "" when they can."""
        if not self.networks:
            return "Nothing to rank yet: add potential networks (criterion 2.1) first."
        if not self.criteria:
            return "Nothing to rank yet: define your shortlisting criteria and their weights."
        if sum(c.weight for c in self.criteria) <= 0:
            return "Every criterion has weight 0: give at least one criterion a weight."
        if self.missing:
            still = "1 score" if self.missing == 1 else f"{self.missing} scores"
            return f"Score every network on every criterion to see the ranking ({still} " \
                   "still to give)."
        return ""

    @property
    def rankable(self) -> bool:
        """True when every cell is scored and some criterion has a weight."""
        return not self.problem

    def ranked(self) -> list[Ranked]:
        """The ranking, best first (raises ValidationError when not :attr:`rankable`)."""
        return rank(self.networks, self.criteria, self.grid)

    @property
    def k(self) -> int:
        """How many the shortlist holds: the saved shortlist's size, else the default."""
        return len(self.shortlist) if len(self.shortlist) >= 2 else default_k(
            len(self.networks))


@dataclass(frozen=True)
class SensitivityReport:
    """What the sensitivity chart draws: each criterion's thresholds for the top ``k``."""

    criteria: tuple[CriterionSpec, ...]
    names: dict[str, str]
    k: int
    thresholds: tuple[Threshold, ...] = ()
    problem: str = ""


def sensitivity_report(inputs: ShortlistInputs) -> SensitivityReport:
    """The sensitivity of the ranking in ``inputs`` to each weight (or why there is none)."""
    k = min(inputs.k, max(len(inputs.networks), 1))
    problem = inputs.problem
    if problem:
        return SensitivityReport((), {}, k, (), problem)
    thresholds = sensitivity(inputs.networks, inputs.criteria, inputs.grid, k)
    named = {t.by for t in thresholds if t.by}  # only the names the chart writes
    return SensitivityReport(inputs.criteria, {n: inputs.names[n] for n in inputs.networks
                                               if n in named}, k, tuple(thresholds))


# -- helpers -------------------------------------------------------------------------------


def _direction_message(direction: object) -> str:
    return f"choose one of: {', '.join(DIRECTIONS)} (got {direction!r})."


def _level(levels: Mapping[int, int], score: object) -> int | None:
    if isinstance(score, int) or (isinstance(score, float) and score.is_integer()):
        return levels.get(int(score))
    return None


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValidationError("k", f"shortlist at least one network (got {k!r}).")


def _integer_weights(criteria: Sequence[CriterionSpec]) -> list[int]:
    """The weights as integers over one common denominator, checked."""
    if not criteria:
        raise ValidationError("criteria", "define at least one shortlisting criterion "
                                          "before ranking networks.")
    seen: set[str] = set()
    ratios = []
    for c in criteria:
        if c.id in seen:
            raise ValidationError("criteria", f"two criteria share the id {c.id!r}.")
        seen.add(c.id)
        if c.direction not in _LEVELS:
            raise ValidationError("direction", f"criterion {c.name!r}: "
                                               f"{_direction_message(c.direction)}")
        try:
            value = float(c.weight)
        except (TypeError, ValueError):
            raise ValidationError("weight", f"criterion {c.name!r}: enter a number "
                                            f"(got {c.weight!r}).") from None
        if not math.isfinite(value):
            raise ValidationError("weight", f"criterion {c.name!r}: enter a finite number "
                                            f"(got {c.weight!r}).")
        if value < 0:
            raise ValidationError("weight", f"criterion {c.name!r} has weight {value:g}; "
                                            "weights cannot be negative. Use 0 to ignore "
                                            "a criterion.")
        ratios.append(value.as_integer_ratio())
    scale = math.lcm(*(d for _, d in ratios))
    weights = [n * (scale // d) for n, d in ratios]
    if not any(weights):
        raise ValidationError("weight", "every criterion has weight 0, so there is nothing "
                                        "to rank by. Give at least one criterion a weight "
                                        "above 0.")
    return weights


def _level_rows(
    networks: Sequence[str],
    criteria: Sequence[CriterionSpec],
    grid: Mapping[str, Mapping[str, int]],
) -> list[list[int]]:
    """Each network's levels (0-4, 4 best) on each criterion, in criteria order."""
    pairs = [(c.id, _LEVELS[c.direction]) for c in criteria]
    try:
        rows = [[levels[grid[n][cid]] for cid, levels in pairs] for n in networks]
    except (KeyError, TypeError, IndexError):
        rows = []  # find the culprit and say what to fix
    if len(set(networks)) != len(networks):
        twice = next(n for n in networks if list(networks).count(n) > 1)
        raise ValidationError("networks", f"network {twice!r} is listed twice.")
    if len(rows) == len(networks):
        return rows
    for n in networks:
        row = grid.get(n)
        if row is None:
            raise ValidationError("scores", f"network {n!r} has no scores. Score it from 1 "
                                            "to 5 on every criterion.")
        for c in criteria:
            if c.id not in row:
                raise ValidationError("scores", f"network {n!r} has no score for criterion "
                                                f"{c.name!r} ({c.id}). Score it from 1 to 5.")
            if _level(_LEVELS[c.direction], row[c.id]) is None:
                raise ValidationError("scores", f"network {n!r}, criterion {c.name!r}: "
                                                "scores are whole numbers from 1 to 5 "
                                                f"(got {row[c.id]!r}).")
    raise ValidationError("scores", "the scores could not be read; score every network from "
                                    "1 to 5 on every criterion.")


def _no_change(criterion: str, current: float, outcome: str) -> Threshold:
    return Threshold(criterion, current, None, "", outcome, None, None)


def _threshold(
    order: list[int], alpha: list[int], beta: list[int], t0: _Fraction, *, size: int
) -> tuple[float, str, int, int] | None:
    """The nearest share at which the first ``size`` networks change, which way, who goes
    and who comes in: the leaver placed best and the newcomer placed best just past it.
    """
    if size >= len(order):
        return None
    members, outsiders = order[:size], order[size:]
    up, down = _first_crossings(members, outsiders, alpha, beta)
    if up is not None and (down is None or _nearer_up(up, down, t0)):
        (num, den), sign = up, 1
    elif down is not None:
        (num, den), sign = down, -1
    else:
        return None
    at_end = num == (den if sign > 0 else 0)
    values = [a * den + num * b for a, b in zip(alpha, beta, strict=True)]
    if at_end:  # no "just past" inside [0, 1]: the order at the end itself
        after = sorted(range(len(order)), key=lambda j: (-values[j], j))
    else:
        after = sorted(range(len(order)), key=lambda j: (-values[j], -sign * beta[j], j))
    was_in = set(members)
    by = next(j for j in after[:size] if j not in was_in)
    displaced = next(j for j in after[size:] if j in was_in)
    return num / den, "up" if sign > 0 else "down", displaced, by


def _nearer_up(up: _Fraction, down: _Fraction, t0: _Fraction) -> bool:
    """Whether the crossing above is at least as near to now as the one below."""
    (nu, du), (nd, dd), (p, q) = up, down, t0
    # up - t0 <= t0 - down, multiplied through by du * dd * q > 0
    return (nu * q - p * du) * dd <= (p * dd - nd * q) * du


def _first_crossings(
    members: list[int], outsiders: list[int], alpha: list[int], beta: list[int]
) -> tuple[_Fraction | None, _Fraction | None]:
    """The nearest shares above and below now at which an outsider beats a member.

    Members beat outsiders now, so every upward crossing lies at or above the current share
    and every downward one at or below it; only the ends of [0, 1] need checking.
    """
    up: _Fraction | None = None
    down: _Fraction | None = None
    for m in members:
        am, bm = alpha[m], beta[m]
        for o in outsiders:
            slope = beta[o] - bm
            if slope > 0:  # o gains going up; they meet at t = gap / slope
                gap = am - alpha[o]
                if (gap < slope or (gap == slope and o < m)) and (
                    up is None or gap * up[1] < up[0] * slope
                ):
                    up = (gap, slope)
            elif slope < 0:  # o gains going down
                gap, slope = alpha[o] - am, -slope
                if (gap > 0 or (gap == 0 and o < m)) and (
                    down is None or gap * down[1] > down[0] * slope
                ):
                    down = (gap, slope)
    return up, down


def _percent(share: float, decimals: int) -> str:
    """A share as a percentage, rounded half up."""
    scale = 10**decimals
    value = math.floor(round(share * 100 * scale, 6) + 0.5) / scale
    return f"{value:.{decimals}f}%"


def _percent_pair(threshold: float, current: float) -> tuple[str, str]:
    """Both shares as percentages, with as few decimals as keep them honest.

    Whole percent unless that would show two different shares as equal, or show a share
    that is not exactly 0% or 100% as 0% or 100%.
    """
    for decimals in range(7):
        needed, now = _percent(threshold, decimals), _percent(current, decimals)
        honest = all(
            share in (0.0, 1.0) or float(shown.rstrip("%")) not in (0.0, 100.0)
            for share, shown in ((threshold, needed), (current, now))
        )
        if honest and (needed != now or threshold == current):
            return needed, now
    return needed, now
