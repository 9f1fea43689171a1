"""What an operation changed, and how to take it back: plain values, no Qt.

An *operation* is a function ``op(db) -> Outcome``: it makes one change in
one unit of work and returns what it made (``value``), what it touched
(:class:`Changes`) and its inverse (``undo``, another operation, or ``None``
when the change cannot be taken back). Running the inverse returns an outcome
whose own ``undo`` makes the change again, so undo and redo are the same
code path: the GUI's undo stack just holds "the operation to run next".

The operations of the app live in :mod:`ams_desk.store.ops`; the GUI runs
them through :class:`ams_desk.gui.operations.Operations`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from ams_desk.store.database import Database

T = TypeVar("T")

PROGRAM_SETTINGS = "program"
"""``Changes.settings`` entry: deadlines, waiting limit, year start, seniority ladder."""
MATCH_WEIGHTS = "match_weights"
"""``Changes.settings`` entry: the soft-criteria weights of the matching board."""


def _ids(values: Iterable[int]) -> frozenset[int]:
    return frozenset(int(v) for v in values)


@dataclass(frozen=True)
class Changes:
    """Which stored things one operation touched, so that views refresh only those.

    A change to a pair lists the pair and its two sign-ups (their status and a
    mentor's places follow the pair); a change to a person lists the person
    (every row showing their name). ``everything`` asks every view to read
    all of its data again (Reload, an import, an undo that failed because
    someone else changed the data).

    Attributes:
        signups: Sign-up ids added, edited, removed or whose status changed.
        people: Person ids added, edited or removed.
        pairs: Pair ids added, removed, stepped, or whose timeline changed.
        settings: Names of the settings groups changed (:data:`PROGRAM_SETTINGS`,
            :data:`MATCH_WEIGHTS`).
        outbox: Outbox message ids queued, sent or changed (the mail work).
        imports: Names of import profiles saved or removed (the import work).
        everything: Read everything again.
    """

    signups: frozenset[int] = field(default_factory=frozenset)
    people: frozenset[int] = field(default_factory=frozenset)
    pairs: frozenset[int] = field(default_factory=frozenset)
    settings: frozenset[str] = field(default_factory=frozenset)
    outbox: frozenset[int] = field(default_factory=frozenset)
    imports: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False

    @classmethod
    def of(
        cls,
        *,
        signups: Iterable[int] = (),
        people: Iterable[int] = (),
        pairs: Iterable[int] = (),
        settings: Iterable[str] = (),
        outbox: Iterable[int] = (),
        imports: Iterable[str] = (),
    ) -> Changes:
        """Build from any iterables (lists, generators, sets)."""
        return cls(_ids(signups), _ids(people), _ids(pairs), frozenset(settings),
                   _ids(outbox), frozenset(imports))

    @classmethod
    def all(cls) -> Changes:
        """Everything may have changed."""
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.signups | other.signups,
            self.people | other.people,
            self.pairs | other.pairs,
            self.settings | other.settings,
            self.outbox | other.outbox,
            self.imports | other.imports,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self.everything or any(
            (self.signups, self.people, self.pairs, self.settings, self.outbox, self.imports)
        )

    def touches_setting(self, name: str) -> bool:
        return self.everything or name in self.settings


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What running an operation gave.

    Attributes:
        value: The operation's result (the sign-up added, the drafts placed…).
        changes: What it touched.
        undo: The operation that reverses it, or ``None`` when it cannot be undone.
    """

    value: T
    changes: Changes
    undo: Op[Any] | None = None


Op = Callable[["Database"], Outcome[T]]
"""An operation: one change in one unit of work, returning its :class:`Outcome`."""


def done(outcome: Outcome[T]) -> Op[T]:
    """An operation that already ran (off the GUI thread, say): it returns ``outcome`` again."""

    def replay(_db: Database) -> Outcome[T]:
        return outcome

    return replay


__all__ = ["MATCH_WEIGHTS", "PROGRAM_SETTINGS", "Changes", "Op", "Outcome", "done"]
