"""The record of each import, and undoing the last one.

:func:`record_run` is called inside the import's own transaction: it stores
the import (file, sheet, when) and, for every person and sign-up it created or
updated, the values before and after. :func:`undo_last_import` takes the
latest import not undone yet back in one transaction: the people and sign-ups
it created are removed, the fields it updated get their old values again. It
refuses — changing nothing — when any of those rows was changed since (an
edit, a pair, another sign-up, an email in the outbox): undoing would then
throw away work done after the import.

The sign-up confirmations (``signup_received``) of the sign-ups an import
created go with it: undoing the import removes those that never left
(queued, failed, cancelled), in the same transaction; one that already left
the outbox (sent, being sent, saved as .eml) is kept as it is, and
:class:`UndoneImport` says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from ams_desk.core.step_emails import SIGNUP_EMAIL
from ams_desk.store.database import Database
from ams_desk.store.rows import chunks, projects_by_person
from ams_desk.store.schema import (
    ImportChangeRow,
    ImportRunRow,
    OutboxMessageRow,
    OutboxPersonRow,
    PairRow,
    PersonProjectRow,
    PersonRow,
    ProjectRow,
    SignupRow,
)

if TYPE_CHECKING:
    from ams_desk.core.model import Person
    from ams_desk.core.validation import PersonInput
    from ams_desk.store.import_state import ImportState, StoredSignup
    from ams_desk.store.imports import ImportWrites, SignupValues

_RUN = cast(Table, ImportRunRow.__table__)
_CHANGE = cast(Table, ImportChangeRow.__table__)
_PERSON = cast(Table, PersonRow.__table__)
_SIGNUP = cast(Table, SignupRow.__table__)
_LINK = cast(Table, PersonProjectRow.__table__)
_PROJECT = cast(Table, ProjectRow.__table__)
_PAIR = cast(Table, PairRow.__table__)
_OUTBOX_PERSON = cast(Table, OutboxPersonRow.__table__)
_OUTBOX = cast(Table, OutboxMessageRow.__table__)

PERSON_CREATED, PERSON_UPDATED = "person_created", "person_updated"
SIGNUP_CREATED, SIGNUP_UPDATED = "signup_created", "signup_updated"

_PERSON_FIELDS = ("name", "email", "position", "department", "languages", "projects")
_SIGNUP_FIELDS = (
    "person_id", "role", "signed_up", "program_year", "status", "topics", "meeting_format",
    "capacity", "motivation", "source_file", "source_row",
)  # fmt: skip
_SHOWN_PROBLEMS = 5
NEVER_LEFT = ("queued", "failed", "cancelled")
"""Outbox states of an email that reached no one: undoing the import removes it."""


class ImportUndoError(Exception):
    """The last import cannot be undone (nothing was changed); the message says why."""


@dataclass(frozen=True)
class UndoneImport:
    """What undoing an import did.

    Attributes:
        run_id: The import's record.
        file: The file it came from.
        finished_at: When it was made.
        people_removed, signups_removed: Ids of the rows it created, now removed.
        people_restored, signups_restored: Ids of the rows it updated, restored.
        emails_removed: The confirmations of its new sign-ups, removed (never sent).
        emails_kept: Those that had left the outbox already (sent, being sent,
            unconfirmed, saved as .eml): an email that left cannot be called back.
        kept_addresses: Whom those were written to.
    """

    run_id: int
    file: str
    finished_at: datetime
    people_removed: tuple[int, ...]
    signups_removed: tuple[int, ...]
    people_restored: tuple[int, ...]
    signups_restored: tuple[int, ...]
    emails_removed: tuple[int, ...] = ()
    emails_kept: tuple[int, ...] = ()
    kept_addresses: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the CLI and the status bar."""
        return (
            f"undid the import of {self.file} ({self.finished_at.isoformat(sep=' ')}): "
            f"{len(self.people_removed)} people and {len(self.signups_removed)} sign-ups "
            f"removed, {len(self.people_restored)} people and "
            f"{len(self.signups_restored)} sign-ups restored"
            + (f"; {len(self.emails_removed)} queued sign-up "
               f"{'confirmation' if len(self.emails_removed) == 1 else 'confirmations'} "
               "removed" if self.emails_removed else "")
            + (f"; {self.kept_notice()}" if self.emails_kept else "")
        )

    @property
    def notice(self) -> str:
        """What the coordinator must be told after the undo ("" when nothing special)."""
        kept = self.kept_notice()
        return f"Import of {self.file} undone; {kept}." if kept else ""

    def kept_notice(self) -> str:
        """What became of the confirmations that had already left ("" when none had)."""
        n = len(self.emails_kept)
        if not n:
            return ""
        return (f"{n} sign-up {'confirmation was' if n == 1 else 'confirmations were'} "
                "already sent (or handed to a mail program) and cannot be called back: kept "
                f"in the Outbox as {'it is' if n == 1 else 'they are'}")


def _person_json(p: PersonInput | Person) -> dict[str, Any]:
    return {
        "name": p.name, "email": p.email, "position": p.position, "department": p.department,
        "languages": list(p.languages), "projects": sorted(p.projects, key=str.casefold),
    }  # fmt: skip


def _signup_json(
    s: SignupValues | StoredSignup, person_id: int, status: str
) -> dict[str, Any]:
    return {
        "person_id": person_id, "role": s.role.value, "signed_up": s.signed_up.isoformat(),
        "program_year": s.program_year, "status": status, "topics": list(s.topics),
        "meeting_format": s.meeting_format.value, "capacity": s.capacity,
        "motivation": s.motivation, "source_file": s.source_file, "source_row": s.source_row,
    }  # fmt: skip


def record_run(
    session: Session,
    *,
    file: str,
    sheet: str | None,
    state: ImportState,
    writes: ImportWrites,
    new_person_ids: list[int],
    new_signup_ids: list[int],
) -> int | None:
    """Store what one import writes (inside its transaction); ``None`` when it writes nothing.

    Args:
        session: The import's session.
        file: The file name recorded on the sign-ups.
        sheet: The worksheet, if any.
        state: What was stored before (the "before" values).
        writes: What the import writes.
        new_person_ids: The ids of ``writes.new_people``, in order.
        new_signup_ids: The ids of ``writes.new_signups``, in order.
    """
    if not writes.size:
        return None
    conn = session.connection()
    run_table = _RUN
    run_id = int(conn.execute(
        insert(run_table).returning(run_table.c.id),
        {"file": file, "sheet": sheet, "finished_at": datetime.now().replace(microsecond=0)},
    ).scalar_one())
    people = {p.id: p for p in state.people.values()}
    signups = {s.id: s for group in state.signups.values() for s in group}
    owners = [
        item.person_id if item.new_person is None else new_person_ids[item.new_person]
        for item in writes.new_signups
    ]
    kinds: list[tuple[str, list[int], list[Any] | None, list[Any]]] = [
        (PERSON_CREATED, new_person_ids, None, [_person_json(v) for v in writes.new_people]),
        (PERSON_UPDATED, list(writes.person_updates),
         [_person_json(people[pid]) for pid in writes.person_updates],
         [_person_json(v) for v in writes.person_updates.values()]),
        (SIGNUP_CREATED, new_signup_ids, None,
         [_signup_json(item.values, owner or 0, "open")
          for item, owner in zip(writes.new_signups, owners, strict=True)]),
        (SIGNUP_UPDATED, list(writes.signup_updates),
         [_signup_json(signups[sid], signups[sid].person_id, signups[sid].status.value)
          for sid in writes.signup_updates],
         [_signup_json(v, signups[sid].person_id, signups[sid].status.value)
          for sid, v in writes.signup_updates.items()]),
    ]
    rows = [
        {"run_id": run_id, "kind": kind, "targets": targets, "before": before, "after": after}
        for kind, targets, before, after in kinds if targets
    ]
    conn.execute(insert(_CHANGE), rows)
    return run_id


@dataclass(frozen=True, slots=True)
class _Change:
    """One created or updated row of an import, as read back for undo."""

    kind: str
    target_id: int
    before: dict[str, Any] | None
    after: dict[str, Any]


def _stored_people(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    person = _PERSON
    found: dict[int, dict[str, Any]] = {}
    projects = projects_by_person(session, ids)
    for chunk in chunks(ids):
        for r in session.connection().execute(select(person).where(person.c.id.in_(chunk))):
            found[r.id] = {
                "name": r.name, "email": r.email, "position": r.position,
                "department": r.department, "languages": list(r.languages or ()),
                "projects": sorted(projects.get(r.id, ()), key=str.casefold),
            }  # fmt: skip
    return found


def _stored_signups(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    signup = _SIGNUP
    found: dict[int, dict[str, Any]] = {}
    for chunk in chunks(ids):
        for r in session.connection().execute(select(signup).where(signup.c.id.in_(chunk))):
            day = r.signed_up
            found[r.id] = {
                "person_id": r.person_id, "role": r.role,
                "signed_up": day.isoformat() if hasattr(day, "isoformat") else str(day),
                "program_year": r.program_year, "status": r.status,
                "topics": list(r.topics or ()), "meeting_format": r.meeting_format,
                "capacity": r.capacity, "motivation": r.motivation,
                "source_file": r.source_file, "source_row": r.source_row,
            }  # fmt: skip
    return found


def _differs(now: dict[str, Any], then: dict[str, Any], fields: Iterable[str]) -> list[str]:
    return [f for f in fields if now.get(f) != then.get(f)]


def last_import(db: Database) -> tuple[int, str, datetime] | None:
    """The latest import not undone: ``(id, file, finished_at)``, or ``None``."""
    run = _RUN
    with db.session() as session:
        row = session.connection().execute(
            select(run.c.id, run.c.file, run.c.finished_at)
            .where(run.c.undone_at.is_(None)).order_by(run.c.id.desc()).limit(1)
        ).first()
    return (int(row.id), row.file, row.finished_at) if row is not None else None


def undo_last_import(db: Database, run_id: int | None = None) -> UndoneImport:
    """Take back the latest import not undone yet (which must be ``run_id`` when given).

    Raises:
        ImportUndoError: There is no import to undo, ``run_id`` is not the
            latest, or a row it created or updated was changed since; nothing
            was changed.
    """
    from ams_desk.store.imports import take_write_lock

    run = _RUN
    with db.session() as session:
        take_write_lock(session)
        conn = session.connection()
        latest = conn.execute(
            select(run).where(run.c.undone_at.is_(None)).order_by(run.c.id.desc()).limit(1)
        ).first()
        if latest is None:
            raise ImportUndoError("there is no import to undo")
        if run_id is not None and latest.id != run_id:
            raise ImportUndoError(
                f"the import of {latest.file} was made after this one; undo it first")
        change = _CHANGE
        by_kind: dict[str, list[_Change]] = {}
        for row in conn.execute(select(change).where(change.c.run_id == latest.id)):
            before = row.before or [None] * len(row.targets)
            by_kind.setdefault(row.kind, []).extend(
                _Change(row.kind, int(t), b, a)
                for t, b, a in zip(row.targets, before, row.after, strict=True))
        problems = _problems(session, by_kind)
        if problems:
            shown = "; ".join(problems[:_SHOWN_PROBLEMS])
            more = len(problems) - _SHOWN_PROBLEMS
            raise ImportUndoError(
                f"the import of {latest.file} cannot be undone: rows it wrote were changed "
                f"since ({shown}{f'; and {more} more' if more > 0 else ''}); nothing was changed"
            )
        result = _revert(session, latest, by_kind)
        conn.execute(update(run).where(run.c.id == latest.id)
                     .values(undone_at=datetime.now().replace(microsecond=0)))
    return result


def created_signups(session: Session, run_id: int) -> list[int]:
    """The ids of the sign-ups import ``run_id`` created, in the order it wrote them."""
    change = _CHANGE
    return [int(t) for row in session.connection().execute(
        select(change.c.targets).where(change.c.run_id == run_id,
                                       change.c.kind == SIGNUP_CREATED).order_by(change.c.id))
            for t in row.targets]


def _who(values: dict[str, Any]) -> str:
    return f"{values.get('name', '')} <{values.get('email', '')}>"


def _problems(session: Session, by_kind: dict[str, list[_Change]]) -> list[str]:
    """Why undoing would lose later work, one sentence per row; empty when it would not."""
    conn = session.connection()
    problems: list[str] = []
    person_changes = by_kind.get(PERSON_CREATED, []) + by_kind.get(PERSON_UPDATED, [])
    signup_changes = by_kind.get(SIGNUP_CREATED, []) + by_kind.get(SIGNUP_UPDATED, [])
    people = _stored_people(session, [c.target_id for c in person_changes])
    signups = _stored_signups(session, [c.target_id for c in signup_changes])
    names = {c.target_id: c.after for c in person_changes}
    for c in person_changes:
        now = people.get(c.target_id)
        if now is None:
            problems.append(f"{_who(c.after)} was deleted")
        elif changed := _differs(now, c.after, _PERSON_FIELDS):
            problems.append(f"{_who(c.after)}: {', '.join(changed)} edited")
    for c in signup_changes:
        now = signups.get(c.target_id)
        who = _who(names.get(c.after["person_id"], {})) if c.after["person_id"] in names else (
            f"sign-up {c.target_id}")
        if now is None:
            problems.append(f"{who}: the {c.after['role']} sign-up was deleted")
        elif changed := _differs(now, c.after, _SIGNUP_FIELDS):
            problems.append(f"{who}: the {c.after['role']} sign-up's "
                            f"{', '.join(changed).replace('_', ' ')} changed")
    created_signups = [c.target_id for c in by_kind.get(SIGNUP_CREATED, [])]
    pair = _PAIR
    for chunk in chunks(created_signups):
        paired = conn.execute(select(pair.c.id).where(or_(
            pair.c.mentor_signup_id.in_(chunk), pair.c.mentee_signup_id.in_(chunk)))).all()
        problems.extend(f"pair {p.id} was made with a sign-up it created" for p in paired)
    created_people = {c.target_id: c.after for c in by_kind.get(PERSON_CREATED, [])}
    own_emails = {e.id for e in _confirmations(session, created_signups)}
    signup = _SIGNUP
    outbox = _OUTBOX_PERSON
    for chunk in chunks(sorted(created_people)):
        for row in conn.execute(select(signup.c.person_id, signup.c.id).where(
                signup.c.person_id.in_(chunk), signup.c.id.not_in(created_signups))):
            problems.append(f"{_who(created_people[row.person_id])} signed up again since")
        emailed = {row.person_id for row in conn.execute(
            select(outbox.c.person_id, outbox.c.outbox_id).where(outbox.c.person_id.in_(chunk)))
                   if row.outbox_id not in own_emails}  # its own confirmations go with it
        problems.extend(f"{_who(created_people[p])} has emails in the outbox"
                        for p in sorted(emailed))
    return problems


def _revert(session: Session, run: Any, by_kind: dict[str, list[_Change]]) -> UndoneImport:
    conn = session.connection()
    person, signup = _PERSON, _SIGNUP
    link = _LINK
    created_signups = [c.target_id for c in by_kind.get(SIGNUP_CREATED, [])]
    created_people = [c.target_id for c in by_kind.get(PERSON_CREATED, [])]
    removed, kept, kept_to = _remove_queued_emails(session, created_signups)
    for chunk in chunks(created_signups):
        conn.execute(delete(signup).where(signup.c.id.in_(chunk)))
    for chunk in chunks(created_people):
        conn.execute(delete(link).where(link.c.person_id.in_(chunk)))
        conn.execute(delete(person).where(person.c.id.in_(chunk)))
    restored_people = by_kind.get(PERSON_UPDATED, [])
    for c in restored_people:
        before = c.before
        assert before is not None
        conn.execute(update(person).where(person.c.id == c.target_id).values(
            name=before["name"], email=before["email"], position=before["position"],
            department=before["department"], languages=before["languages"]))
        if sorted(before["projects"]) != sorted(c.after["projects"]):
            conn.execute(delete(link).where(link.c.person_id == c.target_id))
            ids = _project_ids(session, before["projects"])
            if ids:
                conn.execute(insert(link), [{"person_id": c.target_id, "project_id": i}
                                            for i in dict.fromkeys(ids)])
    restored_signups = by_kind.get(SIGNUP_UPDATED, [])
    for c in restored_signups:
        b = c.before
        assert b is not None
        conn.execute(update(signup).where(signup.c.id == c.target_id).values(
            signed_up=datetime.fromisoformat(b["signed_up"]).date(),
            program_year=b["program_year"], topics=b["topics"],
            meeting_format=b["meeting_format"], capacity=b["capacity"],
            motivation=b["motivation"], source_file=b["source_file"],
            source_row=b["source_row"]))
    return UndoneImport(
        int(run.id), run.file, run.finished_at, tuple(created_people), tuple(created_signups),
        tuple(c.target_id for c in restored_people), tuple(c.target_id for c in restored_signups),
        removed, kept, kept_to)


def _confirmations(session: Session, signup_ids: list[int]) -> list[Any]:
    """The sign-up confirmations of these sign-ups in the outbox: (id, state, to_addrs) rows."""
    outbox = _OUTBOX
    return [row for chunk in chunks(signup_ids) for row in session.connection().execute(
        select(outbox.c.id, outbox.c.state, outbox.c.to_addrs).where(
            outbox.c.signup_id.in_(chunk), outbox.c.template_key == SIGNUP_EMAIL))]


def _remove_queued_emails(session: Session, signup_ids: list[int]) -> tuple[
        tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """Delete the confirmations of these sign-ups that never left; return removed, kept, kept's To.

    Sign-up emails have no pair, so no timeline event to take back with them.
    The state is checked again by the DELETE itself, so that a message a
    sender took meanwhile is kept, not lost.
    """
    conn = session.connection()
    outbox = _OUTBOX
    found = _confirmations(session, signup_ids)
    removed: set[int] = set()
    for chunk in chunks([int(r.id) for r in found if r.state in NEVER_LEFT]):
        gone = [int(i) for i in conn.execute(
            delete(outbox).where(outbox.c.id.in_(chunk), outbox.c.state.in_(NEVER_LEFT))
            .returning(outbox.c.id)).scalars()]
        # The foreign key cascades; said here too for a database without it enforced.
        conn.execute(delete(_OUTBOX_PERSON).where(_OUTBOX_PERSON.c.outbox_id.in_(gone)))
        removed.update(gone)
    kept = [r for r in found if int(r.id) not in removed]
    return (tuple(sorted(removed)), tuple(sorted(int(r.id) for r in kept)),
            tuple(a for r in kept for a in (r.to_addrs or ())))


def _project_ids(session: Session, names: list[str]) -> list[int]:
    """The ids of these projects, creating those that no longer exist."""
    project = _PROJECT
    conn = session.connection()
    ids: list[int] = []
    for name in names:
        key = name.casefold()
        found = conn.execute(select(project.c.id).where(project.c.name_key == key)).scalar()
        if found is None:
            found = conn.execute(insert(project).returning(project.c.id),
                                 {"name": name, "name_key": key}).scalar_one()
        ids.append(int(found))
    return ids


def forget_person(conn: Any, person_id: int) -> int:
    """Drop the import records that hold a person's values (on erasure); return how many.

    The records keep names and emails for undo; an erased person must leave no
    trace, so the imports that touched them can no longer be undone.
    """
    found: set[int] = set()
    for row in conn.execute(select(_CHANGE.c.run_id, _CHANGE.c.kind, _CHANGE.c.targets,
                                   _CHANGE.c.after)):
        if row.kind in (PERSON_CREATED, PERSON_UPDATED):
            hit = person_id in row.targets
        else:
            hit = any(a.get("person_id") == person_id for a in row.after)
        if hit:
            found.add(int(row.run_id))
    for run_id in found:
        conn.execute(delete(_CHANGE).where(_CHANGE.c.run_id == run_id))
        conn.execute(delete(_RUN).where(_RUN.c.id == run_id))
    return len(found)
