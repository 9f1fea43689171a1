"""admit_pair: the one decision every new pair goes through, and its sentences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PairRefused,
    PastPairing,
    Rule,
    admit_pair,
)
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import PairStatus, Person, Role, Signup, SignupStatus
from ams_desk.core.validation import ValidationError

LADDER = SeniorityLadder()
NO_HISTORY = PairingHistory.of([])


def _candidate(pid: int, name: str, role: Role, position: str, *, capacity: int = 1,
               status: SignupStatus = SignupStatus.OPEN,
               projects: tuple[str, ...] = ()) -> Candidate:  # fmt: skip
    person = Person(pid, name, f"p{pid}@ams.example", position, projects=projects)
    signup = Signup(pid * 10, pid, role, date(2025, 2, 1), 2025, status, capacity=capacity)
    return Candidate(person, signup)


MENTOR = _candidate(1, "Ada Lovelace", Role.MENTOR, "Full professor", capacity=2)
MENTEE = _candidate(2, "Bo Chen", Role.MENTEE, "PhD candidate")


def admit(mentor: Candidate = MENTOR, mentee: Candidate = MENTEE, *, taken: int = 0,
          history: PairingHistory = NO_HISTORY, **kw: object):  # fmt: skip
    return admit_pair(mentor, mentee, ladder=LADDER, history=history, mentor_taken=taken,
                      **kw)  # type: ignore[arg-type]


def test_a_pair_that_breaks_no_rule_is_admitted_with_nothing_overridden() -> None:
    assert admit() == []
    assert admit(taken=1) == []


def test_a_broken_rule_refuses_the_pair_with_its_sentence() -> None:
    with pytest.raises(PairRefused) as refused:
        admit(taken=2)
    assert [r.rule for r in refused.value.refused] == [Rule.CAPACITY]
    assert refused.value.field == "pair"
    assert str(refused.value) == "Ada Lovelace has no capacity left (2 of 2 taken)."


def test_an_override_admits_the_pair_and_returns_the_rules_it_overrides() -> None:
    history = PairingHistory.of([PastPairing(1, 2, 2023, PairStatus.CLOSED)])
    overridden = admit(taken=5, history=history, override="  They asked for it  ")
    assert [r.rule for r in overridden] == [Rule.NOT_PAIRED_BEFORE, Rule.CAPACITY]
    with pytest.raises(PairRefused):
        admit(history=history, override="   ")  # a blank reason is no reason


def test_wrong_roles_are_named() -> None:
    with pytest.raises(ValidationError, match="Bo Chen's sign-up is not a mentor's") as error:
        admit(MENTEE, MENTEE)
    assert error.value.field == "mentor"
    with pytest.raises(ValidationError, match="Ada Lovelace's sign-up is not a mentee's"):
        admit(MENTOR, MENTOR)


@pytest.mark.parametrize("status", [SignupStatus.WITHDRAWN, SignupStatus.CLOSED])
def test_no_override_lifts_a_withdrawn_or_closed_sign_up(status: SignupStatus) -> None:
    mentor = replace(MENTOR, signup=replace(MENTOR.signup, status=status))
    with pytest.raises(ValidationError, match=f"The mentor's sign-up is {status.value}."):
        admit(mentor, override="anyway")
    mentee = replace(MENTEE, signup=replace(MENTEE.signup, status=status))
    with pytest.raises(ValidationError, match=f"The mentee's sign-up is {status.value}."):
        admit(mentee=mentee, override="anyway")


def test_a_mentee_already_in_a_pair_is_refused() -> None:
    matched = replace(MENTEE, signup=replace(MENTEE.signup, status=SignupStatus.MATCHED))
    with pytest.raises(ValidationError, match="Bo Chen is already in a pair."):
        admit(mentee=matched)
    with pytest.raises(ValidationError, match="Bo Chen is already in a pair."):
        admit(mentee_placed=True)  # placed earlier in the same batch


def test_hard_rules_are_decided_before_the_sign_ups_state() -> None:
    """A refusal that an override could lift is reported first, as the board expects."""
    matched = replace(MENTEE, signup=replace(MENTEE.signup, status=SignupStatus.MATCHED))
    with pytest.raises(PairRefused):
        admit(mentee=matched, taken=2)
