"""People and sign-up services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from ams_desk.core.model import MeetingFormat, Role, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import (
    AddedSignup,
    DuplicatePersonError,
    add_signup,
    find_person,
    get_signup,
    list_people,
    list_signups,
    program_years,
    remove_signup,
    set_signup_status,
    update_signup,
    withdraw_signup,
)
from ams_desk.store.rows import NotFoundError

MENTOR = SignupInput(Role.MENTOR, date(2026, 1, 10), 2026, ("Career guidance",), capacity=2)
MENTEE = SignupInput(Role.MENTEE, date(2026, 2, 1), 2026, ("Career guidance", "Networking"))


def _person(
    name: str = "Ärztin Özdemir", email: str = "Ärztin.Oz@Example.org", **kw: object
) -> PersonInput:
    fields: dict[str, object] = {"position": "Full professor", "projects": ("Roboat",)}
    fields.update(kw)
    return PersonInput(name, email, **fields)  # type: ignore[arg-type]


def test_add_and_read_back(any_db: Database) -> None:
    added = add_signup(any_db, _person(languages=("English", "Dutch")), MENTOR)
    assert added.person_created
    person, signup = get_signup(any_db, added.signup_id)
    assert person.name == "Ärztin Özdemir"
    assert person.email == "Ärztin.Oz@example.org"  # domain normalised, local part kept
    assert person.projects == ("Roboat",)
    assert person.languages == ("English", "Dutch")
    assert signup.role is Role.MENTOR and signup.capacity == 2
    assert signup.topics == ("Career guidance",)
    [row] = list_signups(any_db, Role.MENTOR)
    assert (row.name, row.position, row.taken, row.status) == (
        "Ärztin Özdemir",
        "Full professor",
        0,
        SignupStatus.OPEN,
    )
    assert list_signups(any_db, Role.MENTEE) == []


def test_emails_are_unique_case_folded(any_db: Database) -> None:
    add_signup(any_db, _person(email="Ärztin@X.org"), MENTOR)
    with pytest.raises(DuplicatePersonError, match="already belongs to Ärztin Özdemir") as err:
        add_signup(any_db, _person(name="Someone Else", email="ärztin@x.ORG"), MENTEE)
    assert err.value.field == "email"
    assert len(list_people(any_db)) == 1
    assert find_person(any_db, "ÄRZTIN@x.org") is not None


def test_new_signup_for_an_existing_person_keeps_history(any_db: Database) -> None:
    first = add_signup(any_db, _person(), MENTOR)
    second = add_signup(
        any_db,
        _person(),
        SignupInput(Role.MENTOR, date(2027, 1, 3), 2027, capacity=1),
        existing_person_id=first.person_id,
    )
    assert not second.person_created
    assert second.person_id == first.person_id
    assert program_years(any_db) == [2027, 2026]
    assert len(list_signups(any_db)) == 2


@pytest.mark.parametrize(
    ("person", "signup", "field", "message"),
    [
        (_person(email="not-an-email"), MENTOR, "email", "not a valid email address"),
        (_person(email="  "), MENTOR, "email", "email address is needed"),
        (_person(name=" \t"), MENTOR, "name", "A name is needed"),
        (
            _person(),
            SignupInput(Role.MENTOR, date(2026, 1, 1), 2026, capacity=0),
            "capacity",
            "between 1 and 10",
        ),
        (
            _person(),
            SignupInput(Role.MENTOR, date(2026, 1, 1), 2026, capacity=40),
            "capacity",
            "not 40",
        ),
        (
            _person(),
            SignupInput(Role.MENTEE, date(2026, 1, 1), 1999),
            "program_year",
            "not a program year",
        ),
    ],
)
def test_invalid_input_is_refused_with_the_field(
    db: Database, person: PersonInput, signup: SignupInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        add_signup(db, person, signup)
    assert err.value.field == field
    assert list_people(db) == []


def test_text_is_cleaned_and_position_canonical(db: Database) -> None:
    added = add_signup(
        db,
        PersonInput(
            "  Zoë   van\x00 den Berg ",
            "zoe@x.org",
            position=" postdoc ",
            projects=(" Urban  Heat ", ""),
        ),
        SignupInput(Role.MENTEE, date(2026, 3, 1), 2026, motivation='=HYPERLINK("x")\r\nline 2'),
    )
    person, signup = get_signup(db, added.signup_id)
    assert person.name == "Zoë van den Berg"
    assert person.position == "Postdoc"
    assert person.projects == ("Urban Heat",)
    assert signup.motivation == '=HYPERLINK("x")\nline 2'


def test_update_returns_previous_values_and_undo_restores(any_db: Database) -> None:
    added = add_signup(any_db, _person(), MENTOR)
    before = get_signup(any_db, added.signup_id)
    previous = update_signup(
        any_db,
        added.signup_id,
        _person(
            name="Ärztin Özdemir-Smit", department="Physics", projects=("Roboat", "Urban Heat")
        ),
        SignupInput(
            Role.MENTOR, date(2026, 1, 10), 2026, ("Leadership",), MeetingFormat.ONLINE, capacity=3
        ),
    )
    person, signup = get_signup(any_db, added.signup_id)
    assert person.name == "Ärztin Özdemir-Smit" and person.projects == ("Roboat", "Urban Heat")
    assert signup.capacity == 3 and signup.meeting_format is MeetingFormat.ONLINE
    update_signup(any_db, added.signup_id, *previous)
    assert get_signup(any_db, added.signup_id) == before


def test_update_to_an_email_of_someone_else_is_refused(db: Database) -> None:
    add_signup(db, _person(email="a@x.org"), MENTOR)
    other = add_signup(db, _person(name="B", email="b@x.org"), MENTOR)
    with pytest.raises(DuplicatePersonError):
        update_signup(db, other.signup_id, _person(name="B", email="A@X.org"), MENTOR)
    assert get_signup(db, other.signup_id)[0].email == "b@x.org"


def test_withdraw_and_restore(any_db: Database) -> None:
    added = add_signup(any_db, _person(), MENTEE)
    assert withdraw_signup(any_db, added.signup_id) is SignupStatus.OPEN
    assert get_signup(any_db, added.signup_id)[1].status is SignupStatus.WITHDRAWN
    set_signup_status(any_db, added.signup_id, SignupStatus.OPEN)
    assert get_signup(any_db, added.signup_id)[1].status is SignupStatus.OPEN


def test_withdraw_refused_while_in_a_live_pair(db: Database) -> None:
    mentor = add_signup(db, _person(), MENTOR)
    mentee = add_signup(
        db, _person(name="Jan", email="jan@x.org", position="PhD candidate", projects=()), MENTEE
    )
    create_pair(db, mentor.signup_id, mentee.signup_id)
    with pytest.raises(ValidationError, match="cancel the pair first"):
        withdraw_signup(db, mentee.signup_id)
    assert get_signup(db, mentee.signup_id)[1].status is SignupStatus.MATCHED


def test_capacity_cannot_drop_below_live_pairs(db: Database) -> None:
    mentor = add_signup(db, _person(), MENTOR)
    for i in range(2):
        mentee = add_signup(
            db, _person(name=f"M{i}", email=f"m{i}@x.org", position="Postdoc", projects=()), MENTEE
        )
        create_pair(db, mentor.signup_id, mentee.signup_id)
    with pytest.raises(ValidationError, match="already take 2 .drafts and closed pairs count too"):
        update_signup(
            db,
            mentor.signup_id,
            _person(),
            SignupInput(Role.MENTOR, date(2026, 1, 10), 2026, capacity=1),
        )


def test_remove_undoes_an_add_and_redo_reuses_ids(any_db: Database) -> None:
    added = add_signup(any_db, _person(), MENTOR)
    remove_signup(any_db, added)
    assert list_people(any_db) == [] and list_signups(any_db) == []
    again = add_signup(any_db, _person(), MENTOR, reuse_ids=added)
    assert again == added


def test_remove_keeps_a_person_with_other_signups(db: Database) -> None:
    first = add_signup(db, _person(), MENTOR)
    second = add_signup(
        db,
        _person(),
        SignupInput(Role.MENTOR, date(2027, 1, 1), 2027),
        existing_person_id=first.person_id,
    )
    remove_signup(db, AddedSignup(second.person_id, second.signup_id, person_created=True))
    assert len(list_people(db)) == 1


def test_missing_rows_raise_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        get_signup(db, 999)
    with pytest.raises(NotFoundError):
        withdraw_signup(db, 999)


def test_list_is_newest_sign_up_first_with_projects_sorted(any_db: Database) -> None:
    for day, name in ((5, "Old"), (20, "New"), (12, "Mid")):
        add_signup(
            any_db,
            _person(name=name, email=f"{name}@x.org", projects=("Zebra Lab", "alpha Project")),
            SignupInput(Role.MENTEE, date(2026, 2, day), 2026),
        )
    rows = list_signups(any_db)
    assert [r.name for r in rows] == ["New", "Mid", "Old"]
    assert rows[0].projects == ("alpha Project", "Zebra Lab")
    assert rows[0].signed_up == date(2026, 2, 20)
