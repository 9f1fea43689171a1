"""Another coordinator's commit is noticed within seconds, one's own is not taken for it."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import text

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store.change_watch import ChangeWatch
from ams_desk.store.database import Database
from ams_desk.store.people import add_signup
from ams_desk.store.schema import Base


def _add(db: Database, n: int) -> None:
    add_signup(db, PersonInput(f"Person {n}", f"p{n}@ams.org", "Postdoc"),
               SignupInput(Role.MENTEE, date(2026, 1, 15), 2026))


def _noticed(watch: ChangeWatch, seconds: float) -> bool:
    """Poll as the window does (it polls every two seconds) until ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watch.changed():
            return True
        time.sleep(0.05)
    return False


def test_another_engine_s_commit_is_noticed_and_one_s_own_is_not(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    watch = ChangeWatch(mine)
    try:
        _add(mine, 1)
        watch.sync()  # the window reloads for its own change, then syncs
        assert not _noticed(watch, 1.0)
        started = time.monotonic()
        _add(theirs, 2)
        assert _noticed(watch, 5.0)
        assert time.monotonic() - started < 3.0  # within the window's poll of two seconds
        assert not _noticed(watch, 0.5)  # once noticed, it is seen
    finally:
        watch.close()


@pytest.mark.postgres
def test_every_table_announces_its_changes_on_postgresql(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        triggered = set(conn.execute(text(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'ams_desk_notify_change'")).scalars())
    assert triggered == set(Base.metadata.tables)  # a new table needs its trigger too
