"""Two coordinators on one database: a stale edit, undo or step is refused, naming who changed it.

Each test opens two engines on the same SQLite file or PostgreSQL database, as
two coordinators' windows would, and runs on both.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime
from functools import partial

import pytest

from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.scoring import MatchWeights
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.core.workflow import PairStatus, TransitionError
from ams_desk.store.coordinator import set_coordinator_name
from ams_desk.store.database import Database
from ams_desk.store.ops import drafts as draft_ops
from ams_desk.store.ops import pairs as pair_ops
from ams_desk.store.ops import settings as settings_ops
from ams_desk.store.ops import signups
from ams_desk.store.pairs import change_status, create_pair, get_pair, list_pairs, undo_step
from ams_desk.store.people import (
    AddedSignup,
    add_signup,
    get_signup,
    person_input,
    signup_input,
    update_signup,
)
from ams_desk.store.rows import NotFoundError
from ams_desk.store.settings import get_program_settings
from ams_desk.store.versions import EditConflict

T0 = datetime(2026, 3, 2, 9, 0)


def _as(name: str) -> None:
    set_coordinator_name(name)


def _mentee(db: Database, name: str = "Jan Jansen") -> AddedSignup:
    return add_signup(db, PersonInput(name, name.split()[0].lower() + "@ams.org", "PhD candidate"),
                      SignupInput(Role.MENTEE, date(2026, 1, 15), 2026))


def _mentor(db: Database, capacity: int = 1) -> AddedSignup:
    return add_signup(db, PersonInput("Eva Müller", "eva@ams.org", "Full professor"),
                      SignupInput(Role.MENTOR, date(2026, 1, 10), 2026, capacity=capacity))


def test_a_stale_edit_is_refused_naming_who_changed_what(two: tuple[Database, Database]) -> None:
    ana, ben = two
    jan = _mentee(ana)
    opened = get_signup(ana, jan.signup_id)  # Ana opens the editor
    _as("Ben Okafor")
    person, signup = get_signup(ben, jan.signup_id)
    update_signup(ben, jan.signup_id, replace(person_input(person), department="Optics"),
                  replace(signup_input(signup), motivation="Wants to learn optics"))
    _as("Ana Lima")
    with pytest.raises(EditConflict) as refused:
        update_signup(ana, jan.signup_id, replace(person_input(opened[0]), notes="Call first"),
                      signup_input(opened[1]), base=opened)
    assert refused.value.by == "Ben Okafor"
    assert set(refused.value.changed) == {"department", "motivation"}
    assert "Ben Okafor changed Jan Jansen’s mentee sign-up" in refused.value.message
    assert "reload" in refused.value.message
    person, signup = get_signup(ana, jan.signup_id)  # Ben's change stands, Ana's was not stored
    assert (person.department, person.notes, signup.motivation) == (
        "Optics", "", "Wants to learn optics")
    # After a reload Ana's edit goes through.
    update_signup(ana, jan.signup_id, replace(person_input(person), notes="Call first"),
                  signup_input(signup), base=(person, signup))
    assert get_signup(ben, jan.signup_id)[0].notes == "Call first"


def test_a_change_of_projects_alone_makes_the_edit_stale(two: tuple[Database, Database]) -> None:
    ana, ben = two
    jan = _mentee(ana)
    opened = get_signup(ana, jan.signup_id)
    _as("Ben Okafor")
    update_signup(ben, jan.signup_id, replace(person_input(opened[0]), projects=("Roboat",)),
                  signup_input(opened[1]), base=opened)
    with pytest.raises(EditConflict, match=r"\(projects\)"):
        update_signup(ana, jan.signup_id, person_input(opened[0]), signup_input(opened[1]),
                      base=opened)


def test_undo_of_an_edit_changed_since_is_refused(two: tuple[Database, Database]) -> None:
    ana, ben = two
    jan = _mentee(ana)
    person, signup = get_signup(ana, jan.signup_id)
    _as("Ana Lima")
    outcome = signups.edit(ana, jan.signup_id, replace(person_input(person), notes="Ana's"),
                           signup_input(signup), base=(person, signup))
    _as("Ben Okafor")
    person, signup = get_signup(ben, jan.signup_id)
    update_signup(ben, jan.signup_id, replace(person_input(person), notes="Ben's"),
                  signup_input(signup), base=(person, signup))
    assert outcome.undo is not None
    with pytest.raises(EditConflict, match="Ben Okafor changed .*notes"):
        outcome.undo(ana)
    assert get_signup(ana, jan.signup_id)[0].notes == "Ben's"


def test_undo_and_redo_of_an_edit_untouched_since_work(two: tuple[Database, Database]) -> None:
    ana, _ben = two
    jan = _mentee(ana)
    person, signup = get_signup(ana, jan.signup_id)
    outcome = signups.edit(ana, jan.signup_id, replace(person_input(person), notes="x"),
                           signup_input(signup), base=(person, signup))
    assert outcome.undo is not None
    back = outcome.undo(ana)
    assert get_signup(ana, jan.signup_id)[0].notes == ""
    assert back.undo is not None
    back.undo(ana)
    assert get_signup(ana, jan.signup_id)[0].notes == "x"


def test_undo_of_a_withdrawal_someone_reopened_is_refused(two: tuple[Database, Database]) -> None:
    ana, ben = two
    jan = _mentee(ana)
    _as("Ana Lima")
    withdraw = signups.set_statuses(ana, {jan.signup_id: SignupStatus.WITHDRAWN})
    _as("Ben Okafor")
    signups.set_statuses(ben, {jan.signup_id: SignupStatus.OPEN})
    signups.edit(ben, jan.signup_id, *_inputs(ben, jan, motivation="Ben's note"))
    assert withdraw.undo is not None
    with pytest.raises(EditConflict, match="Ben Okafor changed Jan Jansen’s mentee sign-up"):
        withdraw.undo(ana)


def test_undo_of_a_withdrawal_after_an_unrelated_edit_works(two: tuple[Database, Database]) -> None:
    ana, ben = two
    jan = _mentee(ana)
    withdraw = signups.set_statuses(ana, {jan.signup_id: SignupStatus.WITHDRAWN})
    signups.edit(ben, jan.signup_id, *_inputs(ben, jan, motivation="Ben's note"))
    assert withdraw.undo is not None
    withdraw.undo(ana)  # the status is still what the withdrawal left: nothing is overwritten
    assert get_signup(ben, jan.signup_id)[1].status is SignupStatus.OPEN
    assert get_signup(ben, jan.signup_id)[1].motivation == "Ben's note"


def _inputs(db: Database, added: AddedSignup, **signup_fields: object) -> tuple[
        PersonInput, SignupInput]:
    person, signup = get_signup(db, added.signup_id)
    return person_input(person), replace(signup_input(signup), **signup_fields)


def test_a_step_on_a_pair_moved_on_since_is_refused(two: tuple[Database, Database]) -> None:
    ana, ben = two
    pair = create_pair(ana, _mentor(ana).signup_id, _mentee(ana).signup_id, at=T0)
    seen = get_pair(ana, pair.id)  # Ana opens the step dialog "mentor declined"
    _as("Ben Okafor")
    change_status(ben, pair.id, PairStatus.MENTOR_AGREED, at=T0.replace(day=3))
    with pytest.raises(EditConflict, match=r"Ben Okafor changed the pair Eva Müller → Jan "
                                           r"Jansen \(status proposed → mentor agreed\)"):
        pair_ops.step(ana, pair.id, PairStatus.CANCELLED, at=T0.replace(day=4),
                      note="No time", base=seen)
    assert get_pair(ben, pair.id).status is PairStatus.MENTOR_AGREED


def test_undo_of_a_step_after_someone_else_s_step_names_them(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    pair = create_pair(ana, _mentor(ana).signup_id, _mentee(ana).signup_id, at=T0)
    _as("Ana Lima")
    agreed = pair_ops.step(ana, pair.id, PairStatus.MENTOR_AGREED, at=T0.replace(day=3),
                           base=get_pair(ana, pair.id))
    _as("Ben Okafor")
    change_status(ben, pair.id, PairStatus.INTRODUCED, at=T0.replace(day=4))
    assert agreed.undo is not None
    with pytest.raises(TransitionError, match="Ben Okafor recorded a later step"):
        agreed.undo(ana)
    with pytest.raises(TransitionError, match="Ben Okafor"):
        undo_step(ana, pair.id, agreed.value.events[-1].id)


def test_stale_program_settings_are_refused(two: tuple[Database, Database]) -> None:
    ana, ben = two
    opened = get_program_settings(ana)
    _as("Ben Okafor")
    settings_ops.save_program(ben, replace(opened, waiting_alert_days=30), base=opened)
    _as("Ana Lima")
    with pytest.raises(EditConflict, match=r"Ben Okafor changed the program settings "
                                           r"\(waiting alert days\)"):
        settings_ops.save_program(ana, replace(opened, retention_years=7), base=opened)
    assert get_program_settings(ben).retention_years == 5
    fresh = get_program_settings(ana)
    saved = settings_ops.save_program(ana, replace(fresh, retention_years=7), base=fresh)
    assert (get_program_settings(ben).retention_years,
            get_program_settings(ben).waiting_alert_days) == (7, 30)
    # The undo is refused once Ben changed the settings again.
    settings_ops.save_program(ben, replace(get_program_settings(ben), evaluation_days=20),
                              base=get_program_settings(ben))
    assert saved.undo is not None
    with pytest.raises(EditConflict, match="evaluation days"):
        saved.undo(ana)


def test_undo_of_an_add_is_refused_once_someone_edited_the_new_sign_up(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    added = signups.add(ana, PersonInput("Kees de Vries", "kees@ams.org", "Postdoc"),
                        SignupInput(Role.MENTEE, date(2026, 2, 1), 2026))
    _as("Ben Okafor")
    signups.edit(ben, added.value.signup_id, *_inputs(ben, added.value, motivation="Funding"))
    assert added.undo is not None
    with pytest.raises(EditConflict, match="Ben Okafor changed Kees de Vries’s mentee sign-up "
                                           r"\(motivation\)"):
        added.undo(ana)
    assert get_signup(ana, added.value.signup_id)[1].motivation == "Funding"  # still there


def test_redo_of_a_step_is_refused_once_someone_moved_the_pair_on(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    pair = create_pair(ana, _mentor(ana).signup_id, _mentee(ana).signup_id, at=T0)
    agreed = pair_ops.step(ana, pair.id, PairStatus.MENTOR_AGREED, at=T0.replace(day=3))
    assert agreed.undo is not None
    undone = agreed.undo(ana)
    _as("Ben Okafor")
    change_status(ben, pair.id, PairStatus.MENTOR_DECLINED, at=T0.replace(day=4))
    assert undone.undo is not None
    with pytest.raises(EditConflict, match="Ben Okafor changed the pair"):
        undone.undo(ana)
    assert get_pair(ana, pair.id).status is PairStatus.MENTOR_DECLINED


def test_a_template_saved_meanwhile_is_not_overwritten(two: tuple[Database, Database]) -> None:
    from ams_desk.mail import ops as mail_ops
    from ams_desk.mail.templates import get_template, save_template

    ana, ben = two
    opened = get_template(ana, "closing_thanks")  # the shipped default: not stored yet
    save_template(ben, replace(opened, subject="Thanks from Ben"), by="Ben Okafor")
    with pytest.raises(EditConflict, match="Ben Okafor changed the template"):
        mail_ops.save(ana, replace(opened, subject="Thanks from Ana"),
                      base_version=opened.version)
    fresh = get_template(ana, "closing_thanks")
    saved = mail_ops.save(ana, replace(fresh, subject="Thanks from Ana"),
                          base_version=fresh.version)
    save_template(ben, replace(get_template(ben, "closing_thanks"), body="Ben's body\n"),
                  by="Ben Okafor")
    assert saved.undo is not None
    with pytest.raises(EditConflict):
        saved.undo(ana)  # would drop Ben's body
    assert get_template(ana, "closing_thanks").body == "Ben's body\n"


def test_stale_match_weights_are_refused_and_so_is_their_undo(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    opened = get_program_settings(ana)  # Ana opens the weights dialog
    _as("Ben Okafor")
    settings_ops.save_weights(ben, MatchWeights(language=5.0), base=get_program_settings(ben))
    _as("Ana Lima")
    with pytest.raises(EditConflict, match=r"Ben Okafor changed the match weights \(language\)"):
        settings_ops.save_weights(ana, MatchWeights(topics=4.0), base=opened)
    assert MatchWeights.from_dict(get_program_settings(ben).match_weights).topics == 3.0
    # Another program setting changed meanwhile does not stand in the way of the weights.
    fresh = get_program_settings(ana)
    _as("Ben Okafor")
    settings_ops.save_program(ben, replace(fresh, retention_years=7), base=fresh)
    _as("Ana Lima")
    saved = settings_ops.save_weights(ana, MatchWeights(language=5.0, topics=4.0), base=fresh)
    stored = get_program_settings(ben)
    assert (MatchWeights.from_dict(stored.match_weights).topics, stored.retention_years) == (4, 7)
    # Ben changes a weight again: Ana's undo would overwrite it, so it is refused.
    _as("Ben Okafor")
    settings_ops.save_weights(ben, MatchWeights(topics=4.0), base=stored)
    assert saved.undo is not None
    with pytest.raises(EditConflict, match="Ben Okafor changed the match weights"):
        saved.undo(ana)
    assert MatchWeights.from_dict(get_program_settings(ana).match_weights) == \
        MatchWeights(topics=4.0)


def _board(db: Database) -> tuple[AddedSignup, AddedSignup, AddedSignup]:
    """Eva and Łukasz (mentors) and Jan (mentee), Jan placed with Eva as a draft."""
    eva = _mentor(db)
    lukasz = add_signup(db, PersonInput("Łukasz Nowak", "lukasz@ams.org", "Full professor"),
                        SignupInput(Role.MENTOR, date(2026, 1, 11), 2026, capacity=1))
    return eva, lukasz, _mentee(db)


def test_a_draft_someone_else_proposed_is_not_moved_removed_or_undone(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    eva, lukasz, jan = _board(ana)
    placed = draft_ops.place(ana, eva.signup_id, jan.signup_id)  # Ana's board shows it
    draft = placed.value.pair
    _as("Ben Okafor")
    draft_ops.propose(ben, [draft.id])
    _as("Ana Lima")
    with pytest.raises(ValidationError, match=r"Only drafts can be taken off the board; Eva "
                                              r"Müller → Jan Jansen is proposed to mentor "
                                              r"\(Ben Okafor changed it at"):
        draft_ops.move(ana, draft.id, lukasz.signup_id)
    with pytest.raises(ValidationError, match="is proposed to mentor .Ben Okafor"):
        draft_ops.remove(ana, [draft.id])
    with pytest.raises(TransitionError, match=r"Only drafts can be proposed; .* \(Ben Okafor"):
        draft_ops.propose(ana, [draft.id])
    assert placed.undo is not None
    with pytest.raises(ValidationError, match="Ben Okafor"):
        placed.undo(ana)
    assert get_pair(ben, draft.id).status is PairStatus.PROPOSED  # Ben's proposal stands


def test_a_draft_someone_else_removed_is_refused_clearly(two: tuple[Database, Database]) -> None:
    ana, ben = two
    eva, lukasz, jan = _board(ana)
    draft = draft_ops.place(ana, eva.signup_id, jan.signup_id).value.pair
    draft_ops.remove(ben, [draft.id])  # Ben takes it off his board
    for change in (partial(draft_ops.move, pair_id=draft.id, mentor_signup_id=lukasz.signup_id),
                   partial(draft_ops.remove, pair_ids=[draft.id]),
                   partial(draft_ops.propose, pair_ids=[draft.id])):
        with pytest.raises(NotFoundError, match="no longer on the board: another coordinator"):
            change(ana)
    # Ben placed Jan with Łukasz meanwhile: Ana's placing with Eva is refused, not doubled.
    draft_ops.place(ben, lukasz.signup_id, jan.signup_id)
    with pytest.raises(ValidationError, match="already in a pair"):
        draft_ops.place(ana, eva.signup_id, jan.signup_id)
    assert [(p.mentor_signup_id, p.status) for p in list_pairs(ana)] == [
        (lukasz.signup_id, PairStatus.DRAFT)]


def test_two_coordinators_removing_one_draft_at_once_one_is_refused(
        two: tuple[Database, Database]) -> None:
    ana, ben = two
    eva, _lukasz, jan = _board(ana)
    draft = draft_ops.place(ana, eva.signup_id, jan.signup_id).value.pair
    results: list[object] = []
    barrier = threading.Barrier(2)

    def remove(db: Database) -> None:
        barrier.wait()
        try:
            results.append(draft_ops.remove(db, [draft.id]).value)
        except (NotFoundError, EditConflict) as error:
            results.append(error)

    threads = [threading.Thread(target=remove, args=(db,)) for db in (ana, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(r).__name__ for r in results) == ["NotFoundError", "list"]
    assert list_pairs(ana) == []
