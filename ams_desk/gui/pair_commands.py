"""Undoable pair actions: recording a step, adding a note."""

from __future__ import annotations

from datetime import datetime

from ams_desk.core.workflow import STATUS_LABELS, PairStatus
from ams_desk.gui.commands import StoreCommand
from ams_desk.gui.context import AppContext
from ams_desk.store.pairs import add_note, change_status, remove_event, undo_step


def last_step_id(pair: object) -> int:
    events = [e for e in pair.events if e.status]  # type: ignore[attr-defined]
    return int(events[-1].id)


class PairStepCommand(StoreCommand):
    """A status step; undo removes exactly that step again."""

    def __init__(
        self,
        ctx: AppContext,
        pair_id: int,
        title: str,
        target: PairStatus,
        at: datetime,
        note: str,
        details: dict[str, str],
        event_id: int,
    ) -> None:
        super().__init__(f"{STATUS_LABELS[target]}: {title}", ctx.db, ctx.report, ctx.changed)
        self._pair_id = pair_id
        self._target = target
        self._at = at
        self._note = note
        self._details = details
        self._event_id = event_id

    def apply(self) -> None:
        pair = change_status(
            self._db,
            self._pair_id,
            self._target,
            at=self._at,
            note=self._note,
            details=self._details,
        )
        self._event_id = last_step_id(pair)

    def revert(self) -> None:
        undo_step(self._db, self._pair_id, self._event_id)


class AddNoteCommand(StoreCommand):
    def __init__(
        self, ctx: AppContext, pair_id: int, title: str, note: str, at: datetime, event_id: int
    ) -> None:
        super().__init__(f"Note on {title}", ctx.db, ctx.report, ctx.changed)
        self._pair_id = pair_id
        self._note = note
        self._at = at
        self._event_id = event_id

    def apply(self) -> None:
        pair = add_note(self._db, self._pair_id, self._note, at=self._at)
        self._event_id = max(e.id for e in pair.events if e.kind == "note")

    def revert(self) -> None:
        remove_event(self._db, self._pair_id, self._event_id)
