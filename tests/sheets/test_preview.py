"""Every row rule of the preview, with the row number and the field in the message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from import_helpers import run, write_csv

from ams_desk.core.model import MeetingFormat, Role
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.mapping import auto_map
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.sheets.importing.preview import Change, build_preview
from ams_desk.sheets.importing.read import read_table
from ams_desk.store.database import Database
from ams_desk.store.people import get_signup, list_people, list_signups

GOOD = ["Ann Archer", "ann@example.org", "Mentor", "Full professor", "Career guidance", "2",
        "2026-01-10", "Hello"]  # fmt: skip


def _row(**changes: str) -> list[str]:
    keys = ["name", "email", "role", "position", "topics", "capacity", "signed_up", "notes"]
    row = dict(zip(keys, GOOD, strict=True))
    row.update(changes)
    return [row[k] for k in keys]


def _preview(db: Database, path: Path, **options: object):  # type: ignore[no-untyped-def]
    table = read_table(path)
    opts = ImportOptions(today=date(2026, 3, 1), **options)  # type: ignore[arg-type]
    return build_preview(db, table, auto_map(table).mapping, opts)


@pytest.mark.parametrize(
    ("changes", "field", "column", "message"),
    [
        ({"email": "ann@"}, Field.EMAIL, "Email", "“ann@” is not a valid email address"),
        ({"email": "  "}, Field.EMAIL, "Email", "the email address is empty"),
        ({"email": "anonymous"}, Field.EMAIL, "Email", "“anonymous” is not a valid email"),
        ({"name": ""}, Field.NAME, "Name", "the name is empty"),
        ({"name": "N" * 201}, Field.NAME, "Name", "is longer than 200 characters"),
        ({"role": ""}, Field.ROLE, "Role", "the role is empty: say mentor or mentee"),
        ({"role": "Both"}, Field.ROLE, "Role", "“Both” is not a role: say mentor or mentee"),
        ({"capacity": "0"}, Field.CAPACITY, "Capacity", "“0” is not a mentor capacity"),
        ({"capacity": "11"}, Field.CAPACITY, "Capacity", "from 1 to 10"),
        ({"capacity": "lots"}, Field.CAPACITY, "Capacity", "“lots” is not a mentor capacity"),
        ({"capacity": "1.5"}, Field.CAPACITY, "Capacity", "“1.5” is not a mentor capacity"),
        ({"signed_up": "soon"}, Field.SIGNED_UP, "Signed up", "“soon” is not a date"),
        ({"position": "P" * 121}, Field.POSITION, "Position", "longer than 120 characters"),
        ({"topics": "T" * 201}, Field.TOPICS, "Topics", "longer than 200 characters"),
    ],
)  # fmt: skip
def test_each_rule_skips_the_row_naming_row_and_column(
    any_db: Database, tmp_path: Path, changes: dict[str, str], field: Field, column: str,
    message: str,
) -> None:
    second = _row(**{"email": "bob@example.org", **changes})
    path = write_csv(tmp_path / "rules.csv", [GOOD, second])
    preview = _preview(any_db, path)
    assert preview.counts.rows_read == 2 and preview.counts.skipped == 1
    issue = preview.rows[1].skipped
    assert issue is not None
    assert (issue.row, issue.field, issue.column) == (3, field, column)
    assert message in issue.message
    assert str(issue).startswith(f"row 3, column {column!r}: ")
    assert preview.rows[0].skipped is None


def test_mentees_need_no_capacity_and_mentors_default_to_one(
    any_db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cap.csv", [
        _row(role="Mentee", capacity="lots", email="m@example.org"),
        _row(capacity=""),
    ])  # fmt: skip
    report = run(any_db, path)
    assert report.counts.skipped == 0
    assert {s.email: s.capacity for s in list_signups(any_db)} == {
        "m@example.org": 1, "ann@example.org": 1}


def test_default_role_fills_empty_role_cells(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "role.csv", [_row(role="")])
    assert _preview(any_db, path).counts.skipped == 1
    assert _preview(any_db, path, default_role=Role.MENTOR).counts.skipped == 0


def test_flags_do_not_stop_the_row(any_db: Database, tmp_path: Path) -> None:
    headers = ["Name", "Email", "Role", "Position", "Meeting preference"]
    path = write_csv(tmp_path / "flags.csv",
                     [["Ann Archer", "ann@example.org", "mentee", "Lecturer", "whenever"]],
                     headers)  # fmt: skip
    preview = _preview(any_db, path)
    row = preview.rows[0]
    assert row.skipped is None and preview.counts.flagged == 1
    messages = [str(f) for f in row.flags]
    assert messages[0] == ("row 2, column 'Position': “Lecturer” is not on the seniority ladder; "
                           "stored as typed (matching needs a ladder position)")
    assert messages[1] == ("row 2, column 'Meeting preference': “whenever” is not a meeting "
                           "preference; ignored")
    assert messages[2] == "row 2: no sign-up date: 2026-03-01 used"
    run(any_db, path)
    person = list_people(any_db)[0]
    assert person.position == "Lecturer"
    signup = list_signups(any_db)[0]
    assert signup.signed_up == date(2026, 3, 1)
    assert get_signup(any_db, signup.signup_id)[1].meeting_format is MeetingFormat.ANY


def test_text_is_cleaned_but_kept_literally(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "text.csv", [_row(
        name="  Ann \u00a0 Archer\x07 ", position=" full   PROFESSOR ",
        notes='=HYPERLINK("http://evil.example","click")\r\n  second\tline  ',
    )])  # fmt: skip
    run(any_db, path)
    person = list_people(any_db)[0]
    assert (person.name, person.position) == ("Ann Archer", "Full professor")
    signup = get_signup(any_db, list_signups(any_db)[0].signup_id)[1]
    assert signup.motivation == '=HYPERLINK("http://evil.example","click")\nsecond line'


def test_long_free_text_is_kept_whole(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [_row(notes="x" * 32_767)])
    run(any_db, path)
    assert get_signup(any_db, list_signups(any_db)[0].signup_id)[1].motivation == "x" * 32_767


def test_row_numbers_are_the_sheets_own(any_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text(
        "\n".join([",".join(["Name", "Email", "Role"]), "Ann,ann@example.org,mentor", "",
                   '"Bob\nBaker",bob@,mentee', "Cy,cy@example.org,mentee"]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    preview = _preview(any_db, path)
    assert [r.row for r in preview.rows] == [2, 4, 5]
    assert preview.rows[1].skipped is not None and preview.rows[1].skipped.row == 4


def test_missing_required_columns_refuse_the_file(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nomail.csv", [["Ann", "mentor"]], ["Name", "Role"])
    table = read_table(path)
    with pytest.raises(SheetError) as caught:
        build_preview(any_db, table, auto_map(table).mapping)
    assert str(caught.value) == (
        "nomail.csv: refused: no column holds the email (the columns are: Name, Role)")


def test_outcomes_and_summary_lines(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", [GOOD, _row(topics="Leadership", signed_up="2026-02-01")])
    preview = _preview(any_db, path)
    first, second = preview.rows
    assert (first.person, first.signup) == (Change.NEW, Change.NEW)
    assert first.summary == "new person, new mentor sign-up"
    assert (second.person, second.signup, second.signup_fields) == (
        Change.UNCHANGED, Change.UPDATE, ("topics",))
    assert second.summary == "update sign-up (topics) (same person as row 2)"
    counts = preview.counts
    assert (counts.people_created, counts.signups_created, counts.signups_updated) == (1, 1, 0)
