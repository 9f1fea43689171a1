"""Fixtures of the mail tests: a database with a mentor, a mentee, a pair and mail settings."""

from __future__ import annotations

import pytest
from mail_helpers import T0, Cast, add_person, mail_settings

from ams_desk.core.model import Role
from ams_desk.core.workflow import PairStatus
from ams_desk.mail.settings import save_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair


def make_cast(db: Database) -> Cast:
    """Eva Müller mentors Jan Jansen (proposed), and mail is set up."""
    mentor = add_person(db, "Eva Müller", "eva@ams.org", "Full professor", Role.MENTOR,
                        ("Roboat",), capacity=5)
    mentee = add_person(db, "Jan Jansen", "jan@ams.org", "PhD candidate", Role.MENTEE)
    pair = create_pair(db, mentor.signup_id, mentee.signup_id, status=PairStatus.PROPOSED,
                       at=T0)
    save_mail_settings(db, mail_settings())
    return Cast(mentor, mentee, pair.id)


@pytest.fixture
def cast(db: Database) -> Cast:
    return make_cast(db)
