"""Operations: each returns what it changed and an inverse whose inverse redoes it exactly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select

from ams_desk.core.model import MeetingFormat, Role, SignupStatus
from ams_desk.core.scoring import MatchWeights
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.store.changes import MATCH_WEIGHTS, PROGRAM_SETTINGS, Changes, Op, Outcome, done
from ams_desk.store.database import Database
from ams_desk.store.drafts import place_draft
from ams_desk.store.ops import drafts, pairs, settings, signups
from ams_desk.store.people import AddedSignup, add_signup
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import get_program_settings


def _person(name: str, email: str, position: str) -> PersonInput:
    return PersonInput(name, email, position, "Urban Mobility", (), ("English",))


def _signup(role: Role, capacity: int = 1) -> SignupInput:
    return SignupInput(role, date(2026, 3, 1), 2026, ("Career guidance",), MeetingFormat.ANY,
                       capacity)


@pytest.fixture
def program(db: Database) -> dict[str, AddedSignup]:
    return {
        "eva": add_signup(db, _person("Eva", "eva@ams.org", "Full professor"),
                          _signup(Role.MENTOR, 2)),
        "lukasz": add_signup(db, _person("Łukasz", "lukasz@ams.org", "Associate professor"),
                             _signup(Role.MENTOR)),
        "jose": add_signup(db, _person("José", "jose@ams.org", "Postdoc"), _signup(Role.MENTEE)),
        "ayse": add_signup(db, _person("Ayşe", "ayse@ams.org", "PhD candidate"),
                           _signup(Role.MENTEE)),
    }


def _snapshot(db: Database) -> tuple[Any, ...]:
    """Everything an operation may touch, ids and timelines included."""
    with db.session() as s:
        people = s.execute(select(PersonRow.id, PersonRow.name, PersonRow.email,
                                  PersonRow.position).order_by(PersonRow.id)).all()
        signup_rows = s.execute(select(SignupRow.id, SignupRow.person_id, SignupRow.role,
                                       SignupRow.status, SignupRow.capacity)
                                .order_by(SignupRow.id)).all()
        pair_rows = s.execute(select(PairRow.id, PairRow.mentor_signup_id,
                                     PairRow.mentee_signup_id, PairRow.status,
                                     PairRow.override_note).order_by(PairRow.id)).all()
        events = s.execute(select(PairEventRow.id, PairEventRow.pair_id, PairEventRow.at,
                                  PairEventRow.kind, PairEventRow.status, PairEventRow.by,
                                  PairEventRow.note).order_by(PairEventRow.id)).all()
    # The settings as read (a missing row reads as the defaults an undo stores).
    stored = get_program_settings(db)
    weights = MatchWeights.from_dict(stored.match_weights).to_dict()
    return people, signup_rows, pair_rows, events, replace(stored, match_weights=weights)


def _round_trip(db: Database, op: Op[Any]) -> Outcome[Any]:
    """Run ``op``, undo it, redo it; the database is as before the undo, and back again."""
    before = _snapshot(db)
    outcome = op(db)
    after = _snapshot(db)
    assert after != before, "the operation changed nothing"
    assert outcome.undo is not None
    undone = outcome.undo(db)
    assert _snapshot(db) == before
    assert undone.changes == outcome.changes, "undo touches what the operation touched"
    assert undone.undo is not None
    redone = undone.undo(db)
    assert _snapshot(db) == after
    assert redone.changes == outcome.changes
    assert redone.undo is not None
    redone.undo(db)  # and undo once more: the chain does not wear out
    assert _snapshot(db) == before
    return outcome


def test_changes_combine_and_say_whether_anything_changed() -> None:
    a = Changes.of(signups=[1, 2], settings=[PROGRAM_SETTINGS])
    b = Changes.of(signups=[2, 3], pairs=[7])
    assert a | b == Changes.of(signups=[1, 2, 3], pairs=[7], settings=[PROGRAM_SETTINGS])
    assert not Changes()
    assert Changes.of(outbox=[4]) and Changes.of(imports=["Forms"]) and Changes.all()
    assert (a | Changes.all()).everything
    assert a.touches_setting(PROGRAM_SETTINGS) and not a.touches_setting(MATCH_WEIGHTS)
    assert Changes.all().touches_setting(MATCH_WEIGHTS)


def test_done_replays_an_outcome_without_touching_the_database(db: Database) -> None:
    outcome = Outcome(42, Changes.of(pairs=[1]))
    before = _snapshot(db)
    assert done(outcome)(db) is outcome
    assert _snapshot(db) == before


def test_add_then_undo_removes_the_person_and_redo_keeps_the_ids(db: Database) -> None:
    outcome = _round_trip(db, partial(signups.add, person=_person("Zoë", "zoe@ams.org", "Postdoc"),
                                      signup=_signup(Role.MENTEE)))
    added = outcome.value
    assert outcome.changes == Changes.of(signups=[added.signup_id], people=[added.person_id])


def test_edit_lists_the_person_and_undo_restores_the_fields(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    jose = program["jose"]
    outcome = _round_trip(db, partial(signups.edit, signup_id=jose.signup_id,
                                      person=_person("José M.", "jose@ams.org", "Researcher"),
                                      signup=_signup(Role.MENTEE)))
    assert outcome.changes == Changes.of(signups=[jose.signup_id], people=[jose.person_id])


def test_statuses_list_the_signups(db: Database, program: dict[str, AddedSignup]) -> None:
    ids = [program["jose"].signup_id, program["ayse"].signup_id]
    outcome = _round_trip(db, partial(signups.set_statuses,
                                      statuses={i: SignupStatus.WITHDRAWN for i in ids}))
    assert outcome.changes == Changes.of(signups=ids)
    assert outcome.value == {i: SignupStatus.OPEN for i in ids}


def test_program_settings_leave_the_match_weights_alone(db: Database) -> None:
    weights = MatchWeights(topics=5.0)
    settings.save_weights(db, weights)
    new = replace(get_program_settings(db), proposal_answer_days=3, match_weights={})
    outcome = _round_trip(db, partial(settings.save_program, settings=new))
    assert outcome.changes == Changes.of(settings=[PROGRAM_SETTINGS])
    settings.save_program(db, new)
    stored = get_program_settings(db)
    assert stored.proposal_answer_days == 3
    assert MatchWeights.from_dict(stored.match_weights) == weights


def test_weights_undo_and_saving_the_same_ones_again_cannot_be_undone(db: Database) -> None:
    outcome = _round_trip(db, partial(settings.save_weights, weights=MatchWeights(topics=4.0)))
    assert outcome.changes == Changes.of(settings=[MATCH_WEIGHTS])
    settings.save_weights(db, MatchWeights(topics=4.0))
    again = settings.save_weights(db, MatchWeights(topics=4.0))
    assert again.undo is None and again.changes == Changes.of(settings=[MATCH_WEIGHTS])


def _pair(db: Database, program: dict[str, AddedSignup], status: PairStatus) -> int:
    record = place_draft(db, program["eva"].signup_id, program["jose"].signup_id)
    if status is not PairStatus.DRAFT:
        drafts.propose(db, [record.pair.id])
    return record.pair.id


def test_a_step_lists_the_pair_and_both_signups(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, program, PairStatus.PROPOSED)
    outcome = _round_trip(db, partial(pairs.step, pair_id=pair_id,
                                      target=PairStatus.MENTOR_AGREED,
                                      note="Glad to"))
    assert outcome.changes == Changes.of(
        pairs=[pair_id], signups=[program["eva"].signup_id, program["jose"].signup_id])


def test_a_cancel_frees_the_mentee_and_undo_matches_them_again(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, program, PairStatus.PROPOSED)
    _round_trip(db, partial(pairs.step, pair_id=pair_id, target=PairStatus.CANCELLED,
                            note="Moved abroad"))


def test_a_note_lists_only_the_pair(db: Database, program: dict[str, AddedSignup]) -> None:
    pair_id = _pair(db, program, PairStatus.PROPOSED)
    outcome = _round_trip(db, partial(pairs.add_note, pair_id=pair_id, note="Called her"))
    assert outcome.changes == Changes.of(pairs=[pair_id])


DraftOp = Callable[[dict[str, AddedSignup], int], Op[Any]]


@pytest.mark.parametrize("make", [
    lambda p, _pair: partial(drafts.place, mentor_signup_id=p["lukasz"].signup_id,
                             mentee_signup_id=p["ayse"].signup_id),
    lambda p, pair: partial(drafts.move, pair_id=pair, mentor_signup_id=p["lukasz"].signup_id),
    lambda p, pair: partial(drafts.remove, pair_ids=[pair]),
    lambda p, pair: partial(drafts.propose, pair_ids=[pair]),
    lambda p, _pair: partial(drafts.suggest, year=2026, today=date(2026, 6, 1)),
], ids=["place", "move", "remove", "propose", "suggest"])
def test_board_operations_undo_and_redo_exactly(
    db: Database, program: dict[str, AddedSignup], make: DraftOp
) -> None:
    pair_id = _pair(db, program, PairStatus.DRAFT)
    outcome = _round_trip(db, make(program, pair_id))
    assert outcome.changes.pairs and outcome.changes.signups


def test_a_refused_operation_changes_nothing(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, program, PairStatus.PROPOSED)
    before = _snapshot(db)
    with pytest.raises(Exception, match="Only drafts"):
        drafts.remove(db, [pair_id])
    assert _snapshot(db) == before


def test_listing_only_the_rows_a_change_touched(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    from ams_desk.store.pair_rows import list_pair_rows
    from ams_desk.store.people import list_signups

    eva, jose = program["eva"], program["jose"]
    every = list_signups(db, Role.MENTOR)
    some = list_signups(db, Role.MENTOR, signup_ids=[eva.signup_id, jose.signup_id])
    assert [r.signup_id for r in some] == [eva.signup_id]  # José is a mentee
    assert some == [r for r in every if r.signup_id == eva.signup_id]
    by_person = list_signups(db, None, signup_ids=[], person_ids=[jose.person_id])
    assert [r.signup_id for r in by_person] == [jose.signup_id]
    pair_id = _pair(db, program, PairStatus.PROPOSED)
    assert list_signups(db, Role.MENTOR, signup_ids=[eva.signup_id])[0].taken == 1
    assert [r.pair.id for r in list_pair_rows(db, [pair_id])] == [pair_id]
    assert list_pair_rows(db, []) == []


def test_adding_to_a_stored_person_undoes_their_new_details_too(
    db: Database, program: dict[str, AddedSignup]
) -> None:
    jose = program["jose"]
    renamed = _person("José Muñoz", "jose@ams.org", "Researcher")
    outcome = _round_trip(db, partial(signups.add, person=renamed, signup=_signup(Role.MENTOR),
                                      existing_person_id=jose.person_id))
    assert outcome.value.person_id == jose.person_id and not outcome.value.person_created
