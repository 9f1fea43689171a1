"""Encoding the headers that carry people's text: Subject and the names of From/To/Cc/Reply-To.

The email package's folder, when it splits a long non-ASCII text into
several RFC 2047 words, puts the space between two words *outside* them,
where every decoder drops it (``Zoë Ñúñez`` arrives as ``ZoëÑúñez``). So these
headers are encoded here: ASCII text folded at its own spaces, other text as
base64 words of at most 39 bytes each with the spaces inside the words, lines
within 78 characters; a non-ASCII name stays one encoded word (see
:func:`_display`). Every header decodes back to exactly the text given.
The input is already one clean line (see ``clean_header_text``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from email.headerregistry import Address

LINE = 78
MAX_NAME_BYTES = 600
"""Longest display name kept whole, in UTF-8 bytes (its encoded word stays under 998)."""
_CHUNK = 39  # UTF-8 bytes per encoded word: 52 base64 characters + 12 of framing
_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$")


def _words(text: str) -> list[str]:
    """``text`` as RFC 2047 base64 words, split between characters."""
    words, chunk = [], b""
    for char in text:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > _CHUNK:
            words.append(chunk)
            chunk = b""
        chunk += encoded
    if chunk:
        words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words]


def _fold(tokens: Sequence[str], used: int, separators: Sequence[str]) -> str:
    """Join ``tokens`` (each after its separator), breaking lines before a token when needed.

    A break replaces the separator's trailing space by CRLF + space, so that
    unfolding (removing the CRLF) gives back exactly the same text; between
    two encoded words (empty separator) the break is whitespace decoders ignore.
    """
    out = ""
    line = used
    for token, separator in zip(tokens, separators, strict=True):
        piece = separator + token
        if out and line + len(piece) > LINE:
            out += separator.rstrip(" ") + "\r\n " + token
            line = 1 + len(token)
        else:
            out += piece
            line += len(piece)
    return out


def encode_text(name: str, text: str) -> str:
    """The value of an unstructured header (Subject) for ``Name: value``, folded."""
    used = len(name) + 2
    tokens = text.split(" ")
    if text.isascii() and all(len(t) <= 70 for t in tokens):
        return _fold(tokens, used, ["", *[" "] * (len(tokens) - 1)])
    words = _words(text)
    return _fold(words, used, ["", *[""] * (len(words) - 1)])


def fit_name(name: str) -> str:
    """``name`` shortened (with “…”) if longer than :data:`MAX_NAME_BYTES` in UTF-8."""
    data = name.encode("utf-8")
    if len(data) <= MAX_NAME_BYTES:
        return name
    return data[:MAX_NAME_BYTES - 3].decode("utf-8", "ignore").rstrip() + "…"


def _display(name: str) -> list[str]:
    """A display name as phrase tokens: atoms, one quoted string, or one encoded word.

    A non-ASCII name stays one encoded word, however long: Python's parser
    (unlike RFC 2047) keeps the space between two encoded words of a phrase,
    so splitting it would change the name for some readers either way. Names
    are capped by :func:`fit_name` so that the line stays under SMTP's 998.
    """
    if not name:
        return []
    if name.isascii():
        if _ATOM.match(name) and not name.startswith(" "):
            return name.split(" ")
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return [f'"{quoted}"']
    return [f"=?utf-8?b?{base64.b64encode(name.encode('utf-8')).decode('ascii')}?="]


def encode_addresses(name: str, addresses: Sequence[Address]) -> str:
    """The value of an address header (``From``, ``To``, ``Cc``, ``Reply-To``), folded.

    Raises:
        ValueError: An address is not ASCII (the app does not send SMTPUTF8).
    """
    tokens: list[str] = []
    separators: list[str] = []
    for index, address in enumerate(addresses):
        spec = address.addr_spec
        if not spec.isascii():
            raise ValueError(f"“{spec}” is not an ASCII address")
        display = _display(address.display_name)
        lead = ", " if index else ""
        if not display:
            tokens.append(spec)
            separators.append(lead)
            continue
        encoded = not address.display_name.isascii()
        for position, word in enumerate(display):
            tokens.append(word)
            if position == 0:
                separators.append(lead)
            else:
                separators.append("" if encoded else " ")
        tokens.append(f"<{spec}>")
        separators.append(" ")
    return _fold(tokens, len(name) + 2, separators)
