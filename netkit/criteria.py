"""The unit as data: the single source every check, status report and export reads.

Wording is quoted from the three public documents in ``shared/unit``: the QCF unit
J/506/1949, the National Occupational Standard M&LA3 and the guidance "M&L 25".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .exceptions import UnknownCriterionError

__all__ = [
    "ANSWER_GUIDES",
    "ANSWER_WORDS",
    "BEHAVIOURS",
    "CRITERIA",
    "KNOWLEDGE",
    "KNOWLEDGE_FOR",
    "MINIMUM_BASIS",
    "OUTCOMES",
    "PC_EVIDENCE",
    "PERFORMANCE_CRITERIA",
    "UNIT",
    "VERBS",
    "VERB_DEMANDS",
    "AnswerGuide",
    "Criterion",
    "Outcome",
    "Unit",
    "criterion",
    "knowledge_for",
]


@dataclass(frozen=True)
class Unit:
    """The qualification unit and the occupational standard it maps to."""

    code: str
    title: str
    level: int
    credit: int
    guided_learning_hours: int
    nos_code: str
    nos_title: str
    assessment: str  # "Unit assessment requirements", in full
    # "Unit assessment guidance": the kinds of evidence, one paragraph each.
    assessment_guidance: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A learning outcome and the notebook that works through it."""

    number: int
    text: str
    notebook: str


@dataclass(frozen=True)
class Criterion:
    """One assessment criterion with everything a check or report needs to know."""

    id: str
    outcome: int
    text: str
    verb: str
    amplification: tuple[str, ...]
    guidance: str
    requirement: str
    minimum: int
    counts: str
    pcs: tuple[str, ...]
    behaviours: tuple[int, ...] = field(default=())
    # The list the guidance gives after its paragraph (1.1: "... and in addition:").
    guidance_points: tuple[str, ...] = field(default=())
    # True where the guidance "M&L 25" states the minimum ("two or more ..."); elsewhere the
    # minimum is netkit's default of one.
    minimum_stated: bool = False
    # netkit's note on the unit's own text, shown beside it (3.6: a repeated requirement).
    note: str = ""

    @property
    def verb_asks(self) -> str:
        """What the command verb asks of the learner."""
        return VERBS[self.verb]

    @property
    def notebook(self) -> str:
        """The notebook where the learner works on this criterion."""
        return OUTCOMES[self.outcome - 1].notebook

    @property
    def minimum_text(self) -> str:
        """The minimum evidence in words: "5 potential networks", "1 network assessed"."""
        what = _SINGULAR.get(self.counts, self.counts) if self.minimum == 1 else self.counts
        return f"{self.minimum} {what}"

    @property
    def minimum_source(self) -> str:
        """Where the minimum comes from: "guidance" (M&L 25 states it) or "netkit"."""
        return "guidance" if self.minimum_stated else "netkit"

    @property
    def minimum_basis(self) -> str:
        """Where the minimum comes from, in words, for every place that shows it."""
        return MINIMUM_BASIS[self.minimum_source]

    @property
    def guidance_full(self) -> str:
        """The guidance paragraph with its list, as one text ("...: a; b; c")."""
        if not self.guidance_points:
            return self.guidance
        return f"{self.guidance} {'; '.join(self.guidance_points)}"

    @property
    def knowledge(self) -> tuple[str, ...]:
        """The NOS knowledge and understanding items it evidences (learning outcome 1)."""
        return KNOWLEDGE_FOR.get(self.id, ())

    @property
    def nos(self) -> str:
        """What of the NOS it evidences, in words: "knowledge G2, G3" for learning outcome
        1 (a knowledge outcome), the performance criteria for the others, with what part
        of the evidence shows a PC where only a part does ("PC5 (what ...)")."""
        if self.knowledge:
            return f"knowledge {', '.join(self.knowledge)}"
        return ", ".join(f"{pc} ({PC_EVIDENCE[self.id, pc]})" if (self.id, pc) in PC_EVIDENCE
                         else pc for pc in self.pcs)


# What one of each counted thing is called, for minimums of one.
_SINGULAR = {
    "explanations": "explanation",
    "evaluations": "evaluation",
    "assessments": "assessment",
    "networks assessed": "network assessed",
    "promotions": "promotion",
    "contributions": "contribution",
    "confidentiality agreements": "confidentiality agreement",
    "agreed guidelines": "agreed guideline",
    "actions": "action",
}


# Where a criterion's minimum comes from, in the words every status and notebook shows.
MINIMUM_BASIS: dict[str, str] = {
    "guidance": "the minimum the guidance M&L 25 states for this criterion",
    "netkit": "netkit's default of one: the guidance states no minimum for this criterion",
}

# Where only part of a criterion's evidence shows a performance criterion: (criterion, PC)
# -> that part. PC5 "Make active use of the information and resources gained" is shown by
# what a 3.3 contribution brought back and how it was used, not by the giving.
PC_EVIDENCE: dict[tuple[str, str], str] = {
    ("3.3", "PC5"): "what you gained in return and used",
}

# 3.6's requirement in the guidance M&L 25 repeats 3.3's word for word (an error in the
# guidance, kept as written): this note is shown beside it.
REPEATED_REQUIREMENT = (
    "the guidance M&L 25 repeats the requirement of 3.3 here, word for word (an error in "
    "the guidance); it is quoted as written. What 3.6 itself asks is in its own wording "
    "and guidance: take action so that your participation in networks reflects your "
    "current and defined future aspirations and needs.")

UNIT = Unit(
    code="J/506/1949",
    title="Develop and Maintain Professional Networks",
    level=4,
    credit=3,
    guided_learning_hours=15,
    nos_code="M&LA3",
    nos_title="Develop your personal networks",
    assessment=(
        "This unit must be assessed in the workplace in accordance with the Skills CFA "
        "Assessment Strategy for Business Administration, Customer Service and Management "
        "and Leadership, in Annexe A. Simulation is not allowed for this unit. All evidence "
        "of occupational competence should be generated through performance under "
        "workplace conditions; this includes evidence of achievement for knowledge-based "
        "learning outcomes and associated assessment criteria."
    ),
    assessment_guidance=(
        "This guidance supports assessors in making decisions about how best to assess each "
        "unit and the evidence needed to meet the assessment requirements of the unit. "
        "Centres can adapt the guidance for learners and the particular assessment context, "
        "as appropriate.",
        "Evidence to demonstrate achievement of learning outcomes 2 and 3 is likely to come "
        "from a combination of reviewing the learner's work products, witness testimony and "
        "professional discussion or reflective account. The learner's work products could "
        "include network analysis documents, reports shortlisting networks for development, "
        "detailing the benefits and limitations of chosen networks and records detailing the "
        "outcome of establishing boundaries of confidentiality. The work products should be "
        "reviewed by the assessor and used to support the professional discussion to "
        "evidence the knowledge and understanding underpinning the learner's performance. "
        "Within the professional discussion the learner could discuss the criteria used to "
        "shortlist networks for development (AC2.2), how they established boundaries of "
        "confidentiality and agreed guidelines for the exchange of information and resources "
        "(AC3.4 and AC3.5). Alternatively, a reflective account could be used to assess the "
        "underpinning knowledge and understanding. Witness testimony from colleagues and the "
        "line manager should also be used to confirm that the learner has consistently met "
        "the requirements over a period of time, as well as met organisational requirements.",
        "Due to the cognitive demand of the assessment criteria in learning outcome 1, the "
        "evidence to confirm achievement would best come from a reflective account. If a "
        "reflective account is used for learning outcomes 2 and 3, it would be best to "
        "integrate the assessment of this learning outcome, giving the learner the "
        "opportunity to link and apply their knowledge to workplace activities. For example, "
        "the learner could reflect on the basis on which they have chosen networks to be "
        "developed, how they have used the internet in their networking activities and any "
        "ethical issues, which relate to networking activities and how these have affected "
        "their activities (AC1.2, AC1.4 and AC1.6). The learner's reflective account must be "
        "in sufficient depth and breadth to meet the level of demand of the operative command "
        "verbs of AC1.1 to AC1.6.",
        "Evidence of Recognition of Prior Learning (RPL) can also be used within the unit to "
        "confirm competence. Wherever possible, the learning outcomes in this unit should be "
        "assessed holistically across the qualification.",
    ),
)

OUTCOMES: tuple[Outcome, ...] = (
    Outcome(1, "Understand the principles of effective networking",
            "notebooks/01-principles-of-networking.ipynb"),
    Outcome(2, "Be able to identify professional networks for development",
            "notebooks/02-identify-networks.ipynb"),
    Outcome(3, "Be able to maintain professional networks",
            "notebooks/03-maintain-networks.ipynb"),
)

# What each command verb asks of the learner, in the sense the guidance uses it.
VERBS: dict[str, str] = {
    "describe": "Give a clear account of the principal features, in your own words, "
                "with examples from your own work.",
    "explain": "Set out the reasons why, making the links between cause and effect clear; "
               "examples help.",
    "evaluate": "Weigh up strengths and weaknesses, with evidence, to reach a conclusion "
                "about usefulness.",
    "assess": "Make a judgement, using appropriate criteria that you state, and justify it.",
    "analyse": "Break the subject into its essential features, examine each and how they "
               "relate, and draw conclusions.",
    "identify": "Recognise and name the relevant items, showing how you found them.",
    "shortlist": "Select a smaller set from the candidates by applying criteria you have "
                 "defined beforehand.",
    "promote": "Actively make others aware of what you offer, appropriately and "
               "professionally.",
    "provide": "Actually give information, services or support, and keep a record of it.",
    "establish": "Set something up and show that it is in place and understood by the "
                 "others involved.",
    "agree": "Reach a shared decision with the other people involved, and record it.",
    "take action": "Do something concrete, and show what you did and why.",
    "make": "Carry it out yourself, and keep a record that it happened.",
}

PERFORMANCE_CRITERIA: dict[str, str] = {
    "PC1": "Develop and maintain personal networks of contacts, which are appropriate to "
           "meet your current and future needs for information and resources.",
    "PC2": "Ensure that key members of your personal networks have an accurate idea of your "
           "knowledge, understanding, skills, abilities and experience and are aware of the "
           "benefits of networking with you.",
    "PC3": "Establish boundaries of confidentiality between yourself and members of your "
           "personal networks and, where appropriate, develop guidelines for exchanging "
           "information and resources.",
    "PC4": "Develop your personal networks to reflect your changing interests and needs.",
    "PC5": "Make active use of the information and resources gained through your personal "
           "networks.",
    "PC6": "Introduce people and organisations with common interests to each other.",
}

BEHAVIOURS: dict[int, str] = {
    1: "You acknowledge when your own interests are in conflict with common goals.",
    2: "You state your own position and views clearly and confidently in conflict "
       "situations.",
    3: "You encourage others to share information and knowledge within the constraints of "
       "confidentiality.",
    4: "You identify and work with people and organisations that can provide support for "
       "your work.",
    5: "You work to develop an atmosphere of professionalism and mutual support.",
    6: "You clarify your own and other's expectations of relationships.",
    7: "You model behaviour that shows respect, helpfulness and co-operation.",
    8: "You keep promises and honour commitments.",
    9: "You consider the impact of your own actions on others.",
    10: "You reflect regularly on your own experiences and use these to inform future "
        "actions.",
}

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="1.1", outcome=1, verb="describe",
        text="Describe the interpersonal skills needed for effective networking",
        amplification=(
            "Networking: definition, i.e. the exchange of information or services among "
            "individuals, groups, or institutions; business networking, i.e. nurturing "
            "productive relationships for employment or business; social networking",
            "Interpersonal skills: e.g. communication skills (verbal and non-verbal), "
            "creating good first impressions, building rapport, empathy, courtesy, respect, "
            "tolerance, personal presentation",
        ),
        guidance="Effective networking can be defined as ‘The ability to actively seek, "
                 "identify and create effective contacts with other people and to maintain "
                 "those contacts for mutual benefit’. Good interpersonal skills and the way you "
                 "interact with people are essential for effective networking. Appropriate use "
                 "of body language is important and in addition:",
        guidance_points=(
            "Influencing and persuading skills",
            "The ability to create rapport and build trust with new contacts",
            "Feeling comfortable and confident in networking situations",
        ),
        requirement="In this criterion the learner is required to describe the principal "
                    "features of three or more of the interpersonal skills needed for "
                    "effective networking.",
        minimum=3, minimum_stated=True, counts="interpersonal skills", pcs=(), behaviours=(5, 7),
    ),
    Criterion(
        id="1.2", outcome=1, verb="explain",
        text="Explain the basis on which to choose networks to be developed",
        amplification=(
            "Choosing networks: reasons e.g. alignment with personal and career goals, "
            "industry connections, organisational goals, technological changes in the "
            "industry",
        ),
        guidance="Effective networking is about developing valuable relationships over time, "
                 "based on the principles of reciprocity and confidentiality. That is, a "
                 "network should only be developed if the parties involved will gain from "
                 "exchanging information, ideas and other resources with each other that are "
                 "not confidential.",
        requirement="In this criterion the learner is required to explain the basis on which "
                    "to choose networks to be developed. (You may wish to provide examples to "
                    "illustrate your answer).",
        minimum=1, counts="explanations", pcs=(), behaviours=(4,),
    ),
    Criterion(
        id="1.3", outcome=1, verb="evaluate",
        text="Evaluate the role of shared agendas and conflict management in "
             "relationship-building",
        amplification=(
            "Role of shared agendas: common purpose, shared commitment, diversity of "
            "knowledge and ideas, innovation",
            "Cause of conflict: power struggles, professional differences, barriers to "
            "communication, e.g. poor listening skills or sharing of information",
            "Role of conflict management: conflict can lead to new ideas and approaches; "
            "strengthens relationships; builds trust; supports emotional awareness and "
            "self-management",
        ),
        guidance="Members of personal networks need to be aware of each other’s’ expectations "
                 "and have the confidence to develop a shared agenda of common interests within "
                 "the constraints of confidentiality. Members should acknowledge when their own "
                 "interests are in conflict with common goals and state their own views clearly "
                 "and confidently in conflict situations.",
        requirement="In this criterion the learner is required to evaluate the role of shared "
                    "agendas and conflict management in order to ascertain their usefulness "
                    "in relationship building.",
        minimum=1, counts="evaluations", pcs=(), behaviours=(1, 2, 6),
    ),
    Criterion(
        id="1.4", outcome=1, verb="evaluate",
        text="Evaluate the role of the internet in business networking",
        amplification=(
            "Global network platforms: social e.g. Facebook, Twitter; professional, e.g. "
            "LinkedIn, Plaxo, Biznik",
            "Risks associated with internet networking: e.g. hacking and posting of "
            "threatening online messages, cyber bullying",
        ),
        guidance="Using the internet for business networking is now accepted as one of the "
                 "better ways to develop personal networks and source new business leads. There "
                 "are a number of ways to use the internet in business working, including "
                 "social networks, blogs and forums. Social networks, for example, allow people "
                 "to create personal profiles, build communities, communicate with each other "
                 "and make recommendations, and include specialist business sites such as e.g. "
                 "LinkedIn.",
        requirement="In this criterion the learner is required to evaluate the role of the "
                    "internet in business networking in order to ascertain its usefulness.",
        minimum=1, counts="evaluations", pcs=(), behaviours=(3,),
    ),
    Criterion(
        id="1.5", outcome=1, verb="assess",
        text="Assess the importance of following up leads and actions",
        amplification=(
            "Generating leads: set achievable goals; know your target audience; practice "
            "professional pitch; interact and contribute to group discussions; capture "
            "contact information",
            "Importance: e.g. to produce results; builds trust, reputation and relationships",
        ),
        guidance="Following up leads and actions is important for generating new customers and "
                 "building your customer base, and should be done as soon as possible. "
                 "Conversely, by failing to follow up on a lead or action you are passing up an "
                 "opportunity to gain a new customer.",
        requirement="In this criterion the learner is required to assess and make a judgment "
                    "on, using appropriate criteria, the importance of following up leads "
                    "and actions.",
        minimum=1, counts="assessments", pcs=(), behaviours=(8,),
    ),
    Criterion(
        id="1.6", outcome=1, verb="analyse",
        text="Analyse ethical issues relating to networking activities",
        amplification=(
            "Ethical issues: integrity risk, e.g. posts that violates the organisation's "
            "ethical policy; irresponsible advertising and marketing practices; employees' "
            "rights to privacy and fairness; duty of care, e.g. maintaining personal and "
            "professional boundaries",
        ),
        guidance="In simple terms, an ethical issue arises when an individual must choose "
                 "between alternatives that are right (ethical) or wrong (unethical). Ethical "
                 "issues related to networking activities may arise over, for example, "
                 "confidentiality, personal interest and the accurate portrayal of networking "
                 "activities. Professional and specialist networks are like to have a Code of "
                 "Conduct, or Code of Ethics, that members must adhere to.",
        requirement="In this criterion the learner is required to analyse the essential "
                    "features of two or more ethical issues relating to networking "
                    "activities in order to draw conclusions.",
        minimum=2, minimum_stated=True, counts="ethical issues", pcs=(), behaviours=(1, 9),
    ),
    Criterion(
        id="2.1", outcome=2, verb="identify",
        text="Identify potential networks for professional development from an analysis of "
             "their benefits compared with individual needs and aspirations",
        amplification=(),
        guidance="Networks will vary in their usefulness, and each potential network should be "
                 "analysed to determine its essential features and to draw conclusions as to "
                 "the benefits of the network compared with individual needs and aspirations.",
        requirement="In this criterion the learner is required to identify a range of five or "
                    "more potential networks for professional development based on an "
                    "analysis of their benefits compared with individual needs and "
                    "aspirations.",
        minimum=5, minimum_stated=True, counts="potential networks", pcs=("PC1", "PC4"),
        behaviours=(4, 10),
    ),
    Criterion(
        id="2.2", outcome=2, verb="shortlist",
        text="Shortlist networks for development against defined criteria",
        amplification=(),
        guidance="Potential networks should be shortlisted for development against defined "
                 "criteria, such as their benefits and own individual needs and aspirations.",
        requirement="In this criterion the learner is required to shortlist two or more "
                    "networks for development against defined criteria.",
        minimum=2, minimum_stated=True, counts="shortlisted networks", pcs=("PC1", "PC4"),
        behaviours=(4,),
    ),
    Criterion(
        id="2.3", outcome=2, verb="assess",
        text="Assess the benefits and limitations of joining and maintaining selected "
             "network(s)",
        amplification=(),
        guidance="Joining and maintaining networks involves time and commitment, and these "
                 "costs and limitations must be set against the potential benefits of "
                 "membership.",
        requirement="In this criterion the learner is required to assess and make a judgment "
                    "on, using appropriate criteria, the benefits and limitations of joining "
                    "and maintaining one or more selected network(s).",
        minimum=1, minimum_stated=True, counts="networks assessed", pcs=("PC1", "PC4"),
        behaviours=(9, 10),
    ),
    Criterion(
        id="3.1", outcome=3, verb="identify",
        text="Identify the potential for mutual benefit with network members",
        amplification=(),
        guidance="The creation and maintenance of ‘mutual benefit’ is the rationale for "
                 "effective networking, and identifying the potential for mutual benefit with "
                 "network members is central to effective networking. This may be done "
                 "face-to-face or through the internet and social media and professional "
                 "business sites, although it is not sufficient merely to exchange personal "
                 "details and other pertinent information at a first meeting as networking is a "
                 "long-term strategy that needs to be continually improved over time.",
        requirement="In this criterion the learner is required to identify the potential for "
                    "mutual benefit with two or more network members.",
        minimum=2, minimum_stated=True, counts="members for mutual benefit", pcs=("PC1", "PC2"),
        behaviours=(4, 6),
    ),
    Criterion(
        id="3.2", outcome=3, verb="promote",
        text="Promote their own skills, knowledge and competence to network members",
        amplification=(),
        guidance="Networking is a reciprocal relationship that must consist of give-and –take, "
                 "and to be an effective and useful member of a network it is important to let "
                 "other members of the network know that they may be able to benefit from your "
                 "skills, knowledge and competence.",
        requirement="In this criterion the learner is required to provide evidence that he or "
                    "she has appropriately promoted their own skills, knowledge and "
                    "competence to network members.",
        minimum=1, counts="promotions", pcs=("PC2",), behaviours=(5,),
    ),
    Criterion(
        id="3.3", outcome=3, verb="provide",
        text="Provide information, services or support to network members where the "
             "potential for mutual benefit has been identified",
        amplification=(),
        guidance="In order to network effectively, a network member must be an active, rather "
                 "than a passive, member of his or her networks, and active participation will "
                 "include providing on-going information, services or support to network "
                 "members where the potential for mutual support has been identified.",
        requirement="In this criterion the learner is required to provide evidence that he or "
                    "she has actively participated in networking by providing information, "
                    "services or support to network members where the potential for mutual "
                    "benefit has been identified.",
        minimum=1, counts="contributions", pcs=("PC5",), behaviours=(5, 7, 8),
    ),
    Criterion(
        id="3.4", outcome=3, verb="establish",
        text="Establish the boundaries of confidentiality",
        amplification=(),
        guidance="Confidentiality is central to the reciprocal relationship, and network "
                 "members will need to set boundaries to what information can, and cannot, be "
                 "shared. In some instances, the boundaries of confidentiality may be "
                 "established by industry or sector legislation, requirements, regulations or "
                 "policies and professional codes relevant to networking.",
        requirement="In this criterion the learner is required to provide evidence that "
                    "boundaries of confidentiality have been established.",
        minimum=1, counts="confidentiality agreements", pcs=("PC3",), behaviours=(3, 6),
    ),
    Criterion(
        id="3.5", outcome=3, verb="agree",
        text="Agree guidelines for the exchange of information and resources",
        amplification=(),
        guidance="In addition to setting boundaries on what information can, and cannot, be "
                 "shared, networks will need to agree guidelines on how information and "
                 "resources can be exchanged. Again, guidelines may be established by industry "
                 "or sector legislation, requirements, regulations or policies and professional "
                 "codes relevant to networking.",
        requirement="In this criterion the learner is required to provide evidence that "
                    "guidelines for the exchange of information and resources have been "
                    "agreed.",
        minimum=1, counts="agreed guidelines", pcs=("PC3",), behaviours=(3, 6),
    ),
    Criterion(
        id="3.6", outcome=3, verb="take action",
        text="Take action to ensure that participation in networks reflects current and "
             "defined future aspirations and needs",
        amplification=(),
        guidance="In addition to providing on-going information, services or support to network "
                 "members where the potential for mutual support has been identified, active "
                 "participation in networking also provides the opportunity to continually "
                 "update own current and defined future aspirations and needs.",
        requirement="In this criterion the learner is required to provide evidence that he or "
                    "she has actively participated in networking by providing information, "
                    "services or support to network members where the potential for mutual "
                    "benefit has been identified.",
        minimum=1, counts="actions", pcs=("PC4",), behaviours=(10,),
        note=REPEATED_REQUIREMENT,
    ),
    Criterion(
        id="3.7", outcome=3, verb="make",
        text="Make introductions to people with common or complementary interest to and "
             "within networks",
        amplification=(),
        guidance="The first step in networking is to make introductions to people with common "
                 "or complementary interest, either face-to-face or online.",
        requirement="In this criterion the learner is required to provide evidence that he or "
                    "she has made introductions to two or more people with common or "
                    "complementary interest to and within networks.",
        minimum=2, minimum_stated=True, counts="people introduced", pcs=("PC6",), behaviours=(5, 7),
    ),
)

_BY_ID = {c.id: c for c in CRITERIA}


def criterion(criterion_id: str) -> Criterion:
    """Return the criterion with this id ("2.1"), or raise UnknownCriterionError (a
    KeyError) naming the valid ids."""
    try:
        return _BY_ID[criterion_id]
    except KeyError:
        raise UnknownCriterionError(
            criterion_id, f"no criterion {criterion_id!r}; the unit has {', '.join(_BY_ID)}"
        ) from None


# -- learning outcome 1: what a reflective answer needs -------------------------------
# Learning outcome 1 is knowledge, evidenced by a reflective account grounded in the
# learner's own workplace. What follows is what netkit's guidance reads (netkit/guidance.py):
# what each command verb demands, the minimums the guidance "M&L 25" states (1.1 and 1.6)
# and those the workbook asks for (the rest), the range points an answer can cover, and
# the NOS M&LA3 knowledge and understanding items each criterion evidences.

# What each command verb of learning outcome 1 demands of an answer, in plain English.
VERB_DEMANDS: dict[str, str] = {
    "describe": "the principal features of each thing, in your own words, with examples "
                "from your work",
    "explain": "why and how, with the reasons (the \"because\") made clear, and examples",
    "evaluate": "the strengths and the weaknesses, with evidence, ending with a judgement "
                "of usefulness",
    "assess": "a judgement against criteria you state first, justified",
    "analyse": "the essential features of each, how they relate, leading to conclusions",
}

# The length the workbook suggests for one criterion's answer: words, about.
ANSWER_WORDS = (250, 400)


@dataclass(frozen=True)
class AnswerGuide:
    """What the workbook asks of one learning outcome 1 answer."""

    parts: tuple[str, ...]  # what the answer is made of, following its verb
    minimums: dict[str, int]  # part -> how many the workbook asks for
    covers: tuple[str, ...]  # range points (quoted from the unit) it can tick
    # The parts whose minimum the guidance M&L 25 states (1.1 skills, 1.6 issues); the
    # other minimums are the workbook's own.
    stated: tuple[str, ...] = ()

    def asked_by(self, part: str) -> str:
        """Who asks for a part's minimum: "the guidance" or "the workbook"."""
        return "the guidance" if part in self.stated else "the workbook"


ANSWER_GUIDES: dict[str, AnswerGuide] = {
    "1.1": AnswerGuide(
        parts=("what networking is, in your words",
               "three or more interpersonal skills, each with its principal features",
               "for each skill, a dated time you used it and its effect"),
        minimums={"skills": 3, "examples": 1}, stated=("skills",),
        covers=("definition", "business networking", "social networking",
                "communication skills (verbal and non-verbal)",
                "creating good first impressions", "building rapport", "empathy",
                "courtesy", "respect", "tolerance", "personal presentation",
                "appropriate use of body language", "influencing and persuading skills",
                "the ability to create rapport and build trust with new contacts",
                "feeling comfortable and confident in networking situations")),
    "1.2": AnswerGuide(
        parts=("three or more bases for choosing networks, reciprocity and "
               "confidentiality among them",
               "for each, why it matters (\"because ...\")",
               "an illustration from your own shortlisting criteria (2.2)"),
        minimums={"bases": 3, "examples": 1},
        covers=("alignment with personal and career goals", "industry connections",
                "organisational goals", "technological changes in the industry",
                "reciprocity", "confidentiality")),
    "1.3": AnswerGuide(
        parts=("a shared-agenda example: its strengths and its limits",
               "a conflict example: its cause, your own interest acknowledged, your "
               "position stated, the strengths and limits of how it was managed",
               "a conclusion: how useful each is in building relationships"),
        minimums={"examples": 1},
        covers=("common purpose", "shared commitment", "diversity of knowledge and ideas",
                "innovation", "power struggles", "professional differences",
                "barriers to communication", "new ideas and approaches",
                "strengthens relationships", "builds trust",
                "emotional awareness and self-management")),
    "1.4": AnswerGuide(
        parts=("the platforms you use", "two or more benefits",
               "two or more risks, each with how you reduce it",
               "your employer's social media policy",
               "a conclusion: how useful the internet is for your networking"),
        minimums={"benefits": 2, "risks": 2, "examples": 1},
        covers=("social e.g. Facebook, Twitter", "professional, e.g. LinkedIn, Plaxo, Biznik",
                "hacking", "posting of threatening online messages", "cyber bullying")),
    "1.5": AnswerGuide(
        parts=("the criteria you judge importance by",
               "your follow-up tracker: each lead or action with its source, next step, "
               "due date and status",
               "two or more followed up (with the outcome), one missed (and what it cost)",
               "your judgement of how important following up is, against your criteria"),
        minimums={"criteria": 2, "followed up": 2, "missed": 1, "examples": 1},
        covers=("set achievable goals", "know your target audience",
                "practice professional pitch",
                "interact and contribute to group discussions",
                "capture contact information", "to produce results",
                "builds trust, reputation and relationships")),
    "1.6": AnswerGuide(
        parts=("two or more ethical issues, each with the choice involved, the code or "
               "law that applies, who is affected and how you handled it",
               "a conclusion drawn from them"),
        minimums={"issues": 2, "examples": 1}, stated=("issues",),
        covers=("integrity risk", "posts that violates the organisation's ethical policy",
                "irresponsible advertising and marketing practices",
                "employees' rights to privacy and fairness", "duty of care",
                "maintaining personal and professional boundaries", "confidentiality",
                "personal interest", "accurate portrayal of networking activities",
                "Code of Conduct, or Code of Ethics")),
}

# NOS M&LA3 knowledge and understanding, quoted: G general, S industry/sector specific,
# C context specific.
KNOWLEDGE: dict[str, str] = {
    "G1": "The benefits of networking for individuals and organisations.",
    "G2": "Principles of effective communication and how to apply them in developing "
          "personal networks.",
    "G3": "The range of different types of questions, and how and when to use them.",
    "G4": "The range of different communication styles and how people prefer to "
          "communicate.",
    "G5": "The range of methods for developing effective relationships with others in the "
          "work context and, where necessary, how to end relationships which are no longer "
          "of use.",
    "G6": "How to make active use of the information and resources gained through personal "
          "networks.",
    "G7": "The principles of confidentiality, and how to develop guidelines for exchanging "
          "information between individuals and organisations.",
    "S1": "Industry/sector legislation, requirements, regulations, policies and professional "
          "codes that are relevant to networking and confidentiality of information.",
    "C1": "Your own values, motivations and emotions, and the effect of these on your own "
          "actions.",
    "C2": "Your own interests and how these may conflict with the interests of others.",
    "C3": "Your own objectives in developing your personal networks.",
    "C4": "Your current and likely future needs for information and resources.",
    "C5": "Your knowledge, understanding, skills, abilities and experience.",
    "C6": "People and organisations that can support your work, and vice versa.",
    "C7": "The range of information and resources people may need.",
    "C8": "People and organisations in your current personal networks.",
}

# Which knowledge and understanding items each learning outcome 1 criterion evidences
# (knowledge, not performance criteria: the outcome is "understand").
KNOWLEDGE_FOR: dict[str, tuple[str, ...]] = {
    "1.1": ("G2", "G3", "G4", "G5"),
    "1.2": ("G1", "G7", "C3", "C4", "C6"),
    "1.3": ("G5", "C1", "C2"),
    "1.4": ("G1", "G2", "G4", "S1"),
    "1.5": ("G5", "G6", "C8"),
    "1.6": ("G7", "S1", "C1", "C2"),
}


def knowledge_for(criterion_id: str) -> list[tuple[str, str]]:
    """The NOS knowledge items a criterion evidences: ``[("G2", "Principles of ..."), ...]``."""
    return [(k, KNOWLEDGE[k]) for k in KNOWLEDGE_FOR.get(criterion_id, ())]
