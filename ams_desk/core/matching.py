"""Every mentee against every mentor at once: hard rules, scores, and why not.

A program year of 1,000 mentors and 2,000 mentees has two million possible
pairs; checking them one by one with
:func:`ams_desk.core.eligibility.check_pair` and
:func:`ams_desk.core.scoring.score_pair` takes seconds. The functions here give
the same verdicts and the same totals, cell for cell, with numpy. Rows are
mentees, columns are mentors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from ams_desk.core.eligibility import Candidate, PairingHistory, Rule
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import MeetingFormat
from ams_desk.core.places import free_places
from ams_desk.core.scoring import (
    GAP_VALUES,
    NEUTRAL,
    SAME_DEPARTMENT,
    Criterion,
    MatchWeights,
    check_roles,
    text_key,
    text_keys,
    waiting_days,
    waiting_value,
)
from ams_desk.core.text import count

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
UIntArray = npt.NDArray[np.uint64]
IntpArray = npt.NDArray[np.intp]
K = TypeVar("K")


def _vocabulary(*groups: Sequence[Collection[str]]) -> dict[str, int]:
    vocabulary: dict[str, int] = {}
    for sets in groups:
        for keys in sets:
            for key in keys:
                vocabulary.setdefault(key, len(vocabulary))
    return vocabulary


def _bitsets(sets: Sequence[Collection[str]], vocabulary: Mapping[str, int]) -> UIntArray:
    words = np.zeros((len(sets), max((len(vocabulary) + 63) // 64, 1)), dtype=np.uint64)
    for index, keys in enumerate(sets):
        for key in keys:
            bit = vocabulary[key]
            words[index, bit // 64] |= np.uint64(1 << (bit % 64))
    return words


def shared_counts(
    rows: Sequence[Collection[str]], columns: Sequence[Collection[str]]
) -> npt.NDArray[np.int32]:
    """How many keys each row's set shares with each column's set (rows × columns).

    Args:
        rows: One collection of distinct, already normalised keys per row.
        columns: One collection of distinct, already normalised keys per column.
    """
    vocabulary = _vocabulary(rows, columns)
    if len(vocabulary) <= 64:  # one machine word: count bits
        left, right = _bitsets(rows, vocabulary), _bitsets(columns, vocabulary)
        counts: npt.NDArray[np.int32] = np.bitwise_count(left[:, 0, None] & right[None, :, 0])
        return counts.astype(np.int32)
    incidence = [
        np.zeros((len(sets), len(vocabulary)), dtype=np.float32) for sets in (rows, columns)
    ]
    for matrix, sets in zip(incidence, (rows, columns), strict=True):
        owners = np.repeat(np.arange(len(sets)), [len(keys) for keys in sets])
        matrix[owners, [vocabulary[key] for keys in sets for key in keys]] = 1.0
    # float32 sums of ones are exact far beyond any number of topics or projects.
    return (incidence[0] @ incidence[1].T).astype(np.int32)


def rank_array(candidates: Sequence[Candidate], ladder: SeniorityLadder) -> IntArray:
    """Each candidate's seniority rank, 0 where the position is not on the ladder."""
    cache: dict[str, int] = {}
    for candidate in candidates:
        position = candidate.person.position
        if position not in cache:
            cache[position] = ladder.rank(position) or 0
    return np.array([cache[c.person.position] for c in candidates], dtype=np.int64)


def _sizes(sets: Sequence[Collection[str]]) -> IntArray:
    return np.array([len(keys) for keys in sets], dtype=np.int64)


def _set_codes(
    sets: Sequence[frozenset[str]],
) -> tuple[npt.NDArray[np.intp], list[frozenset[str]]]:
    """A code per set (equal sets share one) and the distinct sets, by code."""
    known: dict[frozenset[str], int] = {}
    codes = np.array([known.setdefault(keys, len(known)) for keys in sets], dtype=np.intp)
    return codes, list(known)


def _codes(texts: Sequence[str], known: dict[str, int]) -> npt.NDArray[np.int32]:
    """A code per text (by :func:`text_key`), -1 for a blank one."""
    keys = [text_key(t) for t in texts]
    return np.array([known.setdefault(k, len(known)) if k else -1 for k in keys], dtype=np.int32)


_BLOCK_ROWS = 256
"""Rows of the score matrix summed at a time, so that they stay in the CPU's cache."""


def _criterion_table(
    criterion: Criterion,
    weight: float,
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    ladder: SeniorityLadder,
    today: date,
) -> tuple[FloatArray, IntpArray, IntpArray]:
    """``weight × value`` of ``criterion`` for every pair, as a table and codes.

    Returns:
        (table, rows, columns): the pair of mentee ``i`` and mentor ``j`` has
        ``table[rows[i], columns[j]]``, the product computed as score_pair
        computes it, so sums built in score_pair's order are bit for bit the same.
    """
    if criterion is Criterion.TOPICS:
        wanted_codes, wanted = _set_codes([text_keys(m.signup.topics) for m in mentees])
        offered_codes, offered = _set_codes([text_keys(m.signup.topics) for m in mentors])
        known = (_sizes(wanted) > 0)[:, None] & (_sizes(offered) > 0)[None, :]
        share = shared_counts(wanted, offered) / np.maximum(_sizes(wanted), 1)[:, None]
        table = np.where(known, np.multiply(share, weight, out=share), weight * NEUTRAL)
        return table, wanted_codes, offered_codes
    if criterion is Criterion.MEETING_FORMAT:
        code = {f: i for i, f in enumerate(MeetingFormat)}
        ours_code = np.array([code[m.signup.meeting_format] for m in mentors], dtype=np.intp)
        theirs_code = np.array([code[m.signup.meeting_format] for m in mentees], dtype=np.intp)
        every = np.arange(len(code))
        ours, theirs = every[None, :], every[:, None]
        either = code[MeetingFormat.ANY]
        fits = (ours == either) | (theirs == either) | (ours == theirs)
        return np.where(fits, weight * 1.0, 0.0), theirs_code, ours_code
    if criterion is Criterion.LANGUAGE:
        spoken_codes, spoken = _set_codes([text_keys(m.person.languages) for m in mentors])
        theirs_codes, theirs_spoken = _set_codes([text_keys(m.person.languages) for m in mentees])
        known = (_sizes(theirs_spoken) > 0)[:, None] & (_sizes(spoken) > 0)[None, :]
        shared = shared_counts(theirs_spoken, spoken) > 0
        table = np.where(known, np.where(shared, weight * 1.0, 0.0), weight * NEUTRAL)
        return table, theirs_codes, spoken_codes
    if criterion is Criterion.SENIORITY_GAP:
        ours_rank = rank_array(mentors, ladder)
        theirs_rank = rank_array(mentees, ladder)
        top = int(max(ours_rank.max(initial=0), theirs_rank.max(initial=0)))
        ranks = np.arange(top + 1)
        last = len(GAP_VALUES) - 1
        steps = np.clip(ranks[None, :] - ranks[:, None], 0, last)
        steps[0, :] = 0
        steps[:, 0] = 0
        values = np.array([weight * value for value in GAP_VALUES])
        return values[steps], theirs_rank.astype(np.intp), ours_rank.astype(np.intp)
    if criterion is Criterion.DEPARTMENT:
        known_codes: dict[str, int] = {}
        ours_department = _codes([m.person.department for m in mentors], known_codes)
        theirs_department = _codes([m.person.department for m in mentees], known_codes)
        every = np.arange(-1, len(known_codes))
        ours, theirs = every[None, :], every[:, None]
        unknown = (ours < 0) | (theirs < 0)
        same = ours == theirs
        table = np.where(
            unknown,
            weight * NEUTRAL,
            np.where(same, weight * SAME_DEPARTMENT, weight * 1.0),
        )
        return table, theirs_department.astype(np.intp) + 1, ours_department.astype(np.intp) + 1
    waited = [waiting_value(waiting_days(m.signup.signed_up, today)) for m in mentees]
    values, rows = np.unique(np.array([weight * value for value in waited]), return_inverse=True)
    return values[:, None], rows.astype(np.intp), np.zeros(len(mentors), dtype=np.intp)


def criterion_matrices(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    today: date,
) -> dict[Criterion, FloatArray]:
    """Every criterion's value for every mentee (rows) and mentor (columns).

    Each entry equals the ``value`` :func:`ams_desk.core.scoring.score_pair`
    gives that criterion for that pair.
    """
    check_roles(mentors, mentees)
    matrices: dict[Criterion, FloatArray] = {}
    for criterion in Criterion:
        table, rows, columns = _criterion_table(criterion, 1.0, mentors, mentees, ladder, today)
        matrices[criterion] = np.take(table[:, columns], rows, axis=0)
    return matrices


def score_matrix(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    weights: MatchWeights,
    today: date,
) -> FloatArray:
    """The ``score_pair`` total of every mentee (rows) with every mentor (columns).

    Returns:
        A ``len(mentees) × len(mentors)`` array equal, entry for entry, to
        ``score_pair(mentor, mentee, ...).total``.
    """
    check_roles(mentors, mentees)
    total = np.zeros((len(mentees), len(mentors)))
    total_weight = weights.total
    if total_weight <= 0:
        return total
    # In score_pair's order; a weight of 0 adds nothing there either. Each table is
    # cut to the mentors' columns once, then a block of rows at a time gets every
    # criterion added while it stays in the cache.
    tables = [
        (table[:, columns], rows)
        for table, rows, columns in (
            _criterion_table(criterion, weight, mentors, mentees, ladder, today)
            for criterion, weight in zip(Criterion, weights.in_order(), strict=True)
            if weight != 0
        )
    ]
    for start in range(0, len(mentees), _BLOCK_ROWS):
        block = total[start : start + _BLOCK_ROWS]
        for table, rows in tables:
            block += np.take(table, rows[start : start + _BLOCK_ROWS], axis=0)
        block /= total_weight
    return total


@dataclass(frozen=True)
class RuleMatrices:
    """Every hard rule for every mentee (rows) and mentor (columns).

    Attributes:
        blocked: Per rule, True where the rule does not hold for that pair.
        allowed: True where every rule holds.
    """

    blocked: Mapping[Rule, BoolArray]
    allowed: BoolArray


def _past_person_pairs(history: PairingHistory) -> Iterator[tuple[int, int]]:
    """The two people of every earlier pairing, in both orders."""
    # PairingHistory only answers "these two?"; a large program would ask it
    # two million times, so its index is read directly instead.
    for people, pairings in history._by_people.items():
        if pairings:
            first, *rest = people
            second = rest[0] if rest else first
            yield first, second
            yield second, first


def _positions(groups: Iterable[Iterable[K]]) -> dict[K, list[int]]:
    """For each key, the positions of the groups it is in (ascending)."""
    positions: defaultdict[K, list[int]] = defaultdict(list)
    for position, keys in enumerate(groups):
        for key in keys:
            positions[key].append(position)
    return positions


def _cells(
    shape: tuple[int, int], groups: Iterable[tuple[list[int] | None, list[int] | None]]
) -> BoolArray:
    """A mask of ``shape``, True in every (row, column) of each (rows, columns) group."""
    mask = np.zeros(shape, dtype=bool)
    single_rows: list[int] = []
    single_columns: list[int] = []
    for rows, columns in groups:
        if not rows or not columns:
            continue
        if len(rows) == 1 and len(columns) == 1:  # the usual case: one person each
            single_rows.append(rows[0])
            single_columns.append(columns[0])
        else:
            mask[np.ix_(rows, columns)] = True
    mask[single_rows, single_columns] = True
    return mask


def rule_matrices(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    taken: Mapping[int, int],
) -> RuleMatrices:
    """Check every hard rule for every mentee and mentor at once.

    Args:
        mentors: The mentors' sign-ups and people (columns).
        mentees: The mentees' sign-ups and people (rows).
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        taken: Places already taken, by mentor sign-up id (missing: none).

    Returns:
        Per :class:`Rule`, a ``len(mentees) × len(mentors)`` matrix that is True
        exactly where ``check_pair(mentor, mentee, mentor_taken=taken.get(...))``
        reports that rule as not holding.
    """
    check_roles(mentors, mentees)
    shape = (len(mentees), len(mentors))
    mentee_rows = _positions((m.person.id,) for m in mentees)
    mentor_columns = _positions((m.person.id,) for m in mentors)
    past = (
        (mentee_rows.get(mentee_person), mentor_columns.get(mentor_person))
        for mentee_person, mentor_person in _past_person_pairs(history)
    )
    # check_pair compares projects case-folded and nothing else; so does this.
    project_rows = _positions({p.casefold() for p in m.person.projects} for m in mentees)
    project_columns = _positions({p.casefold() for p in m.person.projects} for m in mentors)
    ours_rank = rank_array(mentors, ladder)
    theirs_rank = rank_array(mentees, ladder)
    ranks = np.arange(int(max(ours_rank.max(initial=0), theirs_rank.max(initial=0))) + 1)
    ours, theirs = ranks[None, :], ranks[:, None]
    not_above = (ours == 0) | (theirs == 0) | (ours <= theirs)
    free = np.array([free_places(m.signup.capacity, taken.get(m.signup.id, 0)) for m in mentors])
    blocked: dict[Rule, BoolArray] = {
        Rule.DIFFERENT_PEOPLE: _cells(
            shape, ((rows, mentor_columns.get(person)) for person, rows in mentee_rows.items())
        ),
        Rule.SENIORITY: np.take(not_above[:, ours_rank], theirs_rank, axis=0),
        Rule.NO_SHARED_PROJECT: _cells(
            shape, ((rows, project_columns.get(key)) for key, rows in project_rows.items())
        ),
        Rule.NOT_PAIRED_BEFORE: _cells(shape, past),
        Rule.CAPACITY: np.broadcast_to((free == 0)[None, :], shape),
    }
    any_blocked = np.zeros(shape, dtype=bool)
    for matrix in blocked.values():
        any_blocked |= matrix
    return RuleMatrices(blocked, ~any_blocked)


def _names(candidates: Sequence[Candidate], limit: int = 3) -> str:
    names = [c.person.name for c in candidates[:limit]]
    more = len(candidates) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def unmatched_reasons(
    mentee: Candidate,
    row: int,
    mentors: Sequence[Candidate],
    rules: RuleMatrices,
    ladder: SeniorityLadder,
) -> tuple[str, ...]:
    """Why ``mentee`` (row ``row`` of ``rules``) got no mentor, one sentence per reason.

    When some mentor was allowed, their places went to other mentees; otherwise
    the sentences count the mentors each hard rule rules out.
    """
    allowed = [mentors[c] for c in np.flatnonzero(rules.allowed[row]).tolist()]
    if allowed:
        whose = "their" if len(allowed) > 1 else "the"
        return (
            f"{count(len(allowed), 'mentor')} may mentor them ({_names(allowed)}), "
            f"but {whose} free places went to other mentees.",
        )
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
        reasons.append("They signed up as a mentor too, and nobody can mentor themselves.")
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
    columns = np.flatnonzero(blocked[Rule.NO_SHARED_PROJECT]).tolist()
    if columns:
        keys = {p.casefold() for c in columns for p in mentors[c].person.projects}
        projects = ", ".join(p for p in mentee.person.projects if p.casefold() in keys)
        verb = "shares" if len(columns) == 1 else "share"
        reasons.append(f"{count(len(columns), 'mentor')} {verb} a project with them ({projects}).")
    n = int(blocked[Rule.NOT_PAIRED_BEFORE].sum())
    if n:
        verb = "was" if n == 1 else "were"
        reasons.append(f"{count(n, 'mentor')} {verb} paired with them before.")
    full = blocked[Rule.CAPACITY]
    n = int(full.sum())
    if n:
        others = np.zeros(total, dtype=bool)
        for rule, matrix in blocked.items():
            if rule is not Rule.CAPACITY:
                others |= matrix
        only_full = [mentors[c] for c in np.flatnonzero(full & ~others).tolist()]
        text = f"{count(n, 'mentor')} {'has' if n == 1 else 'have'} no capacity left"
        if only_full:
            text += f"; {len(only_full)} of them would otherwise fit: {_names(only_full)}"
        reasons.append(text + ".")
    return tuple(reasons)
