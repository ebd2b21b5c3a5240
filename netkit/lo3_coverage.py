"""Learning outcome 3 against the unit: the counts of criteria 3.1-3.7 and the data its
charts and suggestions read.

The counters register themselves in :data:`netkit.coverage.COUNTERS` (``netkit.coverage``
imports this module), so ``netkit status`` and every status line count them:

- 3.1 a member counts with what each side can offer, tied to a 2.1 need or aspiration, and
  two or more dated interactions beyond exchanging details at a first meeting;
- 3.2 each promotion, once the learner has listed what they can offer;
- 3.3 each contribution to a 3.1 member checked against an agreement's boundaries;
- 3.4 each agreement with the date both sides agreed and the other party's confirmation;
- 3.5 such an agreement whose exchange guidelines are complete and under which at least
  one exchange (a 3.3 contribution checked against it) is logged;
- 3.6 each action done (join, leave, change role, attend) after a dated review;
- 3.7 each introduction (both people's consent is a rule of the record).

:func:`reciprocity_data`, :func:`ego_data` and :func:`suggested_introductions` gather what
the reciprocity chart, the ego-network chart and the suggestions table show (networkx is
imported inside the functions that use it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import coverage
from .coverage import Count, counted
from .lo3 import (
    Action,
    Agreement,
    Interaction,
    Introduction,
    MutualBenefit,
    Offers,
    Promotion,
    Review,
    Support,
)
from .model import Contact, Network, same_name
from .store import Portfolio

__all__ = [
    "EgoNetwork",
    "ReciprocityRow",
    "Suggestion",
    "agreement_standing",
    "chart_names",
    "ego_data",
    "initials",
    "reciprocity_data",
    "suggested_introductions",
]


def _names(p: Portfolio) -> dict[str, str]:
    """Contact key -> name (read without loading every contact: an import brings
    thousands, and every status line and chart asks)."""
    return dict(p.remembered("lo3.names", lambda: {
        key: str(name or "") for key, name in p.fields(Contact.KIND, "name")}))


def _interactions(p: Portfolio) -> dict[str, list[Interaction]]:
    found: dict[str, list[Interaction]] = {}
    for entry in p.all(Interaction):
        found.setdefault(entry.member, []).append(entry)
    return found


def _count_mutual(p: Portfolio) -> Count:
    names = _names(p)
    by_member = _interactions(p)
    done, hints = [], []
    for m in p.all(MutualBenefit):
        name = names.get(m.member, m.member)
        dates = {i.date for i in by_member.get(m.member, []) if i.counts}
        first_only = [i for i in by_member.get(m.member, []) if not i.counts]
        if not m.serves:
            hints.append(f"tie what {name} can offer to a need or aspiration from 2.1")
        elif len(dates) < 2:
            extra = (" (exchanging details at a first meeting does not count)"
                     if first_only else "")
            hints.append(f"log {2 - len(dates)} more dated interaction with {name}{extra}")
        else:
            done.append(name)
    return Count(len(done), tuple(done), "; ".join(hints))


def _count_promotions(p: Portfolio) -> Count:
    offers = p.load(Offers)
    promotions = p.all(Promotion)
    if offers is None:
        return Count(0, (), "list what you can offer first")
    hint = ""
    if any(not x.response for x in promotions):
        hint = "record the response to each promotion"
    return Count(len(promotions), tuple(f"{x.channel} ({x.date})" for x in promotions), hint)


def _count_support(p: Portfolio) -> Count:
    names = _names(p)
    members = {m.member for m in p.all(MutualBenefit)}
    done, unchecked = [], []
    for s in p.all(Support):
        if s.member not in members:
            continue
        if s.checked and s.agreement:
            done.append(f"{names.get(s.member, s.member)} ({s.date})")
        else:
            unchecked.append(names.get(s.member, s.member))
    hint = ""
    if unchecked:
        hint = (f"check what you gave {', '.join(unchecked)} against an agreement's "
                "boundaries of confidentiality")
    return Count(len(done), tuple(done), hint)


def agreement_standing(agreement: Agreement, supports: Sequence[Support]
                       ) -> tuple[bool, bool, list[str]]:
    """Whether an agreement counts for 3.4 and for 3.5, and what it still needs."""
    needs = []
    if not agreement.learner_agreed:
        needs.append("the date you agreed")
    if not agreement.members_agreed:
        needs.append("the date the other party agreed")
    if not agreement.confirmation:
        needs.append("the other party's confirmation (an e-mail or minutes)")
    for_34 = agreement.confirmed
    gaps = agreement.missing_guidelines
    if gaps:
        needs.append("guidelines on " + ", ".join(g.lower() for g in gaps))
    exchanged = any(s.agreement == agreement.id and s.checked for s in supports)
    if not exchanged:
        needs.append("one exchange logged under it (a 3.3 contribution checked against it)")
    return for_34, for_34 and not gaps and exchanged, needs


def _count_agreements(p: Portfolio, which: int) -> Count:
    supports = p.all(Support)
    done, hints = [], []
    for a in p.all(Agreement):
        for_34, for_35, needs = agreement_standing(a, supports)
        if (for_34, for_35)[which]:
            done.append(a.title)
        else:
            wanted = needs if which else [n for n in needs if "guideline" not in n
                                          and "exchange" not in n]
            hints.append(f"{a.title}: add {', '.join(wanted)}")
    return Count(len(done), tuple(done), "; ".join(hints))


def _count_actions(p: Portfolio) -> Count:
    reviews = p.all(Review)
    actions = p.all(Action)
    if not reviews:
        return Count(0, (), "record a dated review of your needs and aspirations first")
    done = [a for a in actions if a.done]
    overdue = [a for a in actions if a.overdue()]
    hints = []
    if overdue:
        hints.append(f"{counted(len(overdue), 'actions')} overdue: "
                     + ", ".join(a.detail for a in overdue))
    if any(not a.evidence for a in done):
        hints.append("give the evidence of each action done")
    return Count(len(done), tuple(f"{a.action}: {a.detail}" for a in done), "; ".join(hints))


def _count_introductions(p: Portfolio) -> Count:
    names = _names(p)
    intros = p.all(Introduction)
    kinds = {i.kind for i in intros}
    hint = ""
    if intros and len(kinds) < 2:
        other = "within a network" if "into a network" in kinds else "into a network"
        hint = f"make one introduction {other} as well"
    return Count(len(intros), tuple(f"{names.get(i.person, i.person)} to "
                                    f"{names.get(i.to, i.to)}" for i in intros), hint)


COUNTERS: dict[str, Callable[[Portfolio], Count]] = {
    "3.1": _count_mutual,
    "3.2": _count_promotions,
    "3.3": _count_support,
    "3.4": lambda p: _count_agreements(p, 0),
    "3.5": lambda p: _count_agreements(p, 1),
    "3.6": _count_actions,
    "3.7": _count_introductions,
}
COUNTED_KINDS: dict[str, tuple[str, ...]] = {
    "3.1": ("mutual_benefit", "interaction", "contact"),
    "3.2": ("offers", "promotion"),
    "3.3": ("support", "mutual_benefit", "contact"),
    "3.4": ("agreement", "support"),
    "3.5": ("agreement", "support"),
    "3.6": ("review", "action"),
    "3.7": ("introduction", "contact"),
}
coverage.COUNTERS.update(COUNTERS)
coverage.COUNTED_KINDS.update(COUNTED_KINDS)


# -- 3.3 reciprocity ---------------------------------------------------------------------
@dataclass(frozen=True)
class ReciprocityRow:
    """One member as the reciprocity chart draws them: contributions given and received."""

    name: str  # as the chart shows it (see :func:`chart_names`)
    given: int
    received: int
    initials: bool = False  # whether ``name`` is the member's initials


def chart_names(p: Portfolio) -> tuple[dict[str, str], bool]:
    """Contact key -> the name a chart shows, and whether those names are initials.

    Full names live and in an export with ``--no-redact``; initials in a redacted export
    (:attr:`Portfolio.is_redacted_export_copy`), since a chart is a picture the export's
    final check cannot read. Names already made initials (``--pseudonymise``) stay.
    """
    names = _names(p)
    if not p.is_redacted_export_copy:
        return names, False
    return {k: n if _INITIALLED.fullmatch(n.strip()) else initials(n)
            for k, n in names.items()}, True


def reciprocity_data(p: Portfolio) -> tuple[ReciprocityRow, ...]:
    """Per 3.1 member: how many times the learner gave (3.3) and received in return."""
    names, short = chart_names(p)
    given: dict[str, list[Support]] = {}
    for s in p.all(Support):
        given.setdefault(s.member, []).append(s)
    rows = []
    for m in p.all(MutualBenefit):
        mine = given.get(m.member, [])
        rows.append(ReciprocityRow(names.get(m.member, m.member), len(mine),
                                   sum(1 for s in mine if s.gained), short))
    return tuple(rows)


# -- 3.7 introductions -------------------------------------------------------------------
_INITIALLED = re.compile(r"(?:[^\W\d_]\.)+")


def initials(name: str) -> str:
    """"Sam Whitfield" -> "S.W." (how the LO3 charts name people in a redacted export)."""
    parts = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return ".".join(w[0].upper() for w in parts[:3]) + "." if parts else "?"


def _interests(p: Portfolio) -> tuple[dict[str, tuple[set[str], set[str]]], dict[str, str]]:
    """Contact key -> (interests, looking for), from the register and 3.1, folded; and
    each folded tag as the learner first wrote it."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    written: dict[str, str] = {}
    for key, listed in p.fields(Contact.KIND, "interests"):
        tags = listed or []
        found[key] = ({same_name(t) for t in tags}, set())
        written.update((same_name(t), str(t)) for t in tags if same_name(t) not in written)
    for m in p.all(MutualBenefit):
        has, wants = found.setdefault(m.member, (set(), set()))
        for tags, into in ((m.interests, has), (m.looking_for, wants)):
            into.update(same_name(t) for t in tags)
            written.update((same_name(t), t) for t in tags if same_name(t) not in written)
    return found, written


def _memberships(p: Portfolio) -> dict[str, set[str]]:
    """Contact key -> the networks they are met in (register and 3.1-3.7 entries)."""
    found: dict[str, set[str]] = {}
    for key, networks in p.fields(Contact.KIND, "networks"):
        found.setdefault(key, set()).update(networks or [])
    entries: list[MutualBenefit | Interaction | Support] = [
        *p.all(MutualBenefit), *p.all(Interaction), *p.all(Support)]
    for m in entries:
        found.setdefault(m.member, set()).add(m.network)
    for i in p.all(Introduction):  # into a network or within it: both are in it now
        for key in (i.person, i.to):
            found.setdefault(key, set()).add(i.network)
    return found


@dataclass(frozen=True)
class Suggestion:
    """A pair of contacts not yet introduced, with what they share or complement."""

    a: str
    b: str
    names: tuple[str, str]
    shared: tuple[str, ...]
    complementary: tuple[str, ...]  # "A offers x, B looks for it"
    score: float


#: An interest held by more contacts than this does not alone suggest a pair: it would
#: pair most of an imported network with most of the rest (half a billion pairs for
#: 30,000 contacts who all list "logistics"), and tells nobody apart. Pairs that share it
#: with a rarer interest, or complement each other, are still found, and it is still
#: listed among what they share.
COMMON_INTEREST = 200


def suggested_introductions(p: Portfolio, limit: int = 10) -> tuple[Suggestion, ...]:
    """Pairs of contacts with shared or complementary interests not yet introduced,
    best first: complementary interests weigh double, ties go to the closer overlap
    (Jaccard coefficient of their interests).

    Only pairs that the interests join are looked at: the graph of contacts and the
    interests they hold gives, for each interest, who holds it (pairs sharing it) and who
    looks for it (pairs complementing each other), so contacts without interests, as a
    LinkedIn import brings thousands, cost nothing. See :data:`COMMON_INTEREST`.
    """
    import networkx as nx

    names = _names(p)
    folded, written = _interests(p)
    tags = {k: v for k, v in folded.items() if k in names and (v[0] or v[1])}
    graph = nx.Graph()  # contacts joined to the interests they have
    graph.add_nodes_from(("c", k) for k in tags)
    for key, (has, _wants) in tags.items():
        graph.add_edges_from((("c", key), ("i", t)) for t in has)
    seekers: dict[str, list[str]] = {}
    for key, (_has, wants) in tags.items():
        for t in wants:
            seekers.setdefault(t, []).append(key)
    introduced = nx.Graph()
    introduced.add_edges_from((i.person, i.to) for i in p.all(Introduction))
    candidates: set[tuple[str, str]] = set()
    for node in graph:
        if node[0] != "i":
            continue
        holders = sorted(key for _c, key in graph[node])
        if len(holders) <= COMMON_INTEREST:
            candidates.update(itertools.combinations(holders, 2))
        for seeker in seekers.get(node[1], ()):
            candidates.update((min(seeker, h), max(seeker, h)) for h in holders
                              if h != seeker)
    pairs = [(("c", a), ("c", b)) for a, b in sorted(candidates)
             if not introduced.has_edge(a, b)]
    found = []
    for (_, a), (_, b), jaccard in nx.jaccard_coefficient(graph, pairs):
        shared = sorted(written[t] for _k, t in nx.common_neighbors(graph, ("c", a),
                                                                      ("c", b)))
        complement = sorted(
            [f"{names[a]} offers {written[t]}, {names[b]} looks for it"
             for t in tags[a][0] & tags[b][1]]
            + [f"{names[b]} offers {written[t]}, {names[a]} looks for it"
               for t in tags[b][0] & tags[a][1]])
        if shared or complement:
            found.append(Suggestion(a, b, (names[a], names[b]), tuple(shared),
                                    tuple(complement),
                                    len(shared) + 2 * len(complement) + float(jaccard)))
    found.sort(key=lambda s: (-s.score, s.names))
    return tuple(found[:limit])


@dataclass(frozen=True)
class EgoNetwork:
    """What the ego-network chart draws: the learner, networks, contacts (full names, or
    initials in a redacted export), who is met in which network, and the introductions
    made."""

    networks: tuple[str, ...]  # names
    contacts: tuple[str, ...]  # as the chart shows them (see :func:`chart_names`)
    members: tuple[tuple[int, int], ...]  # (contact index, network index)
    introductions: tuple[tuple[int, int], ...]  # (contact index, contact index)
    initials: bool = False  # whether ``contacts`` are initials


def ego_data(p: Portfolio) -> EgoNetwork:
    """The learner's networks and the contacts met in them, with the introductions made."""
    networks = {n.id: n.name for n in p.all(Network)}
    names, short = chart_names(p)
    member_of = _memberships(p)
    introductions = p.all(Introduction)
    introduced = {k for i in introductions for k in (i.person, i.to)}
    people = [k for k in names if member_of.get(k, set()) & networks.keys()
              or k in introduced]
    used = sorted({n for k in people for n in member_of.get(k, set()) if n in networks},
                  key=list(networks).index)
    index = {k: n for n, k in enumerate(people)}
    links = tuple(sorted((index[k], used.index(n)) for k in people
                         for n in member_of.get(k, set()) if n in used))
    intros = tuple(sorted({(min(index[i.person], index[i.to]), max(index[i.person],
                                                                    index[i.to]))
                           for i in introductions
                           if i.person in index and i.to in index}))
    return EgoNetwork(tuple(networks[n] for n in used),
                      tuple(names[k] for k in people), links, intros, short)
