"""Pair services: creating, moving through the workflow, refusals, undo, attention, history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ams_desk.core.attention import AttentionReason
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.core.workflow import PairStatus, TransitionError
from ams_desk.store.database import Database
from ams_desk.store.pair_rows import attention_list, get_pair_row, person_history
from ams_desk.store.pairs import (
    PairRefused,
    add_note,
    change_status,
    create_pair,
    get_pair,
    remove_event,
    undo_step,
)
from ams_desk.store.people import AddedSignup, add_signup, get_signup

T0 = datetime(2026, 3, 2, 9, 0)


def _add(
    db: Database,
    name: str,
    position: str,
    role: Role,
    *,
    projects: tuple[str, ...] = (),
    capacity: int = 1,
    year: int = 2026,
) -> AddedSignup:
    email = name.split()[0].lower() + "@ams.org"
    return add_signup(
        db,
        PersonInput(name, email, position, projects=projects),
        SignupInput(Role(role), date(year, 1, 15), year, capacity=capacity),
    )


@pytest.fixture
def cast(any_db: Database) -> dict[str, AddedSignup]:
    return {
        "eva": _add(
            any_db, "Eva Müller", "Full professor", Role.MENTOR, projects=("Roboat",), capacity=2
        ),
        "jan": _add(any_db, "Jan Jansen", "PhD candidate", Role.MENTEE),
        "ayse": _add(any_db, "Ayşe Öztürk", "Postdoc", Role.MENTEE, projects=("Roboat",)),
        "lars": _add(any_db, "Lars Berg", "Full professor", Role.MENTEE),
    }


def _status(db: Database, added: AddedSignup) -> SignupStatus:
    return get_signup(db, added.signup_id)[1].status


WALK = [
    (PairStatus.MENTOR_AGREED, {}),
    (PairStatus.INTRODUCED, {}),
    (PairStatus.FIRST_CONTACT, {"questions": "How do I find funding?\nHow to say no?"}),
    (PairStatus.MENTOR_RESPONDED, {}),
    (PairStatus.MEETING_PLANNED, {"meeting_date": "2026-04-01", "place": "Lab 2"}),
    (PairStatus.MET, {"format": "In person"}),
    (PairStatus.EVALUATED, {"outcome": "Very useful", "continue": "No, they close"}),
    (PairStatus.CLOSED, {}),
]


def test_a_pair_walks_from_proposal_to_closed(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0, by="Anouk")
    assert pair.status == "proposed" and pair.program_year == 2026
    assert _status(any_db, cast["jan"]) is SignupStatus.MATCHED
    assert _status(any_db, cast["eva"]) is SignupStatus.OPEN  # one of two places taken
    for day, (status, details) in enumerate(WALK, start=1):
        pair = change_status(
            any_db, pair.id, status, at=T0 + timedelta(days=day), by="Anouk", details=details
        )
    assert pair.status == "closed"
    assert [e.status for e in pair.events] == ["proposed"] + [s.value for s, _ in WALK]
    assert pair.events[3].details == {"questions": "How do I find funding?\nHow to say no?"}
    assert all(e.by == "Anouk" for e in pair.events)
    assert _status(any_db, cast["jan"]) is SignupStatus.CLOSED


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (PairStatus.FIRST_CONTACT, "cannot become first contact made"),
        (PairStatus.CLOSED, "cannot become closed"),
        (PairStatus.PROPOSED, "cannot become proposed to mentor"),
    ],
)
def test_skipping_steps_is_refused_and_changes_nothing(
    any_db: Database, cast: dict, target: PairStatus, message: str
) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    with pytest.raises(TransitionError, match=message):
        change_status(any_db, pair.id, target, at=T0 + timedelta(days=1))
    assert get_pair(any_db, pair.id) == pair


def test_back_dating_before_the_previous_step_is_refused(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    with pytest.raises(TransitionError, match="before the previous step"):
        change_status(any_db, pair.id, PairStatus.MENTOR_AGREED, at=T0 - timedelta(minutes=1))
    assert get_pair(any_db, pair.id) == pair
    back_dated = change_status(any_db, pair.id, PairStatus.MENTOR_AGREED, at=T0)
    assert back_dated.events[-1].at == T0


def test_cancel_needs_a_reason_and_returns_the_mentee(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    with pytest.raises(TransitionError, match="needs a reason"):
        change_status(any_db, pair.id, PairStatus.CANCELLED, at=T0, note="  ")
    change_status(any_db, pair.id, PairStatus.CANCELLED, at=T0, note="Mentee moved abroad")
    assert _status(any_db, cast["jan"]) is SignupStatus.OPEN
    with pytest.raises(TransitionError, match="cannot change any more"):
        change_status(any_db, pair.id, PairStatus.MENTOR_AGREED, at=T0)


def test_decline_returns_the_mentee_and_blocks_a_second_proposal(
    any_db: Database, cast: dict
) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    change_status(any_db, pair.id, PairStatus.MENTOR_DECLINED, at=T0 + timedelta(days=1))
    assert _status(any_db, cast["jan"]) is SignupStatus.OPEN
    with pytest.raises(PairRefused, match="were paired before: 2026 \\(mentor declined\\)"):
        create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id)


def test_mentor_fills_up_and_is_freed_again(any_db: Database, cast: dict) -> None:
    first = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    other = _add(any_db, "Olaf Olsen", "Postdoc", Role.MENTEE)
    create_pair(any_db, cast["eva"].signup_id, other.signup_id, at=T0)
    assert _status(any_db, cast["eva"]) is SignupStatus.MATCHED
    third = _add(any_db, "Pia Persson", "Postdoc", Role.MENTEE)
    with pytest.raises(PairRefused, match="no capacity left"):
        create_pair(any_db, cast["eva"].signup_id, third.signup_id)
    change_status(any_db, first.id, PairStatus.CANCELLED, at=T0, note="Changed plans")
    assert _status(any_db, cast["eva"]) is SignupStatus.OPEN


def test_hard_rules_refuse_unless_overridden_with_a_note(any_db: Database, cast: dict) -> None:
    with pytest.raises(PairRefused) as refused:
        create_pair(any_db, cast["eva"].signup_id, cast["ayse"].signup_id)
    assert "Both work on Roboat" in str(refused.value)
    with pytest.raises(PairRefused, match="a mentor must rank higher"):
        create_pair(any_db, cast["eva"].signup_id, cast["lars"].signup_id)
    pair = create_pair(
        any_db,
        cast["eva"].signup_id,
        cast["ayse"].signup_id,
        override="Different sub-projects; agreed with the PI",
        at=T0,
    )
    override = [e for e in pair.events if e.kind == "override"]
    assert len(override) == 1 and "agreed with the PI" in override[0].note
    assert "Both work on Roboat" in override[0].note


def test_a_mentee_in_a_live_pair_cannot_be_paired_again(any_db: Database, cast: dict) -> None:
    create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id)
    other = _add(any_db, "Otto Mentor", "Full professor", Role.MENTOR)
    with pytest.raises(ValidationError, match="already in a pair"):
        create_pair(any_db, other.signup_id, cast["jan"].signup_id)


def test_undo_step_restores_status_and_signups(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    declined = change_status(any_db, pair.id, PairStatus.MENTOR_DECLINED, at=T0)
    assert _status(any_db, cast["jan"]) is SignupStatus.OPEN
    restored = undo_step(any_db, pair.id, declined.events[-1].id)
    assert restored == pair
    assert _status(any_db, cast["jan"]) is SignupStatus.MATCHED
    with pytest.raises(TransitionError, match="first step"):
        undo_step(any_db, pair.id, pair.events[0].id)


def test_undo_step_refuses_when_a_later_step_exists(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    agreed = change_status(any_db, pair.id, PairStatus.MENTOR_AGREED, at=T0)
    change_status(any_db, pair.id, PairStatus.INTRODUCED, at=T0)
    with pytest.raises(TransitionError, match="later step"):
        undo_step(any_db, pair.id, agreed.events[-1].id)


def test_notes_are_added_and_removed(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    noted = add_note(any_db, pair.id, "Called the mentor", at=T0 + timedelta(hours=1))
    assert noted.events[-1].kind == "note" and noted.status == "proposed"
    with pytest.raises(ValidationError):
        add_note(any_db, pair.id, "   ")
    remove_event(any_db, pair.id, noted.events[-1].id)
    assert get_pair(any_db, pair.id) == pair


def test_attention_list_and_pair_row_deadlines(any_db: Database, cast: dict) -> None:
    pair = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    due = T0.date() + timedelta(days=7)
    assert [i.pair_id for i in attention_list(any_db, due)] == []
    late = attention_list(any_db, due + timedelta(days=1))
    pair_items = [i for i in late if i.pair_id is not None]
    assert [(i.pair_id, i.reason, i.due) for i in pair_items] == [
        (pair.id, AttentionReason.PROPOSAL_UNANSWERED, due)
    ]
    row = get_pair_row(any_db, pair.id)
    assert row.mentor_name == "Eva Müller" and row.open_deadline().due == due
    assert [i for i in late if i.signup_id is not None] == []
    # Ayşe and Lars are open mentees, waiting since January 15: the 60-day limit ends
    # on March 16, so they show from March 17.
    for day, expected in ((16, []), (17, sorted([cast["ayse"].signup_id, cast["lars"].signup_id]))):
        items = attention_list(any_db, date(2026, 3, day))
        waiting = [i.signup_id for i in items if i.reason is AttentionReason.MENTEE_WAITING]
        assert sorted(waiting) == expected


def test_person_history_across_years(any_db: Database, cast: dict) -> None:
    first = create_pair(any_db, cast["eva"].signup_id, cast["jan"].signup_id, at=T0)
    change_status(any_db, first.id, PairStatus.MENTOR_DECLINED, at=T0)
    again = add_signup(
        any_db,
        PersonInput("Eva Müller", "eva@ams.org", "Full professor"),
        SignupInput(Role.MENTOR, date(2027, 1, 5), 2027),
        existing_person_id=cast["eva"].person_id,
    )
    mentee = _add(any_db, "Nina Novak", "Postdoc", Role.MENTEE, year=2027)
    pair = create_pair(any_db, again.signup_id, mentee.signup_id, at=T0)
    for status, _ in WALK[:6]:
        change_status(any_db, pair.id, status, at=T0)
    history = person_history(any_db, cast["eva"].person_id)
    assert [s.program_year for s in history.signups] == [2026, 2027]
    assert len(history.pairs) == 2
    assert history.summary() == "Signed up twice (2026, 2027); mentored once; declined once."
