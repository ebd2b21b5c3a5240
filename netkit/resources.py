"""Where the files netkit ships live: the single place that finds them.

The workbook's ``notebooks/`` and ``data/`` folders are shipped inside the package as
``netkit.notebooks`` and ``netkit.data`` (pyproject.toml maps them), beside
``netkit/templates``. They are found through :mod:`importlib.resources`, so the same code
works in an editable install (``pip install -e .``: the checkout's folders) and from a
built wheel (``site-packages/netkit/...``). Nothing in netkit finds a file relative to the
source tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .exceptions import ResourceMissingError, WorkbookFolderError

__all__ = [
    "EXAMPLE_LEARNER",
    "NOTEBOOK_PATTERN",
    "WorkbookCopy",
    "copy_workbook",
    "data_file",
    "example_learner",
    "jupyter_data",
    "nbconvert_templates",
    "notebooks",
    "notebooks_folder",
    "stylesheet",
    "template",
]

EXAMPLE_LEARNER = "example-learner.json"
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"  # the workbook's numbered notebooks


def _folder(package: str) -> Path:
    """The folder of a shipped package, as a path other programs (Jupyter) can open."""
    try:
        found = resources.files(package)
    except ModuleNotFoundError:
        raise ResourceMissingError(package, "") from None
    # Installed packages are folders on disk; a zipped netkit would have no real path.
    path = Path(str(found))
    if not path.is_dir():
        raise ResourceMissingError(package, "")
    return path


def _file(package: str, name: str) -> Path:
    path = _folder(package) / name
    if not path.is_file():
        raise ResourceMissingError(package, name)
    return path


def data_file(name: str) -> Path:
    """A file shipped in the workbook's ``data/`` folder."""
    return _file("netkit.data", name)


def example_learner() -> Path:
    """The fictional example learner (``data/example-learner.json``)."""
    return data_file(EXAMPLE_LEARNER)


def notebooks_folder() -> Path:
    """The workbook notebooks shipped with netkit (``notebooks/``)."""
    return _folder("netkit.notebooks")


def numbered_notebooks(folder: Path) -> list[Path]:
    """The workbook notebooks (``NN-name.ipynb``) in ``folder``, in order."""
    return sorted(p for p in folder.glob(NOTEBOOK_PATTERN) if p.is_file())


def notebooks() -> list[Path]:
    """The shipped workbook notebooks (``NN-name.ipynb``), in order."""
    return numbered_notebooks(notebooks_folder())


def template(name: str) -> Path:
    """A file in ``netkit/templates`` (``export.css``...)."""
    return _file("netkit", f"templates/{name}")


def nbconvert_templates() -> Path:
    """The folder holding netkit's nbconvert template (``nbconvert/netkit``)."""
    path = _folder("netkit") / "templates" / "nbconvert"
    if not (path / "netkit").is_dir():
        raise ResourceMissingError("netkit", "templates/nbconvert/netkit")
    return path


def jupyter_data() -> Path:
    """netkit's Jupyter data folder (on ``JUPYTER_PATH``): Voila's workshop template."""
    path = _folder("netkit") / "templates" / "jupyter"
    if not (path / "voila" / "templates" / "netkit-workshop" / "index.html.j2").is_file():
        raise ResourceMissingError("netkit", "templates/jupyter/voila/templates/netkit-workshop")
    return path


def stylesheet() -> str:
    """The export stylesheet's text."""
    return template("export.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class WorkbookCopy:
    """What :func:`copy_workbook` did: the notebooks it copied and the ones it kept."""

    folder: Path  # the notebooks' folder (``DIR/notebooks``)
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def copy_workbook(folder: Path) -> WorkbookCopy:
    """Copy the shipped notebooks into ``folder/notebooks``, never replacing a file there.

    ``folder`` becomes a workbook folder like the repository's: the notebooks find the
    portfolio in ``folder/portfolio/`` and ``netkit export`` writes to ``folder/exports/``.
    """
    target = folder / "notebooks"
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WorkbookFolderError(target, "it is a file, not a folder") from None
    except OSError as exc:
        raise WorkbookFolderError(target, exc.strerror or str(exc)) from None
    done = WorkbookCopy(target)
    for source in notebooks():
        path = target / source.name
        try:
            handle = path.open("xb")  # "x": a file the learner already has is never replaced
        except FileExistsError:
            done.kept.append(source.name)
            continue
        except OSError as exc:
            raise WorkbookFolderError(path, exc.strerror or str(exc)) from None
        try:
            with handle:
                handle.write(source.read_bytes())
        except OSError as exc:  # e.g. a full disk: no half-written notebook is left behind
            path.unlink(missing_ok=True)
            raise WorkbookFolderError(path, exc.strerror or str(exc)) from None
        done.copied.append(source.name)
    return done


# -- the assessor's notebook (notebooks/assessor/): never part of a learner's workbook -----
REVIEW_NOTEBOOK = "assessor/review.ipynb"


def review_notebook() -> Path:
    """The assessor's review notebook (``notebooks/assessor/review.ipynb``)."""
    return _file("netkit.notebooks", REVIEW_NOTEBOOK)


def copy_review_notebook(folder: Path) -> WorkbookCopy:
    """Copy the assessor's review notebook into ``folder`` (the assessor's working folder,
    where their portfolio and decision records go), never replacing a file there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WorkbookFolderError(folder, "it is a file, not a folder") from None
    except OSError as exc:
        raise WorkbookFolderError(folder, exc.strerror or str(exc)) from None
    source = review_notebook()
    done = WorkbookCopy(folder)
    try:
        with (folder / source.name).open("xb") as handle:
            handle.write(source.read_bytes())
    except FileExistsError:
        done.kept.append(source.name)
    except OSError as exc:
        (folder / source.name).unlink(missing_ok=True)
        raise WorkbookFolderError(folder / source.name, exc.strerror or str(exc)) from None
    else:
        done.copied.append(source.name)
    return done


__all__ += ["REVIEW_NOTEBOOK", "copy_review_notebook", "review_notebook"]
