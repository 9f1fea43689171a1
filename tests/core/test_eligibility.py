"""Hard pairing rules: each rule's verdict and the sentence a coordinator reads."""

from __future__ import annotations

from datetime import date

import pytest

from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PastPairing,
    Rule,
    RuleResult,
    check_pair,
    is_eligible,
    refusals,
)
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Person, Role, Signup

LADDER = SeniorityLadder()
NO_HISTORY = PairingHistory.of([])


def _candidate(pid, name, role, position, projects=(), capacity=1, signup_id=None):
    person = Person(
        id=pid,
        name=name,
        email=f"{name.split()[0].lower()}@ams.example",
        position=position,
        projects=tuple(projects),
    )
    signup = Signup(
        id=signup_id or pid * 10,
        person_id=pid,
        role=role,
        signed_up=date(2024, 2, 1),
        program_year=2024,
        capacity=capacity,
    )
    return Candidate(person, signup)


def mentor(position="Full professor", projects=(), capacity=1, pid=1, name="Ada Lovelace"):
    return _candidate(pid, name, Role.MENTOR, position, projects, capacity)


def mentee(position="PhD candidate", projects=(), pid=2, name="Bo Chen"):
    return _candidate(pid, name, Role.MENTEE, position, projects)


def _check(mr=None, me=None, *, history=NO_HISTORY, load=0):
    return check_pair(
        mr or mentor(), me or mentee(), ladder=LADDER, history=history, mentor_taken=load
    )


def _result(results: list[RuleResult], rule: Rule) -> RuleResult:
    (found,) = [r for r in results if r.rule is rule]
    return found


def _readable(reason: str) -> None:
    assert reason and reason[0].isupper() and reason.endswith(".")
    assert "None" not in reason and "_" not in reason


def test_all_rules_hold_in_rule_order():
    results = _check()
    assert [r.rule for r in results] == list(Rule)
    assert [r.ok for r in results] == [True] * 5
    assert is_eligible(results) is True
    assert refusals(results) == []
    for r in results:
        _readable(r.reason)


def test_results_in_rule_order_even_when_everything_fails():
    same = mentor(position="Postdoc", projects=("Optics",))
    same_as_mentee = Candidate(
        same.person,
        Signup(id=99, person_id=1, role=Role.MENTEE, signed_up=date(2024, 1, 1), program_year=2024),
    )
    history = PairingHistory.of([PastPairing(1, 1, 2022, "closed")])
    results = check_pair(same, same_as_mentee, ladder=LADDER, history=history, mentor_taken=1)
    assert [r.rule for r in results] == [
        Rule.DIFFERENT_PEOPLE,
        Rule.SENIORITY,
        Rule.NO_SHARED_PROJECT,
        Rule.NOT_PAIRED_BEFORE,
        Rule.CAPACITY,
    ]
    assert [r.ok for r in results] == [False] * 5
    assert is_eligible(results) is False
    assert refusals(results) == results


# ---- different people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentee_pid", "ok", "reason"),
    [
        (2, True, "Mentor and mentee are different people."),
        (1, False, "Ada Lovelace cannot mentor themselves."),
    ],
)
def test_different_people(mentee_pid, ok, reason):
    result = _result(_check(me=mentee(pid=mentee_pid)), Rule.DIFFERENT_PEOPLE)
    assert (result.ok, result.reason) == (ok, reason)


# ---- seniority -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentor_pos", "mentee_pos", "ok", "reason"),
    [
        (
            "Full professor",
            "PhD candidate",
            True,
            "Ada Lovelace (Full professor) ranks 5 steps above Bo Chen (PhD candidate).",
        ),
        (
            "Postdoc",
            "PhD candidate",
            True,
            "Ada Lovelace (Postdoc) ranks 1 step above Bo Chen (PhD candidate).",
        ),
        (
            "hoogleraar",
            "phd student",
            True,
            "Ada Lovelace (Full professor) ranks 5 steps above Bo Chen (PhD candidate).",
        ),
        (
            "Postdoc",
            "post-doc",
            False,
            "Ada Lovelace (Postdoc) has the same rank as Bo Chen (Postdoc); "
            "a mentor must rank higher.",
        ),
        (
            "Postdoc",
            "Researcher",
            False,
            "Ada Lovelace (Postdoc) has a lower rank than Bo Chen (Researcher); "
            "a mentor must rank higher.",
        ),
        (
            "Dean",
            "PhD candidate",
            False,
            "Ada Lovelace's position “Dean” is not on the seniority ladder.",
        ),
        (
            "",
            "PhD candidate",
            False,
            "Ada Lovelace's position “none” is not on the seniority ladder.",
        ),
        (
            "\t ",
            "PhD candidate",
            False,
            "Ada Lovelace's position “none” is not on the seniority ladder.",
        ),
        (
            "Full professor",
            "Intern",
            False,
            "Bo Chen's position “Intern” is not on the seniority ladder.",
        ),
        (
            "Full professor",
            "  ",
            False,
            "Bo Chen's position “none” is not on the seniority ladder.",
        ),
        # Both unknown: the mentor's is reported first.
        ("Dean", "Intern", False, "Ada Lovelace's position “Dean” is not on the seniority ladder."),
    ],
)
def test_seniority(mentor_pos, mentee_pos, ok, reason):
    result = _result(_check(mentor(mentor_pos), mentee(mentee_pos)), Rule.SENIORITY)
    assert (result.ok, result.reason) == (ok, reason)
    _readable(result.reason)


def test_seniority_uses_the_given_ladder():
    ladder = SeniorityLadder(("Junior", "Senior"))
    results = check_pair(
        mentor("senior"), mentee("JUNIOR"), ladder=ladder, history=NO_HISTORY, mentor_taken=0
    )
    seniority = _result(results, Rule.SENIORITY)
    assert seniority.ok is True
    assert seniority.reason == "Ada Lovelace (Senior) ranks 1 step above Bo Chen (Junior)."


# ---- shared project --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentor_projects", "mentee_projects", "ok", "shared"),
    [
        ((), (), True, None),
        (("Optics",), (), True, None),
        ((), ("Optics",), True, None),
        (("Optics",), ("Lasers",), True, None),
        (("Optics",), ("Optics",), False, "Optics"),
        (("OPTICS",), ("optics",), False, "optics"),  # mentee's spelling is shown
        (("Quantum Dots", "Optics"), ("lasers", "quantum dots"), False, "quantum dots"),
        (("A", "B", "C"), ("c", "x", "a"), False, "c, a"),
    ],
)
def test_no_shared_project(mentor_projects, mentee_projects, ok, shared):
    result = _result(
        _check(mentor(projects=mentor_projects), mentee(projects=mentee_projects)),
        Rule.NO_SHARED_PROJECT,
    )
    assert result.ok is ok
    if ok:
        assert result.reason == "They share no project."
    else:
        assert result.reason == (
            f"Both work on {shared}; a mentor must not be affiliated with the mentee's project."
        )


# ---- paired before ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairings", "ok", "listed"),
    [
        ([], True, None),
        ([PastPairing(1, 3, 2022, "closed")], True, None),  # another mentee
        ([PastPairing(4, 2, 2022, "closed")], True, None),  # another mentor
        ([PastPairing(1, 2, 2022, "closed")], False, "2022 (closed)"),
        ([PastPairing(1, 2, 2023, "mentor_declined")], False, "2023 (mentor declined)"),
        ([PastPairing(1, 2, 2021, "cancelled")], False, "2021 (cancelled)"),
        ([PastPairing(2, 1, 2020, "continuing")], False, "2020 (continuing)"),  # roles swapped
        ([PastPairing(1, 2, 2023, "draft")], True, None),  # drafts are ignored
        (
            [
                PastPairing(1, 2, 2023, "mentor_declined"),
                PastPairing(1, 2, 2021, "closed"),
                PastPairing(1, 2, 2022, "draft"),
            ],
            False,
            "2021 (closed); 2023 (mentor declined)",
        ),
    ],
)
def test_not_paired_before(pairings, ok, listed):
    result = _result(_check(history=PairingHistory.of(pairings)), Rule.NOT_PAIRED_BEFORE)
    assert result.ok is ok
    if ok:
        assert result.reason == "They have not been paired before."
    else:
        assert result.reason == f"Ada Lovelace and Bo Chen were paired before: {listed}."
        _readable(result.reason)


def test_history_between_is_symmetric_and_oldest_first():
    history = PairingHistory.of(
        [
            PastPairing(1, 2, 2024, "met"),
            PastPairing(2, 1, 2019, "closed"),
            PastPairing(1, 2, 2022, "draft"),
            PastPairing(1, 3, 2021, "closed"),
        ]
    )
    assert [p.program_year for p in history.between(1, 2)] == [2019, 2024]
    assert history.between(2, 1) == history.between(1, 2)
    assert history.between(1, 4) == []


# ---- capacity --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "load", "ok", "reason"),
    [
        (1, 0, True, "Ada Lovelace has 1 of 1 places free."),
        (3, 1, True, "Ada Lovelace has 2 of 3 places free."),
        (3, 2, True, "Ada Lovelace has 1 of 3 places free."),
        (1, 1, False, "Ada Lovelace has no capacity left (1 of 1 taken)."),
        (3, 3, False, "Ada Lovelace has no capacity left (3 of 3 taken)."),
        (2, 5, False, "Ada Lovelace has no capacity left (5 of 2 taken)."),
        (0, 0, False, "Ada Lovelace has no capacity left (0 of 0 taken)."),
    ],
)
def test_capacity(capacity, load, ok, reason):
    result = _result(_check(mentor(capacity=capacity), load=load), Rule.CAPACITY)
    assert (result.ok, result.reason) == (ok, reason)


# ---- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentor_role", "mentee_role"),
    [(Role.MENTEE, Role.MENTEE), (Role.MENTOR, Role.MENTOR), (Role.MENTEE, Role.MENTOR)],
)
def test_check_pair_rejects_wrong_roles(mentor_role, mentee_role):
    mr = _candidate(1, "Ada Lovelace", mentor_role, "Full professor")
    me = _candidate(2, "Bo Chen", mentee_role, "PhD candidate")
    with pytest.raises(ValueError, match="mentor sign-up and a mentee sign-up"):
        check_pair(mr, me, ladder=LADDER, history=NO_HISTORY, mentor_taken=0)


def test_only_failing_rules_are_refusals():
    results = _check(mentor(projects=("Optics",)), mentee(projects=("optics",)), load=1)
    assert [r.rule for r in refusals(results)] == [Rule.NO_SHARED_PROJECT, Rule.CAPACITY]
    assert is_eligible(results) is False
    assert is_eligible(r for r in results if r.ok) is True
