"""Notebook 03 once the learner has imported their LinkedIn network, inside a real kernel.

A learner with a few thousand LinkedIn connections imports them (``netkit import
contacts``) and works on in notebook 03: every form there chooses people from the register,
and every status line, chart and suggestion reads it. This benchmark starts an IPython
kernel on the example learner plus NETWORK imported contacts (a ``Connections.csv`` as in
``bench_import_contacts``) and measures what the learner waits for:

- **Run All**: every code cell of ``notebooks/03-maintain-networks.ipynb``, from the first
  request until the kernel is idle after the last, against the same on the example learner
  alone (its 5 contacts), each in a fresh kernel. Target: at most 1.5x.
- **clicks** on the imported network, each an execute request timed from the client until
  the kernel is idle (every live view redrawn and its widget messages queued), PRESSES
  times: picking a contact in the register, searching the register and typing in the
  "Find a contact" box of the promotion form (target, as for notebook 02's Save: median
  <= 150 ms, worst <= 300 ms); Save after an edit in the contacts form, the mutual benefit
  form (3.1: its status line, the reciprocity chart, the suggestions and the ego-network
  chart redraw) and the promotion form (target: median <= 300 ms, worst <= 600 ms: every
  form, chart and status line that reads the register redraws from 3,000 contacts).

Before this benchmark's changes, on 3,000 contacts, Run All took over 40 s (the suggested
introductions compared every pair of contacts: 37 s) and the promotion form alone 1.3 s.

    python bench/bench_lo3_network.py [--network N] [--presses N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    from _util import Figure
    from bench_import_contacts import connections
    from bench_save import Kernel
except ImportError:  # run as part of the package: python -m bench.bench_lo3_network
    from bench._util import Figure
    from bench.bench_import_contacts import connections
    from bench.bench_save import Kernel

NOTEBOOK = ROOT / "notebooks" / "03-maintain-networks.ipynb"
NETWORK = 3_000
PRESSES = 15
RUNS = 2
TARGET_RUN_ALL = 1.5
CLICK_TARGETS_MS = (150.0, 300.0)  # median, worst
SAVE_TARGETS_MS = (300.0, 600.0)

SETUP = """
import json as _json, time as _time
import netkit.widgets as _w
_forms = {type(o).__name__: o for o in Out.values() if isinstance(o, _w.Form)}
_views = [o for o in Out.values() if isinstance(o, _w.LiveView)]
_c = _forms["ContactsForm"]
_keys = [k for _label, k in _c.picker.options if k][:40]
print(_json.dumps(sorted(_forms)))
"""

# What each click runs, given click number ``i`` (after an untimed ``before``, if any).
CLICKS: dict[str, tuple[str, str]] = {
    "pick a contact in the register": ("", "_c.picker.value = _keys[i % len(_keys)]"),
    "search the register": ("", "_c.search.value = ('smith', 'jane', 'acme', '')[i % 4]"),
    "type in the promotion form's Find a contact": (
        "", "_forms['PromotionForm'].fields['people'].search.value = "
            "('j', 'ja', 'jan', 'jane', '')[i % 5]"),
    "Save in the contacts form (edited)": (
        "_c.search.value = ''\n_c.picker.value = _keys[0]\n"
        "_c.fields['notes'].value = f'Met again ({i})'",
        "_c.save_button.click()\nassert 'Saved' in _c.status.value, _c.status.value"),
    "Save in the mutual benefit form (edited)": (
        "_m = _forms['MutualBenefitForm']\n_m.picker.value = [k for _l, k in "
        "_m.picker.options if k][0]\n_m.fields['i_offer'].value = f'Our pick rates ({i})'",
        "_m.save_button.click()\nassert 'Saved' in _m.status.value, _m.status.value"),
    "Save in the promotion form (edited)": (
        "_p = _forms['PromotionForm']\n_p.picker.value = [k for _l, k in "
        "_p.picker.options if k][0]\n_p.fields['response'].value = f'Two replies ({i})'",
        "_p.save_button.click()\nassert 'Saved' in _p.status.value, _p.status.value"),
}

CURRENT = """
_stale = [type(v).__name__ for v in _views
          if v._html != (v.render(v.data()) if v.data() is not None else v.html())]
print(_json.dumps(_stale))
"""


def portfolio(folder: Path, network: int) -> Path:
    """The example learner, with ``network`` contacts imported from LinkedIn."""
    from netkit.cli import load_example
    from netkit.importers import import_contacts
    from netkit.store import Portfolio

    path = folder / f"portfolio-{network}.sqlite"
    with Portfolio.open(path) as opened:
        load_example(opened)
        if network:
            import_contacts(opened, connections(network), name="Connections.csv")
    return path


def run_all(path: Path) -> float:
    """Seconds for every code cell of notebook 03 in a fresh kernel (kernel start not
    counted)."""
    kernel = Kernel(path)
    try:
        start = time.perf_counter()
        kernel.run_cells(path, NOTEBOOK)
        return time.perf_counter() - start
    finally:
        kernel.close()


def clicks(path: Path, presses: int) -> tuple[dict[str, list[float]], list[str]]:
    """Seconds of each click, ``presses`` times; and the live views left stale."""
    kernel = Kernel(path)
    try:
        kernel.run_cells(path, NOTEBOOK)
        _, names = kernel.run(SETUP)
        missing = {"ContactsForm", "MutualBenefitForm", "PromotionForm"} - set(
            json.loads(names))
        if missing:
            raise RuntimeError(f"notebook 03 has no {', '.join(sorted(missing))}")
        found: dict[str, list[float]] = {}
        for label, (before, code) in CLICKS.items():
            kernel.run(f"i = -1\n{before}\n{code}")  # warm-up
            times = []
            for i in range(presses):
                if before:
                    kernel.run(f"i = {i}\n{before}")
                seconds, _ = kernel.run(f"i = {i}\n{code}")
                times.append(seconds)
            found[label] = times
        _, text = kernel.run(CURRENT)
        return found, json.loads(text)
    finally:
        kernel.close()


def main(argv: list[str] | None = None) -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", type=int, default=NETWORK)
    parser.add_argument("--presses", type=int, default=PRESSES)
    args = parser.parse_args(argv or [])
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        alone, imported = portfolio(folder, 0), portfolio(folder, args.network)
        base, big = [], []
        for _ in range(RUNS):  # interleaved
            base.append(run_all(alone))
            big.append(run_all(imported))
        base_s, big_s = statistics.median(base), statistics.median(big)
        ratio = big_s / base_s
        print(f"   Run All of notebook 03: example learner + {args.network:,} imported "
              f"contacts {big_s:.2f} s, example learner alone {base_s:.2f} s = {ratio:.2f}x; "
              f"target <= {TARGET_RUN_ALL:g}x: {'PASS' if ratio <= TARGET_RUN_ALL else 'MISSED'}")
        figures.append(Figure(f"Run All of notebook 03, example learner + {args.network:,} "
                              "imported contacts", big_s, "s", base_s,
                              "Run All on the example learner alone", TARGET_RUN_ALL))
        found, stale = clicks(imported, args.presses)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"   clicks on {args.network:,} contacts, {args.presses} each (load average {load})")
    for label, times in found.items():
        most, worst_most = SAVE_TARGETS_MS if label.startswith("Save") else CLICK_TARGETS_MS
        med, worst = statistics.median(times) * 1e3, max(times) * 1e3
        ok = med <= most and worst <= worst_most
        print(f"   {label:<48} median {med:6.1f} ms (<= {most:.0f}), worst {worst:6.1f} ms "
              f"(<= {worst_most:.0f})  {'PASS' if ok else 'MISSED'}")
        figures += [
            Figure(f"{label}, {args.network:,} contacts, median of {args.presses}", med, "ms",
                   target=most, on="value"),
            Figure(f"{label}, {args.network:,} contacts, worst of {args.presses}", worst, "ms",
                   target=worst_most, on="value")]
    print("   every live view current after the clicks: "
          + ("yes" if not stale else f"NO, stale: {', '.join(stale)}"))
    figures.append(Figure("live views left stale after the clicks", len(stale), "views",
                          target=0, on="value", note=", ".join(stale)))
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
