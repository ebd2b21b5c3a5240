"""Putting an export in place as a whole, or not at all.

An export is written into a *staging* folder beside its destination (on the same file
system, so moving it is a rename: a USB stick is a mount point, and ``/tmp`` is often
another disk) and moved into place only when every file is finished:

- a destination that does not exist yet is the staging folder renamed, in one step;
- into an existing folder, each earlier same-named file is first moved aside into the
  staging folder and the new one renamed in; if any rename fails, every step is undone in
  reverse, so the earlier export stays exactly as it was (same bytes, same files).

What can be known before any notebook runs is checked first (:func:`destination`,
:func:`check_space`): a dangling symbolic link, a file where a folder should be, a folder
that cannot be written to, a disk without room. Staging folders carry the id of the process
that made them; one whose process is gone (a killed export) is removed by the next export
to the same place (:func:`clean_leftovers`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .exceptions import DiskFullError, ExportDestinationError

__all__ = ["PREFIX", "check_space", "clean_leftovers", "destination", "publish", "staging",
           "write_error"]

PREFIX = ".netkit-export-"
_BYTES_PER_FILE = 1_000_000  # an exported notebook is 0.1-1 MB; the estimate errs high
_SLACK = 2_000_000


def destination(out: Path) -> Path:
    """The real folder an export to ``out`` goes to, checked before anything runs.

    Follows a symbolic link to an existing folder; refuses a dangling link, a file, and a
    folder (or its nearest existing parent) that cannot be written to.
    """
    if out.is_symlink() and not out.exists():
        raise ExportDestinationError(
            out, f"it is a symbolic link to {os.readlink(out)}, which does not exist "
                 "(create that folder, or remove the link)")
    target = Path(os.path.abspath(out.resolve()))
    if target.exists() and not target.is_dir():
        raise ExportDestinationError(target, "it is a file, not a folder")
    existing = target
    while not existing.exists():
        if existing.is_symlink():
            raise ExportDestinationError(
                target, f"{existing} is a symbolic link to {os.readlink(existing)}, which "
                        "does not exist")
        existing = existing.parent
    if not existing.is_dir():
        raise ExportDestinationError(target, f"{existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ExportDestinationError(target, f"{existing} is not a folder you can write to")
    return target


def _home(target: Path) -> Path:
    """Where the staging folder goes: beside ``target``, or inside it if it is a mount."""
    return target if target.is_dir() and os.path.ismount(target) else target.parent


def needed_bytes(files: int) -> int:
    """A generous estimate of what an export of ``files`` files takes on disk."""
    return files * _BYTES_PER_FILE + _SLACK


def check_space(target: Path, files: int) -> None:
    """Refuse before anything runs when the disk ``target`` is on has no room for it."""
    existing = _home(target)
    while not existing.exists():
        existing = existing.parent
    free = shutil.disk_usage(existing).free
    needed = needed_bytes(files)
    if free < needed:
        raise DiskFullError(target, free=free, needed=needed)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging folders beside ``target`` whose export process is gone."""
    home = _home(target)
    removed: list[Path] = []
    if not home.is_dir():
        return removed
    for folder in home.glob(f"{PREFIX}*"):
        pid = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and not (
                pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid()):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh staging folder for ``target``; removed on the way out, whatever happens."""
    home = _home(target)
    try:
        home.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=home))
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_error(target: Path, exc: OSError) -> ExportDestinationError:
    """The error for an ``OSError`` met while writing an export for ``target``."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        home = _home(target)
        while not home.exists():
            home = home.parent
        return DiskFullError(target, free=shutil.disk_usage(home).free, needed=0)
    return ExportDestinationError(target, str(exc.strerror or exc).lower())


def publish(folder: Path, target: Path, names: list[str]) -> list[Path]:
    """Move the files ``names`` from the staging ``folder`` into ``target`` as a whole.

    Same-named files in ``target`` are replaced, others are left alone. On any failure
    nothing in ``target`` has changed.
    """
    mode = 0o777 & ~_umask()
    if not target.exists() and not target.is_symlink():
        try:
            folder.chmod(mode)  # mkdtemp makes it private to us; an export folder is not
            os.rename(folder, target)
        except OSError as exc:
            raise write_error(target, exc) from None
        return [target / name for name in names]
    aside = folder / ".earlier"
    moved: list[str] = []
    placed: list[str] = []
    made: list[Path] = []  # sub-folders (attachments/) this made in target
    try:
        aside.mkdir()
        for name in names:
            for parent in reversed((target / name).relative_to(target).parents[:-1]):
                if not (target / parent).is_dir():
                    (target / parent).mkdir()
                    made.append(target / parent)
                (aside / parent).mkdir(exist_ok=True)
            if os.path.lexists(target / name):
                os.replace(target / name, aside / name)
                moved.append(name)
            os.replace(folder / name, target / name)
            placed.append(name)
    except OSError as exc:
        for name in reversed(placed):
            with contextlib.suppress(OSError):
                os.replace(target / name, folder / name)
        for name in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(aside / name, target / name)
        for made_folder in reversed(made):
            with contextlib.suppress(OSError):
                made_folder.rmdir()
        raise write_error(target, exc) from None
    return [target / name for name in names]


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
