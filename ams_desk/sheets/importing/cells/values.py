"""Reading the values people type into sign-up forms: text, emails, lists, capacity.

Every function takes a cell as read (text literally, numbers, dates) and
returns the AMS value, or ``None`` (or an empty tuple) when the cell does not
say anything recognisable. Roles, positions, topics, meeting preferences and
languages are in :mod:`ams_desk.sheets.importing.cells.choices`. Multi-choice answers are
split on ``;`` ``,`` ``|`` and line breaks (Microsoft Forms ends them with
``;``, Google Forms joins them with ``, ``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from ams_desk.core.validation import MAX_CAPACITY, ValidationError, clean_text, normalize_email
from ams_desk.sheets.importing.read.table import CellValue

# Invisible characters that ride along with copy-pasted addresses and names.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS), None)
# Characters that turn the direction of text around: a name holding them can
# display as something else than it is ("Trojan Source").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS), None)
_DROPPED = set(INVISIBLE_CHARS) | {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}
_CHOICE_SPLIT = re.compile(r"[;,|\n\r]+")
LIST_SPLIT = re.compile(r"[;,|\n\r/]+|\s+(?:and|en|und|&)\s+", re.IGNORECASE)


def cell_text(value: CellValue) -> str:
    """A cell as the text a person typed: numbers without a stray ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _tidy(text: str) -> bool:
    """True when ``text`` has nothing to clean (the common case, checked fast).

    ``isprintable()`` is False for control characters, line breaks, tabs,
    no-break spaces and invisible format characters alike.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def clean_line(value: CellValue) -> str:
    """One line of text: control and invisible characters gone, spaces collapsed."""
    if value is None:
        return ""
    if type(value) is str and _tidy(value):
        return value
    return clean_text(cell_text(value).translate(_INVISIBLE))


def clean_block(value: CellValue) -> str:
    """Free text (motivation): like :func:`clean_line` but line breaks kept."""
    if value is None:
        return ""
    if type(value) is str and _tidy(value):
        return value
    return clean_text(cell_text(value).translate(_INVISIBLE), multiline=True)


def dropped_characters(value: CellValue) -> str:
    """The characters :func:`clean_line` and :func:`clean_block` remove from a cell
    besides spaces (invisible and control characters), in order of appearance."""
    if type(value) is not str or value.isprintable():
        return ""
    return "".join(dict.fromkeys(c for c in value if c in _DROPPED))


def bidi_controls(text: str) -> str:
    """The bidirectional-text controls in ``text``, in order of appearance."""
    if text.isprintable():  # False for every bidi control (they are format characters)
        return ""
    return "".join(dict.fromkeys(c for c in text if c in BIDI_CONTROLS))


def without_bidi(text: str) -> str:
    """``text`` with its bidirectional-text controls removed."""
    return text.translate(_BIDI)


def scripts(text: str) -> tuple[str, ...]:
    """The writing systems of the letters in ``text`` (``("LATIN", "CYRILLIC")``), in order."""
    if text.isascii():  # the common case: ASCII letters are all Latin
        return ("LATIN",) if any(c.isalpha() for c in text) else ()
    found: dict[str, None] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            found.setdefault(name.split(" ", 1)[0] if name else "UNKNOWN")
    return tuple(found)


def split_choices(text: str) -> tuple[str, ...]:
    """Split a multi-choice answer on ``;`` ``,`` ``|`` and line breaks, dropping repeats.

    >>> split_choices("Career guidance;Networking and visibility;")
    ('Career guidance', 'Networking and visibility')
    """
    return unique_items(_CHOICE_SPLIT.split(text))


def unique_items(parts: list[str]) -> tuple[str, ...]:
    """The non-blank items of ``parts``, spaces collapsed, repeats (any case) dropped."""
    seen: set[str] = set()
    items: list[str] = []
    for part in parts:
        item = " ".join(part.split()).strip(" .")
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return tuple(items)


def compare_key(text: str) -> str:
    """Compare form: case-folded, ``&`` as "and", punctuation as spaces."""
    text = text.casefold().replace("&", " and ").replace("ß", "ss")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# --- email ---------------------------------------------------------------------------

_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>\s]+@[^<>\s]+)>")
_QUICK_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# RFC 5322 dot-atom local parts in ASCII: email-validator returns these unchanged.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def email_text(value: CellValue) -> str:
    """The address in a cell: ``mailto:`` and ``Name <address>`` forms unwrapped."""
    text = clean_line(value)
    found = _ANGLE.search(text)
    if found:
        text = found[1]
    return _MAILTO.sub("", text).strip().rstrip(",;").strip()


def looks_like_email(value: CellValue) -> bool:
    """A quick test for column detection: something@domain.tld."""
    return _QUICK_EMAIL.fullmatch(email_text(value)) is not None


@lru_cache(maxsize=1024)
def _domain(domain: str) -> str:
    return str(normalize_email(f"a@{domain}").rsplit("@", 1)[1])


def parse_email(value: CellValue, *, field: str = "email") -> str:
    """The normalised address in a cell, checked by email-validator (no DNS).

    Plain ASCII local parts take a fast path that validates each domain once
    (a sheet of 10,000 sign-ups has a handful of domains); anything else goes
    through :func:`ams_desk.core.validation.normalize_email` whole. Both give
    the same result.

    Raises:
        ValidationError: The cell holds no valid address.
    """
    text = email_text(value)
    local, at, domain = text.rpartition("@")
    if at and len(local) <= 64 and len(text) <= 254 and _PLAIN_LOCAL.fullmatch(local):
        try:
            normalized = f"{local}@{_domain(domain)}"
        except ValidationError:
            pass  # fall through for the validator's own message about the address
        else:
            if len(normalized) <= 254:
                return normalized
    return normalize_email(text, field=field)


# --- lists and capacity --------------------------------------------------------------

@lru_cache(maxsize=1024)
def parse_list(value: str) -> tuple[str, ...]:
    """A plain list (projects): split on ``;`` ``,`` ``|`` and line breaks."""
    return split_choices(value)


# --- capacity ------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "eins": 1, "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "fünf": 5, "sechs": 6,
}  # fmt: skip
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def parse_capacity(value: CellValue) -> int | None:
    """How many mentees a mentor takes: ``2``, ``"2,0"``, ``"up to 3"``, ``"1-2"``, ``"two"``.

    A range counts as its upper end. Returns ``None`` when there is no whole
    number in the cell; a number outside 1..MAX_CAPACITY is returned as is, for
    the caller to refuse.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if not isinstance(value, str):
        return None  # a date
    return _capacity_text(value)


@lru_cache(maxsize=256)
def _capacity_text(text: str) -> int | None:
    key = text.casefold()
    numbers = [n.replace(",", ".") for n in _NUMBER.findall(key)]
    if numbers:
        values = [float(n) for n in numbers]
        if any(not v.is_integer() for v in values):
            return None
        return int(max(abs(v) for v in values) if len(values) > 1 else values[0])
    for word in re.findall(r"[^\W\d_]+", key):
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


def capacity_in_range(capacity: int) -> bool:
    """True when ``capacity`` is one of the mentor capacities the program accepts."""
    return 1 <= capacity <= MAX_CAPACITY
