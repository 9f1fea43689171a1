"""Text helpers shared by the layers: sorting and searching names as people expect."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_BASE_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ı": "i",
    }
)


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks: what is left of accents once letters are decomposed."""


def collation_key(text: str) -> str:
    """A key that sorts ``Łukasz`` with L and ``Zoë`` with Z, ignoring case and accents.

    >>> sorted(["Zoë", "Łukasz", "Ayşe", "eva"], key=collation_key)
    ['Ayşe', 'eva', 'Łukasz', 'Zoë']
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_BASE_LETTERS))
    return _MARKS.sub("", decomposed).casefold()


def plural(n: int, singular: str, plural: str | None = None) -> str:
    """The noun for ``n`` things: ``singular`` for exactly one, else ``plural``.

    The one pluraliser of the program (English only, like the rest of the
    interface).

    >>> plural(1, "day"), plural(0, "day"), plural(2, "reply", "replies")
    ('day', 'days', 'replies')
    """
    return singular if n == 1 else (plural or singular + "s")


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` with its noun, thousands grouped: "1 mentor", "1,204 mentors".

    >>> count(1, "mentor"), count(1204, "mentor"), count(2, "reply", "replies")
    ('1 mentor', '1,204 mentors', '2 replies')
    """
    return f"{n:,} {plural(n, singular, plural_form)}"
