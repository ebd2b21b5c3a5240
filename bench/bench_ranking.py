"""Shortlisting (2.2): how much exact sensitivity costs against one ranking.

Baseline: ``rank()`` on a seeded 30 networks x 10 criteria problem. Figure: full
``sensitivity()`` (k=3) on the same problem, as a multiple of the baseline; the target is
at most 20x and under 500 ms. Run directly (``python bench/bench_ranking.py``) or through
``bench/run.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._util import Figure, median, times, verdict  # noqa: E402
from netkit.analysis import DIRECTIONS, CriterionSpec, rank, sensitivity  # noqa: E402

NETWORKS, CRITERIA, K = 30, 10, 3
TARGET_RATIO, TARGET_SECONDS = 20.0, 0.5


def problem(
    seed: int = 22, *, decimal_weights: bool = False
) -> tuple[list[str], list[CriterionSpec], dict[str, dict[str, int]]]:
    """A seeded problem: networks, criteria with weights and directions, 1-5 scores."""
    rng = random.Random(seed)
    networks = [f"net{j:02d}" for j in range(NETWORKS)]
    criteria = [
        CriterionSpec(
            id=f"c{i}",
            name=f"Criterion {i}",
            weight=round(rng.uniform(0.5, 10), 1) if decimal_weights else rng.randint(1, 10),
            direction=rng.choice(DIRECTIONS),
        )
        for i in range(CRITERIA)
    ]
    grid = {n: {c.id: rng.randint(1, 5) for c in criteria} for n in networks}
    return networks, criteria, grid


def measure(label: str, decimal_weights: bool) -> list[Figure]:
    """Time rank() and sensitivity() on one problem; print both lines; return the figures
    (sensitivity against ranking, and sensitivity's own time)."""
    networks, criteria, grid = problem(decimal_weights=decimal_weights)
    base = median(times(lambda: rank(networks, criteria, grid), repeat=2000))
    sens = median(times(lambda: sensitivity(networks, criteria, grid, K), repeat=300))
    ratio = sens / base
    ok = ratio <= TARGET_RATIO and sens < TARGET_SECONDS
    size = f"{NETWORKS}x{CRITERIA}"
    print(f"ranking {size}{label}: median {base * 1e3:.2f} ms (baseline)")
    print(f"sensitivity {size}{label}: median {sens * 1e3:.1f} ms = {ratio:.1f}x ranking "
          f"(target <= {TARGET_RATIO:g}x and < {TARGET_SECONDS * 1e3:g} ms) {verdict(ok)}")
    what = f"sensitivity (k={K}) {size}{label}"
    return [Figure(what, sens * 1e3, "ms", base * 1e3, "rank() on the same problem",
                   TARGET_RATIO),
            Figure(f"{what}, time", sens * 1e3, "ms", target=TARGET_SECONDS * 1e3, on="value")]


def main() -> list[Figure]:
    """Print the figures: whole-number weights (as learners type them), then decimals."""
    return [*measure("", decimal_weights=False),
            *measure(", decimal weights", decimal_weights=True)]


if __name__ == "__main__":
    main()
