"""The store kernel: one count of places taken, read the same way by every service."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ams_desk.core.model import Role
from ams_desk.core.places import count_taken, free_places
from ams_desk.store.board import load_board
from ams_desk.store.database import Database
from ams_desk.store.import_state import load_import_state
from ams_desk.store.pairs import list_pairs
from ams_desk.store.people import list_people, list_signups
from ams_desk.store.rows import places_taken

TODAY = date(2026, 11, 20)


def test_places_taken_is_one_count_everywhere(any_db: Database) -> None:
    from ams_desk.store.demo import fill_demo

    fill_demo(any_db, people=240, today=TODAY)
    statuses: defaultdict[int, list[str]] = defaultdict(list)
    for pair in list_pairs(any_db):
        statuses[pair.mentor_signup_id].append(pair.status)
    expected = {sid: count_taken(found) for sid, found in statuses.items()}
    expected = {sid: n for sid, n in expected.items() if n}
    assert expected, "the demo has mentors with places taken"

    with any_db.session() as session:
        assert places_taken(session) == expected
        some = sorted(expected)[:3] + [10**9]  # a sign-up id that does not exist
        assert places_taken(session, some) == {sid: expected[sid] for sid in some[:3]}

    mentors = list_signups(any_db, Role.MENTOR)
    assert {r.signup_id: r.taken for r in mentors if r.taken} == expected

    board = load_board(any_db, today=TODAY)
    assert all(board.places_taken(m.signup.id) == expected.get(m.signup.id, 0)
               for m in board.mentors)  # fmt: skip
    assert board.figures().free_places == sum(
        free_places(m.signup.capacity, expected.get(m.signup.id, 0)) for m in board.mentors
    )

    emails = [p.email.casefold() for p in list_people(any_db)]
    state = load_import_state(any_db, emails)
    stored = [s for signups in state.signups.values() for s in signups if s.role is Role.MENTOR]
    assert stored and all(s.taken == expected.get(s.id, 0) for s in stored)
