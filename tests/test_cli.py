"""The ``netkit`` command: its sub-commands, JSON contract and one-paragraph errors."""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit import __version__
from netkit.cli import build_parser, example_path
from netkit.criteria import CRITERIA
from netkit.model import Learner, Need
from netkit.store import SCHEMA_VERSION, Portfolio

REPO = Path(__file__).resolve().parent.parent

CRITERION_IDS = [c.id for c in CRITERIA]
Run = Any  # conftest.Run: code, out, err
RunCli = Callable[..., Run]


def subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("netkit has no sub-commands")


def assert_one_paragraph_error(run: Run, *phrases: str) -> None:
    """Exit status 2, one paragraph on stderr naming the problem, no traceback."""
    assert run.code == 2, (run.out, run.err)
    assert "Traceback" not in run.err
    message = run.err.strip()
    assert message.startswith("netkit ")
    assert "\n\n" not in message
    for phrase in phrases:
        assert phrase in " ".join(message.split()), message


def status_json(run_cli: RunCli, *args: str) -> dict[str, Any]:
    run = run_cli("status", "--json", *args)
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


# -- every sub-command -----------------------------------------------------------------

def test_version(run_cli: RunCli) -> None:
    run = run_cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"netkit {__version__}"


def test_the_contracted_subcommands_exist() -> None:
    assert {"init", "status", "dump", "load", "example"} <= set(subcommands())


@pytest.mark.parametrize("command", subcommands())
def test_help_on_every_subcommand(run_cli: RunCli, command: str) -> None:
    run = run_cli(command, "--help")
    assert run.code == 0
    assert f"netkit {command}" in run.out
    assert "--portfolio" in run.out


def test_no_subcommand_is_a_usage_error(run_cli: RunCli) -> None:
    run = run_cli()
    assert run.code == 2
    assert "COMMAND" in run.err


# -- init and status -------------------------------------------------------------------

def test_init_then_status_lists_every_criterion_missing(run_cli: RunCli,
                                                        portfolio_path: Path) -> None:
    run = run_cli("init", "--learner", "Alex Morgan", "--employer", "Northgate",
                  "--role", "Team leader")
    assert run.code == 0, run.err
    assert "Alex Morgan" in run.out and str(portfolio_path) in run.out
    assert portfolio_path.is_file()

    run = run_cli("status")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Alex Morgan"
    rows = {line.split()[0]: line for line in lines if line[:1].isdigit()}
    assert list(rows) == CRITERION_IDS
    for criterion in CRITERIA:
        assert rows[criterion.id].split()[1] == "missing"
        assert f"0 of {criterion.minimum}" in rows[criterion.id]


def test_init_again_updates_the_learner(run_cli: RunCli, portfolio_path: Path) -> None:
    run_cli("init", "--learner", "Alex", "--employer", "Northgate")
    assert run_cli("init", "--learner", "Alex Morgan", "--tutor", "Sam").code == 0
    with Portfolio.open(portfolio_path) as portfolio:
        learner = portfolio.load(Learner)
        history = portfolio.history("learner", "main")
    assert learner == Learner(name="Alex Morgan", employer="Northgate", tutor="Sam")
    assert [(h.action, h.actor, h.via) for h in history] == [
        ("create", "tester", "cli"), ("update", "tester", "cli")]


def test_init_refuses_an_empty_name(run_cli: RunCli) -> None:
    assert_one_paragraph_error(run_cli("init", "--learner", "  "), "name", "cannot be empty")


def test_status_json_shape(run_cli: RunCli, portfolio_path: Path) -> None:
    run_cli("init", "--learner", "Alex Morgan")
    data = status_json(run_cli)
    assert data["portfolio"] == str(portfolio_path)
    assert data["example"] is False
    assert data["learner"]["name"] == "Alex Morgan"
    assert data["summary"] == {"met": 0, "partial": 0, "missing": 16}
    criteria = data["criteria"]
    assert [c["id"] for c in criteria] == CRITERION_IDS
    for entry, criterion in zip(criteria, CRITERIA, strict=True):
        assert entry["status"] == "missing"
        assert entry["count"] == 0
        assert entry["minimum"] == criterion.minimum
        assert isinstance(entry["next"], str) and entry["next"]
        assert entry["text"] == criterion.text
        assert entry["verb"] == criterion.verb
        assert entry["outcome"] == criterion.outcome
        assert entry["notebook"] == criterion.notebook
        assert entry["pcs"] == list(criterion.pcs)
        assert entry["evidence"] == [] and entry["supporting"] == []
        assert isinstance(entry["counts"], str)


def test_status_json_of_a_new_portfolio_has_no_learner(run_cli: RunCli,
                                                       portfolio_path: Path) -> None:
    Portfolio.open(portfolio_path).close()  # made, but no learner saved yet
    data = status_json(run_cli)
    assert data["learner"] is None
    assert len(data["criteria"]) == 16


# -- where the portfolio is ------------------------------------------------------------

@pytest.mark.parametrize("where", ["before", "after"])
def test_portfolio_option_before_or_after_the_subcommand(run_cli: RunCli, tmp_path: Path,
                                                         where: str) -> None:
    path = tmp_path / where / "p.sqlite"
    option = ["--portfolio", str(path)]
    args = [*option, "init", "--learner", "A"] if where == "before" else [
        "init", "--learner", "A", *option]
    assert run_cli(*args).code == 0
    assert path.is_file()
    args = [*option, "status", "--json"] if where == "before" else [
        "status", "--json", *option]
    run = run_cli(*args)
    assert json.loads(run.out)["portfolio"] == str(path)


def test_portfolio_environment_variable_is_respected(run_cli: RunCli, tmp_path: Path,
                                                     portfolio_path: Path) -> None:
    path = tmp_path / "from-env.sqlite"
    env = {"NETKIT_PORTFOLIO": str(path)}
    assert run_cli("init", "--learner", "Env Learner", env=env).code == 0
    assert path.is_file() and not portfolio_path.exists()
    assert json.loads(run_cli("status", "--json", env=env).out)["portfolio"] == str(path)
    # --portfolio wins over the environment.
    other = tmp_path / "option.sqlite"
    assert run_cli("init", "--learner", "Option", "--portfolio", str(other), env=env).code == 0
    run = run_cli("status", "--json", "--portfolio", str(other), env=env)
    assert json.loads(run.out)["learner"]["name"] == "Option"


# -- dump and load ---------------------------------------------------------------------

def test_dump_out_then_load_round_trip(run_cli: RunCli, tmp_path: Path,
                                       portfolio_path: Path) -> None:
    run_cli("init", "--learner", "Alex Morgan")
    with Portfolio.open(portfolio_path) as portfolio:
        need = portfolio.save(Need(text="Procurement law", id="n1"))
        portfolio.remove(need)
        portfolio.undelete("need", "n1")
    out = tmp_path / "backup.json"
    run = run_cli("dump", "--out", str(out))
    assert run.code == 0 and run.out == ""
    assert not list(tmp_path.glob(".backup.json*"))  # the temporary file is gone
    first = json.loads(out.read_text(encoding="utf-8"))
    assert first["format"] == "netkit-portfolio" and first["schema"] == SCHEMA_VERSION

    copy = tmp_path / "copy.sqlite"
    run = run_cli("load", str(out), "--portfolio", str(copy))
    assert run.code == 0, run.err
    assert "Loaded 2 records" in run.out
    run = run_cli("dump", "--portfolio", str(copy))
    assert run.code == 0
    assert json.dumps(json.loads(run.out), sort_keys=True) == json.dumps(first,
                                                                         sort_keys=True)


def test_load_over_a_portfolio_with_answers_needs_replace(run_cli: RunCli,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    run_cli("init", "--learner", "Source Learner", "--portfolio", str(source))
    dump = tmp_path / "source.json"
    run_cli("dump", "--out", str(dump), "--portfolio", str(source))
    run_cli("init", "--learner", "Current Learner")

    assert_one_paragraph_error(run_cli("load", str(dump)), "--replace", "already holds 1")
    assert status_json(run_cli)["learner"]["name"] == "Current Learner"
    assert run_cli("load", str(dump), "--replace").code == 0
    assert status_json(run_cli)["learner"]["name"] == "Source Learner"


def test_dump_of_a_missing_portfolio_creates_nothing(run_cli: RunCli,
                                                     portfolio_path: Path) -> None:
    assert_one_paragraph_error(run_cli("dump"), "netkit init")
    assert not portfolio_path.exists()


def test_dump_out_to_an_unwritable_place(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("init", "--learner", "A")
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    assert_one_paragraph_error(run_cli("dump", "--out", str(blocker / "out.json")),
                               "cannot write", "--out")


# -- a learner's mistakes: exit 2, one paragraph, no traceback (the real command) --------

def _newer_portfolio(path: Path) -> None:
    with Portfolio.open(path) as portfolio:
        portfolio.save(Need(text="x"))
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


def test_load_of_a_missing_file(run_netkit: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    assert_one_paragraph_error(run_netkit("load", str(missing)), "no such file",
                               "nowhere.json")


def test_load_of_invalid_json_names_the_line(run_netkit: RunCli, tmp_path: Path,
                                             portfolio_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "netkit-portfolio",\n  oops\n}\n', encoding="utf-8")
    assert_one_paragraph_error(run_netkit("load", str(bad)), "line 3", "not valid JSON")


def test_load_of_json_that_is_not_a_dump(run_netkit: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    assert_one_paragraph_error(run_netkit("load", str(bad)), "not a netkit portfolio dump")


def test_portfolio_from_a_newer_netkit(run_netkit: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    _newer_portfolio(path)
    before = path.read_bytes()
    run = run_netkit("status", "--portfolio", str(path))
    assert_one_paragraph_error(run, "newer netkit", "Upgrade netkit")
    assert path.read_bytes() == before


def test_file_that_is_not_a_portfolio(run_netkit: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n", encoding="utf-8")
    assert_one_paragraph_error(run_netkit("init", "--learner", "A", "--portfolio", str(path)),
                               "not a netkit portfolio")
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_portfolio_in_a_folder_that_cannot_be_made(run_netkit: RunCli,
                                                   tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    run = run_netkit("init", "--learner", "A", "--portfolio", str(blocker / "p.sqlite"))
    assert_one_paragraph_error(run, "cannot open the portfolio", "--portfolio PATH")


def test_real_command_init_and_status(run_netkit: RunCli, portfolio_path: Path) -> None:
    assert run_netkit("init", "--learner", "Subprocess Learner").code == 0
    run = run_netkit("status", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["portfolio"] == str(portfolio_path)
    assert data["learner"]["name"] == "Subprocess Learner"


# -- the fictional example learner -----------------------------------------------------

needs_example = pytest.mark.skipif(
    not example_path().exists(),
    reason=f"{example_path()} is not written yet (data/example-learner.json)")


@needs_example
def test_example_loads_a_learner_marked_as_example(run_cli: RunCli) -> None:
    run = run_cli("example")
    assert run.code == 0, run.err
    assert "example data" in run.out
    data = status_json(run_cli)
    assert data["example"] is True
    assert data["learner"] is not None and data["learner"]["name"].strip()
    assert "[EXAMPLE" in run_cli("status").out


def test_example_partial_loads_the_learner_who_is_behind(run_cli: RunCli) -> None:
    run = run_cli("example", "--partial")
    assert run.code == 0, run.err
    assert "who is behind" in run.out
    data = status_json(run_cli)
    assert data["example"] is True
    assert data["learner"]["name"] == "Jordan Blake (fictional)"
    assert data["summary"]["met"] < len(CRITERIA)
    assert data["summary"]["missing"] > data["summary"]["met"]


@needs_example
def test_example_over_a_portfolio_with_answers_needs_replace(run_cli: RunCli) -> None:
    run_cli("init", "--learner", "Real Learner")
    assert_one_paragraph_error(run_cli("example"), "--replace")
    data = status_json(run_cli)
    assert data["example"] is False and data["learner"]["name"] == "Real Learner"
    assert run_cli("example", "--replace").code == 0
    data = status_json(run_cli)
    assert data["example"] is True and data["learner"]["name"] != "Real Learner"


@needs_example
def test_example_file_is_valid(tmp_path: Path) -> None:
    from netkit.cli import load_example

    with Portfolio.open(tmp_path / "p.sqlite") as portfolio:
        count = load_example(portfolio)
        example = json.loads(example_path().read_text(encoding="utf-8"))
        records = example["records"] + example.get("attachments", [])  # documents too
        assert count == len(records) == portfolio.count()


# -- read-only commands on a portfolio that does not exist -----------------------------

@pytest.mark.parametrize("args", [["status"], ["status", "--json"], ["dump"],
                                  ["dump", "--out", "x.json"]])
def test_reading_commands_on_a_missing_portfolio_create_nothing(
        run_cli: RunCli, tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "nothing" / "here" / "portfolio.sqlite"
    run = run_cli(*args, "--portfolio", str(path))
    assert_one_paragraph_error(run, "there is no portfolio at", str(path), "netkit init",
                               "Nothing was created")
    assert not (tmp_path / "nothing").exists()
    assert not (tmp_path / "x.json").exists()


def test_messages_never_break_a_path_across_lines(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path.joinpath("a-very-long-folder-name-with-hyphens-" * 3, "and-another")
    path = folder / "learner-portfolio-with-a-long-name.sqlite"
    assert len(str(path)) > 88  # longer than a line: wrapping must not cut it
    for run in (run_cli("status", "--portfolio", str(path)),
                run_cli("load", str(folder / "missing-dump.json"), "--portfolio", str(path))):
        assert run.code == 2
        lines = run.err.splitlines()
        assert any(str(path) in line or str(folder) in line for line in lines), run.err
        assert all(len(line) <= 88 for line in lines if str(folder) not in line)


# -- netkit load: versions, deleted answers, what it accepts ---------------------------

def _dump_of(run_cli: RunCli, tmp_path: Path, name: str) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    assert run_cli("dump", "--out", str(out)).code == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("field", "value", "phrase"), [
    ("schema", SCHEMA_VERSION + 1, "newer than this netkit reads"),
    ("version", 2, "newer than this netkit reads"),
    ("schema", "one", "is not valid"),
    ("version", -1, "is not valid"),
    ("schema", None, "is not valid"),
])
def test_load_refuses_a_newer_or_invalid_dump_and_changes_nothing(
        run_cli: RunCli, tmp_path: Path, portfolio_path: Path, field: str, value: Any,
        phrase: str) -> None:
    run_cli("init", "--learner", "Alex Morgan")
    dump = _dump_of(run_cli, tmp_path, "mine")
    dump[field] = value
    source = _write(tmp_path, "next.json", dump)
    before = portfolio_path.read_bytes()
    assert_one_paragraph_error(run_cli("load", str(source), "--replace"), phrase, field,
                               "not changed")
    assert portfolio_path.read_bytes() == before


def test_load_over_only_deleted_answers_needs_replace(run_cli: RunCli, tmp_path: Path,
                                                      portfolio_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    run_cli("init", "--learner", "Source Learner", "--portfolio", str(source))
    dump = tmp_path / "source.json"
    run_cli("dump", "--out", str(dump), "--portfolio", str(source))
    with Portfolio.open(portfolio_path) as portfolio:
        portfolio.remove(portfolio.save(Need(text="deleted but undoable", id="n1")))
    before = portfolio_path.read_bytes()
    assert_one_paragraph_error(run_cli("load", str(dump)), "history of 1 deleted",
                               "--replace")
    assert portfolio_path.read_bytes() == before
    assert run_cli("load", str(dump), "--replace").code == 0
    assert status_json(run_cli)["learner"]["name"] == "Source Learner"


def _edge_dumps(run_cli: RunCli, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """Valid dumps at the edges of what `netkit load` accepts."""
    at = "2026-11-02T09:30:00.000000+00:00"

    def record(kind: str, key: str, data: dict[str, Any], *, deleted: bool = False,
               revision: int = 1) -> dict[str, Any]:
        return {"kind": kind, "key": key, "data": data, "revision": revision,
                "deleted": deleted, "created_at": at, "updated_at": at}

    def entry(kind: str, key: str, data: dict[str, Any], revision: int = 1,
              action: str = "create", deleted: bool = False) -> dict[str, Any]:
        return {"kind": kind, "key": key, "revision": revision, "action": action,
                "data": data, "deleted": deleted, "at": at, "actor": "me", "via": "cli"}

    def dump(records: list[Any], history: list[Any], **meta: str) -> dict[str, Any]:
        return {"format": "netkit-portfolio", "version": 1, "schema": SCHEMA_VERSION,
                "netkit": "0.0.1", "meta": meta, "records": records, "history": history}

    learner = {"name": " Zoë  O'Brien-Ñúñez ", "employer": "Café & Co <b>", "role": "$500"}
    shortlist = {"networks": ["net-gone", "net-unknown"], "reason": ""}
    scores = {"grid": {"net-unknown": {"crit-unknown": 3}}}
    assessment = {"network": "net-gone", "criteria_used": "cost", "judgement": "leave",
                  "justification": "too far", "items": []}
    typed = {"id": "w1", "name": "Dana Lee", "statement": "Saw it \\ $x$ _y_ ^z",
             "date": "28 November 2025", "criteria": ["3.4"], "extra": "newer field"}
    network = {"id": "net-gone", "name": "Gone network"}
    run_cli("example")
    dumps = {
        "empty": dump([], []),
        "only deleted": dump([record("network", "w1", network, deleted=True, revision=2)],
                             [entry("network", "w1", network),
                              entry("network", "w1", network, 2, "delete", True)]),
        "history of vanished records": dump([], [entry("need", "gone", {"text": "x"})]),
        "odd but valid": dump(
            [record("learner", "main", learner), record("shortlist", "main", shortlist),
             record("scores", "main", scores),
             record("assessment", "net-gone", assessment),
             record("witness", "w1", typed), record("network", "net-gone", network,
                                                    deleted=True)],
            [entry("learner", "main", learner)], example="true", note="ünïcode"),
        "example": _dump_of(run_cli, tmp_path, "example"),
    }
    run_cli("init", "--learner", "Somebody Else")
    return dumps


def test_status_dump_and_load_work_on_every_dump_load_accepts(
        run_cli: RunCli, tmp_path: Path) -> None:
    for name, dump in _edge_dumps(run_cli, tmp_path).items():
        source = _write(tmp_path, f"{name}.json", dump)
        target = tmp_path / f"{name}.sqlite"
        run = run_cli("load", str(source), "--portfolio", str(target))
        assert run.code == 0, (name, run.err)
        data = status_json(run_cli, "--portfolio", str(target))
        assert len(data["criteria"]) == len(CRITERIA), name
        assert run_cli("status", "--portfolio", str(target)).code == 0, name
        out = tmp_path / f"{name}-again.json"  # and what it holds loads again, the same
        assert run_cli("dump", "--out", str(out), "--portfolio", str(target)).code == 0
        copy = tmp_path / f"{name}-copy.sqlite"
        assert run_cli("load", str(out), "--portfolio", str(copy)).code == 0, name
        run = run_cli("dump", "--portfolio", str(copy))
        assert json.loads(run.out)["records"] == json.loads(
            out.read_text(encoding="utf-8"))["records"], name


@pytest.mark.slow
def test_export_works_on_every_dump_load_accepts(run_cli: RunCli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workbook notebook renders whatever `netkit load` let in: an empty portfolio,
    only deleted answers, a shortlist naming networks that are gone, typed $ \\ ^ _."""
    monkeypatch.chdir(REPO)
    dumps = _edge_dumps(run_cli, tmp_path)
    for name in ("empty", "only deleted", "odd but valid"):
        source = _write(tmp_path, f"{name}.json", dumps[name])
        target = tmp_path / f"{name}.sqlite"
        assert run_cli("load", str(source), "--portfolio", str(target)).code == 0, name
        out = tmp_path / f"{name}-export"
        run = run_cli("export", "--format", "html", "--out", str(out), "--portfolio",
                      str(target))
        assert run.code == 0, (name, run.err)
        pages = {p.name: p.read_text("utf-8") for p in out.glob("*.html")}
        assert {"00-start-here.html", "04-evidence.html", "evidence-pack.html"} <= set(pages)
    assert "Zo\u00eb  O&#x27;Brien-\u00d1\u00fa\u00f1ez" in pages["evidence-pack.html"]
    assert "Saw it \\ $x$ _y_ ^z" in pages["04-evidence.html"]


def test_load_stores_the_validated_values(run_cli: RunCli, tmp_path: Path) -> None:
    dumps = _edge_dumps(run_cli, tmp_path)
    source = _write(tmp_path, "odd.json", dumps["odd but valid"])
    target = tmp_path / "odd.sqlite"
    assert run_cli("load", str(source), "--portfolio", str(target)).code == 0
    with Portfolio.open(target) as portfolio:
        witness = portfolio.get("witness", "w1")
        learner = portfolio.load(Learner)
    assert witness is not None and witness.data["date"] == "2025-11-28"
    assert "extra" not in witness.data
    assert learner is not None and learner.name == "Zoë  O'Brien-Ñúñez"


def test_load_refuses_answers_that_break_the_rules(run_cli: RunCli, tmp_path: Path,
                                                   portfolio_path: Path) -> None:
    run_cli("init", "--learner", "Priya Shah")
    dump = _dump_of(run_cli, tmp_path, "mine")
    dump["records"].append({**dump["records"][0], "kind": "declaration", "key": "main",
                            "data": {"agreed": True, "name": "Someone Else",
                                     "date": "2099-01-01"}})
    before = portfolio_path.read_bytes()
    run = run_cli("load", str(_write(tmp_path, "bad.json", dump)), "--replace")
    assert_one_paragraph_error(run, "declaration 'main'", "in the future",
                               "type your name as saved", "not changed")
    assert portfolio_path.read_bytes() == before


# -- the example: one transaction -----------------------------------------------------

@needs_example
def test_example_loads_in_one_transaction(tmp_path: Path) -> None:
    from netkit.cli import load_example

    with Portfolio.open(tmp_path / "p.sqlite") as portfolio:
        statements: list[str] = []
        portfolio._db.set_trace_callback(statements.append)
        try:
            load_example(portfolio)
        finally:
            portfolio._db.set_trace_callback(None)
        verbs = [s.split()[0].upper() for s in statements]
        assert verbs.count("BEGIN") == 1 and verbs.count("COMMIT") == 1
        assert portfolio.is_example
        history = portfolio.dump()["history"]
        assert {h["action"] for h in history} == {"create"}
        assert {h["via"] for h in history} == {"python"}


# -- a read-only portfolio: the commands that only read still work ---------------------

def test_status_and_dump_of_a_read_only_portfolio(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "ro"
    path = folder / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        portfolio.save(Learner(name="Read Only"))
    path.chmod(0o444)
    folder.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:  # root ignores file modes: drop that power for the command
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    before = path.read_bytes()
    try:
        runs = [subprocess.run([*prefix, sys.executable, "-m", "netkit", *args,
                                "--portfolio", str(path)], capture_output=True, text=True,
                               timeout=60, check=False)
                for args in (["status", "--json"], ["status"], ["dump"],
                             ["init", "--learner", "X"])]
    finally:
        folder.chmod(0o755)
    for run in runs[:3]:
        assert run.returncode == 0, run.stderr
    assert json.loads(runs[0].stdout)["learner"]["name"] == "Read Only"
    assert json.loads(runs[2].stdout)["records"][0]["data"]["name"] == "Read Only"
    assert runs[3].returncode == 2 and "cannot write" in " ".join(runs[3].stderr.split())
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["portfolio.sqlite"]
