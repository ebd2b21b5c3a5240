"""Root test set-up: every notebook a test runs writes to a throw-away portfolio."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # nbval's kernels inherit this environment: never the learner's real portfolio.
    folder = Path(tempfile.mkdtemp(prefix="netkit-nbval-"))
    os.environ["NETKIT_PORTFOLIO"] = str(folder / "portfolio.sqlite")
