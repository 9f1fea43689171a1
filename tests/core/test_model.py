"""Plain values of the program: list splitting and program years."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from ams_desk.core.model import (
    MEETING_FORMAT_LABELS,
    MeetingFormat,
    Pair,
    PairEvent,
    Person,
    Role,
    Signup,
    SignupStatus,
    program_year_for,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("", ()),
        ("   ", ()),
        (",;,\n", ()),
        ("Optics", ("Optics",)),
        ("Optics; Lasers,  optics ,", ("Optics", "Lasers")),
        ("a,b;c\nd", ("a", "b", "c", "d")),
        ("  Quantum    Dots  , Lasers", ("Quantum Dots", "Lasers")),
        ("Dutch\r\nEnglish", ("Dutch", "English")),
        ("English, ENGLISH, english", ("English",)),  # first spelling wins
        ("B, A, b, C", ("B", "A", "C")),  # order kept
        ("Straße, STRASSE", ("Straße",)),  # case-folded comparison
        ("x,,y;;z", ("x", "y", "z")),
        ("Tab\tseparated words", ("Tab separated words",)),
    ],
)
def test_split_list(text, items):
    assert split_list(text) == items


def test_split_list_returns_tuple():
    assert isinstance(split_list("a, b"), tuple)


@pytest.mark.parametrize(
    ("day", "start_month", "year"),
    [
        # Program years that follow the calendar.
        (date(2024, 1, 1), 1, 2024),
        (date(2024, 6, 15), 1, 2024),
        (date(2024, 12, 31), 1, 2024),
        # Program years starting in September (academic years).
        (date(2024, 9, 1), 9, 2024),
        (date(2024, 8, 31), 9, 2023),
        (date(2024, 12, 31), 9, 2024),
        (date(2025, 1, 1), 9, 2024),
        (date(2025, 2, 28), 9, 2024),
        (date(2025, 9, 1), 9, 2025),
        # Other extremes.
        (date(2024, 11, 30), 12, 2023),
        (date(2024, 12, 1), 12, 2024),
        (date(2024, 1, 31), 2, 2023),
        (date(2024, 2, 1), 2, 2024),
    ],
)
def test_program_year_for(day, start_month, year):
    assert program_year_for(day, start_month) == year


def test_program_year_default_start_month_is_january():
    assert program_year_for(date(2023, 1, 1)) == 2023
    assert program_year_for(date(2023, 12, 31)) == 2023


@pytest.mark.parametrize("start_month", [0, 13, -1, 100])
def test_program_year_invalid_start_month(start_month):
    with pytest.raises(ValueError, match=rf"start month must be 1–12, not {start_month}$"):
        program_year_for(date(2024, 5, 1), start_month)


def test_program_year_accepts_datetime():
    assert program_year_for(datetime(2024, 8, 31, 23, 59), 9) == 2023


def test_enum_values_are_stable_strings():
    assert [r.value for r in Role] == ["mentor", "mentee"]
    assert [s.value for s in SignupStatus] == ["open", "matched", "withdrawn", "closed"]
    assert Role("mentor") is Role.MENTOR
    assert set(MEETING_FORMAT_LABELS) == set(MeetingFormat)


def test_defaults_and_immutability():
    person = Person(id=1, name="Ada", email="ada@ams.example")
    assert (person.position, person.projects, person.languages) == ("", (), ())
    signup = Signup(
        id=1, person_id=1, role=Role.MENTEE, signed_up=date(2024, 1, 2), program_year=2024
    )
    assert (signup.status, signup.capacity, signup.meeting_format) == (
        SignupStatus.OPEN,
        1,
        MeetingFormat.ANY,
    )
    pair = Pair(id=1, mentor_signup_id=1, mentee_signup_id=2, status="draft", program_year=2024)
    assert pair.events == ()
    event = PairEvent(at=datetime(2024, 1, 2), kind="note")
    assert (event.status, event.by, event.note) == (None, "", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "Bob"  # type: ignore[misc]
