"""Match suggestions: soft criteria, weights, the vectorised matrices, and suggest()."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest
from assignment_oracle import exact_outcome

from ams_desk.core import solver, solver_plain
from ams_desk.core.assignment import assign, suggest
from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PastPairing,
    check_pair,
)
from ams_desk.core.ladder import DEFAULT_POSITIONS, SeniorityLadder
from ams_desk.core.matching import criterion_matrices, rule_matrices, score_matrix
from ams_desk.core.model import TOPICS, MeetingFormat, Person, Role, Signup
from ams_desk.core.scoring import Criterion, MatchWeights, score_pair

TODAY = date(2025, 3, 1)
LADDER = SeniorityLadder()
NO_HISTORY = PairingHistory.of([])
ONLY_TOPICS = MatchWeights(
    topics=1, meeting_format=0, language=0, seniority_gap=0, department=0, waiting_time=0
)


def _candidate(role, pid, position, *, signup_id=None, name=None, capacity=1, topics=(),
               fmt=MeetingFormat.ANY, department="", projects=(), languages=(),
               signed_up=TODAY):  # fmt: skip
    person = Person(
        id=pid,
        name=name or f"Person {pid}",
        email=f"p{pid}@ams.example",
        position=position,
        department=department,
        projects=tuple(projects),
        languages=tuple(languages),
    )
    signup = Signup(
        id=signup_id if signup_id is not None else pid * 10 + (role is Role.MENTEE),
        person_id=pid,
        role=role,
        signed_up=signed_up,
        program_year=2025,
        topics=tuple(topics),
        meeting_format=fmt,
        capacity=capacity,
    )
    return Candidate(person, signup)


def mentor(pid=1, position="Full professor", **kw):
    return _candidate(Role.MENTOR, pid, position, **kw)


def mentee(pid=2, position="PhD candidate", **kw):
    return _candidate(Role.MENTEE, pid, position, **kw)


def criterion(mr, me, which):
    score = score_pair(mr, me, ladder=LADDER, weights=MatchWeights(), today=TODAY)
    (found,) = [c for c in score.breakdown if c.criterion == which]
    return found


def _readable(text):
    assert text and (text[0].isupper() or text[0].isdigit()) and text.endswith("."), text
    assert "None" not in text and "_" not in text, text


# --- the soft criteria, one table each ----------------------------------------------------

CAREER, STRESS, BALANCE, PRIORITIES, NETWORKING, FUNDING = TOPICS[:6]


@pytest.mark.parametrize(
    ("wanted", "offered", "value", "explanation"),
    [
        (
            (CAREER, NETWORKING, FUNDING),
            ("career guidance", "Networking and visibility", "Teaching"),
            2 / 3,
            "Shares 2 of 3 wanted topics: Career guidance, Networking and visibility.",
        ),
        ((CAREER, STRESS), (STRESS, CAREER, FUNDING), 1.0,
         "Shares all 2 wanted topics: Career guidance, Stress and time management."),
        ((CAREER, STRESS), (FUNDING,), 0.0, "Shares none of the 2 wanted topics."),
        (("Teaching",), ("  teaching ",), 1.0, "Offers the wanted topic: Teaching."),
        (("Teaching",), ("Publishing",), 0.0, "Does not offer the wanted topic: Teaching."),
        (("Teaching", "teaching", "Publishing"), ("Publishing",), 0.5,
         "Shares 1 of 2 wanted topics: Publishing."),
        ((), (CAREER,), 0.5, "The mentee named no topics."),
        ((CAREER,), (), 0.5, "The mentor offered no topics."),
    ],
)  # fmt: skip
def test_topic_overlap(wanted, offered, value, explanation):
    found = criterion(mentor(topics=offered), mentee(topics=wanted), Criterion.TOPICS)
    assert found.value == pytest.approx(value)
    assert found.explanation == explanation


@pytest.mark.parametrize(
    ("ours", "theirs", "value", "explanation"),
    [
        ("any", "any", 1.0, "Neither minds whether they meet in person or online."),
        ("online", "online", 1.0, "Both prefer to meet online."),
        ("in_person", "in_person", 1.0, "Both prefer to meet in person."),
        ("any", "online", 1.0, "The mentor meets either way; the mentee prefers online."),
        ("in_person", "any", 1.0, "The mentee meets either way; the mentor prefers in person."),
        ("in_person", "online", 0.0, "The mentee prefers to meet online, the mentor in person."),
    ],
)
def test_meeting_format(ours, theirs, value, explanation):
    found = criterion(
        mentor(fmt=MeetingFormat(ours)), mentee(fmt=MeetingFormat(theirs)), Criterion.MEETING_FORMAT
    )
    assert (found.value, found.explanation) == (value, explanation)


@pytest.mark.parametrize(
    ("ours", "theirs", "value", "explanation"),
    [
        (("English", "Dutch"), ("dutch",), 1.0, "Both speak dutch."),
        (("English", "Dutch"), ("Dutch", "English"), 1.0, "Both speak Dutch, English."),
        (("Dutch",), ("German",), 0.0,
         "No shared language: the mentor speaks Dutch, the mentee German."),
        ((), ("English",), 0.5, "The mentor's languages are unknown."),
        (("English",), (), 0.5, "The mentee's languages are unknown."),
        ((), (), 0.5, "Neither's languages are known."),
    ],
)  # fmt: skip
def test_language(ours, theirs, value, explanation):
    found = criterion(mentor(languages=ours), mentee(languages=theirs), Criterion.LANGUAGE)
    assert (found.value, found.explanation) == (value, explanation)


@pytest.mark.parametrize(
    ("ours", "theirs", "value", "explanation"),
    [
        ("Postdoc", "PhD candidate", 1.0,
         "The mentor ranks 1 step above the mentee (Postdoc over PhD candidate)."),
        ("researcher", "PhD", 1.0,
         "The mentor ranks 2 steps above the mentee (Researcher over PhD candidate)."),
        ("Assistant professor", "PhD candidate", 0.6,
         "The mentor ranks 3 steps above the mentee (Assistant professor over PhD candidate); "
         "one or two steps are preferred."),
        ("Associate professor", "PhD candidate", 0.3, None),
        ("Full professor", "PhD candidate", 0.3, None),
        ("Postdoc", "Postdoc", 0.0, "The mentor does not rank above the mentee."),
        ("Postdoc", "Full professor", 0.0, "The mentor does not rank above the mentee."),
        ("Astronaut", "Postdoc", 0.0, "The mentor's position is not on the seniority ladder."),
        ("Postdoc", "", 0.0, "The mentee's position is not on the seniority ladder."),
    ],
)  # fmt: skip
def test_seniority_gap(ours, theirs, value, explanation):
    found = criterion(mentor(position=ours), mentee(position=theirs), Criterion.SENIORITY_GAP)
    assert found.value == value
    if explanation:
        assert found.explanation == explanation


@pytest.mark.parametrize(
    ("ours", "theirs", "value", "explanation"),
    [
        ("Physics", "Chemistry", 1.0,
         "Different departments (Physics, Chemistry): an outside perspective."),
        ("Physics", " physics ", 0.25,
         "Both work in physics; an outside perspective is preferred."),
        ("", "Physics", 0.5, "The mentor's department is unknown."),
        ("Physics", "  ", 0.5, "The mentee's department is unknown."),
        ("", "", 0.5, "Neither's department is known."),
    ],
)  # fmt: skip
def test_department(ours, theirs, value, explanation):
    found = criterion(mentor(department=ours), mentee(department=theirs), Criterion.DEPARTMENT)
    assert (found.value, found.explanation) == (value, explanation)


@pytest.mark.parametrize(
    ("days", "value", "explanation"),
    [
        (0, 0.0, "Signed up today."),
        (1, 1 / 90, "Waiting 1 day since signing up on 2025-02-28."),
        (45, 0.5, "Waiting 45 days since signing up on 2025-01-15."),
        (90, 1.0, "Waiting 90 days since signing up on 2024-12-01; 90 days or more count in full."),
        (400, 1.0, None),
        (-3, 0.0, "Signed up on 2025-03-04, after 2025-03-01; no waiting yet."),
    ],
)
def test_waiting_time(days, value, explanation):
    found = criterion(
        mentor(), mentee(signed_up=TODAY - timedelta(days=days)), Criterion.WAITING_TIME
    )
    assert found.value == pytest.approx(value)
    if explanation:
        assert found.explanation == explanation


def test_score_is_the_weighted_mean_with_every_criterion_in_order():
    mr = mentor(position="Associate professor", topics=(CAREER,), fmt=MeetingFormat.ONLINE,
                languages=("English",), department="Physics")  # fmt: skip
    me = mentee(topics=(CAREER, STRESS), fmt=MeetingFormat.IN_PERSON, languages=("english",),
                department="Physics", signed_up=TODAY - timedelta(days=30))  # fmt: skip
    weights = MatchWeights(
        topics=3, meeting_format=1, language=2, seniority_gap=1, department=1, waiting_time=2
    )
    score = score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY)
    assert [c.criterion for c in score.breakdown] == list(Criterion)
    assert [c.weight for c in score.breakdown] == [3, 1, 2, 1, 1, 2]
    assert [c.value for c in score.breakdown] == pytest.approx([0.5, 0, 1, 0.3, 0.25, 1 / 3])
    expected = (3 * 0.5 + 0 + 2 * 1 + 0.3 + 0.25 + 2 / 3) / 10
    assert score.total == pytest.approx(expected)
    for item in score.breakdown:
        _readable(item.explanation)


def test_all_weights_zero_scores_zero():
    zero = MatchWeights(0, 0, 0, 0, 0, 0)
    assert score_pair(mentor(), mentee(), ladder=LADDER, weights=zero, today=TODAY).total == 0


def test_score_pair_needs_a_mentor_and_a_mentee():
    with pytest.raises(ValueError, match="mentor sign-up"):
        score_pair(mentee(pid=1), mentee(), ladder=LADDER, weights=MatchWeights(), today=TODAY)


# --- weights as settings ------------------------------------------------------------------


def test_weights_round_trip_through_a_dict():
    weights = MatchWeights(topics=4, language=0.5)
    saved = weights.to_dict()
    assert saved == {
        "topics": 4.0,
        "meeting_format": 1.0,
        "language": 0.5,
        "seniority_gap": 1.0,
        "department": 1.0,
        "waiting_time": 1.0,
    }
    assert MatchWeights.from_dict(saved) == weights


def test_weights_from_dict_fills_defaults_and_ignores_unknown_names():
    weights = MatchWeights.from_dict({"topics": "2.5", "mood": 7})
    assert weights == MatchWeights(topics=2.5)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "many", True, None, [1]])
def test_bad_weights_are_refused_by_name(bad):
    with pytest.raises(ValueError, match="department"):
        MatchWeights.from_dict({"department": bad})


# --- the vectorised matrices equal the one-pair functions ---------------------------------


def random_program(seed, n_mentors, n_mentees):
    rng = random.Random(seed)
    positions = (*DEFAULT_POSITIONS, "phd student", "Astronaut", "")
    pool = ("Optics", "optics", "Lasers", "Fusion", "Genomics")

    def attributes():
        return {
            "department": rng.choice(("Physics", "physics ", "Chemistry", "", "Biology")),
            "projects": rng.sample(pool, rng.randint(0, 2)),
            "languages": rng.sample(("English", "Dutch", "german"), rng.randint(0, 2)),
            "topics": rng.sample((*TOPICS, "career GUIDANCE"), rng.randint(0, 3)),
            "fmt": rng.choice(list(MeetingFormat)),
        }

    mentors = [
        mentor(pid=i, position=rng.choice(positions), capacity=rng.randint(0, 3),
               signup_id=100 + i, **attributes())
        for i in range(n_mentors)
    ]  # fmt: skip
    mentees = [
        # Some people sign up on both sides.
        mentee(pid=rng.randrange(n_mentors) if rng.random() < 0.1 else 1000 + i,
               position=rng.choice(positions), signup_id=5000 + i,
               signed_up=TODAY - timedelta(days=rng.randint(-5, 150)), **attributes())
        for i in range(n_mentees)
    ]  # fmt: skip
    history = PairingHistory.of(
        PastPairing(rng.choice(mentors).person.id, rng.choice(mentees).person.id,
                    2023, rng.choice(("closed", "cancelled", "draft")))
        for _ in range(n_mentors * n_mentees // 10)
    )  # fmt: skip
    loads = {m.signup.id: rng.randint(0, 2) for m in mentors if rng.random() < 0.3}
    return mentors, mentees, history, loads


@pytest.mark.parametrize("seed", range(4))
def test_matrices_equal_check_pair_and_score_pair_cell_for_cell(seed):
    mentors, mentees, history, loads = random_program(seed, 25, 40)
    weights = MatchWeights(topics=2.7, meeting_format=0.3, language=1.1, seniority_gap=0.9,
                           department=1.7, waiting_time=0.6)  # fmt: skip
    rules = rule_matrices(mentors, mentees, ladder=LADDER, history=history, taken=loads)
    scores = score_matrix(mentors, mentees, ladder=LADDER, weights=weights, today=TODAY)
    values = criterion_matrices(mentors, mentees, ladder=LADDER, today=TODAY)
    for row, me in enumerate(mentees):
        for column, mr in enumerate(mentors):
            results = check_pair(mr, me, ladder=LADDER, history=history,
                                 mentor_taken=loads.get(mr.signup.id, 0))  # fmt: skip
            for result in results:
                assert rules.blocked[result.rule][row, column] == (not result.ok), result
            assert rules.allowed[row, column] == all(r.ok for r in results)
            score = score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY)
            assert scores[row, column] == score.total  # bit for bit, not approximately
            for item in score.breakdown:
                assert values[Criterion(item.criterion)][row, column] == item.value


# --- suggest() ----------------------------------------------------------------------------


def run(mentors, mentees, *, taken=None, fixed=(), weights=None, history=NO_HISTORY):
    return suggest(mentors, mentees, ladder=LADDER, history=history, taken=taken or {},
                   weights=weights or MatchWeights(), today=TODAY, fixed=fixed)  # fmt: skip


def pairs_of(suggestion):
    return {(p.mentor_signup_id, p.mentee_signup_id) for p in suggestion.pairs}


def greedy_total(mentors, mentees, weights):
    """Best pair first, as a coordinator might do by hand."""
    options = sorted(
        (
            (score_pair(mr, me, ladder=LADDER, weights=weights, today=TODAY).total, i, j)
            for i, mr in enumerate(mentors)
            for j, me in enumerate(mentees)
            if all(r.ok for r in check_pair(mr, me, ladder=LADDER, history=NO_HISTORY,
                                            mentor_taken=0))
        ),
        reverse=True,
    )  # fmt: skip
    left = [m.signup.capacity for m in mentors]
    placed: set[int] = set()
    total = 0.0
    for score, i, j in options:
        if left[i] and j not in placed:
            left[i] -= 1
            placed.add(j)
            total += score
    return len(placed), total


def test_greedy_loses_score_where_suggest_finds_the_best_total():
    a = mentor(1, topics=("T1", "T2", "T3", "T4"), signup_id=11)
    b = mentor(2, topics=("T1", "T2"), signup_id=12)
    x = mentee(3, topics=("T1", "T2", "T3"), signup_id=21)  # A: 1.0, B: 2/3
    y = mentee(4, topics=("T4", "T5"), signup_id=22)  # A: 0.5, B: 0
    assert greedy_total([a, b], [x, y], ONLY_TOPICS) == (2, pytest.approx(1.0))
    result = run([a, b], [x, y], weights=ONLY_TOPICS)
    assert pairs_of(result) == {(12, 21), (11, 22)}
    assert sum(p.score.total for p in result.pairs) == pytest.approx(2 / 3 + 0.5)


def test_greedy_leaves_a_mentee_out_where_suggest_places_both():
    professor = mentor(1, "Full professor", topics=(CAREER,), signup_id=11)
    postdoc = mentor(2, "Postdoc", signup_id=12)
    phd = mentee(3, "PhD candidate", topics=(CAREER,), signup_id=21)  # prefers the professor
    researcher = mentee(4, "Researcher", signup_id=22)  # only the professor ranks above
    assert greedy_total([professor, postdoc], [phd, researcher], MatchWeights())[0] == 1
    result = run([professor, postdoc], [phd, researcher])
    assert pairs_of(result) == {(12, 21), (11, 22)}
    assert result.unmatched == [] and result.coverage == 1.0


def test_pairs_come_in_mentee_order_with_their_score_pair_score():
    mentors = [mentor(1, capacity=3, topics=(CAREER,), signup_id=11)]
    mentees = [mentee(5, signup_id=25), mentee(3, topics=(CAREER,), signup_id=23)]
    result = run(mentors, mentees)
    assert [p.mentee_signup_id for p in result.pairs] == [25, 23]
    for pair, me in zip(result.pairs, mentees, strict=True):
        assert pair.score == score_pair(mentors[0], me, ladder=LADDER, weights=MatchWeights(),
                                        today=TODAY)  # fmt: skip
        assert pair.total == pair.score.total


def test_a_suggested_pair_words_its_breakdown_once_when_first_read():
    mentors = [mentor(1, capacity=1, topics=(CAREER,), signup_id=11)]
    result = run(mentors, [mentee(3, topics=(CAREER,), signup_id=23)])
    (pair,) = result.pairs
    assert "total=" in repr(pair) and "breakdown" not in repr(pair)
    first = pair.score
    assert pair.score is first and len(first.breakdown) == 6


def test_fixed_pairs_stay_take_a_place_and_are_not_rematched():
    a = mentor(1, capacity=2, signup_id=11)
    b = mentor(2, capacity=1, signup_id=12)
    kept = mentee(3, signup_id=21)
    others = [mentee(4, signup_id=22), mentee(5, signup_id=23), mentee(6, signup_id=24)]
    result = run([a, b], [kept, *others], fixed=[(11, 21)], taken={12: 0})
    assert 21 not in {p.mentee_signup_id for p in result.pairs}
    assert 21 not in {u.mentee_signup_id for u in result.unmatched}
    taken = [p.mentor_signup_id for p in result.pairs]
    assert taken.count(11) == 1 and taken.count(12) == 1  # A has one place left after the draft
    assert len(result.unmatched) == 1
    assert result.coverage == pytest.approx(3 / 4)


def test_fixed_pairs_count_on_top_of_places_taken():
    a = mentor(1, capacity=2, signup_id=11)
    result = run([a], [mentee(3, signup_id=21), mentee(4, signup_id=22)],
                 taken={11: 1}, fixed=[(11, 99)])  # fmt: skip
    assert result.pairs == []
    (first, second) = result.unmatched
    assert "1 mentor has no capacity left" in " ".join(first.reasons)


def test_longer_waiting_mentee_gets_the_last_place():
    only = mentor(1, signup_id=11)
    recent = mentee(3, signup_id=21, signed_up=TODAY - timedelta(days=5))
    patient = mentee(4, signup_id=22, signed_up=TODAY - timedelta(days=80))
    result = run([only], [recent, patient])
    assert pairs_of(result) == {(11, 22)}
    (left,) = result.unmatched
    assert left.mentee_signup_id == 21
    assert left.reasons == (
        "1 mentor may mentor them (Person 1), but the free places went to other mentees.",
    )


def reasons_for(mentors, me, **kw):
    (left,) = run(mentors, [me], **kw).unmatched
    for reason in left.reasons:
        _readable(reason)
    return left.reasons


def test_reasons_when_no_mentor_ranks_above():
    mentors = [mentor(1, "Postdoc"), mentor(2, "Researcher")]
    assert reasons_for(mentors, mentee(3, "full prof")) == (
        "All 2 mentors break a hard rule for them.",
        "No mentor ranks above Full professor.",
    )


def test_reasons_count_every_rule_that_blocks():
    mentors = [
        mentor(1, "Postdoc", name="Ada"),
        mentor(2, projects=("Optics",), name="Bea"),
        mentor(3, projects=("optics", "Lasers"), name="Cy"),
        mentor(4, name="Dee", signup_id=40),
        mentor(5, name="Eve", signup_id=50),
        mentor(7, name="Fay", signup_id=70),
    ]
    history = PairingHistory.of([PastPairing(5, 9, 2023, "closed")])
    me = mentee(9, "Postdoc", projects=("Optics", "Genomics"))
    assert reasons_for(mentors, me, history=history, taken={40: 1, 70: 1}) == (
        "All 6 mentors break a hard rule for them.",
        "1 of 6 mentors does not rank above Postdoc.",
        "2 mentors share a project with them (Optics).",
        "1 mentor was paired with them before.",
        "2 mentors have no capacity left; 2 of them would otherwise fit: Dee, Fay.",
    )


def test_reasons_for_an_unknown_position_and_for_oneself():
    assert reasons_for([mentor(1)], mentee(2, "Astronaut"))[1] == (
        "Their position “Astronaut” is not on the seniority ladder, so no mentor can rank above it."
    )
    assert reasons_for([mentor(1)], mentee(1, signup_id=77)) == (
        "The one mentor breaks a hard rule for them.",
        "They signed up as a mentor too, and nobody can mentor themselves.",
    )


def test_no_mentors_and_no_mentees():
    assert reasons_for([], mentee()) == ("There are no mentors to choose from.",)
    assert run([], []).coverage == 1.0
    assert run([mentor()], []).pairs == []


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="given twice"):
        run([mentor(1, signup_id=5), mentor(2, signup_id=5)], [])
    with pytest.raises(ValueError, match="two fixed pairs"):
        run([mentor(1)], [mentee()], fixed=[(10, 21), (10, 21)])
    with pytest.raises(ValueError, match="mentee sign-up"):
        run([mentor(1)], [mentor(2)])


# --- the solver ---------------------------------------------------------------------------


def random_problem(seed, rows, columns, density):
    rng = np.random.default_rng(seed)
    allowed = rng.random((rows, columns)) < density
    # Coarse scores tie a lot, like real ones.
    scores = rng.integers(0, 12, size=(rows, columns)) / 11
    places = rng.integers(0, 4, size=columns)
    return allowed, scores, places


def outcome(pairs, scores):
    return len(pairs), sum(scores[r, c] for r, c in pairs)


def valid(pairs, allowed, places):
    rows = [r for r, _ in pairs]
    used = np.bincount([c for _, c in pairs], minlength=allowed.shape[1])
    return (
        len(set(rows)) == len(rows)
        and all(allowed[r, c] for r, c in pairs)
        and (used <= places).all()
    )


def assert_best(pairs, allowed, scores, places):
    count, total = exact_outcome(allowed, scores, places)
    assert valid(pairs, allowed, places)
    assert outcome(pairs, scores)[0] == count
    assert outcome(pairs, scores)[1] == pytest.approx(total, abs=1e-9)


def integer_problem(allowed, scores, places):
    """The solver's own problem for rows and columns that all have some pair."""
    allowed = allowed & (places > 0)[None, :]
    rows, columns = allowed.any(axis=1), allowed.any(axis=0)
    allowed, scores = allowed[rows][:, columns], scores[rows][:, columns]
    return solver._Problem.of(allowed, scores, np.minimum(places[columns], allowed.sum(axis=0)))


@pytest.mark.parametrize("method", ["dense", "sparse"])
@pytest.mark.parametrize(
    ("seed", "rows", "columns", "density"),
    [(0, 300, 150, 0.8), (1, 200, 400, 0.3), (2, 500, 120, 0.05), (3, 400, 200, 0.95)],
)
def test_the_solver_finds_the_most_pairs_then_the_best_total(seed, rows, columns, density, method):
    allowed, scores, places = random_problem(seed, rows, columns, density)
    assert_best(assign(allowed, scores, places, method=method), allowed, scores, places)


@pytest.mark.parametrize("method", ["dense", "sparse"])
def test_real_programs_are_proven_optimal_without_the_slow_solver(monkeypatch, method):
    def no_plain(*args):
        raise AssertionError("the answer of lap's solver was not proven optimal")

    monkeypatch.setattr(solver_plain, "solve_plain", no_plain)
    if method == "sparse":  # nor does it give up on the candidate rounds
        monkeypatch.setattr(solver, "_solve_dense", no_plain)
    for seed, n_mentors, n_mentees in ((11, 150, 400), (2, 200, 600), (5, 300, 120)):
        mentors, mentees, history, loads = random_program(seed, n_mentors, n_mentees)
        rules = rule_matrices(mentors, mentees, ladder=LADDER, history=history, taken=loads)
        scores = score_matrix(mentors, mentees, ladder=LADDER, weights=MatchWeights(),
                              today=TODAY)  # fmt: skip
        places = np.array([max(m.signup.capacity - loads.get(m.signup.id, 0), 0)
                           for m in mentors])  # fmt: skip
        pairs = assign(rules.allowed, scores, places, method=method)
        assert_best(pairs, rules.allowed, scores, places)


def test_the_proof_refuses_a_matching_that_is_not_the_best():
    allowed, scores, places = random_problem(4, 60, 30, 0.5)
    problem = integer_problem(allowed, scores, places)
    best = solver._solve_dense(problem)
    assert solver._optimal(problem, best)
    # One pair fewer: a free place and a mentee who could take it.
    fewer = best.copy()
    fewer[np.flatnonzero(fewer >= 0)[0]] = -1
    assert not solver._optimal(problem, fewer)
    # As many pairs, but two mentees swapped where that loses score.
    gain = problem.gain
    for a, b in zip(*np.nonzero((best[:, None] >= 0) & (best[None, :] >= 0)), strict=True):
        ca, cb = best[a], best[b]
        if ca != cb and problem.allowed[a, cb] and problem.allowed[b, ca] \
                and gain[a, cb] + gain[b, ca] < gain[a, ca] + gain[b, cb]:  # fmt: skip
            swapped = best.copy()
            swapped[a], swapped[b] = cb, ca
            assert not solver._optimal(problem, swapped)
            break
    else:
        pytest.fail("no losing swap in the example")


def test_an_answer_not_proven_optimal_is_solved_again_exactly(monkeypatch):
    allowed, scores, places = random_problem(7, 120, 60, 0.5)
    plain = []
    original = solver_plain.solve_plain
    monkeypatch.setattr(solver, "_optimal", lambda problem, match: False)
    monkeypatch.setattr(solver_plain, "solve_plain", lambda *a: plain.append(1) or original(*a))
    assert_best(assign(allowed, scores, places, method="dense"), allowed, scores, places)
    assert plain == [1]


def test_the_slow_solver_asks_cancel_before_each_row(monkeypatch):
    allowed, scores, places = random_problem(3, 40, 20, 0.5)
    monkeypatch.setattr(solver, "_optimal", lambda problem, match: False)
    asked: list[int] = []
    with pytest.raises(solver.Cancelled):
        assign(allowed, scores, places, method="dense",
               cancelled=lambda: asked.append(1) is None and len(asked) > 5)  # fmt: skip
    assert len(asked) == 6


def test_large_lopsided_problems_take_the_sparse_path(monkeypatch):
    monkeypatch.setattr(solver, "DENSE_LIMIT", 10_000)
    calls = []
    original = solver._solve_sparse
    monkeypatch.setattr(solver, "_solve_sparse", lambda *a: calls.append(1) or original(*a))
    # Three mentees for every place: sparse; about as many places as mentees: dense.
    allowed, scores, _ = random_problem(5, 300, 100, 0.5)
    assign(allowed, scores, np.ones(100, dtype=np.int64))
    assert calls == [1]
    assign(allowed, scores, np.full(100, 3, dtype=np.int64))
    assert calls == [1]


def test_cancel_is_asked_before_every_solver_round_and_gives_up():
    allowed, scores, places = random_problem(3, 400, 200, 0.95)
    asked: list[int] = []
    expected = assign(allowed, scores, places, method="sparse",
                      cancelled=lambda: asked.append(1) is not None)  # fmt: skip
    rounds = len(asked)
    assert rounds >= 1 and valid(expected, allowed, places)
    asked.clear()
    with pytest.raises(solver.Cancelled):
        assign(allowed, scores, places, method="sparse",
               cancelled=lambda: asked.append(1) is None and len(asked) == rounds)  # fmt: skip
    assert len(asked) == rounds


def test_sparse_solver_falls_back_to_dense_when_the_proof_does_not_settle(monkeypatch):
    allowed, scores, places = random_problem(7, 120, 60, 0.5)
    monkeypatch.setattr(solver, "_ROUNDS", 0)
    assert_best(assign(allowed, scores, places, method="sparse"), allowed, scores, places)


def test_later_rounds_start_from_the_last_prices_and_stay_optimal(monkeypatch):
    # Places are scarce here, so every round takes them all and the next one is solved
    # with costs plus the last prices; it must end at the optimum, unaided.
    mentors, mentees, history, loads = random_program(2, 200, 600)
    rules = rule_matrices(mentors, mentees, ladder=LADDER, history=history, taken=loads)
    scores = score_matrix(mentors, mentees, ladder=LADDER, weights=MatchWeights(), today=TODAY)
    places = np.array([max(m.signup.capacity - loads.get(m.signup.id, 0), 0) for m in mentors])
    priced: list[bool] = []
    original = solver._solve_restricted

    def solve_restricted(problem, rows, columns, column_price=None):
        priced.append(column_price is not None)
        return original(problem, rows, columns, column_price)

    def no_dense(*args):
        raise AssertionError("the sparse solver gave up")

    monkeypatch.setattr(solver, "_solve_restricted", solve_restricted)
    monkeypatch.setattr(solver, "_solve_dense", no_dense)
    pairs = assign(rules.allowed, scores, places, method="sparse")
    assert True in priced and places.sum() < len(mentees)
    assert_best(pairs, rules.allowed, scores, places)


def test_cancel_is_asked_before_the_dense_solver_and_gives_up():
    allowed, scores, places = random_problem(3, 400, 200, 0.95)
    asked: list[int] = []
    pairs = assign(allowed, scores, places, method="dense",
                   cancelled=lambda: asked.append(1) is not None)  # fmt: skip
    assert asked == [1] and valid(pairs, allowed, places)
    with pytest.raises(solver.Cancelled):
        assign(allowed, scores, places, method="dense", cancelled=lambda: True)
