"""Needs attention as the store reads it: both people and the step, drafts, who cannot be placed."""

from __future__ import annotations

from datetime import date, datetime

from ams_desk.core.attention import AttentionReason
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store.board import place_draft
from ams_desk.store.database import Database
from ams_desk.store.pair_rows import attention_entries
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import add_signup

TODAY = date(2026, 6, 1)


def _add(db: Database, name: str, position: str, role: Role, day: date) -> int:
    email = name.split()[0].lower() + "@ams.org"
    return add_signup(db, PersonInput(name, email, position, "Energy"),
                      SignupInput(role, day, day.year)).signup_id


def test_entries_name_people_steps_drafts_and_blockers(any_db: Database) -> None:
    eva = _add(any_db, "Eva Müller", "Full professor", Role.MENTOR, date(2026, 1, 5))
    lars = _add(any_db, "Lars Berg", "Associate professor", Role.MENTOR, date(2026, 1, 6))
    jan = _add(any_db, "Jan Jansen", "PhD candidate", Role.MENTEE, date(2026, 1, 10))
    mia = _add(any_db, "Mia Smit", "Postdoc", Role.MENTEE, date(2025, 2, 1))
    pim = _add(any_db, "Pim Post", "Lab manager", Role.MENTEE, date(2026, 2, 2))
    create_pair(any_db, eva, jan, at=datetime(2026, 5, 20, 9))
    place_draft(any_db, lars, mia, at=datetime(2026, 5, 25, 9))
    entries = {(e.item.pair_id, e.item.signup_id): e for e in attention_entries(any_db, TODAY)}
    [pair] = [e for e in entries.values() if e.item.pair_id is not None]
    assert pair.item.reason is AttentionReason.PROPOSAL_UNANSWERED
    assert pair.who == "Eva Müller → Jan Jansen"
    assert pair.about == ("Proposed to mentor 2026-05-20: Eva Müller (mentor) and Jan Jansen "
                          "(mentee), 2026")
    waiting = {e.who: e for e in entries.values() if e.item.signup_id is not None}
    assert set(waiting) == {"Mia Smit", "Pim Post"}  # Mia still waits: her draft told no one
    assert waiting["Mia Smit"].draft_with == "Lars Berg" and not waiting["Mia Smit"].blocked
    assert waiting["Mia Smit"].about == "Postdoc, signed up 2025-02-01 (2025)"
    # Eva has a place left, but Pim's position is not on the ladder.
    assert waiting["Pim Post"].blocked.startswith("their position “Lab manager” is not on")
    place_draft(any_db, eva, pim, override="Agreed with the director")
    entries_after = attention_entries(any_db, TODAY)
    assert {e.who: e.draft_with for e in entries_after if e.item.signup_id} == {
        "Mia Smit": "Lars Berg", "Pim Post": "Eva Müller"}
