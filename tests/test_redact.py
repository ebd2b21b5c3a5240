"""Private by default: what ``redact`` leaves out of a portfolio dump, pure data in and out."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from netkit.model import Contact, Discussion, Learner, Network, Witness
from netkit.redact import (
    EMAIL_REMOVED,
    NAME_REMOVED,
    PHONE_REMOVED,
    PROFILE_REMOVED,
    confidential_names,
    find_leaks,
    initials,
    pseudonymise,
    redact,
    redaction_summary,
    scrub_text,
    sensitive_values,
)
from netkit.store import Portfolio

EMAIL = "jane.doe@example.org"
PHONE = "07700 900123"
PROFILE = "https://www.linkedin.com/in/jane-doe-example"


@pytest.fixture
def dump(portfolio: Portfolio) -> dict[str, Any]:
    """A portfolio with a learner, contacts (one confidential), a network, a witness."""
    portfolio.save(Learner(name="Priya Shah", employer="Northgate", tutor="Dan Okafor",
                           assessor="Helen Marsh"))
    portfolio.save(Contact(id="c-jane", name="Jane Doe", email="jane@oldjob.example.com"))
    portfolio.save(Contact(id="c-jane", name="Jane Doe", organisation="CILT", email=EMAIL,
                           phone=PHONE, profile_url=PROFILE, notes="Met at the branch."))
    portfolio.save(Contact(id="c-secret", name="Oskar Quill", organisation="Rival Ltd",
                           email="oskar@rival.example.com", notes="Talks about a merger.",
                           confidential=True))
    portfolio.save(Contact(id="c-mark", name="Mark Ellis", organisation="Northgate",
                           email="mark.ellis@example.org"))
    portfolio.save(Network(id="net-cilt", name="CILT",
                           conclusion=f"Jane Doe ({EMAIL}, {PHONE}, {PROFILE}) runs it; "
                                      "Jane says the fee is worth it. Call +44 113 496 0000."))
    portfolio.save(Witness(id="w-mark", name="Mark Ellis", role="Director",
                           statement="Priya introduced Jane Doe to our IT manager.",
                           date="2025-10-14", criteria=["3.7"]))
    portfolio.save(Discussion(id="d-1", date="2025-11-03", topics="Shortlisting",
                              criteria=["2.2"], notes="Discussed Oskar Quill's offer."))
    return portfolio.dump()


def records(dump: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {r["key"]: r["data"] for r in dump["records"] if r["kind"] == kind}


def test_contacts_emails_phones_and_profile_links_are_dropped(dump: dict[str, Any]) -> None:
    clean = redact(dump, pseudonymise=False)
    jane = records(clean, "contact")["c-jane"]
    assert not {"email", "phone", "profile_url"} & set(jane)
    assert jane["name"] == "Jane Doe" and jane["organisation"] == "CILT"
    text = json.dumps(clean)
    for value in (EMAIL, PHONE, PROFILE, "+44 113 496 0000", "mark.ellis@example.org",
                  "jane@oldjob.example.com"):  # the last from an earlier version, in history
        assert value not in text


def test_details_typed_into_answers_are_replaced_by_a_marker(dump: dict[str, Any]) -> None:
    conclusion = records(redact(dump, pseudonymise=False), "network")["net-cilt"]["conclusion"]
    assert conclusion.startswith("Jane Doe (")
    assert EMAIL_REMOVED in conclusion and PHONE_REMOVED in conclusion
    assert PROFILE_REMOVED in conclusion
    assert "the fee is worth it" in conclusion


def test_confidential_records_are_left_out_with_their_history(dump: dict[str, Any]) -> None:
    clean = redact(dump, pseudonymise=False)
    assert "c-secret" not in records(clean, "contact")
    assert all(h["key"] != "c-secret" for h in clean["history"])
    assert "oskar@rival" not in json.dumps(clean)


def test_deleted_records_are_left_out(portfolio: Portfolio, dump: dict[str, Any]) -> None:
    portfolio.delete("network", "net-cilt")
    clean = redact(portfolio.dump(), pseudonymise=False)
    assert "net-cilt" not in records(clean, "network")
    assert all(h["key"] != "net-cilt" for h in clean["history"])


def test_the_learners_own_record_and_structural_fields_stay(dump: dict[str, Any]) -> None:
    clean = redact(dump, pseudonymise=True)
    assert records(clean, "learner")["main"] == records(dump, "learner")["main"]
    witness = records(clean, "witness")["w-mark"]
    assert witness["date"] == "2025-10-14" and witness["criteria"] == ["3.7"]
    assert records(clean, "discussion")["d-1"]["date"] == "2025-11-03"


def test_the_original_dump_is_untouched(dump: dict[str, Any]) -> None:
    before = copy.deepcopy(dump)
    redact(dump, pseudonymise=True)
    pseudonymise(dump)
    assert dump == before


def test_pseudonymise_shows_contacts_names_as_initials(dump: dict[str, Any]) -> None:
    clean = redact(dump, pseudonymise=True)
    assert records(clean, "contact")["c-jane"]["name"] == "J.D."
    conclusion = records(clean, "network")["net-cilt"]["conclusion"]
    assert conclusion.startswith("J.D. (") and "J. says" in conclusion
    assert "Jane" not in json.dumps(records(clean, "network"))
    # Without redaction the details stay, but the names still become initials.
    named = pseudonymise(dump)
    assert EMAIL in records(named, "network")["net-cilt"]["conclusion"]
    assert "Jane Doe" not in records(named, "network")["net-cilt"]["conclusion"]


def test_a_contact_who_is_a_witness_stays_named(dump: dict[str, Any]) -> None:
    clean = redact(dump, pseudonymise=True)
    witness = records(clean, "witness")["w-mark"]
    assert witness["name"] == "Mark Ellis"
    assert witness["statement"] == "Priya introduced J.D. to our IT manager."
    assert "Mark Ellis" not in sensitive_values(dump)["name"]


def test_learner_tutor_and_assessor_names_are_never_initialled(portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah", assessor="Helen Marsh"))
    portfolio.save(Contact(name="Helen Shah"))  # shares a word with both
    portfolio.save(Network(name="CILT", conclusion="Helen Marsh and Priya Shah agreed."))
    clean = redact(portfolio.dump(), pseudonymise=True)
    (network,) = records(clean, "network").values()
    assert network["conclusion"] == "Helen Marsh and Priya Shah agreed."


def test_redaction_summary_counts_what_goes(dump: dict[str, Any]) -> None:
    assert redaction_summary(dump) == {"contacts": 3, "contact_details": 5,
                                       "confidential": 1}


@pytest.mark.parametrize(("text", "expected"), [
    ("mail me: a.b+c@sub.example.co.uk.", f"mail me: {EMAIL_REMOVED}."),
    ("mobile 07700-900-123 today", f"mobile {PHONE_REMOVED} today"),
    ("(0113) 496 0000", PHONE_REMOVED),
    ("see x.com/janedoe now", f"see {PROFILE_REMOVED} now"),
    ("2 of 5 networks, £1,250 a year, 2025-10-14", "2 of 5 networks, £1,250 a year, 2025-10-14"),
    ("https://www.cilt.org.uk/membership", "https://www.cilt.org.uk/membership"),
])
def test_scrub_text(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


def test_initials() -> None:
    assert initials("Jane van Dijk") == "J.V.D."
    assert initials("Anne-Marie Jones") == "A.M.J."
    assert initials("Sam Whitfield (fictional)") == "S.W."


def test_find_leaks_sees_through_html_entities_and_phone_spacing(dump: dict[str, Any]) -> None:
    values = sensitive_values(dump)
    assert [leak.what for leak in find_leaks("a.html", "<p>jane.doe&#64;example.org</p>",
                                             values)] == ["a contact's e-mail address"]
    assert find_leaks("a.html", "<td>07700900123</td>", values)[0].what == \
        "a contact's phone number"
    assert find_leaks("a.html", "<p>J.D. at CILT</p>", values, names=True) == []
    assert find_leaks("a.html", "<p>Jane  Doe</p>", values, names=True)[0].what == \
        "a contact's full name"


def test_privacy_preview_says_what_the_next_export_leaves_out(portfolio: Portfolio,
                                                             dump: dict[str, Any]) -> None:
    from netkit.export import privacy_preview

    shown = privacy_preview(portfolio)._repr_html_()
    assert ("leaves out 5 e-mail addresses, phone numbers and profile links of your 3 "
            "contacts, and 1 record you flagged confidential.") in shown
    portfolio.set_meta("export_redaction", "contacts' <details> are left out.")
    assert privacy_preview(portfolio)._repr_html_() == (
        "<p><b>Privacy of this export:</b> contacts&#x27; &lt;details&gt; are left out.</p>")


def pseudonymised_text(portfolio: Portfolio, contact: str, text: str) -> str:
    portfolio.save(Learner(name="Priya Shah", tutor="Dan Okafor", assessor="Helen Marsh"))
    portfolio.save(Contact(name=contact))
    portfolio.save(Network(name="CILT", conclusion=text))
    (network,) = records(redact(portfolio.dump(), pseudonymise=True), "network").values()
    return str(network["conclusion"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Doe said so.", "J.D. said so."),
    ("JANE DOE and jane  doe agreed.", "J.D. and J.D. agreed."),
    ("Doe runs it; doe's team and DOE agree.", "D. runs it; D.'s team and D. agree."),
    ("Jane rang me.", "J. rang me."),
    # whole words only: ordinary words that hold the surname or first name stay
    ("Does the doer know Janet? Doe-led, not doeskin.", "Does the doer know Janet? D.-led, "
                                                       "not doeskin."),
    # a first name alone stays in lower case (it may be an ordinary word)
    ("jane is not a word, but it stays.", "jane is not a word, but it stays."),
])
def test_pseudonymise_catches_the_surname_alone_in_any_case(portfolio: Portfolio, text: str,
                                                            expected: str) -> None:
    assert pseudonymised_text(portfolio, "Jane Doe", text) == expected


def test_a_surname_that_is_an_everyday_word_needs_its_capital(portfolio: Portfolio) -> None:
    text = "Sam Young leads a young team; Young agreed. Ask sam young first."
    assert pseudonymised_text(portfolio, "Sam Young", text) == \
        "S.Y. leads a young team; Y. agreed. Ask S.Y. first."


def test_pseudonymise_leaves_addresses_and_particles_alone(portfolio: Portfolio) -> None:
    text = "Jan van Dijk (jan.vandijk@example.org) met van Gogh fans and Dijkstra."
    assert pseudonymised_text(portfolio, "Jan van Dijk", text) == \
        "J.V.D. ([e-mail removed]) met van Gogh fans and Dijkstra."
    clean = pseudonymise({"records": [
        {"kind": "contact", "key": "c", "data": {"name": "Jane Doe"}},
        {"kind": "network", "key": "n", "data": {"conclusion": "jane.doe@example.org"}}]})
    assert records(clean, "network")["n"]["conclusion"] == "jane.doe@example.org"


def test_find_leaks_sees_shapes_of_a_registered_contacts_details(dump: dict[str, Any]) -> None:
    values = sensitive_values(dump)
    for shown, what in [
        ("jane dot doe at example dot org", "a contact's e-mail address"),
        ("jane.doe%40example.org", "a contact's e-mail address"),
        ("07700/900/123", "a contact's phone number"),
        ("+44 7700 900123", "a contact's phone number"),
        ('<a href="https://wa.me/447700900123">chat</a>', "a contact's phone number"),
        ("linkedin.com/mwlite/in/jane-doe-example", "a contact's profile link"),
        ("JANE  DOE", "a contact's full name"),
    ]:
        assert [leak.what for leak in find_leaks("a.html", f"<p>{shown}</p>", values,
                                                 names=True)] == [what], shown


def test_a_contacts_further_emails_and_phones_are_private_too(portfolio: Portfolio) -> None:
    """Imported vCards keep every e-mail and phone of a card: the extra ones are as private
    as the main ones, as fields and as the contact's own details typed into answers."""
    portfolio.save(Learner(name="Priya Shah"))
    portfolio.save(Contact(id="c-sam", name="Sam Whitfield", email="sam@work.example.com",
                           other_emails=["sam.whitfield@home.example.net"],
                           other_phones=["0113 496 0777"]))
    portfolio.save(Network(id="net-x", name="CILT",
                           conclusion="Sam (sam.whitfield at home dot example dot net, "
                                      "0113/496/0777) chairs it."))
    dump = portfolio.dump()
    values = sensitive_values(dump)
    assert "sam.whitfield@home.example.net" in values["email"]
    assert "0113 496 0777" in values["phone"]
    clean = redact(dump, pseudonymise=False)
    sam = records(clean, "contact")["c-sam"]
    assert not {"other_emails", "other_phones"} & set(sam)
    text = json.dumps(clean)
    assert "home.example" not in text and "0777" not in text
    conclusion = records(clean, "network")["net-x"]["conclusion"]
    assert conclusion.endswith("chairs it.") and EMAIL_REMOVED in conclusion
    page = "<p>Call Sam on 0113 - 496 - 0777</p>"
    assert [leak.what for leak in find_leaks("p.html", page, values)] == [
        "a contact's phone number"]
    assert redaction_summary(dump)["contact_details"] == 3


def test_a_confidential_contacts_full_name_goes_from_every_answer(dump: dict[str, Any]
                                                                  ) -> None:
    """Confidential keeps someone out of every export: their record, and their full name
    typed into other answers; their first name or surname alone stays."""
    assert records(redact(dump, pseudonymise=False), "discussion")["d-1"]["notes"] == \
        f"Discussed {NAME_REMOVED}'s offer."
    # Jane Doe is not confidential: a default export keeps her name
    assert "Jane Doe" in records(redact(dump, pseudonymise=False), "network")["net-cilt"][
        "conclusion"]


def test_a_name_typed_without_its_accents_or_apostrophes_is_still_found(
        portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah"))
    portfolio.save(Contact(name="Siobhán O'Connor-Ní Bhriain", confidential=True))
    portfolio.save(Contact(name="Zoë D'Arcy"))
    portfolio.save(Network(name="CILT", conclusion=(
        "Siobhán O'Connor-Ní Bhriain, SIOBHAN OCONNOR NI BHRIAIN and Siobhan O’Connor Ni "
        "Bhriain came; Siobhán agreed. Zoe DArcy, Zoë and darcy too.")))
    dump = portfolio.dump()
    (default,) = records(redact(dump, pseudonymise=False), "network").values()
    assert default["conclusion"] == (
        f"{NAME_REMOVED}, {NAME_REMOVED} and {NAME_REMOVED} came; Siobhán agreed. "
        "Zoe DArcy, Zoë and darcy too.")
    (initialled,) = records(redact(dump, pseudonymise=True), "network").values()
    assert initialled["conclusion"] == (
        f"{NAME_REMOVED}, {NAME_REMOVED} and {NAME_REMOVED} came; S. agreed. "
        "Z.D., Z. and D. too.")


def test_the_last_check_looks_for_confidential_contacts_full_names(dump: dict[str, Any]
                                                                   ) -> None:
    confidential = confidential_names(dump)
    assert confidential == {"Oskar Quill"}
    values = sensitive_values(dump)
    page = "<p>We discussed OSKAR  QUILL's offer with Jane Doe.</p>"
    assert [leak.what for leak in find_leaks("a.html", page, values,
                                             full_names=confidential)] == [
        "a contact's full name"]
    assert find_leaks("a.html", "<p>Jane Doe and Oskar agreed.</p>", values,
                      full_names=confidential) == []


def test_the_learner_tutor_and_assessor_stay_named_even_if_also_confidential(
        portfolio: Portfolio) -> None:
    portfolio.save(Learner(name="Priya Shah", tutor="Dan Okafor"))
    portfolio.save(Contact(name="Dan Okafor", confidential=True))
    portfolio.save(Network(name="CILT", conclusion="Dan Okafor suggested it."))
    dump = portfolio.dump()
    assert confidential_names(dump) == set()
    (network,) = records(redact(dump, pseudonymise=False), "network").values()
    assert network["conclusion"] == "Dan Okafor suggested it."
