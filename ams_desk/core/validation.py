"""What a coordinator enters for a person and a sign-up, and the checks on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import MeetingFormat, Role, SignupStatus

MAX_CAPACITY = 10
"""More mentees than this for one mentor is almost certainly a typing error."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ValidationError(ValueError):
    """Input a coordinator must correct; ``field`` names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Remove control characters; collapse runs of spaces (keep line breaks if ``multiline``)."""
    text = _CONTROL.sub("", text)
    if multiline:
        lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return " ".join(text.split())


def email_key(email: str) -> str:
    """The form of an email address under which people are unique (case-folded)."""
    return email.strip().casefold()


def normalize_email(email: str, *, field: str = "email") -> str:
    """Check ``email`` (syntax only, no DNS) and return it in normalised form."""
    from email_validator import EmailNotValidError, validate_email

    email = clean_text(email)
    if not email:
        raise ValidationError(field, "An email address is needed.")
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValidationError(field, f"“{email}” is not a valid email address: {exc}") from None


@dataclass(frozen=True, slots=True)
class PersonInput:
    """A person's fields as entered in the editor, or read from a sheet and written by the import.

    The import never writes ``notes`` (they are the team's own).
    """

    name: str
    email: str
    position: str = ""
    department: str = ""
    projects: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class SignupInput:
    """A sign-up as entered in the editor or read from a sheet."""

    role: Role
    signed_up: date
    program_year: int
    topics: tuple[str, ...] = ()
    meeting_format: MeetingFormat = MeetingFormat.ANY
    capacity: int = 1
    motivation: str = ""
    status: SignupStatus = SignupStatus.OPEN


def validate_person(person: PersonInput, ladder: SeniorityLadder) -> PersonInput:
    """Return ``person`` cleaned and normalised, or raise :class:`ValidationError`.

    A position that is not on the ladder is kept as typed: it is flagged in
    the tables and blocks matching, but does not stop the person being stored.
    """
    name = clean_text(person.name)
    if not name:
        raise ValidationError("name", "A name is needed.")
    if len(name) > 200:
        raise ValidationError("name", "The name is longer than 200 characters.")
    email = normalize_email(person.email)
    position = clean_text(person.position)
    position = ladder.canonical(position) or position
    return PersonInput(
        name=name,
        email=email,
        position=position,
        department=clean_text(person.department),
        projects=tuple(p for p in (clean_text(p) for p in person.projects) if p),
        languages=tuple(x for x in (clean_text(x) for x in person.languages) if x),
        notes=clean_text(person.notes, multiline=True),
    )


def validate_signup(signup: SignupInput) -> SignupInput:
    """Return ``signup`` cleaned, or raise :class:`ValidationError`."""
    if signup.role is Role.MENTOR and not 1 <= signup.capacity <= MAX_CAPACITY:
        raise ValidationError(
            "capacity",
            f"A mentor's capacity must be between 1 and {MAX_CAPACITY} mentees, "
            f"not {signup.capacity}.",
        )
    capacity = signup.capacity if signup.role is Role.MENTOR else 1
    if not 2000 <= signup.program_year <= 2100:
        raise ValidationError("program_year", f"{signup.program_year} is not a program year.")
    if not 2000 <= signup.signed_up.year <= 2100:
        raise ValidationError("signed_up", f"{signup.signed_up} is not a plausible sign-up date.")
    return SignupInput(
        role=signup.role,
        signed_up=signup.signed_up,
        program_year=signup.program_year,
        topics=tuple(t for t in (clean_text(t) for t in signup.topics) if t),
        meeting_format=signup.meeting_format,
        capacity=capacity,
        motivation=clean_text(signup.motivation, multiline=True),
        status=signup.status,
    )
