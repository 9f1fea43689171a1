"""Plain `list` and `attention` output: an aligned table a person can read."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from ams_desk.cli import main
from ams_desk.core.model import MeetingFormat, Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store.database import open_database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import add_signup

LONG_TOPIC = "Finding a balance between fieldwork abroad and a young family at home"


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'program.sqlite'}"
    db = open_database(url)
    try:
        mentor = add_signup(
            db,
            PersonInput("Eva Müller", "eva@ams.org", "Full professor", "Urban Mobility"),
            SignupInput(Role.MENTOR, date(2026, 1, 5), 2026, ("Career guidance",),
                        MeetingFormat.ANY, 2),
        )
        mentee = add_signup(
            db,
            PersonInput("Nguyễn Thị Hương", "huong@ams.org", "Postdoc", "Urban Mobility"),
            SignupInput(Role.MENTEE, date(2026, 2, 1), 2026, (LONG_TOPIC,),
                        motivation="First line of why.\nSecond line,\r\n\n  third."),
        )
        add_signup(
            db,
            PersonInput("Zhōu Lì", "zhou@ams.org", "PhD candidate", "Circular Cities"),
            SignupInput(Role.MENTEE, date(2026, 1, 2), 2026),
        )
        create_pair(db, mentor.signup_id, mentee.signup_id, at=datetime(2026, 3, 1, 9, 0),
                    by="Anouk")
    finally:
        db.close()
    return url


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def _column_starts(line: str, values: list[str]) -> list[int]:
    """Where each value starts in ``line``, in terminal columns."""
    starts, at = [], 0
    for value in values:
        index = line.index(value, at)
        starts.append(_width(line[:index]))
        at = index + len(value)
    return starts


@pytest.mark.parametrize(
    ("what", "header", "rows"),
    [
        ("people", ["ID", "Name", "Email", "Position"], 3),
        ("signups", ["ID", "Name", "Role", "Status", "Signed up", "Year", "Places", "Topics",
                     "Motivation"], 3),
        ("pairs", ["ID", "Mentor", "Mentee", "Status", "Year", "Since"], 1),
    ],
)
def test_plain_list_is_an_aligned_table_with_a_header(
    capsys: pytest.CaptureFixture[str], url: str, what: str, header: list[str], rows: int
) -> None:
    lines = _run(capsys, "--db", url, "list", what)
    words = [w for h in header for w in h.split()]
    assert lines[0].split()[: len(words)] == words
    assert set(lines[1]) <= {"─", " "}
    assert len(lines) == 2 + rows  # one line per row, whatever the text holds
    assert not any("[" in line or "'" in line for line in lines)  # no Python list syntax
    # The second column starts at the same terminal column on every line.
    second = _column_starts(lines[0], [header[1]])[0]
    for line in lines[2:]:
        assert line.split()[0].isdigit()
        assert _width(line[:second].rstrip()) < second and line[second - 1] == " "
        assert line[second] != " "


def test_names_line_up_whatever_their_letters(capsys: pytest.CaptureFixture[str],
                                             url: str) -> None:
    lines = _run(capsys, "--db", url, "list", "people")
    email_at = {_column_starts(line, [email])[0] for line, email in zip(
        lines[2:], ["eva@ams.org", "huong@ams.org", "zhou@ams.org"], strict=True)}
    assert email_at == {_column_starts(lines[0], ["Email"])[0]}


def test_line_breaks_are_folded_and_long_cells_cut(capsys: pytest.CaptureFixture[str],
                                                  url: str) -> None:
    lines = _run(capsys, "--db", url, "list", "signups")
    [huong] = [line for line in lines if "Nguyễn" in line]
    assert "First line of why. Second line, third." in huong
    assert LONG_TOPIC not in huong and LONG_TOPIC[:30] in huong and "…" in huong
    # --json stays whole.
    assert main(["--db", url, "list", "signups", "--json"]) == 0
    signups = json.loads(capsys.readouterr()[0])
    assert LONG_TOPIC in [t for s in signups for t in s["topics"]]


def test_pairs_name_both_people(capsys: pytest.CaptureFixture[str], url: str) -> None:
    lines = _run(capsys, "--db", url, "list", "pairs")
    assert "Eva Müller" in lines[2] and "Nguyễn Thị Hương" in lines[2]
    assert "Proposed" in lines[2] and "2026-03-01" in lines[2]


def test_attention_names_the_people(capsys: pytest.CaptureFixture[str], url: str) -> None:
    lines = _run(capsys, "--db", url, "attention", "--today", "2026-12-01")
    text = "\n".join(lines)
    assert "Zhōu Lì" in text and "Eva Müller" in text and "Nguyễn Thị Hương" in text


def test_attention_is_grouped_as_in_the_app(capsys: pytest.CaptureFixture[str],
                                            url: str) -> None:
    """Late pair steps first, each kind under its heading and count, then the waiting
    mentees (the app's Needs attention tab)."""
    lines = _run(capsys, "--db", url, "attention", "--today", "2026-12-01")
    headings = [line for line in lines if "  ·  " in line]
    assert headings == ["Mentor has not answered the proposal  ·  1",
                        "Mentee waiting for a match  ·  1"]
    proposal, waiting = (lines.index(h) for h in headings)
    assert lines[proposal + 1].split()[:3] == ["Due", "Late", "Pair"]
    assert "Eva Müller → Nguyễn Thị Hương" in lines[proposal + 3]
    assert "sign-up" in lines[waiting + 3] and "Zhōu Lì" in lines[waiting + 3]
