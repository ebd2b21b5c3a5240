"""What a learner feels end to end: from ``netkit example`` to a finished evidence pack (HTML
and PDF), against plain nbconvert and Chromium printing of the same notebooks.

Each round makes two fresh workbook folders (``netkit workbook FOLDER``: the notebooks, no
portfolio yet; not timed) and times, alternately, as child processes run in the folder
(the portfolio is the folder's default, ``portfolio/portfolio.sqlite``):

- netkit: ``netkit example`` then ``netkit export`` with its defaults: the example learner
  loaded into a new portfolio, a redacted copy, every notebook executed and converted to
  HTML, the evidence pack, every file printed to PDF, the leak check and the manifest;
- baseline (the example learner already loaded, not timed): ``jupyter nbconvert --execute
  --to html`` of the same notebooks (the baseline of ``bench_export.py``, one command), then
  headless Chromium ``--print-to-pdf`` of each HTML file, one after another: what the same
  notebooks cost as HTML and PDF with the plain tools, with no pack, nothing redacted, no
  checks.

Target: netkit's whole pack, example included, at most 0.6x the baseline (the median of
``REPEAT`` rounds; measured 0.36x on two loaded cores). netkit does more and is faster by
construction: one kernel per processor runs the notebooks (its start and imports paid once),
one Chromium prints every PDF while they still run. A change that loses the first (a kernel
per notebook: about nbconvert's time) or the second (a browser per file, started after the
notebooks: the baseline's printing added) misses it.
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
    from bench_export import _pages, _timed, nbconvert_command
except ImportError:  # run as part of the package: python -m bench.bench_first_pack
    from bench._util import Figure
    from bench.bench_export import _pages, _timed, nbconvert_command

REPEAT = 3
TARGET_RATIO = 0.6


def _env() -> dict[str, str]:
    """The environment of a learner's shell: no portfolio chosen, so the folder's is used."""
    env = {k: v for k, v in os.environ.items() if k != "NETKIT_PORTFOLIO"}
    return {**env, "NETKIT_ACTOR": "bench", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def _workbook(folder: Path) -> Path:
    """A fresh workbook folder made by ``netkit workbook`` (no portfolio yet)."""
    subprocess.run([sys.executable, "-m", "netkit", "workbook", str(folder)], check=True,
                   capture_output=True, env=_env(), timeout=300)
    return folder


def _netkit(folder: Path) -> tuple[float, float]:
    """Seconds of ``netkit example`` and of ``netkit export`` in ``folder``."""
    example = _timed([sys.executable, "-m", "netkit", "example"], _env(), cwd=folder)
    export = _timed([sys.executable, "-m", "netkit", "export", "--out", "pack"], _env(),
                    cwd=folder)
    return example, export


def _plain(folder: Path, chromium: str) -> tuple[float, float, list[Path]]:
    """Seconds of plain nbconvert and of Chromium printing each notebook's HTML to PDF."""
    from netkit.export import workbook_notebooks

    out = folder / "plain"
    html_s = _timed(nbconvert_command(workbook_notebooks(folder), out), _env(), cwd=folder)
    pdfs = []
    start = time.perf_counter()
    for page in sorted(out.glob("*.html")):
        pdf = page.with_suffix(".pdf")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        f"--user-data-dir={folder / 'chromium-profile'}",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=300)
        if not pdf.is_file():
            raise RuntimeError(f"Chromium wrote no {pdf.name}")
        pdfs.append(pdf)
    return html_s, time.perf_counter() - start, pdfs


def main() -> list[Figure]:
    from netkit.export import PACK, find_chromium, workbook_notebooks

    chromium = find_chromium()  # the pack prints PDFs: say so now if it cannot
    ours: list[float] = []
    examples: list[float] = []
    base: list[float] = []
    base_html: list[float] = []
    with tempfile.TemporaryDirectory(prefix="netkit-bench-") as tmp:
        for n in range(REPEAT):
            mine, plain = _workbook(Path(tmp) / f"netkit{n}"), _workbook(Path(tmp) / f"plain{n}")
            subprocess.run([sys.executable, "-m", "netkit", "example"], check=True,
                           capture_output=True, env=_env(), cwd=plain, timeout=300)
            html_s, pdf_s, pdfs = _plain(plain, chromium)
            base.append(html_s + pdf_s)
            base_html.append(html_s)
            example, export = _netkit(mine)
            ours.append(example + export)
            examples.append(example)
        pack = Path(tmp) / f"netkit{REPEAT - 1}" / "pack"
        ours_pdfs = sorted(pack.rglob("*.pdf"))
        ours_html = sorted(pack.rglob("*.html"))
        notebooks = workbook_notebooks(mine)
        if not ours_pdfs or not any(p.stem == PACK for p in ours_html):
            raise RuntimeError(f"netkit export wrote no evidence pack in {pack}")
        plain_pages = sum(map(_pages, pdfs))
        ours_pages = sum(map(_pages, ours_pdfs))
    o, b = statistics.median(ours), statistics.median(base)
    ratio = o / b
    load = os.getloadavg()[0]
    print(f"   {len(notebooks)} notebooks ({', '.join(p.stem for p in notebooks)}), a fresh "
          f"workbook folder each run, median of {REPEAT}, alternating; {os.cpu_count()} CPUs, "
          f"load average {load:.1f}")
    print(f"   baseline: jupyter nbconvert --execute --to html, then Chromium --print-to-pdf "
          f"of each HTML file: {b:.2f} s ({', '.join(f'{t:.2f}' for t in base)}; nbconvert "
          f"alone {statistics.median(base_html):.2f} s); {len(pdfs)} PDFs, {plain_pages} "
          "pages")
    print(f"   netkit example + netkit export (HTML + PDF + pack, redacted, manifest): "
          f"{o:.2f} s ({', '.join(f'{t:.2f}' for t in ours)}; netkit example alone "
          f"{statistics.median(examples):.2f} s); {len(ours_html)} HTML files, "
          f"{len(ours_pdfs)} PDFs, {ours_pages} pages")
    print(f"   ratio {ratio:.2f}x, target <= {TARGET_RATIO}x: "
          f"{'PASS' if ratio <= TARGET_RATIO else 'MISSED'}")
    return [Figure("from netkit example to the finished evidence pack (HTML + PDF)", o, "s",
                   b, f"plain nbconvert --execute --to html + Chromium --print-to-pdf of the "
                   f"{len(notebooks)} notebooks", TARGET_RATIO,
                   note=f"median of {REPEAT} rounds, alternating, a fresh workbook folder "
                        f"each (netkit {', '.join(f'{t:.1f}' for t in ours)} s; baseline "
                        f"{', '.join(f'{t:.1f}' for t in base)} s); netkit example alone "
                        f"{statistics.median(examples):.2f} s, "
                        f"nbconvert alone {statistics.median(base_html):.2f} s; "
                        f"load average {load:.1f}")]


if __name__ == "__main__":
    main()
