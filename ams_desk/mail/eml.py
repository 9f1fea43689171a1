"""The .eml bridge: each message saved as a draft file any mail program opens for sending.

The file holds the stored bytes with ``X-Unsent: 1`` (Outlook, Thunderbird and
Apple Mail open such a file as a new message ready to send) and, if the
message has blind copies, a ``Bcc`` header — a draft must say who gets one;
the mail program removes it when it sends. The file is written to a
temporary name, checked by parsing it again, and then renamed, so a crash
never leaves half a file under a real name.
"""

from __future__ import annotations

import os
import re
from email import message_from_bytes, policy
from pathlib import Path

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.bridge import PermanentError, TransientError
from ams_desk.mail.message import MessageCheckError, check_envelope
from ams_desk.store.outbox import OutboxMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def draft_bytes(message: OutboxMessage) -> bytes:
    """The stored bytes as a draft: ``X-Unsent: 1`` (and ``Bcc``) before the other headers."""
    extra = b"X-Unsent: 1\r\n"
    if message.bcc:
        extra += b"Bcc: " + ", ".join(message.bcc).encode("ascii") + b"\r\n"
    return extra + message.raw


def file_name(message: OutboxMessage) -> str:
    """``0042-proposal_to_mentor-eva_ams.org.eml``: sortable, no characters any system refuses."""
    to = _UNSAFE.sub("_", message.to[0] if message.to else "draft")[:60]
    return f"{message.id:04d}-{_UNSAFE.sub('_', message.template_key)[:40]}-{to}.eml"


class EmlBridge:
    """Save messages as .eml drafts in ``folder`` (their state becomes ``exported``)."""

    done_state = OutboxState.EXPORTED

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = f".eml drafts in {folder}"
        self.written: list[Path] = []

    def open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PermanentError(f"cannot create the folder {self.folder}: "
                                 f"{exc.strerror or exc}") from None

    def send(self, message: OutboxMessage) -> None:
        """Write one draft file.

        Raises:
            PermanentError: The stored bytes do not check out, or the folder cannot be written.
        """
        if not self.folder.is_dir():
            self.open()
        data = draft_bytes(message)
        try:
            check_envelope(message.raw, message.sender, message.envelope, message.bcc)
            parsed = message_from_bytes(data, policy=policy.default)
            if parsed["X-Unsent"] != "1" or parsed["Message-ID"] != message.message_id:
                raise MessageCheckError("the draft does not read back as written")
        except MessageCheckError as exc:
            raise PermanentError(f"not saved: {exc}") from None
        target = self.folder / file_name(message)
        temporary = target.with_suffix(".eml.part")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            if exc.errno is not None and exc.errno in (28,):  # disk full: may pass later
                raise TransientError(f"cannot write {target}: {exc.strerror}") from None
            raise PermanentError(f"cannot write {target}: {exc.strerror or exc}") from None
        self.written.append(target)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass
