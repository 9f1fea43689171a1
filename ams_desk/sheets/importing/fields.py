"""The AMS fields a sign-up sheet's columns can be mapped to.

A column maps to at most one :class:`Field`. Single-valued fields (name, email,
role...) take at most one column; the list and free-text fields (projects,
topics, languages, motivation) may collect several columns, whose values are
joined in column order.
"""

from __future__ import annotations

import enum


class Field(enum.StrEnum):
    """An AMS field a column can hold. The value is the name stored in mapping profiles."""

    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ROLE = "role"
    POSITION = "position"
    PROJECTS = "projects"
    DEPARTMENT = "department"
    TOPICS = "topics"
    MEETING_FORMAT = "meeting_format"
    LANGUAGES = "languages"
    CAPACITY = "capacity"
    MOTIVATION = "motivation"
    SIGNED_UP = "signed_up"

    @property
    def label(self) -> str:
        """The field's name as the wizard shows it."""
        return FIELD_LABELS[self]

    @property
    def multi_column(self) -> bool:
        """True for fields that may collect several columns (lists and free text)."""
        return self in MULTI_COLUMN_FIELDS


FIELD_LABELS: dict[Field, str] = {
    Field.NAME: "Name",
    Field.FIRST_NAME: "First name",
    Field.LAST_NAME: "Last name",
    Field.EMAIL: "Email",
    Field.ROLE: "Role (mentor or mentee)",
    Field.POSITION: "Position",
    Field.PROJECTS: "Projects",
    Field.DEPARTMENT: "Department",
    Field.TOPICS: "Topics",
    Field.MEETING_FORMAT: "Meeting preference",
    Field.LANGUAGES: "Languages",
    Field.CAPACITY: "Mentor capacity",
    Field.MOTIVATION: "Motivation / notes",
    Field.SIGNED_UP: "Signed up (date)",
}

MULTI_COLUMN_FIELDS: frozenset[Field] = frozenset(
    {Field.PROJECTS, Field.TOPICS, Field.LANGUAGES, Field.MOTIVATION}
)
"""Fields that may take several columns: their values are joined in column order."""
