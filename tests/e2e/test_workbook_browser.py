"""A learner's round trip through real JupyterLab: run a notebook, fill a form, Save,
find the answer in the portfolio, come back and see it again."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from netkit.model import Learner, Network
from netkit.store import Portfolio

from .conftest import (
    REPO,
    Server,
    click_save,
    field,
    fill_field,
    form,
    log_console,
    open_notebook,
    run_all_cells,
    screenshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(300)]

NETWORKS_NOTEBOOK = "notebooks/02-identify-networks.ipynb"


def assert_rendered_as_widget(page: Any, form_class: str) -> None:
    """The form is a live ipywidget: no "Error displaying widget", no static fallback."""
    from playwright.sync_api import expect

    expect(form(page, form_class)).to_be_visible()
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".jupyter-widgets.widget-error, .jupyter-widgets-view-error").count() == 0
    assert form(page, form_class).locator(".nk-save").is_enabled()


def test_learner_form_saves_through_the_browser(page: Any, jupyter_server: Server,
                                                shots: Path) -> None:
    from playwright.sync_api import expect

    name = f"Ada Browser {uuid.uuid4().hex[:6]}"
    open_notebook(page, jupyter_server, "notebooks/00-start-here.ipynb")
    run_all_cells(page)
    about_you = form(page, "learnerform")
    about_you.scroll_into_view_if_needed()
    screenshot(page, shots, "00-after-run-all")
    assert_rendered_as_widget(page, "learnerform")

    fill_field(about_you, "name", name)
    status = click_save(about_you)
    assert status.startswith("✓ Saved") or "Saved" in status
    screenshot(page, shots, "00-after-save")

    with Portfolio.open(jupyter_server.portfolio, create=False) as portfolio:
        learner = portfolio.load(Learner)
    assert learner is not None
    assert learner.name == name

    # Come back later: the notebook re-opens from disk (no outputs), run it, see the name.
    open_notebook(page, jupyter_server, "notebooks/00-start-here.ipynb")
    expect(form(page, "learnerform")).to_have_count(0)
    run_all_cells(page)
    expect(field(form(page, "learnerform"), "name")).to_have_value(name)
    screenshot(page, shots, "00-after-reopen")
    assert log_console(page) == []


def test_network_form_saves_through_the_browser(page: Any, jupyter_server: Server,
                                                shots: Path) -> None:
    from playwright.sync_api import expect

    if not (REPO / NETWORKS_NOTEBOOK).is_file():
        pytest.skip(f"{NETWORKS_NOTEBOOK} is not written yet")
    name = f"Browser Test Network {uuid.uuid4().hex[:6]}"
    open_notebook(page, jupyter_server, NETWORKS_NOTEBOOK)
    run_all_cells(page)
    networks = form(page, "networksform")
    networks.scroll_into_view_if_needed()
    screenshot(page, shots, "02-after-run-all")
    assert_rendered_as_widget(page, "networksform")

    fill_field(networks, "name", name)
    click_save(networks)
    networks.scroll_into_view_if_needed()
    screenshot(page, shots, "02-after-save")

    with Portfolio.open(jupyter_server.portfolio, create=False) as portfolio:
        saved = [n.name for n in portfolio.all(Network)]
    assert name in saved

    open_notebook(page, jupyter_server, NETWORKS_NOTEBOOK)
    run_all_cells(page)
    networks = form(page, "networksform")
    networks.scroll_into_view_if_needed()
    screenshot(page, shots, "02-after-reopen")
    # The saved network is offered again: in the form (its record list) or in what the
    # notebook shows of the saved answers.
    expect(page.locator(".jp-NotebookPanel")).to_contain_text(name)
    assert log_console(page) == []


def test_export_button_writes_the_evidence(page: Any, jupyter_server: Server,
                                           shots: Path) -> None:
    """Notebook 04's button runs the whole export from inside a kernel (nested kernels)."""
    import datetime as dt

    from playwright.sync_api import expect

    open_notebook(page, jupyter_server, "notebooks/04-evidence.ipynb")
    run_all_cells(page)
    panel = form(page, "exportpanel")
    panel.scroll_into_view_if_needed()
    panel.get_by_text("PDF (printed by Chromium)").click()  # HTML only: quicker
    panel.locator(".nk-export").click()
    expect(panel.locator(".nk-status")).to_contain_text("Exported to", timeout=240_000)
    panel.scroll_into_view_if_needed()
    screenshot(page, shots, "04-after-export")
    folder = (jupyter_server.portfolio.parent.parent / "exports"
              / dt.date.today().isoformat())
    written = {p.name for p in folder.iterdir()}
    assert {"00-start-here.html", "02-identify-networks.html", "04-evidence.html",
            "evidence-pack.html", "manifest.json"} <= written
    assert not [name for name in written if name.endswith(".pdf")]
