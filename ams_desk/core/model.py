"""Plain values of the program: people, sign-ups, pairs and pair events."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Role(enum.StrEnum):
    """What a person signs up as."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class SignupStatus(enum.StrEnum):
    """Where a sign-up stands: waiting, paired, withdrawn by the person, or done."""

    OPEN = "open"
    MATCHED = "matched"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class PairStatus(enum.StrEnum):
    """Every status a pair can be in, in the order of the program."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    MENTOR_AGREED = "mentor_agreed"
    MENTOR_DECLINED = "mentor_declined"
    INTRODUCED = "introduced"
    FIRST_CONTACT = "first_contact"
    MENTOR_RESPONDED = "mentor_responded"
    MEETING_PLANNED = "meeting_planned"
    MET = "met"
    EVALUATED = "evaluated"
    CONTINUING = "continuing"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class MeetingFormat(enum.StrEnum):
    """How a person prefers to meet."""

    ANY = "any"
    IN_PERSON = "in_person"
    ONLINE = "online"


MEETING_FORMAT_LABELS: dict[MeetingFormat, str] = {
    MeetingFormat.ANY: "No preference",
    MeetingFormat.IN_PERSON: "In person",
    MeetingFormat.ONLINE: "Online",
}

TOPICS: tuple[str, ...] = (
    "Career guidance",
    "Stress and time management",
    "Work/life balance",
    "Setting priorities",
    "Networking and visibility",
    "Funding opportunities",
    "Leadership",
    "Teaching",
    "Publishing",
    "Moving abroad",
)
"""The program's typical topics, offered in forms and editors (free text is allowed too)."""


@dataclass(frozen=True, slots=True)
class Person:
    """An AMS member."""

    id: int
    name: str
    email: str
    position: str = ""
    department: str = ""
    projects: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    notes: str = ""
    version: int = field(default=0, compare=False)
    """The stored row's version when read: an edit made from it is refused once it changed."""


@dataclass(frozen=True, slots=True)
class Signup:
    """One application of a person as mentor or mentee."""

    id: int
    person_id: int
    role: Role
    signed_up: date
    program_year: int
    status: SignupStatus = SignupStatus.OPEN
    topics: tuple[str, ...] = ()
    meeting_format: MeetingFormat = MeetingFormat.ANY
    capacity: int = 1
    motivation: str = ""
    version: int = field(default=0, compare=False)
    """The stored row's version when read (see :attr:`Person.version`)."""


@dataclass(frozen=True, slots=True)
class PairEvent:
    """One dated entry on a pair's timeline."""

    at: datetime
    kind: str
    status: PairStatus | None = None
    by: str = ""
    note: str = ""
    details: dict[str, str] | None = field(default=None, hash=False)
    id: int = 0


@dataclass(frozen=True, slots=True)
class Pair:
    """A mentor sign-up and a mentee sign-up with a status and a timeline."""

    id: int
    mentor_signup_id: int
    mentee_signup_id: int
    status: PairStatus
    program_year: int
    events: tuple[PairEvent, ...] = field(default=())
    version: int = field(default=0, compare=False)
    """The stored row's version when read (see :attr:`Person.version`)."""


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma/semicolon separated field into trimmed, de-duplicated items.

    >>> split_list("Optics; Lasers,  optics ,")
    ('Optics', 'Lasers')
    """
    seen: set[str] = set()
    items: list[str] = []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        item = " ".join(raw.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return tuple(items)


def program_year_for(day: date, start_month: int = 1) -> int:
    """The program year a date belongs to, when program years start in ``start_month``."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"start month must be 1–12, not {start_month}")
    return day.year if day.month >= start_month else day.year - 1
