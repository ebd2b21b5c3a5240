"""Writes data/example-learner.json (the fictional example learner): python tools/make_example.py"""
import base64
import hashlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "example-learner.json"

learner = {"name": "Priya Shah", "employer": "Northgate Logistics Ltd (fictional)",
           "role": "Operations Manager, Wakefield distribution centre",
           "tutor": "Daniel Okafor (fictional)", "assessor": "Helen Marsh (fictional)",
           # the optional registration details on the pack's cover sheet
           "centre": "Calder Valley College (fictional)",
           "awarding_organisation": "Example Awards (fictional)",
           "qualification": "Level 4 Diploma in Management and Leadership (fictional)",
           "registration_number": "EX-2025-0142"}

needs = [
    ("need-wms", "current need", "high",
     "Lead the warehouse management system (WMS) upgrade at the Wakefield site next spring "
     "without disrupting the pre-Christmas peak."),
    ("need-compliance", "current need", "high",
     "Keep up with changes to drivers' hours, tachograph and road transport compliance rules."),
    ("need-benchmark", "current need", "medium",
     "Find peers in other distribution firms to benchmark pick rates, absence and staff "
     "turnover against."),
    ("need-agency", "current need", "medium",
     "Meet reliable local agencies and suppliers for seasonal temporary staff."),
    ("need-employment-law", "current need", "low",
     "Understand employment law changes that affect agency workers and shift patterns."),
    ("asp-chartered", "future aspiration", "high",
     "Become a Chartered Member of CILT (CMILT) within two years."),
    ("asp-head-of-ops", "future aspiration", "high",
     "Move into a Head of Operations role covering several sites within three years."),
    ("asp-green-fleet", "future aspiration", "medium",
     "Build expertise in decarbonising our fleet: electric vans & route optimisation."),
]

networks = [
    dict(id="net-cilt", name="Chartered Institute of Logistics and Transport (CILT UK)",
         kind="professional body",
         how_to_join="Apply online for Member (MCILT) grade: my degree and six years in "
                     "operations management qualify. Chartered Member (CMILT) needs a "
                     "professional review later.",
         yearly_cost=245, hours_per_month=4,
         benefits=[("Yorkshire branch events and webinars on drivers' hours and compliance "
                    "changes", ["need-compliance"]),
                   ("The route to Chartered Membership (CMILT), with a CPD record",
                    ["asp-chartered", "asp-head-of-ops"]),
                   ("Sustainability forum on alternative fuels and fleet decarbonisation",
                    ["asp-green-fleet"]),
                   ("Members in other distribution firms who share benchmarks",
                    ["need-benchmark"])],
         conclusion="The best fit: it serves my compliance need now and is the only route "
                    "to chartered status. The fee is the highest, so I will ask Northgate "
                    "to fund it from the training budget."),
    dict(id="net-cmi", name="Chartered Management Institute (CMI)",
         kind="professional body",
         how_to_join="Join online as an individual member; the level 5 management "
                     "qualification I am taking includes a year's membership.",
         yearly_cost=190, hours_per_month=2,
         benefits=[("ManagementDirect guides and webinars on leading change projects",
                    ["need-wms"]),
                   ("Chartered Manager route and leadership events",
                    ["asp-head-of-ops"])],
         conclusion="Strong on general leadership and my move to Head of Operations, but "
                    "nothing specific to logistics. Useful later rather than now."),
    dict(id="net-chamber", name="West & North Yorkshire Chamber of Commerce",
         kind="local business group",
         how_to_join="Northgate is already a member company: ask the HR manager to add me "
                     "as a named contact, then book the monthly business breakfasts.",
         yearly_cost=0, hours_per_month=3,
         benefits=[("Monthly breakfasts where local recruitment agencies and suppliers "
                    "meet employers", ["need-agency"]),
                   ("Local employers comparing staff turnover and pay rates",
                    ["need-benchmark"])],
         conclusion="The quickest way to meet agencies for the peak: no fee, because the "
                    "company is already a member, but breakfasts mean early starts."),
    dict(id="net-forum", name="Northgate cross-site operations forum",
         kind="internal or cross-functional",
         how_to_join="Ask the Operations Director for a seat; the forum meets monthly on "
                     "Teams with IT, finance and the other two site managers.",
         yearly_cost=0, hours_per_month=2,
         benefits=[("The IT and finance colleagues who will shape and fund the WMS upgrade",
                    ["need-wms"]),
                   ("Visibility with the Operations Director and experience of "
                    "multi-site decisions", ["asp-head-of-ops"])],
         conclusion="Essential for the WMS project and for being seen as ready for a "
                    "multi-site role; costs only time I would spend on the project anyway."),
    dict(id="net-linkedin", name="LinkedIn group: UK Warehouse and Logistics Professionals",
         kind="online community or platform",
         how_to_join="Request to join the group from my LinkedIn profile.",
         yearly_cost=0, hours_per_month=1,
         benefits=[("Quick answers from peers on WMS suppliers and go-live problems",
                    ["need-wms", "need-benchmark"])],
         conclusion="Free and quick, but the discussion is noisy and mostly recruiters; "
                    "good for quick questions, not for building real relationships."),
    dict(id="net-alumni", name="Leeds Business School alumni network",
         kind="alumni",
         how_to_join="Update my details on the alumni portal and sign up for the mentoring "
                     "scheme.",
         yearly_cost=0, hours_per_month=1,
         benefits=[("Mentoring scheme pairing alumni with senior leaders",
                    ["asp-head-of-ops"]),
                   ("Research talks on sustainable supply chains", ["asp-green-fleet"])],
         conclusion="A low-cost way to find a mentor for my next career step; little help "
                    "with today's operational needs."),
]

criteria = [
    ("crit-needs", "Fit with needs", 5, "more is better"),
    ("crit-aspirations", "Fit with aspirations", 4, "more is better"),
    ("crit-expertise", "Access to expertise", 3, "more is better"),
    ("crit-credibility", "Credibility", 3, "more is better"),
    ("crit-reach", "Reach", 2, "more is better"),
    ("crit-cost", "Cost", 2, "less is better"),
    ("crit-time", "Time", 2, "less is better"),
]

# network -> scores in the order of `criteria` (Cost and Time: 5 = costs the most)
scores = {
    "net-cilt":     [4, 5, 5, 5, 4, 5, 4],
    "net-cmi":      [3, 4, 4, 5, 4, 4, 2],
    "net-chamber":  [3, 1, 2, 3, 3, 1, 3],
    "net-forum":    [5, 4, 3, 3, 2, 1, 2],
    "net-linkedin": [2, 1, 2, 1, 5, 1, 1],
    "net-alumni":   [1, 4, 3, 3, 3, 1, 1],
}

shortlist = {
    "networks": ["net-cilt", "net-forum", "net-chamber"],
    "reason": "The ranking puts the alumni network and CMI above the Chamber, but my most "
              "urgent gap is temporary staff for the peak, and only the Chamber serves it. "
              "I will look again at CMI and the alumni mentoring scheme next year, when the "
              "WMS upgrade is live.",
}

assessments = [
    dict(network="net-cilt", cost_per_year=245, hours_per_year=48,
         criteria_used="Fit with my needs and aspirations, cost to me and Northgate, time "
                       "away from site, credibility with clients and my directors.",
         judgement="join",
         justification="The benefits (impact 17) clearly outweigh the limitations (impact "
                       "10). The fee is affordable if Northgate funds it, and the evening "
                       "events fit around shifts. It is the only route to CMILT.",
         items=[
             ("joining", "benefit", "career",
              "Starts my route to Chartered Membership (CMILT).", 5),
             ("joining", "limitation", "fees",
              "£245 a year; needs a training-budget request to Northgate.", 3),
             ("joining", "limitation", "obligations",
              "Agreeing to the Institute's code of professional conduct and recording "
              "CPD every year.", 1),
             ("maintaining", "benefit", "knowledge and expertise",
              "Branch webinars keep me up to date on drivers' hours and compliance.", 4),
             ("maintaining", "benefit", "contacts and opportunities",
              "Peers in other distribution firms to benchmark with.", 4),
             ("maintaining", "benefit", "reputation",
              "Post-nominals carry weight with clients' logistics directors.", 4),
             ("maintaining", "limitation", "time",
              "Four hours a month, mostly evening events in Leeds.", 3),
             ("maintaining", "limitation", "confidentiality constraints",
              "I cannot share client rates or volumes when benchmarking with competitors.",
              3),
         ]),
    dict(network="net-forum", cost_per_year=0, hours_per_year=24,
         criteria_used="Fit with the WMS upgrade, visibility for my career, time taken "
                       "from the site.",
         judgement="join",
         justification="No fee and little extra time: the forum is where the WMS decisions "
                        "are made, and it shows the directors I can work across sites. The "
                        "confidentiality limits are manageable.",
         items=[
             ("joining", "benefit", "contacts and opportunities",
              "A seat with IT and finance before the WMS budget is set.", 5),
             ("joining", "limitation", "obligations",
              "I would be expected to take actions back to my site and report progress.", 2),
             ("maintaining", "benefit", "career",
              "Regular contact with the Operations Director.", 4),
             ("maintaining", "limitation", "time",
              "Two hours a month of meetings plus preparation.", 2),
             ("maintaining", "limitation", "confidentiality constraints",
              "Restructuring plans discussed there cannot be shared with my team.", 2),
         ]),
]

records = [{"kind": "learner", "data": learner}]
records += [{"kind": "need", "data": {"id": i, "horizon": h, "priority": p, "text": t}}
            for i, h, p, t in needs]
for n in networks:
    n = dict(n)
    n["benefits"] = [{"text": t, "serves": s} for t, s in n["benefits"]]
    records.append({"kind": "network", "data": n})
records += [{"kind": "shortlist_criterion",
             "data": {"id": i, "name": n, "weight": w, "direction": d}}
            for i, n, w, d in criteria]
records.append({"kind": "scores", "data": {"grid": {
    net: {c[0]: s for c, s in zip(criteria, row, strict=True)} for net, row in scores.items()}}})
records.append({"kind": "shortlist", "data": shortlist})
for a in assessments:
    a = dict(a)
    a["items"] = [{"stage": st, "type": ty, "category": c, "text": t, "impact": i}
                  for st, ty, c, t, i in a["items"]]
    records.append({"kind": "assessment", "data": a})

# Notebook 04: evidence other than work products, and the declaration of authenticity.
witnesses = [
    dict(id="wit-ellis", name="Mark Ellis (fictional)", role="Operations Director",
         relationship="My line manager since 2022",
         date="2025-10-14", criteria=["2.2", "2.3", "3.1", "3.7"],
         statement="Over the last eight months Priya has represented the Wakefield site at "
                   "the cross-site operations forum. She brought a clear comparison of the "
                   "networks she was considering, with the criteria she used and what each "
                   "would cost us in fees and time, and asked for CILT membership to be "
                   "funded from the training budget. She benchmarked pick rates with two "
                   "distribution firms she met through CILT without naming our clients, "
                   "and introduced our IT manager to a peer who had led the same WMS "
                   "upgrade, which saved us a supplier visit."),
]
discussions = [
    dict(id="disc-2025-11", date="2025-11-03", criteria=["2.2", "3.4", "3.5"],
         topics="The criteria I used to shortlist networks and their weights; how I "
                "agreed what can be shared when benchmarking with competitors.",
         notes="I explained why I weighted fit with needs highest and why I kept the "
               "Chamber on the shortlist despite its ranking. Helen asked how I decide what "
               "to share with Sam Whitfield at the CILT branch: I described the rule I "
               "agreed with Mark (pick rates and absence yes, client names and rates no). "
               "Helen suggested I write the rule down and share it with the forum."),
]
contacts = [
    dict(id="con-whitfield", name="Sam Whitfield",
         organisation="CILT Yorkshire branch", role="Branch secretary",
         email="sam.whitfield@example.org", phone="0113 496 0123",
         profile_url="https://www.linkedin.com/in/sam-whitfield-example",
         notes="Met at the October branch webinar; offered to share the branch's "
               "benchmarking survey.",
         networks=["net-cilt"], how_met="CILT Yorkshire branch webinar", met_on="2025-10-08",
         interests=["CPD events", "benchmarking", "chartered membership"],
         last_contact="2025-11-07"),
    dict(id="con-pryce", name="Joanne Pryce",
         organisation="Calder Staffing (fictional)", role="Account manager",
         email="joanne.pryce@example.com", phone="01924 496 0456",
         notes="Discussing rates for the peak before we go to tender.", confidential=True),
]
records += [{"kind": "witness", "data": x} for x in witnesses]
records += [{"kind": "discussion", "data": x} for x in discussions]
records += [{"kind": "contact", "data": x} for x in contacts]
# Dated by netkit when made (made_at), never typed.
records.append({"kind": "declaration", "data": {
    "agreed": True, "name": learner["name"], "date": "2025-11-10",
    "made_at": "2025-11-10T16:42:07.000000+00:00"}})


# Notebook 03 (learning outcome 3, criteria 3.1-3.7): the LO3 helper's records.
def lo3_records() -> list[dict]:
    """Priya's log of maintaining her networks. Her confidentiality agreement is with two
    CILT members (Gareth Hughes and Sam Whitfield), not with her line manager; everything
    happens before her declaration of 10 Nov 2025 and agrees with her witness testimony
    (an IT manager introduced to a peer who had led a WMS upgrade; pick rates benchmarked
    without naming clients) and her professional discussion of 3 Nov 2025."""
    people = [
        dict(id="con-hughes", name="Gareth Hughes (fictional)",
             organisation="Aire Valley Distribution (fictional)",
             role="Operations Manager",
             notes="CILT Yorkshire member; led his site's WMS upgrade in 2024.",
             networks=["net-cilt"], how_met="CILT Yorkshire spring dinner",
             met_on="2025-04-10", interests=["WMS upgrades", "benchmarking", "peak planning"],
             last_contact="2025-11-06"),
        dict(id="con-clarke", name="Nadia Clarke (fictional)",
             organisation="Northgate Logistics Ltd (fictional)", role="IT Manager",
             notes="Leads the IT side of our WMS upgrade.",
             networks=["net-cilt"], how_met="A colleague at Northgate",
             interests=["WMS upgrades"], last_contact="2025-09-18"),
        dict(id="con-fenwick", name="Tom Fenwick (fictional)",
             organisation="Calder Valley Foods (fictional)", role="HR Manager",
             notes="Chamber of Commerce member; short of seasonal staff.",
             networks=["net-chamber"], how_met="Chamber of Commerce members' evening",
             interests=["seasonal staffing"], last_contact="2025-11-03"),
        dict(id="con-rahman", name="Aisha Rahman (fictional)",
             organisation="Pennine Temps (fictional)", role="Director",
             notes="Chamber of Commerce member; supplies warehouse temps.",
             networks=["net-chamber"], how_met="Chamber of Commerce members' evening",
             interests=["warehouse temps"], last_contact="2025-10-16"),
    ]
    mutual = [
        dict(id="mb-hughes", member="con-hughes", network="net-cilt", date="2025-05-14",
             interests=["WMS upgrades", "benchmarking", "peak planning"],
             looking_for=["absence benchmarks", "agency staffing"],
             they_offer="Lessons from leading his site's WMS upgrade in 2024, including his "
                        "cut-over checklist, and pick-rate benchmarks from a similar site.",
             serves=["need-wms", "need-benchmark"],
             i_offer="Our absence and agency-use figures (anonymised) and how we plan "
                     "temporary staff for the peak.",
             evidence="Notes of my site visit to Aire Valley, 14 May 2025."),
        dict(id="mb-whitfield", member="con-whitfield", network="net-cilt",
             date="2025-10-21",
             interests=["CPD events", "benchmarking", "chartered membership"],
             looking_for=["speakers", "WMS upgrades"],
             they_offer="The branch's benchmarking survey and advice on the route to "
                        "Chartered Membership (CMILT).",
             serves=["need-benchmark", "asp-chartered"],
             i_offer="A talk for the branch on planning a WMS upgrade around peak season, "
                     "and a review of the survey's questions.",
             evidence="Sam's e-mail of 21 Oct 2025 with the survey."),
    ]
    interactions = [
        dict(id="int-hughes-1", member="con-hughes", network="net-cilt", date="2025-04-10",
             kind="exchanged details at a first meeting",
             summary="Swapped cards at the CILT Yorkshire spring dinner."),
        dict(id="int-hughes-2", member="con-hughes", network="net-cilt", date="2025-05-14",
             kind="meeting", summary="Visited his site; compared pick rates and how each "
                                     "of us plans the peak.",
             evidence="My visit notes, 14 May 2025."),
        dict(id="int-hughes-3", member="con-hughes", network="net-cilt", date="2025-09-18",
             kind="call", summary="Talked through his WMS go-live; agreed to meet Nadia "
                                  "Clarke, our IT manager.",
             evidence="Calendar entry and my call notes."),
        dict(id="int-whitfield-1", member="con-whitfield", network="net-cilt",
             date="2025-10-08", kind="exchanged details at a first meeting",
             summary="Met at the October branch webinar; swapped e-mail addresses."),
        dict(id="int-whitfield-2", member="con-whitfield", network="net-cilt",
             date="2025-10-21", kind="call",
             summary="He explained the branch benchmarking survey; I offered a talk.",
             evidence="Sam's follow-up e-mail, 21 Oct 2025."),
        dict(id="int-whitfield-3", member="con-whitfield", network="net-cilt",
             date="2025-11-05", kind="meeting",
             summary="Benchmarking group call: we agreed the confidentiality agreement.",
             evidence="Minutes of the call, 5 Nov 2025."),
    ]
    offers = {"items": [
        "Lessons from planning a WMS upgrade around the peak season",
        "Planning absence cover and agency staff for a distribution site",
        "Drivers' hours and tachograph checklists for site managers",
    ]}
    promotions = [
        dict(id="pro-linkedin", date="2025-10-22", network="net-linkedin",
             audience="Members of the UK Warehouse and Logistics Professionals group",
             channel="post",
             offers=["Planning absence cover and agency staff for a distribution site"],
             what="A post on how we cut agency spend over the peak by planning absence "
                  "cover six weeks ahead, offering our planning template.",
             response="14 comments; two site managers asked for the template, which I sent.",
             evidence="The post and comments (screenshot, 22 Oct 2025)."),
        dict(id="pro-talk", date="2025-11-05", network="net-cilt",
             people=["con-whitfield"], audience="About 35 branch members on the webinar",
             channel="talk",
             offers=["Lessons from planning a WMS upgrade around the peak season"],
             what="A 15-minute talk at the CILT Yorkshire webinar on planning a WMS "
                  "upgrade around the peak.",
             response="Sam asked me to run a follow-up session in the spring; three members "
                      "asked for the slides.",
             evidence="Branch newsletter of 7 Nov 2025; Sam's thank-you e-mail."),
    ]
    agreement = dict(
        id="agr-cilt", title="Benchmarking in the CILT Yorkshire group", network="net-cilt",
        date="2025-11-04", members=["con-hughes", "con-whitfield"],
        may_share=["Pick rates, absence and staff turnover as percentages",
                   "How we plan the peak, and our own templates and checklists"],
        may_not=["Client names, volumes or rates",
                 "Anything about named employees",
                 "Restructuring plans discussed in the Northgate cross-site forum"],
        conditional=["Supplier prices: only once the tender is closed, with my director's "
                     "agreement"],
        legal_basis="UK GDPR and the Data Protection Act 2018: no personal data about staff "
                    "leaves the site, so figures are totals or percentages. Competition law: "
                    "no prices or rates shared between competitors. Our client contracts "
                    "keep client names and volumes confidential, and Northgate's "
                    "information-security policy says what may leave the company. The CILT "
                    "code of professional conduct asks us to respect confidences.",
        channels="E-mail between work addresses, or the group's monthly call; nothing on "
                 "social media.",
        anonymising="Figures as percentages with site and client names removed.",
        permission="Nothing passed on beyond the group without the sender's written "
                   "permission.",
        attribution="Figures quoted as 'a Yorkshire distribution site', never by company.",
        storage="In a restricted folder on each company's drive, deleted after a year.",
        response_times="Questions answered within five working days.",
        duration="One year from the date agreed", review_date="2026-11-04",
        on_breach="The person responsible tells the others at once; we stop sharing until "
                  "we have met and agreed what to change.",
        learner_agreed="2025-11-04", members_agreed="2025-11-05",
        confirmation="Minutes of the benchmarking group call of 5 Nov 2025, item 2, "
                     "circulated by Sam Whitfield and confirmed by Gareth Hughes by e-mail "
                     "the same day.",
        evidence="Signed copy in my evidence folder.")
    support = [
        dict(id="sup-hughes", member="con-hughes", network="net-cilt", date="2025-11-06",
             given="Our absence and agency-use figures for the last two peaks, as "
                   "percentages, and our absence-cover planning template.",
             agreement="agr-cilt", checked=True,
             how_followed="Site and client names removed; sent by e-mail between work "
                          "addresses and marked 'benchmarking group only'.",
             feedback="Gareth said it was the first like-for-like comparison he had had and "
                      "used it in his budget bid for temporary staff.",
             gained="His cut-over checklist from his own WMS go-live.",
             used="Added its data-migration and fallback steps to our WMS project plan "
                  "(version 3).",
             evidence="E-mails of 6 and 10 Nov 2025; project plan v3."),
        dict(id="sup-whitfield", member="con-whitfield", network="net-cilt",
             date="2025-11-07",
             given="A review of the branch benchmarking survey's questions, with three "
                   "suggested changes.",
             agreement="agr-cilt", checked=True,
             how_followed="Commented on the draft by e-mail; no company figures included.",
             feedback="Sam used two of the changes in the survey sent to members.",
             evidence="Sam's e-mail of 8 Nov 2025."),
    ]
    reviews = [
        dict(id="rev-2025-10", date="2025-10-27",
             needs=["need-wms", "need-benchmark", "need-agency", "asp-chartered"],
             networks=["net-cilt", "net-chamber", "net-forum", "net-linkedin"],
             findings="Benchmarking is now met through the CILT group. Agency staff for the "
                      "peak is more urgent than I thought in the spring, so I will go to the "
                      "Chamber breakfasts. The LinkedIn group gives me little: I will leave "
                      "it. For chartered membership I will start the CMILT application.",
             next_review="2026-04-27", evidence="My review notes, 27 Oct 2025."),
    ]
    actions = [
        dict(id="act-linkedin", date="2025-10-27", network="net-linkedin", action="leave",
             detail="Leave the LinkedIn group; keep the contacts I made there.",
             review="rev-2025-10", due="2025-10-31", done="2025-10-30",
             evidence="LinkedIn's confirmation (screenshot, 30 Oct 2025)."),
        dict(id="act-chamber", date="2025-10-27", network="net-chamber", action="attend",
             detail="Attend the Chamber's November business breakfast to meet agencies.",
             review="rev-2025-10", due="2025-11-07", done="2025-11-07",
             evidence="Booking confirmation and my notes of the breakfast."),
        dict(id="act-cilt", date="2025-10-27", network="net-cilt", action="change role",
             detail="Join the CILT Yorkshire benchmarking group as a contributing member.",
             review="rev-2025-10", due="2025-11-10", done="2025-11-05",
             evidence="Minutes of the benchmarking group call, 5 Nov 2025."),
    ]
    introductions = [
        dict(id="intro-clarke", date="2025-09-18", network="net-cilt",
             person="con-clarke", to="con-hughes", kind="into a network",
             interest_kind="complementary",
             interest="Nadia is planning our WMS upgrade; Gareth led the same upgrade last "
                      "year. I brought Nadia into the CILT branch's technology events.",
             consent_person=True, consent_to=True,
             outcome="They met on Teams on 25 Sep 2025; Gareth's advice saved us a supplier "
                     "visit, and Nadia now goes to the branch's technology events.",
             evidence="My introduction e-mail of 18 Sep 2025; witness testimony of Mark "
                      "Ellis."),
        dict(id="intro-fenwick", date="2025-10-16", network="net-chamber",
             person="con-fenwick", to="con-rahman", kind="within a network",
             interest_kind="complementary",
             interest="Tom needs seasonal warehouse staff; Aisha's agency supplies them. "
                      "Both are Chamber members who had not met.",
             consent_person=True, consent_to=True,
             outcome="Calder Valley Foods took six temps from Pennine Temps for the peak.",
             evidence="Tom's thank-you e-mail, 3 Nov 2025."),
    ]
    out = [{"kind": "contact", "data": x} for x in people]
    out += [{"kind": "mutual_benefit", "data": x} for x in mutual]
    out += [{"kind": "interaction", "data": x} for x in interactions]
    out.append({"kind": "offers", "data": offers})
    out += [{"kind": "promotion", "data": x} for x in promotions]
    out.append({"kind": "agreement", "data": agreement})
    out += [{"kind": "support", "data": x} for x in support]
    out += [{"kind": "review", "data": x} for x in reviews]
    out += [{"kind": "action", "data": x} for x in actions]
    out += [{"kind": "introduction", "data": x} for x in introductions]
    return out


records += lo3_records()


def lo1_records() -> list[dict]:
    """Priya's reflective account of learning outcome 1 (criteria 1.1-1.6) and her follow-up
    tracker. Every example is dated before her declaration of 10 Nov 2025 and links to her
    own networks, contacts and follow-ups; it agrees with her 2.2 criteria and her LO3 log."""
    followups = [
        dict(id="fu-survey", lead="Send Sam Whitfield our pick-rate figures for the branch "
                                  "benchmarking survey",
             source="CILT Yorkshire webinar, 14 Oct 2025",
             next_step="E-mail the October averages, no client names", due="2025-10-21",
             status="followed up", done_on="2025-10-20",
             outcome="Sam added us to the survey; the results showed our pick rate 8% "
                     "below the median, which shaped the WMS business case.",
             link="contact:con-whitfield"),
        dict(id="fu-forum", lead="Thank Mark for the cross-site forum seat and send my WMS "
                                 "questions",
             source="Operations review with Mark Ellis, 2 Sep 2025",
             next_step="One-page list of questions for IT and finance", due="2025-09-05",
             status="followed up", done_on="2025-09-04",
             outcome="The questions went on the forum's September agenda; IT invited me to "
                     "the supplier demo.",
             link="network:net-forum"),
        dict(id="fu-pryce", lead="Call Calder Staffing back about peak agency rates",
             source="Chamber of Commerce breakfast, 11 Sep 2025",
             next_step="Phone with our expected peak volumes", due="2025-09-15",
             status="missed",
             cost="I called eleven days late; Calder Staffing had committed its drivers to "
                  "another site, so we paid a second agency 6% more for the first two weeks "
                  "of the peak.",
             link="contact:con-pryce"),
        dict(id="fu-cmi", lead="Ask HR whether my level 5 course includes CMI membership",
             source="CMI webinar on leading change, 30 Oct 2025",
             next_step="E-mail the HR manager", due="2025-11-28", status="open",
             link="network:net-cmi"),
    ]
    frame_11 = dict(
        happened="At the October CILT webinar I knew nobody; by the end I had two contacts "
                 "and an offer of the benchmarking survey.",
        thought="I assumed networking was about talking. It was mostly about listening and "
                "asking the second question.",
        learned="Rapport comes from curiosity about the other person's problem, and trust "
                "from doing what I said I would, quickly.",
        will_do="Prepare two questions before every event and follow up within two working "
                "days.")
    answers = [
        {"kind": "answer_1_1", "data": dict(
            definition="Networking is the exchange of information or services among "
                       "people, groups and organisations. Business networking, for me, is "
                       "building productive relationships that help me do my job and grow "
                       "my career: peers who share benchmarks, suppliers I can call at short "
                       "notice, colleagues in IT and finance. Effective networking is "
                       "actively seeking and creating contacts and keeping them for mutual "
                       "benefit, not collecting names.",
            skills=[
                dict(name="Building rapport",
                     features="Finding common ground quickly, showing genuine interest in the "
                              "other person's problem, remembering details and using names.",
                     used_on="2025-10-14", use="At the CILT webinar breakout I asked Sam "
                     "Whitfield how his members handle the pre-Christmas peak.",
                     effect="Sam offered me a place in the branch benchmarking survey."),
                dict(name="Active listening",
                     features="Letting the other person finish, asking open questions, "
                              "summarising back what I heard before offering my view.",
                     used_on="2025-09-18", use="Before introducing Nadia Clarke to Gareth "
                     "Hughes I listened to what each actually needed from a WMS upgrade.",
                     effect="The introduction matched Gareth's cut-over lessons to Nadia's "
                            "plan and saved us a supplier visit."),
                dict(name="Influencing and persuading",
                     features="Making a case in the other person's terms, with evidence, and "
                              "being clear what I am asking for.",
                     used_on="2025-09-04", use="I put my WMS questions to the cross-site "
                     "forum framed around cost and risk for finance and IT.",
                     effect="They went on the September agenda and I was invited to the "
                            "supplier demo."),
                dict(name="Confidence and first impressions",
                     features="A short, prepared introduction, appropriate dress and body "
                              "language, and starting conversations rather than waiting.",
                     used_on="2025-09-11", use="At the Chamber breakfast I introduced myself "
                     "to three employers I had not met.",
                     effect="Two of them now send me their agency contacts before each peak."),
            ],
            covers=["definition", "business networking", "building rapport",
                    "communication skills (verbal and non-verbal)",
                    "creating good first impressions", "personal presentation", "respect"],
            examples=[dict(date="2025-10-14", text="CILT Yorkshire webinar: rapport with Sam "
                           "Whitfield led to the benchmarking survey.",
                           link="contact:con-whitfield")],
            frame=frame_11)},
        {"kind": "answer_1_2", "data": dict(
            bases=[
                dict(name="Fit with my current needs and career goals",
                     because="My time is limited by shift patterns, so a network has to help "
                             "with today's job (the WMS upgrade, compliance) or my aim of "
                             "becoming a Chartered Member and Head of Operations."),
                dict(name="Reciprocity",
                     because="A network only lasts if I can give as well as take: I chose "
                             "CILT partly because our benchmarking data is useful to other "
                             "members, so I am not only asking for favours."),
                dict(name="Confidentiality",
                     because="Benchmarking with competitors is only possible where the "
                             "network respects what cannot be shared; CILT's code of "
                             "conduct and the group's rules on client names made it safe."),
                dict(name="Industry connections and credibility",
                     because="Clients' logistics directors recognise CILT and the Chamber; "
                             "a network they respect carries my reputation with it."),
                dict(name="Cost in money and time",
                     because="A fee or evening events have to be justified by what the "
                             "network gives; free but noisy groups cost time instead."),
            ],
            illustration="In 2.2 I weighted Fit with needs 5 and Fit with aspirations 4, "
                         "the two highest, because my bases start with my own goals. Cost "
                         "and Time (weight 2 each, less is better) stop me choosing networks "
                         "I cannot keep up. Reciprocity and confidentiality were not "
                         "weighted criteria: they decided how I judged Credibility, and why "
                         "I left the LinkedIn group, where nothing was given back and "
                         "nothing was safe to share.",
            covers=["alignment with personal and career goals", "industry connections",
                    "organisational goals", "reciprocity", "confidentiality"],
            examples=[dict(date="2025-10-27", text="My networks review: I left the LinkedIn "
                           "group and moved to a contributing role in CILT's benchmarking "
                           "group.", link="network:net-linkedin")],
            frame=dict(learned="Choosing networks is choosing where to give as well as "
                               "where to get.",
                       will_do="Review my networks against these bases every six months."))},
        {"kind": "answer_1_3", "data": dict(
            agenda="The cross-site operations forum shares one agenda for the WMS upgrade: "
                   "IT, finance and the three site managers agreed in September 2025 that the "
                   "system must be live before the next peak and within budget.",
            agenda_strengths="A common purpose and shared commitment: finance brought cost "
                             "discipline, IT the technical risks, and the sites the "
                             "day-to-day reality. The diversity of knowledge produced the "
                             "idea of a phased go-live, which none of us had alone.",
            agenda_limits="It slowed decisions, because every change went back to the "
                          "forum, and quieter sites deferred to the largest one.",
            conflict="In October 2025 the Leeds site manager wanted the temporary staff "
                     "budget for the peak moved to his site; I needed it at Wakefield.",
            conflict_cause="Power struggle over a fixed budget, made worse by poor sharing "
                           "of information: neither of us had seen the other's volumes.",
            own_interest="My own interest was clear: my site's targets and my reputation "
                         "with Mark depended on having enough temps.",
            position="I stated my position at the forum with our forecast volumes and "
                     "proposed splitting the budget by forecast, reviewed weekly.",
            conflict_strengths="Bringing the conflict into the open built trust: we now "
                               "share forecasts every week, and the weekly review was a new "
                               "approach the director adopted.",
            conflict_limits="It took two meetings and some goodwill; if either of us had "
                            "hidden figures, it would have damaged the relationship.",
            conclusion="Both are useful, in different ways. A shared agenda is the more "
                       "useful for building relationships over time, because it gives people "
                       "a reason to keep working together. Conflict management is useful "
                       "when it is open and based on shared information: then it "
                       "strengthens the relationship, as it did with the Leeds manager. "
                       "Handled badly, it would have cost more than the budget.",
            covers=["common purpose", "shared commitment", "diversity of knowledge and ideas",
                    "innovation", "power struggles", "barriers to communication",
                    "new ideas and approaches", "builds trust"],
            examples=[dict(date="2025-10-09", text="Forum meeting: the budget split by "
                           "forecast was agreed with the Leeds site manager.",
                           link="network:net-forum")],
            frame=dict(thought="I expected the conflict to damage the relationship.",
                       learned="Sharing the figures turned a contest into a joint problem."))},
        {"kind": "answer_1_4", "data": dict(
            platforms="LinkedIn for my professional profile and to stay in touch with CILT "
                      "members; Microsoft Teams for the cross-site forum; the CILT branch's "
                      "webinars. I do not use Facebook or X for work.",
            benefits=[dict(benefit="Reach and speed: I met Sam Whitfield and Gareth Hughes "
                                   "through an online webinar and kept in touch on LinkedIn "
                                   "without travelling."),
                      dict(benefit="Information on demand: webinar recordings and group "
                                   "posts keep me up to date on drivers' hours rules between "
                                   "events."),
                      dict(benefit="Visibility: my LinkedIn post on our peak planning led "
                                   "to two conversations with other operations managers.")],
            risks=[dict(risk="Hacking of my account and phishing messages pretending to be "
                             "contacts",
                        reduced_by="Two-factor login, and I check any unexpected request by "
                                   "phone."),
                   dict(risk="Oversharing commercially sensitive or client information in "
                             "posts",
                        reduced_by="I follow the company policy: no client names, rates or "
                                   "volumes, and I ask myself if I would say it to a "
                                   "competitor."),
                   dict(risk="Noise and time lost in groups dominated by recruiters",
                        reduced_by="I left the LinkedIn group in October 2025 and keep to "
                                   "two platforms.")],
            policy="Northgate's social media policy says staff may say where they work but "
                   "not speak for the company, must not share client or commercial "
                   "information, and must report abusive messages to HR. Posts about "
                   "the company need approval from marketing.",
            conclusion="The internet is very useful for my networking, for reach and "
                       "keeping in touch, but only as a supplement to meeting people: my "
                       "strongest contacts began face to face or in a live webinar. With "
                       "the risks reduced as above, the benefits clearly outweigh them.",
            covers=["professional, e.g. LinkedIn, Plaxo, Biznik", "hacking",
                    "posting of threatening online messages"],
            examples=[dict(date="2025-10-22", text="My LinkedIn post on peak planning, "
                           "checked against the policy before posting.",
                           link="network:net-linkedin")],
            frame=dict(learned="The platform matters less than the follow-up after it."))},
        {"kind": "answer_1_5", "data": dict(
            criteria=[dict(criterion="Results: does following up produce something I can "
                                     "measure (data, savings, a decision)?"),
                      dict(criterion="Trust and reputation: does it show people I keep my "
                                     "promises?"),
                      dict(criterion="Relationships: does the contact become a lasting, "
                                     "two-way relationship?")],
            judgement="Against all three criteria, following up is essential, and speed "
                      "matters as much as doing it. My tracker shows it: the figures I sent "
                      "Sam within a week produced the benchmark behind the WMS business "
                      "case (results) and a place in the benchmarking group (relationship); "
                      "thanking Mark and sending my questions the same week put them on the "
                      "forum's agenda (trust). The call to Calder Staffing that I left eleven "
                      "days cost 6% more on agency staff for two weeks of the peak and some "
                      "of her trust. I now set a due date on every lead the day I get it.",
            covers=["capture contact information", "interact and contribute to group "
                    "discussions", "to produce results",
                    "builds trust, reputation and relationships"],
            examples=[dict(date="2025-10-20", text="Pick-rate figures sent to Sam Whitfield "
                           "for the branch survey.", link="followup:fu-survey"),
                      dict(date="2025-09-26", text="Late call to Calder Staffing: their "
                           "drivers were already committed.", link="followup:fu-pryce")],
            frame=dict(happened="I missed one follow-up in a busy week before the peak. "
                                "The week before, I had followed up two leads within days, "
                                "and both turned into something: a benchmark and a seat at "
                                "the supplier demo.",
                       thought="At the time the late call to the agency felt like a small "
                               "slip. When the second agency's invoice arrived I saw that "
                               "it had a price, and that the account manager was cooler on the phone: "
                               "she had held drivers for us and then been let down.",
                       learned="A lead goes cold in days, not weeks.",
                       will_do="Keep the tracker and its calendar file up to date every "
                               "Friday."))},
        {"kind": "answer_1_6", "data": dict(
            issues=[
                dict(issue="Confidentiality of client data when benchmarking",
                     choice="Whether to share our pick rates and absence figures with "
                            "competitors in the CILT group, and in how much detail.",
                     code="UK GDPR for staff data; our client contracts' confidentiality "
                          "clauses; CILT's code of professional conduct.",
                     affected="Our clients, our staff, Northgate and the other members.",
                     handled="I agreed written rules with the group: averages only, no "
                             "client names, rates or volumes, and no individual staff "
                             "data."),
                dict(issue="Personal interest",
                     choice="Whether to recommend Calder Staffing, whose account manager "
                            "had invited me to a hospitality event, for the peak tender.",
                     code="Northgate's gifts and hospitality policy and its code of "
                          "conduct on conflicts of interest.",
                     affected="The other agencies bidding, my employer and my own "
                              "integrity.",
                     handled="I declined the invitation, declared the contact to my manager "
                             "and left the scoring to the procurement team."),
                dict(issue="Accurate portrayal of my networking",
                     choice="How to describe my role in the forum's WMS decision on "
                            "LinkedIn and in this portfolio.",
                     code="Northgate's social media policy; CILT's code on honesty.",
                     affected="My colleagues, whose work it also was, and readers who "
                              "rely on it.",
                     handled="I described my part and named the team's."),
            ],
            conclusion="The issues share one feature: a choice between what helps me now "
                       "and what keeps others' trust. Written rules (on sharing, gifts, "
                       "posting) make the right choice easier and protect the relationship. "
                       "My conclusion is to agree boundaries before sharing anything, "
                       "declare personal interests early, and claim only my own part.",
            covers=["integrity risk", "employees' rights to privacy and fairness",
                    "duty of care", "maintaining personal and professional boundaries",
                    "confidentiality", "personal interest",
                    "accurate portrayal of networking activities"],
            examples=[dict(date="2025-11-04", text="Confidentiality rules agreed with two "
                           "CILT members before benchmarking.",
                           link="contact:con-whitfield"),
                      dict(date="2025-09-12", text="Declined Calder Staffing's hospitality "
                           "invitation and told my manager.", link="contact:con-pryce")],
            frame=dict(learned="Boundaries agreed early are easier than boundaries "
                               "repaired."))},
    ]
    return [{"kind": "followup", "data": x} for x in followups] + answers



records += lo1_records()



# Notebook 04's attached documents: the statement Mark Ellis signed (``netkit
# witness-statement``) and Helen's own record of the professional discussion, as small
# PDFs. ``cite`` says which field of which record gives each one's evidence reference:
# netkit.cli.load_example fills it in once the attachment has its reference.
def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF of ``lines`` in Helvetica (plain ASCII), written by hand."""
    def pdf_text(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(
        f"({pdf_text(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


def attachment(key: str, filename: str, title: str, date: str, criteria: list[str],
               lines: list[str]) -> dict:
    data = tiny_pdf(lines)
    return {"data": {"id": key, "title": title, "filename": filename,
                     "media_type": "application/pdf", "size": len(data),
                     "sha256": hashlib.sha256(data).hexdigest(), "date": date,
                     "criteria": criteria, "confidential": False},
            "content": base64.b64encode(data).decode("ascii")}


attachments = [
    attachment("att-ellis-signed", "witness-statement-mark-ellis-signed.pdf",
               "Witness statement, Mark Ellis (fictional), signed", "2025-10-20",
               ["2.2", "2.3", "3.1", "3.7"],
               ["EXAMPLE - not learner evidence (fictional)",
                "Witness statement: Mark Ellis (fictional), Operations Director",
                "About the work of Priya Shah, unit J/506/1949.",
                "",
                "Over the last eight months Priya has represented the Wakefield site at the",
                "cross-site operations forum. [...] She introduced our IT manager to a peer",
                "who had led the same WMS upgrade, which saved us a supplier visit.",
                "",
                "Corrections and additions: none.",
                "I confirm that this statement is a true account of what I saw.",
                "Signature: M. Ellis (signed)     Name: MARK ELLIS     Date: 20/10/2025"]),
    attachment("att-discussion-record", "professional-discussion-2025-11-03.pdf",
               "Assessor's record of the professional discussion, 3 Nov 2025", "2025-11-03",
               ["2.2", "3.4", "3.5"],
               ["EXAMPLE - not learner evidence (fictional)",
                "Professional discussion record - Helen Marsh (fictional), assessor",
                "Learner: Priya Shah. Unit J/506/1949. Date: 3 November 2025.",
                "",
                "2.2: explained her shortlisting criteria and weights; fit with needs highest.",
                "3.4/3.5: described the sharing rule agreed for benchmarking (pick rates and",
                "absence yes; client names and rates no). Advised writing it down.",
                "",
                "Signed: H. Marsh (assessor)     Date: 03/11/2025"]),
]
cite = [{"kind": "witness", "key": "wit-ellis", "field": "signed_copy",
         "attachment": "att-ellis-signed"},
        {"kind": "discussion", "key": "disc-2025-11", "field": "assessor_record",
         "attachment": "att-discussion-record"}]

doc = {"format": "netkit-example", "records": records, "attachments": attachments,
       "cite": cite}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")


# A second, partial example learner (the cohort view's "someone behind"): written to
# data/example-partial.json. Learning outcome 2 partly done, learning outcome 3 barely
# started, one learning outcome 1 answer begun.
PARTIAL_OUT = OUT.with_name("example-partial.json")


def partial_records() -> list[dict]:
    """Jordan Blake, a fictional shift manager three weeks into the unit: needs and three
    potential networks (2.1 partial), criteria and a shortlist with one network scored (2.2
    partial), a first 1.1 answer with one skill, and one network member (3.1 partial)."""
    who = {"name": "Jordan Blake (fictional)", "employer": "Pennine Foods Ltd (fictional)",
           "role": "Shift Manager, Halifax bakery", "tutor": "Daniel Okafor (fictional)",
           "assessor": "Helen Marsh (fictional)"}
    wants = [
        ("jb-need-rota", "current need", "high",
         "Cut overtime on the night shift by planning rotas around absence patterns."),
        ("jb-need-food-safety", "current need", "medium",
         "Keep up with food safety audit changes (BRCGS) before the spring audit."),
        ("jb-asp-manager", "future aspiration", "high",
         "Become production manager for the site within three years."),
    ]
    places = [
        dict(id="jb-net-ifst", name="Institute of Food Science and Technology (IFST)",
             kind="professional body",
             how_to_join="Apply online as an Associate member.",
             yearly_cost=120, hours_per_month=2,
             benefits=[{"text": "Webinars on audit standards",
                        "serves": ["jb-need-food-safety"]}]),
        dict(id="jb-net-site", name="Pennine Foods shift managers' meeting",
             kind="internal or cross-functional",
             how_to_join="Ask the site manager for a seat at the monthly meeting.",
             yearly_cost=0, hours_per_month=2,
             benefits=[{"text": "Other shifts' rota and absence figures",
                        "serves": ["jb-need-rota"]},
                       {"text": "Seen by the site manager", "serves": ["jb-asp-manager"]}]),
        dict(id="jb-net-linkedin", name="LinkedIn group: Food Manufacturing UK",
             kind="online community or platform",
             how_to_join="Request to join from my LinkedIn profile.",
             yearly_cost=0, hours_per_month=1, benefits=[]),
    ]
    ways = [("jb-crit-needs", "Fit with needs", 5, "more is better"),
            ("jb-crit-cost", "Cost", 2, "less is better")]
    out: list[dict] = [{"kind": "learner", "data": who}]
    out += [{"kind": "need", "data": {"id": i, "horizon": h, "priority": p, "text": t}}
            for i, h, p, t in wants]
    out += [{"kind": "network", "data": n} for n in places]
    out += [{"kind": "shortlist_criterion",
             "data": {"id": i, "name": n, "weight": w, "direction": d}}
            for i, n, w, d in ways]
    out.append({"kind": "scores", "data": {"grid": {
        "jb-net-site": {"jb-crit-needs": 5, "jb-crit-cost": 1}}}})
    out.append({"kind": "shortlist", "data": {"networks": ["jb-net-site", "jb-net-ifst"],
                                              "reason": ""}})
    out.append({"kind": "answer_1_1", "data": dict(
        definition="Networking is building working relationships that help me and others "
                   "do our jobs.",
        skills=[dict(name="Active listening",
                     features="Letting people finish and asking open questions.",
                     used_on="2025-11-12",
                     use="At the shift handover I asked the night team leader what made "
                         "absences spike.",
                     effect="She told me about the school-holiday pattern I had missed.")])})
    out.append({"kind": "contact", "data": dict(
        id="jb-con-osei", name="Ama Osei (fictional)", organisation="Pennine Foods Ltd "
        "(fictional)", role="Night shift manager", networks=["jb-net-site"])})
    out.append({"kind": "mutual_benefit", "data": dict(
        id="jb-mb-osei", member="jb-con-osei", network="jb-net-site", date="2025-11-12",
        interests=["rota planning"], looking_for=["cover for school holidays"],
        they_offer="Her absence figures for the night shift.", serves=["jb-need-rota"],
        i_offer="Our day-shift cover plan.")})
    out.append({"kind": "interaction", "data": dict(
        id="jb-int-osei-1", member="jb-con-osei", network="jb-net-site", date="2025-11-12",
        kind="exchanged details at a first meeting",
        summary="Met at the shift managers' meeting; agreed to compare rotas.")})
    out += [{"kind": "interaction", "data": dict(
        id=f"jb-int-osei-{n}", member="jb-con-osei", network="jb-net-site", date=day,
        kind=kind, summary=summary)} for n, day, kind, summary in (
            (2, "2025-11-19", "meeting", "Compared our rotas over coffee; she showed me "
                                         "her absence tracker."),
            (3, "2025-11-26", "e-mail or message", "Sent her our day-shift cover plan."))]
    return out


with open(PARTIAL_OUT, "w", encoding="utf-8") as f:
    json.dump({"format": "netkit-example", "records": partial_records()}, f, indent=1,
              ensure_ascii=False)
    f.write("\n")
