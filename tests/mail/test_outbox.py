"""The outbox: queueing renders once, states move as the rules say, the timeline follows."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from mail_helpers import Cast, mail_settings

from ams_desk.core.outbox import OutboxMoveError, OutboxState
from ams_desk.core.validation import ValidationError
from ams_desk.mail.outbox import (
    NotSetUpError,
    cancel_email,
    confirm_arrived,
    edit_queued,
    preview_email,
    queue_email,
    queue_many,
    requeue_email,
    restore_content,
    unqueue_email,
)
from ams_desk.mail.render import RenderError
from ams_desk.mail.settings import (
    MailSettings,
    Security,
    get_mail_settings,
    save_mail_settings,
)
from ams_desk.mail.templates import Template, save_template
from ams_desk.store.database import Database
from ams_desk.store.outbox import (
    claim,
    finish,
    get_message,
    list_outbox,
    recover_interrupted,
)
from ams_desk.store.pairs import get_pair
from ams_desk.store.rows import NotFoundError


def _email_events(db: Database, pair_id: int) -> list[tuple[str, str]]:
    return [(e.kind, (e.details or {}).get("message_id", ""))
            for e in get_pair(db, pair_id).events if e.kind.startswith("email_")]


def test_queue_stores_the_previewed_bytes_and_message_id(db: Database, cast: Cast) -> None:
    preview = preview_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    assert message.state is OutboxState.QUEUED and message.attempts == 0
    assert message.to == ("eva@ams.org",) and message.cc == ()
    assert message.subject == preview.built.subject == "Would you mentor Jan Jansen?"
    parsed = message_from_bytes(message.raw, policy=policy.default)
    assert parsed["Message-ID"] == message.message_id
    assert message.message_id.endswith("@ams.org>")
    assert parsed.get_content().replace("\r\n", "\n") == preview.text.body
    assert str(parsed["From"]) == "AMS Mentorship Team <mentorship@ams.org>"
    assert _email_events(db, cast.pair_id) == [("email_queued", message.message_id)]
    assert get_message(db, message.id) == message
    assert message.to_json()["to"] == ["eva@ams.org"]
    assert set(message.to_json()) == {"id", "template", "pair_id", "signup_id", "to", "cc",
                                      "subject", "message_id", "state", "attempts",
                                      "last_error", "queued_at", "sent_at"}


def test_person_history_lists_their_emails(db: Database, cast: Cast) -> None:
    intro = Template("intro_copy", "Intro", "Hi {{ mentee.first_name }}", "Body\n",
                     ("mentee",), ("mentor", "team"))
    save_template(db, intro)
    message = queue_email(db, "intro_copy", pair_id=cast.pair_id)
    assert message.cc == ("eva@ams.org", "mentorship@ams.org")
    assert [m.id for m in list_outbox(db, person_id=cast.mentor.person_id)] == [message.id]
    assert [m.id for m in list_outbox(db, person_id=cast.mentee.person_id)] == [message.id]
    signup_mail = queue_email(db, "signup_received", signup_id=cast.mentee.signup_id)
    assert signup_mail.pair_id is None
    assert [m.id for m in list_outbox(db, person_id=cast.mentee.person_id)] == [
        message.id, signup_mail.id]
    assert [m.id for m in list_outbox(db, pair_id=cast.pair_id)] == [message.id]


def test_a_template_that_does_not_render_stores_nothing(db: Database, cast: Cast) -> None:
    with pytest.raises(RenderError) as caught:
        queue_email(db, "response_reminder_to_mentor", pair_id=cast.pair_id)
    assert caught.value.template == "response_reminder_to_mentor"
    assert caught.value.pair_id == cast.pair_id
    assert list_outbox(db) == [] and _email_events(db, cast.pair_id) == []


def test_queue_many_is_all_or_nothing(db: Database, cast: Cast) -> None:
    with pytest.raises(NotFoundError):
        queue_many(db, "proposal_to_mentor", [cast.pair_id, 999_999])
    assert list_outbox(db) == []
    queued = queue_many(db, "proposal_to_mentor", [cast.pair_id])
    assert [m.pair_id for m in queued] == [cast.pair_id]


def test_a_batch_is_stored_in_order_with_its_events_and_people(any_db: Database) -> None:
    from mail_helpers import T0, add_person, make_cast

    from ams_desk.core.model import Role
    from ams_desk.core.workflow import PairStatus
    from ams_desk.store.pairs import create_pair

    db = any_db
    cast = make_cast(db)
    other = add_person(db, "Zoë Ñúñez", "zoe@ams.org", "PhD candidate", Role.MENTEE)
    second = create_pair(db, cast.mentor.signup_id, other.signup_id,
                         status=PairStatus.PROPOSED, at=T0).id
    get_pair(db, second)  # its timeline read before the batch
    order = [second, cast.pair_id, second]
    queued = queue_many(db, "proposal_to_mentor", order)
    assert [m.pair_id for m in queued] == order
    assert len({m.message_id for m in queued}) == 3
    assert [m.subject for m in queued] == ["Would you mentor Zoë Ñúñez?",
                                           "Would you mentor Jan Jansen?",
                                           "Would you mentor Zoë Ñúñez?"]
    for message in queued:
        parsed = message_from_bytes(message.raw, policy=policy.default)
        assert parsed["Message-ID"] == message.message_id
        assert parsed["Subject"] == message.subject
    assert [m.person_ids for m in queued] == [(cast.mentor.person_id,)] * 3
    assert _email_events(db, second) == [("email_queued", queued[0].message_id),
                                         ("email_queued", queued[2].message_id)]
    assert _email_events(db, cast.pair_id) == [("email_queued", queued[1].message_id)]
    outbox_ids = [(e.details or {}).get("outbox_id") for e in get_pair(db, second).events
                  if e.kind == "email_queued"]
    assert outbox_ids == [str(queued[0].id), str(queued[2].id)]
    assert [m.id for m in list_outbox(db, person_id=cast.mentor.person_id)] == [
        m.id for m in sorted(queued, key=lambda m: m.id)]


def test_a_batch_past_one_insert_page_keeps_each_message_with_its_pair(any_db: Database) -> None:
    """1,100 messages: more than one page of the multi-row INSERT (1,000 rows a page)."""
    from mail_helpers import T0, add_person, make_cast

    from ams_desk.core.model import Role
    from ams_desk.core.workflow import PairStatus
    from ams_desk.store.pairs import create_pair

    db = any_db
    cast = make_cast(db)
    pairs = [cast.pair_id]
    for n in range(2):
        mentee = add_person(db, f"Mentee {n}", f"mentee{n}@ams.org", "PhD candidate",
                            Role.MENTEE)
        pairs.append(create_pair(db, cast.mentor.signup_id, mentee.signup_id,
                                 status=PairStatus.PROPOSED, at=T0).id)
    order = [pairs[(i * 7) % 3] for i in range(1100)]
    queued = queue_many(db, "proposal_to_mentor", order)
    assert [m.pair_id for m in queued] == order
    stored = {m.id: m for m in list_outbox(db)}
    for message in queued:
        assert stored[message.id].message_id == message.message_id
        assert stored[message.id].raw == message.raw
    for pair_id in pairs:
        for event in get_pair(db, pair_id).events:
            if event.kind == "email_queued":
                assert event.details is not None
                kept = stored[int(event.details["outbox_id"])]
                assert (kept.pair_id, kept.message_id) == (pair_id, event.details["message_id"])


def test_without_a_sender_nothing_is_queued(db: Database, cast: Cast) -> None:
    save_mail_settings(db, MailSettings())
    with pytest.raises(NotSetUpError):
        queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)


def test_undo_of_a_queueing_removes_message_and_event(db: Database, cast: Cast) -> None:
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    unqueue_email(db, message.id)
    assert list_outbox(db) == [] and _email_events(db, cast.pair_id) == []
    sent = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    assert claim(db, sent.id) is not None
    with pytest.raises(OutboxMoveError):
        unqueue_email(db, sent.id)


def test_edit_keeps_message_id_and_undo_restores(db: Database, cast: Cast) -> None:
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    old = edit_queued(db, message.id, subject="A question", body="Dear Eva,\nwould you?\n")
    edited = get_message(db, message.id)
    assert edited.message_id == message.message_id and edited.subject == "A question"
    assert b"would you?" in edited.raw
    restore_content(db, message.id, old)
    assert get_message(db, message.id).raw == message.raw
    cancel_email(db, message.id)
    with pytest.raises(OutboxMoveError):
        edit_queued(db, message.id, subject="x", body="y")


def test_state_moves_and_their_events(db: Database, cast: Cast) -> None:
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    mid = message.message_id
    claimed = claim(db, message.id)
    assert claimed is not None and claimed.state is OutboxState.SENDING
    assert claimed.attempts == 1
    assert claim(db, message.id) is None  # nobody takes it twice
    finish(db, message.id, OutboxState.UNCONFIRMED, by="t", error="connection lost after DATA")
    with pytest.raises(OutboxMoveError):
        finish(db, message.id, OutboxState.SENT, by="t")
    assert confirm_arrived(db, message.id) is OutboxState.UNCONFIRMED
    assert get_message(db, message.id).sent_at is not None
    with pytest.raises(OutboxMoveError):
        requeue_email(db, message.id)  # a sent message is never sent again
    assert _email_events(db, cast.pair_id) == [
        ("email_queued", mid), ("email_unconfirmed", mid), ("email_sent", mid)]

    failed = queue_email(db, "proposal_reminder_to_mentor", pair_id=cast.pair_id)
    claim(db, failed.id)
    finish(db, failed.id, OutboxState.FAILED, by="t", error="550 5.1.1 no such user")
    assert get_message(db, failed.id).last_error == "550 5.1.1 no such user"
    requeue_email(db, failed.id)
    again = get_message(db, failed.id)
    assert again.state is OutboxState.QUEUED and again.message_id == failed.message_id
    assert again.raw == failed.raw


def test_messages_left_sending_become_unconfirmed(db: Database, cast: Cast) -> None:
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    claim(db, message.id)
    assert recover_interrupted(db, by="t") == [message.id]
    assert get_message(db, message.id).state is OutboxState.UNCONFIRMED
    assert recover_interrupted(db, by="t") == []
    assert _email_events(db, cast.pair_id)[-1] == ("email_unconfirmed", message.message_id)


def test_mail_settings_round_trip_and_validation(db: Database) -> None:
    settings = mail_settings(security=Security.TLS, port=465, user="team", bcc="copy@ams.org",
                             reply_to="reply@ams.org", per_hour=30, pause_seconds=2.5)
    before = save_mail_settings(db, settings)
    assert before == MailSettings()
    assert get_mail_settings(db) == settings
    assert not [key for key in settings.to_dict() if "pass" in key or "secret" in key]
    for bad, field in ((mail_settings(port=0), "port"),
                       (mail_settings(from_address="not an address"), "from"),
                       (mail_settings(bcc="a@b@"), "bcc"),
                       (mail_settings(pause_seconds=-1), "pause_seconds")):
        with pytest.raises(ValidationError) as caught:
            save_mail_settings(db, bad)
        assert caught.value.field == field
    assert get_mail_settings(db) == settings


def test_bcc_goes_to_the_envelope_only(db: Database, cast: Cast) -> None:
    save_mail_settings(db, mail_settings(bcc="archive@ams.org", reply_to="reply@ams.org"))
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    assert message.bcc == ("archive@ams.org",)
    assert message.envelope == ("eva@ams.org", "archive@ams.org")
    assert b"archive@ams.org" not in message.raw
    assert b"Reply-To: reply@ams.org" in message.raw
