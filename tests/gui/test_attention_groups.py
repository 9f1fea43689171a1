"""Needs attention in groups: late pair steps first, each group counted, both people and the
step named, and why a waiting mentee cannot be placed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

import ams_desk.core.attention as attention
from ams_desk.core.attention import GROUP_ORDER, AttentionReason, group_rank, why_not_placed
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup, add_signup

MakeWindow = Callable[[], MainWindow]


def _headings(window: MainWindow) -> list[str]:
    groups = window.attention.groups
    return [str(groups.index(g, 0).data()) for g in range(groups.rowCount())]


def _rows(window: MainWindow, group: int) -> list[list[str]]:
    groups = window.attention.groups
    parent = groups.index(group, 0)
    return [[str(groups.index(r, c, parent).data()) for c in range(groups.columnCount())]
            for r in range(groups.rowCount(parent))]


def test_pair_steps_come_first_in_groups_with_counts(
    make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    # A proposal of May 20 unanswered for 12 days; four mentees waiting since March.
    create_pair(db, people["eva"].signup_id, people["jose"].signup_id,
                at=datetime(2026, 5, 20, 9), by="Anouk")
    window = make_window()
    assert _headings(window) == ["Mentor has not answered the proposal  ·  1",
                                 "Mentee waiting for a match  ·  3"]
    assert window.attention.model.rowCount() == 4  # the tab's count: items, not groups
    assert window.tabs.tabText(0) == "Needs attention  (4)"
    # Both people and the step, in About.
    [pair] = _rows(window, 0)
    assert pair[0] == "Eva Müller → José Muñoz"
    assert pair[3] == ("Proposed to mentor 2026-05-20: Eva Müller (mentor) and José Muñoz "
                       "(mentee), 2026")
    ModelTester(None).check(window.attention.groups, force_py=True)  # its own tester
    # A row under a heading opens; a heading does nothing.
    window.attention.table.setCurrentIndex(window.attention.groups.index(0, 0))
    assert window.attention.current_entry() is None
    assert not window.attention.open_button.isEnabled()
    window.attention.select_row(window.attention.model.find_row(
        lambda r: r.item.pair_id is not None))
    assert window.attention.remind_button.isEnabled()
    window.attention.open_current()
    assert window.tabs.currentWidget() is window.pairs


def test_sorting_keeps_the_groups(make_window: MakeWindow, db: Database,
                                  people: dict[str, AddedSignup]) -> None:
    create_pair(db, people["eva"].signup_id, people["jose"].signup_id,
                at=datetime(2026, 5, 20, 9))
    window = make_window()
    window.attention.table.header().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # Who
    assert _headings(window)[0].startswith("Mentor has not answered")
    assert [row[0] for row in _rows(window, 1)] == [
        "Ayşe Öztürk", "Nguyễn Thị Hương", "Zoë van den Berg"]


def test_why_a_waiting_mentee_cannot_be_placed(
    make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    for name, email, position in (("Pim Post", "pim@ams.org", "Lab manager"),
                                  ("Fenna Hoog", "fenna@ams.org", "Full professor")):
        add_signup(db, PersonInput(name, email, position, "Energy"),
                   SignupInput(Role.MENTEE, date(2026, 2, 2), 2026))
    window = make_window()
    [waiting] = [g for g, text in enumerate(_headings(window)) if text.startswith("Mentee")]
    about = {row[0]: row[3] for row in _rows(window, waiting)}
    assert about["Pim Post"] == (
        "Lab manager, signed up 2026-02-02 (2026) — cannot be placed: their position “Lab "
        "manager” is not on the seniority ladder: correct it in the sign-up")
    assert about["Fenna Hoog"].endswith(
        "cannot be placed: no mentor with a free place ranks above Full professor")
    assert about["José Muñoz"] == "Postdoc, signed up 2026-03-11 (2026)"  # Eva or Łukasz may
    assert "· 2 cannot be placed now" in window.attention.summary_label.text()


def test_kinds_are_data_and_a_new_kind_gets_its_own_group_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ordered = sorted(AttentionReason, key=group_rank)
    assert ordered == list(GROUP_ORDER)  # the pair steps in the program's order, then mentees
    # A kind the order does not list yet (as a new one would be) comes after the listed ones.
    monkeypatch.setattr(attention, "GROUP_ORDER", GROUP_ORDER[:3])
    assert group_rank(AttentionReason.MENTEE_WAITING) > group_rank(AttentionReason.NO_EVALUATION)
    ladder = SeniorityLadder()
    assert why_not_placed("PhD candidate", ladder, []) == "no mentor has a free place"
    assert why_not_placed("PhD", ladder, [2]) is None
