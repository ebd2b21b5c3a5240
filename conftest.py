"""Root test set-up: every notebook a test runs writes to a throw-away portfolio."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Kernels the tests start inherit this environment: never the learner's real portfolio.
    folder = Path(tempfile.mkdtemp(prefix="netkit-tests-"))
    os.environ["NETKIT_PORTFOLIO"] = str(folder / "portfolio.sqlite")
