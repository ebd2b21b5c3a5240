"""A registered contact's own details found by the word they start on, not by trying every
contact's rule on every text: the same spans as trying them all, for any register size."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from netkit.contact_details import Registered, _combined, normalise

WORDS = ["jane", "Jane", "JANE", "doe", "ünal", "Straße", "o'brien", "li", "x", "j", "42",
         "sam_w", "anne-marie"]
SEPARATORS = [".", "_", "-", "", " dot ", "[.]"]
AROUND = ["", " ", "mail ", "x", "_", "(", "é", "\n", "re: ", "@", "/in/"]


def _all_rules(own: Registered, kind: str, text: str) -> list[tuple[int, int]]:
    """What finding a detail meant before: every rule of the register tried on the text."""
    rules = own.emails if kind == "email" else own.handles
    found = _combined(tuple(pattern for _, pattern, _ in rules)) if rules else None
    return [] if found is None else [m.span() for m in found.finditer(text)
                                     if m.end() > m.start()]


def _spans(own: Registered, kind: str, text: str) -> list[tuple[int, int]]:
    folded = text.casefold()
    spans = own.email_spans if kind == "email" else own.handle_spans
    return list(spans(text, folded))


address = st.builds(lambda a, sep, b, host: f"{a}{sep}{b}@{host}.org",
                    st.sampled_from(WORDS), st.sampled_from([".", "_", "-", ""]),
                    st.sampled_from(WORDS), st.sampled_from(["example", "exämple", "cilt"]))
typed = st.builds(lambda a, sep, b, at, host, dot: f"{a}{sep}{b}{at}{host}{dot}org",
                  st.sampled_from(WORDS), st.sampled_from(SEPARATORS),
                  st.sampled_from(WORDS), st.sampled_from(["@", " at ", " [at] ", "@ "]),
                  st.sampled_from(["example", "EXAMPLE", "exämple", "cilt"]),
                  st.sampled_from([".", " dot ", "(.)"]))
link = st.builds(lambda a, sep, b: f"https://www.linkedin.com/in/{a}{sep}{b}-1",
                 st.sampled_from(WORDS), st.sampled_from(["-", "_", ""]),
                 st.sampled_from(WORDS))


@settings(max_examples=150, deadline=None)
@given(emails=st.frozensets(address, max_size=6), links=st.frozensets(link, max_size=4),
       pieces=st.lists(st.one_of(typed, st.sampled_from(AROUND),
                                 st.sampled_from(WORDS)), max_size=8))
def test_the_same_spans_as_trying_every_contacts_rule(
        emails: frozenset[str], links: frozenset[str], pieces: list[str]) -> None:
    own = Registered.build(emails, frozenset(), links, frozenset())
    text = normalise("".join(pieces) + " " + " ".join(emails) + " "
                     + " ".join(link.split("/in/")[1] for link in links))
    for kind in ("email", "profile_url"):
        assert _spans(own, kind, text) == _all_rules(own, kind, text)


def test_each_of_10000_contacts_is_found_in_its_own_text_and_nobody_else() -> None:
    pick = random.Random(5)
    first = ["jane", "sam", "priya", "mark", "li", "zoë", "kwame", "siobhán"]
    emails = {f"{pick.choice(first)}.{n}@example{n % 7}.org" for n in range(10_000)}
    links = {f"https://www.linkedin.com/in/{pick.choice(first)}-person-{n}"
             for n in range(10_000)}
    own = Registered.build(frozenset(emails), frozenset(), frozenset(links), frozenset())
    for email in pick.sample(sorted(emails), 200):
        local, domain = email.split("@")
        text = f"Wrote to {local.upper()} at {domain.replace('.', ' dot ')} on Monday."
        assert [text[a:b] for a, b in _spans(own, "email", text)] == [
            f"{local.upper()} at {domain.replace('.', ' dot ')}"]
    for url in pick.sample(sorted(links), 200):
        handle = url.rsplit("/", 1)[1]
        text = f"See /in/{handle} and jane-person-x."
        assert [text[a:b] for a, b in _spans(own, "profile_url", text)] == [handle]
    assert _spans(own, "email", "Nobody registered: jane.99999@example0.org") == []
