"""Operations of the matching board: place, move, remove, suggest and propose drafts.

Placing, moving, removing and suggesting are one kind of change: some drafts
go, others come. Their inverse is :func:`swap` the other way, which puts back
the very same pairs (ids and timelines), so undo and redo restore exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import partial

from ams_desk.core.assignment import Suggestion
from ams_desk.core.model import Pair
from ams_desk.store import board, drafts
from ams_desk.store.board import Board
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.drafts import DraftRecord
from ams_desk.store.ops.pairs import pair_changes


def _changes(*records: Sequence[DraftRecord]) -> Changes:
    return pair_changes(*(r.pair for group in records for r in group))


def _swap_back(removed: Sequence[DraftRecord], added: Sequence[DraftRecord]) -> partial[
        Outcome[None]] | None:
    if not removed and not added:
        return None
    return partial(swap, remove=list(added), restore=list(removed))


def swap(
    db: Database, *, remove: Sequence[DraftRecord] = (), restore: Sequence[DraftRecord] = ()
) -> Outcome[None]:
    """Delete the drafts ``remove`` and put ``restore`` back exactly; undo swaps back.

    Raises:
        ValidationError: A restored draft is no longer possible (its mentee was
            placed elsewhere, a rule broke since); nothing changes.
    """
    drafts.replace_drafts(db, remove=[r.pair.id for r in remove], restore=restore)
    return Outcome(None, _changes(remove, restore), _swap_back(remove, restore))


def place(
    db: Database, mentor_signup_id: int, mentee_signup_id: int, *, override: str = ""
) -> Outcome[DraftRecord]:
    """Place the mentee with the mentor as a draft; undo takes it off the board.

    Raises:
        PairRefused: A hard rule is broken and no ``override`` reason was given.
        ValidationError: The mentee is no longer waiting, or a sign-up cannot pair.
    """
    added = drafts.place_draft(db, mentor_signup_id, mentee_signup_id, override=override)
    return Outcome(added, _changes([added]), _swap_back([], [added]))


def move(
    db: Database, pair_id: int, mentor_signup_id: int, *, override: str = ""
) -> Outcome[DraftRecord]:
    """Move a draft's mentee to another mentor; undo puts the old draft back.

    Raises:
        PairRefused: The new mentor breaks a hard rule and no override was given.
        ValidationError: The pair is not a draft, or it is with this mentor already.
    """
    removed, added = drafts.move_draft(db, pair_id, mentor_signup_id, override=override)
    return Outcome(added, _changes([removed], [added]), _swap_back([removed], [added]))


def remove(db: Database, pair_ids: Sequence[int]) -> Outcome[list[DraftRecord]]:
    """Take drafts off the board (their mentees wait again); undo puts them back.

    Raises:
        ValidationError: A pair is not a draft.
        NotFoundError: A pair is gone.
    """
    removed = drafts.remove_drafts(db, pair_ids)
    return Outcome(removed, _changes(removed), _swap_back(removed, []))


SuggestResult = tuple[Board, Suggestion, list[DraftRecord]]


def suggest(
    db: Database,
    year: int | None,
    *,
    today: date | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Outcome[SuggestResult]:
    """Fill the board's free places with the optimiser's drafts; undo takes them off.

    Long: run it off the GUI thread. See :func:`ams_desk.store.board.suggest_drafts`.

    Raises:
        SuggestCancelled: ``cancelled()`` said so before anything was written.
    """
    result = board.suggest_drafts(db, year, today=today, progress=progress,
                                  cancelled=cancelled)
    added = result[2]
    return Outcome(result, _changes(added), _swap_back([], added))


def propose(
    db: Database,
    pair_ids: Sequence[int],
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    event_ids: Mapping[int, int] | None = None,
) -> Outcome[list[Pair]]:
    """Turn drafts into proposals (one step on each timeline); undo takes the steps back.

    Raises:
        TransitionError: A pair is not a draft any more (nothing changes).
    """
    proposed = drafts.propose_drafts(db, pair_ids, at=at, by=by, note=note,
                                     event_ids=event_ids)
    steps = {p.id: [e for e in p.events if e.status][-1] for p in proposed}
    first = next(iter(steps.values()), None)
    undo = partial(unpropose, steps={pid: e.id for pid, e in steps.items()},
                   at=first.at if first else at, by=first.by if first else by,
                   note=first.note if first else note,
                   signup_ids=pair_changes(*proposed).signups)
    return Outcome(proposed, pair_changes(*proposed), undo if proposed else None)


def unpropose(
    db: Database,
    steps: Mapping[int, int],
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    signup_ids: Iterable[int] = (),
) -> Outcome[None]:
    """Take back proposal steps (pair id → event id); undo proposes again, same ids.

    ``signup_ids`` are the pairs' sign-ups, listed in the changes (their status follows).

    Raises:
        TransitionError: A pair has moved on since.
    """
    drafts.unpropose(db, steps)
    changes = Changes.of(pairs=steps, signups=signup_ids)
    redo = partial(propose, pair_ids=list(steps), at=at, by=by, note=note, event_ids=steps)
    return Outcome(None, changes, redo)
