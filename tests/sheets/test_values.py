"""Lenient reading of answers: roles, positions, topics, meeting, lists, capacity, dates, email."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import TOPICS, MeetingFormat, Role
from ams_desk.core.validation import ValidationError, normalize_email
from ams_desk.sheets.importing.cells.choices import (
    canonical_position,
    parse_languages,
    parse_meeting_format,
    parse_role,
    parse_topics,
)
from ams_desk.sheets.importing.cells.dates import DateOrder, detect_date_order, parse_day
from ams_desk.sheets.importing.cells.values import (
    clean_block,
    clean_line,
    parse_capacity,
    parse_email,
    split_choices,
)

LADDER = SeniorityLadder()


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Mentor", Role.MENTOR),
        ("  MENTEE ", Role.MENTEE),
        ("I want to be a mentor", Role.MENTOR),
        ("I would like to become a mentor", Role.MENTOR),
        ("Mentee (I'm looking for a mentor)", Role.MENTEE),
        ("Mentor (I would like to support a junior researcher)", Role.MENTOR),
        ("I am looking for a mentor", Role.MENTEE),
        ("I'd like to have a mentor", Role.MENTEE),
        ("I want to guide a junior researcher", Role.MENTOR),
        ("Ik zoek een mentor", Role.MENTEE),
        ("Ik wil graag een mentor", Role.MENTEE),
        ("Ik wil mentor worden", Role.MENTOR),
        ("Ik wil graag mentee zijn", Role.MENTEE),
        ("Ich suche eine:n Mentor:in", Role.MENTEE),
        ("Ich hätte gerne eine Mentorin", Role.MENTEE),
        ("Ich möchte Mentor:in werden", Role.MENTOR),
        ("Ich möchte als Mentor:in teilnehmen", Role.MENTOR),
        ("Mentor:in", Role.MENTOR),
        ("Mentorin", Role.MENTOR),
    ],
)
def test_roles_are_read_leniently(text: str, role: Role) -> None:
    assert parse_role(text) is role


@pytest.mark.parametrize("text", ["", "Both", "Yes", "n/a", "professor"])
def test_no_role_is_invented(text: str) -> None:
    assert parse_role(text) is None


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        ("phd student", "PhD candidate"),
        ("PhD Student", "PhD candidate"),
        ("Promovendus", "PhD candidate"),
        ("AIO", "PhD candidate"),
        ("Doktorandin", "PhD candidate"),
        ("post-doc", "Postdoc"),
        ("Postdoktorand", "Postdoc"),
        ("Senior researcher", "Researcher"),
        ("Onderzoeker", "Researcher"),
        ("Wissenschaftlicher Mitarbeiter", "Researcher"),
        ("Universitair docent", "Assistant professor"),
        ("Juniorprofessorin", "Assistant professor"),
        ("Assoc. Prof.", "Associate professor"),
        ("UHD", "Associate professor"),
        ("Associate  Professor", "Associate professor"),
        ("Hoogleraar", "Full professor"),
        ("W3-Professor", "Full professor"),
        ("Full professor (chair)", "Full professor"),
    ],
)
def test_positions_map_to_the_ladder(typed: str, position: str) -> None:
    assert canonical_position(typed, LADDER) == position


def test_positions_off_the_ladder_are_none_and_custom_ladders_are_respected() -> None:
    assert canonical_position("Lecturer", LADDER) is None
    assert canonical_position("", LADDER) is None
    custom = SeniorityLadder(("Junior", "Senior"))
    assert canonical_position("senior", custom) == "Senior"
    assert canonical_position("Postdoc", custom) is None
    assert canonical_position("junior", SeniorityLadder(["Junior", "Senior"])) == "Junior"


@pytest.mark.parametrize(
    ("answer", "topics"),
    [
        ("Career guidance;Networking and visibility;",
         ("Career guidance", "Networking and visibility")),
        ("career, work-life balance, Stress",
         ("Career guidance", "Work/life balance", "Stress and time management")),
        ("Loopbaan; Netwerken en zichtbaarheid; Financiering",
         ("Career guidance", "Networking and visibility", "Funding opportunities")),
        ("Karriere | Work-Life-Balance | Zeitmanagement",
         ("Career guidance", "Work/life balance", "Stress and time management")),
        ("STRESS & TIME MANAGEMENT\nstress", ("Stress and time management",)),
        ("Writing a book;", ("Writing a book",)),
    ],
)  # fmt: skip
def test_topics_are_canonical_and_free_text_is_kept(answer: str, topics: tuple[str, ...]) -> None:
    assert parse_topics(answer) == topics


def test_every_program_topic_reads_as_itself() -> None:
    for topic in TOPICS:
        assert parse_topics(topic.upper()) == (topic,)


@pytest.mark.parametrize(
    ("answer", "meeting"),
    [
        ("In person", MeetingFormat.IN_PERSON),
        ("in-person", MeetingFormat.IN_PERSON),
        ("Face to face", MeetingFormat.IN_PERSON),
        ("Fysiek", MeetingFormat.IN_PERSON),
        ("Vor Ort", MeetingFormat.IN_PERSON),
        ("Online (Teams)", MeetingFormat.ONLINE),
        ("video call", MeetingFormat.ONLINE),
        ("Either is fine", MeetingFormat.ANY),
        ("In person;Online;", MeetingFormat.ANY),
        ("Maakt niet uit", MeetingFormat.ANY),
        ("Egal", MeetingFormat.ANY),
        ("whatever", None),
    ],
)
def test_meeting_preferences(answer: str, meeting: MeetingFormat | None) -> None:
    assert parse_meeting_format(answer) is meeting


def test_choices_split_on_every_separator_and_drop_repeats() -> None:
    assert split_choices("a;b,c|d\ne\r\nf;;A;") == ("a", "b", "c", "d", "e", "f")
    assert parse_languages("English, Nederlands / Deutsch") == ("English", "Dutch", "German")
    assert parse_languages("english and dutch") == ("English", "Dutch")
    assert parse_languages("Klingon") == ("Klingon",)


@pytest.mark.parametrize(
    ("cell", "capacity"),
    [(2, 2), (2.0, 2), ("2,0", 2), ("3 (max)", 3), ("up to 3", 3), ("1-2", 2), ("two", 2),
     ("twee", 2), ("zwei", 2), ("2.5", None), ("lots", None), (0, 0), (True, None),
     (datetime(2026, 1, 1), None), (None, None)],
)  # fmt: skip
def test_capacity(cell: object, capacity: int | None) -> None:
    assert parse_capacity(cell) == capacity  # type: ignore[arg-type]


def test_text_is_trimmed_collapsed_and_cleaned_but_otherwise_literal() -> None:
    assert clean_line("  Ann \u00a0  Archer\u200b ") == "Ann Archer"
    assert clean_line("A\x00nn\x07") == "Ann"
    assert clean_line('=HYPERLINK("http://x")') == '=HYPERLINK("http://x")'
    assert clean_line(2.0) == "2"
    assert clean_line(None) == ""
    assert clean_block("line  one \r\n\tline two\x0b") == "line one\nline two"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  Ann.Archer@Example.ORG ", "Ann.Archer@example.org"),
        ("mailto:bob@example.nl", "bob@example.nl"),
        ("Bob Baker <bob@example.nl>", "bob@example.nl"),
        ("ann@\u200bexample.org", "ann@example.org"),
        ("josé@exämple.org", "josé@exämple.org"),
    ],
)
def test_emails_are_unwrapped_and_normalised(cell: str, expected: str) -> None:
    assert parse_email(cell) == expected


@pytest.mark.parametrize("cell", ["anonymous", "a@b", "x@localhost", "bad@", "a@@b.org",
                                  "a..b@example.org", "x@test.test", ""])
def test_invalid_emails_raise_with_the_field(cell: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_email(cell)
    assert caught.value.field == "email"


_LOCAL = st.text(alphabet="abcXYZ09._-+'!", min_size=1, max_size=70)
_DOMAIN = st.sampled_from(["example.org", "Example.ORG", "tu-delft.nl", "x.test", "a_b.org",
                           "münchen.de", "localhost", "-bad.org", "b..org"])


@settings(max_examples=300, deadline=None)
@given(local=_LOCAL, domain=_DOMAIN)
def test_fast_email_path_agrees_with_the_validator(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    try:
        expected: str | None = normalize_email(address)
    except ValidationError:
        expected = None
    try:
        got: str | None = parse_email(address)
    except ValidationError:
        got = None
    assert got == expected


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (datetime(2026, 1, 2, 9, 3, 11), date(2026, 1, 2)),
        (date(2026, 1, 2), date(2026, 1, 2)),
        (46024, date(2026, 1, 2)),
        (46024.376, date(2026, 1, 2)),
        ("46024,376", date(2026, 1, 2)),
        ("2026-01-02", date(2026, 1, 2)),
        ("2026-01-02T09:03:11Z", date(2026, 1, 2)),
        ("2026/01/02 9:03:11 AM GMT+1", date(2026, 1, 2)),
        ("02-01-2026", date(2026, 1, 2)),
        ("2.1.2026 14:05", date(2026, 1, 2)),
        ("1/2/2026 9:03:11", date(2026, 1, 2)),
        ("13/2/2026", date(2026, 2, 13)),
        ("2/13/2026", date(2026, 2, 13)),
        ("2 January 2026", date(2026, 1, 2)),
        ("Jan 2, 2026", date(2026, 1, 2)),
        ("2 januari 2026", date(2026, 1, 2)),
        ("Montag, 2. März 2026", date(2026, 3, 2)),
        ("1-2-26", date(2026, 2, 1)),
        ("31-02-2026", None),
        ("soon", None),
        (12, None),
        (True, None),
    ],
)
def test_dates_in_every_shape(cell: object, day: date | None) -> None:
    assert parse_day(cell) == day  # type: ignore[arg-type]


def test_ambiguous_dates_follow_the_columns_dominant_order() -> None:
    us = ["1/2/2026 9:03:11", "1/13/2026 10:00:00", "2/1/2026"]
    assert detect_date_order(us) is DateOrder.MONTH_FIRST
    assert parse_day("2/1/2026", detect_date_order(us)) == date(2026, 2, 1)
    uk = ["1/2/2026", "13/2/2026", "25/2/2026"]
    assert detect_date_order(uk) is DateOrder.DAY_FIRST
    assert parse_day("1/2/2026", detect_date_order(uk)) == date(2026, 2, 1)
    assert detect_date_order(["01-02-2026"]) is DateOrder.DAY_FIRST  # no evidence: "-" is day first
    assert detect_date_order(["01/02/2026"]) is DateOrder.MONTH_FIRST
    assert detect_date_order([datetime(2026, 1, 2), None, 5]) is None
    # A value that can only be read one way is read that way whatever the column says.
    assert parse_day("13/2/2026", DateOrder.MONTH_FIRST) == date(2026, 2, 13)
