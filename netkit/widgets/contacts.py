"""The contacts register (notebook 03): add, edit, search, delete, import, forget for good.

Contacts are real people, so the register's static copy (what an export shows) names them
and their organisations but never their e-mail addresses, phones or profile links. Importing
goes through :mod:`netkit.importers`; the uploaded file's bytes are taken out of the upload
widget as soon as they are read, so they are never kept in the notebook's widget state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import ipywidgets as w

from ..exceptions import ErasureIncompleteError, ImportFormatError, ValidationError
from ..importers import (
    FIELDS,
    ImportReport,
    csv_columns,
    file_format,
    guess_field,
    import_contacts,
)
from ..model import Contact, Network, Record, same_name, searched
from ..render import esc, note, panel, show_date, stamper
from .base import LABEL_WIDTH, DateField, TickList, labelled, name_controls, plural
from .events import announce
from .listing import NEW, ListForm
from .views import html_table

__all__ = ["ContactsForm"]

_WIDE = "520px"
_TEXT = ("name", "organisation", "role", "email", "phone", "profile_url", "how_met",
         "offers", "needs", "notes")
_FIELD_LABELS = {"name": "Name", "first_name": "First name", "last_name": "Last name",
                 "organisation": "Organisation", "role": "Role", "email": "E-mail",
                 "phone": "Phone", "profile_url": "Profile link", "notes": "Notes",
                 "networks": "Networks", "how_met": "How you met", "met_on": "Date met",
                 "interests": "Interests", "offers": "Could offer", "needs": "Needs",
                 "last_contact": "Last contact", "confidential": "Confidential"}


def _red(text: str) -> str:
    return f'<span style="color:#b00020">{esc(text)}</span>'


_SEARCHED = ("name", "organisation", "role", "how_met", "email")  # and the interests


class ContactsForm(ListForm):
    """The learner's register of network members, with search, import and erasure."""

    title = "Your contacts"
    intro = ("One person at a time: pick New contact..., fill in what you know, then Save. "
             "Search to find a saved one. Import LinkedIn's Connections.csv, a vCard file "
             "or a CSV file below: importing again adds nobody twice.")
    record_type: ClassVar[type[Record]] = Contact
    noun = "contact"
    new_label = "New contact..."
    listens_to = ("network",)
    #: at most this many contacts in the picker: search to find the others
    SHOWN: ClassVar[int] = 200
    #: at most this many rows in the static copy
    STATIC_ROWS: ClassVar[int] = 300

    def build(self) -> list[w.Widget]:
        self.query = ""
        self._forgetting: str | None = None
        self._pending: tuple[str, bytes] | None = None
        self.search = w.Text(placeholder="name, organisation, role or interest",
                             layout=w.Layout(width="320px"))
        self.search.observe(self.serial(lambda change: self.find(str(change["new"]))),
                            "value")
        self.search.add_class("nk-search")
        self.found = w.HTML("")
        search_row = labelled("Search", w.HBox([self.search, self.found]), w.HTML(""))
        rows = super().build()
        return [search_row, *rows, self._forget_box(), self._import_box()]

    def build_fields(self) -> list[w.Widget]:
        wide = w.Layout(width=_WIDE)

        def text(placeholder: str = "") -> w.Text:
            return w.Text(layout=wide, placeholder=placeholder)

        def area(placeholder: str) -> w.Textarea:
            return w.Textarea(layout=w.Layout(width=_WIDE, height="58px"),
                              placeholder=placeholder)

        return [
            self.add_field("name", "Name", text()),
            self.add_field("organisation", "Organisation", text()),
            self.add_field("role", "Role", text("e.g. Branch secretary")),
            self.add_field("networks", "Networks", TickList(width=_WIDE),
                           "the networks (from 2.1) you share with them"),
            self.add_field("networks_other", "Other networks", text(
                "networks you have not recorded, separated by commas")),
            self.add_field("how_met", "How you met", text(
                "e.g. at the October branch webinar")),
            self.add_field("met_on", "Date met", DateField(self),
                           "e.g. 28/11/2026, or pick it; blank if unknown"),
            self.add_field("interests", "Interests", text(
                "tags separated by commas, e.g. benchmarking, warehouse systems")),
            self.add_field("offers", "What they could offer", area(
                "knowledge, contacts or resources they could share with you")),
            self.add_field("needs", "What they need", area(
                "what you or your organisation could offer them")),
            self.add_field("last_contact", "Last contact", DateField(self),
                           "the last time you were in touch"),
            self.add_field("email", "E-mail", text()),
            self.add_field("other_emails", "More e-mails", text("separated by commas")),
            self.add_field("phone", "Phone", text()),
            self.add_field("other_phones", "More phones", text("separated by commas")),
            self.add_field("profile_url", "Profile link", text("https://...")),
            self.add_field("notes", "Notes", area("anything else worth remembering")),
            self.add_field("confidential", "Confidential", w.Checkbox(
                indent=False, description="Leave this person out of every export")),
        ]

    def _forget_box(self) -> w.Widget:
        self.forget_button = w.Button(description="Forget for good", icon="user-times",
                                      button_style="danger",
                                      tooltip="Erase this person from the portfolio, its "
                                              "history and file (asks first)")
        self.forget_button.on_click(self.serial(lambda _b: self.ask_forget()))
        self.forget_button.add_class("nk-forget")
        self.confirm_text = w.HTML("")
        self.confirm_yes = w.Button(description="Yes, forget for good",
                                    button_style="danger")
        self.confirm_yes.on_click(self.serial(lambda _b: self.confirm_forget()))
        self.confirm_yes.add_class("nk-forget-yes")
        self.confirm_no = w.Button(description="Cancel")
        self.confirm_no.on_click(self.serial(lambda _b: self.cancel_forget()))
        self.confirm = w.VBox([self.confirm_text, w.HBox([self.confirm_yes,
                                                          self.confirm_no])],
                              layout=w.Layout(display="none"))
        return w.VBox([w.HBox([w.HTML("", layout=w.Layout(width=LABEL_WIDTH)),
                               self.forget_button]), self.confirm])

    def _import_box(self) -> w.Widget:
        self.import_format = w.Dropdown(
            options=[("Work it out", "auto"), ("LinkedIn Connections.csv", "linkedin"),
                     ("vCard (.vcf)", "vcard"), ("Other CSV", "csv")], value="auto",
            layout=w.Layout(width="220px"))
        name_controls(self.import_format, "Kind of file to import")
        self.upload = w.FileUpload(accept=".csv,.vcf,.vcard,.txt", multiple=False,
                                   description="Import a file")
        self.upload.observe(self.serial(self._on_upload), "value")
        self.upload.add_class("nk-upload")
        self.mapping = w.VBox([])
        self.import_button = w.Button(description="Import with these columns",
                                      button_style="primary",
                                      layout=w.Layout(display="none"))
        self.import_button.on_click(self.serial(lambda _b: self.import_pending()))
        self.import_report = w.HTML("")
        self.import_report.add_class("nk-import-report")
        return w.VBox([w.HTML("<b>Import contacts</b>"),
                       w.HBox([self.import_format, self.upload]), self.mapping,
                       self.import_button, self.import_report],
                      layout=w.Layout(border_top="1px solid #c8ccd2", padding="6px 0 0 0"))

    # -- the picker, search ----------------------------------------------------------
    def _register(self) -> list[tuple[str, str, str]]:
        """Every contact as (label, key, the text a search looks in), by name; worked out
        again only once the portfolio has changed (thousands after an import)."""
        def work_out() -> list[tuple[str, str, str]]:
            found = []
            for key, *values, confidential, interests in self.portfolio.fields(
                    Contact.KIND, *_SEARCHED, "confidential", "interests"):
                data = dict(zip(_SEARCHED, values, strict=True))
                data["confidential"] = confidential
                hay = " ".join([*(str(v or "") for v in values), *map(str, interests or [])])
                found.append((self._label_of(data), key, searched(hay)))
            return sorted(found, key=lambda item: same_name(item[0]))
        return self.portfolio.remembered("contacts.register", work_out)

    def _matches(self) -> list[tuple[str, str]]:
        words = searched(self.query).split()
        return [(label, key) for label, key, hay in self._register()
                if all(word in hay for word in words)]

    def choices(self) -> list[tuple[str, str]]:
        found = self._matches()
        shown = found[:self.SHOWN]
        if self.current != NEW and self.current not in {k for _, k in shown}:
            record = self.load_record(self.current)
            if record is not None:  # the one being edited stays, whatever the search
                shown.insert(0, (self.label(record), self.current))
        total = len(self._register())
        text = (f"{len(found)} of {plural(total, 'contact')} match" if self.query
                else plural(total, "contact"))
        if len(found) > self.SHOWN:
            text += f", showing {self.SHOWN}: search to find the others"
        self.found.value = esc(text)
        return shown

    def find(self, text: str) -> list[tuple[str, str]]:
        """Show only the contacts matching every word of ``text`` in the picker."""
        with self._hold():
            self.query = text
            options = self._options()
            self.picker.options = options
            self.picker.value = self.current
            self._shown = (options, self.current, self.load_record(self.current))
        return options[1:]

    @staticmethod
    def _label_of(data: dict[str, Any]) -> str:
        name = str(data.get("name") or "")
        org = str(data.get("organisation") or "")
        flag = " (confidential)" if data.get("confidential") else ""
        return f"{name} — {org}{flag}" if org else f"{name}{flag}"

    def label(self, record: Record) -> str:
        return self._label_of(record.to_dict())

    # -- the fields ------------------------------------------------------------------
    def _networks(self) -> list[Network]:
        return self.portfolio.all(Network)

    def fill(self, record: Record | None) -> None:
        contact = record if isinstance(record, Contact) else Contact()
        for name in _TEXT:
            self.fields[name].value = getattr(contact, name)
        networks = {n.id: n.name for n in self._networks()}
        ticks: TickList = self.fields["networks"]
        ticks.options = [(name, key) for key, name in networks.items()]
        ticks.value = tuple(k for k in contact.networks if k in networks)
        self.fields["networks_other"].value = ", ".join(
            k for k in contact.networks if k not in networks)
        self.fields["interests"].value = ", ".join(contact.interests)
        self.fields["other_emails"].value = ", ".join(contact.other_emails)
        self.fields["other_phones"].value = ", ".join(contact.other_phones)
        self.fields["met_on"].value = contact.met_on
        self.fields["last_contact"].value = contact.last_contact
        self.fields["confidential"].value = bool(contact.confidential)
        self.forget_button.disabled = record is None
        self.cancel_forget(quiet=True)

    def collect(self) -> Contact:
        other = [n.strip() for n in str(self.fields["networks_other"].value).split(",")]
        return Contact(
            **{name: self.fields[name].value for name in _TEXT},
            networks=[*self.fields["networks"].value, *(n for n in other if n)],
            met_on=self.fields["met_on"].value,
            last_contact=self.fields["last_contact"].value,
            interests=self.fields["interests"].value,
            other_emails=self.fields["other_emails"].value,
            other_phones=self.fields["other_phones"].value,
            confidential=self.fields["confidential"].value is True)

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        # A problem with a network typed by hand shows beside the box it was typed in.
        super().show_errors(errors)
        if any(f.startswith("networks") for f, _ in errors) and self.fields[
                "networks_other"].value.strip():
            self.errors["networks_other"].value = self.errors["networks"].value

    # -- forgetting for good ---------------------------------------------------------
    def ask_forget(self) -> list[str] | None:
        """Show what forgetting the contact on show erases, with Yes / Cancel."""
        if self.load_record(self.current) is None:
            self.status.value = _red("Nothing to forget: pick a saved contact first.")
            return None
        plan = self.portfolio.forget_plan(Contact.KIND, self.current)
        self._forgetting = self.current
        items = "".join(f"<li>{esc(line)}</li>" for line in plan.lines())
        self.confirm_text.value = (
            "<b>Forget for good?</b> This erases, and cannot be undone (Undo delete "
            f"will not bring it back):<ul>{items}</ul>")
        self.confirm.layout.display = ""
        return plan.lines()

    def confirm_forget(self) -> str | None:
        """Erase the contact shown by :meth:`ask_forget`; returns what was forgotten."""
        key, self._forgetting = self._forgetting, None
        self.confirm.layout.display = "none"
        if key is None:
            return None
        try:
            done = self.portfolio.forget(Contact.KIND, key)
        except ErasureIncompleteError as exc:
            self._after_forget(key, {Contact.KIND})
            self.status.value = _red(str(exc))
            return None
        self._after_forget(key, {Contact.KIND} | {k for k, *_ in done.erased}
                           | {k for k, *_ in done.edited})
        self.note(f"Forgot {done.label} for good.")
        return done.label

    def _after_forget(self, key: str, kinds: set[str]) -> None:
        self._deleted = [k for k in self._deleted if k != key]
        self.undo_button.disabled = not self._deleted
        self.select(NEW)
        announce(self.portfolio, kinds, self)

    def cancel_forget(self, *, quiet: bool = False) -> None:
        """Close the confirmation; nothing is forgotten."""
        was, self._forgetting = self._forgetting, None
        self.confirm.layout.display = "none"
        if was is not None and not quiet:
            self.note("Nothing was forgotten.")

    # -- importing -------------------------------------------------------------------
    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name, content = str(item["name"]), bytes(item["content"])
        with self._hold():  # the bytes leave the widget's state at once
            self.upload.value = ()
        self.receive(name, content)

    def receive(self, name: str, content: bytes) -> ImportReport | None:
        """A file to import: imported at once, or (a CSV) after choosing its columns."""
        self._clear_mapping()
        try:
            kind = self.import_format.value
            if kind == "auto":
                kind = file_format(content, name)
            if kind != "csv":
                return self._import(name, content, kind, None)
            columns = csv_columns(content, name)
        except ImportFormatError as exc:
            self.import_report.value = _red(f"Not imported: {exc}")
            return None
        self._pending = (name, content)
        options = [("(leave out)", ""), *((_FIELD_LABELS[f], f) for f in FIELDS)]
        boxes = []
        for column in columns:
            box = w.Dropdown(options=options, value=guess_field(column) or "",
                             description=column, style={"description_width": "160px"},
                             layout=w.Layout(width="420px"))
            boxes.append(box)
        self.mapping.children = boxes
        self.import_button.layout.display = ""
        self.import_report.value = esc(f"{name}: choose what each column holds, then "
                                       "Import with these columns.")
        return None

    def column_choices(self) -> dict[str, str]:
        """The mapping offered for the pending CSV: column -> field ("" leaves it out)."""
        return {box.description: box.value for box in self.mapping.children}

    def import_pending(self) -> ImportReport | None:
        """Import the CSV waiting for its columns, as the dropdowns map them."""
        if self._pending is None:
            return None
        name, content = self._pending
        mapping: dict[str, str | None] = {c: f or None for c, f in self.column_choices(
        ).items()}
        return self._import(name, content, "csv", mapping)

    def _import(self, name: str, content: bytes, kind: str,
                mapping: dict[str, str | None] | None) -> ImportReport | None:
        try:
            report = import_contacts(self.portfolio, content, format=kind,
                                     mapping=mapping, name=name)
        except (ImportFormatError, ValidationError) as exc:
            self.import_report.value = _red(f"Not imported, nothing was saved: {exc}")
            return None
        finally:
            self._pending = None
        self._clear_mapping()
        self.import_report.value = (f'<span style="color:#1b6e2a">&#10003; '
                                    f"{esc(name)} ({esc(report.format)}): "
                                    f"{esc(report.summary())}</span>")
        self.select(self.current)
        self.update_display()
        announce(self.portfolio, Contact.KIND, self)
        return report

    def _clear_mapping(self) -> None:
        for box in self.mapping.children:
            box.close()
        self.mapping.children = ()
        self.import_button.layout.display = "none"

    # -- the static copy -------------------------------------------------------------
    def static_html(self) -> str:
        # Made again only once the portfolio has changed (or the day): Save in any form
        # redraws every static copy, and this one reads every contact.
        return self.portfolio.remembered(f"contacts.static.{dt.date.today()}",
                                         self._static_html)

    def _static_html(self) -> str:
        # By name, from the names alone; only the contacts shown are loaded whole.
        named = sorted(self.portfolio.fields(Contact.KIND, "name"),
                       key=lambda row: same_name(str(row[1] or "")))
        if not named:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        contacts = [c for key, _name in named[:self.STATIC_ROWS]
                    if (c := self.portfolio.load(Contact, key)) is not None]
        names = {n.id: n.name for n in self._networks()}
        stamp = stamper(self.portfolio)
        rows = [(f"<b>{esc(c.name)}</b>" + (" <i>(confidential)</i>" if c.confidential
                                            else "") + stamp(c),
                 esc(", ".join(p for p in (c.role, c.organisation) if p)),
                 esc(", ".join(names.get(k, k) for k in c.networks)),
                 esc(", ".join(c.interests)),
                 esc("; ".join(p for p in (c.how_met, show_date(c.met_on) if c.met_on
                                           else "") if p)),
                 esc(show_date(c.last_contact) if c.last_contact else ""))
                for c in contacts]
        more = len(named) - len(rows)
        return panel(self.title, html_table(
            ["Name", "Role, organisation", "Networks", "Interests", "How and when met",
             "Last contact"], rows)
            + (note(f"And {more:,} more, not shown here.") if more > 0 else "")
            + note(f"{plural(len(named), 'contact')} on "
                   f"{dt.date.today():%d %b %Y}; their e-mails, phones and profile links "
                   "are kept out of this copy."))
