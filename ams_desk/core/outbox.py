"""The outbox's states and the moves between them (DESIGN.md §4), as data.

A queued message is rendered once; from then on only its state moves. The
rules here decide which moves are allowed, so that no caller can, say, send a
message that was cancelled or send an unconfirmed one again without the
coordinator asking for it.
"""

from __future__ import annotations

import enum


class OutboxState(enum.StrEnum):
    """Where a message of the outbox stands."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    CANCELLED = "cancelled"
    EXPORTED = "exported"


OUTBOX_STATE_LABELS: dict[OutboxState, str] = {
    OutboxState.QUEUED: "Queued",
    OutboxState.SENDING: "Sending",
    OutboxState.SENT: "Sent",
    OutboxState.FAILED: "Failed",
    OutboxState.UNCONFIRMED: "Unconfirmed",
    OutboxState.CANCELLED: "Cancelled",
    OutboxState.EXPORTED: "Saved as .eml",
}

OUTBOX_MOVES: dict[OutboxState, frozenset[OutboxState]] = {
    OutboxState.QUEUED: frozenset(
        {OutboxState.SENDING, OutboxState.CANCELLED, OutboxState.EXPORTED}
    ),
    # A send ends sent, refused for good, unknown (lost after the final dot),
    # back in the queue after a transient failure, or handed to a mail program.
    OutboxState.SENDING: frozenset(
        {OutboxState.SENT, OutboxState.FAILED, OutboxState.UNCONFIRMED, OutboxState.QUEUED,
         OutboxState.EXPORTED}
    ),
    # Retrying a failed message or resending an unconfirmed one is the
    # coordinator's explicit choice; it keeps the message's bytes and Message-ID.
    OutboxState.FAILED: frozenset({OutboxState.QUEUED, OutboxState.CANCELLED}),
    OutboxState.UNCONFIRMED: frozenset(
        {OutboxState.SENT, OutboxState.QUEUED, OutboxState.CANCELLED}
    ),
    OutboxState.EXPORTED: frozenset({OutboxState.QUEUED, OutboxState.SENT}),
    OutboxState.SENT: frozenset(),
    OutboxState.CANCELLED: frozenset({OutboxState.QUEUED}),
}
"""Allowed moves; everything else is refused by :func:`check_outbox_move`."""

EDITABLE: frozenset[OutboxState] = frozenset({OutboxState.QUEUED})
"""States in which a message may still be edited (it has not left the app)."""

STATE_EVENTS: dict[OutboxState, str] = {
    OutboxState.QUEUED: "email_queued",
    OutboxState.SENT: "email_sent",
    OutboxState.FAILED: "email_failed",
    OutboxState.UNCONFIRMED: "email_unconfirmed",
    OutboxState.CANCELLED: "email_cancelled",
    OutboxState.EXPORTED: "email_exported",
}
"""The timeline event each state records on the message's pair (``sending`` records none)."""

EMAIL_EVENT_KINDS: frozenset[str] = frozenset(STATE_EVENTS.values())


class OutboxMoveError(ValueError):
    """A state change the outbox does not allow; the message says why."""


def check_outbox_move(current: OutboxState, target: OutboxState) -> None:
    """Raise :class:`OutboxMoveError` unless a message may move from ``current`` to ``target``."""
    if target not in OUTBOX_MOVES[current]:
        raise OutboxMoveError(
            f"A message that is {OUTBOX_STATE_LABELS[current].lower()} cannot become "
            f"{OUTBOX_STATE_LABELS[target].lower()}."
        )
