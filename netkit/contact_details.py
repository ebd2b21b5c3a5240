"""Contact details in the shapes people type them, found in text: pure functions.

:mod:`netkit.redact` replaces what this finds and checks exported files with it. Text is
matched after :func:`normalise` (Unicode NFKC, HTML entities and ``%XX`` escapes decoded,
invisible characters dropped); :func:`normalised` keeps a map back to the text as typed, so
only a match is ever replaced.

Two kinds of finding:

- any e-mail address, phone number or profile link or handle, in the shapes people type
  (:func:`spans`);
- a registered contact's own e-mail, phone digits and profile handle, in any spacing or
  separator (:class:`Registered`), which also finds shapes no general rule could tell from
  ordinary text.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Normalised", "Registered", "normalise", "normalised", "spans"]

_MIN_PHONE_DIGITS, _MAX_PHONE_DIGITS = 9, 15

# -- normalisation ---------------------------------------------------------------------------
# Matching runs on a normalised text; a map of the pieces that changed takes every match back
# to the text as typed, so only the match is replaced and everything else stays byte for byte.

_INVISIBLE = "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_DECODE = re.compile(
    r"(?:%[0-9A-Fa-f]{2})+"                                                 # %40, %E2%80%8B
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # &#64; &commat;
    r"|[^\x00-\x7f]+")                                                     # NFKC candidates


def _nfkc(text: str) -> str:
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text))


def _percent(token: str) -> str:
    try:
        return bytes.fromhex(token.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return token


@dataclass(frozen=True)
class Normalised:
    """A normalised text and where each changed piece of it came from."""

    text: str
    new_start: list[int]
    new_end: list[int]
    old_start: list[int]
    old_end: list[int]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the typed text that ``text[start:end]`` came from."""
        i = bisect.bisect_right(self.new_start, start) - 1
        if i >= 0 and start < self.new_end[i]:
            first = self.old_start[i]
        else:
            first = start + (self.old_end[i] - self.new_end[i] if i >= 0 else 0)
        j = bisect.bisect_left(self.new_start, end) - 1
        if j >= 0 and end <= self.new_end[j]:
            last = self.old_end[j]
        else:
            last = end + (self.old_end[j] - self.new_end[j] if j >= 0 else 0)
        return first, last


def normalised(text: str) -> Normalised:
    """``text`` normalised (see :func:`normalise`), with the way back to the typed text.

    Linear in ``len(text)``: only escapes and non-ASCII runs are looked at in Python.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    size = done = 0

    def piece(old0: int, old1: int, new: str) -> None:
        nonlocal size
        starts.append(size)
        ends.append(size + len(new))
        old_starts.append(old0)
        old_ends.append(old1)
        out.append(new)
        size += len(new)

    for match in _DECODE.finditer(text):
        begin, end = match.span()
        if begin > done:
            out.append(text[done:begin])
            size += begin - done
        token = match.group()
        if token[0] == "%":
            piece(begin, end, _nfkc(_percent(token)))
        elif token[0] == "&":
            piece(begin, end, _nfkc(html.unescape(token)))
        elif (unicodedata.is_normalized("NFKC", token) and not _INVISIBLE_RE.search(token)
              and not unicodedata.combining(token[0])):
            out.append(token)
            size += len(token)
        else:
            at = begin
            if unicodedata.combining(token[0]) and begin > done:  # e + U+0301 compose
                out[-1] = out[-1][:-1]
                size -= 1
                at -= 1
            cluster = at
            for index in range(begin + 1, end + 1):
                if index < end and unicodedata.combining(text[index]):
                    continue
                typed = text[cluster:index]
                new = _nfkc(typed)
                if new == typed:
                    out.append(typed)
                    size += len(typed)
                else:
                    piece(cluster, index, new)
                cluster = index
        done = end
    out.append(text[done:])
    return Normalised("".join(out), starts, ends, old_starts, old_ends)


def normalise(text: str) -> str:
    """``text`` as it is matched: NFKC, entities and ``%XX`` escapes decoded, invisibles gone.

    ``"jane＠example.org"``, ``"jane%40example.org"`` and ``"jane&#64;example.org"`` all
    become ``"jane@example.org"``.
    """
    return normalised(text).text


def _digits(text: str) -> str:
    """The decimal digits of ``text`` as ASCII (fullwidth or Arabic-Indic digits too)."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


# -- the shapes of e-mail addresses, phone numbers and profile links ------------------------

_AT_WORD = r"(?i:at)"
_DOT_WORD = r"(?i:dot)"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_BRACKET_AT = rf"\s*{_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}\s*"   # x [at] y, x(at)y, x {@} y
_BRACKET_DOT = rf"\s*{_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}\s*"
_SPELT_DOT = rf"(?:{_BRACKET_DOT}|\s+{_DOT_WORD}\s+)"
_DOT = rf"(?:\.|{_SPELT_DOT})"
_ATOM = r"[\w%+'~-]+"
_LOCAL = rf"{_ATOM}(?:{_DOT}{_ATOM}){{0,8}}"
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"                  # any script: IDN domains
_TLD = r"(?:[^\W\d_]{2,63}|(?i:xn--)[a-zA-Z0-9-]{1,59})"
_START = r"(?<![\w.%+'~@/-])(?:(?i:mailto):)?"
_END = r"(?![\w@-])"
# ... and the address ends where no second "at" follows: in "reach her at jane dot doe at
# example dot com" the address is the part after "her at".
_DOMAIN = (rf"{_LABEL}(?:{_DOT}{_LABEL}){{0,8}}{_DOT}{_TLD}{_END}"
           rf"(?!(?:{_DOT}{_LABEL}){{0,8}}(?:{_BRACKET_AT}|\s*@|\s+{_AT_WORD}\s))")
# An e-mail address in the shapes people type; a domain without a dot (``jo@intranet``)
# only right after a plain "@".
_EMAIL = re.compile(
    rf"{_START}(?:{_ATOM}(?:\.{_ATOM}){{0,8}}@{_LABEL}(?:{_DOT}{_LABEL}){{0,8}}{_END}"
    rf"|{_LOCAL}(?:\s*@\s*|{_BRACKET_AT}){_DOMAIN})")
# A spelt-out "at" only counts with a spelt-out "dot" in the address too (``name dot surname
# at example dot com``): "we met at the conference" and "at www.cilt.org.uk" stay.
_SPELT_EMAIL = re.compile(rf"{_START}{_LOCAL}\s+{_AT_WORD}\s+{_DOMAIN}")
_SPELT = re.compile(_SPELT_DOT)
# ... or with a name-shaped local part, letters joined by a dot, underscore or plus
# ("jane.doe at example.org"): "us at www.cilt.org.uk" and a file's name ("minutes.docx at
# sharepoint.com") stay.
_NAME_SHAPED_LOCAL = re.compile(r"(?:(?i:mailto):)?([\w%+'~.-]*[^\W\d_][._+][^\W\d_][\w%+'~.-]*)\s")
_FILE_TYPES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv",
                         "odt", "ods", "odp", "png", "jpg", "jpeg", "zip", "msg", "eml"})


def _name_shaped(address: str) -> bool:
    """Whether a spelt-at address starts like a person's name ("jane.doe at ...")."""
    local = _NAME_SHAPED_LOCAL.match(address)
    return local is not None and (local.group(1).rpartition(".")[2].casefold()
                                  not in _FILE_TYPES)

_PATH = r"(?:[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?"  # a URL never ends in a full stop
_PROFILE = re.compile(
    r"(?<![\w.@+/-])(?:"  # one look behind for every shape: most places fail it at once
    r"(?:https?://)?(?:[\w-]+\.)*(?:"
    r"linkedin\.com/(?:mwlite/|m/)?(?:in|pub|profile|comm/in)/"
    r"|lnkd\.in/"
    r"|(?:twitter|x|facebook|fb|instagram|threads|tiktok|github|gitlab|medium|pinterest"
    r"|snapchat|reddit|youtube|vimeo|behance|dribbble|flickr|soundcloud|tumblr|quora)"
    r"\.com/(?!company/|school/|groups?/|pages?/|events?/|hashtag/|search)"
    r"|xing\.com/(?:profile|profiles|in)/"
    r"|threads\.net/|bsky\.app/profile/|t\.me/|about\.me/|linktr\.ee/|keybase\.io/"
    r"|calendly\.com/"
    # a link broken at the end of a line (or, after "/in/" or "/profile/", by a space): the
    # handle is on the next
    r")(?:(?:(?<=/)[ \t]*\n\s*|(?<=/in/)[ \t]+|(?<=/pub/)[ \t]+|(?<=/profile/)[ \t]+)"
    rf"(?=[\w%@]))?{_PATH}"
    # Mastodon and the like: https://instance.social/@user, @user@instance.social
    rf"|(?:https?://)?[\w-]+(?:\.[\w-]+)+/@\w{_PATH}"
    r"|@[^\W\d][\w.-]*@[\w-]+(?:\.[\w-]+)+(?!\w)"
    # a bare LinkedIn path (/in/jane-doe) or a social handle (@jane_doe)
    r"|/(?:in|pub)/[\w%-][\w%.-]*[\w%-]/?"
    r"|@[^\W\d](?:[\w.-]*\w)?(?![\w@])"
    r")", re.IGNORECASE)

_DASHES = "\u2010-\u2015\u2212"
_WA = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:(?:api\.)?wa\.me/\+?|(?:tel|callto|sms|whatsapp):/{0,2}\+?)"
    rf"\d[\d\s().\-/{_DASHES}]*\d(?:[?#]{_PATH})?", re.IGNORECASE)
_LABEL_DOT = "|".join(rf"(?<=\b{label}\.)" for label in (
    "(?i:tel)", "(?i:mob)", "(?i:ph)", "(?i:fax)", "(?i:t)", "(?i:m)"))
# A run of digits with the separators people type in phone numbers; checked afterwards.
_PHONE = re.compile(
    # "Tel.07700 900123": a label and its full stop, then the number with no space
    rf"(?:(?<![\w.+/-])|{_LABEL_DOT})(?<!\d:)#?\s?(?:\+\s?)?"
    rf"(?:\(\+?\d{{1,5}}\)[\s\-/.{_DASHES}]?)?"
    rf"\d(?:[\d\s\-/{_DASHES}]|\.(?=\d)|\(\d{{1,4}}\)){{2,40}}\d"
    r"(?:\s?(?i:ext\.?|extn\.?|x)\s?\d{1,6}|[A-Za-z])?"
    r"(?![\w/-]|[.:]\d)")
_EXTENSION_AFTER = re.compile(r"(?:\s?(?i:ext\.?|extn\.?|x)\s?\d{1,6}|[A-Za-z])(?!\w)")
_EXTENSION = re.compile(r"(?:\s?(?i:ext\.?|extn\.?|x)\s?\d{1,6}|[A-Za-z])\Z")
_DATE = rf"(?:\d{{1,2}}[./\-{_DASHES}]\d{{1,2}}[./\-{_DASHES}](?:\d{{4}}|\d\d)" \
        rf"|\d{{4}}[./\-{_DASHES}]\d{{1,2}}[./\-{_DASHES}]\d{{1,2}})"
_NOT_PHONE = re.compile(
    rf"{_DATE}(?:\s*(?:[\-/{_DASHES}]|to)\s*{_DATE})?"             # a date or a range
    r"|\d{1,2}\.\d{1,2}(?:[\s,;/&-]+\d{1,2}\.\d{1,2})*"           # criteria 1.1 2.3 3.4
    rf"|(?:19|20)\d\d(?:[\s/\-{_DASHES}]+(?:19|20)?\d\d)*"          # years 2019 2020-21
    r"|\d{1,3}(?:\.\d{1,3}){3}"                                   # an IPv4 address
    r"|(?:0|[1-9]\d?)(?:\.\d+){2,}"                                # a version 10.0.19045
    r"|(?:0|[1-9]\d*)\.\d+")                                       # a decimal number
_GROUP_OF_TWO = re.compile(r"\d\d")
_TWO_DIGIT_GROUPS = re.compile(r"\d\d(?:\.\d\d)+")                # 01.23.45.67.89: a phone
_BEFORE_NOT_PHONE = re.compile(
    r"(?:[£$€¥₹]|\b(?i:v|ver|version|build|release|isbn|issn|doi|ip))[\s.:#]*\Z")
_AFTER_NOT_PHONE = re.compile(r"\A\s?(?:[%£$€¥]|(?i:gbp|usd|eur|pounds|dollars|euros)\b)")
_TOKEN = re.compile(r"\S+")


def _is_phone(candidate: str, before: str, after: str) -> bool:
    number = _EXTENSION.sub("", candidate).strip("#+ ")
    if not _MIN_PHONE_DIGITS <= len(_digits(number)) <= _MAX_PHONE_DIGITS:
        return False
    international = candidate.lstrip("#( ").startswith("+")  # never a date or a version
    bare = number.replace("(", "").replace(")", "")
    shaped = (_NOT_PHONE.fullmatch(bare) and not _TWO_DIGIT_GROUPS.fullmatch(bare)
              and not international)
    if not _GROUP_OF_TWO.search(bare):  # "4 5 3 4 2 5 4 3 5": scores, not a number to call
        return False
    return not (shaped or _BEFORE_NOT_PHONE.search(before[-12:])
                or _AFTER_NOT_PHONE.match(after[:10]))


def _numbers(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """A run of more than 15 digits cut where a second number starts (``+``, ``0``, ``(``)."""
    parts: list[tuple[int, int]] = []
    start, count, last = -1, 0, begin
    for token in _TOKEN.finditer(text, begin, end):
        digits = len(_digits(token.group()))
        if start >= 0 and (count + digits > _MAX_PHONE_DIGITS
                           or (count >= _MIN_PHONE_DIGITS and token.group()[0] in "+0(")):
            parts.append((start, last))
            start, count = -1, 0
        if start < 0:
            start = token.start()
        count += digits
        last = token.end()
    if start >= 0:
        parts.append((start, last))
    return parts


_FULL_DATE = re.compile(  # 28/11/2026, 28.11.2026, 2026-11-28: never part of a phone number
    r"(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])(?P<s>[./-])(?:0?[1-9]|1[0-2])(?P=s)(?:19|20)\d\d"
    r"|(?:19|20)\d\d(?P<t>[./-])(?:0?[1-9]|1[0-2])(?P=t)(?:0?[1-9]|[12]\d|3[01]))(?!\d)")
_EDGE = " \t\n\r\f\v-/.\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _without_dates(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    """The stretches of ``text[begin:end]`` around full dates ("on 28/11/2026 3 joined")."""
    for date in _FULL_DATE.finditer(text, begin, end):
        yield begin, date.start()
        begin = date.end()
    yield begin, end


def _phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of phone numbers: 9 to 15 digits, not a date, amount, version or criteria."""
    for match in _PHONE.finditer(text):
        for around_begin, around_end in _without_dates(text, *match.span()):
            stretch = text[around_begin:around_end]
            begin = around_begin + len(stretch) - len(stretch.lstrip(_EDGE))
            end = around_end - (len(stretch) - len(stretch.rstrip(_EDGE)))
            if end - begin < _MIN_PHONE_DIGITS:
                continue
            if len(_digits(_EXTENSION.sub("", text[begin:end]))) > _MAX_PHONE_DIGITS:
                parts = _numbers(text, begin, end)
            else:
                parts = [(begin, end)]
            for first, last in parts:
                # "(07700 900123)": the "(" stays with its ")"
                a = first + (text[first] == "(" and ")" not in text[first:last])
                if _is_phone(text[a:last], text[max(0, a - 12):a], text[last:last + 10]):
                    yield a, last


# -- a registered contact's own details, in any spacing or separator -------------------------

_ANY_SEP = rf"(?:\s*(?:[._+'-]+|{_BRACKET_DOT}|\s{_DOT_WORD}\s)\s*|\s*)"
_DOMAIN_DOT = rf"(?:\s*\.\s*|{_BRACKET_DOT}|\s+{_DOT_WORD}\s+)"
_ANY_AT = rf"(?:\s*@\s*|{_BRACKET_AT}|\s+{_AT_WORD}\s+)"
_CHUNK = re.compile(r"[^\W_]+")
# Seven digits or more, with anything but letters between them: where a registered number hides.
_LOOSE_DIGITS = re.compile(r"\+?\d(?:(?:[^\w\n]|_){0,3}\d){6,}")
_NOT_DIGIT = re.compile(r"\D")


@functools.lru_cache(maxsize=256)
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern for several contacts' details, compiled once per set of them."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _cores(cores: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every registered number's last digits, overlaps included."""
    return re.compile(f"(?=({'|'.join(sorted(cores, key=len, reverse=True))}))")
_PLATFORM = re.compile(  # a link to the site itself names nobody
    r"(?:^|\.)(?:linkedin|lnkd|twitter|x|facebook|fb|instagram|threads|tiktok|github|gitlab"
    r"|medium|xing|bsky|youtube|t|about|linktr|mastodon|google|outlook|live|gmail)\.\w+$",
    re.IGNORECASE)
_HANDLE_SKIP = frozenset({"in", "pub", "profile", "profiles", "mwlite", "comm", "m", "u",
                          "user", "users", "people", "@"})


def _chunk(chunk: str) -> str:
    """A chunk in any case: ``ß`` is also ``SS``."""
    shapes = sorted({chunk, chunk.casefold()}, key=len, reverse=True)
    return "|".join(re.escape(shape) for shape in shapes)


def _chunks_pattern(chunks: list[str]) -> str:
    return _ANY_SEP.join(f"(?:{_chunk(chunk)})" for chunk in chunks)


def _domain_pattern(domain: str) -> str:
    """A registered domain with any spacing around its dots, which must be there in some
    form: "jane doe at example org" could be the name of where she works."""
    labels = [label for label in domain.split(".") if _CHUNK.findall(label)]
    return _DOMAIN_DOT.join("-*".join(f"(?:{_chunk(c)})" for c in _CHUNK.findall(label))
                            for label in labels)


def _email_pattern(email: str) -> str | None:
    local, _, domain = normalise(email).strip().rpartition("@")
    if not local or not domain:
        return None
    domains = {domain}
    try:
        domains.add(domain.encode("idna").decode("ascii"))
        domains.add(domain.encode("ascii").decode("idna"))
    except (UnicodeError, ValueError):
        pass
    sides = [_domain_pattern(d) for d in sorted(domains) if _CHUNK.findall(d)]
    if not _CHUNK.findall(local) or not sides:
        return None
    return (rf"(?<![^\W_]){_chunks_pattern(_CHUNK.findall(local))}{_ANY_AT}"
            rf"(?:{'|'.join(sides)})(?![^\W_])")


def _handle(url: str) -> tuple[str, str]:
    """The handle of a profile link (``jane-doe``) and, for a personal site, its host."""
    text = normalise(url).strip()
    if text.startswith("@"):  # @user or @user@instance
        return text[1:].split("@")[0], ""
    parsed = urllib.parse.urlsplit(text if "//" in text else f"//{text}")
    segments = [s for s in urllib.parse.unquote(parsed.path).split("/") if s]
    # The segment after "in", "profile"... ("/in/profile" is a handle too), else the last.
    after = [b for a, b in itertools.pairwise(segments) if a.casefold() in _HANDLE_SKIP]
    if after or segments:
        return (after or segments)[-1 if not after else 0].lstrip("@"), ""
    host = (parsed.hostname or "").removeprefix("www.")
    return "", "" if _PLATFORM.search(host) or "." not in host else host


#: a registered e-mail or profile: (the word it starts with, its pattern, the pieces a text
#: must hold, casefolded, for it to match)
_Rule = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class _Rules:
    """Patterns for registered details, looked up by the word each must start on.

    A text asks only for the rules whose word begins one of its own words (its runs of
    letters and digits), and keeps those whose every piece it holds: a dict lookup per
    word and word length, not a look at every contact's rule for every text (a register
    of 30,000 contacts, thousands of texts), and few patterns to compile, even for a
    first name that thousands of addresses start with.
    """

    by_word: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]]
    sizes: tuple[int, ...]  # the lengths of those words, shortest first
    always: tuple[tuple[int, str, tuple[str, ...]], ...]  # rules with no word to go by

    @classmethod
    def of(cls, rules: tuple[_Rule, ...]) -> _Rules:
        by_word: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        always = []
        for number, (first, pattern, pieces) in enumerate(rules):
            words = _CHUNK.findall(first)
            if words:
                by_word.setdefault(words[0], []).append((number, pattern, pieces))
            else:
                always.append((number, pattern, pieces))
        return cls({w: tuple(found) for w, found in by_word.items()},
                   tuple(sorted({len(w) for w in by_word})), tuple(always))

    def live(self, folded: str) -> tuple[str, ...]:
        """The patterns that can match a text (``folded``: it casefolded), in rule order."""
        found: list[tuple[int, str, tuple[str, ...]]] = list(self.always)
        if self.by_word:
            for word in set(_CHUNK.findall(folded)):
                for size in self.sizes:
                    if size > len(word):
                        break
                    found += self.by_word.get(word[:size], ())
        holds = folded.__contains__
        kept = sorted((number, pattern) for number, pattern, pieces in found
                      if all(map(holds, pieces)))
        return tuple(dict.fromkeys(pattern for _, pattern in kept))


@dataclass(frozen=True)
class Registered:
    """Each registered contact's e-mail, phone and profile, compiled once for many texts."""

    emails: tuple[_Rule, ...]
    phones: tuple[tuple[str, str], ...]   # (last 9 digits, the digits before them)
    handles: tuple[_Rule, ...]

    @functools.cached_property
    def _email_rules(self) -> _Rules:
        return _Rules.of(self.emails)

    @functools.cached_property
    def _handle_rules(self) -> _Rules:
        return _Rules.of(self.handles)

    @staticmethod
    @functools.lru_cache(maxsize=32)
    def build(emails: frozenset[str], phones: frozenset[str], links: frozenset[str],
              names: frozenset[str]) -> Registered:
        """The rules for these details, compiled once (the same details, the same rules)."""
        email_rules: list[_Rule] = []
        for email in sorted(emails):
            pattern = _email_pattern(email)
            if pattern:
                local = normalise(email).strip().rpartition("@")[0]
                email_rules.append((_CHUNK.findall(normalise(email))[0].casefold(), pattern,
                                    tuple(c.casefold() for c in _CHUNK.findall(local))))
        phone_rules = []
        for phone in sorted(phones):
            digits = _digits(normalise(phone)).lstrip("0")
            if len(digits) >= 7:
                phone_rules.append((digits[-9:], digits[:-9]))
        name_words = {w.casefold() for n in names for w in _CHUNK.findall(normalise(n))}
        handle_rules: list[_Rule] = []
        for link in sorted(links):
            handle, host = _handle(link)
            if host:
                chunks = host.split(".")
                handle_rules.append((chunks[0].casefold(),
                                     rf"(?<![\w.-]){re.escape(host)}(?![\w-])",
                                     (host.casefold(),)))
                continue
            chunks = _CHUNK.findall(handle)
            if not chunks or len("".join(chunks)) < 3:
                continue
            body = "[-_.]?".join(f"(?:{_chunk(c)})" for c in chunks)
            # A handle that is only the contact's name ("jane-doe") is removed where it is
            # a handle (after @ or /), not where the name is written out.
            bare = (not {c.casefold() for c in chunks} <= name_words
                    and (len("".join(chunks)) >= 5 or any(c.isdigit() for c in handle)))
            lead = r"(?<![\w-])" if bare else r"(?<=[@/])"
            handle_rules.append((chunks[0].casefold(), rf"{lead}{body}(?![\w-])",
                                 tuple(c.casefold() for c in chunks)))
        return Registered(tuple(email_rules), tuple(phone_rules), tuple(handle_rules))

    @classmethod
    def of(cls, values: dict[str, set[str]] | None) -> Registered:
        """The rules for ``sensitive_values()`` of a dump: ``email``, ``phone``..., or none."""
        values = values or {}
        return cls.build(*(frozenset(values.get(k) or ()) for k in
                           ("email", "phone", "profile_url", "name")))

    @staticmethod
    def _search(rules: _Rules, text: str, folded: str) -> Iterator[tuple[int, int]]:
        # Only the rules a word of the text starts are compiled into one pattern: the text
        # is then scanned once, however many contacts there are.
        live = rules.live(folded)
        if live:
            yield from (m.span() for m in _combined(live).finditer(text) if m.end() > m.start())

    def email_spans(self, text: str, folded: str) -> Iterator[tuple[int, int]]:
        return self._search(self._email_rules, text, folded)

    def handle_spans(self, text: str, folded: str) -> Iterator[tuple[int, int]]:
        return self._search(self._handle_rules, text, folded)

    def phone_spans(self, text: str) -> Iterator[tuple[int, int]]:
        if not self.phones:
            return
        rest_of = dict(self.phones)
        cores = _cores(tuple(rest_of))
        for run in _LOOSE_DIGITS.finditer(text):
            digits = _NOT_DIGIT.sub("", run.group())
            if not digits.isascii():
                digits = _digits(digits)
            found = list(cores.finditer(digits))
            if not found:
                continue
            positions = [run.start() + i for i, ch in enumerate(run.group()) if ch.isdecimal()]
            for match in found:
                core = match.group(1)
                yield self._phone_span(text, positions, digits, found=match.start(), core=core,
                                       rest=rest_of[core])

    @staticmethod
    def _phone_span(text: str, positions: list[int], digits: str, *, found: int, core: str,
                    rest: str) -> tuple[int, int]:
        """The typed span of a registered number found at ``found`` in a run's digits.

        The digits before its last nine are taken too when they are its own (``07``, ``44``
        after a ``+`` or ``00``), not a date or count typed just before it.
        """
        first = found
        prefixes = sorted({zeros + rest[i:] for i in range(len(rest) + 1)
                           for zeros in ("", "0", "00")}, key=len)
        for prefix in reversed(prefixes):
            if digits[:found].endswith(prefix):
                first = found - len(prefix)
                break
        begin = positions[first]
        for size in (3, 2, 1):  # a country code after "+" or "00"
            at = first - size
            if at >= 0:
                before = text[max(0, positions[at] - 2):positions[at]]
                if "+" in before:
                    begin = text.rindex("+", 0, positions[at])
                    break
                if at >= 2 and digits[at - 2:at] == "00":
                    begin = positions[at - 2]
                    break
        end = positions[found + len(core) - 1] + 1
        extension = _EXTENSION_AFTER.match(text, end)
        if extension:
            end = extension.end()
        if "+" in text[max(0, begin - 2):begin]:
            begin = text.rindex("+", 0, begin)
        if begin and text[begin - 1] == "(" and ")" in text[begin:end]:
            begin -= 1
        if begin and text[begin - 1] == "#":
            begin -= 1
        return begin, end


# -- every detail in one text ---------------------------------------------------------------

def spans(text: str, own: Registered) -> list[tuple[int, int, str]]:
    """Every contact detail in a normalised ``text``: (start, end, kind), overlaps merged.

    ``kind`` is the contact field it is: ``email``, ``phone`` or ``profile_url``.
    """
    folded = text.casefold()
    found: list[tuple[int, int, str]] = []
    found += [(*span, "profile_url") for span in own.handle_spans(text, folded)]
    found += [(*m.span(), "profile_url") for m in _PROFILE.finditer(text)]
    found += [(*span, "email") for span in own.email_spans(text, folded)]
    found += [(*m.span(), "email") for m in _EMAIL.finditer(text)]
    found += [(*m.span(), "email") for m in _SPELT_EMAIL.finditer(text)
              if _SPELT.search(m.group()) or _name_shaped(m.group())]
    found += [(*m.span(), "phone") for m in _WA.finditer(text)]
    found += [(*span, "phone") for span in own.phone_spans(text)]
    found += [(*span, "phone") for span in _phones(text)]
    found.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int, str]] = []
    for begin, end, kind in found:
        if merged and begin < merged[-1][1]:  # overlapping finds become one, the first's kind
            last = merged[-1]
            if end > last[1]:
                merged[-1] = (last[0], end, last[2])
        else:
            merged.append((begin, end, kind))
    return merged
