"""A database written when a draft counted as a match is repaired once, when it is opened.

The files are made as an earlier version left them: drafts stored with their
sign-ups "matched" (a draft now changes no status). Opening the database for
writing derives those sign-ups' statuses again; nothing else is touched, and a
second opening writes nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store import health
from ams_desk.store.board import place_draft
from ams_desk.store.database import DamagedDatabase, Database, open_database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import add_signup
from ams_desk.store.schema import SignupRow
from ams_desk.store.signup_status import rederive_matched_by_drafts

T0 = datetime(2026, 3, 2, 9, 0)


def _add(db: Database, name: str, role: Role, capacity: int = 1) -> int:
    position = "Full professor" if role is Role.MENTOR else "PhD candidate"
    return add_signup(db, PersonInput(name, f"{name.split()[0].lower()}@ams.org", position),
                      SignupInput(role, date(2026, 1, 10), 2026, capacity=capacity)).signup_id


def _as_an_earlier_version_left_it(db: Database) -> dict[str, int]:
    """Eva (2 places): a proposal to José and a draft with Ayşe; Łukasz (1 place): a draft
    with Jan. Then every sign-up in a pair is stored "matched", drafts included."""
    ids = {"eva": _add(db, "Eva Müller", Role.MENTOR, 2),
           "lukasz": _add(db, "Łukasz Nowak", Role.MENTOR),
           "jose": _add(db, "José Muñoz", Role.MENTEE),
           "ayse": _add(db, "Ayşe Öztürk", Role.MENTEE),
           "jan": _add(db, "Jan Jansen", Role.MENTEE)}
    create_pair(db, ids["eva"], ids["jose"], at=T0)  # proposed
    place_draft(db, ids["eva"], ids["ayse"], at=T0)
    place_draft(db, ids["lukasz"], ids["jan"], at=T0)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE signup SET status = 'matched' WHERE id IN "
                          "(SELECT mentor_signup_id FROM pair UNION SELECT mentee_signup_id "
                          "FROM pair)"))
    return ids


def _stored(db: Database) -> dict[int, tuple[str, int]]:
    with db.session() as session:
        rows = session.execute(select(SignupRow.id, SignupRow.status, SignupRow.version))
        return {i: (status, version) for i, status, version in rows}


def test_opening_the_database_derives_draft_matches_again_once(any_db: Database) -> None:
    ids = _as_an_earlier_version_left_it(any_db)
    before = _stored(any_db)
    assert {before[i][0] for i in ids.values()} == {"matched"}
    any_db.close()
    reopened = open_database(any_db.url)
    try:
        after = _stored(reopened)
        assert {name: after[i][0] for name, i in ids.items()} == {
            "eva": "open",  # one of two places taken past the draft
            "lukasz": "open", "ayse": "open", "jan": "open",  # only a draft
            "jose": "matched",  # a proposal: matched as before, untouched
        }
        assert after[ids["jose"]] == before[ids["jose"]]
        assert rederive_matched_by_drafts(reopened) == 0
    finally:
        reopened.close()
    again = open_database(any_db.url)  # nothing is left to repair: nothing written
    try:
        assert _stored(again) == after
    finally:
        again.close()


def _damaged(db: Database, db_path: Path) -> bytes:
    """The file as an earlier version left it, backed up, then the first page of the
    people's table overwritten (data, which only the full check reads); its bytes."""
    _as_an_earlier_version_left_it(db)
    db.backup("daily")
    db.close()
    with sqlite3.connect(db_path) as conn:
        [page_size] = conn.execute("PRAGMA page_size").fetchone()
        [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()
    with db_path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    return db_path.read_bytes()


def test_a_damaged_file_is_not_repaired_but_offered_its_backup(db: Database,
                                                                db_path: Path) -> None:
    damaged = _damaged(db, db_path)
    with pytest.raises(DamagedDatabase):
        open_database(f"sqlite:///{db_path}")
    assert db_path.read_bytes() == damaged


def test_a_window_opening_repairs_once_the_background_check_passed(
        db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _as_an_earlier_version_left_it(db)
    db.close()
    release = threading.Event()
    real_check = health.check_sqlite_file

    def held_check(path: Path, *, deep: bool = True, **options: Any) -> Any:
        """The real check; the full one waits until the test lets it run."""
        if deep:
            release.wait(30)
        return real_check(path, deep=deep, **options)

    monkeypatch.setattr(health, "check_sqlite_file", held_check)
    opened = open_database(f"sqlite:///{db_path}", deep_check=False)
    try:
        # Returned at once (the window shows); nothing repaired before the file is known sound.
        assert opened.status_repair is not None and opened.status_repair.is_alive()
        assert _stored(opened)[ids["jan"]][0] == SignupStatus.MATCHED.value
        release.set()
        opened.status_repair.join(30)
        assert opened.checked.is_set() and opened.check_failure is None
        assert _stored(opened)[ids["jan"]][0] == SignupStatus.OPEN.value
    finally:
        release.set()
        opened.close()


def test_a_file_found_damaged_in_the_background_is_not_repaired(db: Database,
                                                                db_path: Path) -> None:
    damaged = _damaged(db, db_path)
    opened = open_database(f"sqlite:///{db_path}", deep_check=False)
    try:
        if opened.status_repair is not None:
            opened.status_repair.join(30)
        assert opened.checked.wait(30) and opened.check_failure is not None
    finally:
        opened.close()
    assert db_path.read_bytes() == damaged
