"""What a learner feels moving a weight slider in the shortlist form (notebook 02, 2.2).

Builds a 30 networks x 10 criteria portfolio in a temporary file, opens the shortlist form
and times ``ShortlistForm.set_weight`` (re-rank, sensitivity, redraw the HTML chart)
over 30 moves. Target: at most 150 ms a move. The baseline, measured in the same run, is
``analysis.rank`` alone on the same data.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import Figure, median, times, verdict

NETWORKS, CRITERIA, MOVES = 30, 10, 30
TARGET_MS = 150.0


def build(path: Path) -> None:
    """Save NETWORKS networks, CRITERIA criteria and a full grid of scores."""
    from netkit.model import Benefit, Need, Network, Scores, ShortlistCriterion
    from netkit.store import Portfolio

    rng = random.Random(1949)
    with Portfolio.open(path) as portfolio:
        need = portfolio.save(Need(text="A need the networks serve"))
        nets = [portfolio.save(Network(name=f"Network {n:02d}", benefits=[
            Benefit(text="A benefit", serves=[need.id])])) for n in range(NETWORKS)]
        crits = [portfolio.save(ShortlistCriterion(
            name=f"Criterion {c}", weight=rng.randint(1, 5),
            direction="less is better" if c % 4 == 3 else "more is better"))
            for c in range(CRITERIA)]
        portfolio.save(Scores(grid={n.id: {c.id: rng.randint(1, 5) for c in crits}
                                    for n in nets}))


def main() -> list[Figure]:
    """Print the median and worst time of a weight move, against rank() alone."""
    from netkit import analysis
    from netkit.store import Portfolio
    from netkit.widgets import ShortlistForm

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        build(path)
        with Portfolio.open(path) as portfolio:
            start = time.perf_counter()
            form = ShortlistForm(portfolio)
            opened = time.perf_counter() - start
            ids = list(form.weights)
            rng = random.Random(506)
            moves = [(ids[n % len(ids)], rng.choice([0.5, 1, 2, 3, 4, 5, 7.5, 10]))
                     for n in range(MOVES)]
            form.set_weight(*moves[0])  # warm-up: fonts and caches, as the first draw does
            queue = iter(moves)
            move_s = times(lambda: form.set_weight(*next(queue)), MOVES)
            inputs = form._inputs()
            base_s = times(lambda: analysis.rank(inputs.networks, inputs.criteria,
                                                 inputs.grid), MOVES)
    med, worst, base = median(move_s) * 1e3, max(move_s) * 1e3, median(base_s) * 1e3
    print(f"   shortlist form, {NETWORKS} networks x {CRITERIA} criteria "
          f"(opening the form: {opened * 1e3:.0f} ms)")
    print(f"   set_weight (re-rank + sensitivity + HTML chart), {MOVES} moves: median "
          f"{med:.1f} ms, worst {worst:.1f} ms; target <= {TARGET_MS:.0f} ms  "
          f"{verdict(worst <= TARGET_MS)}")
    print(f"   baseline analysis.rank alone: median {base:.2f} ms; set_weight is "
          f"{med / base:.0f}x rank alone")
    what = f"set_weight, {NETWORKS} networks x {CRITERIA} criteria"
    return [Figure(f"{what}, worst of {MOVES} moves", worst, "ms", base, "analysis.rank alone",
                   TARGET_MS, on="value"),
            Figure(f"{what}, median", med, "ms", base, "analysis.rank alone")]


if __name__ == "__main__":
    main()
