"""Fixtures: each test gets its own portfolio in ``tmp_path``, and ways to run ``netkit``."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netkit.cli import main
from netkit.store import Portfolio

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Run:
    """What a run of ``netkit`` did: its exit status and what it printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def portfolio_path(tmp_path: Path) -> Path:
    """A path in ``tmp_path`` where no portfolio exists yet."""
    return tmp_path / "portfolio" / "portfolio.sqlite"


@pytest.fixture
def portfolio(portfolio_path: Path) -> Iterator[Portfolio]:
    """An open, empty portfolio at ``portfolio_path``, closed after the test."""
    with Portfolio.open(portfolio_path) as opened:
        yield opened


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, portfolio_path: Path
            ) -> Callable[..., Run]:
    """Run ``netkit.cli.main(args)`` in this process, capturing its output and status.

    NETKIT_PORTFOLIO points at ``portfolio_path`` unless ``env`` says otherwise.
    """
    monkeypatch.setenv("NETKIT_PORTFOLIO", str(portfolio_path))
    monkeypatch.setenv("NETKIT_ACTOR", "tester")

    def run(*args: str, env: dict[str, str | None] | None = None) -> Run:
        with monkeypatch.context() as patch:
            for name, value in (env or {}).items():
                if value is None:
                    patch.delenv(name, raising=False)
                else:
                    patch.setenv(name, value)
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:  # argparse: --help, --version, usage errors
                    code = exc.code if isinstance(exc.code, int) else 1
        return Run(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def run_netkit(portfolio_path: Path) -> Callable[..., Run]:
    """Run the real command (``python -m netkit ...``) in a child process."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Run:
        environ = {**os.environ, "NETKIT_PORTFOLIO": str(portfolio_path),
                   "NETKIT_ACTOR": "tester", **(env or {})}
        done = subprocess.run([sys.executable, "-m", "netkit", *args], capture_output=True,
                              text=True, env=environ, cwd=REPO, timeout=timeout,
                              check=False)
        return Run(done.returncode, done.stdout, done.stderr)

    return run
