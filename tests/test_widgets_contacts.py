"""The contacts register form: save, search, delete/undo, import by upload, forget for good."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
from test_importers import linkedin

from netkit.exceptions import ValidationError
from netkit.model import Contact, Network
from netkit.store import Portfolio
from netkit.widgets import ContactsForm


def upload(form: ContactsForm, name: str, content: bytes) -> None:
    """What the browser does when the learner picks a file in the upload widget."""
    form.upload.value = ({"name": name, "type": "text/csv", "size": len(content),
                          "content": memoryview(content),
                          "last_modified": dt.datetime.now(dt.timezone.utc)},)


def fill(form: ContactsForm, **values: object) -> None:
    for name, value in values.items():
        form.fields[name].value = value


def test_a_contact_saves_with_networks_interests_and_dates(portfolio: Portfolio) -> None:
    cilt = portfolio.save(Network(name="CILT Yorkshire"))
    form = ContactsForm(portfolio)
    assert form.fields["networks"].options == [("CILT Yorkshire", cilt.id)]
    fill(form, name="Sam Whitfield", organisation="CILT", role="Branch secretary",
         networks=(cilt.id,), networks_other="Leeds Chamber", how_met="At the webinar",
         met_on="14 Oct 2025", interests="benchmarking, WMS,  benchmarking",
         offers="The branch survey", needs="Speakers", last_contact="3/11/2025",
         email="sam@example.org", other_emails="s@home.example.net",
         phone="0113 496 0123", confidential=True)
    saved = form.save()
    assert isinstance(saved, Contact)
    (stored,) = portfolio.all(Contact)
    assert stored == saved
    assert stored.networks == [cilt.id, "Leeds Chamber"]
    assert stored.interests == ["benchmarking", "WMS"]
    assert (stored.met_on, stored.last_contact) == ("2025-10-14", "2025-11-03")
    assert stored.other_emails == ["s@home.example.net"] and stored.confidential
    again = ContactsForm(portfolio)
    again.select(stored.id)
    assert again.fields["networks"].value == (cilt.id,)
    assert again.fields["networks_other"].value == "Leeds Chamber"
    assert again.fields["met_on"].value == "14 Oct 2025"
    assert again.fields["interests"].value == "benchmarking, WMS"
    assert ("Sam Whitfield — CILT (confidential)", stored.id) in again.picker.options


def test_every_problem_shows_at_its_field_and_nothing_is_saved(portfolio: Portfolio
                                                                ) -> None:
    form = ContactsForm(portfolio)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    fill(form, name="", email="not-an-email", other_phones="0113 496 0123, call me",
         met_on=f"{tomorrow:%d/%m/%Y}")
    with pytest.raises(ValidationError) as caught:
        form.save()
    assert [f for f, _ in caught.value.errors] == ["name", "email", "met_on",
                                                   "other_phones[1]"]
    assert "cannot be empty" in form.errors["name"].value
    assert "is not an e-mail address" in form.errors["email"].value
    assert "is in the future" in form.errors["met_on"].value
    assert "call me" in form.errors["other_phones"].value
    assert "Not saved: 4 problems" in form.status.value
    assert portfolio.count() == 0


def test_search_narrows_the_picker_and_keeps_the_contact_being_edited(
        portfolio: Portfolio) -> None:
    for name, org, tags in (("Sam Whitfield", "CILT", ["benchmarking"]),
                            ("Joanne Pryce", "Calder Staffing", ["rates"]),
                            ("Mark Ellis", "Northgate", ["benchmarking", "rates"])):
        portfolio.save(Contact(name=name, organisation=org, interests=tags))
    form = ContactsForm(portfolio)
    assert form.found.value == "3 contacts"
    assert [label for label, _ in form.find("bench")] == ["Mark Ellis — Northgate",
                                                          "Sam Whitfield — CILT"]
    assert form.found.value == "2 of 3 contacts match"
    form.search.value = "calder rates"  # as typed: every word must match
    assert [label for label, _ in form.picker.options] == ["New contact...",
                                                           "Joanne Pryce — Calder Staffing"]
    joanne = form.picker.options[1][1]
    form.select(joanne)
    form.find("northgate")
    assert form.current == joanne  # still shown while the search does not match it
    assert [k for _, k in form.picker.options][1] == joanne
    form.find("")
    assert len(form.picker.options) == 4


@pytest.mark.parametrize(("typed", "finds"), [
    ("siobhan", ["Siobhán O'Connor — Dunelm"]),
    ("oconnor", ["Siobhán O'Connor — Dunelm"]),
    ("O’Connor", ["Siobhán O'Connor — Dunelm"]),  # a curly apostrophe, as a phone types
    ("jose garcia", ["José García-López — CILT (UK)"]),
    ("ZOE", ["Zoë Ó Briain — Chamber of Commerce"]),
    ("Zoë", ["Zoë Ó Briain — Chamber of Commerce"]),
])
def test_search_ignores_accents_and_apostrophes(portfolio: Portfolio, typed: str,
                                                finds: list[str]) -> None:
    """A UK keyboard has no á: "siobhan" finds Siobhán, and "oconnor" O'Connor."""
    for name, org in (("Siobhán O'Connor", "Dunelm"), ("José García-López", "CILT (UK)"),
                      ("Zoë Ó Briain", "Chamber of Commerce")):
        portfolio.save(Contact(name=name, organisation=org))
    assert [label for label, _ in ContactsForm(portfolio).find(typed)] == finds


def test_delete_and_undo(portfolio: Portfolio) -> None:
    form = ContactsForm(portfolio)
    fill(form, name="Li Wei")
    saved = form.save()
    form.delete()
    assert portfolio.all(Contact) == []
    assert form.undo_delete() == saved
    assert portfolio.all(Contact) == [saved]


def test_an_uploaded_linkedin_file_imports_and_leaves_no_bytes_in_the_widget(
        portfolio: Portfolio) -> None:
    form = ContactsForm(portfolio)
    upload(form, "Connections.csv", linkedin())
    assert form.upload.value == ()  # read, then cleared: not kept in widget state
    assert "imported 11, updated 0, skipped 2: line 15: no name" in form.import_report.value
    assert len(portfolio.all(Contact)) == 11
    assert len(form.picker.options) == 12
    upload(form, "Connections.csv", linkedin())
    assert "imported 0, updated 0, skipped 2" in form.import_report.value
    assert "11 already in your contacts" in form.import_report.value
    assert len(portfolio.all(Contact)) == 11


def test_a_csv_upload_asks_for_its_columns_first(portfolio: Portfolio) -> None:
    form = ContactsForm(portfolio)
    upload(form, "people.csv", b"Who,Mail,Notes\nKim Lo,kim@example.org,met at CIPD\n")
    assert form.upload.value == ()
    assert form.column_choices() == {"Who": "", "Mail": "email", "Notes": "notes"}
    assert portfolio.all(Contact) == []  # nothing until the learner says which is which
    form.mapping.children[0].value = "name"
    form.mapping.children[2].value = ""  # leave the notes out
    report = form.import_pending()
    assert report is not None and report.summary() == "imported 1, updated 0, skipped 0."
    (kim,) = portfolio.all(Contact)
    assert (kim.name, kim.email, kim.notes) == ("Kim Lo", "kim@example.org", "")
    assert form.mapping.children == ()


def test_an_unreadable_upload_says_why_and_saves_nothing(portfolio: Portfolio) -> None:
    form = ContactsForm(portfolio)
    upload(form, "cards.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:A\n")
    assert form.upload.value == ()
    assert "Not imported" in form.import_report.value
    assert "line 1: this card has no END:VCARD" in form.import_report.value
    assert portfolio.count() == 0


def test_forget_for_good_asks_first(portfolio: Portfolio, portfolio_path: Path) -> None:
    form = ContactsForm(portfolio)
    fill(form, name="Oskar Quill", email="oskar@rival.example")
    oskar = form.save()
    fill(form, notes="Rival Ltd")
    form.save()
    form.delete()
    form.undo_delete()
    lines = form.ask_forget()
    assert lines == ["the contact 'Oskar Quill' and all 4 saved versions of it"]
    assert "Forget for good?" in form.confirm_text.value
    assert form.confirm.layout.display == ""
    form.cancel_forget()
    assert form.confirm.layout.display == "none"
    assert portfolio.load(Contact, oskar.id) is not None
    assert form.confirm_forget() is None  # cancelled: nothing to confirm
    form.ask_forget()
    assert form.confirm_forget() == "'Oskar Quill'"
    assert portfolio.get("contact", oskar.id, include_deleted=True) is None
    assert form.current == "" and form.undo_button.disabled
    assert "Forgot 'Oskar Quill' for good" in html.unescape(form.status.value)
    files = b"".join(p.read_bytes() for p in portfolio_path.parent.iterdir())
    assert b"oskar" not in files.lower()


def test_forget_needs_a_saved_contact(portfolio: Portfolio) -> None:
    form = ContactsForm(portfolio)
    assert form.ask_forget() is None
    assert "pick a saved contact first" in form.status.value


def test_the_static_copy_names_people_but_not_their_details(portfolio: Portfolio) -> None:
    cilt = portfolio.save(Network(name="CILT Yorkshire"))
    portfolio.save(Contact(name="Sam <Whitfield>", organisation="CILT", role="Secretary",
                           email="sam@example.org", phone="0113 496 0123",
                           profile_url="https://www.linkedin.com/in/sam",
                           networks=[cilt.id], interests=["benchmarking"],
                           how_met="Webinar", met_on="2025-10-14"))
    page = ContactsForm(portfolio).static_html()
    assert "Sam &lt;Whitfield&gt;" in page and "Secretary, CILT" in page
    assert "CILT Yorkshire" in page and "benchmarking" in page
    assert "Webinar; 14 Oct 2025" in page
    for detail in ("sam@example.org", "0113", "linkedin"):
        assert detail not in page
