"""Guidance that reads a learning outcome 1 answer: what is still missing, never a score.

Each :class:`Rule` looks at one criterion's answer (an empty one if nothing is saved yet)
and the learner's other records, and returns a line saying what is missing ("1.3: no
conclusion yet - an evaluation ends with a judgement of usefulness"), or None. Rules read
their minimums and wording from the criteria data (:data:`netkit.criteria.ANSWER_GUIDES`,
:data:`~netkit.criteria.ANSWER_WORDS`). A *blocking* rule names something the unit asks
for: until none is left, the criterion is not met. The others are advice (length, range
points ticked). :func:`prompts` asks questions from the learner's own records.

The counters registered in :data:`netkit.coverage.COUNTERS` (``netkit.coverage`` imports
this module) feed ``netkit status`` and every status line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import coverage, model
from .coverage import Count, counted
from .criteria import ANSWER_GUIDES, ANSWER_WORDS
from .model import (
    ANSWER_TYPES,
    Answer,
    ChoosingAnswer,
    Contact,
    EthicsAnswer,
    FollowUp,
    InternetAnswer,
    LeadsAnswer,
    Network,
    Records,
    ShortlistCriterion,
    SkillsAnswer,
)

__all__ = ["RULES", "Facts", "Rule", "answer_of", "facts", "guidance", "missing", "prompts",
           "reads", "rules_for"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _described(n: int, one: str, many: str, verb: str) -> str:
    """"no skills described", "one skill described", "two skills described"."""
    return f"{_number(n)} {one if n == 1 else many} {verb}"


@dataclass(frozen=True)
class Facts:
    """What the rules read: every answer (an empty one if none is saved) and the records
    the prompts draw on."""

    answers: dict[str, Answer]
    today: dt.date
    followups: tuple[FollowUp, ...] = ()
    criteria: tuple[ShortlistCriterion, ...] = ()
    networks: tuple[Network, ...] = ()
    contacts: tuple[Contact, ...] = ()
    saved: frozenset[str] = field(default_factory=frozenset)  # criteria with an answer
    # Each answer's word count, counted once however many rules and status lines read it
    # (not copied by dataclasses.replace: a form's new answer is counted afresh).
    _words: dict[str, tuple[Answer, int]] = field(default_factory=dict, init=False,
                                                   repr=False, compare=False)

    def words(self, answer: Answer) -> int:
        """``answer.words``, counted once for these facts."""
        cached = self._words.get(answer.CRITERION)
        if cached is None or cached[0] is not answer:
            cached = self._words[answer.CRITERION] = (answer, answer.words)
        return cached[1]


def answer_of(records: Records, criterion_id: str) -> Answer:
    """The saved answer to ``criterion_id``, or an empty one."""
    cls = ANSWER_TYPES[criterion_id]
    return records.load(cls) or cls()


def facts(records: Records, today: dt.date | None = None) -> Facts:
    """Read what the rules need from a portfolio (or any :class:`Records`)."""
    loaded = {cid: records.load(cls) for cid, cls in ANSWER_TYPES.items()}
    answers = {cid: a or ANSWER_TYPES[cid]() for cid, a in loaded.items()}
    saved = frozenset(cid for cid, a in loaded.items() if a is not None)
    return Facts(answers, today or model._today(), tuple(records.all(FollowUp)),
                 tuple(records.all(ShortlistCriterion)), tuple(records.all(Network)),
                 tuple(records.all(Contact)), saved)


@dataclass(frozen=True)
class Rule:
    """One thing a criterion's answer needs: ``find`` says what is missing, or None."""

    name: str
    criterion: str
    find: Callable[[Any, Facts], str | None]
    blocks: bool = True

    def __call__(self, found: Facts) -> str | None:
        line = self.find(found.answers[self.criterion], found)
        return f"{self.criterion}: {line}" if line else None


def _minimum(cid: str, part: str) -> int:
    return ANSWER_GUIDES[cid].minimums[part]


def _blank(text: str) -> bool:
    return not str(text).strip()


# -- every criterion -----------------------------------------------------------------
# Who asks for a minimum: "the guidance" where M&L 25 states it (1.1 skills, 1.6 issues),
# "the workbook" for the minimums netkit sets itself (AnswerGuide.asked_by).
_ASKS = ", {who} asks for {need}"


def _enough(cid: str, part: str, one: str, many: str, verb: str, *,
            asks: str = _ASKS) -> Callable[[Any, Facts], str | None]:
    """A rule: the answer's ``part`` rows number at least the guide's minimum for it."""
    def find(answer: Any, _f: Facts) -> str | None:
        need = _minimum(cid, part)
        n = len(getattr(answer, part))
        return None if n >= need else (
            _described(n, one, many, verb)
            + asks.format(need=_number(need), who=ANSWER_GUIDES[cid].asked_by(part)))
    return find


def _dated_example(answer: Answer, _f: Facts) -> str | None:
    if answer.examples:
        return None
    return ("no dated example yet - ground the answer in your own workplace (a dated "
            "example, linked to a network, contact or follow-up you recorded)")


def _length(answer: Answer, f: Facts) -> str | None:
    low, high = ANSWER_WORDS
    words = f.words(answer)
    if words < low:
        return f"{counted(words, 'words')} so far - about {low}-{high} a criterion is the guide"
    if words > high + high // 4:
        return (f"{words} words - about {low}-{high} is the guide: keep what shows the "
                "verb, cut the rest")
    return None


def _range_ticked(answer: Answer, _f: Facts) -> str | None:
    if answer.covers:
        return None
    return "tick the range points your answer covers (the unit's amplification)"


def _called(name: str, noun: str, index: int) -> str:
    """A row as the guidance names it: its name, or "skill 2" while it has none yet (the
    guidance is live, so it reads rows the learner is still filling in)."""
    return " ".join(str(name).split()) or f"{noun} {index + 1}"


# -- 1.1 describe ---------------------------------------------------------------------
def _definition(a: SkillsAnswer, _f: Facts) -> str | None:
    return ("no definition yet - say what networking is, in your own words"
            if _blank(a.definition) else None)


def _skill_features(a: SkillsAnswer, _f: Facts) -> str | None:
    bare = [_called(s.name, "skill", i) for i, s in enumerate(a.skills) if _blank(s.features)]
    if not bare:
        return None
    return (f"{', '.join(bare)}: no principal features yet - describing a skill means what "
            "it involves and what it looks like done well")


def _skill_use(a: SkillsAnswer, _f: Facts) -> str | None:
    bare = [_called(s.name, "skill", i) for i, s in enumerate(a.skills)
            if _blank(s.used_on) or _blank(s.effect)]
    if not bare:
        return None
    return f"{', '.join(bare)}: no dated use and its effect yet - when did you use it, and "\
           "what happened?"


# -- 1.2 explain ----------------------------------------------------------------------
def _principles(a: ChoosingAnswer, _f: Facts) -> str | None:
    said = " ".join(f"{b.name} {b.because}" for b in a.bases).casefold()
    lacking = [p for p, stem in (("reciprocity", "recipro"), ("confidentiality", "confiden"))
               if stem not in said]
    if not lacking:
        return None
    return (f"{' and '.join(lacking)} not among your bases yet - the unit's guidance builds "
            "networks on reciprocity and confidentiality")


def _because(a: ChoosingAnswer, _f: Facts) -> str | None:
    bare = [_called(b.name, "basis", i) for i, b in enumerate(a.bases) if _blank(b.because)]
    if not bare:
        return None
    return f"{', '.join(bare)}: no \"because\" yet - an explanation says why"


def _illustration(a: ChoosingAnswer, f: Facts) -> str | None:
    if not _blank(a.illustration):
        return None
    if f.criteria:
        named = ", ".join(f"{c.name} (weight {c.weight:g})" for c in f.criteria[:3])
        return (f"no illustration yet - your own 2.2 criteria ({named}) show the bases you "
                "actually used")
    return "no illustration yet - show the bases at work in your own 2.2 shortlisting"


# -- 1.3 evaluate ---------------------------------------------------------------------
def _part(text_of: Callable[[Any], str], message: str) -> Callable[[Any, Facts], str | None]:
    def find(answer: Any, _f: Facts) -> str | None:
        return message if _blank(text_of(answer)) else None
    return find


# -- 1.4 evaluate ---------------------------------------------------------------------
def _risk_reduced(a: InternetAnswer, _f: Facts) -> str | None:
    bare = [_called(r.risk, "risk", i) for i, r in enumerate(a.risks) if _blank(r.reduced_by)]
    return None if not bare else (
        f"{', '.join(bare)}: not yet how you reduce it - an evaluation weighs the risk "
        "against what you do about it")


# -- 1.5 assess -----------------------------------------------------------------------
def _followed_up(_a: LeadsAnswer, f: Facts) -> str | None:
    need = _minimum("1.5", "followed up")
    n = sum(x.status == "followed up" for x in f.followups)
    return None if n >= need else (
        f"{_described(n, 'follow-up', 'follow-ups', 'done')} in your tracker, "
        f"{ANSWER_GUIDES['1.5'].asked_by('followed up')} asks for {_number(need)} (when, "
        "and the outcome)")


def _missed(_a: LeadsAnswer, f: Facts) -> str | None:
    missed = [x for x in f.followups if x.status == "missed"]
    if not missed:
        return ("no missed follow-up in your tracker yet - one that slipped, and what it "
                "cost, shows why following up matters")
    if all(_blank(x.cost) for x in missed):
        return f"{missed[0].lead}: missed, but not yet what it cost you"
    return None


def _outcomes(_a: LeadsAnswer, f: Facts) -> str | None:
    bare = [x.lead for x in f.followups if x.status == "followed up" and _blank(x.outcome)]
    return None if not bare else f"{', '.join(bare)}: followed up, but no outcome yet"


def _overdue(_a: LeadsAnswer, f: Facts) -> str | None:
    late = [x for x in f.followups if x.overdue(f.today)]
    return None if not late else (
        f"{counted(len(late), 'follow-ups')} overdue in your tracker - follow "
        f"{'it' if len(late) == 1 else 'them'} up, or mark {'it' if len(late) == 1 else 'them'}"
        " missed and say what it cost")


# -- 1.6 analyse ----------------------------------------------------------------------
_ISSUE_PARTS = (("choice", "the choice involved"), ("code", "the code or law"),
                ("affected", "who is affected"), ("handled", "how you handled it"))


def _issue_parts(a: EthicsAnswer, _f: Facts) -> str | None:
    for i, issue in enumerate(a.issues):
        lacking = [label for name, label in _ISSUE_PARTS if _blank(getattr(issue, name))]
        if lacking:
            return (f"{_called(issue.issue, 'issue', i)}: not yet {', '.join(lacking)} - "
                    "an analysis takes each issue apart")
    return None


def _common(cid: str) -> tuple[Rule, ...]:
    return (Rule(f"{cid} dated example", cid, _dated_example),
            Rule(f"{cid} length", cid, _length, blocks=False),
            Rule(f"{cid} range", cid, _range_ticked, blocks=False))


_USEFULNESS = "no conclusion yet - an evaluation ends with a judgement of usefulness"

RULES: tuple[Rule, ...] = (
    Rule("1.1 definition", "1.1", _definition),
    Rule("1.1 skills", "1.1", _enough("1.1", "skills", "skill", "skills", "described")),
    Rule("1.1 features", "1.1", _skill_features),
    Rule("1.1 dated use", "1.1", _skill_use),
    *_common("1.1"),
    Rule("1.2 bases", "1.2", _enough("1.2", "bases", "basis", "bases", "explained")),
    Rule("1.2 reciprocity and confidentiality", "1.2", _principles),
    Rule("1.2 because", "1.2", _because),
    Rule("1.2 illustration", "1.2", _illustration, blocks=False),
    *_common("1.2"),
    Rule("1.3 shared agenda", "1.3", _part(lambda a: a.agenda,
                                           "no shared-agenda example yet")),
    Rule("1.3 shared agenda weighed", "1.3", _part(
        lambda a: a.agenda_strengths and a.agenda_limits,
        "the shared agenda needs its strengths and its limits - an evaluation weighs both")),
    Rule("1.3 conflict", "1.3", _part(lambda a: a.conflict, "no conflict example yet")),
    Rule("1.3 conflict cause", "1.3", _part(lambda a: a.conflict_cause,
                                            "the conflict example does not say its cause")),
    Rule("1.3 own interest", "1.3", _part(
        lambda a: a.own_interest,
        "the conflict example does not acknowledge your own interest yet")),
    Rule("1.3 position", "1.3", _part(lambda a: a.position,
                                      "the conflict example does not state your position")),
    Rule("1.3 conflict weighed", "1.3", _part(
        lambda a: a.conflict_strengths and a.conflict_limits,
        "how the conflict was managed needs its strengths and its limits")),
    Rule("1.3 conclusion", "1.3", _part(lambda a: a.conclusion, _USEFULNESS)),
    *_common("1.3"),
    Rule("1.4 platforms", "1.4", _part(lambda a: a.platforms,
                                       "no platforms yet - which ones do you use, for what?")),
    Rule("1.4 benefits", "1.4", _enough("1.4", "benefits", "benefit", "benefits", "given",
                                          asks=_ASKS + " or more")),
    Rule("1.4 risks", "1.4", _enough("1.4", "risks", "risk", "risks", "given",
                                    asks=_ASKS + " or more")),
    Rule("1.4 risks reduced", "1.4", _risk_reduced),
    Rule("1.4 policy", "1.4", _part(
        lambda a: a.policy,
        "no word on your employer's social media policy yet - what it says, or that there "
        "is none and what you follow instead")),
    Rule("1.4 conclusion", "1.4", _part(lambda a: a.conclusion, _USEFULNESS)),
    *_common("1.4"),
    Rule("1.5 criteria", "1.5", _enough(
        "1.5", "criteria", "criterion", "criteria", "stated",
        asks=" - an assessment judges against criteria you state first ({need} or more)")),
    Rule("1.5 followed up", "1.5", _followed_up),
    Rule("1.5 missed", "1.5", _missed),
    Rule("1.5 outcomes", "1.5", _outcomes, blocks=False),
    Rule("1.5 overdue", "1.5", _overdue, blocks=False),
    Rule("1.5 judgement", "1.5", _part(
        lambda a: a.judgement,
        "no judgement yet - an assessment ends with a judgement against your criteria")),
    *_common("1.5"),
    Rule("1.6 issues", "1.6", _enough("1.6", "issues", "ethical issue", "ethical issues",
                                     "analysed")),
    Rule("1.6 essential features", "1.6", _issue_parts),
    Rule("1.6 conclusion", "1.6", _part(
        lambda a: a.conclusion,
        "no conclusion yet - an analysis leads to conclusions")),
    *_common("1.6"),
)


def rules_for(criterion_id: str) -> list[Rule]:
    """The rules of one criterion, in the order their lines show."""
    return [r for r in RULES if r.criterion == criterion_id]


def _findings(found: Facts, criterion_id: str) -> list[tuple[Rule, str]]:
    """Each rule of the criterion that finds something, with its line."""
    return [(rule, line) for rule in rules_for(criterion_id)
            if (line := rule(found)) is not None]


def missing(found: Facts, criterion_id: str) -> list[str]:
    """What the criterion's answer still lacks, one line per rule that finds something."""
    return [line for _, line in _findings(found, criterion_id)]


def guidance(records: Records, criterion_id: str) -> list[str]:
    """What the learner's answer to ``criterion_id`` still lacks (empty: nothing)."""
    return missing(facts(records), criterion_id)


def prompts(records: Records, found: Facts | None = None) -> list[str]:
    """Questions from the learner's own records, to write from."""
    f = found or facts(records)
    asks = []
    late = [x for x in f.followups if x.overdue(f.today)]
    if late:
        asks.append(f"You have {counted(len(late), 'overdue follow-ups')}: what did that "
                    "cost you? (1.5)")
    missed = [x for x in f.followups if x.status == "missed" and _blank(x.cost)]
    if missed:
        asks.append(f"You missed \"{missed[0].lead}\": what did it cost you, and what would "
                    "you do differently? (1.5)")
    linked = {e.link for a in f.answers.values() for e in a.examples}
    unlinked = [n for n in f.networks if f"network:{n.id}" not in linked]
    if f.networks and len(unlinked) == len(f.networks):
        asks.append(f"You recorded {counted(len(f.networks), 'networks')} in 2.1: which of "
                    f"them gave you a dated example? (for instance {f.networks[0].name})")
    answer_12 = f.answers["1.2"]
    if f.criteria and isinstance(answer_12, ChoosingAnswer) and _blank(answer_12.illustration):
        top = max(f.criteria, key=lambda c: c.weight)
        asks.append(f"Your heaviest 2.2 criterion is {top.name} (weight {top.weight:g}): "
                    "which basis for choosing networks does it show? (1.2)")
    private = [c for c in f.contacts if c.confidential]
    if private:
        asks.append(f"You flagged {counted(len(private), 'contacts')} confidential: what "
                    "ethical issue made you do that? (1.6)")
    return asks


# -- the counts netkit status shows ---------------------------------------------------
# What each criterion's rules read besides its answer: the tracker (1.5), the learner's own
# shortlisting criteria (1.2's illustration).
_READS = {"1.2": ("shortlist_criterion",), "1.5": ("followup",)}


def reads(criterion_id: str) -> tuple[str, ...]:
    """The record kinds a criterion's rules read besides its answer ("followup" for 1.5)."""
    return _READS.get(criterion_id, ())


def _items(cid: str, answer: Answer, found: Facts) -> tuple[str, ...]:
    if isinstance(answer, SkillsAnswer):
        return tuple(s.name for s in answer.skills
                     if not (_blank(s.features) or _blank(s.used_on) or _blank(s.effect)))
    if isinstance(answer, EthicsAnswer):
        return tuple(i.issue for i in answer.issues
                     if not any(_blank(getattr(i, n)) for n, _ in _ISSUE_PARTS))
    return (f"reflective answer to {cid} ({counted(found.words(answer), 'words')})",)


def _facts_for(records: Records, cid: str) -> Facts:
    """What one criterion's rules read, and nothing more (see ``_READS``)."""
    cls = ANSWER_TYPES[cid]
    saved = records.load(cls)
    kinds = reads(cid)
    return Facts(
        {cid: saved or cls()}, model._today(),
        followups=tuple(records.all(FollowUp)) if "followup" in kinds else (),
        criteria=tuple(records.all(ShortlistCriterion))
        if "shortlist_criterion" in kinds else (),
        saved=frozenset({cid}) if saved is not None else frozenset())


def _counter(cid: str) -> Callable[[Any], Count]:
    def count(portfolio: Any) -> Count:
        found = _facts_for(portfolio, cid)
        answer = found.answers[cid]
        findings = _findings(found, cid)  # each rule runs once
        lines = tuple(line for _, line in findings)
        blocking = any(rule.blocks for rule, _ in findings)
        items = _items(cid, answer, found)
        if cid not in {"1.1", "1.6"}:
            items = () if blocking else items
        hint = lines[0].split(": ", 1)[1] if lines else ""
        return Count(len(items), items, hint,
                     guidance=lines, ready=not blocking, begun=cid in found.saved)
    return count


for _cid, _cls in ANSWER_TYPES.items():
    coverage.COUNTERS[_cid] = _counter(_cid)
    coverage.COUNTED_KINDS[_cid] = (_cls.KIND, *reads(_cid))
