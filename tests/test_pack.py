"""The evidence pack's coverage grid: what of the NOS each criterion evidences."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

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


# -- evidence references: the grid says where each criterion's evidence is -----------------
DAY = dt.date(2026, 11, 30)


def grid_cell(pack: str, cid: str) -> str:
    """The evidence cell of criterion ``cid`` in the coverage grid (HTML)."""
    grid = pack[pack.index('id="coverage"'):]
    row = re.search(rf"<tr><td><b>(?:<a [^>]*>)?{re.escape(cid)}(?:</a>)?</b>.*?</td>"
                    r"<td>.*?</td><td>(.*?)</td><td>", grid)
    assert row, cid
    return row[1]


def saved_21(portfolio: Portfolio) -> tuple[str, str, str]:
    """Two needs and a network (2.1's evidence) and a witness for 3.3; their references."""
    from netkit.model import Benefit, Need, Network, Witness

    need = portfolio.save(Need(text="Negotiate better rates"))
    other = portfolio.save(Need(text="Lead a team", horizon="future aspiration"))
    portfolio.save(Network(name="CILT", benefits=[Benefit("Rates", [need.id, other.id])]))
    portfolio.save(Witness(name="Dana Kerr", role="Planner", relationship="Colleague",
                           date="2026-10-01", criteria=["3.3"], statement="Saw it."))
    stamps = portfolio.stamps()
    refs = sorted((s.ref for s in stamps.values() if s.ref), key=lambda r: int(r[1:]))
    assert refs == ["E1", "E2", "E3", "E4"]
    return "E1", "E3", "E4"  # a need, the network, the witness


def test_printed_grid_lists_each_criterions_references_with_file_and_page(
        portfolio: Portfolio) -> None:
    from netkit.pack import NotebookFile

    need, network, witness = saved_21(portfolio)
    files = {"02-identify-networks": NotebookFile(
                 "02-identify-networks", refs=frozenset({"E1", "E2", network}),
                 pages={"E1": 3, "E2": 3, network: 5}),
             "04-evidence": NotebookFile("04-evidence", refs=frozenset({witness}),
                                         pages={witness: 2})}
    pack = evidence_pack(portfolio, files, date=DAY, redaction="none", links=False)
    cell = html.unescape(re.sub(r"<[^>]+>", " ", grid_cell(pack, "2.1")))
    # its own notebook is named just above the references, so only the pages follow
    assert " ".join(cell.split()).endswith(
        "02-identify-networks.pdf References p. 3: E1, E2; p. 5: E3")
    assert need in cell
    cell = html.unescape(re.sub(r"<[^>]+>", " ", grid_cell(pack, "3.3")))
    assert "04-evidence.pdf: p. 2: E4" in " ".join(cell.split())
    assert "References" not in grid_cell(pack, "3.1")  # nothing recorded for 3.1
    assert "<a " not in grid_cell(pack, "2.1")  # the print version links nowhere
    # each criterion's own section says the same under "Where"
    section = pack[pack.index('id="c2-1"'):]
    section = section[:section.index("</table>")]
    assert "References</b> <div>p.&nbsp;3: E1, E2; p.&nbsp;5: E3</div>" in section


def test_html_grid_links_each_reference_to_its_record_and_gives_the_pdf_page(
        portfolio: Portfolio) -> None:
    from netkit.pack import NotebookFile

    _need, network, _witness = saved_21(portfolio)
    with_pdf = {"02-identify-networks": NotebookFile(
        "02-identify-networks", refs=frozenset({"E1", "E2", network}),
        pages={"E1": 3, "E2": 3, network: 5})}
    cell = grid_cell(evidence_pack(portfolio, with_pdf, date=DAY, redaction="none"), "2.1")
    assert '<a href="02-identify-networks.html#ref-E3">E3</a>' in cell
    assert "PDF p.&nbsp;5: " in cell
    # an HTML-only export: the file and a link to each record, no page
    html_only = {"02-identify-networks": NotebookFile(
        "02-identify-networks", refs=frozenset({"E1", "E2", network}))}
    cell = grid_cell(evidence_pack(portfolio, html_only, date=DAY, redaction="none"), "2.1")
    assert ('<b>References</b> <div><a href="02-identify-networks.html#ref-E1">E1</a>, '
            '<a href="02-identify-networks.html#ref-E2">E2</a>, ') in cell
    assert "p.&nbsp;" not in cell
    # a notebook left out of the export: the references say so
    cell = grid_cell(evidence_pack(portfolio, {}, date=DAY, redaction="none"), "2.1")
    assert "E1-E3: " in cell and "not in this export" in cell


def attachment_files() -> list[Any]:
    from netkit.export_attachments import AttachmentFile

    return [AttachmentFile(ref="E5", title="Branch minutes", filename="minutes Oct.pdf",
                           media_type="application/pdf", size=4100, sha256="ab" * 32,
                           date="2026-10-22", criteria=("3.4",), confidential=False,
                           path="attachments/E5-minutes-Oct.pdf"),
            AttachmentFile(ref="E6", title="", filename="", media_type="application/pdf",
                           size=900, sha256="cd" * 32, date="2026-10-23",
                           criteria=("3.4", "3.5"), confidential=True)]


def test_pack_lists_attachments_says_they_are_not_redacted_and_grids_them(
        portfolio: Portfolio) -> None:
    pack = evidence_pack(portfolio, {}, date=DAY, redaction="none",
                         attachments=attachment_files())
    section = pack[pack.index('<section id="attachments">'):]
    section = section[:section.index("</section>")]
    assert "Attachments are not redacted." in section
    assert '<a href="attachments/E5-minutes-Oct.pdf">attachments/E5-minutes-Oct.pdf</a>' \
        in section and "Branch minutes" in section and "22 Oct 2026" in section
    assert re.search(r"<b>E6</b>.*confidential: seen by the assessor in the original",
                     section)
    cell = grid_cell(pack, "3.4")
    assert ('<a href="attachments/E5-minutes-Oct.pdf">E5</a>: <a href="attachments/'
            'E5-minutes-Oct.pdf">attachments/E5-minutes-Oct.pdf</a>') in cell
    assert "E6: " in cell and "seen by the assessor in the original" in cell
    assert "E6" in grid_cell(pack, "3.5") and "E5" not in grid_cell(pack, "3.5")
    printed = evidence_pack(portfolio, {}, date=DAY, redaction="none", links=False,
                            attachments=attachment_files())
    assert "<code>attachments/E5-minutes-Oct.pdf</code>" in printed
    # no attachments: no section
    assert 'id="attachments"' not in evidence_pack(portfolio, {}, date=DAY, redaction="x")


def test_each_criterions_evidence_kinds_are_kinds_its_count_reads() -> None:
    from netkit.coverage import COUNTED_KINDS
    from netkit.criteria import CRITERIA
    from netkit.pack import EVIDENCE_KINDS

    assert set(EVIDENCE_KINDS) == {c.id for c in CRITERIA}
    for cid, kinds in EVIDENCE_KINDS.items():
        assert set(kinds) <= set(COUNTED_KINDS[cid]), cid


def test_stamp_shows_reference_and_uk_dates() -> None:
    from netkit.render import stamp_html
    from netkit.store import Stamp

    changed = stamp_html(Stamp("E7", "2026-11-03T09:00:00+00:00",
                               "2026-11-28T16:30:00.120000+00:00"))
    assert changed == ('<span class="nk-stamp"><b><a href="#ref-E7" id="ref-E7">E7</a></b> · '
                       'created 3 Nov 2026 '
                       "· last changed 28 Nov 2026</span>")
    same = stamp_html(Stamp(None, "2026-11-03T09:00:00+00:00", "2026-11-03T09:00:00+00:00"))
    assert same == '<span class="nk-stamp">created 3 Nov 2026, not changed since</span>'


def test_grid_gives_what_is_recorded_with_its_noun_and_the_minimum_beside_it(
        portfolio: Portfolio) -> None:
    """'4 of 3' read as a mistake and '1 of 1 explanations' was wrong: the grid says what
    is recorded, the noun agreeing, and the minimum on its own line."""
    from netkit.model import Benefit, Need, Network

    need = portfolio.save(Need(text="Negotiate better rates"))
    portfolio.save(Network(name="CILT", benefits=[Benefit("Rates", [need.id])]))
    pack = evidence_pack(portfolio, {}, date=DAY, redaction="none")
    grid = pack[pack.index('id="coverage"'):]
    assert '1 potential network<br><span class="nk-muted">minimum 5</span>' in grid
    assert '0 explanations<br><span class="nk-muted">minimum 1</span>' in grid
    assert "Recorded</th><td>1 potential network (minimum 5)" in pack
    assert " of 5<br>" not in grid
