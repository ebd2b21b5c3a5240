"""netkit: the workbook for QCF unit J/506/1949 "Develop and Maintain Professional Networks".

What a notebook may call. Every name is imported on first use (PEP 562), so that
``import netkit`` stays fast; heavy libraries (matplotlib, pandas, nbconvert, playwright)
are imported only inside the functions that use them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

# public name -> the module that defines it
_EXPORTS = {
    "CRITERIA": "criteria",
    "OUTCOMES": "criteria",
    "UNIT": "criteria",
    "criterion": "criteria",
    "NetkitError": "exceptions",
    "ValidationError": "exceptions",
    "Portfolio": "store",
    "coverage": "coverage",
    "status_json": "coverage",
    "about_criterion": "guide",
    "unit_overview": "guide",
    "Progress": "progress",
}
_SUBMODULES = ("widgets", "charts", "analysis", "export")

__all__ = [
    "CRITERIA",
    "OUTCOMES",
    "UNIT",
    "NetkitError",
    "Portfolio",
    "Progress",
    "ValidationError",
    "__version__",
    "about_criterion",
    "coverage",
    "criterion",
    "open_portfolio",
    "progress",
    "status_json",
    "unit_overview",
]

if TYPE_CHECKING:
    from . import analysis as analysis
    from . import charts as charts
    from . import export as export
    from . import widgets as widgets
    from .coverage import coverage, status_json
    from .criteria import CRITERIA, OUTCOMES, UNIT, criterion
    from .exceptions import NetkitError, ValidationError
    from .guide import about_criterion, unit_overview
    from .progress import Progress
    from .store import Portfolio


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'netkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *_SUBMODULES})


def open_portfolio(path: str | None = None) -> Portfolio:
    """Open the learner's portfolio from a notebook: ``path``, $NETKIT_PORTFOLIO or default."""
    from .store import Portfolio

    return Portfolio.open(path, via="notebook")


def progress(portfolio: Portfolio | None = None) -> Progress:
    """The learner's progress against every criterion (displays as tables)."""
    from .progress import Progress

    return Progress(portfolio or open_portfolio())
