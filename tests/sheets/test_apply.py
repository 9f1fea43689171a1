"""Applying a preview: one transaction, all or nothing, sources recorded, a report to keep."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from import_helpers import snapshot, write_csv

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.sheets.importing.apply import apply_preview, dry_run_report
from ams_desk.sheets.importing.errors import ImportCancelled, ReadCancelled, SheetError
from ams_desk.sheets.importing.importer import ImportPhase, import_file
from ams_desk.sheets.importing.mapping import auto_map
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.sheets.importing.preview import Preview, build_preview
from ams_desk.sheets.importing.read import read_table
from ams_desk.store.database import Database
from ams_desk.store.imports import CHUNK, signup_sources
from ams_desk.store.people import add_signup, list_people, list_signups

ROWS = 2 * CHUNK + 500  # several chunks, so a failure can strike between them


def _big_csv(folder: Path, rows: int = ROWS) -> Path:
    data = [
        [f"Person {i}", f"p{i}@example.org", "mentor" if i % 3 == 0 else "mentee",
         "Full professor" if i % 3 == 0 else "PhD candidate", "Career guidance",
         "2" if i % 3 == 0 else "", f"2026-01-{1 + i % 28:02d}", f"note {i}"]
        for i in range(rows)
    ]  # fmt: skip
    return write_csv(folder / "big.csv", data)


def _preview(db: Database, path: Path) -> Preview:
    table = read_table(path)
    return build_preview(db, table, auto_map(table).mapping, ImportOptions(today=date(2026, 3, 1)))


def _seed(db: Database) -> None:
    add_signup(db, PersonInput("Person 5", "P5@example.org", "Postdoc", projects=("Roboat",)),
               SignupInput(Role.MENTEE, date(2026, 1, 6), 2026))


def test_everything_is_written_with_its_source(any_db: Database, tmp_path: Path) -> None:
    _seed(any_db)
    preview = _preview(any_db, _big_csv(tmp_path))
    done: list[tuple[int, int | None]] = []
    report = apply_preview(any_db, preview, progress=lambda d, t: done.append((d, t)))
    assert report.applied
    assert report.counts.people_created == ROWS - 1 and report.counts.people_updated == 1
    assert report.counts.signups_created == ROWS - 1 and report.counts.signups_updated == 1
    assert done[0][0] == 0 and done[-1][0] == done[-1][1]
    assert len(list_people(any_db)) == ROWS
    sources = signup_sources(any_db)
    by_email = {s.email: s.signup_id for s in list_signups(any_db)}
    assert (sources[by_email["p7@example.org"]].file, sources[by_email["p7@example.org"]].row) == (
        "big.csv", 9)
    assert sources[by_email["p7@example.org"]].notes == "note 7"
    assert by_email["P5@example.org"]  # the stored spelling of the email is kept
    person5 = next(p for p in list_people(any_db) if p.email == "P5@example.org")
    assert (person5.name, person5.projects) == ("Person 5", ("Roboat",))


@pytest.mark.parametrize("strike_at", [0, CHUNK, 2 * CHUNK, ROWS])
def test_a_failure_mid_apply_leaves_the_database_as_it_was(
    any_db: Database, tmp_path: Path, strike_at: int
) -> None:
    _seed(any_db)
    before = snapshot(any_db.engine)
    preview = _preview(any_db, _big_csv(tmp_path))

    def progress(done: int, total: int | None) -> None:
        if done >= strike_at:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        apply_preview(any_db, preview, progress=progress)
    assert snapshot(any_db.engine) == before


def test_cancel_mid_apply_writes_nothing(any_db: Database, tmp_path: Path) -> None:
    before = snapshot(any_db.engine)
    preview = _preview(any_db, _big_csv(tmp_path))
    calls = iter(range(100))
    with pytest.raises(ImportCancelled) as caught:
        apply_preview(any_db, preview, cancelled=lambda: next(calls) >= 2)
    assert isinstance(caught.value, ReadCancelled)
    assert "nothing was written" in str(caught.value)
    assert snapshot(any_db.engine) == before


def test_cancel_while_checking_and_phases(any_db: Database, tmp_path: Path) -> None:
    path = _big_csv(tmp_path)
    phases: list[ImportPhase] = []
    with pytest.raises(ImportCancelled):
        import_file(any_db, path, phase=phases.append,
                    cancelled=lambda: bool(phases) and phases[-1] is ImportPhase.CHECKING)
    assert phases == [ImportPhase.READING, ImportPhase.CHECKING]
    assert list_people(any_db) == []


def test_apply_decides_again_when_the_database_changed_after_the_preview(
    any_db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "late.csv", [
        ["Ann Archer", "ann@example.org", "mentee", "Postdoc", "", "", "2026-01-10", ""]])
    preview = _preview(any_db, path)
    assert preview.counts.people_created == 1
    add_signup(any_db, PersonInput("Ann A.", "ANN@example.org", "Postdoc"),
               SignupInput(Role.MENTEE, date(2026, 1, 2), 2026))
    report = apply_preview(any_db, preview)
    assert (report.counts.people_created, report.counts.people_updated) == (0, 1)
    assert (report.counts.signups_created, report.counts.signups_updated) == (0, 0)
    assert len(list_people(any_db)) == 1 and len(list_signups(any_db)) == 1


def test_a_file_with_nothing_importable_is_refused(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [["Ann", "ann@", "mentor"], ["Bob", "bob@", "x"]],
                     ["Name", "Email", "Role"])
    preview = _preview(any_db, path)
    with pytest.raises(SheetError) as caught:
        apply_preview(any_db, preview)
    assert str(caught.value).startswith(
        "bad.csv, row 2: none of the 2 rows can be imported; the first problem: column 'Email': "
        "“ann@” is not a valid email address")
    header_only = write_csv(tmp_path / "header.csv", [], ["Name", "Email", "Role"])
    with pytest.raises(SheetError, match=r"^header\.csv: has no rows below the header"):
        import_file(any_db, header_only)


def test_report_as_text_csv_and_json(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [
        ["Ann Archer", "ann@example.org", "mentor", "Lecturer", "", "2", "2026-01-10",
         '=HYPERLINK("http://evil.example")'],
        ["Bob", "bob@", "mentee", "", "", "", "", ""],
    ])  # fmt: skip
    preview = _preview(any_db, path)
    dry = dry_run_report(preview)
    assert not dry.applied and list_people(any_db) == []
    report = apply_preview(any_db, preview)
    text = report.to_text()
    assert text.startswith(
        "r.csv (imported): 2 rows read = 1 created + 0 updated + 0 unchanged + 0 merged + "
        "1 skipped; people: 1 created, 0 updated; sign-ups: 1 created, 0 updated")
    assert "row 2: new person, new mentor sign-up — Ann Archer <ann@example.org>" in text
    assert "    check: column 'Position': “Lecturer” is not on the seniority ladder" in text
    assert "row 3: skipped: “bob@” is not a valid email address" in text
    assert text.rstrip().endswith("— Bob <bob@>")  # a skipped row shows who it was
    rows = list(csv.reader(io.StringIO(report.to_csv())))
    assert rows[0][:3] == ["row", "outcome", "name"]
    assert rows[2][:2] == ["3", "skipped"] and rows[2][7] == "Email"
    saved = report.save(tmp_path / "report.csv")
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")
    assert report.save(tmp_path / "report.txt").read_text(encoding="utf-8") == text
    as_json = report.to_dict()
    assert as_json["skipped"] == [{"row": 3, "name": "Bob", "email": "bob@", "field": "email",
                                   "column": "Email", "reason": as_json["skipped"][0]["reason"]}]
    assert as_json["rows"] == {"read": 2, "created": 1, "updated": 0, "unchanged": 0,
                               "merged": 0, "skipped": 1}
    assert as_json["skipped"][0]["reason"].startswith("column 'Email': “bob@” is not a valid")
    assert as_json["applied"] is True and as_json["rows_read"] == 2


def test_report_csv_never_carries_a_live_formula(any_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [
        ["=1+1", "ann@example.org", "mentor", "", "", "", "", ""],
        ["@SUM(A1)", "bob@", "mentee", "", "", "", "", ""],
    ])  # fmt: skip
    report = apply_preview(any_db, _preview(any_db, path))
    cells = [cell for row in csv.reader(io.StringIO(report.to_csv())) for cell in row]
    assert "'=1+1" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_every_phase_reports_progress(db: Database, tmp_path: Path) -> None:
    path = _big_csv(tmp_path)
    seen: dict[ImportPhase, list[tuple[int, int | None]]] = {}
    current: list[ImportPhase] = []

    def phase(p: ImportPhase) -> None:
        current.append(p)
        seen[p] = []

    import_file(db, path, phase=phase, progress=lambda d, t: seen[current[-1]].append((d, t)))
    assert list(seen) == [ImportPhase.READING, ImportPhase.CHECKING, ImportPhase.WRITING]
    for calls in seen.values():
        done = [d for d, _ in calls]
        assert done == sorted(done) and len(calls) >= 2
        assert calls[-1][0] == calls[-1][1]
    assert seen[ImportPhase.CHECKING][-1] == (ROWS, ROWS)
    assert seen[ImportPhase.WRITING][-1] == (2 * ROWS, 2 * ROWS)  # people, then sign-ups
