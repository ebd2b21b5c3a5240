"""Run every benchmark and write the report: ``python bench/run.py [NAME ...] [--out FILE]``.

Each ``bench/bench_*.py`` has a ``main()`` that measures a baseline in the same run, prints
its figures as ratios against it, with the target and OK / MISSED, and returns them as
:class:`_util.Figure` objects. Run with no names, the command writes ``bench/RESULTS.md``:
every figure with its baseline, ratio, target and PASS / MISSED, the machine (CPU, cores,
memory, Python, OS, load average at the start and the end) and the date. Run with names
(``python bench/run.py cohort first_pack``), it writes a report only with ``--out FILE``,
so a partial run never replaces the whole one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

RESULTS = HERE / "RESULTS.md"
COLUMNS = ("benchmark", "figure", "value", "baseline", "ratio", "target", "result")


@dataclass
class BenchResult:
    """What one benchmark file gave: its figures, how long it took, or why it failed."""

    name: str
    title: str
    figures: list[Any] = field(default_factory=list)  # _util.Figure
    seconds: float = 0.0
    error: str = ""


# -- the machine --------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return "unknown"
    return f"{pages * size / 2**30:.1f} GiB"


def _os_name() -> str:
    try:
        release = Path("/etc/os-release").read_text(encoding="utf-8")
        pretty = next(line.split("=", 1)[1].strip().strip('"')
                      for line in release.splitlines() if line.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        pretty = ""
    kernel = f"{platform.system()} {platform.release()} {platform.machine()}"
    return f"{pretty} ({kernel})" if pretty else kernel


def load_average() -> str:
    """The 1, 5 and 15 minute load averages and the number of cores, as one phrase."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(HERE.parent), *args], capture_output=True,
                              text=True, check=True, timeout=30).stdout.strip()
    try:
        commit = git("rev-parse", "--short", "HEAD")
        # The report itself (the last run's, about to be replaced) does not count.
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", "netkit", "bench",
                    ":(exclude)bench/RESULTS.md")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + (" with uncommitted changes to netkit/ or bench/" if dirty else "")


def machine() -> dict[str, str]:
    """What RESULTS.md says about the machine at the start of a run."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": _memory(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()}, "
                  f"{sys.executable})",
        "OS": _os_name(),
        "load average at start": load_average(),
        "netkit commit": _commit(),
    }


# -- the report ---------------------------------------------------------------------------
def _number(x: float) -> str:
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def _amount(x: float, unit: str) -> str:
    return f"{_number(x)} {unit}".rstrip()


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _rows(result: BenchResult) -> list[tuple[str, ...]]:
    if result.error:
        return [(result.name, "the benchmark failed", "-", "-", "-", "-", "ERROR")]
    rows: list[tuple[str, ...]] = []
    for f in result.figures:
        baseline = "-"
        if f.baseline is not None:
            baseline = _amount(f.baseline, f.unit)
            if f.baseline_what:
                baseline += f" ({f.baseline_what})"
        ratio = f"{_number(f.ratio)}x" if f.ratio is not None else "-"
        rows.append((result.name, f.what, _amount(f.value, f.unit), baseline, ratio,
                     f.target_text, f.outcome))
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(_cell(c) for c in header) + " |",
            "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)]


def render(results: Sequence[BenchResult], about: dict[str, str]) -> str:
    """RESULTS.md: the figures table, the machine, and each benchmark's notes."""
    judged = [f for r in results for f in r.figures if f.passed is not None]
    missed = [f"{r.name} ({n})" for r in results
              if (n := sum(f.passed is False for f in r.figures))]
    failed = [r.name for r in results if r.error]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python bench/run.py` on {about.get('date', '?')}. Every figure is "
        "measured against a baseline taken in the same run, alternating where the "
        "benchmark says so; the ratio is figure / baseline unless a note says otherwise. "
        "A target limits the ratio (`<= 2x`) or the figure itself (`<= 150 ms`).",
        "",
        f"**{len(judged) - len(missed)} of {len(judged)} targets met**"
        + (f"; missed in: {', '.join(missed)}" if missed else "")
        + (f"; failed to run: {', '.join(failed)}" if failed else "")
        + ".",
        "",
    ]
    one = _load_one(about.get("load average at start", ""))
    cores = about.get("cores", "")
    if one is not None and cores.isdigit() and one > int(cores):
        lines += [f"> The machine was busy when this run started (load average {one:.1f} on "
                  f"{cores} cores): wall-clock figures include waiting for a core and are "
                  "noisy. Regenerate on a quiet machine before quoting them.", ""]
    lines += ["## Figures", "", *_table(COLUMNS, [row for r in results for row in _rows(r)]),
              "", "## Machine", "", *_table(("machine", ""), list(about.items())), "",
              "## Notes", ""]
    for r in results:
        lines.append(f"- **{r.name}** ({r.seconds:.0f} s): {r.title}")
        if r.error:
            lines.append(f"  - failed: {_cell(r.error)}")
        lines += [f"  - {f.what}: {_cell(f.note)}" for f in r.figures if f.note]
    total = sum(r.seconds for r in results)
    lines += ["", f"This run took {total / 60:.1f} minutes. Regenerate with "
              "`python bench/run.py`, on a quiet machine.", ""]
    return "\n".join(lines)


def _load_one(text: str) -> float | None:
    try:
        return float(text.split("/", 1)[0])
    except ValueError:
        return None


# -- running ------------------------------------------------------------------------------
def _title(module: Any, path: Path) -> str:
    doc = (module.__doc__ or "").strip()
    return " ".join(doc.split("\n\n", 1)[0].split()) if doc else path.stem


def run_one(path: Path) -> BenchResult:
    """Import ``bench_*.py`` and run its ``main()``; a failure is reported, not raised."""
    name = path.stem.removeprefix("bench_")
    start = time.perf_counter()
    title = path.stem
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        title = _title(module, path)
        figures = module.main()
    except Exception as exc:  # one failing benchmark must not stop the rest
        traceback.print_exc()
        return BenchResult(name, title, [], time.perf_counter() - start,
                           f"{type(exc).__name__}: {exc}")
    return BenchResult(name, title, list(figures or []), time.perf_counter() - start)


def main(argv: list[str]) -> int:
    """Run the named benchmarks, or all of them, and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="benchmarks to run (cohort, export...; default: all)")
    parser.add_argument("--out", metavar="FILE", type=Path,
                        help="where to write the report (default: bench/RESULTS.md when "
                             "every benchmark runs, no report when some are named)")
    args = parser.parse_args(argv)
    chosen = [p for p in sorted(HERE.glob("bench_*.py"))
              if not args.names or p.stem.removeprefix("bench_") in args.names
              or p.stem in args.names]
    unknown = set(args.names) - {p.stem for p in chosen} - {
        p.stem.removeprefix("bench_") for p in chosen}
    if unknown or not chosen:
        known = ", ".join(p.stem.removeprefix("bench_") for p in sorted(HERE.glob("bench_*.py")))
        print(f"no benchmark named {', '.join(sorted(unknown)) or '?'} (there are: {known})",
              file=sys.stderr)
        return 2
    out = args.out or (None if args.names else RESULTS)
    about = machine()
    print(f"netkit benchmarks - Python {platform.python_version()}, {platform.machine()}, "
          f"{len(chosen)} files; load average {about['load average at start']}")
    results = []
    for path in chosen:
        print(f"\n== {path.stem}", flush=True)
        result = run_one(path)
        results.append(result)
        print(f"   ({result.seconds:.1f} s)", flush=True)
    about["load average at end"] = load_average()
    if out is not None:
        out.write_text(render(results, about), encoding="utf-8")
        print(f"\nwrote {out}")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
