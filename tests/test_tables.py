"""``nk.table(kind)``: the learner's own live records as pandas DataFrames."""

from __future__ import annotations

import subprocess
import sys

import pytest

import netkit as nk
from netkit.exceptions import UnknownTableError
from netkit.model import Contact, Need, Network
from netkit.store import Portfolio
from netkit.tables import table_names


def test_contacts_table_shows_names_for_network_keys_and_dates_as_dates(
        portfolio: Portfolio) -> None:
    cilt = portfolio.save(Network(name="CILT Yorkshire"))
    sam = portfolio.save(Contact(name="Sam Whitfield", networks=[cilt.id, "Chamber"],
                                 interests=["benchmarking", "WMS"], met_on="14 Oct 2025",
                                 confidential=True))
    gone = portfolio.save(Contact(name="Gone Person"))
    portfolio.remove(gone)
    portfolio.save(Contact(name="Li Wei"))
    frame = nk.table("contacts", portfolio)
    assert list(frame.index) == [sam.id, frame.index[1]]
    assert frame.index.name == "key"
    assert list(frame["name"]) == ["Sam Whitfield", "Li Wei"]  # the deleted one is not
    assert frame.loc[sam.id, "networks"] == ["CILT Yorkshire", "Chamber"]
    assert frame.loc[sam.id, "met_on"].isoformat()[:10] == "2025-10-14"
    assert str(frame["met_on"].dtype).startswith("datetime64")
    assert frame["met_on"].isna().tolist() == [False, True]
    assert frame["confidential"].tolist() == [True, False]
    assert frame.explode("interests").loc[sam.id, "interests"].tolist() == [
        "benchmarking", "WMS"]
    assert "id" not in frame.columns and "email" in frame.columns


def test_every_kind_has_a_table_singular_or_plural(portfolio: Portfolio) -> None:
    portfolio.save(Need(text="Lead the WMS upgrade", priority="high"))
    assert nk.table("needs", portfolio)["priority"].tolist() == ["high"]
    assert nk.table("Need", portfolio)["text"].tolist() == ["Lead the WMS upgrade"]
    assert len(nk.table("networks", portfolio)) == 0
    assert list(nk.table("networks", portfolio).columns)[:2] == ["name", "kind"]
    assert {"contacts", "networks", "needs", "witnesses", "shortlist_criteria"} <= set(
        table_names())
    for name in table_names():
        assert len(nk.table(name, portfolio).columns) > 0
    with pytest.raises(UnknownTableError, match="no table called 'friends'"):
        nk.table("friends", portfolio)


def test_import_netkit_does_not_import_pandas() -> None:
    code = ("import sys, netkit, netkit.cli\n"
            "assert callable(netkit.table)\n"
            "print(sorted(m for m in ('pandas', 'vobject') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
