"""Fixtures of the mail tests: a database with a mentor, a mentee, a pair and mail settings."""

from __future__ import annotations

import pytest
from mail_helpers import Cast, make_cast

from ams_desk.store.database import Database


@pytest.fixture
def cast(db: Database) -> Cast:
    return make_cast(db)
