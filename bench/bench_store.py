"""1,000 saves into a fresh portfolio, against 1,000 bare SQLite commits on the same disk.

Every save is its own durable transaction (WAL, synchronous=FULL) that also writes a
history row, so the baseline is the cheapest durable equivalent: one INSERT + COMMIT per
row with the same journal settings. Target: 1,000 saves in at most 3 s.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

try:
    from _util import median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_store
    from bench._util import median, verdict

N = 1000
TARGET_TOTAL = 3.0  # seconds for N saves


def bare_commits(path: Path) -> list[float]:
    """Seconds per plain INSERT + COMMIT, WAL and synchronous=FULL."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE t (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
    out = []
    for i in range(N):
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t VALUES (?, ?)", (f"need-{i:04d}", f'{{"text": "need {i}"}}'))
        db.execute("COMMIT")
        out.append(time.perf_counter() - start)
    db.close()
    return out


def portfolio_saves(path: Path) -> list[float]:
    """Seconds per Portfolio.save of a new Need."""
    from netkit.model import Need
    from netkit.store import Portfolio

    out = []
    with Portfolio.open(path, via="bench") as portfolio:
        for i in range(N):
            need = Need(text=f"need {i}", id=f"need-{i:04d}")
            start = time.perf_counter()
            portfolio.save(need)
            out.append(time.perf_counter() - start)
        assert portfolio.count() == N
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="netkit-bench-") as folder:
        base = bare_commits(Path(folder) / "bare.sqlite")
        saves = portfolio_saves(Path(folder) / "portfolio.sqlite")
    total, base_total = sum(saves), sum(base)
    print(f"   baseline: {N} bare INSERT+COMMIT (WAL, synchronous=FULL): {base_total:.3f} s "
          f"(median {median(base) * 1e3:.3f} ms)")
    print(f"   {N} Portfolio.save: total {total:.3f} s = {total / base_total:.2f}x baseline; "
          f"median {median(saves) * 1e3:.3f} ms ({median(saves) / median(base):.2f}x), "
          f"max {max(saves) * 1e3:.1f} ms")
    print(f"   target: total <= {TARGET_TOTAL:.0f} s: {verdict(total <= TARGET_TOTAL)}")


if __name__ == "__main__":
    main()
