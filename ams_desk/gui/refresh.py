"""The one way a view learns that data changed: ``apply_changes(changes)``.

:class:`~ams_desk.gui.operations.Operations` emits ``changed(Changes)`` after
every operation; each view is connected to it through its ``apply_changes``
and decides from the :class:`~ams_desk.store.changes.Changes` what to read
again. With 100,000 people, reading a table that is not on screen after each
change would take seconds, so a view keeps its changes in
:class:`PendingChanges` while hidden and reads when it is shown (its
``showEvent`` calls :meth:`PendingChanges.flush`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from ams_desk.store.changes import Changes


class Refreshable(Protocol):
    """A view that refreshes what a change touches."""

    def apply_changes(self, changes: Changes) -> None:
        """Show ``changes`` (now, or when the view is next shown)."""


class PendingChanges:
    """Changes a view has not shown yet.

    ``wants(changes)`` says whether a change concerns the view at all;
    ``refresh(changes)`` reads what it touches. The view starts with
    everything pending (nothing read yet). ``eager`` views refresh even while
    hidden (the attention list: its count shows on its tab). A plain object,
    not a Qt event filter: the view's own ``showEvent`` calls :meth:`flush`.
    """

    def __init__(
        self,
        view: QWidget,
        wants: Callable[[Changes], bool],
        refresh: Callable[[Changes], None],
        *,
        eager: bool = False,
    ) -> None:
        self._view = view
        self._wants = wants
        self._refresh = refresh
        self._eager = eager
        self._pending: Changes | None = Changes.all()
        self._read_once = False

    @property
    def loaded(self) -> bool:
        """Whether the view shows everything stored (no change is waiting)."""
        return self._pending is None

    @property
    def read_once(self) -> bool:
        """Whether the view has read the store at least once (its rows may be a change behind)."""
        return self._read_once

    def add(self, changes: Changes) -> None:
        """Note ``changes``; refresh at once if the view is on screen (or eager)."""
        if not (changes.everything or self._wants(changes)):
            return
        self._pending = changes if self._pending is None else self._pending | changes
        if self._eager or self._view.isVisible():
            self.flush()

    def flush(self) -> None:
        """Refresh now with whatever is pending."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._refresh(pending)
            self._read_once = True
