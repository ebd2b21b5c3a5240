"""Writes notebooks/00-start-here.ipynb: python tools/nb00.py"""
from pathlib import Path

import nbformat as nbf
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
LEARNER_ONLY = "learner-only"


def learner(text: str) -> nbf.NotebookNode:
    """A markdown cell for the learner at work only: no export shows it."""
    return md(text, metadata={"tags": [LEARNER_ONLY]})


cells = [
md("""# Start here: Develop and Maintain Professional Networks

This workbook walks you through the QCF unit **J/506/1949 "Develop and Maintain Professional Networks"** (level 4, 3 credits), which is built on the National Occupational Standard **M&LA3 "Develop your personal networks"**.

Work through it over several weeks, in your own workplace: the unit must be assessed on real workplace evidence, and *simulation is not allowed*."""),
learner("""Everything you type is saved to your **portfolio**, a single file on your computer, as soon as you press **Save**. You can close the workbook and come back at any time: re-running a notebook shows your saved answers.

**How to use a notebook:** run the cells from top to bottom (menu *Run > Run All Cells*, or Shift+Enter on each cell). Fill in the forms and press **Save** on each one."""),
code("""# Parameters: leave as None to use your own portfolio (NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite).
portfolio_path = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

portfolio = nk.open_portfolio(portfolio_path)"""),
md("""## What the unit asks of you

The unit has three **learning outcomes**. Each has **assessment criteria**, and each criterion starts with a **command verb** (describe, explain, evaluate, identify, shortlist, assess...) that says what kind of answer the assessor expects. The table gives the minimum amount of evidence for each criterion. The awarding body's guidance (M&L 25) states a minimum for 1.1, 1.6, 2.1, 2.2, 2.3, 3.1 and 3.7 only; for the other criteria it states none, and the minimum of one is netkit's default."""),
code("nk.unit_overview()"),
md("""## How the workbook is organised

| Notebook | What you do there |
|---|---|
| `00-start-here.ipynb` | This page: your details and your progress. |
| `01-principles-of-networking.ipynb` | Learning outcome 1: a reflective account of the principles of effective networking, grounded in your own dated examples, and your follow-up tracker. |
| `02-identify-networks.ipynb` | Learning outcome 2: analyse your needs and potential networks, shortlist them against your own criteria, and assess the ones you select. |
| `03-maintain-networks.ipynb` | Learning outcome 3: your contacts register, mutual benefit, promoting yourself, support given and received, a confidentiality agreement, reviews and actions, introductions. |
| `04-evidence.ipynb` | Witness testimonies, professional discussions, and exporting your evidence for your assessor. |

## What counts as evidence

Your assessor will look at your **work products** (the analyses, shortlists and records you make in this workbook), a **reflective account** in your own words, **witness testimony** from colleagues or your line manager, and notes of a **professional discussion** with the assessor. All of it must come from your real work.

**Other people's personal data.** Your networks are made of real people. Record only what you need, keep confidential matters out of the workbook unless you flag them confidential, and remember that your portfolio file is personal data: keep it on your own computer. The evidence you export leaves out contacts' e-mail addresses, phone numbers and profile links by default.

## The rules your evidence must meet

- **From your workplace only.** Every example is something you really did, in your own job, with your real networks, over the weeks you work through the unit. A made-up scenario, a role-play or a case study does not count: the unit does not allow simulation.
- **Your own work, and dated.** Your assessor checks that evidence is valid (it shows what the criterion asks), authentic (yours), current, sufficient and reliable. netkit dates every record when you save it and gives each piece of evidence a reference (E1, E2, ...): cite it ("see E7") wherever you use it. The declaration of authenticity in notebook 04 is dated by netkit too; if you change evidence after making it, make it again.
- **A reflective account** is written in the first person about real, dated occasions, in four steps: *what happened* (when, where, who, your part), *what you thought* (why you acted as you did, tied to the criterion), *what you learned* (what went well or not, and why) and *what you will do* next time. Follow the criterion's command verb: an "evaluate" ends with a judgement, an "explain" gives reasons. Notebook 01's forms follow this frame.
- **Recognition of prior learning.** If you have already done what a criterion asks (in an earlier job or course), tell your assessor before you start. They decide whether evidence you already have counts: it must be your own, current, and mapped to the criterion, and they may confirm it in a professional discussion. Attach it (`netkit attach FILE --criteria 3.4`) and cite its reference.
- **Consent of the people you name.** Tell the contacts you record, and the people you introduce, what you are recording and why, and name only those who agree. A witness agrees by reading, correcting and signing their statement (`netkit witness-statement NAME`, notebook 04); a testimony they have not signed is marked "not yet confirmed by the witness".
- **Confidential evidence: show it, do not leave the criterion empty.** Some evidence cannot leave your workplace (a confidentiality agreement for 3.4, say). Record it anyway and flag it confidential, or attach it with `--confidential`: the export withholds it, the evidence pack lists it by criterion "to be seen in the original", and you show the original to your assessor at a visit."""),
md("""## About you"""),
learner("""Fill in your details and press **Save**. Your name and employer appear on your exported evidence. Centre, awarding organisation, qualification and registration number are optional: copy them from your centre's registration letter, and the evidence pack's cover sheet shows them."""),
code("nk.widgets.LearnerForm(portfolio)"),
md("""## Your progress

For every criterion: *met* (the minimum evidence is recorded), *partial* (some evidence) or *missing*, with what to do next. *Met* is netkit's count, not your assessor's decision: your assessor judges the evidence and decides, and once you load their feedback (`netkit feedback load`) their decision shows beside each criterion."""),
learner("""Re-run this cell after working in the other notebooks. From a terminal, `netkit status` shows the same."""),
code("nk.progress(portfolio)"),
]
# Stable ids: regenerating changes nothing else. Learner-only cells (instructions and
# controls for the learner at work) are left out of every export; they get ids of their own.
mine = [c for c in cells if LEARNER_ONLY not in c.metadata.get("tags", [])]
others = [c for c in cells if LEARNER_ONLY in c.metadata.get("tags", [])]
for n, cell in enumerate(mine):
    cell["id"] = f"start-{n:02d}"
for n, cell in enumerate(others):
    cell["id"] = f"start-learner-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, Path(__file__).resolve().parent.parent / "notebooks" / "00-start-here.ipynb")
