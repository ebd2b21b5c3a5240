"""What a learner waits for at import, against a like-for-like baseline.

- ``import netkit.cli``: what every ``netkit`` command pays, against importing the standard
  library a command-line tool of this kind needs anyway (argparse, json, sqlite3,
  dataclasses, pathlib). Target: at most 2x.
- ``import netkit.widgets``: what a notebook pays before its first form, against
  ``import ipywidgets`` alone (every widget notebook pays that). Target: at most 1.5x.

Each figure is the median of interleaved runs of fresh interpreters (the same
``sys.executable``), so both sides see the same disk cache and machine load. The heavy
libraries (matplotlib, nbconvert, pandas, playwright...) must stay out of both imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

try:
    from _util import Figure, median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_import
    from bench._util import Figure, median, verdict

REPEAT = 15
# What a learner has: compiled bytecode beside the sources (pip writes it; an editable
# install writes it on first import). Some shells set PYTHONDONTWRITEBYTECODE, which would
# make netkit (unlike the standard library) compile its sources on every start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
STDLIB = "import argparse, json, sqlite3, dataclasses, pathlib"
CASES = (
    # (what, statement, baseline label, baseline statement, target ratio, never imported)
    ("import netkit.cli", "import netkit.cli", "the standard library it needs", STDLIB, 2.0,
     ("matplotlib", "numpy", "pandas", "nbconvert", "nbclient", "nbformat", "networkx",
      "playwright", "ipywidgets", "IPython")),
    ("import netkit.widgets", "import netkit.widgets", "import ipywidgets",
     "import ipywidgets", 1.5,
     ("matplotlib", "pandas", "nbconvert", "nbclient", "networkx", "playwright")),
)


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start


def heavy_after(statement: str, heavy: tuple[str, ...]) -> list[str]:
    """Which of ``heavy`` are in sys.modules after ``statement``."""
    code = (f"import json, sys\n{statement}\n"
            f"print(json.dumps([m for m in {list(heavy)!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, env=ENV)
    found: list[str] = json.loads(done.stdout)
    return found


def main() -> list[Figure]:
    figures = []
    for what, statement, base_label, base_statement, target, heavy in CASES:
        run(base_statement)  # warm the disk cache for both sides
        run(statement)
        base: list[float] = []
        mine: list[float] = []
        for _ in range(REPEAT):
            base.append(run(base_statement))
            mine.append(run(statement))
        ratio = median(mine) / median(base)
        print(f"   {what}: {median(mine) * 1e3:.1f} ms against {base_label} "
              f"({base_statement!r}) {median(base) * 1e3:.1f} ms = {ratio:.2f}x; "
              f"target <= {target:g}x: {verdict(ratio <= target)}")
        found = heavy_after(statement, heavy)
        print(f"   heavy libraries after {what!r}: {', '.join(found) or 'none'}; "
              f"target none: {verdict(not found)}")
        figures += [
            Figure(what, median(mine) * 1e3, "ms", median(base) * 1e3, base_label, target,
                   note=f"median of {REPEAT} interleaved fresh interpreters"),
            Figure(f"heavy libraries after {what}", len(found), "modules", target=0,
                   on="value", note=", ".join(found)),
        ]
    return figures


if __name__ == "__main__":
    main()
