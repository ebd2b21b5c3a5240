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

doc = {"format": "netkit-example", "records": records}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
