"""An import queues the sign-up confirmation to its new sign-ups; undoing it takes them back."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from mail_helpers import mail_settings
from smtp_server import Server

from ams_desk.cli import main
from ams_desk.core.outbox import OutboxState
from ams_desk.mail.import_emails import queue_import_confirmations
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import MailSettings, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.mail.templates import Template, get_template, save_template
from ams_desk.sheets.importing.importer import choose_mapping
from ams_desk.sheets.importing.operations import apply_import
from ams_desk.sheets.importing.preview import build_preview
from ams_desk.sheets.importing.read.reader import read_table
from ams_desk.store.database import Database
from ams_desk.store.import_runs import UndoneImport
from ams_desk.store.outbox import claim, finish, list_outbox
from ams_desk.store.people import list_people, list_signups

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("sample", ["microsoft-forms-export.xlsx", "google-forms-export.csv"])
def test_cli_queues_one_confirmation_per_new_signup_and_undo_takes_them_back(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str], sample: str,
) -> None:
    save_mail_settings(db, mail_settings())
    url = f"sqlite:///{db_path}"
    code, out, err = _run(capsys, "--db", url, "import", str(SAMPLES / sample),
                          "--queue-confirmations", "--json")
    assert code == 0, err
    report = json.loads(out)
    created = report["signups_created"]
    assert created > 20 and report["confirmations_queued"] == created
    signups = {s.signup_id: s for s in list_signups(db)}
    outbox = list_outbox(db)
    assert len(outbox) == created == len(signups)
    assert {m.signup_id for m in outbox} == set(signups)  # one each, no more
    for message in outbox:
        signup = signups[message.signup_id]  # type: ignore[index]
        assert message.template_key == "signup_received" and message.state.value == "queued"
        assert message.to == (signup.email,) and message.pair_id is None
        body = message_from_bytes(message.raw, policy=policy.default).get_body(("plain",))
        assert body is not None and f"as a {signup.role.value}" in body.get_content()

    # The same file again: nothing new, so nothing queued.
    code, out, err = _run(capsys, "--db", url, "import", str(SAMPLES / sample),
                          "--queue-confirmations", "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (again["signups_created"], again["confirmations_queued"]) == (0, 0)
    assert [m.id for m in list_outbox(db)] == [m.id for m in outbox]

    code, out, err = _run(capsys, "--db", url, "import", "--undo", "--json")
    assert code == 0, err
    undone = json.loads(out)
    assert (undone["confirmations_removed"], undone["confirmations_kept"]) == (created, 0)
    assert list_outbox(db) == [] and list_signups(db) == [] and list_people(db) == []


def _import_with(db: Database, db_path: Path, capsys: pytest.CaptureFixture[str],
                 settings: MailSettings, sample: str, *flags: str) -> tuple[int, str, str]:
    save_mail_settings(db, settings)
    return _run(capsys, "--db", f"sqlite:///{db_path}", "import", str(SAMPLES / sample), *flags)


def test_cli_without_mail_set_up_imports_nothing(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _import_with(db, db_path, capsys, MailSettings(),
                                  "google-forms-export.csv", "--queue-confirmations")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "mail is not set up" in err and "Nothing was imported" in err
    assert list_people(db) == [] and list_outbox(db) == []


def test_cli_without_the_flag_queues_nothing(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _import_with(db, db_path, capsys, mail_settings(),
                                "excel-dutch-semicolon.csv", "--json")
    assert code == 0 and json.loads(out)["confirmations_queued"] == 0
    assert list_signups(db) and list_outbox(db) == []


def _preview(db: Database, sample: str) -> object:
    table = read_table(SAMPLES / sample)
    return build_preview(db, table, choose_mapping(db, table).mapping)


def test_a_confirmation_already_sent_stays_sent_through_undo_and_redo(any_db: Database) -> None:
    db = any_db
    preview = _preview(db, "google-forms-export.csv")
    with Server() as server:
        settings = mail_settings(port=server.port)
        save_mail_settings(db, settings)
        seen: list[tuple[int, int | None]] = []
        outcome = apply_import(db, preview, confirm=queue_import_confirmations,  # type: ignore[arg-type]
                               progress=lambda done, total: seen.append((done, total)))
        queued = list_outbox(db)
        assert outcome.value.confirmations == len(queued) == outcome.value.counts.signups_created
        assert seen[-1] == (len(queued), len(queued))  # the emails' progress comes last
        first = queued[0]
        sent = send_outbox(db, SmtpBridge(settings), settings, ids=[first.id])
    assert sent.sent == [first.id]
    assert [r.message_id for r in server.handler.received] == [first.message_id]
    refused = queued[1]  # a permanent refusal reached no one: it goes with the import
    assert claim(db, refused.id) is not None
    finish(db, refused.id, OutboxState.FAILED, by="test", error="550 no such user")

    assert outcome.undo is not None
    undo = outcome.undo(db)
    undone = undo.value
    assert isinstance(undone, UndoneImport)
    assert undone.emails_kept == (first.id,)
    assert set(undone.emails_removed) == {m.id for m in queued[1:]}
    assert "already sent (or handed to a mail program) and cannot be called back" in (
        undone.summary())
    [kept] = list_outbox(db)
    assert (kept.id, kept.state.value, kept.raw) == (first.id, "sent", first.raw)
    assert list_signups(db) == []

    # Made again (Redo): everyone else is written to again, not the one who has it already.
    assert undo.undo is not None
    redo = undo.undo(db)
    again = [m for m in list_outbox(db) if m.id != first.id]
    assert redo.value.confirmations == len(again) == len(queued) - 1
    assert first.to[0] not in {a for m in again for a in m.to}
    assert all(m.state.value == "queued" for m in again)


def test_a_confirmation_that_does_not_render_imports_nothing(db: Database) -> None:
    save_mail_settings(db, mail_settings())
    shipped = get_template(db, "signup_received")
    save_template(db, Template(shipped.key, shipped.name, shipped.subject,
                               "Dear {{ person.nickname }},\n", shipped.to_roles,
                               shipped.cc_roles))
    with pytest.raises(Exception, match="nickname") as raised:
        apply_import(db, _preview(db, "google-forms-export.csv"),  # type: ignore[arg-type]
                     confirm=queue_import_confirmations)
    assert "signup_received" in str(raised.value) or "Sign-up" in str(raised.value)
    assert list_people(db) == [] and list_signups(db) == [] and list_outbox(db) == []
