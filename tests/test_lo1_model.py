"""Learning outcome 1's records: a structured answer per criterion 1.1-1.6 and follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest

from netkit import model
from netkit.criteria import ANSWER_GUIDES
from netkit.exceptions import ValidationError
from netkit.model import (
    ANSWER_TYPES,
    AgendasAnswer,
    EthicalIssue,
    EthicsAnswer,
    Example,
    FollowUp,
    Frame,
    Network,
    Skill,
    SkillsAnswer,
    count_words,
)
from netkit.store import Portfolio


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    day = dt.date(2026, 11, 30)
    monkeypatch.setattr(model, "_today", lambda: day)
    return day


def test_every_criterion_of_outcome_1_has_an_answer_record() -> None:
    assert sorted(ANSWER_TYPES) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert len({cls.KIND for cls in ANSWER_TYPES.values()}) == 6
    assert all(cls.SINGLETON for cls in ANSWER_TYPES.values())


def test_a_skills_answer_saves_and_reads_back_whole(portfolio: Portfolio,
                                                    today: dt.date) -> None:
    net = portfolio.save(Network(name="CILT"))
    answer = SkillsAnswer(
        definition="Networking is the exchange of information or services.",
        skills=[Skill(name="Building rapport", features="Finding common ground",
                      used_on="14/10/2026", use="At the branch webinar",
                      effect="Sam offered the survey")],
        covers=["building rapport", "definition"],
        examples=[Example(date="28 Oct 2026", text="Webinar follow-up",
                          link=f"network:{net.id}")],
        frame=Frame(happened="I met Sam", learned="Ask a question first"))
    portfolio.save(answer)
    back = portfolio.load(SkillsAnswer)
    assert back is not None
    assert back.skills == [Skill("Building rapport", "Finding common ground", "2026-10-14",
                                 "At the branch webinar", "Sam offered the survey")]
    assert back.examples[0].date == "2026-10-28"
    assert back.examples[0].link == f"network:{net.id}"
    assert back.frame.learned == "Ask a question first"
    assert back.covers == ["building rapport", "definition"]


def test_validate_reports_every_problem_at_once(today: dt.date) -> None:
    answer = EthicsAnswer(
        issues=[EthicalIssue(issue="", choice="x"), EthicalIssue(issue="Confidentiality")],
        covers=["confidentiality", "astrology"],
        examples=[Example(date="31/12/2026", text="later"),
                  Example(date="yesterday", text=""),
                  Example(date="1/11/2026", text="ok", link="person:42")])
    with pytest.raises(ValidationError) as caught:
        answer.validate()
    fields = [f for f, _ in caught.value.errors]
    assert fields == ["covers[1]", "examples[0]", "examples[1]", "examples[1]",
                      "examples[2]", "issues[0]"]
    messages = dict(caught.value.errors)
    assert "in the future" in messages["examples[0]"]
    assert "is not in the range of 1.6" in messages["covers[1]"]
    assert "network:KEY" in messages["examples[2]"]


def test_a_dated_use_of_a_skill_may_not_be_in_the_future(today: dt.date) -> None:
    with pytest.raises(ValidationError) as caught:
        SkillsAnswer(skills=[Skill(name="Listening", used_on="1 Dec 2026")]).validate()
    assert caught.value.errors[0][0] == "skills[0]"
    assert SkillsAnswer(skills=[Skill(name="Listening", used_on="")]).validate()


def test_deleting_a_linked_record_is_never_refused_and_undo_restores_it(
        portfolio: Portfolio, today: dt.date) -> None:
    net = portfolio.save(Network(name="Forum"))
    portfolio.save_many([
        AgendasAnswer(examples=[Example(date="2/11/2026", text="forum",
                                        link=f"network:{net.id}")]),
        FollowUp(lead="Send the notes", due="2026-12-01", link=f"network:{net.id}")])
    portfolio.remove(net)
    answer = portfolio.load(AgendasAnswer)
    assert answer is not None and answer.examples[0].link == f"network:{net.id}"
    portfolio.save(answer)  # an answer whose link outlived its record still saves
    portfolio.undelete("network", net.id)
    assert portfolio.load(Network, net.id) is not None


def test_a_link_must_name_a_kind_of_record(today: dt.date) -> None:
    with pytest.raises(ValidationError) as caught:
        AgendasAnswer(examples=[Example(date="2/11/2026", text="x", link="network")]
                      ).validate()
    assert caught.value.errors == [("examples[0]", "'network' is not a link to a record: "
                                    "use one of network:KEY, contact:KEY, followup:KEY, "
                                    "introduction:KEY.")]
    assert FollowUp(lead="a", due="2026-11-01", link="introduction:i1").validate().link \
        == "introduction:i1"


def test_word_count_counts_every_part_the_learner_wrote() -> None:
    assert count_words("Don't follow-up later, 3 times.") == 5
    answer = AgendasAnswer(agenda="one two", conclusion="three",
                           examples=[Example(date="2026-11-01", text="four five")],
                           frame=Frame(learned="six"), covers=["innovation"])
    assert answer.words == 6


def test_covers_are_range_points_of_the_criterion() -> None:
    for cid, cls in ANSWER_TYPES.items():
        ok = cls(covers=list(ANSWER_GUIDES[cid].covers))
        assert ok.validate().covers == list(ANSWER_GUIDES[cid].covers)


def test_a_follow_up_is_due_in_the_future_but_done_in_the_past(today: dt.date) -> None:
    follow = FollowUp(lead="Send Sam the pick-rate figures", due="14/12/2026").validate()
    assert follow.due == "2026-12-14" and not follow.overdue()
    with pytest.raises(ValidationError) as caught:
        FollowUp(lead="", due="soon", status="followed up", done_on="").validate()
    assert [f for f, _ in caught.value.errors] == ["lead", "due", "done_on"]
    with pytest.raises(ValidationError) as caught:
        FollowUp(lead="x", due="1/11/2026", status="followed up",
                 done_on="2/12/2026").validate()
    assert caught.value.errors[0][0] == "done_on"
    with pytest.raises(ValidationError):
        FollowUp(lead="x", due="1/11/2026", status="maybe").validate()


def test_overdue_is_open_and_past_its_due_date(today: dt.date) -> None:
    late = FollowUp(lead="a", due="2026-11-29").validate()
    assert late.overdue()
    assert not late.overdue(dt.date(2026, 11, 29))
    assert not FollowUp(lead="a", due="2026-11-01", status="missed").validate().overdue()


def test_erasing_a_linked_record_drops_the_link_only() -> None:
    answer = AgendasAnswer(examples=[Example(date="2026-11-01", text="t",
                                             link="contact:c1")])
    assert answer.refers_to("contact", "c1")
    kept = answer.without_reference("contact", "c1")
    assert kept is not None and kept.examples[0].link == "" and kept.examples[0].text == "t"
    follow = FollowUp(lead="a", due="2026-11-01", link="contact:c1")
    changed = follow.without_reference("contact", "c1")
    assert changed is not None and changed.link == "" and follow.link == "contact:c1"


def test_erasing_a_contact_for_good_drops_the_links_to_it(portfolio: Portfolio,
                                                         today: dt.date) -> None:
    from netkit.model import Contact

    portfolio.save(Contact(id="c1", name="Joanne Pryce"))
    portfolio.save_many([
        SkillsAnswer(examples=[Example(date="2025-09-26", text="Called Joanne Pryce late",
                                       link="contact:c1")]),
        FollowUp(id="f1", lead="Call Joanne back", due="2025-09-15", link="contact:c1")])
    erasure = portfolio.forget("contact", "c1")
    assert {(kind, key) for kind, key, *_ in erasure.edited} == {("answer_1_1", "main"),
                                                                ("followup", "f1")}
    answer, follow = portfolio.load(SkillsAnswer), portfolio.load(FollowUp, "f1")
    assert answer is not None and follow is not None
    assert answer.examples[0].link == "" and follow.link == ""
    assert "Pryce" not in answer.examples[0].text
