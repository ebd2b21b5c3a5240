"""The portfolio on disk: history, transactions, racing processes, kills, schema, dump/load."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from netkit.exceptions import (
    ImportFormatError,
    NotAPortfolioError,
    PortfolioNotEmptyError,
    PortfolioUnavailableError,
    SchemaVersionError,
    ValidationError,
)
from netkit.model import Benefit, Learner, Need, Network, Witness
from netkit.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Portfolio,
    default_portfolio_path,
    resolve_portfolio_path,
)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("portfolio-v*.sqlite"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    """The -wal / -shm files SQLite left beside ``path``."""
    return sorted(p.name for p in path.parent.glob(f"{path.name}-*"))


def reopen(path: Path) -> Portfolio:
    return Portfolio.open(path, create=False)


def child(code: str, *args: str) -> subprocess.Popen[str]:
    """A Python child process running ``code`` with netkit importable."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NETKIT_ACTOR": "child"})


# -- answers and their history ---------------------------------------------------------

def test_saved_answer_reads_back(portfolio: Portfolio, portfolio_path: Path) -> None:
    need = Need(text="  Keep up with procurement law  ", horizon="current need",
                priority="high")
    saved = portfolio.save(need)
    assert saved.text == "Keep up with procurement law"  # validate() normalised it
    with reopen(portfolio_path) as again:
        assert again.load(Need, need.id) == saved
        assert again.all(Need) == [saved]
        assert again.count() == 1


def test_history_records_who_when_what_and_via(portfolio_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETKIT_ACTOR", "alex")
    before = dt.datetime.now(dt.timezone.utc)
    with Portfolio.open(portfolio_path, via="cli") as portfolio:
        learner = portfolio.save(Learner(name="Alex Morgan"))
        learner.role = "Team leader"
        portfolio.save(learner)
    monkeypatch.setenv("NETKIT_ACTOR", "tutor-sam")
    with Portfolio.open(portfolio_path, via="notebook") as portfolio:
        learner.employer = "Northgate"
        portfolio.save(learner)
        history = portfolio.history("learner", "main")
    after = dt.datetime.now(dt.timezone.utc)

    assert [h.revision for h in history] == [1, 2, 3]
    assert [h.action for h in history] == ["create", "update", "update"]
    assert [h.actor for h in history] == ["alex", "alex", "tutor-sam"]
    assert [h.via for h in history] == ["cli", "cli", "notebook"]
    assert [h.data["role"] for h in history] == ["", "Team leader", "Team leader"]
    assert history[2].data["employer"] == "Northgate"
    times = [dt.datetime.fromisoformat(h.at) for h in history]
    assert times == sorted(times)
    assert before <= times[0] and times[-1] <= after


def test_restore_earlier_revision_becomes_a_new_revision(portfolio: Portfolio) -> None:
    need = portfolio.save(Need(text="first wording", id="n1"))
    need.text = "second wording"
    portfolio.save(need)
    restored = portfolio.restore("need", "n1", 1)
    assert restored.data["text"] == "first wording"
    assert restored.revision == 3
    assert portfolio.load(Need, "n1") == Need(text="first wording", id="n1")
    assert [h.action for h in portfolio.history("need", "n1")] == ["create", "update",
                                                                   "update"]
    with pytest.raises(KeyError, match="no revision 9"):
        portfolio.restore("need", "n1", 9)


def test_delete_then_undelete_brings_the_answer_back(portfolio: Portfolio) -> None:
    need = portfolio.save(Need(text="a need", id="n1"))
    portfolio.remove(need)
    assert portfolio.load(Need, "n1") is None
    assert portfolio.all(Need) == []
    assert portfolio.count() == 0
    gone = portfolio.get("need", "n1", include_deleted=True)
    assert gone is not None and gone.deleted and gone.data["text"] == "a need"
    with pytest.raises(KeyError):
        portfolio.delete("need", "n1")  # already deleted

    back = portfolio.undelete("need", "n1")
    assert not back.deleted and back.revision == 3
    assert portfolio.load(Need, "n1") == need
    history = portfolio.history("need", "n1")
    assert [(h.action, h.deleted) for h in history] == [
        ("create", False), ("delete", True), ("restore", False)]
    with pytest.raises(KeyError):
        portfolio.undelete("need", "n1")  # not deleted any more


def test_saving_identical_data_adds_no_revision(portfolio: Portfolio) -> None:
    need = Need(text="same", id="n1")
    portfolio.save(need)
    first = portfolio.get("need", "n1")
    portfolio.save(Need(text="same ", id="n1"))  # normalises to the same data
    assert portfolio.get("need", "n1") == first
    assert len(portfolio.history("need", "n1")) == 1


def test_invalid_answer_is_refused_and_nothing_written(portfolio: Portfolio) -> None:
    with pytest.raises(ValidationError) as caught:
        portfolio.save(Need(text="   ", id="n1"))
    assert caught.value.field == "text"
    assert portfolio.get("need", "n1", include_deleted=True) is None
    assert portfolio.last_saved() is None


def test_last_saved_and_records_order(portfolio: Portfolio) -> None:
    for key in ("b", "a", "c"):
        portfolio.save(Need(text=key, id=key))
    assert [n.id for n in portfolio.all(Need)] == ["b", "a", "c"]  # first saved first
    saved = portfolio.last_saved("need")
    assert saved is not None and saved.tzinfo is not None
    assert portfolio.last_saved("network") is None


# -- transactions and journal ----------------------------------------------------------

def test_every_save_is_one_transaction(portfolio: Portfolio) -> None:
    statements: list[str] = []
    portfolio._db.set_trace_callback(statements.append)
    try:
        portfolio.save(Need(text="traced", id="n1"))
    finally:
        portfolio._db.set_trace_callback(None)
    verbs = [s.split()[0].upper() for s in statements]
    assert verbs[0] == "BEGIN" and "IMMEDIATE" in statements[0].upper()
    assert verbs[-1] == "COMMIT"
    assert verbs.count("BEGIN") == 1 and verbs.count("COMMIT") == 1
    writes = [s for s in statements if s.split()[0].upper() in ("INSERT", "UPDATE")]
    assert any("INTO records" in s for s in writes)
    assert any("INTO revisions" in s for s in writes)


def test_failed_history_write_rolls_back_the_answer(portfolio: Portfolio,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    portfolio.save(Need(text="kept", id="n1"))

    def broken_log(*args: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(portfolio, "_log", broken_log)
    with pytest.raises(sqlite3.OperationalError):
        portfolio.save(Need(text="changed", id="n1"))
    with pytest.raises(sqlite3.OperationalError):
        portfolio.save(Need(text="new", id="n2"))
    monkeypatch.undo()
    assert portfolio.load(Need, "n1") == Need(text="kept", id="n1")
    assert portfolio.get("need", "n2") is None
    assert len(portfolio.history("need", "n1")) == 1
    assert not portfolio._db.in_transaction


def test_wal_mode_is_on(portfolio: Portfolio, portfolio_path: Path) -> None:
    portfolio.save(Need(text="x"))
    other = sqlite3.connect(portfolio_path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        other.close()
    assert portfolio._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_opening_an_up_to_date_portfolio_writes_nothing(portfolio_path: Path) -> None:
    with Portfolio.open(portfolio_path) as portfolio:
        portfolio.save(Need(text="x"))
    before = sha256(portfolio_path)
    with reopen(portfolio_path) as portfolio:
        assert portfolio.count() == 1
    assert sha256(portfolio_path) == before
    assert sidecars(portfolio_path) == []


def test_second_connection_sees_saves_at_once(portfolio: Portfolio,
                                              portfolio_path: Path) -> None:
    with reopen(portfolio_path) as kernel2:
        portfolio.save(Need(text="from the notebook", id="n1"))
        assert kernel2.load(Need, "n1") is not None
        kernel2.save(Need(text="from the CLI", id="n2"))
        assert portfolio.load(Need, "n2") is not None


# -- racing processes and kills --------------------------------------------------------

# Each writer pauses a moment between saves, as real ones do: SQLite's busy handler is not
# fair, so a writer saving flat out would hold the lock until it finished and the two would
# take turns instead of racing.
WRITER = """
    import sys
    import time
    from netkit.model import Need
    from netkit.store import Portfolio

    path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Portfolio.open(path, via="race") as portfolio:
        print("ready", flush=True)
        sys.stdin.readline()  # both start together
        for i in range(n):
            portfolio.save(Need(text=f"{prefix} need {i}", id=f"{prefix}-{i:04d}"))
            time.sleep(0.0005)
    print("done", flush=True)
"""


@pytest.mark.slow
def test_two_processes_saving_at_once_lose_nothing(portfolio_path: Path) -> None:
    Portfolio.open(portfolio_path).close()
    writers = [child(WRITER, str(portfolio_path), prefix, "500") for prefix in ("a", "b")]
    try:
        for proc in writers:
            assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        for proc in writers:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=300) for proc in writers]
    finally:
        for proc in writers:
            proc.kill() if proc.poll() is None else None
    for proc, (out, err) in zip(writers, results, strict=True):
        assert proc.returncode == 0, err
        assert out == "done\n"

    with reopen(portfolio_path) as portfolio:
        keys = {n.id for n in portfolio.all(Need)}
        assert keys == {f"{p}-{i:04d}" for p in "ab" for i in range(500)}
        rows = portfolio._db.execute(
            "SELECT key FROM revisions ORDER BY id").fetchall()
    assert len(rows) == 1000
    writer_order = [key[0] for (key,) in rows]
    switches = sum(a != b for a, b in itertools.pairwise(writer_order))
    assert switches > 50, "the two writers hardly overlapped: the test did not race"


KILLED_WRITER = """
    import sys
    from netkit.model import Need
    from netkit.store import Portfolio

    with Portfolio.open(sys.argv[1], via="crash") as portfolio:
        i = 0
        while True:
            key = f"k{i:06d}"
            portfolio.save(Need(text=f"need {i} " + "x" * 400, id=key))
            print(key, flush=True)  # acknowledged: save() has returned
            i += 1
"""


@pytest.mark.slow
def test_save_survives_kill_during_write(portfolio_path: Path) -> None:
    writer = child(KILLED_WRITER, str(portfolio_path))
    acknowledged: list[str] = []
    try:
        assert writer.stdout is not None
        while len(acknowledged) < 200:
            line = writer.stdout.readline()
            assert line, writer.stderr.read() if writer.stderr else "writer died"
            acknowledged.append(line.strip())
        writer.send_signal(signal.SIGKILL)  # mid-stream: it is saving the next one now
        rest, _ = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == -signal.SIGKILL
    acknowledged += rest.split()  # printed before the kill landed: also acknowledged
    assert (portfolio_path.parent / f"{portfolio_path.name}-wal").exists()  # a hot journal

    with reopen(portfolio_path) as portfolio:
        check = portfolio._db.execute("PRAGMA integrity_check").fetchall()
        assert check == [("ok",)]
        keys = {n.id for n in portfolio.all(Need)}
        assert set(acknowledged) <= keys
        assert len(keys) - len(acknowledged) <= 1  # at most the one being saved
        # No half-saved answer: every record has exactly its revisions.
        orphans = portfolio._db.execute(
            "SELECT count(*) FROM records r WHERE r.revision != (SELECT count(*) FROM "
            "revisions v WHERE v.kind = r.kind AND v.key = r.key)").fetchone()[0]
        assert orphans == 0


# -- schema and foreign files ----------------------------------------------------------

def _newer_portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "newer.sqlite"
    with Portfolio.open(path) as portfolio:
        portfolio.save(Need(text="from the future", id="n1"))
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    assert sidecars(path) == []
    return path


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = _newer_portfolio(tmp_path)
    before = sha256(path)
    with pytest.raises(SchemaVersionError) as caught:
        Portfolio.open(path)
    assert caught.value.found == SCHEMA_VERSION + 1
    assert caught.value.supported == SCHEMA_VERSION
    assert "Upgrade netkit" in str(caught.value)
    assert sha256(path) == before
    assert sidecars(path) == []


def test_newer_schema_while_another_process_has_it_open_is_refused(tmp_path: Path) -> None:
    path = _newer_portfolio(tmp_path)
    holder = sqlite3.connect(path)  # a newer netkit holding the file open: -wal exists
    try:
        holder.execute("SELECT count(*) FROM records").fetchone()
        with pytest.raises(SchemaVersionError):
            Portfolio.open(path)
        assert holder.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    finally:
        holder.close()


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("These are my notes, not a database.\n" * 20, encoding="utf-8")
    before = sha256(path)
    with pytest.raises(NotAPortfolioError, match="not an SQLite database"):
        Portfolio.open(path)
    assert sha256(path) == before
    assert sidecars(path) == []


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_other_programs_database_is_refused_and_left_untouched(tmp_path: Path,
                                                               journal: str) -> None:
    path = tmp_path / "contacts.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode={journal}")
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Dana')")
    db.commit()
    db.close()
    before = sha256(path)
    with pytest.raises(NotAPortfolioError, match="another program's"):
        Portfolio.open(path)
    assert sha256(path) == before
    assert sidecars(path) == []


def test_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = sha256(path)
    with pytest.raises(NotAPortfolioError, match="SQLite cannot read it"):
        Portfolio.open(path)
    assert sha256(path) == before


def test_empty_file_becomes_a_portfolio(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Portfolio.open(path) as portfolio:
        portfolio.save(Need(text="first"))
    with reopen(path) as portfolio:
        assert portfolio.count() == 1


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_old_portfolio_migrates_and_reads_back(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    with reopen(path) as portfolio:
        assert portfolio._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert portfolio._db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID

        learner = portfolio.load(Learner)
        assert learner is not None and learner.name == "Alex Morgan"
        assert learner.assessor == "Jo Reid"
        needs = {n.id: n for n in portfolio.all(Need)}
        assert set(needs) == {"need-current", "need-future"}
        assert needs["need-future"].horizon == "future aspiration"

        networks = {n.id: n for n in portfolio.all(Network)}
        assert set(networks) == {"net-cips", "net-local"}  # net-alumni stays deleted
        assert networks["net-cips"].benefits == [
            Benefit(text="Monthly procurement law briefings", serves=["need-current"])]
        assert networks["net-cips"].conclusion.startswith("Worth joining")
        assert portfolio.get("network", "net-alumni", include_deleted=True) is not None

        history = portfolio.history("network", "net-cips")
        assert [h.action for h in history] == ["create", "update", "delete", "restore"]
        assert {(h.actor, h.via) for h in history} == {("fixture-maker", "fixture")}
        assert history[0].at == "2024-01-08T09:21:00.000000+00:00"
        assert portfolio.restore("network", "net-cips", 1).data["conclusion"] == ""

        witness = portfolio.all(Witness)
        assert [(w.name, w.criteria) for w in witness] == [("Dana Lee", ["3.4"])]
        kinds = {r.kind for r in portfolio.records()}
        assert kinds == {"learner", "need", "network", "shortlist_criterion", "scores",
                         "shortlist", "assessment", "witness", "discussion"}
        # The migrated file takes new saves.
        portfolio.save(Need(text="added after migrating", id="need-new"))
    with reopen(path) as portfolio:
        assert portfolio.load(Need, "need-new") is not None


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert FIXTURES / f"portfolio-v{SCHEMA_VERSION}.sqlite" in FIXTURE_FILES


# -- where the portfolio lives ---------------------------------------------------------

def test_portfolio_path_comes_from_argument_then_env_then_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETKIT_PORTFOLIO", str(tmp_path / "env.sqlite"))
    assert resolve_portfolio_path(tmp_path / "arg.sqlite") == tmp_path / "arg.sqlite"
    assert resolve_portfolio_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv("NETKIT_PORTFOLIO")
    monkeypatch.chdir(REPO / "notebooks")
    assert resolve_portfolio_path() == REPO / "portfolio" / "portfolio.sqlite"
    assert default_portfolio_path(tmp_path) == tmp_path / "portfolio" / "portfolio.sqlite"


def test_missing_portfolio_without_create_is_unavailable(portfolio_path: Path) -> None:
    with pytest.raises(PortfolioUnavailableError, match="netkit init"):
        Portfolio.open(portfolio_path, create=False)
    assert not portfolio_path.exists()


def test_folder_given_as_portfolio_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(PortfolioUnavailableError, match="folder"):
        Portfolio.open(tmp_path)


@pytest.mark.parametrize("depth", [1, 2])
def test_unwritable_folder_is_unavailable(tmp_path: Path, depth: int) -> None:
    # Tests run as root, whom chmod does not stop: put the "folder" under a regular file.
    blocker = tmp_path / "afile"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    path = blocker.joinpath(*["sub"] * (depth - 1), "p.sqlite")
    with pytest.raises(PortfolioUnavailableError) as caught:
        Portfolio.open(path)
    assert caught.value.path == path
    assert "is a file, not a folder" in caught.value.reason
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_folder_nobody_can_write_is_unavailable() -> None:
    path = Path("/proc/netkit-portfolio.sqlite")  # procfs refuses new files, even root's
    with pytest.raises(PortfolioUnavailableError) as caught:
        Portfolio.open(path)
    assert caught.value.path == path
    assert not path.exists()


# -- dump and load ---------------------------------------------------------------------

def _fill(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Tester", role="Manager"))
    need = portfolio.save(Need(text="Learn about lean", id="n1"))
    portfolio.save(Network(id="w1", name="Lean network",
                           benefits=[Benefit(text="Talks", serves=[need.id])]))
    portfolio.remove(need)
    portfolio.undelete("need", "n1")
    gone = portfolio.save(Network(id="w2", name="Left"))
    portfolio.remove(gone)
    portfolio.set_meta("note", "ünïcode kept")


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def test_dump_load_dump_is_identical(portfolio: Portfolio, tmp_path: Path) -> None:
    _fill(portfolio)
    first = portfolio.dump()
    assert first["format"] == "netkit-portfolio" and first["schema"] == SCHEMA_VERSION
    assert [(r["kind"], r["key"]) for r in first["records"]] == sorted(
        (r["kind"], r["key"]) for r in first["records"])
    assert len(first["history"]) == 7
    text = json.dumps(first)  # through real JSON text, as the CLI does
    with Portfolio.open(tmp_path / "copy.sqlite") as copy:
        assert copy.load_dump(json.loads(text)) == 4
        second = copy.dump()
        assert copy.history("need", "n1") == portfolio.history("need", "n1")
        assert copy.get_meta("note") == "ünïcode kept"
    assert canonical(second) == canonical(first)


def test_load_over_answers_needs_replace(portfolio: Portfolio, tmp_path: Path) -> None:
    _fill(portfolio)
    dump = portfolio.dump()
    with Portfolio.open(tmp_path / "other.sqlite") as other:
        other.save(Learner(name="Someone Else"))
        before = other.dump()
        with pytest.raises(PortfolioNotEmptyError, match="--replace") as caught:
            other.load_dump(dump)
        assert caught.value.records == 1
        assert canonical(other.dump()) == canonical(before)
        other.load_dump(dump, replace=True)
        learner = other.load(Learner)
        assert learner is not None and learner.name == "Priya Tester"
        assert canonical(other.dump()) == canonical(dump)


def test_load_into_portfolio_with_only_deleted_answers_needs_replace(
        portfolio: Portfolio, tmp_path: Path) -> None:
    portfolio.remove(portfolio.save(Need(text="gone", id="g")))
    with Portfolio.open(tmp_path / "src.sqlite") as src:
        src.save(Need(text="kept", id="k"))
        dump = src.dump()
    before = canonical(portfolio.dump())
    with pytest.raises(PortfolioNotEmptyError, match="history of 1 deleted") as caught:
        portfolio.load_dump(dump)  # the deleted answer's history is work too
    assert (caught.value.records, caught.value.deleted, caught.value.revisions) == (0, 1, 2)
    assert canonical(portfolio.dump()) == before
    assert portfolio.undelete("need", "g").data["text"] == "gone"  # still undoable
    portfolio.remove(portfolio.load(Need, "g") or Need())
    assert portfolio.load_dump(dump, replace=True) == 1
    assert [n.id for n in portfolio.all(Need)] == ["k"]


_AT = "2026-11-02T09:30:00.000000+00:00"


def _good_dump() -> dict[str, Any]:
    return {"format": "netkit-portfolio", "version": 1, "schema": 1, "meta": {},
            "records": [{"kind": "need", "key": "n1", "data": {"text": "x", "id": "n1",
                                                                "horizon": "current need",
                                                                "priority": "high"},
                         "revision": 1, "deleted": False, "created_at": _AT,
                         "updated_at": _AT}],
            "history": [{"kind": "need", "key": "n1", "revision": 1, "action": "create",
                         "data": {"text": "x"}, "deleted": False, "at": _AT, "actor": "a",
                         "via": "cli"}]}


def _breaks(change: str) -> Any:
    dump = _good_dump()
    record, entry = dump["records"][0], dump["history"][0]
    if change == "a list":
        return [dump]
    if change == "wrong format":
        dump["format"] = "something-else"
    elif change == "newer version":
        dump["version"] = 99
    elif change == "meta not strings":
        dump["meta"] = {"example": True}
    elif change == "records not a list":
        dump["records"] = {}
    elif change == "record without key":
        del record["key"]
    elif change == "revision not a number":
        entry["revision"] = "1"
    elif change == "invalid answer":
        record["data"]["horizon"] = "next week"
    elif change == "answer of the wrong shape":
        record.update(kind="network", data={"name": "N", "benefits": ["not a benefit"]})
    elif change == "duplicate record":
        dump["records"].append(dict(record))
    elif change == "duplicate revision":
        dump["history"].append(dict(entry))
    return dump


@pytest.mark.parametrize("change", [
    "a list", "wrong format", "newer version", "meta not strings", "records not a list",
    "record without key", "revision not a number", "invalid answer",
    "answer of the wrong shape", "duplicate record", "duplicate revision"])
def test_malformed_dump_is_refused_and_nothing_written(portfolio: Portfolio,
                                                       change: str) -> None:
    assert portfolio.load_dump(_good_dump()) == 1  # the unbroken dump loads
    portfolio.save(Learner(name="Already here"))
    before = canonical(portfolio.dump())
    with pytest.raises(ImportFormatError) as caught:
        portfolio.load_dump(_breaks(change), replace=True, source="broken.json")
    assert caught.value.source == "broken.json"
    assert canonical(portfolio.dump()) == before
    assert not portfolio._db.in_transaction


# -- threads: ipykernel 7 delivers widget events on a subshell thread ------------------

def _in_thread(work: Any) -> Any:
    """Run ``work()`` on a new thread; return its result or raise its exception there."""
    import threading

    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised on the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def test_portfolio_opened_on_one_thread_works_from_another(portfolio: Portfolio,
                                                            portfolio_path: Path) -> None:
    portfolio.save(Need(text="typed on the main thread", id="n1"))
    # A widget's value change arrives on another thread: it reads and saves.
    seen = _in_thread(lambda: [n.id for n in portfolio.all(Need)])
    assert seen == ["n1"]
    _in_thread(lambda: portfolio.save(Need(text="saved from the subshell", id="n2")))
    assert _in_thread(lambda: portfolio.history("need", "n2"))[0].action == "create"
    # ... and the main thread (a button click) carries on with the same connection.
    portfolio.save(Need(text="changed on the main thread", id="n2"))
    with reopen(portfolio_path) as again:
        assert [(n.id, n.text) for n in again.all(Need)] == [
            ("n1", "typed on the main thread"), ("n2", "changed on the main thread")]
        assert [h.revision for h in again.history("need", "n2")] == [1, 2]


def test_two_threads_saving_at_once_keep_every_record_and_revision(
        portfolio: Portfolio, portfolio_path: Path) -> None:
    import threading

    rounds = 200
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def saver(prefix: str) -> None:
        try:
            start.wait()
            for i in range(rounds):
                key = f"{prefix}{i % 20:02d}"  # each key saved 10 times: updates race too
                portfolio.save(Need(text=f"{prefix} round {i}", id=key))
                portfolio.records("need")  # reads interleave with the other's writes
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=saver, args=(p,)) for p in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with reopen(portfolio_path) as again:
        needs = {n.id: n.text for n in again.all(Need)}
        assert set(needs) == {f"{p}{k:02d}" for p in "ab" for k in range(20)}
        for key, text in needs.items():
            assert text == f"{key[0]} round {180 + int(key[1:])}"  # the last save won
            history = again.history("need", key)
            assert [h.revision for h in history] == list(range(1, 11))
            assert history[-1].data["text"] == text
        orphans = again._db.execute(
            "SELECT count(*) FROM records r WHERE r.revision != (SELECT count(*) FROM "
            "revisions v WHERE v.kind = r.kind AND v.key = r.key)").fetchone()[0]
        assert orphans == 0
