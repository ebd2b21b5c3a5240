"""Learning outcome 3's charts and the agreement document: what they draw and say.

The reciprocity (3.3) and ego-network (3.7) charts name people in full live in JupyterLab
and in an export with ``--no-redact``, and by initials only in a redacted export: a chart is
a picture, which the export's final check cannot read. The export tells the notebooks how
it redacts through the mode it stores in its copy of the portfolio (``EXPORT_META``).
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest

from netkit import charts
from netkit.agreement import agreement_document
from netkit.cli import load_example
from netkit.export import ExportResult, export
from netkit.lo3 import Agreement, Introduction, MutualBenefit, Support
from netkit.lo3_coverage import ego_data, reciprocity_data
from netkit.model import Contact, Learner, Network
from netkit.store import EXPORT_META, EXPORT_NOT_REDACTED, Portfolio

REPO = Path(__file__).resolve().parent.parent
REDACTED = "contacts' e-mail addresses, phone numbers and profile links ... are left out."
NOT_REDACTED = f"{EXPORT_NOT_REDACTED}: everything in the portfolio is included."


def seeded(portfolio: Portfolio) -> Portfolio:
    portfolio.save_many([
        Learner(name="Priya Shah"), Contact(name="Sam Whitfield", id="sam"),
        Contact(name="Jo Pryce", id="jo"), Contact(name="Ravi Patel", id="ravi"),
        Network(name="CILT", id="cilt"), Network(name="Chamber", id="chamber")])
    portfolio.save_many([
        MutualBenefit(member="sam", network="cilt", date="2025-10-01", they_offer="a",
                      i_offer="b"),
        MutualBenefit(member="jo", network="chamber", date="2025-10-01", they_offer="a",
                      i_offer="b"),
        Support(member="sam", network="cilt", date="2025-10-02", given="x", gained="y"),
        Support(member="sam", network="cilt", date="2025-10-03", given="x"),
        Introduction(date="2025-10-03", network="cilt", person="ravi", to="sam",
                     kind="into a network", interest="x", consent_person=True,
                     consent_to=True)])
    return portfolio


def test_lo3_charts_say_what_to_do_when_empty(portfolio: Portfolio) -> None:
    assert "Nothing to chart yet" in charts.alt_text(charts.reciprocity(portfolio))
    assert "Nothing to chart yet" in charts.alt_text(charts.ego_network(portfolio))


def test_reciprocity_names_members_in_full_live(portfolio: Portfolio) -> None:
    fig = charts.reciprocity(seeded(portfolio))
    alt = charts.alt_text(fig)
    assert "Sam Whitfield: given 2, received 1; Jo Pryce: given 0, received 0" in alt
    svg = charts.svg_bytes(fig).decode()
    assert "Sam Whitfield" in svg and "Jo Pryce" in svg
    assert "initials" not in svg and "initials" not in alt


def test_reciprocity_shows_initials_in_a_redacted_export_copy(portfolio: Portfolio) -> None:
    seeded(portfolio).set_meta(EXPORT_META, REDACTED)
    fig = charts.reciprocity(portfolio)
    alt = charts.alt_text(fig)
    assert "S.W.: given 2, received 1; J.P.: given 0, received 0" in alt
    svg = charts.svg_bytes(fig).decode()
    assert "S.W." in svg and "Members by initials only." in svg
    for surname in ("Whitfield", "Pryce"):
        assert surname not in svg and surname not in alt


def test_ego_network_names_people_in_full_live_and_without_redaction(
        portfolio: Portfolio) -> None:
    seeded(portfolio)
    for mode in (None, NOT_REDACTED):
        if mode:
            portfolio.set_meta(EXPORT_META, mode)
        fig = charts.ego_network(portfolio)
        alt = charts.alt_text(fig)
        assert ("2 networks, 3 people (Sam Whitfield, Jo Pryce, Ravi Patel), "
                "1 introduction") in alt
        svg = charts.svg_bytes(fig).decode()
        for name in ("Sam Whitfield", "Jo Pryce", "Ravi Patel", "CILT", "Chamber"):
            assert name in svg, (mode, name)
        assert "S.W." in svg  # the circle still carries the initials


def test_ego_network_names_nobody_in_full_in_a_redacted_export_copy(
        portfolio: Portfolio) -> None:
    seeded(portfolio).set_meta(EXPORT_META, REDACTED)
    fig = charts.ego_network(portfolio)
    alt = charts.alt_text(fig)
    assert "2 networks, 3 people by initials (S.W., J.P., R.P.), 1 introduction" in alt
    svg = charts.svg_bytes(fig).decode()
    for surname in ("Whitfield", "Pryce", "Patel"):
        assert surname not in svg
    assert "CILT" in svg and "Chamber" in svg and "by initials only" in svg


def test_names_already_made_initials_stay_whole(portfolio: Portfolio) -> None:
    # --pseudonymise writes "S.W." into the copy before the charts read it.
    portfolio.save_many([Contact(name="S.W.", id="sam"), Network(name="CILT", id="cilt")])
    portfolio.save(MutualBenefit(member="sam", network="cilt", date="2025-10-01",
                                 they_offer="a", i_offer="b"))
    portfolio.set_meta(EXPORT_META, REDACTED)
    assert [r.name for r in reciprocity_data(portfolio)] == ["S.W."]
    assert ego_data(portfolio).contacts == ("S.W.",)


def test_ego_network_layout_is_the_same_every_time(portfolio: Portfolio) -> None:
    seeded(portfolio)
    assert charts.svg_bytes(charts.ego_network(portfolio)) == charts.svg_bytes(
        charts.ego_network(portfolio))


def test_the_agreement_is_a_whole_page_with_everything_escaped(portfolio: Portfolio
                                                               ) -> None:
    seeded(portfolio)
    agreement = portfolio.save(Agreement(
        title="Rates <i>only</i>", network="cilt", date="2025-10-20", members=["sam", "jo"],
        may_share=["Pick rates"], may_not=["Client <names>"], legal_basis="UK GDPR",
        storage="Shared drive", learner_agreed="2025-10-21"))
    page = agreement_document(portfolio, agreement)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>Confidentiality agreement: Rates &lt;i&gt;only&lt;/i&gt;</title>" in page
    assert "Client &lt;names&gt;" in page and "<names>" not in page
    assert ("This agreement is between <b>Priya Shah</b>, <b>Sam Whitfield</b> and "
            "<b>Jo Pryce</b>") in page
    assert "21 Oct 2025" in page and "Shared drive" in page
    assert "The other party's confirmation (an e-mail or minutes) is not yet recorded" \
        in page.replace("\\'", "'")
    # A signature block for each party: the learner's with the date recorded.
    assert page.count("class='nk-signature'") == 3
    assert "Agreed on 21 Oct 2025 (as recorded)" in page


# -- in a real export of notebook 03 ----------------------------------------------------
# nbconvert writes a chart's <img> with its attributes sorted (alt, class, src).
_IMG = re.compile(r'<img alt="([^"]*)" class="nk-chart-img" src="data:image/svg\+xml;base64,'
                  r'([A-Za-z0-9+/=]+)"')
FULL_NAMES = ("Sam Whitfield", "Gareth Hughes")  # two of the example learner's contacts


def lo3_charts(page: str) -> dict[str, str]:
    """The reciprocity and ego-network charts of an exported page: title -> alt text and
    the words drawn in the SVG."""
    found = {}
    for escaped, data in _IMG.findall(page):
        alt = html.unescape(escaped)
        if alt.startswith((charts.RECIPROCITY_TITLE, charts.EGO_TITLE)):
            svg = base64.b64decode(data).decode("utf-8")
            found[alt.split(":")[0].split(".")[0]] = alt + " " + html.unescape(svg)
    assert len(found) == 2, list(found)
    return found


def decoded(page: str) -> str:
    """The page with every embedded SVG image decoded in place (the final leak check skips
    images, so the test reads them)."""
    return re.sub(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)",
                  lambda m: html.unescape(base64.b64decode(m.group(1)).decode("utf-8")), page)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lo3-example") / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
    return path


def export_03(example: Path, tmp_path_factory: pytest.TempPathFactory, **options: bool
              ) -> str:
    out = tmp_path_factory.mktemp("lo3-export") / "export"
    result: ExportResult = export(example, out=out, formats=("html",), notebooks=["03"],
                                  root=REPO, progress=False, **options)
    return (result.folder / "03-maintain-networks.html").read_text("utf-8")


@pytest.fixture(scope="module")
def pages(example: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Notebook 03 exported three ways: default, --no-redact and --pseudonymise."""
    return {"default": export_03(example, tmp_path_factory),
            "no-redact": export_03(example, tmp_path_factory, redact=False),
            "pseudonymise": export_03(example, tmp_path_factory, pseudonymise=True)}


@pytest.mark.slow
def test_a_redacted_export_draws_the_charts_with_initials_only(pages: dict[str, str]
                                                               ) -> None:
    for drawn in lo3_charts(pages["default"]).values():
        assert "S.W." in drawn and "G.H." in drawn
        for name in (*FULL_NAMES, "Whitfield", "Hughes"):
            assert name not in drawn, name


@pytest.mark.slow
def test_a_no_redact_export_draws_the_charts_with_full_names(pages: dict[str, str]) -> None:
    for title, drawn in lo3_charts(pages["no-redact"]).items():
        for name in FULL_NAMES:
            assert name in drawn, (title, name)
        assert "by initials" not in drawn


@pytest.mark.slow
def test_a_pseudonymised_export_shows_no_full_name_anywhere(pages: dict[str, str],
                                                           example: Path) -> None:
    page = decoded(pages["pseudonymise"])
    for drawn in lo3_charts(pages["pseudonymise"]).values():
        assert "S.W." in drawn and "G.H." in drawn
    # Every contact's name and surname, but those the notebook's own worked examples use.
    text = (REPO / "notebooks" / "03-maintain-networks.ipynb").read_text("utf-8")
    with Portfolio.open(example) as portfolio:
        names = [c.name.removesuffix(" (fictional)") for c in portfolio.all(Contact)]
    words = {w for n in names for w in (n, n.split()[-1]) if w not in text}
    assert {"Sam Whitfield", "Whitfield"} <= words
    for word in words:
        assert word not in page, word
