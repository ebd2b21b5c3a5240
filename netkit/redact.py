"""Private by default: what an export leaves out, as pure functions over a portfolio dump.

Redaction happens on the data, before any notebook runs: the export loads the redacted
dump into a throw-away portfolio and executes the notebooks against that copy, so every
notebook, present or future, shows only what survived. :func:`find_leaks` is the safety
net that checks the written files afterwards.

What :func:`redact` does to a dump (the output of ``Portfolio.dump()``):

- drops every record flagged ``confidential: true`` (of any kind), every deleted record,
  and their history;
- removes the ``email``, ``phone`` and ``profile_url`` fields of every record except the
  learner's own;
- in every other text, replaces e-mail addresses, phone numbers (9 to 15 digits) and
  personal profile links (LinkedIn ``/in/``, X/Twitter, Facebook, Instagram...) with
  ``[e-mail removed]``, ``[phone removed]`` and ``[profile link removed]``;
- with ``pseudonymise``, replaces contacts' names by their initials (see :func:`pseudonymise`).
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "EMAIL_REMOVED",
    "PHONE_REMOVED",
    "PRIVATE_FIELDS",
    "PROFILE_REMOVED",
    "Leak",
    "find_leaks",
    "initials",
    "pseudonymise",
    "redact",
    "redaction_summary",
    "scrub_text",
    "sensitive_values",
]

PRIVATE_FIELDS = ("email", "phone", "profile_url")
EMAIL_REMOVED = "[e-mail removed]"
PHONE_REMOVED = "[phone removed]"
PROFILE_REMOVED = "[profile link removed]"

_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                    r"\.[A-Za-z]{2,}")
# A run of digits with the separators people type in phone numbers; counted afterwards.
_PHONE = re.compile(r"(?<![\w.+/#-])(?:\+|\b00)?\(?\d[\d ().\-\u00a0]{6,24}\d(?![\w/-])")
_PROFILE = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)*(?:"
    r"linkedin\.com/(?:in|pub|profile)/"
    r"|(?:twitter|x|facebook|fb|instagram|threads|tiktok|github|gitlab|medium)\.com/(?!company/)"
    r"|threads\.net/|bsky\.app/profile/|youtube\.com/@|about\.me/"
    r")[^\s<>\"')\]]*",
    re.IGNORECASE)
# Fields that hold keys, dates or fixed choices, never free text.
_STRUCTURAL = frozenset({"id", "key", "date", "kind", "network", "networks", "serves",
                         "criteria", "horizon", "priority", "direction", "stage", "type",
                         "category", "judgement"})
_MIN_PHONE_DIGITS, _MAX_PHONE_DIGITS = 9, 15
_SELF = "learner"  # the learner's own record: their details stay as they are


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phone_sub(match: re.Match[str]) -> str:
    text = match.group(0)
    if _MIN_PHONE_DIGITS <= len(_digits(text)) <= _MAX_PHONE_DIGITS:
        return PHONE_REMOVED
    return text


def scrub_text(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with e-mail addresses, phone numbers and profile links replaced.

    ``extra`` are further exact strings to remove (a contact's own profile link).
    """
    for value in sorted({v for v in extra if v}, key=len, reverse=True):
        text = text.replace(value, PROFILE_REMOVED)
    text = _PROFILE.sub(PROFILE_REMOVED, text)
    text = _EMAIL.sub(EMAIL_REMOVED, text)
    return _PHONE.sub(_phone_sub, text)


def initials(name: str) -> str:
    """``"Jane van Dijk"`` -> ``"J.V.D."``: the first letter of every part of a name."""
    letters = [part[0].upper() for part in re.split(r"[\s\-]+", name.strip())
               if part and part[0].isalpha()]
    return "".join(f"{letter}." for letter in letters)


def _walk(value: Any, fix: Callable[[str], str], name: str = "") -> Any:
    """Apply ``fix`` to every free-text string in ``value`` (nested lists and dicts)."""
    if isinstance(value, str):
        return value if name in _STRUCTURAL else fix(value)
    if isinstance(value, list):
        return [_walk(item, fix, name) for item in value]
    if isinstance(value, dict):
        return {k: _walk(v, fix, str(k)) for k, v in value.items()}
    return value


def _entries(dump: dict[str, Any]) -> list[dict[str, Any]]:
    return [*dump.get("records", []), *dump.get("history", [])]


def _keys(dump: dict[str, Any]) -> set[str]:
    """Every record key: a text equal to one is a reference, never free text."""
    return {str(e.get("key")) for e in _entries(dump)}


def _contacts(dump: dict[str, Any]) -> list[dict[str, Any]]:
    """Every version of every contact the dump holds, current or past."""
    return [e["data"] for e in _entries(dump)
            if e.get("kind") == "contact" and isinstance(e.get("data"), dict)]


def _people(dump: dict[str, Any]) -> set[str]:
    """Name words of the people who must stay named: learner, tutor, assessor, witnesses."""
    words: set[str] = set()
    for entry in _entries(dump):
        data = entry.get("data") or {}
        if entry.get("kind") == "learner":
            names = [data.get(k, "") for k in ("name", "tutor", "assessor")]
        elif entry.get("kind") == "witness":
            names = [data.get("name", "")]
        else:
            continue
        for text in names:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+", str(text)))
    return words


def _same(name: str) -> str:
    return " ".join(name.split()).casefold()


def sensitive_values(dump: dict[str, Any]) -> dict[str, set[str]]:
    """What must never appear in a default export: contacts' e-mails, phones and links.

    ``name`` holds the contacts' names that ``pseudonymise`` hides: a contact who is also a
    witness is not among them, since the assessor must be able to check the testimony.
    """
    found: dict[str, set[str]] = {"email": set(), "phone": set(), "profile_url": set(),
                                  "name": set()}
    witnesses = {_same(str((e.get("data") or {}).get("name", "")))
                 for e in _entries(dump) if e.get("kind") == "witness"}
    for data in _contacts(dump):
        for name, values in found.items():
            value = str(data.get(name) or "").strip()
            if value and not (name == "name" and _same(value) in witnesses):
                values.add(value)
    return found


def redact(dump: dict[str, Any], *, pseudonymise: bool) -> dict[str, Any]:
    """A copy of ``dump`` fit to export: see the module docstring for what goes."""
    out = copy.deepcopy(dump)
    links = sensitive_values(dump)["profile_url"]
    dropped = {(r["kind"], r["key"]) for r in out.get("records", [])
               if r.get("deleted") or (r.get("data") or {}).get("confidential") is True}

    def keep(entry: dict[str, Any]) -> bool:
        return ((entry["kind"], entry["key"]) not in dropped
                and (entry.get("data") or {}).get("confidential") is not True)

    keys = _keys(dump)

    def fix(text: str) -> str:
        return text if text in keys else scrub_text(text, links)

    for section in ("records", "history"):
        kept = []
        for entry in out.get(section, []):
            if not keep(entry):
                continue
            if entry["kind"] != _SELF:
                data = {k: v for k, v in entry["data"].items() if k not in PRIVATE_FIELDS}
                entry["data"] = _walk(data, fix)
            kept.append(entry)
        out[section] = kept
    return _pseudonymise(out, dump) if pseudonymise else out


def pseudonymise(dump: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``dump`` with contacts' names replaced by their initials everywhere.

    A contact's full name becomes its initials ("Jane Smith" -> "J.S.") in every text but
    the learner's own record; their first name or surname alone (three letters or more,
    capitalised) becomes its initial ("Jane" -> "J."), unless the word is also part of the
    name of the learner, their tutor, their assessor or a witness. A contact who is also a
    witness keeps their name.
    """
    return _pseudonymise(copy.deepcopy(dump), dump)


def _pseudonymise(out: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    names = sorted(sensitive_values(original)["name"], key=len, reverse=True)
    if not names:
        return out
    protected = _people(original)
    rules: list[tuple[re.Pattern[str], str]] = []
    for name in names:
        parts = name.split()
        pattern = r"\s+".join(re.escape(p) for p in parts)
        rules.append((re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), initials(name)))
    words: dict[str, str] = {}
    for name in names:
        for part in re.findall(r"[^\W\d_][\w'’-]*", name):
            if len(part) >= 3 and part.lower() not in protected:
                words.setdefault(part, f"{part[0].upper()}.")
    for word, short in sorted(words.items(), key=lambda kv: len(kv[0]), reverse=True):
        cap = word[0].upper() + word[1:]
        rules.append((re.compile(rf"(?<![\w.]){re.escape(cap)}(?!\w)"), short))

    keys = _keys(original)

    def fix(text: str) -> str:
        if text in keys:
            return text
        for pattern, short in rules:
            text = pattern.sub(short, text)
        return text

    for section in ("records", "history"):
        for entry in out.get(section, []):
            if entry["kind"] != _SELF:
                entry["data"] = _walk(entry["data"], fix)
    return out


class Leak:
    """A private value found in an exported file."""

    def __init__(self, file: str, what: str) -> None:
        self.file = file
        self.what = what

    def __repr__(self) -> str:
        return f"Leak({self.file!r}, {self.what!r})"


_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")
_TAG = re.compile(r"<[^>]*>")


def find_leaks(name: str, text: str, values: dict[str, set[str]], *,
               names: bool = False) -> list[Leak]:
    """Which contacts' e-mails and phones (and, with ``names``, full names) ``text`` shows.

    ``text`` is an exported HTML file: embedded images are skipped, entities decoded.
    Phones are compared by their digits, so "07700 900123" finds "07700900123".
    """
    plain = html.unescape(_DATA_URI.sub(" ", text))
    words = html.unescape(_TAG.sub(" ", _DATA_URI.sub(" ", text)))
    lowered = plain.lower()
    leaks = [Leak(name, "a contact's e-mail address") for email in values["email"]
             if email.lower() in lowered]
    phones = {_digits(p) for p in values["phone"] if len(_digits(p)) >= 7}
    seen = {_digits(m.group(0)) for m in _PHONE.finditer(words)}
    if phones & seen or any(p in plain for p in values["phone"]):
        leaks.append(Leak(name, "a contact's phone number"))
    if any(url in plain for url in values["profile_url"]):
        leaks.append(Leak(name, "a contact's profile link"))
    if names:
        collapsed = re.sub(r"\s+", " ", words).lower()
        if any(len(n.split()) > 1 and re.sub(r"\s+", " ", n).lower() in collapsed
               for n in values["name"]):
            leaks.append(Leak(name, "a contact's full name"))
    return leaks


def redaction_summary(dump: dict[str, Any]) -> dict[str, int]:
    """How much a default export leaves out: counts for the notebook and the CLI."""
    records = [r for r in dump.get("records", []) if not r.get("deleted")]
    contacts = [r["data"] for r in records if r["kind"] == "contact"]
    return {
        "contacts": len(contacts),
        "contact_details": sum(bool(c.get(f)) for c in contacts for f in PRIVATE_FIELDS),
        "confidential": sum((r.get("data") or {}).get("confidential") is True
                            for r in records),
    }
