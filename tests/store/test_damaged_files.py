"""Damaged and foreign database files: refused before any write, one line, the backup offered."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ams_desk.cli import main
from ams_desk.store.backups import list_backups
from ams_desk.store.database import (
    DamagedDatabase,
    ForeignDatabase,
    StoreError,
    open_database,
)
from ams_desk.store.demo import fill_demo

PAGE = 4096


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A healthy database of a small program, closed (no -wal)."""
    path = tmp_path_factory.mktemp("good") / "ams.sqlite"
    db = open_database(f"sqlite:///{path}")
    fill_demo(db, people=120, seed=5)
    db.close()
    return path


def _sha(path: Path) -> str:
    if path.is_dir():
        return "folder:" + ",".join(sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _root_page(path: Path, name: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (name,)).fetchone()[0])


def _overwrite(path: Path, page: int, data: bytes | None = None, offset: int = 0) -> None:
    with path.open("r+b") as file:
        file.seek((page - 1) * PAGE + offset)
        file.write(data if data is not None else os.urandom(PAGE - offset))


def _flip(path: Path, offset: int, value: int | None = None) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        old = file.read(1)[0]
        file.seek(offset)
        file.write(bytes([value if value is not None else old ^ 0xFF]))


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as file:
        file.truncate(size)


def _foreign_sqlite(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")


def _foreign_alembic(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b7d10')")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")


def _foreign_wal(path: Path) -> None:
    """Another application's database already in WAL mode, with a live -wal file."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('x')")
    conn.commit()
    conn.close()


def _zip(path: Path) -> None:
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _page_count_too_big(path: Path) -> None:
    with path.open("r+b") as file:
        header = bytearray(file.read(100))
        counter = struct.unpack(">I", header[24:28])[0]
        header[28:32] = struct.pack(">I", 10_000)
        header[92:96] = struct.pack(">I", counter)
        file.seek(0)
        file.write(header)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated to half": lambda p: _truncate(p, p.stat().st_size // 2 // PAGE * PAGE),
    "truncated to one page": lambda p: _truncate(p, PAGE),
    "truncated to 100 bytes": lambda p: _truncate(p, 100),
    "truncated inside the header": lambda p: _truncate(p, 10),
    "truncated by one byte": lambda p: _truncate(p, p.stat().st_size - 1),
    "0 bytes": lambda p: _truncate(p, 0),
    "a directory": _directory,
    "magic first byte flipped": lambda p: _flip(p, 0),
    "magic last byte flipped": lambda p: _flip(p, 15),
    "page size not a power of two": lambda p: _flip(p, 16, 0x03),
    "file format version flipped": lambda p: _flip(p, 18, 0x07),
    "payload fraction flipped": lambda p: _flip(p, 21, 0x41),
    "page count beyond the file": _page_count_too_big,
    "schema page overwritten": lambda p: _overwrite(p, 1, os.urandom(PAGE - 100), 100),
    "second page random": lambda p: _overwrite(p, 2),
    "last page 0xFF": lambda p: _overwrite(p, p.stat().st_size // PAGE, b"\xff" * PAGE),
    "person table root zeroed": lambda p: _overwrite(p, _root_page(p, "person"), bytes(PAGE)),
    "signup table root random": lambda p: _overwrite(p, _root_page(p, "signup")),
    "email index root random": lambda p: _overwrite(p, _root_page(p, "sqlite_autoindex_person_1")),
    "pair table header bytes flipped": lambda p: _overwrite(
        p, _root_page(p, "pair"), b"\x0d\xff\xff\xff\xff\x00\x00\x00", 0),
    "middle pages zeroed": lambda p: _overwrite(
        p, p.stat().st_size // PAGE // 2, bytes(PAGE * 3)),
    "text file": lambda p: p.write_text("name,email\nEva,eva@x.org\n" * 200),
    "random bytes": lambda p: p.write_bytes(os.urandom(PAGE * 8)),
    "a zip (.xlsx) renamed": _zip,
}
FOREIGN: dict[str, Callable[[Path], None]] = {
    "another application's tables": _foreign_sqlite,
    "another application's alembic version": _foreign_alembic,
    "another application's WAL database": _foreign_wal,
}


def _prepare(good_file: Path, tmp_path: Path, damage: Callable[[Path], None]) -> Path:
    folder = tmp_path / "data"
    (folder / "backups").mkdir(parents=True)
    path = folder / "ams.sqlite"
    shutil.copyfile(good_file, path)
    # A good backup, an older one, and a newer damaged one that must not be offered.
    shutil.copyfile(good_file, folder / "backups" / "ams-20261101-090000-daily.sqlite")
    shutil.copyfile(good_file, folder / "backups" / "ams-20261120-090000-daily.sqlite")
    (folder / "backups" / "ams-20261125-090000-daily.sqlite").write_bytes(b"SQLite format 3\0")
    damage(path)
    return path


def _cli(url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ams_desk", "--db", url, *argv],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_damaged_file_is_refused_unchanged_and_the_newest_good_backup_offered(
    name: str, good_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _prepare(good_file, tmp_path, DAMAGE[name])
    before = _sha(path)
    url = f"sqlite:///{path}"
    sheet = Path(__file__).parents[2] / "resources" / "samples"
    sample = next(iter(sorted(sheet.glob("*.csv"))))

    result = _cli(url, "list", "pairs")
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "is damaged" in result.stderr and "was not changed" in result.stderr
    assert "ams-20261120-090000-daily.sqlite" in result.stderr  # the newest good one
    assert "restore" in result.stderr

    for argv in (["import", str(sample), "--role", "mentee"], ["backup", str(tmp_path / "b.db")],
                 ["demo"], ["person", "erase", "eva@x.org", "--yes"]):
        assert main(["--db", url, *argv]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is damaged" in err
    assert not (tmp_path / "b.db").exists()
    with pytest.raises(DamagedDatabase) as caught:
        open_database(url)
    assert caught.value.backup is not None
    assert caught.value.backup.path.name == "ams-20261120-090000-daily.sqlite"
    assert _sha(path) == before
    for suffix in ("-wal", "-shm", "-journal"):
        assert not path.with_name(path.name + suffix).exists()


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_foreign_database_is_refused_before_any_write(
    name: str, good_file: Path, tmp_path: Path
) -> None:
    path = _prepare(good_file, tmp_path, FOREIGN[name])
    wal = path.with_name(path.name + "-wal")
    before = _sha(path), wal.exists()
    result = _cli(f"sqlite:///{path}", "import", str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "is not an AMS Desk database" in result.stderr, result.stderr
    with pytest.raises(ForeignDatabase):
        open_database(f"sqlite:///{path}")
    assert (_sha(path), wal.exists()) == before
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == ("wal" if name.endswith("WAL database") else "delete")


def test_damage_found_in_the_background_holds_then_refuses_writes(
    good_file: Path, tmp_path: Path
) -> None:
    """The app's path: the page check runs after the window shows; writes wait for it."""
    path = _prepare(good_file, tmp_path, DAMAGE["pair table header bytes flipped"])
    before = _sha(path)
    # The header and schema are fine, so opening without the page check succeeds...
    db = open_database(f"sqlite:///{path}", deep_check=False)
    try:
        with pytest.raises(StoreError, match="is damaged"), db.session() as session:
            from ams_desk.store.schema import SettingRow

            session.add(SettingRow(key="x", value={}))
        assert db.check_failure is not None and db.check_failure.backup is not None
    finally:
        db.close()
    assert _sha(path) == before


def test_healthy_file_opened_without_the_page_check_allows_writes_once_checked(
    good_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ams.sqlite"
    shutil.copyfile(good_file, path)
    db = open_database(f"sqlite:///{path}", deep_check=False)
    try:
        from ams_desk.store.settings import get_program_settings, save_program_settings

        save_program_settings(db, get_program_settings(db))
        assert db.checked.is_set() and db.check_failure is None
    finally:
        db.close()


def test_new_databases_and_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        backup = db.backup("manual")
        assert backup is not None
        db.backup_to(tmp_path / "copy.sqlite")
    finally:
        db.close()
    if os.name == "posix":
        for file in (path, backup, tmp_path / "copy.sqlite"):
            assert file.stat().st_mode & 0o777 == 0o600, file
        assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert [b.path for b in list_backups(path)] == [backup]


def test_an_empty_file_without_backups_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "touched.sqlite"
    path.touch()
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)
