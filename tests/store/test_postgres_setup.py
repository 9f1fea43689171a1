"""README's PostgreSQL steps, followed on the local server; pg_dump and pg_restore round trip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "AMS_DESK_TEST_PG"

README = Path(__file__).parents[2] / "README.md"
pytestmark = pytest.mark.postgres


def _setup_statements() -> list[str]:
    block = README.read_text(encoding="utf-8").split("<!-- postgres-setup -->")[1]
    block = block.split("<!-- /postgres-setup -->")[0]
    return re.findall(r'psql -c "([^"]+)"', block)


def test_readme_postgres_steps_work_as_written(tmp_path: Path) -> None:
    admin_url = os.environ.get(PG_ENV, "").strip()
    if not admin_url:
        pytest.skip("set AMS_DESK_TEST_PG to run PostgreSQL tests")
    statements = _setup_statements()
    assert [s.split()[:2] for s in statements] == [["CREATE", "ROLE"], ["CREATE", "DATABASE"]]
    suffix = uuid.uuid4().hex[:8]
    role, database, password = f"ams_team_{suffix}", f"ams_desk_{suffix}", f"pw{suffix}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        allowed = conn.execute(text(
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )).scalar()
    if not allowed:
        pytest.skip("the test role may not create roles (.ci/run grants CREATEROLE)")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(
                    statement.replace("ams_team", role).replace("ams_desk", database)
                    .replace("choose-a-password", password)
                ))
                if statement.startswith("CREATE ROLE"):
                    # The README runs as the superuser; the test role (CREATEROLE only)
                    # must be a member to give the new role a database.
                    conn.execute(text(f'GRANT "{role}" TO CURRENT_USER'))
        url = make_url(admin_url).set(username=role, password=password, database=database)
        team_url = url.render_as_string(hide_password=False)
        # "$PWD/.venv/bin/ams-desk list people": the same program, run by the same Python.
        first = subprocess.run([sys.executable, "-m", "ams_desk", "--db", team_url, "list",
                                "people"], capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        demo = subprocess.run([sys.executable, "-m", "ams_desk", "--db", team_url, "demo",
                               "--people", "30"], capture_output=True, text=True, timeout=120)
        assert demo.returncode == 0, demo.stderr
        _dump_and_restore(team_url, tmp_path)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def _dump_and_restore(team_url: str, tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        return
    libpq = make_url(team_url).set(drivername="postgresql").render_as_string(hide_password=False)
    dump = tmp_path / "ams_desk.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq], check=True,
                   timeout=120)
    engine = create_engine(team_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM pair_event"))
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={libpq}",
                    str(dump)], check=True, timeout=120)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pair_event")).scalar() > 0
        assert conn.execute(text("SELECT count(*) FROM person")).scalar() == 30
    engine.dispose()
