"""Operations on sign-ups and their people: add, edit, set statuses."""

from __future__ import annotations

from functools import partial

from ams_desk.core.model import Person, Signup, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store import people
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.people import AddedSignup
from ams_desk.store.signup_status import StatusBase, change_signup_statuses


def add(
    db: Database,
    person: PersonInput,
    signup: SignupInput,
    *,
    existing_person_id: int | None = None,
    reuse_ids: AddedSignup | None = None,
) -> Outcome[AddedSignup]:
    """Store a sign-up (and its person unless ``existing_person_id``); undo removes it.

    Adding to a stored person updates their fields with ``person``; undo puts
    their previous fields back.

    Raises:
        ValidationError: A field is invalid.
        DuplicatePersonError: The email belongs to another stored person.
    """
    previous = None
    if existing_person_id is not None:
        previous = people.person_input(people.get_person(db, existing_person_id))
    added = people.add_signup(db, person, signup, existing_person_id=existing_person_id,
                              reuse_ids=reuse_ids)
    changes = Changes.of(signups=[added.signup_id], people=[added.person_id])
    # As the add left them: the undo is refused once someone changed them since.
    base = people.get_signup(db, added.signup_id)
    return Outcome(added, changes, partial(remove, added=added, person=person, signup=signup,
                                           previous=previous, base=base))


def remove(
    db: Database,
    *,
    added: AddedSignup,
    person: PersonInput,
    signup: SignupInput,
    previous: PersonInput | None = None,
    base: tuple[Person, Signup] | None = None,
) -> Outcome[None]:
    """Take back :func:`add` (``previous``: the person's fields before it); undo adds again.

    The sign-up comes back with the same ids. ``base``: the rows as the add
    left them; if someone changed them since, nothing is removed.

    Raises:
        EditConflict: Someone changed the sign-up or its person since ``base``.
    """
    people.remove_signup(db, added, person=previous, base=base)
    changes = Changes.of(signups=[added.signup_id], people=[added.person_id])
    existing = None if added.person_created else added.person_id
    return Outcome(None, changes, partial(add, person=person, signup=signup,
                                          existing_person_id=existing, reuse_ids=added))


def edit(
    db: Database,
    signup_id: int,
    person: PersonInput,
    signup: SignupInput,
    *,
    base: tuple[Person, Signup] | None = None,
) -> Outcome[tuple[PersonInput, SignupInput]]:
    """Change a sign-up and its person; undo puts the previous fields back.

    ``base`` is the person and sign-up the editor was opened on: when someone
    changed them since, nothing is stored. The undo starts from the rows as
    this edit left them, so it is refused once someone changed them again.

    Raises:
        ValidationError: A field is invalid, or the change is not allowed.
        EditConflict: Someone else changed them since ``base`` was read.
        NotFoundError: The sign-up is gone.
    """
    done = people.edit_signup(db, signup_id, person, signup, base=base)
    changes = Changes.of(signups=[signup_id], people=[done.person.id])
    return Outcome((done.previous_person, done.previous_signup), changes,
                   partial(edit, signup_id=signup_id, person=done.previous_person,
                           signup=done.previous_signup, base=(done.person, done.signup)))


def set_statuses(
    db: Database, statuses: dict[int, SignupStatus], *, base: StatusBase | None = None
) -> Outcome[dict[int, SignupStatus]]:
    """Set sign-up statuses (withdraw, reopen) in one transaction; undo restores them.

    The undo is refused for a sign-up whose status someone changed since.

    Raises:
        ValidationError: A sign-up is in a live pair (nothing changes).
        EditConflict: A status changed since ``base`` (an undo or a redo).
        NotFoundError: A sign-up is gone.
    """
    previous, left = change_signup_statuses(db, statuses, base=base)
    return Outcome(previous, Changes.of(signups=statuses),
                   partial(set_statuses, statuses=previous, base=left))
