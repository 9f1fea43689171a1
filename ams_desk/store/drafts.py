"""Changing the matching board: placing, moving, removing and proposing drafts.

Each function is one unit of work: it changes everything asked or, on any
refusal, nothing. A draft was never told to anyone, so taking one back
deletes it; a :class:`DraftRecord` keeps all of it (ids and timeline) so that
undo and redo put it back exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from ams_desk.core.eligibility import Candidate, admit_pair
from ams_desk.core.model import Pair, PairEvent
from ams_desk.core.scoring import MatchWeights
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import STATUS_LABELS, PairStatus, TransitionError
from ams_desk.store.candidates import candidates_by_id
from ams_desk.store.database import Database
from ams_desk.store.pairs import (
    change_status_in,
    coordinator_name,
    create_pair_in,
    sync_signup_statuses,
    undo_step_in,
    year_of_day,
)
from ams_desk.store.rows import (
    NotFoundError,
    lock_signups,
    mentees_in_pairs,
    pair_of,
    pairing_history,
    places_taken,
)
from ams_desk.store.schema import PairEventRow, PairRow
from ams_desk.store.settings import load_program_settings, store_program_settings


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """A draft as stored: the pair with its timeline, and the override note if any."""

    pair: Pair
    override_note: str = ""


def _record(row: PairRow) -> DraftRecord:
    return DraftRecord(pair_of(row), row.override_note or "")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class _Checker:
    """:func:`~ams_desk.core.eligibility.admit_pair` for many pairs in one unit of work.

    Reads the sign-ups, places taken, settings and history once; counts the
    pairs it lets through, so a mentor's places and a mentee's one pair hold
    across the batch as they would one call at a time.
    """

    def __init__(self, session: Session, signup_ids: Iterable[int]) -> None:
        self.ladder = load_program_settings(session).ladder
        self.history = pairing_history(session)
        self.taken = Counter(places_taken(session))
        self.candidates = candidates_by_id(session, list(signup_ids))
        # Drafts leave their mentees open, so who is placed is read from the pairs.
        self.placed = mentees_in_pairs(session, self.candidates)

    def _get(self, signup_id: int) -> Candidate:
        candidate = self.candidates.get(signup_id)
        if candidate is None:
            raise NotFoundError(f"sign-up {signup_id} does not exist")
        return candidate

    def check(self, mentor_signup_id: int, mentee_signup_id: int, override: str) -> bool:
        """Raise as ``admit_pair`` does; return whether rules are overridden."""
        refused = admit_pair(
            self._get(mentor_signup_id), self._get(mentee_signup_id), ladder=self.ladder,
            history=self.history, mentor_taken=self.taken[mentor_signup_id], override=override,
            mentee_placed=mentee_signup_id in self.placed,
        )  # fmt: skip
        self.taken[mentor_signup_id] += 1
        self.placed.add(mentee_signup_id)
        return bool(refused)


def place_draft(
    db: Database,
    mentor_signup_id: int,
    mentee_signup_id: int,
    *,
    override: str = "",
    at: datetime | None = None,
    by: str | None = None,
) -> DraftRecord:
    """Place a draft: the mentee with the mentor, told to no one yet.

    Args:
        override: The coordinator's reason to place it despite broken hard
            rules; kept on the pair and on its timeline.

    Raises:
        PairRefused: A hard rule is broken and no override was given; its
            ``refused`` lists the rules with their reasons.
        ValidationError: The mentee is no longer waiting, or a sign-up has
            the wrong role or is withdrawn.
    """
    with db.session(write=True) as session:
        row = create_pair_in(session, mentor_signup_id, mentee_signup_id, status=PairStatus.DRAFT,
                       at=at, by=by, override=override)
        return _record(row)


def place_drafts(
    db: Database,
    pairs: Iterable[tuple[int, int]],
    *,
    at: datetime | None = None,
    by: str | None = None,
) -> list[DraftRecord]:
    """Place several drafts (mentor sign-up id, mentee sign-up id) at once, all or none.

    Raises:
        PairRefused: One of them breaks a hard rule (no override here: this
            places the optimiser's suggestions, which break none).
    """
    at, by = at or _now(), by or coordinator_name()
    pairs = list(pairs)
    with db.session(write=True) as session:
        lock_signups(session, [signup for pair in pairs for signup in pair])
        checker = _Checker(session, [signup for pair in pairs for signup in pair])
        year = year_of_day(session, at)
        records = []
        for mentor, mentee in pairs:
            checker.check(mentor, mentee, "")
            event = PairEvent(at=at, kind="status", status=PairStatus.DRAFT, by=by)
            records.append(DraftRecord(Pair(0, mentor, mentee, PairStatus.DRAFT, year,
                                            (event,))))
        records = _write(session, records)
        sync_signup_statuses(session, [signup for pair in pairs for signup in pair])
        return records


def _write(session: Session, records: list[DraftRecord]) -> list[DraftRecord]:
    """Insert drafts with their timelines: two bulk INSERTs, where the ORM sends two per draft.

    Either every pair and event has its id (undo puts drafts back as they
    were) or none has (new drafts: the records are returned with new ids).
    """
    if not records:
        return []
    fresh = records[0].pair.id == 0
    pair_ids = _insert(session, PairRow, fresh, [
        ({"mentor_signup_id": r.pair.mentor_signup_id, "mentee_signup_id": r.pair.mentee_signup_id,
          "status": r.pair.status, "program_year": r.pair.program_year,
          "override_note": r.override_note}, r.pair.id)
        for r in records
    ])  # fmt: skip
    event_ids = iter(_insert(session, PairEventRow, fresh, [
        ({"pair_id": pair_id, "at": e.at, "kind": e.kind, "status": e.status, "by": e.by,
          "note": e.note, "details": dict(e.details) if e.details else None}, e.id)
        for r, pair_id in zip(records, pair_ids, strict=True) for e in r.pair.events
    ]))  # fmt: skip
    if not fresh:
        return records
    return [
        replace(r, pair=replace(r.pair, id=pair_id, events=tuple(
            replace(e, id=next(event_ids)) for e in r.pair.events)))
        for r, pair_id in zip(records, pair_ids, strict=True)
    ]  # fmt: skip


def _insert(
    session: Session, row: type[PairRow] | type[PairEventRow], fresh: bool,
    values: list[tuple[dict[str, object], int]],
) -> list[int]:  # fmt: skip
    """Insert (values, id) rows in one statement; ``fresh`` ones get new ids, returned in order."""
    if not values:
        return []
    table = cast(Table, row.__table__)
    if fresh:
        query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.scalars(query, [value for value, _id in values]))
    session.execute(insert(table), [value | {"id": id_} for value, id_ in values])
    return [id_ for _value, id_ in values]


def draft_gone(pair_id: int) -> NotFoundError:
    """The refusal of a change to a draft that is no longer stored (another coordinator
    took it off the board, moved it, or undid its placing)."""
    return NotFoundError(f"This draft (pair {pair_id}) is no longer on the board: another "
                         "coordinator took it off or moved it meanwhile. Nothing was changed.")


def not_a_draft(session: Session, row: PairRow) -> str:
    """What a pair that is no longer a draft is now, and who made it so (for a refusal)."""
    names = candidates_by_id(session, [row.mentor_signup_id, row.mentee_signup_id])
    mentor, mentee = (names[i].person.name if i in names else "?"
                      for i in (row.mentor_signup_id, row.mentee_signup_id))
    label = STATUS_LABELS[PairStatus(row.status)].lower()
    when = f" at {row.modified_at:%Y-%m-%d %H:%M}" if row.modified_at else ""
    who = f" ({row.modified_by} changed it{when})" if row.modified_by else ""
    return f"{mentor} → {mentee} is {label}{who}"


def _locked_drafts(session: Session, ids: list[int]) -> dict[int, PairRow]:
    """These pairs' rows, locked in id order (PostgreSQL: a second writer waits, then finds
    what the first left; SQLite's writing unit of work holds the file)."""
    rows: dict[int, PairRow] = {}
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), 500):
        query = (select(PairRow).where(PairRow.id.in_(ordered[start : start + 500]))
                 .order_by(PairRow.id).with_for_update())
        rows.update((row.id, row) for row in session.scalars(query))
    return rows


def _remove(session: Session, pair_ids: Iterable[int]) -> list[DraftRecord]:
    ids = list(pair_ids)
    rows = _locked_drafts(session, ids)
    records: list[DraftRecord] = []
    signups: set[int] = set()
    for pair_id in ids:
        row = rows.get(pair_id)
        if row is None:
            raise draft_gone(pair_id)
        if row.status != PairStatus.DRAFT:
            raise ValidationError(
                "pair",
                f"Only drafts can be taken off the board; {not_a_draft(session, row)}. "
                "Cancel it on its timeline instead.",
            )
        records.append(_record(row))
        signups.update((row.mentor_signup_id, row.mentee_signup_id))
        session.delete(row)
    session.flush()
    sync_signup_statuses(session, signups)
    return records


def remove_drafts(db: Database, pair_ids: Iterable[int]) -> list[DraftRecord]:
    """Delete drafts and put their mentees back among the waiting; return them (for undo).

    Raises:
        ValidationError: A pair is not a draft (proposals are cancelled on
            their timeline, so that their story stays).
        NotFoundError: A pair no longer exists.
    """
    with db.session(write=True) as session:
        return _remove(session, pair_ids)


def _restore(session: Session, records: Iterable[DraftRecord]) -> None:
    records = list(records)
    signups = [i for r in records for i in (r.pair.mentor_signup_id, r.pair.mentee_signup_id)]
    lock_signups(session, signups)
    checker = _Checker(session, signups)
    for record in records:
        pair = record.pair
        if pair.status != PairStatus.DRAFT:
            raise ValueError(f"pair {pair.id} is not a draft")
        checker.check(pair.mentor_signup_id, pair.mentee_signup_id, record.override_note)
    _write(session, records)
    sync_signup_statuses(session, signups)


def replace_drafts(
    db: Database, *, remove: Iterable[int] = (), restore: Iterable[DraftRecord] = ()
) -> None:
    """Delete the drafts ``remove``, then put ``restore`` back exactly (undo and redo).

    A restored draft is checked like a new one: if its mentee was placed
    elsewhere meanwhile, or a rule it did not override broke since, nothing
    changes and the error says why.
    """
    with db.session(write=True) as session:
        _remove(session, remove)
        _restore(session, restore)


def move_draft(
    db: Database,
    pair_id: int,
    mentor_signup_id: int,
    *,
    override: str = "",
    at: datetime | None = None,
    by: str | None = None,
) -> tuple[DraftRecord, DraftRecord]:
    """Move a draft's mentee to another mentor: remove and place in one unit of work.

    Returns:
        The draft removed and the draft placed.

    Raises:
        PairRefused: The new mentor breaks a hard rule and no override was
            given; the draft stays where it was.
        ValidationError: The pair is not a draft, or it is with this mentor already.
    """
    with db.session(write=True) as session:
        row = _locked_drafts(session, [pair_id]).get(pair_id)
        if row is None:
            raise draft_gone(pair_id)
        if row.mentor_signup_id == mentor_signup_id:
            raise ValidationError("mentor", "The draft is with this mentor already.")
        removed = _remove(session, [pair_id])[0]
        row = create_pair_in(session, mentor_signup_id, removed.pair.mentee_signup_id,
                       status=PairStatus.DRAFT, at=at, by=by, override=override)
        return removed, _record(row)


def propose_drafts(
    db: Database,
    pair_ids: Iterable[int],
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    event_ids: Mapping[int, int] | None = None,
) -> list[Pair]:
    """Turn drafts into proposals: the team suggests each mentee to the mentor.

    Records the ``proposed`` step on each timeline (the email follows with
    the mail issue). All the drafts or none.

    Args:
        event_ids: Per pair id, the id its new step had before it was taken
            back (redo), so that the timeline is restored exactly.

    Raises:
        TransitionError: A pair is not a draft any more.
    """
    at, by = at or _now(), by or coordinator_name()
    with db.session(write=True) as session:
        proposed: list[Pair] = []
        ids = list(pair_ids)
        rows = _locked_drafts(session, ids)
        for pair_id in ids:
            row = rows.get(pair_id)
            if row is None:
                raise draft_gone(pair_id)
            if row.status != PairStatus.DRAFT:
                raise TransitionError(f"Only drafts can be proposed; {not_a_draft(session, row)}.")
            step = change_status_in(session, pair_id, PairStatus.PROPOSED, at=at, by=by, note=note,
                             event_id=(event_ids or {}).get(pair_id))
            proposed.append(pair_of(step))
        return proposed


def unpropose(db: Database, steps: Mapping[int, int]) -> None:
    """Take back proposal steps (pair id → step event id): the pairs are drafts again.

    Raises:
        TransitionError: A pair has moved on since (a later step was recorded).
    """
    with db.session(write=True) as session:
        for pair_id, event_id in steps.items():
            undo_step_in(session, pair_id, event_id)


def save_match_weights(db: Database, weights: MatchWeights) -> MatchWeights:
    """Store the soft-criteria weights in the program settings; return the previous ones."""
    with db.session(write=True) as session:
        settings = load_program_settings(session)
        previous = MatchWeights.from_dict(settings.match_weights)
        store_program_settings(session, replace(settings, match_weights=weights.to_dict()))
        return previous
