"""Writes notebooks/01-principles-of-networking.ipynb: python tools/nb01.py"""
import sys
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from netkit.criteria import ANSWER_GUIDES, ANSWER_WORDS, VERB_DEMANDS, criterion  # noqa: E402

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
LEARNER_ONLY = "learner-only"


def learner(text: str) -> nbf.NotebookNode:
    """A markdown cell for the learner at work only: no export shows it."""
    return md(text, metadata={"tags": [LEARNER_ONLY]})


def heading(cid: str) -> nbf.NotebookNode:
    return md(f"## {cid} {criterion(cid).text}")


def asks(cid: str, example: str) -> nbf.NotebookNode:
    """What the verb demands and what the answer is made of (from the criteria data), and
    a short worked example: teaching for the learner at work, not part of the account."""
    c = criterion(cid)
    guide = ANSWER_GUIDES[cid]
    parts = "\n".join(f"- {p}" for p in guide.parts)
    low, high = ANSWER_WORDS
    return learner(f"""**What "{c.verb}" asks.** {VERB_DEMANDS[c.verb][0].upper()}{VERB_DEMANDS[c.verb][1:]}. Your answer is made of:

{parts}

Ground it in your own workplace with one or more **dated examples** (link each to a network, contact or follow-up you recorded), tick the range points it covers, and aim for about {low}-{high} words. The reflective frame (what happened, what I thought, what I learned, what I will do) is optional: use it if it helps you write. Under the form, netkit says what the answer still lacks; it never scores it.

**Worked example (fictional).** {example}""")


def answer(cid: str, form: str) -> list[nbf.NotebookNode]:
    return [code(f"nk.widgets.{form}(portfolio)"),
            code(f'nk.widgets.criterion_status(portfolio, "{cid}")')]


cells = [
md("""# Learning outcome 1: the principles of effective networking

*Understand the principles of effective networking.* This is a reflective account of criteria 1.1 to 1.6, written from the learner's own workplace: the unit allows no simulation, so every answer draws on real, dated networking recorded in this workbook (the networks of notebook 02, the contacts and introductions of notebook 03, the follow-up tracker below)."""),
learner("""Each section quotes the criterion, says what its command verb asks and what a good answer is made of, shows a short worked example from **Priya Shah**, the workbook's fictional example learner (an operations manager at a distribution centre), then gives you the form. Press **Save** on each form; the status line under it redraws. To explore a complete example first, run `netkit example` in a terminal with a spare portfolio (see the README)."""),
code("""# Parameters: leave as None to use your own portfolio (NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite).
portfolio_path = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

portfolio = nk.open_portfolio(portfolio_path)"""),
learner("""## Questions from your own records

netkit reads what you have recorded elsewhere (follow-ups, networks, contacts, your 2.2 criteria) and asks questions to write from."""),
code("nk.widgets.Prompts(portfolio)", metadata={"tags": [LEARNER_ONLY]}),
# -- 1.1 ---------------------------------------------------------------------------------
heading("1.1"),
code('nk.about_criterion("1.1")'),
asks("1.1", "Priya defines networking as *\"the exchange of information or services ... building productive relationships that help me do my job and grow my career\"*. One of her four skills: **building rapport** - *finding common ground quickly, showing genuine interest in the other person's problem*; used on **14 Oct 2025** at the CILT webinar, when she asked Sam Whitfield how his members handle the peak; *effect*: Sam offered her a place in the branch benchmarking survey."),
*answer("1.1", "SkillsForm"),
# -- 1.2 ---------------------------------------------------------------------------------
heading("1.2"),
code('nk.about_criterion("1.2")'),
asks("1.2", "*Reciprocity*, **because** \"a network only lasts if I can give as well as take: I chose CILT partly because our benchmarking data is useful to other members\". She illustrates her bases from her own 2.2 criteria: Fit with needs (weight 5) and Fit with aspirations (4) come first because her bases start with her own goals."),
*answer("1.2", "ChoosingForm"),
# -- 1.3 ---------------------------------------------------------------------------------
heading("1.3"),
code('nk.about_criterion("1.3")'),
asks("1.3", "Her shared agenda: the cross-site forum's aim to have the WMS live before the next peak (strength: a phased go-live nobody had alone; limit: slow decisions). Her conflict: the Leeds site manager wanted the temporary-staff budget; its cause a power struggle and unshared figures; she acknowledges her own interest (her site's targets) and states her position with forecasts. *Conclusion*: both are useful, the shared agenda more so over time; conflict management strengthens a relationship when it is open."),
*answer("1.3", "AgendasForm"),
# -- 1.4 ---------------------------------------------------------------------------------
heading("1.4"),
code('nk.about_criterion("1.4")'),
asks("1.4", "Platforms: LinkedIn, Teams, CILT webinars. Benefits: reach, information between events, visibility. Risks: hacking (*reduced by* two-factor login), oversharing client data (*reduced by* following Northgate's social media policy). *Conclusion*: very useful for reach and keeping in touch, as a supplement to meeting people."),
*answer("1.4", "InternetForm"),
# -- 1.5 ---------------------------------------------------------------------------------
heading("1.5"),
code('nk.about_criterion("1.5")'),
asks("1.5", "Her criteria: results, trust and reputation, lasting relationships. Her tracker: pick-rate figures sent to Sam within a week (*outcome*: the benchmark behind the WMS business case); a call to Calder Staffing left eleven days (*cost*: 6% more on agency staff for two weeks). *Judgement*: following up is essential against all three criteria, and speed matters as much as doing it."),
md("""### Follow-up tracker

Every lead or action, where it came from, the next step, when it is due and where it stands. Overdue items (still open after their due date) are flagged."""),
learner("""Record each lead the day you get it, with a due date. When you follow it up, set the status, the date and what came of it; if it slipped, mark it **missed** and say what that cost: the workbook asks for two or more followed up and one that was missed (netkit's own minimum: the guidance states none for 1.5). **Save calendar** writes your open follow-ups to `followups.ics` beside your portfolio, with a link to download it: import it into Outlook, Google Calendar or any calendar app. In a terminal, `netkit followups --ics FILE` does the same."""),
code("nk.widgets.FollowUpsForm(portfolio)"),
md("""### Assessment"""),
*answer("1.5", "LeadsForm"),
# -- 1.6 ---------------------------------------------------------------------------------
heading("1.6"),
code('nk.about_criterion("1.6")'),
asks("1.6", "*Confidentiality of client data when benchmarking*: the choice - what to share with competitors in the CILT group; the code or law - UK GDPR, client contracts, CILT's code of conduct; who is affected - clients, staff, Northgate, other members; how she handled it - written rules: averages only, no client names. Her *conclusion*: agree boundaries before sharing anything, declare personal interests early, claim only her own part."),
*answer("1.6", "EthicsForm"),
learner("""## What next

- `00-start-here.ipynb` (or `netkit status` in a terminal) shows your progress on every criterion, with what each answer still lacks.
- `02-identify-networks.ipynb` and `03-maintain-networks.ipynb` hold the networks, contacts and introductions your examples link to.
- `04-evidence.ipynb` exports this notebook, with every answer and table, for your assessor."""),
]
# Stable ids: regenerating changes nothing else. Learner-only cells (instructions and
# controls for the learner at work) are left out of every export; they get ids of their own.
mine = [c for c in cells if LEARNER_ONLY not in c.metadata.get("tags", [])]
others = [c for c in cells if LEARNER_ONLY in c.metadata.get("tags", [])]
for n, cell in enumerate(mine):
    cell["id"] = f"principles-{n:02d}"
for n, cell in enumerate(others):
    cell["id"] = f"principles-learner-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, ROOT / "notebooks" / "01-principles-of-networking.ipynb")
