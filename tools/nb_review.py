"""Writes notebooks/assessor/review.ipynb: python tools/nb_review.py"""
from pathlib import Path

import nbformat as nbf

from netkit.criteria import CRITERIA, OUTCOMES

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell

cells = [
md("""# Reviewing a learner's export (for assessors)

This notebook is the **assessor's**, not the learner's. It opens the folder a learner handed in (written by `netkit export`), checks every file against the export's `manifest.json`, and for each criterion 1.1-3.7 shows the evidence the evidence pack's coverage grid lists, with links to the exported files, beside a form for your decision.

Your decisions go into **your own portfolio file**, never the learner's: `assessor-portfolio.sqlite` in the folder you work in, or the file the `NETKIT_ASSESSOR_PORTFOLIO` environment variable names. It is the same store as a learner's portfolio, with the same safety: every save is one transaction and keeps the earlier version. Each decision names the export it judged by the learner's name and the SHA-256 of its `manifest.json`, so it stands only for those files. An export whose files do not match its manifest cannot be decided on.

**Met** only when the evidence is **valid** (it shows what the criterion asks), **authentic** (the learner's own work: the declaration, witnesses), **current** (recent enough to show the learner can do it now), **sufficient** (the unit's minimum and range covered) and **reliable** (it would show the same on another occasion). For **not yet met**, the feedback says what the learner needs to do."""),
code("""# Parameters: the export folder the learner handed in (None: the NETKIT_REVIEW environment
# variable) and your own portfolio (None: NETKIT_ASSESSOR_PORTFOLIO, else
# assessor-portfolio.sqlite in this notebook's folder).
export_dir = None
assessor_portfolio = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

review = nk.widgets.open_review(export_dir, assessor_portfolio)
review"""),
md("""## The files in the export

Every file the export holds, with the start of its SHA-256. The links open the exported pages (the HTML notebooks and the evidence pack; the PDFs are the same pages printed)."""),
code("review.files()"),
md("""## Assessment plan

The plan you agree with the learner: for each criterion, the methods you will use and when. It belongs to the learner, not to one export, so it carries over when they hand in again."""),
code("review.plan()"),
]

for outcome in OUTCOMES:
    cells.append(md(f"## Learning outcome {outcome.number}: {outcome.text}\n\n"
                    "Each criterion: the evidence the coverage grid lists (its status there "
                    "means the learner's minimum is recorded, not your decision), then your "
                    "decision."))
    for c in (c for c in CRITERIA if c.outcome == outcome.number):
        cells.append(md(f"### {c.id} {c.text}"))
        cells.append(code(f'review.criterion("{c.id}")'))
    cells.append(md(f"### Sign-off: learning outcome {outcome.number}\n\n"
                    "Type your name and the date once every criterion of this outcome is "
                    "decided met."))
    cells.append(code(f"review.signoff({outcome.number})"))

cells += [
md("""## Internal quality assurance

For the internal quality assurer (IQA): whether this assessment was sampled, by whom, when, the outcome (decision agreed, or action required) and comments."""),
code("review.iqa()"),
md("""## The assessment decision record

Your decisions on this export so far. To give the learner their feedback, write the decision record in a terminal, in this folder:

```
netkit feedback --out decision-record
```

It writes `decision-record.html` and `decision-record.pdf` (your record, with the IQA section) and `decision-record.json`, which the learner loads into their portfolio with `netkit feedback load decision-record.json`: your decision then shows beside each criterion in their notebooks and in `netkit status`. netkit checks the export again first: if its files have changed since you judged them, it refuses."""),
code("review.decisions()"),
]

for n, cell in enumerate(cells):
    cell["id"] = f"review-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
target = Path(__file__).resolve().parent.parent / "notebooks" / "assessor" / "review.ipynb"
target.parent.mkdir(exist_ok=True)
nbf.write(nb, target)
