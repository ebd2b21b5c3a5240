"""The assessor's review in real JupyterLab: decide on a criterion in the review notebook,
write the decision record, load it into the learner's portfolio, and see the decision
beside the criterion in the learner's own notebook.

Both notebooks are scratch copies whose parameters cell names the files of this test (the
export folder, the assessor's portfolio, the learner's portfolio), as papermill would.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_assess import make_export

from netkit.assess import decisions_for, loaded_decisions
from netkit.cli import load_example, main
from netkit.manifest import read_manifest
from netkit.store import Portfolio

from .conftest import (
    Server,
    click_save,
    fill_field,
    log_console,
    open_notebook,
    press,
    run_all_cells,
    scratch_copy,
    scratch_folder,
    screenshot,
    tick,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(420)]

FEEDBACK = "Add a second dated interaction with each of your two members."


def with_parameters(path: Path, **values: str) -> None:
    """Set the notebook's parameters cell to ``values`` (each a path, as a string)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def netkit(*args: str) -> tuple[int, str]:
    """Run the ``netkit`` command in this process: (exit status, what it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, " ".join(out.getvalue().split())


@pytest.fixture
def scratch() -> Iterator[Path]:
    with scratch_folder() as folder:
        yield folder


def test_decide_in_the_review_notebook_then_the_learner_sees_it(
        page: Any, jupyter_server: Server, shots: Path, scratch: Path,
        tmp_path: Path) -> None:
    from playwright.sync_api import expect

    learner = tmp_path / "learner" / "portfolio.sqlite"
    with Portfolio.open(learner) as portfolio:
        load_example(portfolio)
    export_dir = make_export(learner, tmp_path / "exports" / "2026-11-28")
    assessor = tmp_path / "assessor" / "assessor-portfolio.sqlite"

    review = scratch_copy(scratch, "notebooks/assessor/review.ipynb")
    with_parameters(scratch / "review.ipynb", export_dir=str(export_dir),
                    assessor_portfolio=str(assessor))
    open_notebook(page, jupyter_server, review)
    run_all_cells(page)
    expect(page.locator(".nk-verified").first).to_contain_text("all 5 files match")
    evidence = page.locator(".nk-evidence-3-1")
    expect(evidence).to_contain_text("Gareth Hughes")
    expect(evidence.locator("a", has_text="03-maintain-networks.html")).to_have_count(1)

    decision = page.locator(".nk-decision-3-1")
    decision.scroll_into_view_if_needed()
    press(decision, "outcome", "not yet met")
    tick(decision, "valid", "qualities")
    tick(decision, "authentic", "qualities")
    fill_field(decision, "feedback", FEEDBACK)
    fill_field(decision, "assessor", "Sam Jones")
    click_save(decision)
    screenshot(page, shots, "review-after-decision")
    assert log_console(page) == []

    with Portfolio.open(assessor, create=False) as portfolio:
        saved = decisions_for(portfolio, read_manifest(export_dir).digest)
    assert [(d.criterion, d.outcome, d.feedback, d.qualities) for d in saved.values()] == [
        ("3.1", "not yet met", FEEDBACK, ("valid", "authentic"))]

    record = tmp_path / "assessor" / "decision-record.json"
    code, said = netkit("feedback", "--out", str(record), "--assessor-portfolio",
                        str(assessor))
    assert code == 0, said
    code, said = netkit("feedback", "load", str(record), "--portfolio", str(learner),
                        "--export", str(export_dir))
    assert code == 0, said
    code, said = netkit("status", "--portfolio", str(learner))
    assert f"assessor: not yet met - {FEEDBACK}" in said
    with Portfolio.open(learner, create=False) as portfolio:
        assert loaded_decisions(portfolio)["3.1"].feedback == FEEDBACK

    # The learner's own notebook shows it beside netkit's status.
    start = scratch_copy(scratch, "notebooks/00-start-here.ipynb")
    with_parameters(scratch / "00-start-here.ipynb", portfolio_path=str(learner))
    open_notebook(page, jupyter_server, start)
    run_all_cells(page)
    progress = page.locator("tr", has_text="3.1 ").filter(has_text=FEEDBACK)
    expect(progress.first).to_be_visible()
    progress.first.scroll_into_view_if_needed()
    screenshot(page, shots, "learner-progress-with-feedback")
