"""Optimistic concurrency: an edit made on data someone else changed since is refused.

Every row a coordinator edits (:class:`~ams_desk.store.schema.Versioned`)
carries a version that each write increments, and who wrote it last. An
editor remembers the version it was opened on (``Person.version``,
``Signup.version``…) and the service compares it with the stored one inside
its writing transaction, the row locked (:meth:`Database.session` with
``write=True``): when the fields the edit would write changed meanwhile,
nothing is stored and :class:`EditConflict` says what changed, by whom and
when. Undo and redo carry the version their change left, so taking back a
change that someone has since built on is refused the same way. Between the
check and the write the ORM's ``WHERE version = :seen`` is the last guard.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any

from ams_desk.core.validation import ValidationError

_SKIPPED = {"id", "person_id", "version", "events"}


class EditConflict(ValidationError):
    """Someone else changed the data this edit started from; nothing was stored.

    Attributes:
        what: What was changed ("Eva Müller's sign-up").
        by: Who changed it last (their coordinator name).
        at: When, if known.
        changed: The fields that differ from what the edit started from.
    """

    def __init__(
        self, what: str, by: str, at: datetime | None, changed: Sequence[str] = ()
    ) -> None:
        self.what = what
        self.by = by or "another coordinator"
        self.at = at
        self.changed = tuple(changed)
        when = f" at {at:%Y-%m-%d %H:%M}" if at else ""
        fields_text = f" ({', '.join(self.changed)})" if self.changed else ""
        super().__init__(
            "",
            f"{self.by} changed {what}{fields_text}{when}, after you opened it. Nothing was "
            "saved: reload to see their change, then make yours again.",
        )


def differing_fields(before: Any, after: Any) -> list[str]:
    """The names of the fields of two dataclass values that differ, as a coordinator reads
    them (``meeting_format`` → "meeting format"); ids and versions are left out."""
    assert is_dataclass(before) and is_dataclass(after)
    return [
        f.name.replace("_", " ")
        for f in fields(before)
        if f.name not in _SKIPPED and getattr(before, f.name) != getattr(after, f.name)
    ]


def newest(stamps: Iterable[tuple[str, datetime | None]]) -> tuple[str, datetime | None]:
    """Of several ``(modified_by, modified_at)`` stamps, the latest (unknown times last)."""
    ordered = sorted(stamps, key=lambda s: s[1] or datetime.min)
    return ordered[-1] if ordered else ("", None)


def is_stale(expected: int | None, stored: int) -> bool:
    """Whether an edit started from version ``expected`` (0 or None: not read from the
    store, nothing to compare) is behind the ``stored`` one."""
    return bool(expected) and expected != stored


__all__ = ["EditConflict", "differing_fields", "is_stale", "newest"]
