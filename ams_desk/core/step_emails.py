"""Which standard email goes with which step of a pair, and which reminder with which delay.

DESIGN.md §4: each step offers its email, and nothing is sent without the
coordinator's Send. These tables are the one place that says which template
a step or an attention item offers; the GUI asks them.
"""

from __future__ import annotations

from ams_desk.core.attention import AttentionReason
from ams_desk.core.workflow import PairStatus

STEP_EMAILS: dict[PairStatus, str] = {
    PairStatus.PROPOSED: "proposal_to_mentor",
    PairStatus.MENTOR_AGREED: "introduction_to_mentee",
    PairStatus.MET: "evaluation_request_to_mentee",
    PairStatus.CLOSED: "closing_thanks",
}
"""The template a step offers to queue when it is recorded."""

SIGNUP_EMAIL = "signup_received"
"""The template a new sign-up offers to queue (the confirmation to the person)."""

REMINDER_EMAILS: dict[AttentionReason, str] = {
    AttentionReason.PROPOSAL_UNANSWERED: "proposal_reminder_to_mentor",
    AttentionReason.NO_MENTOR_RESPONSE: "response_reminder_to_mentor",
    AttentionReason.NO_EVALUATION: "evaluation_request_to_mentee",
}
"""The reminder a late item of the attention list offers (a waiting mentee has none)."""


def step_email(target: PairStatus) -> str | None:
    """The template key the step to ``target`` offers, if any."""
    return STEP_EMAILS.get(target)


def reminder_email(reason: AttentionReason) -> str | None:
    """The template key of the reminder for an attention item of ``reason``, if any."""
    return REMINDER_EMAILS.get(reason)


PREVIEW_STATUS: dict[str, PairStatus] = {
    **{key: status for status, key in STEP_EMAILS.items()},
    "proposal_reminder_to_mentor": PairStatus.PROPOSED,
    "response_reminder_to_mentor": PairStatus.FIRST_CONTACT,
}
"""The status a pair is in when a template is written for it: a preview picks such a pair."""
