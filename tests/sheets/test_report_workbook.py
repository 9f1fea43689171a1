"""The yearly report workbook: its sheets, charts and formats, and nothing live from the data."""

from __future__ import annotations

import os
import statistics
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from report_files import MAIN, chart_parts, formulas, read_summary, read_table, sheet_parts

from ams_desk.core.model import Role
from ams_desk.core.report import FIGURES, FUNNEL
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.sheets.report import SHEETS, ReportCancelled, ReportExportError, write_report
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.pairs import change_status, create_pair
from ams_desk.store.people import add_signup
from ams_desk.store.report import load_program_data

TODAY = date(2026, 6, 15)
MADE = datetime(2026, 6, 15, 9, 30)
HOSTILE_NAME = '=HYPERLINK("http://example.invalid/x","Click me")'
HOSTILE_TOPIC = "=1+1"


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db, today=TODAY)
    return db


def _write(db: Database, path: Path, year: int | None = None) -> Path:
    data = load_program_data(db)
    return write_report(path, data, data.report(year, TODAY), made=MADE)


def test_every_sheet_and_chart(demo: Database, tmp_path: Path) -> None:
    path = _write(demo, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    assert len(chart_parts(path)) == 3  # funnel, topics, monthly
    summary = book["Summary"]
    assert summary["A1"].value == "AMS Mentorship Program — yearly report 2026"
    assert "Made on 15 Jun 2026 at 09:30" in summary["A3"].value
    assert book.properties.title == summary["A1"].value
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes is not None, name
        assert sheet.print_title_rows, name
        assert sheet.page_setup.fitToWidth == 1 or sheet.sheet_properties.pageSetUpPr.fitToPage
    for name in ("Pairs", "Sign-ups", "Mentors", "Topics", "Monthly"):
        sheet = book[name]
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A4"), name
        assert sheet["A4"].font.b, name
        assert sheet.freeze_panes == "A5", name
        assert sheet.column_dimensions["A"].width > 5
    pairs = book["Pairs"]
    headers = {cell.value: cell.column_letter for cell in pairs[4]}
    for header in ("Pair", "Answer late"):  # short values, centred under their header
        cell = pairs[f"{headers[header]}5"]
        assert cell.value is not None and cell.alignment.horizontal == "center", header
        assert pairs[f"{headers[header]}4"].alignment.horizontal == "center", header
    assert pairs[f"{headers['Proposed to mentor']}5"].number_format == "d mmm yyyy"


def test_figures_on_the_summary_are_the_reports(demo: Database, tmp_path: Path) -> None:
    data = load_program_data(demo)
    report = data.report(None, TODAY)
    path = write_report(tmp_path / "report.xlsx", data, report, made=MADE)
    shown = read_summary(path)
    assert set(shown) == set(FIGURES)
    for key, (now, last, change) in shown.items():
        assert now == report.figures[key], key
        assert last == report.previous[key], key
        if now is None or last is None:
            assert change is None, key
        elif FIGURES[key].kind == "rate":
            assert change == pytest.approx((now - last) * 100), key
        else:
            assert change == pytest.approx(now - last), key
    assert report.figures["pairs_proposed"] > 20 and report.previous["met"] > 10


def test_only_the_reports_own_formulas_and_they_carry_values(
    demo: Database, tmp_path: Path
) -> None:
    path = _write(demo, tmp_path / "report.xlsx")
    found = formulas(path)
    assert set(found) == set(SHEETS)
    for name in SHEETS[1:]:
        assert found[name] == [], name
    # The Summary's change column: this year minus last year, one per figure with both.
    summary = read_summary(path)
    both = [k for k, (now, last, _) in summary.items() if now is not None and last is not None]
    assert len(found["Summary"]) == len(both) > 15
    assert all(f.replace("(", "").replace(")", "").replace("*100", "")[:1] == "B"
               for f in found["Summary"])
    # Each carries its value: a reader that does not recalculate shows it, not 0.
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read(sheet_parts(path)["Summary"]))
    cells = [c for c in root.iter(f"{MAIN}c") if c.find(f"{MAIN}f") is not None]
    assert len(cells) == len(both)
    assert all(c.find(f"{MAIN}v") is not None for c in cells)
    assert any(float(c.findtext(f"{MAIN}v") or 0) != 0 for c in cells)


def _hostile_program(db: Database) -> None:
    mentor = add_signup(
        db,
        PersonInput(HOSTILE_NAME, "mentor@example.org", "Full professor",
                    projects=("=cmd|' /C calc'!A0",)),
        SignupInput(Role.MENTOR, date(2026, 1, 5), 2026, topics=(HOSTILE_TOPIC,), capacity=2),
    )
    mentee = add_signup(
        db,
        PersonInput("+SUM(A1:A9)", "mentee@example.org", "PhD candidate", department="-2+3"),
        SignupInput(Role.MENTEE, date(2026, 1, 10), 2026, topics=(HOSTILE_TOPIC, "Leadership")),
    )
    pair = create_pair(db, mentor.signup_id, mentee.signup_id, at=datetime(2026, 2, 1, 10))
    change_status(db, pair.id, PairStatus.MENTOR_AGREED, at=datetime(2026, 2, 3, 10))


def test_nothing_from_the_data_becomes_a_formula(db: Database, tmp_path: Path) -> None:
    _hostile_program(db)
    path = _write(db, tmp_path / "report.xlsx", 2026)
    found = formulas(path)
    assert all(found[name] == [] for name in SHEETS[1:])
    assert not any("HYPERLINK" in f or "SUM" in f or "cmd" in f for f in found["Summary"])
    pairs = read_table(path, "Pairs")
    assert pairs[0]["Mentor"] == HOSTILE_NAME
    assert pairs[0]["Mentee"] == "+SUM(A1:A9)"
    assert pairs[0]["Mentor projects"] == "=cmd|' /C calc'!A0"
    signups = read_table(path, "Sign-ups")
    assert [r["Department"] for r in signups if r["Role"] == "Mentee"] == ["-2+3"]
    topics = read_table(path, "Topics")
    assert {r["Topic"]: r["2026"] for r in topics}[HOSTILE_TOPIC] == 2
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shared = archive.read("xl/sharedStrings.xml").decode()
    assert '<t>=HYPERLINK("http://example.invalid/x","Click me")</t>' in shared
    assert not any("hyperlink" in n.lower() or "externalLink" in n for n in names)


def test_table_sheets_hold_the_years_rows(demo: Database, tmp_path: Path) -> None:
    data = load_program_data(demo)
    report = data.report(2026, TODAY)
    path = write_report(tmp_path / "report.xlsx", data, report, made=MADE)
    pairs = read_table(path, "Pairs")
    assert len(pairs) == report.figures["pairs_proposed"]
    assert sum(1 for p in pairs if p["Mentor agreed"] is not None) == report.figures[
        "mentor_agreed"]
    assert all(isinstance(p["Proposed to mentor"], datetime) for p in pairs)
    answered = [p["Days to answer"] for p in pairs if p["Days to answer"] is not None]
    assert statistics.median(answered) == report.figures["median_days_to_answer"]
    assert {p["Answer late"] for p in pairs} <= {"Yes", "No"}
    signups = read_table(path, "Sign-ups")
    assert len(signups) == report.figures["signups_mentor"] + report.figures["signups_mentee"]
    assert sum(r["Returning"] == "Yes" for r in signups) >= report.figures["people_returning"]
    mentors = read_table(path, "Mentors")
    assert len(mentors) == report.figures["signups_mentor"]
    assert all(m["Places taken"] <= m["Places offered"] or m["Places offered"] == 0
               for m in mentors)
    assert sum(m["Pairs proposed"] for m in mentors) >= 1
    topics = read_table(path, "Topics")
    assert {r["Topic"]: r["2026"] for r in topics if r["2026"]} == report.figures.topics
    monthly = read_table(path, "Monthly")
    assert [(m["Sign-ups"], m["Proposals"]) for m in monthly] == [
        (c.signups, c.proposals) for c in report.figures.by_month.values()]
    assert isinstance(monthly[0]["Month"], datetime)
    funnel = openpyxl.load_workbook(path, data_only=True)["Summary"]
    steps = {funnel.cell(r, 6).value: funnel.cell(r, 7).value for r in range(7, 13)}
    assert steps == {label: report.figures[key] for key, label in FUNNEL}


def test_a_year_with_no_sign_ups_and_no_pairs(db: Database, tmp_path: Path) -> None:
    path = _write(db, tmp_path / "empty.xlsx", 2026)
    shown = read_summary(path)
    assert shown["pairs_proposed"] == (0, 0, 0)
    assert shown["acceptance_rate"] == (None, None, None)
    assert read_table(path, "Pairs") == []
    assert len(chart_parts(path)) == 2  # no topics: no topics chart


def test_progress_and_cancel_leave_an_earlier_file_alone(demo: Database, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the earlier report")
    data = load_program_data(demo)
    report = data.report(2026, TODAY)
    seen: list[tuple[int, int | None]] = []
    write_report(target, data, report, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    target.write_bytes(b"the earlier report")
    with pytest.raises(ReportCancelled):
        write_report(target, data, report, cancelled=lambda: True)
    assert target.read_bytes() == b"the earlier report"
    assert sorted(p for p in os.listdir(tmp_path) if not p.startswith("ams.sqlite")) == [
        "report.xlsx"]


def test_an_unwritable_place_names_the_file(db: Database, tmp_path: Path) -> None:
    data = load_program_data(db)
    report = data.report(2026, TODAY)
    with pytest.raises(ReportExportError, match="missing"):
        write_report(tmp_path / "missing" / "report.xlsx", data, report)
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    with pytest.raises(ReportExportError, match="a-folder.xlsx"):
        write_report(folder, data, report)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_text_longer_than_a_cell_holds_is_cut_visibly(db: Database, tmp_path: Path) -> None:
    topics = tuple(f"Topic number {i:05d}" for i in range(2500))  # ~47,000 characters
    add_signup(db, PersonInput("Long Topics", "long@example.org", "PhD candidate"),
               SignupInput(Role.MENTEE, date(2026, 2, 1), 2026, topics=topics))
    path = _write(db, tmp_path / "report.xlsx", 2026)
    [row] = read_table(path, "Sign-ups")
    assert len(row["Topics"]) == 32767 and row["Topics"].endswith("…")
    assert row["Topics"].startswith("Topic number 00000, Topic number 00001")
