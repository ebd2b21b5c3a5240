"""Exporting the workbook: the default ``netkit export`` (HTML and PDF) against plain nbconvert.

What a learner waits for, against what the same notebooks cost with Jupyter's own tool: both
commands run as child processes on the same notebooks and the same portfolio (the example
learner), alternately, ``REPEAT`` times each, and their medians are compared.

- baseline: ``jupyter nbconvert --execute --to html`` on each workbook notebook, one after
  another (one command, as a learner would type it): HTML only, no PDF, nothing redacted;
- netkit: ``netkit export`` with its defaults: a redacted copy of the portfolio, every notebook
  executed and converted to HTML, the evidence pack, every file printed to PDF, the leak check
  and the manifest, published as a whole.

Target: netkit at most 0.6x the baseline. It is met by doing less, not by skipping work: one
Chromium prints every PDF while the notebooks still run, the notebooks run in one kernel per
processor (its start and the imports paid once, not once per notebook), nbformat
is imported without building grammars it never uses, and the copy carries no history.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from _util import Figure
except ImportError:  # run as part of the package: python -m bench.bench_export
    from bench._util import Figure

REPEAT = 3
TARGET_RATIO = 0.6


def _timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=900, cwd=cwd)
    return time.perf_counter() - start


def nbconvert_command(notebooks: list[Path], out: Path) -> list[str]:
    """The baseline: plain ``jupyter nbconvert --execute --to html`` of ``notebooks``, one
    command, as a learner would type it."""
    return [sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "html",
            "--output-dir", str(out), *map(str, notebooks)]


def _pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(int(line.split()[-1]) for line in done.stdout.splitlines()
                if line.startswith("Pages:"))


def main() -> list[Figure]:
    from netkit.cli import load_example
    from netkit.export import export, find_chromium, workbook_notebooks
    from netkit.store import Portfolio

    find_chromium()  # the default export prints PDFs: say so now if it cannot
    notebooks = workbook_notebooks()
    with tempfile.TemporaryDirectory(prefix="netkit-bench-") as tmp:
        folder = Path(tmp)
        portfolio = folder / "portfolio.sqlite"
        with Portfolio.open(portfolio, via="bench") as opened:
            load_example(opened)
        env = {**os.environ, "NETKIT_PORTFOLIO": str(portfolio), "NETKIT_ACTOR": "bench",
               "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        base: list[float] = []
        ours: list[float] = []
        for n in range(REPEAT):
            base.append(_timed(nbconvert_command(notebooks, folder / f"nbc{n}"), env))
            ours.append(_timed([sys.executable, "-m", "netkit", "export",
                                "--out", str(folder / f"export{n}")], env))
        b, o = statistics.median(base), statistics.median(ours)
        ratio = o / b
        load = os.getloadavg()[0]
        print(f"   {len(notebooks)} notebooks ({', '.join(p.stem for p in notebooks)}), "
              f"example learner, median of {REPEAT}, alternating; {os.cpu_count()} CPUs, "
              f"load average {load:.1f} (other work on the machine slows the parallel "
              "export more than the one-at-a-time baseline)")
        print(f"   baseline: jupyter nbconvert --execute --to html, one after another: "
              f"{b:.2f} s ({', '.join(f'{t:.2f}' for t in base)})")
        print(f"   netkit export (HTML + PDF + pack, redacted, manifest): {o:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in ours)})")
        print(f"   ratio {ratio:.2f}x, target <= {TARGET_RATIO}x: "
              f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")

        # Where the time goes, from one run in this process (steps overlap: they run at once).
        result = export(portfolio, out=folder / "steps", progress=False)
        pdfs = [p for p in result.files if p.suffix == ".pdf"]
        s = result.seconds
        print(f"   one run: {s['total']:.2f} s in all; the last notebook had run after "
              f"{s['execute']:.2f} s; converting took {s['html']:.2f} s and printing "
              f"{len(pdfs)} PDFs ({sum(map(_pages, pdfs))} pages) {s['pdf']:.2f} s, "
              "summed over files, mostly while notebooks ran")
    return [Figure("netkit export (HTML + PDF + pack, redacted, manifest)", o, "s", b,
                   f"jupyter nbconvert --execute --to html of the {len(notebooks)} notebooks",
                   TARGET_RATIO,
                   note=f"median of {REPEAT}, alternating; load average {load:.1f}")]


if __name__ == "__main__":
    main()
