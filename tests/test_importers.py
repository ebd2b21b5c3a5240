"""Importing contacts: LinkedIn's Connections.csv, vCard 2.1/3.0/4.0, any CSV; no duplicates."""

from __future__ import annotations

import copy
import csv
import gc
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkit.exceptions import ImportFormatError, ValidationError
from netkit.importers import (
    csv_columns,
    detect_format,
    guess_field,
    import_contacts,
    read_contacts,
)
from netkit.model import Contact, Network, new_keys, validate_contacts
from netkit.store import Portfolio

NOTES = ('Notes:\r\n"When exporting your connection data, you may notice that some of the '
         "email addresses are missing. You will only see email addresses for connections "
         "who have allowed their connections to see or download their email address using "
         'this setting https://www.linkedin.com/psettings/privacy/email"\r\n\r\n')
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
PEOPLE = [
    ("Sam", "Whitfield", "https://www.linkedin.com/in/sam-whitfield-example", "",
     "CILT Yorkshire branch", "Branch secretary", "15 Jun 2025"),
    ("Joanne", "Pryce", "https://www.linkedin.com/in/joanne-pryce", "joanne@example.com",
     "Calder Staffing, Ltd", "Account manager, North", "02 Mar 2024"),
    ("Li", "Wei", "https://www.linkedin.com/in/li-wei", "", "Northgate Logistics",
     'Head of "Ops"', "1 Jan 2023"),
    ("Ana", "Lopes", "https://www.linkedin.com/in/ana-lopes", "", "", "", "07 Jul 2022"),
    ("Tom", "O'Brien", "https://www.linkedin.com/in/tom-obrien", "", "Acme", "Buyer",
     "30 Sep 2021"),
    ("Helen", "Shah", "https://www.linkedin.com/in/helen-shah", "", "Leeds College",
     "Assessor", "12 Dec 2020"),
    ("Jürgen", "Müller", "https://de.linkedin.com/in/juergen-mueller", "", "Spedition AG",
     "CEO", "5 May 2025"),
    ("Priya", "Patel", "https://www.linkedin.com/in/priya-patel", "", "NHS Trust",
     "Estates manager", "9 Feb 2026"),
    ("Mark", "Ellis", "https://www.linkedin.com/in/mark-ellis", "mark@example.org",
     "Northgate", "Operations Director", "14 Oct 2025"),
    ("", "", "https://www.linkedin.com/in/deactivated", "", "", "", "1 Jan 2020"),
    ("Oskar", "Quill", "https://www.linkedin.com/in/oskar-quill", "", "Rival Ltd",
     "Sales", "3 Mar 2019"),
    ("Ann", "Other", "https://www.linkedin.com/in/ann-other", "", "X", "Y", "31 Feb 2024"),
    ("Bea", "Long", "https://www.linkedin.com/in/bea-long", "", "Z", "Planner",
     "8 Aug 2018"),
]


def linkedin(people: list[tuple[str, ...]] = PEOPLE, *, bom: bool = True) -> bytes:
    """A Connections.csv as LinkedIn exports it: preamble, BOM, CRLF, quotes, blank rows."""
    out = io.StringIO()
    out.write(NOTES + HEADER)
    writer = csv.writer(out, lineterminator="\r\n")
    for n, person in enumerate(people):
        writer.writerow(person)
        if n == 3:
            out.write("\r\n")  # LinkedIn's files carry blank rows
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def snapshot(portfolio: Portfolio) -> dict[str, Any]:
    dump = portfolio.dump()
    return {"records": dump["records"], "history": dump["history"]}


def by_name(portfolio: Portfolio) -> dict[str, Contact]:
    return {c.name: c for c in portfolio.all(Contact)}


# -- LinkedIn ---------------------------------------------------------------------------

def test_linkedin_connections_import_with_the_report(portfolio: Portfolio,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin())
    report = import_contacts(portfolio, path)
    assert report.format == "LinkedIn connections"
    # Lines: 3 of preamble, the header on line 4, a blank row after the 4th person.
    assert report.summary() == (
        "imported 11, updated 0, skipped 2: line 15: no name; line 17 (Ann Other): met "
        "on: February 2024 has 29 days (got '31 Feb 2024').")
    saved = by_name(portfolio)
    assert len(saved) == 11
    joanne = saved["Joanne Pryce"]
    assert (joanne.organisation, joanne.role, joanne.email, joanne.met_on) == (
        "Calder Staffing, Ltd", "Account manager, North", "joanne@example.com",
        "2024-03-02")
    assert joanne.profile_url == "https://www.linkedin.com/in/joanne-pryce"
    assert joanne.how_met == "LinkedIn connection"
    assert saved["Li Wei"].role == 'Head of "Ops"'
    assert saved["Sam Whitfield"].email == ""  # LinkedIn's e-mail column is mostly empty
    assert saved["Jürgen Müller"].met_on == "2025-05-05"


def test_linkedin_without_byte_order_mark_or_preamble(portfolio: Portfolio) -> None:
    plain = linkedin(bom=False).decode().split("\r\n\r\n", 1)[1].replace("\r\n", "\n")
    assert detect_format(plain) == "linkedin"
    report = import_contacts(portfolio, plain.encode(), name="Connections.csv")
    assert len(report.imported) == 11
    assert report.skipped[0].line == 12  # the header is line 1 now


def test_importing_again_adds_nobody_twice_and_keeps_the_learners_edits(
        portfolio: Portfolio) -> None:
    import_contacts(portfolio, linkedin(), name="Connections.csv")
    sam = by_name(portfolio)["Sam Whitfield"]
    sam.role = "Branch chair"  # the learner's own correction
    portfolio.save(sam)
    again = import_contacts(portfolio, linkedin(), name="Connections.csv")
    assert (len(again.imported), len(again.updated), len(again.unchanged)) == (0, 0, 11)
    assert "11 already in your contacts with nothing new" in again.summary()
    assert len(portfolio.all(Contact)) == 11
    assert by_name(portfolio)["Sam Whitfield"].role == "Branch chair"
    # A newer export where Sam shares his e-mail: matched on the profile link, e-mail added.
    newer = [("Sam", "Whitfield", "https://linkedin.com/in/sam-whitfield-example/",
              "sam@example.org", "CILT", "Secretary", "15 Jun 2025")]
    report = import_contacts(portfolio, linkedin(newer), name="Connections.csv")
    assert report.summary() == "imported 0, updated 1, skipped 0."
    sam = by_name(portfolio)["Sam Whitfield"]
    assert (sam.email, sam.role, sam.organisation) == ("sam@example.org", "Branch chair",
                                                       "CILT Yorkshire branch")


def test_matching_by_email_profile_or_name_but_not_namesakes(portfolio: Portfolio) -> None:
    portfolio.save(Contact(name="Jo  SMITH", email="jo@a.example"))
    portfolio.save(Contact(name="Lee Park", profile_url="https://www.linkedin.com/in/lee"))
    portfolio.save(Contact(name="Zoë Adams"))
    text = ("Name,Email,URL,Phone\n"
            "Joanne Smith,JO@A.EXAMPLE,,\n"            # same e-mail, another spelling
            "L. Park,,https://uk.linkedin.com/in/lee?trk=x,\n"  # same profile
            "zoe adams,,,0113 496 0000\n"             # same name (accents, case)
            "Jo Smith,jo@b.example,,\n")              # a namesake: both have e-mails
    report = import_contacts(portfolio, text.encode(), name="people.csv")
    assert [c.name for c in report.imported] == ["Jo Smith"]
    assert [c.name for c in report.updated] == ["Zoë Adams"]
    assert [c.name for c in report.unchanged] == ["Jo  SMITH", "Lee Park"]
    saved = {c.name: c for c in portfolio.all(Contact)}
    assert saved["Zoë Adams"].phone == "0113 496 0000"
    assert saved["Jo Smith"].email == "jo@b.example"
    assert len(saved) == 4


def test_the_same_person_twice_in_one_file_is_skipped_with_the_line(
        portfolio: Portfolio) -> None:
    text = "Name,E-mail\nAl Day,al@example.org\nAlan Day,AL@example.org\n"
    report = import_contacts(portfolio, text.encode(), name="x.csv")
    assert report.summary() == ("imported 1, updated 0, skipped 1: line 3 (Alan Day): the "
                                "same person as line 2 (same e-mail address).")


# -- vCard -------------------------------------------------------------------------------

OUTLOOK_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "ORG:Spedition AG;Logistics\r\n"
    "TITLE:Head of Ops, North\r\n"
    "TEL;WORK;VOICE:+44 113 496 0123\r\n"
    "TEL;CELL:07700 900123\r\n"
    "EMAIL;INTERNET:j.mueller@example.com\r\n"
    "EMAIL;PREF;INTERNET:jurgen@example.org\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the CILT breakfast, pick rates; and=0D=0Athe=\r\n"
    " new WMS.\r\n"
    "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Unit 4=0D=0A=\r\n"
    "Leeds\r\n"
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
    " /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQE\r\n"
    "\r\n"
    "END:VCARD\r\n")
CARD_30 = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Whitfield\nORG:CILT Yorkshire branch\n"
    "EMAIL;TYPE=INTERNET,WORK:sam@example.org\nEMAIL;TYPE=HOME:sam.w@example.net\n"
    "URL:www.example.org/sam\nitem1.URL:https://www.linkedin.com/in/sam-whitfield\n"
    "CATEGORIES:benchmarking,warehouse systems\n"
    "NOTE:A note folded\n  across two lines\\, with an escaped comma.\nEND:VCARD\n")
CARD_40 = ("BEGIN:VCARD\nVERSION:4.0\nFN:Li Wei\n"
           'TEL;VALUE=uri;TYPE="voice,cell":tel:+44-7700-900456\n'
           "TEL;VALUE=uri;PREF=1:tel:+44-113-496-0999;ext=12\n"
           "EMAIL;PREF=1:li@example.net\nEND:VCARD\n")
N_ONLY_30 = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;Q.;Dr;\nEND:VCARD\n"
NO_NAME = "BEGIN:VCARD\nVERSION:3.0\nEMAIL:who@example.org\nEND:VCARD\n"


def test_outlook_vcard_21_quoted_printable_folded_several_phones_and_emails(
        portfolio: Portfolio) -> None:
    report = import_contacts(portfolio, OUTLOOK_21.encode(), name="Jürgen.vcf")
    assert report.summary() == "imported 1, updated 0, skipped 0."
    (jurgen,) = portfolio.all(Contact)
    assert jurgen.name == "Jürgen Müller"  # N without FN
    assert (jurgen.organisation, jurgen.role) == ("Spedition AG, Logistics",
                                                  "Head of Ops, North")
    assert (jurgen.email, jurgen.other_emails) == ("jurgen@example.org",
                                                   ["j.mueller@example.com"])
    assert (jurgen.phone, jurgen.other_phones) == ("+44 113 496 0123", ["07700 900123"])
    assert jurgen.notes == "Met at the CILT breakfast, pick rates; and\nthe new WMS."


def test_vcard_30_and_40_and_names_from_n_or_fn(portfolio: Portfolio) -> None:
    data = (CARD_30 + CARD_40 + N_ONLY_30 + NO_NAME).encode()
    report = import_contacts(portfolio, data, name="contacts.vcf")
    assert report.summary() == "imported 3, updated 0, skipped 1: line 24: no name."
    saved = by_name(portfolio)
    sam = saved["Sam Whitfield"]
    assert (sam.email, sam.other_emails) == ("sam@example.org", ["sam.w@example.net"])
    assert sam.profile_url == "https://www.linkedin.com/in/sam-whitfield"
    assert sam.interests == ["benchmarking", "warehouse systems"]
    assert sam.notes == "A note folded across two lines, with an escaped comma."
    li = saved["Li Wei"]
    assert (li.phone, li.other_phones) == ("+44-113-496-0999", ["+44-7700-900456"])
    assert "Dr Jane Q. Doe" in saved


# -- any CSV -------------------------------------------------------------------------------

def test_any_csv_by_header_synonyms_semicolons_and_windows_1252(
        portfolio: Portfolio) -> None:
    network = portfolio.save(Network(name="CILT UK"))
    text = ("Full Name;E-mail;Mobile;Business Phone;Company;Job Title;Tags;Groups;"
            "Last contacted;Private\r\n"
            "René Dupont;rene@example.fr;07700 900111;0113 496 0001;Café Ltd;Chef;"
            "food, events;cilt uk, Chamber;3/2/2026;yes\r\n")
    report = import_contacts(portfolio, text.encode("cp1252"), name="outlook.csv")
    assert report.summary() == "imported 1, updated 0, skipped 0."
    (rene,) = portfolio.all(Contact)
    assert (rene.name, rene.organisation, rene.role) == ("René Dupont", "Café Ltd", "Chef")
    assert (rene.phone, rene.other_phones) == ("07700 900111", ["0113 496 0001"])
    assert rene.interests == ["food", "events"]
    assert rene.networks == [network.id, "Chamber"]  # a recorded network becomes its key
    assert rene.last_contact == "2026-02-03"
    assert rene.confidential is True


def test_any_csv_with_columns_chosen_by_the_learner(portfolio: Portfolio) -> None:
    data = b"Who,Where,Mail,Junk\nKim Lo,Acme,kim@example.org,zzz\n"
    assert csv_columns(data) == ["Who", "Where", "Mail", "Junk"]
    assert [guess_field(c) for c in csv_columns(data)] == [None, None, "email", None]
    with pytest.raises(ImportFormatError, match="line 1: no column for the names"):
        import_contacts(portfolio, data, name="x.csv")
    report = import_contacts(portfolio, data, name="x.csv", mapping={
        "Who": "name", "Where": "organisation", "Mail": "email", "Junk": None})
    assert len(report.imported) == 1
    (kim,) = portfolio.all(Contact)
    assert (kim.name, kim.organisation, kim.email, kim.notes) == (
        "Kim Lo", "Acme", "kim@example.org", "")
    with pytest.raises(ImportFormatError, match="'Nope' is not a contact field"):
        read_contacts(data, mapping={"Who": "Nope"})
    with pytest.raises(ImportFormatError, match="no column 'Email'"):
        read_contacts(data, mapping={"Email": "email"})


def test_a_dry_run_saves_nothing(portfolio: Portfolio) -> None:
    report = import_contacts(portfolio, linkedin(), name="c.csv", dry_run=True)
    assert len(report.imported) == 11 and not report.saved
    assert portfolio.all(Contact) == []


# -- files that cannot be read ---------------------------------------------------------------

BROKEN = {
    "unclosed quote": (b'Name,Email\nAl,al@example.org\n"Bo,bo@example.org\nCy,c@x.org\n',
                       "line 3: a quote"),
    "a comma not in quotes": (b"Name,Email\nAl,al@example.org\nBo,Smith,bo@example.org\n",
                              "line 3: 3 values, but the header names 2 columns"),
    "no END:VCARD": (CARD_30.replace("END:VCARD\n", "").encode(), "line 1: this card has "
                     "no END:VCARD"),
    "a line vobject cannot read": (b"BEGIN:VCARD\nVERSION:3.0\nFN:A\nnot a property\n"
                                   b"END:VCARD\n", "line 4: 'not a property' is not a vCard line"),
    "text between cards": ((CARD_30 + "hello\n" + CARD_40).encode(), "line 13: text "
                           "outside a card"),
    "a calendar": (b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", "line 1: 'VCALENDAR' is not a "
                   "contact card"),
    "binary": (b"Name\nAl\n\x00\x01\x02", "line 3: holds a NUL character"),
    "not text at all": (b"Name\n\x81\x8d\x8f\x90\x9d\n", "line 2: byte 0x81 is not text"),
    "empty": (b"", "line 1: the file is empty"),
    "LinkedIn without its header": (NOTES.encode() + b"Sam,W\n", "this is not LinkedIn"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_unreadable_files_fail_naming_the_line_and_write_nothing(
        portfolio: Portfolio, name: str) -> None:
    portfolio.save(Contact(name="Already Here", email="here@example.org"))
    before = snapshot(portfolio)
    data, message = BROKEN[name]
    kind = "linkedin" if name.startswith("LinkedIn") else "auto"
    with pytest.raises(ImportFormatError) as caught:
        import_contacts(portfolio, data, name="bad.file", format=kind)
    assert message in str(caught.value)
    assert str(caught.value).startswith("bad.file: ")
    assert snapshot(portfolio) == before


def test_a_missing_file_is_named(portfolio: Portfolio, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no such file"):
        import_contacts(portfolio, tmp_path / "nope.csv")


# -- property-based: random and broken files ---------------------------------------------------

cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=30)
PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTIES
@given(data=st.binary(max_size=400))
def test_random_bytes_import_or_fail_cleanly(portfolio: Portfolio, data: bytes) -> None:
    before = snapshot(portfolio)
    for kind in ("auto", "linkedin", "vcard", "csv"):
        try:
            import_contacts(portfolio, data, format=kind, name="random")
        except ImportFormatError:
            assert snapshot(portfolio) == before
        else:
            before = snapshot(portfolio)


@PROPERTIES
@given(lines=st.lists(st.one_of(
    cell, st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0",
                           "FN:Al", "N:;;;;", "EMAIL:x@y.org", "TEL:12345",
                           "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "=C3", " folded",
                           "ORG:;", "BEGIN:VCALENDAR", "item1.URL:x"])), max_size=20))
def test_broken_vcards_import_or_fail_cleanly(portfolio: Portfolio, lines: list[str]
                                              ) -> None:
    before = snapshot(portfolio)
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
    try:
        import_contacts(portfolio, text.encode(), name="x.vcf")
    except ImportFormatError:
        assert snapshot(portfolio) == before


@PROPERTIES
@given(rows=st.lists(st.tuples(cell, cell, cell, cell), min_size=1, max_size=8),
       cut=st.integers(min_value=0, max_value=2000))
def test_generated_connections_round_trip_and_cut_files_fail_cleanly(
        portfolio: Portfolio, rows: list[tuple[str, str, str, str]], cut: int) -> None:
    people = [(first, last, "", "", company, position, "")
              for first, last, company, position in rows]
    data = linkedin(people)
    reading = read_contacts(data, name="Connections.csv")
    expected = [" ".join(f"{p[0].strip()} {p[1].strip()}".split()) for p in people]
    got = [" ".join(str(r["name"]).split()) for r in reading.rows]
    # Every row with anything in it is read, its name as written (blank rows dropped).
    assert got == [e for e, p in zip(expected, people, strict=True)
                   if any(v.strip() for v in p)]
    before = snapshot(portfolio)
    try:
        import_contacts(portfolio, data[:cut], name="Connections.csv", format="linkedin")
    except ImportFormatError:
        assert snapshot(portfolio) == before


# -- many contacts: matched through indexes, validated once, saved in bulk ---------------------

def register(count: int) -> list[Contact]:
    """``count`` saved-looking contacts: every third with an e-mail, every third with a
    profile link, the rest with a name only."""
    people = []
    for n in range(count):
        kind = n % 3
        people.append(Contact(
            name=f"Person {n:04d} Ünal" if kind == 2 else f"Person {n:04d}",
            email=f"p{n}@example.org" if kind == 0 else "",
            profile_url=f"https://www.linkedin.com/in/person-{n}" if kind == 1 else ""))
    return people


def test_many_rows_match_by_e_mail_profile_link_or_name(portfolio: Portfolio) -> None:
    known = register(600)
    portfolio.save_many(known)
    rows = ["Name,Email,URL,Company"]
    for n in range(600):
        if n % 6 == 0:    # the same e-mail, written in capitals, under another name
            rows.append(f"Someone {n},P{n}@EXAMPLE.ORG,,Org {n}")
        elif n % 6 == 3:  # a namesake: both have e-mail addresses, different ones
            rows.append(f"Person {n:04d},other{n}@example.org,,")
        elif n % 3 == 1:  # the same profile, as another country's link with a query
            rows.append(f"Someone {n},,https://uk.linkedin.com/in/person-{n}/?trk=x,")
        else:             # the same name, accents, case and spacing aside
            rows.append(f"person  {n:04d} unal,,,Org {n}")
    for n in range(600, 700):
        rows.append(f"New Person {n},new{n}@example.org,,")
    before = {c.key: c for c in portfolio.all(Contact)}
    report = import_contacts(portfolio, "\n".join(rows).encode(), name="people.csv")
    # Every match found its own contact: by e-mail and by name, the organisation added.
    updated = {c.key: c for c in report.updated}
    assert {before[k].name for k in updated} == (
        {f"Person {n:04d}" for n in range(0, 600, 6)}
        | {f"Person {n:04d} Ünal" for n in range(2, 600, 3)})
    assert all(c.organisation == f"Org {int(c.name.split()[1])}" for c in updated.values())
    assert {c.name for c in report.unchanged} == {f"Person {n:04d}" for n in range(1, 600, 3)}
    assert sorted(c.name for c in report.imported) == sorted(
        [f"Person {n:04d}" for n in range(3, 600, 6)]
        + [f"New Person {n}" for n in range(600, 700)])
    assert report.counts() == "imported 200, updated 300, skipped 0"
    saved = portfolio.all(Contact)
    assert len(saved) == 800 and len({c.key for c in saved}) == 800
    # Importing it again finds every one of them, some now by more keys; nothing added.
    again = import_contacts(portfolio, "\n".join(rows).encode(), name="people.csv")
    assert again.counts() == "imported 0, updated 0, skipped 0"
    assert len(again.unchanged) == 700 and len(portfolio.all(Contact)) == 800


def test_every_imported_contact_has_its_first_revision_in_order(portfolio: Portfolio,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin())
    report = import_contacts(portfolio, path)
    saved = portfolio.all(Contact)
    assert [c.key for c in saved] == [c.key for c in report.imported]  # the file's order
    for contact in saved:
        (first,) = portfolio.history(Contact.KIND, contact.key)
        assert (first.revision, first.action, first.via) == (1, "create", "python")
        assert first.data == contact.to_dict()
    # Undo and forget work on a contact saved in bulk.
    joanne = next(c for c in saved if c.name == "Joanne Pryce")
    portfolio.remove(joanne)
    assert portfolio.undelete(Contact.KIND, joanne.key).revision == 3
    assert portfolio.load(Contact, joanne.key) == joanne
    portfolio.forget(Contact.KIND, joanne.key)
    assert portfolio.history(Contact.KIND, joanne.key) == []
    assert b"joanne@example.com" not in portfolio.path.read_bytes()


def test_a_failure_while_saving_in_bulk_leaves_the_portfolio_as_it_was(
        portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    portfolio.save(Contact(name="Sam Whitfield", profile_url=PEOPLE[0][2]))
    before = snapshot(portfolio)

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    # The new contacts go in first, in bulk; Sam, matched and updated, after them.
    monkeypatch.setattr(Portfolio, "_write", broken)
    with pytest.raises(OSError, match="disk full"):
        import_contacts(portfolio, linkedin(), name="Connections.csv")
    assert snapshot(portfolio) == before
    assert gc.isenabled()  # collection paused for the import, and back after the failure


def test_a_merge_that_would_break_a_contact_is_skipped_with_the_reason(
        portfolio: Portfolio) -> None:
    known = portfolio.save(Contact(name="Al Day", email="al@example.org",
                                   met_on="2025-06-01"))
    text = "Name,E-mail,Last contact\nAlan Day,AL@example.org,1/1/2024\n"
    report = import_contacts(portfolio, text.encode(), name="x.csv")
    assert report.summary() == (
        "imported 0, updated 0, skipped 1: line 2 (Alan Day): the same person as Al Day "
        "(same e-mail address), whose details would then be wrong: last contact: "
        "2024-01-01 is before you met (2025-06-01): correct one of the dates.")
    assert portfolio.all(Contact) == [known]


def test_save_many_in_bulk_keeps_each_records_history(portfolio: Portfolio) -> None:
    kept = portfolio.save(Contact(name="Kept Same"))
    changed = portfolio.save(Contact(name="Will Change"))
    gone = portfolio.save(Contact(name="Deleted Before"))
    portfolio.remove(gone)
    fresh = [Contact(name=f"New {n}") for n in range(5)]
    changed.role = "Buyer"
    twice = Contact(name="Twice")
    portfolio.save_many([*fresh, kept, changed, gone, twice,
                         Contact.from_dict({**twice.to_dict(), "role": "Chair"})])
    actions = {c.name: [(r.revision, r.action) for r in portfolio.history("contact", c.key)]
               for c in portfolio.all(Contact)}
    assert actions == {
        "Kept Same": [(1, "create")], "Will Change": [(1, "create"), (2, "update")],
        "Deleted Before": [(1, "create"), (2, "delete"), (3, "restore")],
        **{f"New {n}": [(1, "create")] for n in range(5)},
        "Twice": [(1, "create"), (2, "update")]}
    assert portfolio.load(Contact, twice.key).role == "Chair"  # type: ignore[union-attr]
    assert [c.name for c in portfolio.all(Contact)][3:] == [
        *(f"New {n}" for n in range(5)), "Twice"]


def test_validate_leaves_blanks_and_normalises_everything_else() -> None:
    contact = Contact(name="  Li Wei ", organisation=None,  # type: ignore[arg-type]
                      interests="", networks="CILT; Chamber",  # type: ignore[arg-type]
                      other_emails="a@x.org; b@y.org",  # type: ignore[arg-type]
                      met_on=" 3 Feb 2026 ", email="").validate()
    assert (contact.name, contact.organisation, contact.interests, contact.networks,
            contact.other_emails, contact.met_on) == (
        "Li Wei", "", [], ["CILT", "Chamber"], ["a@x.org", "b@y.org"], "2026-02-03")
    with pytest.raises(ValidationError) as caught:
        Contact(name="", profile_url="www.x.org", other_phones=["12"],
                email="not one").validate()
    assert [name for name, _ in caught.value.errors] == [
        "name", "email", "profile_url", "other_phones[0]"]


field_values = {
    "name": st.sampled_from(["Li Wei", "  Li Wei ", "", "Ann", "x" * 201]),
    "organisation": st.sampled_from(["", "Acme, Ltd", " Acme, Ltd", "y" * 201]),
    "email": st.sampled_from(["", "li@example.org", "not one", " li@example.org"]),
    "phone": st.sampled_from(["", "0113 496 0000", "12", "call me"]),
    "profile_url": st.sampled_from(["", "https://www.linkedin.com/in/li", "www.x.org"]),
    "met_on": st.sampled_from(["", "15 Jun 2025", "31 Feb 2024", "2026-01-02", "soon"]),
    "last_contact": st.sampled_from(["", "1/1/2024", "2026-11-01"]),
    "interests": st.sampled_from(["", "food, events", "Food; food", []]),
    "networks": st.sampled_from(["", "CILT; Chamber", []]),
    "other_emails": st.sampled_from([[], "a@x.org; b@y.org", ["bad"]]),
}


@PROPERTIES
@given(rows=st.lists(st.fixed_dictionaries(field_values), min_size=1, max_size=12))
def test_validating_many_contacts_at_once_is_validating_each_alone(
        rows: list[dict[str, Any]]) -> None:
    together = [Contact(**copy.deepcopy(row), id=f"c{n}") for n, row in enumerate(rows)]
    faults = validate_contacts(together)
    for n, row in enumerate(rows):
        alone = Contact(**copy.deepcopy(row), id=f"c{n}")
        try:
            alone.validate()
        except ValidationError as exc:
            assert n in faults and faults[n].errors == exc.errors
        else:
            assert n not in faults
        assert together[n].to_dict() == alone.to_dict()
    # Each contact has lists of its own, even where the same text gave them.
    lists = [id(c.interests) for c in together] + [id(c.networks) for c in together]
    assert len(set(lists)) == len(lists)

def test_new_keys_are_many_different_and_none_taken() -> None:
    taken = set(new_keys(1000))
    keys = new_keys(5000, taken)
    assert len(set(keys)) == 5000 and not taken & set(keys)
    assert all(len(k) == 12 and int(k, 16) >= 0 for k in keys)


# -- the command line ------------------------------------------------------------------------

Run = Any  # conftest.Run: code, out, err


def test_cli_import_reports_and_imports_nobody_twice(
        run_cli: Callable[..., Run], tmp_path: Path, portfolio_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin())
    first = run_cli("import", "contacts", str(path))
    assert first.code == 0, first.err
    assert first.out.splitlines() == [
        f"Connections.csv (LinkedIn connections), into {portfolio_path}: imported 11, "
        "updated 0, skipped 2:",
        "  line 15: no name",
        "  line 17 (Ann Other): met on: February 2024 has 29 days (got '31 Feb 2024')"]
    again = run_cli("import", "contacts", str(path), "--format", "linkedin")
    assert again.code == 0
    assert "imported 0, updated 0, skipped 2:" in again.out
    assert "11 already in your contacts with nothing new" in again.out
    with Portfolio.open(portfolio_path) as portfolio:
        assert len(portfolio.all(Contact)) == 11


def test_cli_import_maps_columns_and_dry_runs(run_cli: Callable[..., Run], tmp_path: Path,
                                              portfolio_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,E-mail,Junk\nKim Lo,kim@example.org,zzz\n", encoding="utf-8")
    unmapped = run_cli("import", "contacts", str(path))
    assert unmapped.code == 2 and "no column for the names" in unmapped.err
    dry = run_cli("import", "contacts", str(path), "--map", "Who=name", "--dry-run")
    assert dry.code == 0 and "nothing saved (--dry-run): imported 1" in dry.out
    done = run_cli("import", "contacts", str(path), "--map", "Who=name", "--map", "Junk=notes")
    assert done.code == 0
    with Portfolio.open(portfolio_path) as portfolio:
        (kim,) = portfolio.all(Contact)
    assert (kim.name, kim.email, kim.notes) == ("Kim Lo", "kim@example.org", "zzz")
    bad = run_cli("import", "contacts", str(path), "--map", "Who")
    assert bad.code == 2 and "COLUMN=FIELD" in bad.err
    # LinkedIn's file with a column left out: the others still found after its notes.
    linked = tmp_path / "Connections.csv"
    linked.write_bytes(linkedin())
    done = run_cli("import", "contacts", str(linked), "--map", "Position=")
    assert done.code == 0 and "imported 11" in done.out
    with Portfolio.open(portfolio_path) as portfolio:
        assert {c.role for c in portfolio.all(Contact)} == {""}
        assert len({c.organisation for c in portfolio.all(Contact)}) > 5


def test_cli_import_of_a_broken_file_exits_2_and_writes_nothing(
        run_cli: Callable[..., Run], tmp_path: Path, portfolio_path: Path) -> None:
    assert run_cli("init", "--learner", "Priya Shah").code == 0
    with Portfolio.open(portfolio_path) as portfolio:
        before = snapshot(portfolio)
    path = tmp_path / "broken.csv"
    path.write_bytes(b'Name,Email\nAl,al@example.org\n"Bo,bo@example.org\n')
    result = run_cli("import", "contacts", str(path))
    assert result.code == 2
    assert "broken.csv: line 3: a quote" in " ".join(result.err.split())
    assert "Traceback" not in result.err and result.out == ""
    missing = run_cli("import", "contacts", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "no such file" in missing.err
    with Portfolio.open(portfolio_path) as portfolio:
        assert snapshot(portfolio) == before
