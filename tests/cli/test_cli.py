"""The ams-desk command: demo, list --json, backup, and one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ams_desk.cli import main
from ams_desk.core.workflow import PairStatus


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    code, out, _ = _run(capsys, "--db", url, "demo", "--seed", "3")
    assert code == 0 and "Demo program created" in out
    return url


def test_list_people_json(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    code, out, err = _run(capsys, "--db", demo_url, "list", "people", "--json")
    assert code == 0 and err == ""
    people = json.loads(out)
    assert len(people) >= 200
    assert set(people[0]) >= {"id", "name", "email", "position", "rank", "projects", "department"}
    assert any(not p["name"].isascii() for p in people)
    assert all(isinstance(p["projects"], list) for p in people)
    assert {p["rank"] for p in people} <= set(range(1, 7))


def test_list_signups_json(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    signups = json.loads(_run(capsys, "--db", demo_url, "list", "signups", "--json")[1])
    assert set(signups[0]) >= {
        "id",
        "person_id",
        "email",
        "role",
        "topics",
        "capacity",
        "status",
        "signed_up",
        "program_year",
    }
    roles = [s["role"] for s in signups]
    assert roles.count("mentor") >= 60 and roles.count("mentee") >= 150
    assert len({s["program_year"] for s in signups}) == 2
    assert all(len(s["signed_up"]) == 10 and s["signed_up"][4] == "-" for s in signups)


def test_list_pairs_json(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    pairs = json.loads(_run(capsys, "--db", demo_url, "list", "pairs", "--json")[1])
    assert {p["status"] for p in pairs} == {s.value for s in PairStatus}
    pair = pairs[0]
    assert set(pair) >= {
        "id",
        "mentor_signup_id",
        "mentee_signup_id",
        "mentor_email",
        "mentee_email",
        "status",
        "events",
    }
    assert "@" in pair["mentor_email"] and "@" in pair["mentee_email"]
    assert set(pair["events"][0]) >= {"at", "kind", "status"}


def test_demo_refuses_a_database_with_people(
    capsys: pytest.CaptureFixture[str], demo_url: str
) -> None:
    code, out, err = _run(capsys, "--db", demo_url, "demo")
    assert code == 1 and out == ""
    assert err.startswith("ams-desk: ") and err.count("\n") == 1


def test_backup_writes_a_readable_copy(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite"
    assert _run(capsys, "--db", demo_url, "backup", str(target))[0] == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] >= 200
    code, _, err = _run(capsys, "--db", demo_url, "backup", str(target))
    assert code == 1 and "exists already" in err


def _content(path: Path) -> object:
    """What a file holds: its SQL dump for a database (WAL or not), else its bytes."""
    if not path.exists():
        return None
    if path.read_bytes()[:15] == b"SQLite format 3":
        with sqlite3.connect(path) as conn:
            return list(conn.iterdump())
    return path.read_bytes()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("badurl", "not a database URL"),
        ("garbage", "not a SQLite database"),
        ("newer", "newer AMS Desk"),
        ("nofolder", "does not exist"),
    ],
)
def test_errors_are_one_line_exit_1_no_traceback(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "db.sqlite"
    url = f"sqlite:///{path}"
    if setup == "badurl":
        url = "definitely not a url"
    elif setup == "garbage":
        path.write_bytes(b"\x00garbage" * 1000)
    elif setup == "newer":
        main(["--db", url, "list", "people"])
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    elif setup == "nofolder":
        url = f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}"
    before = _content(path)
    result = subprocess.run(
        [sys.executable, "-m", "ams_desk", "--db", url, "list", "people", "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr
    assert _content(path) == before


def test_env_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("AMS_DESK_DB", f"sqlite:///{path}")
    assert _run(capsys, "list", "people", "--json") == (0, "[]\n", "")
    assert path.exists()


def test_default_database_lives_in_the_user_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from ams_desk.store.database import default_data_dir

    assert _run(capsys, "list", "signups", "--json")[0] == 0
    assert (default_data_dir() / "ams-desk.sqlite").exists()


def test_a_closed_pipe_is_not_a_traceback(demo_url: str) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "ams_desk", "--db", demo_url, "list", "pairs", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # like `| head -c 10`
    errors = reader.stderr.read().decode()
    reader.wait(timeout=30)
    assert "Traceback" not in errors
