"""The cohort view over 200 learners' portfolios against opening them alone, as a ratio.

200 portfolios are generated in a temporary folder laid out like a JupyterHub's homes
(``home/learner-NNN/workbook/portfolio/portfolio.sqlite``): the complete and the partial
example learners and learners in between (the complete one with whole learning outcomes
left out), each under its own name. Not timed.

Baseline: for every file, what any reader must do at least: open it read-only
(``Portfolio.open(read_only=True, strict=True)``) and load every live record as netkit's
model objects. Measured: ``netkit cohort`` on the folder, as the command does it: find the
files, read each learner's standing (coverage of every criterion, last activity, assessor's
decisions) and lay out the printed tables. The two alternate, seven times each, and each
cohort view is divided by the baseline run just before it, so a pair sees the same machine
load. Target: the median of those ratios at most 2x (a view that counted through the
store, one query per counter, runs at about 4x).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

try:
    from _util import Figure, median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_cohort
    from bench._util import Figure, median, verdict

N = 200
REPEAT = 7
TARGET = 2.0
# The complete example learner with these record kinds left out: learners part-way through.
LEFT_OUT = [
    (),
    ("answer_1_5", "answer_1_6", "followup"),
    ("assessment", "agreement", "review", "action", "introduction", "support"),
    ("promotion", "offers", "support", "agreement", "review", "action", "introduction"),
]


def _generate(root: Path) -> list[Path]:
    """``N`` portfolios: the complete example learner with some kinds left out (learners
    part-way through) and the partial one, each under its own name."""
    from netkit.cohort import example_learners
    from netkit.model import RECORD_TYPES
    from netkit.store import Portfolio

    complete, partial = example_learners()
    full = json.loads(complete.read_text(encoding="utf-8"))["records"]
    kinds = [[r for r in full if r["kind"] not in drop] for drop in LEFT_OUT]
    kinds.append(json.loads(partial.read_text(encoding="utf-8"))["records"])
    paths = []
    for n in range(N):
        name = f"Learner {n:03d}"
        records = []
        for item in kinds[n % len(kinds)]:
            data = dict(item["data"])
            if item["kind"] in ("learner", "declaration"):
                data["name"] = name
            records.append(RECORD_TYPES[item["kind"]].from_dict(data))
        path = root / "home" / f"learner-{n:03d}" / "workbook" / "portfolio" / "portfolio.sqlite"
        with Portfolio.open(path, via="bench") as portfolio:
            portfolio.load_records(records, meta={})
        paths.append(path)
    return paths


def main() -> list[Figure]:
    from netkit.cohort import read_cohort
    from netkit.model import RECORD_TYPES
    from netkit.store import Portfolio

    with tempfile.TemporaryDirectory(prefix="netkit-bench-") as folder:
        paths = _generate(Path(folder))
        home = Path(folder) / "home"

        def open_alone() -> int:
            loaded = 0
            for path in paths:
                with Portfolio.open(path, via="bench", read_only=True, strict=True) as p:
                    loaded += len([RECORD_TYPES[r.kind].from_dict(r.data)
                                   for r in p.records()])
            return loaded

        def cohort_view() -> int:
            cohort = read_cohort([home])
            assert len(cohort.learners) == N and not cohort.not_read, cohort.not_read
            return len(cohort.text())

        base, view, cpu = [], [], []
        records = open_alone()  # warm: imports, the page cache
        cohort_view()
        for _ in range(REPEAT):
            start, used = time.perf_counter(), time.process_time()
            open_alone()
            base.append(time.perf_counter() - start)
            cpu_base = time.process_time() - used
            start, used = time.perf_counter(), time.process_time()
            cohort_view()
            view.append(time.perf_counter() - start)
            cpu.append((time.process_time() - used) / cpu_base)
    ratio = median([v / b for v, b in zip(view, base, strict=True)])
    print(f"   baseline: open {N} portfolios read-only and load their {records} records: "
          f"median {median(base) * 1e3:.0f} ms ({median(base) / N * 1e3:.2f} ms each)")
    print(f"   netkit cohort over the {N}: median {median(view) * 1e3:.0f} ms "
          f"({median(view) / N * 1e3:.2f} ms each)")
    print(f"   cohort / open alone (median of {REPEAT} alternating pairs) = {ratio:.2f}x; "
          f"target <= {TARGET:g}x: "
          f"{verdict(ratio <= TARGET)}")
    # On a shared machine, waiting for a core weighs on the longer run: the CPU time this
    # process used says how much of the ratio is netkit's own work.
    print(f"   the same in CPU time used: {median(cpu):.2f}x "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return [Figure(f"netkit cohort over {N} portfolios", median(view) * 1e3, "ms",
                   median(base) * 1e3, f"open them alone and load their {records} records",
                   TARGET, ratio=ratio,
                   note=f"ratio: the median of {REPEAT} alternating pairs; in CPU time "
                        f"{median(cpu):.2f}x (load average {os.getloadavg()[0]:.1f})")]


if __name__ == "__main__":
    main()
