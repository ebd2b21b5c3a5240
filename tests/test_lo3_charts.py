"""Learning outcome 3's charts and the agreement document: what they draw and say."""

from __future__ import annotations

from netkit import charts
from netkit.agreement import agreement_document
from netkit.lo3 import Agreement, Introduction, MutualBenefit, Support
from netkit.model import Contact, Learner, Network
from netkit.store import Portfolio


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


def test_reciprocity_draws_given_and_received_by_initials(portfolio: Portfolio) -> None:
    fig = charts.reciprocity(seeded(portfolio))
    alt = charts.alt_text(fig)
    assert "S.W.: given 2, received 1; J.P.: given 0, received 0" in alt
    svg = charts.svg_bytes(fig).decode()
    assert "Whitfield" not in svg and "S.W." in svg


def test_ego_network_names_nobody_in_full(portfolio: Portfolio) -> None:
    fig = charts.ego_network(seeded(portfolio))
    alt = charts.alt_text(fig)
    assert "2 networks, 3 people by initials (S.W., J.P., R.P.), 1 introduction" in alt
    svg = charts.svg_bytes(fig).decode()
    for surname in ("Whitfield", "Pryce", "Patel"):
        assert surname not in svg
    assert "CILT" in svg and "Chamber" in svg


def test_ego_network_layout_is_the_same_every_time(portfolio: Portfolio) -> None:
    seeded(portfolio)
    assert charts.svg_bytes(charts.ego_network(portfolio)) == charts.svg_bytes(
        charts.ego_network(portfolio))


def test_the_agreement_is_a_whole_page_with_everything_escaped(portfolio: Portfolio
                                                               ) -> None:
    seeded(portfolio)
    agreement = portfolio.save(Agreement(
        title="Rates <i>only</i>", network="cilt", date="2025-10-20", members=["sam"],
        may_share=["Pick rates"], may_not=["Client <names>"], legal_basis="UK GDPR",
        storage="Shared drive", learner_agreed="2025-10-21"))
    page = agreement_document(portfolio, agreement)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
    assert "<title>Confidentiality agreement: Rates &lt;i&gt;only&lt;/i&gt;</title>" in page
    assert "Client &lt;names&gt;" in page and "<names>" not in page
    assert "This agreement is between <b>Priya Shah</b> and <b>Sam Whitfield</b>" in page
    assert "21 Oct 2025" in page and "Shared drive" in page
    assert "The other party's confirmation (an e-mail or minutes) is not yet recorded" \
        in page.replace("\\'", "'")
