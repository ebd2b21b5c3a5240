"""Progress against every criterion: counts, status and the next step, from saved records."""

from __future__ import annotations

from typing import Any

import pytest

from netkit.coverage import (
    COUNTED_KINDS,
    COUNTERS,
    Count,
    CriterionStatus,
    counted,
    coverage,
    noun,
    status_json,
)
from netkit.coverage import standing as core_standing
from netkit.criteria import CRITERIA
from netkit.model import (
    Assessment,
    AssessmentItem,
    Benefit,
    Discussion,
    Need,
    Network,
    Scores,
    Shortlist,
    ShortlistCriterion,
    Witness,
)
from netkit.progress_view import progress_html
from netkit.store import Portfolio


def standing(portfolio: Portfolio, criterion_id: str) -> CriterionStatus:
    return {row.id: row for row in coverage(portfolio)}[criterion_id]


def add_needs(portfolio: Portfolio) -> None:
    portfolio.save(Need(id="need-now", text="Keep up with procurement law"))
    portfolio.save(Need(id="need-later", text="Move into regional operations",
                        horizon="future aspiration"))


def add_networks(portfolio: Portfolio, count: int, serves: str = "need-now") -> None:
    for n in range(count):
        portfolio.save(Network(id=f"net{n}", name=f"Network {n}",
                               benefits=[Benefit(text="Briefings", serves=[serves])]))


def test_empty_portfolio_misses_every_criterion(portfolio: Portfolio) -> None:
    rows = coverage(portfolio)
    assert [r.id for r in rows] == [c.id for c in CRITERIA]
    for row, c in zip(rows, CRITERIA, strict=True):
        assert (row.status, row.count, row.minimum) == ("missing", 0, c.minimum)
        assert f"add {c.minimum} more in {c.notebook}" in row.next
        assert row.evidence == () and row.supporting == ()
    assert standing(portfolio, "2.1").next.startswith(
        "record your current needs and future aspirations first; then add 5 more")


def test_three_analysed_networks_are_partial_for_2_1(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 3)
    row = standing(portfolio, "2.1")
    assert (row.status, row.count, row.minimum) == ("partial", 3, 5)
    assert row.next == "add 2 more in notebooks/02-identify-networks.ipynb"
    assert row.evidence == ("Network 0", "Network 1", "Network 2")
    assert "2 more" in row.line() and row.line().startswith("2.1  partial  3 of 5")


def test_five_analysed_networks_meet_2_1(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 4)
    portfolio.save(Network(id="net-aspire", name="Aspiration network",
                           benefits=[Benefit(text="Regional contacts", serves=["need-later"])]))
    row = standing(portfolio, "2.1")
    assert (row.status, row.count, row.next) == ("met", 5, "")
    assert row.line() == "2.1  met      5 of 5 potential networks"


def test_network_without_a_benefit_tied_to_a_need_does_not_count(
        portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 2)
    portfolio.save(Network(id="loose", name="Loose network",
                           benefits=[Benefit(text="Nice people")]))
    portfolio.save(Network(id="stray", name="Stray network",
                           benefits=[Benefit(text="Serves nothing real",
                                             serves=["no-such-need"])]))
    row = standing(portfolio, "2.1")
    assert row.count == 2 and row.status == "partial"
    assert "Loose network" not in row.evidence and "Stray network" not in row.evidence
    assert row.next.startswith("tie a benefit of Loose network, Stray network to a need")
    assert row.next.endswith("then add 3 more in notebooks/02-identify-networks.ipynb")


def test_deleting_the_need_uncounts_its_networks(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 2, serves="need-later")
    portfolio.delete("need", "need-later")
    assert standing(portfolio, "2.1").count == 0
    portfolio.undelete("need", "need-later")
    assert standing(portfolio, "2.1").count == 2


def test_met_criterion_with_a_hint_suggests_strengthening(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 5)
    portfolio.save(Network(id="loose", name="Loose network"))
    row = standing(portfolio, "2.1")
    assert row.status == "met"
    assert row.next == "to strengthen it, tie a benefit of Loose network to a need or aspiration"


def _shortlisting(portfolio: Portfolio, scored: dict[str, dict[str, int]]) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 3)
    portfolio.save(ShortlistCriterion(id="fit", name="Fit with needs", weight=3))
    portfolio.save(ShortlistCriterion(id="cost", name="Cost", weight=1,
                                      direction="less is better"))
    portfolio.save(ShortlistCriterion(id="ignored", name="Weightless", weight=0))
    portfolio.save(Scores(grid=scored))


def test_shortlist_needs_criteria_first(portfolio: Portfolio) -> None:
    add_networks(portfolio, 2)
    portfolio.save(Shortlist(networks=["net0", "net1"]))
    row = standing(portfolio, "2.2")
    assert (row.status, row.count) == ("missing", 0)
    assert row.next.startswith("define your shortlisting criteria and their weights first")


def test_two_scored_shortlisted_networks_meet_2_2(portfolio: Portfolio) -> None:
    _shortlisting(portfolio, {"net0": {"fit": 5, "cost": 2}, "net1": {"fit": 4, "cost": 1}})
    portfolio.save(Shortlist(networks=["net0", "net1", "deleted-or-unknown"]))
    row = standing(portfolio, "2.2")
    assert (row.status, row.count, row.next) == ("met", 2, "")
    assert row.evidence == ("Network 0", "Network 1")


def test_unscored_shortlisted_network_does_not_count(portfolio: Portfolio) -> None:
    _shortlisting(portfolio, {"net0": {"fit": 5, "cost": 2}, "net1": {"fit": 4}})
    portfolio.save(Shortlist(networks=["net0", "net1"]))
    row = standing(portfolio, "2.2")
    assert (row.status, row.count) == ("partial", 1)
    assert row.next.startswith("score every shortlisted network; then add 1 more")


def _assessment(**changes: object) -> Assessment:
    assessment = Assessment(network="net0", items=[
        AssessmentItem(type="benefit", category="knowledge and expertise", text="Briefings"),
        AssessmentItem(stage="maintaining", type="limitation", category="time",
                       text="Three hours a month")],
        criteria_used="Fit with needs, cost", judgement="join",
        justification="Briefings are worth the time.")
    for name, value in changes.items():
        setattr(assessment, name, value)
    return assessment


def _shortlisted(portfolio: Portfolio) -> None:
    add_networks(portfolio, 2)
    portfolio.save(Shortlist(networks=["net0", "net1"]))


def test_justified_assessment_meets_2_3(portfolio: Portfolio) -> None:
    _shortlisted(portfolio)
    portfolio.save(_assessment())
    row = standing(portfolio, "2.3")
    assert (row.status, row.count, row.evidence) == ("met", 1, ("Network 0",))


@pytest.mark.parametrize("change", [
    {"judgement": "", "justification": ""},
    {"items": [AssessmentItem(type="benefit", text="Only benefits")]},
    {"network": "not-a-saved-network"},
])
def test_incomplete_assessment_does_not_count(portfolio: Portfolio,
                                              change: dict[str, object]) -> None:
    _shortlisted(portfolio)
    # The model refuses these now; an older portfolio may still hold them.
    record = _assessment(**change)
    portfolio.put(record.KIND, record.key, record.to_dict())
    row = standing(portfolio, "2.3")
    assert (row.status, row.count) == ("missing", 0)
    assert "benefits, limitations and a justified judgement" in row.next


def test_witness_citing_3_4_is_supporting_evidence(portfolio: Portfolio) -> None:
    portfolio.save(Witness(name="Dana Lee", statement="Alex agreed what may be shared.",
                           date="2024-02-01", criteria=["3.4"]))
    row = standing(portfolio, "3.4")
    assert (row.status, row.count) == ("partial", 0)
    assert row.supporting == ("witness testimony: Dana Lee (2024-02-01)",)
    assert standing(portfolio, "3.5").status == "missing"
    # netkit status says why a criterion with no work product is partial
    assert standing(portfolio, "3.4").line().startswith(
        "3.4  partial  0 of 1 confidentiality agreement (+1 supporting: witness testimony")
    assert "supporting" not in standing(portfolio, "3.5").line()


def test_discussion_citing_criteria_is_supporting_evidence(portfolio: Portfolio) -> None:
    portfolio.save(Discussion(date="2024-02-02", topics="Ethics", criteria=["1.6", "1.3"]))
    for cid in ("1.3", "1.6"):
        row = standing(portfolio, cid)
        assert row.status == "partial"
        assert row.supporting == ("professional discussion (2024-02-02)",)


def test_deleted_witness_no_longer_supports(portfolio: Portfolio) -> None:
    witness = portfolio.save(Witness(name="Dana Lee", statement="Seen it.",
                                     date="2024-02-01", criteria=["3.4"]))
    portfolio.remove(witness)
    assert standing(portfolio, "3.4").status == "missing"


def test_a_registered_counter_counts(portfolio: Portfolio,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COUNTERS, "3.7", lambda p: Count(1, ("Sam to Dana",), "say why"))
    row = standing(portfolio, "3.7")
    assert (row.status, row.count, row.evidence) == ("partial", 1, ("Sam to Dana",))
    assert row.next == ("say why; then add 1 more in "
                        "notebooks/03-maintain-networks.ipynb")


def test_status_json_summarises_coverage(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 5)
    portfolio.save(Witness(name="Dana", statement="Seen.", date="2024-02-01",
                           criteria=["3.4"]))
    data = status_json(portfolio)
    assert data["learner"] is None and data["example"] is False
    assert data["portfolio"] == str(portfolio.path)
    statuses = [c["status"] for c in data["criteria"]]
    assert data["summary"] == {s: statuses.count(s) for s in ("met", "partial", "missing")}
    assert data["summary"]["met"] >= 1 and data["summary"]["partial"] >= 1
    two_one = data["criteria"][6]
    assert two_one["id"] == "2.1" and two_one["evidence"] == [f"Network {n}"
                                                              for n in range(5)]
    assert isinstance(two_one["pcs"], list)


@pytest.mark.parametrize(("count", "plural", "words"), [
    (1, "potential networks", "1 potential network"),
    (0, "potential networks", "0 potential networks"),
    (2, "potential networks", "2 potential networks"),
    (1, "networks assessed", "1 network assessed"),
    (1, "people introduced", "1 person introduced"),
    (1, "members for mutual benefit", "1 member for mutual benefit"),
    (1, "interpersonal skills", "1 interpersonal skill"),
    (1, "criteria", "1 criterion"),
])
def test_numbers_agree_in_words(count: int, plural: str, words: str) -> None:
    assert counted(count, plural) == words


def test_every_criterion_reads_in_the_singular_when_one_is_asked(
        portfolio: Portfolio) -> None:
    for row in coverage(portfolio):
        line = row.line()
        if row.minimum == 1:
            assert f"0 of 1 {noun(1, row.counts)}" in line
            assert not noun(1, row.counts).endswith("s"), row.counts


def test_the_status_line_and_progress_say_one_network(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 1)
    assert "0 of 1 evaluation " in standing(portfolio, "1.3").line() + " "
    html = progress_html(portfolio)
    assert "0 of 1 evaluation<" in html and "0 of 1 evaluations" not in html
    assert "1 of 5 potential networks" in html


def test_standing_of_one_criterion_is_its_coverage_row(portfolio: Portfolio) -> None:
    add_needs(portfolio)
    add_networks(portfolio, 3)
    rows = {row.id: row for row in coverage(portfolio)}
    for cid in ("1.1", "2.1", "2.2", "3.4"):
        assert core_standing(portfolio, cid) == rows[cid]
    with pytest.raises(KeyError, match=r"9\.9"):
        core_standing(portfolio, "9.9")


@pytest.mark.parametrize("criterion_id", sorted(COUNTERS))
def test_each_counter_reads_only_the_kinds_its_status_line_listens_to(
        portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch, criterion_id: str) -> None:
    from netkit.cli import load_example

    load_example(portfolio)  # every counter reads all it can
    read: set[str] = set()
    records, get, fields = portfolio.records, portfolio.get, portfolio.fields
    every, one = portfolio.all, portfolio.load

    def recording_records(kind: str | None = None, **options: object) -> object:
        read.add(str(kind))
        return records(kind, **options)  # type: ignore[arg-type]

    def recording_get(kind: str, key: str, **options: object) -> object:
        read.add(kind)
        return get(kind, key, **options)  # type: ignore[arg-type]

    def recording_fields(kind: str, *names: str) -> object:
        read.add(kind)
        return fields(kind, *names)

    def recording_all(cls: type[Any]) -> object:
        read.add(cls.KIND)
        return every(cls)

    def recording_load(cls: type[Any], key: str = "main") -> object:
        read.add(cls.KIND)
        return one(cls, key)

    # Every way the portfolio is read: the counters use all() and load() (which read
    # SQLite directly), records() and get(), and fields() (some fields of every record).
    monkeypatch.setattr(portfolio, "records", recording_records)
    monkeypatch.setattr(portfolio, "fields", recording_fields)
    monkeypatch.setattr(portfolio, "get", recording_get)
    monkeypatch.setattr(portfolio, "all", recording_all)
    monkeypatch.setattr(portfolio, "load", recording_load)
    COUNTERS[criterion_id](portfolio)
    assert read == set(COUNTED_KINDS[criterion_id])


def test_nk_progress_stays_callable_after_its_first_call(portfolio: Portfolio) -> None:
    """Re-running "Your progress" in a notebook calls nk.progress again: the first call
    must not replace the function by a module of the same name."""
    import netkit as nk

    first = nk.progress(portfolio)
    assert callable(nk.progress)
    again = nk.progress(portfolio)
    assert type(first) is type(again)
