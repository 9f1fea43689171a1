"""Helpers of the mail tests: people, a pair, mail settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.mail.settings import MailSettings, Security, save_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup, add_signup

T0 = datetime(2026, 3, 2, 9, 0)


@dataclass(frozen=True)
class Cast:
    mentor: AddedSignup
    mentee: AddedSignup
    pair_id: int


def add_person(db: Database, name: str, email: str, position: str, role: Role,
               projects: tuple[str, ...] = (), capacity: int = 1) -> AddedSignup:
    return add_signup(
        db,
        PersonInput(name, email, position, projects=projects),
        SignupInput(role, date(2026, 1, 15), 2026, topics=("Career guidance",),
                    capacity=capacity),
    )


def mail_settings(**changes: object) -> MailSettings:
    base = MailSettings(host="127.0.0.1", port=2525, security=Security.NONE, user="",
                        from_name="AMS Mentorship Team", from_address="mentorship@ams.org",
                        pause_seconds=0.0)
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def make_cast(db: Database) -> Cast:
    """Eva Müller mentors Jan Jansen (proposed), and mail is set up."""
    mentor = add_person(db, "Eva Müller", "eva@ams.org", "Full professor", Role.MENTOR,
                        ("Roboat",), capacity=5)
    mentee = add_person(db, "Jan Jansen", "jan@ams.org", "PhD candidate", Role.MENTEE)
    pair = create_pair(db, mentor.signup_id, mentee.signup_id, status=PairStatus.PROPOSED,
                       at=T0)
    save_mail_settings(db, mail_settings())
    return Cast(mentor, mentee, pair.id)
