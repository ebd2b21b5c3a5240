"""The notice live forms and views give each other after a save: which kinds of record changed.

A form that saves, deletes or brings back records calls :func:`announce` once with every
kind it wrote (the shortlist form: criteria, scores and the shortlist). Every live listener
on the same portfolio then hears of it once, with all the kinds together, so one save
redraws a view at most once; the view itself decides, from a fingerprint of the data it
draws, whether it needs to redraw at all (see :class:`~netkit.widgets.views.LiveView`).
Inside :func:`batch`, every notice is held and delivered once at the end.

A listener defines ``records_changed(kinds)`` (all kinds at once), or the older
``portfolio_changed(kind)`` (called once per kind). Nothing depends on a notice: every view
also reads the portfolio afresh when it is displayed.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

import ipywidgets as w

from ..store import Portfolio

__all__ = ["Listener", "announce", "batch", "listen", "listening"]


class Listener(Protocol):
    """Anything on a portfolio that redraws itself when records of some kind change.

    It defines ``records_changed(self, kinds: frozenset[str])`` (every kind of one notice
    at once), or ``portfolio_changed(self, kind: str)`` (called once per kind).
    """

    portfolio: Portfolio


_LISTENERS: weakref.WeakSet[Any] = weakref.WeakSet()
_LOCK = threading.RLock()  # widget events arrive on more than one thread (ipykernel 7)
_STATE = threading.local()  # this thread's open batch, if any


def listen(listener: Listener, widget: w.Widget | None = None) -> None:
    """Register ``listener`` for :func:`announce` (held weakly).

    With ``widget`` (the listener's outermost widget), the listener stops listening once
    every view of it in the notebook has closed: its cell was re-run or cleared. IPython
    keeps each cell's result in ``Out``, so without this every re-run would leave one
    more invisible form redrawing (charts and all) on every save.
    """
    with _LOCK:
        _LISTENERS.add(listener)
    if widget is None:
        return
    seen = False

    def views_changed(change: dict[str, Any]) -> None:
        nonlocal seen
        if change["new"]:
            seen = True
        elif seen:
            with _LOCK:
                _LISTENERS.discard(listener)

    widget._view_count = 0  # ipywidgets then counts the views the frontend shows
    widget.observe(views_changed, "_view_count")


def listening(portfolio: Portfolio) -> list[Any]:
    """The live listeners on ``portfolio`` (for tests and benchmarks)."""
    with _LOCK:
        return [x for x in _LISTENERS if x.portfolio is portfolio]


def announce(portfolio: Portfolio, kinds: str | Iterable[str], source: object = None
             ) -> None:
    """Tell every live listener on ``portfolio`` (except ``source``) that ``kinds`` changed.

    ``kinds`` is one kind (``"need"``) or several; each listener hears once per call, or
    once per :func:`batch` when one is open on this thread.
    """
    changed = frozenset((kinds,) if isinstance(kinds, str) else kinds)
    if not changed:
        return
    pending: list[tuple[Portfolio, frozenset[str], object]] | None = getattr(
        _STATE, "pending", None)
    if pending is not None:
        pending.append((portfolio, changed, source))
        return
    _deliver([(portfolio, changed, source)])


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Hold every :func:`announce` on this thread until the end, then notify each listener
    once with all the kinds that changed (loading many records, a form saving several)."""
    outer = getattr(_STATE, "pending", None)
    if outer is not None:  # nested: the outermost batch delivers
        yield
        return
    _STATE.pending = []
    try:
        yield
    finally:
        notices, _STATE.pending = _STATE.pending, None
        _deliver(notices)


def _deliver(notices: list[tuple[Portfolio, frozenset[str], object]]) -> None:
    with _LOCK:
        listeners = list(_LISTENERS)
    failure: BaseException | None = None
    for listener in listeners:
        kinds = frozenset().union(*(changed for portfolio, changed, source in notices
                                    if listener.portfolio is portfolio
                                    and listener is not source))
        if not kinds:
            continue
        try:  # one listener failing must not leave the others stale
            if hasattr(listener, "records_changed"):
                listener.records_changed(kinds)
            else:
                for kind in sorted(kinds):
                    listener.portfolio_changed(kind)
        except Exception as exc:  # re-raised once every listener has heard
            failure = failure or exc
    if failure is not None:
        raise failure
