"""The outbox in the database: messages, their state moves and their timeline events.

Every state move is one short transaction, committed before the next step of
a send: a message is marked ``sending`` (committed) before the first byte goes
to the server, so a crash mid-send leaves it ``sending``, which
:func:`recover_interrupted` turns into ``unconfirmed`` at the next start —
it is never sent again without the coordinator asking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ams_desk.core.outbox import (
    EDITABLE,
    OUTBOX_STATE_LABELS,
    STATE_EVENTS,
    OutboxMoveError,
    OutboxState,
    check_outbox_move,
)
from ams_desk.store.database import Database
from ams_desk.store.rows import NotFoundError, chunks
from ams_desk.store.schema import OutboxMessageRow, OutboxPersonRow, PairEventRow, PairRow


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One message of the outbox, as stored.

    Attributes:
        raw: The exact bytes that go out (the preview shows these).
        to, cc, bcc: Recipient addresses; Bcc is in the envelope only.
        attempts: Sending attempts so far.
        last_error: The latest failure in the server's words (empty if none).
    """

    id: int
    template_key: str
    pair_id: int | None
    signup_id: int | None
    message_id: str
    subject: str
    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    state: OutboxState
    attempts: int
    last_error: str
    queued_at: datetime
    queued_by: str
    sent_at: datetime | None
    raw: bytes
    person_ids: tuple[int, ...] = ()

    @property
    def envelope(self) -> tuple[str, ...]:
        """Every recipient the server is given, each once."""
        seen: set[str] = set()
        result = []
        for address in (*self.to, *self.cc, *self.bcc):
            if address.casefold() not in seen:
                seen.add(address.casefold())
                result.append(address)
        return tuple(result)

    def to_json(self) -> dict[str, object]:
        """The shape of ``ams-desk outbox --json``."""
        return {
            "id": self.id,
            "template": self.template_key,
            "pair_id": self.pair_id,
            "signup_id": self.signup_id,
            "to": list(self.to),
            "cc": list(self.cc),
            "subject": self.subject,
            "message_id": self.message_id,
            "state": self.state.value,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "queued_at": self.queued_at.isoformat(),
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


@dataclass(frozen=True, slots=True)
class NewMessage:
    """What :func:`add_message` stores (built by :mod:`ams_desk.mail.outbox`)."""

    template_key: str
    pair_id: int | None
    signup_id: int | None
    message_id: str
    subject: str
    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    raw: bytes
    person_ids: tuple[int, ...]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _message(row: OutboxMessageRow, person_ids: Sequence[int] = ()) -> OutboxMessage:
    return OutboxMessage(
        id=row.id, template_key=row.template_key, pair_id=row.pair_id, signup_id=row.signup_id,
        message_id=row.message_id, subject=row.subject, sender=row.sender,
        to=tuple(row.to_addrs), cc=tuple(row.cc_addrs), bcc=tuple(row.bcc_addrs),
        state=OutboxState(row.state), attempts=row.attempts, last_error=row.last_error,
        queued_at=row.queued_at, queued_by=row.queued_by, sent_at=row.sent_at, raw=row.raw,
        person_ids=tuple(person_ids),
    )


def _details(row: OutboxMessageRow | NewMessage, outbox_id: int) -> dict[str, str]:
    to = row.to_addrs if isinstance(row, OutboxMessageRow) else row.to
    template = row.template_key
    return {"message_id": row.message_id, "outbox_id": str(outbox_id), "template": template,
            "subject": row.subject, "to": ", ".join(to)}


def _event(session: Session, row: OutboxMessageRow, state: OutboxState, by: str,
           at: datetime, note: str = "") -> None:
    """Record the state on the message's pair's timeline (sign-up emails have no timeline)."""
    if row.pair_id is None or state not in STATE_EVENTS:
        return
    session.add(PairEventRow(pair_id=row.pair_id, at=at, kind=STATE_EVENTS[state], by=by,
                             note=note, details=_details(row, row.id)))


def add_message(session: Session, new: NewMessage, *, by: str,
                at: datetime | None = None) -> int:
    """Store a queued message and its ``email_queued`` event inside the caller's unit of work.

    Returns:
        The message's id in the outbox.
    """
    return add_message_rows(session, [new], by=by, at=at)[0]


def add_message_rows(session: Session, contents: Sequence[NewMessage], *, by: str,
                     at: datetime | None = None) -> list[int]:
    """Store queued messages, their people and their ``email_queued`` events, in bulk.

    Three multi-row INSERTs inside the caller's unit of work, whatever the
    number of messages (a batch of a thousand proposals is one transaction).

    Returns:
        The new messages' ids, in the order of ``contents``.
    """
    if not contents:
        return []
    at = at or _now()
    rows = [
        {"template_key": new.template_key, "pair_id": new.pair_id, "signup_id": new.signup_id,
         "message_id": new.message_id, "subject": new.subject, "sender": new.sender,
         "to_addrs": list(new.to), "cc_addrs": list(new.cc), "bcc_addrs": list(new.bcc),
         "raw": new.raw, "state": OutboxState.QUEUED.value, "attempts": 0, "last_error": "",
         "queued_at": at, "queued_by": by, "updated_at": at}
        for new in contents
    ]
    query = insert(OutboxMessageRow).returning(OutboxMessageRow.id,
                                               sort_by_parameter_order=True)
    ids = list(session.scalars(query, rows))
    people = [{"outbox_id": i, "person_id": p}
              for i, new in zip(ids, contents, strict=True) for p in sorted(set(new.person_ids))]
    if people:
        session.execute(insert(OutboxPersonRow), people)
    kind = STATE_EVENTS[OutboxState.QUEUED]
    events = [{"pair_id": new.pair_id, "at": at, "kind": kind, "by": by, "note": "",
               "details": _details(new, i)}
              for i, new in zip(ids, contents, strict=True) if new.pair_id is not None]
    if events:
        session.execute(insert(PairEventRow), events)
        # A pair already loaded in this session must read its timeline again.
        for pair_id in {e["pair_id"] for e in events}:
            pair = session.identity_map.get(session.identity_key(PairRow, pair_id))
            if pair is not None:
                session.expire(pair, ["events"])
    return ids


def _get(session: Session, outbox_id: int) -> OutboxMessageRow:
    row = session.get(OutboxMessageRow, outbox_id)
    if row is None:
        raise NotFoundError(f"outbox message {outbox_id} does not exist")
    return row


def _persons(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        query = select(OutboxPersonRow.outbox_id, OutboxPersonRow.person_id).where(
            OutboxPersonRow.outbox_id.in_(chunk)).order_by(OutboxPersonRow.person_id)
        for outbox_id, person_id in session.execute(query):
            found.setdefault(outbox_id, []).append(person_id)
    return found


def list_outbox(
    db: Database,
    *,
    states: Iterable[OutboxState] | None = None,
    pair_id: int | None = None,
    person_id: int | None = None,
) -> list[OutboxMessage]:
    """The outbox's messages, oldest first, optionally only some states, a pair's or a person's."""
    query = select(OutboxMessageRow).order_by(OutboxMessageRow.id)
    if states is not None:
        query = query.where(OutboxMessageRow.state.in_([s.value for s in states]))
    if pair_id is not None:
        query = query.where(OutboxMessageRow.pair_id == pair_id)
    if person_id is not None:
        query = query.where(OutboxMessageRow.id.in_(
            select(OutboxPersonRow.outbox_id).where(OutboxPersonRow.person_id == person_id)))
    with db.session() as session:
        rows = list(session.scalars(query))
        persons = _persons(session, (r.id for r in rows))
        return [_message(r, persons.get(r.id, ())) for r in rows]


def get_message(db: Database, outbox_id: int) -> OutboxMessage:
    """One message of the outbox.

    Raises:
        NotFoundError: There is no such message.
    """
    with db.session() as session:
        row = _get(session, outbox_id)
        return _message(row, _persons(session, [row.id]).get(row.id, ()))


def count_sent_since(db: Database, since: datetime) -> int:
    """How many messages were sent since ``since`` (for the hourly cap)."""
    with db.session() as session:
        query = select(func.count()).where(
            (OutboxMessageRow.state == OutboxState.SENT.value)
            & (OutboxMessageRow.sent_at >= since))
        return int(session.scalar(query) or 0)


def remove_queued(db: Database, outbox_id: int) -> None:
    """Take a queueing back (undo): delete the message and its timeline events.

    Raises:
        OutboxMoveError: The message is no longer queued (it was sent, or is being sent).
        NotFoundError: There is no such message.
    """
    remove_queued_many(db, [outbox_id])


def remove_queued_many(db: Database, outbox_ids: Iterable[int]) -> None:
    """:func:`remove_queued` for several messages in one transaction: all of them or none."""
    with db.session() as session:
        for outbox_id in outbox_ids:
            _remove_queued(session, outbox_id)


def _remove_queued(session: Session, outbox_id: int) -> None:
    row = _get(session, outbox_id)
    if row.state != OutboxState.QUEUED.value:
        raise OutboxMoveError(
            f"The message is {OUTBOX_STATE_LABELS[OutboxState(row.state)].lower()}; "
            "its queueing cannot be taken back.")
    if row.pair_id is not None:
        for event in list(session.scalars(select(PairEventRow).where(
                PairEventRow.pair_id == row.pair_id,
                PairEventRow.kind.in_(list(STATE_EVENTS.values()))))):
            if event.details and event.details.get("outbox_id") == str(row.id):
                session.delete(event)
        pair = session.get(PairRow, row.pair_id)
        if pair is not None:
            session.expire(pair, ["events"])
    session.delete(row)
    session.flush()


def add_messages(db: Database, contents: Sequence[NewMessage], *, by: str
                 ) -> list[OutboxMessage]:
    """Queue stored content again (redo of an undone queueing): same bytes, same Message-IDs."""
    with db.session() as session:
        ids = add_message_rows(session, contents, by=by)
        return messages_in(session, ids)


def messages_in(session: Session, outbox_ids: Sequence[int]) -> list[OutboxMessage]:
    """The messages ``outbox_ids``, in that order (read in the caller's unit of work)."""
    found: dict[int, OutboxMessageRow] = {}
    for chunk in chunks(sorted(set(outbox_ids))):
        query = select(OutboxMessageRow).where(OutboxMessageRow.id.in_(chunk))
        found.update((row.id, row) for row in session.scalars(query))
    persons = _persons(session, found)
    return [_message(found[i], persons.get(i, ())) for i in outbox_ids]


def replace_content(db: Database, outbox_id: int, new: NewMessage) -> NewMessage:
    """Edit a queued message: store ``new``'s bytes, subject and recipients; return the old ones.

    The Message-ID must stay the same (what the coordinator previewed keeps its identity).

    Raises:
        OutboxMoveError: The message is not queued any more.
        ValueError: ``new`` has another Message-ID.
    """
    with db.session() as session:
        row = _get(session, outbox_id)
        state = OutboxState(row.state)
        if state not in EDITABLE:
            raise OutboxMoveError(
                f"The message is {OUTBOX_STATE_LABELS[state].lower()}; it cannot be edited.")
        if new.message_id != row.message_id:
            raise ValueError("an edited message keeps its Message-ID")
        old_persons = _persons(session, [row.id]).get(row.id, [])
        old = NewMessage(row.template_key, row.pair_id, row.signup_id, row.message_id,
                         row.subject, row.sender, tuple(row.to_addrs), tuple(row.cc_addrs),
                         tuple(row.bcc_addrs), row.raw, tuple(old_persons))
        row.raw, row.subject, row.sender = new.raw, new.subject, new.sender
        row.to_addrs, row.cc_addrs, row.bcc_addrs = list(new.to), list(new.cc), list(new.bcc)
        row.updated_at = _now()
        session.execute(delete(OutboxPersonRow).where(OutboxPersonRow.outbox_id == row.id))
        for person_id in sorted(set(new.person_ids)):
            session.add(OutboxPersonRow(outbox_id=row.id, person_id=person_id))
        return old


def move_message(
    db: Database, outbox_id: int, target: OutboxState, *, by: str, note: str = "",
    at: datetime | None = None,
) -> OutboxState:
    """A coordinator's move (cancel, retry, "it arrived", "send again"); return the old state.

    Raises:
        OutboxMoveError: The move is not allowed from the message's state.
    """
    with db.session() as session:
        row = _get(session, outbox_id)
        before = OutboxState(row.state)
        check_outbox_move(before, target)
        at = at or _now()
        row.state = target.value
        row.updated_at = at
        if target is OutboxState.SENT:
            row.sent_at = at
        if target is OutboxState.QUEUED:
            row.last_error = ""
        _event(session, row, target, by, at, note)
        return before


def claim(db: Database, outbox_id: int) -> OutboxMessage | None:
    """Mark a queued message ``sending`` (committed); ``None`` if it is not queued any more.

    One UPDATE guarded by the state, so that two senders can never both take it.
    """
    with db.session() as session:
        result = session.execute(
            update(OutboxMessageRow)
            .where((OutboxMessageRow.id == outbox_id)
                   & (OutboxMessageRow.state == OutboxState.QUEUED.value))
            .values(state=OutboxState.SENDING.value, attempts=OutboxMessageRow.attempts + 1,
                    updated_at=_now())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        row = _get(session, outbox_id)
        session.refresh(row)
        return _message(row)


def note_attempt(db: Database, outbox_id: int, error: str) -> None:
    """Count one more attempt of a message being sent, and why the last one failed."""
    with db.session() as session:
        session.execute(
            update(OutboxMessageRow)
            .where((OutboxMessageRow.id == outbox_id)
                   & (OutboxMessageRow.state == OutboxState.SENDING.value))
            .values(attempts=OutboxMessageRow.attempts + 1, last_error=error, updated_at=_now())
            .execution_options(synchronize_session=False)
        )


def finish(
    db: Database, outbox_id: int, target: OutboxState, *, by: str, error: str = "",
    at: datetime | None = None,
) -> None:
    """End a send: ``sent``, ``failed`` (server's words), ``unconfirmed``, or back to ``queued``.

    Raises:
        OutboxMoveError: The message is not ``sending``.
    """
    with db.session() as session:
        row = _get(session, outbox_id)
        check_outbox_move(OutboxState(row.state), target)
        if row.state != OutboxState.SENDING.value:
            raise OutboxMoveError("only a message being sent can finish sending")
        at = at or _now()
        row.state = target.value
        row.updated_at = at
        row.last_error = error
        if target is OutboxState.SENT:
            row.sent_at = at
        _event(session, row, target, by, at, error)


def recover_interrupted(db: Database, *, by: str) -> list[int]:
    """At start-up: messages left ``sending`` by a crash become ``unconfirmed``; return their ids.

    The server may or may not have them, so they are never sent again without
    the coordinator's word.
    """
    with db.session() as session:
        rows = list(session.scalars(select(OutboxMessageRow).where(
            OutboxMessageRow.state == OutboxState.SENDING.value).order_by(OutboxMessageRow.id)))
        at = _now()
        for row in rows:
            row.state = OutboxState.UNCONFIRMED.value
            row.updated_at = at
            row.last_error = ("The app stopped while sending; the server may or may not have "
                              "received it.")
            _event(session, row, OutboxState.UNCONFIRMED, by, at, row.last_error)
        return [row.id for row in rows]


def sent_in_last_hour(db: Database, now: datetime | None = None) -> int:
    """Messages sent in the hour before ``now`` (the throttle's hourly cap counts these)."""
    return count_sent_since(db, (now or datetime.now()) - timedelta(hours=1))
