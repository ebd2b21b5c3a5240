"""Workshop mode: the workbook's notebooks served by Voila, code hidden, forms and charts only.

For learners uneasy with code (``netkit workshop``, or ``./start-workbook.sh --workshop``).
Voila runs every cell of a notebook when its page opens, in a kernel of its own started in
the notebook's folder, so the forms find the same portfolio as in JupyterLab
(``portfolio/portfolio.sqlite`` in the workbook folder, or ``$NETKIT_PORTFOLIO``) and answers
saved in either place are the same answers.

Voila is told to serve on this computer only (127.0.0.1), to open nothing from the
internet (netkit's template ``netkit-workshop`` is Voila's "lab" template without its
links to public CDNs) and to show no tracebacks, only the forms' own messages.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .exceptions import WorkshopError
from .resources import jupyter_data, numbered_notebooks
from .store import workbook_root

__all__ = ["TEMPLATE", "Workshop", "find_notebook", "workshop"]

TEMPLATE = "netkit-workshop"  # netkit/templates/jupyter/voila/templates/netkit-workshop
DEFAULT_PORT = 8866  # Voila's own default


@dataclass(frozen=True)
class Workshop:
    """How to start Voila for a workbook folder: its command line and environment."""

    argv: list[str]
    env: dict[str, str]
    folder: Path  # the notebooks' folder Voila serves
    url: str  # the page: the notebook chosen, else the list of notebooks


def find_notebook(folder: Path, name: str) -> Path:
    """The workbook notebook ``name`` names: ``02``, ``02-identify-networks`` or its file."""
    found = numbered_notebooks(folder)
    wanted = name.strip().removesuffix(".ipynb")
    for path in found:
        if wanted in (path.stem, path.stem[:2]):
            return path
    choices = ", ".join(p.stem for p in found) or "none"
    raise WorkshopError(f"there is no workbook notebook {name!r} in {folder} (there are: "
                        f"{choices}). Name one by its number, for example: netkit workshop 02.")


def workshop(start: Path | None = None, *, notebook: str | None = None,
             port: int | None = None, browser: bool = True) -> Workshop:
    """The Voila command serving the workbook found at or above ``start`` (default: here)."""
    root = workbook_root(start)
    folder = root / "notebooks"
    if not numbered_notebooks(folder):
        raise WorkshopError(f"there are no workbook notebooks in {folder}. Run this in your "
                            "workbook folder, or make one first: netkit workbook FOLDER.")
    page = find_notebook(folder, notebook) if notebook else None
    port = port or DEFAULT_PORT
    argv = [sys.executable, "-m", "voila", str(page or folder),
            f"--port={port}", "--Voila.ip=127.0.0.1",
            f"--VoilaConfiguration.template={TEMPLATE}",
            "--VoilaConfiguration.show_tracebacks=False"]
    if not browser:
        argv.append("--no-browser")
    # Voila finds templates on Jupyter's data path: netkit's own comes first.
    extra = os.environ.get("JUPYTER_PATH", "")
    env = {**os.environ,
           "JUPYTER_PATH": os.pathsep.join(p for p in (str(jupyter_data()), extra) if p)}
    # One notebook is served at the root; a folder as a list of its notebooks there.
    return Workshop(argv, env, folder, f"http://127.0.0.1:{port}/")


def run(plan: Workshop) -> None:  # pragma: no cover - replaces this process
    """Start Voila in place of this process (Ctrl-C stops it, and its kernels)."""
    os.chdir(plan.folder)
    os.execve(sys.executable, plan.argv, plan.env)  # noqa: S606 - fixed arguments
