"""Exporting the workbook: ``netkit export`` against plain ``jupyter nbconvert``, and the PDF step.

Both commands run as child processes on the same notebooks and the same portfolio (the
example learner), alternately, three times each; the medians are compared. The baseline is
``jupyter nbconvert --execute --to html`` on all the workbook notebooks in one command,
which executes and converts them one after the other. ``netkit export --format html`` also
redacts a copy of the portfolio, writes the evidence pack and the manifest.
Target: at most 1.5x the baseline.

The PDF step (headless Chromium printing every HTML file, the pack included) is timed inside
:func:`netkit.export.export` and printed per notebook and per page, against the HTML step
(executing and converting the notebooks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from _util import median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_export
    from bench._util import median, verdict

REPEAT = 3
TARGET_RATIO = 1.5


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=900)
    return time.perf_counter() - start


def _pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(int(line.split()[-1]) for line in done.stdout.splitlines()
                if line.startswith("Pages:"))


def main() -> None:
    from netkit.cli import load_example
    from netkit.exceptions import ExportError
    from netkit.export import export, find_chromium, workbook_notebooks
    from netkit.store import Portfolio

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
            base.append(_timed([sys.executable, "-m", "jupyter", "nbconvert", "--execute",
                                "--to", "html", "--output-dir", str(folder / f"nbc{n}"),
                                *map(str, notebooks)], env))
            ours.append(_timed([sys.executable, "-m", "netkit", "export", "--format", "html",
                                "--out", str(folder / f"html{n}")], env))
        ratio = median(ours) / median(base)
        print(f"   {len(notebooks)} notebooks ({', '.join(p.stem for p in notebooks)}), "
              f"example learner, median of {REPEAT}")
        print(f"   baseline: jupyter nbconvert --execute --to html: {median(base):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in base)})")
        print(f"   netkit export --format html (+ pack, redaction, manifest): "
              f"{median(ours):.2f} s ({', '.join(f'{t:.2f}' for t in ours)}) = "
              f"{ratio:.2f}x baseline")
        print(f"   target: <= {TARGET_RATIO}x: {verdict(ratio <= TARGET_RATIO)}")

        try:
            find_chromium()
        except ExportError as exc:
            print(f"   PDF step skipped: {exc}")
            return
        html_step: list[float] = []
        pdf_step: list[float] = []
        pages = files = 0
        for n in range(2):
            result = export(portfolio, out=folder / f"pdf{n}", formats=("html", "pdf"),
                            progress=False)
            html_step.append(result.seconds["execute"] + result.seconds["html"])
            pdf_step.append(result.seconds["pdf"])
            pdfs = [p for p in result.files if p.suffix == ".pdf"]
            files, pages = len(pdfs), sum(_pages(p) for p in pdfs)
        h, p = median(html_step), median(pdf_step)
        print(f"   HTML step (execute + convert, {len(notebooks)} notebooks + pack): {h:.2f} s "
              f"= {h / len(notebooks):.2f} s per notebook")
        print(f"   PDF step ({files} PDFs, {pages} pages, Chromium, up to 4 at a time): "
              f"{p:.2f} s = {p / files:.2f} s per PDF, {p / pages * 1000:.0f} ms per page; "
              f"{p / h:.2f}x the HTML step")


if __name__ == "__main__":
    main()
