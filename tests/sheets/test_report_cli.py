"""``ams-desk report``: the JSON figures and the workbook's Summary agree on every figure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from report_files import read_summary, read_table

from ams_desk.cli import main
from ams_desk.core.report import FIGURES
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo

TODAY = date(2026, 6, 15)


@pytest.fixture
def url(db: Database) -> str:
    fill_demo(db, today=TODAY)
    return db.url


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_and_workbook_agree(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report 2026.xlsx"
    code, out, err = _run(capsys, "--db", url, "report", "--today", TODAY.isoformat(),
                          "-o", str(path), "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["year"] == 2026
    assert set(result) == {"year", "figures", "previous"}
    shown = read_summary(path)
    for key in FIGURES:
        assert shown[key][0] == result["figures"][key], key
        assert shown[key][1] == result["previous"][key], key
    topics = read_table(path, "Topics")
    assert {r["Topic"]: r["2026"] for r in topics if r["2026"]} == result["figures"]["topics"]
    assert {r["Topic"]: r["2025"] for r in topics if r["2025"]} == result["previous"]["topics"]
    monthly = read_table(path, "Monthly")
    assert [{"signups": m["Sign-ups"], "proposals": m["Proposals"]} for m in monthly] == list(
        result["figures"]["by_month"].values())
    assert list(result["figures"]["by_month"])[0] == "2026-01"


def test_a_chosen_year_and_the_plain_summary(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.xlsx"
    code, out, _ = _run(capsys, "--db", url, "report", "--year", "2025", "-o", str(path))
    assert code == 0 and out.startswith(f"Report 2025 written to {path}")
    assert read_summary(path)["signups_mentor"][0] > 0
    code, out, _ = _run(capsys, "--db", url, "report", "--year", "2024", "--json")
    figures = json.loads(out)["figures"]
    assert code == 0 and figures["signups_mentee"] == 0 and figures["acceptance_rate"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "-o FILE.xlsx"),
        (("-o", "report.csv"), "name it *.xlsx"),
        (("-o", "missing/report.xlsx"), "missing/report.xlsx"),
        (("--year", "12", "--json"), "--year 12"),
    ],
)
def test_errors_are_one_line(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "--db", url, "report", *argv)
    assert code == 1 and out == ""
    assert err.startswith("ams-desk: ") and message in err and err.count("\n") == 1
