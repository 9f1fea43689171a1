"""Each action refreshes only the views its changes touch; undo and redo do the same.

The views' reads from the store are counted: a view on screen reads once
per change that concerns it (only the rows touched — "some" — where it can),
a hidden one reads when it is shown, and a view the change does not concern
reads nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

import ams_desk.gui.attention_view as attention_view
import ams_desk.gui.board.board_view as board_view
import ams_desk.gui.pairs_view as pairs_view
import ams_desk.gui.people_view as people_view
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.scoring import MatchWeights
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.drafts import place_draft, propose_drafts
from ams_desk.store.pairs import get_pair
from ams_desk.store.people import AddedSignup, get_signup
from ams_desk.store.settings import get_program_settings

MakeWindow = Callable[[], MainWindow]


class Reads(Counter[str]):
    """How often each view read from the store since the last :meth:`take`."""

    def take(self) -> dict[str, int]:
        seen = dict(self)
        self.clear()
        return seen


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    counted = Reads()

    def counting(module: Any, name: str, key: Callable[..., str]) -> None:
        real = getattr(module, name)

        def read(*args: Any, **kwargs: Any) -> Any:
            counted[key(*args, **kwargs)] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, read)

    def signups(_db: Database, role: Role, **only: Any) -> str:
        return role.value + ("s, some" if only else "s")

    counting(people_view, "list_signups", signups)
    counting(attention_view, "attention_entries", lambda *_a: "attention")
    counting(pairs_view, "list_pair_rows",
             lambda _db, *only, **_scope: "pairs, some" if only else "pairs")
    counting(board_view, "load_board", lambda *_a, **_k: "board")
    return counted


def _shown(window: MainWindow, widget: Any, reads: Reads) -> dict[str, int]:
    """Show the tab of ``widget``; return what was read for it."""
    reads.take()
    window.tabs.setCurrentWidget(widget)
    return reads.take()


def test_withdraw_reads_the_signups_and_attention_only(
    make_window: MakeWindow, people: dict[str, AddedSignup], reads: Reads, db: Database
) -> None:
    window = make_window()
    mentees = window.views[Role.MENTEE]
    for widget in (mentees, window.pairs, window.board, window.views[Role.MENTOR]):
        _shown(window, widget, reads)  # every tab has read once
    window.tabs.setCurrentWidget(mentees)
    mentees.select_ids([people["jose"].signup_id])
    reads.take()

    window.withdraw_selected()
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.WITHDRAWN
    assert reads.take() == {"mentees, some": 1, "attention": 1}
    assert not window.views[Role.MENTOR].pending.loaded  # reads when shown
    assert not window.board.pending.loaded
    assert window.pairs.pending.loaded  # a sign-up's status is not on the Pairs tab
    assert _shown(window, window.board, reads) == {"board": 1}
    assert _shown(window, window.pairs, reads) == {}

    window.tabs.setCurrentWidget(mentees)
    reads.take()
    window.undo_action.trigger()
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.OPEN
    assert reads.take() == {"mentees, some": 1, "attention": 1}
    assert "José Muñoz" in [r.name for r in mentees.model.rows_shown()]
    window.redo_action.trigger()
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.WITHDRAWN
    assert reads.take() == {"mentees, some": 1, "attention": 1}
    assert "José Muñoz" not in [r.name for r in mentees.model.rows_shown()]
    assert _shown(window, window.views[Role.MENTOR], reads) == {"mentors, some": 1}


def test_match_weights_read_the_board_only(
    make_window: MakeWindow, people: dict[str, AddedSignup], reads: Reads, db: Database
) -> None:
    window = make_window()
    for widget in (window.views[Role.MENTEE], window.pairs, window.board):
        _shown(window, widget, reads)
    reads.take()
    dialog = window.board.drafts.edit_weights()
    dialog.set_values(MatchWeights(topics=6.0))
    dialog.buttons.accepted.emit()
    assert reads.take() == {"board": 1}
    assert window.views[Role.MENTEE].pending.loaded and window.pairs.pending.loaded
    window.undo_action.trigger()
    assert get_program_settings(db).match_weights == MatchWeights().to_dict()
    assert reads.take() == {"board": 1}
    window.redo_action.trigger()
    assert MatchWeights.from_dict(get_program_settings(db).match_weights).topics == 6.0
    assert reads.take() == {"board": 1}


def test_a_note_reads_the_pairs_attention_and_board_not_the_people(
    make_window: MakeWindow, people: dict[str, AddedSignup], reads: Reads, db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    pair_id = propose_drafts(db, [draft.pair.id])[0].id
    window = make_window()
    for widget in (window.views[Role.MENTEE], window.views[Role.MENTOR], window.board):
        _shown(window, widget, reads)
    window.open_pair(pair_id)
    reads.take()
    monkeypatch.setattr(pairs_view.QInputDialog, "getMultiLineText",
                        lambda *_a: ("She will write on Monday.", True))
    window.pairs.add_note()
    assert [e.note for e in get_pair(db, pair_id).events if e.kind == "note"] == [
        "She will write on Monday."]
    assert reads.take() == {"pairs, some": 1, "attention": 1}
    assert "She will write on Monday." in window.pairs.timeline.browser.toPlainText()
    assert window.views[Role.MENTEE].pending.loaded and window.views[Role.MENTOR].pending.loaded
    assert not window.board.pending.loaded
    assert window.undo_stack.undoText() == "Note on Eva Müller → José Muñoz"
    window.undo_action.trigger()
    assert not [e for e in get_pair(db, pair_id).events if e.kind == "note"]
    assert reads.take() == {"pairs, some": 1, "attention": 1}
    assert "She will write on Monday." not in window.pairs.timeline.browser.toPlainText()
    window.redo_action.trigger()
    assert [e.note for e in get_pair(db, pair_id).events if e.kind == "note"] == [
        "She will write on Monday."]
    assert reads.take() == {"pairs, some": 1, "attention": 1}


def test_program_settings_read_every_view_shown(
    make_window: MakeWindow, people: dict[str, AddedSignup], reads: Reads, db: Database
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    reads.take()
    dialog = window.edit_settings()
    dialog.ui.waitingSpin.setValue(200)
    dialog._on_save()
    assert get_program_settings(db).waiting_alert_days == 200
    assert window.program.waiting_alert_days == 200
    assert reads.take() == {"mentees": 1, "attention": 1}
    assert window.attention.model.rowCount() == 2  # the 2026 mentees have not waited 200 days
    for view in (window.views[Role.MENTOR], window.pairs, window.board):
        assert not view.pending.loaded
    window.undo_action.trigger()
    assert window.program.waiting_alert_days == 60
    assert window.attention.model.rowCount() == 4
    assert reads.take() == {"mentees": 1, "attention": 1}


def test_a_board_drop_reads_the_board_and_only_the_rows_it_touched(
    make_window: MakeWindow, people: dict[str, AddedSignup], reads: Reads, db: Database
) -> None:
    from ams_desk.gui.board.mime import DragPayload

    window = make_window()
    for widget in (window.views[Role.MENTEE], window.views[Role.MENTOR], window.pairs,
                   window.board):
        _shown(window, widget, reads)
    reads.take()
    eva, jose = people["eva"], people["jose"]
    assert window.board.drafts.place(DragPayload(jose.signup_id), eva.signup_id)
    assert reads.take() == {"board": 1, "attention": 1}
    assert window.undo_stack.undoText() == "Place José Muñoz with Eva Müller"
    for view in (window.views[Role.MENTEE], window.views[Role.MENTOR], window.pairs):
        assert not view.pending.loaded
    assert _shown(window, window.pairs, reads) == {"pairs, some": 1}
    assert [r.mentee_name for r in window.pairs.model.all_rows()] == ["José Muñoz"]
    assert _shown(window, window.views[Role.MENTOR], reads) == {"mentors, some": 1}
    eva_row = next(r for r in window.views[Role.MENTOR].model.all_rows()
                   if r.signup_id == eva.signup_id)
    assert eva_row.taken == 1

    window.undo_action.trigger()  # on the Mentors tab now
    assert reads.take() == {"mentors, some": 1, "attention": 1}
    eva_row = next(r for r in window.views[Role.MENTOR].model.all_rows()
                   if r.signup_id == eva.signup_id)
    assert eva_row.taken == 0
    assert _shown(window, window.pairs, reads) == {"pairs, some": 1}
    assert window.pairs.model.all_rows() == []
    window.redo_action.trigger()
    assert reads.take() == {"pairs, some": 1, "attention": 1}
    assert [r.mentee_name for r in window.pairs.model.all_rows()] == ["José Muñoz"]
