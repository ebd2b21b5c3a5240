"""End to end: a real default ``netkit export --format html`` of answers full of tricky shapes.

The example learner's contact Sam Whitfield (sam.whitfield@example.org, 0113 496 0123,
linkedin.com/in/sam-whitfield-example) is typed into a witness statement, a discussion's
notes and a network's conclusion in the shapes that used to get through. None may reach the
HTML; the ordinary sentence around them must.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netkit.cli import load_example
from netkit.model import Discussion, Network, Witness
from netkit.redact import (
    EMAIL_REMOVED,
    PHONE_REMOVED,
    PROFILE_REMOVED,
    find_leaks,
    normalise,
    sensitive_values,
)
from netkit.store import Portfolio

pytestmark = pytest.mark.slow

E, P, L = EMAIL_REMOVED, PHONE_REMOVED, PROFILE_REMOVED
TYPED = [  # (as typed, what the export shows instead)
    ("sam dot whitfield at example dot org", E),
    ("sam.whitfield [at] example [dot] org", E),
    ("sam.whitfield(at)example.org", E),
    ("sam.whitfield @ example.org", E),
    ("sam.whitfield＠example.org", E),
    ("sam.whitfield%40example.org", E),
    ("sam.whitfield@exämple.org", E),
    ("sw@intranet", E),
    ("0113/496/0123", P),
    ("0113–496–0123", P),
    ("#0113 496 0123", P),
    ("+44 (0)113 496 0123x", P),
    ("https://wa.me/441134960123", P),
    ("lnkd.in/sWhit42", L),
    ("/in/sam-whitfield-example", L),
    ("https://www.linkedin.com/mwlite/in/sam-whitfield-example", L),
    ("@sam_whitfield@mastodon.social", L),
    ("https://www.xing.com/profile/Sam_Whitfield", L),
]
TRICKY = [typed for typed, _ in TYPED]
SHOWN = [shown for _, shown in TYPED]
SURVIVOR = ("We met at the conference on 28/11/2026 at 09:30; the fee is £1,250.00 (12.5%), "
            "criteria 2.1 and 3.4, version 2.3.1.")


def answer(shapes: list[str]) -> str:
    return f"{SURVIVOR} Reach Sam: " + "; ".join(shapes) + "."


def page_text(path: Path) -> str:
    return " ".join(normalise(html.unescape(re.sub(r"<[^>]*>", " ", path.read_text("utf-8"))))
                    .split())


@pytest.fixture
def export_html(portfolio: Portfolio, run_netkit: Callable[..., Any],
                tmp_path: Path) -> dict[str, str]:
    """The example learner with the shapes typed into answers, exported as HTML."""
    load_example(portfolio)
    third = len(TRICKY) // 3
    portfolio.save(Witness(
        id="w-shapes", name="Dana Kerr", role="Transport planner", relationship="Colleague",
        date="2025-10-01", criteria=["3.3"], statement=answer(TRICKY[:third])))
    portfolio.save(Discussion(id="d-shapes", date="2025-11-04", topics="Contacts",
                              criteria=["3.2"], notes=answer(TRICKY[third:2 * third])))
    network = portfolio.all(Network)[0]
    network.conclusion = answer(TRICKY[2 * third:])
    portfolio.save(network)
    out = tmp_path / "export"
    done = run_netkit("export", "--format", "html", "--out", str(out), timeout=600)
    assert done.code == 0, done.err  # the final leak check passed: nothing half-written
    return {p.name: page_text(p) for p in sorted(out.glob("*.html"))}


def test_no_tricky_shape_reaches_the_default_html(export_html: dict[str, str],
                                                  portfolio: Portfolio) -> None:
    assert {"02-identify-networks.html", "04-evidence.html", "evidence-pack.html"} <= \
        set(export_html)
    values = sensitive_values(portfolio.dump())
    for name, text in export_html.items():
        assert find_leaks(name, text, values) == []
        for shape in TRICKY:
            assert " ".join(normalise(shape).split()) not in text, (name, shape)
        for token in ("whitfield@", "sam dot whitfield", "(at)", "[at]",
                      "496 0123", "496/0123", "wa.me", "lnkd.in", "mwlite", "/in/sam",
                      "mastodon.social", "xing.com", "@intranet"):
            assert token not in text.casefold(), (name, token)
    # the answers are there, each detail replaced by its marker and nothing else changed
    third = len(TRICKY) // 3
    evidence, pack = export_html["04-evidence.html"], export_html["evidence-pack.html"]
    networks = export_html["02-identify-networks.html"]
    for text in (evidence, pack):
        assert answer(SHOWN[:third]) in text  # the witness statement
        assert answer(SHOWN[third:2 * third]) in text  # the discussion's notes
    assert answer(SHOWN[2 * third:]) in networks  # the network's conclusion


def test_what_the_learner_typed_about_an_attachment_is_redacted(
        portfolio: Portfolio, run_netkit: Callable[..., Any], tmp_path: Path) -> None:
    """The document is copied as it is, but its title and name, as the pack and the
    manifest list them, lose contact details like any answer."""
    load_example(portfolio)
    document = tmp_path / "Call Jane 07700 900889 jane.fn@example.org.txt"
    document.write_text("Minutes of the call.\n", encoding="utf-8")
    _record, ref = portfolio.attach(
        document, criteria=["3.3"],
        title="Minutes: ring Jane on 07700 900890, jane.title@example.org or Sam on "
              "sam.whitfield@example.org")
    out = tmp_path / "export"
    done = run_netkit("export", "--format", "html", "--out", str(out), timeout=600)
    assert done.code == 0, done.err
    pack = page_text(out / "evidence-pack.html")
    manifest = (out / "manifest.json").read_text("utf-8")
    assert f"Minutes: ring Jane on {P}, {E} or Sam on {E}" in pack
    copied = sorted(p.name for p in (out / "attachments").iterdir() if p.name.startswith(ref))
    assert copied == [f"{ref}-Call-Jane-phone-removed-e-mail-removed.txt"]
    assert (out / "attachments" / copied[0]).read_bytes() == document.read_bytes()
    for text in (pack, manifest):
        for typed in ("900889", "900890", "jane.fn", "jane.title", "sam.whitfield",
                      "jane-fn", "example-org"):
            assert typed not in text, typed
