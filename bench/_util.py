"""Shared helpers for the benchmarks: timing, and the figures each one returns.

Every ``bench/bench_*.py`` has a ``main()`` that prints its figures and returns them as a
list of :class:`Figure`; ``bench/run.py`` runs them all and writes ``bench/RESULTS.md``
from those objects (never from the printed text).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


def times(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``fn``."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def verdict(ok: bool) -> str:
    """OK or MISSED, for the end of a figure's line."""
    return "OK" if ok else "MISSED"


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


@dataclass(frozen=True)
class Figure:
    """One measured figure, its baseline from the same run, and its target.

    ``value`` and ``baseline`` are in ``unit``. ``ratio`` is ``value / baseline`` unless the
    benchmark gives it (a median of paired ratios is not a ratio of medians). The target
    limits the ratio (``on="ratio"``) or the value itself (``on="value"``, in ``unit``):
    the figure passes when that is at most ``target``; no target, no verdict.
    """

    what: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_what: str = ""
    target: float | None = None
    on: Literal["ratio", "value"] = "ratio"
    ratio: float | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.ratio is None and self.baseline:
            object.__setattr__(self, "ratio", self.value / self.baseline)
        if self.target is not None and self.on == "ratio" and self.ratio is None:
            raise ValueError(f"{self.what}: a target on the ratio needs a baseline")

    @property
    def passed(self) -> bool | None:
        """Whether the figure meets its target (None: it has none)."""
        if self.target is None:
            return None
        measured = self.ratio if self.on == "ratio" else self.value
        return measured is not None and measured <= self.target

    @property
    def target_text(self) -> str:
        """The target as RESULTS.md shows it: "<= 2x", "<= 150 ms", or "-"."""
        if self.target is None:
            return "-"
        if self.on == "ratio":
            return f"<= {self.target:g}x"
        return f"<= {self.target:g} {self.unit}".rstrip()

    @property
    def outcome(self) -> str:
        """PASS, MISSED, or "-" without a target."""
        return {True: "PASS", False: "MISSED", None: "-"}[self.passed]
