"""``netkit verify DIR``: an export folder checked against its manifest.json."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit.export import write_manifest

Run = Any  # conftest.Run: code, out, err


def _export(folder: Path) -> list[str]:
    """A folder as 'netkit export' leaves it: files, then manifest.json written by netkit."""
    (folder / "attachments").mkdir(parents=True)
    files = {"00-start-here.html": "<h1>Start</h1>", "evidence-pack.html": "<h1>Pack</h1>",
             "attachments/E3-minutes.txt": "Minutes of 2 Nov"}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    write_manifest(folder, list(files), learner="Priya Tester", example=False,
                   mode="redacted", notebooks=["00-start-here.ipynb"], date=dt.date(2026, 11, 2))
    return list(files)


def test_an_untouched_export_matches(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = tmp_path / "export"
    _export(folder)
    (folder / ".DS_Store").write_bytes(b"\x00")  # hidden files are not part of it
    run = run_cli("verify", str(folder))
    assert (run.code, run.err) == (0, "")
    assert run.out == f"{folder}: all 3 files match\n"


def test_changed_missing_and_added_files_are_each_listed(run_cli: Callable[..., Run],
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "export"
    _export(folder)
    (folder / "evidence-pack.html").write_text("<h1>Pack, improved</h1>", encoding="utf-8")
    (folder / "attachments" / "E3-minutes.txt").unlink()
    (folder / "attachments" / "E9-extra.pdf").write_bytes(b"%PDF-")
    run = run_cli("verify", str(folder))
    assert run.code == 2 and run.out == ""
    lines = run.err.splitlines()
    assert lines[0] == f"{folder} does not match its manifest.json (written by 'netkit export'):"
    assert lines[1:4] == ["  changed: evidence-pack.html",
                          "  missing: attachments/E3-minutes.txt",
                          "  added: attachments/E9-extra.pdf"]
    assert "Traceback" not in run.err


def test_the_same_bytes_put_back_match_again(run_cli: Callable[..., Run],
                                             tmp_path: Path) -> None:
    folder = tmp_path / "export"
    _export(folder)
    page = folder / "00-start-here.html"
    page.write_text("<h1>Start!</h1>", encoding="utf-8")
    assert run_cli("verify", str(folder)).code == 2
    page.write_text("<h1>Start</h1>", encoding="utf-8")
    assert run_cli("verify", str(folder)).code == 0


@pytest.mark.parametrize(("setup", "phrase"), [
    ("no manifest", "it holds no manifest.json"),
    ("not json", "its manifest.json is not valid JSON"),
    ("another format", "was not written by 'netkit export'"),
    ("no hash", "gives no SHA-256 for 'evidence-pack.html'"),
    ("outside", "which is not a file inside the export folder"),
    ("no folder", "there is no such folder"),
])
def test_a_folder_with_no_or_a_broken_manifest_is_refused_in_one_paragraph(
        run_cli: Callable[..., Run], tmp_path: Path, setup: str, phrase: str) -> None:
    folder = tmp_path / "export"
    _export(folder)
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if setup == "no manifest":
        manifest.unlink()
    elif setup == "not json":
        manifest.write_text('{"format": "netkit-export", ', encoding="utf-8")
    elif setup == "another format":
        manifest.write_text(json.dumps({**data, "format": "other"}), encoding="utf-8")
    elif setup == "no hash":
        data["files"]["evidence-pack.html"] = {"bytes": 14}
        manifest.write_text(json.dumps(data), encoding="utf-8")
    elif setup == "outside":
        data["files"]["../secret.txt"] = data["files"]["evidence-pack.html"]
        manifest.write_text(json.dumps(data), encoding="utf-8")
    else:
        folder = tmp_path / "nowhere"
    run = run_cli("verify", str(folder))
    assert run.code == 2 and run.out == ""
    assert phrase in " ".join(run.err.split()), run.err
    assert run.err.startswith("netkit verify: ") and "Traceback" not in run.err
