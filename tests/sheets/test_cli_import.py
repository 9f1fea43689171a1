"""``ams-desk import``: JSON summary, exit codes, one-line refusals; sources in ``list signups``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from form_exports import google_forms_csv, ms_forms_xlsx
from hostile_files import CASES
from import_helpers import write_csv

from ams_desk.cli import main
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.sheets.importing.importer import save_profile
from ams_desk.sheets.importing.mapping import Mapping
from ams_desk.store.database import Database, open_database
from ams_desk.store.people import add_signup

REPO = Path(__file__).resolve().parents[2]
KEYS = {"file", "rows_read", "people_created", "people_updated", "signups_created",
        "signups_updated", "skipped", "applied"}  # fmt: skip


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_import_json_then_again_changes_nothing(
    any_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ms_forms_xlsx(tmp_path / "forms.xlsx")
    code, out, err = _cli(capsys, "--db", _url(any_db), "import", str(path), "--json")
    assert (code, err) == (0, "")
    first = json.loads(out)
    assert set(first) >= KEYS
    assert first["file"] == str(path) and first["applied"] is True
    assert (first["rows_read"], first["people_created"], first["signups_created"]) == (30, 28, 28)
    assert first["skipped"] == [{"row": 31, "name": "Jan de Vries", "email": "jan.devries@",
                                 "field": "email", "column": "Your work email address",
                                 "reason": first["skipped"][0]["reason"]}]  # fmt: skip
    assert first["rows"] == {"read": 30, "created": 28, "updated": 0, "unchanged": 0,
                             "merged": 1, "skipped": 1}
    assert "“jan.devries@” is not a valid email address" in first["skipped"][0]["reason"]
    code, out, _ = _cli(capsys, "--db", _url(any_db), "import", str(path), "--json")
    second = json.loads(out)
    assert code == 0 and second["applied"] is True
    assert [second[k] for k in ("people_created", "people_updated", "signups_created",
                                "signups_updated")] == [0, 0, 0, 0]  # fmt: skip


def test_dry_run_writes_nothing(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = google_forms_csv(tmp_path / "google.csv")
    code, out, _ = _cli(capsys, "--db", _url(db), "import", str(path), "--dry-run", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["applied"] is False and summary["people_created"] == 28
    code, out, _ = _cli(capsys, "--db", _url(db), "list", "people", "--json")
    assert json.loads(out) == []
    code, out, _ = _cli(capsys, "--db", _url(db), "import", str(path), "--dry-run")
    assert code == 0 and out.startswith(
        "google.csv (dry run, nothing written): 30 rows read = 28 created + 0 updated + "
        "0 unchanged + 1 merged + 1 skipped;")
    assert "  skipped row 31, column 'Email Address': “not an email”" in out


def test_list_signups_json_shows_notes_and_source(
    any_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_signup(any_db, PersonInput("Typed In", "typed@example.org", "Postdoc"),
               SignupInput(Role.MENTEE, date(2026, 1, 2), 2026, motivation="by hand"))
    path = write_csv(tmp_path / "one.csv", [
        ["Ann Archer", "ann@example.org", "mentor", "Full professor", "", "2", "2026-01-10",
         '=HYPERLINK("x")\nsecond line']])  # fmt: skip
    assert _cli(capsys, "--db", _url(any_db), "import", str(path))[0] == 0
    code, out, _ = _cli(capsys, "--db", _url(any_db), "list", "signups", "--json")
    signups = {s["email"]: s for s in json.loads(out)}
    assert signups["typed@example.org"]["notes"] == "by hand"
    assert signups["typed@example.org"]["source"] is None
    assert signups["ann@example.org"]["notes"] == '=HYPERLINK("x")\nsecond line'
    assert signups["ann@example.org"]["source"] == {"file": "one.csv", "row": 2}


def test_profile_and_role_options(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "mentors.csv", [["Mia Mentor", "mia@example.org", "x"]],
                     ["Who", "Mail", "Comment"])
    code, _, err = _cli(capsys, "--db", _url(db), "import", str(path))
    assert code == 1 and err.startswith("ams-desk: mentors.csv: refused: no column holds the ")
    code, _, err = _cli(capsys, "--db", _url(db), "import", str(path), "--profile", "nope")
    assert (code, err) == (1, "ams-desk: no import profile is called 'nope'\n")
    mapping = Mapping.from_headers(("Who", "Mail", "Comment"),
                                   {"Who": "name", "Mail": "email", "Comment": "motivation"})
    save_profile(db, "mentor list", mapping)
    code, out, err = _cli(capsys, "--db", _url(db), "import", str(path), "--profile",
                          "mentor list", "--role", "mentor", "--json",
                          "--report", str(tmp_path / "report.csv"))
    assert (code, err) == (0, "")
    assert json.loads(out)["signups_created"] == 1
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").startswith("row,outcome")


def _subprocess(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ams_desk", *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize("case", ["zip-bomb-ratio", "ole2-xls", "billion-laughs", "pdf"])
def test_refused_files_exit_1_with_one_line_and_no_traceback(tmp_path: Path, case: str) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    path = CASES[case].build(tmp_path)
    result = _subprocess("--db", url, "import", str(path), "--json")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"ams-desk: {path.name}: ")
    assert CASES[case].message in result.stderr
    summary = json.loads(result.stdout)
    assert summary["applied"] is False and summary["error"].startswith(path.name)
    db = open_database(url)
    try:
        from ams_desk.store.people import list_people

        assert list_people(db) == []
    finally:
        db.close()


def test_cli_exit_codes_for_missing_broken_and_good_files(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    missing = _subprocess("--db", url, "import", str(tmp_path / "nowhere.xlsx"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr == "ams-desk: nowhere.xlsx: cannot be opened: No such file or directory\n"
    bad = write_csv(tmp_path / "bad.csv", [["Ann", "ann@", "mentor"]], ["Name", "Email", "Role"])
    broken = _subprocess("--db", url, "import", str(bad))
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1
    assert broken.stderr.startswith("ams-desk: bad.csv, row 2: none of the 1 rows can be imported")
    good = _subprocess("--db", url, "import", str(ms_forms_xlsx(tmp_path / "forms.xlsx")))
    assert good.returncode == 0 and good.stderr == ""
    assert good.stdout.startswith("forms.xlsx (imported): 30 rows read = 28 created")
    assert "people: 28 created" in good.stdout.splitlines()[0]
