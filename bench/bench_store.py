"""Portfolio saves against bare SQLite commits of the same rows, alternating, as a ratio.

Every save is its own durable transaction (WAL, synchronous=FULL) that checks the record,
writes it and a history row. The baseline is the cheapest durable equivalent of the same
work: one INSERT of the same JSON + COMMIT per row with the same journal settings, on the
same disk. The two run alternately (a save, then a bare commit, ...) so both see the same
machine load and disk state. Target: the median save at most 2x the median bare commit (the
fsync dominates both; a save that read the whole portfolio, or committed twice, misses it),
and the slowest save under 25 ms.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

try:
    from _util import Figure, median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_store
    from bench._util import Figure, median, verdict

N = 1000
TARGET_RATIO = 2.0
TARGET_WORST = 0.025  # seconds


def main() -> list[Figure]:
    from netkit.model import Need
    from netkit.store import Portfolio

    with tempfile.TemporaryDirectory(prefix="netkit-bench-") as folder:
        bare = sqlite3.connect(Path(folder) / "bare.sqlite", isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("CREATE TABLE t (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        base: list[float] = []
        saves: list[float] = []
        with Portfolio.open(Path(folder) / "portfolio.sqlite", via="bench") as portfolio:
            for i in range(N):
                need = Need(text=f"need {i}: keep up with changes to drivers' hours rules",
                            id=f"need-{i:04d}")
                start = time.perf_counter()
                portfolio.save(need)
                saves.append(time.perf_counter() - start)
                text = json.dumps(need.to_dict(), sort_keys=True)
                start = time.perf_counter()
                bare.execute("BEGIN IMMEDIATE")
                bare.execute("INSERT INTO t VALUES (?, ?)", (need.id, text))
                bare.execute("COMMIT")
                base.append(time.perf_counter() - start)
            assert portfolio.count() == N
        bare.close()
    ratio = median(saves) / median(base)
    print(f"   baseline: {N} bare INSERT+COMMIT of the same rows (WAL, synchronous=FULL): "
          f"median {median(base) * 1e3:.3f} ms, total {sum(base):.3f} s")
    print(f"   {N} Portfolio.save, alternating with them: median {median(saves) * 1e3:.3f} ms, "
          f"total {sum(saves):.3f} s, worst {max(saves) * 1e3:.1f} ms")
    print(f"   median save / median bare commit = {ratio:.2f}x; target <= {TARGET_RATIO:g}x: "
          f"{verdict(ratio <= TARGET_RATIO)}")
    print(f"   worst save {max(saves) * 1e3:.1f} ms; target < {TARGET_WORST * 1e3:.0f} ms: "
          f"{verdict(max(saves) < TARGET_WORST)}")
    bare = "bare INSERT+COMMIT of the same row"
    return [Figure(f"Portfolio.save, median of {N}", median(saves) * 1e3, "ms",
                   median(base) * 1e3, bare, TARGET_RATIO),
            Figure(f"Portfolio.save, worst of {N}", max(saves) * 1e3, "ms",
                   median(base) * 1e3, f"median {bare}", TARGET_WORST * 1e3, on="value")]


if __name__ == "__main__":
    main()
