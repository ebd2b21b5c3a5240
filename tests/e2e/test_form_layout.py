"""What a learner sees of the forms' layout, in real JupyterLab and Chromium.

A box a learner has to scroll sideways to read, or a field label squeezed by a long help
text (its box then starts left of the others), shows only in a browser: ipywidgets'
margins and flex layout decide it. Checked on notebooks 01 (rows with dates, range tick
lists) and 04 (criteria tick lists, labels beside long help texts).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Server
from .test_list_forms import Session, notebook_session

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(600)]

NOTEBOOKS = ["notebooks/01-principles-of-networking.ipynb", "notebooks/04-evidence.ipynb"]

# Every element of a form that scrolls sideways although nothing in it needs to: its
# content is wider than its box (a width of 100% plus the widget's own margin did that).
_SIDEWAYS_JS = """
() => {
  const found = [];
  for (const form of document.querySelectorAll('.jp-NotebookPanel .nk-form')) {
    const name = [...form.classList].find(c => c.startsWith('nk-form-')) || 'nk-form';
    for (const e of form.querySelectorAll('*')) {
      const style = getComputedStyle(e);
      if (!['auto', 'scroll'].includes(style.overflowX) || e.clientWidth === 0) continue;
      if (e.scrollWidth > e.clientWidth) {
        const own = [...e.classList, ...(e.parentElement ? e.parentElement.classList : [])];
        const tag = own.filter(c => c.startsWith('nk-')).join('.') || e.className;
        found.push(`${name} ${tag}: ${e.scrollWidth}px wide in ${e.clientWidth}px`);
      }
    }
  }
  return found;
}
"""

# Every field label (bold, first in its row, a control beside it: not a row of column
# headings) whose width is not the label column's.
_LABELS_JS = """
(expected) => {
  const heading = e => e && e.classList.contains('widget-html') && e.querySelector('b');
  const found = [];
  for (const form of document.querySelectorAll('.jp-NotebookPanel .nk-form')) {
    const name = [...form.classList].find(c => c.startsWith('nk-form-')) || 'nk-form';
    for (const row of form.querySelectorAll('.widget-hbox')) {
      const label = row.firstElementChild;
      if (!heading(label) || !label.nextElementSibling || heading(label.nextElementSibling))
        continue;
      const width = label.getBoundingClientRect().width;
      if (Math.abs(width - expected) > 1)
        found.push(`${name} '${label.innerText.trim()}': ${width.toFixed(0)}px`);
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=["01", "04"])
def opened(request: pytest.FixtureRequest, browser: Any, jupyter_server: Server,
           shots: Path) -> Iterator[Session]:
    with notebook_session(browser, jupyter_server, shots, request.param) as session:
        yield session


def test_no_form_box_scrolls_sideways(opened: Session) -> None:
    """The date boxes of answer rows and every tick list fit their width: no horizontal
    scroll bar under a date, nor under a list of range points or criteria."""
    assert opened.page.evaluate(_SIDEWAYS_JS) == []


def test_every_field_label_keeps_the_label_column(opened: Session) -> None:
    """A long help text beside a box ("Signed copy (its reference)") does not squeeze its
    label: every box starts in line with the others."""
    from netkit.widgets.base import LABEL_WIDTH

    assert opened.page.evaluate(_LABELS_JS, float(LABEL_WIDTH.removesuffix("px"))) == []
