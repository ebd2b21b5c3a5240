"""Writes notebooks/02-identify-networks.ipynb: python tools/nb02.py"""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
LEARNER_ONLY = "learner-only"


def learner(text: str) -> nbf.NotebookNode:
    """A markdown cell for the learner at work only: no export shows it."""
    return md(text, metadata={"tags": [LEARNER_ONLY]})


cells = [
md("""# Learning outcome 2: identify, shortlist and assess networks

*Be able to identify professional networks for development.* This notebook takes you through the three assessment criteria of learning outcome 2, in order:

1. **2.1** Record your current needs and future aspirations, then five or more potential networks and what each would give you. netkit sets them side by side so you can see which network serves which need, and which needs nothing serves yet.
2. **2.2** Decide the criteria that matter to you and how much, score every network on them, and shortlist two or more. netkit ranks the networks and tells you how far each weight could move before the shortlist would change.
3. **2.3** For the network(s) you select, weigh the benefits against the limitations of joining and of keeping up membership, and make a judgement.

Each step quotes the criterion, says what its command verb asks, shows a short worked example from **Priya Shah**, the workbook's fictional example learner (an operations manager at a distribution centre), then gives you the form and a chart of your own answers."""),
learner("""Press **Save** on each form; the analysis, the charts and the status lines below it redraw as you save. To explore a complete example first, run `netkit example` in a terminal with a spare portfolio (see the README)."""),
code("""# Parameters: leave as None to use your own portfolio (NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite).
portfolio_path = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

portfolio = nk.open_portfolio(portfolio_path)"""),
# -- 2.1 ---------------------------------------------------------------------------------
md("""## 2.1 Identify potential networks for professional development from an analysis of their benefits compared with individual needs and aspirations"""),
code('nk.about_criterion("2.1")'),
md("""**What "identify ... from an analysis" asks.** Not a list of names: for each network, what it would give *you*, set against what you need now and want next, and a conclusion. The assessor looks for the link between each benefit and a need or aspiration, and for five or more networks.

**Worked example (fictional).** Priya's current need *N2 "keep up with changes to drivers' hours and tachograph rules"* and her aspiration *A1 "become a Chartered Member of CILT within two years"*. One of her networks:

| Network | Benefit | Serves |
|---|---|---|
| Chartered Institute of Logistics and Transport (professional body, £245 a year, 4 hours a month) | Yorkshire branch events on drivers' hours and compliance | N2 |
| | The route to Chartered Membership, with a CPD record | A1, A2 |

*Her conclusion:* "The best fit: it serves my compliance need now and is the only route to chartered status. The fee is the highest, so I will ask Northgate to fund it from the training budget."

### Your needs and aspirations

Current needs are about the role you have now; aspirations look one to three years ahead. Give each a priority. Three to six of each is plenty."""),
code("nk.widgets.NeedsForm(portfolio)"),
md("""### Your potential networks"""),
learner("""Think wide: professional bodies, sector or trade associations, internal or cross-functional groups, alumni networks, online communities, local business groups, special-interest or CPD groups, mentoring schemes. For each, say how you would join, what it costs in money and time, and what it would give you, ticking the needs and aspirations each benefit serves. Finish with your conclusion on the network. Record **five or more**."""),
code("nk.widgets.NetworksForm(portfolio)"),
md("""### Your analysis

The table and the heat-map set every network against every need and aspiration. Needs no network serves are marked: look for a network that serves them, or say in your conclusions why none is needed yet."""),
code("nk.widgets.NeedsAnalysis(portfolio)"),
code("nk.widgets.LiveChart(portfolio, nk.charts.needs_matrix)"),
code('nk.widgets.criterion_status(portfolio, "2.1")'),
# -- 2.2 ---------------------------------------------------------------------------------
md("""## 2.2 Shortlist networks for development against defined criteria"""),
code('nk.about_criterion("2.2")'),
md("""**What "shortlist ... against defined criteria" asks.** Say *beforehand* what you will judge the networks on and how much each criterion matters, apply it to every network, and choose two or more. If your choice differs from what your own criteria say, explain why: that is a judgement the assessor wants to see, not a mistake.

**Worked example (fictional).** Priya's criteria include *Fit with needs* (weight 5, more is better) and *Cost* (weight 2, less is better). She scores each network 1 to 5 on what it *has*: CILT costs the most, so it scores 5 on Cost, and the direction turns that into a low contribution. The ranking puts CILT first, her internal cross-site forum second and the Chartered Management Institute third. She shortlists CILT, the forum and the local Chamber of Commerce instead of CMI, and says why: *"my most urgent gap is temporary staff for the peak, and only the Chamber serves it."*

netkit then tells her how robust the ranking is, for example: *"Fit with needs would need a weight of 33%, now 24%, before Northgate cross-site operations forum overtakes Chartered Institute of Logistics and Transport (CILT UK)."* Each threshold is computed exactly, one weight at a time.

### Your criteria

Start from the suggested criteria or write your own. The weight says how much a criterion matters (only the proportions count); the direction says whether a higher score is better."""),
code("nk.widgets.CriteriaForm(portfolio)"),
md("""### Score, rank and shortlist

Every network scored on every criterion (1 to 5). The chart ranks the networks by weighted score and shows what each criterion adds."""),
learner("""Score every network on every criterion. Move a weight and the chart re-ranks at once. Tick two or more networks for your shortlist, give your reason if it differs from the ranking, and press **Save** (that also keeps the weights and scores)."""),
code("nk.widgets.ShortlistForm(portfolio)"),
md("""### How sensitive is your ranking to the weights?

For each criterion: its share of the weight now (◆), and the share at which the top network (▲) or the ranking's top networks (■) would change. A threshold close to the diamond means the ranking hangs on that weight: say in your reasoning whether you are sure of it."""),
code("nk.widgets.LiveChart(portfolio, nk.charts.sensitivity)"),
code('nk.widgets.criterion_status(portfolio, "2.2")'),
# -- 2.3 ---------------------------------------------------------------------------------
md("""## 2.3 Assess the benefits and limitations of joining and maintaining selected network(s)"""),
code('nk.about_criterion("2.3")'),
md("""**What "assess" asks.** Weigh it up and come to a judgement. Joining and *keeping up* a membership are different: the first costs a fee and a form, the second costs evenings, travel and obligations for years. Rate each benefit and limitation for its impact, count the cost in money and hours a year, and say which criteria you used. Then decide: join, maintain, leave, or not now, and justify it.

**Worked example (fictional).** For CILT, Priya lists among others: *benefit of joining* - the route to Chartered Membership (impact 5); *limitation of joining* - the £245 fee (impact 3); *limitation of maintaining* - branch events are mostly in the evening, in Leeds (time, impact 3); *benefit of maintaining* - a peer group to benchmark with (impact 4). Her judgement: **join**, because the chartered route and the compliance updates outweigh the fee and the evenings, and she will ask her employer to fund the fee.

### Your assessment"""),
learner("""Pick a shortlisted network, fill in its benefits and limitations, and save. Assess one or more."""),
code("nk.widgets.AssessmentForm(portfolio)"),
code("nk.widgets.LiveChart(portfolio, nk.charts.assessment_balance)"),
code('nk.widgets.criterion_status(portfolio, "2.3")'),
learner("""## What next

- `00-start-here.ipynb` (or `netkit status` in a terminal) shows your progress on every criterion.
- Learning outcome 3 (`03-maintain-networks.ipynb`) builds on the networks you select here.
- `04-evidence.ipynb` exports this notebook, with every answer, table and chart, for your assessor."""),
]
# Stable ids: regenerating changes nothing else. Learner-only cells (instructions and
# controls for the learner at work) are left out of every export; they get ids of their own.
mine = [c for c in cells if LEARNER_ONLY not in c.metadata.get("tags", [])]
others = [c for c in cells if LEARNER_ONLY in c.metadata.get("tags", [])]
for n, cell in enumerate(mine):
    cell["id"] = f"networks-{n:02d}"
for n, cell in enumerate(others):
    cell["id"] = f"networks-learner-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, Path(__file__).resolve().parent.parent / "notebooks" / "02-identify-networks.ipynb")
