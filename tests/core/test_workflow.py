"""The pair workflow of DESIGN.md §3: transitions, dating, cancelling and deadlines."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest

from ams_desk.core.model import PairEvent
from ams_desk.core.workflow import (
    STATUS_LABELS,
    Deadline,
    DeadlineKind,
    DeadlineSettings,
    PairStatus,
    TransitionError,
    allowed_next,
    check_transition,
    deadlines,
)

S = PairStatus

# Written out from DESIGN.md §3, independently of workflow.TRANSITIONS.
_FORWARD: set[tuple[str, str]] = {
    ("draft", "proposed"),
    ("proposed", "mentor_agreed"),
    ("proposed", "mentor_declined"),
    ("mentor_agreed", "introduced"),
    ("introduced", "first_contact"),
    ("first_contact", "mentor_responded"),
    ("mentor_responded", "meeting_planned"),
    ("meeting_planned", "met"),
    ("met", "evaluated"),
    ("evaluated", "continuing"),
    ("evaluated", "closed"),
    ("continuing", "closed"),
}
_TERMINAL_NAMES = {"mentor_declined", "closed", "cancelled"}
_ALL_NAMES = [
    "draft", "proposed", "mentor_agreed", "mentor_declined", "introduced", "first_contact",
    "mentor_responded", "meeting_planned", "met", "evaluated", "continuing", "closed",
    "cancelled",
]  # fmt: skip
EXPECTED_ALLOWED = _FORWARD | {(s, "cancelled") for s in _ALL_NAMES if s not in _TERMINAL_NAMES}

T0 = datetime(2024, 3, 1, 9, 30)
ALL_PAIRS = list(itertools.product(list(PairStatus), repeat=2))


def test_status_values_match_design():
    assert [s.value for s in PairStatus] == _ALL_NAMES
    assert len(EXPECTED_ALLOWED) == 12 + 10


@pytest.mark.parametrize(
    ("current", "target"),
    [p for p in ALL_PAIRS if (p[0].value, p[1].value) in EXPECTED_ALLOWED],
    ids=lambda s: s.value,
)
def test_allowed_transition_passes(current, target):
    note = "mentor left AMS" if target is S.CANCELLED else ""
    assert (
        check_transition(current, target, at=T0, previous_at=T0 - timedelta(days=1), note=note)
        is None
    )
    assert target in allowed_next(current)


@pytest.mark.parametrize(
    ("current", "target"),
    [p for p in ALL_PAIRS if (p[0].value, p[1].value) not in EXPECTED_ALLOWED],
    ids=lambda s: s.value,
)
def test_refused_transition_raises_readable_sentence(current, target):
    with pytest.raises(TransitionError) as info:
        check_transition(current, target, at=T0, previous_at=None, note="a reason")
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert target not in allowed_next(current)
    assert message[0].isupper() and message.endswith(".")
    assert "_" not in message  # labels, not raw enum values
    assert STATUS_LABELS[current].lower() in message
    if current.value in _TERMINAL_NAMES:
        assert "cannot change any more" in message
    else:
        assert STATUS_LABELS[target].lower() in message
        # The sentence names what is possible instead.
        for option in allowed_next(current):
            assert STATUS_LABELS[option].lower() in message


def test_refused_message_exact_wording():
    with pytest.raises(TransitionError) as info:
        check_transition(S.DRAFT, S.MET, at=T0, previous_at=None)
    assert str(info.value) == (
        "A pair that is draft cannot become met; next can be: proposed to mentor, cancelled."
    )
    with pytest.raises(TransitionError) as info:
        check_transition(S.CLOSED, S.CONTINUING, at=T0, previous_at=None)
    assert str(info.value) == "The pair is closed; it cannot change any more."


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.DRAFT, (S.PROPOSED, S.CANCELLED)),
        (S.PROPOSED, (S.MENTOR_AGREED, S.MENTOR_DECLINED, S.CANCELLED)),
        (S.EVALUATED, (S.CONTINUING, S.CLOSED, S.CANCELLED)),
        (S.CONTINUING, (S.CLOSED, S.CANCELLED)),
        (S.MENTOR_DECLINED, ()),
        (S.CLOSED, ()),
        (S.CANCELLED, ()),
    ],
)
def test_allowed_next_lists_forward_steps_first(status, expected):
    assert allowed_next(status) == expected


def test_every_status_has_a_label():
    assert set(STATUS_LABELS) == set(PairStatus)
    assert all(label and label[0].isupper() for label in STATUS_LABELS.values())


@pytest.mark.parametrize("note", ["", "   ", "\n\t "])
@pytest.mark.parametrize("current", [S.DRAFT, S.PROPOSED, S.MET, S.CONTINUING])
def test_cancel_needs_a_reason(current, note):
    with pytest.raises(TransitionError, match=r"^Cancelling a pair needs a reason\.$"):
        check_transition(current, S.CANCELLED, at=T0, previous_at=None, note=note)


def test_cancel_with_reason_passes():
    check_transition(S.INTRODUCED, S.CANCELLED, at=T0, previous_at=None, note=" moved away ")


def test_notes_are_optional_for_forward_steps():
    check_transition(S.PROPOSED, S.MENTOR_AGREED, at=T0, previous_at=None, note="")


@pytest.mark.parametrize(
    ("at", "previous_at", "ok"),
    [
        (T0 - timedelta(days=30), T0 - timedelta(days=31), True),  # back-dated, still in order
        (T0, T0, True),  # same moment as the previous step
        (T0, None, True),  # first step
        (T0 + timedelta(minutes=1), T0, True),
        (T0 - timedelta(minutes=1), T0, False),
        (T0 - timedelta(days=10), T0, False),
    ],
)
def test_back_dating_never_before_previous_step(at, previous_at, ok):
    if ok:
        check_transition(S.MET, S.EVALUATED, at=at, previous_at=previous_at)
        return
    with pytest.raises(TransitionError) as info:
        check_transition(S.MET, S.EVALUATED, at=at, previous_at=previous_at)
    message = str(info.value)
    assert f"{at:%Y-%m-%d %H:%M}" in message
    assert f"{previous_at:%Y-%m-%d %H:%M}" in message
    assert "before the previous step" in message


# ---- deadlines -------------------------------------------------------------------------------


def _events(*steps: tuple[str, date]) -> list[PairEvent]:
    return [
        PairEvent(
            at=datetime.combine(d, datetime.min.time()).replace(hour=10), kind="status", status=s
        )
        for s, d in steps
    ]


D = date(2024, 5, 1)
_HAPPY_PATH = _ALL_NAMES[1:3] + _ALL_NAMES[4:11]  # proposed … continuing


def _path(upto: str, day: date = D) -> tuple[tuple[str, date], ...]:
    """The program's steps from "proposed" up to ``upto``, all taken on ``day``."""
    return tuple((s, day) for s in _HAPPY_PATH[: _HAPPY_PATH.index(upto) + 1])


def _by_kind(found: list[Deadline]) -> dict[DeadlineKind, Deadline]:
    assert len({d.kind for d in found}) == len(found)
    return {d.kind: d for d in found}


def test_no_deadlines_for_draft_or_no_events():
    assert deadlines([]) == []
    assert deadlines(_events(("draft", D))) == []


def test_proposal_answer_due_in_seven_days_by_default():
    found = deadlines(_events(("draft", D), ("proposed", D + timedelta(days=2))))
    assert found == [
        Deadline(DeadlineKind.PROPOSAL_ANSWER, date(2024, 5, 3), date(2024, 5, 10), None)
    ]


def test_proposal_answer_days_configurable():
    found = deadlines(_events(("proposed", D)), DeadlineSettings(proposal_answer_days=3))
    assert found[0].due == date(2024, 5, 4)


def test_mentor_response_due_in_21_days():
    found = _by_kind(
        deadlines(
            _events(
                ("proposed", D),
                ("mentor_agreed", date(2024, 5, 2)),
                ("introduced", date(2024, 5, 3)),
                ("first_contact", date(2024, 5, 6)),
            )
        )
    )
    assert found[DeadlineKind.PROPOSAL_ANSWER].met_on == date(2024, 5, 2)
    response = found[DeadlineKind.MENTOR_RESPONSE]
    assert (response.started, response.due, response.met_on) == (
        date(2024, 5, 6),
        date(2024, 5, 27),
        None,
    )


@pytest.mark.parametrize(("days", "due"), [(None, date(2024, 6, 15)), (30, date(2024, 7, 1))])
def test_evaluation_deadline_default_14_and_configurable(days, due):
    settings = DeadlineSettings() if days is None else DeadlineSettings(evaluation_days=days)
    found = _by_kind(
        deadlines(_events(*_path("meeting_planned"), ("met", date(2024, 6, 1))), settings)
    )
    assert found[DeadlineKind.EVALUATION].due == due
    assert found[DeadlineKind.EVALUATION].met_on is None
    assert found[DeadlineKind.MENTOR_RESPONSE].met_on == D


def test_met_on_set_for_every_answered_deadline():
    found = deadlines(
        _events(
            ("proposed", date(2024, 1, 1)),
            ("mentor_agreed", date(2024, 1, 4)),
            ("introduced", date(2024, 1, 5)),
            ("first_contact", date(2024, 1, 8)),
            ("mentor_responded", date(2024, 2, 1)),
            ("meeting_planned", date(2024, 2, 2)),
            ("met", date(2024, 2, 10)),
            ("evaluated", date(2024, 2, 12)),
            ("closed", date(2024, 2, 13)),
        )
    )
    assert [(d.kind, d.started, d.due, d.met_on) for d in found] == [
        (DeadlineKind.PROPOSAL_ANSWER, date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 4)),
        (DeadlineKind.MENTOR_RESPONSE, date(2024, 1, 8), date(2024, 1, 29), date(2024, 2, 1)),
        (DeadlineKind.EVALUATION, date(2024, 2, 10), date(2024, 2, 24), date(2024, 2, 12)),
    ]
    # Met late (mentor response) is still met, not overdue.
    assert not any(d.is_overdue(date(2025, 1, 1)) for d in found)


def test_decline_answers_the_proposal():
    found = deadlines(_events(("proposed", D), ("mentor_declined", date(2024, 5, 9))))
    assert found == [Deadline(DeadlineKind.PROPOSAL_ANSWER, D, date(2024, 5, 8), date(2024, 5, 9))]


@pytest.mark.parametrize(
    ("steps", "kept"),
    [
        ((("proposed", D), ("cancelled", D)), []),
        (
            (*_path("first_contact"), ("cancelled", date(2024, 5, 30))),
            [DeadlineKind.PROPOSAL_ANSWER],
        ),
        (
            (*_path("met"), ("cancelled", D)),
            [DeadlineKind.PROPOSAL_ANSWER, DeadlineKind.MENTOR_RESPONSE],
        ),
        ((("proposed", D), ("mentor_declined", D)), [DeadlineKind.PROPOSAL_ANSWER]),
    ],
)
def test_open_deadlines_dropped_when_pair_ended(steps, kept):
    found = deadlines(_events(*steps))
    assert [d.kind for d in found] == kept
    assert all(d.met_on is not None for d in found)


def test_non_status_events_are_ignored():
    events = _events(("proposed", D)) + [
        PairEvent(at=datetime(2024, 5, 2, 8), kind="email_sent", note="proposal_to_mentor"),
        PairEvent(at=datetime(2024, 5, 3, 8), kind="note", note="called the mentor"),
    ]
    assert deadlines(events) == [Deadline(DeadlineKind.PROPOSAL_ANSWER, D, date(2024, 5, 8))]


@pytest.mark.parametrize(
    ("today", "days_left", "overdue"),
    [
        (date(2024, 5, 7), 1, False),  # the day before
        (date(2024, 5, 8), 0, False),  # the due day itself
        (date(2024, 5, 9), -1, True),  # the day after
        (date(2024, 6, 8), -31, True),
        (date(2024, 5, 1), 7, False),
    ],
)
def test_days_left_and_overdue_around_due_date(today, days_left, overdue):
    (deadline,) = deadlines(_events(("proposed", D)))
    assert deadline.due == date(2024, 5, 8)
    assert deadline.days_left(today) == days_left
    assert deadline.is_overdue(today) is overdue


def test_met_deadline_is_never_overdue():
    met = Deadline(DeadlineKind.EVALUATION, D, date(2024, 5, 15), met_on=date(2024, 5, 20))
    assert met.is_overdue(date(2024, 5, 16)) is False
    assert met.days_left(date(2024, 5, 16)) == -1


_MAIN_PATH = [
    PairStatus.PROPOSED, PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED,
    PairStatus.FIRST_CONTACT, PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED,
    PairStatus.MET, PairStatus.EVALUATED, PairStatus.CONTINUING, PairStatus.CLOSED,
]


@pytest.mark.parametrize("length", range(1, len(_MAIN_PATH) + 1))
@pytest.mark.parametrize("ending", [None, PairStatus.CANCELLED, PairStatus.MENTOR_DECLINED])
def test_open_deadline_agrees_with_deadlines(length: int, ending: PairStatus | None) -> None:
    from datetime import datetime as dt

    from ams_desk.core.workflow import open_deadline

    path = list(_MAIN_PATH[:length])
    if ending is PairStatus.MENTOR_DECLINED:
        path = [PairStatus.PROPOSED, PairStatus.MENTOR_DECLINED]
    elif ending is PairStatus.CANCELLED and path[-1] is not PairStatus.CLOSED:
        path.append(PairStatus.CANCELLED)
    settings = DeadlineSettings(proposal_answer_days=5, evaluation_days=9)
    events = [PairEvent(at=dt(2026, 1, 1 + 3 * i, 9), kind="status", status=s.value)
              for i, s in enumerate(path)]
    unmet = [d for d in deadlines(events, settings) if d.met_on is None]
    expected = unmet[-1] if unmet else None
    assert open_deadline(path[-1], events[-1].at.date(), settings) == expected


@pytest.mark.parametrize(
    ("role", "capacity", "pairs", "expected"),
    [
        ("mentee", 1, [], "open"),
        ("mentee", 1, ["proposed"], "matched"),
        ("mentee", 1, ["draft"], "open"),  # a draft tells no one: still waiting
        ("mentee", 1, ["cancelled", "draft"], "open"),
        ("mentee", 1, ["mentor_declined"], "open"),
        ("mentee", 1, ["cancelled", "met"], "matched"),
        ("mentee", 1, ["closed"], "closed"),
        ("mentee", 1, ["closed", "cancelled"], "closed"),
        ("mentor", 2, ["proposed"], "open"),
        ("mentor", 2, ["proposed", "met"], "matched"),
        ("mentor", 2, ["closed", "met"], "matched"),
        ("mentor", 2, ["closed", "closed"], "closed"),
        ("mentor", 2, ["closed", "cancelled"], "open"),
        ("mentor", 1, ["mentor_declined"], "open"),
        ("mentor", 1, ["draft"], "open"),  # the draft takes the place; the status waits
        ("mentor", 2, ["draft", "met"], "open"),
    ],
)
def test_signup_status_follows_the_pairs(role: str, capacity: int, pairs: list[str],
                                         expected: str) -> None:
    from ams_desk.core.model import Role, SignupStatus
    from ams_desk.core.workflow import signup_status_from_pairs

    status = signup_status_from_pairs(Role(role), SignupStatus.OPEN, capacity, pairs)
    assert status is SignupStatus(expected)
    withdrawn = signup_status_from_pairs(Role(role), SignupStatus.WITHDRAWN, capacity, pairs)
    assert withdrawn is SignupStatus.WITHDRAWN
