"""Showing an email as it will go out: headers and body read back from its bytes, or a rendering.

The Outbox shows the stored bytes themselves, parsed again: what the
coordinator reads there is what the server receives. A preview before
queueing shows the rendered subject and body with the recipients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from html import escape

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID")
"""The headers the preview lists, in this order (others are shown in the source view)."""


@dataclass(frozen=True)
class MessageText:
    """An email read back from its bytes: the headers it carries and its plain-text body."""

    headers: tuple[tuple[str, str], ...]
    body: str

    def header(self, name: str) -> str:
        """The decoded value of header ``name`` ("" if absent)."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return ""


def read_message(raw: bytes) -> MessageText:
    """Parse stored bytes back into decoded headers (all of them, in order) and the body."""
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    headers = tuple((str(k), str(v)) for k, v in parsed.items())
    part = parsed.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    return MessageText(headers, str(body).replace("\r\n", "\n"))


def message_plain_text(message: MessageText, *, all_headers: bool = False) -> str:
    """The message as a mail program shows it: the headers, a blank line, the body."""
    if all_headers:
        lines = [f"{k}: {v}" for k, v in message.headers]
    else:
        lines = [f"{name}: {message.header(name)}" for name in SHOWN_HEADERS
                 if message.header(name)]
    return "\n".join(lines) + "\n\n" + message.body


def preview_html(
    subject: str, to: Sequence[str], cc: Sequence[str], body: str, *, sender: str = "",
    wrap: bool = False,
) -> str:
    """A rendered email (before it is queued) as HTML: a header block over the plain body.

    Args:
        wrap: Fit a preview narrower than the email: the body's paragraphs are
            shown reflowed (:func:`reflowed`) and broken at the preview's width
            instead of kept whole behind a horizontal scroll bar.
    """
    rows = []
    for label, value in (("From", sender), ("To", ", ".join(to)), ("Cc", ", ".join(cc)),
                         ("Subject", subject)):
        if value:
            rows.append(f"<tr><td style='color:#5c6670; padding-right:10px'>{label}</td>"
                        f"<td>{'<b>' if label == 'Subject' else ''}{escape(value)}"
                        f"{'</b>' if label == 'Subject' else ''}</td></tr>")
    return (
        f"<table style='margin-bottom:10px; background:#f6f8fa' width='100%' cellpadding='3'>"
        f"{''.join(rows)}</table>"
        f"<pre style='font-family:sans-serif; white-space:{'pre-wrap' if wrap else 'pre'}'>"
        f"{escape(reflowed(body) if wrap else body)}</pre>"
    )


REFLOW_FROM = 60
"""A line at least this long was broken by the template's author at the email's width."""


def reflowed(body: str) -> str:
    """``body`` with the line breaks that only keep lines short (≥ :data:`REFLOW_FROM`) joined.

    Shorter lines (a greeting, a signature, a list) keep their breaks, so that a
    narrow preview wraps paragraphs evenly instead of leaving half-empty lines.
    """
    lines = body.split("\n")
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line.strip():
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"
        else:
            out.append(line)
        joining = len(line) >= REFLOW_FROM
    return "\n".join(out)


def error_html(message: str) -> str:
    """An email that cannot be written, said in the preview's place."""
    return f"<p style='color:#b3261e'><b>This email cannot be written.</b><br>{escape(message)}</p>"
