"""Duplicates: one person per email, repeat sign-ups, re-participation, idempotent re-imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from form_exports import excel_de_csv, excel_nl_csv, google_forms_csv, ms_forms_xlsx
from import_helpers import run, snapshot, write_csv

from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.sheets.importing.preview import Change
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import (
    add_signup,
    get_signup,
    list_people,
    list_signups,
    set_signup_status,
)
from ams_desk.store.settings import ProgramSettings, save_program_settings


def _row(email: str = "ann@example.org", role: str = "mentor", day: str = "2026-01-10",
         **kw: str) -> list[str]:
    values = {"name": "Ann Archer", "position": "Full professor", "topics": "Career guidance",
              "capacity": "2", "notes": ""}
    values.update(kw)
    return [values["name"], email, role, values["position"], values["topics"],
            values["capacity"], day, values["notes"]]  # fmt: skip


def test_same_email_in_any_case_is_one_person_and_later_rows_win(
    any_db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "dup.csv", [
        _row(),
        _row("ANN@Example.org", name="Ann B. Archer", position="", topics="Leadership",
             day="2026-01-20"),
    ])  # fmt: skip
    report = run(any_db, path)
    assert (report.counts.people_created, report.counts.signups_created) == (1, 1)
    people = list_people(any_db)
    assert [(p.name, p.email, p.position) for p in people] == [
        ("Ann B. Archer", "ann@example.org", "Full professor")]  # empty cell clears nothing
    signup = get_signup(any_db, list_signups(any_db)[0].signup_id)[1]
    assert signup.topics == ("Leadership",)
    assert signup.signed_up == date(2026, 1, 10)  # the earliest date is kept
    second = report.rows[1]
    assert (second.person, second.signup, second.same_as_row) == (Change.UPDATE, Change.UPDATE, 2)
    assert second.person_fields == ("name",) and second.signup_fields == ("topics",)


def test_stored_person_is_updated_not_duplicated(any_db: Database, tmp_path: Path) -> None:
    run(any_db, write_csv(tmp_path / "a.csv", [_row()]))
    report = run(any_db, write_csv(tmp_path / "b.csv", [_row(position="Associate professor")]))
    assert (report.counts.people_created, report.counts.people_updated) == (0, 1)
    assert report.counts.signups_created == 0 and report.counts.signups_updated == 0
    assert report.rows[0].person_fields == ("position",)
    assert [p.position for p in list_people(any_db)] == ["Associate professor"]


def test_open_repeat_sign_up_is_updated_and_remembers_its_source(
    any_db: Database, tmp_path: Path
) -> None:
    run(any_db, write_csv(tmp_path / "a.csv", [_row()]))
    report = run(any_db, write_csv(tmp_path / "b.csv", [
        ["Someone Else", "else@example.org", "mentee", "Postdoc", "", "", "2026-02-02", ""],
        _row(day="2026-02-15", topics="Teaching", capacity="3"),
    ]))  # fmt: skip
    assert report.counts.signups_updated == 1 and report.counts.signups_created == 1
    rows = {s.email: s for s in list_signups(any_db)}
    ann = get_signup(any_db, rows["ann@example.org"].signup_id)[1]
    assert (ann.topics, ann.capacity, ann.signed_up) == (("Teaching",), 3, date(2026, 1, 10))
    from ams_desk.store.imports import signup_sources

    source = signup_sources(any_db)[ann.id]
    assert (source.file, source.row) == ("b.csv", 3)


def test_new_role_or_new_program_year_makes_a_new_sign_up(
    any_db: Database, tmp_path: Path
) -> None:
    run(any_db, write_csv(tmp_path / "a.csv", [_row()]))
    report = run(any_db, write_csv(tmp_path / "b.csv", [
        _row(role="mentee", day="2026-02-01"),
        _row(day="2027-01-15"),
    ]))  # fmt: skip
    assert report.counts.signups_created == 2 and report.counts.people_created == 0
    assert sorted((s.role.value, s.program_year) for s in list_signups(any_db)) == [
        ("mentee", 2026), ("mentor", 2026), ("mentor", 2027)]


def test_program_year_follows_the_configured_start_month(
    any_db: Database, tmp_path: Path
) -> None:
    save_program_settings(any_db, ProgramSettings(year_start_month=9))
    run(any_db, write_csv(tmp_path / "a.csv", [_row(day="2026-08-31"), _row(
        "bob@example.org", day="2026-09-01")]))
    assert {s.email: s.program_year for s in list_signups(any_db)} == {
        "ann@example.org": 2025, "bob@example.org": 2026}


def _pair_up(db: Database) -> tuple[int, int]:
    mentor = add_signup(db, PersonInput("Mia Mentor", "mia@example.org", "Full professor"),
                        SignupInput(Role.MENTOR, date(2026, 1, 5), 2026, capacity=2))
    mentee = add_signup(db, PersonInput("Ann Archer", "ann@example.org", "PhD candidate"),
                        SignupInput(Role.MENTEE, date(2026, 1, 10), 2026))
    create_pair(db, mentor.signup_id, mentee.signup_id, status=PairStatus.PROPOSED)
    return mentor.signup_id, mentee.signup_id


def test_matched_sign_up_is_kept_and_a_new_application_is_a_new_sign_up(
    any_db: Database, tmp_path: Path
) -> None:
    _, mentee_id = _pair_up(any_db)
    assert get_signup(any_db, mentee_id)[1].status is SignupStatus.MATCHED
    same = run(any_db, write_csv(tmp_path / "same.csv", [
        _row(role="mentee", day="2026-01-10", position="PhD candidate", topics="",
             capacity="")]))  # fmt: skip
    assert same.counts.changes == 0  # the same submission: nothing new
    later = run(any_db, write_csv(tmp_path / "later.csv", [
        _row(role="mentee", day="2026-06-01", position="PhD candidate")]))
    assert later.counts.signups_created == 1
    statuses = sorted(s.status.value for s in list_signups(any_db) if s.role is Role.MENTEE)
    assert statuses == ["matched", "open"]


def test_withdrawn_sign_up_is_not_reopened(any_db: Database, tmp_path: Path) -> None:
    run(any_db, write_csv(tmp_path / "a.csv", [_row()]))
    set_signup_status(any_db, list_signups(any_db)[0].signup_id, SignupStatus.WITHDRAWN)
    report = run(any_db, write_csv(tmp_path / "a.csv", [_row()]))
    assert report.counts.changes == 0
    assert [s.status for s in list_signups(any_db)] == [SignupStatus.WITHDRAWN]


def test_capacity_below_live_pairs_is_kept_and_flagged(any_db: Database, tmp_path: Path) -> None:
    mentor_id, mentee_id = _pair_up(any_db)
    second = add_signup(any_db, PersonInput("Bo Mentee", "bo@example.org", "PhD candidate"),
                        SignupInput(Role.MENTEE, date(2026, 1, 11), 2026))
    create_pair(any_db, mentor_id, second.signup_id, status=PairStatus.PROPOSED)
    mia = ["Mia Mentor", "mia@example.org", "mentor", "Full professor", "", "1", "2026-01-05", ""]
    report = run(any_db, write_csv(tmp_path / "cap.csv", [mia]))
    assert report.counts.changes == 0
    assert [str(f) for f in report.rows[0].flags] == [
        "row 2: capacity 1 is below the mentor's 2 live pairs: 2 kept"]
    assert get_signup(any_db, mentor_id)[1].capacity == 2


@pytest.mark.parametrize(
    "build", [ms_forms_xlsx, google_forms_csv, excel_nl_csv, excel_de_csv],
    ids=["microsoft-forms", "google-forms", "excel-dutch", "excel-german"],
)
def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    any_db: Database, tmp_path: Path, build: Any
) -> None:
    path = build(tmp_path / f"export.{'xlsx' if build is ms_forms_xlsx else 'csv'}")
    first = run(any_db, path)
    assert first.applied and first.counts.people_created > 0
    after_first = snapshot(any_db.engine)
    second = run(any_db, path)
    counts = second.counts
    assert (counts.people_created, counts.people_updated, counts.signups_created,
            counts.signups_updated) == (0, 0, 0, 0)  # fmt: skip
    # A repeated person's later row is "merged" into the first; every other row is unchanged.
    assert counts.unchanged_rows + counts.rows_merged == counts.rows_read - counts.skipped
    assert counts.rows_created == counts.rows_updated == 0
    assert all(not r.changes for r in second.rows)
    assert snapshot(any_db.engine) == after_first
