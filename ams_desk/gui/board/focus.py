"""The mentee in focus on the board: who may take them, said on the mentors and the hint line.

:class:`FocusHints` is one part of :class:`~ams_desk.gui.board.board_view.BoardView`:
while a mentee is selected or dragged, it marks each mentor allowed or
refused (with the rules' sentences) and explains the mentor under the pointer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ams_desk.core.eligibility import Candidate, RuleResult, refusals
from ams_desk.core.scoring import score_pair
from ams_desk.core.text import count
from ams_desk.gui.board.mime import DragPayload
from ams_desk.store.board import blocked_rules, mentor_scores, rule_results

if TYPE_CHECKING:
    from ams_desk.gui.board.board_view import BoardView
    from ams_desk.gui.board.models import MentorCard, PairLine


def _them(n: int) -> str:
    return count(n, "mentor")


class FocusHints:
    """Verdicts and hints for the selected or dragged mentee."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        self._drag: tuple[DragPayload, Candidate] | None = None

    @staticmethod
    def refusal_text(mentor: Candidate, mentee: Candidate, refused: list[RuleResult]) -> str:
        reasons = " ".join(r.reason for r in refused)
        return f"{mentor.person.name} cannot take {mentee.person.name}: {reasons}"

    def update(self) -> None:
        """Mark the mentors allowed or refused for the selected mentee, and say so."""
        view = self._view
        board, mentee = view.board, view.selected_mentee()
        if board is None or mentee is None:
            view.mentor_model.set_verdicts(None, dragging=False)
            view.mentor_model.rank_for_focus(None)
            if board is not None and not board.years:
                view.set_hint("There are no sign-ups yet.")
            else:
                view.set_hint("Drag a waiting mentee onto a mentor to place a draft, or select "
                              "a mentee and a mentor and press Enter. Suggest fills the free "
                              "places; Propose asks the mentors.")
            return
        verdicts = blocked_rules(board, mentee.candidate)
        view.mentor_model.set_verdicts(verdicts, dragging=False)
        view.mentor_model.rank_for_focus(mentor_scores(board, mentee.candidate))
        allowed = sum(1 for v in verdicts if not v)
        view.set_hint(f"Placing {mentee.name}: {_them(allowed)} of {len(verdicts)} may take "
                      "them (marked green). Drag them onto one, or select one and press Enter.")

    def drag_entered(self, payload: DragPayload) -> None:
        view = self._view
        mentee = view.mentee_of(payload)
        if view.board is None or mentee is None:
            return
        self._drag = (payload, mentee)
        verdicts = blocked_rules(view.board, mentee, moving_pair_id=payload.pair_id)
        view.mentor_model.set_verdicts(verdicts, dragging=True)
        allowed = sum(1 for v in verdicts if not v)
        view.set_hint(f"Drop {mentee.person.name} on a mentor: {_them(allowed)} of "
                      f"{len(verdicts)} may take them (green).")

    def drag_hovered(self, mentor_signup_id: int | None) -> None:
        view = self._view
        if self._drag is None or view.board is None:
            return
        payload, mentee = self._drag
        mentor = view.mentor(mentor_signup_id) if mentor_signup_id is not None else None
        if mentor is None:
            self.drag_entered(payload)
            return
        if payload.from_mentor_signup_id == mentor.signup.id:
            view.set_hint(f"{mentee.person.name}'s draft is with {mentor.person.name} already.")
            return
        refused = refusals(rule_results(view.board, mentor, mentee,
                                        moving_pair_id=payload.pair_id))
        if refused:
            view.set_hint(self.refusal_text(mentor, mentee, refused), refused=True)
            return
        board = view.board
        score = score_pair(mentor, mentee, ladder=board.ladder, weights=board.weights,
                           today=board.today)
        view.set_hint(f"Drop to place {mentee.person.name} with {mentor.person.name} "
                      f"(score {score.total:.2f}).")

    def drag_left(self) -> None:
        self._drag = None
        self.update()

    def mentor_tooltip(self, card: MentorCard, line: PairLine | None) -> str:
        """The tooltip of a mentor card, or of one of its pairs (``line``)."""
        if line is not None:
            how = ("Drag it to another mentor to move it; Delete takes it off the board."
                   if line.pair.is_draft else "Follow it on the Pairs tab.")
            return (f"{line.status_label}: {line.mentee_name}, score "
                    f"{line.pair.score.total:.2f}.\n{how}")
        view = self._view
        mentee = view.selected_mentee()
        if mentee is not None and view.board is not None:
            refused = refusals(rule_results(view.board, card.candidate, mentee.candidate))
            if refused:
                return "\n• ".join([f"{card.name} cannot take {mentee.name}:",
                                    *(r.reason for r in refused)])
            return f"{card.name} may take {mentee.name}. Press Enter to place the draft."
        offers = ", ".join(card.topics) or "no topics named"
        return (f"{card.label}: {card.free} of the {card.capacity} places this sign-up offers "
                f"in all are free.\nOffers: {offers}.")


__all__ = ["FocusHints"]
