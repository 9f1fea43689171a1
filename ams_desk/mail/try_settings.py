""""Send a test email to me": one email to the team's own address, through the settings given.

Nothing is stored: the message is built, checked and handed to the bridge
like an outbox message, so the test goes exactly the way the program's
emails will (connection, security, login, the server's acceptance).
"""

from __future__ import annotations

from datetime import datetime

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.bridge import Bridge
from ams_desk.mail.message import build_message
from ams_desk.mail.settings import MailSettings
from ams_desk.store.outbox import OutboxMessage

TEST_SUBJECT = "AMS Desk: test email"
TEST_BODY = """This is a test email from AMS Desk.

If you read this in the team's inbox, the mail settings work: the program's
emails will go out the same way.
"""


def trial_message(settings: MailSettings) -> OutboxMessage:
    """The test email to the From address, as an (unstored) outbox message.

    Raises:
        ValidationError: The From address is missing or not an address.
    """
    sender = settings.sender
    built = build_message(sender=sender, to=[sender], subject=TEST_SUBJECT, body=TEST_BODY)
    now = datetime.now().replace(microsecond=0)
    return OutboxMessage(
        id=0, template_key="test", pair_id=None, signup_id=None, message_id=built.message_id,
        subject=built.subject, sender=built.sender, to=built.to, cc=(), bcc=(),
        state=OutboxState.SENDING, attempts=0, last_error="", queued_at=now, queued_by="",
        sent_at=None, raw=built.raw,
    )


def send_test_email(settings: MailSettings, bridge: Bridge) -> str:
    """Send the test email through ``bridge``; return one line saying where it went.

    Raises:
        SendError: Whatever the bridge met (refused login, no connection, a refusal).
    """
    message = trial_message(settings)
    try:
        bridge.send(message)
    finally:
        bridge.close()
    return f"Test email sent to {settings.from_address} through {bridge.name}. Check the inbox."
