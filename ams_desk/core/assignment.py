"""Suggest mentors for the mentees of a program year.

:func:`suggest` matches as many mentees as the hard rules and the mentors'
capacities allow and, among all such matchings, picks one with the highest
total score (:mod:`ams_desk.core.scoring`). It is exact: an assignment
problem solved by :func:`scipy.optimize.linear_sum_assignment`, with one
column per free place of a mentor.

The hard rules are evaluated for all mentees and mentors at once by
:func:`rule_matrices`, which gives, cell for cell, the verdict of
:func:`ams_desk.core.eligibility.check_pair`; calling that two million times
for a large program would take seconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from ams_desk.core.eligibility import Candidate, PairingHistory, Rule
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.scoring import (
    FloatArray,
    MatchWeights,
    Score,
    check_roles,
    rank_array,
    score_matrix,
    score_pair,
    shared_counts,
)

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class RuleMatrices:
    """Every hard rule for every mentee (rows) and mentor (columns).

    Attributes:
        blocked: Per rule, True where the rule does not hold for that pair.
    """

    blocked: Mapping[Rule, BoolArray]

    @property
    def allowed(self) -> BoolArray:
        """True where every rule holds."""
        blocked = np.zeros(next(iter(self.blocked.values())).shape, dtype=bool)
        for matrix in self.blocked.values():
            blocked |= matrix
        return ~blocked


def _past_person_pairs(history: PairingHistory) -> Iterable[tuple[int, int]]:
    """The two people of every earlier pairing, in both orders."""
    # PairingHistory only answers "these two?"; a program of 1,000 × 2,000 sign-ups
    # would ask it two million times, so its index is read directly instead.
    for people, pairings in history._by_people.items():
        if pairings:
            first, *rest = people
            second = rest[0] if rest else first
            yield first, second
            yield second, first


def rule_matrices(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    loads: Mapping[int, int],
) -> RuleMatrices:
    """Check every hard rule for every mentee and mentor at once.

    Args:
        mentors: The mentors' sign-ups and people (columns).
        mentees: The mentees' sign-ups and people (rows).
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        loads: Places already taken, by mentor sign-up id (missing: none).

    Returns:
        Per :class:`Rule`, a ``len(mentees) × len(mentors)`` matrix that is True
        exactly where ``check_pair(mentor, mentee, mentor_load=loads[...])``
        reports that rule as not holding.
    """
    check_roles(mentors, mentees)
    shape = (len(mentees), len(mentors))
    mentor_people = np.array([m.person.id for m in mentors], dtype=np.int64)
    mentee_people = np.array([m.person.id for m in mentees], dtype=np.int64)

    mentor_rank = rank_array(mentors, ladder)[None, :]
    mentee_rank = rank_array(mentees, ladder)[:, None]
    seniority = (mentor_rank == 0) | (mentee_rank == 0) | (mentor_rank <= mentee_rank)

    # check_pair compares projects case-folded and nothing else; so does this.
    projects = shared_counts(
        [{p.casefold() for p in m.person.projects} for m in mentees],
        [{p.casefold() for p in m.person.projects} for m in mentors],
    )

    paired_before = np.zeros(shape, dtype=bool)
    mentee_rows: defaultdict[int, list[int]] = defaultdict(list)
    mentor_columns: defaultdict[int, list[int]] = defaultdict(list)
    for row, person_id in enumerate(mentee_people.tolist()):
        mentee_rows[person_id].append(row)
    for column, person_id in enumerate(mentor_people.tolist()):
        mentor_columns[person_id].append(column)
    for mentee_person, mentor_person in _past_person_pairs(history):
        rows, columns = mentee_rows.get(mentee_person), mentor_columns.get(mentor_person)
        if rows and columns:
            paired_before[np.ix_(rows, columns)] = True

    free = np.array([m.signup.capacity - loads.get(m.signup.id, 0) for m in mentors])
    return RuleMatrices(
        {
            Rule.DIFFERENT_PEOPLE: mentee_people[:, None] == mentor_people[None, :],
            Rule.SENIORITY: np.broadcast_to(seniority, shape),
            Rule.NO_SHARED_PROJECT: projects > 0,
            Rule.NOT_PAIRED_BEFORE: paired_before,
            Rule.CAPACITY: np.broadcast_to((free <= 0)[None, :], shape),
        }
    )


@dataclass(frozen=True, slots=True)
class SuggestedPair:
    """A mentor suggested for a mentee, with the pair's score."""

    mentor_signup_id: int
    mentee_signup_id: int
    score: Score


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A mentee no mentor was found for, and why, one sentence per reason."""

    mentee_signup_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The outcome of :func:`suggest`.

    Attributes:
        pairs: The new pairs, in the order of the mentees given (fixed pairs
            are not repeated here).
        unmatched: The mentees left without a mentor, in the order given.
        coverage: The share of the mentees given that have a mentor, new or
            fixed (1.0 when no mentee was given).
    """

    pairs: list[SuggestedPair]
    unmatched: list[Unmatched]
    coverage: float


def assign(allowed: BoolArray, scores: FloatArray, places: IntArray) -> list[tuple[int, int]]:
    """The most (row, column) pairs within ``places``, then the highest score sum.

    Args:
        allowed: Rows × columns, True where a pair is allowed.
        scores: Rows × columns, each pair's score in 0..1.
        places: Per column, how many rows it may take.

    Returns:
        (row, column) pairs, by row; every row at most once, every column at
        most ``places`` times, only allowed cells.
    """
    rows = np.flatnonzero(allowed.any(axis=1))
    columns = np.flatnonzero(allowed.any(axis=0) & (places > 0))
    if rows.size == 0 or columns.size == 0:
        return []
    sub_allowed = allowed[np.ix_(rows, columns)]
    # A column never needs more places than rows it may take: fewer slots, same optimum.
    sub_places = np.minimum(places[columns], sub_allowed.sum(axis=0))
    # Each pair is worth more than any score sum, so the count wins first.
    big = float(min(rows.size, int(sub_places.sum())) + 1)
    cost = np.where(sub_allowed, -(big + scores[np.ix_(rows, columns)]), 0.0)
    slot_cost = np.repeat(cost, sub_places, axis=1)
    slot_column = np.repeat(np.arange(columns.size), sub_places)
    row_index, slot_index = linear_sum_assignment(slot_cost)
    chosen = slot_column[slot_index]
    kept = sub_allowed[row_index, chosen]
    return list(zip(rows[row_index[kept]].tolist(), columns[chosen[kept]].tolist(), strict=True))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _names(candidates: Sequence[Candidate], limit: int = 3) -> str:
    names = [c.person.name for c in candidates[:limit]]
    more = len(candidates) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _blocked_reasons(
    mentee: Candidate,
    row: int,
    mentors: Sequence[Candidate],
    rules: RuleMatrices,
    ladder: SeniorityLadder,
) -> tuple[str, ...]:
    """Why no mentor may mentor ``mentee``: how many mentors each rule rules out."""
    total = len(mentors)
    if total == 0:
        return ("There are no mentors to choose from.",)
    blocked = {rule: matrix[row] for rule, matrix in rules.blocked.items()}
    reasons = [
        "The one mentor breaks a hard rule for them."
        if total == 1
        else f"All {total} mentors break a hard rule for them."
    ]
    if blocked[Rule.DIFFERENT_PEOPLE].any():
        reasons.append("They signed up as a mentor too and cannot mentor themselves.")
    n = int(blocked[Rule.SENIORITY].sum())
    position = ladder.canonical(mentee.person.position)
    if position is None:
        reasons.append(
            f"Their position “{mentee.person.position or 'none'}” is not on the seniority "
            "ladder, so no mentor can rank above it."
        )
    elif n == total:
        reasons.append(f"No mentor ranks above {position}.")
    elif n:
        verb = "does" if n == 1 else "do"
        reasons.append(f"{n} of {total} mentors {verb} not rank above {position}.")
    columns = np.flatnonzero(blocked[Rule.NO_SHARED_PROJECT])
    if columns.size:
        keys = set().union(
            *({p.casefold() for p in mentors[c].person.projects} for c in columns.tolist())
        )
        shared = ", ".join(p for p in mentee.person.projects if p.casefold() in keys)
        verb = "shares" if columns.size == 1 else "share"
        reasons.append(f"{_count(columns.size, 'mentor')} {verb} a project with them ({shared}).")
    n = int(blocked[Rule.NOT_PAIRED_BEFORE].sum())
    if n:
        verb = "was" if n == 1 else "were"
        reasons.append(f"{_count(n, 'mentor')} {verb} paired with them before.")
    full = blocked[Rule.CAPACITY]
    n = int(full.sum())
    if n:
        others = np.zeros(total, dtype=bool)
        for rule, matrix in blocked.items():
            if rule is not Rule.CAPACITY:
                others |= matrix
        only_full = [mentors[c] for c in np.flatnonzero(full & ~others).tolist()]
        text = f"{_count(n, 'mentor')} {'has' if n == 1 else 'have'} no capacity left"
        if only_full:
            text += f"; {len(only_full)} of them would otherwise fit: {_names(only_full)}"
        reasons.append(text + ".")
    return tuple(reasons)


def _crowded_out_reason(allowed_mentors: Sequence[Candidate]) -> str:
    n = len(allowed_mentors)
    return (
        f"{_count(n, 'mentor')} may mentor them ({_names(allowed_mentors)}), but "
        f"{'their' if n > 1 else 'the'} free places went to other mentees."
    )


def suggest(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    loads: Mapping[int, int],
    weights: MatchWeights,
    today: date,
    fixed: Iterable[tuple[int, int]] = (),
) -> Suggestion:
    """Suggest a mentor for as many mentees as possible, then the best-scoring ones.

    Among all matchings that break no hard rule and no mentor's capacity, the
    result has the most pairs and, among those, the highest total score.

    Args:
        mentors: The mentor sign-ups on offer, with their people.
        mentees: The mentee sign-ups to place, with their people.
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        loads: Places already taken, by mentor sign-up id, by pairs other
            than ``fixed`` (missing: none).
        weights: How much each soft criterion counts.
        today: The day waiting time is counted to.
        fixed: (mentor sign-up id, mentee sign-up id) of drafts and proposals
            that stay: each takes a place of its mentor, and its mentee gets
            no other suggestion.

    Returns:
        The new pairs, the mentees left without a mentor with the reasons,
        and the coverage.

    Raises:
        ValueError: When a sign-up has the wrong role, a sign-up id is given
            twice, or a mentee is in two fixed pairs.
    """
    check_roles(mentors, mentees)
    for label, group in (("mentor", mentors), ("mentee", mentees)):
        ids = Counter(c.signup.id for c in group)
        twice = [i for i, n in ids.items() if n > 1]
        if twice:
            raise ValueError(f"{label} sign-up {twice[0]} is given twice")
    taken: Counter[int] = Counter({k: v for k, v in loads.items()})
    fixed_mentees: set[int] = set()
    for mentor_id, mentee_id in fixed:
        if mentee_id in fixed_mentees:
            raise ValueError(f"mentee sign-up {mentee_id} is in two fixed pairs")
        fixed_mentees.add(mentee_id)
        taken[mentor_id] += 1

    open_mentees = [m for m in mentees if m.signup.id not in fixed_mentees]
    rules = rule_matrices(mentors, open_mentees, ladder=ladder, history=history, loads=taken)
    allowed = rules.allowed
    scores = score_matrix(mentors, open_mentees, ladder=ladder, weights=weights, today=today)
    places = np.array(
        [max(m.signup.capacity - taken[m.signup.id], 0) for m in mentors], dtype=np.int64
    )
    chosen = dict(assign(allowed, scores, places))

    pairs: list[SuggestedPair] = []
    unmatched: list[Unmatched] = []
    for row, mentee in enumerate(open_mentees):
        column = chosen.get(row)
        if column is not None:
            mentor = mentors[column]
            score = score_pair(mentor, mentee, ladder=ladder, weights=weights, today=today)
            pairs.append(SuggestedPair(mentor.signup.id, mentee.signup.id, score))
            continue
        columns = np.flatnonzero(allowed[row])
        if columns.size:
            reasons: tuple[str, ...] = (
                _crowded_out_reason([mentors[c] for c in columns.tolist()]),
            )
        else:
            reasons = _blocked_reasons(mentee, row, mentors, rules, ladder)
        unmatched.append(Unmatched(mentee.signup.id, reasons))
    placed = len(mentees) - len(unmatched)
    coverage = placed / len(mentees) if mentees else 1.0
    return Suggestion(pairs, unmatched, coverage)
