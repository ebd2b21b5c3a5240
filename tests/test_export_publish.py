"""An export never half-fails: it is staged beside its destination and put in place as a whole.

Failures while publishing, a full disk, a folder that cannot be written to and a dangling
symbolic link leave any earlier export byte for byte as it was; the destination errors come
before any notebook runs; a killed export's leftovers go with the next export; Ctrl-C and
SIGTERM remove the redacted copy of the portfolio.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from netkit import export as exporting
from netkit import publish
from netkit.cli import load_example
from netkit.exceptions import DiskFullError, ExportDestinationError
from netkit.export import export
from netkit.store import Portfolio

REPO = Path(__file__).resolve().parent.parent
Run = Any  # conftest.Run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (names relative to it) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def staged(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(publish.PREFIX))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("example") / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
    return path


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook with one short notebook, so each export here takes a few seconds."""
    root = tmp_path_factory.mktemp("workbook")
    (root / "notebooks").mkdir()
    cells = [nbformat.v4.new_markdown_cell("# Short"),
             nbformat.v4.new_code_cell("portfolio_path = None",
                                       metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("import netkit as nk\n"
                                       "nk.open_portfolio(portfolio_path).path.name")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), root / "notebooks" / "00-short.ipynb")
    return root


@pytest.fixture
def run(example: Path, workbook: Path) -> Callable[..., dict[str, Any]]:
    def go(out: Path, **kw: Any) -> dict[str, Any]:
        result = export(example, out=out, formats=("html",), root=workbook, progress=False,
                        **kw)
        return {"files": result.files}
    return go


# -- publishing --------------------------------------------------------------------------------

def make_files(folder: Path, names: list[str], text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"{text} {name}", encoding="utf-8")


NAMES = ["00-a.html", "00-a.pdf", "02-b.html", "02-b.pdf", "evidence-pack.html",
         "evidence-pack.pdf", "manifest.json"]


@pytest.mark.parametrize("fail_at", [1, 3, 6, 7])
def test_a_failure_part_way_through_publishing_leaves_the_earlier_export(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    target = tmp_path / "exports" / "today"
    make_files(target, [*NAMES[:5], "my-notes.txt"], "earlier")  # no PDF of the pack yet
    before = snapshot(target)
    with publish.staging(target) as folder:
        make_files(folder, NAMES, "new")
        real = os.replace
        calls = {"n": 0}

        def flaky(src: Any, dst: Any) -> None:
            calls["n"] += 1
            if calls["n"] == fail_at:
                raise OSError(errno.EIO, "Input/output error")
            real(src, dst)

        monkeypatch.setattr(publish.os, "replace", flaky)
        with pytest.raises(ExportDestinationError, match="input/output error"):
            publish.publish(folder, target, NAMES)
        monkeypatch.setattr(publish.os, "replace", real)
        assert snapshot(target) == before  # every earlier file, byte for byte
        assert snapshot(folder) == {n: f"new {n}".encode() for n in NAMES}
    assert staged(target.parent) == []


def test_publishing_replaces_same_named_files_and_keeps_others(tmp_path: Path) -> None:
    target = tmp_path / "out"
    make_files(target, ["00-a.html", "my-notes.txt"], "earlier")
    with publish.staging(target) as folder:
        make_files(folder, NAMES, "new")
        publish.publish(folder, target, NAMES)
    assert snapshot(target) == {**{n: f"new {n}".encode() for n in NAMES},
                                "my-notes.txt": b"earlier my-notes.txt"}
    assert staged(tmp_path) == []


def test_a_new_destination_is_the_staging_folder_renamed(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    target = tmp_path / "exports" / "today"
    renames: list[tuple[str, str]] = []
    real = os.rename
    monkeypatch.setattr(publish.os, "rename",
                        lambda a, b: (renames.append((Path(a).parent.name, Path(b).name)),
                                      real(a, b))[1])
    with publish.staging(target) as folder:
        make_files(folder, NAMES, "new")
        publish.publish(folder, target, NAMES)
    assert renames == [("exports", "today")]  # one step: all of it or nothing
    assert sorted(p.name for p in target.iterdir()) == sorted(NAMES)
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    assert staged(target.parent) == []


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_a_failing_export_leaves_the_earlier_export_byte_for_byte(
        run: Callable[..., dict[str, Any]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "exports" / "today"
    run(out)
    before = snapshot(out)
    # agreement-1.html: the example learner's confidentiality agreement, a file of its own;
    # attachments/: her two attached documents, in a folder the move must keep whole too
    assert {"00-short.html", "evidence-pack.html", "agreement-1.html", "manifest.json",
            "attachments/E1-witness-statement-mark-ellis-signed.pdf",
            "attachments/E2-professional-discussion-2025-11-03.pdf"} == set(before)
    real, real_publish = os.replace, publish.publish
    calls = {"n": 0}

    def flaky(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # the earlier pack moved aside, the new one not yet in place
            raise OSError(errno.EACCES, "Permission denied")
        real(src, dst)

    def publishing(*args: Any) -> Any:  # os.replace fails only while publishing
        with monkeypatch.context() as patch:
            patch.setattr(publish.os, "replace", flaky)
            return real_publish(*args)

    monkeypatch.setattr(publish, "publish", publishing)
    with pytest.raises(ExportDestinationError, match="permission denied"):
        run(out)
    assert calls["n"] > 4  # it did undo what it had done
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["today"]


# -- known before anything runs ----------------------------------------------------------------

@pytest.fixture
def nothing_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a notebook would run."""
    def refuse(*_args: Any, **_kw: Any) -> None:
        raise AssertionError("a notebook ran although the destination was known to fail")
    monkeypatch.setattr(exporting, "execute_all", refuse)


def test_a_dangling_symlink_as_out_is_refused_before_anything_runs(
        run: Callable[..., dict[str, Any]], tmp_path: Path, nothing_runs: None) -> None:
    link = tmp_path / "usb"
    link.symlink_to(tmp_path / "unplugged" / "stick")
    with pytest.raises(ExportDestinationError, match=r"symbolic link to .*unplugged") as err:
        run(link)
    assert err.value.path == link
    assert not (tmp_path / "unplugged").exists()
    assert staged(tmp_path) == []


def test_a_symlink_to_a_folder_is_followed(run: Callable[..., dict[str, Any]],
                                           tmp_path: Path) -> None:
    real = tmp_path / "disk" / "exports"
    real.mkdir(parents=True)
    (tmp_path / "link").symlink_to(real)
    run(tmp_path / "link")
    assert (real / "00-short.html").is_file()
    assert (tmp_path / "link").is_symlink()
    assert staged(tmp_path / "disk") == [] and staged(tmp_path) == []


def test_a_file_as_out_is_refused_before_anything_runs(
        run: Callable[..., dict[str, Any]], tmp_path: Path, nothing_runs: None) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExportDestinationError, match="is a file, not a folder"):
        run(tmp_path / "notes.txt" / "today")
    assert (tmp_path / "notes.txt").read_text() == "mine"


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[None]:
    """A small tmpfs at ``folder`` (root only); skips the test where mounting is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can write to (as root too: a read-only file system)."""
    folder = tmp_path / "shared"
    if os.geteuid() != 0:
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    with mounted(folder, "ro,size=1m"):
        yield folder


def test_an_unwritable_parent_folder_is_refused_before_anything_runs(
        run: Callable[..., dict[str, Any]], read_only: Path, nothing_runs: None) -> None:
    with pytest.raises(ExportDestinationError, match="not a folder you can write to"):
        run(read_only / "exports" / "today")


def test_the_cli_says_so_in_one_paragraph(run_cli: Callable[..., Run], example: Path,
                                          workbook: Path, tmp_path: Path, read_only: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          nothing_runs: None) -> None:
    monkeypatch.chdir(workbook)
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    for out, phrase in ((tmp_path / "dangling", "which does not exist"),
                        (read_only / "today", "not a folder you can write to")):
        done = run_cli("export", "--portfolio", str(example), "--format", "html",
                       "--out", str(out))
        assert done.code == 2, done
        assert "Traceback" not in done.err
        message = " ".join(done.err.split())
        assert message.startswith(f"netkit export: cannot write to {out}")
        assert phrase in message and "--out" in message


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "stick"
    with mounted(folder, "size=1m"):
        yield folder


def test_a_full_disk_is_refused_before_anything_runs(run: Callable[..., dict[str, Any]],
                                                    small_disk: Path, nothing_runs: None
                                                    ) -> None:
    make_files(small_disk / "today", ["00-short.html"], "earlier")
    before = snapshot(small_disk)
    with pytest.raises(DiskFullError, match="the disk is full") as err:
        run(small_disk / "today")
    assert err.value.free < err.value.needed
    assert snapshot(small_disk) == before


def test_a_disk_that_fills_up_while_writing_leaves_the_earlier_export(
        run: Callable[..., dict[str, Any]], small_disk: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_files(small_disk / "today", ["00-short.html", "manifest.json"], "earlier")
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"x" * (free - 150_000))  # room for ~one page
    before = snapshot(small_disk)
    monkeypatch.setattr(publish, "check_space", lambda *_a: None)  # let it try
    with pytest.raises(DiskFullError, match="the disk is full"):
        run(small_disk / "today")
    assert snapshot(small_disk) == before
    assert staged(small_disk) == []


# -- leftovers ---------------------------------------------------------------------------------

def test_leftover_staging_folders_of_killed_exports_are_removed(
        run: Callable[..., dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "exports" / "today"
    out.parent.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    killed = out.parent / f"{publish.PREFIX}{dead}-x1y2"
    make_files(killed, ["00-short.html"], "half-written")
    running = out.parent / f"{publish.PREFIX}{os.getppid()}-a3b4"  # a live process's
    running.mkdir()
    run(out)
    assert not killed.exists()
    assert running.is_dir()
    running.rmdir()


def _wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_ctrl_c_or_a_kill_removes_the_redacted_copy(example: Path, tmp_path: Path,
                                                    sig: signal.Signals) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "exports" / "today"
    child = subprocess.Popen(
        [sys.executable, "-m", "netkit", "export", "--portfolio", str(example),
         "--format", "html,pdf", "--out", str(out)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temp), "NETKIT_ACTOR": "tester"})
    try:
        # Mid-export: the copy is made and the notebooks have started running.
        started = _wait_for(lambda: any(temp.glob("netkit-export-*/*.kernel.log")), 60)
        assert started, child.communicate(timeout=60)
        assert any(temp.glob("netkit-export-*/portfolio.sqlite"))
        assert staged(out.parent)
        child.send_signal(sig)
        _, err = child.communicate(timeout=90)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode in (130, 128 + signal.SIGTERM), err
    assert "Traceback" not in err
    assert not list(temp.glob("netkit-export-*"))  # the redacted copy is gone
    assert not out.exists() and staged(out.parent) == []


# -- what the export does not carry or build ---------------------------------------------------

def test_nbformat_is_imported_without_building_iri_grammars() -> None:
    """jsonschema's optional rfc3987_syntax (about 1 s of grammar building) is skipped,
    and nbformat still validates notebooks."""
    code = ("import sys; from netkit.export import _nbformat; nbformat = _nbformat(); "
            "import jsonschema; nb = nbformat.v4.new_notebook(); nbformat.validate(nb); "
            "bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('x')]); "
            "del bad.cells[0]['source']\n"
            "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n"
            "    print('invalid refused')\n"
            "print('rfc3987_syntax' in sys.modules)\n"
            "import rfc3987_syntax; print('importable afterwards')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.split("\n")[:3] == ["invalid refused", "False",
                                           "importable afterwards"], done.stdout


def test_the_copy_the_notebooks_run_against_has_no_history(example: Path, tmp_path: Path
                                                           ) -> None:
    with Portfolio.open(example) as portfolio:
        assert portfolio.dump()["history"]  # the learner's own file keeps it
    root = tmp_path / "workbook"
    (root / "notebooks").mkdir(parents=True)
    cells = [nbformat.v4.new_code_cell("portfolio_path = None",
                                       metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell(
                 "import netkit as nk\n"
                 "dump = nk.open_portfolio(portfolio_path).dump()\n"
                 "print(f\"history={len(dump['history'])} records={len(dump['records'])}\")")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), root / "notebooks" / "00-h.ipynb")
    result = export(example, out=tmp_path / "out", formats=("html",), root=root,
                    progress=False)
    page = (result.folder / "00-h.html").read_text("utf-8")
    assert "history=0 records=" in page and "records=0" not in page
