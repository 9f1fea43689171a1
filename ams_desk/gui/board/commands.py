"""Undoable board actions, each pushed after its first store call succeeded.

Placing, moving, removing and suggesting drafts are all one kind of change:
some drafts go, others come. :class:`DraftsCommand` keeps both as
:class:`~ams_desk.store.drafts.DraftRecord` and swaps them in one store call
each way, so undo and redo put back the very same pairs (ids and timelines).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ams_desk.core.model import Pair
from ams_desk.core.scoring import MatchWeights
from ams_desk.gui.commands import StoreCommand
from ams_desk.gui.context import AppContext
from ams_desk.store.board import (
    DraftRecord,
    propose_drafts,
    replace_drafts,
    save_match_weights,
    unpropose,
)


class DraftsCommand(StoreCommand):
    """Drafts ``removed`` went and drafts ``added`` came (place, move, remove, suggest)."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        *,
        removed: Sequence[DraftRecord] = (),
        added: Sequence[DraftRecord] = (),
    ) -> None:
        super().__init__(text, ctx.db, ctx.report, ctx.changed)
        self.removed = list(removed)
        self.added = list(added)

    def apply(self) -> None:
        replace_drafts(self._db, remove=[r.pair.id for r in self.removed], restore=self.added)

    def revert(self) -> None:
        replace_drafts(self._db, remove=[r.pair.id for r in self.added], restore=self.removed)


def _step(pair: Pair) -> tuple[int, datetime, str, str]:
    """The proposal step of ``pair``: event id, when, by whom, note."""
    event = [e for e in pair.events if e.status][-1]
    return event.id, event.at, event.by, event.note


class ProposeCommand(StoreCommand):
    """Drafts became proposals; undo takes the proposal steps back."""

    def __init__(self, ctx: AppContext, text: str, proposed: Sequence[Pair]) -> None:
        super().__init__(text, ctx.db, ctx.report, ctx.changed)
        steps = [_step(p) for p in proposed]
        self._event_ids = {p.id: step[0] for p, step in zip(proposed, steps, strict=True)}
        _id, self._at, self._by, self._note = steps[0]

    def apply(self) -> None:
        propose_drafts(self._db, list(self._event_ids), at=self._at, by=self._by,
                       note=self._note, event_ids=self._event_ids)

    def revert(self) -> None:
        unpropose(self._db, self._event_ids)


class WeightsCommand(StoreCommand):
    """The soft-criteria weights changed."""

    def __init__(self, ctx: AppContext, old: MatchWeights, new: MatchWeights) -> None:
        super().__init__("Change match weights", ctx.db, ctx.report, ctx.changed)
        self._old = old
        self._new = new

    def apply(self) -> None:
        save_match_weights(self._db, self._new)

    def revert(self) -> None:
        save_match_weights(self._db, self._old)
