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
  personal profile links and handles with ``[e-mail removed]``, ``[phone removed]`` and
  ``[profile link removed]``, in the shapes people type them (see :func:`scrub_text`), and
  each contact's own e-mail, phone and profile handle in any spacing or separator;
- replaces the full name of every contact flagged confidential, in any case and also typed
  without its accents or apostrophes, with ``[name removed]``;
- with ``pseudonymise``, replaces contacts' names by their initials (see :func:`pseudonymise`).

Text is matched after :func:`normalise` (Unicode NFKC, HTML entities and ``%40``-style
escapes decoded, invisible characters dropped), both here and in the final leak check; the
redacted text keeps everything else exactly as it was typed. Finding the details is
:mod:`netkit.contact_details`' job; this module decides what goes and checks the result.
"""

from __future__ import annotations

import copy
import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from .contact_details import Registered, normalise, normalised, spans
from .model import same_name, searched

__all__ = [
    "EMAIL_REMOVED",
    "NAME_REMOVED",
    "PHONE_REMOVED",
    "PRIVATE_FIELDS",
    "PROFILE_REMOVED",
    "Leak",
    "confidential_names",
    "find_leaks",
    "initials",
    "normalise",
    "pseudonymise",
    "redact",
    "redaction_summary",
    "scrub_text",
    "sensitive_values",
]

PRIVATE_FIELDS = ("email", "phone", "profile_url", "other_emails", "other_phones")
# A contact's further e-mails and phones count as their own e-mail and phone everywhere.
_MORE_OF = {"email": "other_emails", "phone": "other_phones"}
EMAIL_REMOVED = "[e-mail removed]"
PHONE_REMOVED = "[phone removed]"
PROFILE_REMOVED = "[profile link removed]"
NAME_REMOVED = "[name removed]"  # a confidential contact's full name

# Fields that hold keys, dates or fixed choices, never free text.
_STRUCTURAL = frozenset({"id", "key", "date", "kind", "network", "networks", "serves",
                         "criteria", "horizon", "priority", "direction", "stage", "type",
                         "category", "judgement"})
_SELF = "learner"  # the learner's own record: their details stay as they are
_MARKERS = {"email": EMAIL_REMOVED, "phone": PHONE_REMOVED, "profile_url": PROFILE_REMOVED}


def scrub_text(text: str, extra: Iterable[str] = (), *,
               values: dict[str, set[str]] | None = None) -> str:
    """``text`` with e-mail addresses, phone numbers and profile links and handles replaced.

    Shapes it sees through: ``name dot surname at example dot com``, ``x [at] y [dot] com``,
    ``x(at)y.com``, ``x @ y.com``, a fullwidth ``＠``, ``%40``, accented and dotless
    (``jo@intranet``) domains; phones with spaces, dashes, dots, slashes or brackets, a ``#``
    in front, an extension after, in ``wa.me/`` and ``tel:`` links; LinkedIn (also
    ``lnkd.in``, mobile and bare ``/in/handle`` links), X, Facebook, Instagram, XING, Mastodon
    (``@user@instance``, ``https://instance/@user``) and other profile links, and
    ``@handles``. Dates, times, amounts, percentages, years, criterion and version numbers
    and ordinary words stay as typed.

    ``values`` are registered details (:func:`sensitive_values`): those contacts' own
    e-mails, phone digits and profile handles are also found in any spacing or separator.
    ``extra`` are further profile links to remove.
    """
    if extra:
        values = {**(values or {}), "profile_url": {
            *((values or {}).get("profile_url") or ()), *extra}}
    return _scrub(text, Registered.of(values))


def _scrub(text: str, own: Registered) -> str:
    """:func:`scrub_text` with the registered details' rules already built."""
    norm = normalised(text)
    found = spans(norm.text, own)
    if not found:
        return text
    parts: list[str] = []
    done = 0
    for begin, end, kind in found:
        first, last = norm.original(begin, end)
        parts += [text[done:first], _MARKERS[kind]]
        done = last
    parts.append(text[done:])
    return "".join(parts)


# -- the portfolio dump ----------------------------------------------------------------------

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
    """Every record key, and every link to a record (``contact:KEY``): a text equal to one
    is a reference, never free text."""
    entries = _entries(dump)
    return ({str(e.get("key")) for e in entries}
            | {f"{e.get('kind')}:{e.get('key')}" for e in entries})


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
            words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", str(text)))
    return words


def sensitive_values(dump: dict[str, Any]) -> dict[str, set[str]]:
    """What must never appear in a default export: contacts' e-mails, phones and links.

    ``name`` holds the contacts' names that ``pseudonymise`` hides: a contact who is also a
    witness is not among them, since the assessor must be able to check the testimony.
    """
    found: dict[str, set[str]] = {"email": set(), "phone": set(), "profile_url": set(),
                                  "name": set()}
    witnesses = {same_name(str((e.get("data") or {}).get("name", "")))
                 for e in _entries(dump) if e.get("kind") == "witness"}
    for data in _contacts(dump):
        for name, values in found.items():
            value = str(data.get(name) or "").strip()
            if value and not (name == "name" and same_name(value) in witnesses):
                values.add(value)
            more = data.get(_MORE_OF.get(name, ""))
            if isinstance(more, list):
                values.update(str(v).strip() for v in more if str(v).strip())
    return found


def confidential_names(dump: dict[str, Any],
                       values: dict[str, set[str]] | None = None) -> set[str]:
    """The full names of the contacts flagged confidential, which no redacted export shows;
    not a witness's, the learner's, their tutor's or their assessor's, who stay named.
    ``values``: the dump's :func:`sensitive_values`, if the caller has them already."""
    people = {same_name(str((e.get("data") or {}).get(k) or "")) for e in _entries(dump)
              if e.get("kind") == "learner" for k in ("name", "tutor", "assessor")}
    # witnesses are not among the names
    named = (values if values is not None else sensitive_values(dump))["name"]
    confidential = {str(r["data"].get("name") or "").strip() for r in dump.get("records", [])
                    if r.get("kind") == "contact"
                    and (r.get("data") or {}).get("confidential") is True}
    return {name for name in confidential & named if same_name(name) not in people}


def redact(dump: dict[str, Any], *, pseudonymise: bool) -> dict[str, Any]:
    """A copy of ``dump`` fit to export: see the module docstring for what goes."""
    out = copy.deepcopy(dump)
    values = sensitive_values(dump)
    dropped = {(r["kind"], r["key"]) for r in out.get("records", [])
               if r.get("deleted") or (r.get("data") or {}).get("confidential") is True}

    def keep(entry: dict[str, Any]) -> bool:
        return ((entry["kind"], entry["key"]) not in dropped
                and (entry.get("data") or {}).get("confidential") is not True)

    keys = _keys(dump)
    # A link to a record that goes ("contact:KEY", learning outcome 1's examples) goes too.
    links = {f"{kind}:{key}" for kind, key in dropped}
    own = Registered.of(values)  # built once for every text of the dump
    # A confidential contact is left out of every export: their full name typed into
    # another answer goes too (their first name or surname alone stays).
    hidden = _Hidden.of(confidential_names(dump, values))

    def fix(text: str) -> str:
        if text in links:
            return ""
        return text if text in keys else hidden.remove(_scrub(text, own))

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


# -- pseudonyms ------------------------------------------------------------------------------

# Surname particles are never initialled alone; surnames that are also everyday English words
# are initialled alone only when written with a capital ("a young team" stays, "Young" goes).
_PARTICLES = frozenset({"al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der",
                        "di", "dos", "du", "el", "la", "le", "st", "ten", "ter", "van", "von",
                        "y"})
_EVERYDAY = frozenset({
    "bell", "bird", "black", "bright", "brown", "burns", "bush", "can", "chase", "cook",
    "cross", "day", "dean", "fair", "fields", "fish", "fox", "frost", "gold", "good", "grace",
    "green", "hall", "hand", "hart", "hay", "head", "hill", "holiday", "hope", "house",
    "hunt", "king", "lamb", "lane", "law", "little", "long", "love", "low", "major", "mark",
    "marsh", "mason", "may", "mill", "miller", "moon", "moss", "new", "page", "park", "parks",
    "pink", "pope", "power", "price", "rich", "rock", "rose", "salt", "sharp", "short",
    "small", "snow", "spring", "stone", "storm", "strong", "summer", "swift", "wall", "ward",
    "waters", "well", "wells", "west", "white", "will", "wise", "wood", "woods", "young"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_BEFORE = r"(?<![\w@/.])"
_WORD_AFTER = r"(?!\w)(?![.@/]\w)"


def pseudonymise(dump: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``dump`` with contacts' names replaced by their initials everywhere.

    A contact's full name, in any case, becomes its initials ("Jane Smith", "jane smith" ->
    "J.S.") in every text but the learner's own record. Their surname alone becomes its
    initial in any case ("smith" -> "S."), unless it is also an everyday word ("Young",
    "Marsh"), which is then initialled only with a capital, like a first name alone
    ("Jane" -> "J."). Only whole words: "Smithson" stays. Words also in the name of the
    learner, their tutor, their assessor or a witness stay, and a contact who is also a
    witness keeps their name.
    """
    return _pseudonymise(copy.deepcopy(dump), dump)


def _loose(word: str) -> str:
    """A pattern for ``word`` as people also type it: without its accents, apostrophes or
    hyphens ("Siobhán O'Connor-Ní" as "Siobhan OConnor Ni")."""
    out = []
    for char in word:
        if char in "'’":
            out.append("['’]?")
        elif char == "-":
            out.append(r"[-\s]?")
        else:
            bare = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            out.append(f"(?:{re.escape(char)}|{re.escape(bare)})"
                       if bare and bare != char else re.escape(char))
    return "".join(out)


def _full_name_rules(names: Iterable[str], shown: Callable[[str], str]
                     ) -> list[tuple[re.Pattern[str], str]]:
    """Each full name in any case, also typed without accents or apostrophes."""
    rules = []
    for name in sorted(names, key=len, reverse=True):
        pattern = r"\s+".join(_loose(part) for part in name.split())
        rules.append((re.compile(rf"{_WORD_BEFORE}{pattern}{_WORD_AFTER}", re.IGNORECASE),
                      shown(name)))
    return rules


_LETTERS = re.compile(r"[^\W\d_]+")


class _Hidden:
    """Confidential contacts' full names, removed from a text in one pass: only the names
    whose first word the text holds are tried (a register may hold thousands)."""

    def __init__(self, by_word: dict[str, list[str]]) -> None:
        self.by_word = by_word

    @classmethod
    def of(cls, names: Iterable[str]) -> _Hidden:
        by_word: dict[str, list[str]] = {}
        for name in names:
            words = _LETTERS.findall(searched(name))
            if len(name.split()) > 1 and words:
                by_word.setdefault(words[0], []).append(name)
        return cls(by_word)

    def remove(self, text: str) -> str:
        if not self.by_word:
            return text
        names = [name for word in set(_LETTERS.findall(searched(text)))
                 for name in self.by_word.get(word, ())]
        return _hidden_pattern(tuple(sorted(names))).sub(NAME_REMOVED, text) if names else text


@functools.lru_cache(maxsize=64)
def _hidden_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    rules = _full_name_rules(names, str)
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in rules),
                      re.IGNORECASE)


def _name_rules(names: list[str], protected: set[str]) -> list[tuple[re.Pattern[str], str]]:
    rules = _full_name_rules(names, initials)
    words: dict[str, bool] = {}  # word -> matched in any case
    for name in names:
        parts = _NAME_WORD.findall(name)
        for index, part in enumerate(parts):
            pieces = list(dict.fromkeys([part, *re.split(r"[-'’]", part), *part.split("-")]))
            for piece in pieces:
                folded = piece.casefold()
                if len(piece) < 2 or folded in protected or folded in _PARTICLES:
                    continue
                surname = index > 0 and len(piece) >= 3 and folded not in _EVERYDAY
                if len(piece) >= 3 or index > 0:
                    words[piece] = words.get(piece, False) or surname
    for word, any_case in sorted(words.items(), key=lambda kv: len(kv[0]), reverse=True):
        short = f"{word[0].upper()}."
        if any_case:
            rules.append((re.compile(rf"{_WORD_BEFORE}{_loose(word)}{_WORD_AFTER}",
                                     re.IGNORECASE), short))
        else:
            shapes = {word[0].upper() + word[1:], word.upper()}
            alternatives = "|".join(_loose(s) for s in sorted(shapes))
            rules.append((re.compile(rf"{_WORD_BEFORE}(?:{alternatives}){_WORD_AFTER}"),
                          short))
    return rules


def _pseudonymise(out: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    names = sorted(sensitive_values(original)["name"], key=len, reverse=True)
    if not names:
        return out
    rules = _name_rules(names, _people(original))
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


# -- the final check on exported files -------------------------------------------------------

class Leak:
    """A private value found in an exported file."""

    def __init__(self, file: str, what: str) -> None:
        self.file = file
        self.what = what

    def __repr__(self) -> str:
        return f"Leak({self.file!r}, {self.what!r})"


_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _tag_values(tag: re.Match[str]) -> str:
    values = [" ".join(v) for v in _ATTRIBUTE.findall(tag.group())]
    return f" {' '.join(values)} " if values else " "


def _readable(page: str) -> str:
    """An HTML page as text: what a reader sees, with every attribute (links) in its place."""
    return html.unescape(_TAG.sub(_tag_values, _DATA_URI.sub(" ", page)))


def find_leaks(name: str, text: str, values: dict[str, set[str]], *,
               names: bool = False, full_names: Iterable[str] | None = None) -> list[Leak]:
    """Which contacts' e-mails, phones, profiles (and, with ``names``, full names) ``text`` shows.

    ``full_names``: these full names are looked for too (a default export's confidential
    contacts), whatever ``names`` says.

    ``text`` is an exported HTML file: embedded images are skipped, entities decoded, and
    the text normalised as for redaction, so ``jane dot doe at example dot org``,
    ``jane%40example.org`` or a registered phone typed with slashes are found. Tags are read
    as the words a reader sees, with their attributes (links) in place.
    """
    seen = normalise(_readable(text))
    folded = seen.casefold()
    own = Registered.of(values)
    leaks: list[Leak] = []
    if next(own.email_spans(seen, folded), None) is not None:
        leaks.append(Leak(name, "a contact's e-mail address"))
    if next(own.phone_spans(seen), None) is not None:
        leaks.append(Leak(name, "a contact's phone number"))
    if (next(own.handle_spans(seen, folded), None) is not None
            or any(normalise(url).casefold() in folded for url in values.get("profile_url", ()))):
        leaks.append(Leak(name, "a contact's profile link"))
    looked_for = [*(values.get("name", ()) if names else ()), *(full_names or ())]
    if looked_for:
        collapsed = " ".join(seen.split()).casefold()
        if any(len(n.split()) > 1 and same_name(normalise(n)) in collapsed
               for n in looked_for):
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
