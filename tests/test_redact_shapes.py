"""The shapes people really type: each contact detail goes, everything else stays as typed.

Every shape below is checked three ways: ``scrub_text`` replaces it (and only it) by its
marker, the final leak check finds it when it is a registered contact's own detail, and
finds nothing once it is replaced.
"""

from __future__ import annotations

import html

import pytest

from netkit.redact import (
    EMAIL_REMOVED,
    PHONE_REMOVED,
    PROFILE_REMOVED,
    find_leaks,
    normalise,
    scrub_text,
)

# A registered contact: their own details, as saved in the contact record.
OWN = {
    "email": {"jane.doe@example.org", "jo@müller.de"},
    "phone": {"07700 900123", "+44 113 496 0999"},
    "profile_url": {"https://www.linkedin.com/in/jane-doe-example",
                    "https://mastodon.social/@janed"},
    "name": {"Jane Doe"},
}
NOBODY: dict[str, set[str]] = {"email": set(), "phone": set(), "profile_url": set(),
                               "name": set()}

# (typed, marker): found without knowing whose it is.
SHAPES = [
    ("jane.doe@example.org", EMAIL_REMOVED),
    ("mailto:jane.doe@example.org", EMAIL_REMOVED),
    ("jane dot doe at example dot org", EMAIL_REMOVED),
    ("JANE DOT DOE AT EXAMPLE DOT ORG", EMAIL_REMOVED),
    ("x [at] y [dot] com", EMAIL_REMOVED),
    ("jane.doe [at] example.org", EMAIL_REMOVED),
    ("jane.doe at example.org", EMAIL_REMOVED),   # a spelt "at" after a name.surname
    ("Jane_Doe AT example.co.uk", EMAIL_REMOVED),
    ("x(at)y.com", EMAIL_REMOVED),
    ("x (at) y (dot) co (dot) uk", EMAIL_REMOVED),
    ("jane{at}example{dot}org", EMAIL_REMOVED),
    ("jane <at> example <dot> org", EMAIL_REMOVED),
    ("x @ y.com", EMAIL_REMOVED),
    ("jane.doe＠example.org", EMAIL_REMOVED),      # fullwidth at
    ("ｊａｎｅ@ｅｘａｍｐｌｅ.ｏｒｇ", EMAIL_REMOVED),  # fullwidth letters
    ("jane.doe%40example.org", EMAIL_REMOVED),    # URL-encoded
    ("jane.doe&#64;example.org", EMAIL_REMOVED),  # an HTML entity typed in
    ("jane\u200b.doe@example.org", EMAIL_REMOVED),  # a zero-width space
    ("jo@müller.de", EMAIL_REMOVED),              # an accented (IDN) domain
    ("jo@xn--mller-kva.de", EMAIL_REMOVED),       # the same, as punycode
    ("zoë@bücher.example", EMAIL_REMOVED),
    ("jo@intranet", EMAIL_REMOVED),               # an intranet domain without a dot
    ("07700 900123", PHONE_REMOVED),
    ("0113/496/0123", PHONE_REMOVED),
    ("07700/900/123", PHONE_REMOVED),
    ("0113–496–0123", PHONE_REMOVED),             # en dashes
    ("0113 — 496 — 0123", PHONE_REMOVED),
    ("0113.496.0123", PHONE_REMOVED),
    ("01.23.45.67.89", PHONE_REMOVED),
    ("#0113 496 0123", PHONE_REMOVED),
    ("0113 496 0123x", PHONE_REMOVED),            # an extension letter after
    ("0113 496 0123 ext. 204", PHONE_REMOVED),
    ("+44 (0)7700 900123", PHONE_REMOVED),
    ("(0113) 496 0123", PHONE_REMOVED),
    ("0044 113 496 0123", PHONE_REMOVED),
    ("０７７００ ９００１２３", PHONE_REMOVED),       # fullwidth digits
    ("07700\u00a0900123", PHONE_REMOVED),          # a no-break space
    ("https://wa.me/447700900123", PHONE_REMOVED),
    ("wa.me/+447700900123?text=hi", PHONE_REMOVED),
    ("tel:+441134960123", PHONE_REMOVED),
    ("https://www.linkedin.com/in/jane-doe-example", PROFILE_REMOVED),
    ("linkedin.com/in/jane-doe", PROFILE_REMOVED),
    ("https://m.linkedin.com/in/jane-doe", PROFILE_REMOVED),
    ("https://www.linkedin.com/mwlite/in/jane-doe", PROFILE_REMOVED),
    ("https://lnkd.in/eAbC12x", PROFILE_REMOVED),
    ("/in/jane-doe", PROFILE_REMOVED),
    ("@jane_doe", PROFILE_REMOVED),
    ("@janed@mastodon.social", PROFILE_REMOVED),
    ("https://fosstodon.org/@someone", PROFILE_REMOVED),
    ("https://www.xing.com/profile/Jane_Doe", PROFILE_REMOVED),
    ("x.com/janedoe", PROFILE_REMOVED),
    ("https://twitter.com/janedoe", PROFILE_REMOVED),
    ("instagram.com/jane.doe", PROFILE_REMOVED),
    ("bsky.app/profile/jane.bsky.social", PROFILE_REMOVED),
    ("https://linkedin.com/in/jane-doe%C3%A9", PROFILE_REMOVED),
    ("https://www.linkedin.com/in/\njane-doe", PROFILE_REMOVED),  # broken at a line end
    ("linkedin.com/in/ jane-doe", PROFILE_REMOVED),              # ... or by a space
    ("https://calendly.com/jane-doe", PROFILE_REMOVED),           # a personal booking page
]

# (typed, marker): a registered contact's own details in shapes only they can be known in.
OWN_SHAPES = [
    ("jane doe at example . org", EMAIL_REMOVED),
    ("jane . doe @ example . org", EMAIL_REMOVED),
    ("JaneDoe@Example.org", EMAIL_REMOVED),
    ("jane_doe at example dot org", EMAIL_REMOVED),
    ("07700 / 900 / 123", PHONE_REMOVED),            # spaced slashes
    ("0 7 7 0 0 9 0 0 1 2 3", PHONE_REMOVED),
    ("+44-7700-900-123", PHONE_REMOVED),
    ("(0113) 496-0999", PHONE_REMOVED),              # +44 113 496 0999, typed nationally
    ("jane-doe-example", PROFILE_REMOVED),           # the handle on its own
    ("jane_doe_example", PROFILE_REMOVED),
    ("https://mastodon.social/@janed", PROFILE_REMOVED),
]

SENTENCES = [
    "Reach her at {} if the branch asks.",
    "Contact: {}.",
    "({})",
    "{}",
    "Her details ({}) are on the card",
]


def wrapped(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(("typed", "marker"), SHAPES)
def test_each_shape_is_replaced_and_nothing_around_it(typed: str, marker: str,
                                                      sentence: str) -> None:
    assert scrub_text(sentence.format(typed)) == sentence.format(marker)


@pytest.mark.parametrize(("typed", "marker"), SHAPES + OWN_SHAPES)
def test_a_contacts_own_details_go_in_any_spacing(typed: str, marker: str) -> None:
    sentence = f"Ask Jane Doe: {typed}, after 09:30 on 28/11/2026."
    assert scrub_text(sentence, values=OWN) == \
        f"Ask Jane Doe: {marker}, after 09:30 on 28/11/2026."


OWN_TYPED = [typed for typed, _ in SHAPES + OWN_SHAPES if
             any(part in normalise(typed).casefold() for part in
                 ("jane", "doe", "müller", "mller", "900", "496", "0999", "janed"))]


@pytest.mark.parametrize("typed", [
    "jane dot doe at example dot org", "jane.doe%40example.org", "jane.doe＠example.org",
    "jane.doe&#64;example.org", "jo@xn--mller-kva.de", "jane doe at example dot org",
    "07700/900/123", "+44 (0)7700 900123", "https://wa.me/447700900123",
    "0113–496–0999", "#0113 496 0999", "https://www.linkedin.com/mwlite/in/jane-doe-example",
    "@janed@mastodon.social", "jane_doe_example",
])
def test_the_leak_check_sees_every_shape_of_a_registered_detail(typed: str) -> None:
    leaks = find_leaks("a.html", wrapped(f"Reach her: {typed}."), OWN)
    assert leaks, typed
    assert find_leaks("a.html", wrapped(scrub_text(f"Reach her: {typed}.", values=OWN)),
                      OWN) == []


@pytest.mark.parametrize("typed", OWN_TYPED)
def test_nothing_is_left_for_the_leak_check_once_scrubbed(typed: str) -> None:
    assert find_leaks("a.html", wrapped(scrub_text(f"See {typed} today", values=OWN)),
                      OWN) == []


# Ordinary text: none of it is a contact detail, all of it survives byte for byte.
SURVIVORS = [
    "28/11/2026", "2026-11-28", "28 Nov 2026", "28 November 2026", "28.11.2026",
    "1/11/2026-3/11/2026", "28/11/2026 – 30/11/2026", "2026-11-28 to 2026-11-30",
    "28/11/2026 09:30", "£1,250.00", "$500", "€ 1.250.000,00", "£125 000 000",
    "1 250 000 000 €", "2.1, 3.4", "criteria 1.1 1.2 2.1 2.2 2.3", "3.7", "2019",
    "in 2019 2020 2021", "2019-2021", "2019/20 2020/21", "15%", "12.5% of 1,200",
    "09:30", "09:30–17:30", "9.30-12.30", "version 10.0.19045.3693", "v3.11.7",
    "Python 3.11.7", "10.0.19045.3693", "192.168.100.200", "3.14159265358979",
    "we met at the conference", "dot the i's and cross the t's", "Look at example.org",
    "Visit us at www.cilt.org.uk today", "https://www.cilt.org.uk/membership",
    "https://www.linkedin.com/company/cilt-uk", "I was at uni.ac.uk in 2019",
    "5 tickets @ £10 each", "meet @ 10am, or @10:30", "We'll meet at 3 at the hotel",
    "Max.com", "max.com/abc", "Hotel: near the station", "a 7-day week, 24/7",
    "Q3 2026: 4 of 5 networks", "LS1 4AP", "ISBN 978-0-13-468599-1", "page 12–15",
    "Zoë, Łukasz and 李雷 met at the café", "ﬁne print", "x² + y²", "£½ off",
    "Email is better than a call.", "@", "a@", "Dot. At. Com.",
    "Jane Doe at Example Org said so", "jane at example, org chart",
    "https://www.cilt.org.uk/\nmembership", "m.2019 and 2020", "version 1.07700 900154",
    "minutes.docx at sharepoint.com", "Q3_report.pdf at teams.example.com", "see p.12 at x.org",
]


@pytest.mark.parametrize("text", SURVIVORS)
def test_ordinary_text_survives_unchanged(text: str) -> None:
    assert scrub_text(text) == text
    assert scrub_text(text, values=OWN) == text
    assert find_leaks("a.html", wrapped(text), OWN) == []


def test_normalise_sees_through_escapes_and_lookalikes() -> None:
    assert normalise("jane%40example.org") == "jane@example.org"
    assert normalise("jane&#64;example&period;org") == "jane@example.org"
    assert normalise("ｊａｎｅ＠example.org") == "jane@example.org"
    assert normalise("ja\u200bne\u00ad@exa\u2060mple.org") == "jane@example.org"
    assert normalise("Zoe\u0308") == "Zoë"
    assert normalise("plain text, 100% ordinary") == "plain text, 100% ordinary"


def test_a_replacement_keeps_the_rest_as_typed() -> None:
    # The text is matched normalised, but only the match is replaced: the ligature, the
    # fullwidth digits and the escape elsewhere stay exactly as they were typed.
    typed = "ﬁnd ２０２６ at 50%25 off: jane＠example.org, ﬁne."
    assert scrub_text(typed) == f"ﬁnd ２０２６ at 50%25 off: {EMAIL_REMOVED}, ﬁne."


def test_two_numbers_side_by_side_both_go() -> None:
    assert scrub_text("0113 496 0123 07700 900124") == f"{PHONE_REMOVED} {PHONE_REMOVED}"


def test_a_registered_number_after_a_date_leaves_the_date() -> None:
    assert scrub_text("28/11/2026 07700/900/123", values=OWN) == f"28/11/2026 {PHONE_REMOVED}"


def test_a_handle_that_is_only_the_name_stays_where_the_name_is_written() -> None:
    own = {**NOBODY, "profile_url": {"https://www.linkedin.com/in/jane-doe"},
           "name": {"Jane Doe"}}
    assert scrub_text("Jane-Doe and jane doe met", values=own) == "Jane-Doe and jane doe met"
    assert scrub_text("find jane-doe on /in/jane-doe", values=own) == \
        f"find jane-doe on {PROFILE_REMOVED}"
    assert find_leaks("a.html", '<h2 id="Meeting-Jane-Doe">Meeting Jane Doe</h2>', own) == []
    assert find_leaks("a.html", '<a href="https://x.example/in/jane-doe">x</a>', own)


def test_known_limit_spelt_at_and_dot_next_to_each_other_reads_as_an_address() -> None:
    # "<word> at <word> dot <word>" is how people spell an address out, so it goes: the
    # one ordinary sentence shape that is over-redacted.
    assert scrub_text("Look at this dot com bubble") == f"{EMAIL_REMOVED} bubble"


@pytest.mark.parametrize("label", ["Tel.", "tel.", "Mob.", "Ph.", "Fax.", "T.", "M."])
def test_a_number_right_after_a_label_and_its_full_stop_goes(label: str) -> None:
    for number in ("07700 900123", "0113 496 0123", "+447700900123"):
        assert scrub_text(f"{label}{number} (desk)") == f"{label}{PHONE_REMOVED} (desk)"
