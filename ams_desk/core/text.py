"""Text helpers shared by the layers: sorting and searching names as people expect."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_BASE_LETTERS = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ı": "i",
})


def collation_key(text: str) -> str:
    """A key that sorts ``Łukasz`` with L and ``Zoë`` with Z, ignoring case and accents.

    >>> sorted(["Zoë", "Łukasz", "Ayşe", "eva"], key=collation_key)
    ['Ayşe', 'eva', 'Łukasz', 'Zoë']
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
