"""Packaging: pyproject and environment.yml agree, the README's commands and the entry point."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
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


# Test packages conda-forge does not carry: environment.yml takes them from PyPI.
PYPI_ONLY = {"axe-playwright-python"}


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    """conda gets what netkit needs and what its tests need, at the same versions."""
    conda, pip = environment_dependencies()
    project = pyproject()["project"]
    declared = dict(split_requirement(d) for d in project["dependencies"])
    tests = dict(split_requirement(d) for d in project["optional-dependencies"]["test"])
    listed = [split_requirement(d) for d in conda if not d.startswith(("python", "pip"))]
    # pip: netkit itself, from the checkout, then only what conda-forge does not have
    assert pip[0] == "-e ."
    from_pypi = [split_requirement(d) for d in pip[1:]]
    assert {name for name, _ in from_pypi} <= PYPI_ONLY
    listed += from_pypi
    assert len(dict(listed)) == len(listed), "a package is listed twice"
    assert dict(listed) == {**declared, **tests}
    assert {"pytest", "pytest-timeout", "ruff", "mypy"} <= set(tests)


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
    """pyproject reads the version from netkit/_version.py, the one place it is written."""
    from netkit import __version__
    from netkit._version import __version__ as declared

    assert "version" not in pyproject()["project"]
    assert "version" in pyproject()["project"]["dynamic"]
    attr = pyproject()["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "netkit._version.__version__"
    assert __version__ == declared
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


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
    # The install is stamped with pyproject.toml's hash ...
    stamp = REPO / ".venv" / ".netkit-installed"
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    assert stamp.read_text(encoding="utf-8").strip() == digest
    records = sorted((REPO / ".venv").glob("lib/python*/site-packages/netkit-*.dist-info/RECORD"))
    assert len(records) == 1
    installed = records[0].stat().st_mtime_ns

    # ... so the next start installs nothing; JupyterLab gets its options (--show-config
    # prints the configuration it would run with, and stops).
    done = subprocess.run(["bash", str(REPO / "start-workbook.sh"), "--show-config"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert records[0].stat().st_mtime_ns == installed, "netkit was installed again"
    config = done.stdout
    globs = re.search(r"\.hide_globs = (\[.*?\])", config, re.DOTALL)
    assert globs, config
    hidden = ast.literal_eval(globs[1])
    assert {"*.egg-info", "__pycache__", "*.pyc", "build"} <= set(hidden)
    assert re.search(r"\.extension_manager = .*'readonly'", config), config
    assert re.search(r"'netkit\.jupyter': True", config), config


# -- what the package ships, and where it finds it -----------------------------------------
def test_shipped_files_are_found_through_the_package() -> None:
    from netkit import resources

    learner = json.loads(resources.example_learner().read_text(encoding="utf-8"))
    assert learner["format"] == "netkit-example"
    assert resources.example_learner().read_bytes() == \
        (REPO / "data" / "example-learner.json").read_bytes()
    assert [p.name for p in resources.notebooks()] == \
        sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert (resources.nbconvert_templates() / "netkit" / "index.html.j2").is_file()
    assert resources.stylesheet() == \
        (REPO / "netkit" / "templates" / "export.css").read_text(encoding="utf-8")


def test_a_missing_shipped_file_says_to_reinstall() -> None:
    from netkit import resources
    from netkit.exceptions import ResourceMissingError

    with pytest.raises(ResourceMissingError, match="Install it again") as caught:
        resources.data_file("no-such-file.json")
    assert (caught.value.package, caught.value.name) == ("netkit.data", "no-such-file.json")


def test_nothing_in_netkit_finds_files_relative_to_the_source_tree() -> None:
    """Only netkit/resources.py locates shipped files, and never through ``__file__``."""
    for path in sorted((REPO / "netkit").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(REPO)
        assert "__file__" not in text, where
        assert not re.search(r"\.parent\.parent\b", text), where
        if path.name != "resources.py":
            assert "resources.files(" not in text, f"{where}: use netkit.resources"


def test_pyproject_ships_the_workbook_folders_inside_the_package() -> None:
    setuptools = pyproject()["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"netkit.notebooks": "notebooks", "netkit.data": "data"}
    # every folder of netkit that holds Python code is a package in the wheel
    folders = {p.parent for p in (REPO / "netkit").rglob("*.py")} - {REPO / "netkit"}
    subpackages = {".".join(f.relative_to(REPO).parts) for f in folders
                   if f.name != "__pycache__"}
    assert subpackages <= set(setuptools["packages"])


def test_the_jupyter_server_extension_config_is_installed_with_netkit() -> None:
    config = REPO / "netkit" / "jupyter-config" / "netkit.json"
    assert json.loads(config.read_text(encoding="utf-8")) == \
        {"ServerApp": {"jpserver_extensions": {"netkit.jupyter": True}}}
    data_files = pyproject()["tool"]["setuptools"]["data-files"]
    assert data_files["etc/jupyter/jupyter_server_config.d"] == [
        "netkit/jupyter-config/netkit.json"]
    # An editable install cannot place data files (setuptools), so both scripts copy it.
    for script in ("start-workbook.sh", "run-tests.sh"):
        text = (REPO / script).read_text(encoding="utf-8")
        assert ("cp netkit/jupyter-config/netkit.json "
                ".venv/etc/jupyter/jupyter_server_config.d/netkit.json") in text, script


def test_this_environment_enables_the_netkit_server_extension() -> None:
    """What jupyter_server reads from every Jupyter config folder turns netkit.jupyter on."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    manager = ExtensionConfigManager(read_config_path=jupyter_config_path())
    assert manager.get_jpserver_extensions().get("netkit.jupyter") is True


# -- the package face ----------------------------------------------------------------------
def notebook_names() -> set[str]:
    """Every ``nk.NAME`` the workbook's notebooks (and their generators) use."""
    sources = [*sorted((REPO / "notebooks").glob("*.ipynb")),
               *sorted((REPO / "tools").glob("nb*.py"))]
    return {name for path in sources
            for name in re.findall(r"\bnk\.([A-Za-z_]\w*)", path.read_text(encoding="utf-8"))}


def test_the_package_exports_what_the_notebooks_call() -> None:
    import netkit

    used = notebook_names()
    assert {"open_portfolio", "widgets"} <= used  # the search finds the notebooks' calls
    assert set(netkit.__all__) == used
    for name in netkit.__all__:
        assert getattr(netkit, name) is not None
    assert netkit.charts.__name__ == "netkit.charts"  # submodules stay reachable
    assert netkit.widgets.__name__ == "netkit.widgets"
    with pytest.raises(AttributeError):
        _ = netkit.Portfolio


# -- netkit workbook, and which notebooks netkit export uses ---------------------------------
def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from netkit.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_workbook_copies_the_notebooks_and_keeps_the_learners_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from netkit import resources

    monkeypatch.chdir(tmp_path)
    shipped = resources.notebooks()
    code, out, _ = run_cli(["workbook"], capsys)
    assert code == 0
    copies = sorted((tmp_path / "notebooks").glob("*.ipynb"))
    assert [p.name for p in copies] == [p.name for p in shipped]
    for copy, source in zip(copies, shipped, strict=True):
        assert copy.read_bytes() == source.read_bytes()
        assert copy.name in out
    assert "Kept" not in out

    # The learner's own work is never replaced; a deleted notebook comes back.
    mine = copies[0]
    mine.write_text("my answers", encoding="utf-8")
    copies[-1].unlink()
    code, out, _ = run_cli(["workbook", str(tmp_path)], capsys)
    assert code == 0
    assert mine.read_text(encoding="utf-8") == "my answers"
    copied, kept = out.split("Kept", 1)
    assert copies[-1].name in copied and copies[-1].read_bytes() == shipped[-1].read_bytes()
    assert mine.name in kept and mine.name not in copied


def test_workbook_into_a_file_says_what_to_do(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    code, _, err = run_cli(["workbook", str(tmp_path / "taken")], capsys)
    assert code == 2
    assert "cannot copy the workbook notebooks" in err and "Traceback" not in err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "x"


def test_export_uses_the_workbook_folder_it_is_run_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netkit.export import default_out, workbook_notebooks

    monkeypatch.delenv("NETKIT_EXPORTS", raising=False)
    (tmp_path / "notebooks").mkdir()
    for name in ("00-start-here.ipynb", "07-mine.ipynb"):
        (tmp_path / "notebooks" / name).write_text("{}", encoding="utf-8")
    (tmp_path / "deeper").mkdir()
    monkeypatch.chdir(tmp_path / "deeper")  # run in a folder below the workbook folder
    found = workbook_notebooks()
    assert [p.name for p in found] == ["00-start-here.ipynb", "07-mine.ipynb"]
    assert all(p.parent.resolve() == (tmp_path / "notebooks").resolve() for p in found)
    day = dt.date(2026, 11, 30)
    assert default_out(today=day).resolve() == (tmp_path / "exports" / "2026-11-30").resolve()


def test_export_outside_a_workbook_uses_the_shipped_notebooks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netkit import resources
    from netkit.export import default_out, workbook_notebooks

    monkeypatch.delenv("NETKIT_EXPORTS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert workbook_notebooks() == resources.notebooks()
    day = dt.date(2026, 11, 30)
    # ... but writes where it is run, not into the installed package
    assert default_out(today=day).resolve() == (tmp_path / "exports" / "2026-11-30").resolve()


def test_export_from_an_empty_folder_says_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NETKIT_PORTFOLIO", raising=False)
    monkeypatch.delenv("NETKIT_EXPORTS", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(["export", "--format", "html"], capsys)
    assert code == 2
    # (the message is wrapped to the terminal: a long path moves the line breaks)
    assert "netkit example" in " ".join(err.split()) and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing created


# -- the built wheel, installed into a fresh environment --------------------------------------
def build_wheel(target: Path) -> Path:
    """The wheel pip builds from a copy of what the package is made of (not the checkout:
    the build writes build/ and *.egg-info beside the sources)."""
    source = target / "source"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    for name in ("netkit", "data", "notebooks"):
        shutil.copytree(REPO / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "--disable-pip-version-check", "-w", str(target / "dist"),
                           str(source)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    wheels = sorted((target / "dist").glob("netkit-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def fresh_environment(folder: Path, wheel: Path) -> tuple[Path, dict[str, str]]:
    """A new virtual environment holding the wheel; netkit's dependencies come from this
    environment (a .pth file), not from the index, which would take minutes."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True,
                   timeout=120)
    python = folder / "bin" / "python"
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--no-deps", "--no-index", "-q", "--disable-pip-version-check",
                           str(wheel)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Only this environment's site-packages folder: its .pth files (the editable netkit's
    # finder among them) are not run from there, so netkit can only come from the wheel.
    (Path(site) / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                    encoding="utf-8")
    # What installing the dependencies would have put in the environment's share/jupyter:
    # nbconvert's templates, and the Python kernel of this environment.
    share = folder / "share" / "jupyter"
    share.mkdir(parents=True)
    (share / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    kernel = share / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "NETKIT_PORTFOLIO",
                        "NETKIT_EXPORTS"} and not k.startswith("JUPYTER")}
    env["PATH"] = f"{folder / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_CONFIG_DIR"] = str(folder / "user-jupyter" / "config")
    env["JUPYTER_DATA_DIR"] = str(folder / "user-jupyter" / "data")
    return folder / "bin", env


@pytest.mark.slow
def test_built_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    """``pip install netkit-*.whl`` ships everything: example, workbook and export run from a
    folder that is not the checkout, with netkit from the wheel."""
    wheel = build_wheel(tmp_path / "build")
    expected = {str(p.relative_to(REPO)) for p in (REPO / "netkit").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
                and p.parent.name != "jupyter-config"}
    # data/ (both example learners) and every notebook, the assessor's review notebook and
    # the tutors' guides and cohort view included, each exactly as generated
    shipped = {f"netkit/data/{p.name}": p for p in (REPO / "data").iterdir()
               if p.is_file() and p.suffix == ".json"}
    shipped |= {f"netkit/{p.relative_to(REPO).as_posix()}": p
                for p in (REPO / "notebooks").rglob("*.ipynb")
                if ".ipynb_checkpoints" not in p.parts}
    assert {"netkit/data/example-partial.json", "netkit/notebooks/tutor/cohort.ipynb",
            "netkit/notebooks/assessor/review.ipynb"} <= set(shipped)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name, path in shipped.items():
            assert name in names, name
            assert archive.read(name) == path.read_bytes(), name
    assert expected <= names, sorted(expected - names)
    assert not [n for n in names if n.startswith(("tests/", "tools/", "bench/"))]

    bin_dir, env = fresh_environment(tmp_path / "venv", wheel)
    folder = tmp_path / "learner"
    folder.mkdir()
    assert REPO not in folder.resolve().parents

    def netkit(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(bin_dir / "netkit"), *args], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=600, check=False)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    where = subprocess.run([str(bin_dir / "python"), "-c",
                            "import netkit, netkit.resources as r; print(netkit.__file__); "
                            "print(r.example_learner()); print(r.notebooks_folder())"],
                           cwd=folder, env=env, capture_output=True, text=True, check=True)
    for line in where.stdout.splitlines():
        assert Path(line).is_relative_to(tmp_path / "venv"), line
    config = tmp_path / "venv" / "etc" / "jupyter" / "jupyter_server_config.d" / "netkit.json"
    assert config.read_bytes() == (REPO / "netkit" / "jupyter-config" / "netkit.json"
                                   ).read_bytes()

    done = netkit("example")
    assert done.returncode == 0, done.stderr
    assert (folder / "portfolio" / "portfolio.sqlite").is_file()
    done = netkit("status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["example"] is True
    assert {c["id"]: c["status"] for c in status["criteria"]}["2.1"] == "met"

    # No workbook folder here: the notebooks shipped in the package are exported.
    done = netkit("export", "--format", "html")
    assert done.returncode == 0, done.stderr
    exported = next((folder / "exports").iterdir())
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    shipped = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert manifest["notebooks"] == shipped
    learner = next(r["data"]["name"] for r in json.loads(
        (REPO / "data" / "example-learner.json").read_text(encoding="utf-8"))["records"]
        if r["kind"] == "learner")
    for name in shipped:
        page = (exported / name.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert learner in page, name
    assert learner in (exported / "evidence-pack.html").read_text(encoding="utf-8")

    done = netkit("workbook")
    assert done.returncode == 0, done.stderr
    for name in shipped:
        assert (folder / "notebooks" / name).read_bytes() == \
            (REPO / "notebooks" / name).read_bytes()
        assert name in done.stdout
