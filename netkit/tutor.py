"""The tutors' workshop sessions as data: six facilitator's guides covering the unit's 15
guided learning hours.

Each :class:`Session` holds its aims (mapped to criteria), a timed running order whose
steps use the workbook's forms live, discussion prompts, what learners should have saved
by the end, and the handouts it uses. What each command verb asks is shown by a pair of
answers per criterion (:data:`VERB_PAIRS`): one that would pass, one that would be referred.
Criteria are named by id only: their wording is always read from :mod:`netkit.criteria`.
The notebooks ``notebooks/tutor/session-*.ipynb`` (written by ``tools/nb_tutor.py``) show
them through :mod:`netkit.tutor_view`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .criteria import CRITERIA, UNIT
from .exceptions import UnknownSessionError

__all__ = ["HANDOUTS", "SESSIONS", "VERB_PAIRS", "Aim", "Handout", "Saved", "Session",
           "Step", "VerbPair", "session"]


@dataclass(frozen=True)
class Aim:
    """What learners can do by the end, and the criteria it serves; ``whole_unit`` for an
    aim that serves every criterion alike (the evidence rules, a plan)."""

    text: str
    criteria: tuple[str, ...] = ()
    whole_unit: bool = False


@dataclass(frozen=True)
class Step:
    """One step of the running order: minutes, what happens, and the forms it uses live.

    ``forms`` are the workbook's widgets (``nk.widgets.NAME``) or charts
    (``LiveChart:NAME``) the step works in; the guide shows each on the portfolio it runs
    against (the example learner when the tutor demonstrates).
    """

    minutes: int
    title: str
    how: str
    criteria: tuple[str, ...] = ()
    notebook: str = ""
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Saved:
    """What a learner should have saved by the end of a session, for one criterion.

    ``draft`` is True where a first draft is enough by then (the answer grows later);
    the minimum itself is always the criterion's (:attr:`netkit.criteria.Criterion.minimum`).
    """

    criterion: str
    draft: bool = False
    note: str = ""


@dataclass(frozen=True)
class VerbPair:
    """Two short answers to one criterion: one that would pass, one that would be referred,
    and why each is judged so."""

    criterion: str
    passes: str
    why_passes: str
    referred: str
    why_referred: str


@dataclass(frozen=True)
class Handout:
    """A handout the export writes (``stem.html`` and ``.pdf``)."""

    stem: str
    title: str
    what: str


@dataclass(frozen=True)
class Session:
    """One workshop session: a facilitator's guide."""

    number: int
    slug: str  # the notebook's file name: notebooks/tutor/<slug>.ipynb
    title: str
    hours: int
    summary: str
    aims: tuple[Aim, ...]
    steps: tuple[Step, ...]
    prompts: tuple[str, ...]
    saved: tuple[Saved, ...]
    preparation: tuple[str, ...] = ()
    handouts: tuple[str, ...] = ()  # stems of HANDOUTS

    @property
    def minutes(self) -> int:
        """The running order's minutes, added up."""
        return sum(step.minutes for step in self.steps)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria the session's aims serve, in the unit's order."""
        named = {cid for aim in self.aims for cid in aim.criteria}
        return tuple(c.id for c in CRITERIA if c.id in named)

    @property
    def verbs(self) -> tuple[str, ...]:
        """The command verbs of the session's criteria, each once, in the unit's order."""
        return tuple(dict.fromkeys(c.verb for c in CRITERIA if c.id in self.criteria))

    @property
    def notebook(self) -> str:
        """Where the guide lives, from the workbook folder."""
        return f"notebooks/tutor/{self.slug}.ipynb"

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form the running order uses, each once, in order."""
        return tuple(dict.fromkeys(f for step in self.steps for f in step.forms))


WITNESS_LETTER = "witness-letter"
AGREEMENT_TEMPLATE = "agreement-template"

HANDOUTS: dict[str, Handout] = {
    WITNESS_LETTER: Handout(
        WITNESS_LETTER, "A letter briefing a witness",
        "for the learner to send with the draft statement: what a witness statement is "
        "for, what to do with it, and how the witness's details are used"),
    AGREEMENT_TEMPLATE: Handout(
        AGREEMENT_TEMPLATE, "Confidentiality agreement template",
        "the example learner's agreement as the workbook prints it (criteria 3.4 and "
        "3.5): the headings a learner's own agreement needs, filled in for one network"),
}

_ALL = tuple(c.id for c in CRITERIA)

SESSIONS: tuple[Session, ...] = (
    Session(
        number=1, slug="session-1-evidence-and-skills", hours=3,
        title="Evidence rules, an assessment plan and interpersonal skills",
        summary=(
            "Learners meet the unit, the evidence it accepts and the workbook, agree an "
            "assessment plan, practise the interpersonal skills of networking, and start "
            "their description of them from their own work."),
        preparation=(
            "Load the example learner into a spare portfolio for the projector: "
            "NETKIT_PORTFOLIO=/tmp/demo/p.sqlite netkit example, then start JupyterLab "
            "(or netkit workshop) with the same variable set.",
            "Each learner has the workbook open on their own portfolio (JupyterLab, or "
            "workshop mode for anyone uneasy with code).",
            "Print one observer's checklist per group of three: the range of 1.1 (shown "
            "under Aims).",
        ),
        aims=(
            Aim("Say what evidence the unit accepts: workplace evidence only, with no "
                "simulation, as a reflective account, work products, witness testimony "
                "and professional discussion.", whole_unit=True),
            Aim("Agree an assessment plan: for each criterion, which evidence and by when.",
                whole_unit=True),
            Aim("Name three or more of the skills they use with people when networking, "
                "each with its features, a dated use at work and its effect.",
                ("1.1",)),
        ),
        steps=(
            Step(10, "Welcome and the unit at a glance",
                 "Show notebook 00's overview of the unit on the projector: three learning "
                 "outcomes, sixteen criteria, their command verbs and minimum evidence. "
                 "Introduce the six sessions and the fifteen guided learning hours.",
                 notebook="00-start-here"),
            Step(25, "The evidence rules",
                 "Read the assessment requirements together (quoted under Aims). Sort "
                 "example items into evidence / not evidence: an e-mail arranging a "
                 "benchmarking call (work product), today's role-play (not evidence: "
                 "simulation is not allowed), a line manager's statement (witness "
                 "testimony), notes of a talk with the assessor (professional discussion). "
                 "Point out the EXAMPLE stamp on the example learner's pages and that "
                 "portfolios hold personal data about real people."),
            Step(20, "Setting up: your details in notebook 00",
                 "Everyone saves their details in the About you form (name, employer, "
                 "role, tutor, assessor). Check that the progress table appears below it. "
                 "Anyone who prefers no code opens the same notebook in workshop mode.",
                 notebook="00-start-here", forms=("LearnerForm",)),
            Step(25, "An assessment plan",
                 "Walk down the progress table: for each criterion the learner writes "
                 "where the evidence will come from (which network, which colleague could "
                 "be a witness, what the professional discussion could cover) and a "
                 "target date. The assessor confirms the plan at the first review.",
                 criteria=_ALL, notebook="00-start-here", forms=("progress",)),
            Step(10, "Break", "Ten minutes."),
            Step(30, "Interpersonal-skills practice in threes",
                 "Rounds of three minutes: A opens a conversation with B as at a branch "
                 "event, builds rapport, listens, and closes with a follow-up both agree; "
                 "C observes with the checklist of 1.1's range. Rotate so everyone plays "
                 "each part. This is practice: the evidence comes from the workplace.",
                 criteria=("1.1",)),
            Step(15, "Debrief: which skills, to what effect",
                 "Each observer names one skill they saw and its effect on the other "
                 "person. Collect on the flipchart the features of each skill in the "
                 "learners' own words."),
            Step(30, "Writing 1.1 in notebook 01",
                 "Everyone writes their definition of networking and three skills, each "
                 "with its features, a dated use at their own work and its effect, in the "
                 "1.1 form. Show the example learner's answer first; then the line under "
                 "the form says what each answer still lacks.",
                 criteria=("1.1",), notebook="01-principles-of-networking",
                 forms=("SkillsForm",)),
            Step(15, "Would pass, would be referred; before next time",
                 "Read the pair of answers for describe (below) and ask which would pass "
                 "and why. Before session 2: log leads and actions in the follow-up "
                 "tracker, and bring one conflict and one ethical choice met while "
                 "networking.", criteria=("1.1",)),
        ),
        prompts=(
            "Why does the unit not accept a role-play as evidence, when it accepts a "
            "reflective account?",
            "Which of your colleagues has seen you network, and what exactly did they see?",
            "Think of the last person you met for work: what made the first impression, "
            "and what did you do to build rapport?",
            "Which skill do you find hardest, and what would a witness say about it?",
        ),
        saved=(
            Saved("1.1", draft=True,
                  note="a definition of networking and three or more skills, each with a "
                       "dated use at work"),
        ),
    ),
    Session(
        number=2, slug="session-2-principles-and-ethics", hours=3,
        title="Choosing networks, shared agendas and conflict, the internet, "
              "follow-ups and ethics",
        summary=(
            "The rest of learning outcome 1 (criteria 1.2 to 1.6), worked from the "
            "learners' own networks: bases for choosing them, conflict modes, an audit of "
            "the platforms they use, their follow-up tracker and two ethical dilemmas."),
        preparation=(
            "Cards for the card sort (bases for choosing a network): reciprocity, "
            "confidentiality, fit with my needs, fit with my aspirations, cost, time, "
            "reputation, access to expertise, my employer's priorities.",
            "One set of dilemma cards per group (listed under step Ethical dilemmas).",
            "Learners bring their employer's social media policy, or know where it is.",
        ),
        aims=(
            Aim("Explain three or more bases for choosing networks, reciprocity and "
                "confidentiality among them, each with its reason.", ("1.2",)),
            Aim("Evaluate a shared agenda and a conflict from their own networks, using "
                "a model of conflict modes, and conclude on usefulness.", ("1.3",)),
            Aim("Evaluate the internet in their own networking from an audit of the "
                "platforms they use: benefits, risks and how they reduce them.", ("1.4",)),
            Aim("Judge how much following up matters, against criteria they state first, "
                "with evidence from their own follow-up tracker.", ("1.5",)),
            Aim("Analyse two or more ethical issues: the choice, the code or law, who is "
                "affected, how it was handled, and conclusions.", ("1.6",)),
        ),
        steps=(
            Step(10, "Recap and bring-backs",
                 "Each learner names one lead they followed up since session 1 and one "
                 "they did not."),
            Step(25, "Bases for choosing networks: a card sort",
                 "Pairs rank the cards for their own job and add any missing base, then "
                 "each writes three or more bases with a because in the 1.2 form, "
                 "reciprocity and confidentiality among them.",
                 criteria=("1.2",), notebook="01-principles-of-networking",
                 forms=("ChoosingForm",)),
            Step(35, "Shared agendas and conflict modes",
                 "Present one widely used model of conflict modes (competing, "
                 "collaborating, compromising, avoiding, accommodating). In pairs: a real "
                 "conflict in a network, the mode each side used, what another mode would "
                 "have done, and where a shared agenda helped. Link to the standard's "
                 "behaviours on conflict (quoted under Aims). Learners draft 1.3.",
                 criteria=("1.3",), notebook="01-principles-of-networking",
                 forms=("AgendasForm",)),
            Step(10, "Break", "Ten minutes."),
            Step(30, "An audit of the platforms you use",
                 "Each learner lists the platforms they network on (LinkedIn, Teams, a "
                 "sector forum, a messaging group) and for each: what it gives them, its "
                 "risks, how they reduce them and what their employer's social media "
                 "policy says. Pairs check their own privacy settings together (who sees "
                 "their connections, is the profile public); nobody photographs another's "
                 "screen. Then the 1.4 form.",
                 criteria=("1.4",), notebook="01-principles-of-networking",
                 forms=("InternetForm",)),
            Step(20, "Following up: the tracker",
                 "Everyone logs two leads followed up and one missed, with what missing it "
                 "cost, in the follow-up tracker; then states the criteria they judge by "
                 "(results, trust, reputation...) in the 1.5 form.",
                 criteria=("1.5",), notebook="01-principles-of-networking",
                 forms=("FollowUpsForm", "LeadsForm")),
            Step(35, "Ethical dilemmas",
                 "Groups take one card each and break it down: the choice, the code or "
                 "law (UK GDPR, the Bribery Act 2010, the employer's code of conduct, a "
                 "professional body's code), who is affected, what they would do. Cards: "
                 "a competitor at a branch event asks for a client's rates; a supplier "
                 "met at a network offers match tickets; a contact asks you to endorse a "
                 "skill you never saw; a photo from an event shows attendees and a "
                 "client's labels. Then each learner records two real issues of their "
                 "own in the 1.6 form.",
                 criteria=("1.6",), notebook="01-principles-of-networking",
                 forms=("EthicsForm",)),
            Step(15, "Would pass, would be referred; before next time",
                 "Read the pairs for explain, evaluate, assess and analyse. Before "
                 "session 3: write down current needs and aspirations for the next one to "
                 "three years.", criteria=("1.2", "1.3", "1.4", "1.5", "1.6")),
        ),
        prompts=(
            "Which of your bases would your line manager rank first, and why might that "
            "differ from yours?",
            "When did your own interest conflict with a network's common goal, and did "
            "you say so?",
            "What would you never post about your work, and who decided that: you, your "
            "employer or the law?",
            "What did the last lead you did not follow up cost, and who noticed?",
            "Is keeping a confidence ever the wrong choice?",
        ),
        saved=(
            Saved("1.2", draft=True),
            Saved("1.3", draft=True),
            Saved("1.4", draft=True),
            Saved("1.5", draft=True, note="with the follow-up tracker started"),
            Saved("1.6", draft=True),
        ),
    ),
    Session(
        number=3, slug="session-3-identify-networks", hours=3,
        title="Learning outcome 2 in the workbook, on the example learner",
        summary=(
            "The tutor demonstrates notebook 02 on the fictional example learner, then "
            "learners do the same with their own needs and networks: five or more "
            "potential networks, criteria and weights, a shortlist, and one network "
            "assessed."),
        preparation=(
            "The example learner on the projector (see session 1).",
            "Learners bring their needs and aspirations from session 2's homework.",
        ),
        aims=(
            Aim("Find five or more potential networks and set what each would give them "
                "against their current needs and future aspirations.", ("2.1",)),
            Aim("Shortlist two or more networks against criteria defined and weighted "
                "beforehand, and say how sensitive the shortlist is to the weights.",
                ("2.2",)),
            Aim("Weigh what one or more selected networks would give and cost them, both "
                "to join and to stay in, and reach a justified judgement.", ("2.3",)),
        ),
        steps=(
            Step(15, "Demonstration: the example learner's notebook 02",
                 "On the projector: Priya Shah's needs, her networks and the heat map of "
                 "which network serves which need. Show a need nothing serves yet.",
                 criteria=("2.1",), notebook="02-identify-networks",
                 forms=("LiveChart:needs_matrix",)),
            Step(20, "Needs and aspirations",
                 "Everyone saves three to six current needs and two to four aspirations, "
                 "with priorities, in the needs form.",
                 criteria=("2.1",), notebook="02-identify-networks", forms=("NeedsForm",)),
            Step(35, "Everyone lists five potential networks",
                 "Each learner saves five or more potential networks in notebook 02: kind, "
                 "how to join, yearly cost, hours a month, and benefits each tied to the "
                 "needs it serves, with a conclusion. Watch the heat map fill in; look for "
                 "needs still unserved.",
                 criteria=("2.1",), notebook="02-identify-networks",
                 forms=("NetworksForm", "NeedsAnalysis")),
            Step(10, "Break", "Ten minutes."),
            Step(20, "Criteria and weights, defined first",
                 "Everyone defines their shortlisting criteria (or starts from the "
                 "suggested ones), with a weight and a direction each, before scoring.",
                 criteria=("2.2",), notebook="02-identify-networks", forms=("CriteriaForm",)),
            Step(30, "Pairs compare weights and watch the sensitivity chart move",
                 "Learners score every network, then swap seats: each explains their "
                 "weights to the other, moves one weight and watches the ranking and the "
                 "sensitivity chart move. Note the weight at which the top network would "
                 "change. Tick two or more networks for the shortlist and, where it "
                 "differs from the ranking, write why.",
                 criteria=("2.2",), notebook="02-identify-networks",
                 forms=("ShortlistForm", "LiveChart:sensitivity")),
            Step(35, "Assessing a selected network",
                 "For one shortlisted network: what it gives and what it costs or risks, "
                 "on joining and on keeping up membership, each rated for impact, the "
                 "cost and hours a year, and a judgement (join, maintain, leave, not "
                 "now) with reasons. The balance chart sets them side by side.",
                 criteria=("2.3",), notebook="02-identify-networks",
                 forms=("AssessmentForm", "LiveChart:assessment_balance")),
            Step(15, "Would pass, would be referred; before next time",
                 "Read the pairs for identify, shortlist and assess; each learner reads "
                 "their three status lines. Before session 4: add three or more real "
                 "network members to the contacts register in notebook 03.",
                 criteria=("2.1", "2.2", "2.3")),
        ),
        prompts=(
            "Which of your needs does no network serve, and is that a gap or a need you "
            "can drop?",
            "Your partner weighted cost far lower than you did: whose job explains that?",
            "How far would your heaviest weight have to move before your top network "
            "changed? Are you that sure of it?",
            "What does keeping up a membership cost you that joining did not?",
        ),
        saved=(
            Saved("2.1"),
            Saved("2.2"),
            Saved("2.3"),
        ),
    ),
    Session(
        number=4, slug="session-4-maintain-networks", hours=3,
        title="Learning outcome 3: what each side gives and gets, confidentiality, "
              "introductions",
        summary=(
            "Notebook 03 is a log kept over weeks: learners set up their contacts "
            "register, work out what each side gives and gets, practise promoting what "
            "they offer, draft a confidentiality agreement with one real network, and "
            "practise making introductions."),
        preparation=(
            "Print the confidentiality agreement template (a handout), one per learner.",
            "Learners have asked their network members before recording them: the "
            "register holds personal data about real people.",
        ),
        handouts=(AGREEMENT_TEMPLATE,),
        aims=(
            Aim("Work out, for two or more members, what each side could give and get, "
                "and log dated interactions beyond a first meeting.", ("3.1",)),
            Aim("Make network members aware of what they can offer, on a real occasion, "
                "and record the response.", ("3.2",)),
            Aim("Give a member something useful (information, a service, support) within "
                "agreed boundaries, and record what came back and how it was used.",
                ("3.3",)),
            Aim("Set down with one network, in a written agreement the other party "
                "confirms, what may and may not be shared and how they exchange "
                "information and resources.", ("3.4", "3.5")),
            Aim("Take action so that their networks reflect their current and future "
                "needs.", ("3.6",)),
            Aim("Introduce people who would gain from knowing each other, asking both "
                "first.", ("3.7",)),
        ),
        steps=(
            Step(10, "Notebook 03 is a dated log",
                 "Show the example learner's notebook 03: every entry dated, with the "
                 "people and the evidence. Exchanging details at a first meeting is "
                 "logged but does not count for 3.1.", notebook="03-maintain-networks"),
            Step(20, "The contacts register",
                 "Everyone adds three or more real members of their networks, ticking "
                 "Confidential for anyone who should stay out of exports.",
                 criteria=("3.1",), notebook="03-maintain-networks",
                 forms=("ContactsForm",)),
            Step(30, "What each side gives and gets",
                 "In pairs, a give-and-get grid for two members each: their interests, "
                 "what they look for, what they could offer you (tied to your needs) and "
                 "what you could offer them. Save it in the mutual-benefit form; the "
                 "reciprocity chart shows given against received.",
                 criteria=("3.1", "3.3"), notebook="03-maintain-networks",
                 forms=("MutualBenefitForm", "LiveChart:reciprocity")),
            Step(20, "Promoting what you offer",
                 "Each learner writes what they can offer, one a line, and practises a "
                 "one-minute account of it with a partner who asks a hard question. Only "
                 "a real occasion counts: plan one and log it, with the response, after "
                 "it happens.", criteria=("3.2",), notebook="03-maintain-networks",
                 forms=("OffersForm",)),
            Step(10, "Break", "Ten minutes."),
            Step(45, "Drafting a confidentiality agreement",
                 "Hand out the template. In threes, each learner drafts an agreement for "
                 "one real network: what may be shared, what may not, what only on "
                 "conditions, the legal and regulatory basis in their own words (UK GDPR "
                 "and the Data Protection Act 2018, contracts, the sector's codes), the "
                 "guidelines for exchange (channels, anonymising, permission, "
                 "attribution, storage, response times), duration, review date and what "
                 "happens on a breach. It counts once the other party's confirmation is "
                 "recorded; 3.5 also needs one contribution checked against it.",
                 criteria=("3.4", "3.5"), notebook="03-maintain-networks",
                 forms=("AgreementForm",)),
            Step(30, "Making introductions",
                 "Show the suggested introductions on the example learner. Pairs practise "
                 "asking each person first (both must consent), then write the "
                 "introduction e-mail: who, why they should talk, the common or "
                 "complementary interest. Log it in the introductions form once made.",
                 criteria=("3.7",), notebook="03-maintain-networks",
                 forms=("SuggestedIntroductions", "IntroductionForm")),
            Step(15, "Reviewing needs and taking action; would pass, would be referred",
                 "Each learner sets one action (join, leave, change role, attend) with a "
                 "due date from a review of their 2.1 needs. Read the pairs for the verbs "
                 "of learning outcome 3.",
                 criteria=("3.6",), notebook="03-maintain-networks", forms=("ActionForm",)),
        ),
        prompts=(
            "What could you offer the member you know least well, and how would you find "
            "out what they need?",
            "Where is the line between promoting yourself and selling to your network?",
            "What would you do if the other party broke your agreement?",
            "Why ask both people before you introduce them?",
            "Which of your networks no longer reflects what you need?",
        ),
        saved=(
            Saved("3.1", draft=True,
                  note="two members with what each side gives and gets; the dated "
                       "interactions follow over the weeks"),
            Saved("3.2", draft=True, note="what you offer; the occasion once it happens"),
            Saved("3.4", draft=True,
                  note="a draft agreement, confirmed by the other party later"),
            Saved("3.6", draft=True, note="one action with a due date"),
        ),
    ),
    Session(
        number=5, slug="session-5-evidence-and-discussion", hours=2,
        title="Reflective writing, briefing witnesses, preparing for the professional "
              "discussion",
        summary=(
            "Learners turn drafts into evidence: they rewrite a weak reflective "
            "paragraph until it would pass, brief a witness with the letter and a draft "
            "statement, and rehearse the professional discussion the assessor will "
            "hold."),
        preparation=(
            "Print the letter briefing a witness (a handout), one per learner.",
            "Each learner brings one learning outcome 1 answer they are unsure of.",
        ),
        handouts=(WITNESS_LETTER,),
        aims=(
            Aim("Write reflective accounts that evaluate and assess: evidence weighed, "
                "criteria stated, a conclusion reached.", ("1.3", "1.5")),
            Aim("Brief a witness who saw them at work, with a draft statement they can "
                "correct, sign and date.", ("3.1", "3.3", "3.7")),
            Aim("Prepare for a professional discussion on their shortlisting criteria and "
                "their agreement on confidentiality.", ("2.2", "3.4", "3.5")),
        ),
        steps=(
            Step(10, "Where everyone stands",
                 "Each learner reads their progress table: what is met, partial, missing.",
                 notebook="00-start-here", forms=("progress",)),
            Step(30, "Reflective writing: from referred to pass",
                 "Read the referred answer for 1.3 aloud; in pairs, rewrite it using the "
                 "reflective frame (what happened, what I thought, what I learned, what I "
                 "will do) until it weighs evidence and reaches a conclusion. Then each "
                 "learner improves their own answer in notebook 01.",
                 criteria=("1.3", "1.5"), notebook="01-principles-of-networking",
                 forms=("AgendasForm",)),
            Step(10, "Peer reading against the verb",
                 "Swap one answer; the reader underlines the conclusion and the criteria "
                 "stated, and says what is missing.", criteria=("1.3", "1.5")),
            Step(25, "Briefing a witness",
                 "Who can be a witness (someone who saw the work: a line manager, a "
                 "colleague, a network member; not a friend asked to vouch). Read the "
                 "letter together. Each learner drafts one testimony in notebook 04 "
                 "(what the witness saw, when, the criteria it supports) and writes the "
                 "statement to send: netkit witness-statement NAME. The signed copy is "
                 "attached (netkit attach) and given as the testimony's signed copy.",
                 criteria=("3.1", "3.3", "3.7"), notebook="04-evidence",
                 forms=("WitnessForm",)),
            Step(5, "Break", "Five minutes."),
            Step(30, "Rehearsing the professional discussion",
                 "In threes (learner, assessor, observer), ten minutes each, on the "
                 "criteria the guidance names for discussion: how the shortlisting "
                 "criteria were chosen and weighted, how the boundaries of confidentiality "
                 "were established and the guidelines agreed. The learner brings the work "
                 "products; the observer notes what was shown, not how it was said. The "
                 "real record is the assessor's.",
                 criteria=("2.2", "3.4", "3.5"), notebook="04-evidence",
                 forms=("DiscussionForm",)),
            Step(10, "Would pass, would be referred; booking the one-to-one",
                 "Read the pairs below. Each learner books a one-hour review and brings "
                 "their plan. The declaration is made when the evidence is complete, "
                 "not before.", criteria=("1.3", "1.5", "2.2", "3.4", "3.5")),
        ),
        prompts=(
            "What does your conclusion say that your examples alone do not?",
            "Who saw you do what 3.7 asks, and would they sign it in their own words?",
            "If the assessor asked why fit with needs outweighs cost, what would you "
            "show them?",
            "What would you leave out of a discussion because it is confidential, and "
            "how would you say so?",
        ),
        saved=(
            Saved("1.3"),
            Saved("1.5"),
        ),
    ),
    Session(
        number=6, slug="session-6-one-to-one-review", hours=1,
        title="One-to-one review",
        summary=(
            "An hour with one learner, on their own portfolio: where every criterion "
            "stands, a review of their networks against their needs with an action "
            "taken, one answer read against its verb, and a dated plan to completion."),
        preparation=(
            "Open this guide on the learner's portfolio (the parameter at the top, or "
            "NETKIT_PORTFOLIO), or read their netkit status --json; for a whole class, "
            "the cohort view (cohort.ipynb) shows who needs what next.",
        ),
        aims=(
            Aim("Review their networks against current needs and future aspirations, "
                "and take action so that their participation reflects them.", ("3.6",)),
            Aim("Agree a dated plan that completes the evidence for every criterion.",
                whole_unit=True),
        ),
        steps=(
            Step(5, "Purpose and the learner's status",
                 "Agree what the hour is for. Open the learner's progress (below).",
                 notebook="00-start-here", forms=("progress",)),
            Step(15, "Every criterion: met, partial, missing",
                 "Walk down the table with the learner. Met means the minimum is "
                 "recorded; only the assessor decides. Where feedback was loaded, read "
                 "the assessor's decision beside it.", criteria=_ALL),
            Step(15, "Reviewing needs and taking action",
                 "Together, set the 2.1 needs against the networks the learner is in "
                 "now; record the review and one action (join, leave, change role, "
                 "attend) with a due date, and when it is done the evidence.",
                 criteria=("3.6",), notebook="03-maintain-networks",
                 forms=("ReviewForm", "ActionForm")),
            Step(15, "One answer against its verb",
                 "Read one partial answer with the learner, beside the pair for its verb "
                 "(in the earlier guides). Agree what it needs."),
            Step(10, "A plan to completion",
                 "For each criterion not yet met: what, by when, and who (witness, "
                 "assessor). Then the declaration and netkit export.", criteria=_ALL),
        ),
        prompts=(
            "Which network have you not been to since you joined it, and why?",
            "What has changed in your job since you wrote your needs?",
            "What is the one piece of evidence that would most help you now?",
        ),
        saved=(
            Saved("3.6", note="a review of needs and an action taken"),
        ),
    ),
)

_BY_NUMBER = {s.number: s for s in SESSIONS}


def session(number: int | str) -> Session:
    """The session with this number (1-6), or raise UnknownSessionError naming them."""
    try:
        return _BY_NUMBER[int(number)]
    except (KeyError, ValueError):
        raise UnknownSessionError(str(number), list(_BY_NUMBER)) from None


# For each criterion: an answer that would pass and one that would be referred. Written
# for this unit, in the voice of a learner at work; each shows what its verb asks.
VERB_PAIRS: dict[str, VerbPair] = {pair.criterion: pair for pair in (
    VerbPair(
        "1.1",
        "Building rapport: finding common ground early and showing real interest in the "
        "other person's problem before talking about mine. At the branch meeting on 14 "
        "October I asked the secretary how his members staff the winter peak; he then "
        "invited me into the branch's benchmarking survey.",
        "It names the skill, gives its features in the learner's words, and a dated use "
        "at work with its effect.",
        "Good communication skills are essential for networking. You need to be "
        "confident, polite and a good listener, and make a good first impression.",
        "It lists skills without their features and has no example from the learner's "
        "own work."),
    VerbPair(
        "1.2",
        "I chose the regional HR forum because its members face the same shortage of "
        "care staff, so what they have tried is directly usable. Reciprocity matters "
        "because I can share our apprenticeship results in return, which keeps me "
        "welcome. I left an open online group because it offered no confidentiality, so "
        "I could not discuss live cases there.",
        "Each basis comes with its reason, the link between cause and effect is clear, "
        "and reciprocity and confidentiality are among the bases.",
        "I choose networks that are useful and relevant to my job. Cost and time are "
        "also important when choosing.",
        "It names bases but never says why they matter: there is no because."),
    VerbPair(
        "1.3",
        "The shared agenda of our cross-site group (one rota system before winter) got "
        "two managers who rarely agree to pool staff; its weakness was slow decisions, "
        "as every change needed all five sites. When the Leeds manager and I both wanted "
        "the agency budget, I said my own site's target was at stake, put our forecasts "
        "on the table, and we split it by forecast volume. On balance a shared agenda is "
        "the more useful over time; conflict management is useful when it is open.",
        "It weighs strengths and weaknesses of each with evidence from the learner's "
        "networks and ends with a judgement of usefulness.",
        "Shared agendas are good because everyone works towards the same goal. Conflict "
        "should be managed before it gets out of hand.",
        "Nothing is weighed, there is no evidence and no conclusion on usefulness."),
    VerbPair(
        "1.4",
        "LinkedIn lets me reach warehouse managers outside Yorkshire and follow the "
        "branch group between events: quick and wide. Its weakness showed when a "
        "colleague posted a photo with a client's labels in view; our social media "
        "policy now bans site photos, and I use two-factor login. Conclusion: very "
        "useful for keeping in touch, but only beside meeting people.",
        "Benefits and risks from the learner's own platforms, how risks are reduced, the "
        "employer's policy, and a conclusion.",
        "The internet is very important in business today. LinkedIn and Facebook can be "
        "used for networking, but there are risks such as scams.",
        "General statements, no weighing from the learner's own use, no conclusion."),
    VerbPair(
        "1.5",
        "I judge following up by results, trust and lasting relationships. Sending the "
        "benchmark figures within a week led to the business case for our new system; "
        "leaving an agency's call for eleven days cost 6% more on agency staff for two "
        "weeks. Against all three criteria following up is essential, and speed matters "
        "as much as doing it.",
        "It states its criteria first, judges against them with evidence from the "
        "tracker, and justifies the judgement.",
        "Following up is very important because otherwise you lose contacts. I always "
        "follow up my leads.",
        "No criteria stated, no evidence, and a judgement that is not justified."),
    VerbPair(
        "1.6",
        "Issue 1: at a branch event a competitor asked for our client's rates. The "
        "choice: goodwill or the client's trust; the code: our contract's "
        "confidentiality clause and competition law; affected: the client, my employer, "
        "the member. I offered averaged figures instead. Issue 2: a supplier met at the "
        "forum offered match tickets during a tender; under our gifts policy and the "
        "Bribery Act I declined and told my manager. Conclusion: agree what may be "
        "shared before a meeting, and declare interests early.",
        "Two issues, each broken into its features (choice, code or law, who is "
        "affected, how handled), related, and conclusions drawn.",
        "Ethics are important in networking. You should always be honest, keep things "
        "confidential and follow GDPR.",
        "No issue is analysed, nobody affected is named, and there is one general "
        "statement instead of two issues."),
    VerbPair(
        "2.1",
        "Five networks, each set against my needs: the professional body (N2 compliance "
        "updates, A1 chartered status), the cross-site forum (N1 the system go-live), "
        "the Chamber of Commerce (N3 temporary staff), the regional skills board and an "
        "online user group. Conclusion: the professional body fits best; nothing serves "
        "N4 yet, so I will look for a mentoring scheme.",
        "Five or more networks found from an analysis of what each gives against the "
        "learner's own needs and aspirations.",
        "Networks I could join: LinkedIn, CMI, CILT, the Chamber of Commerce and a local "
        "business group.",
        "A list of names: no analysis of benefits against needs and aspirations."),
    VerbPair(
        "2.2",
        "Criteria set before scoring: fit with needs (weight 5), fit with aspirations "
        "(4), cost (2, less is better), time (2). The ranking put the professional body, "
        "the forum and the CMI first; I shortlisted the Chamber instead of the CMI, "
        "because only it serves my most urgent need. The top choice holds unless fit "
        "with needs falls below a fifth of the weight.",
        "Criteria defined and weighted first, applied to every network, two or more "
        "shortlisted, and a departure from the ranking explained.",
        "I shortlisted CILT and CMI because they are the best-known bodies in my "
        "sector.",
        "No criteria defined beforehand or applied to the candidates."),
    VerbPair(
        "2.3",
        "Joining the professional body: benefits are compliance updates (impact 4) and "
        "the route to chartered status (5); limitations are the fee of 245 pounds and "
        "four hours a month. Keeping it up: a CPD record every year, and a committee "
        "role would double the hours. Judgement: join, with the fee from the training "
        "budget, and review after a year.",
        "Benefits and limitations of joining and of maintaining, weighed, and a "
        "justified judgement.",
        "CILT has lots of benefits like events and qualifications, but it is expensive.",
        "Joining and maintaining are not separated and no judgement is made."),
    VerbPair(
        "3.1",
        "Sam, the branch secretary: interested in peak staffing and looking for survey "
        "members; he can offer branch benchmarks (my need N2), I can offer our pick-rate "
        "figures. After we first met at the webinar we spoke on 3 and 17 November. "
        "Likewise for Aisha at the staffing agency.",
        "Two or more named members, what each side could give and get, and dated "
        "interactions beyond the first meeting.",
        "I met lots of people at the conference and we swapped cards. They could all be "
        "useful contacts in future.",
        "Exchanging details at a first meeting is not enough, and no mutual benefit is "
        "identified for any member."),
    VerbPair(
        "3.2",
        "On 12 November I gave a ten-minute talk at the cross-site forum on how we cut "
        "picking errors; three managers asked for the checklist and the Leeds manager "
        "asked me to coach his supervisors.",
        "A real, dated occasion of promoting the learner's skills to network members, "
        "with the response.",
        "I am good at my job and the people in my networks know what I can do.",
        "Nothing was actually done to make anyone aware of what the learner offers."),
    VerbPair(
        "3.3",
        "On 20 November I sent Sam our anonymised pick rates for the branch survey, "
        "checked against our agreement (percentages only, no client names). He sent "
        "back the branch benchmark, which I used in the business case.",
        "What was given, to whom and when, within the agreed boundaries, with what came "
        "back and how it was used.",
        "I always help people in my network when they ask me for something.",
        "No record of anything actually given."),
    VerbPair(
        "3.4",
        "An agreement with two members of the branch group: percentages may be shared; "
        "client names and anything about named staff may not; supplier prices only once "
        "a tender has closed. Basis: UK GDPR and our client contracts. Both members "
        "confirmed it in the minutes of 5 November.",
        "Boundaries set up in writing, with their basis, and shown to be understood by "
        "the other party (their confirmation).",
        "Everyone in our group knows to keep things confidential.",
        "Nothing was set up, and nothing shows the others understand any boundary."),
    VerbPair(
        "3.5",
        "Guidelines agreed with the group: work e-mail only, figures anonymised, nothing "
        "passed on without written permission, quoted as a Yorkshire site, stored in a "
        "restricted folder and deleted after a year. The minutes record the others' "
        "agreement, and my figures sent on 20 November kept to them.",
        "Guidelines for exchange reached with the other party and recorded, and used.",
        "I wrote some guidelines for sharing information and e-mailed them to the "
        "group.",
        "Sent is not agreed: there is no record that the others agreed."),
    VerbPair(
        "3.6",
        "I reviewed my needs in November: the go-live need is closed, chartered status "
        "is still my aim. I left the online user group on 2 December (no longer "
        "relevant) and joined the branch committee in January; the committee's "
        "e-mail is my evidence.",
        "A dated review, then concrete actions taken, each with why and the evidence.",
        "I will keep my networks under review and join new ones when I need to.",
        "An intention: no action was taken."),
    VerbPair(
        "3.7",
        "On 24 November, after asking both, I introduced Sam (branch secretary) to "
        "Aisha (a staffing agency): his members need peak agency staff, her agency "
        "wants distribution clients. They met on 2 December and the agency now supplies "
        "two of his members.",
        "Named people introduced, both asked first, the common or complementary "
        "interest, and the outcome.",
        "I often introduce people to each other at events.",
        "No introduction is recorded: no names, no consent, no interest, no outcome."),
)}

# The unit's own numbers, checked by the tests: the sessions add up to its hours.
GUIDED_LEARNING_HOURS = UNIT.guided_learning_hours
