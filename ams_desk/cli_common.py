"""What the ``ams-desk`` command modules share: the one-line error, the database, JSON."""

from __future__ import annotations

import json
import sys
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
