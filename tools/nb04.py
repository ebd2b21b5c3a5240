"""Writes notebooks/04-evidence.ipynb: python tools/nb04.py"""
from pathlib import Path

import nbformat as nbf
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
LEARNER_ONLY = "learner-only"


def learner(text: str) -> nbf.NotebookNode:
    """A markdown cell for the learner at work only: no export shows it."""
    return md(text, metadata={"tags": [LEARNER_ONLY]})


cells = [
md("""# Evidence for your assessor: witness testimony, professional discussion and export

Your work products in the other notebooks are one kind of evidence. The unit's assessment guidance names two more that you record here, then you declare that the evidence is your own and export all of it for your assessor.

> *"Evidence to demonstrate achievement of learning outcomes 2 and 3 is likely to come from a combination of reviewing the learner's work products, witness testimony and professional discussion or reflective account."*
> — unit J/506/1949, unit assessment guidance"""),
code("""# Parameters: leave as None to use your own portfolio (NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite).
portfolio_path = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

portfolio = nk.open_portfolio(portfolio_path)"""),
md("""## The rules for this evidence

- **From your workplace only**: real occasions, real colleagues and network members, no simulation or role-play.
- **Name only people who agree.** A witness agrees by reading, correcting and signing their statement; the contacts you name in your records should know what you record about them and why.
- **Confidential evidence is shown, not left out.** Record it and flag it confidential (or attach it with `--confidential`): an export withholds it, the evidence pack lists what was withheld by criterion, "to be seen in the original", and you show the original to your assessor. A confidentiality agreement you cannot share (3.4) is evidenced this way, rather than leaving 3.4 empty.
- **Prior learning** (evidence from before you started the unit) counts only if your assessor accepts it: attach it, cite its reference and see notebook 00.
- **A reflective account** (notebook 01) says what happened, what you thought, what you learned and what you will do; a testimony or a discussion backs it up, it does not replace it."""),
md("""## Workplace documents

Much of your best evidence already exists at work: the minutes of a network meeting, the e-mail in which a member agreed what may be shared, a confidentiality agreement, a certificate, the programme of an event where you spoke, a photo of the whiteboard from a workshop. Attach each one here (or with `netkit attach FILE` in a terminal): netkit keeps a copy **inside your portfolio**, with its SHA-256 checksum so your assessor can see it is the file you attached, and gives it an **evidence reference** such as **E14**.

**Cite it wherever it is evidence.** Type the reference into the *evidence* field of an entry in notebook 03 ("minutes E14"), into your discussion notes, or as a testimony's signed copy. netkit checks that every reference you cite is one it gave, and the evidence pack lists, per criterion, each reference with the file and page where it appears.

**What netkit keeps**: PDF; PNG, JPEG, GIF and WebP images; e-mails (`.eml`, Outlook `.msg`); Word (`.docx`, `.doc`) and OpenDocument (`.odt`) documents; text (`.txt`, `.md`); up to 20 MB a file. A file is checked by its content as well as its name: a damaged file, or one whose name says something else, is refused with what to do, and nothing is stored.

**Attachments are not redacted.** An export copies them as they are into `attachments/`: before attaching, black out what others must not read, or tick **confidential**, and the export lists the document as "seen by the assessor in the original" instead of copying it."""),
learner("""Choose the file, give it a title and the date on the document, tick the criteria it evidences, then Save: the status line gives its reference. Pick a saved attachment to change its details, or to delete it (Undo delete brings it back). In a terminal the same is:

```
netkit attach minutes.pdf --criteria 3.4,3.5 --title "CILT branch minutes" --date 02/11/2026
```

Add `--confidential` for a document your assessor should see only in the original."""),
code("nk.widgets.AttachmentForm(portfolio)"),
md("""## Witness testimony

A **witness testimony** is a statement by someone who has seen you network at work: a colleague, your line manager, a member of a network you belong to. The guidance says what it is for:

> *"Witness testimony from colleagues and the line manager should also be used to confirm that the learner has consistently met the requirements over a period of time, as well as met organisational requirements."*

The occupational standard (NOS M&LA3) lists witness statements as evidence of your **contribution to networks**, your **role in seeking and providing information**, and the **business developments** you made through your contacts.

**What a good testimony looks like.** It is in the witness's own words, says how they know your work, and describes what they saw: specific occasions, over a period of time, with what result. For example:

> *"Over the last eight months Priya has represented the Wakefield site at the cross-site operations forum. She prepared a comparison of pick rates with two other distribution firms she met through CILT, shared it with the forum without naming their clients, and introduced our IT manager to a peer who had led the same WMS upgrade."* — line manager

A testimony counts as **supporting evidence** for those criteria in your progress table and the evidence pack's coverage grid; it does not replace your own work products."""),
learner("""Give the witness's full name, job title and relationship to you: your assessor may contact them to confirm it. Ask them first, and name only a witness who agrees. Tick the criteria the testimony supports (1.1-3.7)."""),
code("nk.widgets.WitnessForm(portfolio)"),
learner("""### The witness confirms the statement

What you type here is your record of the testimony. To make it the witness's own, write it out as a statement for them to read, correct, sign and date, in a terminal (*File > New > Terminal*):

```
netkit witness-statement "Mark Ellis" --out statement.pdf
```

(`.html` works too; without `--out` it writes `witness-<name>.html`). It opens with a short briefing for the witness: what a witness statement is for, what to do with it, and how their details are used (UK GDPR: who sees it, how long it is kept, their rights). When the signed copy comes back, attach it (`netkit attach signed.pdf --criteria 3.7`) and type the reference netkit prints (such as E12) as the testimony's **Signed copy**. The evidence pack marks each testimony "signed by the witness (E12)" or "not yet confirmed by the witness"."""),
md("""## Professional discussion

A **professional discussion** is a planned conversation with your assessor in which you explain the thinking behind your work products. The guidance suggests topics:

> *"Within the professional discussion the learner could discuss the criteria used to shortlist networks for development (AC2.2), how they established boundaries of confidentiality and agreed guidelines for the exchange of information and resources (AC3.4 and AC3.5)."*

Bring your work products from notebooks 02 and 03: the assessor reviews them and uses them to question you.

**The assessor's own record is the evidence.** A professional discussion counts because your assessor leads it and records it: their record (their notes, a signed summary, the log of a recording) is the evidence. Your notes here are your **preparation**: the points you will make and the work you will bring, and afterwards what you remember of the questions and the assessor's comments. When your assessor gives you a copy of their record, attach it and give its reference as **The assessor's record**: the evidence pack then names it as the evidence of that discussion, and your notes as your preparation."""),
code("nk.widgets.DiscussionForm(portfolio)"),
md("""## Declaration of authenticity

The evidence pack opens with your declaration that the evidence is your own, from your own workplace, and that the testimonies and discussion records are genuine. netkit dates the declaration when you make it: you do not type the date. If any evidence changes after you made it, the declaration is marked **made before the latest changes: renew it**, here, in `netkit status` and in the evidence pack."""),
learner("""Tick the box, type your name as your portfolio gives it, and Save. Whenever you have added or changed evidence since, make it again (Save once more) before you hand in."""),
code("nk.widgets.DeclarationForm(portfolio)"),
md("""## Your coverage now

Testimonies and discussions count as supporting evidence for the criteria they cite."""),
learner("""Re-run this cell after saving."""),
code("nk.progress(portfolio)"),
md("""## What an export leaves out

Your contacts are real people, and your evidence may be read by people who do not know them. By default an export **leaves out** contacts' e-mail addresses, phone numbers and profile links (also where you typed them into an answer), and every record you flagged **confidential**. Witnesses, your tutor and your assessor stay named. This is what your next export will leave out of your portfolio:"""),
code("nk.export.privacy_preview(portfolio)"),
learner("""## Exporting your evidence

**For your assessor: the export button below, or `netkit export`.** Press **Export my evidence** at the end of this notebook, or in a terminal in the workbook folder (in JupyterLab: *File > New > Terminal*) run:

```
netkit export
```

It runs every workbook notebook against a private copy of your portfolio, with the code hidden, and writes to `exports/<today's date>/`:

- one **HTML** file and one **PDF** per notebook, with your name and the unit code at the top of every page, and page numbers;
- `evidence-pack.html` and `evidence-pack.pdf`: a cover sheet, your declaration, a coverage grid of criteria 1.1-3.7 with the evidence for each, a section per learning outcome, your witness testimonies and professional discussions, and a sign-off block per learning outcome for your assessor;
- `manifest.json`, with a SHA-256 checksum of every file, so anyone can check that nothing was changed after the export.

Options: `--format html` (no PDF), `--out FOLDER`, `--notebooks 02 04` (only some notebooks), `--pseudonymise` (contacts' names shown as initials), `--no-redact` (include everything; it warns you first). PDFs are printed by the Chromium browser: if it is missing, the command says how to install it.

**Just this notebook: JupyterLab's own export.** *File > Save and Export Notebook As > HTML* saves the notebook as it was when you last ran it, with your answers as static text, but with the code showing, no page headers and **without** the privacy step: contacts' details you typed into answers stay in. *WebPDF* in the same menu needs a browser that JupyterLab downloads separately and often cannot: for PDFs use `netkit export`. Use JupyterLab's export for your own copy or a quick look, and `netkit export` for anything you hand in."""),
learner("""### Export now

Tick the formats you want and press **Export my evidence**. The files go to `exports/<today's date>/` in the workbook folder, which you can see in JupyterLab's file browser. To include contacts' private details, which you should rarely need, use `netkit export --no-redact` in a terminal."""),
code("nk.widgets.ExportPanel(portfolio)", metadata={"tags": [LEARNER_ONLY]}),
]
# Stable ids: regenerating changes nothing else. Learner-only cells (instructions and
# controls for the learner at work) are left out of every export; they get ids of their own.
mine = [c for c in cells if LEARNER_ONLY not in c.metadata.get("tags", [])]
others = [c for c in cells if LEARNER_ONLY in c.metadata.get("tags", [])]
for n, cell in enumerate(mine):
    cell["id"] = f"evidence-{n:02d}"
for n, cell in enumerate(others):
    cell["id"] = f"evidence-learner-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, Path(__file__).resolve().parent.parent / "notebooks" / "04-evidence.ipynb")
