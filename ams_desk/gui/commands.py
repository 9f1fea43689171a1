"""Undoable actions: each wraps a store service call and the call that reverses it.

A command is pushed only after its first call succeeded, so its first
``redo()`` (which ``QUndoStack.push`` runs at once) does nothing. When a later
undo or redo fails — someone else changed the data meanwhile — the command
reports the error and marks itself obsolete, so the stack drops it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ams_desk.core.model import SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store.database import Database
from ams_desk.store.people import (
    AddedSignup,
    add_signup,
    remove_signup,
    set_signup_statuses,
    update_signup,
)
from ams_desk.store.settings import ProgramSettings, save_program_settings

ErrorSink = Callable[[str, Exception], None]


class StoreCommand(QUndoCommand):
    """Base for commands whose work already happened once when pushed."""

    def __init__(
        self, text: str, db: Database, on_error: ErrorSink, on_done: Callable[[], None]
    ) -> None:
        super().__init__(text)
        self._db = db
        self._on_error = on_error
        self._on_done = on_done
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self.apply, "Redo")

    def undo(self) -> None:
        self._run(self.revert, "Undo")

    def _run(self, action: Callable[[], None], verb: str) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - reported to the coordinator, never lost
            self.setObsolete(True)
            self._on_error(f"{verb} of “{self.text()}” failed", exc)
        self._on_done()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddSignupCommand(StoreCommand):
    def __init__(
        self,
        db: Database,
        added: AddedSignup,
        person: PersonInput,
        signup: SignupInput,
        on_error: ErrorSink,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(f"Add {person.name}", db, on_error, on_done)
        self._added = added
        self._person = person
        self._signup = signup

    def apply(self) -> None:
        add_signup(
            self._db,
            self._person,
            self._signup,
            existing_person_id=None if self._added.person_created else self._added.person_id,
            reuse_ids=self._added,
        )

    def revert(self) -> None:
        remove_signup(self._db, self._added)


class EditSignupCommand(StoreCommand):
    def __init__(
        self,
        db: Database,
        signup_id: int,
        new: tuple[PersonInput, SignupInput],
        old: tuple[PersonInput, SignupInput],
        on_error: ErrorSink,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(f"Edit {new[0].name}", db, on_error, on_done)
        self._signup_id = signup_id
        self._new = new
        self._old = old

    def apply(self) -> None:
        update_signup(self._db, self._signup_id, *self._new)

    def revert(self) -> None:
        update_signup(self._db, self._signup_id, *self._old)


class SetStatusCommand(StoreCommand):
    def __init__(
        self,
        text: str,
        db: Database,
        changes: dict[int, tuple[SignupStatus, SignupStatus]],
        on_error: ErrorSink,
        on_done: Callable[[], None],
    ) -> None:
        """``changes`` maps sign-up ids to (previous status, new status)."""
        super().__init__(text, db, on_error, on_done)
        self._changes = changes

    def apply(self) -> None:
        set_signup_statuses(self._db, {i: new for i, (_old, new) in self._changes.items()})

    def revert(self) -> None:
        set_signup_statuses(self._db, {i: old for i, (old, _new) in self._changes.items()})


class SettingsCommand(StoreCommand):
    def __init__(
        self,
        db: Database,
        old: ProgramSettings,
        new: ProgramSettings,
        on_error: ErrorSink,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__("Change program settings", db, on_error, on_done)
        self._old = old
        self._new = new

    def apply(self) -> None:
        save_program_settings(self._db, self._new)

    def revert(self) -> None:
        save_program_settings(self._db, self._old)
