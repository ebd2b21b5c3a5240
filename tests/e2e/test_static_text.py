"""A learner's text shows as typed in JupyterLab's outputs, in real JupyterLab and Chromium.

JupyterLab typesets text/html outputs with MathJax: two dollar signs in a learner's answer
("paid $12 parking, she charges $30 an hour") turned everything between them into italic
mathematics in the saved answers (the static twin of every form, shown when a notebook is
reopened) and in ``nk.table``. netkit's HTML is marked for MathJax to skip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netkit.model import Contact
from netkit.store import Portfolio

from .conftest import Server
from .test_list_forms import Session, notebook_session

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(600)]

UID = uuid.uuid4().hex[:6]
HOW_MET = f"at the $40 dinner {UID}; paid $12 parking"
NOTES = f"She charges $30 an hour, {UID}"

_OUTPUTS_JS = """
() => {
  const outputs = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')];
  return {
    typeset: outputs.filter(o => o.querySelector('mjx-container'))
                    .map(o => o.textContent.trim().slice(0, 120)),
    text: outputs.map(o => o.textContent).join('\\n'),
  };
}
"""


@pytest.fixture(scope="module")
def nb03(browser: Any, jupyter_server: Server, shots: Path) -> Iterator[Session]:
    with Portfolio.open(jupyter_server.portfolio) as portfolio:
        portfolio.save(Contact(name=f"Siân Price {UID}", organisation="Keele",
                               how_met=HOW_MET, notes=NOTES, id=f"sian-{UID}"))
    with notebook_session(browser, jupyter_server, shots,
                          "notebooks/03-maintain-networks.ipynb") as session:
        yield session


def test_dollar_signs_in_saved_answers_are_not_typeset_as_mathematics(nb03: Session) -> None:
    found = nb03.page.evaluate(_OUTPUTS_JS)
    assert found["typeset"] == [], "outputs typeset as mathematics"
    assert HOW_MET in found["text"]  # the register's saved copy, and nk.table
    assert NOTES in found["text"]  # nk.table's notes column
