"""The evidence pack's coverage grid: what of the NOS each criterion evidences."""

from __future__ import annotations

import datetime as dt
import html
import re

from netkit.criteria import KNOWLEDGE
from netkit.pack import evidence_pack
from netkit.store import Portfolio


def grid_rows(pack: str) -> dict[str, str]:
    """Criterion id -> the text of its NOS cell in the coverage grid."""
    grid = pack[pack.index('id="coverage"'):]
    rows = re.findall(r"<tr><td><b>(?:<a [^>]*>)?([123]\.[1-7])(?:</a>)?</b>.*?</td>"
                      r"<td>(.*?)</td>", grid)
    return {cid: html.unescape(cell) for cid, cell in rows}


def test_learning_outcome_1_maps_to_knowledge_items_the_others_to_performance_criteria(
        portfolio: Portfolio) -> None:
    pack = evidence_pack(portfolio, {}, date=dt.date(2026, 11, 30), redaction="none")
    nos = grid_rows(pack)
    assert len(nos) == 16
    assert nos["1.1"] == "knowledge G2, G3, G4, G5"
    assert nos["1.6"] == "knowledge G7, S1, C1, C2"
    assert all(not nos[f"1.{n}"].count("PC") for n in range(1, 7))
    assert nos["2.1"] == "PC1, PC4" and nos["3.7"] == "PC6"
    # the legend quotes every knowledge item the grid cites, and only those
    assert html.escape(KNOWLEDGE["G2"]) in pack and html.escape(KNOWLEDGE["C8"]) in pack
    assert html.escape(KNOWLEDGE["C5"]) not in pack  # no criterion cites it
    assert "NOS M&amp;LA3: knowledge G2, G3, G4, G5." in pack  # the outcome section too


def test_status_json_names_the_knowledge_items_of_learning_outcome_1(
        portfolio: Portfolio) -> None:
    from netkit.coverage import status_json

    rows = {r["id"]: r for r in status_json(portfolio)["criteria"]}
    assert rows["1.2"]["knowledge"] == ["G1", "G7", "C3", "C4", "C6"]
    assert rows["2.2"]["knowledge"] == [] and rows["2.2"]["pcs"] == ["PC1", "PC4"]
