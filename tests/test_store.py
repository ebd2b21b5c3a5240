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
    DumpVersionError,
    ImportFormatError,
    NotAPortfolioError,
    PortfolioLockedError,
    PortfolioNotEmptyError,
    PortfolioNotFoundError,
    PortfolioUnavailableError,
    RecordNotFoundError,
    RecordsValidationError,
    SchemaVersionError,
    ValidationError,
)
from netkit.model import (
    Assessment,
    Benefit,
    Contact,
    Declaration,
    Learner,
    Need,
    Network,
    Shortlist,
    Witness,
)
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
        kinds = {r.kind for r in portfolio.records()} - {"attachment"}  # from schema 2
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


# -- saving several records, and rules across records ----------------------------------

def _assessed(network: str = "net-a") -> Assessment:
    return Assessment(network=network, criteria_used="Cost and fit", judgement="join",
                      justification="Worth it")


def test_save_many_is_one_transaction_checked_against_the_state_after_it(
        portfolio: Portfolio) -> None:
    statements: list[str] = []
    portfolio._db.set_trace_callback(statements.append)
    try:
        # The assessment needs the shortlist saved in the same batch, after it.
        portfolio.save_many([Network(id="net-a", name="CILT"), _assessed(),
                             Shortlist(networks=["net-a"])])
    finally:
        portfolio._db.set_trace_callback(None)
    verbs = [s.split()[0].upper() for s in statements]
    assert verbs.count("BEGIN") == 1 and verbs[-1] == "COMMIT"
    assert {r.kind for r in portfolio.records()} == {"network", "assessment", "shortlist"}


def test_save_many_writes_nothing_when_any_record_is_at_fault(portfolio: Portfolio) -> None:
    portfolio.save(Network(id="w1", name="CILT UK"))
    before = canonical(portfolio.dump())
    with pytest.raises(RecordsValidationError) as caught:
        portfolio.save_many([Network(id="w2", name="Lean network"),
                             Network(id="w3", name=" cilt  uk", yearly_cost=-1),
                             Need(text="", id="n1")])
    (w3, n1) = caught.value.records
    assert (w3[0], w3[1], [f for f, _ in w3[2]]) == ("network", "w3", ["yearly_cost", "name"])
    assert "already have a network called 'CILT UK'" in w3[2][1][1]
    assert n1 == ("need", "n1", [("text", "this cannot be empty.")])
    assert [f for f, _ in caught.value.errors] == ["yearly_cost", "name", "text"]
    assert canonical(portfolio.dump()) == before
    assert not portfolio._db.in_transaction


def test_save_applies_the_rules_across_records(portfolio: Portfolio) -> None:
    portfolio.save(Network(id="w1", name="CILT UK"))
    with pytest.raises(ValidationError, match="already have a network called") as caught:
        portfolio.save(Network(id="w2", name="cilt uk"))
    assert caught.value.field == "name"
    with pytest.raises(ValidationError, match="not on your saved shortlist"):
        portfolio.save(_assessed("w1"))
    portfolio.save(Shortlist(networks=["w1"]))
    portfolio.save(_assessed("w1"))
    with pytest.raises(ValidationError, match="keep it on the shortlist"):
        portfolio.save(Shortlist(networks=[]))
    with pytest.raises(ValidationError, match="save your details first"):
        portfolio.save(Declaration(agreed=True, name="Priya Shah", date="2026-11-01"))
    portfolio.save(Learner(name="Priya Shah"))
    portfolio.save(Declaration(agreed=True, name="priya shah", date="1 Nov 2026"))
    stored = portfolio.get("declaration", "main")
    assert stored is not None and stored.data["date"] == "2026-11-01"  # stored ISO
    assert {r.kind for r in portfolio.records()} == {"network", "shortlist", "assessment",
                                                      "learner", "declaration"}


def test_restoring_a_deleted_record_meets_the_rules(portfolio: Portfolio) -> None:
    gone = portfolio.save(Network(id="w1", name="CILT UK"))
    portfolio.remove(gone)
    portfolio.save(Network(id="w2", name="CILT UK"))  # the name is free again
    with pytest.raises(ValidationError, match="already have a network called"):
        portfolio.undelete("network", "w1")
    assert portfolio.get("network", "w1") is None
    portfolio.remove(portfolio.load(Network, "w2") or Network())
    assert portfolio.undelete("network", "w1").revision == 3


def test_missing_records_raise_record_not_found(portfolio: Portfolio) -> None:
    with pytest.raises(RecordNotFoundError, match="no saved need 'x' to delete") as caught:
        portfolio.delete("need", "x")
    assert (caught.value.kind, caught.value.key) == ("need", "x")
    assert isinstance(caught.value, KeyError)  # `except KeyError` callers keep working
    assert str(caught.value) == "there is no saved need 'x' to delete."
    with pytest.raises(RecordNotFoundError, match="no deleted need 'x'"):
        portfolio.undelete("need", "x")
    with pytest.raises(RecordNotFoundError, match="no revision 2"):
        portfolio.restore("need", "x", 2)


# -- loading dumps: the same rules, validated values, versions -------------------------

def test_load_stores_validated_values_not_the_raw_input(portfolio: Portfolio) -> None:
    dump = _good_dump()
    dump["records"][0]["data"].update(text="  padded  ", extra="from elsewhere")
    dump["history"][0]["data"] = dict(dump["records"][0]["data"])
    witness = {"id": "w1", "name": " Mark ", "statement": "Saw it", "date": "28/11/2026",
               "criteria": [" 2.2", "2.1"]}
    dump["records"].append({**dump["records"][0], "kind": "witness", "key": "w1",
                            "data": witness})
    dump["history"].append({**dump["history"][0], "kind": "witness", "key": "w1",
                            "data": dict(witness)})
    assert portfolio.load_dump(dump) == 2
    need = portfolio.get("need", "n1")
    assert need is not None and need.data["text"] == "padded"
    assert "extra" not in need.data
    assert portfolio.history("need", "n1")[0].data == need.data  # record and history agree
    stored = portfolio.get("witness", "w1")
    assert stored is not None
    assert (stored.data["name"], stored.data["date"], stored.data["criteria"]) == (
        "Mark", "2026-11-28", ["2.1", "2.2"])


def test_load_applies_the_rules_across_records(portfolio: Portfolio) -> None:
    dump = _good_dump()
    twin = {**dump["records"][0], "kind": "network", "key": "w1",
            "data": {"id": "w1", "name": "CILT"}}
    dump["records"] += [twin, {**twin, "key": "w2", "data": {"id": "w2", "name": "cilt "}}]
    with pytest.raises(ImportFormatError) as caught:
        portfolio.load_dump(dump, source="twins.json")
    message = str(caught.value)
    assert "records[1] (network 'w1'): name: you already have a network called" in message
    assert "records[2] (network 'w2')" in message
    assert portfolio.count() == 0 and portfolio.dump()["history"] == []


@pytest.mark.parametrize(("field", "value", "phrase"), [
    ("schema", SCHEMA_VERSION + 1, "newer than this netkit reads"),
    ("version", 2, "newer than this netkit reads"),
    ("schema", 0, "not valid"),
    ("schema", "1", "not valid"),
    ("schema", True, "not valid"),
    ("schema", None, "not valid"),
    ("version", 1.5, "not valid"),
])
def test_dump_of_a_newer_or_invalid_schema_or_version_is_refused(
        portfolio: Portfolio, field: str, value: Any, phrase: str) -> None:
    portfolio.save(Learner(name="Already here"))
    before = canonical(portfolio.dump())
    dump = _good_dump()
    dump[field] = value
    with pytest.raises(DumpVersionError) as caught:
        portfolio.load_dump(dump, replace=True, source="next.json")
    assert (caught.value.field, caught.value.found) == (field, value)
    assert phrase in str(caught.value) and "was not changed" in str(caught.value)
    assert canonical(portfolio.dump()) == before


@pytest.mark.parametrize("change", ["unknown kind", "bad time", "bad action",
                                    "revision zero", "key not the answer's"])
def test_more_malformed_dumps_are_refused(portfolio: Portfolio, change: str) -> None:
    dump = _good_dump()
    record, entry = dump["records"][0], dump["history"][0]
    if change == "unknown kind":
        record["kind"] = entry["kind"] = "hobby"
    elif change == "bad time":
        entry["at"] = "last Tuesday"
    elif change == "bad action":
        entry["action"] = "edit"
    elif change == "revision zero":
        record["revision"] = 0
    else:
        record["key"] = "n2"
    with pytest.raises(ImportFormatError):
        portfolio.load_dump(dump)
    assert portfolio.count() == 0


def test_load_records_starts_afresh_in_one_transaction(portfolio: Portfolio) -> None:
    portfolio.save(Need(text="mine", id="n1"))
    with pytest.raises(PortfolioNotEmptyError):
        portfolio.load_records([Learner(name="Priya Shah")], meta={"example": "true"})
    with pytest.raises(ValidationError):  # one bad record: nothing replaced
        portfolio.load_records([Learner(name="Priya Shah"), Need(text="")],
                               meta={"example": "true"}, replace=True)
    assert portfolio.load(Need, "n1") is not None and not portfolio.is_example
    portfolio.load_records([Learner(name="Priya Shah")], meta={"example": "true"},
                           replace=True)
    assert portfolio.is_example and portfolio.get("need", "n1", include_deleted=True) is None
    assert [r.kind for r in portfolio.records()] == ["learner"]


# -- the file: locks, read-only, creating it at once ---------------------------------

def test_a_lock_that_outlasts_the_timeout_says_it_is_a_lock(portfolio_path: Path) -> None:
    Portfolio.open(portfolio_path).close()
    holder = sqlite3.connect(portfolio_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long save
    try:
        with Portfolio.open(portfolio_path, timeout=0.2) as portfolio:
            with pytest.raises(PortfolioLockedError) as caught:
                portfolio.save(Need(text="waits", id="n1"))
            assert portfolio.count() == 0  # reading still works meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    error = caught.value
    assert error.path == portfolio_path and error.seconds == 0.2
    assert f"the portfolio {portfolio_path} is locked" in str(error)
    assert "Shut Down Kernel" in str(error) and "write to" not in str(error)


def test_opening_a_new_file_locked_by_its_creator_says_it_is_a_lock(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    creator = sqlite3.connect(path, isolation_level=None)
    creator.execute("BEGIN EXCLUSIVE")  # still making it
    creator.execute("CREATE TABLE x (y)")
    try:
        with pytest.raises(PortfolioLockedError):
            Portfolio.open(path, timeout=0.2)
    finally:
        creator.execute("ROLLBACK")
        creator.close()


def test_read_only_open_of_a_missing_portfolio_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "portfolio.sqlite"
    with pytest.raises(PortfolioNotFoundError, match="no portfolio at") as caught:
        Portfolio.open(path, read_only=True)
    assert "netkit init" in str(caught.value) and "Nothing was created" in str(caught.value)
    assert isinstance(caught.value, PortfolioUnavailableError)
    assert not (tmp_path / "not").exists()


def test_read_only_open_of_an_empty_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(PortfolioNotFoundError):
        Portfolio.open(path, read_only=True)
    assert path.stat().st_size == 0 and sidecars(path) == []


def test_read_only_open_reads_and_writes_nothing(portfolio_path: Path) -> None:
    with Portfolio.open(portfolio_path) as portfolio:
        portfolio.save(Need(text="kept", id="n1"))
    before = sha256(portfolio_path)
    with Portfolio.open(portfolio_path, read_only=True) as portfolio:
        assert portfolio.load(Need, "n1") is not None
        assert portfolio.dump()["records"][0]["key"] == "n1"
    assert sha256(portfolio_path) == before and sidecars(portfolio_path) == []


READ_ONLY_READER = """
    import json, sys
    from netkit.store import Portfolio
    from netkit.exceptions import NetkitError

    try:
        with Portfolio.open(sys.argv[1], read_only=True) as portfolio:
            print(json.dumps([r.key for r in portfolio.records()]))
        Portfolio.open(sys.argv[1])  # a command that writes is refused
    except NetkitError as exc:
        print(type(exc).__name__, exc)
"""


def _without_root_powers() -> list[str]:
    """A command prefix under which file modes apply, even to root (who ignores them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file modes cannot be tested")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_portfolio_can_be_read(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "ro"
    path = folder / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        portfolio.save(Need(text="read me", id="n1"))
    path.chmod(0o444 if what == "file" else 0o644)
    folder.chmod(0o755 if what == "file" else 0o555)
    before = sha256(path)
    try:
        done = subprocess.run([*_without_root_powers(), sys.executable, "-c",
                               textwrap.dedent(READ_ONLY_READER), str(path)], cwd=REPO,
                              capture_output=True, text=True, timeout=60, check=False)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    listed, refused = done.stdout.splitlines()
    assert json.loads(listed) == ["n1"]
    assert refused.startswith("PortfolioUnavailableError") and "cannot write" in refused
    assert sha256(path) == before and sidecars(path) == []


RACER = """
    import contextlib, io, json, sys
    from netkit.cli import main

    args = json.loads(sys.argv[1])
    print("ready", flush=True)
    for line in sys.stdin:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main([*args, "--portfolio", line.strip()])
        print(json.dumps([code, err.getvalue()]), flush=True)
"""


@pytest.mark.slow
def test_init_while_status_runs_never_fails_with_a_lock(tmp_path: Path) -> None:
    roles = [["init", "--learner", "Alex Morgan"], ["init", "--learner", "Alex Morgan"],
             ["status", "--json"]]
    racers = [child(RACER, json.dumps(role)) for role in roles]
    try:
        for proc in racers:
            assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        for n in range(60):
            path = tmp_path / f"round{n}" / "portfolio.sqlite"
            for proc in racers:
                assert proc.stdin is not None
                proc.stdin.write(f"{path}\n")
                proc.stdin.flush()
            results = [json.loads(proc.stdout.readline()) for proc in racers
                       if proc.stdout is not None]
            (init1, err1), (init2, err2), (status, err3) = results
            assert (init1, init2) == (0, 0), (err1, err2)
            assert status == 0 or "there is no portfolio at" in err3, err3
            assert "locked" not in err1 + err2 + err3
            with reopen(path) as portfolio:
                learner = portfolio.load(Learner)
                assert learner is not None and learner.name == "Alex Morgan"
    finally:
        for proc in racers:
            proc.kill()
            proc.communicate()


def test_deleting_a_record_others_rely_on_is_refused(portfolio: Portfolio) -> None:
    portfolio.save_many([Learner(name="Priya Shah"), Network(id="w1", name="CILT"),
                         Shortlist(networks=["w1"]), _assessed("w1"),
                         Declaration(agreed=True, name="Priya Shah", date="2026-11-01")])
    with pytest.raises(RecordsValidationError, match="not on your saved shortlist") as caught:
        portfolio.delete("shortlist", "main")
    assert caught.value.records[0][:2] == ("assessment", "w1")
    with pytest.raises(RecordsValidationError, match="save your details first"):
        portfolio.delete("learner", "main")
    assert portfolio.load(Shortlist) is not None and portfolio.load(Learner) is not None
    portfolio.delete("assessment", "w1")  # what nothing relies on goes
    portfolio.delete("shortlist", "main")
    portfolio.delete("network", "w1")
    assert {r.kind for r in portfolio.records()} == {"learner", "declaration"}


def test_rules_across_records_read_only_what_they_need(
        portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large contacts register (an import) must not be read whole on every save or
    delete: a rule naming one contact reads that one, and kinds with no rule across
    records are not checked when something is deleted."""
    from netkit.lo3 import Interaction
    from netkit.model import Contact

    portfolio.save_many([Learner(name="Priya Shah"), Network(id="w1", name="CILT")])
    portfolio.save_many([Contact(id=f"c{i}", name=f"Person {i}") for i in range(300)])
    built: list[str] = []
    real = Contact.from_dict.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Contact, "from_dict",
                        classmethod(lambda cls, data: built.append(data["id"])
                                    or real(cls, data)))
    portfolio.save(Interaction(id="i1", date="2025-10-01", network="w1", member="c7",
                               summary="Talked about benchmarking."))
    assert set(built) == {"c7"}  # that contact only, not the 300
    built.clear()
    need = portfolio.save(Need(text="Keep up with tachograph rules"))
    portfolio.remove(need)
    assert set(built) <= {"c7"}  # the interaction's rule reads its member; nobody else
    with pytest.raises(ValidationError, match="not in your contacts register"):
        portfolio.save(Interaction(id="i2", date="2025-10-02", network="w1", member="nobody",
                                   summary="Talked."))


def test_remembered_is_worked_out_again_only_after_a_change(portfolio: Portfolio,
                                                             portfolio_path: Path) -> None:
    """What the forms derive from every contact is kept until the portfolio changes: by
    this connection, or by another (the terminal's netkit while the notebook is open)."""
    worked: list[int] = []

    def names() -> list[str]:
        worked.append(1)
        return [c.name for c in portfolio.all(Contact)]

    assert portfolio.remembered("names", names) == [] and len(worked) == 1
    assert portfolio.remembered("names", names) == [] and len(worked) == 1
    before = portfolio.version()
    portfolio.save(Contact(name="Sam Whitfield"))
    assert portfolio.version() != before
    assert portfolio.remembered("names", names) == ["Sam Whitfield"] and len(worked) == 2
    with Portfolio.open(portfolio_path, via="cli") as other:
        other.save(Contact(name="Jo Pryce"))
    assert portfolio.remembered("names", names) == ["Sam Whitfield", "Jo Pryce"]
    assert len(worked) == 3
    with pytest.raises(ValidationError):  # refused: nothing written, nothing worked out
        portfolio.save(Contact(name=""))
    assert portfolio.remembered("names", names) == ["Sam Whitfield", "Jo Pryce"]
    assert len(worked) == 3


def test_fields_reads_named_fields_of_every_live_record(portfolio: Portfolio) -> None:
    portfolio.save_many([Contact(name="Sam Whitfield", id="sam", interests=["WMS", "rail"]),
                         Contact(name="Jo Pryce", id="jo"),
                         Contact(name="Ravi Patel", id="ravi")])
    portfolio.delete(Contact.KIND, "ravi")
    assert portfolio.fields(Contact.KIND, "name", "interests", "nothing") == [
        ("sam", "Sam Whitfield", ["WMS", "rail"], None), ("jo", "Jo Pryce", [], None)]
    with pytest.raises(ValueError, match="identifiers"):
        portfolio.fields(Contact.KIND, "name') FROM records --")
