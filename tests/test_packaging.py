"""Packaging: pyproject and environment.yml agree, the README's commands and the entry point."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    tomllib = pytest.importorskip("tomli")

REPO = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")


def pyproject() -> dict[str, Any]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def split_requirement(text: str) -> tuple[str, str]:
    """("pandas", ">=2.2,<4") from "pandas>=2.2,<4"; names compared as pip does."""
    match = REQUIREMENT.match(text)
    assert match, text
    name = re.sub(r"[-_.]+", "-", match[1]).lower()
    return name, match[2].replace(" ", "")


def environment_dependencies() -> tuple[list[str], list[str]]:
    """The conda and pip dependencies of environment.yml (a tiny parser for its one shape)."""
    conda: list[str] = []
    pip: list[str] = []
    section, target = "", conda
    for raw in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line.startswith((" ", "-")):
            section = line.split(":", 1)[0]
            continue
        if section != "dependencies":
            continue
        item = line.strip().removeprefix("- ").strip()
        if item == "pip:":
            target = pip
        elif line.startswith(("  - ", "- ")):
            conda.append(item)
            target = conda
        else:
            target.append(item)
    return conda, pip


def test_tiny_parser_agrees_with_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = environment_dependencies()
    expected = [d for d in data["dependencies"] if isinstance(d, str)]
    pips = [d["pip"] for d in data["dependencies"] if isinstance(d, dict)]
    assert conda == expected
    assert pip == (pips[0] if pips else [])


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    conda, pip = environment_dependencies()
    declared = dict(split_requirement(d) for d in pyproject()["project"]["dependencies"])
    listed = dict(split_requirement(d) for d in conda if not d.startswith(("python", "pip")))
    assert listed == declared
    assert "-e ." in pip  # netkit itself, from the checkout


def test_environment_yml_python_matches_requires_python() -> None:
    conda, _ = environment_dependencies()
    python = [split_requirement(d)[1] for d in conda if split_requirement(d)[0] == "python"]
    assert python == [pyproject()["project"]["requires-python"]]


def test_readme_first_two_commands_start_and_test() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh|console)?\n(.*?)```", readme, re.S)
    assert block, "the README opens with no command block"
    commands = [line.split("#", 1)[0].strip() for line in block[1].splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[:2] == ["./start-workbook.sh", "./run-tests.sh"]
    for script in ("start-workbook.sh", "run-tests.sh"):
        path = REPO / script
        assert path.is_file() and path.stat().st_mode & 0o111, f"{script} is not executable"


def test_ci_runs_the_readme_test_command() -> None:
    ci = REPO / ".ci" / "run"
    lines = [line for line in ci.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert any("run-tests.sh" in line for line in lines)


def test_run_tests_runs_lint_types_and_tests() -> None:
    script = (REPO / "run-tests.sh").read_text(encoding="utf-8")
    for tool in ("ruff check", "mypy", "pytest"):
        assert tool in script


def test_netkit_console_script_is_declared() -> None:
    assert pyproject()["project"]["scripts"]["netkit"] == "netkit.cli:main"
    from netkit import cli

    assert callable(cli.main)


def test_installed_console_script_runs() -> None:
    script = Path(sysconfig.get_path("scripts")) / "netkit"
    if not script.exists():
        pytest.skip(f"netkit is not installed in this environment ({script})")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    from netkit import __version__

    assert done.stdout.strip() == f"netkit {__version__}"


def test_python_dash_m_netkit_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "netkit", "--help"], capture_output=True,
                          text=True, check=False, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "status" in done.stdout


def test_version_is_declared_once() -> None:
    from netkit import __version__

    assert pyproject()["project"]["version"] == __version__


def test_personal_data_is_ignored_by_git() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "portfolio/" in ignored
    assert "*.sqlite" in ignored and "!tests/fixtures/*.sqlite" in ignored


@pytest.mark.slow
def test_start_workbook_installs_and_reaches_jupyterlab() -> None:
    """The README's first command, up to JupyterLab (``--version`` makes it stop there)."""
    done = subprocess.run(["bash", str(REPO / "start-workbook.sh"), "--version"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.fullmatch(r"4\.\d+\.\d+", done.stdout.strip().splitlines()[-1])
    # JupyterLab is told not to fetch news or update checks, and not to ask about them.
    overrides = REPO / ".venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(overrides.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
