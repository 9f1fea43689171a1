"""Program settings kept in the database (shared by everyone using it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ams_desk.core.ladder import DEFAULT_POSITIONS, SeniorityLadder
from ams_desk.core.pool import DEFAULT_RECENT_MONTHS
from ams_desk.core.workflow import DeadlineSettings
from ams_desk.store.database import Database
from ams_desk.store.schema import SettingRow

PROGRAM_KEY = "program"


@dataclass(frozen=True)
class ProgramSettings:
    """The program's rules that a coordinator may change."""

    positions: tuple[str, ...] = DEFAULT_POSITIONS
    year_start_month: int = 1
    proposal_answer_days: int = 7
    mentor_response_days: int = 21
    evaluation_days: int = 14
    waiting_alert_days: int = 60
    mentor_pool_months: int = DEFAULT_RECENT_MONTHS
    """A mentor's sign-up of an earlier program year stays in the pool this many months."""
    match_weights: dict[str, float] = field(default_factory=dict)
    retention_years: int = 5
    """A sign-up closed or withdrawn this many years ago is due for erasure (Needs attention)."""
    version: int = field(default=0, compare=False)
    """The stored row's version when read: saving settings edited from it is refused once
    someone else changed them (not stored in the value)."""

    @property
    def ladder(self) -> SeniorityLadder:
        return SeniorityLadder(self.positions)

    @property
    def deadlines(self) -> DeadlineSettings:
        return DeadlineSettings(
            self.proposal_answer_days, self.mentor_response_days, self.evaluation_days
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgramSettings:
        known = {k: v for k, v in data.items()
                 if k in cls.__dataclass_fields__ and k != "version"}
        if "positions" in known:
            known["positions"] = tuple(known["positions"])
        return cls(**known)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["positions"] = list(self.positions)
        del data["version"]
        return data


def program_settings_row(session: Session, *, lock: bool = False) -> SettingRow | None:
    """The stored program settings' row (None while the defaults apply), locked if asked."""
    query = select(SettingRow).where(SettingRow.key == PROGRAM_KEY)
    return session.scalar(query.with_for_update() if lock else query)


def load_program_settings(session: Session) -> ProgramSettings:
    row = program_settings_row(session)
    if row is None:
        return ProgramSettings()
    return replace(ProgramSettings.from_dict(row.value), version=row.version)


def get_program_settings(db: Database) -> ProgramSettings:
    """The program settings stored in ``db`` (defaults where none are stored)."""
    with db.session() as session:
        return load_program_settings(session)


def save_program_settings(db: Database, settings: ProgramSettings) -> None:
    """Store ``settings`` for everyone using ``db``."""
    with db.session() as session:
        store_program_settings(session, settings)


def store_program_settings(session: Session, settings: ProgramSettings) -> None:
    """:func:`save_program_settings` inside the caller's unit of work."""
    SeniorityLadder(settings.positions)  # refuse an invalid ladder before storing it
    row = session.scalar(select(SettingRow).where(SettingRow.key == PROGRAM_KEY))
    if row is None:
        session.add(SettingRow(key=PROGRAM_KEY, value=settings.to_dict()))
    else:
        row.value = settings.to_dict()
