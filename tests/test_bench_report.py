"""bench/RESULTS.md: the report bench/run.py writes from the figures the benchmarks return."""

from __future__ import annotations

from bench._util import Figure
from bench.run import COLUMNS, BenchResult, machine, render

ABOUT = {"date": "2026-11-30 15:00 UTC", "CPU": "Test CPU | 2 GHz", "cores": "2",
         "memory": "24 GiB", "Python": "3.11.7", "OS": "Debian GNU/Linux 12",
         "load average at start": "7.5 / 6.0 / 5.0 (1 / 5 / 15 min) on 2 cores"}


def cells(text: str, heading: str) -> list[list[str]]:
    """The Markdown table under ``heading``: its rows' cells, header first (an escaped
    pipe read back as a pipe)."""
    lines = text.split(f"## {heading}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert set(lines[1]) <= {"|", "-"}
    return [[c.strip().replace("\0", "|")
             for c in line.strip().strip("|").replace("\\|", "\0").split("|")]
            for line in lines[:1] + lines[2:]]


def table(text: str, heading: str) -> list[dict[str, str]]:
    """The Markdown table under ``heading``, one dict per row."""
    header, *rows = cells(text, heading)
    return [dict(zip(header, row, strict=True)) for row in rows]


def fake_results() -> list[BenchResult]:
    return [
        BenchResult("cohort", "The cohort view against opening the portfolios alone.", [
            Figure("netkit cohort over 200 portfolios", 412.0, "ms", 200.0,
                   "open them alone", 2.0, ratio=2.07, note="median of 7 pairs")], 81.0),
        BenchResult("lo2_form", "Moving a weight slider.", [
            Figure("set_weight, worst of 30 moves", 96.4, "ms", 0.5, "rank alone", 150.0,
                   on="value"),
            Figure("set_weight, median", 40.0, "ms", 0.5, "rank alone")], 12.0),
    ]


def test_results_table_reads_back_each_figure_with_baseline_ratio_target_and_verdict() -> None:
    rows = table(render(fake_results(), ABOUT), "Figures")
    assert tuple(rows[0]) == COLUMNS
    assert rows == [
        {"benchmark": "cohort", "figure": "netkit cohort over 200 portfolios",
         "value": "412 ms", "baseline": "200 ms (open them alone)", "ratio": "2.07x",
         "target": "<= 2x", "result": "MISSED"},
        {"benchmark": "lo2_form", "figure": "set_weight, worst of 30 moves",
         "value": "96.4 ms", "baseline": "0.50 ms (rank alone)", "ratio": "193x",
         "target": "<= 150 ms", "result": "PASS"},
        {"benchmark": "lo2_form", "figure": "set_weight, median", "value": "40.0 ms",
         "baseline": "0.50 ms (rank alone)", "ratio": "80.0x", "target": "-",
         "result": "-"},
    ]


def test_report_states_the_machine_the_date_the_load_and_the_misses() -> None:
    text = render(fake_results(), ABOUT)
    about = {row[0]: row[1] for row in cells(text, "Machine")[1:]}
    assert about["CPU"] == "Test CPU | 2 GHz"  # a pipe in a value does not break the row
    assert about["cores"] == "2" and about["load average at start"].startswith("7.5 / 6.0")
    assert "on 2026-11-30 15:00 UTC" in text
    assert "**1 of 2 targets met**; missed in: cohort (1)." in text
    assert "busy when this run started (load average 7.5 on 2 cores)" in text
    assert "- **cohort** (81 s): The cohort view" in text
    assert "  - netkit cohort over 200 portfolios: median of 7 pairs" in text


def test_quiet_machine_gets_no_warning_and_a_failed_benchmark_is_listed() -> None:
    quiet = {**ABOUT, "load average at start": "0.4 / 0.3 / 0.2 (1 / 5 / 15 min) on 2 cores"}
    failed = BenchResult("export", "Exporting.", [], 3.0, "ExportError: no Chromium")
    text = render([*fake_results(), failed], quiet)
    assert "busy" not in text
    assert table(text, "Figures")[-1] == {
        "benchmark": "export", "figure": "the benchmark failed", "value": "-",
        "baseline": "-", "ratio": "-", "target": "-", "result": "ERROR"}
    assert "failed to run: export." in text and "  - failed: ExportError: no Chromium" in text


def test_figure_ratio_and_target() -> None:
    assert Figure("a", 3.0, "s", 2.0, target=1.0).ratio == 1.5
    assert Figure("a", 3.0, "s", 2.0, target=1.5).passed is True
    assert Figure("a", 3.0, "s", 2.0, target=1.4).outcome == "MISSED"
    assert Figure("a", 3.0, "s", 2.0, target=2.9, on="value").passed is False
    assert Figure("a", 0, "modules", target=0, on="value").target_text == "<= 0 modules"
    assert Figure("a", 3.0, "s").passed is None


def test_machine_describes_this_computer() -> None:
    about = machine()
    assert about["cores"].isdigit() and about["CPU"] and about["Python"][0].isdigit()
    assert about["load average at start"].endswith(f"on {about['cores']} cores")
