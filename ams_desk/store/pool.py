"""The waiting pool as the attention list needs it: mentors' ranks, mentees' drafts.

The board reads the whole pool with every person's details
(:func:`ams_desk.store.board.load_board`); the attention list only asks
whether anyone could take a waiting mentee, so it reads the few columns that
answer it. Who is in the pool is decided by :mod:`ams_desk.core.pool`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from ams_desk.core.model import PairStatus, Role, Signup, SignupStatus, program_year_for
from ams_desk.core.places import free_places
from ams_desk.core.pool import mentor_in_pool, mentor_pool_since
from ams_desk.store.rows import places_taken, stored_day
from ams_desk.store.schema import PairRow, PersonRow, SignupRow
from ams_desk.store.settings import ProgramSettings


def free_mentor_ranks(session: Session, settings: ProgramSettings, today: date) -> list[int]:
    """The seniority ranks of the pool's mentors with a free place (off-ladder ones left out)."""
    signup, person = SignupRow.__table__, PersonRow.__table__
    running = program_year_for(today, settings.year_start_month)
    since = mentor_pool_since(today, settings.mentor_pool_months)
    rows = session.connection().execute(
        select(signup.c.id, signup.c.person_id, type_coerce(signup.c.signed_up, Text),
               signup.c.program_year, signup.c.capacity, person.c.position)
        .join(person, person.c.id == signup.c.person_id)
        .where((signup.c.role == Role.MENTOR.value)
               & (signup.c.status == SignupStatus.OPEN.value)
               & ((signup.c.program_year == running) | (signup.c.signed_up >= since)))
    ).all()
    taken = places_taken(session, [row.id for row in rows])
    ladder = settings.ladder
    ranks = []
    for sid, pid, day, year, capacity, position in rows:
        offer = Signup(sid, pid, Role.MENTOR, stored_day(day), year, SignupStatus.OPEN,
                       capacity=capacity)
        if free_places(capacity, taken.get(sid, 0)) and mentor_in_pool(
                offer, today=today, year_start_month=settings.year_start_month,
                recent_months=settings.mentor_pool_months):
            rank = ladder.rank(position)
            if rank is not None:
                ranks.append(rank)
    return ranks


def draft_mentors(session: Session) -> dict[int, str]:
    """Per mentee sign-up with a draft, the mentor's name (a draft leaves the mentee waiting)."""
    pair, signup, person = PairRow.__table__, SignupRow.__table__, PersonRow.__table__
    query = (
        select(pair.c.mentee_signup_id, person.c.name)
        .join(signup, signup.c.id == pair.c.mentor_signup_id)
        .join(person, person.c.id == signup.c.person_id)
        .where(pair.c.status == PairStatus.DRAFT.value)
    )
    return {int(mentee): name for mentee, name in session.connection().execute(query)}
