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
        records = json.loads(example_path().read_text(encoding="utf-8"))["records"]
        assert count == len(records) == portfolio.count()
