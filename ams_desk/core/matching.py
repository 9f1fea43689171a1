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
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from ams_desk.core.eligibility import Candidate, PairingHistory, Rule
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import MeetingFormat
from ams_desk.core.scoring import (
    GAP_VALUES,
    NEUTRAL,
    SAME_DEPARTMENT,
    Criterion,
    MatchWeights,
    check_roles,
    text_key,
    waiting_days,
    waiting_value,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def shared_counts(
    rows: Sequence[Collection[str]], columns: Sequence[Collection[str]]
) -> FloatArray:
    """How many keys each row's set shares with each column's set (rows × columns).

    Args:
        rows: One collection of distinct, already normalised keys per row.
        columns: One collection of distinct, already normalised keys per column.
    """
    vocabulary: dict[str, int] = {}
    for keys in (*rows, *columns):
        for key in keys:
            vocabulary.setdefault(key, len(vocabulary))
    if not vocabulary:
        return np.zeros((len(rows), len(columns)))

    def incidence(sets: Sequence[Collection[str]]) -> npt.NDArray[np.float32]:
        matrix = np.zeros((len(sets), len(vocabulary)), dtype=np.float32)
        owners = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
        keys = [vocabulary[k] for s in sets for k in s]
        matrix[owners, keys] = 1.0
        return matrix

    # float32 counts are exact far beyond any number of topics or projects.
    counts: FloatArray = (incidence(rows) @ incidence(columns).T).astype(np.float64)
    return counts


def rank_array(candidates: Sequence[Candidate], ladder: SeniorityLadder) -> IntArray:
    """Each candidate's seniority rank, 0 where the position is not on the ladder."""
    cache: dict[str, int] = {}
    for candidate in candidates:
        position = candidate.person.position
        if position not in cache:
            cache[position] = ladder.rank(position) or 0
    return np.array([cache[c.person.position] for c in candidates], dtype=np.int64)


def _keys(items: Sequence[str]) -> frozenset[str]:
    return frozenset(key for key in map(text_key, items) if key)


def _sizes(sets: Sequence[Collection[str]]) -> FloatArray:
    return np.array([len(s) for s in sets], dtype=np.float64)


def _criterion_values(
    criterion: Criterion,
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    ladder: SeniorityLadder,
    today: date,
) -> FloatArray:
    """One criterion's values, mentees × mentors (waiting time: mentees × 1)."""
    if criterion is Criterion.TOPICS:
        wanted = [_keys(m.signup.topics) for m in mentees]
        offered = [_keys(m.signup.topics) for m in mentors]
        n_wanted = _sizes(wanted)[:, None]
        unknown = (n_wanted == 0) | (_sizes(offered) == 0)[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = shared_counts(wanted, offered) / n_wanted
        share[unknown] = NEUTRAL
        return share
    if criterion is Criterion.MEETING_FORMAT:
        codes = {f: i for i, f in enumerate(MeetingFormat)}
        fits = np.array(
            [[float(MeetingFormat.ANY in (a, b) or a == b) for a in codes] for b in codes]
        )
        theirs = np.array([codes[m.signup.meeting_format] for m in mentees], dtype=np.intp)
        ours = np.array([codes[m.signup.meeting_format] for m in mentors], dtype=np.intp)
        values: FloatArray = fits[theirs[:, None], ours[None, :]]
        return values
    if criterion is Criterion.LANGUAGE:
        spoken = [_keys(m.person.languages) for m in mentors]
        theirs_spoken = [_keys(m.person.languages) for m in mentees]
        shared = np.where(shared_counts(theirs_spoken, spoken) > 0, 1.0, 0.0)
        shared[(_sizes(theirs_spoken) == 0)[:, None] | (_sizes(spoken) == 0)[None, :]] = NEUTRAL
        return shared
    if criterion is Criterion.SENIORITY_GAP:
        ours_rank = rank_array(mentors, ladder)[None, :]
        theirs_rank = rank_array(mentees, ladder)[:, None]
        steps = np.clip(ours_rank - theirs_rank, 0, len(GAP_VALUES) - 1)
        steps[(ours_rank == 0) | (theirs_rank == 0)] = 0
        gap: FloatArray = np.asarray(GAP_VALUES, dtype=np.float64)[steps]
        return gap
    if criterion is Criterion.DEPARTMENT:
        codes_by_key: dict[str, int] = {}

        def code(candidate: Candidate) -> int:
            key = text_key(candidate.person.department)
            return codes_by_key.setdefault(key, len(codes_by_key)) if key else -1

        ours = np.array([code(m) for m in mentors], dtype=np.int64)[None, :]
        theirs = np.array([code(m) for m in mentees], dtype=np.int64)[:, None]
        department = np.where(ours == theirs, SAME_DEPARTMENT, 1.0)
        department[(ours < 0) | (theirs < 0)] = NEUTRAL
        return department
    days = [waiting_days(m.signup.signed_up, today) for m in mentees]
    return np.array([waiting_value(d) for d in days], dtype=np.float64)[:, None]


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
    shape = (len(mentees), len(mentors))
    return {
        criterion: np.broadcast_to(
            _criterion_values(criterion, mentors, mentees, ladder, today), shape
        )
        for criterion in Criterion
    }


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
    weighted = np.zeros((len(mentees), len(mentors)))
    # The order score_pair adds them in; adding 0 × value changes nothing, so skip it.
    for criterion, weight in zip(Criterion, weights.in_order(), strict=True):
        if weight != 0:
            values = _criterion_values(criterion, mentors, mentees, ladder, today)
            weighted += np.multiply(values, weight, out=values)
    total_weight = weights.total
    if total_weight <= 0:
        return np.zeros_like(weighted)
    weighted /= total_weight
    return weighted


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
        exactly where ``check_pair(mentor, mentee, mentor_load=loads.get(...))``
        reports that rule as not holding.
    """
    check_roles(mentors, mentees)
    shape = (len(mentees), len(mentors))
    mentor_people = [m.person.id for m in mentors]
    mentee_people = [m.person.id for m in mentees]
    ours_rank = rank_array(mentors, ladder)[None, :]
    theirs_rank = rank_array(mentees, ladder)[:, None]

    mentee_rows: defaultdict[int, list[int]] = defaultdict(list)
    mentor_columns: defaultdict[int, list[int]] = defaultdict(list)
    for row, person_id in enumerate(mentee_people):
        mentee_rows[person_id].append(row)
    for column, person_id in enumerate(mentor_people):
        mentor_columns[person_id].append(column)
    paired_before = np.zeros(shape, dtype=bool)
    for mentee_person, mentor_person in _past_person_pairs(history):
        rows, columns = mentee_rows.get(mentee_person), mentor_columns.get(mentor_person)
        if rows and columns:
            paired_before[np.ix_(rows, columns)] = True

    free = np.array([m.signup.capacity - loads.get(m.signup.id, 0) for m in mentors])
    blocked: dict[Rule, BoolArray] = {
        Rule.DIFFERENT_PEOPLE: (
            np.array(mentee_people, dtype=np.int64)[:, None]
            == np.array(mentor_people, dtype=np.int64)[None, :]
        ),
        Rule.SENIORITY: (ours_rank == 0) | (theirs_rank == 0) | (ours_rank <= theirs_rank),
        # check_pair compares projects case-folded and nothing else; so does this.
        Rule.NO_SHARED_PROJECT: shared_counts(
            [{p.casefold() for p in m.person.projects} for m in mentees],
            [{p.casefold() for p in m.person.projects} for m in mentors],
        )
        > 0,
        Rule.NOT_PAIRED_BEFORE: paired_before,
        Rule.CAPACITY: np.broadcast_to((free <= 0)[None, :], shape),
    }
    any_blocked = np.zeros(shape, dtype=bool)
    for matrix in blocked.values():
        any_blocked |= matrix
    return RuleMatrices(blocked, ~any_blocked)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
            f"{_count(len(allowed), 'mentor')} may mentor them ({_names(allowed)}), "
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
        reasons.append(f"{_count(len(columns), 'mentor')} {verb} a project with them ({projects}).")
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
