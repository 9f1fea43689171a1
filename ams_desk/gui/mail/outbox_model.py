"""The Outbox table: every message with its state, recipients, template and pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from PySide6.QtGui import QColor, QFont

from ams_desk.core.outbox import OUTBOX_STATE_LABELS, OutboxState
from ams_desk.core.text import collation_key
from ams_desk.gui.table_model import Column, FastTableModel
from ams_desk.mail.listing import OutboxEntry

STATE_COLORS: dict[OutboxState, QColor] = {
    OutboxState.FAILED: QColor("#b3261e"),
    OutboxState.UNCONFIRMED: QColor("#8a5a00"),
    OutboxState.SENDING: QColor("#2f5d8a"),
    OutboxState.SENT: QColor("#2e7d32"),
    OutboxState.EXPORTED: QColor("#2e7d32"),
    OutboxState.CANCELLED: QColor("#8a939c"),
}

WAITING: frozenset[OutboxState] = frozenset(
    {OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED, OutboxState.UNCONFIRMED})
"""Messages the coordinator still has to act on."""

STATE_ORDER = {state: i for i, state in enumerate(OutboxState)}


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def recipients_text(entry: OutboxEntry) -> str:
    """``To`` addresses, then ``cc`` ones marked."""
    message = entry.message
    text = ", ".join(message.to)
    return text + (f"   (cc {', '.join(message.cc)})" if message.cc else "")


class OutboxTableModel(FastTableModel[OutboxEntry]):
    """The outbox's messages, filtered by state; failed in red, unconfirmed in amber."""

    def __init__(self, parent: Any = None) -> None:
        self._states: frozenset[OutboxState] | None = WAITING
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        super().__init__(
            [
                Column("State", lambda r: OUTBOX_STATE_LABELS[r.state],
                       lambda r: STATE_ORDER[r.state], 110,
                       tooltip=lambda r: r.message.last_error or None),
                Column("To", recipients_text, None, 250),
                Column("Subject", lambda r: r.message.subject, None, 320),
                Column("Template", lambda r: r.template_name, None, 190),
                Column("Pair", lambda r: r.about, lambda r: collation_key(r.about), 260),
                Column("Queued", lambda r: _when(r.message.queued_at),
                       lambda r: r.message.queued_at, 130),
                Column("Sent", lambda r: _when(r.message.sent_at),
                       lambda r: r.message.sent_at, 130),
                Column("Tries", lambda r: str(r.message.attempts) if r.message.attempts else "",
                       lambda r: r.message.attempts, 50, True),
                Column("Last error", lambda r: r.message.last_error, None, 300,
                       tooltip=lambda r: r.message.last_error or None),
            ],
            parent,
        )

    def set_states(self, states: Collection[OutboxState] | None) -> None:
        """Show only messages in ``states`` (``None``: all)."""
        self._states = frozenset(states) if states is not None else None
        self.refilter()

    def accepts(self, row: OutboxEntry) -> bool:
        return self._states is None or row.state in self._states

    def counts(self) -> Counter[OutboxState]:
        """How many messages are in each state (all rows, whatever the filter)."""
        return Counter(r.state for r in self.all_rows())

    def foreground(self, row: OutboxEntry, column: int) -> Any:
        if column in (0, 8):
            return STATE_COLORS.get(row.state)
        return STATE_COLORS[row.state] if row.state is OutboxState.CANCELLED else None


def _sent_or_queued(entry: OutboxEntry) -> Any:
    return entry.message.sent_at or entry.message.queued_at


class PersonEmailsModel(FastTableModel[OutboxEntry]):
    """A person's emails in their History: state, date (sent, else queued), subject, template."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("State", lambda r: OUTBOX_STATE_LABELS[r.state],
                       lambda r: STATE_ORDER[r.state], 100,
                       tooltip=lambda r: r.message.last_error or None),
                Column("Date", lambda r: _when(_sent_or_queued(r)), _sent_or_queued, 125,
                       tooltip=lambda r: "sent" if r.message.sent_at else "queued"),
                Column("Subject", lambda r: r.message.subject, None, 290),
                Column("Template", lambda r: r.template_name, None, 170),
            ],
            parent,
        )

    def foreground(self, row: OutboxEntry, column: int) -> Any:
        return STATE_COLORS.get(row.state) if column == 0 else None


def counts_text(counts: Counter[OutboxState]) -> str:
    """The tab title's figures: ``3 queued · 1 failed`` (states needing action, then sent)."""
    order = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED,
             OutboxState.UNCONFIRMED)
    parts = [f"{counts[s]:,} {OUTBOX_STATE_LABELS[s].lower()}" for s in order if counts[s]]
    return " · ".join(parts)
