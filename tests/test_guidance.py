"""Guidance that reads a learning outcome 1 answer: each rule on its own, the counts
``netkit status`` shows, and prompts drawn from the learner's own records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit import model
from netkit.coverage import standing, status_json
from netkit.guidance import RULES, Facts, facts, guidance, missing, prompts
from netkit.model import (
    AgendasAnswer,
    Basis,
    ChoosingAnswer,
    Contact,
    EthicalIssue,
    EthicsAnswer,
    Example,
    FollowUp,
    Frame,
    InternetAnswer,
    LeadsAnswer,
    Measure,
    OnlineBenefit,
    Risk,
    ShortlistCriterion,
    Skill,
    SkillsAnswer,
)
from netkit.store import Portfolio

TODAY = dt.date(2026, 11, 30)
PADDING = Frame(happened=" ".join(["word"] * 260))  # every answer about 300 words long
EXAMPLE = [Example(date="2026-11-02", text="At the CILT branch webinar")]


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(model, "_today", lambda: TODAY)
    return TODAY


def skill(name: str) -> Skill:
    return Skill(name=name, features="what it involves", used_on="2026-10-14",
                 use="at the webinar", effect="Sam offered the survey")


def issue(name: str) -> EthicalIssue:
    return EthicalIssue(issue=name, choice="share or not", code="UK GDPR",
                        affected="clients", handled="I shared averages only")


def complete_records() -> list[Any]:
    """A portfolio where every learning outcome 1 answer lacks nothing."""
    common = {"examples": list(EXAMPLE), "frame": PADDING}
    return [
        SkillsAnswer(definition="The exchange of information.", covers=["building rapport"],
                     skills=[skill("Rapport"), skill("Listening"), skill("Influencing")],
                     **common),
        ChoosingAnswer(bases=[Basis("Reciprocity", "give and take"),
                              Basis("Confidentiality", "trust"),
                              Basis("Career goals", "CMILT")],
                       illustration="My Fit with needs weight", covers=["reciprocity"],
                       **common),
        AgendasAnswer(agenda="The WMS forum", agenda_strengths="common purpose",
                      agenda_limits="slow", conflict="Agency rates", conflict_cause="power",
                      own_interest="my budget", position="I said so",
                      conflict_strengths="trust", conflict_limits="time",
                      conclusion="Useful", covers=["innovation"], **common),
        InternetAnswer(platforms="LinkedIn", benefits=[OnlineBenefit("reach"),
                                                       OnlineBenefit("speed")],
                       risks=[Risk("hacking", "2FA"), Risk("oversharing", "policy")],
                       policy="Northgate's policy", conclusion="Useful with care",
                       covers=["hacking"], **common),
        LeadsAnswer(criteria=[Measure("results"), Measure("trust")], judgement="Vital",
                    covers=["to produce results"], **common),
        EthicsAnswer(issues=[issue("Confidentiality"), issue("Personal interest")],
                     conclusion="Boundaries first", covers=["confidentiality"], **common),
        FollowUp(id="f1", lead="Send figures", due="2026-10-01", status="followed up",
                 done_on="2026-10-02", outcome="Survey shared"),
        FollowUp(id="f2", lead="Thank Mark", due="2026-10-05", status="followed up",
                 done_on="2026-10-05", outcome="Seat confirmed"),
        FollowUp(id="f3", lead="Reply to supplier", due="2026-09-01", status="missed",
                 cost="Lost the demo slot"),
        FollowUp(id="f4", lead="Call Joanne", due="2026-12-10"),
    ]


def complete_facts() -> Facts:
    records = [r.validate() for r in complete_records()]
    answers = {r.CRITERION: r for r in records if hasattr(r, "CRITERION")}
    return Facts(answers, TODAY, tuple(r for r in records if isinstance(r, FollowUp)))


def edit(cid: str, **changes: Any) -> Callable[[Facts], Facts]:
    def change(f: Facts) -> Facts:
        answers = dict(f.answers)
        answers[cid] = dataclasses.replace(answers[cid], **changes)
        return dataclasses.replace(f, answers=answers)
    return change


def tracker(*followups: FollowUp) -> Callable[[Facts], Facts]:
    return lambda f: dataclasses.replace(f, followups=followups)


def done(n: int) -> FollowUp:
    return FollowUp(id=f"d{n}", lead=f"Lead {n}", due="2026-10-01", status="followed up",
                    done_on="2026-10-02", outcome="ok")


MISSED = FollowUp(id="m", lead="Reply to supplier", due="2026-09-01", status="missed",
                  cost="Lost the slot")

# rule name -> (what breaks it, the exact line it must then give)
BREAKS: dict[str, tuple[Callable[[Facts], Facts], str]] = {
    "1.1 definition": (edit("1.1", definition=" "),
                       "1.1: no definition yet - say what networking is, in your own words"),
    "1.1 skills": (edit("1.1", skills=[skill("Rapport"), skill("Listening")]),
                   "1.1: two skills described, the guidance asks for three"),
    "1.1 features": (edit("1.1", skills=[skill("A"), skill("B"),
                                         dataclasses.replace(skill("Empathy"), features="")]),
                     "1.1: Empathy: no principal features yet"),
    "1.1 dated use": (edit("1.1", skills=[skill("A"), skill("B"),
                                          dataclasses.replace(skill("Tact"), used_on="")]),
                      "1.1: Tact: no dated use and its effect yet"),
    "1.2 bases": (edit("1.2", bases=[Basis("Reciprocity", "x"),
                                     Basis("Confidentiality", "y")]),
                  "1.2: two bases explained, the workbook asks for three"),
    "1.2 reciprocity and confidentiality": (
        edit("1.2", bases=[Basis("Career", "x"), Basis("Industry", "y"),
                           Basis("Confidentiality", "z")]),
        "1.2: reciprocity not among your bases yet"),
    "1.2 because": (edit("1.2", bases=[Basis("Reciprocity", "x"), Basis("Confidentiality",
                                                                         "y"),
                                       Basis("Career goals", "")]),
                    '1.2: Career goals: no "because" yet - an explanation says why'),
    "1.2 illustration": (edit("1.2", illustration=""), "1.2: no illustration yet"),
    "1.3 shared agenda": (edit("1.3", agenda=""), "1.3: no shared-agenda example yet"),
    "1.3 shared agenda weighed": (edit("1.3", agenda_limits=""),
                                  "1.3: the shared agenda needs its strengths and its limits"),
    "1.3 conflict": (edit("1.3", conflict=""), "1.3: no conflict example yet"),
    "1.3 conflict cause": (edit("1.3", conflict_cause=""),
                           "1.3: the conflict example does not say its cause"),
    "1.3 own interest": (edit("1.3", own_interest=""),
                         "1.3: the conflict example does not acknowledge your own interest"),
    "1.3 position": (edit("1.3", position=""),
                     "1.3: the conflict example does not state your position"),
    "1.3 conflict weighed": (edit("1.3", conflict_strengths=""),
                             "1.3: how the conflict was managed needs its strengths"),
    "1.3 conclusion": (edit("1.3", conclusion=""), "1.3: no conclusion yet - an evaluation "
                                                   "ends with a judgement of usefulness"),
    "1.4 platforms": (edit("1.4", platforms=""), "1.4: no platforms yet"),
    "1.4 benefits": (edit("1.4", benefits=[OnlineBenefit("reach")]),
                     "1.4: one benefit given, the workbook asks for two or more"),
    "1.4 risks": (edit("1.4", risks=[]), "1.4: no risks given, the workbook asks for two"),
    "1.4 risks reduced": (edit("1.4", risks=[Risk("hacking", "2FA"), Risk("trolls", "")]),
                          "1.4: trolls: not yet how you reduce it"),
    "1.4 policy": (edit("1.4", policy=""),
                   "1.4: no word on your employer's social media policy yet"),
    "1.4 conclusion": (edit("1.4", conclusion=""), "1.4: no conclusion yet"),
    "1.5 criteria": (edit("1.5", criteria=[Measure("results")]),
                     "1.5: one criterion stated - an assessment judges against criteria"),
    "1.5 followed up": (tracker(done(1), MISSED),
                        "1.5: one follow-up done in your tracker, the workbook asks for two"),
    "1.5 missed": (tracker(done(1), done(2)), "1.5: no missed follow-up in your tracker yet"),
    "1.5 outcomes": (tracker(done(1), dataclasses.replace(done(2), outcome=""), MISSED),
                     "1.5: Lead 2: followed up, but no outcome yet"),
    "1.5 overdue": (tracker(done(1), done(2), MISSED,
                            FollowUp(id="o", lead="Call", due="2026-11-01"),
                            FollowUp(id="p", lead="Write", due="2026-11-29")),
                    "1.5: 2 follow-ups overdue in your tracker"),
    "1.5 judgement": (edit("1.5", judgement=""), "1.5: no judgement yet - an assessment "
                                                 "ends with a judgement against your criteria"),
    "1.6 issues": (edit("1.6", issues=[issue("Confidentiality")]),
                   "1.6: one ethical issue analysed, the guidance asks for two"),
    "1.6 essential features": (
        edit("1.6", issues=[issue("A"), dataclasses.replace(issue("Gifts"), code="",
                                                            affected="")]),
        "1.6: Gifts: not yet the code or law, who is affected"),
    "1.6 conclusion": (edit("1.6", conclusion=""),
                       "1.6: no conclusion yet - an analysis leads to conclusions"),
}
for _cid in ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6"):
    BREAKS[f"{_cid} dated example"] = (edit(_cid, examples=[]),
                                       f"{_cid}: no dated example yet")
    BREAKS[f"{_cid} length"] = (edit(_cid, frame=Frame()),
                                f"{_cid}: ")  # the count depends on the answer
    BREAKS[f"{_cid} range"] = (edit(_cid, covers=[]),
                               f"{_cid}: tick the range points your answer covers")


def test_every_rule_is_tested_here() -> None:
    assert sorted(BREAKS) == sorted(r.name for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_finds_only_what_is_missing(rule: Any) -> None:
    whole = complete_facts()
    assert rule(whole) is None, "a complete answer lacks nothing"
    breaking, expected = BREAKS[rule.name]
    line = rule(breaking(whole))
    assert line is not None and line.startswith(expected), line


@pytest.mark.parametrize(("cid", "changes", "expected"), [
    ("1.1", {"skills": [skill("A"), skill("B"), Skill(features="Open questions")]},
     "1.1: skill 3: no dated use and its effect yet"),
    ("1.1", {"skills": [Skill(name=" ", used_on="2026-10-14", effect="an offer")]},
     "1.1: skill 1: no principal features yet"),
    ("1.2", {"bases": [Basis("Reciprocity", "give"), Basis("Confidentiality", "trust"),
                       Basis("", "")]}, '1.2: basis 3: no "because" yet'),
    ("1.4", {"risks": [Risk("hacking", "2FA"), Risk("", "")]},
     "1.4: risk 2: not yet how you reduce it"),
    ("1.6", {"issues": [EthicalIssue(issue="", choice="share or not")]},
     "1.6: issue 1: not yet the code or law"),
])
def test_a_row_still_without_its_name_is_called_by_its_number(
        cid: str, changes: dict[str, Any], expected: str) -> None:
    """The guidance is live, under a form the learner is filling in: a row they have not
    named yet reads "skill 3: ...", not ": no dated use and its effect yet"."""
    lines = missing(edit(cid, **changes)(complete_facts()), cid)
    assert any(line.startswith(expected) for line in lines), lines
    assert not any(": :" in line or line.startswith(f"{cid}: :") for line in lines)


def test_the_length_rule_counts_words_against_the_guide() -> None:
    whole = complete_facts()
    short = edit("1.3", frame=Frame(), conclusion="Useful")(whole)
    words = short.answers["1.3"].words
    assert missing(short, "1.3") == [f"1.3: {words} words so far - about 250-400 a "
                                     "criterion is the guide"]
    long = edit("1.3", frame=Frame(happened=" ".join(["w"] * 600)))(whole)
    assert missing(long, "1.3")[0].startswith(f"1.3: {long.answers['1.3'].words} words - "
                                              "about 250-400 is the guide")


def test_an_empty_portfolio_is_told_what_each_answer_needs(portfolio: Portfolio) -> None:
    lines = guidance(portfolio, "1.3")
    assert lines[0] == "1.3: no shared-agenda example yet"
    assert "1.3: no conclusion yet - an evaluation ends with a judgement of usefulness" in lines
    assert "1.3: no dated example yet - ground the answer in your own workplace (a dated " \
           "example, linked to a network, contact or follow-up you recorded)" in lines


def test_status_counts_complete_answers_as_met(portfolio: Portfolio) -> None:
    portfolio.save_many(complete_records())
    for cid in ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6"):
        row = standing(portfolio, cid)
        assert row.status == "met", (cid, row.guidance)
        assert row.guidance == ()
    assert standing(portfolio, "1.1").evidence == ("Rapport", "Listening", "Influencing")


def test_status_is_partial_while_a_saved_answer_lacks_something(portfolio: Portfolio
                                                                ) -> None:
    portfolio.save(SkillsAnswer(definition="Exchange.", skills=[skill("A"), skill("B")]))
    row = standing(portfolio, "1.1")
    assert (row.status, row.count, row.minimum) == ("partial", 2, 3)
    assert "1.1: two skills described, the guidance asks for three" in row.guidance
    assert row.next.startswith("two skills described, the guidance asks for three")
    portfolio.save(AgendasAnswer(agenda="forum"))
    assert standing(portfolio, "1.3").status == "partial"
    assert standing(portfolio, "1.4").status == "missing"


def test_three_skills_without_a_dated_example_are_not_met(portfolio: Portfolio) -> None:
    answer = complete_records()[0]
    answer.examples = []
    portfolio.save(answer)
    row = standing(portfolio, "1.1")
    assert row.count == 3 and row.status == "partial"
    assert row.next.startswith("no dated example yet")


def test_status_json_carries_guidance_and_prompts(portfolio: Portfolio) -> None:
    portfolio.save_many([FollowUp(lead="Call Joanne", due="2026-11-01"),
                         FollowUp(lead="Send figures", due="2026-11-20")])
    doc = json.loads(json.dumps(status_json(portfolio)))
    row = next(r for r in doc["criteria"] if r["id"] == "1.5")
    assert "1.5: 2 follow-ups overdue in your tracker - follow them up, or mark them " \
           "missed and say what it cost" in row["guidance"]
    assert doc["prompts"][0] == "You have 2 overdue follow-ups: what did that cost you? (1.5)"
    assert {"id", "status", "count", "minimum", "next"} <= set(row)  # nothing renamed


def test_prompts_come_from_the_learners_own_records(portfolio: Portfolio) -> None:
    assert prompts(portfolio) == []
    portfolio.save_many([
        FollowUp(lead="Call Joanne", due="2026-11-01"),
        FollowUp(lead="Reply to supplier", due="2026-09-01", status="missed"),
        ShortlistCriterion(name="Fit with needs", weight=5),
        ShortlistCriterion(name="Cost", weight=2, direction="less is better"),
        Contact(name="Joanne Pryce", confidential=True),
        model.Network(name="CILT"),
    ])
    assert prompts(portfolio) == [
        "You have 1 overdue follow-up: what did that cost you? (1.5)",
        'You missed "Reply to supplier": what did it cost you, and what would you do '
        "differently? (1.5)",
        "You recorded 1 network in 2.1: which of them gave you a dated example? (for "
        "instance CILT)",
        "Your heaviest 2.2 criterion is Fit with needs (weight 5): which basis for choosing "
        "networks does it show? (1.2)",
        "You flagged 1 contact confidential: what ethical issue made you do that? (1.6)",
    ]


def test_netkit_status_prints_what_is_missing(run_cli: Callable[..., Any],
                                              portfolio_path: Path) -> None:
    with Portfolio.open(portfolio_path) as opened:
        opened.save(SkillsAnswer(definition="Exchange.", skills=[skill("A"), skill("B")],
                                 examples=list(EXAMPLE)))
    out = run_cli("status").out
    line = next(x for x in out.splitlines() if x.startswith("1.1 "))
    assert line.startswith("1.1  partial  2 of 3 interpersonal skills - two skills "
                           "described, the guidance asks for three")
    assert "      1.1: " in out


def test_facts_read_an_empty_answer_when_none_is_saved(portfolio: Portfolio) -> None:
    found = facts(portfolio)
    assert found.saved == frozenset()
    assert found.answers["1.6"] == EthicsAnswer()


def test_the_example_learner_meets_1_1_to_1_6_with_dated_linked_examples(
        portfolio: Portfolio) -> None:
    from netkit.cli import load_example
    from netkit.model import ANSWER_TYPES

    load_example(portfolio)
    for cid, cls in ANSWER_TYPES.items():
        assert standing(portfolio, cid).status == "met", cid
        answer = portfolio.load(cls)
        assert answer is not None and 250 <= answer.words <= 400, (cid, answer)
        assert answer.examples and all(e.link for e in answer.examples), cid
        assert all(e.date < "2026-11-30" for e in answer.examples), cid
    followed = [f.status for f in portfolio.all(FollowUp)]
    assert followed.count("followed up") >= 2 and "missed" in followed


def test_a_status_count_reads_each_answers_words_once(portfolio: Portfolio,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The length rule and the status line's item share one count (the cohort view counts
    every learner's answers), and an answer edited through dataclasses.replace, as notebook
    forms do, is counted afresh."""
    portfolio.save_many(complete_records())
    read: list[str] = []
    texts = model.Answer.texts

    def counting(self: model.Answer) -> list[str]:
        read.append(self.CRITERION)
        return texts(self)

    monkeypatch.setattr(model.Answer, "texts", counting)
    rows = {cid: standing(portfolio, cid) for cid in ("1.1", "1.2", "1.3", "1.4", "1.5",
                                                      "1.6")}
    assert sorted(read) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert all(row.status == "met" for row in rows.values())
    words = portfolio.load(AgendasAnswer).words  # type: ignore[union-attr]
    assert rows["1.3"].evidence == (f"reflective answer to 1.3 ({words} words)",)
    whole = complete_facts()
    assert whole.words(whole.answers["1.3"]) == whole.answers["1.3"].words > 250
    short = edit("1.3", frame=Frame())(whole)
    assert short.words(short.answers["1.3"]) == short.answers["1.3"].words < 100
