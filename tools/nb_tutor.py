"""Writes the tutors' session guides, notebooks/tutor/session-*.ipynb: python tools/nb_tutor.py

Thin notebooks: every part of a guide is drawn from netkit/tutor.py by netkit/tutor_view.py;
the steps that use the workbook's forms show them live on the portfolio the guide runs on.
"""
import sys
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from netkit.criteria import UNIT  # noqa: E402
from netkit.tutor import SESSIONS, Session  # noqa: E402
from netkit.tutor_view import form_code  # noqa: E402

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
FOLDER = ROOT / "notebooks" / "tutor"


def guide(s: Session) -> nbf.NotebookNode:
    n = s.number
    cells = [
        md(f"""# Session {n}: {s.title}

A facilitator's guide for tutors of the unit {UNIT.code} **{UNIT.title}**: session {n} of {len(SESSIONS)}, {s.hours} hour{"s" if s.hours != 1 else ""} of the unit's {UNIT.guided_learning_hours} guided learning hours.

Run it on the fictional example learner to demonstrate (`NETKIT_PORTFOLIO=/tmp/demo/p.sqlite netkit example`, then start JupyterLab with the same variable), or on one learner's portfolio for a one-to-one review. Showing this guide saves nothing: the forms save only when you press their Save button. `netkit export --tutor` prints every guide and the handouts."""),
        code("""# Parameters: the portfolio the guide runs on; None = NETKIT_PORTFOLIO, else the workbook's portfolio.
portfolio_path = None""", metadata={"tags": ["parameters"]}),
        code("""import netkit as nk
from netkit import tutor_view as guide

portfolio = nk.open_portfolio(portfolio_path)"""),
        code(f"guide.overview({n})"),
    ]
    if n == 1:
        cells.append(code("guide.sessions_table()"))
    cells += [code(f"guide.aims({n})"), code(f"guide.running_order({n})"),
              code(f"guide.activities({n})")]
    for index, step in enumerate(s.steps, start=1):
        cells.append(code(f"guide.step({n}, {index})"))
        cells += [code(form_code(form)) for form in step.forms]
    cells += [code(f"guide.prompts({n})"), code(f"guide.saved({n}, portfolio)"),
              code(f"guide.verb_pairs({n})"), code(f"guide.handouts({n})")]
    for number, cell in enumerate(cells):
        cell["id"] = f"session-{n}-{number:02d}"
    nb = nbf.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


FOLDER.mkdir(exist_ok=True)
for old in FOLDER.glob("session-*.ipynb"):  # a renamed session leaves no stale guide
    if old.stem not in {s.slug for s in SESSIONS}:
        old.unlink()
for session in SESSIONS:
    nbf.write(guide(session), FOLDER / f"{session.slug}.ipynb")
