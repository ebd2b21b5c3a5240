"""Writes data/example-learner.json (the fictional example learner): python tools/make_example.py"""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "example-learner.json"

learner = {"name": "Priya Shah", "employer": "Northgate Logistics Ltd (fictional)",
           "role": "Operations Manager, Wakefield distribution centre",
           "tutor": "Daniel Okafor (fictional)", "assessor": "Helen Marsh (fictional)"}

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
               "benchmarking survey."),
    dict(id="con-pryce", name="Joanne Pryce",
         organisation="Calder Staffing (fictional)", role="Account manager",
         email="joanne.pryce@example.com", phone="01924 496 0456",
         notes="Discussing rates for the peak before we go to tender.", confidential=True),
]
records += [{"kind": "witness", "data": x} for x in witnesses]
records += [{"kind": "discussion", "data": x} for x in discussions]
records += [{"kind": "contact", "data": x} for x in contacts]
records.append({"kind": "declaration", "data": {
    "agreed": True, "name": learner["name"], "date": "2025-11-10"}})


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
             notes="CILT Yorkshire member; led his site's WMS upgrade in 2024."),
        dict(id="con-clarke", name="Nadia Clarke (fictional)",
             organisation="Northgate Logistics Ltd (fictional)", role="IT Manager",
             notes="Leads the IT side of our WMS upgrade."),
        dict(id="con-fenwick", name="Tom Fenwick (fictional)",
             organisation="Calder Valley Foods (fictional)", role="HR Manager",
             notes="Chamber of Commerce member; short of seasonal staff."),
        dict(id="con-rahman", name="Aisha Rahman (fictional)",
             organisation="Pennine Temps (fictional)", role="Director",
             notes="Chamber of Commerce member; supplies warehouse temps."),
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

doc = {"format": "netkit-example", "records": records}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
