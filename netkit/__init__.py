"""netkit: the workbook for QCF unit J/506/1949 "Develop and Maintain Professional Networks".

``__all__`` is what the workbook's notebooks call (``import netkit as nk``): opening the
portfolio, the unit's guidance and progress, and the ``widgets``, ``charts`` and ``export``
submodules. Everything else is imported from its module (``netkit.store.Portfolio``...).
Every name is imported on first use (PEP 562), so that ``import netkit`` stays fast; heavy
libraries (matplotlib, nbconvert, playwright) are imported only inside the functions that
use them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

# public name -> the module that defines it
_EXPORTS = {
    "about_criterion": "guide",
    "table": "tables",
    "unit_overview": "guide",
}
_SUBMODULES = ("widgets", "charts", "export", "analysis")

__all__ = [
    "about_criterion",
    "charts",
    "export",
    "open_portfolio",
    "progress",
    "table",
    "unit_overview",
    "widgets",
]

if TYPE_CHECKING:
    from . import analysis as analysis
    from . import charts as charts
    from . import export as export
    from . import widgets as widgets
    from .guide import about_criterion, unit_overview
    from .progress_view import Progress
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
    return sorted({*__all__, *_SUBMODULES, "__version__"})


def open_portfolio(path: str | None = None) -> Portfolio:
    """Open the learner's portfolio from a notebook: ``path``, $NETKIT_PORTFOLIO or default.

    On the fictional example learner's portfolio, the notebook shows an "EXAMPLE" banner.
    """
    from .store import Portfolio

    portfolio = Portfolio.open(path, via="notebook")
    if portfolio.is_example:
        from .widgets.learner import show_example_banner

        show_example_banner(portfolio)
    return portfolio


def progress(portfolio: Portfolio | None = None) -> Progress:
    """The learner's progress against every criterion (displays as tables)."""
    from .progress_view import Progress

    return Progress(portfolio or open_portfolio())
