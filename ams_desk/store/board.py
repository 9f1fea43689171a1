"""The matching board: what it shows, and the optimiser's suggestions.

:func:`load_board` reads everything the board shows in one transaction: the
waiting pool of every program year (:mod:`ams_desk.core.pool`) — the mentees
waiting, the mentors who may take them —, the drafts and proposals, earlier
pairings and the places each mentor has taken. The writes
(placing, moving, removing and proposing drafts) are in
:mod:`ams_desk.store.drafts`.

A mentor's places are counted one way everywhere: the rule is
:mod:`ams_desk.core.places` (a draft takes a place too), the count
:func:`ams_desk.store.rows.places_taken`. The board's free slots,
:func:`ams_desk.store.pairs.check_candidates`, the Mentors table and
:func:`suggest_for` all read that one count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ams_desk.core.assignment import Cancelled, Suggestion, suggest
from ams_desk.core.coverage import BoardFigures, board_figures
from ams_desk.core.eligibility import Candidate, PairingHistory, Rule, RuleResult, check_pair
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.matching import rule_matrices, score_matrix
from ams_desk.core.model import Role, SignupStatus, program_year_for
from ams_desk.core.places import free_places
from ams_desk.core.pool import mentee_in_pool, mentor_in_pool, mentor_pool_since
from ams_desk.core.scoring import MatchWeights, Score, score_pair
from ams_desk.core.text import collation_key
from ams_desk.core.workflow import PairStatus
from ams_desk.store.candidates import SIGNUP, load_candidates
from ams_desk.store.database import Database
from ams_desk.store.drafts import (
    DraftRecord,
    move_draft,
    place_draft,
    place_drafts,
    propose_drafts,
    remove_drafts,
    replace_drafts,
    save_match_weights,
    unpropose,
)
from ams_desk.store.rows import pairing_history, places_taken
from ams_desk.store.schema import PairRow, SignupRow
from ams_desk.store.settings import ProgramSettings, load_program_settings

ON_BOARD = (PairStatus.DRAFT, PairStatus.PROPOSED)
"""The pair statuses the board shows under their mentor."""

__all__ = [
    "Board",
    "BoardPair",
    "DraftRecord",
    "SUGGEST_STEPS",
    "SuggestCancelled",
    "blocked_rules",
    "load_board",
    "mentor_scores",
    "move_draft",
    "place_draft",
    "place_drafts",
    "propose_drafts",
    "remove_drafts",
    "replace_drafts",
    "rule_results",
    "save_match_weights",
    "suggest_drafts",
    "suggest_for",
    "suggestions",
    "unpropose",
]

@dataclass(frozen=True, slots=True)
class BoardPair:
    """A draft or a proposal on the board, scored with the weights in force."""

    pair_id: int
    mentor_signup_id: int
    mentee_signup_id: int
    status: PairStatus
    mentee: Candidate
    score: Score
    override_note: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status is PairStatus.DRAFT


@dataclass(frozen=True)
class Board:
    """Everything the matching board shows: the waiting pool (DESIGN.md §3).

    Attributes:
        year: The program year the mentees are narrowed to (None: every year).
        years: Every program year with sign-ups, newest first (empty: no sign-ups).
        mentors: The pool's mentor sign-ups with a free place
            (:func:`ams_desk.core.pool.mentor_in_pool`), with the mentors of
            the drafts and proposals shown: those with a free place first, then by name.
        mentees: Mentee sign-ups waiting for a mentor (open, not in a draft),
            of any program year unless narrowed, longest waiting first.
        pairs: The drafts and proposals (of the year's mentees when narrowed),
            by mentor then id.
        taken: Places taken per mentor sign-up by every pair that takes one
            (drafts and proposals included; :mod:`ams_desk.core.places`).
        history: Earlier pairings of people, in any year.
    """

    year: int | None
    years: tuple[int, ...]
    mentors: tuple[Candidate, ...]
    mentees: tuple[Candidate, ...]
    pairs: tuple[BoardPair, ...]
    taken: Mapping[int, int]
    history: PairingHistory
    ladder: SeniorityLadder
    weights: MatchWeights
    today: date
    _by_mentor: dict[int, tuple[BoardPair, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        grouped: defaultdict[int, list[BoardPair]] = defaultdict(list)
        for pair in self.pairs:
            grouped[pair.mentor_signup_id].append(pair)
        object.__setattr__(self, "_by_mentor", {k: tuple(v) for k, v in grouped.items()})

    def pairs_of(self, mentor_signup_id: int) -> tuple[BoardPair, ...]:
        """The drafts and proposals of one mentor sign-up."""
        return self._by_mentor.get(mentor_signup_id, ())

    def places_taken(self, mentor_signup_id: int) -> int:
        """Places the mentor sign-up has taken (drafts and proposals included)."""
        return self.taken.get(mentor_signup_id, 0)

    def figures(self) -> BoardFigures:
        """Coverage, places free and scores of the board (:mod:`ams_desk.core.coverage`)."""
        return board_figures(
            waiting=len(self.mentees),
            pairs=((p.is_draft, p.score.total) for p in self.pairs),
            mentors=((m.signup.capacity, self.places_taken(m.signup.id)) for m in self.mentors),
        )

    def pair(self, pair_id: int) -> BoardPair | None:
        return next((p for p in self.pairs if p.pair_id == pair_id), None)

    def fixed_taken(self) -> tuple[dict[int, int], list[tuple[int, int]]]:
        """What :func:`~ams_desk.core.assignment.suggest` needs to keep the board's pairs.

        Returns:
            Places taken by pairs other than the board's drafts and proposals,
            and those pairs as (mentor sign-up id, mentee sign-up id).
        """
        fixed = [(p.mentor_signup_id, p.mentee_signup_id) for p in self.pairs]
        on_board = Counter(mentor for mentor, _mentee in fixed)
        others = {k: v - on_board[k] for k, v in self.taken.items() if v - on_board[k] > 0}
        return others, fixed


def _candidate_rows(session: Session, today: date, settings: ProgramSettings) -> list[Candidate]:
    """The sign-ups the board may show, with their people, in one query.

    A generous first cut in SQL (open mentees of any year, open mentors of the
    running year or signed up recently, and everyone in a draft or proposal);
    :func:`load_board` then applies the pool's rules of :mod:`ams_desk.core.pool`.
    """
    pair = PairRow.__table__
    board_pairs = select(pair.c.mentor_signup_id, pair.c.mentee_signup_id).where(
        pair.c.status.in_([s.value for s in ON_BOARD])
    ).subquery()
    running = program_year_for(today, settings.year_start_month)
    since = mentor_pool_since(today, settings.mentor_pool_months)
    return load_candidates(session, or_(
        (SIGNUP.c.role == Role.MENTEE.value) & (SIGNUP.c.status == SignupStatus.OPEN.value),
        (SIGNUP.c.role == Role.MENTOR.value) & (SIGNUP.c.status == SignupStatus.OPEN.value)
        & ((SIGNUP.c.program_year == running) | (SIGNUP.c.signed_up >= since)),
        SIGNUP.c.id.in_(select(board_pairs.c.mentor_signup_id)),
        SIGNUP.c.id.in_(select(board_pairs.c.mentee_signup_id)),
    ))


def board_years(session: Session) -> tuple[int, ...]:
    query = select(SignupRow.program_year).distinct().order_by(SignupRow.program_year.desc())
    return tuple(session.scalars(query))


def load_board(db: Database, year: int | None = None, *, today: date | None = None) -> Board:
    """Read the matching board: the whole waiting pool, or its mentees of one program year.

    Args:
        db: The database.
        year: None for the whole pool (every waiting mentee of any year); a
            program year narrows the waiting mentees, and the drafts and
            proposals, to mentees of that year. The mentors are the pool's
            either way (:mod:`ams_desk.core.pool`).
        today: The day waiting time and the pool are counted to (default: today).
    """
    today = today or date.today()
    with db.session() as session:
        settings = load_program_settings(session)
        years = board_years(session)
        weights = MatchWeights.from_dict(settings.match_weights)
        ladder = settings.ladder
        if not years:
            return Board(year, years, (), (), (), {}, PairingHistory(), ladder, weights, today)
        candidates = {c.signup.id: c for c in _candidate_rows(session, today, settings)}
        pair = PairRow.__table__
        pair_rows = session.connection().execute(
            select(pair.c.id, pair.c.mentor_signup_id, pair.c.mentee_signup_id, pair.c.status,
                   pair.c.override_note)
            .where(pair.c.status.in_([s.value for s in ON_BOARD]))
            .order_by(pair.c.id)
        ).all()
        taken = places_taken(session)
        history = pairing_history(session)
    on_board = {mentee for _i, _m, mentee, _s, _o in pair_rows}
    if year is not None:
        pair_rows = [r for r in pair_rows if candidates[r[2]].signup.program_year == year]
    with_pairs = {mentor for _i, mentor, _e, _s, _o in pair_rows}

    def offered(c: Candidate) -> bool:
        if c.signup.id in with_pairs:
            return True
        return free_places(c.signup.capacity, taken.get(c.signup.id, 0)) > 0 and mentor_in_pool(
            c.signup, today=today, year_start_month=settings.year_start_month,
            recent_months=settings.mentor_pool_months)

    mentors = sorted(  # those with a free place first, the full ones (with drafts) after
        (c for c in candidates.values() if c.signup.role is Role.MENTOR and offered(c)),
        key=lambda c: (free_places(c.signup.capacity, taken.get(c.signup.id, 0)) == 0,
                       collation_key(c.person.name), c.signup.id),
    )
    mentees = sorted(
        (c for c in candidates.values()
         if mentee_in_pool(c.signup) and c.signup.id not in on_board
         and (year is None or c.signup.program_year == year)),
        key=lambda c: (c.signup.signed_up, collation_key(c.person.name), c.signup.id),
    )
    pairs = [
        BoardPair(
            pair_id, mentor_id, mentee_id, PairStatus(status), candidates[mentee_id],
            score_pair(candidates[mentor_id], candidates[mentee_id], ladder=ladder,
                       weights=weights, today=today),
            override_note or "",
        )
        for pair_id, mentor_id, mentee_id, status, override_note in pair_rows
    ]
    order = {c.signup.id: i for i, c in enumerate(mentors)}
    pairs.sort(key=lambda p: (order[p.mentor_signup_id], p.pair_id))
    return Board(year, years, tuple(mentors), tuple(mentees), tuple(pairs), taken, history,
                 ladder, weights, today)


def suggest_for(
    board: Board,
    weights: MatchWeights | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> Suggestion:
    """The optimiser's suggestions for the board's free places; writes nothing.

    The board's drafts and proposals stay as they are (``fixed``); their
    mentees count in the coverage as placed. ``cancelled`` is asked between
    the optimiser's rounds (see :func:`~ams_desk.core.assignment.suggest`).
    """
    others, fixed = board.fixed_taken()
    mentees = list(board.mentees) + [p.mentee for p in board.pairs]
    return suggest(
        board.mentors,
        mentees,
        ladder=board.ladder,
        history=board.history,
        taken=others,
        weights=weights or board.weights,
        today=board.today,
        fixed=fixed,
        cancelled=cancelled,
    )


def suggestions(
    db: Database,
    year: int | None = None,
    *,
    today: date | None = None,
    weights: MatchWeights | None = None,
) -> tuple[Board, Suggestion]:
    """Load the board (the whole pool, or narrowed to ``year``) and the suggestions for it.

    Writes nothing.
    """
    board = load_board(db, year, today=today)
    return board, suggest_for(board, weights)


SUGGEST_STEPS = ("Reading the board", "Finding the best drafts", "Placing the drafts")
"""The steps of :func:`suggest_drafts`, in the order its ``progress(done, total)`` reports."""


class SuggestCancelled(Exception):
    """The caller's ``cancelled()`` returned True before the drafts were written; nothing was."""


def suggest_drafts(
    db: Database,
    year: int | None,
    *,
    today: date | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Board, Suggestion, list[DraftRecord]]:
    """Fill the board's free places with the optimiser's drafts: the job behind Suggest.

    Three steps (:data:`SUGGEST_STEPS`): read the board (one transaction),
    optimise (no database), place the drafts (one transaction,
    :func:`place_drafts`). ``cancelled()`` is checked before each step and
    between the optimiser's rounds, so a cancel writes nothing; once the
    drafts are being placed the job runs to its end.

    Args:
        db: The database.
        year: None for the whole pool, or the program year its mentees are narrowed to.
        today: The day waiting time is counted to (default: today).
        progress: Called with (steps done, steps in all) before each step and at the end.
        cancelled: Says whether to stop.

    Returns:
        The board read, the suggestion made for it, and the drafts placed.

    Raises:
        SuggestCancelled: ``cancelled()`` returned True; nothing was written.
    """
    total = len(SUGGEST_STEPS)

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise SuggestCancelled("the suggestion was cancelled; nothing was written")
        if progress is not None:
            progress(done, total)

    step(0)
    board = load_board(db, year, today=today)
    step(1)
    try:
        suggestion = suggest_for(board, cancelled=cancelled)
    except Cancelled as error:
        raise SuggestCancelled("the suggestion was cancelled; nothing was written") from error
    step(2)
    pairs = [(p.mentor_signup_id, p.mentee_signup_id) for p in suggestion.pairs]
    added = place_drafts(db, pairs) if pairs else []
    if progress is not None:
        progress(total, total)
    return board, suggestion, added


def _moving(board: Board, moving_pair_id: int | None) -> tuple[dict[int, int], int | None]:
    """The board's places taken with the moved draft's place given back, and that mentor's id."""
    taken = dict(board.taken)
    moved = board.pair(moving_pair_id) if moving_pair_id is not None else None
    if moved is None:
        return taken, None
    taken[moved.mentor_signup_id] = taken.get(moved.mentor_signup_id, 0) - 1
    return taken, moved.mentor_signup_id


def blocked_rules(
    board: Board, mentee: Candidate, *, moving_pair_id: int | None = None
) -> list[tuple[Rule, ...]]:
    """For each of the board's mentors, the hard rules that forbid them for ``mentee``.

    An empty tuple means the mentor is allowed. Computed for all mentors at
    once (:func:`~ams_desk.core.matching.rule_matrices`), so a drag can mark
    500 mentors without checking them one by one.

    Args:
        board: The board.
        mentee: The mentee being placed.
        moving_pair_id: The draft being moved, whose place is given back first.
    """
    taken, _from = _moving(board, moving_pair_id)
    rules = rule_matrices(board.mentors, [mentee], ladder=board.ladder, history=board.history,
                          taken=taken)
    rows = [(rule, matrix[0].tolist()) for rule, matrix in rules.blocked.items()]
    return [
        tuple(rule for rule, row in rows if row[column]) for column in range(len(board.mentors))
    ]


def mentor_scores(board: Board, mentee: Candidate) -> list[float]:
    """Each of the board's mentors' score with ``mentee``, in the order of ``board.mentors``.

    Equal to ``score_pair(mentor, mentee, ...).total`` (computed for all at once).
    """
    if not board.mentors:
        return []
    scores = score_matrix(board.mentors, [mentee], ladder=board.ladder, weights=board.weights,
                          today=board.today)
    return [float(v) for v in scores[0]]


def rule_results(
    board: Board, mentor: Candidate, mentee: Candidate, *, moving_pair_id: int | None = None
) -> list[RuleResult]:
    """Every hard rule for one mentor and mentee, as :func:`blocked_rules` judges them."""
    taken, _from = _moving(board, moving_pair_id)
    return check_pair(mentor, mentee, ladder=board.ladder, history=board.history,
                      mentor_taken=taken.get(mentor.signup.id, 0))
