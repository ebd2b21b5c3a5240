"""Property-based: contact details in generated shapes never survive, ordinary text always does.

Hypothesis writes e-mail addresses, phone numbers and profile links in the shapes people
type (separators, obfuscations, escapes, links) into sentences, and dates, amounts,
criterion numbers, years, times, versions and sentences that are none of those. Each
detail must come out as exactly its marker with the sentence around it untouched, also
through :func:`redact` of a dump, and the final leak check must find it before and not
after; ordinary text must come out byte for byte.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkit.redact import (
    EMAIL_REMOVED,
    PHONE_REMOVED,
    PROFILE_REMOVED,
    find_leaks,
    redact,
    scrub_text,
)

# A few seconds in all; the same examples every run (derandomize) so that a failure is never
# a fluke of one CI run, and nothing written into the work tree (no example database).
FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

Draw = Callable[..., Any]

word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).filter(
    lambda w: w not in {"dot", "com", "org", "net", "ext"})
accented = st.text("abcdeéfgühijklmnoöprstuvwxyzß", min_size=3, max_size=9).filter(
    lambda w: w not in {"dot", "com", "org", "net"})
TLDS = [["com"], ["org"], ["net"], ["io"], ["de"], ["co", "uk"], ["org", "uk"], ["social"]]

BEFORE = ["Reach her at", "Contact:", "Her details (", "I wrote to", "Ask Jane, on", ""]
AFTER = ["today.", ") are on the card", "- she said so", ", then call back", ""]


def sentence(before: str, detail: str, after: str) -> str:
    return " ".join(part for part in (before, detail, after) if part)


# -- contact details ---------------------------------------------------------------------

def bracket(draw: Draw, word_: str) -> str:
    opening, closing = draw(st.sampled_from(["[]", "()", "{}", "<>"]))
    pad = draw(st.sampled_from(["", " "]))
    return f"{pad}{opening}{word_}{closing}{pad}"


@st.composite
def emails(draw: Draw, *, registered_only: bool = False) -> tuple[str, str]:
    """(the address as saved, the address as typed)."""
    local = draw(st.lists(word, min_size=1, max_size=3))
    domain = [*draw(st.lists(draw(st.sampled_from([word, accented])), min_size=1,
                             max_size=2)), *draw(st.sampled_from(TLDS))]
    saved = f"{'.'.join(local)}@{'.'.join(domain)}"
    styles = ["plain", "spaced", "bracketed", "spelt", "fullwidth", "percent", "entity",
              "invisible", "mailto", "upper", "mixed"]
    if registered_only:
        styles += ["spaces", "underscores"]
    style = draw(st.sampled_from(styles))
    at = {"spelt": draw(st.sampled_from([" at ", " AT ", " At "])),
          "mixed": " at ", "spaces": " at "}.get(style, "@")
    dot = {"spelt": draw(st.sampled_from([" dot ", " DOT "])), "mixed": " dot "}.get(style, ".")
    if style == "bracketed":
        at, dot = bracket(draw, draw(st.sampled_from(["at", "AT", "@"]))), bracket(draw, "dot")
    local_dot = {"mixed": ".", "spaces": " ", "underscores": "_"}.get(style, dot)
    typed = f"{local_dot.join(local)}{at}{dot.join(domain)}"
    if style == "spaced":
        typed = typed.replace("@", draw(st.sampled_from([" @ ", " @", "@ "])))
    elif style == "fullwidth":
        typed = typed.replace("@", draw(st.sampled_from(["＠", "﹫"])))
    elif style == "percent":
        typed = typed.replace("@", "%40")
    elif style == "entity":
        typed = typed.replace("@", draw(st.sampled_from(["&#64;", "&#x40;", "&commat;"])))
    elif style == "invisible":
        cut = draw(st.integers(1, len(typed) - 1))
        typed = f"{typed[:cut]}\u200b{typed[cut:]}"
    elif style == "mailto":
        typed = f"mailto:{typed}"
    elif style == "upper":
        typed = typed.upper()
    return saved, typed


@st.composite
def phones(draw: Draw, *, registered_only: bool = False) -> tuple[str, str]:
    """(the number as saved, the number as typed): UK numbers in the groupings people use."""
    national = draw(st.sampled_from(["07", "01", "02"])) + draw(
        st.text("0123456789", min_size=9, max_size=9))
    saved = draw(st.sampled_from([national, f"{national[:5]} {national[5:]}",
                                  f"+44 {national[1:5]} {national[5:]}"]))
    form = draw(st.sampled_from(["national", "+44", "+44 (0)", "0044", "wa.me", "tel"]))
    digits = national if form == "national" else national[1:]
    groups = draw(st.sampled_from([(11,), (5, 6), (4, 3, 4), (3, 4, 4), (5, 3, 3)]
                                  if form == "national" else
                                  [(10,), (4, 6), (4, 3, 3), (3, 3, 4), (2, 4, 4)]))
    seps = [" ", "-", "–", "—", ".", "/", " / ", " - ", "\u00a0", ""]
    if registered_only:
        seps += ["  ", " . ", "_", " – "]
    sep = draw(st.sampled_from(seps))
    if registered_only and draw(st.booleans()):
        groups = (1,) * len(digits)  # 0 7 7 0 0 ...
    parts, at = [], 0
    for size in groups:
        parts.append(digits[at:at + size])
        at += size
    number = sep.join(parts)
    if form == "wa.me":
        return saved, draw(st.sampled_from(["https://wa.me/", "wa.me/", "wa.me/+"])) + \
            "44" + digits
    if form == "tel":
        return saved, f"tel:+44{digits}"
    if form == "national" and sep in {" ", "-"} and len(parts) > 1 and draw(st.booleans()):
        number = f"({parts[0]}){sep or ' '}{sep.join(parts[1:])}"
    prefix = {"national": "", "+44": "+44 ", "+44 (0)": "+44 (0)", "0044": "0044 "}[form]
    typed = prefix + number
    if draw(st.booleans()):
        typed = "#" + typed
    if not registered_only or sep in {" ", "-", ""}:
        typed += draw(st.sampled_from(["", "", "x", "x12", " ext. 204", " ext 12"]))
    return saved, typed


@st.composite
def profiles(draw: Draw, *, registered_only: bool = False) -> tuple[str, str]:
    """(the profile link as saved, the link or handle as typed)."""
    words = draw(st.lists(word, min_size=1, max_size=3))
    number = draw(st.sampled_from(["", "", "1", "42", "2026"]))
    handle = "-".join([*words, number] if number else words)
    flat = "_".join([*words, number] if number else words)
    instance = ".".join(draw(st.lists(word, min_size=1, max_size=2))) + ".social"
    saved = f"https://www.linkedin.com/in/{handle}"
    shapes = [
        f"https://www.linkedin.com/in/{handle}/", f"linkedin.com/in/{handle}",
        f"https://m.linkedin.com/in/{handle}", f"https://www.linkedin.com/mwlite/in/{handle}",
        f"https://uk.linkedin.com/in/{handle}?trk=x", f"www.linkedin.com/in/{handle}",
        f"/in/{handle}", f"https://www.xing.com/profile/{flat.title()}",
        f"x.com/{flat}", f"https://twitter.com/{flat}", f"instagram.com/{flat}",
        f"https://bsky.app/profile/{handle}.bsky.social", f"@{flat}",
        f"@{flat}@{instance}", f"https://{instance}/@{flat}",
    ]
    if registered_only and number:
        shapes.append(handle)  # a distinctive handle typed on its own
    if not registered_only:  # a short link does not show whose it is: it goes as a shape
        shapes.append(f"lnkd.in/{draw(st.text('abcdkXYZ0123456789', min_size=5, max_size=8))}")
    typed = draw(st.sampled_from(shapes))
    if "@" in typed and "//" not in typed and not registered_only:
        saved = f"https://mastodon.social/@{flat}"
    return saved, typed


def details(registered_only: bool = False) -> st.SearchStrategy[tuple[str, str, str, str]]:
    """(field, saved, typed, marker) of one contact detail."""
    return st.one_of(
        emails(registered_only=registered_only).map(lambda d: ("email", *d, EMAIL_REMOVED)),
        phones(registered_only=registered_only).map(lambda d: ("phone", *d, PHONE_REMOVED)),
        profiles(registered_only=registered_only).map(
            lambda d: ("profile_url", *d, PROFILE_REMOVED)))


def contact_dump(field: str, saved: str, text: str) -> dict[str, Any]:
    contact = {"name": "Quinn Example", "organisation": "Northgate", field: saved}
    return {"records": [
        {"kind": "contact", "key": "c-1", "data": contact},
        {"kind": "network", "key": "n-1", "data": {"name": "CILT", "conclusion": text}},
        {"kind": "witness", "key": "w-1", "data": {"name": "Dana Kerr", "statement": text,
                                                   "date": "2025-10-01"}}],
        "history": [{"kind": "network", "key": "n-1", "data": {"conclusion": text}}]}


def as_html(text: str) -> str:
    return f"<html><body><p>{html.escape(text)}</p></body></html>"


@FAST
@given(details(), st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_a_detail_in_any_typed_shape_becomes_its_marker(detail: tuple[str, str, str, str],
                                                        before: str, after: str) -> None:
    _, _, typed, marker = detail
    assert scrub_text(sentence(before, typed, after)) == sentence(before, marker, after)


@FAST
@given(details(registered_only=True), st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_a_registered_detail_never_survives_redaction_or_the_leak_check(
        detail: tuple[str, str, str, str], before: str, after: str) -> None:
    field, saved, typed, marker = detail
    text = sentence(before, typed, after)
    dump = contact_dump(field, saved, text)
    values = {"email": set(), "phone": set(), "profile_url": set(), "name": set(),
              field: {saved}}
    assert find_leaks("raw.html", as_html(text), values), (saved, typed)
    clean = redact(dump, pseudonymise=False)
    for entry in [*clean["records"], *clean["history"]]:
        for key in ("conclusion", "statement"):
            if key in entry["data"]:
                assert entry["data"][key] == sentence(before, marker, after), (saved, typed)
    exported = json.dumps(clean, ensure_ascii=False)
    assert find_leaks("dump.json", exported, values) == []
    assert find_leaks("page.html", as_html(exported), values) == []


# -- ordinary text -----------------------------------------------------------------------

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%d/%m/%y",
                "%A %d %B", "%b %Y", "%-d/%-m/%Y", "%-d.%-m.%Y"]
dates = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))


@st.composite
def a_date(draw: Draw) -> str:
    fmt = draw(st.sampled_from(DATE_FORMATS))
    first = draw(dates).strftime(fmt)
    if draw(st.booleans()):
        joiner = draw(st.sampled_from(["-", " - ", "–", " – ", " to ", "/"]))
        if joiner != "/" or fmt in {"%d %b %Y", "%d %B %Y"}:
            return f"{first}{joiner}{draw(dates).strftime(fmt)}"
    return first


@st.composite
def money(draw: Draw) -> str:
    amount = draw(st.integers(0, 10**10))
    text = draw(st.sampled_from([f"{amount:,}", str(amount), f"{amount:,}".replace(",", " ")]))
    if draw(st.booleans()):
        text += f".{draw(st.integers(0, 99)):02d}"
    symbol = draw(st.sampled_from(["£", "$", "€", "£ ", "€ "]))
    if draw(st.booleans()) and symbol.strip() == "€":
        return f"{text} €"
    return f"{symbol}{text}" + draw(st.sampled_from(["", " a year", "k", "m"]))


CRITERIA = [f"{lo}.{n}" for lo, top in ((1, 4), (2, 3), (3, 7)) for n in range(1, top + 1)]


@st.composite
def criteria(draw: Draw) -> str:
    ids = draw(st.lists(st.sampled_from(CRITERIA), min_size=1, max_size=6))
    joiner = draw(st.sampled_from([", ", " ", " and ", "; ", "/", " & "]))
    return draw(st.sampled_from(["", "criteria ", "AC ", "see "])) + joiner.join(ids)


@st.composite
def years(draw: Draw) -> str:
    picked = draw(st.lists(st.integers(1950, 2049), min_size=1, max_size=4))
    joiner = draw(st.sampled_from([", ", " ", "-", "–", " to ", "/"]))
    return joiner.join(str(y) for y in picked)


percent = st.builds(lambda n, d: f"{n}{d}%", st.integers(0, 1000),
                    st.sampled_from(["", ".5", ".25", ".0"]))
times = st.builds(lambda h, m, h2: f"{h:02d}:{m:02d}" + (f"–{h2:02d}:{m:02d}" if h2 else ""),
                  st.integers(0, 23), st.sampled_from([0, 15, 30, 45]), st.integers(0, 23))
versions = st.builds(lambda p, a, b, c: f"{p}{a}.{b}.{c}",
                     st.sampled_from(["v", "version ", "Python ", "release ", ""]),
                     st.integers(0, 20), st.integers(0, 30), st.integers(0, 99999))
ordinary = st.sampled_from([
    "We met at the conference", "dot the i's and cross the t's", "we met at the hotel at noon",
    "look at the data", "she is at work", "a dot on the map", "at least 3 networks",
    "at 5 o'clock", "Email is quicker than a call", "the branch at Leeds is busy",
    "Priya said the fee is worth it", "LS1 4AP", "Q3", "a 7-day week", "24/7 support",
    "it was at best a draw", "I'm at the office, dot on time",
])
VOCABULARY = [
    "network", "branch", "chair", "meeting", "event", "members", "fee", "year", "month",
    "hours", "cost", "value", "contact", "introduced", "mentor", "breakfast", "committee",
    "report", "plan", "review", "quarterly", "regional", "the", "a", "of", "and", "to", "in",
    "for", "on", "with", "my", "our", "their"]
salad = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8).map(" ".join)
pieces = st.one_of(a_date(), money(), criteria(), years(), percent, times, versions,
                   ordinary, salad)


@FAST
@given(st.lists(pieces, min_size=1, max_size=6),
       st.lists(st.sampled_from([", ", "; ", " and ", " on ", ". ", " (", ") "]),
                min_size=6, max_size=6))
def test_dates_amounts_criteria_and_sentences_survive_unchanged(parts: list[str],
                                                                joiners: list[str]) -> None:
    text = parts[0] + "".join(j + p for j, p in zip(joiners, parts[1:], strict=False))
    values = {"email": {"quinn@example.org"}, "phone": {"07700 900123"},
              "profile_url": {"https://www.linkedin.com/in/quinn-example-42"},
              "name": {"Quinn Example"}}
    assert scrub_text(text) == text
    assert scrub_text(text, values=values) == text
    clean = redact(contact_dump("email", "quinn@example.org", text), pseudonymise=False)
    assert clean["records"][1]["data"]["conclusion"] == text
    assert find_leaks("page.html", as_html(text), values) == []
