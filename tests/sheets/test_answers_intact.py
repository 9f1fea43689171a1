"""Issue 14: each ordinary file that lost or garbled answers, imported again with nothing lost.

Every answer of a mapped column is stored as typed (spaces tidied) or its row
is flagged, with the row number and the column, in the preview.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from import_helpers import run, write_csv

from ams_desk.cli import main
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.importer import import_file
from ams_desk.sheets.importing.mapping import auto_map
from ams_desk.sheets.importing.read import read_table
from ams_desk.store.database import Database
from ams_desk.store.import_runs import ImportUndoError, undo_last_import
from ams_desk.store.people import list_people, list_signups

MOTIVATIONS = [
    "Any advice on moving to industry would help me.",
    "I work in distributed teams and want to learn to lead them.",
    "I live abroad, so meeting remote is the only option for me.",
    "Both career and funding questions keep me awake.",
    "Flexible working hours matter to me; how do you manage?",
    "I want to know how teams in other projects live with deadlines.",
    "Remote collaboration is hard; any tips welcome.",
    "Both my supervisors left; I need an outside view.",
    "Any mentor who can talk about grant writing.",
    "I am flexible about everything, including remote meetings.",
]
HEADERS = ["Name", "Email", "Role", "Motivation"]


def _people(n: int) -> list[tuple[str, str]]:
    return [(f"Person{i} Example", f"p{i}@example.org") for i in range(n)]


def _flags(report: object) -> list[tuple[int, str | None, str]]:
    """The flags of a report, without the date-less rows' "today used" ones."""
    return [(f.row, f.column, f.message) for r in report.rows for f in r.flags  # type: ignore[attr-defined]
            if not f.message.startswith("no sign-up date")]


def test_a_motivation_column_full_of_meeting_words_keeps_every_answer(
    any_db: Database, tmp_path: Path
) -> None:
    rows = [[n, e, "mentee", m] for (n, e), m in zip(_people(10), MOTIVATIONS, strict=True)]
    path = write_csv(tmp_path / "motivation.csv", rows, HEADERS)
    table = read_table(path)
    assert auto_map(table).mapping.fields == (Field.NAME, Field.EMAIL, Field.ROLE,
                                              Field.MOTIVATION)
    report = run(any_db, path)
    assert report.counts.skipped == 0
    stored = {s.email: s for s in list_signups(any_db)}
    with any_db.engine.connect() as conn:
        from sqlalchemy import text

        rows_db = dict(conn.execute(text(
            "SELECT p.email, s.motivation || '|' || s.meeting_format FROM signup s "
            "JOIN person p ON p.id = s.person_id")).all())
    assert len(stored) == 10
    for (_, email), motivation in zip(_people(10), MOTIVATIONS, strict=True):
        assert rows_db[email] == f"{motivation}|any"  # the answer kept; no format invented


def test_a_name_column_of_names_that_contain_meeting_words_stays_the_name(
    any_db: Database, tmp_path: Path
) -> None:
    names = ["Olive Teams", "Liv Remote", "Anya Both", "Flex Online", "Tom Live"]
    rows = [[n, f"n{i}@example.org", "mentor"] for i, n in enumerate(names)]
    path = write_csv(tmp_path / "names.csv", rows, ["Name", "Email", "Role"])
    assert auto_map(read_table(path)).mapping.fields[0] is Field.NAME
    report = run(any_db, path)
    assert report.counts.rows_created == 5
    assert sorted(p.name for p in list_people(any_db)) == sorted(names)


def test_long_free_text_is_never_mapped_to_a_choice_field(tmp_path: Path) -> None:
    answers = [f"I would rather meet online because my lab is far away, reason {i}"
               for i in range(6)]
    rows = [[n, e, "mentee", a] for (n, e), a in zip(_people(6), answers, strict=True)]
    path = write_csv(tmp_path / "free.csv", rows, ["Name", "Email", "Role", "Meeting format"])
    guess = auto_map(read_table(path))
    assert guess.mapping.fields[3] is None
    assert "long free-text answers" in guess.reasons[3]


def test_values_map_a_choice_column_only_when_most_are_exact_choices(tmp_path: Path) -> None:
    exact = ["Online", "In person", "No preference", "Online", "In person"]
    rows = [[n, e, "mentee", x] for (n, e), x in zip(_people(5), exact, strict=True)]
    path = write_csv(tmp_path / "q.csv", rows, ["Name", "Email", "Role", "Question 7"])
    assert auto_map(read_table(path)).mapping.fields[3] is Field.MEETING_FORMAT
    loose = ["Online works", "any day", "teams please", "Online", "both ok"]
    rows = [[n, e, "mentee", x] for (n, e), x in zip(_people(5), loose, strict=True)]
    path = write_csv(tmp_path / "r.csv", rows, ["Name", "Email", "Role", "Question 7"])
    assert auto_map(read_table(path)).mapping.fields[3] is None


def test_unmapped_columns_are_listed_with_their_headers(any_db: Database, tmp_path: Path) -> None:
    rows = [[n, e, "mentee", "x", ""] for n, e in _people(3)]
    path = write_csv(tmp_path / "u.csv", rows, ["Name", "Email", "Role", "Shoe size", "Empty"])
    report = run(any_db, path)
    assert [(u.header, u.filled) for u in report.unmapped] == [("Shoe size", 3), ("Empty", 0)]
    assert report.to_dict()["unmapped_columns"][0] == {
        "column": "Shoe size", "values": 3, "example": "x"}


def test_one_line_not_utf8_is_decoded_alone_and_flagged(any_db: Database, tmp_path: Path) -> None:
    lines = [
        b"Name,Email,Role",
        "Zoë Müller,zoe@example.org,mentee".encode(),
        "José Núñez,jose@example.org,mentor".encode("cp1252"),  # typed on an old machine
        "Chloé Øvergård,chloe@example.org,mentee".encode(),
    ]
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    report = run(any_db, path)
    assert sorted(p.name for p in list_people(any_db)) == [
        "Chloé Øvergård", "José Núñez", "Zoë Müller"]
    flags = _flags(report)
    assert flags == [(3, None, flags[0][2])] and "not UTF-8" in flags[0][2]


def test_a_file_marked_utf8_with_a_bad_line_flags_that_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfName,Email\nAnn,a@example.org\nJos\xe9,j@example.org\n")
    table = read_table(path)
    assert table.rows[1].values == ("José", "j@example.org")
    assert table.rows[1].notes and "Windows-1252" in table.rows[1].notes[0][1]
    assert table.rows[0].notes == ()


def test_a_whole_windows_1252_file_is_read_without_a_flag_per_row(tmp_path: Path) -> None:
    path = tmp_path / "cp.csv"
    path.write_bytes("Name,Email\nJosé,j@example.org\nRenée,r@example.org\n".encode("cp1252"))
    table = read_table(path)
    assert [r.values[0] for r in table.rows] == ["José", "Renée"]
    assert all(r.notes == () for r in table.rows)


def test_a_nul_in_a_cell_is_flagged_not_removed_silently(any_db: Database, tmp_path: Path) -> None:
    # Past the reader's binary probe (a NUL in the first bytes means "not a text file").
    rows = [[n, e, "mentee", "ok"] for n, e in _people(60)]
    rows.append(["Ann Archer", "ann@example.org", "mentee", "I like\x00 research"])
    path = write_csv(tmp_path / "nul.csv", rows, HEADERS)
    report = run(any_db, path)
    assert _flags(report) == [(62, "Motivation", "NUL (U+0000) removed")]
    stored = {s.email: s for s in list_signups(any_db)}
    assert "ann@example.org" in stored


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "signups.csv"
    os.mkfifo(fifo)
    errors: list[str] = []

    def read() -> None:
        try:
            read_table(fifo)
        except SheetError as error:
            errors.append(str(error))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO must not wait for a writer"
    assert errors == ["signups.csv: refused: this is a named pipe (FIFO), not a spreadsheet "
                      "file; choose an .xlsx or .csv file"]


def test_a_file_of_blank_lines_is_refused_after_the_bounded_header_search(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\n" * 3_000_000)  # the 50 MB case is timed in benchmarks/bench_read.py
    with pytest.raises(SheetError, match="no header row in the first 10,000 rows"):
        read_table(path)


def test_title_rows_above_the_header_are_passed_over(any_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "titled.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["AMS Mentorship sign-ups 2026"], ["Exported 2026-03-01 by the team"], [],
                ["Name", "Email", "Role"], ["Ann Archer", "ann@example.org", "mentee"]):
        sheet.append(row)
    book.save(path)
    table = read_table(path)
    assert table.header_row == 4 and table.headers == ("Name", "Email", "Role")
    assert [t for _, t in table.title_rows] == ["AMS Mentorship sign-ups 2026",
                                                "Exported 2026-03-01 by the team"]
    assert run(any_db, path).counts.rows_created == 1


def test_header_row_given_on_the_command_line(
    any_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.csv"
    # The real header names only one known field, so it is not found by itself.
    path.write_text("Sign-ups\nWho,Email,Kind\nAnn,ann@example.org,mentee\n", encoding="utf-8")
    url = any_db.engine.url.render_as_string(hide_password=False)
    assert read_table(path, header_row=2).headers == ("Who", "Email", "Kind")
    assert main(["--db", url, "import", str(path), "--header-row", "2", "--role", "mentee",
                 "--dry-run", "--json"]) == 1  # "Who" names no field: refused, naming columns
    err = capsys.readouterr().err
    assert "no column holds the name" in err and "Who, Email, Kind" in err


def test_dates_decided_per_column_and_doubts_flagged(any_db: Database, tmp_path: Path) -> None:
    people = _people(4)
    decided = write_csv(tmp_path / "decided.csv", [
        [*people[0], "mentee", "05/06/2026"], [*people[1], "mentee", "13/01/2026"]],
        ["Name", "Email", "Role", "Signed up"])  # fmt: skip
    report = run(any_db, decided, today=date(2026, 12, 1))
    days = {s.email: s.signed_up for s in list_signups(any_db)}
    assert days["p0@example.org"] == date(2026, 6, 5)  # day first: 13/01 shows the order
    assert _flags(report) == []
    ambiguous = write_csv(tmp_path / "ambiguous.csv", [
        [*people[2], "mentee", "05/06/2026"], [*people[3], "mentee", "2099-01-01"],
        ["Old Timer", "old@example.org", "mentee", "1999-12-31"]],
        ["Name", "Email", "Role", "Signed up"])  # fmt: skip
    report = run(any_db, ambiguous, today=date(2026, 12, 1))
    flags = _flags(report)
    assert (2, "Signed up", "“05/06/2026” could be read two ways: 2026-05-06 used (read month "
            "first: no date in this column shows the order)") in flags
    assert (3, "Signed up", "2099-01-01 is in the future; stored as given") in flags
    assert (4, "Signed up", "1999-12-31 is before 2000; stored as given") in flags
    assert report.counts.skipped == 0


def test_look_alike_emails_and_bidi_names_are_flagged(any_db: Database, tmp_path: Path) -> None:
    rows = [
        ["Anna Smith", "\u0430nna@example.org", "mentee"],  # Cyrillic а
        ["Bob Baker", "bob\u200b@example.org", "mentor"],  # zero-width space
        ["Eve\u202e reve", "eve@example.org", "mentee"],  # right-to-left override
    ]
    path = write_csv(tmp_path / "people.csv", rows, ["Name", "Email", "Role"])
    report = run(any_db, path)
    flags = _flags(report)
    assert any(r == 2 and "mixes Cyrillic and Latin letters" in m for r, _, m in flags)
    assert any(r == 3 and "U+200B ZERO WIDTH SPACE" in m for r, _, m in flags)
    assert any(r == 4 and "U+202E RIGHT-TO-LEFT OVERRIDE" in m and "removed" in m
               for r, _, m in flags)
    names = {p.email: p.name for p in list_people(any_db)}
    assert names["eve@example.org"] == "Eve reve"
    assert names["bob@example.org"] == "Bob Baker"


def test_an_empty_sheet_points_at_the_sheet_with_rows(any_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Instructions"
    first.append(["Name", "Email", "Role"])
    data = book.create_sheet("Responses")
    data.append(["Name", "Email", "Role"])
    data.append(["Ann Archer", "ann@example.org", "mentee"])
    book.save(path)
    with pytest.raises(SheetError) as caught:
        import_file(any_db, path)
    assert "has no rows below the header" in str(caught.value)
    assert 'the sheet “Responses” (1 rows) holds rows: choose it with --sheet "Responses"' in (
        str(caught.value))


def test_the_summary_adds_up_and_a_skipped_row_shows_who(any_db: Database, tmp_path: Path) -> None:
    rows = [["Ann Archer", "ann@example.org", "mentee", ""],
            ["Ann Archer", "ann@example.org", "mentee", "more"],
            ["Bob", "bob@", "mentee", ""]]  # fmt: skip
    first = run(any_db, write_csv(tmp_path / "a.csv", rows, HEADERS))
    c = first.counts
    assert (c.rows_read, c.rows_created, c.rows_merged, c.skipped) == (3, 1, 1, 1)
    assert c.rows_read == c.rows_created + c.rows_updated + c.unchanged_rows + c.rows_merged + (
        c.skipped)
    assert first.skipped[0].name == "Bob" and first.skipped[0].email == "bob@"


def test_undo_removes_what_was_created_and_restores_what_was_updated(
    any_db: Database, tmp_path: Path
) -> None:
    run(any_db, write_csv(tmp_path / "one.csv", [["Ann Archer", "ann@example.org", "mentee",
                                                  "first"]], HEADERS))
    before = (list_people(any_db), list_signups(any_db))
    second = write_csv(tmp_path / "two.csv", [
        ["Ann Archer", "ann@example.org", "mentee", "changed"],
        ["Bob Baker", "bob@example.org", "mentor", "new"]], HEADERS)  # fmt: skip
    report = run(any_db, second)
    assert report.run_id is not None and len(list_people(any_db)) == 2
    undone = undo_last_import(any_db)
    assert (len(undone.people_removed), len(undone.signups_restored)) == (1, 1)
    assert (list_people(any_db), list_signups(any_db)) == before
    undo_last_import(any_db)  # the first import, too
    assert list_people(any_db) == []
    with pytest.raises(ImportUndoError, match="there is no import to undo"):
        undo_last_import(any_db)


def test_undo_is_refused_when_the_rows_changed_since(
    any_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import text

    run(any_db, write_csv(tmp_path / "one.csv", [["Ann Archer", "ann@example.org", "mentee",
                                                  ""]], HEADERS))
    with any_db.engine.begin() as conn:
        conn.execute(text("UPDATE signup SET motivation = 'typed in the app'"))
    url = any_db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "import", "--undo"]) == 1
    err = capsys.readouterr().err
    assert "cannot be undone" in err and "Ann Archer <ann@example.org>" in err
    assert "motivation changed" in err and "nothing was changed" in err
    assert len(list_people(any_db)) == 1


def test_list_signups_json_gains_motivation_meeting_format_and_languages(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "l.csv", [["Ann Archer", "ann@example.org", "mentee", "Why not",
                                           "Online", "English, Deutsch"]],
                     [*HEADERS, "Meeting preference", "Languages"])
    run(db, path)
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "list", "signups", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["motivation"], row["meeting_format"], row["languages"]) == (
        "Why not", "online", ["English", "German"])
