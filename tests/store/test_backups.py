"""Backups: the thinning policy on fixed dates, partial files, listing, restore."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ams_desk.cli import main
from ams_desk.core.backup_policy import backups_to_keep
from ams_desk.store.backups import clean_partials, list_backups, thin_backups, write_backup
from ams_desk.store.database import Database, StoreError, open_database
from ams_desk.store.demo import fill_demo
from ams_desk.store.restore import restore_backup

NOW = datetime(2026, 12, 1, 20, 0)


def test_thinning_keeps_7_daily_4_weekly_12_monthly() -> None:
    # Four backups a day (20:00, 14:00, 08:00, 02:00) for two years up to NOW.
    moments = [NOW - timedelta(hours=6 * n) for n in range(4 * 730)]
    keep = backups_to_keep(moments, NOW, recent=timedelta(0))

    def newest_of(day: int, month: int, year: int = 2026) -> datetime:
        return datetime(year, month, day, 20, 0)

    daily = {newest_of(d, 11) for d in range(25, 31)} | {NOW}
    # ISO weeks 49 (today), 48 (Nov 23-29: its Sunday is a daily one), 47 and 46.
    weekly = {NOW, newest_of(29, 11), newest_of(22, 11), newest_of(15, 11)}
    # December (today) back to January 2026: each month's last day.
    monthly = {NOW, newest_of(30, 11)} | {
        max(m for m in moments if (m.year, m.month) == (2026, month)) for month in range(1, 11)
    }
    assert keep == daily | weekly | monthly
    assert len(keep) == 7 + 2 + 10


def test_thinning_keeps_every_backup_of_the_last_day() -> None:
    moments = [NOW - timedelta(hours=n) for n in range(48)]
    keep = backups_to_keep(moments, NOW)
    assert {m for m in moments if NOW - m < timedelta(hours=24)} <= keep
    assert len(keep) == 24 + 1  # and the newest of yesterday


def test_thinning_of_sparse_backups_keeps_them_all() -> None:
    moments = [datetime(2026, 1, 5), datetime(2026, 6, 1), NOW - timedelta(days=2)]
    assert backups_to_keep(moments, NOW) == set(moments)


def test_thinning_keeps_the_newest_even_when_old_and_future_dated_ones() -> None:
    old = [datetime(2019, 3, 1), datetime(2019, 2, 1)]
    assert backups_to_keep(old, NOW) == {datetime(2019, 3, 1)}
    future = NOW + timedelta(days=3)
    assert future in backups_to_keep([future, *old], NOW)


@pytest.fixture
def small(db: Database, db_path: Path) -> Database:
    fill_demo(db, people=40, seed=2)
    return db


def _raw(db: Database) -> sqlite3.Connection:
    return sqlite3.connect(db.sqlite_path)  # type: ignore[arg-type]


def test_thinning_the_folder_deletes_old_backups(small: Database, db_path: Path) -> None:
    conn = _raw(small)
    try:
        for n in range(40):
            write_backup(conn, db_path, "daily", now=NOW - timedelta(days=n), thin=False)
    finally:
        conn.close()
    removed = thin_backups(db_path, NOW)
    kept = list_backups(db_path)
    assert len(kept) + len(removed) == 40
    assert {b.created for b in kept} == backups_to_keep(
        [NOW - timedelta(days=n) for n in range(40)], NOW
    )
    assert all(not p.exists() for p in removed)


def test_backups_list_date_size_people_reason(
    small: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small.backup("manual")
    small.backup("import")
    assert main(["--db", f"sqlite:///{db_path}", "backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["reason"] for b in listed] == ["import", "manual"]
    assert all(b["people"] == 40 and b["size"] > 10_000 for b in listed)
    assert all(Path(b["file"]).is_file() for b in listed)
    datetime.fromisoformat(listed[0]["created"])
    assert main(["--db", f"sqlite:///{db_path}", "backups"]) == 0
    text = capsys.readouterr().out
    assert "before an import" in text and "40 people" in text


def test_partial_backup_of_a_killed_process_is_cleaned_up(small: Database, db_path: Path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir()
    dead = folder / ".ams-20261201-100000-daily.sqlite.999999999.partial"
    dead.write_bytes(b"SQLite format 3\0half")
    mine = folder / f".ams-x.sqlite.{os.getpid()}.partial"
    mine.write_bytes(b"in progress")
    assert list_backups(db_path) == []
    assert not dead.exists() and mine.exists()
    assert clean_partials(folder) == []


def test_restore_checks_backs_up_first_and_restores(
    small: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ams_desk.store.people import list_people

    backup = small.backup("manual")
    assert backup is not None
    with small.session() as session:
        from ams_desk.store.schema import PersonRow

        session.query(PersonRow).filter(PersonRow.id > 30).update({"notes": "after"})
    small.close()
    url = f"sqlite:///{db_path}"
    assert main(["--db", url, "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "backed up to" in out
    db = open_database(url)
    try:
        assert not any(p.notes == "after" for p in list_people(db))
        assert len(list_people(db)) == 40
    finally:
        db.close()
    before_restore = [b for b in list_backups(db_path) if b.reason == "restore"]
    assert len(before_restore) == 1
    with sqlite3.connect(before_restore[0].path) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE notes = 'after'").fetchone()[0] > 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    small: Database, db_path: Path, tmp_path: Path
) -> None:
    backup = small.backup("manual")
    assert backup is not None
    small.close()
    broken = tmp_path / "broken.sqlite"
    shutil.copyfile(backup, broken)
    with broken.open("r+b") as file:
        file.truncate(broken.stat().st_size // 2)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        restore_backup(db_path, broken)
    with pytest.raises(StoreError, match="not a file"):
        restore_backup(db_path, tmp_path / "missing.sqlite")
    assert db_path.read_bytes() == before
    assert len(list_backups(db_path)) == 1


def test_restore_over_a_damaged_file_keeps_it_aside(small: Database, db_path: Path) -> None:
    backup = small.backup("manual")
    assert backup is not None
    small.close()
    with db_path.open("r+b") as file:
        file.seek(4096)
        file.write(os.urandom(4096 * 3))
    damaged = db_path.read_bytes()
    result = restore_backup(db_path, backup)
    assert result.moved_aside is not None and result.moved_aside.read_bytes() == damaged
    open_database(f"sqlite:///{db_path}").close()


def test_postgresql_has_no_app_backups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://u:p@localhost/x", "backups"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_an_import_from_the_command_line_is_backed_up_first(
    small: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "one.csv"
    sheet.write_text("Name,Email,Position,Role\nKees de Vries,kees@ams.org,Postdoc,mentee\n",
                     encoding="utf-8")
    url = f"sqlite:///{db_path}"
    assert main(["--db", url, "import", str(sheet), "--dry-run"]) == 0
    assert list_backups(db_path) == []
    assert main(["--db", url, "import", str(sheet)]) == 0
    capsys.readouterr()
    [backup] = list_backups(db_path)
    assert backup.reason == "import" and backup.people == 40  # taken before the new person


def test_events_are_credited_to_the_chosen_name_or_the_full_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ams_desk.store import coordinator as pairs

    monkeypatch.delenv(pairs.COORDINATOR_ENV, raising=False)
    monkeypatch.setattr(pairs, "account_full_name", lambda: "Maria de Jong")
    assert pairs.coordinator_name() == "Maria de Jong"
    monkeypatch.setenv(pairs.COORDINATOR_ENV, "Team desk")
    assert pairs.coordinator_name() == "Team desk"
    pairs.set_coordinator_name("  Sanne   Bakker ")
    try:
        assert pairs.coordinator_name() == "Sanne Bakker"
    finally:
        pairs.set_coordinator_name(None)
    if os.name == "posix":
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0]
        monkeypatch.undo()
        assert pairs.account_full_name() == (gecos or pairs.getpass.getuser())
