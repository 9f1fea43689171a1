"""The .eml bridge (real files, parsed back) and the Outlook bridge (a stand-in COM object)."""

from __future__ import annotations

import threading
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from mail_helpers import Cast, mail_settings
from outlook_stand_in import FakeCom, FakeOutlook

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.eml import EmlBridge
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.outlook import NO_OUTLOOK, OutlookBridge, OutlookMode
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import save_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.outbox import get_message
from ams_desk.store.pairs import get_pair


def test_eml_drafts_reparse_cleanly_and_keep_the_message(
    db: Database, cast: Cast, tmp_path: Path
) -> None:
    save_mail_settings(db, mail_settings(bcc="archive@ams.org"))
    ids = [queue_email(db, "introduction_to_mentee", pair_id=cast.pair_id).id,
           queue_email(db, "signup_received", signup_id=cast.mentor.signup_id).id]
    bridge = EmlBridge(tmp_path / "drafts")
    report = send_outbox(db, bridge, mail_settings())
    assert report.exported == ids and report.sent == []
    assert report.summary() == "2 saved as drafts of 2."
    files = sorted((tmp_path / "drafts").iterdir())
    assert [p.suffix for p in files] == [".eml", ".eml"]  # no .part left
    for path, outbox_id in zip(files, ids, strict=True):
        stored = get_message(db, outbox_id)
        assert stored.state is OutboxState.EXPORTED
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert parsed["X-Unsent"] == "1"
        assert parsed["Message-ID"] == stored.message_id
        assert [a.addr_spec for a in parsed["Bcc"].addresses] == ["archive@ams.org"]
        assert path.read_bytes().endswith(stored.raw)  # the queued bytes, unchanged
    intro = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in intro["To"].addresses] == ["jan@ams.org"]
    assert [a.addr_spec for a in intro["Cc"].addresses] == ["eva@ams.org"]
    assert "Dear Jan," in intro.get_content()
    kinds = [e.kind for e in get_pair(db, cast.pair_id).events if e.kind.startswith("email_")]
    assert kinds == ["email_queued", "email_exported"]


def test_eml_folder_that_cannot_be_written_leaves_messages_visible(
    db: Database, cast: Cast, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    outbox_id = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id).id
    report = send_outbox(db, EmlBridge(blocker / "drafts"), mail_settings())
    assert report.failed == [outbox_id]
    assert "cannot create the folder" in get_message(db, outbox_id).last_error


@pytest.mark.parametrize(("mode", "verb", "state"), [
    (OutlookMode.SEND, "Send", OutboxState.SENT),
    (OutlookMode.DRAFTS, "Save", OutboxState.EXPORTED),
    (OutlookMode.DISPLAY, "Display", OutboxState.EXPORTED),
])
def test_outlook_bridge_on_a_worker_thread(
    db: Database, cast: Cast, mode: OutlookMode, verb: str, state: OutboxState
) -> None:
    save_mail_settings(db, mail_settings(bcc="archive@ams.org"))
    outbox_id = queue_email(db, "introduction_to_mentee", pair_id=cast.pair_id).id
    outlook, com = FakeOutlook(), FakeCom()
    made: list[str] = []

    def dispatch(name: str) -> FakeOutlook:
        made.append(name)
        return outlook

    bridge = OutlookBridge(mode, on_behalf_of="mentorship@ams.org", dispatch=dispatch, com=com)
    worker = threading.Thread(target=send_outbox, args=(db, bridge, mail_settings()),
                              name="mail-worker")
    worker.start()
    worker.join(30)
    assert made == ["Outlook.Application"]
    assert com.calls == [("init", "mail-worker"), ("uninit", "mail-worker")]
    log = dict(outlook.log)
    assert log["To"] == "jan@ams.org" and log["CC"] == "eva@ams.org"
    assert log["BCC"] == "archive@ams.org"
    assert log["SentOnBehalfOfName"] == "mentorship@ams.org"
    assert log["Subject"] == "Your mentor in the AMS Mentorship Program: Eva Müller"
    assert "Dear Jan," in log["Body"] and "\r\n" not in log["Body"]
    assert log["property"] == get_message(db, outbox_id).message_id
    assert verb in log
    assert get_message(db, outbox_id).state is state


def test_without_outlook_a_clear_message_and_nothing_lost(db: Database, cast: Cast) -> None:
    outbox_id = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id).id

    def dispatch(name: str) -> Any:
        raise OSError("Invalid class string")  # what COM says when Outlook is not registered

    report = send_outbox(db, OutlookBridge(dispatch=dispatch, com=FakeCom()), mail_settings())
    assert report.stopped == NO_OUTLOOK and report.left_queued == [outbox_id]
    assert "eml" in NO_OUTLOOK.lower()
    # And without pywin32 at all (this machine): the same message.
    report = send_outbox(db, OutlookBridge(), mail_settings())
    assert report.stopped == NO_OUTLOOK
    assert get_message(db, outbox_id).state is OutboxState.QUEUED
