"""The database schema (SQLAlchemy 2 declarative).

Changing anything here needs an Alembic revision in ``migrations/versions``;
a test compares this metadata with the migrated schema.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    literal_column,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from ams_desk.store.coordinator import stamp_name

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Versioned:
    """Rows that coordinators edit: a version checked on every write, and who wrote last.

    The ORM adds ``WHERE version = :seen`` to each UPDATE and raises
    ``StaleDataError`` when another connection changed the row first; a Core
    ``UPDATE`` of the table (a batch of statuses, an import) bumps the version
    through ``onupdate``. Services compare the version a coordinator's edit
    started from with the stored one (:mod:`ams_desk.store.versions`).
    """

    version: Mapped[int] = mapped_column(
        Integer, default=1, server_default="1", onupdate=literal_column("version") + 1
    )
    modified_by: Mapped[str] = mapped_column(
        String(120), default=stamp_name, server_default="", onupdate=stamp_name
    )
    modified_at: Mapped[datetime | None] = mapped_column(
        DateTime, nullable=True, default=_now, onupdate=_now
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class PersonRow(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    # Case-folded email: ``Ärztin@X`` and ``ärztin@x`` are one person.
    email_key: Mapped[str] = mapped_column(String(320), unique=True)
    position: Mapped[str] = mapped_column(String(120), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    projects: Mapped[list[ProjectRow]] = relationship(
        secondary="person_project", order_by="ProjectRow.name", lazy="selectin"
    )


class ProjectRow(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)


class PersonProjectRow(Base):
    __tablename__ = "person_project"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="RESTRICT"), primary_key=True
    )


class SignupRow(Versioned, Base):
    __tablename__ = "signup"
    __table_args__ = (
        CheckConstraint("role IN ('mentor', 'mentee')", name="role"),
        CheckConstraint("status IN ('open', 'matched', 'withdrawn', 'closed')", name="status"),
        CheckConstraint("capacity >= 0", name="capacity"),
        Index("ix_signup_role_year", "role", "program_year"),
        Index("ix_signup_status_role_day", "status", "role", "signed_up"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    signed_up: Mapped[date] = mapped_column(Date)
    program_year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="open")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    meeting_format: Mapped[str] = mapped_column(String(12), default="any")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    motivation: Mapped[str] = mapped_column(Text, default="")
    # Where an imported sign-up came from: file name and the sheet's row number.
    source_file: Mapped[str | None] = mapped_column(String(260), nullable=True)
    source_row: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PairRow(Versioned, Base):
    __tablename__ = "pair"
    __table_args__ = (
        CheckConstraint("mentor_signup_id <> mentee_signup_id", name="distinct_signups"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentor_signup_id: Mapped[int] = mapped_column(
        ForeignKey("signup.id", ondelete="RESTRICT"), index=True
    )
    mentee_signup_id: Mapped[int] = mapped_column(
        ForeignKey("signup.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    program_year: Mapped[int] = mapped_column(Integer)
    override_note: Mapped[str] = mapped_column(Text, default="")
    # Kept by the database's triggers on pair_event (revision 0008), never written here:
    # the moment of the latest step and how often the pair met (the met step and later
    # meetings), which the Pairs table shows for every pair.
    stepped_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    meetings: Mapped[int] = mapped_column(Integer, server_default="0")

    events: Mapped[list[PairEventRow]] = relationship(
        order_by="(PairEventRow.at, PairEventRow.id)",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class PairEventRow(Base):
    __tablename__ = "pair_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # What the step recorded: first-contact questions, meeting date/place/link, outcome.
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class SettingRow(Versioned, Base):
    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class MailTemplateRow(Base):
    """A template the team edited or added; a default template without a row is the shipped one."""

    __tablename__ = "mail_template"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    to_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    cc_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")
    # Checked on every write (``updated_by`` says who wrote last), as for Versioned rows.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class OutboxMessageRow(Base):
    """One email of the outbox: its exact bytes, fixed when it was queued, and its state."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint(
            "state IN ('queued', 'sending', 'sent', 'failed', 'unconfirmed', 'cancelled', "
            "'exported')",
            name="state",
        ),
        UniqueConstraint("message_id"),
        Index("ix_outbox_message_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_key: Mapped[str] = mapped_column(String(80))
    pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("pair.id", ondelete="SET NULL"), nullable=True, index=True
    )
    signup_id: Mapped[int | None] = mapped_column(
        ForeignKey("signup.id", ondelete="SET NULL"), nullable=True, index=True
    )
    message_id: Mapped[str] = mapped_column(String(250))
    subject: Mapped[str] = mapped_column(Text)
    sender: Mapped[str] = mapped_column(String(320))
    to_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    cc_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    bcc_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    queued_by: Mapped[str] = mapped_column(String(120), default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxPersonRow(Base):
    """Who a message is addressed to, so that a person's history lists their emails."""

    __tablename__ = "outbox_person"

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ImportRunRow(Base):
    """One import that wrote something: what undo reverts (the latest not undone first)."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file: Mapped[str] = mapped_column(String(260))
    sheet: Mapped[str | None] = mapped_column(String(260), nullable=True)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ImportChangeRow(Base):
    """The people or sign-ups an import created or updated, one row per kind, with their values.

    ``kind`` is ``person_created``, ``person_updated``, ``signup_created`` or
    ``signup_updated``; ``targets`` lists the ids, ``after`` their values as
    written (one entry per id) and ``before`` the values they had (``None`` for
    created rows). Undo compares the stored rows with ``after`` and refuses
    when they differ. One row per kind keeps recording a 10,000-row import to
    a few JSON documents.
    """

    __tablename__ = "import_change"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('person_created', 'person_updated', 'signup_created', 'signup_updated')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("import_run.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    targets: Mapped[list[Any]] = mapped_column(JSON)
    before: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[list[Any]] = mapped_column(JSON)


class ErasureRow(Base):
    """A person erased on request: a keyed hash of their email, never the email itself."""

    __tablename__ = "erasure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime)
