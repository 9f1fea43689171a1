"""What the GUI's mail tests share: a context with operations, mail settings, a pair at a step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mail_server import USER

from ams_desk.core.workflow import PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.operations import Operations
from ams_desk.mail.settings import AuthMethod, MailSettings, Security, save_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.pairs import change_status, create_pair
from ams_desk.store.settings import get_program_settings

TEAM = "team@ams.example"


@dataclass
class Reports:
    """The errors the GUI showed the coordinator."""

    shown: list[tuple[str, Exception]] = field(default_factory=list)

    def __call__(self, title: str, error: Exception) -> None:
        self.shown.append((title, error))


def make_ctx(db: Database, today: date, reports: Reports) -> AppContext:
    ops = Operations(db, reports)
    return AppContext(db, ops, reports, get_program_settings(db), today)


def set_up_mail(db: Database, port: int = 25, **changes: object) -> MailSettings:
    """Mail settings for a local test server (no TLS, AUTH with the test account)."""
    settings = MailSettings(
        host="127.0.0.1", port=port, security=Security.NONE, user=USER,
        auth=AuthMethod.PASSWORD, from_name="AMS Mentorship Team", from_address=TEAM,
        pause_seconds=0.0, **changes,  # type: ignore[arg-type]
    )
    save_mail_settings(db, settings)
    return settings


def pair_at(db: Database, mentor_signup: int, mentee_signup: int, status: PairStatus,
            start: datetime) -> int:
    """A pair taken along the program's main line up to ``status``."""
    line = [PairStatus.PROPOSED, PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED,
            PairStatus.FIRST_CONTACT, PairStatus.MENTOR_RESPONDED,
            PairStatus.MEETING_PLANNED, PairStatus.MET]
    pair = create_pair(db, mentor_signup, mentee_signup, status=PairStatus.PROPOSED, at=start)
    details = {
        PairStatus.FIRST_CONTACT: {"questions": "How do I apply for a Veni grant?"},
        PairStatus.MEETING_PLANNED: {"meeting_date": "2026-05-28", "place": "Lab 42"},
    }
    for day, step in enumerate(line[1:line.index(status) + 1], start=1):
        change_status(db, pair.id, step, at=start.replace(day=start.day + day),
                      details=details.get(step))
    return pair.id
