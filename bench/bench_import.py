"""``import netkit`` against a bare interpreter start, and no heavy library imported by it.

Each figure is the median of interleaved runs of fresh interpreters (the same
``sys.executable``), so both sides see the same disk cache and machine load.
Target: ``python -c "import netkit"`` at most 2x ``python -c pass``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

try:
    from _util import median, verdict
except ImportError:  # run as part of the package: python -m bench.bench_import
    from bench._util import median, verdict

REPEAT = 20
TARGET_RATIO = 2.0
HEAVY = ("matplotlib", "pandas", "nbconvert", "nbclient", "networkx", "playwright",
         "ipywidgets")


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def heavy_after(statement: str) -> list[str]:
    """Which heavy libraries are in sys.modules after ``statement``."""
    code = (f"import json, sys\n{statement}\n"
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True)
    found: list[str] = json.loads(done.stdout)
    return found


def main() -> None:
    run("pass")  # warm the disk cache for both sides
    run("import netkit")
    bare: list[float] = []
    netkit: list[float] = []
    cli: list[float] = []
    for _ in range(REPEAT):
        bare.append(run("pass"))
        netkit.append(run("import netkit"))
        cli.append(run("import netkit.cli"))
    base = median(bare)
    ratio = median(netkit) / base
    print(f"   baseline: python -c pass: {base * 1e3:.1f} ms (median of {REPEAT})")
    print(f"   import netkit: {median(netkit) * 1e3:.1f} ms = {ratio:.2f}x baseline; "
          f"target <= {TARGET_RATIO:.0f}x: {verdict(ratio <= TARGET_RATIO)}")
    print(f"   import netkit.cli (what the netkit command loads): {median(cli) * 1e3:.1f} ms "
          f"= {median(cli) / base:.2f}x baseline (for information)")
    for statement in ("import netkit", "import netkit.cli"):
        found = heavy_after(statement)
        print(f"   heavy libraries after {statement!r}: {', '.join(found) or 'none'}; "
              f"target none: {verdict(not found)}")


if __name__ == "__main__":
    main()
