"""Writes notebooks/tutor/cohort.ipynb (the tutor's cohort view): python tools/nb_cohort.py"""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell

cells = [
md("""# Cohort view: your learners side by side

For tutors of the unit **J/506/1949 "Develop and Maintain Professional Networks"**. This notebook reads many learners' portfolios at once and shows, for each learner and each assessment criterion 1.1-3.7, whether the evidence is **met**, **partial** or **missing**: the same counting as `netkit status` and each learner's progress table in `00-start-here.ipynb`. Beside it: when each learner last saved anything, and what each needs next. Where a learner loaded their assessor's feedback (`netkit feedback load`), the cell also shows the assessor's decision (*assessor: met* or *assessor: not yet met*).

*Met* means the minimum evidence is recorded (the minimum the guidance M&L 25 states for 1.1, 1.6, 2.1, 2.2, 2.3, 3.1 and 3.7; netkit's default of one for the others); it is not the assessor's decision, which shows beside it where loaded.

**Read-only.** Every portfolio is opened read-only: nothing is written to the file or made beside it, so you can run this while learners are working. A file that cannot be read (not a portfolio, damaged, or written by a newer netkit) is listed at the end with the reason; the others are read as usual.

**Personal data.** Portfolios hold personal data about your learners and the people in their networks. This view shows only names, progress and dates; keep any page you save from it within your centre."""),
md("""## Which portfolios

Set `paths` to what to read, as a list. Each item can be:

- a portfolio file (`portfolio.sqlite`), or a dump a learner sent you (`netkit dump --out FILE`);
- a folder: every `portfolio.sqlite` in it and below it is read (hidden folders such as `.venv` are skipped);
- a pattern, such as every learner's workbook on a JupyterHub: `"/home/*/workbook/portfolio/portfolio.sqlite"` (or the folder `"/home"`, to search every home).

Left as `None`, the notebook shows the two fictional example learners shipped with netkit: Priya Shah, who has met every criterion, and Jordan Blake, who is behind (learning outcome 2 partly done, learning outcome 3 barely started)."""),
code("""# Parameters: the learners' portfolios (files, dumps, folders, patterns); None = the two example learners.
paths = None""", metadata={"tags": ["parameters"]}),
code("""from netkit.cohort import example_learners, read_cohort

cohort = read_cohort(paths or example_learners())
print(cohort.summary())"""),
md("""## The heat map, with filters

Each cell says its status in words and in colour (blue *met*, orange *partial*, grey *missing*: colours readable with the common kinds of colour blindness). Choose a **criterion** to see only its column, a **status** to see only the learners with it (in that criterion, or in any), or type part of a **learner**'s name. *Needs next* is, in order: a criterion the assessor judged *not yet met*, with the start of the feedback; else the first criterion the learner has begun but not met; else the first not begun, with what `netkit status` says to do."""),
code("""from netkit.widgets.cohort import CohortView

CohortView(cohort)"""),
md("""## As a table

The same as a pandas DataFrame: one row per learner, a column per criterion (and the assessor's decision per criterion, empty where none was loaded), criteria met, last activity and what they need next. Sort or filter it as you like, for example `table.sort_values("met")`, or save it with `table.to_csv("cohort.csv", index=False)`."""),
code("""table = cohort.frame()
table[["learner", "met", "last activity", "needs next"]]"""),
md("""## From a terminal

`netkit cohort PATH... [--csv FILE] [--html FILE]` prints the same, and writes it as CSV (for a spreadsheet) or as a self-contained HTML page with the heat map (to share with colleagues in your centre). For example, on a JupyterHub:

    netkit cohort /home --html cohort.html
    netkit cohort '/home/*/workbook/portfolio/portfolio.sqlite' --csv cohort.csv

Put a pattern in quotes, so that netkit expands it rather than the shell: then a pattern that matches nothing is listed too."""),
]
for n, cell in enumerate(cells):
    cell["id"] = f"cohort-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
out = Path(__file__).resolve().parent.parent / "notebooks" / "tutor" / "cohort.ipynb"
out.parent.mkdir(exist_ok=True)
nbf.write(nb, out)
