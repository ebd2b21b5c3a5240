"""An export folder's ``manifest.json``: read it, fingerprint it, check the files against it.

``netkit export`` writes the SHA-256 of every file it wrote into ``manifest.json``. An
assessor (``netkit verify``, the review notebook) and a learner loading feedback
(``netkit feedback load``) check a folder with :func:`verify_export`: every file listed
must be there with the same bytes, and no other file may have been added. The manifest's
own SHA-256 (:attr:`ExportManifest.digest`) names one export exactly: the assessor's
decisions carry it, so they stand only for the files that were judged.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .exceptions import ExportChangedError, ExportManifestError

__all__ = ["MANIFEST", "ExportManifest", "Verification", "file_sha256", "read_manifest",
           "verify_export"]

MANIFEST = "manifest.json"
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in pieces (an attachment may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class ExportManifest:
    """What an export's ``manifest.json`` says, and the SHA-256 of the manifest itself."""

    folder: Path
    digest: str
    learner: str
    date: str
    created: str
    example: bool
    files: dict[str, str]  # name (posix, relative to the folder) -> sha256
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)


def _name(value: Any, folder: Path) -> str:
    """A file name the manifest lists, which must stay inside the folder."""
    path = PurePosixPath(str(value))
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in str(value):
        raise ExportManifestError(folder, f"its manifest.json lists {value!r}, which is not "
                                          "a file inside the export folder")
    return path.as_posix()


def read_manifest(folder: str | os.PathLike[str]) -> ExportManifest:
    """Read ``folder/manifest.json``; raises ExportManifestError if it is not one."""
    where = Path(folder).expanduser()
    if not where.is_dir():
        raise ExportManifestError(where, "there is no such folder" if not where.exists()
                                  else "it is a file, not a folder")
    try:
        raw = (where / MANIFEST).read_bytes()
    except FileNotFoundError:
        raise ExportManifestError(where, "it holds no manifest.json") from None
    except OSError as exc:
        raise ExportManifestError(where, f"its manifest.json cannot be read "
                                         f"({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ExportManifestError(where, "its manifest.json is not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != "netkit-export" \
            or not isinstance(data.get("files"), dict):
        raise ExportManifestError(where, "its manifest.json was not written by "
                                         "'netkit export'")
    files = {}
    for name, entry in data["files"].items():
        sha = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(sha, str) or len(sha) != 64:
            raise ExportManifestError(where, f"its manifest.json gives no SHA-256 for "
                                             f"{name!r}")
        files[_name(name, where)] = sha.lower()
    return ExportManifest(
        folder=where, digest=hashlib.sha256(raw).hexdigest(),
        learner=str(data.get("learner") or ""), date=str(data.get("date") or ""),
        created=str(data.get("created") or ""), example=bool(data.get("example")),
        files=files, data=data)


@dataclass(frozen=True)
class Verification:
    """An export checked against its manifest: which files changed, went or were added."""

    manifest: ExportManifest
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every listed file is there, unchanged, and nothing was added."""
        return not (self.changed or self.missing or self.added)

    def summary(self) -> str:
        """One line: "all 12 files match" or what differs."""
        if self.ok:
            count = len(self.manifest.files)
            return f"all {count} file{'s' if count != 1 else ''} match"
        parts = [f"{label}: {', '.join(names)}" for label, names in
                 (("changed", self.changed), ("missing", self.missing),
                  ("added", self.added)) if names]
        return "; ".join(parts)

    def error(self, advice: str = "") -> ExportChangedError:
        """The error to raise when the export does not match (check :attr:`ok` first)."""
        return ExportChangedError(self.manifest.folder, list(self.changed),
                                  list(self.missing), list(self.added), advice)


def _present(folder: Path) -> set[str]:
    """Every file in ``folder`` and below, as posix names; hidden files and folders (a
    desktop's ``.DS_Store``, Jupyter's checkpoints) are not part of an export."""
    found: set[str] = set()
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root).relative_to(folder)
        found.update((base / n).as_posix() for n in names if not n.startswith("."))
    return found


def verify_export(folder: str | os.PathLike[str]) -> Verification:
    """Check every file of the export in ``folder`` against its ``manifest.json``."""
    manifest = read_manifest(folder)
    where = manifest.folder
    changed, missing = [], []
    for name, sha in manifest.files.items():
        path = where / name
        try:
            if file_sha256(path) != sha:
                changed.append(name)
        except FileNotFoundError:
            missing.append(name)
        except IsADirectoryError:
            changed.append(name)
        except OSError as exc:
            raise ExportManifestError(where, f"{name} cannot be read "
                                             f"({exc.strerror or exc})") from None
    added = sorted(_present(where) - set(manifest.files) - {MANIFEST})
    return Verification(manifest, tuple(changed), tuple(missing), tuple(added))
