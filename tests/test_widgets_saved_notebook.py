"""What a notebook file holds once saved: the answers as static HTML, no widget views
(netkit.jupyter, the server extension), and the EXAMPLE banner on the example learner."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import nbformat
import pytest

from netkit.jupyter import (
    WIDGET_STATE,
    WIDGET_VIEW,
    _jupyter_server_extension_points,
    _load_jupyter_server_extension,
    strip_widget_outputs,
)
from netkit.model import Learner, Need
from netkit.store import Portfolio
from netkit.widgets.learner import example_banner, show_example_banner


def outputs_of(nb: Any) -> list[dict[str, Any]]:
    return [o for cell in nb["cells"] if cell["cell_type"] == "code" for o in cell["outputs"]]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """A notebook that opens the example learner's portfolio and shows a form and a
    view, run in a real kernel (one run for every test of this module)."""
    from nbclient import NotebookClient

    folder = tmp_path_factory.mktemp("saved-notebook")
    path = folder / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        portfolio.save(Learner(name="Priya Shah"))
        portfolio.save(Need(text="Keep up with <compliance> rules", priority="high"))
        portfolio.set_meta("example", "true")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import netkit as nk\n"
                                  f"portfolio = nk.open_portfolio({str(path)!r})"),
        nbformat.v4.new_code_cell("nk.widgets.NeedsForm(portfolio)"),
        nbformat.v4.new_code_cell('nk.widgets.criterion_status(portfolio, "2.1")'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={
        "metadata": {"path": str(folder)}}).execute()
    return nb, folder


def test_the_example_learners_notebook_opens_with_an_example_banner(
        executed: tuple[Any, Path]) -> None:
    nb, _ = executed
    first = nb["cells"][0]["outputs"]
    html = "".join(o["data"]["text/html"] for o in first if "text/html" in o.get("data", {}))
    assert "nk-example-banner" in html
    assert "EXAMPLE" in html and "Priya Shah" in html


def test_no_banner_on_a_learners_own_portfolio_or_outside_a_notebook(
        portfolio: Portfolio) -> None:
    assert show_example_banner(portfolio) is False  # not the example
    portfolio.set_meta("example", "true")
    assert show_example_banner(portfolio) is False  # no IPython here: nothing to show in
    portfolio.save(Learner(name="Priya <b>Shah</b>"))
    assert "Priya &lt;b&gt;Shah&lt;/b&gt;" in example_banner(portfolio)


def test_the_banner_in_an_export_says_example_without_the_learners_how_to(
        portfolio: Portfolio) -> None:
    from netkit.store import EXPORT_META

    portfolio.set_meta("example", "true")
    portfolio.save(Learner(name="Priya Shah"))
    live = example_banner(portfolio)
    assert "do not hand it in" in live and str(portfolio.path) in live
    portfolio.set_meta(EXPORT_META, "redacted")  # as in the copy netkit export runs on
    exported = example_banner(portfolio)
    assert "EXAMPLE" in exported and "Priya Shah" in exported
    assert "do not hand it in" not in exported and str(portfolio.path) not in exported
    assert "NETKIT_PORTFOLIO" not in exported


def test_saving_strips_widget_views_and_keeps_the_static_answers(
        executed: tuple[Any, Path]) -> None:
    """Through a real contents manager with the extension loaded, as JupyterLab saves."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    nb, folder = executed
    before = outputs_of(nb)
    assert sum(WIDGET_VIEW in o.get("data", {}) for o in before) == 2  # form, status line
    content = json.loads(nbformat.writes(nb))
    content["metadata"]["widgets"] = {WIDGET_STATE: {"state": {}, "version_major": 2,
                                                     "version_minor": 0}}
    manager = FileContentsManager(root_dir=str(folder))
    assert _jupyter_server_extension_points() == [{"module": "netkit.jupyter"}]
    logged: list[str] = []
    settings: dict[str, Any] = {}
    _load_jupyter_server_extension(SimpleNamespace(
        contents_manager=manager, log=SimpleNamespace(info=logged.append),
        root_dir=str(folder), web_app=SimpleNamespace(settings=settings)))
    assert logged
    assert settings  # uploads as large as an attachment may be (netkit.jupyter.allow_uploads)

    manager.save({"type": "notebook", "format": "json", "content": content}, "02.ipynb")

    saved = nbformat.read(folder / "02.ipynb", as_version=4)
    after = outputs_of(saved)
    assert not [o for o in after if WIDGET_VIEW in o.get("data", {})]
    assert "widgets" not in saved.metadata
    html = "".join(o["data"].get("text/html", "") for o in after if "data" in o)
    assert "Keep up with &lt;compliance&gt; rules" in html  # the static twin is kept
    assert "Criterion 2.1" in html
    assert "EXAMPLE" in html
    assert "(live form)" not in json.dumps(saved)
    # Two widget outputs went; everything else stayed.
    assert len(after) == len(before) - 2


def test_stripping_keeps_other_formats_of_a_foreign_widget_output() -> None:
    nb = {"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "display_data",
         "data": {WIDGET_VIEW: {"model_id": "x"}, "text/plain": "IntSlider(value=3)"}},
        {"output_type": "stream", "name": "stdout", "text": "hi"}]}],
        "metadata": {"widgets": {WIDGET_STATE: {}, "other": 1}}}
    assert strip_widget_outputs(nb) == 2
    assert nb["cells"][0]["outputs"] == [
        {"output_type": "display_data", "data": {"text/plain": "IntSlider(value=3)"}},
        {"output_type": "stream", "name": "stdout", "text": "hi"}]
    assert nb["metadata"] == {"widgets": {"other": 1}}


def test_no_second_banner_in_netkits_own_export(portfolio: Portfolio,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """netkit export stamps every page EXAMPLE already: the notebook's banner stays out."""
    import IPython
    import IPython.display

    from netkit.store import EXPORT_META

    shown: list[object] = []
    monkeypatch.setattr(IPython, "get_ipython", object)  # as inside a notebook
    monkeypatch.setattr(IPython.display, "display", shown.append)
    portfolio.set_meta("example", "true")
    assert show_example_banner(portfolio) is True and len(shown) == 1
    portfolio.set_meta(EXPORT_META, "redacted")
    assert show_example_banner(portfolio) is False and len(shown) == 1
