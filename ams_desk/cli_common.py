"""What the ``ams-desk`` command modules share: the one-line error, the database, JSON, tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


class CliError(Exception):
    """A problem reported as one line on stderr with exit code 1."""


def open_db(url: str | None) -> Any:
    """Open (and migrate) the database at ``url``; a problem becomes a :class:`CliError`."""
    from ams_desk.store.database import StoreError, open_database

    try:
        return open_database(url)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def print_json(value: Any) -> None:
    """``value`` as one line of JSON on stdout (non-ASCII kept as is)."""
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


CELL_LIMIT = 32
"""Characters a table cell shows before it is cut with "…" (``--json`` has it whole)."""


def cell_text(value: object, limit: int = CELL_LIMIT) -> str:
    """``value`` on one line: line breaks and runs of spaces folded, cut with … past ``limit``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide letters take two, combining marks none."""
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]],
                 limits: Mapping[str, int] | None = None) -> list[str]:
    """Lines of an aligned table: a header, a rule, then one line per row."""
    limits = limits or {}
    cells = [[cell_text(v, limits.get(h, CELL_LIMIT)) for h, v in zip(headers, row, strict=True)]
             for row in rows]
    widths = [max([_width(h), *(_width(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    return [line(headers).rstrip(), "  ".join("─" * w for w in widths)] + [
        line(r).rstrip() for r in cells]


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]],
                limits: Mapping[str, int] | None = None) -> None:
    """Print :func:`format_table` on stdout."""
    for text in format_table(headers, rows, limits):
        print(text)
