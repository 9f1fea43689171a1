"""Properties of suggest() on random small programs, checked against independent answers.

The hard rules are checked with check_pair one pair at a time; the most
mentees that can be placed comes from a plain augmenting-path matching; the
best total score from trying every assignment, and on larger problems from
SciPy's linear_sum_assignment (assignment_oracle.py; a test dependency only).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest
from assignment_oracle import exact_outcome
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ams_desk.core import solver
from ams_desk.core.assignment import assign, suggest
from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PairRefused,
    PastPairing,
    admit_pair,
    check_pair,
)
from ams_desk.core.ladder import DEFAULT_POSITIONS, SeniorityLadder
from ams_desk.core.matching import criterion_matrices, rule_matrices, score_matrix
from ams_desk.core.model import TOPICS, MeetingFormat, Person, Role, Signup
from ams_desk.core.scoring import Criterion, MatchWeights, score_pair

TODAY = date(2025, 3, 1)
LADDER = SeniorityLadder()
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def candidate(role, pid, signup_id, draw):
    person = Person(
        id=pid,
        name=f"Person {pid}",
        email=f"p{pid}@ams.example",
        position=draw(st.sampled_from((*DEFAULT_POSITIONS, "phd", "Astronaut", ""))),
        department=draw(st.sampled_from(("Physics", "physics", "Chemistry", ""))),
        projects=tuple(draw(st.lists(st.sampled_from(("Optics", "optics", "Lasers", "Fusion")),
                                     max_size=2, unique=True))),
        languages=tuple(draw(st.lists(st.sampled_from(("English", "Dutch", "dutch")),
                                      max_size=2, unique=True))),
    )  # fmt: skip
    signup = Signup(
        id=signup_id,
        person_id=pid,
        role=role,
        signed_up=TODAY - timedelta(days=draw(st.integers(-3, 120))),
        program_year=2025,
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS[:5]), max_size=3, unique=True))),
        meeting_format=draw(st.sampled_from(list(MeetingFormat))),
        capacity=draw(st.integers(0, 3)) if role is Role.MENTOR else 1,
    )
    return Candidate(person, signup)


@st.composite
def programs(draw, max_mentors=8, max_mentees=12):
    n_mentors = draw(st.integers(0, max_mentors))
    n_mentees = draw(st.integers(0, max_mentees))
    mentors = [candidate(Role.MENTOR, i, 100 + i, draw) for i in range(n_mentors)]
    mentees = []
    for i in range(n_mentees):
        # Now and then a person who also signed up as a mentor.
        pid = draw(st.sampled_from([1000 + i] * 5 + list(range(n_mentors))))
        mentees.append(candidate(Role.MENTEE, pid, 500 + i, draw))
    pairings = []
    if mentors and mentees:
        pairings = [
            PastPairing(mentors[a].person.id, mentees[b].person.id, 2023, status)
            for a, b, status in draw(st.lists(st.tuples(
                st.integers(0, n_mentors - 1), st.integers(0, n_mentees - 1),
                st.sampled_from(("closed", "cancelled", "draft"))), max_size=8))
        ]  # fmt: skip
    loads = {m.signup.id: draw(st.integers(0, 2)) for m in mentors if draw(st.booleans())}
    fixed = []
    mentor_ids = [m.signup.id for m in mentors] + [999]  # 999: a mentor not on offer
    for me in mentees:
        if draw(st.integers(0, 5)) == 0:
            fixed.append((draw(st.sampled_from(mentor_ids)), me.signup.id))
    weights = draw(st.sampled_from((
        MatchWeights(),
        MatchWeights(topics=1, meeting_format=0, language=0, seniority_gap=0, department=0,
                     waiting_time=0),
        MatchWeights(topics=0.7, meeting_format=2.3, language=0.1, seniority_gap=1.9,
                     department=0.4, waiting_time=3.1),
    )))  # fmt: skip
    return mentors, mentees, PairingHistory.of(pairings), loads, fixed, weights


def run(program):
    mentors, mentees, history, loads, fixed, weights = program
    return suggest(mentors, mentees, ladder=LADDER, history=history, taken=loads,
                   weights=weights, today=TODAY, fixed=fixed)  # fmt: skip


def taken_before(program):
    mentors, _, _, loads, fixed, _ = program
    taken = Counter(loads)
    for mentor_id, _ in fixed:
        taken[mentor_id] += 1
    return taken


def open_mentees(program):
    fixed_mentees = {mentee_id for _, mentee_id in program[4]}
    return [m for m in program[1] if m.signup.id not in fixed_mentees]


def allowed_lists(program):
    """For each open mentee, the mentors check_pair allows, one pair at a time."""
    mentors, _, history, _, _, _ = program
    taken = taken_before(program)
    return [
        [j for j, mr in enumerate(mentors)
         if all(r.ok for r in check_pair(mr, me, ladder=LADDER, history=history,
                                         mentor_taken=taken[mr.signup.id]))]
        for me in open_mentees(program)
    ]  # fmt: skip


def free_places(program):
    taken = taken_before(program)
    return [max(m.signup.capacity - taken[m.signup.id], 0) for m in program[0]]


def most_pairs(allowed, places):
    """The largest number of mentees placeable, by augmenting paths over single places."""
    slots = [j for j, n in enumerate(places) for _ in range(n)]
    holder = [-1] * len(slots)

    def place(row, seen):
        for slot, j in enumerate(slots):
            if j in allowed[row] and slot not in seen:
                seen.add(slot)
                if holder[slot] < 0 or place(holder[slot], seen):
                    holder[slot] = row
                    return True
        return False

    return sum(place(row, set()) for row in range(len(allowed)))


def best_outcome(allowed, scores, places):
    """(most pairs, best total score) over every assignment, tried one by one."""
    left = list(places)

    def best(row):
        if row == len(allowed):
            return 0, 0.0
        options = [best(row + 1)]
        for j in allowed[row]:
            if left[j]:
                left[j] -= 1
                count, total = best(row + 1)
                left[j] += 1
                options.append((count + 1, total + scores[row][j]))
        return max(options, key=lambda o: (o[0], round(o[1], 9)))

    return best(0)


@PROPERTY
@given(programs())
def test_suggestions_break_no_rule_and_no_capacity(program):
    mentors, mentees, history, _, fixed, weights = program
    result = run(program)
    by_id = {m.signup.id: m for m in (*mentors, *mentees)}
    load = taken_before(program)
    for pair in result.pairs:
        mr, me = by_id[pair.mentor_signup_id], by_id[pair.mentee_signup_id]
        # Each suggestion in turn must pass every rule, capacity included.
        results = check_pair(mr, me, ladder=LADDER, history=history,
                             mentor_taken=load[mr.signup.id])  # fmt: skip
        assert all(r.ok for r in results), [r.reason for r in results if not r.ok]
        load[mr.signup.id] += 1
        assert pair.score == score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY)
        assert pair.total == pair.score.total  # the matrix's total, to the last bit
    for mr in mentors:
        new = sum(p.mentor_signup_id == mr.signup.id for p in result.pairs)
        assert new <= max(mr.signup.capacity - taken_before(program)[mr.signup.id], 0)
    # Every open mentee is placed or explained exactly once; fixed ones neither.
    placed = [p.mentee_signup_id for p in result.pairs]
    left = [u.mentee_signup_id for u in result.unmatched]
    assert sorted(placed + left) == sorted(m.signup.id for m in open_mentees(program))
    assert all(u.reasons and all(r.endswith(".") for r in u.reasons) for u in result.unmatched)
    expected = (len(mentees) - len(left)) / len(mentees) if mentees else 1.0
    assert result.coverage == pytest.approx(expected)
    assert {mentee_id for _, mentee_id in fixed}.isdisjoint(placed)


@PROPERTY
@given(programs())
def test_suggestions_place_as_many_mentees_as_possible(program):
    assert len(run(program).pairs) == most_pairs(allowed_lists(program), free_places(program))


@PROPERTY
@given(programs(max_mentors=4, max_mentees=6))
def test_suggestions_have_the_best_total_score(program):
    mentors, _, _, _, _, weights = program
    mentees = open_mentees(program)
    scores = [[score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY).total
               for mr in mentors] for me in mentees]  # fmt: skip
    count, total = best_outcome(allowed_lists(program), scores, free_places(program))
    result = run(program)
    assert len(result.pairs) == count
    assert sum(p.score.total for p in result.pairs) == pytest.approx(total, abs=1e-9)


@PROPERTY
@given(programs())
def test_suggestions_agree_with_an_independent_exact_solver(program):
    mentors, mentees, history, loads, _, weights = program
    result = run(program)
    taken = taken_before(program)
    rules = rule_matrices(mentors, open_mentees(program), ladder=LADDER, history=history,
                          taken=taken)  # fmt: skip
    scores = score_matrix(mentors, open_mentees(program), ladder=LADDER, weights=weights,
                          today=TODAY)  # fmt: skip
    count, total = exact_outcome(rules.allowed, scores, free_places(program))
    assert len(result.pairs) == count
    assert sum(p.score.total for p in result.pairs) == pytest.approx(total, abs=1e-9)


@PROPERTY
@given(programs())
def test_the_sparse_solver_suggests_as_well_as_the_dense_one(program):
    dense = run(program)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "DENSE_LIMIT", -1)
        patch.setattr(solver, "BALANCE", -1)
        sparse = run(program)
    assert len(sparse.pairs) == len(dense.pairs)
    assert sum(p.score.total for p in sparse.pairs) == pytest.approx(
        sum(p.score.total for p in dense.pairs), abs=1e-9
    )


@PROPERTY
@given(programs())
def test_matrices_give_check_pair_and_score_pair_verdicts(program):
    mentors, mentees, history, loads, _, weights = program
    rules = rule_matrices(mentors, mentees, ladder=LADDER, history=history, taken=loads)
    scores = score_matrix(mentors, mentees, ladder=LADDER, weights=weights, today=TODAY)
    values = criterion_matrices(mentors, mentees, ladder=LADDER, today=TODAY)
    for row, me in enumerate(mentees):
        for column, mr in enumerate(mentors):
            results = check_pair(mr, me, ladder=LADDER, history=history,
                                 mentor_taken=loads.get(mr.signup.id, 0))  # fmt: skip
            assert [rules.blocked[r.rule][row, column] for r in results] == [
                not r.ok for r in results
            ]
            score = score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY)
            assert scores[row, column] == score.total
            for item in score.breakdown:
                assert values[Criterion(item.criterion)][row, column] == item.value


def random_assignment(seed, rows, columns, density, levels):
    """Allowed pairs, scores on ``levels`` steps (few steps: many ties) and places."""
    rng = np.random.default_rng(seed)
    allowed = rng.random((rows, columns)) < density
    scores = rng.integers(0, levels, size=(rows, columns)) / max(levels - 1, 1)
    return allowed, scores, rng.integers(0, 4, size=columns)


def checked_outcome(pairs, allowed, scores, places):
    assert len({r for r, _ in pairs}) == len(pairs)
    assert all(allowed[r, c] for r, c in pairs)
    assert (np.bincount([c for _, c in pairs], minlength=allowed.shape[1]) <= places).all()
    return len(pairs), sum(scores[r, c] for r, c in pairs)


@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 7),
    st.integers(1, 4),
    st.sampled_from((0.3, 0.7, 1.0)),
    st.sampled_from((2, 3, 1000)),
)
def test_assignment_is_the_best_of_every_assignment(seed, rows, columns, density, levels):
    allowed, scores, places = random_assignment(seed, rows, columns, density, levels)
    lists = [np.flatnonzero(row).tolist() for row in allowed]
    best_count, best_total = best_outcome(lists, scores.tolist(), places.tolist())
    for method in ("dense", "sparse"):
        pairs = assign(allowed, scores, places, method=method)
        count, total = checked_outcome(pairs, allowed, scores, places)
        assert count == best_count
        assert total == pytest.approx(best_total, abs=1e-9)


@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 200),
    st.integers(1, 80),
    st.sampled_from((0.05, 0.3, 0.7, 1.0)),
    st.sampled_from((2, 5, 1000)),
)
def test_assignment_agrees_with_an_independent_exact_solver(seed, rows, columns, density, levels):
    allowed, scores, places = random_assignment(seed, rows, columns, density, levels)
    best_count, best_total = exact_outcome(allowed, scores, places)
    for method in ("dense", "sparse"):
        pairs = assign(allowed, scores, places, method=method)
        count, total = checked_outcome(pairs, allowed, scores, places)
        assert count == best_count
        assert total == pytest.approx(best_total, abs=1e-9)


@PROPERTY
@given(programs())
def test_admit_pair_admits_exactly_where_the_matrices_allow(program):
    """The scalar admission rule and the vectorised fast path agree on random programs."""
    mentors, mentees, history, loads, _, _ = program
    rules = rule_matrices(mentors, mentees, ladder=LADDER, history=history, taken=loads)
    for row, me in enumerate(mentees):
        for column, mr in enumerate(mentors):
            try:
                admit_pair(mr, me, ladder=LADDER, history=history,
                           mentor_taken=loads.get(mr.signup.id, 0))  # fmt: skip
                admitted = True
            except PairRefused as refused:
                admitted = False
                assert {r.rule for r in refused.refused} == {
                    rule for rule, matrix in rules.blocked.items() if matrix[row, column]
                }
            assert admitted == bool(rules.allowed[row, column])
