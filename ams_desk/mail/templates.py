"""The program's email templates: the defaults shipped as files, the team's edits in the database.

A default template (one of :data:`DEFAULT_KEYS`) is read from
``resources/templates/KEY.txt`` unless the team edited it; the edited copy is
a row of ``mail_template`` and "reset to default" deletes that row. Templates
of the team's own are rows whose key is not a default one.

A template file is a small header block, a blank line, then the body::

    name: Proposal to mentor
    to: mentor
    cc: team
    subject: Would you mentor {{ mentee.name }}?

    Dear {{ mentor.first_name }}, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select

from ams_desk.core.validation import ValidationError
from ams_desk.store.database import Database
from ams_desk.store.pairs import coordinator_name
from ams_desk.store.schema import MailTemplateRow
from ams_desk.store.versions import EditConflict

DEFAULT_KEYS: tuple[str, ...] = (
    "signup_received",
    "proposal_to_mentor",
    "proposal_reminder_to_mentor",
    "introduction_to_mentee",
    "response_reminder_to_mentor",
    "evaluation_request_to_mentee",
    "closing_thanks",
)
"""The program's standard emails, in the order of the program (DESIGN.md §4)."""

ROLES: tuple[str, ...] = ("mentor", "mentee", "team")
"""Who a template can address: the pair's (or sign-up's) mentor or mentee, or the team."""

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,79}$")


class TemplateError(ValidationError):
    """A template that cannot be stored or read; ``field`` names what is wrong."""


@dataclass(frozen=True, slots=True)
class Template:
    """One email template.

    Attributes:
        key: Its identifier (``proposal_to_mentor``); lower-case letters, digits, ``_``.
        name: What the coordinator reads (``Proposal to mentor``).
        subject: Jinja2 source of the subject line.
        body: Jinja2 source of the plain-text body.
        to_roles: Roles on the To line (``mentor``, ``mentee``, ``team``).
        cc_roles: Roles on the Cc line.
        is_default: One of the program's standard emails (it can be reset, not deleted).
        is_edited: A default the team changed (``False`` for custom templates).
        version: The stored row's version when read (0: not stored); an edit
            started from it is refused once someone else saved the template.
    """

    key: str
    name: str
    subject: str
    body: str
    to_roles: tuple[str, ...]
    cc_roles: tuple[str, ...] = ()
    is_default: bool = False
    is_edited: bool = False
    version: int = field(default=0, compare=False)


def templates_dir() -> Path:
    """The folder of the shipped templates, installed or in a source checkout.

    An installed package (wheel, PyInstaller) holds them in
    ``ams_desk/mail/default_templates``; a source checkout in ``resources/templates``.
    """
    installed = Path(__file__).with_name("default_templates")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources" / "templates"


def parse_template(key: str, text: str, *, is_default: bool = False) -> Template:
    """Read a template file's text.

    Raises:
        TemplateError: A header line is not ``name: value``, a header is
            unknown or missing, or a role is unknown.
    """
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    if not sep:
        raise TemplateError("template", f"template {key}: no blank line between header and body")
    headers: dict[str, str] = {}
    for number, line in enumerate(head.split("\n"), start=1):
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or name not in ("name", "to", "cc", "subject"):
            raise TemplateError("template", f"template {key}, line {number}: “{line}” is not "
                                            "name:, to:, cc: or subject:")
        headers[name] = value.strip()
    if "subject" not in headers or "to" not in headers:
        raise TemplateError("template", f"template {key}: needs a subject: and a to: line")
    return Template(
        key=key,
        name=headers.get("name") or key.replace("_", " ").capitalize(),
        subject=headers["subject"],
        body=body.rstrip("\n") + "\n",
        to_roles=_roles(key, headers["to"]),
        cc_roles=_roles(key, headers.get("cc", "")),
        is_default=is_default,
    )


def format_template(template: Template) -> str:
    """The file text of ``template`` (the inverse of :func:`parse_template`)."""
    lines = [f"name: {template.name}", f"to: {', '.join(template.to_roles)}"]
    if template.cc_roles:
        lines.append(f"cc: {', '.join(template.cc_roles)}")
    lines.append(f"subject: {template.subject}")
    return "\n".join(lines) + "\n\n" + template.body


def _roles(key: str, text: str) -> tuple[str, ...]:
    roles = tuple(r.strip().lower() for r in text.split(",") if r.strip())
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise TemplateError(
            "to", f"template {key}: unknown role “{unknown[0]}” (use mentor, mentee or team)"
        )
    return roles


@cache
def default_template(key: str) -> Template:
    """The shipped version of a default template.

    Raises:
        TemplateError: ``key`` is not a default template or its file is missing.
    """
    if key not in DEFAULT_KEYS:
        raise TemplateError("template", f"“{key}” is not one of the standard templates")
    path = templates_dir() / f"{key}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError("template", f"cannot read the template file {path}: "
                                        f"{exc.strerror or exc}") from None
    return parse_template(key, text, is_default=True)


def _from_row(row: MailTemplateRow) -> Template:
    default = row.key in DEFAULT_KEYS
    return Template(
        key=row.key,
        name=row.name,
        subject=row.subject,
        body=row.body,
        to_roles=tuple(row.to_roles),
        cc_roles=tuple(row.cc_roles),
        is_default=default,
        is_edited=default,
        version=row.version,
    )


def list_templates(db: Database) -> list[Template]:
    """Every template: the defaults (edited or not) in program order, then the team's own."""
    with db.session() as session:
        rows = {row.key: _from_row(row) for row in session.scalars(select(MailTemplateRow))}
    result = [rows.pop(key) if key in rows else default_template(key) for key in DEFAULT_KEYS]
    return result + sorted(rows.values(), key=lambda t: (t.name.casefold(), t.key))


def get_template(db: Database, key: str) -> Template:
    """The template ``key`` as it is used now.

    Raises:
        TemplateError: There is no such template.
    """
    with db.session() as session:
        row = session.scalar(select(MailTemplateRow).where(MailTemplateRow.key == key))
        if row is not None:
            return _from_row(row)
    if key in DEFAULT_KEYS:
        return default_template(key)
    raise TemplateError("template", f"there is no template “{key}”")


def save_template(
    db: Database, template: Template, *, by: str | None = None, base_version: int | None = None
) -> Template | None:
    """Store ``template`` (a new custom one, or an edit); return the version it replaced.

    The returned value is what undo passes back to :func:`save_template`
    (``None``: the key had no stored row; undo with :func:`reset_template`
    or :func:`delete_template`).

    Args:
        db: The database.
        template: What to store.
        by: Who saved it (default: the coordinator).
        base_version: The version the edit started from (0: the shipped
            default, or a new template): if someone saved the template since,
            nothing is stored. None: no check.

    Raises:
        TemplateError: Bad key, empty subject or body, no recipient, an unknown
            role, or a syntax error in the subject or body (see :func:`check_template`).
        EditConflict: Someone else saved the template since ``base_version``.
    """
    from ams_desk.mail.render import check_template

    check_template(template)
    with db.session(write=True) as session:
        query = select(MailTemplateRow).where(MailTemplateRow.key == template.key)
        row = session.scalar(query.with_for_update())
        if row is not None and base_version is not None and base_version != row.version:
            raise EditConflict(f"the template “{row.name}”", row.updated_by, row.updated_at)
        before = _from_row(row) if row is not None else None
        if row is None:
            row = MailTemplateRow(key=template.key)
            session.add(row)
        row.name = template.name.strip() or template.key
        row.subject = template.subject
        row.body = template.body
        row.to_roles = list(template.to_roles)
        row.cc_roles = list(template.cc_roles)
        row.updated_at = datetime.now().replace(microsecond=0)
        row.updated_by = by or coordinator_name()
    return before


def reset_template(db: Database, key: str) -> Template | None:
    """Go back to the shipped version of a default template; return the edit it dropped.

    Raises:
        TemplateError: ``key`` is not a default template.
    """
    if key not in DEFAULT_KEYS:
        raise TemplateError("template", f"“{key}” is the team's own template; it has no default")
    return _drop(db, key)


def delete_template(db: Database, key: str) -> Template | None:
    """Delete a template of the team's own; return it (for undo) or ``None`` if it was not stored.

    Raises:
        TemplateError: ``key`` is a default template (those are reset, not deleted).
    """
    if key in DEFAULT_KEYS:
        raise TemplateError("template", f"“{key}” is a standard template; reset it instead")
    return _drop(db, key)


def _drop(db: Database, key: str) -> Template | None:
    with db.session() as session:
        row = session.scalar(select(MailTemplateRow).where(MailTemplateRow.key == key))
        if row is None:
            return None
        before = _from_row(row)
        session.delete(row)
        return before


def check_key(key: str) -> None:
    """Raise :class:`TemplateError` unless ``key`` is a usable template key."""
    if not _KEY.match(key):
        raise TemplateError(
            "key", f"“{key}” is not a template key: lower-case letters, digits and _ only, "
                   "starting with a letter"
        )
