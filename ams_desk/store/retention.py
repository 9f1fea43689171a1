"""The people due for erasure: their sign-ups ended longer ago than the retention period.

Reads what :func:`ams_desk.core.attention.erasure_items` decides on: the
sign-ups of each person whose every sign-up is closed or withdrawn, with the
last day anything happened to each (a step or note on one of its pairs, an
edit of the sign-up, else the day it was made). People already erased are
left out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, Text, and_, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ams_desk.core.attention import ENDED, SignupActivity, years_after
from ams_desk.core.model import Role, Signup, SignupStatus
from ams_desk.store.erasure import ERASED_EMAIL_PREFIX
from ams_desk.store.rows import chunks, stored_day
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow

_SIGNUP = cast(Table, SignupRow.__table__)
_PERSON = cast(Table, PersonRow.__table__)
_PAIR = cast(Table, PairRow.__table__)
_EVENT = cast(Table, PairEventRow.__table__)


def ended_signups(
    session: Session, today: date, retention_years: int
) -> list[tuple[SignupActivity, str]]:
    """Every sign-up of the people who may be due for erasure on ``today``, with their names.

    Only people none of whose sign-ups is running or younger than the
    retention period are read: a sign-up is never older than its last activity.
    """
    cutoff = years_after(today, -retention_years)
    ended = sorted(s.value for s in ENDED)
    other = _SIGNUP.alias("other")
    # Only the sign-ups that ended and are old enough themselves are read (every sign-up
    # of such a person is one of those), and only for them is the person's other
    # sign-ups looked up, through the index on person_id.
    running = exists().where(other.c.person_id == _SIGNUP.c.person_id,
                             or_(other.c.status.not_in(ended), other.c.signed_up > cutoff))
    erased = _PERSON.c.email_key.startswith(ERASED_EMAIL_PREFIX) & ~_PERSON.c.email_key.contains(
        "@")
    query = (
        select(_SIGNUP.c.id, _SIGNUP.c.person_id, _SIGNUP.c.role,
               type_coerce(_SIGNUP.c.signed_up, Text), _SIGNUP.c.program_year, _SIGNUP.c.status,
               _SIGNUP.c.modified_at, _PERSON.c.name)
        .join(_PERSON, _PERSON.c.id == _SIGNUP.c.person_id)
        .where(or_(*(and_(_SIGNUP.c.status == status, _SIGNUP.c.role == role.value,
                          _SIGNUP.c.signed_up <= cutoff)
                     for status in ended for role in Role)),  # each a range of the index
               ~running, ~erased)
    )
    rows = session.execute(query).all()
    steps = _last_events(session, [row[0] for row in rows])
    found = []
    for sid, pid, role, day, year, status, modified_at, name in rows:
        signup = Signup(sid, pid, Role(role), stored_day(day), year, SignupStatus(status))
        last = max(d for d in (signup.signed_up, _day(modified_at), steps.get(sid)) if d)
        found.append((SignupActivity(signup, last), name))
    return found


def _day(value: datetime | str | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else stored_day(value[:10])


def _last_events(session: Session, signup_ids: list[int]) -> dict[int, date]:
    """The day of the last event on any pair of each of these sign-ups."""
    last: dict[int, date] = {}
    for column in (_PAIR.c.mentor_signup_id, _PAIR.c.mentee_signup_id):
        for chunk in chunks(sorted(signup_ids)):
            query = (select(column, func.max(type_coerce(_EVENT.c.at, Text)))
                     .join(_EVENT, _EVENT.c.pair_id == _PAIR.c.id)
                     .where(column.in_(chunk)).group_by(column))
            for sid, at in session.execute(query):
                day = _day(at)
                if day is not None:
                    last[sid] = max(day, last.get(sid, day))
    return last


__all__ = ["ended_signups"]
