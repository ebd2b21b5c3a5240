"""Run every benchmark: ``python bench/run.py [NAME ...]``.

Each ``bench/bench_*.py`` has a ``main()`` that measures a baseline in the same run and
prints its figures as ratios against it, with the target and OK / MISSED.
"""

from __future__ import annotations

import importlib.util
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    """Run the named benchmarks, or all of them."""
    chosen = [p for p in sorted(HERE.glob("bench_*.py"))
              if not argv or p.stem.removeprefix("bench_") in argv or p.stem in argv]
    print(f"netkit benchmarks - Python {platform.python_version()}, {platform.machine()}, "
          f"{len(chosen)} files")
    for path in chosen:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"\n== {path.stem}")
        start = time.perf_counter()
        module.main()
        print(f"   ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
