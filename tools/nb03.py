"""Writes notebooks/03-maintain-networks.ipynb: python tools/nb03.py"""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
LEARNER_ONLY = "learner-only"


def learner(text: str) -> nbf.NotebookNode:
    """A markdown cell for the learner at work only: no export shows it."""
    return md(text, metadata={"tags": [LEARNER_ONLY]})


cells = [
md("""# Learning outcome 3: maintain your professional networks

*Be able to maintain professional networks.* Learning outcome 3 is shown by what you actually do in your networks over weeks and months, so this notebook is a **dated log** you come back to. It takes you through the seven assessment criteria:

1. **3.1** For two or more members: their interests, what each of you could offer the other, and the dated interactions that show a real relationship.
2. **3.2** What you can offer, and each occasion you promoted it.
3. **3.3** The information, services or support you gave, and what came back (a reciprocity chart).
4. **3.4 and 3.5** A confidentiality agreement with a network member: the boundaries, the legal basis, the guidelines for exchanging information, and their confirmation.
5. **3.6** A dated review of your needs and aspirations from 2.1, and the actions you took.
6. **3.7** Introductions you made, into a network and within one; netkit suggests pairs of contacts to introduce.

Every entry carries a date, the network, the people involved (from your contacts register) and evidence references: an e-mail, meeting notes, a witness. The worked examples come from **Priya Shah**, the workbook's fictional example learner (an operations manager at a distribution centre)."""),
learner("""Press **Save** on each form; the charts and status lines redraw as you save. The people you name are picked from your **contacts register** (just below) and the networks from your 2.1 networks (notebook 02): add them there first. What you write about real people is personal data: keep to what your networking needs, and mark a contact confidential to leave them out of exports."""),
code("""# Parameters: leave as None to use your own portfolio (NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite).
portfolio_path = None""", metadata={"tags": ["parameters"]}),
code("""import netkit as nk

portfolio = nk.open_portfolio(portfolio_path)"""),
# -- the contacts register -------------------------------------------------------------
md("""## Your contacts register

The people you name below come from here: for each network member, their organisation and role, the networks you know them from, how and when you met, their interests, what they could offer and need, and when you were last in touch. Add them one at a time, or import LinkedIn's `Connections.csv`, a vCard file or a CSV file (importing again adds nobody twice). They are real people: e-mails, phones and profile links never reach an export unless you ask (`netkit export --no-redact`), a contact marked confidential is left out whole, and **Forget for good** erases someone from every record and from the history."""),
code("nk.widgets.ContactsForm(portfolio)"),
learner("""To explore your own records, `nk.table("contacts", portfolio)` gives them as a pandas DataFrame (any kind of record works: `"interactions"`, `"introductions"`, ...)."""),
code('nk.table("contacts", portfolio)', metadata={"tags": [LEARNER_ONLY]}),
# -- 3.1 ---------------------------------------------------------------------------------
md("""## 3.1 Identify the potential for mutual benefit with network members"""),
code('nk.about_criterion("3.1")'),
md("""**What "identify the potential for mutual benefit" asks.** Networking is give and take: for each member, what they could do for you *and* what you could do for them, tied to the needs and aspirations you recorded in 2.1. The guidance asks for two or more members, and says *"it is not sufficient merely to exchange personal details and other pertinent information at a first meeting as networking is a long-term strategy that needs to be continually improved over time"*. So netkit counts a member once you have recorded what each of you could offer and two or more dated interactions beyond that first exchange (netkit's own rule, drawn from that sentence): **exchanging details at a first meeting is not enough** - log it if you like, but it does not count.

**Worked example (fictional).** Priya met *Gareth Hughes*, an operations manager at another distribution firm, at the CILT spring dinner, where they swapped cards (logged, not counted). She then visited his site on 14 May 2025 to compare pick rates, and called him on 18 Sep 2025 about his warehouse management system (WMS) go-live. *He can offer* lessons from his WMS upgrade and pick-rate benchmarks (serving her needs N1 and N3); *she can offer* anonymised absence and agency-use figures, which he needs for a budget bid."""),
code("nk.widgets.MutualBenefitForm(portfolio)"),
md("""### Your interactions with each member"""),
code("nk.widgets.InteractionForm(portfolio)"),
code('nk.widgets.criterion_status(portfolio, "3.1")'),
# -- 3.2 ---------------------------------------------------------------------------------
md("""## 3.2 Promote their own skills, knowledge and competence to network members"""),
code('nk.about_criterion("3.2")'),
md("""**What "promote" asks.** Make what you can offer known, appropriately: the right thing, to the right people, by a suitable channel (a meeting, a talk, a post, an e-mail), and note how it was received.

**Worked example (fictional).** Priya lists three things she can offer, among them *"Lessons from planning a WMS upgrade around the peak season"*. On 5 Nov 2025 she gave a 15-minute talk on it at the CILT Yorkshire webinar (about 35 members); the branch secretary asked her to run a follow-up session, and three members asked for the slides. Evidence: the branch newsletter and his thank-you e-mail."""),
code("nk.widgets.OffersForm(portfolio)"),
code("nk.widgets.PromotionForm(portfolio)"),
code('nk.widgets.criterion_status(portfolio, "3.2")'),
# -- 3.3 ---------------------------------------------------------------------------------
md("""## 3.3 Provide information, services or support to network members where the potential for mutual benefit has been identified"""),
code('nk.about_criterion("3.3")'),
md("""**What "provide" asks.** Be an active member: give something to a member you identified mutual benefit with (3.1), check it is within the boundaries you agreed (3.4), and record their feedback and what you gained and used in return.

**Worked example (fictional).** On 6 Nov 2025 Priya sent Gareth her absence and agency-use figures as percentages, with site and client names removed, by e-mail as their agreement says. He used them in his budget bid; in return she got his WMS cut-over checklist and added its data-migration steps to her project plan.

The chart sets what you gave against what you received, member by member (named in full here; by initials only in an export, unless you export with `--no-redact`)."""),
code("nk.widgets.SupportForm(portfolio)"),
code("nk.widgets.LiveChart(portfolio, nk.charts.reciprocity)"),
code('nk.widgets.criterion_status(portfolio, "3.3")'),
# -- 3.4 and 3.5 -------------------------------------------------------------------------
md("""## 3.4 Establish the boundaries of confidentiality, and 3.5 Agree guidelines for the exchange of information and resources"""),
code('nk.about_criterion("3.4")'),
code('nk.about_criterion("3.5")'),
md("""**What "establish" and "agree" ask.** Not a rule you keep in your head, and not one agreed only with your line manager: an agreement with the network member(s) you exchange information with. Say what may be shared, what may not, and what only on conditions; why, in your own words (UK GDPR and the Data Protection Act 2018, competition law, sector regulation, professional codes, your employer's policy, contracts); and how you will exchange it (channels, anonymising, permission before passing anything on, attribution, storage, response times). Give its duration, a review date and what happens on a breach. It counts once the other party has confirmed it (an e-mail or minutes); 3.5 also needs one exchange logged under it (a 3.3 contribution checked against it).

**Worked example (fictional).** Priya's agreement *"Benchmarking in the CILT Yorkshire group"* is with Gareth Hughes and the branch secretary. *May be shared:* pick rates, absence and turnover as percentages. *May not:* client names, volumes or rates; anything about named employees. *Only on conditions:* supplier prices, once a tender is closed and with her director's agreement. Both members confirmed it in the minutes of the group's call on 5 Nov 2025."""),
code("nk.widgets.AgreementForm(portfolio)"),
md("""### Your agreements as documents

Each agreement as a document for both parties to read and sign. `netkit export` also writes each one as a document of its own, `agreement-1.html` and `agreement-1.pdf` (listed in the evidence pack), with a signature block for each party: print it, have it signed, and keep the signed copy with your evidence."""),
code("nk.widgets.Agreements(portfolio)"),
code('nk.widgets.criterion_status(portfolio, "3.4")'),
code('nk.widgets.criterion_status(portfolio, "3.5")'),
# -- 3.6 ---------------------------------------------------------------------------------
md("""## 3.6 Take action to ensure that participation in networks reflects current and defined future aspirations and needs"""),
code('nk.about_criterion("3.6")'),
md("""**What "take action" asks.** Look again at your needs and aspirations, on a date, and change what you do: join, leave, change your role, attend. Record each action with the date it is due, the date it was done and the evidence; overdue actions are highlighted. Each review you change keeps its earlier version in the history.

**Worked example (fictional).** On 27 Oct 2025 Priya found that her benchmarking need was met through CILT, that agency staff for the peak had become urgent, and that the LinkedIn group gave her little. She **left** the LinkedIn group (30 Oct), **attended** the Chamber's November breakfast to meet agencies (7 Nov), and **changed her role** in CILT by joining its benchmarking group (5 Nov)."""),
code("nk.widgets.ReviewForm(portfolio)"),
code("nk.widgets.ActionForm(portfolio)"),
code('nk.widgets.criterion_status(portfolio, "3.6")'),
# -- 3.7 ---------------------------------------------------------------------------------
md("""## 3.7 Make introductions to people with common or complementary interest to and within networks"""),
code('nk.about_criterion("3.7")'),
md("""**What "make introductions" asks.** Connect people who would gain from knowing each other, because they share an interest or because one has what the other needs. Two or more: ideally one bringing someone *into* a network and one *within* it. Ask both people first.

**Worked example (fictional).** Priya introduced *Nadia Clarke*, her company's IT manager who is planning their WMS upgrade, to Gareth Hughes, who led the same upgrade (complementary interest), bringing Nadia into the CILT branch's technology events. Within the Chamber of Commerce she introduced an HR manager short of seasonal staff to the director of a temping agency; six temps were taken on for the peak."""),
code("nk.widgets.IntroductionForm(portfolio)"),
md("""### Suggested introductions

Pairs of your contacts with shared or complementary interests (from the interests and "looking for" you recorded in 3.1) whom you have not yet introduced, best first. The chart shows your networks, the people you met in each and the introductions you made. It names people in full here; an export shows them by initials only, unless you export with `--no-redact`."""),
code("nk.widgets.SuggestedIntroductions(portfolio)"),
code("nk.widgets.LiveChart(portfolio, nk.charts.ego_network)"),
code('nk.widgets.criterion_status(portfolio, "3.7")'),
learner("""## What next

- `00-start-here.ipynb` (or `netkit status` in a terminal) shows your progress on every criterion.
- Come back to this notebook as your networking goes on: log each interaction, contribution and introduction when it happens, and review your needs on the date you set.
- `04-evidence.ipynb` collects witness testimony and professional discussions, and exports your work for your assessor."""),
]
# Stable ids: regenerating changes nothing else. Learner-only cells (instructions and
# controls for the learner at work) are left out of every export; they get ids of their own.
mine = [c for c in cells if LEARNER_ONLY not in c.metadata.get("tags", [])]
others = [c for c in cells if LEARNER_ONLY in c.metadata.get("tags", [])]
for n, cell in enumerate(mine):
    cell["id"] = f"maintain-{n:02d}"
for n, cell in enumerate(others):
    cell["id"] = f"maintain-learner-{n:02d}"
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, Path(__file__).resolve().parent.parent / "notebooks" / "03-maintain-networks.ipynb")
