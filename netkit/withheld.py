"""What a redacted export withholds, by criterion, so that nothing is dropped silently.

A default export leaves out every record flagged confidential (:func:`netkit.redact.redact`).
:func:`withheld` counts them, from the same dump and by the same rule, per criterion: a
record's own ``criteria`` (an attachment's, say), and the criteria counted from the records
that name it, by key or by link (a confidential contact named in a 3.1 interaction is
withheld 3.1 evidence).
The export keeps the summary in its private copy's meta (:data:`WITHHELD_META`), and the
evidence pack lists it: "N records withheld ..., to be seen in the original".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WITHHELD_META", "Withheld", "withheld"]

WITHHELD_META = "export_withheld"  # set (to Withheld.to_meta()) in a redacted export's copy


@dataclass(frozen=True)
class Withheld:
    """Records withheld from an export: how many, and how many per criterion.

    A record counts once in ``total`` and once under each criterion it is evidence for;
    ``unlinked`` counts those tied to no criterion.
    """

    total: int = 0
    by_criterion: dict[str, int] = field(default_factory=dict)
    unlinked: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def to_meta(self) -> str:
        """As stored in the export copy's meta (JSON text)."""
        return json.dumps({"total": self.total, "by_criterion": self.by_criterion,
                           "unlinked": self.unlinked, "kinds": self.kinds}, sort_keys=True)

    @classmethod
    def from_meta(cls, text: str | None) -> Withheld:
        """Read :meth:`to_meta`'s text back; nothing (or damaged text) is nothing withheld."""
        try:
            data = json.loads(text or "{}")
            return cls(total=int(data.get("total", 0)),
                       by_criterion={str(k): int(v) for k, v
                                     in dict(data.get("by_criterion", {})).items()},
                       unlinked=int(data.get("unlinked", 0)),
                       kinds={str(k): int(v) for k, v in dict(data.get("kinds", {})).items()})
        except (ValueError, TypeError, AttributeError):
            return cls()


def _criteria_of_kinds() -> dict[str, set[str]]:
    """Record kind -> the criteria whose count reads it (netkit.coverage.COUNTED_KINDS)."""
    from .coverage import COUNTED_KINDS

    found: dict[str, set[str]] = {}
    for criterion, kinds in COUNTED_KINDS.items():
        for kind in kinds:
            found.setdefault(kind, set()).add(criterion)
    return found


def _live(dump: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return (r for r in dump.get("records", []) if not r.get("deleted"))


def _links(value: Any) -> Iterable[str]:
    """Every text in ``value`` that may be a link ("contact:KEY", learning outcome 1)."""
    if isinstance(value, str):
        if ":" in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _links(item)
    elif isinstance(value, list):
        for item in value:
            yield from _links(item)


def _named_by(records: list[dict[str, Any]], hidden: set[tuple[str, str]]
              ) -> dict[tuple[str, str], set[str]]:
    """(kind, key) of a hidden record -> the criteria counted from the records that name
    it: by a key in a ``REFERS_TO`` field, or by a "kind:key" link. One pass."""
    from .model import RECORD_TYPES

    counted = _criteria_of_kinds()
    links = {f"{kind}:{key}": (kind, key) for kind, key in hidden}
    found: dict[tuple[str, str], set[str]] = {}
    for record in records:
        criteria = counted.get(record["kind"])
        if not criteria or (record["kind"], record["key"]) in hidden:
            continue
        cls = RECORD_TYPES.get(record["kind"])
        data = record.get("data") or {}
        named = {links[text] for text in _links(data) if text in links}
        for name, target in (cls.REFERS_TO if cls is not None else {}).items():
            value = data.get(name)
            named.update((target, key) for key in (value if isinstance(value, list)
                                                   else [value])
                         if isinstance(key, str) and (target, key) in hidden)
        for ident in named:
            found.setdefault(ident, set()).update(criteria)
    return found


def withheld(dump: dict[str, Any]) -> Withheld:
    """What a redacted export of ``dump`` (``Portfolio.dump()``) withholds, by criterion."""
    records = list(_live(dump))
    hidden = [r for r in records if (r.get("data") or {}).get("confidential") is True]
    if not hidden:
        return Withheld()
    named_by = _named_by(records, {(r["kind"], r["key"]) for r in hidden})
    by_criterion: dict[str, int] = {}
    kinds: dict[str, int] = {}
    unlinked = 0
    for record in hidden:
        kind, data = record["kind"], record.get("data") or {}
        kinds[kind] = kinds.get(kind, 0) + 1
        own = data.get("criteria")
        criteria = {str(c) for c in own} if isinstance(own, list) else set()
        criteria |= named_by.get((kind, record["key"]), set())
        if not criteria:
            unlinked += 1
        for criterion in criteria:
            by_criterion[criterion] = by_criterion.get(criterion, 0) + 1
    ordered = dict(sorted(by_criterion.items(), key=lambda item: tuple(
        int(part) for part in item[0].split(".") if part.isdigit())))
    return Withheld(total=len(hidden), by_criterion=ordered, unlinked=unlinked,
                    kinds=dict(sorted(kinds.items())))
