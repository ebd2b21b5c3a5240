"""The learner's own records as pandas DataFrames, to explore: ``nk.table("contacts")``.

One row per live (not deleted) record, one column per field, indexed by the record's key.
Keys of other records (a contact's networks) show as those records' names, dates as dates
(blank ones as ``NaT``), lists (interests, tags) as lists: ``table("contacts").explode(
"interests")`` gives one row per interest. pandas is imported only when a table is made.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from .exceptions import UnknownTableError
from .model import RECORD_TYPES, Record

if TYPE_CHECKING:
    from .store import Portfolio

__all__ = ["table", "table_names"]


def _plural(kind: str) -> str:
    if kind.endswith("criterion"):
        return kind[: -len("criterion")] + "criteria"
    if kind.endswith("ss"):
        return kind + "es"
    if kind.endswith("s"):
        return kind
    if kind.endswith("y") and not kind.endswith(("ay", "ey", "oy")):
        return kind[:-1] + "ies"
    return kind + "s"


def table_names() -> list[str]:
    """Every table ``table()`` makes: one per kind of record, named in the plural."""
    return sorted(_plural(kind) for kind in RECORD_TYPES)


def _record_type(name: str) -> type[Record]:
    wanted = re.sub(r"[\s-]+", "_", name.strip().casefold())
    for kind, cls in RECORD_TYPES.items():
        if wanted in (kind, _plural(kind)):
            return cls
    raise UnknownTableError(name, table_names())


def table(name: str, portfolio: Portfolio | None = None) -> Any:
    """The learner's saved records of one kind as a pandas DataFrame.

    ``name`` is ``"contacts"``, ``"networks"``, ``"needs"``... (see :func:`table_names`;
    the singular works too). ``portfolio`` defaults to the learner's own.
    """
    import pandas as pd

    # A notebook shows the table as HTML, which JupyterLab typesets: "paid $12, they
    # charge $30" in a learner's notes would turn into mathematics. With this pandas
    # option (read when a table is shown) its HTML is marked for MathJax to skip.
    pd.set_option("display.html.use_mathjax", False)
    cls = _record_type(name)
    if portfolio is None:
        from . import open_portfolio

        portfolio = open_portfolio()
    columns = [f.name for f in dataclasses.fields(cls) if f.name != "id"]
    keys, rows = [], []
    for stored in portfolio.records(cls.KIND):
        try:
            data = cls.from_dict(stored.data).to_dict()
        except (TypeError, ValueError, AttributeError):
            data = dict(stored.data)  # not readable as its kind: show it as stored
        keys.append(stored.key)
        rows.append([data.get(column) for column in columns])
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(keys, name="key"),
                         dtype=object)
    for column, kind in cls.REFERS_TO.items():
        names = {r.key: str(r.data.get("name") or r.key) for r in portfolio.records(kind)}
        frame[column] = [[names.get(v, v) for v in value] if isinstance(value, list)
                         else names.get(value, value) for value in frame[column]]
    frame = frame.infer_objects()  # flags as booleans, numbers as numbers
    for column in cls.DATES:
        frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d",
                                       errors="coerce")
    return frame
